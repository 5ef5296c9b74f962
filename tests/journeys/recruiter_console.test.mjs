// A candidate asks on the demo careers page; a recruiter signs in to the
// console, finds the question in the inbox and answers it; the answer is
// published on the careers page with its answer time. A viewer sees the
// inbox but can't answer. Keyboard only, axe-core clean.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCandor, launchBrowser, openPage, screenshots, wcagViolations, advanceClock, applyThroughApi } from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

const PASSWORD = "northwind-demo-2026";

async function signIn(page, email, password = PASSWORD) {
  await page.goto(`${candor.url}/console/`);
  await page.getByRole("heading", { name: "Sign in to Candor" }).waitFor();
  // Keyboard only: the form is reachable and sendable without a mouse.
  await page.keyboard.press("Tab");
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
}

test("a_recruiter_answers_a_question_from_the_inbox_and_it_is_published", async () => {
  const shot = screenshots("recruiter_console");
  // The candidate's side: asked on the careers page.
  const visitor = await openPage(browser);
  await visitor.goto(`${candor.url}/demo/#candor/northwind/orthodontist`);
  const qa = visitor.locator("candor-careers:not([posting])").getByRole("region", { name: "Questions and answers" });
  await qa.getByRole("button", { name: "Ask a question" }).click();
  await qa.getByLabel("Your question *").fill("Do you support further training in aligner therapy?");
  await qa.getByRole("button", { name: "Send question" }).click();
  await qa.getByText("Question sent").waitFor();
  // An application left past its promise raises a silence alarm.
  await applyThroughApi(candor, { email: "aino.console@example.fi" });
  await advanceClock(candor, 6);
  try {
    const page = await openPage(browser);
    await signIn(page, "recruiter@northwind.example", "not the password");
    await page.getByText("That e-mail address and password don't match.").waitFor();
    await shot(page, "wrong-password");
    assert.deepEqual(await wcagViolations(page), [], "sign-in");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Northwind Dental · Inbox" }).waitFor();
    const question = page.getByRole("listitem").filter({ hasText: "Do you support further training in aligner therapy?" });
    await question.getByText(/Orthodontist · A visitor · asked 6 days ago/).waitFor();
    const alarms = page.getByRole("region", { name: /Silence alarms/ });
    await alarms.getByText("Aino Virtanen").waitFor();
    await alarms.getByText(/days overdue/).waitFor();
    await shot(page, "inbox");
    assert.deepEqual(await wcagViolations(page), [], "inbox");

    await question.getByRole("button", { name: "Publish answer" }).click();
    await question.getByText(/Write the answer/).waitFor();
    await question.getByRole("textbox").fill("Yes: a paid course each year, and aligner training with our clinical director.");
    await question.getByRole("button", { name: "Publish answer" }).click();
    await page.getByText("No questions are waiting.").waitFor();
    await shot(page, "answered");

    await visitor.reload();
    await qa.getByText("Yes: a paid course each year, and aligner training with our clinical director.").waitFor();
    await qa.getByText("Answered in 6 days").waitFor();
    await shot(visitor, "published-on-careers-page");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Candor" }).waitFor();
    assert.deepEqual(page.problems, []);
  } finally {
    await advanceClock(candor, -6);
  }
});

test("a_viewer_sees_the_inbox_but_cannot_answer", async () => {
  await fetch(`${candor.url}/api/v1/companies/northwind/postings/orthodontist/questions`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "Is the clinic wheelchair accessible?" }),
  });
  const page = await openPage(browser);
  await signIn(page, "viewer@northwind.example");
  await page.getByText("Vera Viewer (viewer)").waitFor();
  const question = page.getByRole("listitem").filter({ hasText: "Is the clinic wheelchair accessible?" });
  await question.waitFor();
  assert.equal(await question.getByRole("button").count(), 0, "no actions offered to a viewer");
  // And the server refuses even a hand-made request from this session.
  const refused = await page.evaluate(async () => {
    const session = await (await fetch("/console/api/session")).json();
    const inbox = await (await fetch("/api/v1/recruiter/inbox")).json();
    const id = inbox.questions[0].id;
    const r = await fetch(`/api/v1/recruiter/questions/${id}/answer`, {
      method: "POST", headers: { "content-type": "application/json", "x-csrf-token": session.csrf_token }, body: JSON.stringify({ answer: "Yes." }),
    });
    return r.status;
  });
  assert.equal(refused, 403);
  assert.deepEqual(page.problems.filter((p) => !/403/.test(p)), []);
});
