import type { HomeRecord } from "../modules/outcomes/index.js";
import { addYears, dayOf } from "../modules/outcomes/index.js";
import { population } from "./calibration.js";
import { type GeneratedChild, simulateFamily } from "./family.js";
import { type Geography, geographyOf, nationalGeography } from "./geography.js";
import { HomeRegistry } from "./homes.js";
import { SeededRandom } from "./random.js";

/** The default as-of day: the end of federal fiscal year 2025, so bundles do not depend on the day they are made. */
export const DEFAULT_AS_OF = "2025-09-30";

export interface GeneratorOptions {
  children: number;
  seed: number;
  /** YYYY-MM-DD; histories end here (default DEFAULT_AS_OF). */
  asOf?: string;
  /** The whole country (default), the n largest counties, or these site codes with equal shares. */
  sites?: number | readonly string[];
}

/** Where generated records go: the CSV writer or an in-memory list. */
export interface HistorySink {
  child(child: GeneratedChild): void;
  home(home: HomeRecord): void;
}

/**
 * The seeded simulation behind both `generateBundle` (CSV files) and
 * `generateHistories` (objects): families one after another, from one random
 * stream, so the same options give the same records in the same order.
 * `advance` runs a batch and returns, which lets the CSV writer wait for the
 * disk between batches (constant memory).
 */
export class HistorySimulation {
  readonly geography: Geography;
  readonly homes: HomeRegistry;
  readonly asOfDay: number;
  /** The first day of the history: children are removed from here to the as-of day. */
  readonly firstDay: number;
  childrenMade = 0;
  private familyKey = 1;
  private readonly random: SeededRandom;

  constructor(
    private readonly options: GeneratorOptions,
    private readonly sink: HistorySink,
  ) {
    if (!Number.isInteger(options.children) || options.children < 0)
      throw new Error("children must be a whole number ≥ 0");
    if (!Number.isInteger(options.seed) || options.seed < 0) throw new Error("seed must be a whole number ≥ 0");
    const asOf = options.asOf ?? DEFAULT_AS_OF;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error("asOf must be YYYY-MM-DD");
    this.asOfDay = dayOf(asOf);
    this.firstDay = addYears(this.asOfDay, -population.historyYears) + 1;
    this.geography = options.sites === undefined ? nationalGeography() : geographyOf(options.sites);
    // Homes draw from their own stream so the children's histories do not shift when the pools' sizes change.
    this.homes = new HomeRegistry(
      this.geography,
      options.children,
      this.firstDay,
      this.asOfDay,
      new SeededRandom(options.seed, 2),
      (home) => sink.home(home),
    );
    this.random = new SeededRandom(options.seed, 1);
  }

  get done(): boolean {
    return this.childrenMade >= this.options.children;
  }

  /** Simulates families until about `batch` more children exist (or all of them do). */
  advance(batch: number): void {
    const target = Math.min(this.options.children, this.childrenMade + batch);
    const ctx = {
      random: this.random,
      geography: this.geography,
      homes: this.homes,
      firstDay: this.firstDay,
      asOfDay: this.asOfDay,
    };
    while (this.childrenMade < target) {
      const family = simulateFamily(
        ctx,
        this.familyKey++,
        this.childrenMade + 1,
        this.options.children - this.childrenMade,
      );
      for (const child of family) this.sink.child(child);
      this.childrenMade += family.length;
    }
  }
}
