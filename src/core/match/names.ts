/**
 * Name comparison tolerant of what mobile-money SMS do to names: upper case, any order, accents dropped,
 * initials, and Safaricom keeping only two names of three.
 */
export function nameTokens(raw: string | null | undefined): string[] {
  if (!raw) return [];
  // Most names are plain ASCII; decomposing accents is only needed for the rest.
  const plain = /^[\x20-\x7e]*$/.test(raw) ? raw : raw.normalize('NFD').replace(/\p{M}/gu, '');
  return plain
    .toUpperCase()
    // Apostrophes and stray asterisks sit inside names (NDUNG'U, CH*ACHA); everything else separates.
    .replace(/['’`*]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

export interface NameComparison {
  score: number;
  full: number;
  initials: number;
}

/**
 * Pairs tokens exact-first, then initials (`J` ~ `JOHN`), each token used once. Returns `full * 65536 + initials`;
 * bit masks stand in for copied lists since this runs for every candidate (names have far fewer than 31 tokens).
 */
function pairCounts(payer: readonly string[], billing: readonly string[]): number {
  let used = 0; // billing tokens taken
  let rest = 0; // payer tokens left for the initials pass
  let full = 0;
  for (let t = 0; t < payer.length; t++) {
    const token = payer[t] as string;
    let i = -1;
    for (let b = 0; b < billing.length; b++) {
      if ((used & (1 << b)) === 0 && billing[b] === token) {
        i = b;
        break;
      }
    }
    if (i >= 0 && token.length > 1) {
      used |= 1 << i;
      full += 1;
    } else rest |= 1 << t;
  }
  let initials = 0;
  for (let t = 0; t < payer.length; t++) {
    if ((rest & (1 << t)) === 0) continue;
    const token = payer[t] as string;
    for (let b = 0; b < billing.length; b++) {
      const name = billing[b] as string;
      if ((used & (1 << b)) === 0 && (name.length === 1 || token.length === 1) && name[0] === token[0]) {
        used |= 1 << b;
        initials += 1;
        break;
      }
    }
  }
  return full * 65536 + initials;
}

/** Reference version for token lists too long for the bit masks. */
function pairCountsLong(payer: readonly string[], billing: readonly string[]): number {
  const left = [...billing];
  const rest: string[] = [];
  let full = 0;
  for (const token of payer) {
    const i = left.indexOf(token);
    if (i >= 0 && token.length > 1) {
      left.splice(i, 1);
      full += 1;
    } else {
      rest.push(token);
    }
  }
  let initials = 0;
  for (const token of rest) {
    const i = left.findIndex((b) => (b.length === 1 || token.length === 1) && b[0] === token[0]);
    if (i >= 0) {
      left.splice(i, 1);
      initials += 1;
    }
  }
  return full * 65536 + initials;
}

function counts(payer: readonly string[], billing: readonly string[]): number {
  return payer.length <= 30 && billing.length <= 30 ? pairCounts(payer, billing) : pairCountsLong(payer, billing);
}

/** Pairs tokens exact-first, then initials (`J` ~ `JOHN`), each token used once. */
export function compareNames(payer: readonly string[], billing: readonly string[]): NameComparison {
  if (payer.length === 0 || billing.length === 0) return { score: 0, full: 0, initials: 0 };
  const packed = counts(payer, billing);
  const full = Math.floor(packed / 65536);
  const initials = packed % 65536;
  const base = Math.min(payer.length, billing.length);
  return { score: Math.min(1, (full + initials / 2) / base), full, initials };
}

/** A name match needs one full name in common, enough names agreeing, and the configured score. */
export function namesMatch(
  payer: readonly string[],
  billing: readonly string[],
  minScore: number,
  minTokens: number,
): boolean {
  if (payer.length === 0 || billing.length === 0) return false;
  const packed = counts(payer, billing);
  const full = Math.floor(packed / 65536);
  const initials = packed % 65536;
  const base = Math.min(payer.length, billing.length);
  const score = Math.min(1, (full + initials / 2) / base);
  const needed = Math.min(minTokens, payer.length, billing.length);
  return full >= 1 && full + initials >= needed && score >= minScore;
}

/** A payer's full name can meet the same billing name or a billing initial (`^J`). */
export function payerForms(token: string): string[] {
  return token.length > 1 ? [token, `^${token[0]}`] : [`^${token}`];
}

/** Index keys for every pair of names with at least one full name in it; both sides use the same scheme. */
export function namePairKeys(tokens: readonly string[], forms: (t: string) => string[]): string[] {
  const keys = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i + 1; j < tokens.length; j++) {
      for (const a of forms(tokens[i] as string)) {
        for (const b of forms(tokens[j] as string)) {
          if (a.startsWith('^') && b.startsWith('^')) continue;
          keys.add(a < b ? `${a}|${b}` : `${b}|${a}`);
        }
      }
    }
  }
  return [...keys];
}
