import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser.js";
import { type RunningServer, startServer } from "./server.js";

export interface DemoJourney {
  server: RunningServer;
  browser: Browser;
}

/**
 * One demo platform (the configured engine, demo network seeded) and one
 * Chromium for the journeys of a test file, stopped when the file ends.
 * `before` runs first, for files that need something in place before the
 * server starts (a real SMTP server, say).
 */
export function demoJourney(options: { before?: () => Promise<void>; after?: () => Promise<void> } = {}): DemoJourney {
  const journey = {} as DemoJourney;
  beforeAll(async () => {
    await options.before?.();
    journey.browser = await launchBrowser();
    // The build and the demo seed take longer on a loaded machine: wait up to just under the hook's own limit.
    journey.server = await startServer({ engine: "configured", timeoutMs: 170_000 });
  });
  afterAll(async () => {
    await journey.browser?.close();
    await journey.server?.stop();
    await options.after?.();
  });
  return journey;
}
