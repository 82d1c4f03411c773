// Smoke test: the release build in dist/ boots in Chromium, shows its heading, logs no error,
// breaks no CSP rule and talks to no other origin.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { foreignRequests, screenshot, startApp } from "./harness.mjs";

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

test("the app boots, shows its heading and stays on its own origin", { timeout: 60_000 }, async () => {
  const p = await app.open("/");
  try {
    await p.waitVisible(p.page.getByRole("heading", { level: 1, name: "callscope" }));
    await p.page.waitForLoadState("networkidle");
    await screenshot(p.page, "smoke");

    assert.deepEqual(p.pageErrors, [], "uncaught errors in the page");
    assert.deepEqual(p.consoleErrors, [], "console errors");
    assert.deepEqual(await p.cspViolations(), [], "Content-Security-Policy violations");
    assert.deepEqual(p.failedRequests, [], "failed requests");
    assert.ok(
      p.requests.some((u) => u.endsWith(".wasm")),
      `the page should have loaded the .wasm; requests: ${p.requests.join(", ")}`,
    );
    assert.deepEqual(foreignRequests(p.requests, app.origin), [], "requests to another origin");
  } finally {
    await p.close();
  }
});

test("the Content-Security-Policy refuses inline scripts", { timeout: 30_000 }, async () => {
  const p = await app.open("/");
  try {
    await p.waitVisible(p.page.getByRole("heading", { level: 1 }).first());
    const ran = await p.page.evaluate(async () => {
      window.__inlineRan = false;
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return window.__inlineRan;
    });
    assert.equal(ran, false, "an injected inline <script> ran: the CSP is missing or too loose");
    const violations = await p.cspViolations();
    assert.ok(
      violations.some((v) => v.startsWith("script-src")),
      `expected a script-src violation, got ${JSON.stringify(violations)}`,
    );
  } finally {
    await p.close();
  }
});
