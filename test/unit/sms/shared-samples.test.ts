import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../src/core/money.js';
import { normalisePhone } from '../../../src/core/phone.js';
import { parseSms } from '../../../src/core/sms/parse.js';
import { BUILT_IN_PROVIDERS } from '../../../src/core/sms/providers/index.js';
import { loadSharedSamples, squash } from '../../helpers/samples.js';

const samples = loadSharedSamples();

// Where the corpus does not name the sender, the SMS is taken to come from the provider's first sender ID.
function senderFor(sample: { sender: string | null }, providerId: string | null): string {
  if (sample.sender) return sample.sender;
  const provider = BUILT_IN_PROVIDERS.find((p) => p.id === providerId);
  return provider?.senderIds[0] ?? 'UNKNOWN';
}

describe.skipIf(samples === null)('shared corpus ../shared/reference/sms-samples.jsonl', () => {
  const received = (samples ?? []).filter((s) => s.kind === 'received');
  const others = (samples ?? []).filter((s) => s.kind !== 'received');

  it.each(received.map((s) => [s.id, s] as const))('%s parses as a trusted payment with the expected fields', (_id, sample) => {
    const probe = parseSms({ from: sample.sender, text: sample.text });
    const parsed = parseSms({ from: senderFor(sample, probe.provider), text: sample.text });
    const e = sample.expected;

    expect(parsed.kind, `${sample.id}: ${parsed.untrustedReason ?? ''}`).toBe('payment');
    expect(parsed.trusted).toBe(true);
    expect(parsed.code).toBe(e.code);
    expect(parsed.currency).toBe(e.currency);
    expect(parsed.amountMinor).toBe(parseAmount(String(e.amount), e.currency!)!.minor);
    expect(squash(parsed.payerName)).toBe(squash(e.name));
    const callingCode = BUILT_IN_PROVIDERS.find((p) => p.id === parsed.provider)!.callingCode;
    expect(parsed.payerPhone).toBe(e.phone === null ? null : normalisePhone(e.phone, callingCode));
    expect(squash(parsed.account)).toBe(squash(e.account));
    expect(parsed.balance === null ? null : Number(parsed.balance)).toBe(e.balance);
    if (e.datetime_text !== null && /\d{1,4}[-/]\d{1,2}[-/]\d{2,4}/.test(e.datetime_text)) {
      expect(parsed.occurredAt, 'a date in the text gives occurredAt').not.toBeNull();
    }
  });

  it.each(others.map((s) => [s.id, s.kind, s] as const))('%s (%s) is never a trusted payment', (_id, kind, sample) => {
    const forged = kind === 'spoof' || kind === 'scam';
    // Forgeries come from ordinary numbers; the other negatives from the operator's own sender ID.
    const from = forged ? (sample.sender ?? '+254711000111') : senderFor(sample, parseSms({ from: sample.sender, text: sample.text }).provider);

    const parsed = parseSms({ from, text: sample.text });

    if (forged) {
      expect(parsed.kind === 'payment' && parsed.trusted).toBe(false);
      expect(parsed.trusted).toBe(false);
    } else {
      expect(parsed.kind).not.toBe('payment');
    }
  });
});
