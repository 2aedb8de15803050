import { describeProviderCases } from './cases.js';

describeProviderCases('mpamba-mw');
