import { Command } from 'commander';
import type { Io } from './io.js';

/** Commands store their exit code in `result`; `main` returns it. */
export interface RunResult {
  exitCode: number;
}

const VERSION = '0.1.0';

/**
 * Declarative command table: names, options, help and examples. Each action lazily imports its command
 * module, so `smsmatch parse` does not load the WooCommerce client.
 */
export function buildProgram(io: Io, result: RunResult): Command {
  const program = new Command('smsmatch')
    .description('Confirm mobile-money payments from forwarded SMS against WooCommerce orders.')
    .version(VERSION)
    .option('--verbose', 'show stack traces and debug logs')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  const run = (fn: () => Promise<number>) => async () => {
    result.exitCode = await fn();
  };

  program
    .command('parse')
    .description('parse one payment SMS and show what smsmatch understands of it')
    .argument('[text]', 'the SMS text; read from stdin when absent or "-"')
    .option('--from <sender>', 'the SMS sender ID (e.g. MPESA); without it nothing is trusted')
    .option('--received-at <iso>', 'when the phone received it (ISO 8601)')
    .option('--json', 'print the parse result as JSON')
    .option('--config <file>', 'config file (for a shop\'s own provider templates)')
    .addHelpText('after', `
Examples:
  $ smsmatch parse --from MPESA "UHSNH45W4A Confirmed.You have received Ksh1.00 from DANIEL KAMAU 0715***897 on 28/8/26 at 10:44 PM New M-PESA balance is Ksh1.00."
  $ pbpaste | smsmatch parse --from MPESA --json`)
    .action((text: string | undefined, opts: { from?: string; receivedAt?: string; json?: boolean; config?: string }) =>
      run(async () => (await import('./commands/parse.js')).runParse({ ...opts, ...(text === undefined ? {} : { text }) }, io))(),
    );

  const config = program.command('config').description('inspect the configuration');
  config
    .command('check')
    .description('validate the config file and environment, naming each bad field')
    .option('--config <file>', 'config file (default: $SMSMATCH_CONFIG or ~/.config/smsmatch/config.json)')
    .addHelpText('after', '\nExamples:\n  $ smsmatch config check\n  $ smsmatch config check --config /etc/smsmatch/config.json')
    .action((opts: { config?: string }) => run(async () => (await import('./commands/config-check.js')).runConfigCheck(opts, io))());

  program
    .command('systemd')
    .description('print a hardened systemd unit for the daemon, and how to install it')
    .option('--user', 'a user service (systemctl --user) instead of a system one')
    .option('--config <file>', 'config path the unit passes to the daemon')
    .option('--account <name>', 'system account the service runs as', 'smsmatch')
    .addHelpText('after', '\nExamples:\n  $ smsmatch systemd | sudo tee /etc/systemd/system/smsmatch.service\n  $ smsmatch systemd --user > ~/.config/systemd/user/smsmatch.service')
    .action((opts: { user?: boolean; config?: string; account?: string }) => run(async () => (await import('./commands/systemd.js')).runSystemd(opts, io))());

  return program;
}
