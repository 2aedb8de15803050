import type { IncomingHttpHeaders } from 'node:http';

/**
 * SMSsync bodies, sniffed rather than trusted (the app labels XML as JSON): `{` → JSON of strings,
 * `<` → `<payload>` XML, multipart for curl tests, else form-urlencoded. A repeated field keeps its first value.
 */
export function parseSmssyncBody(body: Buffer, headers: IncomingHttpHeaders): Record<string, string> {
  const text = body.toString('utf8');
  const start = text.trimStart()[0];
  if (start === '{') return parseJson(text);
  if (start === '<') return parseXml(text);
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(headers['content-type'] ?? '');
  if (boundary && /multipart\/form-data/i.test(headers['content-type'] ?? '')) return parseMultipart(text, boundary[1] ?? boundary[2]!);
  return parseForm(text);
}

function parseJson(text: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (v === null || v === undefined) continue;
      out[k] = typeof v === 'string' ? v : JSON.stringify(v);
    }
    return out;
  } catch {
    return {};
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? _m;
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(code);
    });
}

function parseXml(text: string): Record<string, string> {
  // A DOCTYPE can declare entities (expansion bombs, external files); SMSsync never sends one.
  if (/<!DOCTYPE/i.test(text)) return {};
  const payload = /<payload\b[^>]*>([\s\S]*?)<\/payload>/i.exec(text)?.[1] ?? '';
  const out: Record<string, string> = {};
  const re = /<([A-Za-z_][\w.-]*)\s*(\/>|>([\s\S]*?)<\/\1>)/g;
  for (let m = re.exec(payload); m; m = re.exec(payload)) {
    const key = m[1]!;
    if (!(key in out)) out[key] = m[2] === '/>' ? '' : decodeXml(m[3] ?? '');
  }
  return out;
}

function parseForm(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeForm(eq === -1 ? pair : pair.slice(0, eq));
    if (!(key in out)) out[key] = decodeForm(eq === -1 ? '' : pair.slice(eq + 1));
  }
  return out;
}

function parseMultipart(text: string, boundary: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(`--${boundary}`)) {
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(part)?.[1];
    const split = part.indexOf('\r\n\r\n');
    if (name === undefined || split === -1 || name in out) continue;
    out[name] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return out;
}

export function decodeForm(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * The SMSsync query string: the app appends `?task=…` literally, so the raw query is split on both `&`
 * and a stray `?`. Values are still percent-encoded at the split, so a genuine `?` (sent as %3F) survives.
 */
export function parseSmssyncQuery(rawQuery: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of rawQuery.split(/[&?]/)) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeForm(eq === -1 ? pair : pair.slice(0, eq));
    if (!(key in out)) out[key] = decodeForm(eq === -1 ? '' : pair.slice(eq + 1));
  }
  return out;
}
