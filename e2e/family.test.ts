import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

const ZONE = "America/Los_Angeles";

// The demo birth parent opens "My child" from the home page: the next court
// date, family time and meetings, the caseworker's contact; on a phone, in
// English and in Spanish, axe-clean; no staff "Children" list in the menu.
describe("the birth parent's My child page, in Chromium", () => {
  const journey = demoJourney();

  async function open(browser: Browser, width: number, email: string, password: string) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true, timezoneId: ZONE });
    const page = await context.newPage();
    await page.goto(journey.server.url);
    await page.getByLabel(/Email address|Correo electrónico/).fill(email);
    await page.getByLabel(/Password|Contraseña/).fill(password);
    await page.getByRole("button", { name: /Sign in|Iniciar sesión/ }).click();
    await page.getByRole("heading", { level: 1, name: /Welcome|Bienvenid/ }).waitFor();
    return page;
  }

  it("at 375 px in Spanish (the account language): next court date and the caseworker, no staff case list", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    // The demo parent's account is in Spanish: the pages start in Spanish.
    const parent = await open(journey.browser, 375, emails.birth_parent, password);
    await parent.getByText("Esto es lo que está pasando con su hijo o hija, y con quién comunicarse.").waitFor();
    expect(await parent.locator("a[href='/children']").count()).toBe(0);
    await parent.getByRole("link", { name: "Abrir la página de mi hijo o hija" }).click();
    await parent.getByRole("heading", { level: 2, name: "Fechas de la corte" }).waitFor();
    await parent.getByText(/^Próxima fecha en la corte: /).waitFor();
    await parent.getByRole("heading", { level: 2, name: "Su trabajador social" }).waitFor();
    await screenshot(parent, "family-my-child-es-phone");
    expect(await axeViolations(parent)).toEqual([]);

    const scrollWidth = await parent.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await parent.context().close();
  });

  it("at 1280 px, switched to English, then at 375 px in English", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const parent = await open(journey.browser, 1280, emails.birth_parent, password);
    await parent.goto(`${journey.server.url}/my-child`);
    await parent.getByText(/^Próxima fecha en la corte: /).waitFor();
    await parent.getByRole("button", { name: "English" }).click();
    await parent.getByRole("heading", { level: 2, name: "Court dates" }).waitFor();
    await parent.getByText(/^Next court date: /).waitFor();
    await parent.getByRole("heading", { level: 2, name: "Your caseworker" }).waitFor();
    await parent.getByRole("heading", { level: 2, name: "Family time and meetings" }).waitFor();
    const body = (await parent.locator("main").textContent()) ?? "";
    expect(body).not.toMatch(/maltreatment|reporter/i);
    await screenshot(parent, "family-my-child-en-desktop");
    expect(await axeViolations(parent)).toEqual([]);

    await parent.setViewportSize({ width: 375, height: 900 });
    await parent.getByText(/^Next court date: /).waitFor();
    expect(await parent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(parent, "family-my-child-en-phone");
    expect(await axeViolations(parent)).toEqual([]);

    // Back to Spanish, the account's own language, for the other journeys of the demo account.
    await parent.setViewportSize({ width: 1280, height: 900 });
    await parent.getByRole("button", { name: "Español" }).click();
    await parent.getByRole("heading", { level: 2, name: "Fechas de la corte" }).waitFor();
    await parent.context().close();
  });

  it("a youth at 375 px sees their team, court dates and rights, and no staff case list or report", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const youth = await open(journey.browser, 375, emails.youth, password);
    await youth.getByText("Here is what is happening for you, and your team.").waitFor();
    expect(await youth.locator("a[href='/children']").count()).toBe(0);
    await youth.getByRole("link", { name: "Open my page" }).click();
    await youth.getByRole("heading", { level: 2, name: "My team" }).waitFor();
    await youth.getByRole("heading", { level: 2, name: "My court dates" }).waitFor();
    await youth.getByRole("heading", { level: 2, name: "My rights" }).waitFor();
    expect(await youth.locator("a[href*='sectionNum=16001.9']").count()).toBe(1);
    const body = (await youth.locator("main").textContent()) ?? "";
    expect(body).not.toMatch(/maltreatment|reporter|allegation/i);
    expect(await youth.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(youth, "family-youth-page-en-phone");
    expect(await axeViolations(youth)).toEqual([]);
    await youth.context().close();
  });
});
