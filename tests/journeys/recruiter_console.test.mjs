// A candidate asks on the demo careers page; a recruiter signs in to the
// console, finds the question in the inbox and answers it; the answer is
// published on the careers page with its answer time. A viewer sees the
// inbox but can't answer. Keyboard only, axe-core clean.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCandor, launchBrowser, openPage, screenshots, wcagViolations, advanceClock, applyThroughApi, recruiter, applicationId, inDays, focused } from "../support/candor.mjs";

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
    await page.getByRole("heading", { name: "Northwind Dental · Console" }).waitFor();
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
    // The question is gone from the list: the confirmation has the focus.
    await page.getByRole("status").getByText("Answer published. It shows with the question on the careers page now.").waitFor();
    assert.match((await focused(page)).name, /^Answer published/);
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

test("a_recruiter_moves_an_application_and_the_candidate_sees_it_live", async () => {
  const shot = screenshots("recruiter_console_application");
  const ack = await applyThroughApi(candor, { email: "liisa@example.fi", name: "Liisa Korhonen" });
  const candidate = await openPage(browser);
  await candidate.goto(`${candor.url}/status#${ack.status_token}`);
  const status = candidate.locator("candor-application");
  await status.getByRole("heading", { level: 3, name: "Where things stand" }).waitFor();

  const page = await openPage(browser);
  await signIn(page, "recruiter@northwind.example");
  await page.getByRole("link", { name: "Dental Hygienist" }).click();
  await page.getByRole("link", { name: "Liisa Korhonen" }).click();
  await page.getByRole("heading", { name: "Timeline, as the candidate sees it" }).waitFor();
  assert.deepEqual(await wcagViolations(page), [], "application view");
  await page.getByLabel("Stage", { exact: true }).selectOption({ label: "Phone interview" });
  await page.getByLabel("Personal message to the candidate").fill("Hello Liisa! Could we call you on Thursday at 14?");
  const promised = page.getByLabel(/Next answer promised by/);
  await promised.fill(inDays(9));
  // Typed over, key by key as a person would (month, day, year in this
  // browser's locale): the field keeps what is typed, segment by segment.
  const [year, month, day] = inDays(4).split("-");
  await promised.focus();
  await page.keyboard.type(`${month}${day}${year}`, { delay: 60 });
  assert.equal(await promised.inputValue(), inDays(4), "the date as typed");
  await shot(page, "moving");
  await page.getByRole("button", { name: "Move", exact: true }).click();
  await status.getByText("Hello Liisa! Could we call you on Thursday at 14?").waitFor({ timeout: 3000 });
  assert.match(await status.locator('li[aria-current="step"]').textContent(), /Phone interview/);
  await page.getByRole("listitem").getByText(/Moved to Phone interview/).waitFor();
  await page.getByRole("status").getByText(/^Moved to Phone interview\. Liisa Korhonen sees it now/).waitFor();
  await shot(page, "moved");

  // The same closing letter went to someone else already: the console says so first.
  const letter = "Thank you for applying. We decided to continue with other candidates.";
  await applyThroughApi(candor, { email: "other@example.fi", name: "Olli Other" });
  await recruiter(candor, "POST", `applications/${await applicationId(candor, "other@example.fi")}/close`, { outcome: "not_selected", message: letter });
  // A date half typed before choosing to close does not hold the form up.
  await promised.focus();
  await page.keyboard.type("0", { delay: 60 });
  await page.getByLabel("Action", { exact: true }).selectOption("close");
  await page.getByLabel(/Personal message to the candidate/).fill(letter);
  await page.getByRole("button", { name: "Close the application", exact: true }).click();
  await page.getByText(/This exact message was already sent to 1 other candidate/).waitFor();
  await shot(page, "form-letter-warning");
  assert.equal(await status.getByText(letter).count(), 0, "nothing sent yet");
  await page.getByLabel(/Personal message to the candidate/).fill("Liisa, thank you. We chose someone with orthodontic experience; your calm impressed us.");
  await page.getByRole("button", { name: "Close the application", exact: true }).click();
  // Closing is final: asked once more.
  await page.getByRole("button", { name: "Yes, close the application" }).click();
  await status.getByRole("region", { name: "Not selected this time" }).getByText(/your calm impressed us/).waitFor({ timeout: 3000 });
  await shot(candidate, "candidate-sees-outcome");

  // The metrics reflect what happened: both closings had an explicit
  // outcome, and the question answered earlier took 6 days.
  await page.getByRole("link", { name: "Metrics" }).click();
  const overall = page.getByRole("region", { name: "How candidates are treated, overall" });
  await overall.locator(".figure").filter({ hasText: "Closed with an explicit outcome" }).getByText("100%").waitFor();
  await overall.locator(".figure").filter({ hasText: "Questions answered in" }).getByText("6 days").waitFor();
  await overall.getByRole("img", { name: /Promised dates kept, per posting: .*Dental Hygienist/ }).waitFor();
  await shot(page, "metrics");
  assert.deepEqual(await wcagViolations(page), [], "metrics");
  assert.deepEqual(page.problems, []);
});

test("an_admin_creates_and_revokes_an_api_token", async () => {
  const shot = screenshots("console_api_tokens");
  const page = await openPage(browser);
  await signIn(page, "admin@northwind.example");
  await page.getByRole("link", { name: "API tokens" }).click();
  await page.getByLabel("What it is for").fill("ATS sync");
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.locator("code.token").textContent()).trim();
  assert.match(token, /^candor_[A-Za-z0-9_-]{43}$/);
  const works = await fetch(`${candor.url}/api/v1/recruiter/inbox`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(works.status, 200);
  await page.getByRole("row", { name: /ATS sync/ }).getByRole("cell", { name: "Maria Admin" }).waitFor();
  await shot(page, "created");
  assert.deepEqual(await wcagViolations(page), [], "API tokens");
  await page.getByRole("button", { name: "Revoke ATS sync" }).click();
  await page.getByRole("row", { name: /ATS sync.*revoked/ }).waitFor();
  const revoked = await fetch(`${candor.url}/api/v1/recruiter/inbox`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(revoked.status, 401);
  await shot(page, "revoked");
  assert.deepEqual(page.problems, []);
});
