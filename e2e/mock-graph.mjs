// A stand-in for Microsoft Graph for the fetch tests: a real HTTP server (node:http) on
// 127.0.0.1 at a free port, serving call records built from ../shared/samples in pages, with
// CORS for the app's origin, and every failure the fetch panel explains. The same server is
// also reached as http://localhost:<port>, which a browser treats as another host: that is how
// the tests make a next link lead elsewhere without leaving this machine.
//
// Every request is recorded with its host and Authorization header, so the tests can say where
// the token went.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./harness.mjs";

const SAMPLES = process.env.CALLSCOPE_SAMPLES || path.resolve(ROOT, "../shared/samples");
const sample = (name) => JSON.parse(readFileSync(path.join(SAMPLES, name), "utf8"));

/** The token the tests type in; any other bearer token gets 401. */
export const TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJDYWxsUmVjb3Jkcy5SZWFkLkFsbCJdfQ.mock-signature";

/** Call ids the mock knows, each with its behaviour. */
export const IDS = {
  /** Sample 07 (4 sessions) in three pages: sessions 1–2 in the record, then 3, then 4. */
  paged: "c0ffee07-5a1e-4e57-9a11-000000000107",
  /** Sample 07 again, but the second page is on localhost instead of 127.0.0.1. */
  crossHost: "cross-host-0000-4000-8000-000000000001",
  unauthorized: "expired-token-0000-4000-8000-000000000401",
  forbidden: "no-permission-0000-4000-8000-000000000403",
  notFound: "c0ffee17-old-0000-4000-8000-000000000404",
  /** 429 with Retry-After: 1 once, then sample 01. */
  throttled: "throttled-0000-4000-8000-000000000429",
  /** 503 with Retry-After: 1, every time. */
  unavailable: "unavailable-0000-4000-8000-000000000503",
  /** Sample 01 without any CORS header: the browser must refuse to hand it to the page. */
  noCors: "no-cors-0000-4000-8000-000000000000",
  /** Never answers; the request stays open until the client gives up. */
  slow: "slow-0000-4000-8000-000000000000",
};

const graphError = (code, message, requestId) => ({
  error: {
    code,
    message,
    innerError: { date: "2024-12-02T08:14:55", "request-id": requestId, "client-request-id": requestId },
  },
});

/**
 * Starts the mock. `allowOrigin` is the app's origin, the only one CORS lets read answers.
 * Returns { origin, localhostOrigin, base, requests, requestsFor(part), close() }.
 */
export async function startMockGraph({ allowOrigin }) {
  const requests = [];
  const served = new Map(); // path → how many GETs asked for it
  const record07 = sample("07-failed-call-failureinfo.json");
  const record01 = sample("01-full-expand-p2p-audio.json");
  const sessions03 = sample("03-sessions-page-with-nextlink.json");
  let port;
  const home = () => `http://127.0.0.1:${port}`;

  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://mock");
    const entry = {
      method: req.method,
      host: req.headers.host,
      url: req.url,
      authorization: req.headers.authorization ?? null,
      origin: req.headers.origin ?? null,
      aborted: false,
      bytes: 0,
    };
    requests.push(entry);
    res.on("close", () => {
      if (!res.writableFinished) entry.aborted = true;
    });
    const cors = {
      "Access-Control-Allow-Origin": allowOrigin,
      "Access-Control-Expose-Headers": "Retry-After",
      Vary: "Origin",
    };
    const send = (status, body, headers = {}, withCors = true) => {
      const text = typeof body === "string" ? body : JSON.stringify(body);
      entry.bytes = Buffer.byteLength(text);
      res.writeHead(status, {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "no-store",
        ...(withCors ? cors : {}),
        ...headers,
      });
      res.end(text);
    };

    if (req.method === "OPTIONS") {
      if (url.pathname.includes(IDS.noCors)) {
        res.writeHead(204).end();
        return;
      }
      res
        .writeHead(204, {
          ...cors,
          "Access-Control-Allow-Methods": "GET",
          "Access-Control-Allow-Headers": "Authorization, Accept",
        })
        .end();
      return;
    }
    // Preflights are not counted: "the first time" means the first GET.
    const count = (served.get(url.pathname) ?? 0) + 1;
    served.set(url.pathname, count);
    if (entry.authorization !== null && entry.authorization !== `Bearer ${TOKEN}`) {
      send(401, graphError("InvalidAuthenticationToken", "Access token validation failure.", "mock-401-bad-token"));
      return;
    }

    const records = url.pathname.match(/^\/v1\.0\/communications\/callRecords\/([^/]+)(\/sessions)?$/);
    if (records) {
      const id = decodeURIComponent(records[1]);
      const page = url.searchParams.get("$skiptoken");
      return void graph(id, records[2] ? page : null);
    }
    if (url.pathname === "/pages/sessions") return void sessionsPages(url.searchParams.get("page"));
    if (url.pathname === "/pages/endless") return void endless(Number(url.searchParams.get("page") ?? 1));
    send(404, graphError("NotFound", `The mock has nothing at ${url.pathname}.`, "mock-404-route"));

    function graph(id, page) {
      const sessionsUrl = (origin, token) =>
        `${origin}/v1.0/communications/callRecords/${id}/sessions?$expand=segments&$skiptoken=${token}`;
      const context = `${home()}/v1.0/$metadata#communications/callRecords('${id}')/sessions(segments())`;
      switch (id) {
        case IDS.paged:
        case IDS.crossHost: {
          const s = record07.sessions;
          const next = id === IDS.paged ? home() : `http://localhost:${port}`;
          // Later pages come a little late, so that the progress line can be read mid-fetch.
          if (page === null) {
            const { sessions, ...rest } = record07;
            return send(200, { ...rest, sessions: s.slice(0, 2), "sessions@odata.nextLink": sessionsUrl(next, "p2") });
          }
          if (page === "p2" && id === IDS.paged) {
            return setTimeout(
              () => send(200, { "@odata.context": context, value: [s[2]], "@odata.nextLink": sessionsUrl(home(), "p3") }),
              400,
            );
          }
          if (page === "p2") return send(200, { "@odata.context": context, value: s.slice(2) });
          if (page === "p3") return setTimeout(() => send(200, { "@odata.context": context, value: [s[3]] }), 400);
          break;
        }
        case IDS.unauthorized:
          return send(401, graphError("InvalidAuthenticationToken", "Access token has expired or is not yet valid.", "mock-401-expired"));
        case IDS.forbidden:
          return send(403, graphError("Forbidden", "Insufficient privileges to complete the operation.", "mock-403-forbidden"));
        case IDS.notFound:
          return send(404, sample("17-graph-error-body.json"));
        case IDS.throttled:
          if (count === 1) {
            return send(429, graphError("TooManyRequests", "Too many requests.", "mock-429"), { "Retry-After": "1" });
          }
          return send(200, record01);
        case IDS.unavailable:
          return send(503, graphError("ServiceUnavailable", "Service unavailable.", "mock-503"), { "Retry-After": "1" });
        case IDS.noCors:
          return send(200, record01, {}, false);
        case IDS.slow:
          return; // Never answered: the request stays open until the browser aborts it.
      }
      send(404, graphError("NotFound", "Could not find the requested call record.", "mock-404-unknown"));
    }

    function sessionsPages(page) {
      const value = sessions03.value;
      const context = sessions03["@odata.context"];
      if (page === "2") return send(200, { "@odata.context": context, value: value.slice(1) });
      send(200, { "@odata.context": context, value: value.slice(0, 1), "@odata.nextLink": `${home()}/pages/sessions?page=2` });
    }

    function endless(n) {
      // Small sessions, each with its own id, and always another page.
      const session = { ...sessions03.value[2], id: `endless-session-${n}` };
      send(200, { value: [session], "@odata.nextLink": `${home()}/pages/endless?page=${n + 1}` });
    }
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  port = server.address().port;
  return {
    origin: home(),
    localhostOrigin: `http://localhost:${port}`,
    base: `${home()}/v1.0`,
    requests,
    /** GET requests whose URL contains `part`, in order. */
    requestsFor: (part) => requests.filter((r) => r.method === "GET" && r.url.includes(part)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
