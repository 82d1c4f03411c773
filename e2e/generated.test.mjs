// The benchmark's large generated records through the ordinary screen: the counts and verdicts
// the app shows must be the ones the generator says it wrote.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, startApp } from "./harness.mjs";

// `cargo test` (an earlier stage of scripts/test.sh) builds the generator example.
const GENERATOR = path.join(ROOT, "target/debug/examples/generate");

let app;
let dir;
before(async () => {
  app = await startApp();
  dir = mkdtempSync(path.join(os.tmpdir(), "callscope-generated-"));
});
after(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the generator and returns its counts line as numbers. */
function generate(args, file) {
  const out = execFileSync(GENERATOR, [...args, "--out", file], { encoding: "utf8" });
  const line = out.split("\n").find((l) => l.startsWith("counts:"));
  assert.ok(line, `the generator prints its counts: ${out}`);
  return Object.fromEntries(
    [...line.matchAll(/(\w+)=(\d+)/g)].map(([, key, value]) => [key, Number(value)]),
  );
}

for (const [name, args] of [
  ["10 MB meeting", ["--target-bytes", "10000000", "--seed", "2"]],
  ["2,000-participant meeting", ["--sessions", "2000", "--segments-per-session", "1", "--seed", "4"]],
]) {
  test(`${name}: the screen shows what the generator wrote`, { timeout: 180_000 }, async () => {
    assert.ok(existsSync(GENERATOR), `${GENERATOR} is built by cargo test`);
    const file = path.join(dir, `${args.join("_")}.json`);
    const counts = generate(args, file);

    const p = await app.open("/");
    try {
      await p.waitVisible(p.page.getByRole("button", { name: "Open file" }));
      await p.page.locator("input[type=file]").setInputFiles(file);
      const summary = p.page.locator(".summary");
      await p.waitVisible(summary, { timeout: 120_000 });
      const text = await summary.innerText();
      const n = (x) => x.toLocaleString("en-US").replace(/,/g, ",?");
      assert.match(text, new RegExp(`${n(counts.sessions)} sessions · ${n(counts.segments)} segments · ${n(counts.media)} media · ${n(counts.streams)} streams`));
      assert.match(text, new RegExp(`${counts.poor_streams} poor · ${counts.unclassified_streams} unclassified`));
      assert.match(text, new RegExp(`${counts.failed_sessions} failed sessions? · ${counts.failed_segments} failed segments?`));
      assert.deepEqual(p.pageErrors, []);
    } finally {
      await p.close();
    }
  });
}
