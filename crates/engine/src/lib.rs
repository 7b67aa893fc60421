//! podlife's engine: (manifest, scenario, settings) → [`Timeline`].
//!
//! Pure, deterministic and sans-IO: no wall clock, no I/O, no web types, and no randomness except
//! a generator seeded from [`Settings::seed`]. The same input gives byte-identical output on
//! native and on wasm32. See `ARCHITECTURE.md` for the code map and invariants.

pub mod controllers;
pub mod diagnostics;
pub mod gallery;
pub mod kubectl;
pub mod kubelet;
pub mod machine;
pub mod manifest;
pub mod process;
pub mod rules;
pub mod scenario;
pub mod settings;
pub mod time;
pub mod timeline;
pub mod versions;

pub use diagnostics::{Diagnostic, Severity};
pub use machine::{Action, Kubelet};
pub use settings::{FeatureGate, KubeletVersion, Settings};
pub use timeline::*;

/// A successful simulation: the timeline plus the non-fatal diagnostics (warnings).
#[derive(Clone, Debug)]
pub struct Simulation {
    pub timeline: Timeline,
    pub warnings: Vec<Diagnostic>,
}

/// A parsed, defaulted and validated input, ready to be played: the pod, the merged scenario and
/// the effective settings (the scenario's `settings:` applied).
#[derive(Clone, Debug)]
pub struct Prepared {
    pub pod: k8s_openapi::api::core::v1::Pod,
    pub scenario: scenario::Scenario,
    pub settings: Settings,
    /// The kind the pod came from (`Pod`, `Deployment`, `CronJob`, ...).
    pub source_kind: String,
    /// Non-fatal diagnostics of parsing and validation.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse `text` (a Pod manifest, optionally followed by a `kind: Scenario` document) and the
/// optional scenario text, and apply the API server's defaults and validation.
///
/// Returns every diagnostic when any of them is an error. Never panics on bad input.
pub fn prepare(
    text: &str,
    scenario: Option<&str>,
    settings: &Settings,
) -> Result<Prepared, Vec<Diagnostic>> {
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
    // What the API server of the chosen version checks on top (feature-gated fields).
    for issue in manifest::validate::validate_versioned(&pod, &settings) {
        let path = format!("{}{}", parsed.prefix, issue.path);
        let (line, col) = manifest::locate(text, &path).unwrap_or((1, 1));
        let d = match issue.severity {
            Severity::Error => Diagnostic::error(&path, issue.message),
            Severity::Warning => Diagnostic::warning(&path, issue.message),
        };
        diagnostics.push(d.at(line, col));
    }
    diagnostics.extend(check_resizes(&pod, &scn, &settings));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok(Prepared {
        pod,
        scenario: scn,
        settings,
        source_kind: parsed.source_kind,
        diagnostics,
    })
}

impl Prepared {
    /// The kubelet that plays this pod, at t = 0.
    pub fn kubelet(&self) -> Kubelet {
        Kubelet::new(&self.pod, self.scenario.clone(), self.settings.clone())
    }

    /// Close a finished run: locate the engine's notes in `text` and let the owning controller
    /// play its replacement pod.
    pub fn conclude(&self, text: &str, finished: (Timeline, Vec<Diagnostic>)) -> Simulation {
        let (mut timeline, mut notes) = finished;
        let mut diagnostics = self.diagnostics.clone();
        // Locate the engine's notes (`spec.containers[0]`) in the pasted text.
        let prefix = match self.source_kind.as_str() {
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
        timeline.replacement = controllers::replacement(
            &self.source_kind,
            &self.pod,
            &self.scenario,
            &self.settings,
            &timeline,
        )
        .map(Box::new);
        Simulation {
            timeline,
            warnings: diagnostics,
        }
    }
}

/// Parse `text` (a Pod manifest, optionally followed by a `kind: Scenario` document), apply the
/// API server's defaults and validation, and play the pod forward to `settings.until`: a driver
/// loop over [`Kubelet`].
///
/// Returns every diagnostic when any of them is an error. Never panics on bad input.
pub fn simulate(
    text: &str,
    scenario: Option<&str>,
    settings: &Settings,
) -> Result<Simulation, Vec<Diagnostic>> {
    let prepared = prepare(text, scenario, settings)?;
    let mut kubelet = prepared.kubelet();
    while let Some(t) = kubelet.poll_timeout() {
        kubelet.handle_timeout(t);
    }
    Ok(prepared.conclude(text, kubelet.finish()))
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

/// What the API server's `pods/resize` subresource refuses, for the scenario's `resize` actions
/// (`pkg/apis/core/validation/validation.go` `ValidatePodResize`): the feature gate, the
/// container, and a change of the QoS class.
///
/// rule: in-place-resize
fn check_resizes(
    pod: &k8s_openapi::api::core::v1::Pod,
    scn: &scenario::Scenario,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let mut out = vec![];
    let spec = pod.spec.clone().unwrap_or_default();
    for (i, a) in scn.actions.iter().enumerate() {
        let Some(r) = &a.resize else { continue };
        let p = format!("actions[{i}].resize");
        if !settings.gate(FeatureGate::InPlacePodVerticalScaling) {
            out.push(Diagnostic::error(&p, "Forbidden: in-place resize (the pods/resize subresource) needs the InPlacePodVerticalScaling feature gate, which is off before 1.33"));
            continue;
        }
        let Some(k) = spec.containers.iter().position(|c| c.name == r.container) else {
            let init = spec
                .init_containers
                .iter()
                .flatten()
                .any(|c| c.name == r.container);
            out.push(Diagnostic::error(
                format!("{p}.container"),
                if init {
                    format!("podlife models the in-place resize of regular containers only; {:?} is an init container", r.container)
                } else {
                    format!("Not found: {:?}", r.container)
                },
            ));
            continue;
        };
        let mut resized = spec.containers.clone();
        let res = resized[k].resources.get_or_insert_with(Default::default);
        for (m, list) in [
            (&r.requests, &mut res.requests),
            (&r.limits, &mut res.limits),
        ] {
            for (name, v) in m {
                list.get_or_insert_with(Default::default).insert(
                    name.clone(),
                    k8s_openapi::apimachinery::pkg::api::resource::Quantity(v.clone()),
                );
            }
        }
        let init = spec.init_containers.clone().unwrap_or_default();
        let before = kubectl::stored::compute_qos(&init, &spec.containers, spec.resources.as_ref());
        let after = kubectl::stored::compute_qos(&init, &resized, spec.resources.as_ref());
        if before != after {
            out.push(Diagnostic::error(
                &p,
                format!("Forbidden: Pod QOS Class may not change as a result of resizing (from {before} to {after})"),
            ));
        }
    }
    out
}
