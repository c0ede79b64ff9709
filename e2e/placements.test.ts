import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

const ZONE = "America/Los_Angeles";
const dayIn = (offsetDays: number) => {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    d,
  );
};

describe("caseworker records placements and QPI practices in Chromium", () => {
  const journey = demoJourney();

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(journey.server.url);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
  }

  it(`emergency placement → comfort call and icebreaker due \
and completed → planned move with 14 days' notice → withdrawn → reunification → another child returns to care`, async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const context = await journey.browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
      locale: "en-US",
      timezoneId: ZONE,
    });
    const page = await context.newPage();
    await signIn(page, emails.caseworker, password);

    // The demo worklist is real: overdue and due-soon tasks across the caseworker's children.
    await page.goto(`${journey.server.url}/worklist`);
    await page.getByRole("heading", { level: 1, name: "My worklist" }).waitFor();
    await page.getByRole("list", { name: "My worklist" }).locator("li").first().waitFor();
    await screenshot(page, "worklist-en-desktop");
    expect(await axeViolations(page)).toEqual([]);

    // A child in care on the caseworker's list.
    await page.goto(`${journey.server.url}/children`);
    const row = page.locator("table tbody tr").filter({ hasNotText: "Not in care" }).first();
    await row.waitFor();
    await row.getByRole("link").click();
    await page.getByRole("heading", { name: "Removals and placements" }).waitFor();

    // Emergency move into a resource family, now. Nothing is preselected: saving at once is stopped, naming nothing
    // that was not chosen as if it had been.
    await page.getByRole("button", { name: "Record a placement change" }).click();
    const posted: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && /\/placements$/.test(new URL(r.url()).pathname)) posted.push(r.url());
    });
    await page.getByRole("button", { name: "Save placement change" }).click();
    expect(posted).toEqual([]);
    expect(await page.locator("#move-reason").inputValue()).toBe("");
    expect(await page.locator("#move-setting").inputValue()).toBe("");
    await page.locator("label[for=kind-emergency]").click();
    // Homes are searched and told apart by city and licence number.
    await page.getByLabel("Search by name, city or license number").fill("household");
    await page
      .locator(".usa-radio__label")
      .filter({ hasText: /household.*License/ })
      .first()
      .click();
    await page.getByLabel("Setting", { exact: true }).selectOption("nonrelative_family_home");
    await page.getByLabel("Start date").fill(dayIn(0));
    await page.getByLabel("Start time (optional)").fill("10:30");
    await page.getByLabel("Who asked for it").selectOption("caregiver");
    await page.getByLabel("Reason").selectOption("caregiver_requested_removal");
    await page.getByRole("button", { name: "Save placement change" }).click();

    // The rule set's tasks appear with their deadlines.
    await page.getByRole("button", { name: "Record Comfort call" }).waitFor();
    await page.getByRole("button", { name: "Record Icebreaker meeting" }).waitFor();
    await screenshot(page, "child-tasks-due-en-desktop");

    await page.getByRole("button", { name: "Record Comfort call" }).click();
    const comfort = page.getByRole("form", { name: "Comfort call" });
    // Nothing is preselected as what happened.
    expect(await comfort.getByRole("radio", { checked: true }).count()).toBe(0);
    await comfort.getByText("Held", { exact: true }).click();
    await comfort.getByLabel("Notes").fill("Mother shared bedtime routine and favourite foods.");
    await comfort.getByRole("button", { name: "Save" }).click();
    await page.getByRole("button", { name: "Record Comfort call" }).waitFor({ state: "detached" });

    await page.getByRole("button", { name: "Record Icebreaker meeting" }).click();
    const ice = page.getByRole("form", { name: "Icebreaker meeting" });
    await ice.getByLabel("Meeting date").fill(dayIn(3));
    await ice.getByLabel("Participants (separate with commas)").fill("Birth mother, Resource parent, Caseworker");
    // Saved, and the task list fetched again: completing it next must send the task's new version.
    const scheduled = page.waitForResponse(
      (r) => r.request().method() === "PATCH" && /\/api\/tasks\/[^/]+$/.test(new URL(r.url()).pathname),
    );
    const refetched = scheduled.then(() =>
      page.waitForResponse(
        (r) => r.request().method() === "GET" && /\/api\/children\/[^/]+\/tasks$/.test(new URL(r.url()).pathname),
      ),
    );
    await ice.getByRole("button", { name: "Save schedule" }).click();
    expect((await scheduled).status()).toBe(200);
    expect((await refetched).status()).toBe(200);
    await ice.getByText("Held", { exact: true }).click();
    await ice.getByLabel(/All About Me/).fill("Loves dinosaurs; needs a night light.");
    await ice.getByLabel(/Meet Our Family/).fill("Two dogs and a teenager who plays chess.");
    await ice.getByText(/Co-parenting and information-sharing agreement/).click();
    await ice.getByLabel(/evaluation/).fill("Both families found it helpful.");
    await ice.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("button", { name: "Record Icebreaker meeting" }).waitFor({ state: "detached" });
    expect(await page.getByText("Held · recorded by").count()).toBeGreaterThanOrEqual(2);

    // The child's attorney joins the team (the planned-move notice goes to them too).
    await page.getByLabel("Role", { exact: true }).selectOption("attorney");
    await page.getByLabel("Given name").fill("Dana");
    await page.getByLabel("Family name").fill("Ortiz");
    await page.getByRole("button", { name: "Add to team" }).click();
    await page.getByText("Attorney: Dana Ortiz").waitFor();

    // A planned move in 14 days with a transition plan: the 14-day notice is due today.
    await page.getByRole("button", { name: "Record a placement change" }).click();
    await page.locator("label[for=kind-planned]").click();
    await page
      .locator(".usa-radio__label")
      .filter({ hasText: /household.*License/ })
      .nth(1)
      .click();
    await page.getByLabel("Setting", { exact: true }).selectOption("nonrelative_family_home");
    await page.getByLabel("Start date").fill(dayIn(14));
    await page.getByLabel("Who asked for it").selectOption("agency");
    await page.getByLabel("Reason").selectOption("move_to_relative");
    await page.getByLabel("Step 1", { exact: true }).fill("Visit at the new home");
    await page.getByLabel("Date of step 1").fill(dayIn(5));
    await page.getByRole("button", { name: "Save placement change" }).click();
    await page.getByRole("button", { name: "Record Notice of planned move" }).waitFor();
    await page.getByText("Visit at the new home").first().waitFor();
    // The move is upcoming: the current placement is still the one that started today, until the move's day.
    const facts = page.locator("dl.qpi-facts").first();
    await facts.getByText(/moves on/).waitFor();
    const current = await facts.locator("dt:text-is('Current placement') + dd").textContent();
    const todayShown = await page.evaluate(
      (day) =>
        new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00Z`)),
      dayIn(0),
    );
    expect(current).toContain("Resource family home");
    expect(current).toContain(todayShown);
    await page.getByRole("region", { name: "Upcoming" }).getByText("Visit at the new home").waitFor();
    await screenshot(page, "child-planned-move-en-desktop");
    expect(await axeViolations(page)).toEqual([]);

    // The same page at phone width.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.reload();
    await page.getByRole("heading", { name: "QPI practices" }).waitFor();
    await page.getByRole("region", { name: "Upcoming" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "child-practices-en-375");
    const childPage = page.url();
    await page.goto(`${journey.server.url}/worklist`);
    await page.getByRole("list", { name: "My worklist" }).locator("li").first().waitFor();
    await screenshot(page, "worklist-en-375");

    // The plan falls through: the worker withdraws the planned move, with a reason the case history keeps; the
    // child stays where they live and the move's notice no longer applies.
    await page.goto(childPage);
    const upcomingMove = page.getByRole("region", { name: "Upcoming" });
    await upcomingMove.getByRole("button", { name: "Withdraw this planned move" }).click();
    const withdraw = page.getByRole("form", { name: "Withdraw this planned move" });
    expect(await axeViolations(page)).toEqual([]);
    await withdraw.getByLabel("Reason for withdrawing the move").fill("The relative's home study fell through.");
    await withdraw.getByRole("button", { name: "Withdraw the planned move" }).click();
    await upcomingMove.waitFor({ state: "detached" });
    await page.getByText(/Planned move withdrawn: move on .* → —/).waitFor();
    await page.getByText("The relative's home study fell through.").waitFor();
    await page.getByText("Not applicable: the planned move was withdrawn").first().waitFor();

    // Reunification: the exit closes the placement and the episode; the open tasks close as not applicable.
    await page.getByRole("button", { name: "Record an exit from care" }).click();
    const exit = page.getByRole("form", { name: "Record an exit from care" });
    await exit.getByLabel("Reason for discharge").selectOption("reunification");
    await exit.getByLabel("Exit date").fill(dayIn(0));
    await exit.getByRole("button", { name: "Save the exit" }).click();
    await page.getByRole("heading", { level: 3, name: /Reunified.*AFCARS/ }).waitFor();
    await screenshot(page, "child-exit-en-375");
    expect(await axeViolations(page)).toEqual([]);

    // A child who left care earlier returns: a new removal episode with its first placement, and its practice tasks.
    // (Not the child who left today: a removal on the day of an exit would overlap that episode.)
    const exited = new URL(page.url()).pathname.split("/").pop();
    // The demo caseload holds a child reunified three weeks ago; the caseworker finds them by name.
    const formerly = await page.evaluate(async (skip) => {
      const list = await (await fetch("/api/children?limit=200")).json();
      return list.children.find(
        (c: { id: string; currentSetting: string | null }) => c.currentSetting === null && c.id !== skip,
      ) as { id: string; familyName: string };
    }, exited);
    await page.goto(`${journey.server.url}/children`);
    await page.getByRole("searchbox").fill(formerly.familyName);
    await page.locator(`a[href="/children/${formerly.id}"]`).click();
    await page.getByRole("button", { name: "Record a return to care" }).click();
    const reentry = page.getByRole("form", { name: "Record a return to care" });
    await reentry.getByLabel("Removal date").fill(dayIn(0));
    await reentry.getByLabel("Reason for removal").selectOption("neglect");
    await reentry.getByLabel("Legal authority").selectOption("court_ordered");
    await reentry.getByLabel("Home or facility").selectOption({ index: 1 });
    await reentry.getByLabel("Setting").selectOption("nonrelative_family_home");
    expect(await axeViolations(page)).toEqual([]);
    await reentry.getByRole("button", { name: "Save the return to care" }).click();
    await page.getByRole("button", { name: "Record Comfort call" }).waitFor();
    // Both episodes are listed once the placements are fetched again (the tasks may arrive first).
    await page
      .getByRole("heading", { level: 3, name: /^In care/ })
      .nth(1)
      .waitFor();
    await screenshot(page, "child-reentry-en-375");

    // A hearing entered late, 40 days after it was held: refused as unusual, then recorded once the worker confirms.
    const hearingForm = page.getByRole("form", { name: "Add a hearing" });
    await hearingForm.getByLabel("Hearing date").fill(dayIn(-40));
    await hearingForm.getByLabel("Department").fill("Dept. 7");
    await hearingForm.getByRole("button", { name: "Save hearing" }).click();
    await page
      .getByText(/is more than 30 days ago/)
      .first()
      .waitFor();
    await hearingForm.locator("label[for=hearing-on-confirm]").click();
    expect(await axeViolations(page)).toEqual([]);
    await hearingForm.getByRole("button", { name: "Save hearing" }).click();
    await page.getByText("Dept. 7").first().waitFor();
    await context.close();
  });

  it("the coordinator sees timeliness per unit and the rule set with sources, in Spanish", async () => {
    const { password } = parseDemoSignIns(journey.server.output());
    const context = await journey.browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
      locale: "es-US",
      timezoneId: ZONE,
    });
    const page = await context.newPage();
    await page.goto(journey.server.url);
    await page.getByLabel(/Correo|Email/).fill("coordinator@demo.qpi.example");
    await page.getByLabel(/Contraseña|Password/).fill(password);
    await page.getByRole("button", { name: /Iniciar sesión|Sign in/ }).click();
    await page.getByRole("heading", { level: 1, name: /Bienvenid|Welcome/ }).waitFor();
    // The account's language applies at sign-in: the coordinator chooses Spanish for the account.
    await page.evaluate(async () => {
      const session = await (await fetch("/api/auth/session")).json();
      await fetch("/api/me/language", {
        method: "PUT",
        headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
        body: JSON.stringify({ language: "es" }),
      });
    });
    await page.context().clearCookies({ name: "qpi_lang" });
    await page.goto(`${journey.server.url}/practices/timeliness`);
    await page.locator("table tbody tr").first().waitFor();
    await page.getByRole("heading", { level: 1, name: "Puntualidad de las prácticas" }).waitFor();
    await screenshot(page, "timeliness-es-desktop");
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${journey.server.url}/rules`);
    await page.getByRole("heading", { level: 1, name: /Reglas de las prácticas/ }).waitFor();
    await page.locator("table tbody tr").first().waitFor();
    // Each rule says where it comes from: the demo county's comfort call is a site setting, not state law.
    await page.getByRole("columnheader", { name: "Proviene de" }).first().waitFor();
    expect(await page.getByText("Ajuste de este sitio").count()).toBeGreaterThan(0);
    expect(await page.getByText("Ley o reglamento estatal").count()).toBeGreaterThan(0);
    await screenshot(page, "rules-es-desktop");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
