//! `kubectl describe pod` at an instant.
//!
//! Port of `staging/src/k8s.io/kubectl/pkg/describe/describe.go` `describePod`,
//! `describeContainers` (`describeContainerBasicInfo`, `describeContainerCommand`,
//! `describeContainerState`, `describeStatus`, `describeContainerProbe`), `printLabelsMultiline`
//! and `DescribeEvents`, laid out by Go's tabwriter as `tabbedString` configures it.
//!
//! rule: kubectl-describe
//!
//! The spec-derived sections (`Controlled By`, container `Limits`/`Requests`, `Environment`,
//! `Mounts`, `Volumes`, `QoS Class`, `Node-Selectors`, `Tolerations`, `Annotations`) read the pod
//! as the API server stores it, admission included ([`super::stored`]). Container and image IDs
//! are deterministic stand-ins ([`super::stored::status_ids`]). Not shown: topology spread
//! constraints, readiness gates, seccomp profiles, volume devices.

use super::events::{correlate_events, AggregatedEvent};
use super::quantity::Quantity;
use super::stored::{resource_lines, status_ids, stored, StoredPod};
use super::tabwriter::KUBECTL_DESCRIBE;
use super::time::format_time;
use super::{initial_status, since};
use crate::timeline::{
    ContainerDescribe, ContainerKind, ContainerState, ContainerStatus, PodInfo, PodStatus, Time,
    Timeline,
};
use k8s_openapi::api::core::v1::{Container, EnvVar, ResourceRequirements, Toleration, Volume};
use std::collections::BTreeMap;
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
///
/// A controller-managed pod that was replaced: once the pasted pod is gone (or alongside it) the
/// pods that exist at `t` are described, each as `kubectl describe pod <name>` prints it,
/// separated by a blank line as `kubectl describe pods` does.
pub fn describe(tl: &Timeline, t: Time) -> String {
    let pods = super::pods_at(tl, t);
    if pods.len() <= 1 {
        return describe_with(
            pods.first().copied().unwrap_or(tl),
            t,
            &DescribeOptions::default(),
        );
    }
    pods.iter()
        .map(|p| describe_with(p, t, &DescribeOptions::default()))
        .collect::<Vec<_>>()
        .join("\n\n")
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

/// `printAnnotationsMultiline`: sorted, `kubectl.kubernetes.io/last-applied-configuration`
/// skipped, long or multi-line values on their own lines (shortened to 138 characters).
fn annotations_multiline(out: &mut String, title: &str, annotations: &BTreeMap<String, String>) {
    const MAX: usize = 140;
    let _ = write!(out, "{title}:\t");
    let keys: Vec<&String> = annotations
        .keys()
        .filter(|k| k.as_str() != "kubectl.kubernetes.io/last-applied-configuration")
        .collect();
    if keys.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    for (i, key) in keys.into_iter().enumerate() {
        if i != 0 {
            out.push('\t');
        }
        let value = annotations[key]
            .strip_suffix('\n')
            .unwrap_or(&annotations[key]);
        if value.len() + key.len() + 2 > MAX || value.contains('\n') {
            let _ = writeln!(out, "{key}:");
            for line in value.split('\n') {
                let short = if line.len() > MAX - 2 {
                    let mut cut = MAX - 2;
                    while !line.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    format!("{}...", &line[..cut])
                } else {
                    line.to_string()
                };
                let _ = writeln!(out, "\t  {short}");
            }
        } else {
            let _ = writeln!(out, "{key}: {value}");
        }
    }
}

/// `printTolerationsMultilineWithIndent` (sorted by key; `sort.Slice` — stable here).
fn tolerations_multiline(out: &mut String, tolerations: &[Toleration]) {
    out.push_str("Tolerations:\t");
    if tolerations.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    let mut sorted: Vec<&Toleration> = tolerations.iter().collect();
    sorted.sort_by(|a, b| {
        a.key
            .as_deref()
            .unwrap_or("")
            .cmp(b.key.as_deref().unwrap_or(""))
    });
    for (i, t) in sorted.into_iter().enumerate() {
        if i != 0 {
            out.push('\t');
        }
        let key = t.key.as_deref().unwrap_or("");
        let value = t.value.as_deref().unwrap_or("");
        let effect = t.effect.as_deref().unwrap_or("");
        out.push_str(key);
        if !value.is_empty() {
            let _ = write!(out, "={value}");
        }
        if !effect.is_empty() {
            let _ = write!(out, ":{effect}");
        }
        if t.operator.as_deref() == Some("Exists") && value.is_empty() {
            out.push_str(if !key.is_empty() || !effect.is_empty() {
                " op=Exists"
            } else {
                "op=Exists"
            });
        }
        if let Some(s) = t.toleration_seconds {
            let _ = write!(out, " for {s}s");
        }
        out.push('\n');
    }
}

/// `describeResources` at `level`.
fn describe_resources(out: &mut String, r: Option<&ResourceRequirements>, level: usize) {
    let Some(r) = r else { return };
    for (title, list) in [
        ("Limits", r.limits.as_ref()),
        ("Requests", r.requests.as_ref()),
    ] {
        let lines = resource_lines(list);
        if !lines.is_empty() {
            w(out, level, &format!("{title}:\n"));
        }
        for (name, q) in lines {
            w(out, level + 1, &format!("{name}:\t{q}\n"));
        }
    }
}

/// `fieldpath.ExtractFieldPathAsString` for the fields a Pod supports, as `EnvValueRetriever`
/// resolves them for `describe` (against the object at `t`: pod IP and host IP once published).
fn field_value(pod: &PodInfo, st: &StoredPod, ips: &Ips, path: &str) -> String {
    let meta = &pod.object.metadata;
    let subscript = |prefix: &str| -> Option<String> {
        let rest = path
            .strip_prefix(prefix)?
            .strip_prefix('[')?
            .strip_suffix(']')?;
        Some(rest.trim_matches(|c| c == '\'' || c == '"').to_string())
    };
    if let Some(k) = subscript("metadata.labels") {
        return pod
            .labels
            .iter()
            .find(|(lk, _)| *lk == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
    }
    if let Some(k) = subscript("metadata.annotations") {
        return st.annotations.get(&k).cloned().unwrap_or_default();
    }
    match path {
        "metadata.name" => pod.name.clone(),
        "metadata.namespace" => pod.namespace.clone(),
        "metadata.uid" => meta.uid.clone().unwrap_or_else(|| pod.uid.clone()),
        "spec.nodeName" => pod.node.clone(),
        "spec.serviceAccountName" => st.service_account.clone(),
        "status.hostIP" | "status.hostIPs" => ips.host.clone(),
        "status.podIP" | "status.podIPs" => ips.pod.clone(),
        _ => String::new(),
    }
}

/// `describeContainerEnvVars`.
fn describe_env(out: &mut String, pod: &PodInfo, st: &StoredPod, ips: &Ips, c: &Container) {
    let env: &[EnvVar] = c.env.as_deref().unwrap_or(&[]);
    w(
        out,
        2,
        if env.is_empty() {
            "Environment:\t<none>\n"
        } else {
            "Environment:\n"
        },
    );
    for e in env {
        let Some(from) = &e.value_from else {
            for (i, line) in e.value.as_deref().unwrap_or("").split('\n').enumerate() {
                if i == 0 {
                    w(out, 3, &format!("{}:\t{line}\n", e.name));
                } else {
                    w(out, 3, &format!("\t{line}\n"));
                }
            }
            continue;
        };
        if let Some(f) = &from.field_ref {
            let api = f
                .api_version
                .as_deref()
                .filter(|a| !a.is_empty())
                .unwrap_or("v1");
            let v = field_value(pod, st, ips, &f.field_path);
            w(
                out,
                3,
                &format!("{}:\t{v} ({api}:{})\n", e.name, f.field_path),
            );
        } else if let Some(r) = &from.resource_field_ref {
            let v = resource_field_value(c, &r.resource, r.divisor.as_ref().map(|d| d.0.as_str()));
            w(out, 3, &format!("{}:\t{v} ({})\n", e.name, r.resource));
        } else if let Some(k) = &from.secret_key_ref {
            let optional = k.optional.unwrap_or(false);
            w(
                out,
                3,
                &format!(
                    "{}:\t<set to the key '{}' in secret '{}'>\tOptional: {optional}\n",
                    e.name, k.key, k.name
                ),
            );
        } else if let Some(k) = &from.config_map_key_ref {
            let optional = k.optional.unwrap_or(false);
            w(
                out,
                3,
                &format!(
                    "{}:\t<set to the key '{}' of config map '{}'>\tOptional: {optional}\n",
                    e.name, k.key, k.name
                ),
            );
        }
    }
}

/// `resourcehelper.ExtractContainerResourceValue`: cpu in ceil(milli / divisor milli), memory
/// and storage in ceil(value / divisor); an unset limit is "node allocatable".
fn resource_field_value(c: &Container, resource: &str, divisor: Option<&str>) -> String {
    let divisor = divisor
        .and_then(Quantity::parse)
        .filter(|d| !d.is_zero())
        .unwrap_or(Quantity {
            nanos: 1_000_000_000,
            format: super::quantity::Format::DecimalSI,
        });
    let Some((kind, name)) = resource.split_once('.') else {
        return String::new();
    };
    let r = c.resources.as_ref();
    let list = match kind {
        "limits" => r.and_then(|r| r.limits.as_ref()),
        "requests" => r.and_then(|r| r.requests.as_ref()),
        _ => return String::new(),
    };
    let q = list
        .and_then(|l| l.get(name))
        .and_then(|q| Quantity::parse(&q.0))
        .map(|q| q.nanos)
        .unwrap_or(0);
    let q = Quantity {
        nanos: q,
        format: super::quantity::Format::DecimalSI,
    };
    let v = if name == "cpu" {
        let d = divisor.milli_value().max(1);
        (q.milli_value() + d - 1).div_euclid(d)
    } else {
        let d = divisor.value().max(1);
        (q.value() + d - 1).div_euclid(d)
    };
    if v == 0 && (resource == "limits.cpu" || resource == "limits.memory") {
        "node allocatable".to_string()
    } else {
        v.to_string()
    }
}

/// `describeContainerEnvFrom`.
fn describe_env_from(out: &mut String, c: &Container) {
    let from = c.env_from.as_deref().unwrap_or(&[]);
    if from.is_empty() {
        return;
    }
    w(out, 2, "Environment Variables from:\n");
    for e in from {
        let (kind, name, optional) = if let Some(r) = &e.config_map_ref {
            ("ConfigMap", r.name.clone(), r.optional.unwrap_or(false))
        } else if let Some(r) = &e.secret_ref {
            ("Secret", r.name.clone(), r.optional.unwrap_or(false))
        } else {
            ("", String::new(), false)
        };
        match e.prefix.as_deref().filter(|p| !p.is_empty()) {
            None => w(out, 3, &format!("{name}\t{kind}\tOptional: {optional}\n")),
            Some(p) => w(
                out,
                3,
                &format!("{name}\t{kind} with prefix '{p}'\tOptional: {optional}\n"),
            ),
        }
    }
}

/// `describeContainerVolumes` (sorted by mount path).
fn describe_mounts(out: &mut String, c: &Container) {
    let mut mounts: Vec<_> = c.volume_mounts.iter().flatten().collect();
    w(
        out,
        2,
        if mounts.is_empty() {
            "Mounts:\t<none>\n"
        } else {
            "Mounts:\n"
        },
    );
    mounts.sort_by(|a, b| a.mount_path.cmp(&b.mount_path));
    for m in mounts {
        let mut flags = vec![if m.read_only == Some(true) {
            "ro".to_string()
        } else {
            "rw".to_string()
        }];
        if let Some(sp) = m.sub_path.as_deref().filter(|s| !s.is_empty()) {
            flags.push(format!("path={sp:?}"));
        }
        w(
            out,
            3,
            &format!("{} from {} ({})\n", m.mount_path, m.name, flags.join(",")),
        );
    }
}

/// `describeVolumes` for the volume sources podlife accepts; others print `<unknown>`.
fn describe_volumes(out: &mut String, volumes: &[Volume]) {
    if volumes.is_empty() {
        out.push_str("Volumes:\t<none>\n");
        return;
    }
    out.push_str("Volumes:\n");
    for v in volumes {
        w(out, 1, &format!("{}:\n", v.name));
        if let Some(h) = &v.host_path {
            w(out, 2, &format!("Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{}\n", h.path, h.type_.as_deref().unwrap_or("")));
        } else if let Some(e) = &v.empty_dir {
            let size = e
                .size_limit
                .as_ref()
                .and_then(|q| Quantity::parse(&q.0))
                .filter(|q| q.nanos > 0)
                .map(|q| q.canonical())
                .unwrap_or_else(|| "<unset>".into());
            w(out, 2, &format!("Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{size}\n", e.medium.as_deref().unwrap_or("")));
        } else if let Some(s) = &v.secret {
            w(out, 2, &format!("Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n", s.secret_name.as_deref().unwrap_or(""), s.optional.unwrap_or(false)));
        } else if let Some(c) = &v.config_map {
            w(out, 2, &format!("Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n", c.name, c.optional.unwrap_or(false)));
        } else if let Some(p) = &v.projected {
            w(
                out,
                2,
                "Type:\tProjected (a volume that contains injected data from multiple sources)\n",
            );
            for src in p.sources.iter().flatten() {
                if let Some(s) = &src.secret {
                    w(
                        out,
                        2,
                        &format!(
                            "SecretName:\t{}\n    Optional:\t{}\n",
                            s.name,
                            s.optional.unwrap_or(false)
                        ),
                    );
                } else if src.downward_api.is_some() {
                    w(out, 2, "DownwardAPI:\ttrue\n");
                } else if let Some(c) = &src.config_map {
                    w(
                        out,
                        2,
                        &format!(
                            "ConfigMapName:\t{}\n    Optional:\t{}\n",
                            c.name,
                            c.optional.unwrap_or(false)
                        ),
                    );
                } else if let Some(t) = &src.service_account_token {
                    w(
                        out,
                        2,
                        &format!(
                            "TokenExpirationSeconds:\t{}\n",
                            t.expiration_seconds.unwrap_or(3600)
                        ),
                    );
                }
            }
        } else if let Some(c) = &v.persistent_volume_claim {
            w(out, 2, &format!("Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n", c.claim_name, c.read_only.unwrap_or(false)));
        } else if let Some(d) = &v.downward_api {
            w(out, 2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
            for item in d.items.iter().flatten() {
                if let Some(f) = &item.field_ref {
                    w(out, 3, &format!("{} -> {}\n", f.field_path, item.path));
                }
                if let Some(r) = &item.resource_field_ref {
                    w(out, 3, &format!("{} -> {}\n", r.resource, item.path));
                }
            }
        } else if let Some(n) = &v.nfs {
            w(out, 2, &format!("Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n", n.server, n.path, n.read_only.unwrap_or(false)));
        } else if let Some(i) = &v.image {
            w(out, 2, &format!("Type:\tImage (a container image or OCI artifact)\n    Reference:\t{}\n    PullPolicy:\t{}\n", i.reference.as_deref().unwrap_or(""), i.pull_policy.as_deref().unwrap_or("")));
        } else if v.ephemeral.is_some() {
            w(out, 2, "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n");
        } else {
            w(out, 1, "<unknown>\n");
        }
    }
}

/// `status.hostIP` / `status.podIP` as published at the described instant ("" before).
struct Ips {
    host: String,
    pod: String,
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
            message,
            signal,
            started_at,
            finished_at,
        } => {
            w(out, 2, &format!("{name}:\tTerminated\n"));
            if !reason.is_empty() {
                w(out, 3, &format!("Reason:\t{reason}\n"));
            }
            if !message.is_empty() {
                w(out, 3, &format!("Message:\t{message}\n"));
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
    pod: &PodInfo,
    st: &StoredPod,
    ips: &Ips,
) {
    let none = if specs.is_empty() { " <none>" } else { "" };
    let _ = writeln!(out, "{label}:{none}");
    for c in specs {
        let status = statuses.iter().find(|s| s.name == c.name);
        let spec = st.container(&c.name);
        // describeContainerBasicInfo.
        w(out, 1, &format!("{}:\n", c.name));
        let ids = status.map(|s| status_ids(pod, s));
        if let Some((cid, _)) = &ids {
            w(out, 2, &format!("Container ID:\t{cid}\n"));
        }
        w(out, 2, &format!("Image:\t{}\n", c.image));
        if let Some((_, iid)) = &ids {
            w(out, 2, &format!("Image ID:\t{iid}\n"));
        }
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
        describe_resources(out, spec.and_then(|c| c.resources.as_ref()), 2);
        // describeContainerProbe: Liveness, Readiness, Startup in that order.
        let mut probes = c.probes.clone();
        probes.sort_by_key(|(ty, _)| match ty {
            crate::timeline::ProbeType::Liveness => 0,
            crate::timeline::ProbeType::Readiness => 1,
            crate::timeline::ProbeType::Startup => 2,
        });
        for (ty, text) in probes {
            // kubectl 1.37 `DescribeProbe` names the thresholds (kubectl commit 5c1c16b00):
            // `successThreshold=1 failureThreshold=3` instead of `#success=1 #failure=3`.
            let text = if pod.kubectl_minor >= 37 {
                text.replace("#success=", "successThreshold=")
                    .replace("#failure=", "failureThreshold=")
            } else {
                text
            };
            w(out, 2, &format!("{}:\t{text}\n", ty.title()));
        }
        let empty = Container::default();
        let spec = spec.unwrap_or(&empty);
        describe_env_from(out, spec);
        describe_env(out, pod, st, ips, spec);
        describe_mounts(out, spec);
    }
}

/// `DescribeEvents` (events already correlated; sorted by last timestamp, stable). From kubectl
/// 1.35 (PR #133627) a message with an involved-object field path reads `<fieldPath>: <message>`.
fn describe_events(events: &[AggregatedEvent], t: Time, kubectl: u32) -> String {
    let mut out = String::new();
    out.push_str("Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w(&mut out, 1, "----\t------\t----\t----\t-------\n");
    let mut sorted: Vec<&AggregatedEvent> = events.iter().collect();
    sorted.sort_by_key(|e| e.last);
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
                if kubectl >= 35 && !e.object.is_empty() {
                    format!("{}: {}", e.object, e.message.trim())
                } else {
                    e.message.trim().to_string()
                }
            ),
        );
    }
    KUBECTL_DESCRIBE.format(&out)
}

/// `status.podIP` at the instant of `snapshot`: published once the sandbox has its network
/// (`PodReadyToStartContainers`) or a container has started; "" before.
pub(crate) fn pod_ip_at<'a>(pod: &'a PodInfo, snapshot: Option<&PodStatus>) -> &'a str {
    let Some(status) = snapshot else { return "" };
    let has_ip = status
        .conditions
        .iter()
        .any(|c| c.condition_type == "PodReadyToStartContainers" && c.status == "True")
        || status
            .container_statuses
            .iter()
            .chain(&status.init_container_statuses)
            .any(|c| !matches!(c.state, ContainerState::Waiting { .. }) || c.last_state.is_some());
    if has_ip {
        pod.pod_ip.as_str()
    } else {
        ""
    }
}

/// `kubectl describe pod <name>` at `t` (`describe.go` `describePod`).
///
/// Only what the API shows at `t`: the last published status, the deletion timestamp once the
/// delete request happened, and the Event objects as the client-go correlator left them
/// ([`correlate_events`]). After removal: the `NotFound` error kubectl prints.
pub fn describe_with(tl: &Timeline, t: Time, opts: &DescribeOptions) -> String {
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

    let mut st = stored(pod);
    // In-place resizes accepted by `t` changed the spec's resources (`describeResources` prints
    // the spec).
    // rule: in-place-resize
    for r in pod.resizes.iter().filter(|r| r.at <= t) {
        if let Some(c) = st
            .containers
            .iter_mut()
            .find(|c| c.name == r.resize.container)
        {
            let res = c.resources.get_or_insert_with(Default::default);
            for (m, list) in [
                (&r.resize.requests, &mut res.requests),
                (&r.resize.limits, &mut res.limits),
            ] {
                for (name, v) in m {
                    list.get_or_insert_with(Default::default).insert(
                        name.clone(),
                        k8s_openapi::apimachinery::pkg::api::resource::Quantity(v.clone()),
                    );
                }
            }
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "Name:\t{}", pod.name);
    let _ = writeln!(out, "Namespace:\t{}", pod.namespace);
    // Set by the Priority admission plugin (no priorityClassName → 0).
    let _ = writeln!(out, "Priority:\t{}", st.priority);
    if let Some(pc) = &st.priority_class_name {
        let _ = writeln!(out, "Priority Class Name:\t{pc}");
    }
    if let Some(rc) = &st.runtime_class_name {
        let _ = writeln!(out, "Runtime Class Name:\t{rc}");
    }
    // Set by the ServiceAccount admission plugin (mirror pods have none).
    if !st.service_account.is_empty() {
        let _ = writeln!(out, "Service Account:\t{}", st.service_account);
    }
    let host_ip = if snapshot.is_some() && !pod.node.is_empty() {
        HOST_IP
    } else {
        ""
    };
    if pod.node.is_empty() {
        out.push_str("Node:\t<none>\n");
    } else {
        // hostIP is written by the kubelet's first status update.
        let _ = writeln!(out, "Node:\t{}/{}", pod.node, host_ip);
    }
    if let Some(st) = status.start_time {
        let _ = writeln!(out, "Start Time:\t{}", format_time(st));
    }
    labels_multiline(&mut out, "Labels", &pod.labels);
    annotations_multiline(&mut out, "Annotations", &st.annotations);
    let terminal = status.phase.is_terminal();
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
    let ip = pod_ip_at(pod, snapshot);
    let _ = writeln!(out, "IP:\t{ip}");
    if ip.is_empty() {
        out.push_str("IPs:\t<none>\n");
    } else {
        out.push_str("IPs:\n");
        w(&mut out, 1, &format!("IP:\t{ip}\n"));
    }
    if let Some(owner) = &st.controlled_by {
        let _ = writeln!(out, "Controlled By:\t{owner}");
    }
    if st.pod_resources.is_some() {
        out.push_str("Resources:\n");
        describe_resources(&mut out, st.pod_resources.as_ref(), 1);
    }
    let ips = Ips {
        host: host_ip.to_string(),
        pod: ip.to_string(),
    };

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
            pod,
            &st,
            &ips,
        );
    }
    describe_containers(
        &mut out,
        "Containers",
        &of_kind(&[ContainerKind::Regular]),
        &status.container_statuses,
        pod,
        &st,
        &ips,
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
            pod,
            &st,
            &ips,
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
    describe_volumes(&mut out, &st.volumes);
    let _ = writeln!(out, "QoS Class:\t{}", st.qos_class);
    let selectors: Vec<(String, String)> = st
        .node_selector
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    labels_multiline(&mut out, "Node-Selectors", &selectors);
    tolerations_multiline(&mut out, &st.tolerations);

    let events = correlate_events(&tl.events, t, opts.spam_filter);
    if events.is_empty() {
        out.push_str("Events:\t<none>\n");
        return KUBECTL_DESCRIBE.format(&out);
    }
    // `w.Flush()` before the events table: it is aligned on its own.
    let mut s = KUBECTL_DESCRIBE.format(&out);
    s.push_str(&describe_events(&events, t, tl.pod.kubectl_minor));
    s
}
