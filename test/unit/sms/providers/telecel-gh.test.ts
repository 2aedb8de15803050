import { describeProviderCases } from './cases.js';

describeProviderCases('telecel-gh');
