// axe-core finds no WCAG 2.1 A/AA violation in the widget's views, and the
// list can be used with the keyboard alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCandor, launchBrowser, openPage, screenshots, wcagViolations } from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

test("list_and_posting_have_no_wcag_violations", async () => {
  const page = await openPage(browser);
  await page.goto(`${candor.url}/demo/`);
  const list = page.locator("candor-careers:not([posting])");
  await list.getByText("6 open positions").waitFor();
  await page.locator("candor-careers[posting]").getByRole("heading", { level: 2 }).waitFor();
  assert.deepEqual(await wcagViolations(page, "candor-careers"), [], "list view");

  await list.getByRole("link", { name: "Patient Experience Coordinator" }).click();
  await list.getByRole("heading", { level: 2, name: "Patient Experience Coordinator" }).waitFor();
  assert.deepEqual(await wcagViolations(page, "candor-careers"), [], "posting view");
});

test("error_and_finnish_views_have_no_wcag_violations", async () => {
  const page = await openPage(browser);
  await page.goto(`${candor.url}/demo/api-down/`);
  await page.locator("candor-careers").getByRole("button", { name: "Try again" }).waitFor();
  assert.deepEqual(await wcagViolations(page, "candor-careers"), [], "error view");
  await page.goto(`${candor.url}/demo/fi/#candor/northwind/dental-hygienist`);
  await page.locator("candor-careers").getByRole("heading", { level: 2 }).waitFor();
  assert.deepEqual(await wcagViolations(page, "candor-careers"), [], "Finnish posting view");
});

test("keyboard_only_visitor_filters_and_opens_a_posting", async () => {
  const shot = screenshots("keyboard_only");
  const page = await openPage(browser);
  await page.goto(`${candor.url}/demo/`);
  const list = page.locator("candor-careers:not([posting])");
  await list.getByText("6 open positions").waitFor();
  await list.getByRole("searchbox", { name: "Search" }).focus();
  await page.keyboard.type("analyst");
  await list.getByText("1 of 6 positions matches").waitFor();
  // Tab past the filters and "Clear filters" to the one card, and open it.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    const onCard = await list.getByRole("link", { name: "Data Analyst" }).evaluate((a) => a.getRootNode().activeElement === a);
    if (onCard) break;
  }
  await shot(page, "card-focused");
  await page.keyboard.press("Enter");
  await list.getByRole("heading", { level: 2, name: "Data Analyst" }).waitFor();
  await shot(page, "posting-opened");
});
