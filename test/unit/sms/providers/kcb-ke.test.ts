import { describeProviderCases } from './cases.js';

describeProviderCases('kcb-ke');
