import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SHOP_NAME } from '../../adapters/ledger/index.js';
import { ConfigError } from '../../errors.js';

/** One shop of a `--shops DIR`: `DIR/NAME.json`, as `init --config DIR/NAME.json` writes it. */
export interface ShopFile {
  name: string;
  path: string;
  /** Changes whenever the file's bytes change, so SIGHUP rebuilds only the shops whose config changed. */
  fingerprint: string;
}

/** The shop configs in `dir`, sorted by name; files whose name cannot be a shop name are listed in `skipped`. */
export async function scanShops(dir: string): Promise<{ shops: ShopFile[]; skipped: string[] }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read the shops directory ${dir}: ${code === 'ENOENT' ? 'it does not exist' : (error as Error).message}`, {
      hint: 'create it and put one config per shop in it: smsmatch init --config DIR/NAME.json',
    });
  }
  const shops: ShopFile[] = [];
  const skipped: string[] = [];
  for (const file of names.filter((n) => n.endsWith('.json')).sort()) {
    const name = file.slice(0, -'.json'.length);
    if (!SHOP_NAME.test(name)) {
      skipped.push(`${join(dir, file)}: "${name}" is not a usable shop name (letters, digits, . _ - only); file skipped`);
      continue;
    }
    const path = join(dir, file);
    const bytes = await readFile(path).catch(() => null);
    if (bytes === null) {
      skipped.push(`${path}: cannot be read; file skipped`);
      continue;
    }
    shops.push({ name, path, fingerprint: createHash('sha256').update(bytes).digest('hex').slice(0, 16) });
  }
  return { shops, skipped };
}

/** `--shops DIR --shop NAME` → the shop's config file, refusing a name that would escape DIR. */
export function shopConfigPath(dir: string, name: string): string {
  if (!SHOP_NAME.test(name)) {
    throw new ConfigError(`--shop "${name}" is not a shop name`, { hint: `use the name of a file in ${dir} without .json (letters, digits, . _ -)` });
  }
  return join(dir, `${name}.json`);
}
