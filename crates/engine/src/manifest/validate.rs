//! API server validation of a (defaulted) Pod, with the API server's paths and messages
//! (`field.Error.Error()`: `<path>: <Type>: <value>: <detail>`).
//!
//! Source: `pkg/apis/core/validation/validation.go` — `ValidatePodCreate`, `ValidatePodSpec`,
//! `validateContainers`, `validateInitContainers`, `validateEphemeralContainers`,
//! `validateContainerCommon`, `validateContainerOnlyForPod`, `validateContainerPorts`,
//! `validateProbe`, `validateLivenessProbe`, `validateReadinessProbe`, `validateStartupProbe`,
//! `validateLifecycle`, `validateHandler`, `validateSleepAction`, `validateHTTPGetAction`,
//! `ValidatePortNumOrName`, `validateRestartPolicy`, `validateDNSPolicy`; name and port rules
//! from `staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go`.
//!
//! rule: api-validation

use crate::diagnostics::Severity;
use k8s_openapi::api::core::v1::{
    Container, ContainerPort, EphemeralContainer, Lifecycle, LifecycleHandler, Pod, PodSpec, Probe,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use std::collections::HashSet;

/// One validation finding, path relative to the Pod object.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub severity: Severity,
    pub path: String,
    pub message: String,
}

#[derive(Default)]
struct Errs(Vec<Issue>);

impl Errs {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Issue {
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
        });
    }
    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Issue {
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
        });
    }
    /// `field.Required`.
    fn required(&mut self, path: impl Into<String>, detail: &str) {
        let m = if detail.is_empty() {
            "Required value".to_string()
        } else {
            format!("Required value: {detail}")
        };
        self.push(path, m);
    }
    /// `field.Forbidden`.
    fn forbidden(&mut self, path: impl Into<String>, detail: &str) {
        self.push(path, format!("Forbidden: {detail}"));
    }
    /// `field.Invalid` with a number.
    fn invalid_num(&mut self, path: impl Into<String>, value: i64, detail: &str) {
        self.push(path, format!("Invalid value: {value}: {detail}"));
    }
    /// `field.Invalid` with a string (`%q`).
    fn invalid_str(&mut self, path: impl Into<String>, value: &str, detail: &str) {
        self.push(path, format!("Invalid value: {}: {detail}", quote(value)));
    }
    /// `field.NotSupported`.
    fn not_supported(&mut self, path: impl Into<String>, value: &str, valid: &[&str]) {
        let list = valid
            .iter()
            .map(|v| quote(v))
            .collect::<Vec<_>>()
            .join(", ");
        self.push(
            path,
            format!(
                "Unsupported value: {}: supported values: {list}",
                quote(value)
            ),
        );
    }
    /// `field.Duplicate`.
    fn duplicate(&mut self, path: impl Into<String>, value: &str) {
        self.push(path, format!("Duplicate value: {}", quote(value)));
    }
}

/// Go's `%q` for the strings we print.
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

const DNS1123_LABEL_ERR: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_SUBDOMAIN_ERR: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NON_NEGATIVE: &str = "must be greater than or equal to 0";
const PORT_RANGE: &str = "must be between 1 and 65535, inclusive";

fn is_label_body(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// `IsDNS1123Label`.
pub fn dns1123_label_errors(s: &str) -> Vec<String> {
    let mut v = vec![];
    if s.len() > 63 {
        v.push("must be no more than 63 characters".to_string());
    }
    if !is_label_body(s) {
        v.push(DNS1123_LABEL_ERR.to_string());
    }
    v
}

/// `IsDNS1123Subdomain`.
pub fn dns1123_subdomain_errors(s: &str) -> Vec<String> {
    let mut v = vec![];
    if s.len() > 253 {
        v.push("must be no more than 253 characters".to_string());
    }
    if !s.split('.').all(is_label_body) {
        v.push(DNS1123_SUBDOMAIN_ERR.to_string());
    }
    v
}

/// `IsValidPortName` (IANA_SVC_NAME).
pub fn port_name_errors(s: &str) -> Vec<String> {
    let mut v = vec![];
    if s.len() > 15 {
        v.push("must be no more than 15 characters".to_string());
    }
    if !s
        .bytes()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    {
        v.push(
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_string(),
        );
    }
    if !s.bytes().any(|c| c.is_ascii_lowercase()) {
        v.push("must contain at least one letter (a-z)".to_string());
    }
    if s.contains("--") {
        v.push("must not contain consecutive hyphens".to_string());
    }
    if s.starts_with('-') || s.ends_with('-') {
        v.push("must not begin or end with a hyphen".to_string());
    }
    v
}

/// `ValidatePortNumOrName`.
fn port_num_or_name(e: &mut Errs, port: &IntOrString, path: &str) {
    match port {
        IntOrString::Int(n) => {
            if !(1..=65535).contains(n) {
                e.invalid_num(path, *n as i64, PORT_RANGE);
            }
        }
        IntOrString::String(s) => {
            for m in port_name_errors(s) {
                e.invalid_str(path, s, &m);
            }
        }
    }
}

/// Handler fields as `validateHandler` sees them (probe or lifecycle handler).
struct Handler<'a> {
    exec: Option<&'a k8s_openapi::api::core::v1::ExecAction>,
    http_get: Option<&'a k8s_openapi::api::core::v1::HTTPGetAction>,
    tcp_socket: Option<&'a k8s_openapi::api::core::v1::TCPSocketAction>,
    grpc: Option<&'a k8s_openapi::api::core::v1::GRPCAction>,
    sleep: Option<&'a k8s_openapi::api::core::v1::SleepAction>,
}

/// `validateHandler`: exactly one handler; the second and later ones are Forbidden.
fn validate_handler(
    e: &mut Errs,
    h: &Handler<'_>,
    grace: i64,
    path: &str,
    ports: &[ContainerPort],
) {
    let mut n = 0;
    let mut one = |e: &mut Errs, name: &str| -> bool {
        if n > 0 {
            e.forbidden(
                format!("{path}.{name}"),
                "may not specify more than 1 handler type",
            );
            false
        } else {
            n += 1;
            true
        }
    };
    if let Some(x) = h.exec {
        if one(e, "exec") && x.command.as_ref().is_none_or(|c| c.is_empty()) {
            e.required(format!("{path}.exec.command"), "");
        }
    }
    if let Some(x) = h.http_get {
        if one(e, "httpGet") {
            let p = format!("{path}.httpGet");
            if x.path.as_deref().unwrap_or("").is_empty() {
                e.required(format!("{p}.path"), "");
            }
            port_num_or_name(e, &x.port, &format!("{p}.port"));
            named_port_warning(e, &x.port, &format!("{p}.port"), ports);
            let scheme = x.scheme.as_deref().unwrap_or("");
            if scheme != "HTTP" && scheme != "HTTPS" {
                e.not_supported(format!("{p}.scheme"), scheme, &["HTTP", "HTTPS"]);
            }
        }
    }
    if let Some(x) = h.tcp_socket {
        if one(e, "tcpSocket") {
            let p = format!("{path}.tcpSocket.port");
            port_num_or_name(e, &x.port, &p);
            named_port_warning(e, &x.port, &p, ports);
        }
    }
    if let Some(x) = h.grpc {
        if one(e, "grpc") && !(1..=65535).contains(&x.port) {
            e.invalid_num(format!("{path}.grpc.port"), x.port as i64, PORT_RANGE);
        }
    }
    if let Some(x) = h.sleep {
        // validateSleepAction with PodLifecycleSleepActionAllowZero (GA 1.34): 0 ≤ s ≤ TGPS.
        if one(e, "sleep") && (x.seconds < 0 || x.seconds > grace) {
            e.invalid_num(
                format!("{path}.sleep"),
                x.seconds,
                &format!(
                    "must be non-negative and less than terminationGracePeriodSeconds ({grace})"
                ),
            );
        }
    }
    if n == 0 {
        e.required(path, "must specify a handler type");
    }
}

/// Not an API server rule: a probe's named port that no container port declares is accepted by
/// the API server, and the kubelet's probe then errors at every tick
/// (`pkg/kubelet/prober/prober.go` → `pkg/probe/util.go` `ResolveContainerPort`: the name is not
/// found, then `strconv.Atoi` fails). Reported as a warning.
fn named_port_warning(e: &mut Errs, port: &IntOrString, path: &str, ports: &[ContainerPort]) {
    if let IntOrString::String(name) = port {
        if port_name_errors(name).is_empty()
            && !ports
                .iter()
                .any(|p| p.name.as_deref() == Some(name.as_str()))
        {
            e.warn(
                path,
                format!(
                    "no container port is named {}: the API server accepts this, but the kubelet's probe errors with \"strconv.Atoi: parsing {}: invalid syntax\"",
                    quote(name),
                    quote(name)
                ),
            );
        }
    }
}

/// `validateProbe` + the liveness/readiness/startup specifics.
fn validate_probe(
    e: &mut Errs,
    p: &Probe,
    kind: &str,
    grace: i64,
    path: &str,
    ports: &[ContainerPort],
) {
    let h = Handler {
        exec: p.exec.as_ref(),
        http_get: p.http_get.as_ref(),
        tcp_socket: p.tcp_socket.as_ref(),
        grpc: p.grpc.as_ref(),
        sleep: None,
    };
    validate_handler(e, &h, grace, path, ports);
    for (name, v) in [
        ("initialDelaySeconds", p.initial_delay_seconds),
        ("timeoutSeconds", p.timeout_seconds),
        ("periodSeconds", p.period_seconds),
        ("successThreshold", p.success_threshold),
        ("failureThreshold", p.failure_threshold),
    ] {
        let v = v.unwrap_or(0);
        if v < 0 {
            e.invalid_num(format!("{path}.{name}"), v as i64, NON_NEGATIVE);
        }
    }
    if let Some(t) = p.termination_grace_period_seconds {
        if t <= 0 {
            e.invalid_num(
                format!("{path}.terminationGracePeriodSeconds"),
                t,
                "must be greater than 0",
            );
        }
    }
    match kind {
        // validateLivenessProbe / validateStartupProbe
        "livenessProbe" | "startupProbe" => {
            let s = p.success_threshold.unwrap_or(0);
            if s != 1 {
                e.invalid_num(format!("{path}.successThreshold"), s as i64, "must be 1");
            }
        }
        // validateReadinessProbe
        _ => {
            if let Some(t) = p.termination_grace_period_seconds {
                e.invalid_num(
                    format!("{path}.terminationGracePeriodSeconds"),
                    t,
                    "must not be set for readinessProbes",
                );
            }
        }
    }
}

fn lifecycle_handler(h: &LifecycleHandler) -> Handler<'_> {
    Handler {
        exec: h.exec.as_ref(),
        http_get: h.http_get.as_ref(),
        tcp_socket: h.tcp_socket.as_ref(),
        grpc: None,
        sleep: h.sleep.as_ref(),
    }
}

/// `validateLifecycle`.
fn validate_lifecycle(
    e: &mut Errs,
    l: &Lifecycle,
    grace: i64,
    path: &str,
    ports: &[ContainerPort],
) {
    if let Some(h) = &l.post_start {
        validate_handler(
            e,
            &lifecycle_handler(h),
            grace,
            &format!("{path}.postStart"),
            ports,
        );
    }
    if let Some(h) = &l.pre_stop {
        validate_handler(
            e,
            &lifecycle_handler(h),
            grace,
            &format!("{path}.preStop"),
            ports,
        );
    }
}

/// `validateContainerPorts`.
fn validate_ports(e: &mut Errs, ports: &[ContainerPort], path: &str) {
    let mut names = HashSet::new();
    for (i, p) in ports.iter().enumerate() {
        let ip = format!("{path}[{i}]");
        if let Some(name) = p.name.as_deref().filter(|n| !n.is_empty()) {
            let msgs = port_name_errors(name);
            if !msgs.is_empty() {
                for m in msgs {
                    e.invalid_str(format!("{ip}.name"), name, &m);
                }
            } else if !names.insert(name.to_string()) {
                e.duplicate(format!("{ip}.name"), name);
            }
        }
        if p.container_port == 0 {
            e.required(format!("{ip}.containerPort"), "");
        } else if !(1..=65535).contains(&p.container_port) {
            e.invalid_num(
                format!("{ip}.containerPort"),
                p.container_port as i64,
                PORT_RANGE,
            );
        }
        if let Some(h) = p.host_port.filter(|h| *h != 0) {
            if !(1..=65535).contains(&h) {
                e.invalid_num(format!("{ip}.hostPort"), h as i64, PORT_RANGE);
            }
        }
        let proto = p.protocol.as_deref().unwrap_or("");
        if proto.is_empty() {
            e.required(format!("{ip}.protocol"), "");
        } else if !["SCTP", "TCP", "UDP"].contains(&proto) {
            e.not_supported(format!("{ip}.protocol"), proto, &["SCTP", "TCP", "UDP"]);
        }
    }
}

/// Fields common to all container kinds (`validateContainerCommon` + `validateContainerOnlyForPod`).
struct Ctr<'a> {
    name: &'a str,
    image: Option<&'a str>,
    image_pull_policy: Option<&'a str>,
    termination_message_policy: Option<&'a str>,
    ports: &'a [ContainerPort],
}

fn validate_common(e: &mut Errs, c: &Ctr<'_>, path: &str) {
    if c.name.is_empty() {
        e.required(format!("{path}.name"), "");
    } else {
        for m in dns1123_label_errors(c.name) {
            e.invalid_str(format!("{path}.name"), c.name, &m);
        }
    }
    match c.image {
        None | Some("") => e.required(format!("{path}.image"), ""),
        Some(img) if img.trim() != img => e.invalid_str(
            format!("{path}.image"),
            img,
            "must not have leading or trailing whitespace",
        ),
        _ => {}
    }
    validate_ports(e, c.ports, &format!("{path}.ports"));
    let pp = c.image_pull_policy.unwrap_or("");
    if pp.is_empty() {
        e.required(format!("{path}.imagePullPolicy"), "");
    } else if !["Always", "IfNotPresent", "Never"].contains(&pp) {
        e.not_supported(
            format!("{path}.imagePullPolicy"),
            pp,
            &["Always", "IfNotPresent", "Never"],
        );
    }
    let tmp = c.termination_message_policy.unwrap_or("");
    if tmp.is_empty() {
        e.required(format!("{path}.terminationMessagePolicy"), "");
    } else if !["File", "FallbackToLogsOnError"].contains(&tmp) {
        e.not_supported(
            format!("{path}.terminationMessagePolicy"),
            tmp,
            &["File", "FallbackToLogsOnError"],
        );
    }
}

fn ctr(c: &Container) -> Ctr<'_> {
    Ctr {
        name: &c.name,
        image: c.image.as_deref(),
        image_pull_policy: c.image_pull_policy.as_deref(),
        termination_message_policy: c.termination_message_policy.as_deref(),
        ports: c.ports.as_deref().unwrap_or(&[]),
    }
}

fn validate_probes_and_hooks(e: &mut Errs, c: &Container, grace: i64, path: &str) {
    let ports = c.ports.as_deref().unwrap_or(&[]);
    if let Some(l) = &c.lifecycle {
        validate_lifecycle(e, l, grace, &format!("{path}.lifecycle"), ports);
    }
    for (kind, p) in [
        ("livenessProbe", &c.liveness_probe),
        ("readinessProbe", &c.readiness_probe),
        ("startupProbe", &c.startup_probe),
    ] {
        if let Some(p) = p {
            validate_probe(e, p, kind, grace, &format!("{path}.{kind}"), ports);
        }
    }
}

/// Validate a defaulted Pod as `ValidatePodCreate` would (plus podlife's ephemeral-container
/// allowance). Paths are relative to the Pod (`metadata.name`, `spec.containers[0].name`).
/// What the API server of `settings`' version checks beyond [`validate`]: a container's own
/// `restartPolicy` and `restartPolicyRules` (KEP-5307, gate `ContainerRestartRules`, on from
/// 1.35; `pkg/apis/core/validation/validation.go` `validateContainers`,
/// `validateInitContainers`, `validateContainerRestartPolicy`).
///
/// rule: api-validation
pub fn validate_versioned(pod: &Pod, settings: &crate::Settings) -> Vec<Issue> {
    let mut e = Errs(Vec::new());
    let Some(spec) = pod.spec.as_ref() else {
        return e.0;
    };
    let gate = settings.gate(crate::FeatureGate::ContainerRestartRules);
    let restart_all = settings.gate(crate::FeatureGate::RestartAllContainersOnContainerExits);
    let v = settings.kubelet_version;
    const POLICIES: [&str; 3] = ["Always", "OnFailure", "Never"];
    let containers = spec
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("spec.containers[{i}]"), c, false));
    let inits = spec
        .init_containers
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, c)| (format!("spec.initContainers[{i}]"), c, true));
    for (path, c, init) in containers.chain(inits) {
        let sidecar = init && c.restart_policy.as_deref() == Some("Always");
        let has_rules = c
            .restart_policy_rules
            .as_ref()
            .is_some_and(|r| !r.is_empty());
        if has_rules && !v.at_least(34) {
            // Before 1.34 the field does not exist: strict field validation rejects the request
            // before any other check (`strict decoding error: unknown field ...`).
            let p = format!("{path}.restartPolicyRules");
            e.push(&p, format!("unknown field \"{p}\""));
            continue;
        }
        if let Some(rp) = c.restart_policy.as_deref() {
            match (init, gate) {
                // Gate off: "These fields are disallowed for regular containers".
                (false, false) => e.forbidden(
                    format!("{path}.restartPolicy"),
                    "may not be set for non-init containers",
                ),
                // Gate off: an init container may only be a sidecar.
                (true, false) if rp != "Always" => {
                    e.not_supported(format!("{path}.restartPolicy"), rp, &["Always"])
                }
                _ if !POLICIES.contains(&rp) => {
                    e.not_supported(format!("{path}.restartPolicy"), rp, &POLICIES)
                }
                _ => {}
            }
        }
        let Some(rules) = c.restart_policy_rules.as_ref().filter(|r| !r.is_empty()) else {
            continue;
        };
        let rules_path = format!("{path}.restartPolicyRules");
        if !gate {
            // 1.34+ with the gate off: the API server drops the field it does not serve.
            e.warn(&rules_path, "dropped: the ContainerRestartRules feature gate is off in this version, so the API server clears the field and the rules have no effect");
            continue;
        }
        if sidecar && !restart_all {
            // `GetValidationOptionsFromPodSpecAndMeta`: `AllowRestartAllContainers` "also allows
            // restart rules on sidecar containers"; without the gate the API server refuses them.
            // The wording of that error is not modelled.
            e.warn(&rules_path, "rules on a sidecar need the RestartAllContainersOnContainerExits feature gate (off in this version): the API server refuses them; podlife ignores the rules (the refusal's exact wording is not modelled)");
            continue;
        }
        if c.restart_policy.is_none() {
            // The API documents "container MUST set RestartPolicy explicitly" with rules; the
            // exact wording of this error is podlife's.
            e.required(
                format!("{path}.restartPolicy"),
                "must be set when restartPolicyRules are used",
            );
        }
        if rules.len() > 20 {
            if v.at_least(36) {
                e.push(
                    &rules_path,
                    format!("Too many: {}: must have at most 20 items", rules.len()),
                );
            } else {
                e.push(&rules_path, "Too long: may not be more than 20 bytes");
            }
        }
        // The supported values the message lists: 1.35 listed only "Restart" even with the
        // RestartAllContainersOnContainerExits gate on (#137368, fixed in 1.36 by #137369).
        let listed: &[&str] = if v.at_least(36) {
            &["Restart", "RestartAllContainers"]
        } else {
            &["Restart"]
        };
        for (j, r) in rules.iter().enumerate() {
            let rp = format!("{rules_path}[{j}]");
            let ok = r.action == "Restart" || (r.action == "RestartAllContainers" && restart_all);
            if !ok {
                e.not_supported(format!("{rp}.action"), &r.action, listed);
            }
            match &r.exit_codes {
                None => e.required(format!("{rp}.exitCodes"), "must be specified"),
                Some(x) => {
                    if !["In", "NotIn"].contains(&x.operator.as_str()) {
                        e.not_supported(
                            format!("{rp}.exitCodes.operator"),
                            &x.operator,
                            &["In", "NotIn"],
                        );
                    }
                    let n = x.values.as_ref().map_or(0, Vec::len);
                    if n > 255 {
                        if v.at_least(36) {
                            e.push(
                                format!("{rp}.exitCodes.values"),
                                format!("Too many: {n}: must have at most 255 items"),
                            );
                        } else {
                            e.push(
                                format!("{rp}.exitCodes.values"),
                                "Too long: may not be more than 255 bytes",
                            );
                        }
                    }
                }
            }
        }
    }
    validate_stop_signals(&mut e, spec, settings);
    e.0
}

/// `lifecycle.stopSignal` (KEP-4960, gate `ContainerStopSignals`, alpha and off 1.33–1.37).
/// Gate off: `dropContainerStopSignals` (`pkg/api/pod/util.go`) clears the field. Gate on:
/// `validateStopSignal` (`pkg/apis/core/validation/validation.go`) forbids it without
/// `spec.os.name` and accepts only the signals of that OS.
///
/// rule: stop-signal
fn validate_stop_signals(e: &mut Errs, spec: &PodSpec, settings: &crate::Settings) {
    let gate = settings.gate(crate::FeatureGate::ContainerStopSignals);
    let os = spec.os.as_ref().map(|o| o.name.as_str());
    let all = spec
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("spec.containers[{i}]"), c))
        .chain(
            spec.init_containers
                .iter()
                .flatten()
                .enumerate()
                .map(|(i, c)| (format!("spec.initContainers[{i}]"), c)),
        );
    for (path, c) in all {
        let Some(sig) = c.lifecycle.as_ref().and_then(|l| l.stop_signal.as_deref()) else {
            continue;
        };
        let p = format!("{path}.lifecycle.stopSignal");
        if !gate {
            e.warn(&p, "dropped: the ContainerStopSignals feature gate is off in this version (alpha), so the API server clears the field and the image's STOPSIGNAL (else SIGTERM) is sent");
            continue;
        }
        match os {
            None | Some("") => e.forbidden(
                &p,
                "may not be set for containers with empty `spec.os.name`",
            ),
            Some("windows") if !["SIGKILL", "SIGTERM"].contains(&sig) => {
                e.not_supported(&p, sig, &["SIGKILL", "SIGTERM"])
            }
            Some("windows") => {}
            _ if !LINUX_STOP_SIGNALS.contains(&sig) => e.not_supported(&p, sig, LINUX_STOP_SIGNALS),
            _ => {
                if crate::process::Signal::parse(sig).is_none() {
                    e.warn(&p, format!("{sig} is a valid stop signal, but podlife does not model what a process does on it: it sends the image's STOPSIGNAL (else SIGTERM) instead"));
                }
            }
        }
    }
}

/// `supportedStopSignalsLinux` (`pkg/apis/core/validation/validation.go`).
const LINUX_STOP_SIGNALS: &[&str] = &[
    "SIGABRT",
    "SIGALRM",
    "SIGBUS",
    "SIGCHLD",
    "SIGCLD",
    "SIGCONT",
    "SIGFPE",
    "SIGHUP",
    "SIGILL",
    "SIGINT",
    "SIGIO",
    "SIGIOT",
    "SIGKILL",
    "SIGPIPE",
    "SIGPOLL",
    "SIGPROF",
    "SIGPWR",
    "SIGQUIT",
    "SIGSEGV",
    "SIGSTKFLT",
    "SIGSTOP",
    "SIGSYS",
    "SIGTERM",
    "SIGTRAP",
    "SIGTSTP",
    "SIGTTIN",
    "SIGTTOU",
    "SIGURG",
    "SIGUSR1",
    "SIGUSR2",
    "SIGVTALRM",
    "SIGWINCH",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGRTMIN",
    "SIGRTMIN+1",
    "SIGRTMIN+2",
    "SIGRTMIN+3",
    "SIGRTMIN+4",
    "SIGRTMIN+5",
    "SIGRTMIN+6",
    "SIGRTMIN+7",
    "SIGRTMIN+8",
    "SIGRTMIN+9",
    "SIGRTMIN+10",
    "SIGRTMIN+11",
    "SIGRTMIN+12",
    "SIGRTMIN+13",
    "SIGRTMIN+14",
    "SIGRTMIN+15",
    "SIGRTMAX-14",
    "SIGRTMAX-13",
    "SIGRTMAX-12",
    "SIGRTMAX-11",
    "SIGRTMAX-10",
    "SIGRTMAX-9",
    "SIGRTMAX-8",
    "SIGRTMAX-7",
    "SIGRTMAX-6",
    "SIGRTMAX-5",
    "SIGRTMAX-4",
    "SIGRTMAX-3",
    "SIGRTMAX-2",
    "SIGRTMAX-1",
    "SIGRTMAX",
];

pub fn validate(pod: &Pod) -> Vec<Issue> {
    let mut e = Errs::default();
    // ValidateObjectMeta with ValidatePodName (DNS-1123 subdomain).
    match pod.metadata.name.as_deref() {
        None | Some("") => e.required("metadata.name", "name or generateName is required"),
        Some(n) => {
            for m in dns1123_subdomain_errors(n) {
                e.invalid_str("metadata.name", n, &m);
            }
        }
    }
    let Some(spec) = &pod.spec else {
        e.required("spec.containers", "");
        return e.0;
    };
    let grace = spec.termination_grace_period_seconds.unwrap_or(30);

    // validateContainers
    if spec.containers.is_empty() {
        e.required("spec.containers", "");
    }
    let mut all_names: HashSet<&str> = HashSet::new();
    for (i, c) in spec.containers.iter().enumerate() {
        let path = format!("spec.containers[{i}]");
        validate_common(&mut e, &ctr(c), &path);
        if !c.name.is_empty() && !all_names.insert(&c.name) {
            e.duplicate(format!("{path}.name"), &c.name);
        }
        validate_probes_and_hooks(&mut e, c, grace, &path);
        // `restartPolicy` / `restartPolicyRules` depend on the version: [`validate_versioned`].
    }

    // validateInitContainers
    for (i, c) in spec.init_containers.iter().flatten().enumerate() {
        let path = format!("spec.initContainers[{i}]");
        validate_common(&mut e, &ctr(c), &path);
        if !c.name.is_empty() && !all_names.insert(&c.name) {
            e.duplicate(format!("{path}.name"), &c.name);
        }
        // Other values of `restartPolicy` depend on the version: [`validate_versioned`].
        let restart_always = c.restart_policy.as_deref() == Some("Always");
        if restart_always {
            validate_probes_and_hooks(&mut e, c, grace, &path);
        } else {
            const MSG: &str = "may not be set for init containers without restartPolicy=Always";
            if c.lifecycle.is_some() {
                e.forbidden(format!("{path}.lifecycle"), MSG);
            }
            if c.liveness_probe.is_some() {
                e.forbidden(format!("{path}.livenessProbe"), MSG);
            }
            if c.readiness_probe.is_some() {
                e.forbidden(format!("{path}.readinessProbe"), MSG);
            }
            if c.startup_probe.is_some() {
                e.forbidden(format!("{path}.startupProbe"), MSG);
            }
        }
        if c.resize_policy.as_ref().is_some_and(|r| !r.is_empty()) {
            e.push(
                format!("{path}.resizePolicy"),
                "Invalid value: must not be set for init containers",
            );
        }
    }

    // validateEphemeralContainers. The API rejects them on create ("cannot be set on create");
    // podlife accepts them and adds them at the time the scenario says (`kubectl debug`).
    let eph = spec.ephemeral_containers.as_deref().unwrap_or(&[]);
    if !eph.is_empty() {
        e.warn(
            "spec.ephemeralContainers",
            "the API server rejects ephemeral containers on create (they are added with `kubectl debug`); podlife adds them to the running pod",
        );
    }
    let targets: HashSet<&str> = spec
        .containers
        .iter()
        .chain(spec.init_containers.iter().flatten())
        .map(|c| c.name.as_str())
        .collect();
    for (i, c) in eph.iter().enumerate() {
        let path = format!("spec.ephemeralContainers[{i}]");
        validate_common(&mut e, &eph_ctr(c), &path);
        if !c.name.is_empty() && !all_names.insert(&c.name) {
            e.duplicate(format!("{path}.name"), &c.name);
        }
        validate_ephemeral_forbidden(&mut e, c, &path);
        if let Some(t) = c.target_container_name.as_deref().filter(|t| !t.is_empty()) {
            if !targets.contains(t) {
                e.push(
                    format!("{path}.targetContainerName"),
                    format!("Not found: {}", quote(t)),
                );
            }
        }
    }

    // validateRestartPolicy
    let rp = spec.restart_policy.as_deref().unwrap_or("");
    match rp {
        "Always" | "OnFailure" | "Never" => {}
        "" => e.required("spec.restartPolicy", ""),
        _ => e.not_supported("spec.restartPolicy", rp, &["Always", "OnFailure", "Never"]),
    }
    // validateDNSPolicy
    let dp = spec.dns_policy.as_deref().unwrap_or("");
    if !["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"].contains(&dp) {
        e.not_supported(
            "spec.dnsPolicy",
            dp,
            &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
        );
    }
    if let Some(g) = spec.termination_grace_period_seconds {
        if g < 0 {
            e.invalid_num("spec.terminationGracePeriodSeconds", g, NON_NEGATIVE);
        }
    }
    // `ValidatePodSpec`: `value < 1 || value > math.MaxInt32` →
    // `validation.InclusiveRangeError(1, math.MaxInt32)`.
    // rule: api-validation
    if let Some(a) = spec.active_deadline_seconds {
        if !(1..=i32::MAX as i64).contains(&a) {
            e.invalid_num(
                "spec.activeDeadlineSeconds",
                a,
                "must be between 1 and 2147483647, inclusive",
            );
        }
    }
    e.0
}

fn eph_ctr(c: &EphemeralContainer) -> Ctr<'_> {
    Ctr {
        name: &c.name,
        image: c.image.as_deref(),
        image_pull_policy: c.image_pull_policy.as_deref(),
        termination_message_policy: c.termination_message_policy.as_deref(),
        ports: &[],
    }
}

/// `validateEphemeralContainers`: fields outside the allow-list are forbidden
/// ("cannot be set for an Ephemeral Container").
fn validate_ephemeral_forbidden(e: &mut Errs, c: &EphemeralContainer, path: &str) {
    const MSG: &str = "cannot be set for an Ephemeral Container";
    let set = [
        ("ports", c.ports.as_ref().is_some_and(|p| !p.is_empty())),
        ("livenessProbe", c.liveness_probe.is_some()),
        ("readinessProbe", c.readiness_probe.is_some()),
        ("startupProbe", c.startup_probe.is_some()),
        ("lifecycle", c.lifecycle.is_some()),
        ("resources", c.resources.is_some()),
        (
            "resizePolicy",
            c.resize_policy.as_ref().is_some_and(|r| !r.is_empty()),
        ),
        ("restartPolicy", c.restart_policy.is_some()),
    ];
    for (name, is_set) in set {
        if is_set {
            e.forbidden(format!("{path}.{name}"), MSG);
        }
    }
}
