// Reads files as the editing interface does and writes them back (praktijkboek-cms.js' file format), with no
// change in between: what a form saves when an editor opens a file and saves it. For tests/test_cms.py.
// stdin: {"config": <admin config>, "files": [{"collection": name, "text": ..., "set": {field: value}}]}, where
// `set` (optional) is what an editor changed in the form; stdout: the texts written.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const [jsYaml, cmsJs] = process.argv.slice(2);
const input = JSON.parse(readFileSync(0, "utf8"));
// A page's globals: js-yaml's UMD build puts `jsyaml` on globalThis, which is the page's window.
const context = vm.createContext({ console });
context.window = context;
vm.runInContext(readFileSync(jsYaml, "utf8"), context);
vm.runInContext(readFileSync(cmsJs, "utf8"), context);
const { fileFormat, ownFolders } = context.PraktijkboekCms;
const own = ownFolders(input.config);
const byName = Object.fromEntries(input.config.collections.map((c) => [c.name, c]));
const out = input.files.map(({ collection, text, set }) => {
  const format = fileFormat(byName[collection], own);
  return format.toFile({ ...format.fromFile(text), ...(set || {}) });
});
process.stdout.write(JSON.stringify(out));
