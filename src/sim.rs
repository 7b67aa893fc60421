//! The one place the web app calls the engine.
//!
//! Architecture invariant: views never simulate. `simulate` runs once per edit (from the reducer);
//! everything drawn afterwards is a lookup in the resulting [`Trace`]/[`Timeline`].

use crate::model::Trace;
use podlife_engine::{Diagnostic, KubectlColumns, Settings, Time, Timeline};

/// Settings the UI simulates with (the engine's documented defaults for now).
pub fn settings() -> Settings {
    Settings::default()
}

/// Parse and play `text`. On errors, every diagnostic is returned, located in `text` when the
/// engine gave only a field path.
pub fn simulate(text: &str) -> Result<Trace, Vec<Diagnostic>> {
    match podlife_engine::simulate(text, None, &settings()) {
        Ok(sim) => Ok(Trace::build(sim.timeline, locate_all(text, sim.warnings))),
        Err(diags) => Err(locate_all(text, diags)),
    }
}

/// Give every diagnostic that has a path but no position the position of that path in `text`.
pub fn locate_all(text: &str, mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for d in &mut diags {
        if d.line.is_none() && !d.path.is_empty() {
            if let Some((line, col)) = locate(text, &d.path) {
                d.line = Some(line);
                d.column = Some(col);
            }
        }
    }
    diags
}

/// Position (1-based line, column) of a field path in the manifest text.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    podlife_engine::manifest::locate(text, path)
}

/// The kubectl columns at `t`.
pub fn columns_at(tl: &Timeline, t: Time) -> KubectlColumns {
    podlife_engine::kubectl::status_at(tl, t).kubectl
}

/// kubectl's `HumanDuration` (the AGE column).
pub fn human_duration(d: f64) -> String {
    podlife_engine::kubectl::human_duration(d)
}

/// Exactly what `kubectl get pod` prints at `t` (header line + row line), or the NotFound error
/// once the pod object is gone.
pub fn get_table(tl: &Timeline, t: Time) -> String {
    podlife_engine::kubectl::get_table(tl, t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    #[test]
    fn table_at_points_of_the_fixture() {
        let tl = fixture::liveness_exec();
        let t0 = get_table(&tl, 0.5);
        assert!(
            t0.starts_with("NAME            READY   STATUS              RESTARTS   AGE\n"),
            "{t0}"
        );
        assert!(
            t0.contains("liveness-exec   0/1     ContainerCreating   0          0s"),
            "{t0}"
        );
        let t1 = get_table(&tl, 77.0);
        assert!(t1.contains("1/1     Running   1 ("), "{t1}");
    }

    #[test]
    fn the_default_example_simulates() {
        let ex = podlife_engine::gallery::get(podlife_engine::gallery::DEFAULT).unwrap();
        let tr = simulate(ex.yaml).expect("default example simulates");
        assert_eq!(tr.timeline.pod.name, "liveness-exec");
        assert!(
            tr.timeline.containers[0].runs.len() >= 2,
            "the liveness kill restarts the container"
        );
    }

    #[test]
    fn every_gallery_example_simulates() {
        for ex in podlife_engine::gallery::EXAMPLES {
            let r = simulate(ex.yaml);
            assert!(r.is_ok(), "{}: {:?}", ex.id, r.err());
        }
    }

    #[test]
    fn broken_yaml_gives_located_errors() {
        let ex = podlife_engine::gallery::get("crash-loop").unwrap();
        let broken = ex.yaml.replace("  containers:", "  containers: [");
        let errs = simulate(&broken).expect_err("broken YAML fails");
        assert!(
            errs.iter().any(|d| d.is_error() && d.line.is_some()),
            "{errs:?}"
        );
    }
}
