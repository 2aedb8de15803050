import { describeProviderCases } from './cases.js';

describeProviderCases('selcom-tz');
