import { describeProviderCases } from './cases.js';

describeProviderCases('telebirr-et');
