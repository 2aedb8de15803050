import { normaliseText } from '../sms/normalise.js';
import { parseSms } from '../sms/parse.js';
import type { ProviderDef } from '../sms/provider.js';
import { template } from '../sms/provider.js';
import type { DateOrder } from '../sms/datetime.js';
import { align } from './align.js';
import { assignRoles, settle } from './classify.js';
import { buildElements, markCurrencyGaps } from './elements.js';
import { lookAlikes } from './lookalikes.js';
import { buildPattern } from './pattern.js';
import { shapeQuestion } from './shape.js';
import { tokenise } from './tokenise.js';
import type { Answers, Element, LearnInput, LearnOutcome, LearntProvider, Question, Reading } from './types.js';

export const MIN_SAMPLES = 3;
const MAX_PATTERN = 2000;

/**
 * Learns one provider's incoming-payment template from samples of that SMS. Pure: the same samples and answers
 * always give the same outcome, which is a provider definition, the questions still open, or a failure that
 * names what would settle it.
 */
export function learnProvider(input: LearnInput): LearnOutcome {
  const answers: Answers = input.answers ?? {};
  const all = input.samples.map((s) => normaliseText(s).text).filter((s) => s !== '');
  const dropped = droppedSamples(answers);
  const samples = all.filter((_, i) => !dropped.has(i + 1));
  if (samples.length < MIN_SAMPLES) {
    return { ok: false, failure: `${samples.length === all.length ? '' : 'after leaving some out, '}only ${samples.length} sample${samples.length === 1 ? '' : 's'} to learn from; at least ${MIN_SAMPLES} are needed`, settle: 'paste three or more incoming-payment SMS of this provider, separated by blank lines' };
  }
  const tokens = samples.map(tokenise);
  const elements = buildElements(tokens, align(tokens));
  markCurrencyGaps(elements);
  assignRoles(elements, input.callingCode);
  // Shape first: a part printed only sometimes is settled before asking what the parts are.
  for (let shape = shapeQuestion(elements, samples.length); shape; shape = shapeQuestion(elements, samples.length)) {
    const answer = answers[shape.id];
    const element = elements[Number(shape.id.slice('shape-'.length))]!;
    if (answer === undefined) return { ok: false, questions: [shape] };
    if (answer === 'optional') element.role = 'optional';
    else if (answer === 'optional-phone') element.optionalPhone = true;
    else return { ok: false, failure: `the samples are not one SMS shape: ${shape.about}`, settle: shape.settle };
  }
  const questions = settle(elements, answers);
  if (!elements.some((e) => e.role === 'amount') && questions.length === 0) {
    return { ok: false, failure: 'no sum in the samples is marked as the amount received (no currency and word such as "received", "reçu", "recebeste", "umepokea" or "amount" beside it in every sample)', settle: 'paste incoming-payment SMS only (money received), all of one provider' };
  }
  const order = dateOrder(elements, answers);
  if (typeof order !== 'string') {
    if ('failure' in order) return { ok: false, failure: order.failure, settle: order.settle };
    questions.push(order);
  }
  if (questions.length > 0) return { ok: false, questions };
  const { pattern, end } = buildPattern(elements);
  if (pattern.length > MAX_PATTERN) {
    return { ok: false, failure: `the learnt pattern is ${pattern.length} characters, more than the ${MAX_PATTERN} a config template may have`, settle: 'paste the SMS without the operator\'s advert tail' };
  }
  const provider: LearntProvider = {
    id: input.id, name: input.name, country: input.country, senderIds: [...input.senderIds], currency: input.currency,
    callingCode: input.callingCode, timeZone: input.timeZone, dateOrder: order as DateOrder,
    templates: [{ name: 'received', kind: 'payment', pattern, flags: 'i', organisation: false, tailIsFooter: true }],
  };
  return verify(provider, input, all, samples, elements.slice(0, end + 1));
}

function droppedSamples(answers: Answers): Set<number> {
  const out = new Set<number>();
  for (const [id, value] of Object.entries(answers)) {
    if (id.startsWith('shape-') && value.startsWith('drop:')) for (const n of value.slice(5).split(',')) out.add(Number(n));
  }
  return out;
}

/** Day-first or month-first, from a day above 12 in some sample; ISO dates say it themselves. */
function dateOrder(elements: readonly Element[], answers: Answers): DateOrder | Question | { failure: string; settle: string } {
  const dates = elements.filter((e) => e.role === 'date').flatMap((e) => e.tokens.map((t) => t[0]!)).filter((t) => t.type === 'date');
  const numeric = dates.filter((t) => !/^\d{4}-/.test(t.text)).map((t) => t.text.split(/[/.-]/).map(Number));
  const dayFirst = numeric.some(([a]) => a! > 12);
  const monthFirst = numeric.some(([, b]) => b! > 12);
  if (dayFirst && monthFirst) return { failure: `the samples' dates disagree on order (${dates.map((t) => t.text).join(', ')}): some only make sense day-first, others month-first`, settle: 'paste samples of one provider only' };
  if (dayFirst) return 'DMY';
  if (monthFirst) return 'MDY';
  if (numeric.length === 0) return 'DMY';
  const answer = answers['date-order'];
  if (answer === 'DMY' || answer === 'MDY') return answer;
  return {
    id: 'date-order',
    about: `whether the dates (${dates.map((t) => t.text).join(', ')}) are day/month or month/day: no day above 12 tells`,
    settle: 'answer, pass --date-order DMY|MDY, or add a sample dated after the 12th of a month',
    values: dates.map((t) => t.text),
    choices: [{ value: 'DMY', label: 'day first (31/12/2026)' }, { value: 'MDY', label: 'month first (12/31/2026)' }],
  };
}

/** The parser's own view of a learnt provider, exactly as `loadConfig` will build it from the config. */
export function toProviderDef(p: LearntProvider, utcOffset: string): ProviderDef {
  return {
    id: p.id, name: p.name, country: p.country, callingCode: p.callingCode, currency: p.currency, utcOffset, dateOrder: p.dateOrder,
    senderIds: p.senderIds, templates: p.templates.map((t) => ({ ...template(t.name, t.kind, t.pattern), pattern: new RegExp(t.pattern, t.flags), tailIsFooter: t.tailIsFooter })),
  };
}

function verify(provider: LearntProvider, input: LearnInput, all: readonly string[], used: readonly string[], elements: readonly Element[]): LearnOutcome {
  const offset = /^[+-]\d\d:\d\d$/.test(input.timeZone) ? input.timeZone : '+00:00';
  // Checked under an id no built-in has, so a built-in that reads the same text (one this provider replaces) is not counted.
  const def = { ...toProviderDef(provider, offset), id: `learnt:${provider.id}` };
  const from = provider.senderIds[0]!;
  const readings: Reading[] = [];
  for (const [index, text] of all.entries()) {
    const parsed = parseSms({ from, text }, { providers: [def] });
    const ours = parsed.provider === def.id && parsed.kind === 'payment';
    if (!ours && used.includes(text)) {
      return { ok: false, failure: `the learnt template does not read sample ${index + 1} (${parsed.untrustedReason ?? parsed.kind}); this is a bug in smsmatch learn`, settle: 'report it with the samples; meanwhile write the template by hand (README → Adding a provider)' };
    }
    readings.push({
      sample: index + 1, code: ours ? parsed.code : null, amount: ours ? parsed.amount : null, currency: ours ? parsed.currency : null, name: ours ? parsed.payerName : null,
      phone: ours ? parsed.payerPhone : null, account: ours ? parsed.account : null, balance: ours ? parsed.balance : null, occurredAt: ours ? parsed.occurredAt : null,
    });
  }
  const variants = used.flatMap((text) => lookAlikes(text, def.templates[0]!.pattern.exec(text)?.[0].length ?? text.length));
  const accepted = variants.filter((text) => {
    const parsed = parseSms({ from, text }, { providers: [def] });
    return parsed.provider === def.id && parsed.kind === 'payment';
  });
  const fixedWording = elements.filter((e) => e.role === 'fixed' && e.tokens[0]![0]!.type === 'word').map((e) => e.tokens[0]![0]!.text);
  return {
    ok: true, provider, readings, fixedWording, lookAlikes: { checked: variants.length, accepted },
    guarantees: [
      `only SMS from ${provider.senderIds.join(', ')} are trusted; the same text from any other sender is reported as untrusted`,
      'a payment is read only when the text starts with and keeps, in order, the fixed wording shown (accents and line breaks aside)',
      `checked against ${variants.length} generated look-alikes (sent, paid, withdrawn, airtime, "to" instead of "from", failed, reversed, agent cash-in, promotions): ${accepted.length === 0 ? 'none is read as a payment' : `${accepted.length} would be read as a payment`}`,
      'texts that mention a reversal, a failure, agent cash-in or a loan are never payments, whatever the template says',
    ],
  };
}
