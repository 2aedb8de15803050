import { describeProviderCases } from './cases.js';

describeProviderCases('ecocash-zw');
