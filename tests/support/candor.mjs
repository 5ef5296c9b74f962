// Starts a real Candor (the binary the API tests used) with the demo data on
// free ports and a fresh database, and drives Debian's Chromium.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

const here = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = join(here, "..", "screenshots");

/**
 * Starts `candor serve --demo`; resolves once it prints its addresses.
 * `args`: more flags (a mail server, say); `env`: more environment
 * (`CANDOR_LOG`, say).
 */
export async function startCandor({ args = [], env = {} } = {}) {
  const bin = process.env.CANDOR_BIN;
  const widgetDir = process.env.CANDOR_WIDGET_DIR;
  if (!bin || !widgetDir) throw new Error("run through scripts/test (CANDOR_BIN and CANDOR_WIDGET_DIR)");
  const dataDir = mkdtempSync(join(tmpdir(), "candor-journey-"));
  const child = spawn(bin, ["serve", "--demo", "--port", "0", "--demo-site-port", "0",
    "--data-dir", dataDir, "--widget-dir", widgetDir, "--test-clock",
    // Every journey applies from 127.0.0.1; the limit itself has API tests.
    "--apply-burst", "100", ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let output = "";
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Candor did not start:\n${output}`)), 20000);
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const url = output.match(/listening on (http:\/\/\S+)/)?.[1];
      const site = output.match(/company's site:\s+(http:\/\/\S+?)\/?\s/)?.[1];
      const token = output.match(/Bearer (candor_\S+)/)?.[1];
      if (url && site && token) { clearTimeout(timer); resolve({ url, site, token }); }
    });
    child.stderr.on("data", (chunk) => { output += chunk; });
    child.on("exit", (code) => reject(new Error(`Candor exited (${code}):\n${output}`)));
  });
  const { url, site, token } = await ready;
  return {
    url,
    site,
    /** The demo recruiter's API token. */
    recruiterToken: token,
    /** Where this Candor keeps its SQLite database, for `candorAdmin`. */
    dataDir,
    bin,
    /** Everything it has printed so far, standard output and error. */
    log: () => output,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `candor admin --data-dir <its data dir> ...args` against a running
 * Candor's database (a second company, its token) and resolves to what it
 * printed on standard output, trimmed: `token create` prints the token alone.
 * Create a company before any page asks for it or its origin: the server
 * keeps a refusal for a few seconds.
 */
export function candorAdmin(candor, ...args) {
  return new Promise((resolve, reject) => {
    execFile(candor.bin, ["admin", "--data-dir", candor.dataDir, ...args], { timeout: 20000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`candor admin ${args.join(" ")}: ${error.message}\n${stderr}`));
      else resolve(stdout.trim());
    });
  });
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/**
 * A page that records what would go unnoticed otherwise: script errors and
 * Content-Security-Policy violations, which must both stay empty.
 */
export async function openPage(browser, { locale = "en-US", viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) page.problems.push(`console: ${m.text()}`);
    if (/Content Security Policy/i.test(m.text())) page.problems.push(`csp: ${m.text()}`);
  });
  return page;
}

/** Saves a numbered full-page screenshot under tests/screenshots/<journey>/. */
export function screenshots(journey) {
  const dir = join(SCREENSHOTS, journey);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return (page, name) => page.screenshot({ path: join(dir, `${String(++n).padStart(2, "0")}-${name}.png`), fullPage: true });
}

/** WCAG 2.1 A and AA violations on the page (axe-core, shadow DOM included). */
export async function wcagViolations(page, include) {
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}

let submissions = 0;

/** Applies to a demo posting through the API; resolves to the acknowledgement. */
const HYGIENIST_ANSWERS = [{ key: "valvira", value: { yes_no: true } }, { key: "languages", value: { text: "Finnish, English" } }];

export async function applyThroughApi(candor, { posting = "dental-hygienist", email, name = "Aino Virtanen", locale = "en", answers = HYGIENIST_ANSWERS }) {
  const response = await fetch(`${candor.url}/api/v1/companies/northwind/postings/${posting}/applications`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `journey-${process.pid}-${Date.now()}-${++submissions}` },
    body: JSON.stringify({
      profile: { name, email },
      answers,
      consent: { data_processing: true },
      locale,
    }),
  });
  if (response.status !== 201) throw new Error(`apply: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A recruiter API call with the demo recruiter's token. */
export async function recruiter(candor, method, path, body) {
  const response = await fetch(`${candor.url}/api/v1/recruiter/${path}`, {
    method,
    headers: { authorization: `Bearer ${candor.recruiterToken}`, "content-type": "application/json" },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`recruiter ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The recruiter API's id of the application sent from `email`. */
export async function applicationId(candor, email, posting = "dental-hygienist") {
  const list = await recruiter(candor, "GET", `postings/${posting}/applications`);
  return list.find((a) => a.email === email).id;
}

/** A date `days` from today, as the API writes dates. */
export function inDays(days) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Moves the server's clock `days` forward (it runs with --test-clock). */
export async function advanceClock(candor, days) {
  const response = await fetch(`${candor.url}/api/test/clock?advance_days=${days}`, { method: "POST" });
  if (response.status !== 204) throw new Error(`clock: ${response.status}`);
}

/** The candidate's status as the API gives it, or the HTTP status when refused. */
export async function statusOf(candor, token) {
  const response = await fetch(`${candor.url}/api/v1/application`, { headers: { "Candor-Application": token } });
  return response.ok ? response.json() : response.status;
}

/** A small valid PDF, as a CV upload. */
export function samplePdf(text = "Aino Virtanen CV") {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

/**
 * Keyboard only: presses Tab until the focused element's accessible name
 * (its aria-label, its label's text, or its own text) matches `name`, and
 * fails if it is never reached. Reaching a control this way is what a
 * keyboard user has to do too.
 */
export async function tabTo(page, name, { max = 250 } = {}) {
  const wanted = name instanceof RegExp ? name : new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const label = await page.evaluate(() => {
      let el = document.activeElement;
      // Inside a widget: what has focus in its shadow root.
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el || el === document.body) return "";
      const text = (s) => (s || "").replace(/\s+/g, " ").trim();
      return text(el.getAttribute("aria-label")) || text(el.labels?.[0]?.textContent) || text(el.textContent);
    });
    if (wanted.test(label)) return;
    seen.push(label);
  }
  throw new Error(`${name} was not reached with Tab; focus went through: ${seen.slice(0, 60).join(" | ")}`);
}

/**
 * Reflow (WCAG 1.4.10): at the page's width nothing scrolls sideways and
 * nothing visible is cut off on the right, in the page or in any shadow
 * root. Axe does not check this. Resolves to the offenders, which must be
 * empty: the document's own overflow, then each visible element whose right
 * edge passes the viewport (the innermost ones, so the list names the cause).
 * What sits in a box that scrolls sideways by itself and fits (a data table,
 * which 1.4.10 lets need two dimensions) is not the page's overflow.
 */
export async function sidewaysOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    const docWidth = document.documentElement.scrollWidth;
    if (docWidth > width) found.push(`document is ${docWidth} px wide in a ${width} px viewport`);
    const name = (el) => {
      const id = el.id ? `#${el.id}` : "";
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      const text = (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls} "${text}"`;
    };
    const scrolledInside = (el) => {
      for (let box = el.parentElement; box; box = box.parentElement) {
        const overflow = getComputedStyle(box).overflowX;
        if ((overflow === "auto" || overflow === "scroll") && box.getBoundingClientRect().right <= width + 1) return true;
      }
      return false;
    };
    const walk = (root) => {
      for (const el of root.querySelectorAll("*")) {
        if (el.shadowRoot) walk(el.shadowRoot);
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden" || style.position === "fixed") continue;
        // Visually hidden text (the clip pattern) is meant to sit off-screen.
        if (style.clip === "rect(0px, 0px, 0px, 0px)" || style.clipPath === "inset(50%)") continue;
        // Inside a box that scrolls sideways on its own (a wide table) and
        // itself fits, it is reached by scrolling that box, not the page.
        if (scrolledInside(el)) continue;
        if (r.right > width + 1 && ![...el.children].some((c) => c.getBoundingClientRect().right > width + 1)) {
          found.push(`${name(el)} ends at ${Math.round(r.right)} px`);
        }
      }
    };
    walk(document);
    return found.slice(0, 10);
  });
}

/**
 * What has focus, looking through shadow roots: its tag, its accessible
 * name (aria-label, label, or text) and its id.
 */
export async function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return { tag: "body", name: "", id: "" };
    const text = (s) => (s || "").replace(/\s+/g, " ").trim();
    const name = text(el.getAttribute("aria-label")) || text(el.labels?.[0]?.textContent) || text(el.textContent);
    return { tag: el.tagName.toLowerCase(), name, id: el.id || "" };
  });
}

/**
 * Waits (up to `timeout` ms) for the focus to land on the element `id`,
 * looking through shadow roots: views move the focus in the frame after
 * the one that drew what it lands on (requestAnimationFrame), which a fast
 * keypress can be asked about before. Resolves to what has focus then.
 */
export async function focusMovesTo(page, id, { timeout = 2000 } = {}) {
  const until = Date.now() + timeout;
  let now = await focused(page);
  while (now.id !== id && Date.now() < until) {
    await page.waitForTimeout(50);
    now = await focused(page);
  }
  return now;
}

/** The demo people's password (`candor serve --demo` prints it). */
export const DEMO_PASSWORD = "northwind-demo-2026";

/**
 * Signs in to the console at `path` with the keyboard alone (the form is
 * reachable and sendable without a mouse) and waits until signed in.
 */
export async function signIn(page, candor, email, { password = DEMO_PASSWORD, path = "/console/" } = {}) {
  await page.goto(`${candor.url}${path}`);
  await page.getByRole("heading", { name: "Sign in to Candor" }).waitFor();
  await page.keyboard.press("Tab");
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}
