import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

const ZONE = "America/Los_Angeles";

// The partnership plan of a placement, signed on a phone by the caregiver and then by the caseworker, each on the
// version shown; the printable plan in Spanish. Axe-clean at 375 px.
describe("the partnership plan in Chromium", () => {
  const journey = demoJourney();

  async function open(browser: Browser, email: string, password: string) {
    const context = await browser.newContext({
      viewport: { width: 375, height: 812 },
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
    return page;
  }
  const childIds = (page: Page) =>
    page.evaluate(async () => {
      const list = await (await fetch("/api/children?limit=100")).json();
      return (list.children as { id: string }[]).map((c) => c.id);
    });

  it("a caregiver and the caseworker sign the plan of the child's placement at 375 px", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const caregiver = await open(journey.browser, emails.caregiver, password);
    const worker = await open(journey.browser, emails.caseworker, password);
    const theirs = new Set(await childIds(worker));
    const childId = (await childIds(caregiver)).find((id) => theirs.has(id));
    expect(childId).toBeDefined();

    await caregiver.goto(`${journey.server.url}/children/${childId}`);
    const section = caregiver.getByRole("region", { name: "Partnership plan" });
    await section.getByText("Nobody has signed this plan for the current placement yet.").waitFor();
    await section.getByText("Read the plan", { exact: true }).click();
    await section.getByRole("heading", { name: "The agency and the caseworker" }).waitFor();
    expect(await axeViolations(caregiver)).toEqual([]);
    const form = caregiver.getByRole("form", { name: "Sign as the caregiver" });
    // Without the agreement box nothing is signed.
    await form.getByLabel("Your full name").fill("Pat Resource Parent");
    await form.getByRole("button", { name: "Sign the plan" }).click();
    await form.getByText(/Check the box to confirm/).waitFor();
    await form.locator("label[for=partnership-agree]").click();
    await form.getByRole("button", { name: "Sign the plan" }).click();
    await section.getByText(/Caregiver: signed as “Pat Resource Parent”/).waitFor();
    await screenshot(caregiver, "partnership-caregiver-signed-en-375");
    expect(
      await caregiver.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

    await worker.goto(`${journey.server.url}/children/${childId}`);
    const hers = worker.getByRole("region", { name: "Partnership plan" });
    await hers.getByText(/Caregiver: signed as “Pat Resource Parent”/).waitFor();
    const agency = worker.getByRole("form", { name: "Sign for the agency" });
    await agency.getByLabel("Your full name").fill("Casey Worker");
    await agency.locator("label[for=partnership-agree]").click();
    await agency.getByRole("button", { name: "Sign the plan" }).click();
    await hers.getByText(/Agency: signed as “Casey Worker”/).waitFor();
    expect(await hers.getByRole("form").count()).toBe(0);
    expect(await axeViolations(worker)).toEqual([]);

    // The printable plan, in Spanish, with both signatures and the text as signed.
    // The caseworker chooses Spanish for the account (at phone width the switch is in the menu).
    await worker.evaluate(async () => {
      const session = await (await fetch("/api/auth/session")).json();
      await fetch("/api/me/language", {
        method: "PUT",
        headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
        body: JSON.stringify({ language: "es" }),
      });
    });
    await worker.context().clearCookies({ name: "qpi_lang" });
    await worker.goto(`${journey.server.url}/children/${childId}/partnership-plan`);
    await worker.getByRole("heading", { level: 1, name: "Plan de colaboración" }).waitFor();
    await worker.getByText(/Familia de acogida: firmado como «Pat Resource Parent»/).waitFor();
    expect(await worker.getByText("El plan dice exactamente lo mismo que cuando se firmó.").count()).toBe(2);
    await screenshot(worker, "partnership-print-es-375");
    expect(await axeViolations(worker)).toEqual([]);
  });
});
