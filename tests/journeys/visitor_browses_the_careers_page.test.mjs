// A visitor on Northwind Dental's careers page (hostile CSS, strict CSP)
// lists the open positions, narrows them down, opens one, and moves back
// and forth with the browser's buttons.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCandor, launchBrowser, openPage, screenshots, focused, focusMovesTo } from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

test("visitor_filters_opens_a_posting_and_goes_back", async () => {
  const shot = screenshots("visitor_browses_the_careers_page");
  const page = await openPage(browser);
  await page.goto(`${candor.url}/demo/`);
  const list = page.locator("candor-careers:not([posting])");
  const cards = list.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });

  await assert.doesNotReject(list.getByText("6 open positions").waitFor());
  assert.equal(await cards.count(), 6);
  await shot(page, "list");

  // The page's `* { font: 28px serif !important; color: red !important }`
  // and `div { display: inline }` don't reach into the widget.
  const title = list.getByRole("link", { name: "Dental Hygienist" });
  const style = await title.evaluate((el) => {
    const s = getComputedStyle(el);
    const card = getComputedStyle(el.closest("li"));
    return { size: s.fontSize, color: s.color, family: s.fontFamily, cardDisplay: card.display };
  });
  assert.notEqual(style.size, "28px");
  assert.notEqual(style.color, "rgb(255, 0, 0)");
  assert.doesNotMatch(style.family, /^serif$/);
  assert.equal(style.cardDisplay, "grid");

  await list.getByLabel("Department").selectOption("Clinical");
  await list.getByText("2 of 6 positions match").waitFor();
  assert.deepEqual(await cards.getByRole("heading").allTextContents(), ["Dental Hygienist", "Orthodontist"]);
  await shot(page, "filtered-by-department");

  await list.getByRole("button", { name: "Clear filters" }).focus();
  await page.keyboard.press("Enter");
  await list.getByText("6 open positions").waitFor();
  // The button goes away with the filters: the focus goes back to the search, not to the page's start.
  assert.equal((await focusMovesTo(page, "candor-q")).id, "candor-q");
  await list.getByLabel("Remote only").check();
  await list.getByText("1 of 6 positions matches").waitFor();
  await list.getByLabel("Remote only").uncheck();
  await list.getByLabel("Location").selectOption("Stockholm");
  await list.getByText("2 of 6 positions match").waitFor();
  await list.getByLabel("Location").selectOption("");

  await list.getByRole("searchbox", { name: "Search" }).fill("dental hygienist");
  await list.getByText("1 of 6 positions matches").waitFor();
  await list.getByRole("searchbox", { name: "Search" }).fill("astronaut");
  await list.getByText("No positions match your filters.").waitFor();
  await shot(page, "nothing-matches");
  await list.getByRole("searchbox", { name: "Search" }).fill("hygienist");
  await list.getByLabel("Department").selectOption("Clinical");
  await list.getByText("1 of 6 positions matches").waitFor();

  await list.getByRole("link", { name: "Dental Hygienist" }).click();
  const heading = list.getByRole("heading", { level: 2, name: "Dental Hygienist" });
  await heading.waitFor();
  assert.match(page.url(), /#candor\/northwind\/dental-hygienist$/);
  assert.ok(await heading.evaluate((h) => h.getRootNode().activeElement === h), "focus moves to the posting's heading");
  const stages = list.getByRole("region", { name: "What to expect" }).getByRole("listitem");
  assert.equal(await stages.count(), 5);
  await assert.doesNotReject(stages.first().getByText("usually 4 days").waitFor());
  await list.getByText("5 steps · about 22 days in total").waitFor();
  await list.getByText(/€3,300\s?–\s?€3,900 per month/).first().waitFor();
  const jsonLd = await page.locator('head script[type="application/ld+json"][data-candor-posting="northwind/dental-hygienist"]').textContent();
  const posting = JSON.parse(jsonLd);
  assert.equal(posting["@type"], "JobPosting");
  assert.equal(posting.title, "Dental Hygienist");
  assert.equal(posting.hiringOrganization.name, "Northwind Dental");
  assert.equal(posting.baseSalary.value.minValue, 3300);
  assert.equal(posting.directApply, true, "Google's directApply: the form is on this page");
  assert.equal(posting.validThrough, undefined, "no closing day, so none is claimed");
  await shot(page, "posting");

  await page.goBack();
  await list.getByText("1 of 6 positions matches").waitFor();
  assert.equal(await list.getByRole("searchbox", { name: "Search" }).inputValue(), "hygienist", "the list is as it was left");
  assert.equal(await list.getByLabel("Department").inputValue(), "Clinical", "the filters too");
  assert.equal(await page.locator('head script[data-candor-posting="northwind/dental-hygienist"]').count(), 0, "JSON-LD goes with the posting");
  await shot(page, "back-to-list");

  await page.goForward();
  await heading.waitFor();
  await list.getByRole("link", { name: "All open positions" }).click();
  await list.getByText("1 of 6 positions matches").waitFor();
  const onCard = await list.getByRole("link", { name: "Dental Hygienist" }).evaluate((a) => a.getRootNode().activeElement === a);
  assert.ok(onCard, "focus returns to the posting's card");

  assert.deepEqual(page.problems, []);
});

test("a_deep_link_opens_the_posting_and_two_widgets_work_independently", async () => {
  const shot = screenshots("deep_link_and_two_widgets");
  const page = await openPage(browser);
  await page.goto(`${candor.url}/demo/#candor/northwind/orthodontist`);
  const list = page.locator("candor-careers:not([posting])");
  const featured = page.locator("candor-careers[posting]");
  await list.getByRole("heading", { level: 2, name: "Orthodontist" }).waitFor();
  await featured.getByRole("heading", { level: 2, name: "Senior Backend Engineer (Rust)" }).waitFor();
  // The featured widget is fixed on its posting: no way back to a list it doesn't have.
  assert.equal(await featured.getByRole("link", { name: "All open positions" }).count(), 0);
  await list.getByText("6 steps · about 39 days in total").waitFor();
  await shot(page, "deep-link");

  // Theming: the host sets --candor-accent on the featured element only.
  const accent = (widget) => widget.locator(".stage-number").first().evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(await accent(featured), "rgb(109, 40, 217)", "the host's --candor-accent");
  assert.equal(await accent(list), "rgb(15, 118, 110)", "the company's accent colour");
  const font = await featured.getByRole("heading", { level: 2 }).evaluate((el) => getComputedStyle(el).fontFamily);
  assert.match(font, /Georgia/);

  await list.getByRole("link", { name: "All open positions" }).click();
  await list.getByText("6 open positions").waitFor();
  await featured.getByRole("heading", { level: 2, name: "Senior Backend Engineer (Rust)" }).waitFor();
  assert.equal(await page.locator('head script[type="application/ld+json"]').count(), 1, "only the featured posting's data remains");
  await shot(page, "list-beside-featured");

  await page.goto(`${candor.url}/demo/#candor/northwind/practice-manager`);
  await list.getByText("This position is no longer open.").waitFor();
  await page.goto(`${candor.url}/demo/#candor/northwind/no-such-job`);
  await list.getByText("This position doesn't exist. It may have been removed.").waitFor();
  await shot(page, "unknown-posting");
  assert.deepEqual(page.problems, []);
});
