import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SharedSample {
  id: string;
  provider: string;
  country: string;
  sender: string | null;
  text: string;
  kind: string;
  expected: {
    code: string | null;
    amount: number | null;
    currency: string | null;
    name: string | null;
    phone: string | null;
    account: string | null;
    balance: number | null;
    datetime_text: string | null;
  };
  note?: string;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_SAMPLES_PATH = join(repoRoot, '..', 'shared', 'reference', 'sms-samples.jsonl');

/** The shared corpus lives beside the repository (CI lays it there); null when it is absent. */
export function loadSharedSamples(): SharedSample[] | null {
  if (!existsSync(SHARED_SAMPLES_PATH)) return null;
  return readFileSync(SHARED_SAMPLES_PATH, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SharedSample);
}

export function squash(text: string | null | undefined): string | null {
  return text == null ? null : text.replace(/\s+/g, ' ').trim();
}
