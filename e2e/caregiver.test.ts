import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

const ZONE = "America/Los_Angeles";
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

// The demo caregiver, on a phone: reads the health summary of a child living with them and the team's phone numbers,
// shows the Medi-Cal number on purpose, writes the report to the court, sees the caseworker receive it and adds to it
// before the hearing — in English, then the same page in Spanish; axe-clean, no sideways scrolling.
describe("the caregiver's pages in Chromium at 375 px", () => {
  const journey = demoJourney();

  async function open(browser: Browser, width: number, email: string, password: string) {
    const context = await browser.newContext({
      viewport: { width, height: 812 },
      bypassCSP: true,
      locale: "en-US",
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

  it("reads the health summary and the team's phones, sends the court report, sees it received, adds to it", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const page = await open(journey.browser, 375, emails.caregiver, password);
    await page.goto(`${journey.server.url}/my-children`);
    await page.getByRole("heading", { level: 1, name: "My children" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "caregiver-my-children-en-375");
    // The child with a hearing coming and no report yet.
    const links = await page
      .locator("main a[href^='/my-children/']")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) {
      await page.goto(`${journey.server.url}${href}`);
      await page.getByRole("heading", { level: 2, name: "What is due from you" }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Your report to the court" }).waitFor();
      const court = page.locator("section[aria-labelledby='court-heading']");
      await court.getByText("No court hearing is scheduled.").or(court.locator("h3").first()).waitFor();
      if (await page.getByText(/Write your report to the court before the hearing on/).count()) {
        childUrl = page.url();
        break;
      }
    }
    expect(childUrl).not.toBe("");

    // Health and school, written for the caregiver; no staff badges or rule citations.
    const health = page.locator("section[aria-labelledby='health-heading']");
    await health.getByText(/The agency last updated this information on/).waitFor();
    await health.getByText("Allergies", { exact: true }).waitFor();
    await health.getByText("Doctors and other providers").waitFor();
    expect(await health.locator("a[href^='tel:']").count()).toBeGreaterThan(0);
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).not.toMatch(/\bLATE\b|\bOVERDUE\b|Overdue|§|W&I|Welf\. & Inst\./);
    // The team, with phone numbers to call.
    const team = page.locator("section[aria-labelledby='team-heading']");
    await team.getByText("Caseworker").first().waitFor();
    const phones = await team.locator("a[href^='tel:']").allTextContents();
    expect(phones.length).toBeGreaterThanOrEqual(3);
    for (const phone of phones) expect(phone).toMatch(/^\d{3}-\d{3}-\d{4}$/);
    await team.getByText("Attorney").waitFor();
    // The Medi-Cal number is masked until the caregiver asks for it.
    const mediCal = page.getByTestId("medi-cal");
    expect(await mediCal.textContent()).toMatch(/^•••• \w{4}$/);
    await page.getByRole("button", { name: "Show the full number" }).click();
    await expect.poll(() => mediCal.textContent()).toMatch(/^9\d{7}A$/);
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "caregiver-child-en-375");

    // The report to the court.
    await page
      .getByLabel("Your report for this hearing")
      .fill("Doing well at school; sleeps better with a night light.");
    await page.getByRole("button", { name: "Send my report" }).click();
    await page.getByText(/You sent your report on .*The caseworker has not opened it yet\./).waitFor();

    // The caseworker receives it.
    const worker = await open(journey.browser, 1280, emails.caseworker, password);
    await worker.goto(childUrl.replace("/my-children/", "/children/"));
    await worker.getByRole("button", { name: "Mark received and forwarded" }).click();
    await worker
      .getByText("Received and forwarded to the court")
      .or(worker.getByText(/received/i))
      .first()
      .waitFor();

    // The caregiver sees it received and adds to the report before the hearing.
    await page.reload();
    await page.getByText(/The caseworker received it on .* and passed it to the court\./).waitFor();
    await page.getByLabel("Add to your report").fill("Update: the dentist visit went well.");
    await page.getByRole("button", { name: "Add to my report" }).click();
    await page.getByText(/You added on/).waitFor();
    await page.getByText("Update: the dentist visit went well.").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "caregiver-court-report-en-375");
    // The caseworker keeps the summary on its own page: a new version, the earlier ones kept.
    await worker.goto(`${childUrl.replace("/my-children/", "/children/")}/health-summary`);
    await worker.getByRole("heading", { level: 1, name: /Health and education summary/ }).waitFor();
    await worker.getByLabel("Allergies").fill("Peanuts and bee stings");
    await worker.getByRole("button", { name: "Save a new version" }).click();
    await worker.getByText("Saved. The caregiver sees this version now.").waitFor();
    expect(await worker.locator("section[aria-labelledby='summary-history'] li").count()).toBe(3);
    await worker.getByText(/Signed up for the Saturday youth soccer league/).waitFor();
    expect(await axeViolations(worker)).toEqual([]);
    await screenshot(worker, "caregiver-staff-summary-en-1280");

    // A photo for the life book, shared with the parents: its text chunks (where a phone may write a place) go.
    await page.reload();
    const book = page.locator("section[aria-labelledby='lifebook-heading']");
    await book.getByLabel("Choose the photo").setInputFiles({
      name: "garden.png",
      mimeType: "image/png",
      buffer: Buffer.from(
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEXRFWHRDb21tZW50AEdQUyAzNi43NBqomDsAAAASSURBVHicY/jPwMAAwgz/gQAAH+4F+wvZaIsAAAAASUVORK5CYII=",
        "base64",
      ),
    });
    await book.getByLabel("Title").fill("Planting tomatoes");
    await book.locator("label[for='lifebook-share']").click();
    await book.getByRole("button", { name: "Add to the life book" }).click();
    await book.getByRole("img", { name: "Planting tomatoes" }).waitFor();
    await page.getByText("Allergies", { exact: true }).waitFor();
    await page.getByText("Peanuts and bee stings").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const wide = await open(journey.browser, 1280, emails.caregiver, password);
    // The case-file address leads the caregiver to the page written for them.
    await wide.goto(childUrl.replace("/my-children/", "/children/"));
    await wide.waitForURL(/\/my-children\/[0-9a-f-]{36}$/);
    await wide.getByRole("heading", { level: 2, name: "Health" }).waitFor();
    await wide.getByText(/You added on/).waitFor();
    expect(await axeViolations(wide)).toEqual([]);
    await screenshot(wide, "caregiver-child-en-1280");
  });

  it("the same page in Spanish", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const desk = await open(journey.browser, 1280, emails.caregiver, password);
    await desk.getByRole("button", { name: "Español" }).click();
    await desk.getByRole("button", { name: "Cerrar sesión" }).waitFor();
    const page = await open(journey.browser, 375, emails.caregiver, password);
    await page.goto(childUrl);
    await page.getByRole("heading", { level: 2, name: "Salud" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "El equipo del niño: a quién llamar" }).waitFor();
    await page.getByText(/La agencia actualizó esta información por última vez el/).waitFor();
    await page.getByText(/El trabajador social lo recibió el/).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("es");
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toMatch(/\bmine\.[a-z]/);
    expect(text).not.toMatch(/What is due from you|Allergies/);
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "caregiver-child-es-375");
  });
});
