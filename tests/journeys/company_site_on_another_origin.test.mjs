// The company's own careers site lives on another origin than Candor and
// embeds the widget with one script tag; CORS lets exactly that origin in.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCandor, launchBrowser, openPage, screenshots, recruiter, applicationId, samplePdf } from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

test("the_widget_works_on_the_company_own_origin", async () => {
  const shot = screenshots("company_site_on_another_origin");
  const page = await openPage(browser);
  const apiOrigins = new Set();
  page.on("request", (r) => { if (r.url().includes("/api/v1/")) apiOrigins.add(new URL(r.url()).origin); });
  await page.goto(`${candor.site}/`);
  assert.notEqual(new URL(candor.site).origin, new URL(candor.url).origin);
  const list = page.locator("candor-careers:not([posting])");
  await list.getByText("6 open positions").waitFor();
  await list.getByRole("link", { name: "Data Analyst" }).click();
  await list.getByRole("heading", { level: 2, name: "Data Analyst" }).waitFor();
  await list.getByText("SEK 450–550 per hour").waitFor();
  assert.deepEqual([...apiOrigins], [new URL(candor.url).origin], "the API is called across origins");
  await shot(page, "posting-on-company-site");
  assert.deepEqual(page.problems, []);
});

test("applying_with_a_cv_from_the_company_own_origin", async () => {
  const shot = screenshots("company_site_apply");
  const page = await openPage(browser);
  await page.goto(`${candor.site}/`);
  const list = page.locator("candor-careers:not([posting])");
  await list.getByRole("link", { name: "Data Analyst" }).click();
  await list.getByRole("button", { name: "Apply for this position" }).click();
  const form = list.locator("candor-application");
  await form.getByLabel("Full name *").fill("Erik Lindqvist");
  await form.getByLabel("E-mail *").fill("erik.cross@example.se");
  // The Data Analyst posting asks no screening questions.
  await form.getByLabel("CV (PDF, up to 5 MB, optional)").setInputFiles({ name: "erik.pdf", mimeType: "application/pdf", buffer: samplePdf("Erik") });
  await form.getByLabel("I agree").check();
  await form.getByRole("button", { name: "Send application" }).click();
  await form.getByText("Your CV erik.pdf is attached.").waitFor();
  await shot(page, "applied-across-origins");
  const id = await applicationId(candor, "erik.cross@example.se", "data-analyst");
  assert.equal((await recruiter(candor, "GET", `applications/${id}`)).cv.file_name, "erik.pdf");
  assert.deepEqual(page.problems, []);
});
