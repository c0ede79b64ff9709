import { describe, expect, it } from "vitest";
import { startSmtpServer, tokenFromLink } from "../test/support/smtp-test-server.js";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

describe("identity journey in Chromium", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const previousSmtp = process.env.QPI_SMTP_URL;
  const journey = demoJourney({
    // The server under test sends its mail to a real SMTP server on 127.0.0.1.
    before: async () => {
      smtp = await startSmtpServer();
      process.env.QPI_SMTP_URL = smtp.url;
    },
    after: async () => {
      if (previousSmtp === undefined) delete process.env.QPI_SMTP_URL;
      else process.env.QPI_SMTP_URL = previousSmtp;
      await smtp?.close();
    },
  });

  it("a site admin invites a caregiver, who follows the emailed link, sets a password and signs in", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const admin = await journey.browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
      locale: "en-US",
    });
    const page = await admin.newPage();
    await page.goto(journey.server.url);
    await page.getByLabel("Email address").fill(emails.site_admin);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
    await page.getByRole("link", { name: "Users and security" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Users and security" }).waitFor();
    await page.locator("table tbody tr").first().waitFor();
    await page.getByLabel("Given name").fill("Marisol");
    await page.getByLabel("Family name").fill("Quintero");
    await page.getByLabel("Email address").fill("marisol.quintero@example.org");
    await page.getByLabel("Role").selectOption("caregiver");
    await page.getByLabel("Language of the invitation").selectOption("es");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText("Invitation sent to marisol.quintero@example.org.").waitFor();
    await page
      .getByRole("cell", { name: "Marisol Quintero" })
      .or(page.getByRole("rowheader", { name: /Marisol Quintero/ }))
      .first()
      .waitFor();
    await screenshot(page, "identity-admin-users-1280");
    expect(await axeViolations(page)).toEqual([]);

    // "Disable" asks first, naming the account; keeping it active changes nothing.
    const disable = page.getByRole("button", { name: /^Disable / }).first();
    const disableName = (await disable.textContent())!.replace(/^Disable /, "");
    const disabled = page.waitForRequest((r) => r.method() !== "GET" && /\/users\//.test(r.url()), { timeout: 1500 });
    await disable.click();
    const dialog = page.getByRole("dialog", { name: `Disable ${disableName}'s account?` });
    await dialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "identity-disable-confirm-1280");
    await dialog.getByRole("button", { name: "Keep it active" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await disabled.then(() => "sent").catch(() => "nothing sent")).toBe("nothing sent");
    await page.getByRole("button", { name: `Disable ${disableName}` }).waitFor();

    await page.setViewportSize({ width: 375, height: 812 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "identity-admin-users-375");
    await admin.close();

    const mail = await smtp.mailTo("marisol.quintero@example.org");
    expect(mail.text).toMatch(/Hola/);
    const token = tokenFromLink(mail.text, "/accept-invitation");

    const invitee = await journey.browser.newContext({
      viewport: { width: 375, height: 812 },
      bypassCSP: true,
      isMobile: true,
      hasTouch: true,
      locale: "es-US",
    });
    const phone = await invitee.newPage();
    await phone.goto(`${journey.server.url}/accept-invitation#token=${token}`);
    await phone.getByRole("heading", { level: 1, name: "Acepte su invitación" }).waitFor();
    await phone.getByText(/Marisol Quintero/).waitFor();
    await screenshot(phone, "identity-accept-invitation-375");
    expect(await axeViolations(phone)).toEqual([]);
    await phone.getByLabel("Contraseña nueva", { exact: true }).fill("mi casa tiene un limonero");
    await phone.getByLabel("Repita la contraseña nueva").fill("mi casa tiene un limonero");
    await phone.getByRole("button", { name: "Guardar contraseña" }).click();
    await phone.getByText(/Su cuenta está lista/).waitFor();
    await phone.getByRole("link", { name: "Iniciar sesión", exact: true }).click();
    await phone.getByLabel("Correo electrónico").fill("marisol.quintero@example.org");
    await phone.getByLabel("Contraseña", { exact: true }).fill("mi casa tiene un limonero");
    await phone.getByRole("button", { name: "Iniciar sesión" }).click();
    await phone.getByRole("heading", { level: 1, name: /Bienvenid|Welcome/ }).waitFor();
    await screenshot(phone, "identity-caregiver-home-375");
    await invitee.close();

    // The same pages at desktop width.
    const desk = await journey.browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
      locale: "en-US",
    });
    const deskPage = await desk.newPage();
    await deskPage.goto(`${journey.server.url}/forgot-password`);
    await deskPage.getByRole("heading", { level: 1, name: "Reset your password" }).waitFor();
    await deskPage.getByLabel("Email address").fill("marisol.quintero@example.org");
    await deskPage.getByRole("button", { name: "Email me a link" }).click();
    await deskPage.getByText(/a link is on its way/).waitFor();
    expect(await axeViolations(deskPage)).toEqual([]);
    const reset = await smtp.mailTo("marisol.quintero@example.org");
    await deskPage.goto(`${journey.server.url}/reset-password#token=${tokenFromLink(reset.text, "/reset-password")}`);
    await deskPage.getByRole("heading", { level: 1 }).waitFor();
    await screenshot(deskPage, "identity-reset-password-1280");
    expect(await axeViolations(deskPage)).toEqual([]);
    await desk.close();
  });
});
