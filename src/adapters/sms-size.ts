/**
 * The size cap on one SMS. A concatenated SMS is at most a few KB in practice: phones and operators join up to
 * about 10 parts (153 GSM characters, or 67 UCS-2 characters, each), and every mobile-money notice fits in three.
 * 4 KB (4,096 bytes of UTF-8) holds 26 GSM parts, far beyond any real message, so anything longer is junk or an
 * attack. It is never dropped silently: its first 4 KB are kept with the original size and SHA-256, it is marked
 * cut, and it is never trusted as a payment.
 */
import { createHash } from 'node:crypto';
import type { IncomingSms } from '../core/sms/types.js';

export const SMS_MAX_BYTES = 4096;

/** Set on an SMS whose text was cut: the original's size and SHA-256 (hex), so it can still be identified. */
export interface TruncatedMark {
  originalBytes: number;
  sha256: string;
}

/** The first `max` bytes of a UTF-8 text, never splitting a character. */
export function utf8Prefix(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return text;
  let end = max;
  // Step back over continuation bytes (10xxxxxx) so the cut falls on a character boundary.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/** Caps the SMS text; an earlier cut (by the drop-box plugin) is kept as the mark, since it saw the original. */
export function capSms(raw: IncomingSms, earlier: TruncatedMark | null = null): { raw: IncomingSms; truncated: TruncatedMark | null } {
  const bytes = Buffer.byteLength(raw.message, 'utf8');
  if (bytes <= SMS_MAX_BYTES) return { raw, truncated: earlier };
  const mark = earlier ?? { originalBytes: bytes, sha256: createHash('sha256').update(raw.message, 'utf8').digest('hex') };
  return { raw: { ...raw, message: utf8Prefix(raw.message, SMS_MAX_BYTES) }, truncated: mark };
}

export function describeCut(messageId: string, from: string, mark: TruncatedMark): string {
  return `SMS ${messageId} from ${from.slice(0, 40)} was ${mark.originalBytes.toLocaleString('en-US')} bytes, more than any real SMS (${SMS_MAX_BYTES} bytes): kept its first ${SMS_MAX_BYTES} bytes and its SHA-256 ${mark.sha256.slice(0, 16)}…; it is never trusted as a payment`;
}
