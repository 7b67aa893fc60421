//! Determinism (ARCHITECTURE.md invariant "same input → byte-identical JSON, natively and in
//! WASM"): simulating the same input twice gives identical JSON, and each input's JSON hash
//! matches the checked-in golden table `tests/golden/hashes.txt`, which
//! `tests/wasm_determinism.rs` checks on wasm32 too.
//!
//! The hashes exist only for that native-versus-wasm check: what the output *is* is reviewed in
//! the readable snapshots of `tests/snapshots.rs`. One command refreshes both after an intended
//! output change (`UPDATE_GOLDEN=1` alone still rewrites the hashes):
//! `INSTA_UPDATE=always cargo test -p podlife-engine --test snapshots --test determinism`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/hashes.rs"]
mod hashes;

use podlife_engine::{gallery, simulate, Settings};

#[test]
fn gallery_examples_are_byte_identical_across_runs() {
    for e in gallery::EXAMPLES {
        for seed in [None, Some(1), Some(u64::MAX)] {
            {
                let until = podlife_engine::Time::from_secs(3600);
                let s = Settings {
                    until,
                    seed,
                    ..Settings::default()
                };
                let a = simulate(e.yaml, None, &s).unwrap_or_else(|d| panic!("{}: {d:?}", e.id));
                let b = simulate(e.yaml, None, &s).unwrap_or_else(|d| panic!("{}: {d:?}", e.id));
                let ja = serde_json::to_string(&a.timeline).unwrap();
                let jb = serde_json::to_string(&b.timeline).unwrap();
                assert!(
                    ja == jb,
                    "{} (seed {seed:?}, until {until}): two runs gave different JSON",
                    e.id
                );
                assert_eq!(a.warnings, b.warnings, "{}: warnings differ", e.id);
            }
        }
    }
}

#[test]
fn determinism_hashes_match_golden() {
    let computed = hashes::compute();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/hashes.txt");
    let refresh = std::env::var_os("UPDATE_GOLDEN").is_some()
        || matches!(
            std::env::var("INSTA_UPDATE").as_deref(),
            Ok("always" | "1" | "force")
        );
    if refresh {
        std::fs::write(path, hashes::render(&computed)).expect("write tests/golden/hashes.txt");
        eprintln!("wrote {path}");
        return;
    }
    // Read the file as it is now (not the compiled-in copy) so a regeneration is seen at once.
    let golden = std::fs::read_to_string(path).unwrap_or_default();
    let diff = hashes::diff(&computed, &hashes::parse(&golden));
    assert!(
        diff.is_empty(),
        "timeline hashes differ from {path}:\n  {}\n{}",
        diff.join("\n  "),
        hashes::REGENERATE
    );
}

/// Regression (rule `pod-worker-sync`): with a seed, every error re-queue (uniform
/// [10 s, 15 s) instead of the fixed 12.5 s) still fires. Before times were integers, a jittered
/// delay that rounded down to the millisecond grid never fired, and the seeded crash loop
/// restarted 5 times in 900 s where the unseeded one restarts 8 times.
#[test]
fn seeded_requeues_keep_the_crash_loop_rhythm() {
    let e = gallery::get("crash-loop").expect("gallery pod");
    let run = |seed| {
        let s = Settings {
            until: podlife_engine::Time::from_secs(900),
            seed,
            kubelet_version: podlife_engine::KubeletVersion(30),
            ..Settings::default()
        };
        let tl = simulate(e.yaml, None, &s).expect("valid").timeline;
        (tl.containers[0].runs.len(), tl.syncs.len())
    };
    let (runs, syncs) = run(None);
    for seed in [1, 7, 42] {
        let (r, s) = run(Some(seed));
        assert!(r + 1 >= runs, "seed {seed}: {r} runs, unseeded {runs}");
        assert!(
            s * 5 >= syncs * 4,
            "seed {seed}: {s} syncs, unseeded {syncs}"
        );
    }
}
