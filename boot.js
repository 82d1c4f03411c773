// Starts the app, then registers the service worker that keeps it working offline.
//
// Trunk (see pattern_script in Trunk.toml) replaces the <link data-trunk rel="rust"> in
// index.html with
//   <script type="module" src="./boot.js" data-callscope-js="./…" data-callscope-wasm="./…">
// holding the hashed names of the wasm-bindgen glue and the .wasm. The URLs are relative
// (Trunk.toml: public_url = "./"), so the folder works under any path: the glue is imported
// relative to this file, the .wasm is fetched relative to the page, and both are the page's
// folder. Loading from this file instead of an inline script keeps the Content-Security-Policy
// free of 'unsafe-inline'.
// The saved theme (see src/view/theme.rs) is applied before the app loads, so a dark choice on a
// light system shows dark while the WebAssembly starts, not light for a moment. Storage may be
// refused (private windows, policies): then the system's theme applies, as it would anyway.
try {
  const theme = localStorage.getItem("callscope.theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
} catch {
  // Nothing to apply.
}

const tag = document.querySelector("script[data-callscope-js]");
try {
  const { default: init } = await import(tag.dataset.callscopeJs);
  const wasm = await init({ module_or_path: tag.dataset.callscopeWasm });
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
} finally {
  registerServiceWorker();
}

// sw.js (web/sw.js, stamped by scripts/stamp-sw.mjs) caches this build's files. A new build has
// a new sw.js; the browser installs it next to the running one, where it waits: this page then
// shows a banner, and Reload tells the new worker to take over and reloads the page once.
function registerServiceWorker() {
  // No service worker outside a secure context (plain http to anything but localhost): the
  // app still works, only not offline.
  if (!("serviceWorker" in navigator)) return;
  const container = navigator.serviceWorker;
  let reloadWhenControlled = false;
  container.addEventListener("controllerchange", () => {
    if (!reloadWhenControlled) return; // the first install taking control: nothing to reload
    reloadWhenControlled = false;
    location.reload();
  });

  container.register(new URL("sw.js", import.meta.url)).then(
    (registration) => {
      const offer = (worker) => {
        // Without a controller this is the first install, not an update.
        if (worker && container.controller) showUpdateBanner(worker);
      };
      offer(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        worker?.addEventListener("statechange", () => {
          if (worker.state === "installed") offer(worker);
        });
      });
      // The browser looks for a new sw.js on every page load; a page left open also looks
      // when it comes back into view, and every hour. Offline, the check fails quietly.
      const check = () => registration.update().catch(() => {});
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") check();
      });
      setInterval(check, 60 * 60 * 1000);
    },
    (err) => console.warn(`callscope: works, but not offline: the service worker did not register (${err.message})`),
  );

  function showUpdateBanner(worker) {
    if (document.querySelector(".update-banner")) return;
    const banner = document.createElement("div");
    banner.className = "update-banner";
    banner.setAttribute("role", "status");
    const text = document.createElement("span");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "update-banner__button";
    button.textContent = "Reload";
    button.addEventListener("click", () => {
      button.disabled = true;
      if (worker.state === "installed") {
        reloadWhenControlled = true;
        worker.postMessage({ type: "skip-waiting" });
      } else {
        // Another tab already switched to the new version (or it failed): just reload.
        location.reload();
      }
    });
    banner.append(text, button);
    document.body.append(banner);
    // Filled in after the live region exists, so that screen readers announce it.
    requestAnimationFrame(() => {
      text.textContent = "A new version of callscope is available. Reloading clears what you pasted.";
    });
  }
}
