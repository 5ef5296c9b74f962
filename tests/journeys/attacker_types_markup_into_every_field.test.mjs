// An attacker types markup and script into every field a person controls:
// a posting's title and description, a public question, its asker's name
// and its answer, an application's name, profile and answers, the
// recruiter's message, a report's reader, note and reply, the company's
// name. Each is planted through the API (its own tests prove every string
// of the Big List of Naughty Strings is kept or refused by its rule); here
// every view that shows them is opened: the widget on the careers page,
// the posting's Q&A, the candidate's status page, the console's
// application, inbox and report, the report reader's page and the demo's
// mailbox. On each: no dialog opens, no payload runs (each would set
// `window.__pwned`), no element is made from one, and the text is there
// verbatim. A long word wraps at 390 px instead of widening the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, recruiter, applicationId, sidewaysOverflow, signIn, candorAdmin,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

// From the Big List of Naughty Strings' script injection and markup
// sections, with `alert()` made a flag a test can read.
const SCRIPT = "<script>window.__pwned=1</script>";
const IMG = "<img src=x onerror=\"window.__pwned=2\">";
const SVG = "\"><svg onload=window.__pwned=3>";
const JS_LINK = "<a href=\"javascript:window.__pwned=4\">click me</a>";
const JS_URL = "javascript:window.__pwned=5";
const ATTRIBUTE = "' onfocus='window.__pwned=6' autofocus '";
const IFRAME = "<iframe src=\"javascript:window.__pwned=7\"></iframe>";
const BLNS = "'';!--\"<XSS>=&{()}";
const TEMPLATE = "{{7*7}} ${7*7} <%= 7*7 %>";
const RTL = "\u202Eevil.exe\u202C and \u200Bzero\u200Dwidth";
const EMOJI = "👩🏽‍⚕️ 🦷 ❤️ 𝕋𝕖𝕤𝕥";
// One word of 97 letters: it must wrap, not widen the page.
const LONG = "Hammaslääkäriassistentti".repeat(3) + "koulutusohjelmaopiskelija";

const TITLE = `${IMG}Hygienist`;
const DESCRIPTION = [SCRIPT, SVG, JS_LINK, IFRAME, BLNS, TEMPLATE, RTL, EMOJI, LONG].join("\n\n");
const COMPANY = `Northwind ${SCRIPT}`;
const QUESTION = `${SCRIPT} Is parking free ${BLNS}?`;
const ASKER = SVG;
const ANSWER = `${IMG} Yes, behind the clinic. ${LONG}`;
const NAME = `${SVG} Aino`;
const HEADLINE = ATTRIBUTE;
const SUMMARY = `${JS_LINK}\n${RTL}\n${EMOJI}`;
const SKILL = IFRAME;
const ANSWER_TEXT = `${TEMPLATE} ${JS_URL}`;
const MESSAGE = `${IMG} Thanks! ${LONG} ${EMOJI}`;
const READER = `${SVG} Anna`;
const NOTE = `${SCRIPT} ${BLNS} ${LONG}`;
const REPLY = `${IMG} ${RTL}`;

const SLUG = "markup-hygienist";

/** Every payload must have done nothing: no flag, no dialog, no element made of markup. */
async function assertInert(page, where) {
  assert.deepEqual(page.dialogs, [], `${where}: no dialog`);
  for (const frame of page.frames()) {
    const pwned = await frame.evaluate(() => window.__pwned).catch(() => undefined);
    assert.equal(pwned, undefined, `${where}: no payload ran (frame ${frame.url()})`);
    const made = await frame.evaluate(() => {
      const found = [];
      const walk = (root) => {
        for (const el of root.querySelectorAll("*")) {
          if (el.shadowRoot) walk(el.shadowRoot);
          const tag = el.tagName.toLowerCase();
          for (const attr of el.getAttributeNames()) {
            if (attr.startsWith("on")) found.push(`<${tag} ${attr}>`);
          }
          if (tag === "img" && el.getAttribute("src") === "x") found.push("<img src=x>");
          if (/^javascript:/i.test(el.getAttribute("href") || "") || /^javascript:/i.test(el.getAttribute("src") || "")) {
            found.push(`<${tag} javascript:>`);
          }
          if (tag === "script" && el.type !== "application/ld+json" && /__pwned/.test(el.textContent)) found.push("<script>");
        }
      };
      walk(document);
      return found;
    }).catch(() => []);
    assert.deepEqual(made, [], `${where}: no element made from a payload (frame ${frame.url()})`);
  }
}

/**
 * The text of the page and its shadow roots as the DOM holds it, joined
 * without separators: what is shown, not what a script or style holds.
 */
async function deepText(page) {
  return page.evaluate(() => {
    const parts = [];
    const walk = (root) => {
      const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = texts.nextNode(); node; node = texts.nextNode()) {
        if (!node.parentElement?.closest("script, style, template")) parts.push(node.data);
      }
      for (const el of root.querySelectorAll("*")) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document.body);
    return parts.join("");
  });
}

/** Each of `texts` is shown verbatim, as text (a payload that became markup would be missing). */
async function assertShown(page, texts, where) {
  const text = await deepText(page);
  for (const t of texts) assert.ok(text.includes(t), `${where}: ${JSON.stringify(t)} is shown as text`);
}

async function watched(options) {
  const page = await openPage(browser, options);
  page.dialogs = [];
  page.on("dialog", (dialog) => { page.dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); });
  return page;
}

async function api(path, { method = "GET", body, headers = {} } = {}) {
  const response = await fetch(`${candor.url}/api/v1/${path}`, {
    method, headers: { "content-type": "application/json", ...headers }, body: body && JSON.stringify(body),
  });
  const answer = await response.json();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

test("markup_typed_into_every_field_is_shown_as_text_and_never_runs", async () => {
  const shot = screenshots("attacker_types_markup_into_every_field");

  // The company's name and a posting, as an admin could type them.
  const token = await candorAdmin(candor, "token", "create", "--company", "northwind", "--role", "admin", "--name", "Markup");
  const admin = (method, path, body) => api(`recruiter/${path}`, { method, body, headers: { authorization: `Bearer ${token}` } });
  const settings = await admin("GET", "company");
  await admin("PUT", "company", { ...settings, name: COMPANY });
  await admin("POST", "postings", {
    slug: SLUG, title: TITLE, department: `Clinic ${SVG}`, location: { city: `Oulu ${RTL}`, country: "FI" },
    workplace: "on_site", employment_type: "full_time", teaser: `${JS_LINK} ${EMOJI}`, description: DESCRIPTION,
    stages: [{ name: `Review ${IMG}`, expected_days: 5, description: BLNS }, { name: "Interview", expected_days: 7 }],
    screening_questions: [{ key: "tools", prompt: `Which tools? ${SCRIPT}`, required: true, kind: { short_text: { max_chars: 300 } } }],
  });
  await admin("POST", `postings/${SLUG}/status`, { status: "open" });

  // A public question, its asker's name and the recruiter's answer.
  await api(`companies/northwind/postings/${SLUG}/questions`, { method: "POST", body: { text: QUESTION, name: ASKER } });
  const [asked] = await recruiter(candor, "GET", "questions?state=pending");
  assert.equal(asked.text, QUESTION);
  await recruiter(candor, "POST", `questions/${asked.id}/answer`, { answer: ANSWER });

  // An application with markup in every text, and the recruiter's message.
  const ack = await api(`companies/northwind/postings/${SLUG}/applications`, {
    method: "POST",
    headers: { "idempotency-key": `markup-${process.pid}-${Date.now()}` },
    body: {
      profile: {
        name: NAME, email: "aino.markup@example.fi", headline: HEADLINE, summary: SUMMARY, location: RTL,
        links: [{ label: `${SVG}`, url: "https://example.com/?q=<script>" }],
        work: [{ organisation: BLNS, position: LONG, start: "2019", end: "", summary: TEMPLATE }],
        skills: [SKILL, EMOJI],
      },
      answers: [{ key: "tools", value: { text: ANSWER_TEXT } }],
      consent: { data_processing: true },
    },
  });
  const id = await applicationId(candor, "aino.markup@example.fi", SLUG);
  await recruiter(candor, "POST", `applications/${id}/messages`, { message: MESSAGE });

  // A report link for a reader whose name is markup, a note and the reader's reply.
  const made = await recruiter(candor, "POST", `postings/${SLUG}/report/links`, { name: READER, email: "anna@client.example" });
  const secret = made.url.split("#")[1];
  const note = await recruiter(candor, "POST", `postings/${SLUG}/report/notes`, { kind: "warning", body: NOTE });
  await api("report/replies", { method: "POST", headers: { "Candor-Report": secret }, body: { note: note.id, body: REPLY } });

  // The careers page: the posting, its description and its Q&A.
  const visitor = await watched();
  await visitor.goto(`${candor.url}/demo/#candor/northwind/${SLUG}`);
  const careers = visitor.locator("candor-careers:not([posting])");
  await careers.getByRole("heading", { name: TITLE }).waitFor();
  const qa = careers.getByRole("region", { name: "Questions and answers" });
  await qa.getByText(QUESTION).waitFor();
  await assertShown(visitor, [TITLE, SCRIPT, SVG, JS_LINK, IFRAME, BLNS, TEMPLATE, RTL, EMOJI, LONG, QUESTION, ASKER, ANSWER, `Review ${IMG}`], "the posting");
  await assertInert(visitor, "the posting");
  await shot(visitor, "posting-and-questions");
  await visitor.setViewportSize({ width: 390, height: 844 });
  await careers.getByRole("heading", { name: TITLE }).waitFor();
  assert.deepEqual(await sidewaysOverflow(visitor), [], "the posting at 390 px: the long word wraps");
  await shot(visitor, "posting-390");
  await visitor.goto(`${candor.url}/demo/`);
  await visitor.locator("candor-careers").first().getByText(TITLE).first().waitFor();
  await assertShown(visitor, [TITLE, `${JS_LINK} ${EMOJI}`], "the list of postings");
  await assertInert(visitor, "the list of postings");
  assert.deepEqual(await sidewaysOverflow(visitor), [], "the list at 390 px");
  await shot(visitor, "list-390");

  // The candidate's status page, on a phone.
  const candidate = await watched({ viewport: { width: 390, height: 844 } });
  await candidate.goto(`${candor.url}/status#${ack.status_token}`);
  const status = candidate.locator("candor-application");
  await status.getByText(MESSAGE).waitFor();
  await assertShown(candidate, [TITLE, MESSAGE, `Review ${IMG}`], "the status page");
  await assertInert(candidate, "the status page");
  assert.deepEqual(await sidewaysOverflow(candidate), [], "the status page at 390 px: the long word wraps");
  await shot(candidate, "status-390");

  // The console: the application, the inbox with the reply, the report tab.
  const desk = await watched();
  await signIn(desk, candor, "recruiter@northwind.example", { path: `/console/applications/${id}` });
  await desk.getByText(HEADLINE).first().waitFor();
  await assertShown(desk, [NAME, HEADLINE, JS_LINK, RTL, EMOJI, LONG, BLNS, TEMPLATE, SKILL, ANSWER_TEXT, MESSAGE], "the console's application");
  await assertInert(desk, "the console's application");
  await shot(desk, "console-application");
  await desk.goto(`${candor.url}/console/`);
  await desk.getByText(REPLY).first().waitFor();
  await assertShown(desk, [REPLY, NOTE], "the console's inbox");
  await assertInert(desk, "the console's inbox");
  await shot(desk, "console-inbox");
  await desk.goto(`${candor.url}/console/postings/${SLUG}/report`);
  await desk.getByText(NOTE).first().waitFor();
  await assertShown(desk, [NOTE, REPLY, READER], "the console's report");
  await assertInert(desk, "the console's report");
  await shot(desk, "console-report");

  // The report reader's page, by the link's secret after #.
  const reader = await watched();
  await reader.goto(made.url);
  await reader.getByText(NOTE).first().waitFor();
  await assertShown(reader, [NOTE, REPLY, READER, TITLE], "the reader's report");
  await assertInert(reader, "the reader's report");
  await shot(reader, "reader-report");

  // The demo's mailbox: the mails that carry the texts, in both parts.
  const mailbox = await watched();
  await mailbox.goto(`${candor.url}/demo/mailbox/`);
  await mailbox.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
  await assertShown(mailbox, [TITLE], "the mailbox");
  await assertInert(mailbox, "the mailbox");
  await shot(mailbox, "mailbox");
  const mails = mailbox.getByRole("list", { name: "Mails, newest first" }).getByRole("listitem").filter({ hasText: "aino.markup@example.fi" });
  await mails.first().getByRole("link").click();
  const frame = mailbox.frameLocator("iframe.html-part");
  await frame.getByText(MESSAGE).waitFor();
  await assertInert(mailbox, "the mail's HTML part");
  await shot(mailbox, "mail-html");
  await mailbox.getByRole("link", { name: "Plain text" }).click();
  await mailbox.getByLabel("The mail as plain text").getByText(MESSAGE).waitFor();
  await assertInert(mailbox, "the mail's text part");
  await shot(mailbox, "mail-text");

  for (const page of [visitor, candidate, desk, reader, mailbox]) assert.deepEqual(page.problems, []);
});
