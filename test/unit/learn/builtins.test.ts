import { afterAll, describe, expect, it } from 'vitest';
import { toProviderDef } from '../../../src/core/learn/learn.js';
import { parseSms } from '../../../src/core/sms/parse.js';
import { collectTexts, learnShape, poolOf, type ShapeResult } from './evaluate.js';
import { makeRandom } from './variants.js';

/**
 * Every built-in provider treated as unknown: learnt from three samples of each of its payment shapes (real
 * ones from the fixtures and the shared corpus; generated ones where a shape has fewer than 4), then asked to
 * read the rest and all of the provider's non-payments. Figures per provider are printed; the assertions are
 * ≥ 90 % of fields right overall and not one non-payment read as a payment.
 */
const texts = collectTexts();
const results: ShapeResult[] = [];
const falsePayments: string[] = [];
let nonPaymentsChecked = 0;
const skipped: string[] = [];

describe('learning each built-in provider from three of its samples', () => {
  for (const [id, provider] of texts) {
    for (const shape of provider.payments) {
      it(`${id} / ${shape.template}`, () => {
        const pool = poolOf(shape, Math.max(8, shape.real.length), id.length * 977 + shape.template.length);
        // A shape the generator cannot vary (nothing to change but fixed wording) has too few samples to test.
        if (pool.length < 4) {
          skipped.push(`${id}/${shape.template} (${pool.length} sample${pool.length > 1 ? 's' : ''})`);
          return;
        }
        const result = learnShape(shape, pool);
        results.push(result);
        if (!result.learnt) return;
        // The template reads every sample it was learnt from.
        const def = toProviderDef(result.learnt, shape.provider.utcOffset);
        for (const i of result.learntFrom) expect(parseSms({ from: 'LEARNT', text: pool[i]! }, { providers: [def] }).kind).toBe('payment');
        // Non-payments of the same sender (real ones, and the same with other names and sums) are never payments.
        const random = makeRandom(id.length);
        const negatives = [...provider.nonPayments, ...provider.nonPayments.map((t) => t.replace(/\d/g, () => String(Math.floor(random() * 10))))];
        for (const text of negatives) {
          nonPaymentsChecked++;
          const parsed = parseSms({ from: 'LEARNT', text }, { providers: [def] });
          if (parsed.kind === 'payment' && parsed.provider === def.id) falsePayments.push(`${id}/${shape.template}: ${text.slice(0, 100)}`);
        }
      });
    }
  }

  it('reads at least 90 % of fields right overall and takes no non-payment for a payment', () => {
    const right = results.reduce((n, r) => n + r.fieldsRight, 0);
    const total = results.reduce((n, r) => n + r.fieldsTotal, 0);
    expect(results.length).toBeGreaterThan(20);
    expect(total).toBeGreaterThan(200);
    expect(falsePayments).toEqual([]);
    expect(right / total).toBeGreaterThanOrEqual(0.9);
  });
});

afterAll(() => {
  const byProvider = new Map<string, { right: number; total: number; shapes: number; learnt: number; tested: number; read: number; questions: number }>();
  for (const r of results) {
    const e = byProvider.get(r.provider) ?? { right: 0, total: 0, shapes: 0, learnt: 0, tested: 0, read: 0, questions: 0 };
    e.right += r.fieldsRight;
    e.total += r.fieldsTotal;
    e.shapes++;
    e.learnt += r.learnt ? 1 : 0;
    e.tested += r.tested;
    e.read += r.read;
    e.questions += r.questions;
    byProvider.set(r.provider, e);
  }
  const lines = ['provider        shapes learnt  samples read  fields right  questions'];
  let right = 0;
  let total = 0;
  for (const [id, e] of [...byProvider].sort()) {
    right += e.right;
    total += e.total;
    lines.push(`${id.padEnd(15)} ${String(e.shapes).padStart(6)} ${String(e.learnt).padStart(6)}  ${`${e.read}/${e.tested}`.padStart(12)}  ${`${((100 * e.right) / Math.max(1, e.total)).toFixed(1)} %`.padStart(12)}  ${String(e.questions).padStart(9)}`);
  }
  lines.push(`overall: ${((100 * right) / Math.max(1, total)).toFixed(1)} % of ${total} fields right; ${nonPaymentsChecked} non-payments checked, ${falsePayments.length} read as payments`);
  lines.push(`references read where the built-in reads none (not scored): ${results.reduce((n, r) => n + r.extraAccounts, 0)}`);
  for (const r of results.filter((x) => !x.learnt)) lines.push(`  not learnt: ${r.provider}/${r.template}: ${r.failure}`);
  for (const s of skipped) lines.push(`  too few samples to test: ${s}`);
  console.log(lines.join('\n'));
});
