// A talent-pool consent lasts a year. In its last month the candidate's
// status page offers to renew it (the mail that asks them says it is one
// click there); they renew with the keyboard alone and see the new date.
// A consent that lapsed unrenewed takes them out of the pool, and the same
// page still lets them give it again while their application is kept.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, sidewaysOverflow, focused, focusMovesTo, tabTo, advanceClock,
  statusOf,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

let n = 0;
async function applyToThePool(name, email) {
  const response = await fetch(`${candor.url}/api/v1/companies/northwind/postings/dental-hygienist/applications`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `renew-journey-${process.pid}-${++n}` },
    body: JSON.stringify({
      profile: { name, email },
      answers: [{ key: "valvira", value: { yes_no: true } }, { key: "languages", value: { text: "Finnish" } }],
      consent: { data_processing: true, talent_pool: true },
    }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()).status_token;
}

async function poolSection(token) {
  const page = await openPage(browser);
  await page.goto(`${candor.url}/status#${token}`);
  const pool = page.locator("candor-application").getByRole("region", { name: "Talent pool" });
  return { page, pool };
}

test("a_candidate_renews_their_consent_before_and_after_it_lapses", async () => {
  const shot = screenshots("talent_pool_renewal");
  const aino = await applyToThePool("Aino Renew", "aino.renew@example.fi");
  const eero = await applyToThePool("Eero Lapse", "eero.lapse@example.fi");

  // Its last month: the page offers to renew it.
  await advanceClock(candor, 340);
  const { page, pool } = await poolSection(aino);
  await pool.getByText(/^Your consent ends soon/).waitFor();
  const before = (await statusOf(candor, aino)).talent_pool_until;
  for (const width of [1280, 390, 320]) {
    await page.setViewportSize({ width, height: 900 });
    assert.deepEqual(await sidewaysOverflow(page), [], `no sideways scroll at ${width}`);
    assert.deepEqual(await wcagViolations(page, "candor-application"), [], `the renewal offered at ${width}`);
    await shot(page, `due-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // With the keyboard alone.
  await tabTo(page, "Renew for another year");
  await page.keyboard.press("Enter");
  await pool.getByText("Renewed: you're in the talent pool for another year.").waitFor();
  assert.equal(await pool.getByRole("button", { name: "Renew for another year" }).count(), 0, "nothing more to renew");
  assert.equal((await focusMovesTo(page, "candor-pool-title")).id, "candor-pool-title", "the focus goes to the section, not the page's start");
  const after = (await statusOf(candor, aino)).talent_pool_until;
  assert.ok(after > before, `a year from today: ${before} → ${after}`);
  await pool.getByText(/^You're in Northwind Dental's talent pool until/).waitFor();
  await pool.getByRole("button", { name: "Leave the talent pool" }).waitFor();
  await shot(page, "renewed");

  // A year after applying, unrenewed: out of the pool, and renewable.
  await advanceClock(candor, 30);
  const lapsed = await poolSection(eero);
  await lapsed.pool.getByText(/^Your consent to Northwind Dental's talent pool ended on/).waitFor();
  assert.equal(await lapsed.pool.getByRole("button", { name: "Leave the talent pool" }).count(), 0);
  for (const width of [1280, 390, 320]) {
    await lapsed.page.setViewportSize({ width, height: 900 });
    assert.deepEqual(await sidewaysOverflow(lapsed.page), [], `no sideways scroll at ${width}`);
    assert.deepEqual(await wcagViolations(lapsed.page, "candor-application"), [], `lapsed at ${width}`);
    await shot(lapsed.page, `lapsed-${width}`);
  }
  await lapsed.page.setViewportSize({ width: 1280, height: 900 });
  await tabTo(lapsed.page, "Renew for another year");
  await lapsed.page.keyboard.press("Enter");
  await lapsed.pool.getByText("Renewed: you're in the talent pool for another year.").waitFor();
  await lapsed.pool.getByText(/^You're in Northwind Dental's talent pool until/).waitFor();
  assert.equal((await focusMovesTo(lapsed.page, "candor-pool-title")).id, "candor-pool-title");
  assert.ok((await statusOf(candor, eero)).talent_pool_until, "back in the pool");
  assert.deepEqual(page.problems, []);
  assert.deepEqual(lapsed.page.problems, []);
});
