import type { ActorFacts } from "../access/load-actor.js";
import type { AccessVersions } from "./sessions.js";

/** What an instance remembers of a session between requests. */
export interface CachedAccess extends AccessVersions {
  userId: string;
  facts: ActorFacts;
  /** The idle timeout of the user's security policy, once a touch has needed it (bumps of the epoch renew it). */
  idleMinutes?: number;
  loadedAt: number;
}

/**
 * The facts of each session's actor, kept in this process for a few seconds. An entry is used only while the
 * versions read with the session (in the same statement) equal its own, so a grant revoked, a share given, an
 * account deactivated or a role's permissions changed — by any instance — take effect on the very next request;
 * the time limit only bounds what a change made behind the triggers' back (by hand, in SQL) could leave stale.
 * Which grants are current is decided per request from the facts and the clock (see actorFromFacts), so an
 * entry never serves a grant past its last day nor yesterday's site day.
 */
export class ActorCache {
  readonly #entries = new Map<string, CachedAccess>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 20_000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The entry of a session (by its token's hash) if it is young enough to be trusted with current versions. */
  current(idHash: string): CachedAccess | undefined {
    const entry = this.#entries.get(idHash);
    if (!entry) return undefined;
    if (this.clock() - entry.loadedAt < this.ttlMs) return entry;
    this.#entries.delete(idHash);
    return undefined;
  }

  remember(idHash: string, access: Omit<CachedAccess, "loadedAt">): CachedAccess {
    const entry = { ...access, loadedAt: this.clock() };
    if (this.ttlMs <= 0) return entry;
    this.#entries.delete(idHash);
    this.#entries.set(idHash, entry);
    // Entries are in the order they were loaded: the expired ones (signed out, gone idle) are at the front, and
    // past the cap the oldest go too; a session still in use is loaded again on its next request.
    for (const [key, held] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.clock() - held.loadedAt < this.ttlMs) break;
      this.#entries.delete(key);
    }
    return entry;
  }

  forget(idHash: string): void {
    this.#entries.delete(idHash);
  }

  get size(): number {
    return this.#entries.size;
  }
}
