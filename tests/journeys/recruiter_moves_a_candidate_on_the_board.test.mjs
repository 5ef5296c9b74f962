// A recruiter opens a posting's pipeline board: a column per stage with its
// count, a card per candidate with the days in their stage and the promise
// in words (kept, due soon, overdue), all from data made through the API and
// three days of the test clock. They move one card by keyboard alone and one
// by dragging it; each move opens the message-and-promise step first, and
// the candidate's status changes only once it is sent. Axe-clean, and no
// sideways scroll at 1280, 390 and 320 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, advanceClock, applyThroughApi, recruiter,
  applicationId, inDays, statusOf, tabTo, focused, focusMovesTo, sidewaysOverflow,
  signIn as signInAs,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });


async function signIn(page, email) {
  await signInAs(page, candor, email);
  await page.getByRole("heading", { name: "Northwind Dental · Console" }).waitFor();
}

/** A column of the board, by its accessible name ("Phone interview, 1 candidate"). */
function column(page, name, count) {
  return page.getByRole("region", { name: `${name}, ${count} candidate${count === 1 ? "" : "s"}` });
}

/** Types a date into a focused date field key by key, as a person would (en-US: month, day, year). */
async function typeDate(page, iso) {
  const [year, month, day] = iso.split("-");
  await page.keyboard.type(`${month}${day}${year}`, { delay: 40 });
}

test("a_recruiter_moves_candidates_on_the_board_by_keyboard_and_by_mouse", async () => {
  const shot = screenshots("recruiter_moves_a_candidate_on_the_board");
  // Today the clock says day 0; the board is read on day 3.
  const aino = await applyThroughApi(candor, { email: "aino.board@example.fi", name: "Aino Virtanen" });
  const eero = await applyThroughApi(candor, { email: "eero.board@example.fi", name: "Eero Laine" });
  const pekka = await applyThroughApi(candor, { email: "pekka.board@example.fi", name: "Pekka Nieminen" });
  await applyThroughApi(candor, { email: "sara.board@example.se", name: "Sara Berg" });
  // Eero is in the phone interview with an answer promised on day 6: kept.
  await recruiter(candor, "POST", `applications/${await applicationId(candor, "eero.board@example.fi")}/stage`,
    { stage: 1, message: "Thanks Eero! Could we call you on Thursday?", promised: inDays(6) });
  // Pekka was promised an answer on day 1: two days overdue by day 3.
  await recruiter(candor, "POST", `applications/${await applicationId(candor, "pekka.board@example.fi")}/messages`,
    { message: "We will be back tomorrow.", promised: inDays(1) });
  await recruiter(candor, "POST", `applications/${await applicationId(candor, "sara.board@example.se")}/close`,
    { outcome: "not_selected", message: "Thank you, Sara. We chose someone with more experience." });
  // Aino's first promise is the review's usual 4 days: due tomorrow on day 3.
  await advanceClock(candor, 3);

  const page = await openPage(browser);
  await signIn(page, "recruiter@northwind.example");
  // Keyboard alone from here until the drag.
  await tabTo(page, "Dental Hygienist");
  await page.keyboard.press("Enter");
  await tabTo(page, "Board");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Board · Dental Hygienist" }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/console/postings/dental-hygienist/board", "the board has its address");
  assert.notEqual((await focused(page)).tag, "body", "focus is not lost on the way");

  // A column per stage, in the posting's order, with its count; the ended apart.
  const review = column(page, "Application review", 2);
  await review.waitFor();
  await column(page, "Phone interview", 1).waitFor();
  await column(page, "Clinic visit", 0).waitFor();
  await column(page, "Reference check", 0).waitFor();
  await column(page, "Offer", 0).waitFor();
  await column(page, "Closed or withdrawn", 1).waitFor();
  const headings = await page.locator(".board .column h3 > span:first-child").allTextContents();
  assert.deepEqual(headings, ["Application review", "Phone interview", "Clinic visit", "Reference check", "Offer", "Closed or withdrawn"]);
  // The promise in words, not only colour; the most urgent first.
  const cards = review.getByRole("listitem");
  assert.match(await cards.nth(0).textContent(), /Pekka Nieminen.*3 days in this stage.*Overdue by 2 days.*Promised by /);
  assert.match(await cards.nth(1).textContent(), /Aino Virtanen.*3 days in this stage.*Due soon: tomorrow.*Answer due /);
  const eeroCard = column(page, "Phone interview", 1).getByRole("listitem");
  assert.match(await eeroCard.textContent(), /Eero Laine.*3 days in this stage.*Promise kept so far.*Answer due .* \(in 3 days\)/);
  // The ended are collapsed, and can't be moved.
  const ended = column(page, "Closed or withdrawn", 1);
  assert.equal(await ended.getByRole("link", { name: "Sara Berg" }).isVisible(), false, "collapsed");
  await tabTo(page, "1 ended application");
  await page.keyboard.press("Enter");
  assert.match(await ended.getByRole("listitem").textContent(), /Sara Berg.*Closed .*: not selected/);
  assert.equal(await ended.getByRole("button", { name: /^Move/ }).count(), 0);
  await shot(page, "board");
  assert.deepEqual(await wcagViolations(page), [], "board");
  assert.deepEqual(await sidewaysOverflow(page), [], "board at 1280 px");

  // By keyboard alone: Aino's "Move…" opens the step, set to the next stage.
  await tabTo(page, "Move Aino Virtanen…");
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Move Aino Virtanen" });
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel("Stage", { exact: true }).inputValue(), "1", "the next stage, Phone interview");
  await shot(page, "keyboard-move-step");
  assert.deepEqual(await wcagViolations(page), [], "the step");
  await tabTo(page, "Personal message to the candidate");
  await page.keyboard.type("Hello Aino! Could we call you on Friday at 10?");
  await tabTo(page, /^Next answer promised by/);
  await typeDate(page, inDays(8));
  // Nothing has moved yet.
  assert.equal((await statusOf(candor, aino.status_token)).progress.current_stage, 0);
  await tabTo(page, "Move");
  await page.keyboard.press("Enter");
  await dialog.waitFor({ state: "hidden" });
  const phone = column(page, "Phone interview", 2);
  await phone.getByRole("link", { name: "Aino Virtanen", exact: true }).waitFor();
  await column(page, "Application review", 1).waitFor();
  assert.equal((await statusOf(candor, aino.status_token)).progress.current_stage, 1, "the candidate's status moved");
  // Focus stays with the card where it landed, and the move is said.
  const ainoMove = `card-move-${await applicationId(candor, "aino.board@example.fi")}`;
  assert.equal((await focusMovesTo(page, ainoMove)).id, ainoMove);
  await page.getByRole("status").filter({ hasText: "Aino Virtanen is now in “Phone interview”." }).waitFor();
  await shot(page, "moved-by-keyboard");

  // Escape leaves the step without moving anything, focus back on the card.
  await page.keyboard.press("Enter");
  await page.getByRole("dialog").waitFor();
  await page.keyboard.press("Escape");
  await page.getByRole("dialog").waitFor({ state: "hidden" });
  assert.match((await focused(page)).name, /^Move Aino Virtanen/);

  // By mouse: Pekka dragged to the clinic visit opens the same step, set to it.
  const pekkaCard = column(page, "Application review", 1).getByRole("listitem").filter({ hasText: "Pekka Nieminen" });
  await pekkaCard.dragTo(column(page, "Clinic visit", 0));
  const dragged = page.getByRole("dialog", { name: "Move Pekka Nieminen" });
  await dragged.waitFor();
  assert.equal(await dragged.getByLabel("Stage", { exact: true }).inputValue(), "2");
  await dragged.getByLabel("Personal message to the candidate").fill("Pekka, sorry for the wait! Come and see the clinic on Monday?");
  const promised = dragged.getByLabel(/^Next answer promised by/);
  await promised.focus();
  await typeDate(page, inDays(10));
  await shot(page, "drag-move-step");
  await dragged.getByRole("button", { name: "Move", exact: true }).click();
  await column(page, "Clinic visit", 1).getByRole("link", { name: "Pekka Nieminen", exact: true }).waitFor();
  await column(page, "Application review", 0).waitFor();
  assert.equal((await statusOf(candor, pekka.status_token)).progress.current_stage, 2);
  const pekkaNow = column(page, "Clinic visit", 1).getByRole("listitem");
  assert.match(await pekkaNow.textContent(), /Entered this stage today.*Promise kept so far/);
  await shot(page, "moved-by-mouse");
  // A drop where it already is opens nothing.
  await pekkaNow.dragTo(column(page, "Clinic visit", 1));
  await page.waitForTimeout(300);
  assert.equal(await page.getByRole("dialog").count(), 0);
  // Closing is the application view's, with its outcome and letter: a drop there opens nothing.
  await pekkaNow.dragTo(column(page, "Closed or withdrawn", 1));
  await page.waitForTimeout(300);
  assert.equal(await page.getByRole("dialog").count(), 0);
  assert.equal((await statusOf(candor, pekka.status_token)).progress.closing, undefined);
  assert.equal((await statusOf(candor, eero.status_token)).progress.current_stage, 1, "the others stayed");

  // The board is an address: a reload comes back to it, as it now stands.
  await page.reload();
  await page.getByRole("heading", { name: "Board · Dental Hygienist" }).waitFor();
  await column(page, "Clinic visit", 1).waitFor();

  // At phone widths the columns stack; nothing scrolls sideways, the step neither.
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 800 });
    await column(page, "Clinic visit", 1).waitFor();
    assert.deepEqual(await sidewaysOverflow(page), [], `board at ${width} px`);
    await shot(page, `board-${width}`);
    assert.deepEqual(await wcagViolations(page), [], `board at ${width} px`);
    await page.getByRole("button", { name: "Move Eero Laine…" }).click();
    await page.getByRole("dialog").waitFor();
    assert.deepEqual(await sidewaysOverflow(page), [], `the step at ${width} px`);
    await shot(page, `step-${width}`);
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("dialog").waitFor({ state: "hidden" });
  }

  // The list stays, one switch away.
  await page.getByRole("link", { name: "List" }).click();
  await page.getByRole("heading", { name: "Applications · Dental Hygienist" }).waitFor();
  assert.deepEqual(page.problems, []);
});

test("a_viewer_reads_the_board_but_moves_nothing", async () => {
  const page = await openPage(browser);
  await signIn(page, "viewer@northwind.example");
  await page.getByRole("link", { name: "Dental Hygienist" }).click();
  await page.getByRole("link", { name: "Board" }).click();
  await page.getByRole("heading", { name: "Board · Dental Hygienist" }).waitFor();
  await page.getByRole("link", { name: "Aino Virtanen", exact: true }).waitFor();
  assert.equal(await page.getByRole("button", { name: /^Move/ }).count(), 0, "no moves offered to a viewer");
  assert.equal(await page.locator('.board-card[draggable="true"]').count(), 0, "nor anything to drag");
  assert.deepEqual(await wcagViolations(page), [], "viewer's board");
  assert.deepEqual(page.problems, []);
});
