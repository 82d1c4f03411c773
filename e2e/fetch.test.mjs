// Fetching end to end, in the release build against e2e/mock-graph.mjs: paging and merging,
// progress, Cancel, the page cap, a next link to another host, where the token goes, and every
// failure's explanation. Reads what a person would read; asks the mock where requests went.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, startApp } from "./harness.mjs";
import { IDS, startMockGraph, TOKEN } from "./mock-graph.mjs";

let app;
let mock;
before(async () => {
  app = await startApp();
  mock = await startMockGraph({ allowOrigin: app.origin });
});
after(async () => {
  await mock?.close();
  await app?.close();
});

const recordUrl = (id) =>
  `${mock.base}/communications/callRecords/${id}?$expand=sessions($expand=segments)`;

/** Opens the app and the fetch panel. */
async function openPanel() {
  const p = await app.open("/");
  const title = p.page.locator("summary", { hasText: "Fetch from a URL or from Graph" });
  await p.waitVisible(title);
  await title.click();
  await p.waitVisible(p.page.getByLabel("URL of a call record or sessions page"));
  return p;
}

const progress = (p) => p.page.locator(".fetch").getByRole("status");
const alert = (p) => p.page.locator(".fetch").getByRole("alert");

/** Waits until `locator`'s text matches `pattern`; fails with the text it last saw. */
async function waitText(p, locator, pattern, { timeout = 15_000 } = {}) {
  const end = Date.now() + timeout;
  let last = "";
  while (Date.now() < end) {
    // An alert exists only while there is a failure; a missing element reads as no text.
    last = (await locator.count()) ? await locator.first().innerText({ timeout: 1_000 }).catch(() => "") : "";
    if (pattern.test(last)) return last;
    if (p.pageErrors.length) break;
    await p.page.waitForTimeout(25);
  }
  throw new Error(`waited for ${pattern} in ${locator}, last saw ${JSON.stringify(last)}\n${p.diagnostics()}`);
}

/** Waits until `check()` holds; fails naming `what`. */
async function waitFor(p, check, what, { timeout = 15_000 } = {}) {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error(`waited for ${what}\n${p.diagnostics()}`);
    await p.page.waitForTimeout(25);
  }
}

async function fetchByUrl(p, url) {
  await p.page.getByLabel("URL of a call record or sessions page").fill(url);
  await p.page.getByRole("button", { name: "Fetch", exact: true }).click();
}

async function fetchFromGraph(p, id, { token = TOKEN, base = mock.base } = {}) {
  await p.page.getByLabel("Call id").fill(id);
  await p.page.getByLabel("Bearer token").fill(token);
  await p.page.getByLabel("Base URL").fill(base);
  await p.page.getByRole("button", { name: "Fetch from Graph" }).click();
}

/** Requests of the page that went neither to the app nor to the mock (under either name). */
function strayRequests(p) {
  const allowed = new Set([app.origin, mock.origin, mock.localhostOrigin]);
  return p.requests.filter((u) => {
    if (u.startsWith("data:") || u.startsWith("blob:")) return false;
    return !allowed.has(new URL(u).origin);
  });
}

async function assertClean(p, what) {
  assert.deepEqual(strayRequests(p), [], `${what}: requests only to the app and the mock`);
  assert.deepEqual(await p.cspViolations(), [], `${what}: no Content-Security-Policy violation`);
  assert.deepEqual(p.pageErrors, [], `${what}: no page errors`);
}

const textArea = (p) => p.page.getByLabel("Call record JSON");

describe("fetch by URL", () => {
  test("a record in three pages is merged into one, shown with its progress", { timeout: 60_000 }, async () => {
    const p = await openPanel();
    try {
      const before = mock.requests.length;
      await fetchByUrl(p, recordUrl(IDS.paged));
      await waitText(p, progress(p), /^Fetching page 2… \(1 page, [\d.]+ kB so far\)$/);
      const done = await waitText(p, progress(p), /^Loaded 3 pages/);

      const gets = mock.requests.slice(before).filter((r) => r.method === "GET");
      assert.equal(gets.length, 3, "three pages were requested");
      assert.deepEqual(gets.map((r) => r.authorization), [null, null, null], "no token from the URL form");
      const kB = gets.reduce((n, r) => n + r.bytes, 0) / 1000;
      const shown = done.match(/^Loaded 3 pages, ([\d.]+) kB into the text area\.$/);
      assert.ok(shown, `pages and bytes: ${done}`);
      assert.ok(Math.abs(Number(shown[1]) - kB) <= 0.05, `${shown[1]} kB shown, ${kB} kB served`);

      const summary = await p.page.locator(".summary").innerText();
      assert.match(summary, /4 sessions · 4 segments · 4 media · 8 streams/, "all four sessions counted");
      assert.doesNotMatch(summary, /more available/);
      assert.match(summary, /2 failed sessions/);
      const merged = JSON.parse(await textArea(p).inputValue());
      assert.deepEqual(
        merged.sessions.map((s) => s.id),
        [1, 2, 3, 4].map((n) => `5e5510e7-000${n}-4b00-9000-000000000107`),
        "the sessions in page order",
      );
      assert.equal(merged["sessions@odata.nextLink"], undefined, "the next link is gone from the merged record");
      assert.equal(merged.id, IDS.paged);
      await assertClean(p, "paged record");
    } finally {
      await p.close();
    }
  });

  test("a sessions collection's pages are appended to its value", { timeout: 60_000 }, async () => {
    const p = await openPanel();
    try {
      await fetchByUrl(p, `${mock.origin}/pages/sessions`);
      await waitText(p, progress(p), /^Loaded 2 pages, [\d.]+ kB into the text area\.$/);
      const text = await p.page.locator("main").innerText();
      assert.match(text, /sessions collection/);
      assert.match(text, /3 sessions/);
      assert.doesNotMatch(text, /more available/, "the last page had no next link");
      const merged = JSON.parse(await textArea(p).inputValue());
      assert.equal(merged.value.length, 3);
      assert.equal(merged["@odata.nextLink"], undefined);
      await assertClean(p, "sessions collection");
    } finally {
      await p.close();
    }
  });

  test("Cancel stops a slow fetch and leaves the text area alone", { timeout: 60_000 }, async () => {
    const p = await openPanel();
    try {
      await textArea(p).fill("my own notes");
      await fetchByUrl(p, recordUrl(IDS.slow));
      await waitText(p, progress(p), /^Fetching page 1…$/);
      const cancel = p.page.getByRole("button", { name: "Cancel" });
      await cancel.click();
      await waitText(p, progress(p), /^Cancelled; the text area was not changed\.$/);
      assert.equal(await cancel.count(), 0, "Cancel is gone once nothing runs");
      assert.equal(await textArea(p).inputValue(), "my own notes", "the text area is untouched");

      const [slow] = mock.requestsFor(IDS.slow);
      await waitFor(p, () => slow.aborted, "the browser to drop the request, not just the result", { timeout: 5_000 });
    } finally {
      await p.close();
    }
  });

  test("plain http to another machine is refused before anything is sent", { timeout: 60_000 }, async () => {
    const p = await openPanel();
    try {
      await fetchByUrl(p, "http://callscope-test.invalid/v1.0/communications/callRecords/x");
      const said = await waitText(p, alert(p), /The fetch failed/);
      assert.match(said, /uses plain http, which this page allows only to 127\.0\.0\.1 and localhost\. Hint: use https/);
      assert.deepEqual(p.requests.filter((u) => u.includes("callscope-test.invalid")), [], "no request was made");
    } finally {
      await p.close();
    }
  });

  test("an endless pager stops at 50 pages and says more exist", { timeout: 90_000 }, async () => {
    const p = await openPanel();
    try {
      await fetchByUrl(p, `${mock.origin}/pages/endless`);
      await waitText(
        p,
        progress(p),
        /^Loaded 50 pages, [\d.]+ kB and stopped at the limit of 50 pages: more exist\. The document keeps the link to the next page\.$/,
        { timeout: 60_000 },
      );
      assert.equal(mock.requestsFor("/pages/endless").length, 50, "exactly 50 pages requested");
      const text = await p.page.locator("main").innerText();
      assert.match(text, /50 sessions shown \(more available\)/);
      assert.match(text, /More sessions exist/);
      const merged = JSON.parse(await textArea(p).inputValue());
      assert.equal(merged.value.length, 50);
      assert.equal(merged["@odata.nextLink"], `${mock.origin}/pages/endless?page=51`, "the unfollowed link is kept");
    } finally {
      await p.close();
    }
  });
});

describe("fetch from Graph", () => {
  test("the token goes to the base URL only, never into a URL, the console or storage", { timeout: 60_000 }, async () => {
    const p = await openPanel();
    try {
      const token = p.page.getByLabel("Bearer token");
      assert.equal(await token.getAttribute("type"), "password");
      assert.equal(await token.getAttribute("autocomplete"), "off");
      assert.equal(await p.page.getByLabel("Base URL").inputValue(), "https://graph.microsoft.com/v1.0", "the default base");

      const before = mock.requests.length;
      await fetchFromGraph(p, IDS.paged);
      await waitText(p, progress(p), /^Loaded 3 pages/);
      const gets = mock.requests.slice(before).filter((r) => r.method === "GET");
      assert.equal(gets.length, 3);
      assert.equal(
        gets[0].url,
        `/v1.0/communications/callRecords/${IDS.paged}?$expand=sessions($expand=segments)`,
        "the record with sessions and segments expanded",
      );
      for (const r of gets) {
        assert.equal(r.authorization, `Bearer ${TOKEN}`, `${r.url} carries the token`);
        assert.equal(r.host, new URL(mock.origin).host, `${r.url} went to the base URL's host`);
      }
      assert.match(await p.page.locator(".summary").innerText(), /4 sessions · 4 segments/);

      assert.deepEqual(p.requests.filter((u) => u.includes(TOKEN)), [], "the token is in no URL");
      assert.deepEqual(p.consoleMessages.filter((m) => m.includes(TOKEN)), [], "the token is never logged");
      const stored = await p.page.evaluate(() => ({
        local: localStorage.length,
        session: sessionStorage.length,
        cookie: document.cookie,
      }));
      assert.deepEqual(stored, { local: 0, session: 0, cookie: "" }, "nothing is stored");

      await p.page.getByRole("button", { name: "Forget token" }).click();
      assert.equal(await token.inputValue(), "", "Forget token empties the field");
      const again = mock.requests.length;
      await p.page.getByRole("button", { name: "Fetch from Graph" }).click();
      const after = () => mock.requests.slice(again).filter((r) => r.method === "GET");
      await waitFor(p, () => after().length === 3, "the second fetch's three pages");
      await waitText(p, progress(p), /^Loaded 3 pages/);
      assert.deepEqual(after().map((r) => r.authorization), [null, null, null], "a forgotten token is not sent");
      await assertClean(p, "graph");
    } finally {
      await p.close();
    }
  });

  test("a next link to another host is followed only when asked, and without the token", { timeout: 60_000 }, async () => {
    const p = await openPanel();
    try {
      const host = new URL(mock.localhostOrigin).host;
      await fetchFromGraph(p, IDS.crossHost);
      const asking = await waitText(p, progress(p), /another host/);
      assert.match(asking, new RegExp(`^Loaded 1 page, [\\d.]+ kB\\. The next page is on another host, ${host}\\.`));
      await screenshot(p.page, "fetch-ask-host");
      assert.equal(mock.requestsFor(IDS.crossHost).length, 1, "nothing fetched from the other host before the answer");
      assert.equal(await textArea(p).inputValue(), "", "the text area waits too");

      await p.page.getByRole("button", { name: `Follow link to ${host}` }).click();
      await waitText(p, progress(p), /^Loaded 2 pages/);
      const [first, second] = mock.requestsFor(IDS.crossHost);
      assert.equal(first.host, new URL(mock.origin).host);
      assert.equal(first.authorization, `Bearer ${TOKEN}`, "the base URL gets the token");
      assert.equal(second.host, host, "the second page came from the other host");
      assert.equal(second.authorization, null, "the other host never gets the token");
      assert.match(await p.page.locator(".summary").innerText(), /4 sessions/);

      // Declining keeps what was loaded and says that more exist.
      await p.page.getByRole("button", { name: "Fetch from Graph" }).click();
      await waitText(p, progress(p), /another host/);
      await p.page.getByRole("button", { name: "Stop here" }).click();
      await waitText(p, progress(p), new RegExp(`stopped before the page on ${host}: more exist`));
      assert.equal(mock.requestsFor(IDS.crossHost).length, 3, "Stop here fetched nothing more");
      assert.match(await p.page.locator(".summary").innerText(), /2 sessions shown \(more available\)/);
      await assertClean(p, "cross host");
    } finally {
      await p.close();
    }
  });

  test("each failure is explained, and the text area is left alone", { timeout: 90_000 }, async () => {
    const cases = [
      [IDS.unauthorized, [/answered 401 Unauthorized/, /Access token has expired or is not yet valid/, /token has expired/]],
      [IDS.forbidden, [/answered 403 Forbidden/, /application permission CallRecords\.Read\.All/]],
      [
        IDS.notFound,
        [
          /answered 404 Not Found/,
          /Could not find the requested call record/,
          /request id a1b2c3d4-0000-4000-8000-00000000e017/,
          /deleted 30 days after the call/,
        ],
      ],
      [IDS.noCors, [/did not allow this page's origin \(CORS\), or the network is down/, /Graph Explorer, then open the file/]],
    ];
    const p = await openPanel();
    try {
      await textArea(p).fill("my own notes");
      for (const [id, expected] of cases) {
        await fetchFromGraph(p, id);
        // Each id is in its own message, so an earlier case's alert cannot satisfy the wait.
        const said = await waitText(p, alert(p), new RegExp(`The fetch failed[^]*${id}`));
        for (const pattern of expected) assert.match(said, pattern, id);
        assert.ok(said.includes(recordUrl(id)), `${id}: the message names the URL`);
        assert.equal(await textArea(p).inputValue(), "my own notes", `${id}: the text area is untouched`);
      }
      await screenshot(p.page, "fetch-error");
    } finally {
      await p.close();
    }
  });

  test("429 counts down Retry-After, then succeeds", { timeout: 60_000 }, async () => {
    const p = await openPanel();
    try {
      await fetchFromGraph(p, IDS.throttled);
      await waitText(p, progress(p), /^The server answered 429 Too Many Requests\. Retrying in 1 s \(retry 1 of 3/);
      await waitText(p, progress(p), /^Loaded 1 page/);
      assert.equal(mock.requestsFor(IDS.throttled).length, 2, "one retry");
      assert.match(await p.page.locator(".summary").innerText(), /Dana Whitfield/);
    } finally {
      await p.close();
    }
  });

  test("503 forever: three retries, then a clear message", { timeout: 60_000 }, async () => {
    const p = await openPanel();
    try {
      await fetchFromGraph(p, IDS.unavailable);
      await waitText(p, progress(p), /503 Service Unavailable\. Retrying in 1 s \(retry 3 of 3/);
      const said = await waitText(p, alert(p), /still answered/);
      assert.match(said, /still answered 503 Service Unavailable after 3 retries/);
      assert.match(said, /wait a few minutes and fetch again/);
      assert.equal(mock.requestsFor(IDS.unavailable).length, 4, "the first request and three retries");
    } finally {
      await p.close();
    }
  });
});

test("the panel, filled in, by keyboard", { timeout: 60_000 }, async () => {
  const p = await app.open("/");
  try {
    const title = p.page.locator("summary", { hasText: "Fetch from a URL or from Graph" });
    await p.waitVisible(title);
    await title.focus();
    await p.page.keyboard.press("Enter");
    const id = p.page.getByLabel("Call id");
    await p.waitVisible(id);
    await id.fill(IDS.paged);
    await p.page.getByLabel("Bearer token").fill(TOKEN);
    await p.page.getByLabel("Base URL").fill(mock.base);
    await screenshot(p.page, "fetch-panel");
    await p.page.getByLabel("Base URL").press("Enter");
    await waitText(p, progress(p), /^Loaded 3 pages/);
  } finally {
    await p.close();
  }
});
