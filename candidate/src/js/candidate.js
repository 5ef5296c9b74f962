// Loads the candidate bundle (the application status view) and defines
// <candor-application>. Included by Candor's status page, and later loaded
// on demand by the careers widget.
const here = new URL(".", import.meta.url);
const wasm = fetch(new URL("candor-candidate_bg.wasm", here));
const { default: init, define } = await import("./candor-candidate.js");
await init({ module_or_path: wasm });
define(new URL("../..", here).href);
