// Starts the app. Trunk (see pattern_script in Trunk.toml) replaces the
// <link data-trunk rel="rust"> in index.html with
//   <script type="module" src="/boot.js" data-callscope-js="…" data-callscope-wasm="…">
// holding the hashed names of the wasm-bindgen glue and the .wasm. Loading from this file
// instead of an inline script keeps the Content-Security-Policy free of 'unsafe-inline'.
const tag = document.querySelector("script[data-callscope-js]");
const { default: init } = await import(tag.dataset.callscopeJs);
const wasm = await init({ module_or_path: tag.dataset.callscopeWasm });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
