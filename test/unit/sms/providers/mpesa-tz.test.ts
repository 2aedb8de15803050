import { describeProviderCases } from './cases.js';

describeProviderCases('mpesa-tz');
