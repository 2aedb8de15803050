import { describeProviderCases } from './cases.js';

describeProviderCases('tigo-tz');
