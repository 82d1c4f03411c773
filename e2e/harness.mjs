// End-to-end test harness for callscope: a static server for dist/ and a Chromium driven by
// playwright-core. No dependency beyond playwright-core; run the tests with `node --test e2e/`
// after `trunk build --release` (scripts/test.sh does both).
import { createServer } from "node:http";
import { mkdir, readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, "..");
export const DIST = path.join(ROOT, "dist");
export const ARTIFACTS = path.join(HERE, "artifacts");
export const CHROMIUM = process.env.CALLSCOPE_CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/**
 * Serves `root` (default dist/) on 127.0.0.1 at a free port. `/` serves index.html.
 * Returns { origin, url(pathAndHash), requests, close() }; `requests` lists the paths asked for.
 * Options: `prefix` serves the folder under that path instead, as a static server would host it
 * in a sub-folder (e.g. "/tools/callscope/": anything outside it is 404, and the prefix without
 * its trailing slash redirects to it); `port` listens on that port instead of a free one.
 */
export async function startServer(root = DIST, { prefix = "/", port: wantedPort = 0 } = {}) {
  if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
    throw new Error(`startServer: prefix must start and end with "/", got ${JSON.stringify(prefix)}`);
  }
  if (!existsSync(path.join(root, "index.html"))) {
    throw new Error(
      `${path.relative(ROOT, root) || root}/index.html is missing: run \`trunk build --release\` first`,
    );
  }
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { Allow: "GET, HEAD" }).end();
        return;
      }
      let pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (prefix !== "/") {
        if (pathname === prefix.slice(0, -1)) {
          res.writeHead(301, { Location: prefix }).end();
          return;
        }
        if (!pathname.startsWith(prefix)) {
          res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
          return;
        }
        pathname = pathname.slice(prefix.length - 1);
      }
      if (pathname.endsWith("/")) pathname += "index.html";
      const file = path.resolve(root, "." + pathname);
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": MIME[path.extname(file).toLowerCase()] ?? "application/octet-stream",
        "Content-Length": body.length,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (err) {
      res.writeHead(500, { "Content-Type": "text/plain" }).end(String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(wantedPort, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    requests,
    url: (rest = "/") => origin + (rest.startsWith("/") ? rest : "/" + rest),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Launches headless Debian Chromium (never a downloaded browser). */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run ./scripts/setup.sh --test`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Opens a new page (own context) that records what the tests check:
 *   consoleErrors  console.error messages and failed resource loads reported to the console
 *   consoleMessages every console message as "type: text"
 *   pageErrors     uncaught exceptions and unhandled rejections
 *   requests       the URL of every request the page made
 *   failedRequests "URL: reason" for requests that failed
 *   cspViolations() the page's securitypolicyviolation events so far
 *   waitVisible(locator, { timeout }) waits for the locator to be visible, but fails at once
 *                  if the page throws (a wasm panic, a CSP refusal of the wasm), and puts the
 *                  page and console errors in the failure message
 */
export async function openPage(browser, { viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const consoleErrors = [];
  const consoleMessages = [];
  const pageErrors = [];
  const requests = [];
  const failedRequests = [];
  page.on("console", (msg) => {
    const where = msg.location()?.url ? ` (${msg.location().url})` : "";
    consoleMessages.push(`${msg.type()}: ${msg.text()}${where}`);
    if (msg.type() === "error") consoleErrors.push(`${msg.text()}${where}`);
  });
  page.on("pageerror", (err) => pageErrors.push(err.stack || String(err)));
  page.on("request", (req) => requests.push(req.url()));
  page.on("requestfailed", (req) =>
    failedRequests.push(`${req.url()}: ${req.failure()?.errorText ?? "failed"}`),
  );
  // Runs before the page's own scripts; init scripts are not subject to the page's CSP.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  const diagnostics = () =>
    [
      pageErrors.length ? `page errors:\n  ${pageErrors.join("\n  ")}` : "",
      consoleErrors.length ? `console errors:\n  ${consoleErrors.join("\n  ")}` : "",
      failedRequests.length ? `failed requests:\n  ${failedRequests.join("\n  ")}` : "",
    ]
      .filter(Boolean)
      .join("\n");
  async function waitVisible(locator, { timeout = 20_000 } = {}) {
    let onError;
    const crashed = new Promise((_, reject) => {
      onError = (err) => reject(new Error(`the page threw: ${err.message}`));
      page.on("pageerror", onError);
    });
    try {
      if (pageErrors.length) throw new Error("the page threw before the wait began");
      await Promise.race([locator.waitFor({ state: "visible", timeout }), crashed]);
    } catch (err) {
      throw new Error(`waiting for ${locator} to be visible: ${err.message}\n${diagnostics()}`, {
        cause: err,
      });
    } finally {
      page.off("pageerror", onError);
    }
  }
  return {
    page,
    context,
    waitVisible,
    diagnostics,
    consoleErrors,
    consoleMessages,
    pageErrors,
    requests,
    failedRequests,
    cspViolations: () => page.evaluate(() => window.__cspViolations ?? []),
    close: () => context.close(),
  };
}

/** Requests that did not go to `origin` (data: and blob: URLs never leave the page). */
export function foreignRequests(requests, origin) {
  return requests.filter((u) => {
    if (u.startsWith("data:") || u.startsWith("blob:")) return false;
    try {
      return new URL(u).origin !== origin;
    } catch {
      return true;
    }
  });
}

/** Saves a full-page PNG to e2e/artifacts/<name>.png and returns its path. */
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, "-");
  const file = path.join(ARTIFACTS, `${safe}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Starts the server and the browser once for a test file. Use with node:test's before/after:
 *   const app = await startApp(); ... const p = await app.open("/#example"); ... await app.close();
 * `open(rest)` opens a recording page (see openPage) and navigates to origin + rest.
 */
export async function startApp() {
  const server = await startServer();
  let browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    server,
    browser,
    origin: server.origin,
    async open(rest = "/", options) {
      const p = await openPage(browser, options);
      await p.page.goto(server.url(rest), { waitUntil: "load" });
      return p;
    },
    async close() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}
