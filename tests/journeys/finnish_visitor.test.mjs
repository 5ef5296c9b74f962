// The Finnish careers page (<html lang="fi">) gets the widget in Finnish,
// with dates in Finnish, whatever the browser's own language.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCandor, launchBrowser, openPage, screenshots } from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

test("finnish_page_shows_the_widget_in_finnish", async () => {
  const shot = screenshots("finnish_visitor");
  const page = await openPage(browser, { locale: "en-GB" });
  await page.goto(`${candor.url}/demo/fi/`);
  const widget = page.locator("candor-careers");
  await widget.getByText("6 avointa työpaikkaa").waitFor();
  await widget.getByRole("searchbox", { name: "Haku" }).waitFor();
  // Clinical in English: the hygienist's posting is "Klinikka" in Finnish.
  await widget.getByLabel("Osasto").selectOption("Clinical");
  await widget.getByText("1/6 työpaikasta vastaa hakua").waitFor();
  await widget.getByRole("button", { name: "Tyhjennä suodattimet" }).waitFor();
  await shot(page, "lista");

  await widget.getByRole("link", { name: "Orthodontist" }).click();
  await widget.getByRole("heading", { level: 3, name: "Mitä on luvassa" }).waitFor();
  await widget.getByText("6 vaihetta · yhteensä noin 39 päivää").waitFor();
  await widget.getByText("yleensä 10 päivää").waitFor();
  await widget.getByText(/Julkaistu \d+\. \p{L}+ta \d{4}/u).waitFor();
  await widget.getByText("Turku, Suomi").waitFor();
  await widget.getByRole("link", { name: "Kaikki avoimet työpaikat" }).waitFor();
  await shot(page, "ilmoitus");
  assert.deepEqual(page.problems, []);
});

test("the_element_lang_wins_over_the_page", async () => {
  const page = await openPage(browser);
  await page.goto(`${candor.url}/demo/`);
  await page.locator("candor-careers:not([posting])").getByText("6 open positions").waitFor();
  // Changing the attribute remounts the widget in the new language.
  await page.locator("candor-careers:not([posting])").evaluate((el) => el.setAttribute("lang", "sv"));
  await page.locator("candor-careers:not([posting])").getByText("6 lediga tjänster").waitFor();
  await page.locator("candor-careers:not([posting])").evaluate((el) => el.setAttribute("lang", "pl"));
  await page.locator("candor-careers:not([posting])").getByText("6 otwartych ofert").waitFor();
  await page.locator("candor-careers:not([posting])").evaluate((el) => el.setAttribute("lang", "nl"));
  await page.locator("candor-careers:not([posting])").getByText("6 openstaande vacatures").waitFor();
  assert.deepEqual(page.problems, []);
});

test("unsupported_languages_fall_back_to_the_page_then_the_browser", async () => {
  const page = await openPage(browser, { locale: "sv-SE" });
  await page.goto(`${candor.url}/demo/fi/`);
  const widget = page.locator("candor-careers");
  await widget.getByText("6 avointa työpaikkaa").waitFor();
  // German is not offered: the page's Finnish comes next.
  await widget.evaluate((el) => el.setAttribute("lang", "de"));
  await widget.getByText("6 avointa työpaikkaa").waitFor();
  // Nor any language on the page: the browser's Swedish.
  await page.evaluate(() => document.documentElement.removeAttribute("lang"));
  await widget.evaluate((el) => el.setAttribute("lang", "de-AT"));
  await widget.getByText("6 lediga tjänster").waitFor();
  assert.deepEqual(page.problems, []);
});
