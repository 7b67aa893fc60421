//! The WASM/native speed ratio on the same input: the 24 h stress pod simulated on wasm32 (in
//! Node). A figure, not a pass/fail test: run it optimised and read the printed line,
//! `cargo test -p podlife-engine --release --target wasm32-unknown-unknown --test wasm_speed -- --nocapture`,
//! and compare with `cargo run -p podlife-engine --release --example bench -- --only stress`.
#![cfg(target_arch = "wasm32")]

use podlife_engine::{simulate, Settings};
use wasm_bindgen_test::*;

const STRESS: &str = include_str!("../benches/stress-pod.yaml");

#[wasm_bindgen_test]
fn stress_pod_speed_on_wasm() {
    for until in [3600.0, 86400.0] {
        let settings = Settings {
            until,
            ..Settings::default()
        };
        let t0 = js_sys::Date::now();
        let sim = simulate(STRESS, None, &settings).expect("the stress pod is valid");
        let ms = js_sys::Date::now() - t0;
        assert!(sim.timeline.containers.len() == 10);
        console_log!("wasm32: stress pod {until} s simulated in {ms:.0} ms");
    }
}
