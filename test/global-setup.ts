import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failInCi, outsideServices, unavailableLine } from './helpers/services.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Some tests run the real CLI as a child process (crash injection, the daemon, the README's commands), which
 * needs dist/. Rebuild it when any source is newer, so those tests never run yesterday's code.
 */
export default async function setup(): Promise<void> {
  // vitest runs this once per project (vitest.config.ts has two) in the one main process: the work is done once.
  const done = globalThis as { smsmatchGlobalSetup?: boolean };
  if (done.smsmatchGlobalSetup) return;
  done.smsmatchGlobalSetup = true;
  await reportOutsideServices();
  const built = join(root, 'dist', 'cli.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(root, 'src'))) return;
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
}

/** One line per missing outside service on a newcomer's machine; a failure with CI set. */
async function reportOutsideServices(): Promise<void> {
  for (const service of outsideServices) {
    const reason = await service.missing();
    if (reason === undefined) continue;
    failInCi(service, reason);
    console.warn(unavailableLine(service, reason));
  }
}
