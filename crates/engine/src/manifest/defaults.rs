//! API server defaulting of a Pod (what `kubectl get pod -o yaml` shows that the user did not
//! write). Source: `pkg/apis/core/v1/defaults.go`. Defaulting replaces only zero values (absent
//! fields or `0`), so it runs before validation: a negative value stays negative and fails.
//!
//! rule: api-defaults

use k8s_openapi::api::core::v1::{
    Container, EphemeralContainer, HTTPGetAction, Lifecycle, LifecycleHandler, Pod, Probe,
};

/// `DefaultTerminationGracePeriodSeconds` (`pkg/apis/core/types.go`).
pub const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS: i64 = 30;

/// Split an image reference into (repository, tag, digest) by the docker reference grammar: the
/// digest follows `@`; the tag is after the last `:` that follows the last `/` (a registry
/// `host:port/` is not a tag).
pub fn split_image(image: &str) -> (&str, Option<&str>, Option<&str>) {
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    let last_slash = name.rfind('/').map(|i| i + 1).unwrap_or(0);
    match name[last_slash..].rfind(':') {
        Some(i) => (
            &name[..last_slash + i],
            Some(&name[last_slash + i + 1..]),
            digest,
        ),
        None => (name, None, digest),
    }
}

/// The tag `parsers.ParseImageName` reports for `image`: `Some("latest")` when there is neither a
/// tag nor a digest, `None` for a digest-only or unparsable reference.
/// Source: `pkg/util/parsers/parsers.go` `ParseImageName` (docker reference grammar: the tag is
/// after the last `:` that follows the last `/`; a registry `host:port/` is not a tag).
pub fn image_tag(image: &str) -> Option<String> {
    if image.is_empty() || image.trim() != image {
        return None;
    }
    let (repo, tag, digest) = split_image(image);
    // The path components (after an optional domain) must be lowercase.
    let path = match repo.split_once('/') {
        Some((domain, rest))
            if domain.contains('.') || domain.contains(':') || domain == "localhost" =>
        {
            rest
        }
        _ => repo,
    };
    if path.is_empty()
        || path.chars().any(|c| c.is_ascii_uppercase())
        || path.contains(char::is_whitespace)
    {
        return None;
    }
    match (tag, digest) {
        (Some(t), _) if !t.is_empty() => Some(t.to_string()),
        (Some(_), _) => None,
        (None, Some(_)) => None,
        (None, None) => Some("latest".to_string()),
    }
}

/// `SetDefaults_Container` `imagePullPolicy`: `Always` for tag `latest` (including no tag and no
/// digest), else `IfNotPresent`.
pub fn default_pull_policy(image: &str) -> &'static str {
    if image_tag(image).as_deref() == Some("latest") {
        "Always"
    } else {
        "IfNotPresent"
    }
}

fn zero_or_none_i32(v: &mut Option<i32>, default: i32) {
    if v.unwrap_or(0) == 0 {
        *v = Some(default);
    }
}

/// `SetDefaults_HTTPGetAction`: path `/`, scheme `HTTP`.
fn default_http_get(h: &mut HTTPGetAction) {
    if h.path.as_deref().unwrap_or("").is_empty() {
        h.path = Some("/".to_string());
    }
    if h.scheme.as_deref().unwrap_or("").is_empty() {
        h.scheme = Some("HTTP".to_string());
    }
}

/// `SetDefaults_Probe`: timeoutSeconds 1, periodSeconds 10, successThreshold 1,
/// failureThreshold 3 (zero values replaced); plus the handler's `SetDefaults_HTTPGetAction`.
fn default_probe(p: &mut Probe) {
    zero_or_none_i32(&mut p.timeout_seconds, 1);
    zero_or_none_i32(&mut p.period_seconds, 10);
    zero_or_none_i32(&mut p.success_threshold, 1);
    zero_or_none_i32(&mut p.failure_threshold, 3);
    if let Some(h) = &mut p.http_get {
        default_http_get(h);
    }
}

fn default_handler(h: &mut LifecycleHandler) {
    if let Some(g) = &mut h.http_get {
        default_http_get(g);
    }
}

fn default_lifecycle(l: &mut Lifecycle) {
    if let Some(h) = &mut l.post_start {
        default_handler(h);
    }
    if let Some(h) = &mut l.pre_stop {
        default_handler(h);
    }
}

/// The fields shared by `Container` and `EphemeralContainer` that defaulting touches.
struct Common<'a> {
    image: &'a Option<String>,
    image_pull_policy: &'a mut Option<String>,
    termination_message_path: &'a mut Option<String>,
    termination_message_policy: &'a mut Option<String>,
    ports: &'a mut Option<Vec<k8s_openapi::api::core::v1::ContainerPort>>,
    probes: [&'a mut Option<Probe>; 3],
    lifecycle: &'a mut Option<Lifecycle>,
}

/// `SetDefaults_Container` (+ `SetDefaults_ContainerPort`, probes, hooks).
fn default_common(c: Common<'_>) {
    if c.image_pull_policy.as_deref().unwrap_or("").is_empty() {
        *c.image_pull_policy =
            Some(default_pull_policy(c.image.as_deref().unwrap_or("")).to_string());
    }
    if c.termination_message_path
        .as_deref()
        .unwrap_or("")
        .is_empty()
    {
        *c.termination_message_path = Some("/dev/termination-log".to_string());
    }
    if c.termination_message_policy
        .as_deref()
        .unwrap_or("")
        .is_empty()
    {
        *c.termination_message_policy = Some("File".to_string());
    }
    for p in c.ports.iter_mut().flatten() {
        if p.protocol.as_deref().unwrap_or("").is_empty() {
            p.protocol = Some("TCP".to_string());
        }
    }
    for p in c.probes.into_iter().flatten() {
        default_probe(p);
    }
    if let Some(l) = c.lifecycle {
        default_lifecycle(l);
    }
}

fn default_container(c: &mut Container) {
    default_common(Common {
        image: &c.image,
        image_pull_policy: &mut c.image_pull_policy,
        termination_message_path: &mut c.termination_message_path,
        termination_message_policy: &mut c.termination_message_policy,
        ports: &mut c.ports,
        probes: [
            &mut c.liveness_probe,
            &mut c.readiness_probe,
            &mut c.startup_probe,
        ],
        lifecycle: &mut c.lifecycle,
    });
}

fn default_ephemeral(c: &mut EphemeralContainer) {
    default_common(Common {
        image: &c.image,
        image_pull_policy: &mut c.image_pull_policy,
        termination_message_path: &mut c.termination_message_path,
        termination_message_policy: &mut c.termination_message_policy,
        ports: &mut c.ports,
        probes: [
            &mut c.liveness_probe,
            &mut c.readiness_probe,
            &mut c.startup_probe,
        ],
        lifecycle: &mut c.lifecycle,
    });
}

/// 64-bit FNV-1a, for deterministic names and UIDs.
pub fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0u8)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// A deterministic, UUID-shaped `metadata.uid` derived from namespace and name (the API server
/// would generate a random UUID; podlife has no randomness here).
pub fn deterministic_uid(namespace: &str, name: &str) -> String {
    let a = fnv1a(&[namespace, name]);
    let b = fnv1a(&[name, namespace, "uid"]);
    let hex = format!("{a:016x}{b:016x}");
    format!(
        "{}-{}-4{}-8{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// Apply the API server's defaults in place (`SetDefaults_Pod`, `SetDefaults_PodSpec`, and the
/// container, probe and handler defaulters), plus what the API request path sets:
/// `metadata.namespace` (`default`, as kubectl sends it) and a deterministic `metadata.uid`.
pub fn apply(pod: &mut Pod) {
    let ns = pod
        .metadata
        .namespace
        .get_or_insert_with(|| "default".to_string());
    if ns.is_empty() {
        *ns = "default".to_string();
    }
    let ns = ns.clone();
    let name = pod.metadata.name.clone().unwrap_or_default();
    if pod.metadata.uid.as_deref().unwrap_or("").is_empty() {
        pod.metadata.uid = Some(deterministic_uid(&ns, &name));
    }
    let Some(spec) = pod.spec.as_mut() else {
        return;
    };
    if spec.dns_policy.as_deref().unwrap_or("").is_empty() {
        spec.dns_policy = Some("ClusterFirst".to_string());
    }
    if spec.restart_policy.as_deref().unwrap_or("").is_empty() {
        spec.restart_policy = Some("Always".to_string());
    }
    if spec.security_context.is_none() {
        spec.security_context = Some(Default::default());
    }
    match spec.termination_grace_period_seconds {
        None => {
            spec.termination_grace_period_seconds = Some(DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS)
        }
        // 1.27+: a negative grace period is converted to 1 (PR #115606, `SetDefaults_Pod`).
        // rule: negative-grace-period
        Some(g) if g < 0 => spec.termination_grace_period_seconds = Some(1),
        _ => {}
    }
    if spec.scheduler_name.as_deref().unwrap_or("").is_empty() {
        spec.scheduler_name = Some("default-scheduler".to_string());
    }
    if spec.enable_service_links.is_none() {
        spec.enable_service_links = Some(true);
    }
    for c in spec.containers.iter_mut() {
        default_container(c);
    }
    for c in spec.init_containers.iter_mut().flatten() {
        default_container(c);
    }
    for c in spec.ephemeral_containers.iter_mut().flatten() {
        default_ephemeral(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// defaults.go `SetDefaults_Container` via `parsers.ParseImageName`.
    #[test]
    fn pull_policy_from_image() {
        for (img, want) in [
            ("nginx", "Always"),
            ("nginx:latest", "Always"),
            ("nginx:1.25", "IfNotPresent"),
            ("localhost:5000/img", "Always"),
            ("localhost:5000/img:v1", "IfNotPresent"),
            ("registry.k8s.io/busybox", "Always"),
            (
                "192.168.11.247/web-demo/goweb-demo:20221229v3",
                "IfNotPresent",
            ),
            (
                "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "IfNotPresent",
            ),
            ("busybox:latest@sha256:0123", "Always"),
        ] {
            assert_eq!(default_pull_policy(img), want, "{img}");
        }
    }

    #[test]
    fn uid_is_uuid_shaped_and_stable() {
        let u = deterministic_uid("default", "web");
        assert_eq!(u, deterministic_uid("default", "web"));
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert_ne!(u, deterministic_uid("default", "web2"));
    }
}
