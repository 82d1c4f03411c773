// Hosting end to end: the release build (dist/) served from a sub-path, /tools/callscope/, as a
// helpdesk would put it on an internal web server. The app boots there, is installable, and its
// service worker keeps its own files and nothing else. Then the server really stops: a reload
// still shows the app, a file still opens, and fetching says that the network is needed. Then a
// half-copied deployment is served on the same address, and refused; then a different build:
// the page offers "new version available", Reload switches to it, and the old build's cache is
// gone.
//
// The steps run in order on one browser page and share its state; a step fails at once when an
// earlier one did.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DIST, launchBrowser, openPage, ROOT, screenshot, startServer } from "./harness.mjs";
import { startMockGraph, TOKEN } from "./mock-graph.mjs";

const SAMPLES = process.env.CALLSCOPE_SAMPLES || path.resolve(ROOT, "../shared/samples");
const SAMPLE = path.join(SAMPLES, "01-full-expand-p2p-audio.json");
const CALL_ID = "c0ffee01-5a1e-4e57-9a11-0000000000a1";
const GRAPH_CALL_ID = "c0ffee07-5a1e-4e57-9a11-000000000107"; // the mock's paged record
const PREFIX = "/tools/callscope/";
// A file next to the app that is not part of the build: what a user might fetch from the same
// server. The service worker must never store or serve it.
const USER_FILE = "records/exported.json";

let tmp; // v1/ = dist/ plus USER_FILE, v2/ = another build
let browser;
let server;
let port;
let mock;
let p; // the page session (harness openPage) every step works on
let failedStep = null;

/** Runs one step of the story; once a step has failed, the later ones fail at once. */
function step(name, fn) {
  test(name, { timeout: 90_000 }, async () => {
    if (failedStep) throw new Error(`not run: the step "${failedStep}" failed`);
    try {
      await fn();
    } catch (err) {
      failedStep = name;
      if (p) await screenshot(p.page, `offline-failed-${name.slice(0, 40)}`).catch(() => {});
      throw err;
    }
  });
}

before(async () => {
  for (const f of ["index.html", "sw.js", "manifest.webmanifest"]) {
    if (!existsSync(path.join(DIST, f))) {
      throw new Error(`dist/${f} is missing: run ./scripts/build-static.sh (or trunk build --release) first`);
    }
  }
  tmp = mkdtempSync(path.join(tmpdir(), "callscope-offline-"));
  cpSync(DIST, path.join(tmp, "v1"), { recursive: true });
  mkdirSync(path.join(tmp, "v1", path.dirname(USER_FILE)), { recursive: true });
  cpSync(SAMPLE, path.join(tmp, "v1", USER_FILE));
  browser = await launchBrowser();
  server = await startServer(path.join(tmp, "v1"), { prefix: PREFIX });
  port = new URL(server.origin).port;
  mock = await startMockGraph({ allowOrigin: server.origin });
});

after(async () => {
  await p?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await server?.close();
  await mock?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const appUrl = (rest = "") => `${server.origin}${PREFIX}${rest}`;

/** The service worker caches as { name: [URL, …] }, read in the page. */
const readCaches = () =>
  p.page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((r) => r.url).sort();
    }
    return out;
  });

/** The URLs a build folder should have in its cache: every file, index.html as the folder. */
function expectedUrls(dir) {
  const list = execFileSync("find", [".", "-type", "f", "!", "-path", "*/.*", "!", "-name", "sw.js"], {
    cwd: dir,
    encoding: "utf8",
  })
    .split("\n")
    .filter(Boolean)
    .map((f) => f.replace(/^\.\//, ""))
    .filter((f) => f !== USER_FILE)
    .map((f) => (f === "index.html" ? appUrl() : appUrl(f)));
  return list.sort();
}

async function openFile(file) {
  await p.waitVisible(p.page.getByRole("button", { name: "Open file" }));
  await p.page.locator("input[type=file]").setInputFiles(file);
  const summary = p.page.locator(".summary");
  await p.waitVisible(summary);
  return summary.innerText();
}

const fetchAlert = () => p.page.locator(".fetch").getByRole("alert");
const fetchStatus = () => p.page.locator(".fetch").getByRole("status");

async function openFetchPanel() {
  const urlField = p.page.getByLabel("URL of a call record or sessions page");
  if (!(await urlField.isVisible())) await p.page.getByText("Fetch from a URL or from Graph").click();
  await p.waitVisible(urlField);
}

describe("hosted under /tools/callscope/, then offline, then updated", () => {
  step("served under a sub-path, the app boots, installs its service worker and is installable", async () => {
    p = await openPage(browser);
    // Without the trailing slash, the server redirects (as static servers do) and the app boots.
    await p.page.goto(`${server.origin}${PREFIX.slice(0, -1)}`, { waitUntil: "load" });
    assert.equal(p.page.url(), appUrl(), "the server redirected to the folder");
    await p.waitVisible(p.page.getByRole("heading", { level: 1, name: "callscope" }));
    await p.page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated", null, {
      timeout: 30_000,
    });

    const caches = await readCaches();
    const names = Object.keys(caches);
    assert.equal(names.length, 1, `one cache, got ${JSON.stringify(names)}`);
    assert.ok(names[0].startsWith(`callscope ${appUrl()} `), `the cache is named after the scope: ${names[0]}`);
    assert.deepEqual(caches[names[0]], expectedUrls(path.join(tmp, "v1")), "the cache holds exactly the build's files");

    // Every request went to this server, under the prefix.
    const outside = server.requests.filter((r) => !r.split(" ")[1].startsWith(PREFIX.slice(0, -1)));
    assert.deepEqual(outside, [], "requests outside /tools/callscope/");

    // Chromium's own verdict on the manifest and on installability.
    const cdp = await p.context.newCDPSession(p.page);
    const manifest = await cdp.send("Page.getAppManifest");
    assert.equal(manifest.url, appUrl("manifest.webmanifest"));
    assert.deepEqual(manifest.errors, [], "manifest errors");
    // "in-incognito": the test's browser context keeps no profile; installing needs one.
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    const errors = installabilityErrors.map((e) => e.errorId).filter((id) => id !== "in-incognito");
    assert.deepEqual(errors, [], "installability errors");
    for (const icon of ["icons/icon-192.png", "icons/icon-512.png", "icons/icon.svg"]) {
      const res = await p.page.request.get(appUrl(icon));
      assert.equal(res.status(), 200, icon);
    }

    assert.deepEqual(p.pageErrors, [], "page errors");
    assert.deepEqual(p.consoleErrors, [], "console errors");
    assert.deepEqual(await p.cspViolations(), [], "Content-Security-Policy violations");
    assert.deepEqual(p.failedRequests, [], "failed requests");
  });

  step("what the user fetches goes to the network and is never cached", async () => {
    await openFetchPanel();
    // The same origin and inside the service worker's scope, but not a file of the app.
    const before = server.requests.length;
    await p.page.getByLabel("URL of a call record or sessions page").fill(appUrl(USER_FILE));
    await p.page.getByRole("button", { name: "Fetch", exact: true }).click();
    await p.page.waitForFunction(() => /^Loaded/.test(document.querySelector(".fetch [role=status]")?.textContent ?? ""));
    assert.match(await p.page.locator(".summary").innerText(), new RegExp(CALL_ID));
    assert.ok(
      server.requests.slice(before).includes(`GET ${PREFIX}${USER_FILE}`),
      `the server was asked for ${USER_FILE}: ${server.requests.slice(before).join(", ")}`,
    );

    // Another origin, with a bearer token: Graph (the mock), through the controlling worker.
    const mockBefore = mock.requests.length;
    await p.page.getByLabel("Call id").fill(GRAPH_CALL_ID);
    await p.page.getByLabel("Bearer token").fill(TOKEN);
    await p.page.getByLabel("Base URL").fill(mock.base);
    await p.page.getByRole("button", { name: "Fetch from Graph" }).click();
    await p.page.waitForFunction(() => /^Loaded 3 pages/.test(document.querySelector(".fetch [role=status]")?.textContent ?? ""));
    const gets = mock.requests.slice(mockBefore).filter((r) => r.method === "GET");
    assert.equal(gets.length, 3, "the mock served three pages");
    assert.deepEqual(gets.map((r) => r.authorization), Array(3).fill(`Bearer ${TOKEN}`), "the token reached Graph");
    assert.match(await p.page.locator(".summary").innerText(), new RegExp(GRAPH_CALL_ID));

    const caches = await readCaches();
    const cached = Object.values(caches).flat();
    assert.deepEqual(cached.filter((u) => u.includes("records/") || !u.startsWith(appUrl())), [], "user data in the cache");
    assert.deepEqual(cached.sort(), expectedUrls(path.join(tmp, "v1")), "the cache still holds exactly the build's files");
    assert.deepEqual(p.pageErrors, [], "page errors");
  });

  step("with the server stopped, a reload shows the app, which opens a file", async () => {
    await server.close();
    // Nothing answers on the port any more.
    const refused = await fetch(appUrl()).then(
      () => false,
      () => true,
    );
    assert.ok(refused, "the server still answers after close()");

    await p.page.reload({ waitUntil: "load" });
    await p.waitVisible(p.page.getByRole("heading", { level: 1, name: "callscope" }));
    const summary = await openFile(SAMPLE);
    assert.match(summary, new RegExp(CALL_ID), "the summary names the call");
    assert.match(summary, /call record with sessions and segments/);

    // Paste works too.
    const area = p.page.getByLabel("Call record JSON");
    await area.fill(readFileSync(SAMPLE, "utf8"));
    await p.page.getByRole("button", { name: "Inspect", exact: true }).click();
    assert.match(await p.page.locator(".summary").innerText(), new RegExp(CALL_ID));
    await screenshot(p.page, "offline-open-file");

    // So does the CSV.
    const [download] = await Promise.all([
      p.page.waitForEvent("download"),
      p.page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    assert.match(readFileSync(await download.path(), "utf8"), new RegExp(`^call_id,[^\n]*\n${CALL_ID},`));

    assert.deepEqual(p.pageErrors, [], "page errors");
    assert.deepEqual(p.consoleErrors, [], "console errors (a failed update check must stay quiet)");
    assert.deepEqual(await p.cspViolations(), [], "Content-Security-Policy violations");
  });

  step("offline, fetching says that the network is needed", async () => {
    await openFetchPanel();
    await p.page.getByLabel("URL of a call record or sessions page").fill(appUrl(USER_FILE));
    await p.page.getByRole("button", { name: "Fetch", exact: true }).click();
    await p.waitVisible(fetchAlert());
    assert.match(await fetchAlert().innerText(), /network is down/, "the failure names the network");
    assert.deepEqual(p.pageErrors, [], "page errors");
  });

  step("a new build served on the same address shows the update prompt; Reload switches to it", async () => {
    // What a new build changes: index.html (here a marker; in a real build, the hashed names)
    // and so sw.js, stamped by the same script as every build.
    const v2 = path.join(tmp, "v2");
    cpSync(DIST, v2, { recursive: true });
    const index = path.join(v2, "index.html");
    writeFileSync(
      index,
      readFileSync(index, "utf8").replace('<meta charset="utf-8">', '<meta charset="utf-8"><meta name="callscope-e2e-build" content="2">'),
    );
    execFileSync(process.execPath, [path.join(ROOT, "scripts/stamp-sw.mjs"), v2], { stdio: "pipe" });
    const v1Sw = readFileSync(path.join(tmp, "v1", "sw.js"), "utf8");
    const v2Sw = readFileSync(path.join(v2, "sw.js"), "utf8");
    assert.notEqual(v2Sw, v1Sw, "the new build has another sw.js");
    const build = (sw) => sw.match(/^const BUILD = \/\* stamped \*\/ "([0-9a-f]+)";$/m)?.[1];
    assert.ok(build(v1Sw) && build(v2Sw) && build(v1Sw) !== build(v2Sw), "a new build id");

    // First a half-copied deployment: the new sw.js, but an index.html it does not know. The
    // new worker must refuse it, and the page stay on the old build without a prompt.
    const broken = path.join(tmp, "v2-half-copied");
    cpSync(v2, broken, { recursive: true });
    writeFileSync(path.join(broken, "index.html"), readFileSync(index, "utf8") + "<!-- another build -->\n");
    server = await startServer(broken, { prefix: PREFIX, port: Number(port) });
    assert.equal(server.origin, `http://127.0.0.1:${port}`, "the same origin as before");
    const outcome = await p.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
      const worker = registration.installing;
      if (!worker) return "no new worker";
      return new Promise((resolve) => {
        const done = () => worker.state !== "installing" && resolve(worker.state);
        worker.addEventListener("statechange", done);
        done();
      });
    });
    assert.equal(outcome, "redundant", "the worker of a half-copied deployment is discarded");
    assert.deepEqual(Object.keys(await readCaches()), [`callscope ${appUrl()} ${build(v1Sw)}`], "still the old cache only");
    await server.close();

    server = await startServer(v2, { prefix: PREFIX, port: Number(port) });

    // Another copy of the app on the same server (another path) has caches of its own, which
    // this copy's update must leave alone.
    const otherCopy = `callscope ${server.origin}/other/callscope/ 0123456789abcdef`;
    await p.page.evaluate((name) => caches.open(name), otherCopy);

    const banner = p.page.getByRole("status").filter({ hasText: /new version/i });
    assert.equal(await banner.count(), 0, "no prompt before the new build is there");
    await p.page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await p.waitVisible(banner, { timeout: 30_000 });
    assert.match(await banner.innerText(), /A new version of callscope is available/);
    await screenshot(p.page, "offline-update-prompt");
    // Until Reload, the page and its cache stay on the old build.
    assert.equal(await p.page.locator('meta[name="callscope-e2e-build"]').count(), 0);
    assert.ok(Object.keys(await readCaches()).some((n) => n.endsWith(` ${build(v1Sw)}`)), "the old cache is in use");

    const reloaded = p.page.waitForEvent("load", { timeout: 30_000 });
    await banner.getByRole("button", { name: "Reload" }).click();
    await reloaded;
    await p.waitVisible(p.page.getByRole("heading", { level: 1, name: "callscope" }));
    assert.equal(await p.page.locator('meta[name="callscope-e2e-build"]').count(), 1, "the page is the new build");
    await p.page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated");
    const caches = await readCaches();
    assert.deepEqual(
      Object.keys(caches).sort(),
      [`callscope ${appUrl()} ${build(v2Sw)}`, otherCopy].sort(),
      "the old build's cache is gone; the other copy's is still there",
    );
    assert.deepEqual(caches[`callscope ${appUrl()} ${build(v2Sw)}`], expectedUrls(v2));
    assert.equal(await p.page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting), null);
    assert.equal(await banner.count(), 0, "no prompt after the update");

    // The new build works offline as well.
    await server.close();
    await p.page.reload({ waitUntil: "load" });
    assert.equal(await p.page.locator('meta[name="callscope-e2e-build"]').count(), 1, "offline: still the new build");
    assert.match(await openFile(SAMPLE), new RegExp(CALL_ID));
    assert.deepEqual(p.pageErrors, [], "page errors");
    // The one console error of the whole story: the refused fetch of the offline step.
    assert.deepEqual(
      p.consoleErrors.filter((e) => !e.includes(`ERR_CONNECTION_REFUSED (${appUrl(USER_FILE)})`)),
      [],
      "console errors",
    );
  });
});
