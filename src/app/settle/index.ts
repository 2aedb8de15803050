export { assignPayment, type AssignOutcome, type AssignRequest, type AssignResult, type SettleDeps } from './assign.js';
export { dismissPayment, type DismissResult } from './dismiss.js';
export { displayCode, resolvePaymentKey, settledBy } from './lookup.js';
export { formatWait, reviewQueue, type ReviewCandidate, type ReviewItem } from './queue.js';
export { paymentStory, type PaymentStory, type StoryMessage } from './story.js';
export { openSettle, shopFor, type SettleCommandOptions, type SettleContext } from './context.js';
