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
    // TODO(engine): switch to `podlife_engine::manifest::locate(text, path)` when it lands.
    let _ = (text, path);
    None
}

/// The kubectl columns at `t`.
pub fn columns_at(tl: &Timeline, t: Time) -> KubectlColumns {
    // TODO(engine): switch to `podlife_engine::kubectl::status_at(tl, t).kubectl`.
    fallback::columns_at(tl, t)
}

/// kubectl's `HumanDuration` (AGE column).
pub fn human_duration(d: f64) -> String {
    // TODO(engine): switch to `podlife_engine::kubectl::human_duration`.
    fallback::human_duration(d)
}

/// Exactly what `kubectl get pod` prints at `t` (header line + row line).
pub fn get_table(tl: &Timeline, t: Time) -> String {
    // TODO(engine): switch to `podlife_engine::kubectl::get_table(tl, t)`.
    if tl.removed_at(t) {
        return format!("Error from server (NotFound): pods \"{}\" not found", tl.pod.name);
    }
    let c = columns_at(tl, t);
    fallback::table(&[["NAME", "READY", "STATUS", "RESTARTS", "AGE"], [&c.name, &c.ready, &c.status, &c.restarts, &c.age]])
}

/// A stand-in for `podlife_engine::kubectl` while it is being written: a condensed `printPod`
/// (kubelet-semantics §7.1). Delete once the engine's version lands.
mod fallback {
    use podlife_engine::{ContainerKind, ContainerState, ContainerStatus, KubectlColumns, Time, Timeline};

    pub fn human_duration(d: f64) -> String {
        let s = d.floor() as i64;
        if s < -1 {
            return "<invalid>".into();
        }
        let s = s.max(0);
        if s < 120 {
            return format!("{s}s");
        }
        let m = s / 60;
        if s < 600 {
            return if s % 60 == 0 { format!("{m}m") } else { format!("{m}m{}s", s % 60) };
        }
        if s < 3 * 3600 {
            return format!("{m}m");
        }
        let h = s / 3600;
        if s < 8 * 3600 {
            return if m % 60 == 0 { format!("{h}h") } else { format!("{h}h{}m", m % 60) };
        }
        format!("{h}h")
    }

    fn last_finished(c: &ContainerStatus) -> Option<Time> {
        match &c.last_state {
            Some(ContainerState::Terminated { finished_at, .. }) => Some(*finished_at),
            _ => None,
        }
    }

    fn latest(a: Option<Time>, b: Option<Time>) -> Option<Time> {
        match (a, b) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    pub fn columns_at(tl: &Timeline, t: Time) -> KubectlColumns {
        let name = tl.pod.name.clone();
        let age = human_duration(t);
        let Some(st) = tl.snapshot_at(t) else {
            return KubectlColumns { name, ready: "0/0".into(), status: "Pending".into(), restarts: "0".into(), age };
        };
        let total = tl
            .containers
            .iter()
            .filter(|c| matches!(c.kind, ContainerKind::Regular | ContainerKind::Sidecar))
            .count();
        let mut ready = 0;
        let mut restarts = 0u32;
        let mut last_term: Option<Time> = None;
        let mut reason = st.reason.clone().unwrap_or_else(|| st.phase.clone());
        let n_init = st.init_container_statuses.len();
        let mut initializing = false;
        for (i, c) in st.init_container_statuses.iter().enumerate() {
            restarts += c.restart_count;
            last_term = latest(last_term, last_finished(c));
            match &c.state {
                ContainerState::Terminated { exit_code: 0, .. } => continue,
                ContainerState::Terminated { reason: r, exit_code, .. } => {
                    reason = if r.is_empty() { format!("Init:ExitCode:{exit_code}") } else { format!("Init:{r}") };
                }
                ContainerState::Waiting { reason: r, .. } if !r.is_empty() && r != "PodInitializing" => {
                    reason = format!("Init:{r}");
                }
                _ => reason = format!("Init:{i}/{n_init}"),
            }
            initializing = true;
            break;
        }
        if !initializing {
            let mut has_running = false;
            for c in st.container_statuses.iter().rev() {
                restarts += c.restart_count;
                last_term = latest(last_term, last_finished(c));
                match &c.state {
                    ContainerState::Waiting { reason: r, .. } if !r.is_empty() => reason = r.clone(),
                    ContainerState::Terminated { reason: r, exit_code, .. } => {
                        reason = if r.is_empty() { format!("ExitCode:{exit_code}") } else { r.clone() }
                    }
                    ContainerState::Running { .. } => {
                        has_running = true;
                        if c.ready {
                            ready += 1;
                        }
                    }
                    _ => {}
                }
            }
            if reason == "Completed" && has_running {
                let pod_ready = st.conditions.iter().any(|c| c.condition_type == "Ready" && c.status == "True");
                reason = if pod_ready { "Running".into() } else { "NotReady".into() };
            }
        }
        if tl.pod.deleted_at.is_some_and(|d| t >= d) && st.phase != "Succeeded" && st.phase != "Failed" {
            reason = "Terminating".into();
        }
        let restarts = match last_term {
            Some(f) if restarts > 0 => format!("{restarts} ({} ago)", human_duration(t - f)),
            _ => restarts.to_string(),
        };
        KubectlColumns { name, ready: format!("{ready}/{total}"), status: reason, restarts, age }
    }

    /// tabwriter-style columns: each cell padded to its column's width plus 3 spaces.
    pub fn table<const N: usize>(rows: &[[&str; N]]) -> String {
        let mut widths = [0usize; N];
        for r in rows {
            for (i, c) in r.iter().enumerate() {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
        rows.iter()
            .map(|r| {
                let mut line = String::new();
                for (i, c) in r.iter().enumerate() {
                    line.push_str(c);
                    if i + 1 < N {
                        line.push_str(&" ".repeat(widths[i] - c.chars().count() + 3));
                    }
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    #[test]
    fn table_at_points_of_the_docs_walkthrough() {
        let tl = fixture::liveness_exec();
        let t0 = get_table(&tl, 0.5);
        assert!(t0.starts_with("NAME            READY   STATUS              RESTARTS   AGE\n"), "{t0}");
        assert!(t0.contains("liveness-exec   0/1     ContainerCreating   0          0s"), "{t0}");
        let t1 = get_table(&tl, 77.0);
        assert!(t1.contains("1/1     Running   1 (1s ago)"), "{t1}");
    }
}
