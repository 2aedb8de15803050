import { describeProviderCases } from './cases.js';

describeProviderCases('emola-mz');
