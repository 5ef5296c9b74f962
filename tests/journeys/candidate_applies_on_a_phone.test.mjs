// A job seeker on a phone, 390 and 320 px wide: browses the careers page
// (English and Finnish), opens a posting, asks a question, applies, follows
// the status live to the outcome, rates it, and finds it under "My
// applications"; then Candor's own status page, withdrawing and erasing.
// On every view nothing scrolls sideways or is cut off (WCAG 1.4.10
// reflow, which axe does not check), and axe finds nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, sidewaysOverflow,
  applyThroughApi, recruiter, applicationId, inDays,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

for (const width of [390, 320]) {
  test(`every_view_reflows_at_${width}_px`, async () => {
    const shot = screenshots(`candidate_applies_on_a_phone_${width}`);
    const page = await openPage(browser, { viewport: { width, height: 800 } });
    /** One view checked as the person sees it. */
    const check = async (name, include = "candor-careers, candor-application") => {
      await shot(page, name);
      assert.deepEqual(await sidewaysOverflow(page), [], `${name}: nothing wider than ${width} px`);
      assert.deepEqual(await wcagViolations(page, include), [], `${name}: axe`);
    };

    await page.goto(`${candor.url}/demo/`);
    const careers = page.locator("candor-careers:not([posting])");
    await careers.getByText("6 open positions").waitFor();
    await page.locator("candor-careers[posting]").getByRole("heading", { level: 2 }).waitFor();
    await check("list");

    await page.goto(`${candor.url}/demo/fi/`);
    await page.locator("candor-careers").getByText("6 avointa työpaikkaa").waitFor();
    await check("finnish-list");

    // One posting, its questions and answers, and asking.
    await page.goto(`${candor.url}/demo/#candor/northwind/orthodontist`);
    await careers.getByRole("heading", { level: 2, name: "Orthodontist" }).waitFor();
    await check("posting");
    const qa = careers.getByRole("region", { name: "Questions and answers" });
    await qa.getByRole("button", { name: "Ask a question" }).click();
    const ask = qa.locator("candor-application");
    await ask.getByRole("heading", { name: "Ask Northwind Dental about this position" }).waitFor();
    await ask.getByRole("button", { name: "Send question" }).click();
    await ask.locator("#candor-question-error").getByText("Required").waitFor();
    await check("ask-refused");
    await ask.getByLabel("Your question *").fill(`Can I work four days a week? (asked at ${width} px)`);
    await ask.getByRole("button", { name: "Send question" }).click();
    await ask.getByRole("status").getByText("Question sent").waitFor();
    await ask.getByText(/Waiting for Northwind Dental to answer/).waitFor();
    await check("question-sent");

    // Applying: the empty form, every error at once, then sent.
    await page.goto(`${candor.url}/demo/#candor/northwind/senior-backend-engineer`);
    await page.reload();
    await careers.getByRole("heading", { level: 2, name: "Senior Backend Engineer (Rust)" }).waitFor();
    await careers.getByRole("button", { name: "Apply for this position" }).click();
    const form = careers.locator("candor-application");
    await form.getByRole("heading", { name: "Apply for this position" }).waitFor();
    await check("apply-form");
    await form.getByRole("button", { name: "Add a link" }).click();
    await form.getByRole("button", { name: "Add a job" }).click();
    await form.getByLabel("Address (https://…)").fill("github.com/aino");
    await form.getByRole("button", { name: "Send application" }).click();
    await form.locator("#candor-consent-data_processing-error").getByText("Required").waitFor();
    await check("apply-errors");
    const email = `aino.phone${width}@example.fi`;
    await form.getByLabel("Full name *").fill("Aino Virtanen");
    await form.getByLabel("E-mail *").fill(email);
    await form.getByLabel("Address (https://…)").fill("https://github.com/aino");
    await form.getByRole("button", { name: "Remove Work history 1" }).click();
    await form.getByLabel(/How many years have you written Rust/).fill("6");
    await form.getByRole("group", { name: /right to work in Finland/ }).getByLabel("Yes").check();
    await form.getByLabel("Within a month").check();
    await form.getByLabel("I agree").check();
    await form.getByLabel(/talent pool/).check();
    await form.getByRole("button", { name: "Send application" }).click();
    await form.getByRole("status").filter({ hasText: "Application received" }).waitFor();
    await form.getByRole("heading", { level: 3, name: "Where things stand" }).waitFor();
    await check("acknowledged");

    // The status, live: a step, then the outcome and the rating.
    const id = await applicationId(candor, email, "senior-backend-engineer");
    await recruiter(candor, "POST", `applications/${id}/stage`, {
      stage: 1, message: "Thanks Aino! Would Tuesday at 10 suit you for a call?", promised: inDays(4),
    });
    await form.getByText("Thanks Aino! Would Tuesday at 10 suit you for a call?").first().waitFor();
    await check("moved-live");
    await recruiter(candor, "POST", `applications/${id}/close`, {
      outcome: "hired", message: "Welcome to the team, Aino! The contract is in your e-mail.",
    });
    await form.getByRole("region", { name: "You got the job. Congratulations!" }).waitFor();
    const rating = form.getByRole("form", { name: "How was applying to Northwind Dental?" });
    await rating.getByRole("button", { name: "Send rating" }).click();
    await rating.locator("#candor-feedback-rating-error").getByText("Required").waitFor();
    await check("outcome-and-rating");

    // My applications, on the page's one button.
    await page.reload();
    await careers.getByRole("button", { name: /My applications & questions/ }).click();
    const mine = careers.locator("candor-application[mode=mine]");
    await mine.getByRole("heading", { name: "My questions" }).waitFor();
    await mine.getByText("You got the job. Congratulations!").waitFor();
    await check("my-applications");

    // Candor's own status page: withdrawing and erasing.
    const ack = await applyThroughApi(candor, { email: `aino.status${width}@example.fi` });
    await page.goto(`${candor.url}/status#${ack.status_token}`);
    const status = page.locator("candor-application");
    await status.getByRole("heading", { level: 2, name: "Dental Hygienist" }).waitFor();
    await check("status-page", "candor-application");
    await status.getByRole("button", { name: "Withdraw my application" }).click();
    await status.getByRole("button", { name: "Erase my application" }).click();
    await status.getByText(/This cannot be undone/).waitFor();
    await check("withdraw-and-erase", "candor-application");
    await status.getByRole("button", { name: "Erase for good" }).click();
    await status.getByText("Your application has been erased. Only an anonymous record remains.").waitFor();
    await check("erased", "candor-application");
    assert.deepEqual(page.problems, []);
  });
}
