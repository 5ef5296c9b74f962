// Widget benchmarks: transfer size of everything a host page downloads for
// the widget, and time from navigation to the first postings painted.
// Usage: node bench/widget.mjs <candor url> <dist/widget dir>
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { launchBrowser } from "../support/candor.mjs";

const [url, dist] = process.argv.slice(2);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// What a host page loads: the loader, the glue, its snippets, the .wasm
// (the widget's CSS is compiled into the .wasm). The candidate bundle in
// candidate/ loads only on the status page (and later on applying): it is
// measured on its own.
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

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const browser = await launchBrowser();
// The widget's mark, and the host page's own first contentful paint: the
// floor set by the browser and the page, which the widget can't go below.
async function paint(page) {
  await page.goto(`${url}/demo/`);
  const handle = await page.waitForFunction(() => {
    const mark = performance.getEntriesByName("candor:postings-painted")[0];
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    return mark && fcp && { postings: mark.startTime, page: fcp.startTime };
  }, null, { timeout: 10000 });
  return handle.jsonValue();
}
// Cold: a fresh browser context each time (empty HTTP and code caches).
const cold = [];
for (let i = 0; i < 10; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  cold.push(await paint(page));
  await context.close();
}
// Warm: a returning visitor (same context; the widget and the API answers cached).
const warm = [];
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await paint(page);
  for (let i = 0; i < 10; i++) warm.push(await paint(page));
  await context.close();
}
await browser.close();

const summary = (runs) => ({ postings: median(runs.map((r) => r.postings)), page: median(runs.map((r) => r.page)) });
console.log(JSON.stringify({ sizes, total, candidate, paint: { cold: summary(cold), warm: summary(warm) } }));
