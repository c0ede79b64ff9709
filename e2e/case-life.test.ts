import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

const ZONE = "America/Los_Angeles";
const dayIn = (offsetDays: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

/**
 * The life of a case from its first day, as a caseworker runs it in the browser: the guided intake (saved step by
 * step), a correction of a mistyped removal date, the first placement's comfort call recorded from the worklist,
 * a planned move that leaves the current placement current until its day, reunification closing the open tasks
 * as not applicable, and re-entry opening a new episode. Once at desk width and once on a phone, axe at each step.
 */
describe("the life of a case from intake, in Chromium", () => {
  const journey = demoJourney();

  async function signedIn(width: number) {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const context = await journey.browser.newContext({
      viewport: { width, height: 900 },
      bypassCSP: true,
      locale: "en-US",
      timezoneId: ZONE,
    });
    const page = await context.newPage();
    await page.goto(journey.server.url);
    await page.getByLabel("Email address").fill(emails.caseworker);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
    return page;
  }

  const clean = async (page: Page, shot: string) => {
    await screenshot(page, shot);
    expect(await axeViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${shot} scrolls sideways`).toBeLessThanOrEqual(0);
  };
  const stepHeading = (page: Page, n: number, name: string) =>
    page.getByRole("heading", { level: 2, name: `Step ${n} of 5: ${name}` }).waitFor();
  const shownDay = (page: Page, day: string) =>
    page.evaluate(
      (d) => new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${d}T00:00Z`)),
      day,
    );

  for (const [width, tag] of [
    [1280, "desktop"],
    [375, "375"],
  ] as const) {
    it(`at ${width} px: intake → correction → comfort call from the worklist → planned move → reunification → re-entry`, async () => {
      const page = await signedIn(width);
      const familyName = `Intake${tag}`;
      const placedOn = dayIn(-5);

      // Intake, step by step; each step is saved on the server.
      await page.goto(`${journey.server.url}/children`);
      await page.getByRole("button", { name: "Start an intake" }).click();
      await page.waitForURL(/\/intake\/[0-9a-f-]{36}$/);
      await stepHeading(page, 1, "The child");
      await clean(page, `intake-child-${tag}`);
      await page.getByLabel("Case number").fill(`E2E-${tag}-${Date.now() % 100000}`);
      await page.getByLabel("Given name").fill("Lucia");
      await page.getByLabel("Family name").fill(familyName);
      await page.getByLabel("Birth date").fill("2015-05-20");
      await page.getByLabel("Sex").selectOption("female");
      await page.getByLabel("Languages", { exact: true }).fill("es, en");
      await page.getByRole("button", { name: "Save and continue" }).click();
      await stepHeading(page, 2, "The removal");
      // A reload (a closed tab, a lost signal) comes back to the same step with every answer.
      await page.reload();
      await stepHeading(page, 2, "The removal");
      await page.getByRole("button", { name: "Back" }).click();
      await stepHeading(page, 1, "The child");
      expect(await page.getByLabel("Family name").inputValue()).toBe(familyName);
      await page.getByRole("button", { name: "Save and continue" }).click();
      await stepHeading(page, 2, "The removal");
      await page.getByLabel("Removal date").fill(placedOn);
      await page.getByLabel("Removal time").fill("16:20");
      await page.getByLabel("Reason for removal").selectOption("neglect");
      await page.getByLabel("Legal authority (manner of removal)").selectOption("court_ordered");
      await clean(page, `intake-removal-${tag}`);
      await page.getByRole("button", { name: "Save and continue" }).click();
      await stepHeading(page, 3, "First placement");
      await page.getByLabel("Home").selectOption({ index: 1 });
      const homeLabel = (await page.locator("#intake-placement-householdId option:checked").textContent()) ?? "";
      const homeName = homeLabel.split(" · ")[0];
      await page.getByLabel("Setting").selectOption("nonrelative_family_home");
      await page.getByLabel("Placement start date").fill(placedOn);
      await page.getByLabel("Placement start time").fill("19:00");
      await clean(page, `intake-placement-${tag}`);
      await page.getByRole("button", { name: "Save and continue" }).click();
      await stepHeading(page, 4, "The team");
      await page.getByRole("button", { name: "Add a team member" }).click();
      await page.getByLabel("Role").selectOption("casa");
      await page.getByLabel("Given name").fill("Carla");
      await page.getByLabel("Family name").fill("Advocate");
      await page.getByRole("button", { name: "Save and continue" }).click();
      await stepHeading(page, 5, "Check and finish");
      await page.getByText(`Lucia ${familyName}`).waitFor();
      await clean(page, `intake-review-${tag}`);
      await page.getByRole("button", { name: "Finish intake" }).click();
      await page.waitForURL(/\/children\/[0-9a-f-]{36}$/);
      const childUrl = page.url();
      const childId = childUrl.split("/").pop()!;
      await page.getByRole("heading", { name: "Removals and placements" }).waitFor();
      await page.getByText("CASA: Carla Advocate").waitFor();
      await page.getByRole("button", { name: "Record Comfort call" }).waitFor();

      // The removal date was mistyped: corrected with a reason, kept in the record's history.
      await page.getByRole("button", { name: `Correct the removal of ${await shownDay(page, placedOn)}` }).click();
      const correction = page.getByRole("form", { name: "Correct a record" });
      await correction.getByLabel("What to correct").selectOption("removalDate");
      await correction.getByLabel("Correct value").fill(dayIn(-6));
      await correction.getByLabel("Reason for the correction").fill("The police report gives the day before.");
      await clean(page, `correction-form-${tag}`);
      await correction.getByRole("button", { name: "Save the correction" }).click();
      await page.getByRole("heading", { level: 3, name: "Corrections" }).waitFor();
      await page.getByText("The police report gives the day before.").waitFor();
      await page
        .getByText(`Removal date: ${await shownDay(page, placedOn)} → ${await shownDay(page, dayIn(-6))}`)
        .waitFor();

      // The comfort call, overdue since the placement began, recorded from the worklist in one step.
      await page.goto(`${journey.server.url}/worklist?childId=${childId}&window=all`);
      const record = page.getByRole("button", { name: `Record Comfort call for Lucia ${familyName}` });
      await record.click();
      const comfort = page.getByRole("form", { name: "Comfort call" });
      expect(await comfort.getByRole("radio", { checked: true }).count()).toBe(0);
      await comfort.getByText("Held", { exact: true }).click();
      await comfort.getByLabel("Notes").fill("Grandmother shared bedtime routine.");
      await clean(page, `worklist-comfort-call-${tag}`);
      await comfort.getByRole("button", { name: "Save" }).click();
      await record.waitFor({ state: "detached" });

      // A planned move in 14 days: the intake's placement stays current until the move's day.
      await page.goto(childUrl);
      await page.getByText("Held · recorded by").first().waitFor();
      await page.getByRole("button", { name: "Record a placement change" }).click();
      await page.locator("label[for=kind-planned]").click();
      await page
        .locator(".usa-radio__label")
        .filter({ hasText: /License/ })
        .filter({ hasNotText: homeName })
        .first()
        .click();
      await page.getByLabel("Setting", { exact: true }).selectOption("nonrelative_family_home");
      await page.getByLabel("Start date").fill(dayIn(14));
      await page.getByLabel("Who asked for it").selectOption("agency");
      await page.getByLabel("Reason").selectOption("move_to_relative");
      await page.getByLabel("Step 1", { exact: true }).fill("Weekend visit at the new home");
      await page.getByLabel("Date of step 1").fill(dayIn(4));
      await page.getByRole("button", { name: "Save placement change" }).click();
      await page.getByRole("region", { name: "Upcoming" }).getByText("Weekend visit at the new home").waitFor();
      const facts = page.locator("dl.qpi-facts").first();
      const current = await facts.locator("dt:text-is('Current placement') + dd").textContent();
      expect(current).toContain(await shownDay(page, placedOn));
      expect(current).toContain("Resource family home");
      await clean(page, `case-planned-move-${tag}`);

      // The family is ready sooner: the move is withdrawn and the child goes home.
      const upcoming = page.getByRole("region", { name: "Upcoming" });
      await upcoming.getByRole("button", { name: "Withdraw this planned move" }).click();
      const withdraw = page.getByRole("form", { name: "Withdraw this planned move" });
      await withdraw.getByLabel("Reason for withdrawing the move").fill("Reunification approved at the hearing.");
      await withdraw.getByRole("button", { name: "Withdraw the planned move" }).click();
      await upcoming.waitFor({ state: "detached" });

      await page.getByRole("button", { name: "Record an exit from care" }).click();
      const exit = page.getByRole("form", { name: "Record an exit from care" });
      await exit.getByLabel("Reason for discharge").selectOption("reunification");
      await exit.getByLabel("Exit date").fill(dayIn(-2));
      await clean(page, `case-exit-form-${tag}`);
      await exit.getByRole("button", { name: "Save the exit" }).click();
      await page.getByRole("heading", { level: 3, name: /Reunified.*AFCARS 1/ }).waitFor();
      // The first placement's open tasks are closed as not applicable, and stay in the history.
      await page.getByText("Not applicable: the placement ended").first().waitFor();
      // No practice task is left to record (the page's other "Record a …" / "Record the …" actions stay).
      expect(await page.getByRole("button", { name: /^Record (?!a |an |the )/ }).count()).toBe(0);
      await clean(page, `case-reunified-${tag}`);

      // Back in care: a new episode with its own first placement and tasks.
      await page.getByRole("button", { name: "Record a return to care" }).click();
      const reentry = page.getByRole("form", { name: "Record a return to care" });
      await reentry.getByLabel("Removal date").fill(dayIn(0));
      await reentry.getByLabel("Reason for removal").selectOption("neglect");
      await reentry.getByLabel("Legal authority").selectOption("court_ordered");
      await reentry.getByLabel("Home or facility").selectOption({ index: 1 });
      await reentry.getByLabel("Setting").selectOption("nonrelative_family_home");
      await clean(page, `case-reentry-form-${tag}`);
      await reentry.getByRole("button", { name: "Save the return to care" }).click();
      await page.getByRole("button", { name: "Record Comfort call" }).waitFor();
      await page.getByRole("heading", { level: 3, name: /^In care .* – now$/ }).waitFor();
      await page.getByRole("heading", { level: 3, name: /Reunified.*AFCARS 1/ }).waitFor();
      await clean(page, `case-reentry-${tag}`);
      await page.context().close();
    }, 600_000);
  }

  it("at 375 px: an unfinished intake is handed to a colleague, with what was typed", async () => {
    const page = await signedIn(375);
    await page.goto(`${journey.server.url}/children`);
    await page.getByRole("button", { name: "Start an intake" }).click();
    await stepHeading(page, 1, "The child");
    await page.getByLabel("Given name").fill("Mateo");
    await page.getByLabel("Family name").fill("Handover");
    await page.getByRole("button", { name: "Hand this intake to a colleague" }).click();
    const form = page.getByRole("form", { name: "Hand this intake to a colleague" });
    await form.getByLabel("Colleague", { exact: true }).selectOption({ index: 1 });
    const colleague = (await form.locator("#intake-handover-to option:checked").textContent()) ?? "";
    await form.getByLabel("Note for your colleague (optional)").fill("Going off shift; the removal is tonight.");
    await clean(page, "intake-handover-375");
    await form.getByRole("button", { name: "Hand over" }).click();
    await page.getByText(`The intake is now with ${colleague}.`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // It has left this worker's list of unfinished intakes.
    await page.goto(`${journey.server.url}/children`);
    await page.getByRole("button", { name: "Start an intake" }).waitFor();
    expect(await page.getByRole("link", { name: "Continue the intake of Mateo Handover" }).count()).toBe(0);
    await page.context().close();
  }, 300_000);
});
