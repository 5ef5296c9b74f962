// A real SMTP server for the journeys that read mail as its person would:
// aiosmtpd (PyPI, installed into .tools/python by scripts/test), writing
// every message it accepts into a Maildir this journey owns.
import { spawn } from "node:child_process";
import { createServer, connect } from "node:net";
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A free port on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

async function listening(port) {
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1", () => { socket.end(); resolve(true); });
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`aiosmtpd did not listen on ${port}`);
}

/** A MIME part's body, decoded (quoted-printable or base64, as lettre writes them). */
function decode(headers, body) {
  const encoding = headers.match(/content-transfer-encoding:\s*(\S+)/i)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/**
 * Starts the server. `args` are the flags that make Candor deliver to it;
 * `mails()` what arrived so far, each as its raw text, its plain-text part
 * and its recipient; `mailWith(subject)` waits for one.
 */
export async function startSmtp() {
  const port = await freePort();
  const mailDir = mkdtempSync(join(tmpdir(), "candor-journey-mail-"));
  const child = spawn("python3", ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Mailbox", join(mailDir, "maildir")], {
    env: { ...process.env, PYTHONPATH: join(root, ".tools", "python") }, stdio: "ignore",
  });
  await listening(port);

  function mails() {
    const dir = join(mailDir, "maildir", "new");
    if (!existsSync(dir)) return [];
    return readdirSync(dir).map((name) => {
      const raw = readFileSync(join(dir, name), "utf8");
      const boundary = raw.match(/boundary="?([^";\r\n]+)"?/)?.[1];
      const parts = boundary ? raw.split(`--${boundary}`) : [raw];
      const plain = parts.find((p) => /content-type:\s*text\/plain/i.test(p)) ?? "";
      const [headers, ...rest] = plain.split(/\r?\n\r?\n/);
      // Long header lines are folded onto the next (RFC 5322 2.2.3).
      const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
      const to = head.match(/^To: (.*)$/m)?.[1] ?? "";
      const subject = head.match(/^Subject: (.*)$/m)?.[1] ?? "";
      return { raw, to, subject, text: decode(headers ?? "", rest.join("\n\n")) };
    });
  }

  async function mailWith(subject, { timeout = 15000 } = {}) {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      const found = mails().filter((m) => m.subject === subject);
      if (found.length) return found;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no mail "${subject}" arrived: ${mails().map((m) => m.subject).join(", ")}`);
  }

  return {
    args: ["--smtp-url", `smtp://127.0.0.1:${port}`, "--mail-from", "jobs@candor.test"],
    mails,
    mailWith,
    stop() {
      child.kill();
      rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
