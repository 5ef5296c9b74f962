// An admin writes a posting's Finnish translation in the console, beside
// the English it translates: a translation left half written is refused at
// its first missing field (focus there), a whole one is saved, and the
// Finnish careers page shows the posting in Finnish at once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, sidewaysOverflow, focused,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

async function signIn(page, email) {
  await page.goto(`${candor.url}/console/`);
  await page.getByRole("heading", { name: "Sign in to Candor" }).waitFor();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("northwind-demo-2026");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

test("an_admin_writes_a_finnish_translation_and_the_finnish_page_shows_it", async () => {
  for (const width of [1280, 390]) {
    const shot = screenshots(`admin_translates_a_posting_${width}`);
    const page = await openPage(browser, { viewport: { width, height: 900 } });
    await signIn(page, "admin@northwind.example");
    await page.getByRole("link", { name: "Postings" }).click();
    await page.getByRole("button", { name: "Edit Data Analyst" }).click();
    await page.getByRole("heading", { name: "Edit posting" }).waitFor();

    const finnish = page.locator("details#posting-translation-fi");
    await finnish.locator("summary").click();
    const section = (label) => finnish.getByLabel(label, { exact: true });
    // The English beside each field, for the translator.
    await finnish.getByText("English: Take-home task").waitFor();
    assert.equal(await section("Title").getAttribute("lang"), "fi");
    await section("Title").fill("Data-analyytikko");
    assert.deepEqual(await sidewaysOverflow(page), []);
    assert.deepEqual(await wcagViolations(page), [], "translation open");
    await shot(page, "kaannos-auki");

    // Half written: refused at the first text missing, with focus there.
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("alert").getByText("Department: Required.").waitFor();
    const at = await focused(page);
    assert.equal(at.id, "posting-translations-fi-department");
    await shot(page, "puuttuu");

    await section("Department").fill("Toiminnot");
    await section("One line that sells the role").fill("Kuusi kuukautta selvittää, miksi potilaat peruvat ja mikä auttaisi.");
    await section("Description").fill("Kuuden kuukauden toimeksianto toimintatiimissämme.\n\n- Kolmen vuoden varausdata\n- Oma rauha");
    for (const [i, name] of ["Hakemusten läpikäynti", "Haastattelu", "Kotitehtävä", "Tarjous"].entries()) {
      await section(`Stage ${i + 1} name`).fill(name);
    }
    await section("Stage 3: what happens").fill("Enintään kaksi tuntia, anonymisoidulla datalla.");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("“Data Analyst” saved.").waitFor();
    await shot(page, "tallennettu");

    const visitor = await openPage(browser, { locale: "fi-FI", viewport: { width, height: 900 } });
    await visitor.goto(`${candor.url}/demo/fi/`);
    const widget = visitor.locator("candor-careers");
    const card = widget.getByRole("link", { name: "Data-analyytikko" });
    await card.waitFor();
    assert.equal(await card.getAttribute("lang"), "fi");
    await card.click();
    await widget.getByRole("heading", { level: 2, name: "Data-analyytikko" }).waitFor();
    await widget.getByText("Kotitehtävä", { exact: true }).waitFor();
    await widget.getByText("Enintään kaksi tuntia, anonymisoidulla datalla.").waitFor();
    assert.deepEqual(await sidewaysOverflow(visitor), []);
    await shot(visitor, "suomeksi-sivulla");
    // Still English on the English page.
    await visitor.goto(`${candor.url}/demo/`);
    await visitor.locator("candor-careers:not([posting])").getByRole("link", { name: "Data Analyst" }).waitFor();

    // Removed again: the Finnish page shows the English posting, marked so.
    await page.getByRole("button", { name: "Edit Data Analyst" }).click();
    await finnish.locator("summary").getByText("(written)").waitFor();
    await finnish.locator("summary").click();
    await finnish.getByRole("button", { name: "Remove the Finnish translation" }).click();
    await finnish.locator("summary").getByText("(not written)").waitFor();
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("“Data Analyst” saved.").waitFor();
    // A new visitor: the first one's browser may keep the list a minute (max-age=60).
    const next = await openPage(browser, { locale: "fi-FI", viewport: { width, height: 900 } });
    await next.goto(`${candor.url}/demo/fi/`);
    const untranslated = next.locator("candor-careers").getByRole("link", { name: "Data Analyst" });
    await untranslated.waitFor();
    assert.equal(await untranslated.getAttribute("lang"), "en");
    assert.deepEqual(page.problems, []);
    assert.deepEqual(visitor.problems, []);
  }
});
