import { describeProviderCases } from './cases.js';

describeProviderCases('moov-bf');
