/**
 * The one place secrets are scrubbed from anything printed: WooCommerce keys (`ck_…`/`cs_…`), query-string
 * credentials, bearer tokens and any secret registered at run time (config values).
 */
const registered = new Set<string>();

export function registerSecret(secret: string | undefined | null): void {
  if (secret && secret.length >= 4) registered.add(secret);
}

const PATTERNS: Array<[RegExp, string]> = [
  [/\b(c[ks]_)[A-Za-z0-9]{8,}\b/g, '$1***'],
  [/([?&](?:consumer_key|consumer_secret|secret|token|oauth_signature)=)[^&\s#]+/gi, '$1***'],
  [/(Authorization:\s*(?:Bearer|Basic)\s+)\S+/gi, '$1***'],
  [/("(?:consumerKey|consumerSecret|consumer_key|consumer_secret|token|secret|password)"\s*:\s*")[^"]*(")/g, '$1***$2'],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of registered) out = out.split(secret).join('***');
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
