/**
 * Multipart joins, CRLFs, double spaces and invisible characters must not change what a template sees, so
 * templates run against one canonical form: NFC, no control or zero-width characters, single spaces.
 * Messages longer than MAX_SMS_CHARS are not payment SMS (a real receipt is under ~700 characters) and are
 * cut there so that no regex ever scans megabytes.
 */
export const MAX_SMS_CHARS = 2000;

export function normaliseText(raw: string): { text: string; truncated: boolean } {
  const truncated = raw.length > MAX_SMS_CHARS * 2;
  const head = truncated ? raw.slice(0, MAX_SMS_CHARS * 2) : raw;
  const text = head
    .normalize('NFC')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u00a0\u2028\u2029\u202f\u3000]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return { text: text.slice(0, MAX_SMS_CHARS), truncated: truncated || text.length > MAX_SMS_CHARS };
}

/** Names as SMS print them: single spaces, no trailing punctuation (`MORRIS M.` keeps its initial's dot). */
export function cleanName(raw: string | undefined): string | null {
  if (!raw) return null;
  const name = raw.replace(/\s+/g, ' ').replace(/\s+\.$/, '').replace(/^[\s,;:-]+|[\s,;:-]+$/g, '').trim();
  return name.length > 0 ? name : null;
}
