// Candor's widget loader: the one script a careers page includes, e.g.
//   <script type="module" src="https://candor.example/widget/candor.js"></script>
//   <candor-careers company="northwind"></candor-careers>
// It loads the WebAssembly from beside itself, wherever it is served from,
// and defines the <candor-careers> element.

const here = new URL(".", import.meta.url);
// Start the .wasm download at once; a static import of the glue would make
// it wait for the glue and its snippets to arrive first.
const wasm = fetch(new URL("candor-widget_bg.wasm", here));
const candor = new URL("..", here).href;
prefetch();
drawFirstViews();
// The glue's own imports, filled in by scripts/link_loader.mjs at build.
const SNIPPETS = [];
for (const snippet of SNIPPETS) import(new URL(snippet, here)).catch(() => {}); // the glue's import says a failure
const { default: init, define } = await import("./candor-widget.js");
await init({ module_or_path: wasm });
define(candor);

// Asks now, beside the wasm, for what each widget on the page reads first
// (the company, its list, the posting it shows), so that the answers wait
// in the browser's HTTP cache (public answers may be kept a minute) when
// the widget asks for the same addresses: the list no longer waits for
// the wasm to arrive and compile before its round trip starts. Module
// scripts run once the page is parsed, so the elements are there. The
// addresses must be the very ones the widget builds (src/context.rs,
// src/widget.rs, src/postings/); the journey
// visitor_returns_to_the_careers_page checks that no first read goes to the
// server twice. What this gets wrong costs one request, never a wrong view.
function prefetch() {
  const slug = /^[a-z0-9][a-z0-9-]*$/;
  const asked = new Set();
  const ask = (address) => {
    if (asked.has(address)) return;
    asked.add(address);
    fetch(address).catch(() => {}); // the widget says any failure itself
  };
  for (const el of document.querySelectorAll("candor-careers")) {
    const company = attribute(el, "company");
    if (!slug.test(company)) continue;
    let api = attribute(el, "api") || candor;
    if (!api.endsWith("/")) api += "/";
    const base = `${api}api/v1/companies/${company}`;
    const lang = locale(el);
    ask(base);
    const posting = attribute(el, "posting");
    if (posting) {
      if (slug.test(posting)) ask(`${base}/postings/${posting}?lang=${lang}`);
      continue;
    }
    ask(`${base}/postings?lang=${lang}`);
    // A deep link (src/routing.rs): "#candor/<company>/<posting>".
    const [prefix, linked, slugOf, more] = location.hash.split("/");
    if (prefix === "#candor" && linked === company && slug.test(slugOf || "") && more === undefined) {
      ask(`${base}/postings/${slugOf}?lang=${lang}`);
    }
  }
}

// An attribute's value, trimmed, or "" (as src/context.rs's `attribute`).
function attribute(el, name) {
  return (el.getAttribute(name) || "").trim();
}

// The language a widget speaks, as `candor_api::Locale::negotiate` picks
// it from `src/context.rs`'s preferences: the element's `lang`, each
// enclosing one, then the browser's languages; the first Candor speaks.
function locale(el) {
  const spoken = ["en", "fi", "sv", "pl", "nl"];
  const preferences = [];
  for (let at = el.closest("[lang]"); at; at = at.parentElement?.closest("[lang]")) preferences.push(at.getAttribute("lang"));
  preferences.push(...(navigator.languages || []));
  for (const tag of preferences) {
    const primary = (tag || "").trim().split(/[-_]/)[0].toLowerCase();
    if (spoken.includes(primary)) return primary;
  }
  return "en";
}

// Draws, in each widget that has none yet, the first view it showed on
// this browser's last visit (src/js/first_view.js keeps it; same format),
// so a returning visitor sees the postings in the page's first frames. It
// is inert until the wasm's own view replaces it, in the first frame that
// view is ready (src/element.rs). A week-old view is not drawn, nor a
// list's when the address opens a posting (a deep link).
function drawFirstViews() {
  const WEEK = 7 * 24 * 3600 * 1000;
  let kept;
  try {
    kept = JSON.parse(localStorage.getItem("candor:first-views") || "null");
  } catch {
    return; // storage blocked, or not ours
  }
  if (!kept || typeof kept.css !== "string" || typeof kept.views !== "object" || !kept.views) return;
  let sheet;
  const painted = new Set();
  for (const el of document.querySelectorAll("candor-careers")) {
    const posting = attribute(el, "posting");
    const view = kept.views[JSON.stringify([attribute(el, "company"), posting, locale(el), attribute(el, "api")])];
    if (!view || typeof view.html !== "string" || !(Date.now() - view.at < WEEK) || el.shadowRoot) continue;
    if (!posting && location.hash.startsWith("#candor/")) continue;
    try {
      // A constructed sheet, as the widget's own: a host's `style-src`
      // refuses a <style> element.
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(kept.css);
      }
      const template = document.createElement("template");
      template.innerHTML = view.html;
      const holder = document.createElement("div");
      holder.setAttribute("data-candor-first-view", "");
      holder.inert = true;
      holder.append(template.content);
      const root = el.attachShadow({ mode: "open" });
      root.adoptedStyleSheets = [sheet];
      root.append(holder);
      for (const styled of holder.querySelectorAll("[data-candor-style]")) {
        styled.style.cssText = styled.getAttribute("data-candor-style");
        styled.removeAttribute("data-candor-style");
      }
      painted.add(posting ? "candor:posting-painted" : "candor:postings-painted");
    } catch {
      // e.g. a host requiring Trusted Types: the widget draws itself later
    }
  }
  // As the widget marks its own first paint: after the frame (see src/postings/mod.rs).
  if (painted.size) requestAnimationFrame(() => setTimeout(() => painted.forEach((name) => performance.mark(name))));
}
