// Browser benchmark of the release build: for each generated record, opens it through the
// app's file input in headless Chromium and measures what a person waits for and what the
// machine pays, then writes the table into BENCHMARKS.md. Run it with scripts/bench.sh, which
// builds dist/ and the generator first.
//
//   node bench/run.mjs [--only 1MB,10MB] [--out BENCHMARKS.md] [--no-write] [--profile NAME]
//                      [--dist DIR]
// --profile NAME saves a CPU profile of opening record NAME to target/bench-data/NAME.cpuprofile;
// --dist serves another build (e.g. one made with other settings) instead of dist/.
//
// Per record, opened 3 times, each in a fresh page (the times up to the first cards are the
// median of the 3; steps 3 to 5 run in the last page only):
//   1. the app boots and its service worker has cached it; the renderers' memory is read;
//   2. the file is chosen in input[type=file]; the app's performance marks give
//      callscope:input (bytes read and decoded), :analysed (load + analysis done),
//      :summary and :cards (the frame after each is in the DOM); a sampler in this process
//      reads the renderer's resident memory from /proc every 20 ms, so the peak inside the
//      page's long tasks is seen too;
//   3. the window is scrolled to the bottom one viewport at a time, then card toggles are
//      clicked; long tasks (PerformanceObserver 'longtask') are collected in each phase;
//   4. DOM nodes, the JS heap (CDP Performance.getMetrics) and the wasm memory are read;
//   5. the same file is read into the page (a file input of our own, so no transfer is timed)
//      and JSON.parse'd 5 times: the reference.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { DIST, ROOT, launchBrowser, openPage, startServer } from "../e2e/harness.mjs";
import { between, int, longest, mb, median, ms, report, writeReport } from "./report.mjs";

const DATA = path.join(ROOT, "target", "bench-data");
const GENERATOR = path.join(ROOT, "target", "release", "examples", "generate");

/** The records: the native benchmark (benches/load.rs) uses the same seeds for 1 MB and 10 MB. */
const RECORDS = [
  { name: "1MB", args: ["--target-bytes", "1000000", "--seed", "1"] },
  { name: "10MB", args: ["--target-bytes", "10000000", "--seed", "2"] },
  { name: "50MB", args: ["--target-bytes", "50000000", "--seed", "3"] },
  // A 10,000-participant town hall: Graph gives each participant one session to the
  // conferencing service, usually with one segment.
  { name: "10k-segments", args: ["--sessions", "10000", "--segments-per-session", "1", "--seed", "4"] },
];

const CLICKS = 20;
const MAX_SCROLL_STEPS = 3000;
const PARSE_RUNS = 5;
/** Times the record is opened (each in a fresh page); the timings are the median. */
const OPENS = 3;

/** The median of each interval from `input` over several opens, as marks with input = 0. */
function medianMarks(all) {
  const out = { ...all[all.length - 1], input: 0 };
  for (const key of Object.keys(out)) {
    if (key === "input" || key === "hasMarks") continue;
    const xs = all
      .map((m) => (m[key] == null || m.input == null ? null : m[key] - m.input))
      .filter((x) => x !== null);
    out[key] = xs.length ? median(xs) : null;
  }
  return out;
}

function parseArgs(argv) {
  const args = { only: null, out: path.join(ROOT, "BENCHMARKS.md"), write: true, profile: null, dist: DIST };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--only") args.only = argv[++i].split(",");
    else if (a === "--out") args.out = path.resolve(argv[++i]);
    else if (a === "--no-write") args.write = false;
    else if (a === "--profile") args.profile = argv[++i];
    else if (a === "--dist") args.dist = path.resolve(argv[++i]);
    else throw new Error(`unknown option ${a}; see the comment at the top of bench/run.mjs`);
  }
  return args;
}

/** Runs the generator; returns the file and the counts it printed. */
function generate(record) {
  if (!existsSync(GENERATOR)) {
    throw new Error(`${GENERATOR} is missing: cargo build --release --example generate`);
  }
  const file = path.join(DATA, `${record.name}.json`);
  const out = execFileSync(GENERATOR, [...record.args, "--out", file], { encoding: "utf8" });
  const line = out.split("\n").find((l) => l.startsWith("counts: "));
  if (!line) throw new Error(`the generator printed no counts line:\n${out}`);
  const counts = Object.fromEntries(
    line
      .slice("counts: ".length)
      .split(" ")
      .map((kv) => kv.split("="))
      .filter(([k]) => k !== "file")
      .map(([k, v]) => [k, Number(v)]),
  );
  return { file, counts };
}

/**
 * The native benchmark's latest results (cargo bench --bench load), from criterion's files:
 * median time per benchmark and size, and when it ran.
 */
function nativeResults() {
  const dir = path.join(ROOT, "target", "criterion", "read");
  if (!existsSync(dir)) return null;
  const rows = [];
  let newest = 0;
  for (const fn of readdirSync(dir)) {
    for (const size of existsSync(path.join(dir, fn)) ? readdirSync(path.join(dir, fn)) : []) {
      const base = path.join(dir, fn, size, "new");
      if (!existsSync(path.join(base, "estimates.json"))) continue;
      const meta = JSON.parse(readFileSync(path.join(base, "benchmark.json"), "utf8"));
      const est = JSON.parse(readFileSync(path.join(base, "estimates.json"), "utf8"));
      const bytes = meta.throughput?.Bytes ?? meta.throughput?.BytesDecimal ?? null;
      rows.push({ what: meta.function_id, size: meta.value_str, ms: est.median.point_estimate / 1e6, bytes });
      newest = Math.max(newest, statSync(path.join(base, "estimates.json")).mtimeMs);
    }
  }
  return rows.length ? { rows, when: new Date(newest) } : null;
}

/** Sizes of the built app in dist/, raw and gzipped (level 9). */
function builtSizes(dist) {
  const rows = [];
  for (const name of readdirSync(dist).sort()) {
    const kind = name.endsWith(".wasm")
      ? "wasm"
      : name.endsWith(".js")
        ? "JS"
        : name.endsWith(".css")
          ? "CSS"
          : null;
    if (!kind) continue;
    const body = readFileSync(path.join(dist, name));
    rows.push({ name, kind, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
  return { rows, total };
}

function residentBytes(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The browser's renderer processes. */
async function rendererPids(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
  await cdp.detach();
  return processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
}

/** Waits (up to 10 s) for a process to end, so the next page's measurements are its own. */
async function waitForExit(pid) {
  for (let i = 0; i < 100 && pid && existsSync(`/proc/${pid}`); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Samples the resident memory of processes every 20 ms (from this process, so the peak inside
 * the page's long tasks is seen too). The page's renderer is the one whose memory grows most:
 * the one that holds the record. `peek()` and `stop()` return its baseline, current and peak.
 */
function memorySampler(pids) {
  const seen = new Map(pids.map((pid) => [pid, { baseline: residentBytes(pid) ?? 0, peak: 0 }]));
  const sample = () => {
    for (const [pid, s] of seen) s.peak = Math.max(s.peak, residentBytes(pid) ?? 0);
  };
  sample();
  const timer = setInterval(sample, 20);
  const page = () => {
    sample();
    let best = null;
    for (const [pid, s] of seen) {
      if (!best || s.peak - s.baseline > best.peak - best.baseline) best = { pid, ...s };
    }
    return { ...best, now: residentBytes(best.pid) };
  };
  return {
    peek: page,
    /** Stops sampling; returns the figures of `pid`. */
    stop(pid) {
      clearInterval(timer);
      sample();
      return { pid, ...seen.get(pid), now: residentBytes(pid) };
    },
  };
}

/** Installed before the app's scripts: long tasks, the wasm exports, the moment a file is chosen. */
function instrument() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  addEventListener("TrunkApplicationStarted", (e) => {
    window.__wasm = e.detail?.wasm;
  });
  // "On screen" is the end of the frame that draws it: the app marks in a requestAnimationFrame
  // callback, before that frame's style, layout and paint; a task queued from there runs after
  // them.
  window.__painted = {};
  const mark = performance.mark.bind(performance);
  performance.mark = (name, options) => {
    const entry = mark(name, options);
    if (name.startsWith("callscope:")) {
      setTimeout(() => {
        window.__painted[name] ??= performance.now();
      }, 0);
    }
    return entry;
  };
  // Seen from the outside, in case the app sets no marks: when the counts and the first card
  // enter the DOM, and the end of the frame that draws them.
  window.__seen = {};
  const seen = (what) => {
    if (window.__seen[what]) return;
    window.__seen[what] = performance.now();
    requestAnimationFrame(() => setTimeout(() => (window.__seen[`${what}Painted`] = performance.now()), 0));
  };
  new MutationObserver(() => {
    if (window.__seen.cards) return;
    if (document.querySelector("[data-testid=counts]")) seen("summary");
    if (document.querySelector("[data-testid=session-group], [data-testid=segment-card]")) seen("cards");
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener(
    "change",
    (e) => {
      if (e.target?.type === "file" && !e.target.dataset.bench) window.__fileChosenAt = performance.now();
    },
    true,
  );
}

const nextFrames = () =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

async function metrics(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

const T0 = Date.now();
/** Progress on stderr, so a slow phase shows where it is. */
const step = (what) => console.error(`  [${((Date.now() - T0) / 1000).toFixed(1)} s] ${what}`);

async function measureRecord(browser, server, record, data, { profile, full }) {
  const p = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  const { page } = p;
  let pid = null;
  page.on("crash", () => step("the page crashed"));
  page.on("close", () => step("the page closed"));
  page.on("framenavigated", (f) => f === page.mainFrame() && step(`navigated to ${f.url()}`));
  try {
    await page.addInitScript(instrument);
    await page.goto(server.url("/"), { waitUntil: "load" });
    await page.waitForFunction(() => window.__wasm, null, { timeout: 30_000 });
    const cdp = await p.context.newCDPSession(page);
    await cdp.send("Performance.enable");
    await cdp.send("HeapProfiler.collectGarbage");

    // 1. Baseline, once the service worker has cached the app (it hashes every file on its
    // first install, which would otherwise run alongside the measurement).
    await page.evaluate(() =>
      Promise.race([navigator.serviceWorker?.ready, new Promise((resolve) => setTimeout(resolve, 10_000))]),
    );
    await page.waitForTimeout(500);
    step("booted");
    const baseline = {
      heap: (await metrics(cdp)).JSHeapUsedSize,
      wasm: await page.evaluate(() => window.__wasm.memory.buffer.byteLength),
    };

    // 2. Open the file through the app.
    step("opening the file");
    if (profile) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    const sampler = memorySampler(await rendererPids(browser));
    await page.locator("input[type=file]").first().setInputFiles(data.file);
    await page.waitForFunction(
      () => window.__painted["callscope:cards"] || window.__seen.cardsPainted,
      null,
      {
        timeout: 240_000,
        polling: 50,
      },
    );
    await page.evaluate(nextFrames);
    if (profile) {
      const { profile: cpu } = await cdp.send("Profiler.stop");
      const file = path.join(DATA, `${record.name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(cpu));
      console.log(`  CPU profile of the load: ${path.relative(ROOT, file)} (open in Chromium DevTools)`);
    }
    const marks = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name, "mark")[0]?.startTime ?? null;
      return {
        chosen: window.__fileChosenAt ?? null,
        input: at("callscope:input"),
        analysed: at("callscope:analysed"),
        summaryMark: at("callscope:summary"),
        cardsMark: at("callscope:cards"),
        summaryPainted: window.__painted["callscope:summary"] ?? null,
        cardsPainted: window.__painted["callscope:cards"] ?? null,
        seen: window.__seen,
      };
    });
    // The app's marks when it sets them; what was seen from the outside when it does not.
    const hasMarks = marks.input !== null && marks.cardsPainted !== null;
    const t = {
      hasMarks,
      chosen: marks.chosen,
      input: hasMarks ? marks.input : marks.chosen,
      analysed: marks.analysed,
      summaryMark: marks.summaryMark,
      cardsMark: marks.cardsMark,
      summary: hasMarks ? marks.summaryPainted : (marks.seen.summaryPainted ?? null),
      cards: hasMarks ? marks.cardsPainted : (marks.seen.cardsPainted ?? null),
      summarySeen: marks.seen.summary ?? null,
      cardsSeen: marks.seen.cards ?? null,
    };
    const opened = sampler.peek();
    pid = opened.pid;
    baseline.rss = opened.baseline;
    const loadPeakRss = opened.peak;
    const loaded = {
      rss: opened.now,
      heap: (await metrics(cdp)).JSHeapUsedSize,
      nodes: await page.evaluate(() => document.getElementsByTagName("*").length),
      sessionCards: await page.locator("[data-testid=session-group]").count(),
    };
    if (!full) {
      sampler.stop(pid);
      return { marks: t };
    }

    // 3a. Scroll to the bottom, one viewport per step.
    step("cards on screen; scrolling");
    const scroll = await page.evaluate(async (maxSteps) => {
      const nextFrames = () =>
        new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
      const start = performance.now();
      const el = document.scrollingElement;
      let steps = 0;
      let maxNodes = document.getElementsByTagName("*").length;
      let maxCards = document.querySelectorAll("[data-testid=session-group]").length;
      let stuck = 0;
      while (steps < maxSteps && stuck < 3) {
        const before = el.scrollTop;
        window.scrollBy(0, window.innerHeight);
        await nextFrames();
        steps++;
        stuck = el.scrollTop === before ? stuck + 1 : 0;
        maxNodes = Math.max(maxNodes, document.getElementsByTagName("*").length);
        maxCards = Math.max(maxCards, document.querySelectorAll("[data-testid=session-group]").length);
      }
      return {
        start,
        end: performance.now(),
        steps,
        reachedBottom: stuck >= 3,
        height: el.scrollHeight,
        maxNodes,
        maxCards,
      };
    }, MAX_SCROLL_STEPS);

    step(`scrolled ${scroll.steps} steps; expanding`);
    // 3b. Expand cards from the top: session and segment toggles, not the raw JSON views.
    const expand = await page.evaluate(
      async ({ clicks }) => {
        const nextFrames = () =>
          new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
        // The cards start below the summary; start where the list starts.
        const list = document.querySelector(".sessions") ?? document.body;
        list.scrollIntoView({ block: "start" });
        await nextFrames();
        await nextFrames();
        const start = performance.now();
        const times = [];
        for (let i = 0; i < clicks; i++) {
          const button = document.querySelector("button[aria-expanded=false]:not(.raw__toggle)");
          if (!button) break;
          button.scrollIntoView({ block: "center" });
          await nextFrames();
          const t = performance.now();
          button.click();
          await nextFrames();
          times.push(performance.now() - t);
        }
        return { start, end: performance.now(), times };
      },
      { clicks: CLICKS },
    );
    const { peak: peakRss } = sampler.stop(pid);

    // 4. What it all costs.
    const end = {
      rss: residentBytes(pid),
      heap: (await metrics(cdp)).JSHeapUsedSize,
      nodes: await page.evaluate(() => document.getElementsByTagName("*").length),
      wasm: await page.evaluate(() => window.__wasm.memory.buffer.byteLength),
    };
    const longTasks = await page.evaluate(() => window.__longTasks);
    const during = (from, to) => longTasks.filter((t) => t.start >= from && t.start < to);

    step("JSON.parse reference");
    // 5. The reference: JSON.parse of the same text, read into the page without timing it.
    await page.evaluate(() => {
      const input = document.createElement("input");
      input.type = "file";
      input.dataset.bench = "reference";
      input.id = "bench-reference";
      input.hidden = true;
      document.body.append(input);
    });
    await page.locator("#bench-reference").setInputFiles(data.file);
    const reference = await page
      .evaluate(async (runs) => {
        const text = await document.getElementById("bench-reference").files[0].text();
        const times = [];
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          const value = JSON.parse(text);
          times.push(performance.now() - t);
          if (!value) throw new Error("JSON.parse returned nothing");
        }
        return { times, chars: text.length };
      }, PARSE_RUNS)
      .catch((e) => ({ error: String(e) }));
    if (reference.error) throw new Error(`reference JSON.parse: ${reference.error}`);

    const errors = [...p.pageErrors, ...p.consoleErrors];
    return {
      name: record.name,
      bytes: data.counts.bytes,
      counts: data.counts,
      marks: t,
      loadLongTasks: during(t.chosen ?? t.input ?? 0, t.cards ?? Infinity),
      scroll: { ...scroll, longTasks: during(scroll.start, scroll.end) },
      expand: { ...expand, longTasks: during(expand.start, expand.end) },
      parse: reference,
      memory: { baseline, loaded, end, peakRss, loadPeakRss, pid },
      errors,
    };
  } finally {
    await p.close();
    await waitForExit(pid);
  }
}

function environment(browserVersion) {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync(
      "git",
      ["status", "--porcelain", "--", "src", "Cargo.toml", "index.html", "style"],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    ).trim();
    if (dirty) commit += " with uncommitted changes in src/";
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  const cpus = os.cpus();
  return {
    date: new Date()
      .toISOString()
      .replace(/\.\d+Z$/, " UTC")
      .replace("T", " "),
    commit: `\`${commit}\``,
    machine: `${cpus.length} cores (${cpus[0]?.model?.trim() ?? "unknown CPU"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, Chromium ${browserVersion}, Node ${process.version}`,
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(DATA, { recursive: true });
  const records = RECORDS.filter((r) => !args.only || args.only.includes(r.name));
  if (!records.length) throw new Error(`--only matched none of ${RECORDS.map((r) => r.name).join(", ")}`);

  const sizes = builtSizes(args.dist);
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(", ");
  const server = await startServer(args.dist);
  const browser = await launchBrowser();
  const results = [];
  try {
    for (const record of records) {
      const t0 = Date.now();
      const data = generate(record);
      console.log(
        `${record.name}: ${mb(data.counts.bytes)}, ${data.counts.sessions} sessions, ${data.counts.segments} segments`,
      );
      const opens = [];
      for (let i = 1; i < OPENS; i++) {
        opens.push((await measureRecord(browser, server, record, data, { full: false })).marks);
      }
      const r = await measureRecord(browser, server, record, data, {
        profile: args.profile === record.name,
        full: true,
      });
      opens.push(r.marks);
      r.opens = opens;
      r.marks = medianMarks(opens);
      results.push(r);
      console.log(
        `  JSON.parse ${ms(median(r.parse.times))}; input → analysed ${ms(between(r.marks, "input", "analysed"))}, ` +
          `→ summary ${ms(between(r.marks, "input", "summary"))}, → cards ${ms(between(r.marks, "input", "cards"))}; ` +
          `scroll ${r.scroll.steps} steps, longest task ${ms(longest(r.scroll.longTasks))}; ` +
          `${int(r.memory.end.nodes)} nodes; peak +${mb(r.memory.peakRss - r.memory.baseline.rss)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
      );
      if (r.errors.length) console.log(`  page errors: ${r.errors.join("; ")}`);
    }
    const loadEnd = os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(", ");
    const env = { ...environment(browser.version()), load, loadEnd };
    const body = report(results, sizes, env, nativeResults(), { clicks: CLICKS, opens: OPENS });
    writeFileSync(path.join(DATA, "results.json"), JSON.stringify({ env, sizes, results }, null, 2));
    console.log(`\n${body}\n`);
    if (args.write) {
      writeReport(args.out, body);
      console.log(`written to ${path.relative(process.cwd(), args.out) || args.out}`);
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

main().catch((err) => {
  console.error(err.stack || String(err));
  process.exit(1);
});
