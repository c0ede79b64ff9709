import { describe, expect, it } from "vitest";
import { FairQueue, QueueFullError } from "../../server/platform/auth/fair-queue.js";

/** A task the test finishes by hand, so nothing here depends on timing. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, done };
}

function harness(options: { concurrency: number; capacity: number; perClient: number }) {
  let clock = 0;
  const queue = new FairQueue({ ...options, halfLifeMs: 60_000, now: () => clock });
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  /** Submits a task named `name` for `client`; resolves to "done" or "refused". */
  const submit = (client: string, name: string) =>
    queue
      .run(client, async () => {
        started.push(name);
        const g = gate();
        gates.set(name, g.open);
        await g.done;
      })
      .then(
        () => "done",
        (error) => (error instanceof QueueFullError ? "refused" : `error ${error}`),
      );
  const finish = async (name: string) => {
    gates.get(name)!();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { queue, submit, finish, started, advance: (ms: number) => (clock += ms) };
}

describe("the password queue (fair share per client address)", () => {
  it("runs at most `concurrency`, keeps at most `capacity` waiting, and refuses the rest at once", async () => {
    const h = harness({ concurrency: 1, capacity: 2, perClient: 3 });
    const a = h.submit("10.0.0.1", "a");
    const b = h.submit("10.0.0.2", "b");
    const c = h.submit("10.0.0.3", "c");
    expect(h.queue.size).toEqual({ running: 1, waiting: 2 });
    // Full, and the newcomer's address used the queue as much as the waiting ones: refused, without waiting.
    expect(await h.submit("10.0.0.2", "d")).toBe("refused");
    expect(h.started).toEqual(["a"]);
    await h.finish("a");
    expect(await a).toBe("done");
    // Equal use when they asked: the newest first.
    expect(h.started).toEqual(["a", "c"]);
    await h.finish("c");
    await h.finish("b");
    expect([await b, await c]).toEqual(["done", "done"]);
    expect(h.queue.size).toEqual({ running: 0, waiting: 0 });
  });

  it("gives one address at most `perClient` places, running or waiting", async () => {
    const h = harness({ concurrency: 1, capacity: 8, perClient: 2 });
    const first = h.submit("10.0.0.9", "x1");
    const second = h.submit("10.0.0.9", "x2");
    expect(await h.submit("10.0.0.9", "x3")).toBe("refused");
    // Another address still gets in.
    const other = h.submit("10.0.0.10", "y1");
    expect(h.queue.size).toEqual({ running: 1, waiting: 2 });
    await h.finish("x1");
    // The place is free again for that address.
    const fourth = h.submit("10.0.0.9", "x4");
    expect(h.queue.size.waiting).toBe(2);
    for (const name of ["y1", "x2", "x4"]) await h.finish(name);
    expect(await Promise.all([first, second, other, fourth])).toEqual(["done", "done", "done", "done"]);
  });

  it("serves the address that used the least first, and a newcomer takes the place of the busiest", async () => {
    const h = harness({ concurrency: 1, capacity: 3, perClient: 3 });
    // A flooding address gets served a few times.
    for (let i = 0; i < 3; i++) {
      const run = h.submit("flood", `warm${i}`);
      await h.finish(`warm${i}`);
      await run;
    }
    // Now it fills the queue: one running, two waiting, plus another busy address.
    const f1 = h.submit("flood", "f1");
    const f2 = h.submit("flood", "f2");
    const f3 = h.submit("flood", "f3");
    const busy = h.submit("busy", "b1");
    expect(h.queue.size).toEqual({ running: 1, waiting: 3 });
    // A quiet address arrives at a full queue: the busiest address's newest waiting task is refused for it.
    const quiet = h.submit("quiet", "q1");
    expect(await f3).toBe("refused");
    expect(h.queue.size).toEqual({ running: 1, waiting: 3 });
    // It runs before the flood's waiting task, and before the other address that had used nothing either
    // (equal use: the newest first).
    await h.finish("f1");
    expect(h.started.at(-1)).toBe("q1");
    await h.finish("q1");
    expect(h.started.at(-1)).toBe("b1");
    await h.finish("b1");
    expect(h.started.at(-1)).toBe("f2");
    await h.finish("f2");
    expect(await Promise.all([f1, f2, busy, quiet])).toEqual(["done", "done", "done", "done"]);
  });

  it("forgets old use: an address's share halves every half-life", () => {
    const h = harness({ concurrency: 1, capacity: 1, perClient: 1 });
    void h.submit("a", "a1");
    expect(h.queue.scoreOf("a")).toBe(1);
    h.advance(60_000);
    expect(h.queue.scoreOf("a")).toBeCloseTo(0.5);
    h.advance(60_000);
    expect(h.queue.scoreOf("a")).toBeCloseTo(0.25);
  });
});
