import { readFileSync } from 'node:fs';

/** The version in package.json (src/ and dist/ both sit one level below it), read once. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Sent on every request to the shop and the drop-box: many shared hosts' firewalls (mod_security rules, Wordfence)
 * refuse requests without a User-Agent, and a named one lets a shop owner find smsmatch in their access log.
 */
export const USER_AGENT = `smsmatch/${VERSION}`;
