import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("rule coverage across states in Chromium", () => {
  const journey = demoJourney();

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(journey.server.url);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page
      .getByRole("button", { name: "Menu" })
      .or(page.getByRole("button", { name: "Sign out" }))
      .first()
      .waitFor();
  }

  async function check(page: Page, name: string) {
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, name);
  }

  it("a coordinator sees each state's rules or 'not established', and holiday years, in English and Spanish", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const context = await journey.browser.newContext({
      viewport: { width: 375, height: 812 },
      locale: "en-US",
      bypassCSP: true,
    });
    const page = await context.newPage();
    await signIn(page, emails.qpi_coordinator, password);
    await page.goto(`${journey.server.url}/rules/coverage`);
    await page.getByRole("heading", { level: 1, name: "Rule coverage across states" }).waitFor();
    // Texas's hearing notice (Tex. Fam. Code 263.0021) is a state rule with its source; Nevada's is a gap.
    await page.getByRole("link", { name: "Source (TX, Hearing notice to caregiver)" }).waitFor();
    expect(await page.getByText("State law:").count()).toBeGreaterThan(5);
    expect(await page.getByText("Not established").count()).toBeGreaterThan(10);
    await page.getByRole("heading", { name: "Court holidays by year" }).waitFor();
    await page.getByRole("link", { name: "Holiday source (CA)" }).waitFor();
    await check(page, "coverage-en-375");
    await page.setViewportSize({ width: 1280, height: 900 });
    await check(page, "coverage-en-1280");

    await page.getByRole("button", { name: "Español" }).click();
    await page.getByRole("heading", { level: 1, name: "Cobertura de reglas por estado" }).waitFor();
    expect(await page.getByText("No establecida").count()).toBeGreaterThan(10);
    await check(page, "coverage-es-1280");
    await page.setViewportSize({ width: 375, height: 812 });
    await check(page, "coverage-es-375");

    // On the practice rules page (still in Spanish) a new version can count business days.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${journey.server.url}/rules`);
    await page.locator("table tbody tr").first().waitFor();
    const change = page.getByRole("button", { name: /Cambiar desde una fecha/ }).first();
    await change.click();
    const unit = page.getByLabel("Se cuenta en");
    await unit.selectOption("business_days");
    expect(await unit.inputValue()).toBe("business_days");
    await page.getByLabel("Plazo (días hábiles)").waitFor();
    await check(page, "rules-unit-1280");
    await context.close();
  });
});
