import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

const ZONE = "America/Los_Angeles";

describe("the worklist leads to the work, in Chromium", () => {
  const journey = demoJourney();

  async function signedIn(email: string, width: number) {
    const { password } = parseDemoSignIns(journey.server.output());
    const context = await journey.browser.newContext({
      viewport: { width, height: 900 },
      bypassCSP: true,
      locale: "en-US",
      timezoneId: ZONE,
    });
    const page = await context.newPage();
    await page.goto(journey.server.url);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
    return { context, page };
  }

  /** An emergency move of one of the caseworker's children today, through the API as the move form sends it. */
  async function emergencyMove(page: Page, nth: number) {
    return page.evaluate(async (nth) => {
      const session = await (await fetch("/api/auth/session")).json();
      const headers = { "content-type": "application/json", "x-csrf-token": session.csrfToken };
      const { children } = await (await fetch("/api/children?limit=200")).json();
      // A child with a planned move already recorded answers 409; take the next child in care then.
      const inCare = children.filter(
        (c: { inCare: boolean; upcomingMoveOn?: string | null }) => c.inCare && !c.upcomingMoveOn,
      );
      const child = inCare[nth];
      const history = await (await fetch(`/api/children/${child.id}/placements`)).json();
      const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(new Date());
      const res = await fetch(`/api/children/${child.id}/placements`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          householdId: history.households[0].id,
          setting: "nonrelative_family_home",
          startDate: today,
          changeKind: "emergency",
          requestedBy: "agency",
          reason: "caregiver_health",
        }),
      });
      return { status: res.status, childName: `${child.givenName} ${child.familyName}` };
    }, nth);
  }

  for (const width of [1280, 375]) {
    it(`records a comfort call from the worklist in one step (${width} px)`, async () => {
      const { context, page } = await signedIn("caseworker@demo.qpi.example", width);
      const moved = await emergencyMove(page, width === 1280 ? 0 : 1);
      expect(moved.status).toBe(201);
      await page.goto(`${journey.server.url}/worklist?window=week&practice=comfort_call`);
      await page.getByRole("heading", { level: 1, name: "My worklist" }).waitFor();
      const record = page.getByRole("button", { name: `Record Comfort call for ${moved.childName}` });
      await record.first().waitFor();
      // The due time is read in the site's zone, named.
      await expect(page.getByRole("list", { name: "My worklist" }).textContent()).resolves.toMatch(/P[SD]T/);
      expect(new URL(page.url()).searchParams.get("practice")).toBe("comfort_call");
      await record.first().click();
      const form = page.getByRole("form", { name: "Comfort call" });
      await form.getByText("Held", { exact: true }).click();
      await form.getByLabel("Notes").fill("Grandmother shared the bedtime routine.");
      await screenshot(page, `worklist-comfort-call-${width}`);
      expect(await axeViolations(page)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await form.getByRole("button", { name: "Save" }).click();
      await record.first().waitFor({ state: "detached" });
      await context.close();
    });
  }

  it("a supervisor drills from an overdue figure to its tasks (1280 and 375 px)", async () => {
    const { context, page } = await signedIn("supervisor@demo.qpi.example", 1280);
    await page.goto(`${journey.server.url}/practices/timeliness`);
    await page.getByRole("heading", { level: 2, name: "Overdue now" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "timeliness-overdue-now-1280");
    const byCaseworker = page.getByRole("table", { name: /by the child's current caseworker/ });
    const firstFigure = byCaseworker.getByRole("link").first();
    const label = (await firstFigure.getAttribute("aria-label")) ?? "";
    const count = Number(label.match(/^(\d+)/)?.[1]);
    expect(count).toBeGreaterThan(0);
    await firstFigure.click();
    await page.getByRole("heading", { level: 1, name: "My worklist" }).waitFor();
    expect(new URL(page.url()).searchParams.get("window")).toBe("overdue");
    expect(new URL(page.url()).searchParams.get("caseworker")).toBeTruthy();
    await page.getByText(`${count} tasks · Overdue now`).waitFor();
    await expect(page.getByRole("list", { name: "My worklist" }).locator(":scope > li").count()).resolves.toBe(count);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.reload();
    await page.getByText(`${count} tasks · Overdue now`).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "worklist-drilled-375");
    await context.close();
  });
});
