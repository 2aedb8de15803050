/**
 * Writes the config file so a secret is never readable by others, not even for an instant: the temp file is
 * created 0600 next to the target and renamed over it (atomic on one file system).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError, IoError } from '../../errors.js';

export async function writeConfigFile(path: string, data: unknown): Promise<void> {
  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new IoError(`cannot create the config folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      hint: 'choose another place with --config FILE', cause: error,
    });
  }
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The umask may have narrowed the mode further; never widen it, but make sure it is 0600.
    await chmod(temp, 0o600);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new IoError(`cannot write the config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      hint: 'check the folder permissions or choose another place with --config FILE', cause: error,
    });
  }
}

/** The current config as a plain object; null when there is none. A broken file is named, not overwritten silently. */
export async function readExistingConfig(path: string): Promise<{ raw: Record<string, unknown> | null; exists: boolean }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { raw: null, exists: false };
    throw new ConfigError(`cannot read the existing config ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      hint: 'fix its permissions, or choose another place with --config FILE',
    });
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    return { raw: typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null, exists: true };
  } catch {
    return { raw: null, exists: true };
  }
}
