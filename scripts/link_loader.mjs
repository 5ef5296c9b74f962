// Tells the widget's loader (dist/widget/candor.js) which JS snippets the
// wasm-bindgen glue imports, so it asks for them beside the glue instead
// of after it: the glue's static imports are only found once the glue
// has arrived, one round trip later (150 ms on a phone's 4G). Their
// folder carries a hash of the crate, so the list is taken from the built
// glue itself. The module map gives the glue the very modules loaded early.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const glue = readFileSync(join(dir, "candor-widget.js"), "utf8");
const snippets = [...new Set([...glue.matchAll(/from\s*['"](\.\/snippets\/[^'"]+)['"]/g)].map((m) => m[1]))];
const loader = join(dir, "candor.js");
const marker = "const SNIPPETS = [];";
const text = readFileSync(loader, "utf8");
if (!text.includes(marker)) throw new Error(`${loader} has no "${marker}" to fill`);
writeFileSync(loader, text.replace(marker, `const SNIPPETS = ${JSON.stringify(snippets)};`));
console.log(`candor.js: ${snippets.length} snippets read ahead`);
