//! Settings: the parts of reality that vary between clusters, made explicit.
//!
//! Architecture invariant: every quantity that a real cluster decides by timing or chance lives
//! here (or in the scenario's `settings:` block) with a documented deterministic default; the
//! engine never guesses silently. Defaults follow `kubelet-semantics.md` §9/§10: sync #1 at
//! t = 0, probe workers created at W = 0, PLEG relists at x.5 s, sandbox ready after 1.0 s,
//! pulls 0.8 s, create/start 0.05 s each, error re-queue 12.5 s.

use crate::time::{Duration, Time};
use serde::{Deserialize, Serialize};

/// A kubelet minor version, 1.28 ..= [`KubeletVersion::NEWEST`]. Written `"1.34"` (a YAML
/// float `1.34` and a bare minor `34` are accepted too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct KubeletVersion(pub u32);

impl KubeletVersion {
    /// Parse `1.34`, `v1.34`, `v1.34.2` or `34`; `None` when outside the modelled range.
    pub fn parse(s: &str) -> Option<KubeletVersion> {
        let s = s.trim().trim_start_matches('v');
        let minor = match s.split_once('.') {
            Some(("1", rest)) => rest.split('.').next()?.parse().ok()?,
            Some(_) => return None,
            None => s.parse().ok()?,
        };
        (KubeletVersion::OLDEST.0..=KubeletVersion::NEWEST.0)
            .contains(&minor)
            .then_some(KubeletVersion(minor))
    }
}

impl Serialize for KubeletVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for KubeletVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            S(String),
            F(f64),
            U(u64),
        }
        let text = match Raw::deserialize(d)? {
            Raw::S(s) => s,
            // YAML reads `1.30` as the float 1.3: format with two decimals.
            Raw::F(f) => format!("{f:.2}"),
            Raw::U(u) => u.to_string(),
        };
        KubeletVersion::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unsupported kubelet version {text:?}: podlife models {} to {}",
                KubeletVersion::OLDEST,
                KubeletVersion::NEWEST
            ))
        })
    }
}

impl KubeletVersion {
    pub const OLDEST: KubeletVersion = KubeletVersion(28);
    pub const NEWEST: KubeletVersion = KubeletVersion(37);
    pub fn at_least(self, minor: u32) -> bool {
        self.0 >= minor
    }
}

impl Default for KubeletVersion {
    fn default() -> Self {
        KubeletVersion::NEWEST
    }
}

impl Settings {
    /// The crash-loop back-off (initial, cap) in seconds: 10 s doubling to 300 s; with
    /// `ReduceDefaultCrashLoopBackOffDecay` 1 s to 60 s; with `KubeletCrashLoopBackOffMax` the
    /// configured maximum wins, and a maximum below the initial delay also becomes the initial
    /// delay (`pkg/kubelet/kubelet.go` `newCrashLoopBackOff`, KEP-4603).
    ///
    /// rule: crashloop-backoff-gates
    pub fn crash_backoff(&self) -> (Duration, Duration) {
        let (mut initial, mut max) = if self.gate(FeatureGate::ReduceDefaultCrashLoopBackOffDecay) {
            (Time::from_secs(1), Time::from_secs(60))
        } else {
            (Time::from_secs(10), Time::from_secs(300))
        };
        if self.gate(FeatureGate::KubeletCrashLoopBackOffMax) {
            if let Some(m) = self.max_container_restart_period {
                max = m.clamp(Time::from_secs(1), Time::from_secs(300));
                if max < initial {
                    initial = max;
                }
            }
        }
        (initial, max)
    }

    /// The kubectl release that prints: the setting, else the kubelet's.
    pub fn kubectl(&self) -> KubeletVersion {
        self.kubectl_version.unwrap_or(self.kubelet_version)
    }

    /// Is feature gate `g` on: the explicit setting, else the version's default.
    pub fn gate(&self, g: FeatureGate) -> bool {
        self.feature_gates
            .get(&g)
            .copied()
            .unwrap_or_else(|| g.default_for(self.kubelet_version))
    }
}

/// The feature gates podlife models. In `settings.featureGates` each is written by its upstream
/// name; a name podlife does not model is an error that lists these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FeatureGate {
    SidecarContainers,
    PodLifecycleSleepAction,
    PodReadyToStartContainersCondition,
    KubeletCrashLoopBackOffMax,
    ReduceDefaultCrashLoopBackOffDecay,
    RelaxedEnvironmentVariableValidation,
    ContainerStopSignals,
    ContainerRestartRules,
    RestartAllContainersOnContainerExits,
    PodObservedGenerationTracking,
    InPlacePodVerticalScaling,
}

impl FeatureGate {
    pub const ALL: [FeatureGate; 11] = [
        FeatureGate::SidecarContainers,
        FeatureGate::PodLifecycleSleepAction,
        FeatureGate::PodReadyToStartContainersCondition,
        FeatureGate::KubeletCrashLoopBackOffMax,
        FeatureGate::ReduceDefaultCrashLoopBackOffDecay,
        FeatureGate::RelaxedEnvironmentVariableValidation,
        FeatureGate::ContainerStopSignals,
        FeatureGate::ContainerRestartRules,
        FeatureGate::RestartAllContainersOnContainerExits,
        FeatureGate::PodObservedGenerationTracking,
        FeatureGate::InPlacePodVerticalScaling,
    ];

    /// The upstream name (`pkg/features/kube_features.go`).
    pub fn name(self) -> &'static str {
        match self {
            FeatureGate::SidecarContainers => "SidecarContainers",
            FeatureGate::PodLifecycleSleepAction => "PodLifecycleSleepAction",
            FeatureGate::PodReadyToStartContainersCondition => "PodReadyToStartContainersCondition",
            FeatureGate::KubeletCrashLoopBackOffMax => "KubeletCrashLoopBackOffMax",
            FeatureGate::ReduceDefaultCrashLoopBackOffDecay => "ReduceDefaultCrashLoopBackOffDecay",
            FeatureGate::RelaxedEnvironmentVariableValidation => {
                "RelaxedEnvironmentVariableValidation"
            }
            FeatureGate::ContainerStopSignals => "ContainerStopSignals",
            FeatureGate::ContainerRestartRules => "ContainerRestartRules",
            FeatureGate::RestartAllContainersOnContainerExits => {
                "RestartAllContainersOnContainerExits"
            }
            FeatureGate::PodObservedGenerationTracking => "PodObservedGenerationTracking",
            FeatureGate::InPlacePodVerticalScaling => "InPlacePodVerticalScaling",
        }
    }

    /// The gate's default in kubelet version `v` (kubernetes/website
    /// `content/en/docs/reference/command-line-tools-reference/feature-gates/`).
    pub fn default_for(self, v: KubeletVersion) -> bool {
        match self {
            // alpha 1.28 (off), beta 1.29 (on), GA 1.33, removed in 1.37 (always on: #137755).
            FeatureGate::SidecarContainers => v.at_least(29),
            // alpha 1.29, beta 1.30 (on), GA 1.34.
            FeatureGate::PodLifecycleSleepAction => v.at_least(30),
            // alpha 1.28, beta and on from 1.29, GA 1.37 (#140488).
            FeatureGate::PodReadyToStartContainersCondition => v.at_least(29),
            // alpha 1.32–1.34, beta 1.35.
            FeatureGate::KubeletCrashLoopBackOffMax => v.at_least(35),
            // alpha 1.33 (off).
            FeatureGate::ReduceDefaultCrashLoopBackOffDecay => false,
            // alpha 1.30, beta 1.32 (on), GA 1.34.
            FeatureGate::RelaxedEnvironmentVariableValidation => v.at_least(32),
            // alpha 1.33 (off).
            FeatureGate::ContainerStopSignals => false,
            // KEP-5307: alpha 1.34 (off), beta 1.35 (on) (`kube_features.go`
            // `{Version: "1.35", Default: true, PreRelease: Beta}`).
            FeatureGate::ContainerRestartRules => v.at_least(35),
            // KEP-5532: alpha 1.35 (off), beta and on from 1.36 (#136681, CHANGELOG-1.36 "Promoted
            // the `RestartAllContainersOnContainerExits` feature gate to beta, enabled by
            // default"); 1.37 keeps it beta (no promotion in CHANGELOG-1.37).
            FeatureGate::RestartAllContainersOnContainerExits => v.at_least(36),
            // KEP-5067: alpha 1.33 (off), beta 1.34 (on), GA 1.35 (locked on).
            FeatureGate::PodObservedGenerationTracking => v.at_least(34),
            // KEP-1287: alpha 1.27 (off), beta 1.33 (on), GA 1.35 (locked on).
            FeatureGate::InPlacePodVerticalScaling => v.at_least(33),
        }
    }
}

impl std::fmt::Display for FeatureGate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.name())
    }
}

impl std::fmt::Display for KubeletVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "1.{}", self.0)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Settings {
    pub kubelet_version: KubeletVersion,
    /// The kubectl release that prints `get` and `describe`; `None` = the kubelet's.
    pub kubectl_version: Option<KubeletVersion>,
    /// How far to simulate, in seconds since pod creation.
    pub until: Time,
    /// Probe ticker phase: workers are created at sync #1 (t = 0); ticks land at
    /// `probe_phase + k·period`. `kubelet-semantics.md` §3.1.
    pub probe_phase: Time,
    /// PLEG relist grid phase: relists happen at `pleg_phase + k·1 s`.
    pub pleg_phase: Time,
    /// RunPodSandbox duration (pause container + CNI).
    pub sandbox_seconds: Time,
    /// Image pull duration when a pull actually happens.
    pub pull_seconds: Time,
    /// CreateContainer and StartContainer durations, each.
    pub create_seconds: Time,
    /// Error re-queue delay of the pod worker (real: uniform [10 s, 15 s)). With a `seed`, drawn
    /// from that range per re-queue instead.
    pub requeue_seconds: Time,
    /// Seed for the seeded random parts (re-queue jitter). `None` = the fixed defaults above.
    pub seed: Option<u64>,
    /// Node name the pod is bound to.
    pub node: String,
    /// Images already on the node: `IfNotPresent` does not pull them.
    pub images_present: bool,
    /// An image with `imagePullPolicy: Never` counts as preloaded on the node (stated as an
    /// assumption). `false`: it is absent, and the container fails with `ErrImageNeverPull`.
    pub never_pull_present: bool,
    /// Feature gates set one by one (e.g. `SidecarContainers: false`); unset gates take the
    /// kubelet version's default.
    pub feature_gates: std::collections::BTreeMap<FeatureGate, bool>,
    /// Kubelet config `crashLoopBackOff.maxContainerRestartPeriod` in seconds (1–300), used when
    /// the `KubeletCrashLoopBackOffMax` gate is on (KEP-4603).
    pub max_container_restart_period: Option<Time>,
    /// Play the pod as a static pod read from the node's manifest directory (mirror pod named
    /// `<name>-<node>`).
    pub static_pod: bool,
    /// Shell interpreter steps one simulation may use in all (each step is 1 µs of simulated
    /// CPU). A process that would need more is stated to spin until it is stopped, so no input
    /// makes a simulation do unbounded work.
    pub work_budget: u64,
    /// The node's allocatable cpu (`status.allocatable`): what a `resourceFieldRef` to
    /// `limits.cpu` reports for a container without a cpu limit (`pkg/kubelet/kubelet_resources.go`
    /// `defaultPodLimitsForDownwardAPI`). Default `2`: a 2-core node, nothing reserved.
    pub node_allocatable_cpu: String,
    /// The node's allocatable memory, likewise for `limits.memory`. Default `8092Mi`: an 8 GiB
    /// node less the kubelet's default hard eviction threshold `memory.available<100Mi`.
    pub node_allocatable_memory: String,
    /// The node's allocatable ephemeral storage, likewise for `limits.ephemeral-storage`. Default
    /// `90Gi`: a 100 GiB root disk less the default threshold `nodefs.available<10%`.
    pub node_allocatable_ephemeral_storage: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            kubelet_version: KubeletVersion::default(),
            kubectl_version: None,
            until: Time::from_secs(600),
            probe_phase: Time::ZERO,
            pleg_phase: Time::from_ms(500),
            sandbox_seconds: Time::from_secs(1),
            pull_seconds: Time::from_ms(800),
            create_seconds: Time::from_ms(50),
            requeue_seconds: Time::from_ms(12_500),
            seed: None,
            node: "node01".to_string(),
            images_present: false,
            never_pull_present: true,
            feature_gates: Default::default(),
            static_pod: false,
            max_container_restart_period: None,
            work_budget: 3_000_000,
            node_allocatable_cpu: "2".to_string(),
            node_allocatable_memory: "8092Mi".to_string(),
            node_allocatable_ephemeral_storage: "90Gi".to_string(),
        }
    }
}
