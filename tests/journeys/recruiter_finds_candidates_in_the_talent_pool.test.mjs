// Candidates who chose the talent pool when applying are kept for the
// company's later openings: a recruiter finds them in the console by skill
// and place, with the day their consent lasts to, and opens the application
// they joined with; a candidate sees on their status page until when they
// are in the pool and leaves it, and is gone from the recruiter's list.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, signIn, sidewaysOverflow, focused, focusMovesTo,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

let n = 0;
async function applyToThePool(name, email, location, skills) {
  const response = await fetch(`${candor.url}/api/v1/companies/northwind/postings/dental-hygienist/applications`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `pool-journey-${process.pid}-${++n}` },
    body: JSON.stringify({
      profile: { name, email, location, skills, headline: "Dental hygienist" },
      answers: [{ key: "valvira", value: { yes_no: true } }, { key: "languages", value: { text: "Finnish" } }],
      consent: { data_processing: true, talent_pool: true },
    }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()).status_token;
}

test("a_recruiter_searches_the_pool_and_a_candidate_leaves_it", async () => {
  const shot = screenshots("talent_pool");
  const aino = await applyToThePool("Aino Pool", "aino.pool@example.fi", "Tampere", ["Periodontal care", "Sedation"]);
  await applyToThePool("Eero Pool", "eero.pool@example.fi", "Helsinki", ["Orthodontics"]);

  const page = await openPage(browser);
  await signIn(page, candor, "recruiter@northwind.example");
  await page.getByRole("link", { name: "Talent pool" }).click();
  await page.getByRole("heading", { level: 2, name: "Talent pool" }).waitFor();
  const table = page.getByRole("table");
  await table.getByRole("link", { name: "Aino Pool" }).waitFor();
  await table.getByRole("link", { name: "Eero Pool" }).waitFor();
  assert.deepEqual(await wcagViolations(page), [], "the pool");
  await shot(page, "all");

  // Searched with the keyboard alone.
  await page.getByLabel("Skill").focus();
  await page.keyboard.type("periodontal");
  await page.keyboard.press("Tab");
  await page.keyboard.type("tampere");
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "1 in the pool" }).waitFor();
  assert.equal(await table.getByRole("link", { name: "Eero Pool" }).count(), 0);
  const row = table.getByRole("row", { name: /Aino Pool/ });
  await row.getByText("Periodontal care, Sedation").waitFor();
  await row.getByText("Dental Hygienist", { exact: true }).waitFor();
  assert.equal(await focused(page).then((f) => f?.id ?? f), "pool-place", "focus stays where the person was");
  await shot(page, "searched");
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 800 });
    assert.deepEqual(await sidewaysOverflow(page), [], `no sideways scroll at ${width}`);
    assert.deepEqual(await wcagViolations(page), [], `the pool at ${width}`);
    await shot(page, `phone-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await row.getByRole("link", { name: "Aino Pool" }).click();
  await page.getByRole("heading", { name: /Aino Pool/ }).first().waitFor();

  // The candidate sees it on their status page and leaves.
  const candidate = await openPage(browser);
  await candidate.goto(`${candor.url}/status#${aino}`);
  const status = candidate.locator("candor-application");
  const pool = status.getByRole("region", { name: "Talent pool" });
  await pool.getByText(/You're in Northwind Dental's talent pool until/).waitFor();
  assert.deepEqual(await wcagViolations(candidate, "candor-application"), [], "status with the pool");
  await shot(candidate, "status");
  await pool.getByRole("button", { name: "Leave the talent pool" }).click();
  await pool.getByText("You left the talent pool. Your application itself is unchanged.").waitFor();
  assert.equal(await pool.getByRole("button", { name: "Leave the talent pool" }).count(), 0);
  assert.equal((await focusMovesTo(candidate, "candor-pool-title")).id, "candor-pool-title", "the focus goes to the section, not the page's start");
  await shot(candidate, "left");

  await page.getByRole("link", { name: "Talent pool" }).click();
  await table.getByRole("link", { name: "Eero Pool" }).waitFor();
  assert.equal(await table.getByRole("link", { name: "Aino Pool" }).count(), 0, "gone from the pool");
  assert.deepEqual(page.problems, []);
  assert.deepEqual(candidate.problems, []);
});
