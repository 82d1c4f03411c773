#!/usr/bin/env node
// Writes the service worker of a built callscope folder: web/sw.js with its BUILD and FILES
// filled in.
//
//   node scripts/stamp-sw.mjs [DIR]
//
// DIR defaults to $TRUNK_STAGING_DIR: Trunk.toml runs this as a post_build hook, on the staging
// folder, before Trunk moves it to dist/. Run it by hand on a folder whose files you changed.
//
// FILES: every file in DIR except sw.js and dot files, as [URL relative to sw.js, SHA-256 in
// base64]; index.html is listed as "./", the URL the app is opened by. BUILD: the first 16 hex
// digits of a SHA-256 over the template and that list. The same files give the same sw.js (no
// update prompt for a rebuild that changed nothing); any changed file gives another one.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TEMPLATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../web/sw.js");

function fail(message) {
  console.error(`stamp-sw: ${message}`);
  process.exit(1);
}

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) fail("usage: node scripts/stamp-sw.mjs DIR (or run it as a Trunk hook)");

/** Files under `root`, as paths relative to it with "/" separators, sorted. */
function listFiles(root, rel = "") {
  const out = [];
  for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(root, child));
    else if (entry.isFile() && child !== "sw.js") out.push(child);
  }
  return out.sort();
}

let names;
try {
  names = listFiles(dir);
} catch (err) {
  fail(`cannot read ${dir}: ${err.message}`);
}
if (!names.includes("index.html")) fail(`${dir} has no index.html: is it a built callscope folder?`);

const files = names.map((name) => [
  name === "index.html" ? "./" : encodeURI(name),
  createHash("sha256").update(readFileSync(path.join(dir, name))).digest("base64"),
]);
const template = readFileSync(TEMPLATE, "utf8");
const build = createHash("sha256")
  .update(template)
  .update(JSON.stringify(files))
  .digest("hex")
  .slice(0, 16);

let stamped = template;
for (const [marker, value] of [
  [/\/\* stamp:build \*\/ [^;]*;/, JSON.stringify(build)],
  [/\/\* stamp:files \*\/ [^;]*;/, JSON.stringify(files, null, 2)],
]) {
  if (!marker.test(stamped)) fail(`${TEMPLATE} lost its marker ${marker}`);
  stamped = stamped.replace(marker, () => `/* stamped */ ${value};`);
}
writeFileSync(path.join(dir, "sw.js"), stamped);
console.log(`stamp-sw: ${path.join(dir, "sw.js")}: build ${build}, ${files.length} files`);
