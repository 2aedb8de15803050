import { describeProviderCases } from './cases.js';

describeProviderCases('sahal-so');
