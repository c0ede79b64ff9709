import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, screenshot } from "./support/browser.js";
import { demoJourney } from "./support/demo-journey.js";
import { parseDemoSignIns } from "./support/server.js";

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("concerns, surveys and the improvement plan in Chromium", () => {
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

  it("a caregiver raises a concern and answers a survey; the coordinator answers the concern and reads results and the plan", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const concern = `The respite form was lost twice this month (${Date.now()}).`;

    const phone = await journey.browser.newContext({
      viewport: { width: 375, height: 812 },
      locale: "en-US",
      bypassCSP: true,
    });
    const caregiver = await phone.newPage();
    await signIn(caregiver, emails.caregiver, password);
    await caregiver.goto(`${journey.server.url}/my-concerns`);
    await caregiver.getByRole("heading", { level: 1, name: "My concerns" }).waitFor();
    await caregiver.getByText("call your local child abuse hotline").waitFor();
    await caregiver.getByLabel("Your concern").fill(concern);
    await caregiver.getByText("Show my name to staff").click();
    await caregiver.getByRole("button", { name: "Send my concern" }).click();
    await caregiver.getByRole("status").getByText("Your concern was sent").waitFor();
    await caregiver.getByText(concern).waitFor();
    await check(caregiver, "improve-concern-raised-en-375");

    // The open survey round, answered anonymously.
    await caregiver.getByRole("link", { name: "How is it going? Caregiver experience" }).click();
    await caregiver.getByRole("heading", { level: 1, name: "How is it going? Caregiver experience" }).waitFor();
    await check(caregiver, "improve-survey-en-375");
    await caregiver.getByRole("button", { name: "Send my answers" }).click();
    await caregiver.getByRole("alert").getByText("Question 1 needs an answer.").waitFor();
    for (const name of ["q-respect-4", "q-information-3", "q-included-4", "q-callback-yes"])
      await caregiver.locator(`label[for="${name}"]`).click();
    await caregiver.getByRole("button", { name: "Send my answers" }).click();
    await caregiver.getByText("Thank you. Your answers were received.").waitFor();

    const desk = await journey.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "en-US",
      bypassCSP: true,
    });
    const coordinator = await desk.newPage();
    await signIn(coordinator, emails.qpi_coordinator, password);
    await coordinator.goto(`${journey.server.url}/improve/concerns`);
    const item = coordinator.locator("li.qpi-card", { hasText: concern });
    await item.waitFor();
    // The caregiver left "show my name" unchecked: staff see the name withheld.
    await item.getByText("Name withheld at the person's request").waitFor();
    await check(coordinator, "improve-site-concerns-en-1280");
    await item.getByRole("button", { name: "Acknowledge" }).click();
    await item.getByText("Received").waitFor();
    await item.getByLabel("Answer the person will read").fill("We now scan respite forms the day they arrive.");
    await item.getByRole("button", { name: "Send answer" }).click();
    await item.getByText("Answered").waitFor();

    await caregiver.goto(`${journey.server.url}/my-concerns`);
    await caregiver.getByText("We now scan respite forms the day they arrive.").waitFor();

    await coordinator.goto(`${journey.server.url}/improve/surveys`);
    await coordinator.getByRole("link", { name: "How is it going? Caregiver experience" }).first().click();
    await coordinator.getByRole("heading", { level: 1 }).waitFor();
    await coordinator.getByText(/Counts from 1 to 10 are hidden/).waitFor();
    await check(coordinator, "improve-survey-results-en-1280");

    await coordinator.goto(`${journey.server.url}/improve`);
    await coordinator.getByRole("heading", { name: /Calls to caseworkers go unanswered/ }).waitFor();
    await coordinator.getByText("Overdue").first().waitFor();
    await check(coordinator, "improve-plan-en-1280");
    await coordinator.setViewportSize({ width: 375, height: 812 });
    await check(coordinator, "improve-plan-en-375");
    await phone.close();
    await desk.close();
  });

  it("a youth raises a concern from their own page, in Spanish", async () => {
    const { password, emails } = parseDemoSignIns(journey.server.output());
    const context = await journey.browser.newContext({
      viewport: { width: 375, height: 812 },
      locale: "en-US",
      bypassCSP: true,
    });
    const page = await context.newPage();
    await signIn(page, emails.youth, password);
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("button", { name: "Español" }).click();
    await page.goto(`${journey.server.url}/me`);
    await page.getByRole("heading", { name: "Plantear una inquietud" }).waitFor();
    await page.getByLabel("Su inquietud").fill("Nadie me preguntó antes de cambiar mi visita con mi hermano.");
    await page.getByRole("button", { name: "Enviar mi inquietud" }).click();
    await page.getByRole("status").getByText("Su inquietud se envió").waitFor();
    await check(page, "improve-youth-concern-es-375");
    await page.setViewportSize({ width: 1280, height: 900 });
    await check(page, "improve-youth-concern-es-1280");
    await context.close();
  });
});
