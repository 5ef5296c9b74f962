// A hiring manager follows the search they pay for from a link, with no
// account. The recruiter makes the link in the posting's Report tab (the
// keyboard alone) and it reaches the manager by mail (a real SMTP server
// this journey starts); the recruiter writes a warning, which the
// manager's report shows on top, in colour; the manager answers it with
// the keyboard and the reply waits in the recruiter's inbox; on the
// company's weekday the weekly summary arrives with the report's own
// figures. The report is axe-clean at 1280, 390 and 320 px without sideways
// scroll, and Chromium's A4 PDF of it has the chart and no table cut
// across a page (read page by page with pdftotext).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, applyThroughApi, recruiter, applicationId,
  advanceClock, inDays, tabTo, focused, sidewaysOverflow, signIn,
} from "../support/candor.mjs";
import { startSmtp } from "../support/mail.mjs";

let candor, browser, smtp;

before(async () => {
  smtp = await startSmtp();
  candor = await startCandor({ args: smtp.args });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await candor?.stop();
  smtp?.stop();
});

const READER = "anna.berg@client.example";
const POSTING = "dental-hygienist";

/** The report as its reader's link gets it from the API. */
async function reportOf(secret) {
  const response = await fetch(`${candor.url}/api/v1/report`, { headers: { "Candor-Report": secret } });
  assert.equal(response.status, 200, "the link opens the report");
  return response.json();
}

/** The text of each page of a PDF, in order. */
function pdfPages(pdf) {
  const dir = mkdtempSync(join(tmpdir(), "candor-report-pdf-"));
  try {
    const file = join(dir, "report.pdf");
    writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).split("\f").filter((p) => p.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const squash = (text) => text.replace(/\s+/g, " ").trim();

test("a_client_reads_the_report_hears_a_warning_at_once_and_answers_it", async () => {
  const shot = screenshots("client_follows_the_search_in_a_report");

  // Two candidates applied; one has reached the interview.
  await applyThroughApi(candor, { email: "report.aino@example.fi", name: "Aino Virtanen" });
  await applyThroughApi(candor, { email: "report.mikko@example.fi", name: "Mikko Laine" });
  const aino = await applicationId(candor, "report.aino@example.fi");
  await recruiter(candor, "POST", `applications/${aino}/stage`, {
    stage: 1, message: "We'd like to meet you.", promised: inDays(5),
  });

  // The recruiter shares the report with the clinic's director, by keyboard.
  const desk = await openPage(browser);
  await signIn(desk, candor, "recruiter@northwind.example", { path: `/console/postings/${POSTING}/report` });
  await desk.getByRole("heading", { level: 2, name: /^Report: / }).waitFor();
  await tabTo(desk, "Who it is for");
  await desk.keyboard.type("Dr. Anna Berg");
  await desk.keyboard.press("Tab");
  assert.match((await focused(desk)).name, /E-mail/);
  await desk.keyboard.type(READER);
  await tabTo(desk, "Make link");
  await desk.keyboard.press("Enter");
  const made = desk.getByText(/The link for Dr\. Anna Berg/);
  await made.waitFor();
  const url = (await desk.locator("code.token").filter({ hasText: "/report#" }).textContent()).trim();
  assert.match(url, /\/report#r_/, "the link keeps its secret after #");
  await shot(desk, "recruiter-made-a-link");

  // The link reaches its person by mail, and is the one the console showed.
  const [shared] = await smtp.mailWith("Rasmus Recruiter has shared the progress of Dental Hygienist with you");
  assert.match(shared.to, /anna\.berg@client\.example/);
  assert.ok(shared.text.includes(url), "the mail carries the very link");
  const secret = url.split("#")[1];

  // The director opens it on their own computer: no account, nothing stored.
  const reader = await openPage(browser);
  await reader.goto(url);
  await reader.getByRole("heading", { level: 1, name: "Progress report: Dental Hygienist" }).waitFor();
  await reader.getByText("Prepared for Dr. Anna Berg").waitFor();
  assert.equal(await reader.getByRole("heading", { name: /Warnings/ }).count(), 0, "no warning yet");

  // The recruiter warns: the market asks for more.
  const warning = "Candidates expect a higher salary: most ask for 5,500 a month, the brief says 4,800.";
  await desk.getByRole("radio", { name: "Warning" }).check();
  await desk.getByLabel("Note", { exact: true }).fill(warning);
  await desk.getByRole("button", { name: "Add note" }).click();
  await desk.getByText("The warning is at the top of the report").waitFor();

  // The director's report shows it on top, in colour, from now on.
  await reader.reload();
  const warnings = reader.getByRole("region", { name: /Warnings/ });
  await warnings.getByText(warning).waitFor();
  const [warnBox, planBox] = await Promise.all([
    warnings.boundingBox(),
    reader.getByRole("heading", { name: "Against the plan" }).boundingBox(),
  ]);
  assert.ok(warnBox.y < planBox.y, "the warning sits above the figures");
  const colour = await warnings.evaluate((el) => {
    const note = el.querySelector("li") ?? el;
    const style = getComputedStyle(note);
    return [style.backgroundColor, style.borderLeftColor, style.borderTopColor];
  });
  assert.ok(colour.some((c) => c !== "rgba(0, 0, 0, 0)" && c !== "rgb(255, 255, 255)" && c !== "rgb(0, 0, 0)"),
    `the warning is in colour (${colour.join(", ")})`);
  const [warned] = await smtp.mailWith("Dental Hygienist: a warning about the search");
  assert.ok(squash(warned.text).includes(squash(warning)), "the warning went by mail at once, whole");
  assert.deepEqual(await wcagViolations(reader), [], "axe finds nothing on the report");
  await shot(reader, "reader-sees-the-warning-on-top");

  // A link that shows counts names no one: not in the answer, not on the page.
  const figures = await reportOf(secret);
  assert.equal(figures.shows, "counts");
  assert.equal(figures.candidates, undefined);
  assert.ok(figures.funnel.per_stage[1] >= 1, "Aino is counted in the interview");
  assert.equal(await reader.getByText("Aino Virtanen").count(), 0, "and is not named");

  // The director answers the warning with the keyboard.
  const answer = "Fine, raise the range to 5,500.";
  await tabTo(reader, "Your reply to this note");
  await reader.keyboard.type(answer);
  await tabTo(reader, "Send reply");
  await reader.keyboard.press("Enter");
  await reader.getByText("Your reply is sent").waitFor();
  const afterReply = await focused(reader);
  assert.match(afterReply.text ?? afterReply.name ?? "", /raise the range/, "focus is on the reply just sent");
  await shot(reader, "reader-replied");

  // The reply waits in the recruiter's inbox, and is dealt with there.
  await desk.goto(`${candor.url}/console/`);
  const replies = desk.getByRole("region", { name: "Replies from report readers" });
  await replies.getByText(answer).waitFor();
  await replies.getByText(/In reply to: Candidates expect a higher salary/).waitFor();
  await shot(desk, "the-reply-in-the-inbox");
  await replies.getByRole("button", { name: "Done: the reply from Dr. Anna Berg" }).click();
  await desk.getByText("The reply is cleared from the inbox.").waitFor();

  // On a phone: nothing wider than the screen, still axe-clean.
  for (const width of [390, 320]) {
    await reader.setViewportSize({ width, height: 800 });
    await reader.reload();
    await reader.getByRole("heading", { level: 1, name: "Progress report: Dental Hygienist" }).waitFor();
    assert.deepEqual(await sidewaysOverflow(reader), [], `nothing wider than ${width} px`);
    assert.deepEqual(await wcagViolations(reader), [], `axe finds nothing at ${width} px`);
    await shot(reader, `reader-at-${width}`);
  }

  // Printed on A4: the chart is in it, and every table sits whole on one page.
  await reader.setViewportSize({ width: 1280, height: 900 });
  await reader.reload();
  await reader.getByRole("heading", { level: 1, name: "Progress report: Dental Hygienist" }).waitFor();
  const tables = await reader.locator("article.report table").evaluateAll((all) =>
    all.map((table) => [...table.rows].map((row) => row.cells[0]?.innerText.replace(/\s+/g, " ").trim()).filter(Boolean)));
  assert.ok(tables.length >= 3, "the report has its tables");
  const pages = pdfPages(await reader.pdf({ format: "A4", printBackground: true })).map(squash);
  assert.ok(pages.length >= 2, "a report of this length takes more than one page");
  const chartPage = pages.findIndex((p) => p.includes("Planned against actual, per stage"));
  assert.ok(chartPage >= 0, "the chart's title is printed");
  assert.ok(pages[chartPage].includes("Today") || pages[chartPage + 1]?.includes("Today"), "the chart is printed, today marked");
  assert.ok(pages.some((p) => p.includes(warning.slice(0, 40))), "the warning is printed");
  for (const rows of tables) {
    assert.ok(pages.some((p) => rows.every((cell) => p.includes(cell))),
      `the table starting "${rows[0]}" is whole on one page`);
  }

  // On the company's weekday (Monday unless an admin chose another), the
  // weekly summary reaches the director with the report's figures.
  const weekday = new Date().getUTCDay() || 7;
  await advanceClock(candor, ((8 - weekday) % 7) || 7);
  const [digest] = await smtp.mailWith("Dental Hygienist: the week's progress", { timeout: 30000 });
  assert.match(digest.to, /anna\.berg@client\.example/);
  const week = await reportOf(secret);
  const text = squash(digest.text);
  const lateness = week.days_late === 0 ? "The search is on plan."
    : week.days_late > 0 ? `${week.days_late} day${week.days_late === 1 ? "" : "s"} behind its plan`
      : `${-week.days_late} day${week.days_late === -1 ? "" : "s"} ahead of its plan`;
  assert.ok(text.includes(lateness), `the summary says "${lateness}": ${text}`);
  week.plan.stages.forEach((stage, i) => {
    assert.ok(text.includes(`${stage.name}: ${week.funnel.per_stage[i]}`), `the summary counts ${stage.name}`);
  });
  assert.ok(text.includes(url), "the summary carries the link");
  await new Promise((r) => setTimeout(r, 3000));
  assert.equal(smtp.mails().filter((m) => m.subject === "Dental Hygienist: the week's progress").length, 1,
    "one summary a week");
});
