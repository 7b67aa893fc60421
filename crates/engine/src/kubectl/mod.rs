//! kubectl renderings of a [`Timeline`](crate::Timeline): `get` columns and table, `get -w`
//! lines, `describe`, the `status:` part of `get -o yaml`, and the client-go event correlation
//! `describe` shows.
//!
//! Everything here is a pure function of the timeline and an instant `t` (seconds since pod
//! creation). The API stores timestamps with one-second precision (`metav1.Time` marshals as
//! RFC 3339 without fractions), so every timestamp other than "now" is truncated to a whole
//! second before an age is computed ([`api_time`]); `creationTimestamp` is t = 0 exactly.

mod describe;
mod events;
mod logs;
pub mod quantity;
pub mod stored;
pub mod tabwriter;
mod time;
mod yaml;

pub use describe::{describe, describe_with, DescribeOptions, HOST_IP};
pub use events::{correlate_events, AggregatedEvent};
pub use logs::{logs, Logs};
pub use time::{format_rfc3339, format_time, CREATION_EPOCH};
pub use yaml::status_yaml;

use crate::time::Duration;
use crate::timeline::{
    ContainerKind, ContainerState, ContainerStatus, KubectlColumns, Phase, PodInfo, PodStatus,
    StatusAt, Time, Timeline,
};

/// A timestamp as the API stores it: truncated to the whole second (`metav1.Time` has second
/// precision on the wire). `staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/time.go`
/// `Time.MarshalJSON` (RFC 3339, no fractional seconds).
pub fn api_time(t: Time) -> Time {
    Time::from_secs(t.floor_secs())
}

/// `HumanDuration` from `staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go`.
///
/// rule: kubectl-human-duration
///
/// The duration is truncated to whole seconds (Go: `int(d.Seconds())`); up to one second in the
/// future is tolerated as `0s`, further in the future is `<invalid>`.
pub fn human_duration(d: Duration) -> String {
    if !d.is_finite() || !(-d).is_finite() {
        return "<invalid>".to_string();
    }
    // Go truncates toward zero.
    let s = d.as_ms() / 1000;
    if s < -1 {
        return "<invalid>".to_string();
    } else if s < 0 {
        return "0s".to_string();
    } else if s < 60 * 2 {
        return format!("{s}s");
    }
    let minutes = s / 60;
    if minutes < 10 {
        let sec = s % 60;
        if sec == 0 {
            return format!("{minutes}m");
        }
        return format!("{minutes}m{sec}s");
    } else if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = s / 3600;
    if hours < 8 {
        let m = minutes % 60;
        if m == 0 {
            return format!("{hours}h");
        }
        return format!("{hours}h{m}m");
    } else if hours < 48 {
        return format!("{hours}h");
    } else if hours < 24 * 8 {
        let h = hours % 24;
        if h == 0 {
            return format!("{}d", hours / 24);
        }
        return format!("{}d{}h", hours / 24, h);
    } else if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    } else if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        if dy == 0 {
            return format!("{}y", hours / 24 / 365);
        }
        return format!("{}y{}d", hours / 24 / 365, dy);
    }
    format!("{}y", hours / 24 / 365)
}

/// `translateTimestampSince` (printers.go / describe.go): the age of an API timestamp at `now`.
pub fn since(now: Time, timestamp: Time) -> String {
    human_duration(now - api_time(timestamp))
}

/// Whether the named init container is restartable (a sidecar), from the static pod info.
/// `pkg/api/v1/pod/util.go` `IsRestartableInitContainer`.
fn is_sidecar(pod: &PodInfo, name: &str) -> bool {
    pod.describe
        .iter()
        .any(|c| c.kind == ContainerKind::Sidecar && c.name == name)
}

fn last_terminated_finish(c: &ContainerStatus) -> Option<Time> {
    match &c.last_state {
        Some(ContainerState::Terminated { finished_at, .. }) => Some(api_time(*finished_at)),
        _ => None,
    }
}

/// `lastRestartDate.Before(&terminatedDate)` with the zero time as `None`.
fn later(cur: Option<Time>, cand: Option<Time>) -> Option<Time> {
    match (cur, cand) {
        (Some(a), Some(b)) if b > a => Some(b),
        (None, b) => b,
        (a, _) => a,
    }
}

/// The READY / STATUS / RESTARTS / AGE columns of `kubectl get pod` at `t`.
///
/// Port of `pkg/printers/internalversion/printers.go` `printPod` (server-side Table printer,
/// 1.29+ with restartable init containers): init statuses walked in order (`Init:<i>/<N>`,
/// `Init:<reason>`), then — unless initializing and `Initialized` is not True — sidecar
/// restarts plus regular container statuses walked last-to-first (they are sorted by name), the
/// `Completed` + running → `Running`/`NotReady` rule, and `Terminating` when a deletion
/// timestamp is set and the phase is not terminal. The deletion timestamp is visible only at
/// `t >= pod.deleted_at`.
///
/// rule: kubectl-get-columns
pub fn columns(status: &PodStatus, pod: &PodInfo, t: Time) -> KubectlColumns {
    let n_init_spec = pod
        .describe
        .iter()
        .filter(|c| matches!(c.kind, ContainerKind::Init | ContainerKind::Sidecar))
        .count();
    let n_regular_spec = pod
        .describe
        .iter()
        .filter(|c| c.kind == ContainerKind::Regular)
        .count();
    let n_sidecar_spec = pod
        .describe
        .iter()
        .filter(|c| c.kind == ContainerKind::Sidecar)
        .count();
    // Fall back to the statuses when the static info has no container list.
    let n_init = if pod.describe.is_empty() {
        status.init_container_statuses.len()
    } else {
        n_init_spec
    };
    let total = if pod.describe.is_empty() {
        status.container_statuses.len()
    } else {
        n_regular_spec + n_sidecar_spec
    };

    let mut restarts: u64 = 0;
    let mut sidecar_restarts: u64 = 0;
    let mut ready = 0usize;
    let mut last_restart: Option<Time> = None;
    let mut last_sidecar_restart: Option<Time> = None;

    let mut reason = status
        .reason
        .clone()
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| status.phase.to_string());
    if status.conditions.iter().any(|c| {
        c.condition_type == "PodScheduled" && c.reason.as_deref() == Some("SchedulingGated")
    }) {
        reason = "SchedulingGated".to_string();
    }

    let mut initializing = false;
    for (i, c) in status.init_container_statuses.iter().enumerate() {
        restarts += c.restart_count as u64;
        last_restart = later(last_restart, last_terminated_finish(c));
        let sidecar = is_sidecar(pod, &c.name);
        if sidecar {
            sidecar_restarts += c.restart_count as u64;
            last_sidecar_restart = later(last_sidecar_restart, last_terminated_finish(c));
        }
        match &c.state {
            ContainerState::Terminated { exit_code: 0, .. } => continue,
            _ if sidecar && c.started => {
                if c.ready {
                    ready += 1;
                }
                continue;
            }
            ContainerState::Terminated {
                exit_code,
                reason: r,
                signal,
                ..
            } => {
                reason = if r.is_empty() {
                    match signal {
                        Some(s) if *s != 0 => format!("Init:Signal:{s}"),
                        _ => format!("Init:ExitCode:{exit_code}"),
                    }
                } else {
                    format!("Init:{r}")
                };
            }
            ContainerState::Waiting { reason: r, .. }
                if !r.is_empty() && r != "PodInitializing" =>
            {
                reason = format!("Init:{r}");
            }
            _ => reason = format!("Init:{i}/{n_init}"),
        }
        initializing = true;
        break;
    }

    let initialized = status
        .conditions
        .iter()
        .any(|c| c.condition_type == "Initialized" && c.status == "True");
    if !initializing || initialized {
        restarts = sidecar_restarts;
        last_restart = last_sidecar_restart;
        let mut has_running = false;
        for c in status.container_statuses.iter().rev() {
            restarts += c.restart_count as u64;
            last_restart = later(last_restart, last_terminated_finish(c));
            match &c.state {
                ContainerState::Waiting { reason: r, .. } if !r.is_empty() => reason = r.clone(),
                ContainerState::Terminated { reason: r, .. } if !r.is_empty() => reason = r.clone(),
                ContainerState::Terminated {
                    exit_code, signal, ..
                } => {
                    reason = match signal {
                        Some(s) if *s != 0 => format!("Signal:{s}"),
                        _ => format!("ExitCode:{exit_code}"),
                    }
                }
                ContainerState::Running { .. } if c.ready => {
                    has_running = true;
                    ready += 1;
                }
                _ => {}
            }
        }
        if reason == "Completed" && has_running {
            let pod_ready = status
                .conditions
                .iter()
                .any(|c| c.condition_type == "Ready" && c.status == "True");
            reason = if pod_ready { "Running" } else { "NotReady" }.to_string();
        }
    }

    let mut deleting =
        pod.deletion_timestamp.is_some() && matches!(pod.deleted_at, Some(d) if t >= d);
    // A static pod's mirror: Terminating from its DELETE until the kubelet re-creates it; the
    // re-created object is new (its AGE starts again).
    let mut created = pod.created_at;
    for &(_, r) in pod.mirror_recreated.iter().filter(|(d, _)| *d <= t) {
        if t < r {
            deleting = true;
        } else {
            created = r;
        }
    }
    if deleting && status.reason.as_deref() == Some("NodeLost") {
        reason = "Unknown".to_string();
    } else if deleting && !status.phase.is_terminal() {
        reason = "Terminating".to_string();
    }

    let restarts_str = match last_restart {
        Some(d) if restarts != 0 => format!("{restarts} ({} ago)", since(t, d)),
        _ => restarts.to_string(),
    };

    KubectlColumns {
        name: pod.name.clone(),
        ready: format!("{ready}/{total}"),
        status: reason,
        restarts: restarts_str,
        age: since(t, created),
    }
}

/// The status before the first published snapshot: a freshly created pod (`phase: Pending`).
pub fn initial_status() -> PodStatus {
    PodStatus {
        phase: Phase::Pending,
        reason: None,
        message: None,
        conditions: vec![],
        init_container_statuses: vec![],
        container_statuses: vec![],
        ephemeral_container_statuses: vec![],
        start_time: None,
        observed_generation: None,
    }
}

/// The observable pod at `t`: published status, removal, deletion timestamp and kubectl columns.
pub fn status_at(tl: &Timeline, t: Time) -> StatusAt {
    let status = tl.snapshot_at(t).cloned().unwrap_or_else(initial_status);
    let deletion_timestamp = match tl.pod.deleted_at {
        Some(d) if t >= d => tl.pod.deletion_timestamp,
        _ => None,
    };
    let kubectl = columns(&status, &tl.pod, t);
    StatusAt {
        t,
        removed: tl.removed_at(t),
        status,
        deletion_timestamp,
        kubectl,
    }
}

const GET_HEADER: [&str; 5] = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"];

fn cells(c: &KubectlColumns) -> Vec<String> {
    vec![
        c.name.clone(),
        c.ready.clone(),
        c.status.clone(),
        c.restarts.clone(),
        c.age.clone(),
    ]
}

fn not_found(tl: &Timeline) -> String {
    format!(
        "Error from server (NotFound): pods \"{}\" not found",
        tl.pod.name
    )
}

/// The pod objects in the API at `t`: the pasted pod until it is removed, then (for a
/// controller-managed pod that was deleted) the replacement its controller created, from its
/// creation on — each with its own name, age and events.
///
/// rule: controller-replacement
pub fn pods_at(tl: &Timeline, t: Time) -> Vec<&Timeline> {
    let mut out = vec![];
    let mut next = Some(tl);
    while let Some(p) = next {
        if p.pod.created_at <= t && !p.removed_at(t) {
            out.push(p);
        }
        next = p.replacement.as_deref();
    }
    out
}

/// `kubectl get pod <name>` at `t` (header + one row, aligned by kubectl's tabwriter: minimum
/// width 6, padding 3 — `staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go`). After the
/// object is removed from the API: `Error from server (NotFound): pods "<name>" not found` —
/// unless its controller replaced it: then the pods that exist (`kubectl get pods`), one row
/// each. No trailing newline.
pub fn get_table(tl: &Timeline, t: Time) -> String {
    let pods = pods_at(tl, t);
    if pods.is_empty() {
        return not_found(tl);
    }
    let mut rows = vec![GET_HEADER.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    rows.extend(pods.iter().map(|p| cells(&status_at(p, t).kubectl)));
    let tw = tabwriter::KUBECTL_GET;
    let w = tw.table_widths(&rows, &[]);
    rows.iter()
        .map(|r| tw.row(r, &w))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `kubectl get pod <name> -o wide` at `t`: the five columns, then IP, NODE, NOMINATED NODE and
/// READINESS GATES (`pkg/printers/internalversion/printers.go` `printPod` with `options.Wide`:
/// `<none>` for an empty IP, node or nominated node; `<none>` without `spec.readinessGates`, else
/// `trueConditions/len(readinessGates)`).
///
/// rule: kubectl-get-columns
pub fn get_table_wide(tl: &Timeline, t: Time) -> String {
    if tl.removed_at(t) {
        return not_found(tl);
    }
    let s = status_at(tl, t);
    let snapshot = tl.snapshot_at(t);
    let none = |v: &str| {
        if v.is_empty() {
            "<none>".to_string()
        } else {
            v.to_string()
        }
    };
    let ip = none(describe::pod_ip_at(&tl.pod, snapshot));
    let gates: Vec<&str> = tl
        .pod
        .object
        .spec
        .as_ref()
        .and_then(|s| s.readiness_gates.as_ref())
        .map(|g| g.iter().map(|g| g.condition_type.as_str()).collect())
        .unwrap_or_default();
    let readiness = if gates.is_empty() {
        "<none>".to_string()
    } else {
        let ok = gates
            .iter()
            .filter(|ty| {
                snapshot.is_some_and(|st| {
                    st.conditions
                        .iter()
                        .any(|c| c.condition_type == **ty && c.status == "True")
                })
            })
            .count();
        format!("{ok}/{}", gates.len())
    };
    let mut header: Vec<String> = GET_HEADER.iter().map(|s| s.to_string()).collect();
    header.extend(["IP", "NODE", "NOMINATED NODE", "READINESS GATES"].map(String::from));
    let mut row = cells(&s.kubectl);
    row.extend([ip, none(&tl.pod.node), "<none>".to_string(), readiness]);
    let rows = vec![header, row];
    let tw = tabwriter::KUBECTL_GET;
    let w = tw.table_widths(&rows, &[]);
    format!("{}\n{}", tw.row(&rows[0], &w), tw.row(&rows[1], &w))
}

/// The part of a row that `get -w` compares: everything but AGE and the "(5s ago)" suffix.
fn watch_key(c: &KubectlColumns) -> (String, String, String) {
    let restarts = c.restarts.split(' ').next().unwrap_or("").to_string();
    (c.ready.clone(), c.status.clone(), restarts)
}

/// The lines `kubectl get pod -w` prints from t = 0 up to `until`, each with the instant it is
/// printed. The first entry is the header (printed with the first row at t = 0). A row is printed
/// whenever READY, STATUS or the restart count change at a published status, deletion or
/// removal instant; the object's DELETED watch event prints its last row once more. Columns are
/// aligned with widths remembered across lines (`github.com/liggitt/tabwriter`
/// `RememberWidths`, as kubectl's `GetNewTabWriter` sets), so a later, wider cell widens only
/// its own and later lines.
pub fn get_watch(tl: &Timeline, until: Time) -> Vec<(Time, String)> {
    let mut instants: Vec<Time> = vec![Time::ZERO];
    instants.extend(tl.snapshots.iter().map(|s| s.t));
    if let Some(d) = tl.pod.deleted_at {
        instants.push(d);
    }
    instants.retain(|x| *x >= Time::ZERO && *x <= until);
    instants.sort();
    instants.dedup();

    let mut rows: Vec<(Time, KubectlColumns)> = vec![];
    let mut last_key = None;
    for &ti in &instants {
        if tl.removed_at(ti) {
            break;
        }
        let c = status_at(tl, ti).kubectl;
        let key = watch_key(&c);
        if last_key.as_ref() != Some(&key) {
            last_key = Some(key);
            rows.push((ti, c));
        }
    }
    if let Some(r) = tl.pod.removed_at {
        if r <= until && r >= Time::ZERO {
            // DELETED event: the last state of the object, printed at removal.
            let just_before = tl
                .snapshots
                .iter()
                .rfind(|s| s.t <= r)
                .map(|s| s.status.clone())
                .unwrap_or_else(initial_status);
            rows.push((r, columns(&just_before, &tl.pod, r)));
        }
    }

    let tw = tabwriter::KUBECTL_GET;
    let header: Vec<String> = GET_HEADER.iter().map(|s| s.to_string()).collect();
    let mut out = vec![];
    let mut widths: Vec<usize> = vec![];
    for (i, (ti, c)) in rows.iter().enumerate() {
        let row = cells(c);
        if i == 0 {
            widths = tw.table_widths(&[header.clone(), row.clone()], &widths);
            out.push((*ti, tw.row(&header, &widths)));
        } else {
            widths = tw.table_widths(std::slice::from_ref(&row), &widths);
        }
        out.push((*ti, tw.row(&row, &widths)));
    }
    out
}

#[cfg(test)]
mod tests;
