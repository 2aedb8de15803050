import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { learnProvider, toProviderDef } from '../../../src/core/learn/learn.js';
import type { LearntProvider, Question } from '../../../src/core/learn/types.js';
import { parseAmount } from '../../../src/core/money.js';
import { parseSms } from '../../../src/core/sms/parse.js';
import type { ProviderDef } from '../../../src/core/sms/provider.js';
import { BUILT_IN_PROVIDERS } from '../../../src/core/sms/providers/index.js';
import type { ParsedSms } from '../../../src/core/sms/types.js';
import { loadSharedSamples } from '../../helpers/samples.js';
import { makeRandom, variantOf } from './variants.js';

/**
 * Treats a provider as unknown: learns it from three samples of one shape, then reads the others with the
 * learnt template only. The truth for every sample (real or generated) is what the hand-written built-in
 * template reads from it, which the provider tests pin to the fixtures' expected values.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FIELDS = ['code', 'amountMinor', 'currency', 'payerName', 'payerPhone', 'account', 'balanceMinor', 'occurredAt'] as const;
const NON_PAYMENT_KINDS = new Set(['sent', 'withdrawal', 'deposit', 'airtime', 'bill_payment', 'balance', 'failed', 'reversal', 'refund', 'loan', 'loan_repayment', 'interest', 'transfer', 'otp', 'promo']);

export interface Shape {
  provider: ProviderDef;
  template: string;
  real: string[];
}

export interface ProviderTexts {
  payments: Shape[];
  nonPayments: string[];
}

interface FixtureCase {
  from: string;
  text: string;
  expected: { kind?: string; trusted?: boolean };
}

/** Each built-in provider's trusted payment SMS, grouped by the template that reads them, and its non-payments. */
export function collectTexts(): Map<string, ProviderTexts> {
  const byProvider = new Map<string, ProviderTexts>();
  const entry = (id: string): ProviderTexts => {
    let e = byProvider.get(id);
    if (!e) byProvider.set(id, (e = { payments: [], nonPayments: [] }));
    return e;
  };
  const add = (provider: ProviderDef, text: string): void => {
    const parsed = parseSms({ from: provider.senderIds[0]!, text });
    if (parsed.kind === 'payment' && parsed.provider === provider.id) {
      const shapes = entry(provider.id).payments;
      let shape = shapes.find((s) => s.template === parsed.template);
      if (!shape) shapes.push((shape = { provider, template: parsed.template!, real: [] }));
      if (!shape.real.includes(text)) shape.real.push(text);
    } else if (NON_PAYMENT_KINDS.has(parsed.kind) || parsed.provider === provider.id) {
      entry(provider.id).nonPayments.push(text);
    }
  };
  const fixtures = join(root, 'fixtures', 'sms');
  for (const dir of readdirSync(fixtures)) {
    const provider = BUILT_IN_PROVIDERS.find((p) => p.id === dir);
    const file = join(fixtures, dir, 'cases.json');
    if (!provider || !existsSync(file)) continue;
    for (const c of JSON.parse(readFileSync(file, 'utf8')) as FixtureCase[]) {
      if (c.expected.trusted === false) continue;
      if (c.expected.kind === 'payment' || NON_PAYMENT_KINDS.has(c.expected.kind ?? '')) add(provider, c.text);
    }
  }
  for (const sample of loadSharedSamples() ?? []) {
    if (sample.kind === 'spoof' || sample.kind === 'scam') continue;
    const probe = parseSms({ from: sample.sender, text: sample.text });
    const provider = BUILT_IN_PROVIDERS.find((p) => p.id === probe.provider);
    if (provider) add(provider, sample.text);
  }
  return byProvider;
}

/** Real samples first, then generated ones the built-in reads with the same template, up to `size`. */
export function poolOf(shape: Shape, size: number, seed: number): string[] {
  const template = shape.provider.templates.find((t) => t.name === shape.template)!;
  const random = makeRandom(seed);
  const pool = [...shape.real];
  for (let attempt = 0; pool.length < size && attempt < size * 20; attempt++) {
    const base = shape.real[attempt % shape.real.length]!;
    const variant = variantOf(base, template, shape.provider.dateOrder === 'DMY', random);
    if (variant === null || pool.includes(variant)) continue;
    const parsed = parseSms({ from: shape.provider.senderIds[0]!, text: variant });
    if (parsed.kind === 'payment' && parsed.provider === shape.provider.id && parsed.template === shape.template) pool.push(variant);
  }
  return pool;
}

const squash = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().toUpperCase() : v);

/** The answer a person who knows the truth gives: derived from what the built-in reads from each sample. */
export function oracle(question: Question, truths: readonly ParsedSms[], provider: ProviderDef): string {
  if (question.id === 'date-order') return provider.dateOrder;
  // A person who sees that a part is printed only sometimes says so; other shape differences stop the attempt.
  if (question.id.startsWith('shape-')) return question.choices.find((c) => c.value.startsWith('optional'))?.value ?? 'stop';
  const values = question.values;
  const every = (test: (value: string, truth: ParsedSms) => boolean): boolean => values.every((v, i) => test(v, truths[i]!));
  if (question.id.startsWith('money-')) {
    const minor = (v: string, t: ParsedSms): number | undefined => parseAmount(v.replace(/[^\d.,' ]/g, ''), t.currency ?? provider.currency)?.minor;
    if (every((v, t) => minor(v, t) === t.amountMinor)) return 'amount';
    if (every((v, t) => minor(v, t) === t.balanceMinor)) return 'balance';
    return 'fee';
  }
  const contains = (v: string, field: string | null): boolean => field !== null && squash(v) !== '' && String(squash(v)).includes(String(squash(field)));
  if (every((v, t) => contains(v, t.code))) return 'code';
  if (every((v, t) => t.payerName !== null && contains(v, t.payerName))) return 'name';
  if (every((v, t) => t.account !== null && contains(v, t.account))) return 'account';
  if (question.choices.some((c) => c.value === 'phone') && every((v, t) => t.payerPhone !== null && t.payerPhone.replace(/\D/g, '').endsWith(v.replace(/\D/g, '').slice(-6)))) return 'phone';
  return 'other';
}

export interface ShapeResult {
  provider: string;
  template: string;
  learntFrom: number[];
  learnt: LearntProvider | null;
  failure: string | null;
  questions: number;
  tested: number;
  fieldsRight: number;
  fieldsTotal: number;
  read: number;
  /** References read where the built-in reads none (`Reason: …`, `Du compte: …`): reported, not scored. */
  extraAccounts: number;
}

/** Learns from one triple after another until one gives a template (a person would paste other samples). */
export function learnShape(shape: Shape, pool: readonly string[]): ShapeResult {
  const truths = pool.map((text) => parseSms({ from: shape.provider.senderIds[0]!, text }));
  const result: ShapeResult = { provider: shape.provider.id, template: shape.template, learntFrom: [], learnt: null, failure: null, questions: 0, tested: 0, fieldsRight: 0, fieldsTotal: 0, read: 0, extraAccounts: 0 };
  const triples = tripleOrder(pool.length);
  for (const triple of triples.slice(0, 40)) {
    const answers: Record<string, string> = {};
    const samples = triple.map((i) => pool[i]!);
    const input = { samples, id: `learnt-${shape.provider.id}`, name: 'learnt', senderIds: ['LEARNT'], currency: shape.provider.currency, callingCode: shape.provider.callingCode, country: shape.provider.country, timeZone: shape.provider.utcOffset, answers };
    let outcome = learnProvider(input);
    for (let round = 0; !outcome.ok && outcome.questions && round < 10; round++) {
      for (const q of outcome.questions) {
        answers[q.id] = oracle(q, triple.map((i) => truths[i]!), shape.provider);
        result.questions++;
      }
      outcome = learnProvider(input);
    }
    if (outcome.ok) {
      result.learnt = outcome.provider;
      result.learntFrom = triple;
      result.failure = null;
      break;
    }
    result.failure = outcome.failure ?? outcome.questions?.[0]?.about ?? 'unknown';
  }
  const rest = pool.map((_, i) => i).filter((i) => !result.learntFrom.includes(i));
  const def = result.learnt ? toProviderDef(result.learnt, shape.provider.utcOffset) : null;
  for (const i of rest) {
    const truth = truths[i]!;
    const got = def ? parseSms({ from: 'LEARNT', text: pool[i]! }, { providers: [def] }) : null;
    const ours = got !== null && got.provider === def!.id && got.kind === 'payment';
    result.tested++;
    if (ours) result.read++;
    for (const field of FIELDS) {
      const want = squash(truth[field]);
      const have = ours ? squash(got[field]) : null;
      if (want === null && have === null) continue;
      if (field === 'account' && want === null) {
        result.extraAccounts++;
        continue;
      }
      result.fieldsTotal++;
      if (want === have) result.fieldsRight++;
    }
  }
  return result;
}

/** Triples in a fixed order: the first three samples first (real ones come first in a pool). */
function tripleOrder(n: number): number[][] {
  const out: number[][] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) for (let c = b + 1; c < n; c++) out.push([a, b, c]);
  return out;
}
