// A Finnish visitor reads the postings Northwind wrote in Finnish in
// Finnish (title, department, teaser, description, stages, questions, and the
// JSON-LD search engines read), each marked lang="fi"; a posting written only
// in English stays English and says so (lang="en"). A candidate who applied
// in Finnish follows their application in Finnish on the status page, whatever
// their browser's language, and can switch it to another language.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, sidewaysOverflow, applyThroughApi,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

/** The language a text is read in: the lang of its nearest element that has one. */
const langOf = (locator) => locator.evaluate((el) => el.closest("[lang]")?.getAttribute("lang"));

/** The JSON-LD the posting view put into the page's head. */
const jsonLd = (page) => page.evaluate(() => {
  const script = document.head.querySelector('script[type="application/ld+json"]');
  return script && JSON.parse(script.textContent);
});

for (const width of [1280, 390]) {
  test(`a_finnish_visitor_reads_finnish_postings_in_finnish_at_${width}px`, async () => {
    const shot = screenshots(`finnish_postings_${width}`);
    const page = await openPage(browser, { locale: "en-GB", viewport: { width, height: 900 } });
    await page.goto(`${candor.url}/demo/fi/`);
    const widget = page.locator("candor-careers");
    await widget.getByText("6 avointa työpaikkaa").waitFor();

    const card = widget.getByRole("link", { name: "Suuhygienisti" });
    assert.equal(await langOf(card), "fi");
    const teaser = widget.getByText("Rauhallista hoitoa: 45 minuutin käynnit, ei koskaan peräkkäin.");
    assert.equal(await langOf(teaser), "fi");
    const english = widget.getByRole("link", { name: "Orthodontist" });
    assert.equal(await langOf(english), "en", "untranslated: English, and marked so");
    assert.equal(await langOf(widget.getByText("Lead orthodontic care in our new Turku clinic.")), "en");
    // The filters speak the list's language.
    await widget.getByLabel("Osasto").selectOption("Klinikka");
    await widget.getByText("1/6 työpaikasta vastaa hakua").waitFor();
    assert.deepEqual(await sidewaysOverflow(page), []);
    assert.deepEqual(await wcagViolations(page), [], "list");
    await shot(page, "lista");

    await card.click();
    const title = widget.getByRole("heading", { level: 2, name: "Suuhygienisti" });
    await title.waitFor();
    assert.equal(await title.getAttribute("lang"), "fi");
    assert.equal(await langOf(widget.locator(".meta span").first()), "fi");
    assert.equal(await widget.locator(".meta span").first().textContent(), "Klinikka");
    const about = widget.getByRole("heading", { level: 4, name: "Työsi" });
    assert.equal(await langOf(about), "fi");
    const stage = widget.getByText("Puhelinhaastattelu", { exact: true });
    assert.equal(await langOf(stage), "fi");
    assert.equal(await langOf(widget.getByText("20 minuuttia klinikan esihenkilön kanssa.")), "fi");
    const ld = await jsonLd(page);
    assert.equal(ld.title, "Suuhygienisti");
    assert.equal(ld.inLanguage, "fi");
    assert.match(ld.description, /Kampin klinikkamme kasvaa/);
    assert.deepEqual(await sidewaysOverflow(page), []);
    assert.deepEqual(await wcagViolations(page), [], "posting");
    await shot(page, "ilmoitus");

    // The questions, in Finnish, in the application form.
    await widget.getByRole("button", { name: /^Hae/ }).first().click();
    const form = page.locator("candor-application");
    const question = form.getByText("Onko sinulla Valviran laillistus suuhygienistinä?", { exact: false });
    await question.first().waitFor();
    assert.equal(await langOf(question.first()), "fi");
    await form.getByText("Millä kielillä voit hoitaa potilaita?", { exact: false }).first().waitFor();
    // (The form's reflow at phone width is its own journey's: issue 11, item 1.)
    await shot(page, "hakemus");

    // A posting written only in English: its texts, and its JSON-LD, in English.
    await page.goto(`${candor.url}/demo/fi/#candor/northwind/orthodontist`);
    const heading = widget.getByRole("heading", { level: 2, name: "Orthodontist" });
    await heading.waitFor();
    assert.equal(await heading.getAttribute("lang"), "en");
    await widget.getByRole("heading", { level: 3, name: "Mitä on luvassa" }).waitFor();
    assert.equal(await langOf(widget.getByText("Contract signing", { exact: true })), "en");
    const englishLd = await jsonLd(page);
    assert.equal(englishLd.inLanguage, "en");
    assert.equal(englishLd.title, "Orthodontist");
    assert.deepEqual(await wcagViolations(page), [], "untranslated posting");
    await shot(page, "englanniksi");
    assert.deepEqual(page.problems, []);
  });
}

test("the_status_page_speaks_the_language_applied_in_with_a_switcher", async () => {
  const shot = screenshots("status_in_the_language_applied_in");
  const ack = await applyThroughApi(candor, { email: "aino.suomeksi@example.fi", locale: "fi" });
  assert.equal(ack.status.posting.title, "Suuhygienisti");
  for (const width of [1280, 390, 320]) {
    // The browser reads English; the candidate applied in Finnish.
    const page = await openPage(browser, { locale: "en-US", viewport: { width, height: 900 } });
    await page.goto(`${candor.url}/status#${ack.status_token}`);
    const view = page.locator("candor-application");
    await view.getByRole("heading", { level: 2, name: "Suuhygienisti" }).waitFor();
    await page.waitForURL(/\/status\?lang=fi#/);
    assert.equal(await page.getAttribute("html", "lang"), "fi");
    assert.equal(await page.title(), "Hakemuksen tila · Candor");
    await page.getByText("Tämä linkki on yksityinen").waitFor();
    await view.getByText("Puhelinhaastattelu", { exact: true }).waitFor();
    const switcher = view.getByRole("navigation", { name: "Sivun kieli" });
    assert.equal(await switcher.getByRole("link", { name: "Suomi" }).getAttribute("aria-current"), "true");
    assert.deepEqual(await sidewaysOverflow(page), []);
    assert.deepEqual(await wcagViolations(page), [], `status ${width}`);
    await shot(page, `suomeksi-${width}`);

    // Another language, chosen: kept, the page's own words too.
    await switcher.getByRole("link", { name: "Svenska" }).click();
    await page.waitForURL(/\/status\?lang=sv#/);
    await view.getByRole("navigation", { name: "Sidans språk" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "sv");
    assert.equal(await page.title(), "Ansökans status · Candor");
    await page.getByText("Den här länken är privat").waitFor();
    assert.equal(new URL(page.url()).hash, `#${ack.status_token}`);
    // The posting's texts stay as applied in, and say so.
    const title = view.getByRole("heading", { level: 2, name: "Suuhygienisti" });
    assert.equal(await title.getAttribute("lang"), "fi");
    assert.equal(await view.getByText("Puhelinhaastattelu", { exact: true }).getAttribute("lang"), "fi");
    assert.deepEqual(await wcagViolations(page), [], `status in Swedish ${width}`);
    await shot(page, `svenska-${width}`);
    assert.deepEqual(page.problems, []);
  }
});
