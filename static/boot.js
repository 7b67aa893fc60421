// Starts podlife: imports wasm-bindgen's module and instantiates the app's wasm.
//
// Trunk's default loader is an inline <script>, which the page's Content-Security-Policy
// (script-src 'self') forbids; Trunk.toml's `pattern_script` puts this file in its place and
// passes the hashed file names in data attributes.
const boot = document.querySelector('script[data-podlife-boot]');
const { default: init } = await import(boot.dataset.js);
await init({ module_or_path: boot.dataset.wasm });
