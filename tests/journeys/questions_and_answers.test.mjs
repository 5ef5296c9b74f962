// A visitor asks about a posting on the careers page; a recruiter answers
// through the API; the answer reaches the asker's open view live and is
// published on the posting with how long it took. A declined question is
// never published, and its asker is told why. An asker who left an address
// takes it back from their question's page, with the keyboard alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, recruiter, tabTo, focused, focusMovesTo, sidewaysOverflow,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

test("ask_on_the_careers_page_and_see_the_answer_live_and_published", async () => {
  const shot = screenshots("questions_and_answers");
  const page = await openPage(browser);
  await page.goto(`${candor.url}/demo/#candor/northwind/orthodontist`);
  const careers = page.locator("candor-careers:not([posting])");
  const qa = careers.getByRole("region", { name: "Questions and answers" });
  await qa.getByText(/Nobody has asked about this position yet/).waitFor();
  await qa.getByRole("button", { name: "Ask a question" }).click();
  const form = qa.locator("candor-application");
  await form.getByRole("heading", { name: "Ask Northwind Dental about this position" }).waitFor();
  await form.getByLabel("Your question *").fill("Salary?");
  await form.getByRole("button", { name: "Send question" }).click();
  await form.getByText("At least 10 characters").waitFor();
  await shot(page, "too-short");
  await form.getByLabel("Your question *").fill("Is the clinic open on Saturdays, and would I work them?");
  await form.getByLabel("Name to show (optional)").fill("Mikko");
  assert.deepEqual(await wcagViolations(page, "candor-careers"), [], "ask form");
  await form.getByRole("button", { name: "Send question" }).click();
  await form.getByRole("status").getByText("Question sent").waitFor();
  const link = await form.locator("a.status-link").getAttribute("href");
  assert.match(link, new RegExp(`^${candor.url}/status#q_[A-Za-z0-9_-]{43}$`));
  await form.getByText(/Waiting for Northwind Dental to answer/).waitFor();
  await careers.getByRole("button", { name: "My applications & questions (1)" }).waitFor();
  await shot(page, "asked");
  assert.deepEqual(await wcagViolations(page, "candor-careers"), [], "asked");

  // Not public until answered.
  const publicNow = await (await fetch(`${candor.url}/api/v1/companies/northwind/postings/orthodontist/questions`)).json();
  assert.deepEqual(publicNow.questions, []);

  const [pending] = await recruiter(candor, "GET", "questions?state=pending");
  assert.equal(pending.text, "Is the clinic open on Saturdays, and would I work them?");
  await page.evaluate(() => { window.__sameDocument = true; });
  await recruiter(candor, "POST", `questions/${pending.id}/answer`, {
    answer: "One Saturday a month, 9 to 14, with a free weekday in exchange.",
  });
  const answer = form.getByRole("region", { name: "Northwind Dental answered" });
  await answer.getByText("One Saturday a month, 9 to 14, with a free weekday in exchange.").waitFor({ timeout: 3000 });
  await answer.getByText(/Answered in 1 minute/).waitFor();
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "live, no reload");
  await shot(page, "answered-live");

  // Published on the posting for everyone, with its answer time and the median.
  const visitor = await openPage(browser);
  await visitor.goto(`${candor.url}/demo/#candor/northwind/orthodontist`);
  const published = visitor.locator("candor-careers:not([posting])").getByRole("region", { name: "Questions and answers" });
  await published.getByText("Is the clinic open on Saturdays, and would I work them?").waitFor();
  await published.getByText("Mikko asked").waitFor();
  await published.getByText("One Saturday a month, 9 to 14, with a free weekday in exchange.").waitFor();
  await published.getByText("Answered in 1 minute").waitFor();
  await published.getByText("Northwind Dental answers questions in 1 minute (median)").waitFor();
  await shot(visitor, "published");
  assert.deepEqual(await wcagViolations(visitor, "candor-careers"), [], "published answers");

  // The asker finds it again under "My applications & questions".
  await page.reload();
  await careers.getByRole("button", { name: "My applications & questions (1)" }).click();
  const mine = careers.locator("candor-application[mode=mine]");
  await mine.getByRole("heading", { name: "My questions" }).waitFor();
  await mine.getByText("Northwind Dental answered").waitFor();
  await shot(page, "mine");
  assert.deepEqual(page.problems, []);
  assert.deepEqual(visitor.problems, []);
});

test("a_declined_question_tells_its_asker_why", async () => {
  const shot = screenshots("question_declined");
  const response = await fetch(`${candor.url}/api/v1/companies/northwind/postings/orthodontist/questions`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: "What is the best toothpaste for my kids?" }),
  });
  assert.equal(response.status, 201);
  const { token } = await response.json();
  const [pending] = await recruiter(candor, "GET", "questions?state=pending");
  await recruiter(candor, "POST", `questions/${pending.id}/decline`, {
    reason: "off_topic", message: "We can't give dental advice here; our clinics' nurses answer on 010 123 4567.",
  });
  const page = await openPage(browser);
  await page.goto(`${candor.url}/status#${token}`);
  const view = page.locator("candor-application");
  const declined = view.getByRole("region", { name: "Northwind Dental did not publish this question" });
  await declined.getByText("Reason: it is not about this position.").waitFor();
  await declined.getByText(/our clinics' nurses answer/).waitFor();
  await shot(page, "declined");
  assert.deepEqual(await wcagViolations(page, "candor-application"), [], "declined question");
  const published = await (await fetch(`${candor.url}/api/v1/companies/northwind/postings/orthodontist/questions`)).json();
  assert.equal(published.questions.some((q) => q.text.includes("toothpaste")), false, "never published");
  assert.deepEqual(page.problems, []);
});

test("asking_the_same_question_again_gets_the_first_link_and_it_is_declined_as_a_duplicate", async () => {
  const shot = screenshots("question_asked_again");
  const text = "Do you offer parking for staff at the clinic?";
  const ask = async (page, typed) => {
    await page.goto(`${candor.url}/demo/#candor/northwind/dental-hygienist`);
    const careers = page.locator("candor-careers:not([posting])");
    const qa = careers.getByRole("region", { name: "Questions and answers" });
    await qa.getByRole("button", { name: "Ask a question" }).click();
    const form = qa.locator("candor-application");
    await form.getByLabel("Your question *").fill(typed);
    await form.getByRole("button", { name: "Send question" }).click();
    await form.getByRole("status").getByText("Question sent").waitFor();
    return [careers, await form.locator("a.status-link").getAttribute("href")];
  };
  const page = await openPage(browser);
  const [, first] = await ask(page, text);
  await shot(page, "asked");
  // The person thinks nothing happened, reloads and sends it again, spaced otherwise.
  await page.reload();
  const [careers, again] = await ask(page, `  do you offer parking for staff   at the clinic? `);
  assert.equal(again, first, "the first question's link");
  await careers.getByRole("button", { name: "My applications & questions (1)" }).waitFor();
  await shot(page, "asked-again");
  const pending = await recruiter(candor, "GET", "questions?state=pending");
  assert.equal(pending.filter((q) => q.text === text).length, 1, "one question in the inbox");

  // A recruiter declines it in the console as asked already; the asker is told so.
  const inbox = await openPage(browser);
  await inbox.goto(`${candor.url}/console/`);
  await inbox.getByLabel("E-mail").fill("recruiter@northwind.example");
  await inbox.getByLabel("Password").fill("northwind-demo-2026");
  await inbox.getByRole("button", { name: "Sign in" }).click();
  const item = inbox.getByRole("listitem").filter({ hasText: text });
  await item.getByLabel(/Your answer/).fill("Asked and answered below: see “Is there parking?”.");
  const reason = item.getByLabel("Decline as");
  assert.deepEqual(await reason.locator("option").allTextContents(), ["Off-topic", "Duplicate", "Spam"]);
  await reason.selectOption("duplicate");
  await shot(inbox, "declining-as-duplicate");
  assert.deepEqual(await wcagViolations(inbox), [], "inbox");
  await item.getByRole("button", { name: "Decline" }).click();
  await item.waitFor({ state: "detached" });

  const status = await openPage(browser);
  await status.goto(first);
  const declined = status.locator("candor-application").getByRole("region", { name: "Northwind Dental did not publish this question" });
  await declined.getByText("Reason: it has been asked already.").waitFor();
  await shot(status, "declined-as-duplicate");
  assert.deepEqual(await wcagViolations(status, "candor-application"), [], "declined as duplicate");
  assert.deepEqual([...page.problems, ...inbox.problems, ...status.problems], []);
});

test("an_asker_takes_their_address_back_from_the_question_page", async () => {
  const shot = screenshots("question_address");
  const response = await fetch(`${candor.url}/api/v1/companies/northwind/postings/orthodontist/questions`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: "Do you offer parking for staff at the clinic?", email: "parking@example.fi" }),
  });
  assert.equal(response.status, 201);
  const { token } = await response.json();
  for (const width of [1280, 390, 320]) {
    const page = await openPage(browser, { viewport: { width, height: 800 } });
    await page.goto(`${candor.url}/status#${token}`);
    const view = page.locator("candor-application");
    const section = view.getByRole("region", { name: "Your e-mail address" });
    await section.getByText(/You left an e-mail address to hear of the answer/).waitFor();
    assert.deepEqual(await sidewaysOverflow(page), [], `nothing sideways at ${width} px`);
    assert.deepEqual(await wcagViolations(page, "candor-application"), [], `address kept at ${width} px`);
    await shot(page, `kept-${width}`);
    if (width !== 320) { await page.close(); continue; }

    // With the keyboard alone, on the narrowest phone.
    await tabTo(page, "Forget my address");
    await page.keyboard.press("Enter");
    await section.getByRole("status").getByText("Your address is forgotten. This link still shows the question and its answer.").waitFor();
    assert.equal((await focusMovesTo(page, "candor-address-title")).id, "candor-address-title", "the focus stays in the section, its button gone");
    assert.equal(await section.getByRole("button", { name: "Forget my address" }).count(), 0);
    assert.deepEqual(await sidewaysOverflow(page), [], "nothing sideways after");
    assert.deepEqual(await wcagViolations(page, "candor-application"), [], "address forgotten");
    await shot(page, "forgotten-320");
    assert.deepEqual(page.problems, []);
    await page.close();
  }
  const asked = await fetch(`${candor.url}/api/v1/question`, { headers: { "Candor-Question": token } });
  assert.equal((await asked.json()).address_kept, false, "the server forgot it");
  const again = await openPage(browser);
  await again.goto(`${candor.url}/status#${token}`);
  await again.locator("candor-application").getByText("Do you offer parking for staff at the clinic?").waitFor();
  assert.equal(await again.locator("candor-application").getByRole("region", { name: "Your e-mail address" }).count(), 0,
    "nothing to offer once it is gone");
  await again.close();
});
