// The Finnish careers page (<html lang="fi">) gets the widget in Finnish,
// with dates in Finnish, whatever the browser's own language.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startCandor, launchBrowser, openPage, screenshots, wcagViolations, recruiter, applyThroughApi } from "../support/candor.mjs";

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
  // As Finnish job sites write dates: 1.12.2026.
  await widget.getByText(/^Julkaistu \d{1,2}\.\d{1,2}\.\d{4}$/).waitFor();
  await widget.getByRole("button", { name: "Hae tätä työpaikkaa" }).waitFor();
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
  await page.locator("candor-careers:not([posting])").getByText("6 aktualnych ofert").waitFor();
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

// The catalogues as a native reader would have them: an answered question
// says its time in a label frame, whatever case Intl's duration comes in;
// Polish names the company as "firma" and addresses nobody by gender.
test("finnish_and_polish_pages_read_as_native_at_every_width", async () => {
  const shot = screenshots("native_catalogues");
  const asked = await fetch(`${candor.url}/api/v1/companies/northwind/postings/orthodontist/questions`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: "Is the Turku clinic reachable by bus?" }),
  });
  assert.equal(asked.status, 201);
  const [pending] = await recruiter(candor, "GET", "questions?state=pending");
  await recruiter(candor, "POST", `questions/${pending.id}/answer`, { answer: "Yes: lines 1 and 51 stop at the door." });
  const cases = [
    ["fi", "/demo/fi/", "Vastausaika: ", /^Yrityksen Northwind Dental vastausajan mediaani: /, "Hae tätä työpaikkaa"],
    ["pl", "/demo/", "Czas odpowiedzi: ", /^Mediana czasu odpowiedzi firmy Northwind Dental: /, "Aplikuj na to stanowisko"],
  ];
  for (const [lang, path, answeredIn, median, apply] of cases) {
    for (const width of [1280, 390, 320]) {
      const page = await openPage(browser, { viewport: { width, height: 900 } });
      await page.goto(`${candor.url}${path}#candor/northwind/orthodontist`);
      const widget = page.locator("candor-careers:not([posting])");
      if (lang === "pl") await widget.evaluate((el) => el.setAttribute("lang", "pl"));
      await widget.getByRole("button", { name: apply }).waitFor();
      await widget.getByText(answeredIn, { exact: false }).first().waitFor();
      await widget.getByText(median).waitFor();
      // The widget's own reflow (the demo site's header around it is not Candor's).
      const past = await widget.evaluate((el) => [...el.shadowRoot.querySelectorAll("*")]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => `${e.tagName} ${(e.textContent || "").trim().slice(0, 30)}`));
      assert.deepEqual(past, [], `${lang} at ${width}`);
      assert.deepEqual(await wcagViolations(page, "candor-careers"), [], `${lang} at ${width}`);
      await shot(page, `${lang}-${width}`);
      assert.deepEqual(page.problems, []);
    }
  }
  // A Polish candidate's status: "zgłoszenie", and a sentence for anyone.
  const ack = await applyThroughApi(candor, { email: "zofia@example.pl", name: "Zofia Nowak", locale: "pl" });
  for (const width of [390, 320]) {
    const status = await openPage(browser, { locale: "pl-PL", viewport: { width, height: 900 } });
    await status.goto(`${candor.url}/status#${ack.status_token}`);
    const view = status.locator("candor-application");
    await view.getByText("Zgłoszenie otrzymane").first().waitFor();
    assert.equal(await view.getByText(/aplikacj|łeś\b/).count(), 0, "no 'aplikacja', no masculine address");
    assert.deepEqual(await wcagViolations(status, "candor-application"), [], `pl status at ${width}`);
    await shot(status, `pl-status-${width}`);
    assert.deepEqual(status.problems, []);
  }
});
