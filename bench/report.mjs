// The report of bench/run.mjs: the targets and how each is judged, the Markdown tables, and
// writing them between the marks in BENCHMARKS.md. Pure functions of the measurements.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** Targets, as agreed for the app (see BENCHMARKS.md). */
const TARGETS = {
  summaryVsParse: 1.5,
  firstCardsAfterAnalysisMs: 300,
  scrollLongTaskMs: 100,
  gzipBytes: 350_000,
  memoryPerInputByte: 4,
};

/** "Bounded by what is on screen": a 1280 × 800 viewport holds about 15 collapsed cards. */
const MAX_CARDS = 200;
const MAX_NODES = 5000;

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
    : NaN;
};
export const ms = (x) =>
  x === null || x === undefined || Number.isNaN(x)
    ? "—"
    : `${Math.abs(x) < 10 ? x.toFixed(1) : Math.round(x).toLocaleString("en")} ms`;
export const mb = (x) => (x === null || x === undefined ? "—" : `${(x / 1e6).toFixed(1)} MB`);
const kb = (x) => `${(x / 1000).toFixed(1)} KB`;
export const int = (x) => (x === null || x === undefined ? "—" : Math.round(x).toLocaleString("en"));
export const between = (m, a, b) => (m[a] == null || m[b] == null ? null : m[b] - m[a]);
export const longest = (tasks) => (tasks.length ? Math.max(...tasks.map((t) => t.duration)) : 0);
export const over = (tasks, limit) => tasks.filter((t) => t.duration > limit).length;

function verdict(ok, detail) {
  return `${ok ? "**met**" : "**missed**"} (${detail})`;
}

function targetRows(results, sizes) {
  const rows = [];
  const byName = Object.fromEntries(results.map((r) => [r.name, r]));
  for (const name of ["10MB", "50MB"]) {
    const r = byName[name];
    if (!r) continue;
    const summary = between(r.marks, "input", "summary");
    const parse = median(r.parse.times);
    const limit = TARGETS.summaryVsParse * parse;
    const ratio = summary / parse;
    rows.push([
      `${name}: input → summary ≤ ${TARGETS.summaryVsParse} × JSON.parse`,
      `${ms(summary)} vs ${ms(parse)} (${ratio.toFixed(1)} ×)`,
      verdict(
        summary <= limit,
        summary <= limit
          ? `${ms(limit - summary)} to spare`
          : `${ms(summary - limit)} over, ${(summary / limit).toFixed(1)} × the limit`,
      ),
    ]);
  }
  const big = byName["10k-segments"];
  if (big) {
    const cards = between(big.marks, "analysed", "cards");
    const lim = TARGETS.firstCardsAfterAnalysisMs;
    rows.push([
      `10k segments: first cards ≤ ${lim} ms after analysis`,
      ms(cards),
      verdict(cards <= lim, cards <= lim ? `${ms(lim - cards)} to spare` : `${ms(cards - lim)} over`),
    ]);
    const worst = longest(big.scroll.longTasks);
    rows.push([
      `10k segments: no long task > ${TARGETS.scrollLongTaskMs} ms while scrolling`,
      `longest ${ms(worst)}; ${over(big.scroll.longTasks, TARGETS.scrollLongTaskMs)} over ${TARGETS.scrollLongTaskMs} ms in ${big.scroll.steps} steps`,
      verdict(
        worst <= TARGETS.scrollLongTaskMs,
        worst <= TARGETS.scrollLongTaskMs ? "none" : `${ms(worst - TARGETS.scrollLongTaskMs)} over`,
      ),
    ]);
    // Bounded: while scrolling through all of them, only a few screenfuls of the 10,000
    // session cards are drawn at any time, and the page stays a few thousand nodes.
    const bounded = big.scroll.maxCards <= MAX_CARDS && big.scroll.maxNodes <= MAX_NODES;
    rows.push([
      "10k segments: DOM nodes bounded by what is on screen",
      `at most ${int(big.scroll.maxNodes)} nodes and ${int(big.scroll.maxCards)} of ${int(big.counts.sessions)} session cards in the DOM while scrolling`,
      verdict(bounded, `rule: ≤ ${MAX_CARDS} cards and ≤ ${int(MAX_NODES)} nodes at any time`),
    ]);
  }
  const gz = sizes.total.gzip;
  rows.push([
    `built app (wasm + JS + CSS) gzipped ≤ ${kb(TARGETS.gzipBytes)}`,
    kb(gz),
    verdict(
      gz <= TARGETS.gzipBytes,
      gz <= TARGETS.gzipBytes
        ? `${kb(TARGETS.gzipBytes - gz)} to spare`
        : `${kb(gz - TARGETS.gzipBytes)} over`,
    ),
  ]);
  for (const r of results) {
    const used = r.memory.loadPeakRss - r.memory.baseline.rss;
    const limit = TARGETS.memoryPerInputByte * r.bytes;
    rows.push([
      `${r.name}: peak memory while opening ≤ ${TARGETS.memoryPerInputByte} × input`,
      `${mb(used)} (${(used / r.bytes).toFixed(1)} × ${mb(r.bytes)})`,
      verdict(used <= limit, used <= limit ? `${mb(limit - used)} to spare` : `${mb(used - limit)} over`),
    ]);
  }
  return rows;
}

function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

const NATIVE_LABELS = {
  "serde_json::Value": "`serde_json::from_str::<Value>` (the floor)",
  model: "`serde_json::from_str::<Reading<Node>>` (the model alone)",
  load: "`load::load` (model + depth check + shape + source copy)",
  "load+analyse": "`load` + `analyse`",
};

function nativeTable(native) {
  if (!native) return ["(no results: run `./scripts/bench.sh --native`)"];
  const order = ["serde_json::Value", "model", "load", "load+analyse"];
  const sizes = [...new Set(native.rows.map((r) => r.size))].sort((a, b) => parseFloat(a) - parseFloat(b));
  const cell = (what, size) => {
    const r = native.rows.find((x) => x.what === what && x.size === size);
    return r ? `${ms(r.ms)} (${(r.bytes / 1e3 / r.ms).toFixed(0)} MB/s)` : "—";
  };
  return [
    `\`cargo bench --bench load\` (criterion, median), ${native.when.toISOString().slice(0, 16).replace("T", " ")} UTC, release profile (\`opt-level = "z"\`, LTO) on this machine:`,
    "",
    table(
      ["", ...sizes],
      order.map((what) => [NATIVE_LABELS[what], ...sizes.map((size) => cell(what, size))]),
    ),
  ];
}

export function report(results, sizes, env, native, { clicks, opens }) {
  const col = results.map((r) => r.name);
  const row = (label, f) => [label, ...results.map(f)];
  const records = table(
    ["", ...col],
    [
      row("file size", (r) => mb(r.bytes)),
      row("sessions / segments", (r) => `${int(r.counts.sessions)} / ${int(r.counts.segments)}`),
      row("media / streams", (r) => `${int(r.counts.media)} / ${int(r.counts.streams)}`),
      row(
        "poor streams / failed sessions",
        (r) => `${int(r.counts.poor_streams)} / ${int(r.counts.failed_sessions)}`,
      ),
    ],
  );
  const timing = table(
    ["", ...col],
    [
      row("JSON.parse (median of 5)", (r) => ms(median(r.parse.times))),
      row("file chosen → input (read + decode)", (r) => ms(between(r.marks, "chosen", "input"))),
      row("input → analysed (load + analyse)", (r) => ms(between(r.marks, "input", "analysed"))),
      row("input → summary mark (app's frame callback, before paint)", (r) =>
        ms(between(r.marks, "input", "summaryMark")),
      ),
      row(
        "**input → summary on screen** (that frame painted)",
        (r) => `**${ms(between(r.marks, "input", "summary"))}**`,
      ),
      row("input → first cards on screen", (r) => ms(between(r.marks, "input", "cards"))),
      row("**analysed → first cards on screen**", (r) => `**${ms(between(r.marks, "analysed", "cards"))}**`),
      row("file chosen → summary in the DOM (MutationObserver)", (r) =>
        ms(between(r.marks, "chosen", "summarySeen")),
      ),
      row(
        "input → summary ÷ JSON.parse",
        (r) => `${(between(r.marks, "input", "summary") / median(r.parse.times)).toFixed(1)} ×`,
      ),
      row(
        "load + analyse throughput",
        (r) => `${(r.bytes / 1e3 / between(r.marks, "input", "analysed")).toFixed(0)} MB/s`,
      ),
      row(
        "long tasks while loading (> 50 ms; longest)",
        (r) => `${r.loadLongTasks.length}; ${ms(longest(r.loadLongTasks))}`,
      ),
      row(
        "scroll to bottom: steps (viewports)",
        (r) => `${int(r.scroll.steps)}${r.scroll.reachedBottom ? "" : " (stopped before the bottom)"}`,
      ),
      row(
        "long tasks while scrolling (> 50 / > 100 ms; longest)",
        (r) =>
          `${r.scroll.longTasks.length} / ${over(r.scroll.longTasks, 100)}; ${ms(longest(r.scroll.longTasks))}`,
      ),
      row(
        `expanding ${clicks} cards: click → painted (median; max)`,
        (r) => `${ms(median(r.expand.times))}; ${ms(Math.max(0, ...r.expand.times))}`,
      ),
      row(
        "long tasks while expanding (> 50 / > 100 ms; longest)",
        (r) =>
          `${r.expand.longTasks.length} / ${over(r.expand.longTasks, 100)}; ${ms(longest(r.expand.longTasks))}`,
      ),
      row(
        "DOM nodes: after loading / max scrolling / end",
        (r) => `${int(r.memory.loaded.nodes)} / ${int(r.scroll.maxNodes)} / ${int(r.memory.end.nodes)}`,
      ),
      row("session cards in the DOM right after opening", (r) => int(r.memory.loaded.sessionCards)),
      row(
        "session cards drawn (max) / sessions",
        (r) => `${int(r.scroll.maxCards)} / ${int(r.counts.sessions)}`,
      ),
      row(
        "renderer memory: peak while opening − before",
        (r) =>
          `${mb(r.memory.loadPeakRss - r.memory.baseline.rss)} (${((r.memory.loadPeakRss - r.memory.baseline.rss) / r.bytes).toFixed(1)} × input)`,
      ),
      row(
        "renderer memory: peak to the end − before",
        (r) =>
          `${mb(r.memory.peakRss - r.memory.baseline.rss)} (${((r.memory.peakRss - r.memory.baseline.rss) / r.bytes).toFixed(1)} × input)`,
      ),
      row(
        "renderer memory: before / after opening / end",
        (r) => `${mb(r.memory.baseline.rss)} / ${mb(r.memory.loaded.rss)} / ${mb(r.memory.end.rss)}`,
      ),
      row(
        "wasm memory at the end (= its peak)",
        (r) => `${mb(r.memory.end.wasm)} (${(r.memory.end.wasm / r.bytes).toFixed(1)} × input)`,
      ),
      row(
        "JS heap used: before / after loading / end",
        (r) => `${mb(r.memory.baseline.heap)} / ${mb(r.memory.loaded.heap)} / ${mb(r.memory.end.heap)}`,
      ),
    ],
  );
  const built = table(
    ["file", "kind", "raw", "gzip -9"],
    [
      ...sizes.rows.map((r) => [`\`${r.name}\``, r.kind, kb(r.raw), kb(r.gzip)]),
      ["**total**", "", `**${kb(sizes.total.raw)}**`, `**${kb(sizes.total.gzip)}**`],
    ],
  );
  const targets = table(["target", "measured", "verdict"], targetRows(results, sizes));
  const errors = results.filter((r) => r.errors.length).map((r) => `- ${r.name}: ${r.errors.join("; ")}`);
  return [
    `Run on ${env.date} by \`scripts/bench.sh\` at commit ${env.commit}: ${env.machine}; load average (1, 5, 15 min) ${env.load} at the start and ${env.loadEnd} at the end (above 2 the other work on the machine makes the times longer).`,
    "",
    "### Targets",
    "",
    targets,
    "",
    "### Records",
    "",
    records,
    "",
    `### In the browser (release build; times from the file to the cards: median of ${opens} opens, each in a fresh page; the rest from the last open)`,
    "",
    timing,
    "",
    "### Native (the same records, no browser)",
    "",
    ...nativeTable(native),
    "",
    "### Built app (`dist/`)",
    "",
    built,
    ...(errors.length ? ["", "### Errors in the page", "", ...errors] : []),
  ].join("\n");
}

const START = "<!-- bench:results:start (written by bench/run.mjs; edit outside these marks) -->";
const END = "<!-- bench:results:end -->";

export function writeReport(file, body) {
  const block = `${START}\n${body}\n${END}`;
  let text = existsSync(file) ? readFileSync(file, "utf8") : `# Benchmarks\n\n${START}\n${END}\n`;
  const a = text.indexOf(START.slice(0, 30));
  const b = text.indexOf(END);
  text =
    a >= 0 && b > a
      ? text.slice(0, a) + block + text.slice(b + END.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}
