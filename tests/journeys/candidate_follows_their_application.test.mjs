// A candidate keeps their private status link open while the recruiter
// works: each step appears without a reload, with the promised date, and
// the process ends with an explicit outcome and a personal message.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations,
  applyThroughApi, recruiter, applicationId, inDays,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

test("the_status_page_updates_live_until_the_outcome", async () => {
  const shot = screenshots("candidate_follows_their_application");
  const ack = await applyThroughApi(candor, { email: "aino.live@example.fi" });
  const id = await applicationId(candor, "aino.live@example.fi");
  const page = await openPage(browser);
  await page.goto(`${candor.url}/status#${ack.status_token}`);
  const status = page.locator("candor-application");
  await status.getByRole("heading", { level: 2, name: "Dental Hygienist" }).waitFor();
  await status.getByText(/We promised to get back to you by/).first().waitFor();
  const current = status.locator('li[aria-current="step"]');
  assert.match(await current.textContent(), /Application review/);
  assert.deepEqual(await wcagViolations(page, "candor-application"), [], "status view");
  await shot(page, "received");

  // Marks this document: a reload would lose it.
  await page.evaluate(() => { window.__sameDocument = true; });
  const started = Date.now();
  await recruiter(candor, "POST", `applications/${id}/stage`, {
    stage: 1, message: "Thanks Aino! Could we call you on Tuesday at 10?", promised: inDays(5),
  });
  await status.getByText("Thanks Aino! Could we call you on Tuesday at 10?").waitFor();
  assert.ok(Date.now() - started < 2000, `live within a second or two (${Date.now() - started} ms)`);
  assert.match(await current.textContent(), /Phone interview/);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "no reload");
  await shot(page, "moved-to-interview");

  await recruiter(candor, "POST", `applications/${id}/close`, {
    outcome: "not_selected",
    message: "Aino, thank you for your time. We chose someone with orthodontic experience; we'd love to see you apply again.",
  });
  const outcome = status.getByRole("region", { name: "Not selected this time" });
  await outcome.getByText(/we'd love to see you apply again/).waitFor();
  assert.equal(await status.getByText(/We promised to get back to you by/).count(), 2, "only in the history: no open promise after the outcome");
  assert.deepEqual(await wcagViolations(page, "candor-application"), [], "closed status view");
  await shot(page, "outcome");
  assert.deepEqual(page.problems, []);
});

test("without_the_stream_the_status_is_polled", async () => {
  const ack = await applyThroughApi(candor, { email: "aino.poll@example.fi" });
  const id = await applicationId(candor, "aino.poll@example.fi");
  const page = await openPage(browser);
  // A proxy that breaks event streams: the browser gives up on it.
  await page.route("**/events", (route) => route.fulfill({ status: 503, body: "" }));
  await page.goto(`${candor.url}/status#${ack.status_token}`);
  const status = page.locator("candor-application");
  await status.getByRole("heading", { level: 2, name: "Dental Hygienist" }).waitFor();
  await recruiter(candor, "POST", `applications/${id}/messages`, { message: "Still reviewing, thanks for your patience." });
  await status.getByText("Still reviewing, thanks for your patience.").waitFor({ timeout: 15000 });
});

test("the_status_page_speaks_the_browser_language_and_refuses_bad_links", async () => {
  const shot = screenshots("candidate_status_finnish");
  const ack = await applyThroughApi(candor, { email: "aino.fi@example.fi", locale: "fi" });
  const id = await applicationId(candor, "aino.fi@example.fi");
  const today = new Date().toISOString().slice(0, 10);
  await recruiter(candor, "POST", `applications/${id}/messages`, { message: "Kiitos hakemuksesta!", promised: today });
  const page = await openPage(browser, { locale: "fi-FI" });
  await page.goto(`${candor.url}/status#${ack.status_token}`);
  const status = page.locator("candor-application");
  await status.getByRole("heading", { level: 3, name: "Missä mennään" }).waitFor();
  await status.getByText(/Lupasimme vastata sinulle viimeistään/).first().waitFor();
  await shot(page, "tila");

  await page.goto(`${candor.url}/status#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
  await page.reload();
  await status.getByRole("alert").getByText(/Tämä tilalinkki ei avaa hakemusta/).waitFor();
  await shot(page, "virheellinen-linkki");
});
