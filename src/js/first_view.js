// The first view a careers widget showed (its list, or its one posting),
// kept in the host page's own storage so that the loader (candor.js) draws
// it at once on the next visit, before the wasm has arrived; the live view
// replaces it in the first frame it is ready (src/element.rs). Only public
// postings are kept, never anything a visitor typed. The format is read by
// candor.js's drawFirstViews: keep the two together.
const STORE = "candor:first-views";
// A few widgets' views; the oldest go first.
const KEEP = 8;

export function rememberFirstView(company, posting, lang, api, container, css) {
  try {
    const copy = container.cloneNode(true);
    // Inline styles (the company's accent colour) would be refused by a
    // host's `style-src` without 'unsafe-inline' when drawn from markup:
    // the loader sets them again through the CSSOM, which is allowed.
    for (const el of copy.querySelectorAll("[style]")) {
      el.setAttribute("data-candor-style", el.getAttribute("style"));
      el.removeAttribute("style");
    }
    const kept = JSON.parse(localStorage.getItem(STORE) || "null");
    const views = kept && typeof kept.views === "object" && kept.views ? kept.views : {};
    views[JSON.stringify([company, posting, lang, api])] = { html: copy.innerHTML, at: Date.now() };
    const newest = Object.entries(views).sort((a, b) => b[1].at - a[1].at).slice(0, KEEP);
    localStorage.setItem(STORE, JSON.stringify({ css, views: Object.fromEntries(newest) }));
  } catch {
    // Storage blocked or full: the next visit waits for the wasm, as before.
  }
}
