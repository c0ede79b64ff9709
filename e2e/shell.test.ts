import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

describe("web shell in Chromium", () => {
  const journey = demoJourney();

  it("signs in as a caseworker, switches to Spanish, and the home page has no axe violations", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    // bypassCSP only so the test can inject axe-core; the app itself runs under its CSP.
    const context = await journey.browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
      locale: "en-US",
    });
    const page = await context.newPage();
    await page.goto(journey.server.url);
    await page.getByLabel("Email address").fill(emails.caseworker);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
    await page.getByRole("heading", { name: "Your caseload" }).waitFor();
    await screenshot(page, "home-en-desktop");

    await page.getByRole("button", { name: "Español" }).click();
    await page.getByRole("heading", { level: 1, name: /Bienvenido/ }).waitFor();
    await page.getByRole("heading", { name: "Sus casos" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("es");
    await screenshot(page, "home-es-desktop");
    expect(await axeViolations(page)).toEqual([]);

    // The language sticks: a reload keeps Spanish.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: /Bienvenido/ }).waitFor();
    await context.close();
  });

  it("works at 375 px: menu opens, children list readable, keyboard reaches the sign-in", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const context = await journey.browser.newContext({
      viewport: { width: 375, height: 812 },
      bypassCSP: true,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(journey.server.url);
    // Keyboard only: Tab to the email field and type.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.getByLabel("Email address").focus();
    await page.keyboard.type(emails.supervisor);
    await page.keyboard.press("Tab");
    await page.keyboard.type(password);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("link", { name: "Children" }).click();
    await page.getByRole("heading", { level: 1, name: "Children" }).waitFor();
    await page.locator("table tbody tr").first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "children-en-375");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
