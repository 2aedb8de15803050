/**
 * PHP's `parse_str` as WordPress sees query strings and form bodies: `a=1&a=2` keeps the last value,
 * `status[]=x&status[]=y` builds a list, `billing[phone]=…` builds an object. WordPress then turns a scalar
 * for an array-typed param into a list with `wp_parse_list` (comma split); that part lives in the routes.
 */
export type PhpValue = string | PhpValue[] | { [key: string]: PhpValue };

export function parsePhpQuery(raw: string): Record<string, PhpValue> {
  const out: Record<string, PhpValue> = {};
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    const bracket = key.indexOf('[');
    if (bracket <= 0 || !key.endsWith(']')) {
      out[key] = value;
      continue;
    }
    const base = key.slice(0, bracket);
    const path = key.slice(bracket + 1, -1).split('][');
    out[base] = assign(out[base], path, value);
  }
  return out;
}

function assign(target: PhpValue | undefined, path: string[], value: string): PhpValue {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (head === '') {
    const list = Array.isArray(target) ? target : [];
    list.push(assign(undefined, rest, value));
    return list;
  }
  const obj: Record<string, PhpValue> = isObject(target) ? target : {};
  obj[head] = assign(obj[head], rest, value);
  return obj;
}

function isObject(value: PhpValue | undefined): value is Record<string, PhpValue> {
  return typeof value === 'object' && !Array.isArray(value);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** `wp_parse_list`: a list param given as a scalar is split on commas and spaces. */
export function parseList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (typeof value === 'number') return [String(value)];
  if (typeof value !== 'string' || value === '') return [];
  return value
    .split(/[\s,]+/)
    .filter((s) => s !== '');
}
