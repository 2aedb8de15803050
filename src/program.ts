import { Command } from 'commander';
import type { InitCommandOptions } from './app/init/command-spec.js';
import { defineInitCommand } from './app/init/command-spec.js';
import type { LearnOptions } from './commands/learn.js';
import type { Io } from './io.js';
import { VERSION } from './version.js';

/** Commands store their exit code in `result`; `main` returns it. */
export interface RunResult {
  exitCode: number;
}


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

  program
    .command('learn')
    .description('learn a new provider from three or more sample payment SMS and print (or --write) its definition')
    .argument('[file]', 'the samples, separated by blank lines; stdin when absent or "-"')
    .requiredOption('--sender <ids>', 'the sender ID(s) the SMS come from, comma-separated (only these are trusted)')
    .requiredOption('--currency <code>', 'ISO 4217 currency, e.g. TZS')
    .requiredOption('--calling-code <n>', 'country calling code without +, e.g. 255')
    .requiredOption('--country <cc>', 'ISO 3166 country code, e.g. TZ')
    .option('--id <id>', 'provider id (default: <sender>-<country>); a built-in\'s id replaces that built-in')
    .option('--name <name>', 'display name (default: the first sender ID)')
    .option('--time-zone <zone>', 'the provider\'s clock, e.g. +03:00 (default: the country\'s)')
    .option('--date-order <order>', 'DMY or MDY when no sample has a day above 12')
    .option('--config <file>', 'config file to --write to (default: $SMSMATCH_CONFIG or ~/.config/smsmatch/config.json)')
    .option('--write', 'add the provider to the config (validated like `config check`)')
    .option('--json', 'print {provider, readings, guarantees, …} as JSON')
    .option('--non-interactive', 'never ask: fail naming what the samples leave open and which sample would settle it')
    .addHelpText('after', `
Paste at least three incoming-payment SMS of the provider, separated by blank lines. learn finds the fixed
wording and the fields (code, amount, payer, phone, balance, date, reference) and shows what it reads from
each sample. Anything the samples do not settle is asked (or, with --non-interactive, named in the error).

Examples:
  $ smsmatch learn --sender HaloPesa --currency TZS --calling-code 255 --country TZ samples.txt
  $ smsmatch learn --sender HaloPesa --currency TZS --calling-code 255 --country TZ samples.txt --write
  $ pbpaste | smsmatch learn --sender MVola --currency MGA --calling-code 261 --country MG --non-interactive --json
  $ smsmatch learn --sender MPESA --id mpesa-ke --currency KES --calling-code 254 --country KE new-wording.txt --write   # replaces the built-in`)
    .action((file: string | undefined, opts: Omit<LearnOptions, 'file'>) =>
      run(async () => (await import('./commands/learn.js')).runLearn({ ...opts, ...(file === undefined ? {} : { file }) }, io))(),
    );

  defineInitCommand(program.command('init')).action((opts: InitCommandOptions) =>
    run(async () => (await import('./commands/init.js')).runInit(opts, io))(),
  );

  const config = program.command('config').description('inspect the configuration');
  config
    .command('check')
    .description('validate the config file and environment, naming each bad field')
    .option('--config <file>', 'config file (default: $SMSMATCH_CONFIG or ~/.config/smsmatch/config.json)')
    .addHelpText('after', '\nExamples:\n  $ smsmatch config check\n  $ smsmatch config check --config /etc/smsmatch/config.json')
    .action((opts: { config?: string }) => run(async () => (await import('./commands/config-check.js')).runConfigCheck(opts, io))());

  program
    .command('demo')
    .description('see the whole job work: a sandbox shop, a phone forwarding payment SMS, smsmatch deciding (no setup, loopback only)')
    .option('--json', 'print the outcome of each scripted case as JSON')
    .addHelpText('after', '\nExamples:\n  $ smsmatch demo\n  $ smsmatch demo --json | jq .cases')
    .action((opts: { json?: boolean }) => run(async () => (await import('./commands/demo.js')).runDemo(opts, io))());

  program
    .command('sandbox')
    .description('run a local demo shop (WooCommerce REST API + drop-box + SMSsync endpoint) on 127.0.0.1')
    .option('--port <n>', 'port to listen on (0 = any free port)', (v: string) => Number(v), 0)
    .option('--json', 'print the URLs and credentials as one JSON line')
    .addHelpText('after', '\nExamples:\n  $ smsmatch sandbox --port 8080\n  $ smsmatch sandbox --json   # for scripts')
    .action((opts: { port?: number; json?: boolean }) => run(async () => (await import('./commands/sandbox.js')).runSandbox(opts, io))());

  program
    .command('match')
    .description('run the matching engine offline on a messages file and an orders file')
    .requiredOption('--messages <file>', 'JSON array of SMS as SMSsync posts them')
    .requiredOption('--orders <file>', 'JSON array of orders as GET /wp-json/wc/v3/orders returns them')
    .option('--config <file>', 'config file (matching rules, own providers)')
    .option('--json', 'print {"decisions":[...]}')
    .addHelpText('after', '\nExamples:\n  $ smsmatch match --messages fixtures/scenarios/nairobi-week/messages.json --orders fixtures/scenarios/nairobi-week/orders.json')
    .action((opts: { messages: string; orders: string; config?: string; json?: boolean }) => run(async () => (await import('./commands/match.js')).runMatch(opts, io))());

  program
    .command('reconcile')
    .description('one pass: fetch new SMS, match them to open orders, mark the sure ones paid')
    .option('--dry-run', 'write nothing anywhere (shop, ledger, drop-box cursor); show what would happen')
    .option('--json', 'print the report as JSON')
    .option('--messages <file>', 'read SMS from this file (SMSsync JSON array) instead of the drop-box')
    .option('--config <file>', 'config file (default: $SMSMATCH_CONFIG or ~/.config/smsmatch/config.json)')
    .option('--state <file>', 'ledger file (default: ledger.path, $SMSMATCH_STATE or ~/.local/state/smsmatch/ledger.json)')
    .addHelpText('after', '\nExamples:\n  $ smsmatch reconcile --dry-run\n  $ smsmatch reconcile --json\n  */2 * * * * smsmatch reconcile >> ~/smsmatch.log 2>&1   # cron, without the daemon')
    .action((opts: { dryRun?: boolean; json?: boolean; messages?: string; config?: string; state?: string }) =>
      run(async () => (await import('./commands/reconcile.js')).runReconcile(opts, io))(),
    );

  program
    .command('daemon')
    .description('reconcile on the configured schedule until stopped (for systemd)')
    .option('--config <file>', 'config file')
    .option('--state <file>', 'ledger file')
    .option('--log-format <format>', 'plain (default off a terminal), json or pretty')
    .option('--once', 'run one tick and exit with its code')
    .option('--shops <dir>', 'serve every shop config DIR/*.json (the shop is the file name); SIGHUP re-reads DIR')
    .option('--state-dir <dir>', 'with --shops: where each shop keeps its local ledger and status (default: $SMSMATCH_STATE_DIR, $STATE_DIRECTORY or ~/.local/state/smsmatch)')
    .option('--concurrency <n>', 'with --shops: passes running at once (default 16)')
    .addHelpText('after', `
Examples:
  $ smsmatch daemon --once                      # one tick in the foreground, exit with its code
  $ smsmatch daemon --log-format json           # for a log shipper
  $ SMSMATCH_LOG_LEVEL=debug smsmatch daemon    # log every tick, idle ones too
  $ smsmatch daemon --shops /etc/smsmatch/shops # every DIR/*.json is one shop (README: Running many shops)
  $ smsmatch ledger migrate --to postgres://…   # move a shop's lowdb ledger into PostgreSQL first (daemon stopped)
  $ smsmatch systemd                            # the unit that runs it for good`)
    .action((opts: { config?: string; state?: string; logFormat?: string; once?: boolean; shops?: string; stateDir?: string; concurrency?: string }, cmd: { optsWithGlobals(): { verbose?: boolean } }) =>
      run(async () => (await import('./commands/daemon.js')).runDaemonCommand({ ...opts, verbose: cmd.optsWithGlobals().verbose === true }, io))(),
    );
  program
    .command('status')
    .description('last run, today\'s counts, the daemon and open alerts')
    .option('--config <file>', 'config file')
    .option('--state <file>', 'ledger file')
    .option('--json', 'print the status as JSON')
    .option('--shops <dir>', 'a daemon\'s shops directory: list every shop, or one with --shop NAME')
    .option('--shop <name>', 'with --shops: the shop (its config file name without .json)')
    .option('--state-dir <dir>', 'with --shops: the daemon\'s --state-dir')
    .addHelpText('after', `
Examples:
  $ smsmatch status
  $ smsmatch status --json | jq '.alerts'
  $ sudo -u smsmatch smsmatch status --config /etc/smsmatch/config.json   # the system service's ledger
  $ smsmatch status --shops /etc/smsmatch/shops                          # every shop of a --shops daemon`)
    .action((opts: { config?: string; state?: string; json?: boolean; shops?: string; shop?: string; stateDir?: string }) => run(async () => (await import('./commands/status.js')).runStatus(opts, io))());

  program
    .command('review')
    .description('list the payments waiting for a person (review, unmatched, part-paid, stuck), oldest first, with candidates and reasons')
    .option('--json', 'print {"at", "count", "payments": [...]} for scripts')
    .option('--config <file>', 'config file (default: $SMSMATCH_CONFIG or ~/.config/smsmatch/config.json)')
    .option('--state <file>', 'ledger file (default: ledger.path, $SMSMATCH_STATE or ~/.local/state/smsmatch/ledger.json)')
    .option('--shops <dir>', 'a daemon\'s shops directory; use with --shop NAME')
    .option('--shop <name>', 'with --shops: the shop (its config file name without .json)')
    .option('--state-dir <dir>', 'with --shops: the daemon\'s --state-dir')
    .addHelpText('after', '\nExamples:\n  $ smsmatch review\n  $ smsmatch review --json | jq \'.payments[] | {code, amount, candidates}\'')
    .action((opts: { json?: boolean; config?: string; state?: string; shops?: string; shop?: string; stateDir?: string }) => run(async () => (await import('./commands/review.js')).runReview(opts, io))());

  program
    .command('assign')
    .description('confirm one payment for one order by hand (same safe write as reconcile; noted as manual)')
    .argument('<code>', 'the payment code from the SMS, e.g. UK1AB2CD3G (or provider:code when two providers share it)')
    .argument('<order>', 'the WooCommerce order id (1042) or the order number wp-admin shows (NB-2026-0046)')
    .option('--accept-partial', 'when the payment is less than what the order still owes, record it as a part-payment toward that order (the order stays unpaid)')
    .option('--dry-run', 'check everything and show the write, but write nothing')
    .option('--json', 'print the result as JSON')
    .option('--config <file>', 'config file (default: $SMSMATCH_CONFIG or ~/.config/smsmatch/config.json)')
    .option('--state <file>', 'ledger file (default: ledger.path, $SMSMATCH_STATE or ~/.local/state/smsmatch/ledger.json)')
    .option('--shops <dir>', 'a daemon\'s shops directory; use with --shop NAME')
    .option('--shop <name>', 'with --shops: the shop (its config file name without .json)')
    .option('--state-dir <dir>', 'with --shops: the daemon\'s --state-dir')
    .addHelpText('after', '\nExamples:\n  $ smsmatch assign UK1AB2CD3G 1042 --dry-run\n  $ smsmatch assign UK1AB2CD3G 1042\n  $ smsmatch assign UK1AB2CD3G NB-2026-0046   # a custom order number\n  $ smsmatch assign mpesa-ke:UK1AB2CD3G 1042 --accept-partial')
    .action((code: string, order: string, opts: { acceptPartial?: boolean; dryRun?: boolean; json?: boolean; config?: string; state?: string; shops?: string; shop?: string; stateDir?: string }) =>
      run(async () => (await import('./commands/assign.js')).runAssign(code, order, opts, io))(),
    );

  program
    .command('dismiss')
    .description('close one payment without touching any order; the reason is kept in the ledger')
    .argument('<code>', 'the payment code from the SMS (or provider:code)')
    .option('--reason <text>', 'why it is closed (required), e.g. "refunded to the customer"')
    .option('--json', 'print the result as JSON')
    .option('--config <file>', 'config file (default: $SMSMATCH_CONFIG or ~/.config/smsmatch/config.json)')
    .option('--state <file>', 'ledger file (default: ledger.path, $SMSMATCH_STATE or ~/.local/state/smsmatch/ledger.json)')
    .option('--shops <dir>', 'a daemon\'s shops directory; use with --shop NAME')
    .option('--shop <name>', 'with --shops: the shop (its config file name without .json)')
    .option('--state-dir <dir>', 'with --shops: the daemon\'s --state-dir')
    .addHelpText('after', '\nExamples:\n  $ smsmatch dismiss UK1AB2CD3G --reason "paid twice; refunded by phone"\n  $ smsmatch dismiss UK1AB2CD3G --reason "personal transfer, not a shop payment"')
    .action((code: string, opts: { reason?: string; json?: boolean; config?: string; state?: string; shops?: string; shop?: string; stateDir?: string }) =>
      run(async () => (await import('./commands/dismiss.js')).runDismiss(code, opts, io))(),
    );

  program
    .command('explain')
    .description('the full story of one payment: its SMS, the parse, each decision, every order write and note, manual actions')
    .argument('<code>', 'the payment code from the SMS (or provider:code, or msg:<message id>)')
    .option('--json', 'print the story as JSON')
    .option('--config <file>', 'config file (default: $SMSMATCH_CONFIG or ~/.config/smsmatch/config.json)')
    .option('--state <file>', 'ledger file (default: ledger.path, $SMSMATCH_STATE or ~/.local/state/smsmatch/ledger.json)')
    .option('--shops <dir>', 'a daemon\'s shops directory; use with --shop NAME')
    .option('--shop <name>', 'with --shops: the shop (its config file name without .json)')
    .option('--state-dir <dir>', 'with --shops: the daemon\'s --state-dir')
    .addHelpText('after', '\nExamples:\n  $ smsmatch explain UK1AB2CD3G\n  $ smsmatch explain UK1AB2CD3G --json')
    .action((code: string, opts: { json?: boolean; config?: string; state?: string; shops?: string; shop?: string; stateDir?: string }) => run(async () => (await import('./commands/explain.js')).runExplain(code, opts, io))());

  const alerts = program
    .command('alerts')
    .description('list the open alerts with their ids (balance chain, reversals, phone silent, drop-box down…)')
    .option('--json', 'print {"open": [...], "acknowledged": [...]}')
    .option('--config <file>', 'config file (default: $SMSMATCH_CONFIG or ~/.config/smsmatch/config.json)')
    .option('--state <file>', 'ledger file (default: ledger.path, $SMSMATCH_STATE or ~/.local/state/smsmatch/ledger.json)')
    .addHelpText('after', '\nExamples:\n  $ smsmatch alerts\n  $ smsmatch alerts ack balance-chain:break:0f9c…\n  $ smsmatch alerts --json | jq \'.open[].id\'')
    .action((opts: { json?: boolean; config?: string; state?: string }) => run(async () => (await import('./commands/alerts.js')).runAlertsList(opts, io))());
  alerts
    .command('ack')
    .description('acknowledge alerts: they leave status; a condition that still holds stays silent until it clears')
    .argument('[ids...]', 'alert ids as `smsmatch alerts` or `smsmatch status` show them')
    .option('--all', 'every open alert')
    .option('--json', 'print the result as JSON')
    .option('--config <file>', 'config file (default: $SMSMATCH_CONFIG or ~/.config/smsmatch/config.json)')
    .option('--state <file>', 'ledger file (default: ledger.path, $SMSMATCH_STATE or ~/.local/state/smsmatch/ledger.json)')
    .addHelpText('after', '\nExamples:\n  $ smsmatch alerts ack silent-phone\n  $ smsmatch alerts ack --all')
    // `alerts` has the same options; commander hands ones written after `ack` to it, so both sets are merged.
    .action((ids: string[], _opts: unknown, cmd: Command) => run(async () => (await import('./commands/alerts.js')).runAlertsAck(ids, cmd.optsWithGlobals<{ all?: boolean; json?: boolean; config?: string; state?: string }>(), io))());

  const ledgerCmd = program.command('ledger').description('move a shop\'s ledger between stores')
    .addHelpText('after', '\nExamples:\n  $ smsmatch ledger migrate --to postgres://smsmatch:SECRET@db.example:5432/smsmatch   # lowdb → PostgreSQL, verified');
  ledgerCmd
    .command('migrate')
    .description('copy a lowdb ledger (hot file and monthly archives) into PostgreSQL in one verified transaction; the file is kept as a backup')
    .option('--to <url>', 'the PostgreSQL database: postgres://user:password@host:5432/database')
    .option('--from <file>', 'the lowdb ledger (default: ledger.path, $SMSMATCH_STATE or ~/.local/state/smsmatch/ledger.json)')
    .option('--config <file>', 'config file (default: $SMSMATCH_CONFIG or ~/.config/smsmatch/config.json)')
    .option('--shop <name>', 'the shop\'s name in the database (default: ledger.shop, else the config file name without .json)')
    .option('--force', 'replace the rows the shop already has in PostgreSQL')
    .addHelpText('after', `
Stop the daemon first: migrate refuses while it holds the ledger or the shop's PostgreSQL lease.

Examples:
  $ smsmatch ledger migrate --to postgres://smsmatch:SECRET@db.example:5432/smsmatch
  $ smsmatch ledger migrate --config /etc/smsmatch/shops/acme.json --from /var/lib/smsmatch/shops/acme/ledger.json --to "$SMSMATCH_LEDGER_URL"
  $ smsmatch ledger migrate --from ledger.json --shop acme --to postgres://… --force   # replace acme's rows`)
    .action((opts: { to?: string; from?: string; config?: string; shop?: string; force?: boolean }) =>
      run(async () => (await import('./commands/ledger-migrate.js')).runLedgerMigrate(opts, io))());

  program
    .command('systemd')
    .description('print a hardened systemd unit for the daemon, and how to install it')
    .option('--user', 'a user service (systemctl --user) instead of a system one')
    .option('--config <file>', 'the config in use (default: $SMSMATCH_CONFIG or ~/.config/smsmatch/config.json); a system service gets a copy in /etc/smsmatch')
    .option('--account <name>', 'system account the service runs as', 'smsmatch')
    .option('--service-config', 'print that copy (the config in use with ledger.path /var/lib/smsmatch/ledger.json), for the install step\'s pipe')
    .addHelpText('after', `
Examples:
  $ smsmatch systemd                     # the unit on stdout, the install steps on stderr
  $ smsmatch systemd | sudo tee /etc/systemd/system/smsmatch.service
  $ smsmatch systemd --service-config | sudo install -o smsmatch -g smsmatch -m 600 /dev/stdin /etc/smsmatch/config.json
  $ smsmatch systemd --user > ~/.config/systemd/user/smsmatch.service`)
    .action((opts: { user?: boolean; config?: string; account?: string; serviceConfig?: boolean }) => run(async () => (await import('./commands/systemd.js')).runSystemd(opts, io))());

  return program;
}
