import { describeProviderCases } from './cases.js';

describeProviderCases('orange-bf');
