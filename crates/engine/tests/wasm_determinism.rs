//! WASM vs native: each input of `tests/support/hashes.rs` simulated on wasm32 must hash to the
//! value in the golden table `tests/golden/hashes.txt`, which `tests/determinism.rs` checks
//! natively — so native and wasm32 produce byte-identical timelines.
//!
//! Run (in Node, no browser): `cargo test -p podlife-engine --target wasm32-unknown-unknown --test wasm_determinism`
#![cfg(target_arch = "wasm32")]

#[path = "support/hashes.rs"]
mod hashes;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn wasm_timelines_match_the_native_golden_hashes() {
    let computed = hashes::compute();
    let golden = hashes::parse(hashes::GOLDEN);
    assert!(
        !golden.is_empty(),
        "the golden table is empty: {}",
        hashes::REGENERATE
    );
    let diff = hashes::diff(&computed, &golden);
    assert!(
        diff.is_empty(),
        "wasm32 timeline hashes differ from tests/golden/hashes.txt:\n  {}\n(either wasm32 and native disagree, or the golden table is stale: run the native test first) {}",
        diff.join("\n  "),
        hashes::REGENERATE
    );
}
