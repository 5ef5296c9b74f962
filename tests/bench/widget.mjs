// Widget benchmarks: transfer size of everything a host page downloads for
// the widget, and how soon its first postings are painted beside two
// baselines taken in the same run and under the same network and CPU: the
// host page's own first contentful paint, and the same postings written
// into the page as plain HTML (no script, no extra round trip).
// Usage: node bench/widget.mjs <candor url> <dist/widget dir> [--quick]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { join, relative } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { launchBrowser } from "../support/candor.mjs";

const [url, dist, quick] = process.argv.slice(2);
const LOADS = quick === "--quick" ? 3 : 10;
const THROTTLED_LOADS = quick === "--quick" ? 3 : 5;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// What a host page loads: the loader, the glue, its snippets, the .wasm
// (the widget's CSS is compiled into the .wasm). The candidate bundle in
// candidate/ loads only when a visitor applies, asks or opens a status
// page: it is measured on its own.
const measure = (f) => {
  const raw = readFileSync(f);
  return {
    file: relative(dist, f),
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const shipped = files(dist).filter((f) => /\.(js|wasm|css)$/.test(f));
const inCandidate = (f) => relative(dist, f).startsWith("candidate/");
// Both builds share cargo's target directory, so a build's snippets folder
// can hold the other crate's snippets too; only its own are loaded.
const ownSnippet = (f) => !relative(dist, f).startsWith("snippets/") || relative(dist, f).startsWith("snippets/candor-widget-");
const sizes = shipped.filter((f) => !inCandidate(f) && ownSnippet(f)).map(measure);
const candidateSizes = shipped.filter(inCandidate).map(measure);
const sum = (list) => list.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const total = sum(sizes);
const candidate = sum(candidateSizes);

// The network and CPU of a visitor, as Chromium's DevTools emulate them
// (latency is added to every request, as a round trip would be).
const PROFILES = [
  { name: "loopback" },
  { name: "fast 4G", latency: 150, down: 1.6e6, up: 750e3 / 8, cpu: 4 },
  { name: "slow 3G", latency: 400, down: 400e3, up: 400e3, cpu: 4 },
];

// The baseline "plain HTML list": the same page with the widget's postings
// written into it as HTML by a tiny proxy in front of Candor, so that the
// list arrives with the page.
const postings = {
  en: await (await fetch(`${url}/api/v1/companies/northwind/postings?lang=en`)).json(),
  fi: await (await fetch(`${url}/api/v1/companies/northwind/postings?lang=fi`)).json(),
};
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const plainList = (list) => `<ul id="plain-list">${list.postings.map((p) =>
  `<li><h3><a href="#">${esc(p.title)}</a></h3><p>${esc(p.department)} · ${esc(p.location.city)}</p><p>${esc(p.teaser)}</p></li>`).join("")}</ul>`;
const proxy = createServer(async (req, res) => {
  const upstream = await fetch(`${url}${req.url}`);
  let body = Buffer.from(await upstream.arrayBuffer());
  const type = upstream.headers.get("content-type") || "application/octet-stream";
  if (type.startsWith("text/html")) {
    const lang = req.url.startsWith("/demo/fi/") ? "fi" : "en";
    body = Buffer.from(body.toString()
      .replace(/<script type="module" src="[^"]*candor\.js"><\/script>/, "")
      .replace(/<candor-careers company="northwind"><\/candor-careers>/, plainList(postings[lang]))
      .replace(/<candor-careers [^>]*><\/candor-careers>/g, ""));
  }
  res.writeHead(upstream.status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
});
await new Promise((r) => proxy.listen(0, "127.0.0.1", r));
const plainUrl = `http://127.0.0.1:${proxy.address().port}`;

// Layout shifts the visitor didn't cause, summed from the first frame
// (an init script: it runs before the page's own, and the host's CSP
// doesn't apply to it).
function countShifts() {
  window.__candorShift = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__candorShift += e.value;
  }).observe({ type: "layout-shift", buffered: true });
}

const median = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };

async function throttle(page, profile) {
  if (!profile.latency) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: profile.latency, downloadThroughput: profile.down, uploadThroughput: profile.up,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
}

// One load of `path`: when the list and the single-posting widget were
// painted (the widget's performance marks, set after the frame), the host
// page's first contentful paint, the layout shift once all is in, and
// the bytes Candor sent before the first postings were painted.
async function load(page, base, path, { widget = true } = {}) {
  await page.goto(`${base}${path}`);
  const handle = await page.waitForFunction((widget) => {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    if (!widget) return fcp && { page: fcp.startTime };
    const list = performance.getEntriesByName("candor:postings-painted")[0];
    const hasPosting = document.querySelector("candor-careers[posting]");
    const one = performance.getEntriesByName("candor:posting-painted")[0];
    return fcp && list && (one || !hasPosting) && { page: fcp.startTime, postings: list.startTime, posting: one?.startTime ?? null };
  }, widget, { timeout: 30000, polling: 50 });
  const times = await handle.jsonValue();
  // What moves after the postings arrive (fonts, the company's branding)
  // counts too: wait for a quiet half second.
  await page.waitForTimeout(500);
  const after = await page.evaluate((at) => {
    const candor = (e) => /\/widget\/|\/api\//.test(new URL(e.name).pathname);
    const early = performance.getEntriesByType("resource").filter((e) => candor(e) && e.responseEnd <= at);
    return { shift: window.__candorShift, bytes: early.reduce((t, e) => t + e.transferSize, 0) };
  }, times.postings ?? 0);
  return { ...times, ...after };
}

async function visits(browser, profile, base, path, options) {
  const cold = [];
  for (let i = 0; i < (profile.latency ? THROTTLED_LOADS : LOADS); i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(countShifts);
    await throttle(page, profile);
    cold.push(await load(page, base, path, options));
    await context.close();
  }
  const warm = [];
  if (options?.widget !== false) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(countShifts);
    await throttle(page, profile);
    await load(page, base, path, options);
    for (let i = 0; i < (profile.latency ? THROTTLED_LOADS : LOADS); i++) warm.push(await load(page, base, path, options));
    await context.close();
  }
  const summary = (runs) => runs.length === 0 ? null : Object.fromEntries(
    ["page", "postings", "posting", "shift", "bytes"].map((k) => [k, median(runs.map((r) => r[k]))]));
  return { cold: summary(cold), warm: summary(warm) };
}

const browser = await launchBrowser();
const paint = [];
for (const profile of PROFILES) {
  for (const path of ["/demo/", "/demo/fi/"]) {
    const widget = await visits(browser, profile, url, path);
    const plain = await visits(browser, profile, plainUrl, path, { widget: false });
    paint.push({ profile: profile.name, path, widget, plain: plain.cold });
  }
}
await browser.close();
proxy.close();
console.log(JSON.stringify({ sizes, total, candidate, paint }));
