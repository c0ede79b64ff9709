import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

const ZONE = "America/Los_Angeles";

// Resource families in Chromium at phone width, axe-clean: an RFA worker approves a home that has everything it
// needs; a caregiver turns off, then on, sharing their contact details, and the birth parent's page follows; a family
// sends the public inquiry form without signing in. Desk width and Spanish for the worker's list.
describe("resource families, in Chromium", () => {
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

  it("at 375 px an RFA worker finds an application ready for approval and approves the home", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const worker = await open(journey.browser, 375, emails.rfa_worker, password);
    await worker.goto(`${journey.server.url}/households?stage=pipeline`);
    await worker.getByRole("heading", { level: 1, name: "Households" }).waitFor();
    const row = worker.getByRole("row").filter({ hasText: "Written report" }).first();
    await row.waitFor();
    await screenshot(worker, "homes-list-en-phone");
    expect(await axeViolations(worker)).toEqual([]);
    await row.getByRole("link").click();
    await worker.waitForURL(/\/households\/[0-9a-f-]{36}$/);
    // Its documents are on file and accepted, each with its source.
    await worker.getByRole("heading", { name: "Documents and signatures" }).waitFor();
    await worker.locator(".usa-tag", { hasText: "Accepted" }).first().waitFor(); // the list loads after the heading
    expect(await worker.locator(".usa-tag", { hasText: "Accepted" }).count()).toBeGreaterThanOrEqual(4);
    await worker.getByRole("button", { name: "Record: Approved" }).click();
    await worker.locator(".usa-intro .usa-tag", { hasText: "Approved" }).waitFor();
    await worker.getByText(/CPR and first aid due by/).waitFor();
    await worker.getByRole("heading", { name: "Close this home" }).waitFor();
    await screenshot(worker, "homes-approved-en-phone");
    expect(await axeViolations(worker)).toEqual([]);
    await worker.context().close();
  });

  it("at 375 px an applicant follows their own application: done, now, next, and what is missing", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    expect(journey.server.output()).toContain("applicant@demo.qpi.example");
    expect(emails.caregiver).toBe("caregiver@demo.qpi.example");
    const applicant = await open(journey.browser, 375, "applicant@demo.qpi.example", password);
    await applicant.goto(`${journey.server.url}/my-home`);
    await applicant.getByRole("heading", { name: "Your application" }).waitFor();
    const step = (name: string) => applicant.locator(".usa-process-list__item", { hasText: name });
    expect(await step("Orientation").textContent()).toContain("Done");
    expect(await step("Pre-approval training").textContent()).toContain("Now");
    expect(await step("Home environment assessment").textContent()).toContain("Next");
    await applicant.getByText("the pre-approval training hours").waitFor();
    await applicant.getByText(/The agency should decide by/).waitFor();
    await screenshot(applicant, "homes-applicant-en-phone");
    expect(await axeViolations(applicant)).toEqual([]);

    // Their documents: the certificate the worker sent back, with the reason; they send it again and sign the
    // statement with their typed name.
    await applicant.getByRole("heading", { name: "Documents and signatures" }).waitFor();
    await applicant.getByText(/The certificate shows 6 hours/).waitFor();
    await applicant.getByLabel("Document", { exact: true }).selectOption("pre_approval_training_certificate");
    await applicant.getByLabel("File", { exact: true }).setInputFiles({
      name: "training-certificate.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
    });
    await applicant.getByRole("button", { name: "Send the document" }).click();
    await applicant.getByText("Document sent.").waitFor();
    await applicant.getByRole("link", { name: "training-certificate.pdf", exact: true }).waitFor();
    await applicant.getByText("I have read this statement and agree to it").click(); // the USWDS box is drawn by its label
    await applicant.getByLabel("Your full name").fill("Demo Applicant");
    await applicant.getByRole("button", { name: "Sign", exact: true }).click();
    await applicant.getByText(/Signed by Demo Applicant/).waitFor();
    await screenshot(applicant, "homes-applicant-documents-en-phone");
    expect(await axeViolations(applicant)).toEqual([]);
    await applicant.context().close();
  });

  it("at 375 px a caregiver stops and starts sharing their contact; the birth parent's page follows", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const parent = await open(journey.browser, 375, emails.birth_parent, password);
    await parent.goto(`${journey.server.url}/children`);
    await parent.locator("a[href^='/children/']").first().click();
    await parent.waitForURL(/\/children\/[0-9a-f-]{36}$/);
    const livesWith = parent.locator('section[aria-labelledby="case-history-heading"] dl');
    await livesWith.waitFor();
    const contact = ((await livesWith.locator("dd > div").first().textContent()) ?? "").trim();
    expect(contact.length).toBeGreaterThan(0);

    const caregiver = await open(journey.browser, 375, emails.caregiver, password);
    await caregiver.goto(`${journey.server.url}/my-home`);
    await caregiver.getByText("You share your address and phone with birth parents.").waitFor();
    await caregiver.getByRole("button", { name: "Stop sharing" }).click();
    await caregiver.getByText("You do not share your address and phone with birth parents.").waitFor();
    await screenshot(caregiver, "homes-my-home-off-en-phone");
    expect(await axeViolations(caregiver)).toEqual([]);

    await parent.reload();
    await parent.locator('section[aria-labelledby="case-history-heading"] h2').waitFor();
    expect(await livesWith.count()).toBe(0);
    expect(await parent.locator("body").textContent()).not.toContain(contact);

    await caregiver.getByRole("button", { name: "Share my address and phone" }).click();
    await caregiver.getByText("You share your address and phone with birth parents.").waitFor();
    await parent.reload();
    await livesWith.waitFor();
    expect(await parent.locator("body").textContent()).toContain(contact);
    expect(await axeViolations(parent)).toEqual([]);
    await caregiver.context().close();
    await parent.context().close();
  });

  it("at 375 px a caseworker ranks homes for a child and their siblings, and opens the best one", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const worker = await open(journey.browser, 375, emails.caseworker, password);
    await worker.goto(`${journey.server.url}/children`);
    await worker.locator("a[href^='/children/']").first().click();
    await worker.waitForURL(/\/children\/[0-9a-f-]{36}$/);
    await worker.getByRole("link", { name: "Find a home (ranked)" }).click();
    await worker.getByRole("heading", { level: 1, name: "Homes for this child and their siblings" }).waitFor();
    await worker.getByRole("heading", { level: 2, name: /^Home 1 · / }).waitFor();
    const first = worker.locator("li.qpi-card").first();
    expect(await first.textContent()).toMatch(/Room for all|Not enough room|Capacity not recorded/);
    expect(await first.textContent()).not.toMatch(/household/);
    await screenshot(worker, "homes-matching-en-phone");
    expect(await axeViolations(worker)).toEqual([]);
    await first.getByRole("button", { name: "Open home 1 (who it is)" }).click();
    await first.getByRole("heading", { level: 2, name: /household/ }).waitFor();
    await worker.context().close();
  });

  it("at 375 px a family sends the public inquiry form without signing in, in Spanish", async () => {
    const context = await journey.browser.newContext({
      viewport: { width: 375, height: 900 },
      bypassCSP: true,
      locale: "es-US",
      timezoneId: ZONE,
    });
    const page = await context.newPage();
    await page.goto(`${journey.server.url}/join/CA-FRESNO`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    if (!(await page.getByRole("heading", { level: 1, name: "Sea una familia de recursos" }).count()))
      await page.getByRole("button", { name: "Español" }).click();
    await page.getByRole("heading", { level: 1, name: "Sea una familia de recursos" }).waitFor();
    await page.getByLabel("Nombre", { exact: true }).fill("Lucía");
    await page.getByLabel("Apellido", { exact: true }).fill("Formulario");
    await page.getByLabel("Correo electrónico").fill("lucia@example.org");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "homes-inquiry-es-phone");
    // A person takes a few seconds to fill a form; the time token refuses a form sent faster than that.
    await page.waitForTimeout(3_200);
    await page.getByRole("button", { name: "Enviar" }).click();
    await page.getByText("Gracias. Recibimos su consulta").waitFor();
    await context.close();
  });

  it("at 1280 px in Spanish the worker's list shows addresses and licence numbers", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const worker = await open(journey.browser, 1280, emails.rfa_worker, password, "es-US");
    if (await worker.getByRole("button", { name: "Español" }).count())
      await worker.getByRole("button", { name: "Español" }).first().click();
    await worker.goto(`${journey.server.url}/households?stage=approved`);
    await worker.getByRole("heading", { level: 1, name: "Hogares" }).waitFor();
    const list = worker.getByRole("table", { name: "Hogares", exact: true });
    await list.getByRole("row").nth(1).waitFor();
    await worker.getByRole("heading", { name: "Retención, últimos 12 meses" }).waitFor();
    const text = (await list.textContent()) ?? "";
    expect(text).toMatch(/RFA-\d{9}/);
    await screenshot(worker, "homes-list-es-desktop");
    expect(await axeViolations(worker)).toEqual([]);

    // An application at the training step: the documents in Spanish, with the review buttons for a waiting one.
    await worker.goto(`${journey.server.url}/households?stage=pipeline`);
    await worker.getByRole("row").filter({ hasText: "Capacitación" }).first().getByRole("link").click();
    await worker.getByRole("heading", { name: "Documentos y firmas" }).waitFor();
    await worker.getByRole("heading", { name: "Invitar al solicitante a seguir su solicitud" }).waitFor();
    await screenshot(worker, "homes-documents-es-desktop");
    expect(await axeViolations(worker)).toEqual([]);
    await worker.context().close();
  });
});
