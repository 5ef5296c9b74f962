// An operator runs Candor with request tracing on and reads its log after a
// candidate, an asker, a progress report's reader and a newly invited
// recruiter have each used their private link in the browser. Every request
// is in the log, by its path; no secret is: status and question tokens, the
// report link's secret and the set-password link travel in headers and
// bodies, and the links people get keep them after "#".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations,
  applyThroughApi, recruiter, applicationId, samplePdf, candorAdmin,
} from "../support/candor.mjs";

let candor, browser;
before(async () => {
  // Everything at debug, as the README says to log each request: any line
  // that printed a secret would be there.
  candor = await startCandor({ env: { CANDOR_LOG: "debug" } });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await candor?.stop(); });

test("no_secret_reaches_the_request_log", async () => {
  const shot = screenshots("request_log");
  const secrets = {};
  // What it printed from here on: the start-up lines name the demo's own
  // token for the operator on purpose.
  const from = candor.log().length;

  // A candidate: their status page, live, and their CV and data.
  const ack = await applyThroughApi(candor, { email: "aino.log@example.fi" });
  secrets.status = ack.status_token;
  const cv = await fetch(`${candor.url}/api/v1/application/cv?file_name=CV.pdf`, {
    method: "PUT", headers: { "content-type": "application/pdf", "Candor-Application": ack.status_token }, body: samplePdf(),
  });
  assert.equal(cv.status, 200);
  const page = await openPage(browser);
  await page.goto(`${candor.url}/status#${ack.status_token}`);
  const status = page.locator("candor-application");
  await status.getByRole("heading", { level: 2, name: "Dental Hygienist" }).waitFor();
  const id = await applicationId(candor, "aino.log@example.fi");
  await recruiter(candor, "POST", `applications/${id}/messages`, { message: "Read it today, more by Friday." });
  await status.getByText("Read it today, more by Friday.").waitFor({ timeout: 5000 });
  await status.getByLabel("E-mail me each step").uncheck();
  await status.getByText("No more mail at each step. You'll still get the outcome.").waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    status.getByRole("button", { name: "Download everything stored (JSON)" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "candor-application.json");
  assert.deepEqual(await wcagViolations(page, "candor-application"), [], "status page");
  await shot(page, "status");

  // An asker follows their question to its answer.
  const asked = await fetch(`${candor.url}/api/v1/companies/northwind/postings/orthodontist/questions`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: "Is there parking for staff?" }),
  });
  assert.equal(asked.status, 201);
  secrets.question = (await asked.json()).token;
  await page.goto(`${candor.url}/status#${secrets.question}`);
  await page.reload();
  await status.getByText("Is there parking for staff?").first().waitFor();
  const [pending] = await recruiter(candor, "GET", "questions?state=pending");
  await recruiter(candor, "POST", `questions/${pending.id}/answer`, { answer: "Yes, behind the clinic." });
  await status.getByText("Yes, behind the clinic.").first().waitFor({ timeout: 5000 });

  // A hiring manager opens the report link they were given.
  const link = await recruiter(candor, "POST", "postings/dental-hygienist/report/links", { name: "Anna Berg", email: "anna@client.example" });
  secrets.report = link.url.split("#")[1];
  assert.ok(secrets.report, `the secret after #: ${link.url}`);
  const reader = await openPage(browser);
  await reader.goto(link.url);
  await reader.getByRole("heading", { level: 1 }).first().waitFor();
  await reader.getByText("Dental Hygienist").first().waitFor();

  // A recruiter invited by an admin sets a password from the link.
  const admin = await candorAdmin(candor, "token", "create", "--company", "northwind", "--role", "admin", "--name", "log test");
  const response = await fetch(`${candor.url}/api/v1/recruiter/people`, {
    method: "POST",
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    body: JSON.stringify({ email: "lin.log@northwind.example", name: "Lin Log", role: "recruiter" }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const invited = await response.json();
  secrets.password = invited.path.split("=").pop();
  assert.match(invited.path, /#set-password=p_/);
  const ada = await openPage(browser);
  await ada.goto(`${candor.url}${invited.path}`);
  await ada.getByRole("heading", { name: "Welcome to Northwind Dental, Lin Log" }).waitFor();
  await ada.getByLabel("New password").fill("a long and quiet password");
  await ada.getByLabel("The same again").fill("a long and quiet password");
  await ada.getByRole("button", { name: "Set password" }).click();
  await ada.getByRole("heading", { name: "Your password is set" }).waitFor();
  assert.deepEqual(await wcagViolations(ada), [], "password set");
  await shot(ada, "password-set");

  secrets.apiToken = candor.recruiterToken;
  secrets.adminToken = admin;
  const log = candor.log().slice(from);
  // Tracing was on: the requests are there by path.
  for (const path of ["/api/v1/application", "/api/v1/application/events", "/api/v1/question", "/api/v1/report", "/console/api/password"]) {
    assert.ok(log.includes(`path=${path}`) || log.includes(`path: ${path}`) || log.includes(path), `${path} is logged`);
  }
  assert.ok(/finished processing request/.test(log), "request tracing is on");
  for (const [what, secret] of Object.entries(secrets)) {
    assert.ok(secret && secret.length > 20, `${what}: ${secret}`);
    // The whole secret, and its private half (after the selector).
    assert.equal(log.includes(secret), false, `the ${what} secret is in the log`);
    assert.equal(log.includes(secret.slice(-24)), false, `part of the ${what} secret is in the log`);
  }
  assert.deepEqual(page.problems, []);
});
