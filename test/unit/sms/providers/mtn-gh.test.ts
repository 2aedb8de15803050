import { describeProviderCases } from './cases.js';

describeProviderCases('mtn-gh');
