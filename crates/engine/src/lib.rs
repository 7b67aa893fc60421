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
pub fn simulate(
    text: &str,
    scenario: Option<&str>,
    settings: &Settings,
) -> Result<Simulation, Vec<Diagnostic>> {
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
    let (mut timeline, mut notes) = kubelet::run(&pod, &scn, &settings);
    // Locate the engine's notes (`spec.containers[0]`) in the pasted text.
    let prefix = match parsed.source_kind.as_str() {
        "CronJob" => "spec.jobTemplate.spec.template.",
        "Pod" | "" => "",
        _ => "spec.template.",
    };
    for n in &mut notes {
        if n.path.starts_with("spec.") {
            n.path = format!("{prefix}{}", n.path);
            if n.line.is_none() {
                if let Some((l, c)) = manifest::locate(text, &n.path) {
                    n.line = Some(l);
                    n.column = Some(c);
                    if let Some((sl, sc)) = n.offset {
                        let (l2, c2) = offset_in_scalar(text, l, c, sl, sc);
                        n.line = Some(l2);
                        n.column = Some(c2);
                    }
                }
            }
        }
    }
    diagnostics.append(&mut notes);
    if let Some(at) = replacement_time(&parsed.source_kind, &timeline) {
        // The controller notices the deleted pod and creates a replacement from the template
        // (ReplicaSet/ReplicationController/Job/DaemonSet: as soon as the old pod is terminating;
        // StatefulSet: only once the old pod, whose name it reuses, is gone).
        let mut pod2 = pod.clone();
        let name = pod.metadata.name.clone().unwrap_or_default();
        let new_name = if parsed.source_kind == "StatefulSet" {
            name.clone()
        } else {
            replacement_name(&name)
        };
        pod2.metadata.name = Some(new_name.clone());
        pod2.metadata.uid = Some(manifest::defaults::deterministic_uid(
            pod.metadata.namespace.as_deref().unwrap_or("default"),
            &format!("{new_name}#2"),
        ));
        let mut scn2 = scn.clone();
        scn2.actions.retain(|a| a.delete.is_none() && a.at >= at);
        let (tl2, _) = kubelet::run_at(&pod2, &scn2, &settings, at);
        timeline.replacement = Some(Box::new(tl2));
    }
    Ok(Simulation {
        timeline,
        warnings: diagnostics,
    })
}

/// The position in the pasted text of line `sl`, column `sc` of the string whose YAML value
/// starts at `line`:`col`: a block scalar (`|`, `>`) starts on the next line at its
/// indentation; a one-line string continues on its own line.
fn offset_in_scalar(text: &str, line: usize, col: usize, sl: usize, sc: usize) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.get(line.saturating_sub(1)).copied().unwrap_or("");
    let head = at.trim_end();
    let block = head.ends_with('|')
        || head.ends_with('>')
        || head.ends_with("|-")
        || head.ends_with(">-")
        || head.ends_with("|+")
        || head.ends_with(">+");
    if block {
        let target = line + sl;
        let indent = lines
            .get(line)
            .map(|l| l.len() - l.trim_start().len())
            .unwrap_or(0);
        return (target, indent + sc);
    }
    let quoted = at
        .get(col.saturating_sub(1)..)
        .is_some_and(|r| r.starts_with(['"', '\'']));
    (
        line + sl - 1,
        if sl == 1 {
            col + sc - 1 + quoted as usize
        } else {
            sc
        },
    )
}

fn replacement_time(kind: &str, tl: &Timeline) -> Option<f64> {
    match kind {
        "Deployment" | "ReplicaSet" | "ReplicationController" | "Job" | "CronJob" | "DaemonSet" => {
            tl.pod.deleted_at
        }
        "StatefulSet" => tl.pod.removed_at,
        _ => None,
    }
}

/// A new generated-name suffix for the replacement pod (the controller's `GenerateName`).
fn replacement_name(name: &str) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut h = manifest::defaults::fnv1a(&[name, "replacement"]);
    let suffix: String = (0..5)
        .map(|_| {
            let c = ALPHABET[(h % ALPHABET.len() as u64) as usize] as char;
            h /= ALPHABET.len() as u64;
            c
        })
        .collect();
    match name.rsplit_once('-') {
        Some((base, last)) if last.len() == 5 => format!("{base}-{suffix}"),
        _ => format!("{name}-{suffix}"),
    }
}
