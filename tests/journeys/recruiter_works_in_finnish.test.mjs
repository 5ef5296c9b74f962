// A recruiter picks Suomi in the console's header: the console speaks
// Finnish at once, without a reload (headings, buttons, labels, the page's
// title and <html lang>), in every view they work in (inbox, a posting's
// applications, the board, one application, metrics, settings), with dates and a
// rule's failure in Finnish too. The choice is theirs and kept: a reload, a
// new sign-in on another device, and the sign-in page in this browser stay
// Finnish, until they pick English again. Finnish words are long: no view
// overflows sideways at 1280, 390 or 320 px, and axe stays clean.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCandor, launchBrowser, openPage, screenshots, wcagViolations, sidewaysOverflow, focused, applyThroughApi, applicationId } from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

const PASSWORD = "northwind-demo-2026";
const EMAIL = "recruiter@northwind.example";
const WIDTHS = [1280, 390, 320];

/** The console's English words a Finnish view must no longer show as a heading, button, label, tab or column. */
const ENGLISH = [
  "Inbox", "Postings", "Metrics", "Settings", "People", "API tokens", "Sign out", "Language", "Console",
  "Questions waiting for an answer", "Open postings", "Posting", "Open applications", "Alarms", "Unanswered questions",
  "Candidate", "E-mail", "Where it stands", "Promised by", "List", "Board", "Move…", "Received", "Move",
  "Move this application on", "Action", "Stage", "Personal message to the candidate", "Next answer promised by",
  "Timeline, as the candidate sees it", "What has happened", "Phone", "Applied in", "Applied on", "Talent pool",
  "Company settings", "On careers pages", "Company name", "Accent colour", "Default language", "Promises",
  "Save settings", "Loading…", "Try again",
];
const ENGLISH_MONTHS = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b/;

/** The visible texts of the view's headings, buttons, labels, links, legends, column heads and options. */
async function labels(page) {
  return page.evaluate(() => {
    const seen = [];
    for (const el of document.querySelectorAll("h1, h2, h3, h4, button, label, a, legend, th, summary, dt, select option:checked")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      seen.push((el.textContent || "").replace(/\s+/g, " ").trim());
    }
    return seen;
  });
}

async function noEnglishLeft(page, where) {
  const left = (await labels(page)).filter((text) => ENGLISH.includes(text));
  assert.deepEqual(left, [], `${where}: English labels left`);
  const names = await page.evaluate(() => [...document.querySelectorAll("[aria-label]")].map((e) => e.getAttribute("aria-label")));
  assert.deepEqual(names.filter((n) => ENGLISH.includes(n)), [], `${where}: English aria-labels left`);
}

/** Waits for the focus to settle on `id` (the console moves it in the frame after drawing). */
async function focusOn(page, id) {
  const deadline = Date.now() + 2000;
  let now = await focused(page);
  while (now.id !== id && Date.now() < deadline) {
    await page.waitForTimeout(50);
    now = await focused(page);
  }
  return now;
}

/** Each width: a screenshot at the wide and phone ones, and nothing sideways at any. */
async function atEveryWidth(page, shot, name) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(100);
    if (width !== 320) await shot(page, `${name}-${width}`);
    assert.deepEqual(await sidewaysOverflow(page), [], `${name} at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a_recruiter_picks_suomi_and_the_console_and_its_dates_speak_finnish_until_they_pick_english_again", async () => {
  const shot = screenshots("recruiter_works_in_finnish");
  await applyThroughApi(candor, { email: "aino.suomeksi.konsoli@example.fi" });
  const id = await applicationId(candor, "aino.suomeksi.konsoli@example.fi");
  const page = await openPage(browser);
  await page.goto(`${candor.url}/console/`);

  // English by default: the company's language (nobody chose yet).
  await page.getByRole("heading", { name: "Sign in to Candor" }).waitFor();
  await page.getByLabel("E-mail").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Northwind Dental · Console" }).waitFor();
  const picker = page.getByLabel("Language", { exact: true });
  assert.equal(await picker.inputValue(), "en");
  const options = await picker.locator("option").allTextContents();
  assert.deepEqual(options, ["English", "Suomi", "Svenska", "Polski", "Nederlands"], "each language named in itself");

  // Picked: applied at once, no reload.
  await page.evaluate(() => { window.stayedOnThisPage = true; });
  await picker.selectOption("fi");
  await page.getByRole("heading", { name: "Northwind Dental · Konsoli" }).waitFor();
  assert.equal(await page.evaluate(() => window.stayedOnThisPage), true, "no reload");
  assert.equal(await page.locator("html").getAttribute("lang"), "fi");
  assert.equal((await focusOn(page, "console-language")).id, "console-language", "the focus stays on the picker");
  assert.equal(await page.getByLabel("Kieli", { exact: true }).inputValue(), "fi");
  const nav = page.getByRole("navigation", { name: "Konsoli" });
  for (const tab of ["Saapuneet", "Ilmoitukset", "Tunnusluvut", "Asetukset"]) await nav.getByRole("link", { name: tab }).waitFor();
  await page.getByRole("heading", { name: "Vastausta odottavat kysymykset" }).waitFor();
  await page.getByRole("heading", { name: /^Hiljaisuushälytykset/ }).waitFor();
  await page.getByRole("heading", { name: "Avoimet työpaikkailmoitukset" }).waitFor();
  await page.getByRole("columnheader", { name: "Avoimet hakemukset" }).waitFor();
  await page.getByRole("button", { name: "Kirjaudu ulos" }).waitFor();
  assert.equal(await page.title(), "Saapuneet · Candor-konsoli");
  await noEnglishLeft(page, "inbox");
  assert.deepEqual(await wcagViolations(page), [], "inbox in Finnish");
  await atEveryWidth(page, shot, "inbox");

  // A posting's applications (the address opened anew: kept by the server).
  await page.goto(`${candor.url}/console/postings/dental-hygienist/applications`);
  await page.getByRole("heading", { name: /^Hakemukset · / }).waitFor();
  assert.equal(await page.locator("html").getAttribute("lang"), "fi", "a reload keeps Finnish");
  for (const head of ["Hakija", "Sähköposti", "Missä mennään", "Luvattu viimeistään"]) {
    await page.getByRole("columnheader", { name: head }).waitFor();
  }
  const row = page.getByRole("row").filter({ hasText: "aino.suomeksi.konsoli@example.fi" });
  await row.waitFor();
  assert.doesNotMatch(await row.innerText(), ENGLISH_MONTHS, "dates in Finnish");
  await page.getByRole("navigation", { name: "Hakemusten näkymä" }).getByRole("link", { name: "Lista" }).waitFor();
  await noEnglishLeft(page, "applications");
  assert.deepEqual(await wcagViolations(page), [], "applications in Finnish");
  await atEveryWidth(page, shot, "applications");

  // The board.
  await page.getByRole("link", { name: "Taulu" }).click();
  await page.getByRole("heading", { name: /^Taulu · / }).waitFor();
  await page.getByText(/Vedä kortti toiseen sarakkeeseen/).waitFor();
  await page.getByRole("heading", { name: /, \d+ hakija(a)?$/ }).first().waitFor();
  await page.getByRole("button", { name: /^Siirrä: .*…$/ }).first().waitFor();
  assert.equal(await page.title(), "Taulu · dental-hygienist · Candor-konsoli");
  await noEnglishLeft(page, "board");
  assert.deepEqual(await wcagViolations(page), [], "board in Finnish");
  await atEveryWidth(page, shot, "board");

  // One application: its facts, its timeline, the step that moves it on.
  await page.goto(`${candor.url}/console/applications/${id}`);
  await page.getByRole("heading", { name: "Aikajana hakijan näkemänä" }).waitFor();
  await page.getByRole("heading", { name: "Vie hakemusta eteenpäin" }).waitFor();
  await page.getByText("Hakemuksen kieli").waitFor();
  await page.getByLabel("Toiminto").waitFor();
  assert.doesNotMatch(await page.locator("dl.facts").innerText(), ENGLISH_MONTHS, "the day applied, in Finnish");
  // A rule's failure, in Finnish, at its field.
  await page.getByRole("button", { name: "Siirrä", exact: true }).click();
  const problem = page.locator("form.stage-move p.error[role=alert]");
  await problem.filter({ hasText: /^Seuraava vastaus luvataan viimeistään: Pakollinen\./ }).waitFor();
  assert.doesNotMatch(await problem.innerText(), /required|must|please/i);
  await noEnglishLeft(page, "application");
  assert.deepEqual(await wcagViolations(page), [], "application in Finnish");
  await atEveryWidth(page, shot, "application");

  // The metrics, from the tab.
  await page.getByRole("link", { name: "Tunnusluvut" }).click();
  await page.getByRole("heading", { name: "Näin hakijoita kohdellaan, kaikki yhteensä" }).waitFor();
  await page.getByText("Luvatut päivät pidetty", { exact: true }).first().waitFor();
  await page.getByRole("heading", { name: "Ilmoituksittain" }).waitFor();
  await noEnglishLeft(page, "metrics");
  assert.deepEqual(await wcagViolations(page), [], "metrics in Finnish");
  await atEveryWidth(page, shot, "metrics");

  // Settings, from the tab.
  await page.getByRole("link", { name: "Asetukset" }).click();
  await page.getByRole("heading", { name: "Yrityksen asetukset" }).waitFor();
  await page.getByText("Vain ylläpitäjät voivat muuttaa näitä.").waitFor();
  await page.getByLabel("Oletuskieli").waitFor();
  await noEnglishLeft(page, "settings");
  assert.deepEqual(await wcagViolations(page), [], "settings in Finnish");
  await atEveryWidth(page, shot, "settings");

  // Kept on reload…
  await page.reload();
  await page.getByRole("heading", { name: "Yrityksen asetukset" }).waitFor();
  assert.equal(await page.getByLabel("Kieli", { exact: true }).inputValue(), "fi");

  // …on another device, once signed in (its sign-in page can't know yet)…
  const other = await openPage(browser, { viewport: { width: 390, height: 900 } });
  await other.goto(`${candor.url}/console/`);
  await other.getByRole("heading", { name: "Sign in to Candor" }).waitFor();
  await other.getByLabel("E-mail").fill(EMAIL);
  await other.getByLabel("Password").fill(PASSWORD);
  await other.getByRole("button", { name: "Sign in" }).click();
  await other.getByRole("heading", { name: "Northwind Dental · Konsoli" }).waitFor();
  await shot(other, "another-device-390");
  assert.deepEqual(other.problems, []);
  await other.context().close();

  // …and on this browser's sign-in page.
  await page.getByRole("button", { name: "Kirjaudu ulos" }).click();
  await page.getByRole("heading", { name: "Kirjaudu Candoriin" }).waitFor();
  await shot(page, "sign-in-1280");
  assert.deepEqual(await wcagViolations(page), [], "sign-in in Finnish");
  await page.getByLabel("Sähköposti").fill(EMAIL);
  await page.getByLabel("Salasana").fill(PASSWORD);
  await page.getByRole("button", { name: "Kirjaudu", exact: true }).click();
  await page.getByRole("heading", { name: "Yrityksen asetukset" }).waitFor();

  // English again, at once and kept.
  await page.getByLabel("Kieli", { exact: true }).selectOption("en");
  await page.getByRole("heading", { name: "Company settings" }).waitFor();
  await page.getByRole("heading", { name: "Northwind Dental · Console" }).waitFor();
  assert.equal(await page.locator("html").getAttribute("lang"), "en");
  await page.reload();
  await page.getByRole("heading", { name: "Company settings" }).waitFor();
  assert.equal(await page.getByLabel("Language", { exact: true }).inputValue(), "en");
  assert.equal(await page.title(), "Settings · Candor console");
  assert.deepEqual(page.problems, []);
});
