// An agency recruiter who works for two clients: a second company, set up
// from the command line, invites an address Northwind already uses and is
// answered as for any other; its holder sets the same password there; the
// console then asks which company to sign in to, one button each, the
// focus on the question, keyboard only and axe-core clean at 1280, 390 and
// 320 px; each choice opens that company's console alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, tabTo, focused, sidewaysOverflow, candorAdmin,
  DEMO_PASSWORD,
} from "../support/candor.mjs";

const ADDRESS = "recruiter@northwind.example";

let candor, browser;
before(async () => {
  candor = await startCandor();
  browser = await launchBrowser();
  await candorAdmin(candor, "company", "create", "--slug", "harbour", "--name", "Harbour Physio");
  const token = await candorAdmin(candor, "token", "create", "--company", "harbour", "--role", "admin", "--name", "Journey");
  const response = await fetch(`${candor.url}/api/v1/recruiter/people`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ email: ADDRESS, name: "Rasmus at Harbour", role: "admin" }),
  });
  assert.equal(response.status, 201, "an address another company uses is invited like any other");
  const link = await response.json();
  const secret = link.path.split("#set-password=")[1];
  const set = await fetch(`${candor.url}/console/api/password`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: secret, password: DEMO_PASSWORD }),
  });
  assert.equal(set.status, 204);
});
after(async () => { await browser?.close(); await candor?.stop(); });

/** The focused element once focus has settled (the console moves it a frame later). */
async function focusSettles(page, wanted) {
  let at;
  for (let i = 0; i < 40; i++) {
    at = await focused(page);
    if (wanted(at)) break;
    await page.waitForTimeout(50);
  }
  return at;
}

/** Types the address and password with the keyboard and sends them. */
async function sendSignIn(page, password = DEMO_PASSWORD) {
  await page.goto(`${candor.url}/console/`);
  await page.getByRole("heading", { name: "Sign in to Candor" }).waitFor();
  await tabTo(page, "E-mail");
  await page.keyboard.type(ADDRESS);
  await tabTo(page, "Password");
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
}

async function asked(page) {
  await page.getByRole("heading", { name: "Which company?" }).waitFor();
  const at = await focusSettles(page, (f) => f.tag === "h1");
  assert.deepEqual([at.tag, at.name], ["h1", "Which company?"], "the focus is on the question");
}

test("signing_in_asks_which_company_and_opens_the_one_chosen", async () => {
  const shot = screenshots("recruiter_works_for_two_companies");
  const page = await openPage(browser);
  await sendSignIn(page);
  await asked(page);
  const choices = page.getByRole("list").getByRole("button");
  assert.deepEqual(await choices.allTextContents(), ["Harbour Physio", "Northwind Dental"]);
  assert.deepEqual(await wcagViolations(page), [], "the choice at 1280 px");
  await shot(page, "which-company");

  // Harbour: its own console, with the role Harbour gave.
  await tabTo(page, "Harbour Physio");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Harbour Physio · Console" }).waitFor();
  await page.getByText("Rasmus at Harbour (admin)").waitFor();
  assert.equal(await page.getByText("Dental Hygienist").count(), 0, "none of Northwind's postings");
  await shot(page, "harbour");
  await tabTo(page, "Sign out");
  await page.keyboard.press("Enter");

  // Northwind: the same address, Northwind's account.
  await sendSignIn(page);
  await asked(page);
  await tabTo(page, "Northwind Dental");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Northwind Dental · Console" }).waitFor();
  await page.getByText("Rasmus Recruiter (recruiter)").waitFor();
  await shot(page, "northwind");
  assert.deepEqual(page.problems, []);
});

test("a_wrong_password_says_so_and_another_address_goes_back_to_the_form", async () => {
  const page = await openPage(browser);
  await sendSignIn(page, "not the password");
  await page.getByRole("alert").filter({ hasText: "That e-mail address and password don't match." }).waitFor();
  assert.equal(await page.getByRole("heading", { name: "Which company?" }).count(), 0, "no companies named");

  await sendSignIn(page);
  await asked(page);
  await tabTo(page, "Sign in with another address");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Sign in to Candor" }).waitFor();
  const at = await focusSettles(page, (f) => f.id === "email");
  assert.equal(at.id, "email", "back at the address");
  assert.deepEqual(page.problems, []);
});

for (const width of [390, 320]) {
  test(`the_choice_fits_a_${width}_px_phone`, async () => {
    const shot = screenshots(`recruiter_works_for_two_companies_${width}`);
    const page = await openPage(browser, { viewport: { width, height: 800 } });
    await sendSignIn(page);
    await asked(page);
    assert.deepEqual(await wcagViolations(page), [], `the choice at ${width} px`);
    assert.deepEqual(await sidewaysOverflow(page), [], `nothing scrolls sideways at ${width} px`);
    await shot(page, "which-company");
    assert.deepEqual(page.problems, []);
  });
}
