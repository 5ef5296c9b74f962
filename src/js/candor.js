// Candor's widget loader: the one script a careers page includes, e.g.
//   <script type="module" src="https://candor.example/widget/candor.js"></script>
//   <candor-careers company="northwind"></candor-careers>
// It loads the WebAssembly from beside itself, wherever it is served from,
// and defines the <candor-careers> element.
import init, { define } from "./candor-widget.js";

const here = new URL(".", import.meta.url);
await init({ module_or_path: new URL("candor-widget_bg.wasm", here) });
define(new URL("..", here).href);
