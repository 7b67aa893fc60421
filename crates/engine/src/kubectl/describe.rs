//! `kubectl describe pod` at an instant.
//!
//! Port of `staging/src/k8s.io/kubectl/pkg/describe/describe.go` `describePod`,
//! `describeContainers` (`describeContainerBasicInfo`, `describeContainerCommand`,
//! `describeContainerState`, `describeStatus`, `describeContainerProbe`), `printLabelsMultiline`
//! and `DescribeEvents`, laid out by Go's tabwriter as `tabbedString` configures it.
//!
//! Sections podlife has no data for are left out: Container ID / Image ID, resources,
//! Environment, Mounts, Volumes, QoS Class, Node-Selectors, Tolerations, Controlled By.

use super::events::{correlate_events, AggregatedEvent};
use super::tabwriter::KUBECTL_DESCRIBE;
use super::time::format_time;
use super::{initial_status, since};
use crate::timeline::{
    ContainerDescribe, ContainerKind, ContainerState, ContainerStatus, PodStatus, Timeline,
};
use std::fmt::Write;

/// The node's `status.hostIP` shown in `Node: <node>/<hostIP>` (a fixed, documented value).
pub const HOST_IP: &str = "192.168.49.2";

/// Options of [`describe_with`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DescribeOptions {
    /// Apply client-go's per-pod event spam filter (token bucket, burst 25, one event per 300 s
    /// afterwards; `events_cache.go` `EventSourceObjectSpamFilter`). On by default, as in every
    /// real kubelet; turn off to see every emission reflected immediately.
    pub spam_filter: bool,
}

impl Default for DescribeOptions {
    fn default() -> Self {
        DescribeOptions { spam_filter: true }
    }
}

/// `kubectl describe pod <name>` at `t` with the default options.
pub fn describe(tl: &Timeline, t: f64) -> String {
    describe_with(tl, t, &DescribeOptions::default())
}

/// `describe.go` `PrefixWriter.Write`: two spaces per level.
fn w(out: &mut String, level: usize, text: &str) {
    for _ in 0..level {
        out.push_str("  ");
    }
    out.push_str(text);
}

/// `printLabelsMultilineWithIndent` (title, then one `key=value` per line, `<none>` if empty).
fn labels_multiline(out: &mut String, title: &str, labels: &[(String, String)]) {
    let _ = write!(out, "{title}:\t");
    if labels.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    let mut sorted: Vec<&(String, String)> = labels.iter().collect();
    sorted.sort();
    for (i, (k, v)) in sorted.into_iter().enumerate() {
        if i != 0 {
            out.push('\t');
        }
        let _ = writeln!(out, "{k}={v}");
    }
}

/// `describeStatus`.
fn describe_state(out: &mut String, name: &str, state: &ContainerState) {
    match state {
        ContainerState::Running { started_at } => {
            w(out, 2, &format!("{name}:\tRunning\n"));
            w(out, 3, &format!("Started:\t{}\n", format_time(*started_at)));
        }
        ContainerState::Waiting { reason, .. } => {
            w(out, 2, &format!("{name}:\tWaiting\n"));
            if !reason.is_empty() {
                w(out, 3, &format!("Reason:\t{reason}\n"));
            }
        }
        ContainerState::Terminated {
            exit_code,
            reason,
            signal,
            started_at,
            finished_at,
        } => {
            w(out, 2, &format!("{name}:\tTerminated\n"));
            if !reason.is_empty() {
                w(out, 3, &format!("Reason:\t{reason}\n"));
            }
            w(out, 3, &format!("Exit Code:\t{exit_code}\n"));
            if let Some(s) = signal.filter(|s| *s > 0) {
                w(out, 3, &format!("Signal:\t{s}\n"));
            }
            w(out, 3, &format!("Started:\t{}\n", format_time(*started_at)));
            w(
                out,
                3,
                &format!("Finished:\t{}\n", format_time(*finished_at)),
            );
        }
    }
}

/// `describeContainers` for one section.
fn describe_containers(
    out: &mut String,
    label: &str,
    specs: &[&ContainerDescribe],
    statuses: &[ContainerStatus],
) {
    let none = if specs.is_empty() { " <none>" } else { "" };
    let _ = writeln!(out, "{label}:{none}");
    for c in specs {
        let status = statuses.iter().find(|s| s.name == c.name);
        // describeContainerBasicInfo (Container ID / Image ID omitted: podlife has none).
        w(out, 1, &format!("{}:\n", c.name));
        w(out, 2, &format!("Image:\t{}\n", c.image));
        let ports = c.ports.join(", ");
        let host_ports = c
            .ports
            .iter()
            .map(|p| match p.split_once('/') {
                Some((_, proto)) => format!("0/{proto}"),
                None => "0".to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let or_none = |s: String| {
            if s.is_empty() {
                "<none>".to_string()
            } else {
                s
            }
        };
        if ports.contains(',') {
            w(out, 2, &format!("Ports:\t{ports}\n"));
            w(out, 2, &format!("Host Ports:\t{host_ports}\n"));
        } else {
            w(out, 2, &format!("Port:\t{}\n", or_none(ports)));
            w(out, 2, &format!("Host Port:\t{}\n", or_none(host_ports)));
        }
        // describeContainerCommand
        if !c.command.is_empty() {
            w(out, 2, "Command:\n");
            for line in c.command.iter().flat_map(|s| s.split('\n')) {
                w(out, 3, &format!("{line}\n"));
            }
        }
        if !c.args.is_empty() {
            w(out, 2, "Args:\n");
            for line in c.args.iter().flat_map(|s| s.split('\n')) {
                w(out, 3, &format!("{line}\n"));
            }
        }
        // describeContainerState
        if let Some(s) = status {
            describe_state(out, "State", &s.state);
            if let Some(last @ ContainerState::Terminated { .. }) = &s.last_state {
                describe_state(out, "Last State", last);
            }
            w(
                out,
                2,
                &format!("Ready:\t{}\n", if s.ready { "True" } else { "False" }),
            );
            w(out, 2, &format!("Restart Count:\t{}\n", s.restart_count));
        }
        // describeContainerProbe: Liveness, Readiness, Startup in that order.
        let mut probes = c.probes.clone();
        probes.sort_by_key(|(ty, _)| match ty {
            crate::timeline::ProbeType::Liveness => 0,
            crate::timeline::ProbeType::Readiness => 1,
            crate::timeline::ProbeType::Startup => 2,
        });
        for (ty, text) in probes {
            w(out, 2, &format!("{}:\t{text}\n", ty.title()));
        }
    }
}

/// `DescribeEvents` (events already correlated; sorted by last timestamp, stable).
fn describe_events(events: &[AggregatedEvent], t: f64) -> String {
    let mut out = String::new();
    out.push_str("Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w(&mut out, 1, "----\t------\t----\t----\t-------\n");
    let mut sorted: Vec<&AggregatedEvent> = events.iter().collect();
    sorted.sort_by(|a, b| a.last.total_cmp(&b.last));
    for e in sorted {
        let interval = if e.count > 1 {
            format!(
                "{} (x{} over {})",
                since(t, e.last),
                e.count,
                since(t, e.first)
            )
        } else {
            since(t, e.first)
        };
        w(
            &mut out,
            1,
            &format!(
                "{}\t{}\t{}\t{}\t{}\n",
                e.event_type,
                e.reason,
                interval,
                e.source,
                e.message.trim()
            ),
        );
    }
    KUBECTL_DESCRIBE.format(&out)
}

/// `kubectl describe pod <name>` at `t` (`describe.go` `describePod`).
///
/// Only what the API shows at `t`: the last published status, the deletion timestamp once the
/// delete request happened, and the Event objects as the client-go correlator left them
/// ([`correlate_events`]). After removal: the `NotFound` error kubectl prints.
pub fn describe_with(tl: &Timeline, t: f64, opts: &DescribeOptions) -> String {
    let pod = &tl.pod;
    if tl.removed_at(t) {
        return format!(
            "Error from server (NotFound): pods \"{}\" not found\n",
            pod.name
        );
    }
    let snapshot = tl.snapshot_at(t);
    let status: PodStatus = snapshot.cloned().unwrap_or_else(initial_status);
    let deleting = matches!(pod.deleted_at, Some(d) if t >= d) && pod.deletion_timestamp.is_some();

    let mut out = String::new();
    let _ = writeln!(out, "Name:\t{}", pod.name);
    let _ = writeln!(out, "Namespace:\t{}", pod.namespace);
    // Set by the Priority admission plugin (no priorityClassName → 0).
    out.push_str("Priority:\t0\n");
    // Set by the ServiceAccount admission plugin.
    out.push_str("Service Account:\tdefault\n");
    if pod.node.is_empty() {
        out.push_str("Node:\t<none>\n");
    } else {
        // hostIP is written by the kubelet's first status update.
        let host_ip = if snapshot.is_some() { HOST_IP } else { "" };
        let _ = writeln!(out, "Node:\t{}/{}", pod.node, host_ip);
    }
    if let Some(st) = status.start_time {
        let _ = writeln!(out, "Start Time:\t{}", format_time(st));
    }
    labels_multiline(&mut out, "Labels", &pod.labels);
    out.push_str("Annotations:\t<none>\n");
    let terminal = status.phase == "Failed" || status.phase == "Succeeded";
    if deleting && !terminal {
        let dt = pod.deletion_timestamp.unwrap_or(t);
        let _ = writeln!(out, "Status:\tTerminating (lasts {})", since(t, dt));
        let grace = pod
            .deletion_grace_period_seconds
            .unwrap_or(pod.termination_grace_period_seconds);
        let _ = writeln!(out, "Termination Grace Period:\t{grace}s");
    } else {
        let _ = writeln!(out, "Status:\t{}", status.phase);
    }
    if let Some(r) = status.reason.as_deref().filter(|r| !r.is_empty()) {
        let _ = writeln!(out, "Reason:\t{r}");
    }
    if let Some(m) = status.message.as_deref().filter(|m| !m.is_empty()) {
        let _ = writeln!(out, "Message:\t{m}");
    }
    // podIP is published once the sandbox has its network.
    let has_ip = snapshot.is_some()
        && (status
            .conditions
            .iter()
            .any(|c| c.condition_type == "PodReadyToStartContainers" && c.status == "True")
            || status
                .container_statuses
                .iter()
                .chain(&status.init_container_statuses)
                .any(|c| {
                    !matches!(c.state, ContainerState::Waiting { .. }) || c.last_state.is_some()
                }));
    let ip = if has_ip { pod.pod_ip.as_str() } else { "" };
    let _ = writeln!(out, "IP:\t{ip}");
    if ip.is_empty() {
        out.push_str("IPs:\t<none>\n");
    } else {
        out.push_str("IPs:\n");
        w(&mut out, 1, &format!("IP:\t{ip}\n"));
    }

    let of_kind = |kinds: &[ContainerKind]| {
        pod.describe
            .iter()
            .filter(|c| kinds.contains(&c.kind))
            .collect::<Vec<_>>()
    };
    let inits = of_kind(&[ContainerKind::Init, ContainerKind::Sidecar]);
    if !inits.is_empty() {
        describe_containers(
            &mut out,
            "Init Containers",
            &inits,
            &status.init_container_statuses,
        );
    }
    describe_containers(
        &mut out,
        "Containers",
        &of_kind(&[ContainerKind::Regular]),
        &status.container_statuses,
    );
    // Ephemeral containers are in the spec only once added (`kubectl debug`).
    let ephemeral: Vec<&ContainerDescribe> = of_kind(&[ContainerKind::Ephemeral])
        .into_iter()
        .filter(|c| {
            status
                .ephemeral_container_statuses
                .iter()
                .any(|s| s.name == c.name)
        })
        .collect();
    if !ephemeral.is_empty() {
        describe_containers(
            &mut out,
            "Ephemeral Containers",
            &ephemeral,
            &status.ephemeral_container_statuses,
        );
    }
    if !status.conditions.is_empty() {
        out.push_str("Conditions:\n  Type\tStatus\n");
        for c in &status.conditions {
            w(
                &mut out,
                1,
                &format!("{} \t{} \n", c.condition_type, c.status),
            );
        }
    }

    let events = correlate_events(&tl.events, t, opts.spam_filter);
    if events.is_empty() {
        out.push_str("Events:\t<none>\n");
        return KUBECTL_DESCRIBE.format(&out);
    }
    // `w.Flush()` before the events table: it is aligned on its own.
    let mut s = KUBECTL_DESCRIBE.format(&out);
    s.push_str(&describe_events(&events, t));
    s
}
