// Writes .br and .gz beside each of the widget's files, so the server sends
// them as they are instead of compressing on every request.
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dir = process.argv[2];
const compressible = /\.(wasm|js|css|html)$/;

function walk(path) {
  for (const name of readdirSync(path)) {
    const file = join(path, name);
    if (statSync(file).isDirectory()) walk(file);
    else if (compressible.test(name)) {
      const raw = readFileSync(file);
      writeFileSync(`${file}.br`, brotliCompressSync(raw, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
      }));
      writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
    }
  }
}

walk(dir);
