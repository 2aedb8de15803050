import { describeProviderCases } from './cases.js';

describeProviderCases('telecel-bf');
