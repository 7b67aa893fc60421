//! podlife's engine: (manifest, scenario, settings) → [`Timeline`].
//!
//! Pure, deterministic and sans-IO: no wall clock, no I/O, no web types, and no randomness except
//! a generator seeded from [`Settings::seed`]. The same input gives byte-identical output on
//! native and on wasm32. See `ARCHITECTURE.md` for the code map and invariants.

pub mod diagnostics;
pub mod gallery;
pub mod kubectl;
pub mod kubelet;
pub mod manifest;
pub mod process;
pub mod scenario;
pub mod settings;
pub mod timeline;

pub use diagnostics::{Diagnostic, Severity};
pub use settings::{KubeletVersion, Settings};
pub use timeline::*;

/// A successful simulation: the timeline plus the non-fatal diagnostics (warnings).
#[derive(Clone, Debug)]
pub struct Simulation {
    pub timeline: Timeline,
    pub warnings: Vec<Diagnostic>,
}

/// Parse `text` (a Pod manifest, optionally followed by a `kind: Scenario` document), apply the
/// API server's defaults and validation, and play the pod forward to `settings.until`.
///
/// Returns every diagnostic when any of them is an error. Never panics on bad input.
pub fn simulate(text: &str, scenario: Option<&str>, settings: &Settings) -> Result<Simulation, Vec<Diagnostic>> {
    let parsed = manifest::parse(text);
    let mut diagnostics = parsed.diagnostics;
    let mut scn = parsed.scenario.unwrap_or_default();
    if let Some(s) = scenario {
        match scenario::parse(s) {
            Ok(extra) => scn.merge(extra),
            Err(mut d) => diagnostics.append(&mut d),
        }
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    let Some(pod) = parsed.pod else {
        diagnostics.push(Diagnostic::error("", "no Pod found in the input"));
        return Err(diagnostics);
    };
    let mut settings = settings.clone();
    scn.apply_settings(&mut settings);
    let (timeline, mut notes) = kubelet::run(&pod, &scn, &settings);
    diagnostics.append(&mut notes);
    Ok(Simulation { timeline, warnings: diagnostics })
}
