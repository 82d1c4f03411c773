// The overview end to end on the built-in example: who took part, the timeline, filters with
// their counts and URL fragment, the filtered CSV, the Markdown summary and the Redact switch.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, screenshot, startApp } from "./harness.mjs";

const EXAMPLE = readFileSync(path.join(ROOT, "assets/example.json"), "utf8");
const SAMPLES = process.env.CALLSCOPE_SAMPLES || path.resolve(ROOT, "../shared/samples");

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

/** Opens the example (with an optional filter fragment) and waits for the overview. */
async function openExample(fragment = "") {
  const p = await app.open(`/#example${fragment ? `&${fragment}` : ""}`);
  await p.waitVisible(p.page.getByTestId("filters"));
  return p;
}

const counts = (p) => p.page.getByTestId("filter-counts").innerText();

/** Downloads the CSV and returns its lines. */
async function downloadCsv(page) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  return readFileSync(await download.path(), "utf8").trim().split("\n");
}

/** Presses Copy summary and returns what landed on the clipboard. */
async function copySummary(p) {
  await p.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.origin });
  await p.page.getByRole("button", { name: "Copy summary" }).click();
  await p.page.getByTestId("copy-status").filter({ hasText: "copied" }).waitFor();
  return p.page.evaluate(() => navigator.clipboard.readText());
}

/**
 * Every personal value in a record, found independently of the app: display names, UPNs,
 * emails, phone ids, IPs and MACs by key, plus anything shaped like an email or IPv4 address.
 */
function personalValues(json) {
  const keys = new Set([
    "displayname", "userprincipalname", "email", "ipaddress", "subnet", "reflexiveipaddress",
    "relayipaddress", "macaddress", "basicservicesetidentifier",
  ]);
  const found = new Set();
  const walk = (value, key, parent) => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, key, parent));
    if (value && typeof value === "object") {
      return Object.entries(value).forEach(([k, v]) => walk(v, k.toLowerCase(), key));
    }
    if (typeof value !== "string" || value.trim() === "") return;
    const phoneId = key === "id" && (parent === "phone" || /^\+\d{6,}$/.test(value));
    // Version numbers such as applicationVersion "5.5.141.0" are shaped like addresses but are not.
    const shaped =
      !key.includes("version") &&
      (/^[^@\s]+@[^@\s]+\.[a-z]+$/i.test(value) || /^\d{1,3}(\.\d{1,3}){3}$/.test(value));
    if (keys.has(key) || phoneId || shaped) found.add(value);
  };
  walk(JSON.parse(json), "", "");
  // The OS privacy placeholder for a MAC address identifies no one.
  found.delete("02:00:00:00:00:00");
  return [...found];
}

describe("who took part", () => {
  test("one row per participant with platform, client and network", { timeout: 60_000 }, async () => {
    const p = await openExample();
    try {
      const rows = p.page.getByTestId("participant-row");
      assert.equal(await rows.count(), 5, "four people and the conferencing server");
      const jonas = rows.filter({ hasText: "Jonas Lindqvist" });
      const text = await jonas.innerText();
      assert.match(text, /macOS/, "platform");
      assert.match(text, /Teams/, "client");
      assert.match(text, /Wi-Fi 2\.4 GHz, signal 35 %/, "network with band and signal");
      assert.match(text, /Poor/, "the poor stream he received");

      // A participant's name filters the view to their segments.
      await jonas.getByRole("button", { name: "Jonas Lindqvist" }).click();
      assert.match(await counts(p), /Showing 1 of 5 segments in 1 of 4 sessions/);
      assert.match(p.page.url(), /#example&who=2$/, "the participant is named by row, not by name");
    } finally {
      await p.close();
    }
  });
});

describe("the timeline", () => {
  test("a bar per segment; focus shows its times, Enter opens its card", { timeout: 60_000 }, async () => {
    const p = await openExample();
    try {
      const bars = p.page.getByTestId("timeline-bar");
      assert.equal(await bars.count(), 5, "one bar per segment");
      const verdicts = await bars.evaluateAll((els) => els.map((e) => e.dataset.verdict));
      assert.ok(verdicts.includes("poor"), `a poor bar among ${verdicts}`);
      const failed = p.page.locator("[data-testid=timeline-bar][data-failed=true]");
      assert.equal(await failed.count(), 1, "the failed segment is marked");

      // Focus by keyboard: the tooltip says when and how it went.
      await failed.focus();
      const tip = p.page.getByRole("tooltip");
      await tip.waitFor();
      assert.match(await tip.innerText(), /Segment 2 · 14:\d\d:\d\d\.\d{3}–14:\d\d:\d\d\.\d{3} UTC .* · failed/);
      await screenshot(p.page, "overview-timeline");

      await p.page.keyboard.press("Enter");
      const card = p.page.locator("#segment-2-1");
      await card.locator(".segment__toggle[aria-expanded=true]").waitFor();
      const focused = await p.page.evaluate(() => document.activeElement?.closest(".segment")?.id);
      assert.equal(focused, "segment-2-1", "focus moves to the opened card");
    } finally {
      await p.close();
    }
  });
});

describe("filters", () => {
  test("verdict filter narrows the lists, counts and URL; the link reopens it", { timeout: 60_000 }, async () => {
    const p = await openExample();
    try {
      assert.match(await counts(p), /Showing 5 of 5 segments in 4 of 4 sessions · 22 of 22 streams/);
      await p.page.getByRole("checkbox", { name: "Poor" }).check();
      assert.match(await counts(p), /Showing 1 of 5 segments in 1 of 4 sessions · 1 of 22 streams/);
      assert.equal(await p.page.getByTestId("session-group").count(), 1);
      assert.equal(await p.page.getByTestId("timeline-bar").count(), 1, "the timeline follows");
      assert.match(p.page.url(), /#example&verdict=poor$/);

      // Only what the filters show, in the CSV.
      await p.page.getByRole("checkbox", { name: "only what the filters show" }).check();
      const lines = await downloadCsv(p.page);
      assert.equal(lines.length, 2, "the header and the one poor stream");
      assert.match(lines[1], /,poor,/);
    } finally {
      await p.close();
    }

    const again = await openExample("verdict=failed&sort=severity");
    try {
      assert.ok(await again.page.getByRole("checkbox", { name: "Failed" }).isChecked());
      assert.match(
        await counts(again),
        /Showing 2 of 5 segments in 1 of 4 sessions/,
        "the failed session with both its segments",
      );
      assert.equal(await again.page.getByLabel("Sort by").inputValue(), "severity");
    } finally {
      await again.close();
    }
  });

  test("Redact keeps the filters; a new record starts without them", { timeout: 60_000 }, async () => {
    const p = await openExample("verdict=poor&who=2");
    try {
      assert.match(await counts(p), /Showing 1 of 5 segments/, "the link's filters apply");
      await p.page.getByTestId("redact-switch").check();
      await p.page.getByTestId("input-hidden").waitFor();
      assert.match(await counts(p), /Showing 1 of 5 segments/, "Redact keeps them");
      await p.page.getByTestId("redact-switch").uncheck();

      // Another record: the verdict filter and participant row #2 mean nothing for it.
      await p.page.getByLabel("Call record JSON").fill(readFileSync(path.join(SAMPLES, "01-full-expand-p2p-audio.json"), "utf8"));
      await p.page.getByRole("button", { name: "Inspect", exact: true }).click();
      await p.page.getByTestId("filter-counts").filter({ hasText: "Showing 1 of 1 segments" }).waitFor();
      assert.ok(!(await p.page.getByRole("checkbox", { name: "Poor" }).isChecked()), "unfiltered");
      const fragment = new URL(p.page.url()).hash;
      assert.equal(fragment, "", "neither the filters nor `example` stay in the URL");
    } finally {
      await p.close();
    }
  });

  test("search finds an IP and a user agent; the text stays out of the URL", { timeout: 60_000 }, async () => {
    const p = await openExample();
    try {
      const search = p.page.getByRole("searchbox", { name: "Search" });
      await search.fill("203.0.113.66");
      assert.match(await counts(p), /Showing 2 of 5 segments in 1 of 4 sessions/, "Amara's relay");
      assert.doesNotMatch(p.page.url(), /203/, "search text never goes into the URL");
      await search.fill("no such thing");
      await p.page.getByTestId("nothing-kept").waitFor();
      await p.page.getByRole("button", { name: "Clear filters" }).click();
      assert.match(await counts(p), /Showing 5 of 5 segments/);
      assert.equal(await search.inputValue(), "");
    } finally {
      await p.close();
    }
  });

  test("severity sort puts the failed session first", { timeout: 60_000 }, async () => {
    const p = await openExample();
    try {
      await p.page.getByLabel("Sort by").selectOption("severity");
      const first = await p.page.getByTestId("session-group").first().innerText();
      assert.match(first, /^.*Session 3 /, "the session with the failed segment leads");
      assert.match(p.page.url(), /sort=severity/);
    } finally {
      await p.close();
    }
  });
});

describe("export for the ticket", () => {
  test("Copy summary puts Markdown with the findings and worst streams on the clipboard", { timeout: 60_000 }, async () => {
    const p = await openExample();
    try {
      const md = await copySummary(p);
      assert.match(md, /c0ffee00-7d3a-4b61-9c2e-5a8f14e0b924/, "the call");
      assert.match(md, /2026-11-24 14:02/, "when");
      assert.match(md, /Priya Raman/, "who");
      assert.match(md, /Poor audio received by Jonas Lindqvist/, "the findings");
      assert.match(md, /^\|.*\|$/m, "a table of the worst streams");
      assert.doesNotMatch(md, /<[a-z]/i, "no HTML");
    } finally {
      await p.close();
    }
  });
});

describe("copying without a clipboard", () => {
  test("on plain http (no navigator.clipboard) the summary is offered for copying by hand", { timeout: 60_000 }, async () => {
    const p = await app.open("/");
    try {
      // What a page served over plain http from an intranet host sees.
      await p.page.addInitScript(() => {
        Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
      });
      // A new document (not only a new fragment), so the init script runs.
      await p.page.goto(app.server.url("/index.html#example"));
      await p.waitVisible(p.page.getByTestId("filters"));
      await p.page.getByRole("button", { name: "Copy summary" }).click();
      await p.page.getByTestId("copy-status").filter({ hasText: "https or localhost" }).waitFor();
      const box = p.page.getByTestId("markdown-by-hand");
      assert.match(await box.inputValue(), /Poor audio received by Jonas Lindqvist/);
      assert.deepEqual(p.pageErrors, [], "nothing throws");
    } finally {
      await p.close();
    }
  });
});

describe("print", () => {
  test("the printed report lists every finding and no controls", { timeout: 60_000 }, async () => {
    const p = await openExample();
    try {
      const findings = p.page.locator(".finding");
      const visible = () => findings.evaluateAll((els) => els.filter((e) => e.offsetParent !== null).length);
      assert.equal(await visible(), 12, "the screen shows the first twelve");
      // What the browser does when asked to print (emulating print media alone does not).
      await p.page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      await p.page.emulateMedia({ media: "print" });
      assert.equal(await visible(), 13, "paper shows all thirteen");
      for (const control of ["toolbar", "filters"]) {
        assert.ok(await p.page.locator(`.${control}`).isHidden(), `${control} is not printed`);
      }
      assert.ok(await p.page.getByTestId("timeline").isVisible(), "the timeline is printed");
      assert.ok(await p.page.getByTestId("filter-note").isHidden(), "no note when nothing is filtered");

      // A filtered report says so on paper, where the filter bar is not printed.
      await p.page.emulateMedia({ media: "screen" });
      await p.page.getByRole("checkbox", { name: "Poor" }).check();
      await p.page.emulateMedia({ media: "print" });
      assert.equal(
        await p.page.getByTestId("filter-note").innerText(),
        "Filtered view (poor): showing 1 of 5 segments.",
      );
    } finally {
      await p.close();
    }
  });
});

describe("the Redact switch", () => {
  test("no original survives on screen, in raw JSON, CSV or Markdown; off restores all", { timeout: 90_000 }, async () => {
    const originals = personalValues(EXAMPLE);
    assert.ok(originals.length >= 10, `the example has personal data to hide: ${originals}`);
    const p = await openExample();
    try {
      await p.page.getByTestId("redact-switch").check();
      await p.page.getByTestId("input-hidden").waitFor();
      assert.ok(await p.page.getByLabel("Call record JSON").isHidden(), "the input is hidden");

      // Open everything, raw JSON included, so every value is on the page.
      for (let round = 0; round < 6; round++) {
        const closed = p.page.locator("button.disclosure[aria-expanded=false]");
        const n = await closed.count();
        if (n === 0) break;
        for (let i = n - 1; i >= 0; i--) await closed.nth(i).click();
      }
      assert.ok((await p.page.getByTestId("raw-json").count()) > 0, "raw JSON is open");
      const screen = await p.page.locator("body").innerText();
      const attributes = await p.page.evaluate(() =>
        [...document.querySelectorAll("*")].flatMap((e) => [...e.attributes].map((a) => a.value)).join("\n"),
      );
      const csv = (await downloadCsv(p.page)).join("\n");
      const md = await copySummary(p);
      for (const [where, text] of [["screen", screen], ["attributes", attributes], ["CSV", csv], ["Markdown", md]]) {
        const left = originals.filter((o) => text.includes(o));
        assert.deepEqual(left, [], `${where} still shows personal values`);
      }
      assert.match(screen, /Person \d/, "pseudonyms keep the story readable");
      await screenshot(p.page, "overview-redacted");

      // A file opened while Redact is on is redacted too, even when it is not a call record:
      // a syntax error's excerpt and a Graph error's message quote the input.
      const broken = '{"value": [{"id": "s", "caller": {"displayName": "Dana Whitfield", "email": "dana@contoso.example"},';
      await p.page.locator("input[type=file]").setInputFiles({
        name: "broken.json",
        mimeType: "application/json",
        buffer: Buffer.from(broken),
      });
      const alert = p.page.getByRole("alert");
      await alert.waitFor();
      const alertText = await alert.innerText();
      assert.match(alertText, /line 1/, "the error is still located");
      for (const original of ["Dana Whitfield", "dana@contoso.example"]) {
        assert.ok(!alertText.includes(original), `the excerpt hides ${original}: ${alertText}`);
      }
      const graphError = JSON.stringify({
        error: { code: "NotFound", message: "No call record for ravi.okonkwo@contoso.example", innerError: { "request-id": "r1", date: "2026-11-24T10:00:00Z" } },
      });
      await p.page.locator("input[type=file]").setInputFiles({
        name: "error.json",
        mimeType: "application/json",
        buffer: Buffer.from(graphError),
      });
      await p.page.getByText("This is a Graph error").waitFor();
      const errorText = await p.page.getByRole("alert").innerText();
      assert.ok(!errorText.includes("ravi.okonkwo@contoso.example"), `the message is redacted: ${errorText}`);
      await p.page.getByText("Load example").click();
      await p.page.getByTestId("redact-switch").waitFor();

      // Off again: names are back and the input is untouched.
      await p.page.getByTestId("redact-switch").uncheck();
      await p.page.getByText("Jonas Lindqvist").first().waitFor();
      assert.equal(await p.page.getByLabel("Call record JSON").inputValue(), EXAMPLE);
    } finally {
      await p.close();
    }
  });
});
