// A candidate on the company's careers page: imports their JSON Resume,
// answers the posting's questions, consents, applies, is acknowledged at
// once with a private status link, follows the recruiter's actions live to
// the outcome and rates the experience. Then the candidate's other
// actions: withdrawing with a reason, downloading and erasing their data,
// and "My applications" with an overdue promise.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations,
  applyThroughApi, recruiter, applicationId, inDays, advanceClock, statusOf, samplePdf,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

const resume = {
  $schema: "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
  basics: {
    name: "Aino Virtanen",
    label: "Dental hygienist, six years in private practice",
    email: "aino.resume@example.fi",
    phone: "+358 40 123 4567",
    summary: "I like calm appointments and patients who leave less afraid than they came.",
    location: { city: "Tampere", countryCode: "FI" },
    profiles: [{ network: "LinkedIn", url: "https://www.linkedin.com/in/aino-virtanen" }],
  },
  work: [{ name: "Hymy Dental", position: "Dental hygienist", startDate: "2019-03-01", summary: "Periodontal care." }],
  education: [{ institution: "Tampere University of Applied Sciences", area: "Oral hygiene", studyType: "Bachelor", endDate: "2019" }],
  skills: [{ name: "Periodontal care" }, { name: "Patient education" }],
  languages: [{ language: "Finnish", fluency: "Native" }, { language: "English", fluency: "Fluent" }],
  // A section Candor has no fields for: kept, and given back on export.
  volunteer: [{ organization: "Hammaslääkäriliitto", position: "School visits" }],
};

test("import_apply_follow_live_to_the_outcome_and_rate", async () => {
  const shot = screenshots("candidate_applies");
  const page = await openPage(browser);
  await page.goto(`${candor.url}/demo/#candor/northwind/dental-hygienist`);
  const careers = page.locator("candor-careers:not([posting])");
  await careers.getByRole("heading", { level: 2, name: "Dental Hygienist" }).waitFor();
  await careers.getByRole("button", { name: "Apply for this position" }).click();
  const form = careers.locator("candor-application");
  await form.getByRole("heading", { name: "Apply for this position" }).waitFor();
  await shot(page, "empty-form");
  assert.deepEqual(await wcagViolations(page, "candor-careers"), [], "empty form");

  // Import: the fields fill in and the lists appear as editable rows.
  await form.locator('input[type=file][accept*="json"]').setInputFiles({
    name: "resume.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(resume)),
  });
  await form.getByText("Filled in from your file. Check it before you send.").waitFor();
  assert.equal(await form.getByLabel("Full name *").inputValue(), "Aino Virtanen");
  assert.equal(await form.getByLabel("E-mail *").inputValue(), "aino.resume@example.fi");
  assert.equal(await form.getByLabel("Position", { exact: true }).first().inputValue(), "Dental hygienist");
  assert.equal(await form.getByLabel("Organisation", { exact: true }).first().inputValue(), "Hymy Dental");
  assert.equal(await form.getByLabel("Skills", { exact: true }).inputValue(), "Periodontal care,Patient education");
  await shot(page, "imported");

  // Export gives back JSON Resume, with the section Candor doesn't know.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    form.getByRole("button", { name: "Download as JSON Resume" }).click(),
  ]);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(exported.basics.name, "Aino Virtanen");
  assert.equal(exported.work[0].name, "Hymy Dental");
  assert.deepEqual(exported.volunteer, resume.volunteer);

  // A broken e-mail is caught by the shared rule, next to its field, focused.
  await form.getByLabel("E-mail *").fill("aino.resume@");
  await form.getByRole("button", { name: "Send application" }).click();
  await form.getByText("Enter an e-mail address such as name@example.com").waitFor();
  assert.equal(await form.getByLabel("E-mail *").evaluate((el) => el.getRootNode().activeElement === el), true, "focus on the field");
  await form.getByLabel("E-mail *").fill("aino.resume@example.fi");

  // The posting's questions, the CV, and consent last.
  await form.getByRole("group", { name: /Valvira licence/ }).getByLabel("Yes").check();
  await form.getByLabel(/In which languages can you treat patients/).fill("Finnish, English, Swedish");
  await form.getByLabel(/What do you enjoy most/).fill("Seeing a nervous patient relax.");
  await form.getByLabel("CV (PDF, up to 5 MB, optional)").setInputFiles({ name: "renamed.pdf", mimeType: "application/pdf", buffer: Buffer.from("GIF89a not a pdf") });
  await form.getByText("That file isn't a PDF. Choose a PDF file.").waitFor();
  await form.getByLabel("CV (PDF, up to 5 MB, optional)").setInputFiles({ name: "Aino CV.pdf", mimeType: "application/pdf", buffer: samplePdf() });
  await form.getByText("Will be sent: Aino CV.pdf").waitFor();
  await form.getByText(/keeps them for 180 days after it closes/).waitFor();
  await form.getByRole("button", { name: "Send application" }).click();
  await form.locator("#candor-consent-data_processing-error").getByText("Required").waitFor();
  await shot(page, "consent-needed");
  const talentPool = form.getByLabel(/talent pool/);
  assert.equal(await talentPool.isChecked(), false, "talent pool is opt-in");
  await form.getByLabel("I agree").check();
  await form.getByRole("button", { name: "Send application" }).click();

  // Acknowledged at once: promise, private link, CV attached, live status.
  const ack = form.getByRole("status").filter({ hasText: "Application received" });
  await ack.getByText(/Northwind Dental has your application and will get back to you by/).waitFor();
  await ack.getByText("Your CV Aino CV.pdf is attached.").waitFor();
  const link = await ack.locator("a.status-link").getAttribute("href");
  assert.match(link, new RegExp(`^${candor.url}/status#[A-Za-z0-9_-]{40,}$`));
  await form.getByRole("heading", { level: 3, name: "Where things stand" }).waitFor();
  // The page's "My applications" follows at once.
  await careers.getByRole("button", { name: "My applications & questions (1)" }).waitFor();
  await shot(page, "acknowledged");
  assert.deepEqual(await wcagViolations(page, "candor-careers"), [], "acknowledgement");

  // What the recruiter received: the imported profile, answers and the CV.
  const id = await applicationId(candor, "aino.resume@example.fi");
  const received = await recruiter(candor, "GET", `applications/${id}`);
  assert.equal(received.profile.work[0].organisation, "Hymy Dental");
  assert.deepEqual(received.profile.skills, ["Periodontal care", "Patient education"]);
  assert.equal(received.cv.file_name, "Aino CV.pdf");
  assert.equal(received.talent_pool, false);
  assert.deepEqual(received.answers.find((a) => a.key === "valvira").value, { yes_no: true });

  // A recruiter's action shows up live, without a reload.
  await page.evaluate(() => { window.__sameDocument = true; });
  await recruiter(candor, "POST", `applications/${id}/stage`, {
    stage: 1, message: "Thank you Aino, let's talk on the phone on Tuesday.", promised: inDays(5),
  });
  await form.getByText("Thank you Aino, let's talk on the phone on Tuesday.").waitFor({ timeout: 3000 });
  assert.match(await form.locator('li[aria-current="step"]').textContent(), /Phone interview/);
  await shot(page, "moved-live");

  await recruiter(candor, "POST", `applications/${id}/close`, {
    outcome: "hired", message: "Aino, welcome to Northwind! Your first day is the 1st; Mari will meet you at reception.",
  });
  const outcome = form.getByRole("region", { name: "You got the job. Congratulations!" });
  await outcome.getByText(/welcome to Northwind/).waitFor({ timeout: 3000 });
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "no reload");

  // Rating is offered once it has ended.
  const rating = form.getByRole("form", { name: "How was applying to Northwind Dental?" });
  await rating.getByRole("button", { name: "Send rating" }).click();
  // Each choice left unmade is said under its own group, above the optional comment.
  await rating.locator("#candor-feedback-rating-error").getByText("Required").waitFor();
  await rating.locator("#candor-feedback-again-error").getByText("Required").waitFor();
  assert.equal(await rating.getByText("Required").count(), 2);
  await rating.getByLabel("4 of 5").check();
  await rating.getByRole("group", { name: /Would you apply to Northwind Dental again/ }).getByLabel("Yes").check();
  await rating.getByLabel("Anything you'd like to add (optional)").fill("Quick and kind. The phone call was on time.");
  await shot(page, "rating");
  assert.deepEqual(await wcagViolations(page, "candor-careers"), [], "outcome and rating");
  await rating.getByRole("button", { name: "Send rating" }).click();
  await form.getByText("You rated this 4 of 5. Thank you.").waitFor();
  const after = await recruiter(candor, "GET", `applications/${id}`);
  assert.deepEqual(after.status.progress.rating, { rating: 4, would_apply_again: true, comment: "Quick and kind. The phone call was on time." });
  await shot(page, "rated");
  assert.deepEqual(page.problems, []);
});

test("a_complete_profile_applies_with_one_click_plus_consent", async () => {
  const page = await openPage(browser);
  await page.goto(`${candor.url}/demo/#candor/northwind/patient-experience-coordinator`);
  const careers = page.locator("candor-careers:not([posting])");
  // A returning candidate: their profile is in this browser already.
  await page.evaluate(({ key, profile }) => localStorage.setItem(key, JSON.stringify({ profile })), {
    key: `candor:${candor.url}/:profile`,
    profile: { name: "Aino Virtanen", email: "aino.oneclick@example.fi", headline: "Dental hygienist" },
  });
  await page.reload();
  await careers.getByRole("button", { name: "Apply for this position" }).click();
  const form = careers.locator("candor-application");
  await form.getByText("aino.oneclick@example.fi").waitFor();
  assert.equal(await form.getByLabel("Full name *").isVisible(), false, "the profile is folded into a summary");
  await form.getByRole("group", { name: /Do you speak Finnish fluently/ }).getByLabel("Yes").check();
  await form.getByLabel("I agree").check();
  await form.getByRole("button", { name: "Send application" }).click();
  await form.getByRole("status").getByText("Application received").waitFor();
  assert.deepEqual(page.problems, []);
});

test("withdraw_with_a_reason", async () => {
  const shot = screenshots("candidate_withdraws");
  const ack = await applyThroughApi(candor, { email: "aino.withdraw@example.fi" });
  const page = await openPage(browser);
  await page.goto(`${candor.url}/status#${ack.status_token}`);
  const status = page.locator("candor-application");
  await status.getByRole("button", { name: "Withdraw my application" }).click();
  const form = status.getByRole("form", { name: "Withdraw your application" });
  await form.getByRole("button", { name: "Withdraw" }).click();
  await form.getByRole("group", { name: /Why are you withdrawing/ }).getByText("Required").waitFor();
  await form.getByLabel("The process is taking too long").check();
  await form.getByLabel("Anything you'd like to add (optional)").fill("I accepted a job closer to home, thank you!");
  await shot(page, "reason");
  assert.deepEqual(await wcagViolations(page, "candor-application"), [], "withdraw form");
  await form.getByRole("button", { name: "Withdraw" }).click();
  await status.getByRole("region", { name: "You withdrew your application" }).waitFor();
  // Withdrawn is an ending: the rating is offered, withdrawing is not.
  await status.getByRole("form", { name: "How was applying to Northwind Dental?" }).waitFor();
  assert.equal(await status.getByRole("button", { name: "Withdraw my application" }).count(), 0);
  await shot(page, "withdrawn");
  const id = await applicationId(candor, "aino.withdraw@example.fi");
  const seen = await recruiter(candor, "GET", `applications/${id}`);
  assert.deepEqual(seen.status.progress.withdrawal.reason, "process_too_slow");
  assert.equal(seen.status.progress.withdrawal.comment, "I accepted a job closer to home, thank you!");
  assert.deepEqual(page.problems, []);
});

test("download_and_erase_my_data", async () => {
  const shot = screenshots("candidate_erases");
  const ack = await applyThroughApi(candor, { email: "aino.erase@example.fi" });
  const id = await applicationId(candor, "aino.erase@example.fi");
  const page = await openPage(browser);
  await page.goto(`${candor.url}/status#${ack.status_token}`);
  const status = page.locator("candor-application");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    status.getByRole("button", { name: "Download everything stored (JSON)" }).click(),
  ]);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(exported.profile.email, "aino.erase@example.fi");
  assert.equal(exported.events[0].kind, "received");
  assert.equal(exported.retention_days, 180);

  await status.getByRole("button", { name: "Erase my application" }).click();
  await status.getByText(/This cannot be undone/).waitFor();
  await shot(page, "erase-warning");
  assert.deepEqual(await wcagViolations(page, "candor-application"), [], "erase warning");
  await status.getByRole("button", { name: "Erase for good" }).click();
  await status.getByText("Your application has been erased. Only an anonymous record remains.").waitFor();
  await shot(page, "erased");
  assert.equal(await statusOf(candor, ack.status_token), 404, "the link opens nothing now");
  const kept = await recruiter(candor, "GET", `applications/${id}`);
  assert.equal(kept.profile, null, "no personal data left");
  assert.equal(kept.status.events[0].kind, "received", "the anonymous record stays");
  assert.deepEqual(page.problems, []);
});

test("my_applications_show_where_each_stands_and_a_missed_promise", async () => {
  const shot = screenshots("candidate_my_applications");
  const first = await applyThroughApi(candor, { email: "aino.mine@example.fi" });
  const second = await applyThroughApi(candor, { email: "aino.mine2@example.fi" });
  const id = await applicationId(candor, "aino.mine2@example.fi");
  await recruiter(candor, "POST", `applications/${id}/stage`, { stage: 1, message: "Let's talk!", promised: inDays(2) });
  const page = await openPage(browser);
  await page.goto(`${candor.url}/demo/`);
  await page.evaluate(({ key, apps }) => localStorage.setItem(key, JSON.stringify(apps)), {
    key: `candor:${candor.url}/:applications`,
    apps: [
      { token: second.status_token, company: "northwind", posting: "dental-hygienist", title: "Dental Hygienist" },
      { token: first.status_token, company: "northwind", posting: "dental-hygienist", title: "Dental Hygienist" },
      { token: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", company: "northwind", posting: "gone", title: "Erased elsewhere" },
      { token: first.status_token, company: "another-company", posting: "x", title: "Not this company's" },
    ],
  });
  // Five days on, the promise of two days is three days overdue.
  await advanceClock(candor, 5);
  try {
    await page.reload();
    const careers = page.locator("candor-careers:not([posting])");
    await careers.getByRole("button", { name: "My applications & questions (3)" }).click();
    const mine = careers.locator("candor-application");
    const items = mine.locator("li.my-item");
    await mine.getByText("Now: Phone interview").waitFor();
    await mine.getByText("Overdue by 3 days. You are owed an answer.").waitFor();
    await mine.getByText("Now: Application review").waitFor();
    // The unknown token is dropped rather than shown as an error.
    await careers.getByRole("button", { name: "My applications & questions (2)" }).waitFor();
    assert.equal(await items.count(), 2);
    assert.equal(await mine.getByText("Erased elsewhere").count(), 0);
    await shot(page, "list");
    assert.deepEqual(await wcagViolations(page, "candor-careers"), [], "my applications");
    await items.first().getByRole("button", { name: /Open/ }).click();
    await mine.getByRole("heading", { level: 3, name: "Where things stand" }).waitFor();
    await mine.getByText(/Overdue by 3 days/).first().waitFor();
    await shot(page, "opened");
    await mine.getByRole("button", { name: "All my applications" }).click();
    await items.first().waitFor();

    // Erased from here: the list says so, naming the company, and keeps the other.
    await items.first().getByRole("button", { name: "Open: Dental Hygienist", exact: true }).click();
    await mine.getByRole("button", { name: "Erase my application" }).click();
    // A live update while the erasure is being confirmed leaves the confirmation as it was.
    await recruiter(candor, "POST", `applications/${id}/messages`, { message: "One more thing, Aino." });
    await mine.getByText("One more thing, Aino.").first().waitFor();
    await mine.getByRole("button", { name: "Erase for good" }).click();
    await mine.getByText("Your application has been erased. Only an anonymous record remains.").waitFor();
    await mine.getByRole("button", { name: "All my applications" }).click();
    await mine.getByText("Your application to Northwind Dental has been erased. Only an anonymous record remains.").waitFor();
    await careers.getByRole("button", { name: "My applications & questions (1)" }).waitFor();
    assert.equal(await items.count(), 1);
    assert.equal(await mine.getByText(/haven't applied/).count(), 0);
    await shot(page, "erased-from-the-list");
    assert.deepEqual(await wcagViolations(page, "candor-careers"), [], "after erasing");
    assert.deepEqual(page.problems, []);
  } finally {
    await advanceClock(candor, -5);
  }
});
