// A talent-pool member asks, on their status page and with the keyboard
// alone, to be mailed when a position opens in a department they choose
// (the company's open postings' departments and places are the choices; an
// empty group means any). The choice is still there after a reload; when an
// admin opens a matching posting, the alert mail reaches them (the demo's
// mailbox); and they can stop these mails again.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, sidewaysOverflow, focused, focusMovesTo, tabTo, statusOf,
  candorAdmin,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

const EMAIL = "aino.alerts@example.fi";

async function applyToThePool() {
  const response = await fetch(`${candor.url}/api/v1/companies/northwind/postings/dental-hygienist/applications`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `alerts-journey-${process.pid}` },
    body: JSON.stringify({
      profile: { name: "Aino Alerts", email: EMAIL },
      answers: [{ key: "valvira", value: { yes_no: true } }, { key: "languages", value: { text: "Finnish" } }],
      consent: { data_processing: true, talent_pool: true },
    }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()).status_token;
}

/** An admin's recruiter API call (the demo's own token is not an admin's). */
async function asAdmin(token, method, path, body) {
  const response = await fetch(`${candor.url}/api/v1/recruiter/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.ok(response.ok, `${path}: ${response.status} ${await response.clone().text()}`);
}

test("a_pool_member_chooses_a_department_and_hears_when_a_matching_position_opens", async () => {
  const shot = screenshots("talent_pool_alerts");
  const token = await applyToThePool();
  const page = await openPage(browser);
  await page.goto(`${candor.url}/status#${token}`);
  const pool = page.locator("candor-application").getByRole("region", { name: "Talent pool" });
  const form = pool.getByRole("form", { name: "Mail me when a matching position opens" });
  const departments = form.getByRole("group", { name: "Departments" });
  await departments.getByRole("checkbox", { name: "Clinical", exact: true }).waitFor();
  await form.getByRole("group", { name: "Places" }).getByRole("checkbox").first().waitFor();
  assert.equal(await form.getByRole("button", { name: "Stop these mails" }).count(), 0, "nothing to stop yet");

  // With the keyboard alone: tick Clinical, then Save.
  await tabTo(page, "Clinical");
  await page.keyboard.press("Space");
  assert.ok(await departments.getByRole("checkbox", { name: "Clinical", exact: true }).isChecked());
  await tabTo(page, "Save");
  await page.keyboard.press("Enter");
  await form.getByText("Saved: we'll mail you when a matching position opens.").waitFor();
  assert.equal((await focusMovesTo(page, "candor-alerts-title")).id, "candor-alerts-title", "the focus goes to the form's heading");
  assert.deepEqual((await statusOf(candor, token)).talent_pool_alerts, { departments: ["Clinical"], places: [] });
  for (const width of [1280, 390, 320]) {
    await page.setViewportSize({ width, height: 900 });
    assert.deepEqual(await sidewaysOverflow(page), [], `no sideways scroll at ${width}`);
    assert.deepEqual(await wcagViolations(page, "candor-application"), [], `the alerts form at ${width}`);
    await shot(page, `saved-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // After a reload the saved choice is what the boxes show.
  await page.reload();
  await form.getByText("You get a mail when a matching position opens.").waitFor();
  const clinical = departments.getByRole("checkbox", { name: "Clinical", exact: true });
  await clinical.waitFor();
  assert.ok(await clinical.isChecked(), "the saved department is ticked");
  assert.equal(await departments.getByRole("checkbox", { checked: true }).count(), 1);

  // An admin opens a Clinical posting: the alert reaches Aino.
  const admin = (await candorAdmin(candor, "token", "create", "--company", "northwind", "--role", "admin", "--name", "Alerts")).trim();
  await asAdmin(admin, "POST", "postings", {
    slug: "dental-nurse-alerts", title: "Dental Nurse", department: "Clinical",
    location: { city: "Oulu", country: "fi" }, workplace: "on_site", employment_type: "full_time",
    teaser: "Chairside with our Oulu team.", description: "You assist our dentists.",
    stages: [{ name: "Application review", expected_days: 5 }], screening_questions: [],
  });
  await asAdmin(admin, "POST", "postings/dental-nurse-alerts/status", { status: "open" });
  const mailbox = await openPage(browser);
  let alert;
  for (let i = 0; i < 30; i++) {
    await mailbox.goto(`${candor.url}/demo/mailbox/`);
    await mailbox.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    alert = mailbox.getByRole("list", { name: "Mails, newest first" }).getByRole("listitem")
      .filter({ hasText: EMAIL }).filter({ hasText: "Northwind Dental has opened a position: Dental Nurse" });
    if (await alert.count() > 0) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  assert.equal(await alert.count(), 1, "one alert mail for Aino");
  await shot(mailbox, "mailbox");

  // And she stops them.
  await tabTo(page, "Stop these mails");
  await page.keyboard.press("Enter");
  await form.getByText("Stopped: no more mails about new positions.").waitFor();
  assert.equal((await focusMovesTo(page, "candor-alerts-title")).id, "candor-alerts-title");
  assert.equal((await statusOf(candor, token)).talent_pool_alerts, undefined);
  assert.equal(await departments.getByRole("checkbox", { checked: true }).count(), 0);
  await shot(page, "stopped");
  assert.deepEqual(page.problems, []);
});
