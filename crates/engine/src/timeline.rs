//! The engine's output: plain, serialisable data that views and the CLI only read.
//!
//! Architecture invariant: nothing in this module simulates. A [`Timeline`] is produced once by
//! [`crate::simulate`] and is then immutable; [`Timeline::status_at`] is a lookup (binary search
//! over published status snapshots) plus the pure kubectl column computation.
//!
//! All times are whole milliseconds since pod creation (`metadata.creationTimestamp` = 0), as a
//! [`Time`]; the JSON contract prints them as seconds.

use serde::{Deserialize, Serialize};

pub use crate::time::{Duration, Time};

/// An event's type (`corev1.EventTypeNormal` / `EventTypeWarning`); serialised as the API string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EventType {
    Normal,
    Warning,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

impl std::fmt::Display for EventType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// `status.phase` (`corev1.PodPhase`); serialised as the API string.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    #[default]
    Pending,
    Running,
    Succeeded,
    Failed,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Pending => "Pending",
            Phase::Running => "Running",
            Phase::Succeeded => "Succeeded",
            Phase::Failed => "Failed",
        }
    }

    /// Succeeded or Failed: a terminal phase never changes again.
    pub fn is_terminal(self) -> bool {
        matches!(self, Phase::Succeeded | Phase::Failed)
    }
}

impl std::str::FromStr for Phase {
    type Err = String;
    fn from_str(s: &str) -> Result<Phase, String> {
        match s {
            "Pending" => Ok(Phase::Pending),
            "Running" => Ok(Phase::Running),
            "Succeeded" => Ok(Phase::Succeeded),
            "Failed" => Ok(Phase::Failed),
            _ => Err(format!("unknown pod phase {s:?}")),
        }
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// The pod's `restartPolicy` (`PodInfo::restart_policy` keeps the API string).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RestartPolicy {
    Always,
    OnFailure,
    Never,
}

impl RestartPolicy {
    /// The API value; anything else is the default, Always (validation rejects it earlier).
    pub fn parse(s: &str) -> RestartPolicy {
        match s {
            "OnFailure" => RestartPolicy::OnFailure,
            "Never" => RestartPolicy::Never,
            _ => RestartPolicy::Always,
        }
    }
}

/// A container's effective `imagePullPolicy` (`corev1.PullPolicy`); serialised as the API string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PullPolicy {
    Always,
    IfNotPresent,
    Never,
}

impl PullPolicy {
    /// The API value; `None` for anything else (validation rejects it earlier).
    pub fn parse(s: &str) -> Option<PullPolicy> {
        match s {
            "Always" => Some(PullPolicy::Always),
            "IfNotPresent" => Some(PullPolicy::IfNotPresent),
            "Never" => Some(PullPolicy::Never),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PullPolicy::Always => "Always",
            PullPolicy::IfNotPresent => "IfNotPresent",
            PullPolicy::Never => "Never",
        }
    }
}

impl std::fmt::Display for PullPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// How a lifecycle hook run ended; serialised in lower case (`success`, `failed`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HookResult {
    Success,
    Failed,
    /// The kubelet stopped waiting (the grace period ran out during a preStop hook).
    Abandoned,
    /// Still running at the horizon.
    Running,
}

impl HookResult {
    pub fn as_str(self) -> &'static str {
        match self {
            HookResult::Success => "success",
            HookResult::Failed => "failed",
            HookResult::Abandoned => "abandoned",
            HookResult::Running => "running",
        }
    }
}

impl std::fmt::Display for HookResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// Why a probe worker's tick did nothing (`worker.go` `doProbe`, kubelet-semantics §3.2). The
/// timeline carries its [`SkipReason::message`] as the skipped tick's `detail`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SkipReason {
    /// Step 5: the worker holds after a liveness/startup trip until the container restarts.
    OnHold,
    /// Step 8: `initialDelaySeconds` since the container started has not elapsed.
    InitialDelay,
    /// Step 9: liveness and readiness wait for the startup probe to succeed.
    NotStarted,
}

impl SkipReason {
    pub const ALL: [SkipReason; 3] = [
        SkipReason::OnHold,
        SkipReason::InitialDelay,
        SkipReason::NotStarted,
    ];

    /// The words of a skipped tick's `detail`.
    pub fn message(self) -> &'static str {
        match self {
            SkipReason::OnHold => "on hold after a trip, until the container restarts",
            SkipReason::InitialDelay => "initialDelaySeconds not yet elapsed",
            SkipReason::NotStarted => "container not started yet (startup probe)",
        }
    }

    /// The reason a `detail` names, if it is one of them.
    pub fn from_detail(detail: &str) -> Option<SkipReason> {
        SkipReason::ALL.into_iter().find(|r| r.message() == detail)
    }
}

/// What kind of container a track belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContainerKind {
    /// A regular (non-restartable) init container.
    Init,
    /// A restartable init container (`restartPolicy: Always`).
    Sidecar,
    /// An app container in `spec.containers`.
    Regular,
    /// An ephemeral (debug) container.
    Ephemeral,
}

/// A probe's type, as the kubelet names it in events ("Liveness probe failed: ...").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProbeType {
    Startup,
    Liveness,
    Readiness,
}

impl ProbeType {
    /// The capitalised word the kubelet uses in event messages (`pkg/kubelet/prober/prober.go`).
    pub fn title(self) -> &'static str {
        match self {
            ProbeType::Startup => "Startup",
            ProbeType::Liveness => "Liveness",
            ProbeType::Readiness => "Readiness",
        }
    }
}

/// The outcome of one probe tick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProbeResult {
    Success,
    Failure,
    /// The prober returned an error (discarded; does not count toward a threshold).
    Error,
    /// The tick ran but did nothing (no container yet, initial delay, not started, on hold).
    Skipped,
}

/// One probe worker tick that reached the probe decision (`doProbe`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProbeTick {
    pub t: Time,
    pub result: ProbeResult,
    /// Why a skipped tick did nothing, or the probe's output for a failure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Consecutive identical results after this tick (`resultRun`).
    pub run: u32,
    /// True when this tick flipped the worker's stored result (threshold reached).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub tripped: bool,
    /// This entry stands for `count` identical ticks at `t`, `t + period`, ... (the counter `run`
    /// is that of the first; it grows by one per tick). Storage follows state changes, not ticks.
    #[serde(skip_serializing_if = "is_one", default = "one")]
    pub count: u32,
}

fn newest_kubectl() -> u32 {
    crate::KubeletVersion::NEWEST.0
}

fn is_one(n: &u32) -> bool {
    *n == 1
}
fn one() -> u32 {
    1
}

/// All ticks of one probe worker (one per container and probe type).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProbeTrack {
    #[serde(rename = "type")]
    pub probe_type: ProbeType,
    /// The worker's creation instant `W` (first sync); its ticks fall on `W + k·period`.
    pub worker_created: Time,
    pub period: Duration,
    pub initial_delay: Duration,
    pub failure_threshold: u32,
    pub success_threshold: u32,
    /// Human summary as `kubectl describe` prints it, e.g.
    /// `exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3`.
    pub describe: String,
    /// Ticks that executed the probe or were skipped for a visible reason.
    pub ticks: Vec<ProbeTick>,
}

impl ProbeTick {
    /// Why a skipped tick did nothing.
    pub fn skip_reason(&self) -> Option<SkipReason> {
        (self.result == ProbeResult::Skipped)
            .then(|| self.detail.as_deref().and_then(SkipReason::from_detail))
            .flatten()
    }
}

/// A lifecycle hook execution (postStart or preStop).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HookRun {
    pub start: Time,
    /// When the hook finished or was abandoned; `None` if still running at `until`.
    pub end: Option<Time>,
    pub result: HookResult,
}

/// One runtime instance of a container, from start to exit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    /// `restartCount` of this instance (0 for the first).
    pub restart_count: u32,
    /// Runtime create time.
    pub created: Time,
    /// `State.Running.StartedAt`.
    pub started: Time,
    /// `FinishedAt`, or `None` if still running at `until`.
    pub exited: Option<Time>,
    pub exit_code: Option<i32>,
    /// Runtime terminated reason: `Completed`, `Error`, `OOMKilled`, ...
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_start: Option<HookRun>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pre_stop: Option<HookRun>,
    /// When the kubelet began killing this instance (Killing event), if it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kill_started: Option<Time>,
    /// Why it was killed (the Killing event's message).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kill_reason: Option<String>,
    /// When the stop signal was sent (SIGTERM unless `stop_signal` names another).
    pub sigterm: Option<Time>,
    /// The stop signal, when it is not SIGTERM: the image's `STOPSIGNAL` or the container's
    /// `lifecycle.stopSignal`. `None` = SIGTERM (or no stop signal sent).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub stop_signal: Option<StopSignal>,
    /// When SIGKILL was sent.
    pub sigkill: Option<Time>,
    /// What this run printed on stdout and stderr, with times (`kubectl logs`).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub logs: Vec<crate::process::LogChunk>,
}

/// A stop signal other than SIGTERM, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StopSignal {
    /// `SIGQUIT`, `SIGINT`, ...
    pub signal: String,
    pub source: StopSignalSource,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StopSignalSource {
    /// The image config's `STOPSIGNAL` (the runtime's default).
    #[serde(rename = "image")]
    Image,
    /// The container's `lifecycle.stopSignal` (KEP-4960).
    #[serde(rename = "lifecycle.stopSignal")]
    Lifecycle,
}

impl StopSignal {
    /// `SIGTERM`, or the recorded signal.
    pub fn name(s: Option<&StopSignal>) -> &str {
        s.map_or("SIGTERM", |s| s.signal.as_str())
    }
    /// Where the signal came from, in words.
    pub fn from_words(s: Option<&StopSignal>) -> &'static str {
        match s.map(|s| s.source) {
            None => "the runtime's default",
            Some(StopSignalSource::Image) => "the image's STOPSIGNAL",
            Some(StopSignalSource::Lifecycle) => "the container's lifecycle.stopSignal",
        }
    }
}

/// A generic labelled interval: image pulls, back-off waits, waiting states, sandbox lifetime.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Span {
    pub start: Time,
    /// `None` = still open at `until`.
    pub end: Option<Time>,
    /// e.g. `Pulling`, `CrashLoopBackOff`, `ImagePullBackOff`, `Ready`.
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// Everything that happened to one container.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerTrack {
    pub name: String,
    pub kind: ContainerKind,
    pub image: String,
    /// Effective (defaulted) `imagePullPolicy`.
    pub image_pull_policy: PullPolicy,
    pub runs: Vec<Run>,
    /// Image pulls (`Pulling` → `Pulled`/`Failed`).
    pub pulls: Vec<Span>,
    /// Crash-loop back-off windows (from the exit to the earliest allowed restart).
    pub backoffs: Vec<Span>,
    pub probes: Vec<ProbeTrack>,
    /// Stated assumptions about the container's process (inferred behaviour), shown to users.
    pub assumptions: Vec<String>,
}

/// One event emission, as the kubelet (or scheduler) records it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub t: Time,
    /// `Normal` or `Warning`.
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub reason: String,
    /// The involvedObject fieldPath (`spec.containers{app}`), or "" for the pod itself.
    pub object: String,
    pub message: String,
    /// `source.component`: `kubelet` or `default-scheduler`.
    pub source: String,
}

/// Facts about the pod object that do not change over time, plus its deletion and removal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodInfo {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    pub node: String,
    pub pod_ip: String,
    pub restart_policy: String,
    pub termination_grace_period_seconds: i64,
    /// When the API received the delete request.
    pub deleted_at: Option<Time>,
    /// `metadata.deletionTimestamp` (deletion time + grace).
    pub deletion_timestamp: Option<Time>,
    pub deletion_grace_period_seconds: Option<i64>,
    /// When the object disappeared from the API.
    pub removed_at: Option<Time>,
    /// `metadata.labels`, sorted, for describe.
    pub labels: Vec<(String, String)>,
    /// Container specs as `kubectl describe` needs them.
    pub describe: Vec<ContainerDescribe>,
    /// The defaulted Pod object as the API server stores it (for `describe` and `-o yaml`).
    /// Not part of the JSON contract.
    #[serde(skip)]
    pub object: k8s_openapi::api::core::v1::Pod,
    /// `Controlled By:` (`Kind/name`), for a pod made from a workload's template.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub controlled_by: Option<String>,
    /// A static pod's mirror pod (name `<name>-<node>`).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub static_pod: bool,
    /// A static pod's mirror pod deleted through the API and re-created by the kubelet:
    /// (DELETE received, mirror re-created). The static pod itself keeps running.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub mirror_recreated: Vec<(Time, Time)>,
    /// In-place resizes requested through `pods/resize`, in order: the spec's resources change
    /// from `at` on (`kubectl describe` prints them).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub resizes: Vec<crate::scenario::ResizeRecord>,
    /// `metadata.creationTimestamp` (0 for the pasted pod; later for a controller's replacement).
    #[serde(default)]
    pub created_at: Time,
    /// The kubectl release (minor) whose `get`/`describe` the printers reproduce. Not part of
    /// the JSON contract.
    #[serde(skip, default = "newest_kubectl")]
    pub kubectl_minor: u32,
}

/// The static part of a container's `kubectl describe` block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerDescribe {
    pub name: String,
    pub kind: ContainerKind,
    pub image: String,
    pub command: Vec<String>,
    pub args: Vec<String>,
    pub ports: Vec<String>,
    /// `Liveness:` / `Readiness:` / `Startup:` lines, already formatted.
    pub probes: Vec<(ProbeType, String)>,
}

/// A container's state, exactly one of the three (Kubernetes `ContainerState`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ContainerState {
    Waiting {
        reason: String,
        #[serde(skip_serializing_if = "String::is_empty", default)]
        message: String,
    },
    Running {
        #[serde(rename = "startedAt")]
        started_at: Time,
    },
    Terminated {
        #[serde(rename = "exitCode")]
        exit_code: i32,
        reason: String,
        #[serde(skip_serializing_if = "String::is_empty", default)]
        message: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        signal: Option<i32>,
        #[serde(rename = "startedAt")]
        started_at: Time,
        #[serde(rename = "finishedAt")]
        finished_at: Time,
    },
}

/// `ContainerStatus` as the kubelet publishes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerStatus {
    pub name: String,
    pub ready: bool,
    pub started: bool,
    pub restart_count: u32,
    pub state: ContainerState,
    /// `{}` in the API when empty; `None` here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_state: Option<ContainerState>,
    pub image: String,
    /// `stopSignal`: the effective stop signal (`ContainerStopSignals`, KEP-4960).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub stop_signal: Option<String>,
}

/// A pod condition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodCondition {
    #[serde(rename = "type")]
    pub condition_type: String,
    /// `True` / `False`.
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub last_transition_time: Time,
    /// `observedGeneration` of the condition (`CalculatePodConditionObservedGeneration`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub observed_generation: Option<i64>,
}

/// The columns `kubectl get pod` prints at some instant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KubectlColumns {
    pub name: String,
    pub ready: String,
    pub status: String,
    pub restarts: String,
    pub age: String,
}

/// The pod status published to the API server (a snapshot), shaped like Kubernetes `PodStatus`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodStatus {
    pub phase: Phase,
    /// `status.reason` (e.g. `DeadlineExceeded`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub conditions: Vec<PodCondition>,
    pub init_container_statuses: Vec<ContainerStatus>,
    /// Sorted by container name, as the kubelet publishes them (`SortedContainerStatuses`).
    pub container_statuses: Vec<ContainerStatus>,
    pub ephemeral_container_statuses: Vec<ContainerStatus>,
    /// `status.startTime`: the first status write.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    /// `status.observedGeneration`: the `metadata.generation` the kubelet last synced
    /// (`PodObservedGenerationTracking`, beta 1.34, GA 1.35); `None` when the gate is off.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub observed_generation: Option<i64>,
}

/// A published status that took effect at `t`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusSnapshot {
    pub t: Time,
    pub status: PodStatus,
}

/// The observable pod at one instant: the CLI contract of `podlife status --format json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusAt {
    pub t: Time,
    /// True once the pod object is gone from the API.
    pub removed: bool,
    #[serde(flatten)]
    pub status: PodStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<Time>,
    pub kubectl: KubectlColumns,
}

/// The whole simulation result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    /// Simulated horizon; nothing after it is known.
    pub until: Time,
    pub pod: PodInfo,
    /// Sandbox (pause container) lifetimes.
    pub sandbox: Vec<Span>,
    /// Init containers (and sidecars) in spec order, then app containers in spec order,
    /// then ephemeral containers.
    pub containers: Vec<ContainerTrack>,
    /// Every event emission in time order.
    pub events: Vec<Event>,
    /// Published status snapshots in time order; the first is at t = 0.
    pub snapshots: Vec<StatusSnapshot>,
    /// Kubelet syncs (`SyncPod` / `SyncTerminatingPod` starts), for the "why" view.
    pub syncs: Vec<Time>,
    /// For a controller-managed pod that was deleted: the pod its controller created to replace
    /// it (times measured from the first pod's creation).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub replacement: Option<Box<Timeline>>,
}

impl Timeline {
    /// The published status in effect at `t` (the last snapshot at or before `t`).
    pub fn snapshot_at(&self, t: Time) -> Option<&PodStatus> {
        let idx = self.snapshots.partition_point(|s| s.t <= t);
        if idx == 0 {
            None
        } else {
            Some(&self.snapshots[idx - 1].status)
        }
    }

    /// Whether the pod object exists in the API at `t`.
    pub fn removed_at(&self, t: Time) -> bool {
        matches!(self.pod.removed_at, Some(r) if t >= r)
    }
}
