import { describeProviderCases } from './cases.js';

describeProviderCases('airtel-ke');
