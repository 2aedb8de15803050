import { describeProviderCases } from './cases.js';

describeProviderCases('airtel-zm');
