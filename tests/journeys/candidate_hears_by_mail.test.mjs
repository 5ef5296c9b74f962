// A candidate hears by mail, even with no page open: they apply on the demo
// careers page, a recruiter moves the application in the console, and the
// mail appears in the demo's mailbox (the demo has no mail server, so its
// mails wait in the outbox and the mailbox shows them as a mail client
// would). The mail's link opens the status page in another browser, with
// nothing stored, at the stage the recruiter chose. The console's Outbox
// lists both mails as waiting, and says why. Each view at 1280, 390 and
// 320 px, axe-core clean, nothing scrolling sideways at 320.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, sidewaysOverflow, inDays,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

const EMAIL = "emilia.makinen@example.fi";
const NAME = "Emilia Mäkinen";
const WIDTHS = [[1280, 900], [390, 844], [320, 700]];

/**
 * The page around a mail's sandboxed frame: axe can't run inside a frame
 * that runs no scripts (its frame messaging waits for ever), so the frame
 * is left out, and the legacy runner gives up on it after a second.
 */
async function violationsAroundTheFrame(page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .exclude("iframe.html-part")
    .setLegacyMode()
    .analyze();
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}

/** Each width: a screenshot, axe, and at 320 px no sideways scrolling. */
async function atEveryWidth(page, shot, name) {
  const framed = (await page.locator("iframe.html-part").count()) > 0;
  for (const [width, height] of WIDTHS) {
    await page.setViewportSize({ width, height });
    await shot(page, `${name}-${width}`);
    const violations = framed ? await violationsAroundTheFrame(page) : await wcagViolations(page);
    assert.deepEqual(violations, [], `${name} at ${width} px`);
    if (width === 320) assert.deepEqual(await sidewaysOverflow(page), [], `${name} at 320 px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a_moved_application_reaches_the_candidate_by_mail_and_its_link_opens_the_status_anywhere", async () => {
  const shot = screenshots("candidate_hears_by_mail");

  // The candidate applies on the careers page.
  const candidate = await openPage(browser);
  await candidate.goto(`${candor.url}/demo/#candor/northwind/dental-hygienist`);
  const careers = candidate.locator("candor-careers:not([posting])");
  await careers.getByRole("button", { name: "Apply for this position" }).click();
  const form = careers.locator("candor-application");
  await form.getByLabel("Full name *").fill(NAME);
  await form.getByLabel("E-mail *").fill(EMAIL);
  await form.getByRole("group", { name: /Valvira licence/ }).getByLabel("Yes").check();
  await form.getByLabel(/In which languages can you treat patients/).fill("Finnish, Swedish");
  await form.getByLabel("I agree").check();
  await form.getByRole("button", { name: "Send application" }).click();
  await form.getByRole("status").filter({ hasText: "Application received" }).waitFor();
  // Then closes the tab: from here on, only mail reaches them.
  await candidate.context().close();

  // A recruiter moves it in the console.
  const console = await openPage(browser);
  await console.goto(`${candor.url}/console/`);
  await console.getByLabel("E-mail").fill("recruiter@northwind.example");
  await console.getByLabel("Password").fill("northwind-demo-2026");
  await console.getByRole("button", { name: "Sign in" }).click();
  await console.getByRole("link", { name: "Dental Hygienist" }).click();
  await console.getByRole("link", { name: NAME }).click();
  await console.getByLabel("Stage", { exact: true }).selectOption({ label: "Phone interview" });
  await console.getByLabel("Personal message to the candidate").fill("Hello Emilia! Could we call you on Thursday at 14?");
  await console.getByLabel(/Next answer promised by/).fill(inDays(6));
  await console.getByRole("button", { name: "Move", exact: true }).click();
  await console.getByRole("status").getByText(/^Moved to Phone interview/).waitFor();

  // The mail is in the mailbox, newest first.
  const mailbox = await openPage(browser);
  await mailbox.goto(`${candor.url}/demo/mailbox/`);
  await mailbox.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
  const mails = mailbox.getByRole("list", { name: "Mails, newest first" }).getByRole("listitem").filter({ hasText: EMAIL });
  assert.equal(await mails.count(), 2, "the acknowledgement and the stage change");
  const newest = mails.first();
  assert.match(await newest.textContent(), /Dental Hygienist: your application has moved to Phone interview/);
  assert.match(await newest.textContent(), /Waiting to be sent/);
  assert.match(await mails.nth(1).textContent(), /We have your application for Dental Hygienist/);
  await atEveryWidth(mailbox, shot, "mailbox");

  // Opened: its headers, and the mail as its sender formatted it, in a sandboxed frame.
  await newest.getByRole("link").click();
  await mailbox.getByRole("heading", { level: 1, name: /moved to Phone interview/ }).waitFor();
  const frame = mailbox.frameLocator("iframe.html-part");
  await frame.getByText("Hello Emilia! Could we call you on Thursday at 14?").waitFor();
  const button = await frame.getByRole("link", { name: "Open your application" }).getAttribute("href");
  assert.equal(await mailbox.locator("iframe.html-part").getAttribute("sandbox"), "allow-popups allow-popups-to-escape-sandbox");
  assert.match(await mailbox.locator("dl.headers").textContent(), /FromNorthwind Dental <candor@localhost>/);
  await atEveryWidth(mailbox, shot, "mail-html");

  // Its plain text part, with the same private link.
  await mailbox.getByRole("link", { name: "Plain text" }).click();
  const text = mailbox.getByLabel("The mail as plain text");
  await text.getByText(/Hello Emilia! Could we call you on Thursday at 14\?/).waitFor();
  const link = await text.getByRole("link", { name: /\/status\?lang=en#/ }).getAttribute("href");
  assert.equal(link, button, "one link in both parts");
  assert.match(link, new RegExp(`^${candor.url}/status\\?lang=en#[A-Za-z0-9_-]{40,}$`));
  await atEveryWidth(mailbox, shot, "mail-text");
  assert.deepEqual(mailbox.problems, [], "no script error, no policy violation (the mail's styles are allowed by hash)");

  // The link opens the application in a browser that has nothing stored.
  const elsewhere = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await elsewhere.goto(link);
  const status = elsewhere.locator("candor-application");
  await status.getByRole("heading", { level: 3, name: "Where things stand" }).waitFor();
  assert.match(await status.locator('li[aria-current="step"]').textContent(), /Phone interview/);
  await status.getByText("Hello Emilia! Could we call you on Thursday at 14?").waitFor();
  assert.equal(await elsewhere.evaluate(() => localStorage.length), 0, "nothing was stored before it opened");
  await shot(elsewhere, "status-from-the-mail");
  assert.deepEqual(elsewhere.problems, []);

  // The console's Outbox: both mails, waiting, and why.
  await console.getByRole("link", { name: "Outbox" }).click();
  await console.getByRole("heading", { level: 2, name: "Outbox" }).waitFor();
  const note = console.getByRole("note");
  await note.getByText("No mail server is set up: mails wait here and are sent once one is.").waitFor();
  assert.match(await note.textContent(), /--smtp-url/);
  const rows = console.locator("tbody tr").filter({ hasText: EMAIL });
  assert.equal(await rows.count(), 2);
  for (let i = 0; i < 2; i++) assert.match(await rows.nth(i).textContent(), /Waiting/);
  assert.match(await rows.first().textContent(), /Stage change/);
  assert.match(await rows.nth(1).textContent(), /Acknowledgement/);
  assert.equal(await console.locator("tbody").getByText(/\/status\?/).count(), 0, "no private link in the console");
  assert.equal(await console.getByRole("button", { name: /^Resend/ }).count(), 0, "nothing to resend: both wait");
  assert.equal(await console.title(), "Outbox · Candor console");
  assert.match(console.url(), /\/console\/outbox$/);
  await atEveryWidth(console, shot, "console-outbox");
  assert.deepEqual(console.problems, []);
});
