/**
 * Computed outcomes by key (areas, periods, data version): a small LRU plus
 * single flight — concurrent requests for the same key share one computation.
 * A failed computation is not kept. What is cached is the computation, never
 * an actor's view: access and suppression are applied per request afterwards.
 */
export class ComputationCache<T> {
  private readonly done = new Map<string, T>();
  private readonly running = new Map<string, Promise<T>>();
  readonly stats = { hits: 0, shared: 0, computed: 0 };

  constructor(private readonly maxEntries = 128) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const known = this.done.get(key);
    if (known !== undefined) {
      this.stats.hits++;
      // Most recently used last.
      this.done.delete(key);
      this.done.set(key, known);
      return Promise.resolve(known);
    }
    const running = this.running.get(key);
    if (running) {
      this.stats.shared++;
      return running;
    }
    this.stats.computed++;
    const started = compute().then(
      (value) => {
        this.running.delete(key);
        this.done.set(key, value);
        while (this.done.size > this.maxEntries) this.done.delete(this.done.keys().next().value as string);
        return value;
      },
      (error: unknown) => {
        this.running.delete(key);
        throw error;
      },
    );
    this.running.set(key, started);
    return started;
  }

  /** Drops the entries of other data versions (keys start with "v<version>:"). */
  keepVersion(version: string) {
    const prefix = `v${version}:`;
    for (const key of this.done.keys()) if (!key.startsWith(prefix)) this.done.delete(key);
  }

  clear() {
    this.done.clear();
  }
}
