import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

const ZONE = "America/Los_Angeles";

// The families' channel in the demo: the birth parent (Spanish account) reads the caregiver's messages and photo on
// a phone and answers; the caregiver reads the answer on the child's page at 1280 px and on a phone; the parent sees
// the shared case-plan tasks and marks progress. Axe-clean at 375 and 1280 px; no email address of the other side.
describe("messages between the families and shared case-plan tasks, in Chromium", () => {
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

  it("the parent at 375 px in Spanish reads the thread and the photo, answers, and marks a task's progress", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const parent = await open(journey.browser, 375, emails.birth_parent, password);
    await parent.goto(`${journey.server.url}/my-child`);
    await parent.getByRole("heading", { level: 2, name: "Mensajes" }).waitFor();
    await parent.getByText("Here is a photo from soccer practice", { exact: false }).waitFor();
    const photo = parent.locator("img[src*='/messages/'][src$='/attachment']");
    await photo.waitFor();
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await parent.getByRole("heading", { level: 2, name: "Mis tareas del plan de caso" }).waitFor();
    await parent.getByText("Parenting class (8 weeks)").waitFor();
    expect(await parent.getByText("Request the school records").count()).toBe(0);

    await parent.getByLabel("Mensaje", { exact: true }).fill("¿Puedo llevarle sus zapatos de fútbol el sábado?");
    await parent.getByRole("button", { name: "Enviar mensaje" }).click();
    await parent.getByText("¿Puedo llevarle sus zapatos de fútbol el sábado?").waitFor();
    const main = (await parent.locator("main").textContent()) ?? "";
    expect(main).not.toContain(emails.caregiver);
    expect(await parent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(parent, "family-channel-parent-es-phone");
    expect(await axeViolations(parent)).toEqual([]);

    const note = parent.getByLabel("Nota para su trabajador social (opcional)").nth(1);
    await note.fill("Tengo la cita el martes.");
    await parent.getByRole("button", { name: "Guardar avance" }).nth(1).click();
    await parent.getByText("Su última nota: Tengo la cita el martes.").waitFor();
    await parent.context().close();
  });

  it("the caregiver at 1280 px and 375 px in English reads the answer and replies", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const caregiver = await open(journey.browser, 1280, emails.caregiver, password);
    // The child of the demo parent: the one of the caregiver's children with a thread.
    const childId = await caregiver.evaluate(async () => {
      const list = await (await fetch("/api/my-children")).json();
      for (const c of list.children as { childId: string }[])
        if ((await fetch(`/api/my-children/${c.childId}/messages`)).ok) return c.childId;
      return null;
    });
    expect(childId).not.toBeNull();
    await caregiver.goto(`${journey.server.url}/my-children/${childId}`);
    await caregiver.getByRole("heading", { level: 2, name: "Messages" }).waitFor();
    await caregiver.getByText("¿Puedo llevarle sus zapatos de fútbol el sábado?").waitFor();
    await caregiver.getByLabel("Message", { exact: true }).fill("Yes, see you Saturday at the family center.");
    await caregiver.getByRole("button", { name: "Send message" }).click();
    await caregiver.getByText("Yes, see you Saturday at the family center.").waitFor();
    expect((await caregiver.locator("main").textContent()) ?? "").not.toContain(emails.birth_parent);
    await screenshot(caregiver, "family-channel-caregiver-en-desktop");
    expect(await axeViolations(caregiver)).toEqual([]);
    await caregiver.setViewportSize({ width: 375, height: 900 });
    await caregiver.getByText("Yes, see you Saturday at the family center.").waitFor();
    expect(await caregiver.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(caregiver, "family-channel-caregiver-en-phone");
    expect(await axeViolations(caregiver)).toEqual([]);
    await caregiver.context().close();
  });
});
