import { describeProviderCases } from './cases.js';

describeProviderCases('airteltigo-gh');
