//! The Pod object as the API server stores it: the defaulted Pod ([`PodInfo::object`]) plus what
//! admission adds on create, and the fields the kubelet's runtime reports (container and image
//! IDs). `kubectl describe` and `kubectl get -o yaml` read the pod through this view.
//!
//! rule: stored-pod
//!
//! * ServiceAccount admission (`plugin/pkg/admission/serviceaccount/admission.go`): sets
//!   `serviceAccountName: default` and, unless `automountServiceAccountToken: false`, adds the
//!   projected volume `kube-api-access-<5 random chars>` and mounts it read-only at
//!   `/var/run/secrets/kubernetes.io/serviceaccount` in every init and regular container that
//!   has no mount there (`mountServiceAccountToken`). Mirror pods are left alone.
//! * DefaultTolerationSeconds admission (`plugin/pkg/admission/defaulttolerationseconds`):
//!   `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable`, `NoExecute`,
//!   `Exists`, 300 s, unless already tolerated.
//! * `SetDefaults_Pod` (`pkg/apis/core/v1/defaults.go`): requests default to limits for
//!   containers that set limits only (applied here idempotently).
//! * Static pods (`pkg/kubelet/config/common.go` `applyDefaults`): the kubelet adds the
//!   `:NoExecute op=Exists` toleration and the `kubernetes.io/config.*` annotations; the mirror
//!   pod gets `kubernetes.io/config.mirror` and is controlled by its Node.
//!
//! Random parts (the volume suffix, container IDs, image digests, the config hash) are
//! deterministic stand-ins derived from the pod's UID and names with FNV-1a.

use super::quantity::{self, Quantity};
use crate::manifest::defaults::fnv1a;
use crate::timeline::{ContainerKind, ContainerState, ContainerStatus, PodInfo};
use k8s_openapi::api::core::v1::{
    ConfigMapProjection, Container, DownwardAPIProjection, DownwardAPIVolumeFile, KeyToPath,
    ObjectFieldSelector, ProjectedVolumeSource, ResourceRequirements,
    ServiceAccountTokenProjection, Toleration, Volume, VolumeMount, VolumeProjection,
};
use std::collections::BTreeMap;

/// `DefaultAPITokenMountPath`.
pub const SERVICE_ACCOUNT_MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// `utilrand.String`'s alphabet (no vowels, no confusable digits).
const RAND_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// `n` characters of `utilrand.String`'s alphabet, derived from `seed`.
pub fn rand_string(seed: &[&str], n: usize) -> String {
    let mut h = fnv1a(seed);
    (0..n)
        .map(|i| {
            if i > 0 && i % 8 == 0 {
                h = fnv1a(&[&h.to_string(), "more"]);
            }
            let c = RAND_ALPHABET[(h % RAND_ALPHABET.len() as u64) as usize] as char;
            h /= RAND_ALPHABET.len() as u64;
            c
        })
        .collect()
}

/// SplitMix64's finaliser: spreads FNV's output so consecutive chunks look unrelated.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// `n` lowercase hex digits derived from `seed`.
pub fn hex_digest(seed: &[&str], n: usize) -> String {
    let h = fnv1a(seed);
    let mut out = String::new();
    let mut i = 0u64;
    while out.len() < n {
        i += 1;
        out.push_str(&format!(
            "{:016x}",
            mix(h.wrapping_add(i.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
        ));
    }
    out.truncate(n);
    out
}

/// A container image reference as the runtime reports it: `busybox` →
/// `docker.io/library/busybox:latest` (`docker/reference` `ParseNormalizedNamed` + `TagNameOnly`).
pub fn normalize_image(image: &str) -> String {
    let (repo, tag, digest) = crate::manifest::defaults::split_image(image);
    let first = repo.split('/').next().unwrap_or("");
    let has_domain =
        repo.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let full = if has_domain {
        repo.to_string()
    } else if repo.contains('/') {
        format!("docker.io/{repo}")
    } else {
        format!("docker.io/library/{repo}")
    };
    match (tag, digest) {
        (_, Some(d)) => format!("{full}@{d}"),
        (Some(t), None) => format!("{full}:{t}"),
        (None, None) => format!("{full}:latest"),
    }
}

/// `imageID` as containerd reports it: the repository with the image's digest
/// (`docker.io/library/busybox@sha256:…`). The digest is a stand-in unless the reference pins one.
pub fn image_id(image: &str) -> String {
    let normalized = normalize_image(image);
    if let Some((repo, d)) = normalized.split_once('@') {
        return format!("{repo}@{d}");
    }
    let repo = match normalized.rfind(':') {
        Some(i) if i > normalized.rfind('/').unwrap_or(0) => &normalized[..i],
        _ => normalized.as_str(),
    };
    format!("{repo}@sha256:{}", hex_digest(&[&normalized, "image"], 64))
}

/// The runtime ID of a container instance (`containerd://<64 hex>`); instance `restart_count`
/// of container `name`.
pub fn container_id(pod: &PodInfo, name: &str, restart_count: u32) -> String {
    format!(
        "containerd://{}",
        hex_digest(&[&pod.uid, name, &restart_count.to_string()], 64)
    )
}

/// Which instance a published status describes: the current one for running and terminated
/// states, the last terminated one while waiting to restart, none before the first start.
/// (`convertContainerStatus`: `ContainerID` is the newest runtime container's.)
pub fn status_instance(s: &ContainerStatus) -> Option<u32> {
    match (&s.state, &s.last_state) {
        // Removed by `RestartAllContainers` and not created again: no container ID.
        (ContainerState::Waiting { .. }, last) if removed_by_reset(last.as_ref()) => None,
        (ContainerState::Waiting { .. }, Some(ContainerState::Terminated { .. })) => {
            Some(s.restart_count)
        }
        (ContainerState::Waiting { .. }, _) => None,
        _ => Some(s.restart_count),
    }
}

/// A last state left by a `RestartAllContainers` reset (the container was removed, KEP-5532).
pub fn removed_by_reset(last: Option<&ContainerState>) -> bool {
    matches!(last, Some(ContainerState::Terminated { reason, .. }) if reason == "RestartingAllContainers")
}

/// `(containerID, imageID)` of a published container status; empty strings before the
/// container was first created.
pub fn status_ids(pod: &PodInfo, s: &ContainerStatus) -> (String, String) {
    match status_instance(s) {
        Some(k) => (container_id(pod, &s.name, k), image_id(&s.image)),
        None => (String::new(), String::new()),
    }
}

/// The stored pod: spec after admission, plus the mirror-pod metadata.
#[derive(Clone, Debug, Default)]
pub struct StoredPod {
    /// `spec.serviceAccountName` (empty for mirror pods).
    pub service_account: String,
    pub priority: i32,
    pub priority_class_name: Option<String>,
    pub runtime_class_name: Option<String>,
    pub annotations: BTreeMap<String, String>,
    /// `Controlled By:` (`Kind/name`).
    pub controlled_by: Option<String>,
    /// Init containers, regular containers, ephemeral containers — admitted (mounts, defaulted
    /// requests), keyed by name.
    pub containers: Vec<Container>,
    pub volumes: Vec<Volume>,
    pub node_selector: BTreeMap<String, String>,
    pub tolerations: Vec<Toleration>,
    pub pod_resources: Option<ResourceRequirements>,
    pub qos_class: &'static str,
}

impl StoredPod {
    pub fn container(&self, name: &str) -> Option<&Container> {
        self.containers.iter().find(|c| c.name == name)
    }
}

fn toleration(key: Option<&str>, effect: &str, seconds: Option<i64>) -> Toleration {
    Toleration {
        key: key.map(str::to_string),
        operator: Some("Exists".into()),
        effect: Some(effect.into()),
        toleration_seconds: seconds,
        value: None,
    }
}

/// `SetDefaults_Pod`: a container's requests default to its limits.
fn default_requests(r: &mut Option<ResourceRequirements>) {
    if let Some(r) = r.as_mut() {
        if let Some(limits) = &r.limits {
            let requests = r.requests.get_or_insert_with(BTreeMap::new);
            for (k, v) in limits {
                requests.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
    }
}

/// `qos.GetPodQOS` → `ComputePodQOS` (`pkg/apis/core/helper/qos/qos.go`, kubectl's copy in
/// `staging/src/k8s.io/kubectl/pkg/util/qos`): only cpu and memory count; zero quantities are
/// ignored; Guaranteed needs cpu and memory limits on every container (or at pod level) and
/// requests equal to limits; pod-level resources, when set, decide alone.
pub fn compute_qos(
    init: &[Container],
    regular: &[Container],
    pod_level: Option<&ResourceRequirements>,
) -> &'static str {
    let supported = |n: &str| n == "cpu" || n == "memory";
    let mut requests: BTreeMap<String, i128> = BTreeMap::new();
    let mut limits: BTreeMap<String, i128> = BTreeMap::new();
    let mut guaranteed = true;
    let mut process = |r: Option<&ResourceRequirements>| {
        let Some(r) = r else {
            guaranteed = false;
            return;
        };
        for (name, q) in r.requests.iter().flatten() {
            let v = Quantity::parse(&q.0).map(|q| q.nanos).unwrap_or(0);
            if supported(name) && v > 0 {
                *requests.entry(name.clone()).or_insert(0) += v;
            }
        }
        let mut found = vec![];
        for (name, q) in r.limits.iter().flatten() {
            let v = Quantity::parse(&q.0).map(|q| q.nanos).unwrap_or(0);
            if supported(name) && v > 0 {
                found.push(name.clone());
                *limits.entry(name.clone()).or_insert(0) += v;
            }
        }
        if !(found.iter().any(|n| n == "cpu") && found.iter().any(|n| n == "memory")) {
            guaranteed = false;
        }
    };
    match pod_level {
        Some(p) => process(Some(p)),
        None => {
            for c in regular.iter().chain(init) {
                process(c.resources.as_ref());
            }
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort";
    }
    if guaranteed
        && requests.iter().all(|(k, v)| limits.get(k) == Some(v))
        && requests.len() == limits.len()
    {
        return "Guaranteed";
    }
    "Burstable"
}

/// The kube-api-access projected volume (`createVolume`): token (3607 s), the cluster CA
/// (`kube-root-ca.crt`), the namespace (downward API); mode 0644.
fn api_access_volume(name: &str) -> Volume {
    Volume {
        name: name.to_string(),
        projected: Some(ProjectedVolumeSource {
            default_mode: Some(420),
            sources: Some(vec![
                VolumeProjection {
                    service_account_token: Some(ServiceAccountTokenProjection {
                        expiration_seconds: Some(3607),
                        path: "token".into(),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                VolumeProjection {
                    config_map: Some(ConfigMapProjection {
                        name: "kube-root-ca.crt".into(),
                        items: Some(vec![KeyToPath {
                            key: "ca.crt".into(),
                            path: "ca.crt".into(),
                            ..Default::default()
                        }]),
                        optional: None,
                    }),
                    ..Default::default()
                },
                VolumeProjection {
                    downward_api: Some(DownwardAPIProjection {
                        items: Some(vec![DownwardAPIVolumeFile {
                            path: "namespace".into(),
                            field_ref: Some(ObjectFieldSelector {
                                api_version: Some("v1".into()),
                                field_path: "metadata.namespace".into(),
                            }),
                            ..Default::default()
                        }]),
                    }),
                    ..Default::default()
                },
            ]),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Build the stored view of `pod`.
pub fn stored(pod: &PodInfo) -> StoredPod {
    let obj = &pod.object;
    let spec = obj.spec.clone().unwrap_or_default();
    let mut annotations = obj.metadata.annotations.clone().unwrap_or_default();

    // Containers: from the object when it has them, else from the static describe info.
    let from_info = |kind: ContainerKind| -> Vec<Container> {
        pod.describe
            .iter()
            .filter(|c| {
                c.kind == kind || (kind == ContainerKind::Init && c.kind == ContainerKind::Sidecar)
            })
            .map(|c| Container {
                name: c.name.clone(),
                image: Some(c.image.clone()),
                ..Default::default()
            })
            .collect()
    };
    let has_spec = obj.spec.is_some();
    let mut init: Vec<Container> = if has_spec {
        spec.init_containers.clone().unwrap_or_default()
    } else {
        from_info(ContainerKind::Init)
    };
    let mut regular: Vec<Container> = if has_spec {
        spec.containers.clone()
    } else {
        from_info(ContainerKind::Regular)
    };
    let ephemeral: Vec<Container> = if has_spec {
        spec.ephemeral_containers
            .iter()
            .flatten()
            .map(|e| Container {
                name: e.name.clone(),
                image: e.image.clone(),
                env: e.env.clone(),
                env_from: e.env_from.clone(),
                volume_mounts: e.volume_mounts.clone(),
                resources: e.resources.clone(),
                ..Default::default()
            })
            .collect()
    } else {
        from_info(ContainerKind::Ephemeral)
    };
    for c in init.iter_mut().chain(regular.iter_mut()) {
        default_requests(&mut c.resources);
    }

    let mut volumes = spec.volumes.clone().unwrap_or_default();
    let mut tolerations = spec.tolerations.clone().unwrap_or_default();
    let mut service_account = spec
        .service_account_name
        .clone()
        .or_else(|| spec.service_account.clone())
        .filter(|s| !s.is_empty())
        .unwrap_or_default();
    let mut controlled_by = pod.controlled_by.clone();

    if pod.static_pod {
        // The kubelet's file source: config hash = the pod UID it generates (an MD5 of the pod).
        let hash = hex_digest(&[&pod.namespace, &pod.name, "config.hash"], 32);
        let frac =
            u64::from_str_radix(&hex_digest(&[&hash, "seen"], 12), 16).unwrap_or(0) % 1_000_000_000;
        let frac = format!("{frac:09}");
        let frac = frac.trim_end_matches('0');
        // Seen by the kubelet just before the mirror pod was created (RFC 3339 with nanoseconds).
        let base = super::time::format_rfc3339(crate::time::Time::from_secs(-1));
        let seen = if frac.is_empty() {
            base
        } else {
            format!("{}.{frac}Z", base.trim_end_matches('Z'))
        };
        annotations.insert("kubernetes.io/config.hash".into(), hash.clone());
        annotations.insert("kubernetes.io/config.mirror".into(), hash);
        annotations.insert("kubernetes.io/config.seen".into(), seen);
        annotations.insert("kubernetes.io/config.source".into(), "file".into());
        let exists_no_execute = |t: &Toleration| {
            t.key.as_deref().unwrap_or("").is_empty()
                && t.operator.as_deref() == Some("Exists")
                && t.effect.as_deref() == Some("NoExecute")
                && t.value.as_deref().unwrap_or("").is_empty()
        };
        // `AddOrUpdateTolerationInPod`.
        if !tolerations.iter().any(exists_no_execute) {
            tolerations.push(toleration(None, "NoExecute", None));
        }
        if controlled_by.is_none() && !pod.node.is_empty() {
            controlled_by = Some(format!("Node/{}", pod.node));
        }
    } else {
        // ServiceAccount admission.
        if service_account.is_empty() {
            service_account = "default".into();
        }
        if spec.automount_service_account_token != Some(false) {
            let existing = volumes
                .iter()
                .find(|v| v.name.starts_with("kube-api-access-"))
                .map(|v| v.name.clone());
            let name = existing.clone().unwrap_or_else(|| {
                format!(
                    "kube-api-access-{}",
                    rand_string(&[&pod.uid, "kube-api-access"], 5)
                )
            });
            let mount = VolumeMount {
                name: name.clone(),
                read_only: Some(true),
                mount_path: SERVICE_ACCOUNT_MOUNT_PATH.into(),
                ..Default::default()
            };
            let mut needs_volume = false;
            for c in init.iter_mut().chain(regular.iter_mut()) {
                let mounts = c.volume_mounts.get_or_insert_with(Vec::new);
                if !mounts
                    .iter()
                    .any(|m| m.mount_path == SERVICE_ACCOUNT_MOUNT_PATH)
                {
                    mounts.push(mount.clone());
                    needs_volume = true;
                }
            }
            if existing.is_none() && needs_volume {
                volumes.push(api_access_volume(&name));
            }
        }
    }

    // DefaultTolerationSeconds admission.
    let tolerates = |key: &str, ts: &[Toleration]| {
        ts.iter().any(|t| {
            let k = t.key.as_deref().unwrap_or("");
            let e = t.effect.as_deref().unwrap_or("");
            (k == key || k.is_empty()) && (e == "NoExecute" || e.is_empty())
        })
    };
    for key in [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ] {
        if !tolerates(key, &tolerations) {
            tolerations.push(toleration(Some(key), "NoExecute", Some(300)));
        }
    }

    // Priority admission: built-in classes, everything else resolves to the default 0.
    let priority = spec
        .priority
        .unwrap_or(match spec.priority_class_name.as_deref() {
            Some("system-node-critical") => 2_000_001_000,
            Some("system-cluster-critical") => 2_000_000_000,
            _ => 0,
        });
    let qos_class = compute_qos(&init, &regular, spec.resources.as_ref());
    let mut containers = init;
    containers.extend(regular);
    containers.extend(ephemeral);
    StoredPod {
        service_account: if pod.static_pod {
            String::new()
        } else {
            service_account
        },
        priority,
        priority_class_name: spec.priority_class_name.clone().filter(|s| !s.is_empty()),
        runtime_class_name: spec.runtime_class_name.clone().filter(|s| !s.is_empty()),
        annotations,
        controlled_by,
        containers,
        volumes,
        node_selector: spec.node_selector.clone().unwrap_or_default(),
        tolerations,
        pod_resources: spec.resources.clone(),
        qos_class,
    }
}

/// A resource list for `describe` (`SortedResourceNames`, `quantity.String()`).
pub fn resource_lines(
    list: Option<&BTreeMap<String, k8s_openapi::apimachinery::pkg::api::resource::Quantity>>,
) -> Vec<(String, String)> {
    list.into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), quantity::canonical(&v.0)))
        .collect()
}
