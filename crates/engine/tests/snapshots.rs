//! Readable snapshots of what podlife shows for every gallery pod, reviewed as plain text diffs
//! (`insta`), one file per view in `tests/snapshots/`:
//!
//! * `<id>__get.snap` — `kubectl get pod -w` over the whole run, each line with the instant it
//!   is printed;
//! * `<id>__describe_first_warning.snap`, `<id>__describe_mid.snap`, `<id>__describe_end.snap` —
//!   `kubectl describe pod` at the first Warning event (when there is one), half-way and at the
//!   end of the run;
//! * `<id>__yaml.snap` — the `status:` of `kubectl get pod -o yaml` at the end;
//! * `<id>__events.snap` — every event emission, one line each (what `podlife events` prints);
//! * `<id>__timeline.snap` — the timeline JSON, pretty (what `podlife timeline --format json`
//!   prints).
//!
//! Each pod is simulated as `tests/gallery.rs` and the CLI do by default: default settings
//! (newest kubelet, no seed) until 600 s.
//!
//! Refresh after an intended output change (it also rewrites the native-versus-wasm hashes of
//! `tests/golden/hashes.txt`), then review `git diff`:
//!
//! ```sh
//! INSTA_UPDATE=always cargo test -p podlife-engine --test snapshots --test determinism
//! ```
//!
//! Without `INSTA_UPDATE` a mismatch fails the test (and, outside CI, leaves a `.snap.new` file
//! beside the snapshot, which `.gitignore` keeps out of commits); with `CI=true` nothing is
//! written and a mismatch fails.
#![cfg(not(target_arch = "wasm32"))]

use podlife_engine::{gallery, kubectl, simulate, Settings, Simulation, Time};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// How long each gallery pod is played (the CLI's and `tests/gallery.rs`'s default).
const UNTIL: Time = Time::from_secs(600);

/// The refresh command, printed on a mismatch.
const REFRESH: &str = "if the change is intended, refresh with \
    `INSTA_UPDATE=always cargo test -p podlife-engine --test snapshots --test determinism` \
    and review `git diff`";

fn play(id: &str, yaml: &str) -> Simulation {
    let settings = Settings {
        until: UNTIL,
        ..Settings::default()
    };
    simulate(yaml, None, &settings).unwrap_or_else(|d| {
        panic!(
            "{id}: {:?}",
            d.iter().map(|d| d.to_string()).collect::<Vec<_>>()
        )
    })
}

/// `kubectl get pod -w`: `<instant>s  <line>`.
fn get(sim: &Simulation) -> String {
    let mut out = format!("$ kubectl get pod {} -w\n", sim.timeline.pod.name);
    for (t, line) in kubectl::get_watch(&sim.timeline, UNTIL) {
        out.push_str(&format!("{t:>9.3}s  {}\n", line.trim_end()));
    }
    out
}

fn describe(sim: &Simulation, t: Time) -> String {
    format!(
        "$ kubectl describe pod {}   # at t = {t:.3} s\n{}",
        sim.timeline.pod.name,
        kubectl::describe(&sim.timeline, t)
    )
}

fn status_yaml(sim: &Simulation, t: Time) -> String {
    format!(
        "$ kubectl get pod {} -o yaml   # the status: section, at t = {t:.3} s\n{}",
        sim.timeline.pod.name,
        kubectl::status_yaml(&sim.timeline, t)
    )
}

/// Every event emission, as `podlife events` prints them.
fn events(sim: &Simulation) -> String {
    let mut out = String::from(
        "#     time  type     reason             object                       message\n",
    );
    for e in sim.timeline.events.iter().filter(|e| e.t <= UNTIL) {
        out.push_str(&format!(
            "{:>9.3}  {:<8} {:<18} {:<28} {}\n",
            e.t, e.event_type, e.reason, e.object, e.message
        ));
    }
    out
}

/// `podlife timeline --format json`: the timeline without its status snapshots (those are the
/// `get`/`describe`/`yaml` snapshots), plus the stated assumptions.
fn timeline_json(id: &str, sim: &Simulation) -> String {
    let mut v = serde_json::to_value(&sim.timeline).expect("a timeline serialises");
    let assumptions: Vec<serde_json::Value> = sim
        .warnings
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| {
            serde_json::json!({
                "file": format!("gallery/{id}.yaml"),
                "line": d.line,
                "column": d.column,
                "path": d.path,
                "message": d.message,
            })
        })
        .collect();
    if let Some(o) = v.as_object_mut() {
        o.remove("snapshots");
        o.insert("assumptions".into(), serde_json::Value::Array(assumptions));
    }
    serde_json::to_string_pretty(&v).expect("JSON prints")
}

/// Every snapshot of one gallery pod: `(name, content)`.
fn views(id: &str, yaml: &str) -> Vec<(String, String)> {
    let sim = play(id, yaml);
    let mut out = vec![(format!("{id}__get"), get(&sim))];
    if let Some(w) = sim
        .timeline
        .events
        .iter()
        .find(|e| e.event_type == podlife_engine::EventType::Warning && e.t <= UNTIL)
    {
        out.push((format!("{id}__describe_first_warning"), describe(&sim, w.t)));
    }
    out.push((
        format!("{id}__describe_mid"),
        describe(&sim, Time::from_secs(300)),
    ));
    out.push((format!("{id}__describe_end"), describe(&sim, UNTIL)));
    out.push((format!("{id}__yaml"), status_yaml(&sim, UNTIL)));
    out.push((format!("{id}__events"), events(&sim)));
    out.push((format!("{id}__timeline"), timeline_json(id, &sim)));
    out
}

fn snapshot_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

#[test]
fn gallery_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path(snapshot_dir());
    settings.set_omit_expression(true);
    let _guard = settings.bind_to_scope();

    // Every assertion runs, so one refresh writes every changed snapshot and one failing run
    // names every mismatch (insta alone stops at the first).
    let mut failed = vec![];
    for ex in gallery::EXAMPLES {
        for (name, content) in views(ex.id, ex.yaml) {
            let ok = catch_unwind(AssertUnwindSafe(|| {
                insta::assert_snapshot!(name.as_str(), content);
            }));
            if ok.is_err() {
                failed.push(name);
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} snapshot(s) differ: {}\n{REFRESH}",
        failed.len(),
        failed.join(", ")
    );
}

/// No snapshot outlives its gallery pod or view (a renamed or removed example leaves none behind).
#[test]
fn no_orphan_snapshots() {
    let expected: Vec<String> = gallery::EXAMPLES
        .iter()
        .flat_map(|ex| views(ex.id, ex.yaml).into_iter().map(|(n, _)| n))
        .collect();
    let mut orphans = vec![];
    for entry in std::fs::read_dir(snapshot_dir()).expect("tests/snapshots/ exists") {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(stem) = file.strip_suffix(".snap") {
            if !expected.iter().any(|n| n == stem) {
                orphans.push(file);
            }
        }
    }
    orphans.sort();
    assert!(
        orphans.is_empty(),
        "snapshots with no gallery pod or view: delete them from tests/snapshots/: {}",
        orphans.join(", ")
    );
}
