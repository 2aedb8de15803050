/**
 * Bounded concurrency over shops: at most `limit` passes at once, each shop at most once in the queue or in
 * flight (a slow shop skips its missed firings instead of piling up), first come first served.
 */
export class PassQueue<T> {
  readonly #waiting: T[] = [];
  readonly #queued = new Set<T>();
  readonly #running = new Set<T>();
  readonly #inFlight = new Set<Promise<void>>();
  #paused = false;

  constructor(
    private readonly limit: number,
    private readonly run: (item: T) => Promise<void>,
  ) {}

  get running(): number {
    return this.#running.size;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** False when the item is already queued or running. */
  push(item: T): boolean {
    if (this.#paused || this.#queued.has(item) || this.#running.has(item)) return false;
    this.#queued.add(item);
    this.#waiting.push(item);
    this.#pump();
    return true;
  }

  isBusy(item: T): boolean {
    return this.#queued.has(item) || this.#running.has(item);
  }

  /** Drops an item that has not started (a shop removed by SIGHUP). */
  remove(item: T): void {
    if (!this.#queued.delete(item)) return;
    this.#waiting.splice(this.#waiting.indexOf(item), 1);
  }

  #pump(): void {
    while (!this.#paused && this.#running.size < this.limit && this.#waiting.length > 0) {
      const item = this.#waiting.shift()!;
      this.#queued.delete(item);
      this.#running.add(item);
      const p = this.run(item).catch(() => undefined).finally(() => {
        this.#running.delete(item);
        this.#inFlight.delete(p);
        this.#pump();
      });
      this.#inFlight.add(p);
    }
  }

  /** Resolves when nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0 || (!this.#paused && this.#waiting.length > 0)) await Promise.race(this.#inFlight);
  }

  /** Stops starting new passes (stop signal) and forgets the queue; passes in flight finish. */
  async drain(): Promise<void> {
    this.#paused = true;
    this.#waiting.length = 0;
    this.#queued.clear();
    await Promise.all([...this.#inFlight]);
  }

  /** Waits until `item` is neither queued nor running. */
  async settled(item: T): Promise<void> {
    while (this.isBusy(item)) await Promise.race(this.#inFlight);
  }
}
