// Candor's widget loader: the one script a careers page includes, e.g.
//   <script type="module" src="https://candor.example/widget/candor.js"></script>
//   <candor-careers company="northwind"></candor-careers>
// It loads the WebAssembly from beside itself, wherever it is served from,
// and defines the <candor-careers> element.

const here = new URL(".", import.meta.url);
// Start the .wasm download at once; a static import of the glue would make
// it wait for the glue and its snippets to arrive first.
const wasm = fetch(new URL("candor-widget_bg.wasm", here));
const { default: init, define } = await import("./candor-widget.js");
await init({ module_or_path: wasm });
define(new URL("..", here).href);
