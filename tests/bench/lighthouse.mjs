// Lighthouse (npm lighthouse@12.2.3, its mobile preset: a mid-range phone
// on a slow 4G, simulated) on the demo careers page and on a posting's
// deep link, with Debian's Chromium; three runs each, the median kept.
// Usage: node bench/lighthouse.mjs <candor url> <lighthouse binary>
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, lighthouse] = process.argv.slice(2);
const RUNS = 3;
const PAGES = [["/demo/", "careers page"], ["/demo/#candor/northwind/dental-hygienist", "a posting's deep link"]];
const dir = mkdtempSync(join(tmpdir(), "candor-lighthouse-"));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const results = [];
for (const [path, name] of PAGES) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const out = join(dir, `run-${results.length}-${i}.json`);
    execFileSync(lighthouse, [`${url}${path}`, "--quiet", "--output=json", `--output-path=${out}`,
      "--only-categories=performance,accessibility,best-practices,seo",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"],
    { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || "/usr/bin/chromium" }, stdio: ["ignore", "ignore", "inherit"] });
    runs.push(JSON.parse(readFileSync(out, "utf8")));
  }
  const score = (r, c) => Math.round(r.categories[c].score * 100);
  const audit = (r, a) => r.audits[a]?.numericValue;
  // The run whose performance score is the median, for what it says is left to do.
  const middle = [...runs].sort((a, b) => score(a, "performance") - score(b, "performance"))[Math.floor(RUNS / 2)];
  const left = Object.values(middle.audits)
    .filter((a) => a.score !== null && a.score < 1 && (a.details?.type === "opportunity" || a.scoreDisplayMode === "binary" || a.scoreDisplayMode === "numeric"))
    .map((a) => a.title + (a.displayValue ? ` (${a.displayValue})` : ""));
  results.push({
    path, name,
    scores: Object.fromEntries(["performance", "accessibility", "best-practices", "seo"].map((c) => [c, median(runs.map((r) => score(r, c)))])),
    tbt: median(runs.map((r) => audit(r, "total-blocking-time"))),
    fcp: median(runs.map((r) => audit(r, "first-contentful-paint"))),
    lcp: median(runs.map((r) => audit(r, "largest-contentful-paint"))),
    cls: median(runs.map((r) => audit(r, "cumulative-layout-shift"))),
    left,
  });
}
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(results));
