//! Every gallery example plays: it parses without errors and simulates for ten minutes. What each
//! one shows is asserted by its conformance cases in `tests/conformance/` (see docs/gallery.md).

use podlife_engine::{gallery, simulate, Settings};

#[test]
fn every_gallery_example_plays() {
    assert!(gallery::get(gallery::DEFAULT).is_some());
    for ex in gallery::EXAMPLES {
        let settings = Settings {
            until: podlife_engine::Time::from_secs(600),
            ..Settings::default()
        };
        let sim = simulate(ex.yaml, None, &settings).unwrap_or_else(|d| {
            panic!(
                "{}: {:?}",
                ex.id,
                d.iter().map(|d| d.to_string()).collect::<Vec<_>>()
            )
        });
        let tl = &sim.timeline;
        assert!(!tl.containers.is_empty(), "{}: no containers", ex.id);
        assert!(
            tl.snapshots.len() >= 2,
            "{}: the status never changed",
            ex.id
        );
        assert!(
            tl.events.iter().any(|e| e.reason == "Scheduled"),
            "{}",
            ex.id
        );
    }
}

#[test]
fn gallery_ids_are_unique() {
    let mut ids: Vec<&str> = gallery::EXAMPLES.iter().map(|e| e.id).collect();
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n);
}
