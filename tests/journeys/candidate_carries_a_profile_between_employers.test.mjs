// One profile for every employer (issue 14), in Chromium as it comes (its
// default storage partitioning): two companies' careers pages on two
// different sites and a stranger's page on a third, all served here, none of
// them Candor's. A candidate applies at the first and saves to their Candor
// profile (a first-party window on Candor's origin); at the second the form
// starts empty, since each site keeps its own storage, until they fill it
// from that window, after seeing who asks and unticking what they keep back;
// both applications are then followed from the Candor profile's page. The
// stranger gets nothing; a blocked window and a cut opener each say so.
// Keyboard alone, axe on every view.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import {
  startCandor, launchBrowser, screenshots, wcagViolations, tabTo, focusMovesTo, sidewaysOverflow, candorAdmin, applyThroughApi,
} from "../support/candor.mjs";

const JOURNEY = "candidate_carries_a_profile_between_employers";

/**
 * A site of its own on `host` (127.0.0.2 is another site than 127.0.0.3:
 * an IP address is its own site). Bound before Candor starts, so that its
 * origin can be allowed; `pages` maps a path to its headers and HTML, read
 * at each request (Candor's address is known only later).
 */
async function hostSite(host, pages) {
  const server = createServer((request, response) => {
    const page = pages[new URL(request.url, "http://x").pathname];
    if (!page) { response.writeHead(404, { "content-type": "text/plain" }).end("Not found"); return; }
    const { headers = {}, html } = page();
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers }).end(html);
  });
  await new Promise((resolve, reject) => { server.once("error", reject); server.listen(0, host, resolve); });
  return { origin: `http://${host}:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

let candor, candorOrigin, browser, context, shot;
let northwind, harbour, stranger;
let harbourToken = "";

/** A company's careers page: the one script tag and the element. */
function careersPage(company, name) {
  return () => ({
    html: `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Careers · ${name}</title>
  <script type="module" src="${candorOrigin}/widget/candor.js"></script>
</head>
<body>
  <main>
    <h1>Careers at ${name}</h1>
    <candor-careers company="${company}"></candor-careers>
  </main>
</body>
</html>`,
  });
}

/**
 * A page that is no company's: it opens Candor's wallet itself, asks it
 * for Northwind's share as Northwind's own page would, and records every
 * message it gets.
 */
function strangerPage() {
  return {
    html: `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Free CV check</title>
</head>
<body>
  <main>
    <h1>Free CV check</h1>
    <p>Let us look at your profile.</p>
    <button type="button" id="ask">Check my CV</button>
  </main>
  <script>
    const candor = ${JSON.stringify(candorOrigin)};
    window.received = [];
    window.addEventListener("message", (event) => {
      const data = typeof event.data === "string" ? event.data : JSON.stringify(event.data);
      window.received.push({ origin: event.origin, data });
      if (event.origin === candor && data.includes('"ready"')) {
        event.source.postMessage(JSON.stringify({ candor_wallet: { request: { company: "northwind" } } }), candor);
      }
    });
    document.getElementById("ask").addEventListener("click", () => {
      window.open(candor + "/me?share=northwind", "candor-wallet", "popup,width=520,height=760");
    });
  </script>
</body>
</html>`,
  };
}

/** A page whose only content is a frame of Candor's origin, to look at that origin's storage there. */
function probePage() {
  return {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Probe</title></head>
<body><main><h1>Probe</h1><iframe src="${candorOrigin}/widget/candor.js" title="A file of Candor's"></iframe></main></body></html>`,
  };
}

before(async () => {
  northwind = await hostSite("127.0.0.2", {
    "/": careersPage("northwind", "Northwind Dental"),
    // A careers page that cuts itself off from every window it opens on
    // another origin.
    "/cut": () => ({ ...careersPage("northwind", "Northwind Dental")(), headers: { "cross-origin-opener-policy": "same-origin" } }),
    // A careers page its CMS serves sandboxed without popups: the browser
    // itself refuses every window it asks for (window.open answers null).
    // Chromium's --block-new-web-contents does nothing in the headless mode
    // Playwright drives, and a user-activated window.open passes Chromium's
    // popup blocker whatever its setting, so this is the real blocked window.
    "/sandboxed": () => ({
      ...careersPage("northwind", "Northwind Dental")(),
      headers: { "content-security-policy": "sandbox allow-scripts allow-same-origin allow-forms" },
    }),
    "/probe": probePage,
  });
  harbour = await hostSite("127.0.0.3", { "/": careersPage("harbour", "Harbour Physio"), "/probe": probePage });
  stranger = await hostSite("127.0.0.4", { "/": strangerPage });
  candor = await startCandor({ args: ["--demo-origin", northwind.origin] });
  candorOrigin = new URL(candor.url).origin;

  // The second company, as an operator sets one up, and its one posting,
  // as its admin publishes it.
  await candorAdmin(candor, "company", "create", "--slug", "harbour", "--name", "Harbour Physio", "--origin", harbour.origin);
  harbourToken = (await candorAdmin(candor, "token", "create", "--company", "harbour", "--role", "admin", "--name", "Journey")).trim();
  assert.match(harbourToken, /^candor_/);
  await harbourApi("POST", "postings", {
    slug: "physiotherapist", title: "Physiotherapist", department: "Clinic",
    location: { city: "Turku", country: "fi" }, workplace: "on_site", employment_type: "full_time",
    teaser: "Help Turku move again.", description: "You treat patients at our harbour clinic.",
    stages: [{ name: "Application review", expected_days: 5 }, { name: "Interview", expected_days: 7 }],
    screening_questions: [],
  });
  await harbourApi("POST", "postings/physiotherapist/status", { status: "open" });

  browser = await launchBrowser();
  // One candidate's browser throughout, as it comes: Chromium's default
  // storage partitioning, no flags about it.
  context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
  shot = screenshots(JOURNEY);
});

after(async () => {
  await browser?.close();
  await candor?.stop();
  await Promise.all([northwind, harbour, stranger].map((s) => s?.close()));
});

async function harbourApi(method, path, body) {
  const response = await fetch(`${candor.url}/api/v1/recruiter/${path}`, {
    method,
    headers: { authorization: `Bearer ${harbourToken}`, "content-type": "application/json" },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`harbour ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Every page of a context records its script errors and CSP violations, the popups too. */
function watch(page) {
  page.problems ??= [];
  page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) page.problems.push(`console: ${m.text()}`);
    if (/Content Security Policy/i.test(m.text())) page.problems.push(`csp: ${m.text()}`);
  });
  return page;
}

/** The popup a key press opens: it must be Candor's `/me?{asked}={company}` (and the page's language). */
async function popupFrom(page, key, [asked, company]) {
  const [popup] = await Promise.all([page.context().waitForEvent("page"), page.keyboard.press(key)]);
  watch(popup);
  await popup.waitForLoadState();
  const url = new URL(popup.url());
  assert.equal(url.origin, candorOrigin, "the wallet is a window of Candor's own origin");
  assert.equal(url.pathname, "/me");
  assert.equal(url.searchParams.get(asked), company, url.search);
  return popup;
}

/** Presses `key` in `popup` and waits until it has closed itself. */
async function pressAndClose(popup, key) {
  const closed = popup.waitForEvent("close");
  await popup.keyboard.press(key);
  await closed;
}

/** Opens a posting's apply form on a careers page with the keyboard. */
async function openForm(page, url, title) {
  await page.goto(url);
  const careers = page.locator("candor-careers");
  await careers.getByRole("heading", { level: 2, name: title }).waitFor();
  await tabTo(page, "Apply for this position");
  await page.keyboard.press("Enter");
  const form = careers.locator("candor-application");
  await form.getByRole("heading", { name: "Apply for this position" }).waitFor();
  return form;
}

test("a_frame_of_candor_on_a_careers_site_cannot_read_candor_own_storage", async () => {
  // Why the wallet is a window: what Candor's origin keeps as a first party
  // is out of reach of a frame of that same origin inside a careers site
  // (partitioned, or refused outright when the browser blocks third-party
  // storage), so no script of Candor's on the page could read it either.
  const probe = watch(await context.newPage());
  await probe.goto(`${candorOrigin}/widget/candor.js`);
  await probe.evaluate(() => localStorage.setItem("journey-probe", "kept on Candor's own site"));
  for (const site of [northwind, harbour]) {
    await probe.goto(`${site.origin}/probe`);
    const frame = probe.frames().find((f) => f.url().startsWith(candorOrigin));
    assert.ok(frame, "the frame of Candor's origin loaded");
    const seen = await frame.evaluate(() => {
      try { return localStorage.getItem("journey-probe"); } catch (e) { return `${e.name}: ${e.message}`; }
    });
    assert.notEqual(seen, "kept on Candor's own site", `inside ${site.origin}`);
  }
  await probe.goto(`${candorOrigin}/widget/candor.js`);
  assert.equal(await probe.evaluate(() => localStorage.getItem("journey-probe")), "kept on Candor's own site", "still there for Candor itself");
  await probe.evaluate(() => localStorage.removeItem("journey-probe"));
  await probe.close();
});

test("applies_at_northwind_and_saves_to_the_candor_profile", async () => {
  const page = watch(await context.newPage());
  const form = await openForm(page, `${northwind.origin}/#candor/northwind/dental-hygienist`, "Dental Hygienist");
  await shot(page, "northwind-form");
  assert.deepEqual(await wcagViolations(page), [], "Northwind's form");

  // The profile, by keyboard.
  await tabTo(page, /^Full name/);
  await page.keyboard.type("Aino Virtanen");
  await tabTo(page, /^E-mail/);
  await page.keyboard.type("aino.wallet@example.fi");
  await tabTo(page, "Add a job");
  await page.keyboard.press("Enter");
  assert.equal((await focusMovesTo(page, "candor-profile-work-0--position")).id, "candor-profile-work-0--position", "the new job's first field");
  await page.keyboard.type("Dental hygienist");
  await tabTo(page, "Organisation");
  await page.keyboard.type("Hymy Dental");
  // The screening questions and consent.
  await tabTo(page, "Yes");
  await page.keyboard.press("Space");
  await tabTo(page, /^In which languages can you treat patients/);
  await page.keyboard.type("Finnish, English");
  await tabTo(page, "I agree");
  await page.keyboard.press("Space");
  await shot(page, "northwind-form-filled");
  await tabTo(page, "Send application");
  await page.keyboard.press("Enter");
  await form.locator("#candor-ack").getByText("Application received").waitFor();
  await shot(page, "northwind-acknowledged");
  assert.deepEqual(await wcagViolations(page), [], "the acknowledgement");

  // "Save to my Candor profile": Candor's window asks first.
  await tabTo(page, "Save to my Candor profile");
  const popup = await popupFrom(page, "Enter", ["save", "northwind"]);
  await popup.getByRole("heading", { name: "Save to your Candor profile?" }).waitFor();
  const profile = popup.getByRole("checkbox", { name: "My profile (Aino Virtanen)" });
  const entry = popup.getByRole("checkbox", { name: "Dental Hygienist at Northwind Dental" });
  assert.equal(await profile.isChecked(), true, "the profile is offered, ticked");
  assert.equal(await entry.isChecked(), true, "the application is offered, ticked");
  await popup.getByRole("button", { name: "Don't save" }).waitFor();
  await shot(popup, "save-popup");
  assert.deepEqual(await wcagViolations(popup), [], "the save window");
  await tabTo(popup, "Save");
  await pressAndClose(popup, "Enter");
  await form.getByText("Saved to your Candor profile.").waitFor();
  await shot(page, "northwind-saved");
  assert.deepEqual(await wcagViolations(page), [], "saved");
  assert.deepEqual(page.problems, []);
  assert.deepEqual(popup.problems, []);
});

test("at_harbour_the_form_is_empty_until_filled_from_the_candor_profile", async () => {
  const page = watch(await context.newPage());
  const form = await openForm(page, `${harbour.origin}/#candor/harbour/physiotherapist`, "Physiotherapist");
  // Another site, another storage: nothing typed at Northwind is here.
  assert.equal(await form.getByLabel(/^Full name/).inputValue(), "");
  assert.equal(await form.getByLabel(/^E-mail/).inputValue(), "");
  await shot(page, "harbour-form-empty");
  assert.deepEqual(await wcagViolations(page), [], "Harbour's empty form");

  await tabTo(page, "Fill from my Candor profile");
  const popup = await popupFrom(page, "Enter", ["share", "harbour"]);
  await popup.getByRole("heading", { name: "Share your profile with Harbour Physio?" }).waitFor();
  // Who asks is named by the site's origin, as the browser reports it.
  await popup.getByText(harbour.origin).first().waitFor();
  const contact = popup.getByRole("checkbox", { name: "Name, e-mail, phone and place" });
  const work = popup.getByRole("checkbox", { name: "Work history (1)" });
  assert.equal(await contact.isChecked(), true);
  assert.equal(await work.isChecked(), true);
  await popup.getByRole("button", { name: "Don't share" }).waitFor();
  await shot(popup, "share-popup");
  assert.deepEqual(await wcagViolations(popup), [], "the share window");

  // Work history stays behind.
  // Its label shows what it holds too: "Work history (1)" and the job.
  await tabTo(popup, /^Work history \(1\)/);
  await popup.keyboard.press("Space");
  assert.equal(await work.isChecked(), false);
  await shot(popup, "share-popup-work-unticked");
  await tabTo(popup, "Share with Harbour Physio");
  await pressAndClose(popup, "Enter");

  const filled = form.getByText(/Filled from your Candor profile/);
  await filled.waitFor();
  assert.doesNotMatch(await filled.textContent(), /Work history/, "the form names only what came");
  assert.equal(await form.getByLabel(/^Full name/).inputValue(), "Aino Virtanen");
  assert.equal(await form.getByLabel(/^E-mail/).inputValue(), "aino.wallet@example.fi");
  assert.equal(await form.getByLabel("Position", { exact: true }).count(), 0, "no job came across");
  assert.equal(await form.getByLabel("Organisation", { exact: true }).count(), 0, "no job came across");
  await shot(page, "harbour-form-filled");
  assert.deepEqual(await wcagViolations(page), [], "Harbour's filled form");

  // Sent, and followed from the Candor profile too; the profile kept there
  // stays as it is (this form's has no work history), so it is unticked.
  await tabTo(page, "I agree");
  await page.keyboard.press("Space");
  await tabTo(page, "Send application");
  await page.keyboard.press("Enter");
  await form.locator("#candor-ack").getByText("Application received").waitFor();
  await tabTo(page, "Save to my Candor profile");
  const saving = await popupFrom(page, "Enter", ["save", "harbour"]);
  await saving.getByRole("heading", { name: "Save to your Candor profile?" }).waitFor();
  await saving.getByRole("checkbox", { name: "Physiotherapist at Harbour Physio" }).waitFor();
  await tabTo(saving, /^My profile \(Aino Virtanen\)/);
  await saving.keyboard.press("Space");
  assert.equal(await saving.getByRole("checkbox", { name: /^My profile/ }).isChecked(), false);
  await shot(saving, "harbour-save-popup-profile-unticked");
  assert.deepEqual(await wcagViolations(saving), [], "Harbour's save window");
  await tabTo(saving, "Save");
  await pressAndClose(saving, "Enter");
  await form.getByText("Saved to your Candor profile.").waitFor();
  await shot(page, "harbour-saved");
  assert.deepEqual(page.problems, []);
  assert.deepEqual(popup.problems, []);
  assert.deepEqual(saving.problems, []);
});

test("a_stranger_page_gets_nothing", async () => {
  const page = watch(await context.newPage());
  await page.goto(`${stranger.origin}/`);
  await tabTo(page, "Check my CV");
  const popup = await popupFrom(page, "Enter", ["share", "northwind"]);
  await popup.getByText(/is not one of Northwind Dental's careers sites/).waitFor();
  await shot(popup, "stranger-refused");
  assert.deepEqual(await wcagViolations(popup), [], "the refusal");
  // The wallet did hear the stranger's request (it said ready, and was asked).
  const received = await page.evaluate(() => window.received);
  assert.ok(received.some((m) => m.data.includes('"ready"')), `the wallet said it was ready: ${JSON.stringify(received)}`);
  assert.equal(await popup.getByRole("button", { name: /^Share with/ }).count(), 0, "nothing to share with");
  // Refused, the window asks nothing: its heading is the wallet's own.
  await popup.getByRole("heading", { level: 1, name: "Your Candor profile" }).waitFor();
  // Give a share every chance to arrive before saying none did.
  await page.waitForTimeout(1000);
  const after = await page.evaluate(() => window.received);
  assert.deepEqual(after.filter((m) => /shared/i.test(m.data) || /Aino|aino\.wallet/.test(m.data)), [], "no profile reached the stranger");
  assert.deepEqual(popup.problems, []);
  await popup.close();
});

test("a_blocked_window_is_said_and_the_profile_offered_instead", async () => {
  const page = watch(await context.newPage());
  const opened = [];
  const listen = (p) => opened.push(p.url());
  context.on("page", listen);
  try {
    const form = await openForm(page, `${northwind.origin}/sandboxed#candor/northwind/dental-hygienist`, "Dental Hygienist");
    assert.equal(await page.evaluate(() => window.open("about:blank")), null, "this page may open no window");
    await tabTo(page, "Fill from my Candor profile");
    await page.keyboard.press("Enter");
    await form.getByText(/blocked the Candor window/).waitFor();
    const link = form.getByRole("link", { name: "Open my Candor profile" });
    await link.waitFor();
    assert.match(await link.getAttribute("href"), new RegExp(`^${candorOrigin}/me`));
    assert.deepEqual(opened, [], "no window opened");
    await shot(page, "popup-blocked");
    assert.deepEqual(await wcagViolations(page), [], "the blocked window's message");
    // The browser says in the console why it opened nothing; that is no error of Candor's.
    assert.deepEqual(page.problems.filter((p) => !/Blocked opening .* sandboxed frame whose 'allow-popups'/.test(p)), []);
  } finally {
    context.off("page", listen);
  }
});

test("a_cut_opener_is_said_on_both_sides_and_the_profile_offered_as_a_file", async () => {
  const page = watch(await context.newPage());
  const form = await openForm(page, `${northwind.origin}/cut#candor/northwind/dental-hygienist`, "Dental Hygienist");
  await tabTo(page, "Fill from my Candor profile");
  const opening = context.waitForEvent("page", { timeout: 5000 }).catch(() => null);
  await page.keyboard.press("Enter");
  await form.getByText(/can't talk to this page/).waitFor();
  await form.getByRole("link", { name: "Open my Candor profile" }).waitFor();
  await shot(page, "opener-cut-form");
  assert.deepEqual(await wcagViolations(page), [], "the cut opener's message in the form");

  // Chromium still opens the window, in a browsing context group of its
  // own: neither side can reach the other.
  const popup = await opening;
  assert.ok(popup, "the Candor window opened");
  watch(popup);
  await popup.waitForLoadState();
  await popup.getByText(/can't reach the page that opened it/).waitFor();
  await shot(popup, "opener-cut-popup");
  assert.deepEqual(await wcagViolations(popup), [], "the cut opener's message in the window");
  await tabTo(popup, "Download as JSON Resume");
  const [download] = await Promise.all([popup.waitForEvent("download"), popup.keyboard.press("Enter")]);
  const resume = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(resume.basics.name, "Aino Virtanen", "the wallet's profile, as a file to import instead");
  assert.equal(resume.work[0].name, "Hymy Dental");
  assert.deepEqual(popup.problems, []);
  await popup.close();
  assert.deepEqual(page.problems, []);
});

test("the_candor_profile_page_follows_both_applications_and_keeps_the_profile", async () => {
  const page = watch(await context.newPage());
  await page.goto(`${candorOrigin}/me`);
  await page.getByRole("heading", { level: 1, name: "Your Candor profile" }).waitFor();
  assert.equal(await page.title(), "Your Candor profile · Candor");
  const entries = page.getByRole("region", { name: "My applications and questions" });
  // Both employers' applications, in one list, newest first.
  await entries.getByRole("button", { name: "Open: Dental Hygienist at Northwind Dental" }).waitFor();
  assert.deepEqual(
    (await entries.getByRole("listitem").locator(".stage-name").allTextContents()).map((t) => t.trim()),
    ["Physiotherapist at Harbour Physio", "Dental Hygienist at Northwind Dental"],
  );
  assert.equal(await page.getByLabel(/^Full name/).inputValue(), "Aino Virtanen");
  assert.equal(await page.getByLabel(/^E-mail/).inputValue(), "aino.wallet@example.fi");
  assert.equal(await page.getByLabel("Organisation", { exact: true }).inputValue(), "Hymy Dental");

  for (const width of [1280, 390, 320]) {
    await page.setViewportSize({ width, height: 900 });
    assert.deepEqual(await sidewaysOverflow(page), [], `nothing scrolls sideways at ${width} px`);
    await shot(page, `wallet-${width}`);
    assert.deepEqual(await wcagViolations(page), [], `the wallet at ${width} px`);
    // Keyboard alone from the top: the profile's first field and the application.
    await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    await tabTo(page, /^Full name/);
    await tabTo(page, "Open: Dental Hygienist at Northwind Dental");
  }
  // Followed from here: where it stands, as its status link shows it.
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Where things stand" }).waitFor();
  assert.deepEqual(await sidewaysOverflow(page), [], "the application at 320 px");
  await shot(page, "wallet-application-320");
  assert.deepEqual(await wcagViolations(page), [], "the application in the wallet");
  assert.deepEqual(page.problems, []);
});

test("an_application_opened_from_its_status_link_joins_the_candor_profile_at_a_click", async () => {
  // Sent elsewhere (another device, say) and opened from its mail's link:
  // the status page is on Candor's origin, the wallet's own, so no window.
  const ack = await applyThroughApi(candor, { email: "aino.mail@example.fi" });
  const page = watch(await context.newPage());
  await page.goto(`${candorOrigin}/status#${ack.status_token}`);
  await page.getByRole("heading", { name: "Where things stand" }).waitFor();
  await tabTo(page, "Follow it in my Candor profile");
  await page.keyboard.press("Enter");
  await page.getByText("It is in your Candor profile, with your other applications and questions.").waitFor();
  // The button it replaced is gone: focus is on what replaced it.
  assert.equal((await focusMovesTo(page, "candor-kept-here")).id, "candor-kept-here");
  await shot(page, "status-page-kept");
  assert.deepEqual(await wcagViolations(page), [], "the status page, kept");
  await page.goto(`${candorOrigin}/me`);
  const entries = page.getByRole("region", { name: "My applications and questions" });
  await entries.getByRole("listitem").first().waitFor();
  const titles = (await entries.getByRole("listitem").locator(".stage-name").allTextContents()).map((t) => t.trim());
  assert.equal(titles.length, 3, `the status page's application joins the two: ${titles}`);
  assert.match(titles[0], / at Northwind Dental$/, "newest first");
  // Opened again, it says it is kept rather than offering to keep it twice.
  await page.goto(`${candorOrigin}/status#${ack.status_token}`);
  await page.getByText("It is in your Candor profile, with your other applications and questions.").waitFor();
  assert.equal(await page.getByRole("button", { name: "Follow it in my Candor profile" }).count(), 0);
  assert.deepEqual(page.problems, []);
});
