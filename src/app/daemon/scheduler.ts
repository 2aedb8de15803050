import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import type { Logger } from '../../log/logger.js';

/**
 * node-cron's console logger prints coloured `[NODE-CRON]` lines; route it into ours. Its overlap and missed-run
 * warnings are expected with a slow tick on a short schedule, so they go to debug.
 */
export function cronLogger(log: Logger): CronLogger {
  const text = (m: string | Error): string => (m instanceof Error ? m.message : m);
  return {
    info: (m) => log.debug(`node-cron: ${m}`),
    warn: (m) => (/overlap|missed/i.test(m) ? log.debug(`node-cron: ${m}`) : log.warn(`node-cron: ${m}`)),
    error: (m, err) => log.error(`node-cron: ${text(m)}${err ? `: ${err.message}` : ''}`),
    debug: (m) => log.debug(`node-cron: ${text(m)}`),
  };
}

/** A started node-cron task that never overlaps itself; `fn` must not throw (a tick turns failures into outcomes). */
export function startSchedule(schedule: string, timezone: string, fn: () => Promise<void>, log: Logger): ScheduledTask {
  const logger = cronLogger(log);
  cron.setLogger(logger);
  const task = cron.createTask(schedule, fn, { name: 'smsmatch-tick', timezone, noOverlap: true, logger });
  void task.start();
  return task;
}
