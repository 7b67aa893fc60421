//! `kubectl logs POD [-c CONTAINER] [--previous]` at an instant: what the container's current (or
//! previous) run had printed by then, stdout and stderr interleaved as the runtime's log file
//! holds them (`staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go`; the kubelet serves
//! `/containerLogs` from the CRI log of the newest instance, or the one before with `previous`,
//! `pkg/kubelet/kubelet_pods.go` `GetKubeletContainerLogs`).
//!
//! rule: kubectl-logs

use crate::timeline::{ContainerKind, Time, Timeline};

/// What `kubectl logs` prints: `Ok(text)` on stdout, with an optional notice on stderr, or
/// `Err(message)` as kubectl reports it (on stderr, exit code 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Logs {
    pub text: String,
    /// `Defaulted container "a" out of: a, b` when no container was named.
    pub notice: Option<String>,
}

pub fn logs(
    tl: &Timeline,
    container: Option<&str>,
    previous: bool,
    at: Time,
) -> Result<Logs, String> {
    let pod = &tl.pod.name;
    if tl.pod.removed_at.is_some_and(|r| r <= at) {
        return Err(format!(
            "Error from server (NotFound): pods \"{pod}\" not found"
        ));
    }
    let mut notice = None;
    let name = match container {
        Some(c) => c.to_string(),
        None => {
            // kubectl picks the `kubectl.kubernetes.io/default-container` or the first
            // container, and says so when there is more than one (`logs.go` `ToLogOptions`).
            let names: Vec<&str> = tl
                .containers
                .iter()
                .filter(|c| matches!(c.kind, ContainerKind::Regular))
                .map(|c| c.name.as_str())
                .collect();
            let first = names.first().copied().unwrap_or("");
            let all: Vec<&str> = tl
                .containers
                .iter()
                .filter(|c| !matches!(c.kind, ContainerKind::Ephemeral))
                .map(|c| c.name.as_str())
                .collect();
            if all.len() > 1 {
                notice = Some(format!(
                    "Defaulted container \"{first}\" out of: {}",
                    all.join(", ")
                ));
            }
            first.to_string()
        }
    };
    let Some(track) = tl.containers.iter().find(|c| c.name == name) else {
        return Err(format!(
            "error: container {name} is not valid for pod {pod}"
        ));
    };
    let runs: Vec<_> = track.runs.iter().filter(|r| r.started <= at).collect();
    let run = if previous {
        match runs.len() {
            0 | 1 => {
                return Err(format!(
                    "Error from server (BadRequest): previous terminated container \"{name}\" in pod \"{pod}\" not found"
                ))
            }
            n => runs[n - 2],
        }
    } else {
        match runs.last() {
            Some(r) => *r,
            None => {
                let reason = if track.pulls.iter().any(|p| p.start <= at) || track.runs.is_empty() {
                    "ContainerCreating"
                } else {
                    "PodInitializing"
                };
                return Err(format!(
                    "Error from server (BadRequest): container \"{name}\" in pod \"{pod}\" is waiting to start: {reason}"
                ));
            }
        }
    };
    let text = run
        .logs
        .iter()
        .filter(|c| c.t <= at)
        .map(|c| c.text.as_str())
        .collect();
    Ok(Logs { text, notice })
}
