import type { Logger, LogMeta } from '../../log/logger.js';

/** Every line a shop's runner logs names the shop, so one journal serves 500 shops. */
export function shopLogger(log: Logger, shop: string): Logger {
  const tag = (meta?: LogMeta): LogMeta => ({ shop, ...meta });
  return {
    debug: (m, meta) => log.debug(m, tag(meta)),
    info: (m, meta) => log.info(m, tag(meta)),
    warn: (m, meta) => log.warn(m, tag(meta)),
    error: (m, meta) => log.error(m, tag(meta)),
  };
}
