//! Manifest parsing: YAML → defaulted, validated `k8s_openapi` Pod, with located diagnostics.
//!
//! Architecture invariant: parsing never fails. [`parse`] returns whatever it could build plus
//! every problem it found, each located (1-based line and column in the whole pasted text).
//!
//! Pipeline, per document (`---`):
//! 1. YAML syntax (serde_yaml, with its recursion and alias limits) → located error;
//! 2. `kind` / `apiVersion` dispatch: a Pod, or a workload whose pod template is played
//!    (Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job, CronJob);
//!    `kind: Scenario` documents go to [`crate::scenario`];
//! 3. typed deserialization into the `k8s_openapi` type with unknown fields collected
//!    (`serde_ignored`) — errors, as with the API server's strict field validation
//!    (`kubectl apply --validate=strict`, the default since 1.27) — and type errors located by
//!    field path (`serde_path_to_error`);
//! 4. API server defaulting ([`defaults`], `pkg/apis/core/v1/defaults.go`);
//! 5. API server validation ([`validate`], `pkg/apis/core/validation/validation.go`).
//!
//! rule: strict-field-validation

pub mod defaults;
pub mod locate;
pub mod validate;

use crate::diagnostics::{Diagnostic, Severity};
use crate::scenario::Scenario;
use k8s_openapi::api::core::v1::{Pod, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use locate::LocationIndex;
use serde::de::DeserializeOwned;

/// What parsing found. Parsing never fails: `pod` is `None` only when no Pod could be built.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// The defaulted Pod (API server defaults applied), also when validation found errors.
    pub pod: Option<Pod>,
    /// The `kind:` of the document the pod came from (`Pod`, `Deployment`, `Job`, ...).
    pub source_kind: String,
    /// Where the pod spec sits in that document: `""` for a Pod, `spec.template.` for a
    /// workload (field paths of diagnostics start with it).
    pub prefix: String,
    /// A `kind: Scenario` document after the Pod, if any.
    pub scenario: Option<Scenario>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The largest input accepted (the API server's own request limit is 3 MiB; a Pod is far
/// smaller). Larger pastes are rejected before any parsing.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// The workload kinds podlife plays, with their `apiVersion`.
pub const SUPPORTED_KINDS: [(&str, &str); 8] = [
    ("Pod", "v1"),
    ("Deployment", "apps/v1"),
    ("ReplicaSet", "apps/v1"),
    ("ReplicationController", "v1"),
    ("StatefulSet", "apps/v1"),
    ("DaemonSet", "apps/v1"),
    ("Job", "batch/v1"),
    ("CronJob", "batch/v1"),
];

fn expected_api_version(kind: &str) -> Option<&'static str> {
    SUPPORTED_KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, v)| *v)
}

/// One `---`-separated document of the input.
struct Doc<'a> {
    text: &'a str,
    /// Lines before the document's first line (add to a 1-based line inside the document).
    line_offset: usize,
}

/// Split `text` at document markers (`---` at column 0, optionally followed by a space or
/// comment; `...` ends a document).
fn split_documents(text: &str) -> Vec<Doc<'_>> {
    let mut docs = vec![];
    let mut start_byte = 0;
    let mut start_line = 0;
    let mut pos = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let l = line.trim_end_matches(['\n', '\r']);
        let is_marker =
            |m: &str| l == m || l.starts_with(&format!("{m} ")) || l.starts_with(&format!("{m}\t"));
        if is_marker("---") || is_marker("...") {
            docs.push(Doc {
                text: &text[start_byte..pos],
                line_offset: start_line,
            });
            start_byte = pos + line.len();
            start_line = i + 1;
        }
        pos += line.len();
    }
    docs.push(Doc {
        text: &text[start_byte..],
        line_offset: start_line,
    });
    docs
}

/// serde_yaml's message without its trailing ` at line L column C`.
fn yaml_message(e: &serde_yaml::Error) -> String {
    let s = e.to_string();
    let s = match s.rfind(" at line ") {
        Some(i) if s[i..].contains(" column ") => s[..i].to_string(),
        _ => s,
    };
    s.replace("expected i32", "expected an integer")
        .replace("expected i64", "expected an integer")
}

/// A located diagnostic builder for one document.
struct Locator<'a> {
    doc: &'a Doc<'a>,
    index: LocationIndex,
}

impl<'a> Locator<'a> {
    fn new(doc: &'a Doc<'a>) -> Self {
        Locator {
            doc,
            index: LocationIndex::build(doc.text),
        }
    }

    fn at(&self, d: Diagnostic, path: &str) -> Diagnostic {
        match self.index.find(path) {
            Some((l, c)) => d.at(l + self.doc.line_offset, c),
            None => d.at(self.doc.line_offset + 1, 1),
        }
    }

    fn error(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        self.at(Diagnostic::error(path, message), path)
    }

    fn warning(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        self.at(Diagnostic::warning(path, message), path)
    }

    /// The position of the value of the scalar key at `path` (e.g. the `Service` of
    /// `kind: Service`), falling back to the key.
    fn value_error(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        let d = Diagnostic::error(path, message);
        let Some((l, c)) = self.index.get(path) else {
            return self.at(d, path);
        };
        let line = self.doc.text.lines().nth(l - 1).unwrap_or("");
        let after_key = line
            .char_indices()
            .skip(c - 1)
            .find(|(_, ch)| *ch == ':')
            .map(|(i, _)| i + 1);
        let col = after_key
            .and_then(|i| {
                line[i..]
                    .char_indices()
                    .find(|(_, ch)| !ch.is_whitespace())
                    .map(|(j, _)| line[..i + j].chars().count() + 1)
            })
            .unwrap_or(c);
        d.at(l + self.doc.line_offset, col)
    }
}

/// `serde_ignored::Path` → API-server style path (`spec.containers[0].livenessProbe.x`),
/// skipping the `Some`/newtype segments.
fn ignored_path(p: &serde_ignored::Path<'_>) -> String {
    let mut segs: Vec<String> = vec![];
    let mut cur = p;
    loop {
        match cur {
            serde_ignored::Path::Root => break,
            serde_ignored::Path::Seq { parent, index } => {
                segs.push(format!("[{index}]"));
                cur = parent;
            }
            serde_ignored::Path::Map { parent, key } => {
                segs.push(key.clone());
                cur = parent;
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => cur = parent,
        }
    }
    join_segments(segs.into_iter().rev())
}

fn join_segments(segs: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    for s in segs {
        if !s.starts_with('[') && !out.is_empty() {
            out.push('.');
        }
        out.push_str(&s);
    }
    out
}

/// `serde_path_to_error::Path` → API-server style path.
fn error_path(p: &serde_path_to_error::Path) -> String {
    join_segments(p.iter().filter_map(|s| match s {
        serde_path_to_error::Segment::Seq { index } => Some(format!("[{index}]")),
        serde_path_to_error::Segment::Map { key } => Some(key.clone()),
        serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
        serde_path_to_error::Segment::Unknown => None,
    }))
}

/// Field names that appear in Pod manifests, for "did you mean" hints on unknown fields.
const KNOWN_FIELDS: &[&str] = &[
    "apiVersion",
    "kind",
    "metadata",
    "name",
    "generateName",
    "namespace",
    "labels",
    "annotations",
    "spec",
    "containers",
    "initContainers",
    "ephemeralContainers",
    "image",
    "imagePullPolicy",
    "command",
    "args",
    "workingDir",
    "ports",
    "containerPort",
    "hostPort",
    "protocol",
    "env",
    "envFrom",
    "value",
    "valueFrom",
    "resources",
    "limits",
    "requests",
    "volumeMounts",
    "mountPath",
    "subPath",
    "readOnly",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
    "postStart",
    "preStop",
    "exec",
    "httpGet",
    "tcpSocket",
    "grpc",
    "sleep",
    "seconds",
    "path",
    "port",
    "host",
    "scheme",
    "httpHeaders",
    "initialDelaySeconds",
    "timeoutSeconds",
    "periodSeconds",
    "successThreshold",
    "failureThreshold",
    "terminationGracePeriodSeconds",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "restartPolicy",
    "securityContext",
    "stdin",
    "tty",
    "targetContainerName",
    "volumes",
    "emptyDir",
    "configMap",
    "secret",
    "hostPath",
    "nodeName",
    "nodeSelector",
    "tolerations",
    "affinity",
    "activeDeadlineSeconds",
    "dnsPolicy",
    "hostNetwork",
    "serviceAccountName",
    "schedulerName",
    "priorityClassName",
    "readinessGates",
    "template",
    "selector",
    "matchLabels",
    "replicas",
    "jobTemplate",
    "schedule",
    "backoffLimit",
    "completions",
    "parallelism",
    "serviceName",
    "strategy",
    "service",
    "shareProcessNamespace",
    "automountServiceAccountToken",
    "imagePullSecrets",
    "runAsUser",
    "stopSignal",
];

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = if a[i - 1] == b[j - 1] { 0 } else { 1 };
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn did_you_mean(field: &str) -> Option<&'static str> {
    if field.len() < 3 || field.len() > 64 {
        return None;
    }
    let lower = field.to_ascii_lowercase();
    KNOWN_FIELDS
        .iter()
        .map(|k| (edit_distance(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 6) && *d < k.len() / 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Deserialize `T` from a document's text, collecting unknown fields. Strict field validation:
/// unknown fields are errors (`unknown field "<path>"`, as the API server reports them).
fn deserialize<T: DeserializeOwned>(loc: &Locator<'_>, diags: &mut Vec<Diagnostic>) -> Option<T> {
    let mut track = serde_path_to_error::Track::new();
    let mut unknown: Vec<String> = vec![];
    // YAML merge keys (`<<: *base`) are resolved first, as kubectl's YAML decoder does
    // (sigs.k8s.io/yaml → go-yaml v2 applies merges); serde_yaml does it on request.
    let merged = loc
        .doc
        .text
        .contains("<<")
        .then(|| serde_yaml::from_str::<serde_yaml::Value>(loc.doc.text).ok())
        .flatten()
        .and_then(|mut v| v.apply_merge().ok().map(|_| v));
    let result: Result<T, serde_yaml::Error> = match merged {
        Some(v) => {
            let pde = serde_path_to_error::Deserializer::new(v, &mut track);
            serde_ignored::deserialize(pde, |p| unknown.push(ignored_path(&p)))
        }
        None => {
            let de = serde_yaml::Deserializer::from_str(loc.doc.text);
            let pde = serde_path_to_error::Deserializer::new(de, &mut track);
            serde_ignored::deserialize(pde, |p| unknown.push(ignored_path(&p)))
        }
    };
    for path in &unknown {
        let field = path.rsplit(['.', ']']).next().unwrap_or(path);
        let mut msg = format!("unknown field \"{path}\"");
        if let Some(s) = did_you_mean(field).filter(|s| *s != field) {
            msg.push_str(&format!(" (did you mean \"{s}\"?)"));
        }
        diags.push(loc.error(path, msg));
    }
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            let path = error_path(&track.path());
            let msg = yaml_message(&e);
            let d = if let Some(field) = msg
                .strip_prefix("missing field `")
                .and_then(|m| m.strip_suffix('`'))
            {
                // A required field (`name`, `containers`, `port`, ...) — the API server's
                // `Required value`.
                let full = if path.is_empty() {
                    field.to_string()
                } else {
                    format!("{path}.{field}")
                };
                loc.at(Diagnostic::error(full, "Required value"), &path)
            } else {
                let d = Diagnostic::error(path.clone(), msg);
                match e.location() {
                    Some(l) => d.at(l.line() + loc.doc.line_offset, l.column()),
                    None => loc.at(d, &path),
                }
            };
            diags.push(d);
            None
        }
    }
}

const SUFFIX_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// `n` characters of the alphabet `k8s.io/apimachinery/pkg/util/rand` uses for generated names,
/// derived deterministically from `seed`.
fn name_chars(seed: &[&str], n: usize) -> String {
    let mut h = defaults::fnv1a(seed);
    (0..n)
        .map(|_| {
            let c = SUFFIX_ALPHABET[(h % SUFFIX_ALPHABET.len() as u64) as usize] as char;
            h = (h / SUFFIX_ALPHABET.len() as u64)
                ^ defaults::fnv1a(&[&c.to_string(), &h.to_string()]);
            c
        })
        .collect()
}

/// A Pod built from a workload's pod template: the name, labels and owner the controller would
/// give it (deterministic stand-ins for the random parts).
///
/// Names: controllers create pods with `generateName: <owner>-`, completed by the API server
/// with 5 random characters (`staging/src/k8s.io/apiserver/pkg/storage/names/generate.go`
/// `GenerateName`, alphabet of `k8s.io/apimachinery/pkg/util/rand` `String`); a Deployment's
/// ReplicaSet is `<deployment>-<pod-template-hash>` (`pkg/controller/deployment/sync.go`
/// `getNewReplicaSet`); a StatefulSet's first pod is `<name>-0`
/// (`pkg/controller/statefulset/stateful_set_utils.go` `getPodName`); a CronJob's Job is
/// `<cronjob>-<scheduled time in minutes>` (`pkg/controller/cronjob/utils.go` `getJobName`).
///
/// rule: generated-pod-name
fn pod_from_template(kind: &str, meta: &ObjectMeta, template: PodTemplateSpec) -> Pod {
    let name = meta.name.clone().unwrap_or_default();
    let ns = meta.namespace.clone();
    let tmeta = template.metadata.unwrap_or_default();
    let mut labels = tmeta.labels.clone().unwrap_or_default();
    let owner = |kind: &str, name: String| OwnerReference {
        api_version: expected_api_version(kind).unwrap_or("v1").to_string(),
        kind: kind.to_string(),
        name: name.clone(),
        uid: defaults::deterministic_uid(
            ns.as_deref().unwrap_or("default"),
            &format!("{kind}/{name}"),
        ),
        controller: Some(true),
        block_owner_deletion: Some(true),
    };
    let (pod_name, owner_ref) = match kind {
        // The ReplicaSet is `<deployment>-<pod-template-hash>`.
        "Deployment" => {
            let hash = name_chars(&[&name, "pod-template-hash"], 10);
            labels.insert("pod-template-hash".into(), hash.clone());
            let rs = format!("{name}-{hash}");
            (
                format!("{rs}-{}", name_chars(&[&name, "pod"], 5)),
                owner("ReplicaSet", rs),
            )
        }
        "StatefulSet" => {
            labels.insert("apps.kubernetes.io/pod-index".into(), "0".into());
            labels.insert(
                "statefulset.kubernetes.io/pod-name".into(),
                format!("{name}-0"),
            );
            (format!("{name}-0"), owner(kind, name.clone()))
        }
        "Job" | "CronJob" => {
            // A CronJob's Job is `<cronjob>-<scheduled time in minutes since the Unix epoch>`.
            let job = if kind == "CronJob" {
                format!("{name}-{}", crate::kubectl::CREATION_EPOCH / 60)
            } else {
                name.clone()
            };
            labels.insert("batch.kubernetes.io/job-name".into(), job.clone());
            labels.insert("job-name".into(), job.clone());
            (
                format!("{job}-{}", name_chars(&[&job, "pod"], 5)),
                owner("Job", job),
            )
        }
        "DaemonSet" => {
            labels.insert("pod-template-generation".into(), "1".into());
            (
                format!("{name}-{}", name_chars(&[&name, "pod"], 5)),
                owner(kind, name.clone()),
            )
        }
        _ => (
            format!("{name}-{}", name_chars(&[&name, "pod"], 5)),
            owner(kind, name.clone()),
        ),
    };
    Pod {
        metadata: ObjectMeta {
            name: Some(pod_name),
            namespace: ns,
            labels: if labels.is_empty() {
                None
            } else {
                Some(labels)
            },
            annotations: tmeta.annotations,
            owner_references: Some(vec![owner_ref]),
            ..Default::default()
        },
        spec: template.spec,
        status: None,
    }
}

/// The fields of the seven workload specs podlife accepts (Deployment, ReplicaSet,
/// ReplicationController, StatefulSet, DaemonSet, Job, CronJob), as one shape: the pod template is
/// typed (and strictly checked); the other fields are only checked to exist for the kind.
///
/// One shared shape instead of seven `k8s_openapi` workload types keeps the WASM bundle small
/// (each typed workload re-instantiates the whole pod-template deserializer).
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct WorkloadSpec {
    template: Option<PodTemplateSpec>,
    job_template: Option<JobTemplate>,
    replicas: Option<serde_yaml::Value>,
    selector: Option<serde_yaml::Value>,
    strategy: Option<serde_yaml::Value>,
    min_ready_seconds: Option<serde_yaml::Value>,
    revision_history_limit: Option<serde_yaml::Value>,
    paused: Option<serde_yaml::Value>,
    progress_deadline_seconds: Option<serde_yaml::Value>,
    service_name: Option<serde_yaml::Value>,
    volume_claim_templates: Option<serde_yaml::Value>,
    pod_management_policy: Option<serde_yaml::Value>,
    update_strategy: Option<serde_yaml::Value>,
    persistent_volume_claim_retention_policy: Option<serde_yaml::Value>,
    ordinals: Option<serde_yaml::Value>,
    parallelism: Option<serde_yaml::Value>,
    completions: Option<serde_yaml::Value>,
    active_deadline_seconds: Option<serde_yaml::Value>,
    pod_failure_policy: Option<serde_yaml::Value>,
    success_policy: Option<serde_yaml::Value>,
    backoff_limit: Option<serde_yaml::Value>,
    backoff_limit_per_index: Option<serde_yaml::Value>,
    max_failed_indexes: Option<serde_yaml::Value>,
    manual_selector: Option<serde_yaml::Value>,
    ttl_seconds_after_finished: Option<serde_yaml::Value>,
    completion_mode: Option<serde_yaml::Value>,
    suspend: Option<serde_yaml::Value>,
    pod_replacement_policy: Option<serde_yaml::Value>,
    managed_by: Option<serde_yaml::Value>,
    schedule: Option<serde_yaml::Value>,
    time_zone: Option<serde_yaml::Value>,
    starting_deadline_seconds: Option<serde_yaml::Value>,
    concurrency_policy: Option<serde_yaml::Value>,
    successful_jobs_history_limit: Option<serde_yaml::Value>,
    failed_jobs_history_limit: Option<serde_yaml::Value>,
}

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct JobTemplate {
    #[allow(dead_code)]
    metadata: Option<ObjectMeta>,
    spec: Option<Box<WorkloadSpec>>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Workload {
    #[allow(dead_code)]
    api_version: Option<String>,
    #[allow(dead_code)]
    kind: Option<String>,
    #[serde(default)]
    metadata: ObjectMeta,
    spec: Option<WorkloadSpec>,
    #[allow(dead_code)]
    status: Option<serde_yaml::Value>,
}

impl WorkloadSpec {
    /// The spec fields present that `kind`'s spec does not have, as `(field, api name)`.
    fn foreign_fields(&self, kind: &str) -> Vec<&'static str> {
        let present: [(&'static str, bool); 33] = [
            ("replicas", self.replicas.is_some()),
            ("selector", self.selector.is_some()),
            ("strategy", self.strategy.is_some()),
            ("minReadySeconds", self.min_ready_seconds.is_some()),
            (
                "revisionHistoryLimit",
                self.revision_history_limit.is_some(),
            ),
            ("paused", self.paused.is_some()),
            (
                "progressDeadlineSeconds",
                self.progress_deadline_seconds.is_some(),
            ),
            ("serviceName", self.service_name.is_some()),
            (
                "volumeClaimTemplates",
                self.volume_claim_templates.is_some(),
            ),
            ("podManagementPolicy", self.pod_management_policy.is_some()),
            ("updateStrategy", self.update_strategy.is_some()),
            (
                "persistentVolumeClaimRetentionPolicy",
                self.persistent_volume_claim_retention_policy.is_some(),
            ),
            ("ordinals", self.ordinals.is_some()),
            ("parallelism", self.parallelism.is_some()),
            ("completions", self.completions.is_some()),
            (
                "activeDeadlineSeconds",
                self.active_deadline_seconds.is_some(),
            ),
            ("podFailurePolicy", self.pod_failure_policy.is_some()),
            ("successPolicy", self.success_policy.is_some()),
            ("backoffLimit", self.backoff_limit.is_some()),
            (
                "backoffLimitPerIndex",
                self.backoff_limit_per_index.is_some(),
            ),
            ("maxFailedIndexes", self.max_failed_indexes.is_some()),
            ("manualSelector", self.manual_selector.is_some()),
            (
                "ttlSecondsAfterFinished",
                self.ttl_seconds_after_finished.is_some(),
            ),
            ("completionMode", self.completion_mode.is_some()),
            ("suspend", self.suspend.is_some()),
            (
                "podReplacementPolicy",
                self.pod_replacement_policy.is_some(),
            ),
            ("managedBy", self.managed_by.is_some()),
            ("schedule", self.schedule.is_some()),
            ("timeZone", self.time_zone.is_some()),
            (
                "startingDeadlineSeconds",
                self.starting_deadline_seconds.is_some(),
            ),
            ("concurrencyPolicy", self.concurrency_policy.is_some()),
            (
                "successfulJobsHistoryLimit",
                self.successful_jobs_history_limit.is_some(),
            ),
            (
                "failedJobsHistoryLimit",
                self.failed_jobs_history_limit.is_some(),
            ),
        ];
        // The spec fields of each kind (k8s.io/api apps/v1, core/v1, batch/v1).
        let allowed: &[&str] = match kind {
            "Deployment" => &[
                "replicas",
                "selector",
                "strategy",
                "minReadySeconds",
                "revisionHistoryLimit",
                "paused",
                "progressDeadlineSeconds",
            ],
            "ReplicaSet" | "ReplicationController" => &["replicas", "selector", "minReadySeconds"],
            "StatefulSet" => &[
                "replicas",
                "selector",
                "serviceName",
                "volumeClaimTemplates",
                "podManagementPolicy",
                "updateStrategy",
                "revisionHistoryLimit",
                "minReadySeconds",
                "persistentVolumeClaimRetentionPolicy",
                "ordinals",
            ],
            "DaemonSet" => &[
                "selector",
                "updateStrategy",
                "minReadySeconds",
                "revisionHistoryLimit",
            ],
            "Job" => &[
                "parallelism",
                "completions",
                "activeDeadlineSeconds",
                "podFailurePolicy",
                "successPolicy",
                "backoffLimit",
                "backoffLimitPerIndex",
                "maxFailedIndexes",
                "selector",
                "manualSelector",
                "ttlSecondsAfterFinished",
                "completionMode",
                "suspend",
                "podReplacementPolicy",
                "managedBy",
            ],
            "CronJob" => &[
                "schedule",
                "timeZone",
                "startingDeadlineSeconds",
                "concurrencyPolicy",
                "suspend",
                "successfulJobsHistoryLimit",
                "failedJobsHistoryLimit",
            ],
            _ => &[],
        };
        present
            .iter()
            .filter(|(name, on)| *on && !allowed.contains(name))
            .map(|(name, _)| *name)
            .collect()
    }
}

/// The workload: its metadata and pod template, with the template's path prefix.
fn load_workload(
    kind: &str,
    loc: &Locator<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Pod, &'static str)> {
    if kind == "Pod" {
        return deserialize::<Pod>(loc, diags).map(|p| (p, ""));
    }
    if !SUPPORTED_KINDS.iter().any(|(k, _)| *k == kind) {
        return None;
    }
    let w = deserialize::<Workload>(loc, diags)?;
    let Some(spec) = w.spec else {
        diags.push(loc.error("spec", "Required value"));
        return None;
    };
    let mut unknown = |spec: &WorkloadSpec, prefix: &str, kind: &str| {
        for f in spec.foreign_fields(kind) {
            let path = format!("{prefix}{f}");
            diags.push(loc.error(&path, format!("unknown field \"{path}\"")));
        }
    };
    if kind == "CronJob" {
        unknown(&spec, "spec.", "CronJob");
        let Some(jt) = spec.job_template else {
            diags.push(loc.error("spec.jobTemplate", "Required value"));
            return None;
        };
        let job = jt.spec.unwrap_or_default();
        unknown(&job, "spec.jobTemplate.spec.", "Job");
        let Some(t) = job.template else {
            diags.push(loc.error("spec.jobTemplate.spec.template", "Required value"));
            return None;
        };
        return Some((
            pod_from_template(kind, &w.metadata, t),
            "spec.jobTemplate.spec.template.",
        ));
    }
    unknown(&spec, "spec.", kind);
    if spec.job_template.is_some() {
        diags.push(loc.error("spec.jobTemplate", "unknown field \"spec.jobTemplate\""));
    }
    let Some(t) = spec.template else {
        diags.push(loc.error("spec.template", "Required value"));
        return None;
    };
    Some((pod_from_template(kind, &w.metadata, t), "spec.template."))
}

/// Checks of a workload's pod template that the workload's own validation makes
/// (`pkg/apis/apps/validation/validation.go` `ValidatePodTemplateSpecForReplicaSet` /
/// `ValidateDeploymentSpec` etc.: restartPolicy must be `Always`;
/// `pkg/apis/batch/validation/validation.go` `validateJobSpec`: `OnFailure` or `Never`).
fn template_restart_policy(
    kind: &str,
    pod: &Pod,
    prefix: &str,
    loc: &Locator<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let rp = pod
        .spec
        .as_ref()
        .and_then(|s| s.restart_policy.as_deref())
        .unwrap_or("");
    let allowed: &[&str] = match kind {
        "Job" | "CronJob" => &["OnFailure", "Never"],
        "Pod" => return,
        _ => &["Always"],
    };
    if !rp.is_empty() && !allowed.contains(&rp) {
        let list = allowed
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let path = format!("{prefix}spec.restartPolicy");
        diags.push(loc.error(
            &path,
            format!("Unsupported value: \"{rp}\": supported values: {list}"),
        ));
    }
}

/// Parse a pasted manifest. See the module documentation.
pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    if text.len() > MAX_INPUT_BYTES {
        parsed.diagnostics.push(
            Diagnostic::error(
                "",
                format!(
                    "the input is {} bytes; podlife accepts manifests of at most {} bytes (1 MiB)",
                    text.len(),
                    MAX_INPUT_BYTES
                ),
            )
            .at(1, 1),
        );
        return parsed;
    }
    let docs = split_documents(text);
    let mut workload_found = false;
    let mut unsupported: Vec<Diagnostic> = vec![];
    let mut ignored: Vec<Diagnostic> = vec![];
    let mut any_object = false;

    for doc in &docs {
        let value: serde_yaml::Value = match serde_yaml::from_str(doc.text) {
            Ok(v) => v,
            Err(e) => {
                let mut d = Diagnostic::error("", format!("invalid YAML: {}", yaml_message(&e)));
                d = match e.location() {
                    Some(l) => d.at(l.line() + doc.line_offset, l.column()),
                    None => d.at(doc.line_offset + 1, 1),
                };
                parsed.diagnostics.push(d);
                continue;
            }
        };
        if value.is_null() {
            continue;
        }
        any_object = true;
        let loc = Locator::new(doc);
        let serde_yaml::Value::Mapping(map) = &value else {
            parsed.diagnostics.push(loc.error(
                "",
                "invalid object: expected a YAML mapping with apiVersion, kind, metadata and spec",
            ));
            continue;
        };
        let kind = map
            .get("kind")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let api_version = map
            .get("apiVersion")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        if kind == "Scenario" {
            match crate::scenario::from_value_at(doc.text, doc.line_offset) {
                Ok(s) => match &mut parsed.scenario {
                    Some(prev) => prev.merge(s),
                    None => parsed.scenario = Some(s),
                },
                // Scenario checks that carry no position are located by their path.
                Err(ds) => parsed.diagnostics.extend(ds.into_iter().map(|d| {
                    if d.line.is_some() {
                        d
                    } else {
                        let path = d.path.clone();
                        loc.at(d, &path)
                    }
                })),
            }
            continue;
        }
        if kind.is_empty() {
            let snippet: String = doc.text.trim().chars().take(60).collect();
            let d = loc.error("kind", format!("Object 'Kind' is missing in '{snippet}'"));
            if workload_found {
                ignored.push(Diagnostic {
                    offset: None,
                    severity: Severity::Warning,
                    ..d
                });
            } else {
                unsupported.push(d);
            }
            continue;
        }
        let Some(want_api) = expected_api_version(&kind) else {
            let d = loc.value_error(
                "kind",
                format!(
                    "Unsupported value: \"{kind}\": podlife plays Pods (or a workload with a pod template: Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job, CronJob)"
                ),
            );
            if workload_found {
                ignored.push(Diagnostic {
                    offset: None,
                    severity: Severity::Warning,
                    message: format!(
                        "ignored: podlife plays one Pod; this {kind} is not simulated"
                    ),
                    ..d
                });
            } else {
                unsupported.push(d);
            }
            continue;
        };
        if workload_found {
            ignored.push(loc.warning("kind", format!("ignored: podlife plays one Pod; this {kind} (a second workload) is not simulated")));
            continue;
        }
        workload_found = true;
        parsed.source_kind = kind.clone();
        // Objects before the workload that podlife cannot play (a Namespace, a ConfigMap) are
        // only worth a warning once a workload is found.
        for d in unsupported.drain(..) {
            let message = if d.message.starts_with("Unsupported value") {
                "ignored: podlife plays one Pod; this object is not simulated".to_string()
            } else {
                d.message.clone()
            };
            ignored.push(Diagnostic {
                offset: None,
                severity: Severity::Warning,
                message,
                ..d
            });
        }
        if api_version.is_empty() {
            parsed.diagnostics.push(loc.error(
                "apiVersion",
                format!("Required value: apiVersion not set (a {kind} is {want_api})"),
            ));
            continue;
        }
        if api_version != want_api {
            parsed.diagnostics.push(loc.value_error(
                "apiVersion",
                format!("Invalid value: \"{api_version}\": no matches for kind \"{kind}\" in version \"{api_version}\" (a {kind} is {want_api})"),
            ));
            continue;
        }
        let Some((mut pod, prefix)) = load_workload(&kind, &loc, &mut parsed.diagnostics) else {
            continue;
        };
        let templated = !prefix.is_empty();
        parsed.prefix = prefix.to_string();
        // metadata.generateName (Pods only): the API server appends 5 random characters.
        if !templated && pod.metadata.name.as_deref().unwrap_or("").is_empty() {
            if let Some(g) = pod.metadata.generate_name.clone().filter(|g| !g.is_empty()) {
                pod.metadata.name = Some(format!("{g}{}", name_chars(&[&g], 5)));
            }
        }
        if templated {
            // The workload's own name is what the user wrote (and what names the pod).
            let wname = map
                .get("metadata")
                .and_then(|m| m.get("name"))
                .and_then(|n| n.as_str())
                .unwrap_or("");
            if wname.is_empty() {
                parsed.diagnostics.push(loc.error(
                    "metadata.name",
                    "Required value: name or generateName is required",
                ));
            } else {
                for m in validate::dns1123_subdomain_errors(wname) {
                    parsed.diagnostics.push(
                        loc.error("metadata.name", format!("Invalid value: \"{wname}\": {m}")),
                    );
                }
            }
        }
        defaults::apply(&mut pod);
        template_restart_policy(&kind, &pod, prefix, &loc, &mut parsed.diagnostics);
        for issue in validate::validate(&pod) {
            if templated && issue.path.starts_with("metadata.") {
                continue;
            }
            let path = format!("{prefix}{}", issue.path);
            let d = match issue.severity {
                Severity::Error => loc.error(&path, issue.message),
                Severity::Warning => loc.warning(&path, issue.message),
            };
            parsed.diagnostics.push(d);
        }
        parsed.pod = Some(pod);
    }

    if !workload_found {
        parsed.diagnostics.append(&mut unsupported);
        if !any_object && !parsed.diagnostics.iter().any(Diagnostic::is_error) {
            parsed.diagnostics.push(
                Diagnostic::error(
                    "",
                    "no Kubernetes object found: paste a Pod manifest (or a Deployment, Job, ...)",
                )
                .at(1, 1),
            );
        }
    }
    parsed.diagnostics.append(&mut ignored);
    parsed
        .diagnostics
        .sort_by_key(|d| (d.line.unwrap_or(0), d.column.unwrap_or(0)));
    parsed
}

/// The position (1-based line and column in the whole `text`) of the field `path` of the
/// workload document (the first Pod or workload; else the first document), or of its nearest
/// written ancestor. For the UI's line marks.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    if text.len() > MAX_INPUT_BYTES {
        return None;
    }
    let docs = split_documents(text);
    let is_workload = |d: &Doc<'_>| {
        d.text.lines().any(|l| {
            l.strip_prefix("kind:")
                .map(|k| {
                    expected_api_version(
                        k.split('#')
                            .next()
                            .unwrap_or("")
                            .trim()
                            .trim_matches(['"', '\'']),
                    )
                    .is_some()
                })
                .unwrap_or(false)
        })
    };
    let doc = docs
        .iter()
        .find(|d| is_workload(d))
        .or_else(|| docs.iter().find(|d| !d.text.trim().is_empty()))?;
    let idx = LocationIndex::build(doc.text);
    idx.find(path).map(|(l, c)| (l + doc.line_offset, c))
}

#[cfg(test)]
mod tests;
