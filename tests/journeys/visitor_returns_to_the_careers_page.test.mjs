// A visitor opens Northwind Dental's careers page (strict CSP, hostile CSS)
// and comes back later: the widget's first reads start with the page, not
// after the wasm, and a returning visitor sees the postings of the last
// visit at once, until the live view, ready, takes their place.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCandor, launchBrowser, openPage, screenshots, sidewaysOverflow } from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

/** Each API address the page read, with how many reads went over the network and how many the HTTP cache answered. */
async function apiReads(page) {
  return page.evaluate(() => {
    const reads = {};
    for (const e of performance.getEntriesByType("resource")) {
      const url = new URL(e.name);
      if (!url.pathname.startsWith("/api/")) continue;
      const key = url.pathname + url.search;
      reads[key] ??= { network: 0, cache: 0 };
      reads[key][e.transferSize > 0 ? "network" : "cache"] += 1;
    }
    return reads;
  });
}

test("the_widgets_first_reads_start_with_the_page_and_reach_the_server_once", async () => {
  for (const [path, expected] of [
    ["/demo/", ["/api/v1/companies/northwind", "/api/v1/companies/northwind/postings?lang=en",
      "/api/v1/companies/northwind/postings/senior-backend-engineer?lang=en"]],
    ["/demo/fi/", ["/api/v1/companies/northwind", "/api/v1/companies/northwind/postings?lang=fi"]],
    ["/demo/#candor/northwind/dental-hygienist", ["/api/v1/companies/northwind/postings/dental-hygienist?lang=en"]],
  ]) {
    const page = await openPage(browser);
    await page.goto(`${candor.url}${path}`);
    await page.waitForFunction(() => performance.getEntriesByName("candor:postings-painted").length
      || performance.getEntriesByName("candor:posting-painted").length);
    await page.waitForLoadState("networkidle");
    const reads = await apiReads(page);
    for (const address of expected) {
      // The loader's read went to the server; the widget's, the same address, was answered by the cache.
      // (Both widgets read the company.)
      const read = reads[address];
      assert.ok(read && read.network === 1 && read.cache >= 1, `${path}: ${address} read once from the server (${JSON.stringify(reads)})`);
    }
    for (const [address, read] of Object.entries(reads)) {
      assert.equal(read.network, 1, `${path}: ${address} reached the server once (${JSON.stringify(reads)})`);
    }
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test("a_returning_visitor_sees_the_last_postings_at_once_and_the_live_view_takes_over", async () => {
  const shot = screenshots("visitor_returns_to_the_careers_page");
  const page = await openPage(browser);
  const list = page.locator("candor-careers:not([posting])");
  const featured = page.locator("candor-careers[posting]");
  await page.goto(`${candor.url}/demo/`);
  await list.getByText("6 open positions").waitFor();
  await featured.getByRole("heading", { name: "Senior Backend Engineer", level: 2 }).waitFor();
  await page.waitForFunction(() => (localStorage.getItem("candor:first-views") || "").includes("Senior Backend Engineer"));

  // What was kept is what was shown: here, say the list has changed since.
  await page.evaluate(() => {
    const kept = JSON.parse(localStorage.getItem("candor:first-views"));
    for (const view of Object.values(kept.views)) view.html = view.html.replace("6 open positions", "7 open positions");
    localStorage.setItem("candor:first-views", JSON.stringify(kept));
  });

  // Next visit, with the wasm held back: the last visit's postings are
  // there, styled, inert (no control reachable yet), and marked painted.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route("**/widget/candor-widget_bg.wasm", async (route) => { await held; await route.continue(); });
  await page.reload();
  await list.getByText("7 open positions").waitFor();
  await featured.getByText("Senior Backend Engineer").first().waitFor();
  const takesFocus = await list.locator("a.card-link").first().evaluate((a) => { a.focus(); return a.getRootNode().activeElement === a; });
  assert.equal(takesFocus, false, "the drawn view is inert: nothing in it takes the focus or a click");
  assert.equal(await list.locator("li.card").count(), 6);
  const drawn = await list.locator(".candor").evaluate((el) => ({
    accent: el.style.getPropertyValue("--company-accent"),
    cardDisplay: getComputedStyle(el.querySelector("li.card")).display,
  }));
  assert.match(drawn.accent, /^#/, "the company's colour is set again, through the CSSOM");
  assert.equal(drawn.cardDisplay, "grid", "the widget's own styles apply");
  assert.ok(await page.evaluate(() => performance.getEntriesByName("candor:postings-painted").length === 1));
  await shot(page, "drawn-from-the-last-visit");

  // The wasm arrives: the live view replaces the drawn one, and answers.
  release();
  await list.getByText("6 open positions").waitFor();
  assert.equal(await page.locator("candor-careers [data-candor-first-view]").count(), 0);
  await list.getByRole("searchbox", { name: "Search" }).fill("hygienist");
  await list.getByText("1 of 6 positions matches").waitFor();
  await featured.getByRole("button", { name: "Apply for this position" }).waitFor();
  assert.equal(await page.evaluate(() => performance.getEntriesByName("candor:postings-painted").length), 1, "painted once");
  await shot(page, "live");

  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  await list.getByText("6 open positions").waitFor();
  assert.deepEqual(await sidewaysOverflow(page), []);
  assert.deepEqual(page.problems, [], "no script error, no refused inline style");
  await page.context().close();
});
