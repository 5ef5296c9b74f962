// A candidate with the keyboard alone: focus goes where their attention
// must go. Opening the form puts it on the form's heading; "Add a link" on
// the new row's first field; a failed submit shows every error at once and
// puts focus on the first; sending puts it on the acknowledgement, in view;
// an outcome arriving live takes it. Asking a question, the same.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, focused, tabTo,
  recruiter, applicationId,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

/** Whether `locator`'s top edge is inside the viewport. */
async function inView(page, locator) {
  const box = await locator.boundingBox();
  const { height } = page.viewportSize();
  // Scrolled to the top, it may sit a fraction of a pixel above it.
  return box !== null && box.y > -1 && box.y < height;
}

test("focus_follows_the_application_from_the_form_to_the_outcome", async () => {
  const shot = screenshots("candidate_applies_with_the_keyboard");
  const page = await openPage(browser);
  await page.goto(`${candor.url}/demo/#candor/northwind/senior-backend-engineer`);
  const careers = page.locator("candor-careers:not([posting])");
  await careers.getByRole("heading", { level: 2, name: "Senior Backend Engineer (Rust)" }).waitFor();
  await tabTo(page, "Apply for this position");
  await page.keyboard.press("Enter");
  const form = careers.locator("candor-application");
  await form.getByRole("heading", { name: "Apply for this position" }).waitFor();
  await assertFocus(page, { tag: "h2", id: "candor-apply-title" }, "the form's heading when it opens");
  await shot(page, "form-opened");

  // The first Tab from the heading reaches the form's first control, not the page's top.
  await tabTo(page, "Add a link", { max: 15 });
  await page.keyboard.press("Enter");
  await assertFocus(page, { tag: "input", id: "candor-profile-links-0--label" }, "the new row's first field");
  await page.keyboard.type("GitHub");
  await page.keyboard.press("Tab");
  await page.keyboard.type("github.com/aino");
  await tabTo(page, "Add a job");
  await page.keyboard.press("Enter");
  await assertFocus(page, { tag: "input", id: "candor-profile-work-0--position" }, "the new job's first field");

  // A number is kept as typed; only the check reads it.
  await tabTo(page, "How many years have you written Rust professionally? *");
  await page.keyboard.type("1.5");
  assert.equal(await form.getByLabel(/How many years/).inputValue(), "1.5", "the text typed stays");

  // Every error at once, focus on the first in the form's order.
  await tabTo(page, "Send application");
  await page.keyboard.press("Enter");
  await form.locator("#candor-consent-data_processing-error").getByText("Required").waitFor();
  await assertFocus(page, { tag: "input", id: "candor-profile-name" }, "the first field at fault");
  const said = async (id) => (await form.locator(`#${id}-error`).textContent()).trim();
  assert.equal(await said("candor-profile-name"), "Required");
  assert.equal(await said("candor-profile-email"), "Required");
  assert.equal(await said("candor-profile-links-0--url"), "Enter a web address starting with https:// or http://");
  assert.equal(await form.locator("#candor-profile-work-0--position-error").isVisible(), false, "a blank row is no error");
  assert.equal(await said("candor-answers-rust-years"), "Enter a number");
  assert.equal(await said("candor-answers-eu-work-permit"), "Required");
  assert.equal(await said("candor-answers-start"), "Required");
  assert.equal(await said("candor-consent-data_processing"), "Required");
  assert.equal(await form.getByLabel(/How many years/).inputValue(), "1.5", "still as typed");
  await shot(page, "every-error-at-once");
  assert.deepEqual(await wcagViolations(page, "candor-careers"), [], "the form with its errors");

  // Mended, the errors' own fields refocused by their rule when sent again.
  await page.keyboard.type("Aino Virtanen");
  await page.keyboard.press("Tab");
  await page.keyboard.type("aino.keys@example.fi");
  await form.getByLabel("Address (https://…)").fill("https://github.com/aino");
  await form.getByLabel("Position", { exact: true }).fill("Backend engineer");
  await form.getByLabel("Organisation").fill("Hymy Dental");
  await form.getByLabel(/How many years/).fill("6");
  await form.getByRole("button", { name: "Send application" }).press("Enter");
  await assertFocus(page, { tag: "input", name: "Yes" }, "the unanswered question's first choice");
  await page.keyboard.press("Space");
  // A group of choices is one Tab stop; the arrow keys choose within it.
  await tabTo(page, "Immediately");
  await page.keyboard.press("ArrowDown");
  assert.equal(await form.getByLabel("Within a month").isChecked(), true);
  await tabTo(page, "I agree");
  await page.keyboard.press("Space");
  await tabTo(page, "Send application");
  await page.keyboard.press("Enter");

  // The acknowledgement: focused, in view, and a status that is announced.
  const ack = form.locator("#candor-ack");
  await ack.getByText("Application received").waitFor();
  await assertFocus(page, { tag: "section", id: "candor-ack" }, "the acknowledgement");
  assert.equal(await ack.getAttribute("role"), "status");
  assert.ok(await inView(page, ack), "the acknowledgement is in view, not far above it");
  await shot(page, "acknowledged");

  // An outcome arriving live takes the focus.
  await form.getByRole("heading", { level: 3, name: "Where things stand" }).waitFor();
  const id = await applicationId(candor, "aino.keys@example.fi", "senior-backend-engineer");
  await recruiter(candor, "POST", `applications/${id}/close`, {
    outcome: "not_selected", message: "Thank you, Aino. We chose someone with more Rust in production.",
  });
  const outcome = form.getByRole("region", { name: "Not selected this time" });
  await outcome.waitFor();
  await page.waitForFunction(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.id === "candor-outcome-section";
  });
  assert.ok(await inView(page, outcome), "the outcome is in view");
  await shot(page, "outcome-arrived");

  // The rating says what is missing under each choice, and focuses the first.
  await tabTo(page, "Send rating");
  await page.keyboard.press("Enter");
  await assertFocus(page, { tag: "input", name: "1 of 5" }, "the rating's first choice");
  assert.deepEqual(page.problems, []);
});

test("focus_follows_a_question_and_the_page_stops_saying_nobody_asked", async () => {
  const shot = screenshots("visitor_asks_with_the_keyboard");
  const page = await openPage(browser);
  await page.goto(`${candor.url}/demo/#candor/northwind/data-analyst`);
  const careers = page.locator("candor-careers:not([posting])");
  const qa = careers.getByRole("region", { name: "Questions and answers" });
  const nobody = qa.getByText(/Nobody has asked about this position yet/);
  await nobody.waitFor();
  await tabTo(page, "Ask a question");
  await page.keyboard.press("Enter");
  const form = qa.locator("candor-application");
  await form.getByRole("heading", { name: "Ask Northwind Dental about this position" }).waitFor();
  await assertFocus(page, { tag: "h2", id: "candor-ask-title" }, "the question form's heading");
  await tabTo(page, "Send question");
  await page.keyboard.press("Enter");
  await form.locator("#candor-question-error").getByText("Required").waitFor();
  await assertFocus(page, { tag: "textarea", id: "candor-question-text" }, "the question at fault");
  await page.keyboard.type("Which tools does the team use for dashboards?");
  await tabTo(page, "Send question");
  await page.keyboard.press("Enter");
  const sent = form.locator("#candor-asked");
  await sent.getByText("Question sent").waitFor();
  await assertFocus(page, { tag: "section", id: "candor-asked" }, "the confirmation");
  assert.equal(await sent.getAttribute("role"), "status");
  assert.equal(await nobody.isVisible(), false, "'Nobody has asked' is gone beside 'Question sent'");
  await shot(page, "question-sent");
  assert.deepEqual(await wcagViolations(page, "candor-careers"), [], "question sent");

  // One "My applications" on a page with two widgets; its entries are named.
  assert.equal(await page.getByRole("button", { name: /My applications/ }).count(), 1);
  await careers.getByRole("button", { name: "My applications & questions (1)" }).click();
  await careers.getByRole("button", { name: "Open: Which tools does the team use for dashboards?", exact: true }).waitFor();
  assert.deepEqual(page.problems, []);
});

/** Fails unless what has focus matches `expected` (its tag, and its id or name). */
async function assertFocus(page, expected, what) {
  let now;
  for (let i = 0; i < 20; i++) {
    now = await focused(page);
    if (Object.entries(expected).every(([k, v]) => now[k] === v)) return;
    await page.waitForTimeout(50);
  }
  assert.fail(`focus on ${what}: expected ${JSON.stringify(expected)}, is on ${JSON.stringify(now)}`);
}
