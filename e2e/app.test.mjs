// The main job end to end, in the release build: load the example, paste every sample, expand a
// card, download the CSV, paste broken JSON. Reads what a person would read on the screen.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { foreignRequests, ROOT, screenshot, startApp } from "./harness.mjs";

const SAMPLES = process.env.CALLSCOPE_SAMPLES || path.resolve(ROOT, "../shared/samples");
const sample = (name) => readFileSync(path.join(SAMPLES, name), "utf8");

// Text that must never reach the screen.
const FORBIDDEN = ["NaN", "undefined", "[object Object]", "Invalid Date"];

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

/** Opens the app, pastes `text`, presses Inspect, and returns the page session. */
async function inspect(text) {
  const p = await app.open("/");
  const area = p.page.getByLabel("Call record JSON");
  await p.waitVisible(area);
  await area.fill(text);
  await p.page.getByRole("button", { name: "Inspect", exact: true }).click();
  return p;
}

async function mainText(p) {
  return p.page.locator("main").innerText();
}

function assertClean(text, where) {
  for (const bad of FORBIDDEN) {
    assert.ok(!text.includes(bad), `${where}: the page shows "${bad}"`);
  }
}

/** Expands every collapsed disclosure, repeatedly, until none is left. */
async function expandAll(page) {
  for (let round = 0; round < 5; round++) {
    const closed = page.locator("button.disclosure[aria-expanded=false]");
    const n = await closed.count();
    if (n === 0) return;
    for (let i = n - 1; i >= 0; i--) await closed.nth(i).click();
  }
}

describe("the built-in example", () => {
  test("#example opens it with its poor stream, failure and device problem", { timeout: 60_000 }, async () => {
    const p = await app.open("/#example");
    try {
      const summary = p.page.locator(".summary");
      await p.waitVisible(summary);
      const text = await summary.innerText();
      assert.match(text, /call record with sessions and segments/);
      assert.match(text, /4 sessions · 5 segments · 11 media · 22 streams/);
      assert.match(text, /1 poor · 3 unclassified · 18 good/);
      assert.match(text, /1 failed session/);
      assert.match(text, /Ceiling Microphone Array/, "the device problem is named");
      await screenshot(p.page, "example-summary");

      await expandAll(p.page);
      const poor = p.page.locator("[data-testid=stream-row][data-verdict=poor]");
      assert.equal(await poor.count(), 1, "exactly one poor stream");
      const row = await poor.innerText();
      assert.match(row, /Conferencing server → Jonas Lindqvist/);
      assert.match(row, /47\.4 ms/);
      assert.match(row, /12\.86 %/);
      assertClean(await mainText(p), "example");
      await screenshot(p.page, "example-expanded");

      assert.deepEqual(p.pageErrors, [], "page errors");
      assert.deepEqual(p.consoleErrors, [], "console errors");
      assert.deepEqual(foreignRequests(p.requests, app.origin), [], "requests off the origin");
    } finally {
      await p.close();
    }
  });

  test("findings come first, ranked, and open the card they name", { timeout: 60_000 }, async () => {
    const p = await app.open("/#example");
    try {
      const list = p.page.getByTestId("findings");
      await p.waitVisible(list);
      const severities = await list.locator("li").evaluateAll((els) => els.map((e) => e.dataset.severity));
      assert.equal(severities[0], "failure", `failures first: ${severities}`);
      assert.deepEqual([...severities].sort((a, b) => ["failure", "poor", "device", "network"].indexOf(a) - ["failure", "poor", "device", "network"].indexOf(b)), severities, "ranked");
      const text = await list.innerText();
      assert.match(text, /Poor audio received by Jonas Lindqvist/);
      assert.match(text, /packet loss 12\.86 % is above 10\.00 %; jitter 47\.4 ms is above 30 ms/);
      assert.match(text, /Device problem on Harbor Room 3\.14's side/);
      assert.match(text, /Weak Wi-Fi \(Jonas Lindqvist\)/);

      // Sessions start closed in a four-session meeting; the finding opens its card.
      assert.equal(await p.page.locator("[data-testid=stream-row][data-verdict=poor]").count(), 0);
      await list.getByRole("button", { name: "Poor audio received by Jonas Lindqvist" }).click();
      const poor = p.page.locator("[data-testid=stream-row][data-verdict=poor]");
      await p.waitVisible(poor);
      assert.match(await poor.innerText(), /47\.4 ms/);
      await screenshot(p.page, "findings");
    } finally {
      await p.close();
    }
  });

  test("Load example fills the text area and inspects it", { timeout: 60_000 }, async () => {
    const p = await app.open("/");
    try {
      await p.page.getByRole("button", { name: "Load example" }).click();
      await p.waitVisible(p.page.locator(".summary"));
      const value = await p.page.getByLabel("Call record JSON").inputValue();
      assert.ok(value.includes("c0ffee00-7d3a-4b61-9c2e-5a8f14e0b924"), "the example JSON is in the text area");
    } finally {
      await p.close();
    }
  });
});

describe("samples", () => {
  test("01: one stream poor due to jitter 66.1 ms; a card expands", { timeout: 60_000 }, async () => {
    const p = await inspect(sample("01-full-expand-p2p-audio.json"));
    try {
      const card = p.page.getByTestId("segment-card");
      await p.waitVisible(card);
      assert.equal(await card.getAttribute("data-verdict"), "poor");
      const summary = await p.page.locator(".summary").innerText();
      assert.match(summary, /peerToPeer/);
      assert.match(summary, /4 min 37\.6 s \(277\.557 s\)/);
      assert.match(summary, /Dana Whitfield/);

      // Few segments: the card starts open; collapsing and reopening flips aria-expanded.
      const toggle = card.getByRole("button", { name: /Segment 1/ });
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      await toggle.click();
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      assert.equal(await p.page.getByTestId("stream-row").count(), 0, "collapsed: no rows");
      await toggle.click();
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");

      const rows = p.page.getByTestId("stream-row");
      assert.equal(await rows.count(), 2);
      const good = await rows.nth(0).innerText();
      assert.match(good, /Dana Whitfield → Ravi Okonkwo/);
      assert.match(good, /19 ms/);
      assert.match(good, /0\.00 %/);
      assert.match(good, /58 ms/);
      const poor = rows.nth(1);
      assert.equal(await poor.getAttribute("data-verdict"), "poor");
      const poorText = await poor.innerText();
      assert.match(poorText, /Ravi Okonkwo → Dana Whitfield/);
      assert.match(poorText, /66\.1 ms/);
      assert.match(poorText, /2\.47 %/);
      assert.match(poorText, /7\.10 %/);
      assert.match(poorText, /0\.93/);
      assert.match(poorText, /jitter 66\.1 ms is above 30 ms/);

      const media = await p.page.getByTestId("media-card").innerText();
      assert.match(media, /8\.72 Mb\/s/);
      assert.match(media, /1\.45 Mb\/s/);
      assert.doesNotMatch(media, /4\.29 Gb\/s/, "the link-speed sentinel is not a speed");
      assert.match(media, /network jitter avg \/ max 312 ms \/ 580 ms/);
      assert.match(await mainText(p), /rated “poor” \(DistortedSound, Interruptions\)/);
      assertClean(await mainText(p), "01");
      await screenshot(p.page, "sample-01");
    } finally {
      await p.close();
    }
  });

  test("02: a bare segments collection names its session and call", { timeout: 60_000 }, async () => {
    const p = await inspect(sample("02-bare-segments-collection.json"));
    try {
      await p.waitVisible(p.page.locator(".summary"));
      const text = await mainText(p);
      assert.match(text, /segments collection/);
      assert.match(text, /segments of session 5e5510e2-0002-4b00-9000-0000000000b2 in call record c0ffee02-5a1e-4e57-9a11-0000000000b2/);
      assert.match(text, /Record-level data \(organizer, other sessions\) is not in the input/);
      assert.match(text, /gap of 2\.5 s/);
      const cards = p.page.getByTestId("segment-card");
      assert.equal(await cards.count(), 2);
      assert.match(await cards.nth(0).innerText(), /21 min 44\.4 s/);
      assert.match(await cards.nth(1).innerText(), /15 min 20\.1 s/);
      assertClean(text, "02");
    } finally {
      await p.close();
    }
  });

  test("03: a sessions page says more exist and never claims call totals", { timeout: 60_000 }, async () => {
    const p = await inspect(sample("03-sessions-page-with-nextlink.json"));
    try {
      await p.waitVisible(p.page.locator(".summary"));
      const text = await mainText(p);
      assert.match(text, /3 sessions shown \(more available\)/);
      assert.match(text, /More sessions exist — this is one page; @odata\.nextLink present/);
      assert.match(text, /12:29:12\.061 UTC/);
      assert.equal(await p.page.getByTestId("session-group").count(), 3);
      assertClean(text, "03");
    } finally {
      await p.close();
    }
  });

  test("07: two failed sessions, one without detail, one OK", { timeout: 60_000 }, async () => {
    const p = await inspect(sample("07-failed-call-failureinfo.json"));
    try {
      await p.waitVisible(p.page.locator(".summary"));
      const text = await mainText(p);
      assert.match(text, /2 failed sessions/);
      assert.match(text, /1 with failure info but no detail/);
      assert.match(text, /failed mid-call: Example: media path lost/);
      assert.match(text, /failed at call setup/);
      const groups = p.page.getByTestId("session-group");
      assert.deepEqual(
        await groups.evaluateAll((els) => els.map((e) => e.dataset.failed)),
        ["true", "true", "false", "false"],
      );
      assertClean(text, "07");
    } finally {
      await p.close();
    }
  });

  test("08: audio, video, sharing and data with inferred endpoints", { timeout: 60_000 }, async () => {
    const p = await inspect(sample("08-video-screenshare-no-odata-type.json"));
    try {
      await p.waitVisible(p.page.locator(".summary"));
      await expandAll(p.page);
      const kinds = await p.page.getByTestId("media-card").evaluateAll((els) => els.map((e) => e.dataset.kind));
      assert.deepEqual(kinds, ["audio", "video", "vbss", "data"]);
      const text = await mainText(p);
      assert.match(text, /4\.36 %/);
      assert.doesNotMatch(text, /436\.00 %/);
      assert.match(text, /Mia Halvorsen/);
      assert.match(text, /Conferencing server/);
      assertClean(text, "08");
      await screenshot(p.page, "sample-08");
    } finally {
      await p.close();
    }
  });

  test("10 and 11: nulls and unknown values render without breaking", { timeout: 60_000 }, async () => {
    for (const name of ["10-nulls-everywhere.json", "11-unknown-enums-new-fields.json"]) {
      const p = await inspect(sample(name));
      try {
        await p.waitVisible(p.page.locator(".summary"));
        await expandAll(p.page);
        const text = await mainText(p);
        assertClean(text, name);
        if (name.startsWith("10")) {
          assert.match(text, /1 null entry ignored/);
          assert.match(text, /caller not reported/);
          assert.match(text, /organizer unknown/);
        } else {
          assert.match(text, /<b>tag<\/b>/, "HTML in feedback shows literally");
          assert.equal(await p.page.locator("main b").count(), 0, "no element was made from input");
          assert.match(text, /satelliteExample/);
          assert.match(text, /2001:db8::1:37/);
          assert.match(text, /Kiosk 3 \(ACS\)/);
          assert.match(text, /unknown direction "bidirectionalExample"/);
        }
        assert.deepEqual(p.pageErrors, [], `${name}: page errors`);
      } finally {
        await p.close();
      }
    }
  });

  test("13, 14, 16, 17, 18: what is not a full record says what it is", { timeout: 90_000 }, async () => {
    const cases = [
      ["13-empty-value.json", /No sessions in this response/],
      ["14-callrecord-not-expanded.json", /Sessions not included.*\$expand=sessions\(\$expand=segments\)/s],
      ["16-not-callrecord-user.json", /Not a call record: @odata\.context says users\/\$entity/],
      ["17-graph-error-body.json", /NotFound.*Could not find the requested call record.*a1b2c3d4-0000-4000-8000-00000000e017/s],
      ["18-webhook-notification.json", /change notification.*c0ffee18-5a1e-4e57-9a11-000000000118.*c0ffee18-5a1e-4e57-9a11-000000000218/s],
    ];
    for (const [name, expected] of cases) {
      const p = await inspect(sample(name));
      try {
        await p.page.waitForTimeout(100);
        const text = await mainText(p);
        assert.match(text, expected, name);
        assertClean(text, name);
        if (!name.startsWith("13") && !name.startsWith("14")) {
          assert.equal(await p.page.getByTestId("segment-card").count(), 0, `${name}: no cards`);
        }
      } finally {
        await p.close();
      }
    }
  });

  test("seed: the documentation example is flagged as placeholders", { timeout: 60_000 }, async () => {
    const p = await inspect(sample("seed-list-segments.json"));
    try {
      await p.waitVisible(p.page.locator(".summary"));
      const text = await mainText(p);
      assert.match(text, /looks like the example from Graph's documentation/);
      await expandAll(p.page);
      const all = await mainText(p);
      assert.match(all, /placeholder/);
      assertClean(all, "seed");
      await screenshot(p.page, "sample-seed");
    } finally {
      await p.close();
    }
  });
});

describe("bad input", () => {
  test("15: truncated JSON gets an alert with line, column and hint; the text is kept", { timeout: 60_000 }, async () => {
    const text = sample("15-truncated-json.json");
    const p = await inspect(text);
    try {
      const alert = p.page.getByRole("alert");
      await p.waitVisible(alert);
      const said = await alert.innerText();
      assert.match(said, /line 298, column \d+/);
      assert.match(said, /looks truncated/);
      assert.match(said, /5 objects and 4 lists still open/);
      assert.equal(await p.page.getByLabel("Call record JSON").inputValue(), text, "input kept");
      assert.equal(await p.page.locator(".summary").count(), 0, "nothing drawn as if complete");
      await screenshot(p.page, "truncated");
    } finally {
      await p.close();
    }
  });

  test("not JSON at all: the alert shows the surrounding text", { timeout: 60_000 }, async () => {
    const p = await inspect('{"id": "x",\n  "sessions": [ oops ]}');
    try {
      const alert = p.page.getByRole("alert");
      await p.waitVisible(alert);
      const said = await alert.innerText();
      assert.match(said, /line 2, column 17/);
      assert.match(said, /"sessions": \[ oops/);
    } finally {
      await p.close();
    }
  });

  test("Ctrl+Enter inspects from the text area", { timeout: 60_000 }, async () => {
    const p = await app.open("/");
    try {
      const area = p.page.getByLabel("Call record JSON");
      await p.waitVisible(area);
      await area.fill(sample("01-full-expand-p2p-audio.json"));
      await area.press("Control+Enter");
      await p.waitVisible(p.page.locator(".summary"));
    } finally {
      await p.close();
    }
  });
});

describe("files and CSV", () => {
  test("Open file reads a .json file", { timeout: 60_000 }, async () => {
    const p = await app.open("/");
    try {
      await p.waitVisible(p.page.getByRole("button", { name: "Open file" }));
      await p.page.locator("input[type=file]").setInputFiles(path.join(SAMPLES, "05-pstn-direct-routing-segments.json"));
      await p.waitVisible(p.page.locator(".summary"));
      const text = await mainText(p);
      assert.match(text, /\+14255550123/);
      assert.match(text, /Tomasz Brennan/);
      assert.match(text, /3 min 39 s/);
    } finally {
      await p.close();
    }
  });

  test("a file dropped on the page is opened", { timeout: 60_000 }, async () => {
    const p = await app.open("/");
    try {
      await p.waitVisible(p.page.getByLabel("Call record JSON"));
      const json = sample("01-full-expand-p2p-audio.json");
      const dt = await p.page.evaluateHandle((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], "call.json", { type: "application/json" }));
        return dt;
      }, json);
      await p.page.dispatchEvent(".app__header", "drop", { dataTransfer: dt });
      await p.waitVisible(p.page.locator(".summary"));
      assert.equal(await p.page.getByLabel("Call record JSON").inputValue(), json);
    } finally {
      await p.close();
    }
  });

  test("Download CSV gives one row per stream in document order", { timeout: 60_000 }, async () => {
    const p = await app.open("/#example");
    try {
      await p.waitVisible(p.page.locator(".summary"));
      const [download] = await Promise.all([
        p.page.waitForEvent("download"),
        p.page.getByRole("button", { name: "Download CSV" }).click(),
      ]);
      const file = await download.path();
      const lines = readFileSync(file, "utf8").trim().split("\n");
      assert.equal(
        lines[0].split(",").slice(0, 9).join(","),
        "call_id,session_id,segment_id,media_label,stream_id,stream_direction,kind,verdict,poor_due_to",
      );
      assert.equal(lines.length, 1 + 22, "a header and one row per stream");
      const poor = lines.filter((l) => l.includes(",poor,"));
      assert.equal(poor.length, 1);
      assert.match(poor[0], /^c0ffee00-7d3a-4b61-9c2e-5a8f14e0b924,/);
      assert.match(poor[0], /,audio,poor,jitter;packet-loss,/);
      assert.match(download.suggestedFilename(), /^callscope-streams-c0ffee00-.*\.csv$/);
    } finally {
      await p.close();
    }
  });
});
