export { codeKey, matchPayments } from './engine.js';
export { compareNames, nameTokens, namesMatch } from './names.js';
export type { Decision, DecisionKind, EvidenceKind, MatchConfig, MatchHistory, MatchInput, MatchMessage } from './types.js';
export { DEFAULT_MATCH_CONFIG, EVIDENCE_ORDER } from './types.js';
export { DECLARED_META } from './order-index.js';
