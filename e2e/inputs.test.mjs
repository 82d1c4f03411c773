// Every kind of input a helpdesk meets, in the release build: hostile text, encodings, exports
// cut by PowerShell, deep nesting, a large file, the raw JSON view, and no request leaving the
// page while any of it is open.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { foreignRequests, ROOT, screenshot, startApp } from "./harness.mjs";

const SAMPLES = process.env.CALLSCOPE_SAMPLES || path.resolve(ROOT, "../shared/samples");
const sample = (name) => readFileSync(path.join(SAMPLES, name), "utf8");

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

async function paste(p, text) {
  const area = p.page.getByLabel("Call record JSON");
  await p.waitVisible(area);
  await area.fill(text);
  await p.page.getByRole("button", { name: "Inspect", exact: true }).click();
}

async function expandAll(page) {
  for (let round = 0; round < 6; round++) {
    const closed = page.locator("button.disclosure[aria-expanded=false]:not(.raw__toggle)");
    const n = await closed.count();
    if (n === 0) return;
    for (let i = n - 1; i >= 0; i--) await closed.nth(i).click();
  }
}

/** A record whose names and texts try to break out of text. */
function hostileRecord() {
  const record = JSON.parse(sample("01-full-expand-p2p-audio.json"));
  const session = record.sessions[0];
  const segment = session.segments[0];
  segment.caller.identity.user.displayName = '<img src=x onerror="window.__pwned=1">Dana';
  segment.callee.identity.user.displayName = "<script>window.__pwned=2</script>Ravi";
  session.callee.feedback.text = "مرحبا עולם — 👩🏽‍💻 " + "x".repeat(3000);
  segment.media[0].label = "main-audio" + "\u202e" + "evil";
  segment.media[0].callerNetwork.dnsSuffix = "a".repeat(5000);
  return JSON.stringify(record, null, 2);
}

describe("hostile text", () => {
  test("names with HTML and script, long strings, RTL text and emoji show literally", { timeout: 60_000 }, async () => {
    const p = await app.open("/");
    try {
      await paste(p, hostileRecord());
      await p.waitVisible(p.page.locator(".summary"));
      await expandAll(p.page);
      await p.page.locator(".more summary").first().click();

      const text = await p.page.locator("main").innerText();
      assert.match(text, /<img src=x onerror="window\.__pwned=1">Dana/);
      assert.match(text, /<script>window\.__pwned=2<\/script>Ravi/);
      assert.match(text, /مرحبا עולם — 👩🏽‍💻/);
      assert.equal(await p.page.locator("main img, main script").count(), 0, "no element from input");
      assert.equal(await p.page.evaluate(() => window.__pwned), undefined, "no input ran as code");

      // Long strings wrap instead of pushing the page sideways.
      const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      await screenshot(p.page, "hostile");
      assert.deepEqual(p.pageErrors, []);
    } finally {
      await p.close();
    }
  });
});

describe("raw JSON", () => {
  test("shows a stream exactly as the input had it, unknown properties included", { timeout: 60_000 }, async () => {
    const p = await app.open("/");
    try {
      await paste(p, sample("11-unknown-enums-new-fields.json"));
      await p.waitVisible(p.page.locator(".summary"));
      const toggle = p.page.locator("[data-testid=stream-row] + .streams__more .raw__toggle").first();
      await toggle.click();
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      const raw = await p.page.getByTestId("raw-json").first().innerText();
      assert.match(raw, /"spatialRenderingRatioExample": 0\.97/);
      assert.match(raw, /"streamDirection": "bidirectionalExample"/);
      const parsed = JSON.parse(raw);
      assert.equal(parsed.streamId, "8801");
    } finally {
      await p.close();
    }
  });
});

describe("files", () => {
  test("a UTF-16 file from Windows PowerShell is decoded and says so", { timeout: 60_000 }, async () => {
    const p = await app.open("/");
    try {
      await p.waitVisible(p.page.getByRole("button", { name: "Open file" }));
      const text = sample("01-full-expand-p2p-audio.json");
      const buffer = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
      await p.page.locator("input[type=file]").setInputFiles({ name: "export.json", mimeType: "application/json", buffer });
      await p.waitVisible(p.page.locator(".summary"));
      assert.match(await p.page.getByTestId("file-status").innerText(), /UTF-16 little-endian/);
      assert.match(await p.page.locator(".summary").innerText(), /c0ffee01-5a1e-4e57-9a11-0000000000a1/);
    } finally {
      await p.close();
    }
  });

  test("a file in a legacy code page is named, not misread", { timeout: 60_000 }, async () => {
    const p = await app.open("/");
    try {
      await p.waitVisible(p.page.getByRole("button", { name: "Open file" }));
      const buffer = Buffer.from('{"id": "Zo\xeb"}', "latin1");
      await p.page.locator("input[type=file]").setInputFiles({ name: "cp1252.json", mimeType: "application/json", buffer });
      const status = p.page.getByTestId("file-status");
      await p.page.waitForFunction(() => /Could not open/.test(document.querySelector("[data-testid=file-status]")?.textContent ?? ""));
      assert.match(await status.innerText(), /not UTF-8: byte 10 \(0xEB\).*Windows-1252/);
    } finally {
      await p.close();
    }
  });

  test("a large file shows progress, renders, and is not copied into the text area", { timeout: 120_000 }, async () => {
    const record = JSON.parse(sample("01-full-expand-p2p-audio.json"));
    const one = record.sessions[0];
    record.sessions = Array.from({ length: 1800 }, (_, i) => ({ ...one, id: `session-${i}` }));
    const buffer = Buffer.from(JSON.stringify(record, null, 2));
    assert.ok(buffer.length > 20e6, `the file is ${buffer.length} bytes`);

    const p = await app.open("/");
    try {
      await p.waitVisible(p.page.getByRole("button", { name: "Open file" }));
      const statuses = [];
      await p.page.exposeFunction("__status", (t) => statuses.push(t));
      await p.page.evaluate(() => {
        const el = document.querySelector("[data-testid=file-status]");
        new MutationObserver(() => window.__status(el.textContent)).observe(el, { subtree: true, childList: true, characterData: true });
      });
      await p.page.locator("input[type=file]").setInputFiles({ name: "big.json", mimeType: "application/json", buffer });
      await p.waitVisible(p.page.locator(".summary"), { timeout: 60_000 });
      assert.match(await p.page.locator(".summary").innerText(), /1800 sessions · 1800 segments · 1800 media · 3600 streams/);
      assert.ok(statuses.some((s) => /Reading big\.json|Analysing big\.json/.test(s)), `progress was shown: ${statuses.join(" | ")}`);
      assert.match(await p.page.getByTestId("file-status").innerText(), /too large to edit in the text box/);
      assert.equal(await p.page.getByLabel("Call record JSON").inputValue(), "", "the text area keeps what it had");

      // Only the sessions near the screen are drawn, wherever the page is scrolled.
      const nodes = () => p.page.evaluate(() => document.getElementsByTagName("*").length);
      const before = await nodes();
      assert.ok(before < 3000, `DOM nodes at the top: ${before}`);
      await p.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await p.page.waitForTimeout(300);
      await p.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await p.waitVisible(p.page.getByText("Session 1800 ·", { exact: false }));
      const after = await nodes();
      assert.ok(after < 3000, `DOM nodes at the bottom: ${after}`);
      const firstGroup = p.page.getByTestId("session-group").filter({ hasText: "Session 1 ·" });
      assert.equal(await firstGroup.count(), 0, "the first session left the DOM");
    } finally {
      await p.close();
    }
  });
});

describe("exports and limits", () => {
  test("PowerShell's depth cut is explained with the fix", { timeout: 60_000 }, async () => {
    const p = await app.open("/");
    try {
      await paste(p, JSON.stringify({
        id: "c0ffee-ps", type: "groupCall", version: 1,
        sessions: [{ id: "s1", startDateTime: "2024-03-12T09:00:00Z", endDateTime: "2024-03-12T09:10:00Z", caller: "@{userAgent=; identity=}", segments: "System.Object[]" }],
      }));
      await p.waitVisible(p.page.locator(".summary"));
      assert.match(await p.page.locator(".summary").innerText(), /ConvertTo-Json -Depth 20/);
    } finally {
      await p.close();
    }
  });

  test("nesting beyond any call record gets a clear alert", { timeout: 60_000 }, async () => {
    const p = await app.open("/");
    try {
      await paste(p, '{"value": ' + "[".repeat(100000) + "]".repeat(100000) + "}");
      const alert = p.page.getByRole("alert");
      await p.waitVisible(alert);
      assert.match(await alert.innerText(), /nested more than 32 levels/);
      assert.deepEqual(p.pageErrors, [], "no crash");
    } finally {
      await p.close();
    }
  });
});

describe("privacy", () => {
  test("opening every sample makes no request beyond the app's own origin", { timeout: 120_000 }, async () => {
    const p = await app.open("/");
    try {
      const names = readdirSync(SAMPLES).filter((n) => n.endsWith(".json")).sort();
      assert.ok(names.length >= 10, `samples found: ${names.length}`);
      for (const name of names) {
        await paste(p, sample(name));
        await p.page.waitForTimeout(50);
        await expandAll(p.page);
      }
      await p.page.waitForLoadState("networkidle");
      assert.deepEqual(foreignRequests(p.requests, app.origin), [], "requests off the origin");
      assert.deepEqual(p.pageErrors, []);
    } finally {
      await p.close();
    }
  });
});
