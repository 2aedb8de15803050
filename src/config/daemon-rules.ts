import cron from 'node-cron';

/**
 * The daemon's schedule and time zone, checked by the config schema itself, so `config check`, `status` and the
 * daemon agree: a value the scheduler or the clock arithmetic would refuse later is refused here, naming the
 * field, the bad value and a good example. node-cron's own validator decides the schedule (the daemon runs it).
 */
export const SCHEDULE_EXAMPLE = '"*/30 * * * * *" (every 30 seconds) or "*/2 * * * *" (every 2 minutes)';
export const TIMEZONE_EXAMPLE = '"Africa/Nairobi", "Africa/Lagos" or "UTC"';

/** Null when node-cron accepts the expression, else why not. */
export function scheduleProblem(schedule: string): string | null {
  const detail = cron.validateDetailed(schedule);
  if (detail.valid) return null;
  const why = detail.errors.map((e) => e.message).join('; ') || 'node-cron refuses it';
  return `"${schedule}" is not a cron expression (${why}); use 5 fields (minute hour day month weekday) or 6 with seconds first, e.g. ${SCHEDULE_EXAMPLE}`;
}

/** Null when this Node's Intl knows the zone (the daemon's shop hours and "today" use Intl), else why not. */
export function timeZoneProblem(timeZone: string): string | null {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return null;
  } catch {
    return `"${timeZone}" is not an IANA time zone name; use a region/city name such as ${TIMEZONE_EXAMPLE}`;
  }
}
