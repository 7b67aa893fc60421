//! The `status:` section of `kubectl get pod -o yaml` at an instant.
//!
//! kubectl prints YAML through `sigs.k8s.io/yaml` (`json.Marshal`, then `JSONToYAML` with
//! go-yaml v2), so keys come out **sorted alphabetically** at every level (the JSON object is
//! re-read into a map), sequences inside mappings are not indented, strings that would read as
//! another type (`"True"`, timestamps, numbers) are double-quoted, and strings that cannot be
//! plain (`': '` inside, a leading indicator) are single-quoted. Field presence follows the
//! `omitempty` tags of `k8s.io/api/core/v1` `PodStatus` / `ContainerStatus` (`imageID` and
//! `lastState` are always present; `lastProbeTime: null` on every condition).
//!
//! `observedGeneration` (status and conditions) follows `PodObservedGenerationTracking` (1.34+).
//! Not modelled (version-dependent kubelet fields): container `volumeMounts` (1.31+),
//! `resources`, `allocatedResources`, `user` (1.33+).

use super::describe::{pod_ip_at, HOST_IP};
use super::stored::removed_by_reset;
use super::stored::{container_id, normalize_image, status_instance, stored};
use super::time::format_rfc3339;
use super::{api_time, initial_status};
use crate::timeline::{ContainerState, ContainerStatus, PodInfo, Time, Timeline};

/// A YAML value in block style.
enum Node {
    /// Already rendered (`null`, `true`, `3`, or a string through [`string`]).
    Scalar(String),
    /// A string that may need a literal block.
    Str(String),
    Map(Vec<(&'static str, Node)>),
    Seq(Vec<Node>),
}

/// go-yaml v2 `resolve`: would this plain scalar read back as something other than a string?
fn resolves_to_non_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", "+.inf", "-.inf", ".nan", ".NaN", ".NAN", "<<",
    ];
    if SPECIAL.contains(&s) {
        return true;
    }
    let t = s.replace('_', "");
    let digits = t.trim_start_matches(['+', '-']);
    let int = !digits.is_empty()
        && (digits.chars().all(|c| c.is_ascii_digit())
            || digits
                .strip_prefix("0x")
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || digits
                .strip_prefix("0b")
                .is_some_and(|b| !b.is_empty() && b.chars().all(|c| c == '0' || c == '1')));
    let float = t.parse::<f64>().is_ok() && !t.contains(['i', 'I', 'n', 'N']);
    // `2006-1-2...`: four digits and a dash start a timestamp.
    let b = s.as_bytes();
    let timestamp = b.len() >= 8
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5].is_ascii_digit();
    int || float || timestamp
}

/// go-yaml v2 `yaml_emitter_analyze_scalar`: may this string be written plain in block context?
fn plain_allowed(s: &str) -> bool {
    if s.is_empty() || s.starts_with("---") || s.starts_with("...") {
        return false;
    }
    if s.starts_with([' ', '\t']) || s.ends_with([' ', '\t']) {
        return false;
    }
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next_blank = chars.get(i + 1).is_none_or(|n| *n == ' ' || *n == '\t');
        let prev_blank = i > 0 && (chars[i - 1] == ' ' || chars[i - 1] == '\t');
        if !(c == '\t' || c == ' ' || (' '..='~').contains(&c) || (c as u32) >= 0xA0) {
            return false;
        }
        if i == 0 {
            if "#,[]{}&*!|>'\"%@`".contains(c) {
                return false;
            }
            if (c == '?' || c == ':' || c == '-') && next_blank {
                return false;
            }
        } else {
            if c == ':' && next_blank {
                return false;
            }
            if c == '#' && prev_blank {
                return false;
            }
        }
    }
    true
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A one-line string scalar as go-yaml v2 writes it.
fn string(s: &str) -> String {
    if resolves_to_non_string(s) {
        double_quoted(s)
    } else if plain_allowed(s) {
        s.to_string()
    } else if s.chars().all(|c| c == '\t' || !c.is_control()) && !s.contains('\t') {
        format!("'{}'", s.replace('\'', "''"))
    } else {
        double_quoted(s)
    }
}

fn render(node: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match node {
        Node::Map(pairs) => {
            for (k, v) in pairs {
                out.push_str(&pad);
                out.push_str(k);
                out.push(':');
                render_value(v, indent, out);
            }
        }
        Node::Seq(items) => {
            for item in items {
                out.push_str(&pad);
                out.push_str("- ");
                match item {
                    Node::Map(pairs) if !pairs.is_empty() => {
                        // The first pair on the dash line, the rest under it.
                        for (i, (k, v)) in pairs.iter().enumerate() {
                            if i > 0 {
                                out.push_str(&pad);
                                out.push_str("  ");
                            }
                            out.push_str(k);
                            out.push(':');
                            render_value(v, indent + 2, out);
                        }
                    }
                    Node::Scalar(s) => {
                        out.push_str(s);
                        out.push('\n');
                    }
                    Node::Str(s) => {
                        out.push_str(&string(s));
                        out.push('\n');
                    }
                    other => {
                        out.push('\n');
                        render(other, indent + 2, out);
                    }
                }
            }
        }
        Node::Scalar(s) => {
            out.push_str(&pad);
            out.push_str(s);
            out.push('\n');
        }
        Node::Str(s) => {
            out.push_str(&pad);
            out.push_str(&string(s));
            out.push('\n');
        }
    }
}

/// The part after `key:` — inline for scalars and empty collections, a new block otherwise
/// (sequences in a mapping at the mapping's own indentation, as go-yaml v2 does).
fn render_value(v: &Node, indent: usize, out: &mut String) {
    match v {
        Node::Scalar(s) => {
            out.push(' ');
            out.push_str(s);
            out.push('\n');
        }
        Node::Str(s) if s.contains('\n') => {
            // Literal block, trailing newline chomped (`|-`) unless the string ends with one.
            let (body, chomp) = match s.strip_suffix('\n') {
                Some(b) => (b, "|"),
                None => (s.as_str(), "|-"),
            };
            out.push(' ');
            out.push_str(chomp);
            out.push('\n');
            for line in body.split('\n') {
                if !line.is_empty() {
                    out.push_str(&" ".repeat(indent + 2));
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        Node::Str(s) => {
            out.push(' ');
            out.push_str(&string(s));
            out.push('\n');
        }
        Node::Map(p) if p.is_empty() => out.push_str(" {}\n"),
        Node::Seq(s) if s.is_empty() => out.push_str(" []\n"),
        Node::Map(_) => {
            out.push('\n');
            render(v, indent + 2, out);
        }
        Node::Seq(_) => {
            out.push('\n');
            render(v, indent, out);
        }
    }
}

fn ts(t: Time) -> Node {
    Node::Str(format_rfc3339(api_time(t)))
}

fn state_node(pod: &PodInfo, name: &str, state: &ContainerState, instance: Option<u32>) -> Node {
    match state {
        ContainerState::Waiting { reason, message } => {
            let mut p = vec![];
            if !message.is_empty() {
                p.push(("message", Node::Str(message.clone())));
            }
            if !reason.is_empty() {
                p.push(("reason", Node::Str(reason.clone())));
            }
            Node::Map(vec![("waiting", Node::Map(p))])
        }
        ContainerState::Running { started_at } => Node::Map(vec![(
            "running",
            Node::Map(vec![("startedAt", ts(*started_at))]),
        )]),
        ContainerState::Terminated {
            exit_code,
            reason,
            message,
            signal,
            started_at,
            finished_at,
        } => {
            let mut p = vec![];
            if let Some(k) = instance {
                p.push(("containerID", Node::Str(container_id(pod, name, k))));
            }
            p.push(("exitCode", Node::Scalar(exit_code.to_string())));
            p.push(("finishedAt", ts(*finished_at)));
            if !message.is_empty() {
                p.push(("message", Node::Str(message.clone())));
            }
            if !reason.is_empty() {
                p.push(("reason", Node::Str(reason.clone())));
            }
            if let Some(s) = signal.filter(|s| *s != 0) {
                p.push(("signal", Node::Scalar(s.to_string())));
            }
            p.push(("startedAt", ts(*started_at)));
            Node::Map(vec![("terminated", Node::Map(p))])
        }
    }
}

/// One `ContainerStatus` (keys sorted; `containerID` omitted while empty). An ephemeral
/// container's `started` stays nil — the probe manager's `UpdatePodStatus` sets it for the pod's
/// own containers only — so it is not printed.
fn container_node(pod: &PodInfo, s: &ContainerStatus, ephemeral: bool) -> Node {
    let instance = status_instance(s);
    let mut p = vec![];
    if let Some(k) = instance {
        p.push(("containerID", Node::Str(container_id(pod, &s.name, k))));
    }
    // The runtime reports the normalised reference once the container exists.
    let (image, image_id) = match instance {
        Some(_) => (normalize_image(&s.image), super::stored::image_id(&s.image)),
        None => (s.image.clone(), String::new()),
    };
    p.push(("image", Node::Str(image)));
    p.push(("imageID", Node::Str(image_id)));
    let last_instance = match s.state {
        // A container removed by `RestartAllContainers` left no container ID behind.
        _ if removed_by_reset(s.last_state.as_ref()) => None,
        ContainerState::Waiting { .. } => Some(s.restart_count),
        _ => s.restart_count.checked_sub(1),
    };
    p.push((
        "lastState",
        match &s.last_state {
            Some(ls) => state_node(pod, &s.name, ls, last_instance),
            None => Node::Map(vec![]),
        },
    ));
    p.push(("name", Node::Str(s.name.clone())));
    p.push(("ready", Node::Scalar(s.ready.to_string())));
    p.push(("restartCount", Node::Scalar(s.restart_count.to_string())));
    if !ephemeral {
        p.push(("started", Node::Scalar(s.started.to_string())));
    }
    p.push(("state", state_node(pod, &s.name, &s.state, instance)));
    if let Some(sig) = &s.stop_signal {
        p.push(("stopSignal", Node::Str(sig.clone())));
    }
    Node::Map(p)
}

/// The `status:` section of `kubectl get pod <name> -o yaml` at `t`: the published status in
/// effect, plus `hostIP`/`podIP` (once written) and `qosClass` (set by the API server on
/// create). Timestamps are RFC 3339 from [`super::CREATION_EPOCH`]. After the pod is gone:
/// kubectl's `NotFound` error.
pub fn status_yaml(tl: &Timeline, t: Time) -> String {
    let pod = &tl.pod;
    if tl.removed_at(t) {
        return format!(
            "Error from server (NotFound): pods \"{}\" not found\n",
            pod.name
        );
    }
    let snapshot = tl.snapshot_at(t);
    let status = snapshot.cloned().unwrap_or_else(initial_status);
    let st = stored(pod);
    let mut p: Vec<(&'static str, Node)> = vec![];
    if !status.conditions.is_empty() {
        let conds = status
            .conditions
            .iter()
            .map(|c| {
                let mut m = vec![
                    ("lastProbeTime", Node::Scalar("null".into())),
                    ("lastTransitionTime", ts(c.last_transition_time)),
                ];
                if let Some(msg) = c.message.as_ref().filter(|m| !m.is_empty()) {
                    m.push(("message", Node::Str(msg.clone())));
                }
                if let Some(g) = c.observed_generation {
                    m.push(("observedGeneration", Node::Scalar(g.to_string())));
                }
                if let Some(r) = c.reason.as_ref().filter(|r| !r.is_empty()) {
                    m.push(("reason", Node::Str(r.clone())));
                }
                m.push(("status", Node::Str(c.status.clone())));
                m.push(("type", Node::Str(c.condition_type.clone())));
                Node::Map(m)
            })
            .collect();
        p.push(("conditions", Node::Seq(conds)));
    }
    let list = |v: &[ContainerStatus]| {
        Node::Seq(v.iter().map(|s| container_node(pod, s, false)).collect())
    };
    if !status.container_statuses.is_empty() {
        p.push(("containerStatuses", list(&status.container_statuses)));
    }
    if !status.ephemeral_container_statuses.is_empty() {
        p.push((
            "ephemeralContainerStatuses",
            Node::Seq(
                status
                    .ephemeral_container_statuses
                    .iter()
                    .map(|s| container_node(pod, s, true))
                    .collect(),
            ),
        ));
    }
    if snapshot.is_some() && !pod.node.is_empty() {
        p.push(("hostIP", Node::Str(HOST_IP.into())));
        p.push((
            "hostIPs",
            Node::Seq(vec![Node::Map(vec![("ip", Node::Str(HOST_IP.into()))])]),
        ));
    }
    if !status.init_container_statuses.is_empty() {
        p.push((
            "initContainerStatuses",
            list(&status.init_container_statuses),
        ));
    }
    if let Some(m) = status.message.as_ref().filter(|m| !m.is_empty()) {
        p.push(("message", Node::Str(m.clone())));
    }
    if let Some(g) = status.observed_generation {
        p.push(("observedGeneration", Node::Scalar(g.to_string())));
    }
    p.push(("phase", Node::Str(status.phase.to_string())));
    let ip = pod_ip_at(pod, snapshot);
    if !ip.is_empty() {
        p.push(("podIP", Node::Str(ip.into())));
        p.push((
            "podIPs",
            Node::Seq(vec![Node::Map(vec![("ip", Node::Str(ip.into()))])]),
        ));
    }
    p.push(("qosClass", Node::Str(st.qos_class.into())));
    if let Some(r) = status.reason.as_ref().filter(|r| !r.is_empty()) {
        p.push(("reason", Node::Str(r.clone())));
    }
    if let Some(s) = status.start_time {
        p.push(("startTime", ts(s)));
    }
    let mut out = String::from("status:\n");
    render(&Node::Map(p), 2, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// go-yaml v2 scalar styles as `kubectl get -o yaml` shows them.
    #[test]
    fn scalar_styles() {
        assert_eq!(string("Running"), "Running");
        assert_eq!(string("True"), "\"True\"");
        assert_eq!(string("2026-11-23T10:00:00Z"), "\"2026-11-23T10:00:00Z\"");
        assert_eq!(
            string("containers with unready status: [app]"),
            "'containers with unready status: [app]'"
        );
        assert_eq!(string("containerd://0123abc"), "containerd://0123abc");
        assert_eq!(string("10.244.1.7"), "10.244.1.7");
        assert_eq!(string("137"), "\"137\"");
        assert_eq!(string(""), "\"\"");
        assert_eq!(string("it's: odd"), "'it''s: odd'");
        assert_eq!(string("[x]"), "'[x]'");
        assert_eq!(string("- a"), "'- a'");
        assert_eq!(string("a #b"), "'a #b'");
        assert_eq!(
            string("back-off 10s restarting failed container=app pod=web_default(u)"),
            "back-off 10s restarting failed container=app pod=web_default(u)"
        );
    }

    #[test]
    fn block_layout() {
        let n = Node::Map(vec![
            (
                "a",
                Node::Seq(vec![Node::Map(vec![
                    ("x", Node::Scalar("1".into())),
                    ("y", Node::Map(vec![("z", Node::Str("v".into()))])),
                ])]),
            ),
            ("b", Node::Map(vec![])),
            ("c", Node::Str("line1\nline2".into())),
        ]);
        let mut out = String::new();
        render(&n, 2, &mut out);
        assert_eq!(
            out,
            "  a:\n  - x: 1\n    y:\n      z: v\n  b: {}\n  c: |-\n    line1\n    line2\n"
        );
    }
}
