// A candidate applies on the careers page in one browser, then, on another
// device (a fresh browser context: nothing stored), uses "Lost your link?":
// one mail with their links arrives (read from the Maildir of a real SMTP
// server this journey starts, aiosmtpd, as the API tests do), and its link
// opens the status page of that very application. The form is used with the
// keyboard alone, at 1280, 390 and 320 px, axe-clean, without sideways scroll.
// The question they asked with their address is in the same mail.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, focused, focusMovesTo, tabTo,
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

const mails = () => smtp.mails();
const mailWith = (subject) => smtp.mailWith(subject);

/** Whether the page scrolls sideways (it must not, at any width). */
async function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

test("a_candidate_on_another_device_gets_their_link_back_by_mail", async () => {
  const shot = screenshots("candidate_gets_their_link_back");
  const email = "aino.elsewhere@example.fi";

  // On the first device: apply on the careers page.
  const first = await openPage(browser);
  await first.goto(`${candor.url}/demo/#candor/northwind/dental-hygienist`);
  const careers = first.locator("candor-careers:not([posting])");
  await careers.getByRole("button", { name: "Apply for this position" }).click();
  const form = careers.locator("candor-application");
  await form.getByLabel("Full name *").fill("Aino Virtanen");
  await form.getByLabel("E-mail *").fill(email);
  await form.getByRole("group", { name: /Valvira licence/ }).getByLabel("Yes").check();
  await form.getByLabel(/In which languages can you treat patients/).fill("Finnish, English");
  await form.getByLabel("I agree").check();
  await form.getByRole("button", { name: "Send application" }).click();
  const ack = form.getByRole("status").filter({ hasText: "Application received" });
  const original = (await ack.locator("a.status-link").getAttribute("href")).split("#")[1];

  // …and asks about another position, leaving the address to hear of the answer.
  await first.goto(`${candor.url}/demo/#candor/northwind/orthodontist`);
  const qa = careers.getByRole("region", { name: "Questions and answers" });
  await qa.getByRole("button", { name: "Ask a question" }).click();
  const ask = qa.locator("candor-application");
  await ask.getByLabel("Your question *").fill("Is the Turku clinic reachable by bus?");
  await ask.getByLabel("E-mail (optional)").fill("aino.elsewhere@");
  await ask.getByRole("button", { name: "Send question" }).click();
  await ask.locator("#candor-question-email-error").getByText("Enter an e-mail address such as name@example.com").waitFor();
  assert.equal((await focusMovesTo(first, "candor-question-email")).id, "candor-question-email", "the address at fault takes the focus");
  await ask.getByText("Tell me by e-mail when it's answered. Your address is never shown to anyone.").waitFor();
  await shot(first, "ask-with-an-address");
  assert.deepEqual(await wcagViolations(first, "candor-careers"), [], "the ask form with its address");
  await ask.getByLabel("E-mail (optional)").fill(email);
  await ask.getByRole("button", { name: "Send question" }).click();
  await ask.getByRole("status").getByText("Question sent").waitFor();
  const asked = (await ask.locator("a.status-link").getAttribute("href")).split("#")[1];
  assert.deepEqual(first.problems, []);
  await first.context().close();

  // On another device, at each width: nothing stored, only "Lost your link?".
  for (const [width, height] of [[1280, 900], [390, 844], [320, 640]]) {
    const page = await openPage(browser, { viewport: { width, height } });
    await page.goto(`${candor.url}/demo/`);
    const widget = page.locator("candor-careers:not([posting])");
    await widget.getByText("6 open positions").waitFor();
    assert.equal(await widget.getByRole("button", { name: /My applications/ }).count(), 0, "nothing remembered here");
    await shot(page, `${width}-careers-page`);
    assert.deepEqual(await wcagViolations(page, "candor-careers"), [], `${width}: the careers page`);

    // With the keyboard alone: to the button, into the form, send.
    await tabTo(page, "Lost your link?");
    await page.keyboard.press("Enter");
    const lost = widget.locator("candor-application");
    await lost.getByRole("heading", { name: "Lost your link?" }).waitFor();
    assert.deepEqual(await focusMovesTo(page, "candor-lost-title"), { tag: "h2", name: "Lost your link?", id: "candor-lost-title" }, "the form's heading");
    assert.equal(await scrollsSideways(page), false, `${width}: no sideways scroll`);
    await shot(page, `${width}-form`);
    assert.deepEqual(await wcagViolations(page, "candor-careers"), [], `${width}: the form`);

    // A mistyped address is said at its field, which takes the focus.
    await page.keyboard.press("Tab");
    assert.equal((await focusMovesTo(page, "candor-lost-email")).id, "candor-lost-email");
    await page.keyboard.type("aino.elsewhere@example");
    await page.keyboard.press("Enter");
    await lost.locator("#candor-lost-error").getByText("Enter an e-mail address such as name@example.com").waitFor();
    assert.equal((await focusMovesTo(page, "candor-lost-email")).id, "candor-lost-email", "focus stays at the field at fault");
    assert.deepEqual(await wcagViolations(page, "candor-careers"), [], `${width}: the form with its error`);
    await page.keyboard.press("End");
    await page.keyboard.type(".fi");
    await page.keyboard.press("Enter");

    const sent = lost.locator("#candor-lost-sent");
    await sent.getByText("If this address has applied or asked here, a mail with its links is on its way.").waitFor();
    assert.equal((await focusMovesTo(page, "candor-lost-sent")).id, "candor-lost-sent", "focus moves to the confirmation");
    assert.equal(await sent.getAttribute("role"), "status");
    assert.equal(await scrollsSideways(page), false, `${width}: no sideways scroll`);
    await shot(page, `${width}-sent`);
    assert.deepEqual(await wcagViolations(page, "candor-careers"), [], `${width}: the confirmation`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }

  // The mail (three asks, three of the address's hourly budget of three).
  const received = await mailWith("Your links at Northwind Dental");
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(mails().filter((m) => m.subject === "Your links at Northwind Dental").length, 3);
  const { text } = received[0];
  assert.match(text, /\* Dental Hygienist\n  Applied on .+ · Now at the step: /, text);
  assert.match(text, /\* Orthodontist: Is the Turku clinic reachable by bus\?\n  Asked on .+ · Waiting for an answer/, text);
  const links = [...text.matchAll(/(http:\/\/\S+\/status\?lang=en#\S+)/g)].map((m) => m[1]);
  assert.deepEqual(links.map((l) => l.split("#")[1]), [original, asked], "the very links they were given");
  const [link, questionLink] = links;

  // The question's link opens the question.
  const other = await openPage(browser);
  await other.goto(questionLink);
  await other.locator("candor-application").getByText("Is the Turku clinic reachable by bus?").waitFor();
  await other.locator("candor-application").getByText(/Waiting for Northwind Dental to answer/).waitFor();
  await shot(other, "question-from-the-mail");
  await other.context().close();

  // Its link opens the application on a device that never saw it.
  for (const [width, height] of [[1280, 900], [390, 844], [320, 640]]) {
    const page = await openPage(browser, { viewport: { width, height } });
    await page.goto(link);
    const status = page.locator("candor-application");
    await status.getByRole("heading", { level: 3, name: "Where things stand" }).waitFor();
    await status.getByRole("heading", { name: "Dental Hygienist" }).first().waitFor();
    assert.equal(await scrollsSideways(page), false, `${width}: no sideways scroll`);
    await shot(page, `${width}-status-from-the-mail`);
    assert.deepEqual(await wcagViolations(page), [], `${width}: the status page`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});
