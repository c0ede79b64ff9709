import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

/** How far the page scrolls sideways (0: it fits the screen). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Text that looks like a catalogue key ("identity.role.network_analyst"): never on a page. */
const rawKey = /\b[a-z]+[A-Za-z]*\.[a-z][A-Za-z_]*\.[a-z][A-Za-z_.]*\b/;

describe("language and small things in Chromium", () => {
  const journey = demoJourney();

  async function signIn(page: Page, email: string, password: string, label = "Email address") {
    await page.goto(journey.server.url);
    await page.getByLabel(label).fill(email);
    await page.getByLabel(label === "Email address" ? "Password" : "Contraseña", { exact: true }).fill(password);
    await page.getByRole("button", { name: label === "Email address" ? "Sign in" : "Iniciar sesión" }).click();
  }

  it("an account saved as Spanish signs in from an English browser and sees Spanish pages (375 and 1280 px)", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    // The supervisor chooses Spanish once: it is saved to the account.
    const first = await journey.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "en-US",
      bypassCSP: true,
    });
    const desk = await first.newPage();
    await signIn(desk, emails.supervisor, password);
    await desk.getByRole("button", { name: "Sign out" }).waitFor();
    await desk.getByRole("button", { name: "Español" }).click();
    await desk.getByRole("button", { name: "Cerrar sesión" }).click();
    await first.close();
    // A new English browser (no cookie): the sign-in page is English, the pages after it Spanish.
    for (const viewport of [
      { width: 375, height: 812 },
      { width: 1280, height: 900 },
    ]) {
      const context = await journey.browser.newContext({ viewport, locale: "en-US", bypassCSP: true });
      const page = await context.newPage();
      await signIn(page, emails.supervisor, password);
      await page
        .getByRole("button", { name: "Cerrar sesión" })
        .or(page.getByRole("button", { name: "Menú" }))
        .first()
        .waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("es");
      await page.goto(`${journey.server.url}/worklist`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.locator("main table, main .usa-alert, main p").first().waitFor();
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).not.toMatch(/\bSign out\b|\bWorklist\b/);
      // Email addresses and web addresses have dots too: leave them out.
      expect(text.replace(/\S+@\S+/g, "").replace(/https?:\/\/\S+/g, "")).not.toMatch(rawKey);
      expect(await axeViolations(page)).toEqual([]);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `language-spanish-worklist-${viewport.width}`);
      await context.close();
    }
  });

  it("disabling a user asks first, in an accessible dialog; cancelling changes nothing", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const context = await journey.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "en-US",
      bypassCSP: true,
    });
    const page = await context.newPage();
    await signIn(page, emails.site_admin, password);
    await page.getByRole("link", { name: "Users and security" }).first().click();
    await page.locator("table tbody tr").first().waitFor();
    const disable = page.getByRole("button", { name: /^Disable / }).first();
    const name = ((await disable.textContent()) ?? "").trim().replace(/^Disable /, "");
    await disable.click();
    const dialog = page.getByRole("dialog", { name: `Disable ${name}'s account?` });
    await dialog.waitFor();
    expect(
      await dialog.getByRole("button", { name: "Keep it active" }).evaluate((b) => b === document.activeElement),
    ).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "disable-user-confirm-1280");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: `Disable ${name}` }).waitFor();
    await page.getByRole("button", { name: `Disable ${name}` }).click();
    await dialog.getByRole("button", { name: "Disable the account" }).click();
    await page.getByRole("button", { name: `Re-enable ${name}` }).waitFor();
    await page.getByRole("button", { name: `Re-enable ${name}` }).click();
    await page.getByRole("button", { name: `Disable ${name}` }).waitFor();
    await context.close();
  });

  it("the printable outcomes report fits a 375 px screen without sideways scrolling", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const context = await journey.browser.newContext({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
      locale: "en-US",
    });
    const page = await context.newPage();
    await signIn(page, emails.analyst, password);
    await page.getByRole("button", { name: "Menu" }).waitFor();
    await page.goto(`${journey.server.url}/outcomes/print`);
    await page.getByRole("heading", { level: 1, name: /Outcomes report/ }).waitFor();
    await page.locator("table tbody tr").first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "outcomes-print-report-375");
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "outcomes-print-report-1280");
    await context.close();
  });
});
