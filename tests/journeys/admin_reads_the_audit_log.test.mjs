// An admin reads the audit log: a recruiter's token viewed an application
// and its candidate exported it; the admin, signed in, invited someone,
// changed their role and made an API token. Each shows once, with who did
// it; the log is filtered by action and by person with a select each; it
// passes axe and fits 1280, 390 and 320 px, its table scrolling in its own
// named box. A recruiter is told the log is an admin's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, applyThroughApi, recruiter, applicationId,
  sidewaysOverflow, signIn,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

/** A call of the recruiter API with the signed-in person's session. */
async function asSignedIn(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const { csrf_token } = await (await fetch("/console/api/session")).json();
    const r = await fetch(`/api/v1/recruiter/${path}`, {
      method, headers: { "content-type": "application/json", "x-csrf-token": csrf_token }, body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  }, { method, path, body });
}

test("an_admin_reads_who_did_what_and_filters_it", async () => {
  const shot = screenshots("admin_reads_the_audit_log");
  const ack = await applyThroughApi(candor, { email: "aino.audit@example.fi", name: "Aino Audit" });
  const id = await applicationId(candor, "aino.audit@example.fi");
  await recruiter(candor, "GET", `applications/${id}`);
  const exported = await fetch(`${candor.url}/api/v1/application/export`, { headers: { "Candor-Application": ack.status_token } });
  assert.equal(exported.status, 200);

  const page = await openPage(browser);
  await signIn(page, candor, "admin@northwind.example", { path: "/console/audit" });
  const invited = await asSignedIn(page, "POST", "people", { email: "ada.audit@northwind.example", name: "Ada Audit", role: "viewer" });
  await asSignedIn(page, "PUT", `people/${invited.person.id}/role`, { role: "recruiter" });
  await asSignedIn(page, "POST", "tokens", { name: "Payroll sync", role: "viewer" });

  await page.reload();
  await page.getByRole("heading", { level: 2, name: "Audit log" }).waitFor();
  const rows = page.locator("tbody tr");
  await rows.first().waitFor();
  assert.equal(await rows.count(), 5);
  const texts = await rows.allTextContents();
  assert.match(texts[0], /Made an API token/);
  assert.match(texts[0], /Payroll sync/);
  assert.match(texts[1], /Changed a role/);
  assert.match(texts[1], /Ada Audit: viewer → recruiter/);
  assert.match(texts[2], /Invited a person/);
  assert.match(texts[3], /The candidate/);
  assert.match(texts[3], /Exported their application/);
  assert.match(texts[4], /API token “/);
  assert.match(texts[4], /Viewed an application/);
  assert.ok(!texts.join(" ").includes("aino.audit@example.fi"), "no candidate's address");
  assert.ok(!texts.join(" ").includes("Aino Audit"), "no candidate's name");
  const box = page.getByRole("region", { name: "Audit log entries" });
  assert.equal(await box.getAttribute("tabindex"), "0", "the table's box is reached by the keyboard");
  await shot(page, "all-1280");
  assert.deepEqual(await wcagViolations(page), [], "the audit log");

  // By action, then by person (the signed-in admin), with the keyboard.
  await page.getByLabel("Action").focus();
  await page.getByLabel("Action").selectOption("role_changed");
  await page.waitForFunction(() => document.querySelectorAll("tbody tr").length === 1);
  assert.match(await rows.first().textContent(), /Changed a role/);
  await shot(page, "by-action");
  await page.getByLabel("Action").selectOption("");
  const people = await asSignedIn(page, "GET", "people");
  const me = people.find((p) => p.is_you);
  await page.getByLabel("Person").selectOption(String(me.id));
  await page.waitForFunction(() => document.querySelectorAll("tbody tr").length === 3);
  for (const text of await rows.allTextContents()) assert.ok(text.includes(me.name), text);
  assert.deepEqual(await wcagViolations(page), [], "the filtered log");

  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(100);
    await shot(page, `by-person-${width}`);
    assert.deepEqual(await sidewaysOverflow(page), [], `the audit log at ${width} px`);
    assert.deepEqual(await wcagViolations(page), [], `the audit log at ${width} px`);
  }
  assert.deepEqual(page.problems, []);

  // A recruiter is told it is an admin's.
  const other = await openPage(browser);
  await signIn(other, candor, "recruiter@northwind.example", { path: "/console/audit" });
  await other.getByText("Only an admin can read the audit log.").waitFor();
});
