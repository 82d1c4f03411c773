// callscope's service worker: keeps the app's own files so that it opens and works offline.
//
// This file is a template. Every build (Trunk's post_build hook, scripts/stamp-sw.mjs) writes it
// to the output folder as sw.js with BUILD and FILES filled in: the build id is a hash of every
// file of the build, FILES lists each file with its SHA-256. A new build therefore gives a new
// sw.js, byte for byte, which is how the browser notices it.
//
// What it does:
// - install: downloads every file of its build into a cache of its own, bypassing the HTTP
//   cache, and checks each one against its SHA-256; a mixed or half-copied deployment fails the
//   install, and the previous version keeps working.
// - waits: a new version does not take over by itself; boot.js shows "new version available"
//   and sends "skip-waiting" when the user presses Reload.
// - activate: deletes the caches of earlier builds of this copy of the app (same scope) only.
// - fetch: answers the app's own files (same origin, inside its scope, listed in FILES) from its
//   cache, and page loads of the app from the cached index.html. Everything else, above all
//   what the "Fetch from a URL or from Graph" panel asks for (other origins, Authorization
//   headers, any URL not in FILES), is left alone: it goes to the network as if there were no
//   service worker, and is never stored.
"use strict";

const BUILD = /* stamp:build */ "unstamped";
const FILES = /* stamp:files */ [];

// The scope (the folder sw.js was served from, e.g. https://host/tools/callscope/) is part of the
// cache names, so that two copies of the app on one server never delete each other's caches.
const SCOPE = self.registration.scope;
const PREFIX = `callscope ${SCOPE} `;
const CACHE = PREFIX + BUILD;
// FILES are relative to sw.js, which lives in the app's folder ("./" is the app's index.html).
const SHELL = new URL("./", self.location).href;
const INDEX = new URL("index.html", self.location).href;
const KNOWN = new Map(FILES.map(([file, sha256]) => [new URL(file, self.location).href, sha256]));

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const key = cacheKey(event.request);
  if (key) event.respondWith(fromCache(key, event.request));
});

/** The cached URL that answers `request`, or null when the request must go to the network. */
function cacheKey(request) {
  if (request.method !== "GET" || request.headers.has("Authorization")) return null;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return null;
  url.hash = "";
  if (request.mode === "navigate") {
    url.search = ""; // ?anything still opens the app
    return url.href === SHELL || url.href === INDEX ? SHELL : null;
  }
  return KNOWN.has(url.href) ? url.href : null;
}

async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  // A cache the browser evicted (or a user cleared) falls back to the network.
  return hit ?? fetch(request);
}

async function precache() {
  if (!KNOWN.size) throw new Error("sw.js was not stamped with the build's files (scripts/stamp-sw.mjs)");
  await caches.delete(CACHE); // the remains of an earlier failed install of this build
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(
      [...KNOWN].map(async ([url, sha256]) => {
        const response = await fetch(url, { cache: "no-cache" });
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        const body = await response.arrayBuffer();
        const digest = await crypto.subtle.digest("SHA-256", body);
        if (base64(digest) !== sha256) {
          throw new Error(`${url} is not the file of build ${BUILD} (the server has another version)`);
        }
        // A new Response without the `redirected` flag (a page load refuses a redirected answer)
        // and with the server's headers (Content-Type, Content-Security-Policy, …) except those
        // that described the transfer: the body is stored decoded.
        const headers = new Headers(response.headers);
        for (const name of ["Content-Encoding", "Content-Length", "Transfer-Encoding"]) headers.delete(name);
        await cache.put(url, new Response(body, { status: 200, headers }));
      }),
    );
  } catch (err) {
    await caches.delete(CACHE);
    throw err;
  }
}

function base64(buffer) {
  let text = "";
  for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
  return btoa(text);
}
