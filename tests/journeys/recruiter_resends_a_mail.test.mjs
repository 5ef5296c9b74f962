// A recruiter sends a mail again from the console's Outbox, with a real
// mail server (aiosmtpd, as the API tests use): the sent mail shows the
// server's answer, "Resend" asks once more, the confirmation is said in a
// live region that takes the focus, and the mail goes again. A viewer
// reads the Outbox and has nothing to press.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, connect } from "node:net";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  startCandor, launchBrowser, openPage, screenshots, wcagViolations, applyThroughApi, recruiter, focused, focusMovesTo, sidewaysOverflow,
} from "../support/candor.mjs";

const here = dirname(fileURLToPath(import.meta.url));
let candor, browser, smtp;

async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** aiosmtpd, accepting every mail and keeping none. */
async function startSmtp() {
  const port = await freePort();
  const python = process.env.CANDOR_TEST_SMTP_PYTHONPATH || join(here, "..", "..", ".tools", "python");
  const child = spawn("python3", ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Sink"], {
    env: { ...process.env, PYTHONPATH: python }, stdio: "ignore",
  });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((r) => {
      const socket = connect(port, "127.0.0.1", () => { socket.end(); r(true); });
      socket.on("error", () => r(false));
    });
    if (up) return { port, stop: () => child.kill() };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`aiosmtpd did not listen on ${port} (is it in ${python}?)`);
}

before(async () => {
  smtp = await startSmtp();
  candor = await startCandor({ args: ["--smtp-url", `smtp://127.0.0.1:${smtp.port}`, "--mail-retry-seconds", "1"] });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await candor?.stop(); smtp?.stop(); });

async function signIn(page, email) {
  await page.goto(`${candor.url}/console/outbox`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("northwind-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 2, name: "Outbox" }).waitFor();
}

async function sentMail() {
  for (let i = 0; i < 100; i++) {
    const { mails } = await recruiter(candor, "GET", "outbox");
    if (mails[0]?.state === "sent") return mails[0];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the mail was not sent");
}

test("a_recruiter_resends_a_sent_mail_after_confirming_and_hears_it_said", async () => {
  const shot = screenshots("recruiter_resends_a_mail");
  await applyThroughApi(candor, { email: "sven.resend@example.se", name: "Sven Lind" });
  const sent = await sentMail();
  assert.match(sent.last_answer, /^250/);

  const page = await openPage(browser);
  await signIn(page, "recruiter@northwind.example");
  assert.equal(await page.getByRole("note").count(), 0, "a mail server is set up: no notice");
  const row = page.locator("tbody tr").filter({ hasText: "sven.resend@example.se" });
  assert.match(await row.textContent(), /Sent/);
  assert.match(await row.textContent(), /250/);
  assert.deepEqual(await wcagViolations(page), [], "the Outbox");

  // It asks once more, on the same button, which keeps the focus.
  await row.getByRole("button", { name: /^Resend/ }).click();
  const confirm = row.getByRole("button", { name: /^Yes, send it again/ });
  await confirm.waitFor();
  assert.match((await focused(page)).name, /^Yes, send it again/);
  await shot(page, "confirming");
  await confirm.click();
  const done = page.locator("#outbox-done");
  await done.getByText(/is sent again to sven\.resend@example\.se/).waitFor();
  assert.equal(await done.getAttribute("role"), "status");
  assert.equal((await focusMovesTo(page, "outbox-done")).id, "outbox-done", "the confirmation takes the focus: the button may be gone");
  await shot(page, "resent");
  assert.deepEqual(await wcagViolations(page), [], "after resending");
  const again = await sentMail();
  assert.equal(again.id, sent.id);
  assert.equal(again.attempts, 1, "counted afresh");

  // In Finnish on a phone: the Outbox's own words, the language named in
  // Finnish, and nothing wider than the screen (the longest words are there).
  await page.getByLabel("Language", { exact: true }).selectOption("fi");
  await page.getByRole("heading", { level: 2, name: "Lähtevät viestit" }).waitFor();
  await page.setViewportSize({ width: 390, height: 900 });
  const rivi = page.locator("tbody tr").filter({ hasText: "sven.resend@example.se" });
  await rivi.getByText("Lähetetty", { exact: true }).waitFor();
  assert.match(await rivi.textContent(), /Vastaanottovahvistus/);
  assert.match(await rivi.textContent(), /englanti/);
  assert.match(await rivi.textContent(), /Kirjoitettu \d{1,2}\.\d{1,2}\.\d{4}/, "the moment as Finnish writes it");
  await rivi.getByRole("button", { name: /^Lähetä uudelleen: .* vastaanottaja sven\.resend@example\.se$/ }).click();
  await rivi.getByRole("button", { name: /^Kyllä, lähetä uudelleen/ }).waitFor();
  await page.waitForTimeout(100);
  await shot(page, "finnish-390");
  assert.deepEqual(await sidewaysOverflow(page), [], "the Finnish Outbox at 390 px");
  assert.deepEqual(await wcagViolations(page), [], "the Finnish Outbox");
  await rivi.getByRole("button", { name: "Peruuta" }).click();
  assert.deepEqual(page.problems, []);

  // A viewer reads, and has nothing to press.
  const viewer = await openPage(browser);
  await signIn(viewer, "viewer@northwind.example");
  await viewer.locator("tbody tr").filter({ hasText: "sven.resend@example.se" }).waitFor();
  assert.equal(await viewer.getByRole("button", { name: /^Resend/ }).count(), 0);
  assert.deepEqual(viewer.problems, []);
});
