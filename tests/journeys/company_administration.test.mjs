// Running the company from the console, keyboard only and axe-core clean:
// an admin writes a posting with its process and a screening question,
// opens it and candidates see it on the careers page; changes the company's
// accent colour and the careers page follows; invites a recruiter, who sets
// their own password from the one-time link and signs in. Every view of the
// console is reached with Tab alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCandor, launchBrowser, openPage, screenshots, wcagViolations, applyThroughApi, recruiter, tabTo, focused, signIn as signInAs } from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

const PASSWORD = "northwind-demo-2026";

const signIn = (page, email, password = PASSWORD) => signInAs(page, candor, email, { password });

async function typeInto(page, label, text) {
  await tabTo(page, label);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

/** The focused element's id once focus has settled (the console moves it a frame later). */
async function focusedId(page, wanted) {
  let at;
  for (let i = 0; i < 40; i++) {
    at = await focused(page);
    if (at.id === wanted) break;
    await page.waitForTimeout(50);
  }
  return at.id;
}

async function press(page, label, key = "Enter") {
  await tabTo(page, label);
  await page.keyboard.press(key);
}

test("every_console_view_is_reached_with_the_keyboard_and_axe_clean", async () => {
  const shot = screenshots("console_views");
  await applyThroughApi(candor, { email: "kaisa.keyboard@example.fi", name: "Kaisa Keyboard" });
  const page = await openPage(browser);
  await signIn(page, "admin@northwind.example");
  const views = [
    ["Postings", "Postings"],
    ["Metrics", "How candidates are treated, overall"],
    ["Settings", "Company settings"],
    ["People", "People"],
    ["API tokens", "API tokens"],
    ["Inbox", "Questions waiting for an answer"],
  ];
  for (const [nav, heading] of views) {
    await press(page, nav);
    await page.getByRole("heading", { level: 2, name: heading }).first().waitFor();
    assert.deepEqual(await wcagViolations(page), [], nav);
    await shot(page, nav.toLowerCase().replace(/ /g, "-"));
  }
  // From the inbox's posting table to one application and its actions, by keyboard too.
  await press(page, "Dental Hygienist");
  await page.getByRole("heading", { name: "Applications · Dental Hygienist" }).waitFor();
  assert.deepEqual(await wcagViolations(page), [], "applications");
  await press(page, "Kaisa Keyboard");
  await page.getByRole("heading", { name: "Timeline, as the candidate sees it" }).waitFor();
  await tabTo(page, "Personal message to the candidate");
  await page.keyboard.type("Thank you, Kaisa. We read every application within the week.");
  assert.deepEqual(await wcagViolations(page), [], "application");
  await shot(page, "application");
  assert.deepEqual(page.problems, []);
});

test("an_admin_writes_a_posting_opens_it_and_candidates_see_it", async () => {
  const shot = screenshots("posting_administration");
  const page = await openPage(browser);
  await signIn(page, "admin@northwind.example");
  await press(page, "Postings");
  const table = page.getByRole("table");
  await table.getByRole("row", { name: /Dental Hygienist/ }).waitFor();
  await press(page, "New posting");
  await page.getByRole("heading", { name: "New posting" }).waitFor();
  assert.deepEqual(await wcagViolations(page), [], "new posting");

  await typeInto(page, "Title", "Dental Assistant");
  assert.equal(await page.getByLabel("Address").inputValue(), "dental-assistant", "the address follows the title");
  await typeInto(page, "Department", "Clinical");
  await typeInto(page, "City", "Tampere");
  await typeInto(page, "Country code", "fi");
  await typeInto(page, "One line that sells the role (shown on the card)", "Chairside with a team that explains things.");
  await press(page, "Show a salary range (candidates look for it first)", "Space");
  await typeInto(page, "From", "2400");
  await typeInto(page, "To", "2900");
  // A new row brings the focus to its first field.
  await press(page, "Add a stage");
  // The focus moves once the row is drawn, the next frame.
  await page.waitForFunction((id) => document.activeElement?.id === id, "posting-stages-1--name", { timeout: 2000 });
  await page.keyboard.type("Interview at the clinic");
  await typeInto(page, "Stage 2 Expected days", "6");
  await press(page, "Add a question");
  // The focus moves once the row is drawn, the next frame.
  await page.waitForFunction((id) => document.activeElement?.id === id, "posting-screening-questions-0--prompt", { timeout: 2000 });
  await page.keyboard.type("Do you hold a dental assistant qualification?");
  // The shared rules answer before the server: the description is missing.
  await press(page, "Save as draft");
  await page.getByRole("alert").filter({ hasText: "Description: Required." }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "posting-description", "focus goes to the field at fault");
  await page.keyboard.type("You prepare the room, assist chairside and keep instruments sterile.\n\nWe train you on our scanners.");
  await shot(page, "editor-filled");
  await press(page, "Save as draft");
  await page.getByText("“Dental Assistant” saved as a draft: open it when it is ready.").waitFor();
  const row = table.getByRole("row", { name: /Dental Assistant/ });
  await row.getByText("Draft").waitFor();
  await shot(page, "draft-listed");

  // Not on the careers page until opened.
  const visitor = await openPage(browser);
  await visitor.goto(`${candor.url}/demo/#candor/northwind/dental-assistant`);
  const widget = visitor.locator("candor-careers:not([posting])");
  await widget.getByText("This position doesn't exist. It may have been removed.").waitFor();

  await press(page, "Open Dental Assistant");
  await page.getByText("“Dental Assistant” is open now.").waitFor();
  await row.getByText("Open", { exact: true }).waitFor();
  const fresh = await openPage(browser);
  await fresh.goto(`${candor.url}/demo/#candor/northwind/dental-assistant`);
  const posting = fresh.locator("candor-careers:not([posting])");
  await posting.getByRole("heading", { name: "Dental Assistant" }).first().waitFor();
  await posting.getByText("Interview at the clinic").waitFor();
  await shot(fresh, "on-the-careers-page");

  // Once someone has applied, stages can no longer be removed.
  await applyThroughApi(candor, {
    posting: "dental-assistant", email: "assistant@example.fi",
    answers: [{ key: "do-you-hold-a-dental-assistant-qualification", value: { yes_no: true } }],
  });
  await page.reload();
  await press(page, "Postings");
  await row.getByRole("cell", { name: "1", exact: true }).waitFor();
  await press(page, "Edit Dental Assistant");
  await page.getByRole("heading", { name: "Edit posting" }).waitFor();
  assert.equal(await page.getByLabel("Address").isDisabled(), true, "the address stays");
  assert.equal(await page.getByRole("button", { name: /Remove stage/ }).count(), 0);
  await page.getByText(/stages can be renamed, retimed and added, but not removed/).waitFor();
  await typeInto(page, "Title", "Dental Assistant (Tampere)");
  await shot(page, "editing");
  assert.deepEqual(await wcagViolations(page), [], "edit posting");
  await press(page, "Save changes");
  await page.getByText("“Dental Assistant (Tampere)” saved.").waitFor();

  await press(page, "Close Dental Assistant (Tampere)");
  await page.getByText("“Dental Assistant (Tampere)” is closed now.").waitFor();
  await table.getByRole("row", { name: /Dental Assistant/ }).getByText("Closed").waitFor();
  await shot(page, "closed");
  const after = await openPage(browser);
  await after.goto(`${candor.url}/demo/#candor/northwind/dental-assistant`);
  await after.locator("candor-careers:not([posting])").getByText("This position is no longer open.").waitFor();
  assert.deepEqual(page.problems, []);
});

test("an_admin_changes_the_accent_colour_and_the_careers_page_follows", async () => {
  const shot = screenshots("company_settings");
  const before = await recruiter(candor, "GET", "company");
  const page = await openPage(browser);
  await signIn(page, "admin@northwind.example");
  try {
    await press(page, "Settings");
    await page.getByRole("heading", { name: "Company settings" }).waitFor();
    await typeInto(page, "Accent colour", "#7c3aed");
    await typeInto(page, "Logo address (optional)", `${candor.url}/demo/logo.svg`);
    await typeInto(page, "Silence alarm after (days without word)", "0");
    await press(page, "Save settings");
    await page.getByRole("alert").filter({ hasText: "Silence alarm after (days without word): Must be from 1 to 60." }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "settings-alarm", "focus goes to the field at fault");
    await typeInto(page, "Silence alarm after (days without word)", "5");
    await press(page, "Save settings");
    await page.getByText("Saved. Careers pages show the change on their next visit.").waitFor();
    await shot(page, "saved");
    assert.deepEqual(await wcagViolations(page), [], "settings");

    const visitor = await openPage(browser);
    await visitor.goto(`${candor.url}/demo/`);
    const careers = visitor.locator("candor-careers:not([posting])");
    await careers.getByRole("heading", { name: "Dental Hygienist" }).first().waitFor();
    const accent = await careers.locator(".candor").evaluate((el) => getComputedStyle(el).getPropertyValue("--company-accent").trim());
    assert.equal(accent, "#7c3aed");
    await shot(visitor, "careers-page-in-the-new-colour");

    // Candor's own status page carries the company's logo.
    const ack = await applyThroughApi(candor, { email: "logo@example.fi", name: "Lotta Logo" });
    const status = await openPage(browser);
    await status.goto(`${candor.url}/status#${ack.status_token}`);
    const logo = status.locator("candor-application").getByRole("img", { name: "Northwind Dental" });
    await logo.waitFor();
    assert.ok(await logo.evaluate((img) => img.complete && img.naturalWidth > 0), "the logo loads under the page's CSP");
    await shot(status, "status-page-with-logo");
    assert.deepEqual(status.problems, []);

    // A viewer reads the settings but changes nothing.
    const viewer = await openPage(browser);
    await signIn(viewer, "viewer@northwind.example");
    await press(viewer, "Settings");
    await viewer.getByText("Only admins change these.").waitFor();
    assert.equal(await viewer.getByLabel("Accent colour").isDisabled(), true);
    assert.equal(await viewer.getByRole("button", { name: "Save settings" }).count(), 0);
    assert.equal(await viewer.getByRole("link", { name: "People" }).count(), 0, "no People view for a viewer");
    assert.deepEqual(page.problems, []);
  } finally {
    // Put the demo's look back for the other journeys, as the admin.
    const restored = await page.evaluate(async (settings) => {
      const { csrf_token } = await (await fetch("/console/api/session")).json();
      const r = await fetch("/api/v1/recruiter/company", { method: "PUT", headers: { "content-type": "application/json", "x-csrf-token": csrf_token }, body: JSON.stringify(settings) });
      return r.status;
    }, before);
    assert.equal(restored, 200);
  }
});

test("an_admin_cannot_choose_an_accent_colour_that_leaves_text_unreadable", async () => {
  const shot = screenshots("accent_contrast");
  const before = await recruiter(candor, "GET", "company");
  const page = await openPage(browser);
  await signIn(page, "admin@northwind.example");
  try {
    await press(page, "Settings");
    await page.getByRole("heading", { name: "Company settings" }).waitFor();
    // The yellow: white button text on it reads at 1.3:1.
    await typeInto(page, "Accent colour", "#fde047");
    await press(page, "Save settings");
    await page.getByRole("alert").filter({
      hasText: "Accent colour: Choose a darker colour: its contrast with white text and with the page must be at least 4.5:1 (WCAG AA); this one has 1.2:1.",
    }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "settings-accent", "focus goes to the field at fault");
    await shot(page, "refused");
    assert.deepEqual(await wcagViolations(page), [], "settings with the refusal");
    // The refusal reads in full on a phone too.
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 900 });
      const box = await page.getByRole("alert").filter({ hasText: "Choose a darker colour" }).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= width, `the refusal within ${width} px: ${JSON.stringify(box)}`);
      await shot(page, `refused-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    // The server refuses it too, whoever sends it, with the rule's code.
    const refused = await page.evaluate(async (settings) => {
      const { csrf_token } = await (await fetch("/console/api/session")).json();
      const body = JSON.stringify({ ...settings, branding: { ...settings.branding, accent_color: "#fde047" } });
      const r = await fetch("/api/v1/recruiter/company", { method: "PUT", headers: { "content-type": "application/json", "x-csrf-token": csrf_token }, body });
      return [r.status, (await r.json()).error];
    }, before);
    assert.deepEqual([refused[0], refused[1].code, refused[1].field], [400, "low_contrast", "accent_color"]);

    // Just dark enough (4.5:1 on the widget's grey notices): accepted.
    await typeInto(page, "Accent colour", "#a16207");
    await press(page, "Save settings");
    await page.getByText("Saved. Careers pages show the change on their next visit.").waitFor();
    await shot(page, "borderline-saved");

    for (const width of [1280, 390, 320]) {
      const visitor = await openPage(browser, { viewport: { width, height: 900 } });
      await visitor.goto(`${candor.url}/demo/`);
      const careers = visitor.locator("candor-careers:not([posting])");
      await careers.getByRole("heading", { name: "Dental Hygienist" }).first().waitFor();
      const accent = await careers.locator(".candor").evaluate((el) => getComputedStyle(el).getPropertyValue("--company-accent").trim());
      assert.equal(accent, "#a16207");
      assert.deepEqual(await wcagViolations(visitor), [], `careers list at ${width}`);
      await shot(visitor, `list-${width}`);
      await careers.getByRole("link", { name: "Dental Hygienist" }).first().click();
      await careers.getByRole("button", { name: "Apply for this position" }).waitFor();
      assert.deepEqual(await wcagViolations(visitor), [], `posting at ${width}`);
      await shot(visitor, `posting-${width}`);
      assert.deepEqual(visitor.problems, []);
    }
    assert.deepEqual(page.problems, []);
  } finally {
    const restored = await page.evaluate(async (settings) => {
      const { csrf_token } = await (await fetch("/console/api/session")).json();
      const r = await fetch("/api/v1/recruiter/company", { method: "PUT", headers: { "content-type": "application/json", "x-csrf-token": csrf_token }, body: JSON.stringify(settings) });
      return r.status;
    }, before);
    assert.equal(restored, 200);
  }
});

test("an_invited_recruiter_sets_a_password_from_the_link_and_signs_in", async () => {
  const shot = screenshots("people");
  const page = await openPage(browser);
  await signIn(page, "admin@northwind.example");
  await press(page, "People");
  await page.getByRole("cell", { name: /Maria Admin/ }).waitFor();
  await typeInto(page, "Name", "Ada Lovelace");
  await typeInto(page, "E-mail", "ada@northwind.example");
  await press(page, "Invite");
  const shown = page.getByRole("status").filter({ hasText: "Set-password link for Ada Lovelace" });
  await shown.waitFor();
  const link = (await shown.locator("code").textContent()).trim();
  assert.match(link, /\/console\/#set-password=p_/);
  // Shown once, so the admin is taken to it.
  assert.equal(await focusedId(page, "link-title"), "link-title", "the link has the focus");
  await page.getByRole("row", { name: /Ada Lovelace/ }).getByText("Invited: no password yet").waitFor();
  await shot(page, "invited");
  assert.deepEqual(await wcagViolations(page), [], "people");

  // The same address again: refused in words in the form, at its field.
  await typeInto(page, "Name", "Ada Again");
  await typeInto(page, "E-mail", "ada@northwind.example");
  await press(page, "Invite");
  await page.locator("form").getByRole("alert").getByText("This e-mail address already has a console account.").waitFor();
  assert.equal(await focusedId(page, "invite-email"), "invite-email");
  await shot(page, "invited-twice");

  const ada = await openPage(browser);
  await ada.goto(link);
  await ada.getByRole("heading", { name: "Welcome to Northwind Dental, Ada Lovelace" }).waitFor();
  assert.deepEqual(await wcagViolations(ada), [], "set password");
  await typeInto(ada, "New password", "short");
  await press(ada, "Set password");
  await ada.getByText("New password: At least 12 characters.").waitFor();
  await typeInto(ada, "New password", "lovelace analytical engine");
  await typeInto(ada, "The same again", "lovelace analytical engine");
  await shot(ada, "choosing");
  await press(ada, "Set password");
  await ada.getByRole("heading", { name: "Your password is set" }).waitFor();
  await press(ada, "Go to sign-in");
  await ada.getByRole("heading", { name: "Sign in to Candor" }).waitFor();
  await signIn(ada, "ada@northwind.example", "lovelace analytical engine");
  await ada.getByText("Ada Lovelace (recruiter)").waitFor();
  await shot(ada, "signed-in");

  // The link worked once.
  const again = await openPage(browser);
  await again.goto(link);
  await again.getByRole("heading", { name: "The link does not work" }).waitFor();
  await shot(again, "used-link");
  await page.reload();
  await press(page, "People");
  await page.getByRole("row", { name: /Ada Lovelace/ }).getByText("Active").waitFor();
  // Removing asks once more, then Ada's session ends.
  await press(page, "Remove Ada Lovelace");
  await page.getByRole("button", { name: "Yes, remove Ada Lovelace" }).waitFor();
  assert.equal(await page.getByRole("row", { name: /Ada Lovelace/ }).count(), 1, "nothing removed yet");
  await page.keyboard.press("Enter");
  await page.getByRole("row", { name: /Ada Lovelace/ }).waitFor({ state: "detached" });
  await ada.reload();
  await ada.getByRole("heading", { name: "Sign in to Candor" }).waitFor();
  assert.deepEqual(ada.problems.filter((p) => !/40[14]|410/.test(p)), []);
});
