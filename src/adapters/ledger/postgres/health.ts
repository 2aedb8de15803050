/**
 * Whether each PostgreSQL ledger database answers, as this process last saw it. A restart or an outage makes
 * every shop's pass fail on its own (each backs off); this turns those failures into one transition per
 * database that a daemon can log once: down with the first failure, up with the next success.
 */
export interface DatabaseChange {
  /** `postgres://host:port/db`, never with credentials. */
  where: string;
  reachable: boolean;
  /** Down: the first failure's message. Up: how long it was unreachable. */
  detail: string;
  downForMs: number;
}

const downSince = new Map<string, { at: number; message: string }>();
const listeners = new Set<(change: DatabaseChange) => void>();

export function watchDatabases(listener: (change: DatabaseChange) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function noteUnreachable(where: string, message: string): void {
  if (downSince.has(where)) return;
  downSince.set(where, { at: Date.now(), message });
  for (const l of listeners) l({ where, reachable: false, detail: message, downForMs: 0 });
}

export function noteReachable(where: string): void {
  const down = downSince.get(where);
  if (!down) return;
  downSince.delete(where);
  const downForMs = Date.now() - down.at;
  for (const l of listeners) l({ where, reachable: true, detail: `after ${(downForMs / 1000).toFixed(1)} s`, downForMs });
}
