import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The two commands a newcomer types: the first fenced block of the README. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /```sh\n([\s\S]*?)```/.exec(readme);
  if (!block?.[1]) throw new Error('README.md has no ```sh block');
  return block[1].split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

describe('README', () => {
  it('opens with two commands: install + run the main job, and the tests that CI runs', () => {
    const [first, second] = readmeCommands();

    expect(first).toMatch(/^npm install && npx smsmatch \w+/);
    expect(second).toBe('npm test');
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toMatch(/^npm test$/m);
  });

  it('its first command works as written in a fresh clone', { timeout: 300_000 }, () => {
    const [first] = readmeCommands();
    const dir = mkdtempSync(join(tmpdir(), 'smsmatch-clone-'));
    try {
      execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${root}`, join(dir, 'smsmatch')]);

      const run = spawnSync('bash', ['-c', first!], {
        cwd: join(dir, 'smsmatch'),
        encoding: 'utf8',
        timeout: 280_000,
        env: { ...process.env, CI: '', FORCE_COLOR: '0', npm_config_audit: 'false', npm_config_fund: 'false' },
      });

      expect(run.status, run.stderr.slice(-2000)).toBe(0);
      expect(run.stdout).toContain('Summary');
      expect(run.stdout).toMatch(/masked number +UKR1A2B3C4 +confirm +#1041 +yes +\d+\.\d\d s/);
      expect(run.stdout).not.toContain('NO (expected');
      expect(run.stdout).toContain('Next steps');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
