/**
 * Turns zod's issues for the config file into plain sentences a shop owner can act on: "unknown key
 * shop.consumerSecert — did you mean consumerSecret?", "missing dropbox.token". Every problem of the file is
 * reported in one pass (zod collects them all), nested sections included.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** The keys an object schema allows at `path` (through optional/default wrappers and arrays), or []. */
export function knownKeysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let node: unknown = schema;
  for (const step of [...path, null]) {
    node = unwrap(node);
    const def = defOf(node);
    if (step === null) return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
    if (def?.type === 'object' && def.shape && typeof step === 'string') node = def.shape[step];
    else if (def?.type === 'array' && typeof step === 'number') node = def.element;
    else return [];
  }
  return [];
}

interface Def {
  type?: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  in?: unknown;
}

function defOf(node: unknown): Def | undefined {
  return (node as { def?: Def } | undefined)?.def;
}

function unwrap(node: unknown): unknown {
  let current = node;
  for (let i = 0; i < 10; i++) {
    const def = defOf(current);
    if (def === undefined) return current;
    if (def.innerType !== undefined) current = def.innerType;
    else if (def.type === 'pipe' && def.in !== undefined) current = def.in;
    else return current;
  }
  return current;
}

/** `shop.consumerKey`, `providers[0].templates[1].pattern`. */
export function dotted(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : `${out === '' ? '' : '.'}${String(step)}`;
  return out;
}

/** The closest known key to a typo, if it is close enough to be what was meant. */
export function suggest(typo: string, known: readonly string[]): string | null {
  const lower = typo.toLowerCase();
  let best: { key: string; distance: number } | null = null;
  for (const key of known) {
    const distance = key.toLowerCase() === lower ? 0 : editDistance(lower, key.toLowerCase());
    if (best === null || distance < best.distance) best = { key, distance };
  }
  if (best === null) return null;
  return best.distance <= Math.max(2, Math.floor(best.key.length / 3)) ? best.key : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const swap = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] ? (previous[j - 2] ?? 0) : Infinity;
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1), swap));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/**
 * One sentence per problem. A key missing because it was mistyped is reported once, as the typo with its
 * suggestion, not a second time as "missing".
 */
export function describeIssues(schema: z.ZodType, issues: readonly Issue[], prefix: ReadonlyArray<PropertyKey> = []): string[] {
  const out: string[] = [];
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = [...prefix, ...issue.path];
    const known = knownKeysAt(schema, issue.path);
    for (const key of issue.keys) {
      const guess = suggest(key, known);
      if (guess !== null) suggested.add(dotted([...path, guess]));
      out.push(`unknown key ${dotted([...path, key])}${guess !== null ? ` — did you mean ${guess}?` : known.length > 0 ? ` (known here: ${known.join(', ')})` : ''}`);
    }
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const name = dotted([...prefix, ...issue.path]) || '(top level)';
    if (isMissing(issue)) {
      if (!suggested.has(name)) out.push(`missing ${name}`);
      continue;
    }
    out.push(`${name} ${describeOne(issue)}`);
  }
  return out;
}

function isMissing(issue: Issue): boolean {
  return issue.code === 'invalid_type' && /received undefined/.test(issue.message);
}

function describeOne(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${article(issue.expected)}${received(issue.message)}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${String(issue.maximum)} characters long` : issue.origin === 'array' ? `may list at most ${String(issue.maximum)} entries` : `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return issue.origin === 'string' ? (Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${String(issue.minimum)} characters long`) : issue.origin === 'array' ? `must list at least ${String(issue.minimum)} entr${Number(issue.minimum) === 1 ? 'y' : 'ies'}` : `must be at least ${String(issue.minimum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message.startsWith('Invalid') ? `is invalid (${issue.message})` : issue.message;
  }
}

function article(type: string): string {
  if (type === 'record' || type === 'object') return 'an object ({ … })';
  if (type === 'array') return 'a list ([ … ])';
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function received(message: string): string {
  const got = /received (\w+)/.exec(message)?.[1];
  return got === undefined ? '' : `, not ${article(got)}`;
}
