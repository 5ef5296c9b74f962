// Mail for the company's people, in the console, keyboard only and axe-core
// clean, on a 320 px phone too: an admin invites someone and is told the
// link is on its way by mail as well (and still sees it, once); a recruiter
// chooses one morning digest instead of a mail per arrival, and the choice
// is kept.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCandor, launchBrowser, openPage, screenshots, wcagViolations, tabTo, sidewaysOverflow, signIn as signInAs } from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });


const signIn = (page, email) => signInAs(page, candor, email);

async function press(page, label, key = "Enter") {
  await tabTo(page, label);
  await page.keyboard.press(key);
}

test("an_invitation_says_its_link_went_by_mail_and_still_shows_it_once", async () => {
  const shot = screenshots("invites_by_mail");
  const page = await openPage(browser);
  await signIn(page, "admin@northwind.example");
  await press(page, "People");
  await page.getByRole("cell", { name: /Maria Admin/ }).waitFor();
  await tabTo(page, "Name");
  await page.keyboard.type("Grace Hopper");
  await tabTo(page, "E-mail");
  await page.keyboard.type("grace@northwind.example");
  await press(page, "Invite");
  const shown = page.getByRole("status").filter({ hasText: "Set-password link for Grace Hopper" });
  await shown.waitFor();
  await shown.getByText("It is on its way to them by mail too. It works once, for 72 hours, and won't be shown here again.").waitFor();
  assert.match((await shown.locator("code").textContent()).trim(), /\/console\/#set-password=p_/);
  assert.deepEqual(await wcagViolations(page), [], "people");
  await shot(page, "invited");
  assert.deepEqual(page.problems, []);
});

test("a_recruiter_chooses_a_morning_digest_with_the_keyboard_on_a_phone", async () => {
  const shot = screenshots("notifications");
  const page = await openPage(browser, { viewport: { width: 320, height: 800 } });
  await signIn(page, "recruiter@northwind.example");
  await press(page, "Settings");
  await page.getByRole("heading", { name: "Your notifications" }).waitFor();
  // The demo's people start with no mail.
  const none = page.getByRole("radio", { name: "No mail: I look in the console" });
  const digest = page.getByRole("radio", { name: /^One mail each morning of what waits/ });
  assert.equal(await none.isChecked(), true);
  assert.deepEqual(await wcagViolations(page), [], "notifications at 320 px");
  assert.deepEqual(await sidewaysOverflow(page), [], "nothing scrolls sideways at 320 px");
  await shot(page, "none");

  // Tab reaches the chosen radio; the arrow keys choose within the group.
  await tabTo(page, "No mail: I look in the console");
  await page.keyboard.press("ArrowUp");
  assert.equal(await digest.isChecked(), true, "ArrowUp chooses the digest");
  await press(page, "Save notifications");
  await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
  await shot(page, "digest-saved");

  // Kept: the server says so, and the page shows it after a reload.
  const kept = await page.evaluate(async () => (await (await fetch("/api/v1/recruiter/me/notifications")).json()).notify);
  assert.equal(kept, "digest");
  await page.reload();
  await page.getByRole("heading", { name: "Your notifications" }).waitFor();
  assert.equal(await page.getByRole("radio", { name: /^One mail each morning of what waits/ }).isChecked(), true);
  assert.deepEqual(await wcagViolations(page), [], "after the reload");
  assert.deepEqual(page.problems, []);
});
