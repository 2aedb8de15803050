/**
 * The options of `smsmatch init`, kept apart from the command so the command table can declare them without
 * loading the WooCommerce client at startup. Usage: `defineInitCommand(program.command('init')).action(…)`.
 */
import type { Command } from 'commander';

export function defineInitCommand(cmd: Command): Command {
  return cmd
    .description('create the config: ask for (or take) the shop URL and API keys, check them against the shop, write the file 0600')
    .option('--non-interactive', 'never prompt; take values from flags and SMSMATCH_* environment variables')
    .option('--shop-url <url>', 'the shop address, e.g. https://shop.example (env SMSMATCH_SHOP_URL)')
    .option('--consumer-key <ck>', 'WooCommerce REST API consumer key, ck_… (env SMSMATCH_CONSUMER_KEY)')
    .option('--consumer-secret <cs>', 'its consumer secret, cs_… (env SMSMATCH_CONSUMER_SECRET)')
    .option('--dropbox-url <url>', 'the drop-box daemon URL from Settings → smsmatch (env SMSMATCH_DROPBOX_URL)')
    .option('--dropbox-token <token>', 'the drop-box daemon token (env SMSMATCH_DROPBOX_TOKEN)')
    .option('--query-string-auth', 'send the key in the query string (hosts that strip the Authorization header)')
    .option('--config <file>', 'config file to write (default: $SMSMATCH_CONFIG or ~/.config/smsmatch/config.json)')
    .option('--state <file>', 'ledger file to record in the config (ledger.path)')
    .option('--no-verify', 'write without checking the credentials against the shop')
    .option('--force', 'replace an existing config; write even when a check fails')
    .addHelpText('after', `
Examples:
  $ smsmatch init
  $ smsmatch init --non-interactive --shop-url https://shop.example --consumer-key ck_… --consumer-secret cs_…
  $ SMSMATCH_CONSUMER_SECRET=cs_… smsmatch init --non-interactive --shop-url https://shop.example --consumer-key ck_…`);
}

/** What commander hands the action for `defineInitCommand`. */
export interface InitCommandOptions {
  nonInteractive?: boolean;
  shopUrl?: string;
  consumerKey?: string;
  consumerSecret?: string;
  dropboxUrl?: string;
  dropboxToken?: string;
  queryStringAuth?: boolean;
  config?: string;
  state?: string;
  verify?: boolean;
  force?: boolean;
}
