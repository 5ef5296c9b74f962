// A recruiter works from the console's addresses: a colleague's link to one
// application opens it after signing in; Back, Forward and reload keep the
// view; every view reflows at 1280, 390 and 320 px with axe clean. The
// application view shows everything the candidate sent, each answer under
// its question, the CV in the page; after moving it the stage list offers
// the next stage, a confirmation has the focus, closing asks first, and
// errors are said in words at their field. The posting editor brings the
// focus to a new row and to the first error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCandor, launchBrowser, openPage, screenshots, wcagViolations, sidewaysOverflow, focused, inDays, applyThroughApi, applicationId, tabTo } from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

const PASSWORD = "northwind-demo-2026";

/**
 * What has focus once it has settled: the console moves the focus in the
 * frame after drawing what gets it, so this waits (up to 2 s) for `wanted`
 * (a predicate on `focused`) and then answers what has focus either way.
 */
async function focusSettled(page, wanted) {
  const deadline = Date.now() + 2000;
  let now = await focused(page);
  while (!wanted(now) && Date.now() < deadline) {
    await page.waitForTimeout(50);
    now = await focused(page);
  }
  return now;
}
const hasId = (id) => (f) => f.id === id;
const named = (re) => (f) => re.test(f.name);
const WIDTHS = [1280, 390, 320];

async function signIn(page, email) {
  await page.getByRole("heading", { name: "Sign in to Candor" }).waitFor();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A one-page PDF a viewer draws (with its cross-reference table), so the screenshot shows the CV. */
function onePagePdf(line) {
  const stream = `BT /F1 24 Tf 72 760 Td (${line}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer << /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

/** Applies as a candidate who filled in everything, in Finnish, with a CV. */
async function applyWithEverything() {
  const response = await fetch(`${candor.url}/api/v1/companies/northwind/postings/dental-hygienist/applications`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `phone-journey-${process.pid}-${Date.now()}` },
    body: JSON.stringify({
      profile: {
        name: "Helmi Järvinen",
        email: "helmi.jarvinen.with.a.long.address@example.fi",
        phone: "+358 40 123 4567",
        location: "Tampere, Finland",
        headline: "Dental hygienist, six years in private practice",
        summary: "I like patients who are afraid of the dentist.",
        links: [{ label: "Portfolio", url: "https://helmi.example.fi/a-rather-long-path/to/my-portfolio-page" }],
        work: [{ organisation: "Hammas Oy", position: "Dental hygienist", start: "2019-03", end: "", summary: "Periodontal care for 1,200 patients a year; taught hygiene evenings." }],
        education: [{ institution: "Tampere University of Applied Sciences", area: "Oral hygiene", degree: "Bachelor of Health Care", start: "2015", end: "2019" }],
        skills: ["Periodontal care", "Patient education"],
        languages: [{ language: "Finnish", fluency: "native" }, { language: "Swedish", fluency: "B2" }],
      },
      answers: [{ key: "valvira", value: { yes_no: true } }, { key: "languages", value: { text: "Finnish, Swedish" } }],
      consent: { data_processing: true },
      locale: "fi",
    }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const ack = await response.json();
  const cv = await fetch(`${candor.url}/api/v1/application/cv?file_name=Helmi-CV.pdf`, {
    method: "PUT", headers: { "content-type": "application/pdf", "Candor-Application": ack.status_token }, body: onePagePdf("Helmi Jarvinen: dental hygienist"),
  });
  assert.equal(cv.status, 200);
  const list = await (await fetch(`${candor.url}/api/v1/recruiter/postings/dental-hygienist/applications`, {
    headers: { authorization: `Bearer ${candor.recruiterToken}` },
  })).json();
  return list.find((a) => a.name === "Helmi Järvinen").id;
}

test("a_colleagues_link_opens_the_application_after_signing_in_and_the_view_shows_everything_sent", async () => {
  const shot = screenshots("recruiter_works_from_a_phone_application");
  const id = await applyWithEverything();
  const page = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(`${candor.url}/console/applications/${id}`);
  await signIn(page, "recruiter@northwind.example");
  // Landed on the linked view, not the inbox.
  await page.getByRole("heading", { level: 2, name: "Helmi Järvinen" }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/console/applications/${id}`);

  // Everything the candidate sent.
  const candidate = page.getByRole("region", { name: "Helmi Järvinen" });
  for (const text of ["+358 40 123 4567", "Tampere, Finland", "Finnish (suomi)", "Dental hygienist, six years in private practice",
    "Periodontal care for 1,200 patients a year; taught hygiene evenings.", "Tampere University of Applied Sciences",
    "Bachelor of Health Care, Oral hygiene", "Finnish: native", "Swedish: B2", "Periodontal care, Patient education",
    "Do you hold a Valvira licence as a dental hygienist?", "In which languages can you treat patients?"]) {
    await candidate.getByText(text, { exact: true }).first().waitFor();
  }
  await candidate.getByRole("link", { name: /Portfolio: https:\/\/helmi\.example\.fi/ }).waitFor();
  assert.equal(await candidate.getByText(/valvira:|languages:/i).count(), 0, "no internal keys");
  const answer = candidate.locator("dl.answers > div").filter({ hasText: "Valvira licence" });
  assert.equal((await answer.locator("dd").textContent()).trim(), "Yes");
  // The CV in the page, and its download.
  const frame = candidate.locator("iframe.cv");
  assert.equal(await frame.getAttribute("src"), `/api/v1/recruiter/applications/${id}/cv/inline`);
  assert.match(await frame.getAttribute("title"), /CV of Helmi Järvinen/);
  await candidate.getByRole("link", { name: /Download Helmi-CV\.pdf/ }).waitFor();
  const inline = await page.evaluate(async (src) => {
    const r = await fetch(src);
    return { status: r.status, type: r.headers.get("content-type"), disposition: r.headers.get("content-disposition") };
  }, await frame.getAttribute("src"));
  assert.deepEqual(inline, { status: 200, type: "application/pdf", disposition: 'inline; filename="Helmi-CV.pdf"' });
  assert.deepEqual(await sidewaysOverflow(page), [], "the application at 390 px");
  assert.deepEqual(await wcagViolations(page), [], "application view");
  await shot(page, "application-390");
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(await sidewaysOverflow(page), [], "the application at 1280 px");
  await frame.scrollIntoViewIfNeeded();
  await page.waitForTimeout(1500); // the PDF viewer draws the page
  await shot(page, "application-1280");
  await page.setViewportSize({ width: 390, height: 844 });

  // Moving: the next stage is offered, not the first.
  const stage = page.getByLabel("Stage", { exact: true });
  assert.equal(await stage.inputValue(), "1", "Phone interview, the stage after Application review");
  await page.getByLabel("Personal message to the candidate").fill("Hei Helmi! Could we call you on Thursday?");
  // A date half typed is not sent as what was there before.
  await page.getByLabel(/Next answer promised by/).focus();
  await page.keyboard.type("0", { delay: 60 });
  await page.getByRole("button", { name: "Move", exact: true }).click();
  await page.getByRole("alert").getByText("Finish typing the date (day, month and year), or clear it.").waitFor();
  assert.equal((await focusSettled(page, hasId("move-promised"))).id, "move-promised");
  // A date in the past is refused in words, at its field.
  await page.getByLabel(/Next answer promised by/).fill(inDays(-3));
  await page.getByRole("button", { name: "Move", exact: true }).click();
  await page.locator("#move-promised-error").getByText("Choose a date that is not in the past.").waitFor();
  assert.equal((await focusSettled(page, hasId("move-promised"))).id, "move-promised");
  await page.getByRole("alert").getByText(/Next answer promised by: Choose a date that is not in the past\./).waitFor();
  await shot(page, "date-in-the-past");
  await page.getByLabel(/Next answer promised by/).fill(inDays(5));
  await page.locator("#move-promised-words").getByText(/\d{4}/).waitFor();
  assert.equal(await page.locator("#move-promised-error").count(), 0, "the message goes once the field is edited");
  await page.getByRole("button", { name: "Move", exact: true }).click();
  const confirmation = page.locator(".confirmation");
  await confirmation.getByText(/^Moved to Phone interview\. Helmi Järvinen sees it now/).waitFor();
  assert.match((await focusSettled(page, named(/^Moved to Phone interview/))).name, /^Moved to Phone interview/, "the confirmation has the focus");
  assert.equal(await page.getByLabel("Stage", { exact: true }).inputValue(), "2", "then Clinic visit is offered");
  await page.getByText(/Moved to Phone interview/).first().waitFor();
  await shot(page, "moved-390");

  // Closing asks first.
  await page.getByLabel("Action", { exact: true }).selectOption("close");
  await page.getByLabel(/Personal message to the candidate/).fill("Helmi, thank you. We chose someone who can start in January.");
  await page.getByRole("button", { name: "Close the application" }).click();
  const ask = page.getByRole("group", { name: /Close Helmi Järvinen's application as not selected\?/ });
  await ask.waitFor();
  assert.equal((await focusSettled(page, (f) => f.tag === "div")).tag, "div", "the question has the focus");
  await shot(page, "confirm-closing-390");
  await ask.getByRole("button", { name: "Not yet" }).click();
  await page.waitForFunction(() => document.activeElement?.textContent === "Close the application");
  await page.getByRole("button", { name: "Close the application" }).click();
  await ask.getByRole("button", { name: "Yes, close the application" }).click();
  await confirmation.getByText(/^Closed as not selected\./).waitFor();
  assert.match((await focusSettled(page, named(/^Closed as not selected/))).name, /^Closed as not selected/);
  assert.deepEqual(await sidewaysOverflow(page), [], "closed at 390 px");
  await shot(page, "closed-390");
  assert.deepEqual(page.problems, []);
});

test("every_console_view_has_an_address_kept_by_back_forward_and_reload_and_fits_a_phone", async () => {
  const shot = screenshots("recruiter_works_from_a_phone_views");
  // A question waits in the inbox, with its answer box and "Decline".
  await fetch(`${candor.url}/api/v1/companies/northwind/postings/orthodontist/questions`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: "Is there parking for staff near the Turku clinic, and is it free of charge for employees?" }),
  });
  await applyThroughApi(candor, { email: "ville.phone@example.fi", name: "Ville Puhelin" });
  const id = await applicationId(candor, "ville.phone@example.fi");
  const page = await openPage(browser);
  await page.goto(`${candor.url}/console/`);
  await signIn(page, "admin@northwind.example");
  await page.getByRole("heading", { name: "Questions waiting for an answer" }).waitFor();

  // Through the links, then back, forward and reload.
  await page.getByRole("link", { name: "Postings" }).click();
  await page.getByRole("heading", { name: "Postings", level: 2 }).waitFor();
  await page.getByRole("link", { name: "Dental Hygienist" }).click();
  await page.getByRole("heading", { name: "Applications · Dental Hygienist" }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/console/postings/dental-hygienist/applications");
  await page.goBack();
  await page.getByRole("heading", { name: "Postings", level: 2 }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/console/postings");
  await page.goBack();
  await page.getByRole("heading", { name: "Questions waiting for an answer" }).waitFor();
  await page.goForward();
  await page.goForward();
  await page.getByRole("heading", { name: "Applications · Dental Hygienist" }).waitFor();
  await page.reload();
  await page.getByRole("heading", { name: "Applications · Dental Hygienist" }).waitFor();
  assert.equal(await page.title(), "Applications · dental-hygienist · Candor console");

  const views = [
    ["", "Questions waiting for an answer"],
    ["postings", "Postings"],
    ["postings/dental-hygienist/applications", "Applications · Dental Hygienist"],
    ["postings/dental-hygienist/board", /Dental Hygienist/],
    [`applications/${id}`, "Ville Puhelin"],
    ["postings/new", "New posting"],
    ["postings/dental-hygienist/edit", "Edit posting"],
    ["metrics", /How candidates are treated/],
    ["settings", /Company|Settings|Branding/],
    ["people", /People/],
    ["tokens", /API tokens/],
    ["no-such-view", "No such page in the console"],
  ];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 844 });
    for (const [path, heading] of views) {
      await page.goto(`${candor.url}/console/${path}`);
      await page.getByRole("heading", { name: heading, level: 2 }).first().waitFor();
      await page.waitForLoadState("networkidle");
      assert.deepEqual(await sidewaysOverflow(page), [], `${path || "inbox"} at ${width} px`);
      if (width !== 1280) assert.deepEqual(await wcagViolations(page), [], `${path || "inbox"} at ${width} px`);
      await shot(page, `${(path || "inbox").replaceAll("/", "-")}-${width}`);
    }
  }
  // Sign out and Decline stay in reach at 320 px.
  await page.goto(`${candor.url}/console/`);
  for (const name of ["Sign out", "Decline"]) {
    const box = await page.getByRole("button", { name, exact: true }).first().boundingBox();
    assert.ok(box.x + box.width <= 320, `${name} ends at ${box.x + box.width}`);
  }
  assert.deepEqual(page.problems, []);
});

test("the_posting_editor_brings_the_focus_to_a_new_row_and_to_the_first_error", async () => {
  const shot = screenshots("recruiter_works_from_a_phone_editor");
  const page = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(`${candor.url}/console/postings/dental-hygienist/edit`);
  await signIn(page, "admin@northwind.example");
  await page.getByRole("heading", { name: "Edit posting" }).waitFor();
  await page.getByRole("button", { name: "Add a stage" }).click();
  assert.equal((await focusSettled(page, hasId("posting-stages-5--name"))).id, "posting-stages-5--name", "the new stage's name");
  await page.keyboard.type("Trial day");
  await page.getByRole("button", { name: "Add a question" }).click();
  assert.equal((await focusSettled(page, hasId("posting-screening-questions-3--prompt"))).id, "posting-screening-questions-3--prompt", "the new question's text");
  await page.keyboard.type("When could you start?");
  // Typed numbers stay as typed, and what isn't one is refused in words.
  const days = page.locator("#posting-stages-5--expected-days");
  await days.fill("");
  assert.equal(await days.inputValue(), "", "a cleared field stays empty");
  await days.fill("-5");
  assert.equal(await days.inputValue(), "-5");
  await page.getByRole("button", { name: "Save changes" }).click();
  assert.equal((await focusSettled(page, hasId("posting-stages-5--expected-days"))).id, "posting-stages-5--expected-days", "the first error's field");
  await page.locator("#posting-stages-5--expected-days-error").getByText("Must be from 1 to 180.").waitFor();
  assert.ok(await page.locator("#posting-stages-5--expected-days-error").isVisible());
  assert.deepEqual(await sidewaysOverflow(page), [], "the editor at 390 px");
  await shot(page, "error-at-its-field-390");
  await page.getByLabel("Show a salary range").check();
  await page.getByLabel("From", { exact: true }).fill("24.50");
  assert.equal(await page.getByLabel("From", { exact: true }).inputValue(), "24.50", "not rewritten");
  await days.fill("3");
  await page.getByRole("button", { name: "Save changes" }).click();
  assert.equal((await focusSettled(page, hasId("posting-salary-min"))).id, "posting-salary-min");
  await page.locator("#posting-salary-min-error").getByText("Enter a number.").waitFor();
  await shot(page, "salary-refused-390");
  assert.deepEqual(page.problems, []);
});

test("a_recruiter_moves_and_closes_an_application_with_the_keyboard_alone", async () => {
  const shot = screenshots("recruiter_works_from_a_phone_keyboard");
  await applyThroughApi(candor, { email: "kalle.keys@example.fi", name: "Kalle Näppäin" });
  const id = await applicationId(candor, "kalle.keys@example.fi");
  const page = await openPage(browser, { viewport: { width: 320, height: 700 } });
  await page.goto(`${candor.url}/console/applications/${id}`);
  await page.getByRole("heading", { name: "Sign in to Candor" }).waitFor();
  await page.keyboard.press("Tab");
  await page.keyboard.type("recruiter@northwind.example");
  await page.keyboard.press("Tab");
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 2, name: "Kalle Näppäin" }).waitFor();

  await tabTo(page, "Stage");
  assert.equal(await page.locator("#move-stage").inputValue(), "1", "the next stage is offered");
  await tabTo(page, "Personal message to the candidate");
  await page.keyboard.type("Hei Kalle! We'd like to call you.");
  await tabTo(page, /^Next answer promised by/);
  const [year, month, day] = inDays(6).split("-");
  await page.keyboard.type(`${month}${day}${year}`, { delay: 40 });
  await page.locator("#move-promised-words").getByText(new RegExp(year)).waitFor();
  await page.keyboard.press("Enter");
  await page.locator(".confirmation").getByText(/^Moved to Phone interview/).waitFor();
  assert.match((await focusSettled(page, named(/^Moved to Phone interview/))).name, /^Moved to Phone interview/);
  await shot(page, "moved-320");

  await tabTo(page, "Action");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.locator("#act-kind").inputValue(), "close");
  await tabTo(page, /^Personal message to the candidate/);
  await page.keyboard.type("Kalle, thank you for your time. We chose another candidate.");
  await tabTo(page, "Close the application");
  await page.keyboard.press("Enter");
  await page.getByRole("group", { name: /Close Kalle Näppäin's application/ }).waitFor();
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).name, "Yes, close the application");
  await shot(page, "confirm-320");
  await page.keyboard.press("Enter");
  await page.locator(".confirmation").getByText(/^Closed as not selected/).waitFor();
  assert.match((await focusSettled(page, named(/^Closed as not selected/))).name, /^Closed as not selected/);
  assert.deepEqual(await sidewaysOverflow(page), [], "closed at 320 px");
  await shot(page, "closed-320");
  assert.deepEqual(page.problems, []);
});
