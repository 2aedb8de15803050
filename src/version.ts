/**
 * smsmatch's version, kept equal to package.json's by a test (a constant, so any build of any file works alone).
 */
export const VERSION = '0.1.0';

/**
 * Sent on every request to the shop and the drop-box: many shared hosts' firewalls (mod_security rules, Wordfence)
 * refuse requests without a User-Agent, and a named one lets a shop owner find smsmatch in their access log.
 */
export const USER_AGENT = `smsmatch/${VERSION}`;
