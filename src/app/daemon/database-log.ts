import { watchDatabases } from '../../adapters/ledger/index.js';
import type { Logger } from '../../log/logger.js';

/**
 * One line when a PostgreSQL ledger database stops answering and one when it answers again, however many
 * shops' passes failed meanwhile (each of those backs off on its own). Returns the unsubscribe.
 */
export function logDatabaseChanges(log: Logger): () => void {
  return watchDatabases((c) => {
    if (c.reachable) log.info(`PostgreSQL ledger ${c.where} reachable again ${c.detail}; its shops are served again`);
    else log.warn(`PostgreSQL ledger ${c.where} unreachable (${c.detail}); its shops' passes retry with backoff, nothing is lost`);
  });
}
