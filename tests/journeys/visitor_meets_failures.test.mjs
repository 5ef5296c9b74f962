// What a visitor sees while waiting and when something fails: a skeleton
// that keeps the page steady, an error with a retry, an empty company.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCandor, launchBrowser, openPage, screenshots } from "../support/candor.mjs";

// The list, whatever its query (the widget asks in its language: ?lang=en).
const LIST = /\/api\/v1\/companies\/northwind\/postings(\?.*)?$/;

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

test("api_down_page_shows_the_error_state", async () => {
  const shot = screenshots("api_down");
  const page = await openPage(browser);
  await page.goto(`${candor.url}/demo/api-down/`);
  const widget = page.locator("candor-careers");
  await widget.getByRole("alert").getByText("We couldn't load the open positions.").waitFor();
  await widget.getByRole("button", { name: "Try again" }).waitFor();
  await shot(page, "error");
  // Retrying against a server that is still down fails again, visibly.
  await widget.getByRole("button", { name: "Try again" }).click();
  await widget.getByRole("alert").waitFor();
});

test("retry_recovers_once_the_api_answers", async () => {
  const shot = screenshots("retry_after_failure");
  const page = await openPage(browser);
  await page.route(LIST, (route) => route.abort("connectionrefused"));
  await page.goto(`${candor.url}/demo/`);
  const list = page.locator("candor-careers:not([posting])");
  await list.getByRole("button", { name: "Try again" }).waitFor();
  await shot(page, "failed");
  await page.unroute(LIST);
  await list.getByRole("button", { name: "Try again" }).click();
  await list.getByText("6 open positions").waitFor();
  await shot(page, "recovered");
});

test("a_slow_api_shows_a_skeleton_of_the_same_height", async () => {
  const shot = screenshots("slow_api");
  const page = await openPage(browser);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(LIST, async (route) => { await held; await route.continue(); });
  await page.goto(`${candor.url}/demo/`);
  const list = page.locator("candor-careers:not([posting])");
  await list.getByRole("status").getByText("Loading open positions…").waitFor({ state: "attached" });
  const skeleton = await list.locator(".skeleton").boundingBox();
  assert.ok(skeleton.height >= 400, `the skeleton reserves space (${skeleton.height}px)`);
  await shot(page, "loading");
  release();
  await list.getByText("6 open positions").waitFor();
});

test("a_company_without_open_positions_says_so", async () => {
  const shot = screenshots("no_open_positions");
  const page = await openPage(browser);
  await page.route(LIST, (route) => route.fulfill({
    contentType: "application/json",
    body: JSON.stringify({ postings: [], total_open: 0, facets: { departments: [], locations: [], remote: 0 } }),
  }));
  await page.goto(`${candor.url}/demo/`);
  const list = page.locator("candor-careers:not([posting])");
  await list.getByText("No open positions right now").waitFor();
  await shot(page, "empty");
  assert.deepEqual(page.problems, []);
});
