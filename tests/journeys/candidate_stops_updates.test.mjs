// A candidate who wants fewer mails turns off "E-mail me each step" on
// their status page, with the keyboard only, on a 320 px phone: the choice
// is kept (a reload shows it), the page says the acknowledgement and the
// outcome still come, and turning it on again works the same way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, sidewaysOverflow,
  applyThroughApi, statusOf, tabTo, recruiter, applicationId, inDays,
} from "../support/candor.mjs";

let candor, browser;
before(async () => { candor = await startCandor(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await candor?.stop(); });

test("the_candidate_stops_and_restarts_the_update_mails_from_the_status_page", async () => {
  const shot = screenshots("candidate_stops_updates");
  const ack = await applyThroughApi(candor, { email: "aino.quiet@example.fi" });
  const token = ack.status_token;
  assert.equal((await statusOf(candor, token)).mail_updates, true, "on by default");
  const page = await openPage(browser, { viewport: { width: 320, height: 720 } });
  await page.goto(`${candor.url}/status#${token}`);
  const status = page.locator("candor-application");
  await status.getByRole("heading", { level: 2, name: "Dental Hygienist" }).waitFor();
  const box = status.getByRole("checkbox", { name: "E-mail me each step" });
  await box.waitFor();
  assert.equal(await box.isChecked(), true);
  await status.getByText("The acknowledgement and the outcome are always sent, whatever you choose.").waitFor();
  assert.deepEqual(await wcagViolations(page, "candor-application"), [], "status view with the choice");
  assert.deepEqual(await sidewaysOverflow(page), [], "nothing wider than 320 px");
  await shot(page, "updates-on");

  // Keyboard only: Tab to the box, Space to turn it off.
  await tabTo(page, "E-mail me each step");
  await page.keyboard.press("Space");
  await status.getByRole("status").filter({ hasText: "No more mail at each step. You'll still get the outcome." }).waitFor();
  assert.equal(await box.isChecked(), false);
  assert.equal((await statusOf(candor, token)).mail_updates, false, "kept by the server");
  assert.deepEqual(await wcagViolations(page, "candor-application"), [], "after turning it off");
  await shot(page, "updates-off");

  // Kept across visits.
  await page.reload();
  await status.getByRole("heading", { level: 2, name: "Dental Hygienist" }).waitFor();
  await box.waitFor();
  assert.equal(await box.isChecked(), false, "a new visit shows the choice");

  await tabTo(page, "E-mail me each step");
  await page.keyboard.press("Space");
  await status.getByRole("status").filter({ hasText: "You'll get a mail at each step." }).waitFor();
  assert.equal((await statusOf(candor, token)).mail_updates, true);
  assert.deepEqual(page.problems, []);
});

test("the_stop_link_shows_a_page_and_stops_only_with_its_button", async () => {
  const shot = screenshots("candidate_stops_updates_by_link");
  // A real mail server (aiosmtpd, as the API tests use) and a Candor mailing to it.
  const smtp = await startSmtp();
  const mailing = await startCandor({ args: ["--smtp-url", smtp.url] });
  try {
    const ack = await applyThroughApi(mailing, { email: "eero.link@example.fi", locale: "fi" });
    const token = ack.status_token;
    const id = await applicationId(mailing, "eero.link@example.fi");
    await recruiter(mailing, "POST", `applications/${id}/stage`, { stage: 1, message: "Soitetaan tiistaina.", promised: inDays(5) });
    const link = await smtp.stopLink(2);
    const page = await openPage(browser, { viewport: { width: 320, height: 720 } });
    await page.goto(link);
    await page.getByRole("heading", { level: 1, name: "Lopeta päivitysviestit" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "fi", "in the application's language");
    assert.equal((await statusOf(mailing, token)).mail_updates, true, "looking stops nothing");
    assert.deepEqual(await wcagViolations(page), [], "the stop page");
    assert.deepEqual(await sidewaysOverflow(page), [], "nothing wider than 320 px");
    await shot(page, "stop-page");
    await tabTo(page, "Lopeta nämä päivitykset");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Päivitykset on lopetettu" }).waitFor();
    assert.equal((await statusOf(mailing, token)).mail_updates, false);
    assert.deepEqual(await wcagViolations(page), [], "stopped");
    await shot(page, "stopped");
    assert.deepEqual(page.problems, []);
  } finally {
    await mailing.stop();
    smtp.stop();
  }
});

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** aiosmtpd on a free port, keeping what it receives in a Maildir. */
async function startSmtp() {
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
  });
  const dir = mkdtempSync(join(tmpdir(), "candor-smtp-"));
  const maildir = join(dir, "maildir");
  const child = spawn("python3", ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Mailbox", maildir], {
    env: { ...process.env, PYTHONPATH: process.env.CANDOR_TEST_SMTP_PYTHONPATH || join(ROOT, ".tools", "python") },
    stdio: "ignore",
  });
  for (let tries = 0; ; tries++) {
    const up = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1", () => { socket.end(); resolve(true); });
      socket.on("error", () => resolve(false));
    });
    if (up) break;
    if (tries > 200) throw new Error("aiosmtpd did not start");
    await new Promise((r) => setTimeout(r, 50));
  }
  const mails = () => {
    try { return readdirSync(join(maildir, "new")).map((f) => readFileSync(join(maildir, "new", f), "utf8")); } catch { return []; }
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    /** Waits for `count` mails; the stop link of the one that has it (its List-Unsubscribe header). */
    async stopLink(count) {
      for (let tries = 0; tries < 300; tries++) {
        const all = mails();
        if (all.length >= count) {
          for (const raw of all) {
            const header = raw.replace(/\r?\n[ \t]+/g, " ").match(/^List-Unsubscribe: *<([^>]+)>/m);
            if (header) return header[1];
          }
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no mail with a stop link among ${mails().length}`);
    },
    stop() { child.kill(); rmSync(dir, { recursive: true, force: true }); },
  };
}
