import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../../src/sandbox/index.js';

/** One shop's config as `init --config DIR/NAME.json` writes it, ticking every second. */
export function writeShop(dir: string, name: string, s: Sandbox, extra: Record<string, unknown> = {}): void {
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({
    shop: { url: s.url, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, timeoutSeconds: 2 },
    dropbox: { url: s.dropboxUrl, token: s.dropboxToken },
    daemon: { schedule: '* * * * * *', timezone: 'UTC' },
    ...extra,
  }), { mode: 0o600 });
}

