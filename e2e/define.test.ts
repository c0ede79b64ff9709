import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";

// A site's public page in Chromium without a session: the brand statement, the promises to caregivers and the way
// to start, at phone and desk width, English and Spanish, axe-clean; a missing Spanish version is said to be missing.
describe("a site's public page, in Chromium", () => {
  const journey = demoJourney();

  async function open(width: number, code: string) {
    const context = await journey.browser.newContext({
      viewport: { width, height: 900 },
      bypassCSP: true,
      locale: "en-US",
    });
    const page = await context.newPage();
    await page.goto(`${journey.server.url}/sites/${code}`);
    return { page, context };
  }

  it("at 375 px a visitor reads Fresno's page in English and Spanish and reaches the inquiry form", async () => {
    const { page, context } = await open(375, "CA-FRESNO");
    await page.getByRole("heading", { level: 2, name: "What we stand for" }).waitFor();
    await page.getByText("Children do best with families.").waitFor();
    await page.getByRole("heading", { level: 2, name: "Our promises to caregivers" }).waitFor();
    // The draft (version 3) is not public.
    expect(await page.getByText("Draft:").count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(wide).toBe(false);
    await screenshot(page, "define-site-en-phone");
    await page.getByRole("button", { name: "Español" }).click();
    await page.getByRole("heading", { level: 2, name: "Lo que defendemos" }).waitFor();
    await page.getByText("Los niños y niñas están mejor en familia.").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "define-site-es-phone");
    await page.getByRole("link", { name: "Pregunte cómo ser familia de acogida" }).click();
    await page.waitForURL(/\/join\/CA-FRESNO$/);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await context.close();
  });

  it("at 1280 px in Spanish a missing translation is shown as missing, with the English wording", async () => {
    const { page, context } = await open(1280, "MN-HENNEPIN");
    await page.getByRole("heading", { level: 2, name: "What we stand for" }).waitFor();
    await page.getByRole("button", { name: "Español" }).click();
    await page.getByText("Todavía no está traducido al español.").waitFor();
    await page.locator('p[lang="en"]', { hasText: "one working day" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "define-site-es-desktop");
    await context.close();
  });
});
