import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("training library in Chromium at phone width", () => {
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

  it("the caregiver's home page recommends items for the children in the home, in English and Spanish", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    for (const [width, locale, heading] of [
      [375, "en", "Recommended for you"],
      [1280, "es", "Recomendado para usted"],
    ] as const) {
      // Signed in through the English form; Spanish chosen from the menu, as a caregiver does.
      const context = await journey.browser.newContext({
        viewport: { width, height: 900 },
        locale: "en-US",
        bypassCSP: true,
      });
      const page = await context.newPage();
      await signIn(page, emails.caregiver, password);
      if (locale === "es") {
        const menu = page.getByRole("button", { name: "Menu" });
        if (await menu.isVisible()) await menu.click();
        await page.getByRole("button", { name: "Español" }).click();
      }
      await page.getByRole("heading", { name: heading }).waitFor();
      const list = page.getByTestId("training-recommended");
      await list.waitFor();
      expect(await list.getByRole("link").count()).toBeGreaterThan(0);
      await check(page, `training-recommended-${locale}-${width}`);
      if (locale === "es") {
        // Choosing a language is kept on the account: back to English for the journeys that follow.
        const menu = page.getByRole("button", { name: "Menú" });
        if (await menu.isVisible()) await menu.click();
        await page.getByRole("button", { name: "English" }).click();
        await page.getByRole("heading", { name: "Recommended for you" }).waitFor();
      }
      await context.close();
    }
  });

  it("a caregiver searches in English and Spanish, opens a tip sheet, attests, and sees the hours update", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const context = await journey.browser.newContext({
      viewport: { width: 375, height: 812 },
      locale: "en-US",
      bypassCSP: true,
    });
    const page = await context.newPage();
    await signIn(page, emails.caregiver, password);
    await page.goto(`${journey.server.url}/training`);
    await page.getByRole("heading", { name: "My training hours" }).waitFor();
    const before = (await page.getByTestId("training-progress").textContent()) ?? "";
    await page.getByLabel("What do you need help with?").fill("can my foster kid go to a sleepover");
    await page.getByRole("button", { name: "Search" }).click();
    const first = page.getByRole("link", { name: "Can my foster child go to a sleepover?" });
    await first.waitFor();
    await check(page, "training-search-en-375");
    await first.click();
    await page.getByRole("heading", { level: 1, name: "Can my foster child go to a sleepover?" }).waitFor();
    await check(page, "training-tip-sheet-en-375");
    await page.getByText("I read this tip sheet in full").click();
    await page.getByRole("button", { name: "Record my hours" }).click();
    const after = page.getByRole("status").getByTestId("training-progress");
    await after.waitFor();
    expect(await after.textContent()).not.toBe(before);
    expect(await after.textContent()).toMatch(/0\.5 of 8 hours|\d+(\.\d+)? of 8 hours/);
    await check(page, "training-attested-en-375");

    // The same caregiver in Spanish, at the desk width too.
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("button", { name: "Español" }).click();
    await page.goto(`${journey.server.url}/training`);
    await page.getByLabel("¿Con qué necesita ayuda?").fill("mi hijo de 3 años no duerme");
    await page.getByRole("button", { name: "Buscar" }).click();
    const sleep = page.getByRole("link", { name: "Cuando un niño pequeño no duerme" });
    await sleep.waitFor();
    await check(page, "training-search-es-375");
    await sleep.click();
    await page.getByRole("heading", { level: 1, name: "Cuando un niño pequeño no duerme" }).waitFor();
    await page.getByText("Leí esta hoja de consejos completa").click();
    await page.getByRole("button", { name: "Registrar mis horas" }).click();
    await page.getByRole("status").getByTestId("training-progress").waitFor();
    expect(await page.getByRole("status").getByTestId("training-progress").textContent()).toMatch(/de 8 horas/);
    await check(page, "training-attested-es-375");
    await page.setViewportSize({ width: 1280, height: 900 });
    await check(page, "training-attested-es-1280");
    await context.close();
  });
});
