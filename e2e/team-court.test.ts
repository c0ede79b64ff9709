import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

const ZONE = "America/Los_Angeles";

// A caseworker records a no-contact order on the demo family's child, and the
// birth parent (the demo family account) stops seeing the caregiver's address
// and phone; ending the order gives them back. At desk and phone widths, axe-clean.
describe("court orders and what the birth parent sees, in Chromium", () => {
  const journey = demoJourney();

  async function open(browser: Browser, width: number, email: string, password: string, locale = "en-US") {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      bypassCSP: true,
      locale,
      timezoneId: ZONE,
    });
    const page = await context.newPage();
    await page.goto(journey.server.url);
    await page.getByLabel(/Email address|Correo electrónico/).fill(email);
    await page.getByLabel(/Password|Contraseña/).fill(password);
    await page.getByRole("button", { name: /Sign in|Iniciar sesión/ }).click();
    await page.getByRole("heading", { level: 1, name: /Welcome|Bienvenid/ }).waitFor();
    return page;
  }
  let childUrl = "";
  const livesWith = (page: Page) => page.locator('section[aria-labelledby="case-history-heading"] dl');

  it("at 1280 px: a no-contact order hides the caregiver's contact from the birth parent", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());

    // The birth parent sees where their child lives (the caregiver agreed to share it).
    const parent = await open(journey.browser, 1280, emails.birth_parent, password);
    await parent.goto(`${journey.server.url}/children`);
    await parent.locator("a[href^='/children/']").first().click();
    await parent.waitForURL(/\/children\/[0-9a-f-]{36}$/);
    childUrl = parent.url();
    await livesWith(parent).waitFor();
    const contact = ((await livesWith(parent).locator("dd > div").first().textContent()) ?? "").trim();
    expect(contact.length).toBeGreaterThan(0);

    // The caseworker records the order on the same child.
    const worker = await open(journey.browser, 1280, emails.caseworker, password);
    await worker.goto(childUrl);
    const orders = worker.locator('section[aria-labelledby="court-orders-heading"]');
    await orders.getByText(/No court order limits what the birth parents see today/).waitFor();
    await orders.getByLabel("Kind of order").selectOption("no_contact");
    await orders.getByLabel("Court reference and what the order says (optional)").fill("Dept. 12, no contact");
    await orders.getByRole("button", { name: "Record the order" }).click();
    await orders
      .getByText("A court order is in force: the birth parents do not see the caregiver's address and phone.")
      .waitFor();
    await orders.getByText("In force", { exact: true }).waitFor();
    await screenshot(worker, "court-order-recorded-en-desktop");
    expect(await axeViolations(worker)).toEqual([]);

    // The parent reloads: the address and phone are gone from the page.
    await parent.reload();
    await parent.locator('section[aria-labelledby="case-history-heading"] h2').waitFor();
    expect(await livesWith(parent).count()).toBe(0);
    expect(await parent.locator("body").textContent()).not.toContain(contact);
    await screenshot(parent, "court-order-parent-view-desktop");
    expect(await axeViolations(parent)).toEqual([]);

    // The reminders bell opens its list.
    await worker.getByRole("button", { name: /Reminders, \d+ unread/ }).click();
    await worker.getByRole("region", { name: "Reminders" }).waitFor();
    await screenshot(worker, "reminders-bell-en-desktop");
    expect(await axeViolations(worker)).toEqual([]);
    await worker.context().close();
    await parent.context().close();
  });

  it("at 375 px: the order, its effect and the team on a phone; the parent still without the contact", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const worker = await open(journey.browser, 375, emails.caseworker, password);
    await worker.goto(childUrl);
    const orders = worker.locator('section[aria-labelledby="court-orders-heading"]');
    await orders.getByText("In force", { exact: true }).waitFor();
    await worker
      .locator('section[aria-labelledby="team-heading"]')
      .getByText(/Caseworker:/)
      .first()
      .waitFor();
    await screenshot(worker, "court-order-recorded-en-phone");
    expect(await axeViolations(worker)).toEqual([]);
    await worker.getByRole("button", { name: /Reminders, \d+ unread/ }).click();
    await worker.getByRole("region", { name: "Reminders" }).waitFor();
    await screenshot(worker, "reminders-bell-en-phone");
    expect(await axeViolations(worker)).toEqual([]);

    const parent = await open(journey.browser, 375, emails.birth_parent, password, "es-US");
    await parent.goto(childUrl);
    await parent.locator('section[aria-labelledby="case-history-heading"] h2').waitFor();
    expect(await livesWith(parent).count()).toBe(0);
    await screenshot(parent, "court-order-parent-view-phone");
    expect(await axeViolations(parent)).toEqual([]);

    // Ending the order: today is its last day, and the list says who ended it.
    await worker.keyboard.press("Escape");
    await orders.getByRole("button", { name: /End "No contact"/ }).click();
    await orders.getByText(/ended by/).waitFor();
    await worker.context().close();
    await parent.context().close();
  });
});
