import { describeProviderCases } from './cases.js';

describeProviderCases('zamtel-zm');
