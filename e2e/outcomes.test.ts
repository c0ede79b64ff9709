import fs from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

describe("outcome dashboards in Chromium", () => {
  const journey = demoJourney();

  async function signedIn(email: string, options: { width?: number; locale?: string } = {}): Promise<Page> {
    const { password } = parseDemoSignIns(journey.server.output());
    const context = await journey.browser.newContext({
      viewport: { width: options.width ?? 1280, height: 900 },
      bypassCSP: true,
      locale: options.locale ?? "en-US",
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(journey.server.url);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // The account's language applies at sign-in: an earlier test here may have switched this account to Spanish.
    await page.getByRole("heading", { level: 1, name: /Welcome|Bienvenid/ }).waitFor();
    if ((await page.evaluate(() => document.documentElement.lang)) === "es") {
      // Back to English as the language switch does (on a phone it sits in the closed menu).
      await page.evaluate(async () => {
        const session = await (await fetch("/api/auth/session")).json();
        await fetch("/api/me/language", {
          method: "PUT",
          headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
          body: JSON.stringify({ language: "en" }),
        });
      });
      await page.context().clearCookies({ name: "qpi_lang" });
      await page.reload();
      await page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
    }
    return page;
  }

  it(`a coordinator reads the dashboard: a definition, a trend \
and its table, Spanish, the CSV and the printed page`, async () => {
    const { emails } = parseDemoSignIns(journey.server.output());
    const page = await signedIn(emails.qpi_coordinator);
    await page.getByRole("link", { name: "Outcomes", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Outcomes: Fresno County" }).waitFor();
    await page.getByText("Data as of").first().waitFor();
    const card = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "Permanency in 12 months: children entering care" }) });
    await card.getByText("Higher is better").waitFor();
    await card.getByText(/^National: 35\.2%$/).waitFor();

    // The exact rule, one click away.
    await card.getByText("Definition", { exact: true }).click();
    await card.getByText(/Of the children who entered foster care during the 12 months/).waitFor();

    // The trend: an image with a title and a description, and its figures as a table.
    const chart = card.getByRole("img", { name: /Permanency in 12 months: children entering care: 12-month periods/ });
    await chart.waitFor();
    expect(await chart.locator("desc").textContent()).toMatch(/The dashed line is the national figure/);
    await card.getByRole("button", { name: "Show the figures as a table" }).click();
    const table = card.getByRole("table", { name: /by 12-month period/ });
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(8);
    await screenshot(page, "outcomes-dashboard-en-desktop");
    expect(await axeViolations(page)).toEqual([]);

    // One measure in depth: breakdowns by age group, race and ethnicity, sex.
    await card.getByRole("link", { name: /Trend, breakdowns and children/ }).click();
    await page.getByRole("heading", { level: 1, name: "Permanency in 12 months: children entering care" }).waitFor();
    await page.getByRole("table", { name: /by age group/ }).waitFor();
    await page.getByRole("table", { name: /by race and ethnicity/ }).waitFor();
    await page.getByRole("table", { name: /by sex/ }).waitFor();
    // A coordinator holds no child records: the children behind the number are not offered.
    await page.getByText("Only staff who may open children's records see the children behind a number").waitFor();
    await screenshot(page, "outcomes-measure-en-desktop");
    expect(await axeViolations(page)).toEqual([]);

    // Spanish, everywhere on the page.
    await page
      .getByRole("link", { name: "Panel de resultados" })
      .or(page.getByRole("link", { name: "Outcomes dashboard" }))
      .first()
      .click();
    await page.getByRole("button", { name: "Español" }).click();
    await page.getByRole("heading", { level: 1, name: "Resultados: Fresno County" }).waitFor();
    await page.getByText("Más alto es mejor").first().waitFor();
    await page
      .getByText(/Datos al/)
      .first()
      .waitFor();
    await screenshot(page, "outcomes-dashboard-es-desktop");
    expect(await axeViolations(page)).toEqual([]);

    // The CSV export: exact figures for the site's own staff.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Descargar CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^outcomes-CA-FRESNO-\d{4}-\d{2}-01\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe(
      "area,period_start,period_end,measure,unit,dimension,group,numerator,denominator,value,national," +
        "follow_up_complete",
    );
    expect(csv).toContain(",permanency_12m_entries,percent,total,");
    expect(csv).not.toContain("suppressed");

    // The printable one-page report: no navigation in print, one page.
    await page.getByRole("link", { name: "Informe imprimible de una página" }).click();
    await page.getByRole("heading", { level: 1, name: "Informe de resultados: Fresno County" }).waitFor();
    await page.getByRole("table", { name: "Medidas clave" }).waitFor();
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".usa-header").evaluate((el) => getComputedStyle(el).display)).toBe("none");
    await screenshot(page, "outcomes-print-es");
    const pdf = await page.pdf({ format: "Letter" });
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await page.emulateMedia({ media: "screen" });
    await page.context().close();
  });

  it("works at phone width: cards stack, tables scroll, nothing overflows", async () => {
    const { emails } = parseDemoSignIns(journey.server.output());
    const page = await signedIn(emails.qpi_coordinator, { width: 375 });
    await page.goto(`${journey.server.url}/outcomes`);
    await page.getByRole("heading", { level: 1, name: "Outcomes: Fresno County" }).waitFor();
    await page.getByRole("heading", { name: "Placement stability" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, "outcomes-dashboard-en-375");
    await page.goto(`${journey.server.url}/outcomes/measures/placement_stability`);
    await page.getByRole("table", { name: /by age group/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, "outcomes-measure-en-375");
    expect(await axeViolations(page)).toEqual([]);
    // The printable one-page report fits a phone too.
    await page.goto(`${journey.server.url}/outcomes/print`);
    await page.getByRole("table", { name: "Key measures" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, "outcomes-print-en-375");
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("a network analyst sees every site with small cells suppressed, and compares them", async () => {
    const { emails } = parseDemoSignIns(journey.server.output());
    const page = await signedIn(emails.network_analyst);
    await page.goto(`${journey.server.url}/outcomes`);
    await page.getByRole("heading", { level: 1, name: /^Outcomes: / }).waitFor();
    await page
      .getByText(/counts from 1 to 10 .* are shown as “suppressed”/)
      .first()
      .waitFor();
    await page.getByLabel("Site or area").selectOption("MN-HENNEPIN");
    await page.getByRole("heading", { level: 1, name: "Outcomes: Hennepin County" }).waitFor();
    await page.locator(".qpi-stat, .qpi-measure__counts").filter({ hasText: "suppressed" }).first().waitFor();
    await screenshot(page, "outcomes-analyst-en-desktop");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Compare sites" }).click();
    await page.getByRole("heading", { level: 1, name: "Compare sites" }).waitFor();
    await page.getByLabel("Measure").selectOption("reentry_12m");
    const table = page.getByRole("table", { name: /Re-entry to foster care in 12 months, .* by site/ });
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(3);
    expect(await table.getByText("suppressed").count()).toBeGreaterThan(0);
    await page.getByRole("img", { name: /Re-entry to foster care in 12 months, .* by site/ }).waitFor();
    await screenshot(page, "outcomes-compare-en-desktop");
    expect(await axeViolations(page)).toEqual([]);

    // Aggregates reach further than records: no children behind the numbers for an analyst.
    const drill = await page.evaluate(
      async () => (await fetch("/api/outcomes/children?area=CA-FRESNO&measure=in_care_end")).status,
    );
    expect(drill).toBe(403);
    await page.context().close();
  });
});
