//! The one table of rules: every kubelet, kubectl, API-server (and controller) behaviour podlife
//! models, once, with its id, the upstream file and function it follows, the kubernetes.io page
//! that documents it and the kubelet versions it applies to.
//!
//! Everything that cites a rule reads this table:
//!
//! * the code, with a `// rule: <id>` (or `/// rule: <id>`) line next to the implementation;
//! * the web app's details drawer ("kubelet source", `src/explain.rs`), which looks rules up by id;
//! * `docs/fidelity.md`, whose rules table is generated from [`RULES`] by [`markdown_table`]
//!   (`UPDATE_DOCS=1 cargo test -p podlife-engine --test rules`);
//! * the conformance cases, whose `rules: [ids]` name what each case checks
//!   (`tests/conformance/*.yaml`).
//!
//! `crates/engine/tests/rules.rs` fails when any of them cites an id missing from the table, when
//! a rule is cited nowhere in the code, and when `docs/fidelity.md` is not the generated text.

use crate::settings::KubeletVersion;

/// Who enforces a rule on a real cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Component {
    Kubelet,
    /// The container runtime (containerd) behind the CRI.
    Runtime,
    ApiServer,
    Scheduler,
    Controller,
    Kubectl,
}

impl Component {
    pub fn name(self) -> &'static str {
        match self {
            Component::Kubelet => "kubelet",
            Component::Runtime => "containerd",
            Component::ApiServer => "API server",
            Component::Scheduler => "scheduler",
            Component::Controller => "controller",
            Component::Kubectl => "kubectl",
        }
    }
}

/// One upstream place a rule follows: a file of the Kubernetes repository (or of client-go,
/// containerd, …, as written) and the function(s) in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    pub file: &'static str,
    pub function: &'static str,
}

/// One rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable, kebab-case identifier, cited as `rule: <id>`.
    pub id: &'static str,
    /// What the rule says, in one line.
    pub summary: &'static str,
    pub component: Component,
    /// Where upstream does it; the first is the main one.
    pub upstream: &'static [Source],
    /// Upstream change that introduced the versioned behaviour (`PR #…`, `KEP-…`), or "".
    pub change: &'static str,
    /// The kubernetes.io page that documents it, or "".
    pub docs: &'static str,
    /// First kubelet minor version it applies to (`None`: every modelled version).
    pub since: Option<u32>,
    /// Last kubelet minor version it applies to (`None`: up to the newest modelled).
    pub until: Option<u32>,
    /// Where podlife implements it: a file, from the repository root.
    pub module: &'static str,
    /// The podlife function or item in `module`, or "".
    pub item: &'static str,
}

impl Rule {
    /// Whether the rule applies to a kubelet of version `v`.
    pub fn applies_to(&self, v: KubeletVersion) -> bool {
        self.since.is_none_or(|s| v.0 >= s) && self.until.is_none_or(|u| v.0 <= u)
    }

    /// `all`, `1.29+`, `≤ 1.34` or `1.32–1.34`.
    pub fn versions(&self) -> String {
        match (self.since, self.until) {
            (None, None) => "all".to_string(),
            (Some(s), None) => format!("1.{s}+"),
            (None, Some(u)) => format!("≤ 1.{u}"),
            (Some(s), Some(u)) => format!("1.{s}–1.{u}"),
        }
    }

    /// `file function; file function` — what the details drawer shows as "kubelet source".
    pub fn source(&self) -> String {
        self.upstream
            .iter()
            .map(|s| {
                if s.function.is_empty() {
                    s.file.to_string()
                } else {
                    format!("{} {}", s.file, s.function)
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

const fn src(file: &'static str, function: &'static str) -> Source {
    Source { file, function }
}

pub const DOC_POD_LIFECYCLE: &str =
    "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/";
pub const DOC_PROBES: &str = "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/";
pub const DOC_HOOKS: &str =
    "https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/";
pub const DOC_INIT: &str = "https://kubernetes.io/docs/concepts/workloads/pods/init-containers/";
pub const DOC_SIDECAR: &str =
    "https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/";
pub const DOC_IMAGES: &str = "https://kubernetes.io/docs/concepts/containers/images/";
pub const DOC_CONDITIONS: &str =
    "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-conditions";
pub const DOC_ENDPOINTS: &str =
    "https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/#conditions";
pub const DOC_TERMINATION: &str =
    "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination";
pub const DOC_BACKOFF: &str =
    "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts";
pub const DOC_RESTART_POLICY: &str =
    "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy";
pub const DOC_FIELD_VALIDATION: &str =
    "https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation";
pub const DOC_STATIC_PODS: &str =
    "https://kubernetes.io/docs/tasks/configure-pod-container/static-pod/";
pub const DOC_ENV: &str =
    "https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/";
pub const DOC_DOWNWARD_API: &str =
    "https://kubernetes.io/docs/concepts/workloads/pods/downward-api/";
pub const DOC_SERVICE_ENV: &str =
    "https://kubernetes.io/docs/concepts/services-networking/service/#environment-variables";
pub const DOC_QOS: &str = "https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/";

/// Every rule, grouped as `docs/fidelity.md` lists them: the API server, when syncs happen,
/// what a sync does, probes, status, deletion, controllers, kubectl.
pub const RULES: &[Rule] = &[
    // ---- API server: what is stored ----
    Rule {
        id: "api-defaults",
        summary: "API defaults: probe knobs, terminationGracePeriodSeconds 30, pull policy from the tag, restartPolicy, port protocol",
        component: Component::ApiServer,
        upstream: &[src("pkg/apis/core/v1/defaults.go", "SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Probe")],
        change: "",
        docs: "",
        since: None,
        until: None,
        module: "crates/engine/src/manifest/defaults.rs",
        item: "",
    },
    Rule {
        id: "negative-grace-period",
        summary: "a negative terminationGracePeriodSeconds is stored as 1",
        component: Component::ApiServer,
        upstream: &[src("pkg/apis/core/v1/defaults.go", "SetDefaults_Pod")],
        change: "PR #115606",
        docs: DOC_TERMINATION,
        since: None,
        until: None,
        module: "crates/engine/src/manifest/defaults.rs",
        item: "",
    },
    Rule {
        id: "api-validation",
        summary: "validation, with the API server's field paths and messages",
        component: Component::ApiServer,
        upstream: &[src("pkg/apis/core/validation/validation.go", "ValidatePodCreate, ValidatePodSpec")],
        change: "",
        docs: "",
        since: None,
        until: None,
        module: "crates/engine/src/manifest/validate.rs",
        item: "",
    },
    Rule {
        id: "strict-field-validation",
        summary: "unknown fields are errors",
        component: Component::Kubectl,
        upstream: &[src("staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go", "GetValidationDirective (--validate=strict, the default since kubectl 1.27)")],
        change: "",
        docs: DOC_FIELD_VALIDATION,
        since: None,
        until: None,
        module: "crates/engine/src/manifest/mod.rs",
        item: "",
    },
    Rule {
        id: "stored-pod",
        summary: "what the API server stores besides the spec: ServiceAccount token volume, requests defaulted from limits, QoS class",
        component: Component::ApiServer,
        upstream: &[
            src("plugin/pkg/admission/serviceaccount/admission.go", "Admit"),
            src("pkg/apis/core/helper/qos/qos.go", "ComputePodQOS"),
        ],
        change: "",
        docs: DOC_QOS,
        since: None,
        until: None,
        module: "crates/engine/src/kubectl/stored.rs",
        item: "stored",
    },
    Rule {
        id: "scheduler-binding",
        summary: "the scheduler binds the pod at creation: Scheduled event, PodScheduled condition",
        component: Component::Scheduler,
        upstream: &[src("pkg/scheduler/schedule_one.go", "bind (binding sets PodScheduled)")],
        change: "",
        docs: "",
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/mod.rs",
        item: "",
    },
    // ---- when syncs happen ----
    Rule {
        id: "pod-worker-sync",
        summary: "when syncs happen: one worker per pod, updates coalesced, re-queue after a sync (error back-off, resync)",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/pod_workers.go", "UpdatePod, podWorkerLoop, completeWork"),
            src("pkg/kubelet/kubelet.go", "syncLoopIteration"),
        ],
        change: "",
        docs: "",
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/pod_workers.rs",
        item: "",
    },
    Rule {
        id: "pleg-relist",
        summary: "the PLEG relists every 1 s; a container (or sandbox) state change found there triggers a sync",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/pleg/generic.go", "Relist, getContainersFromPods")],
        change: "",
        docs: "",
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/pod_workers.rs",
        item: "",
    },
    Rule {
        id: "backoff-requeue-on-expiry",
        summary: "a crash-looping pod is re-queued when its back-off expires, at most one resync interval (1 min) ahead, with the pod worker's 0.5 jitter",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/pod_workers.go", "completeWork")],
        change: "PR #133066",
        docs: DOC_BACKOFF,
        since: Some(35),
        until: None,
        module: "crates/engine/src/kubelet/pod_workers.rs",
        item: "",
    },
    // ---- what a sync does ----
    Rule {
        id: "compute-pod-actions",
        summary: "each sync: sandbox, init containers in order, sidecars started, regular containers, KillPod when nothing is to keep",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/kuberuntime/kuberuntime_manager.go", "computePodActions, SyncPod")],
        change: "",
        docs: DOC_INIT,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/kuberuntime.rs",
        item: "compute_pod_actions",
    },
    Rule {
        id: "sandbox-recreate",
        summary: "a re-created sandbox re-runs every init container",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/kuberuntime/kuberuntime_manager.go", "computePodActions (PodSandboxChanged), purgeInitContainers")],
        change: "",
        docs: DOC_INIT,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/kuberuntime.rs",
        item: "",
    },
    Rule {
        id: "restart-policy",
        summary: "whether an exited container is restarted: restartPolicy Always/OnFailure/Never; sidecars always; from 1.35 (ContainerRestartRules) a container's own restartPolicy and restartPolicyRules (in order, first match) decide first",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/container/helpers.go", "ShouldContainerBeRestarted"),
            src("pkg/api/v1/pod/util.go", "ContainerShouldRestart"),
        ],
        change: "KEP-5307",
        docs: DOC_RESTART_POLICY,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/kuberuntime.rs",
        item: "should_restart",
    },
    Rule {
        id: "observed-generation",
        summary: "metadata.generation is 1 at creation and one up with each spec change (set image) and graceful delete; the kubelet writes the generation it synced as status.observedGeneration and on each condition (not AllContainersRestarting)",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/api/v1/pod/util.go", "CalculatePodStatusObservedGeneration"),
            src("pkg/api/v1/pod/util.go", "CalculatePodConditionObservedGeneration"),
            src("pkg/registry/core/pod/strategy.go", "updatePodGeneration"),
        ],
        change: "KEP-5067",
        docs: DOC_CONDITIONS,
        since: Some(34),
        until: None,
        module: "crates/engine/src/kubelet/status.rs",
        item: "observed_generation",
    },
    Rule {
        id: "in-place-resize",
        summary: "a pods/resize request changes cpu/memory and the generation; the allocation manager admits it (PodResizeInProgress, ResizeStarted) or marks it Infeasible above the node's allocatable (PodResizePending, ResizeInfeasible); the next SyncPod updates the running container (resizePolicy NotRequired) or kills and restarts it (RestartContainer: \"Container X resize requires restart\"); the sync after the next relist sees it actuated (ResizeCompleted); only cpu and memory; the QoS class may not change",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/allocation/allocation_manager.go", "CheckPodResizeInProgress"),
            src("pkg/kubelet/kuberuntime/kuberuntime_manager.go", "computePodResizeAction"),
            src("pkg/kubelet/events/resize.go", "podResizeMessage"),
            src("pkg/apis/core/validation/validation.go", "ValidatePodResize"),
        ],
        change: "KEP-1287",
        docs: "https://kubernetes.io/docs/tasks/configure-pod-container/resize-container-resources/",
        since: Some(33),
        until: None,
        module: "crates/engine/src/kubelet/allocation.rs",
        item: "resize",
    },
    Rule {
        id: "restart-all-containers",
        summary: "a container exit whose first matching rule is RestartAllContainers sets AllContainersRestarting True; that sync kills every container without preStop (grace 0, raised to the 2 s minimum) and removes them, keeping the sandbox; the next sync (at once from 1.36) starts init containers, sidecars and containers again with restartCount + 1 and lastState RestartingAllContainers (exit 137)",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/kuberuntime/kuberuntime_manager.go", "computePodActions"),
            src("pkg/kubelet/status/generate.go", "GenerateAllContainersRestartingCondition"),
            src("pkg/kubelet/container/helpers.go", "ShouldAllContainersRestart"),
            src("pkg/kubelet/kubelet.go", "SyncPod"),
        ],
        change: "KEP-5532",
        docs: DOC_RESTART_POLICY,
        since: Some(35),
        until: None,
        module: "crates/engine/src/kubelet/kuberuntime.rs",
        item: "compute_pod_actions",
    },
    Rule {
        id: "crashloop-backoff",
        summary: "crash-loop back-off: the first restart is immediate, then 10 s doubling to 300 s, reset after 600 s of running",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/kuberuntime/kuberuntime_manager.go", "doBackOff"),
            src("staging/src/k8s.io/client-go/util/flowcontrol/backoff.go", "Backoff.Next, IsInBackOffSince"),
        ],
        change: "",
        docs: DOC_BACKOFF,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/backoff.rs",
        item: "",
    },
    Rule {
        id: "crashloop-backoff-gates",
        summary: "KEP-4603 gates: KubeletCrashLoopBackOffMax (configured maximum), ReduceDefaultCrashLoopBackOffDecay (1 s to 60 s)",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/kubelet.go", "newCrashLoopBackOff")],
        change: "KEP-4603",
        docs: DOC_BACKOFF,
        since: Some(32),
        until: None,
        module: "crates/engine/src/settings.rs",
        item: "crash_backoff",
    },
    Rule {
        id: "image-pull",
        summary: "image pulls: Pulling/Pulled, ErrImagePull then ImagePullBackOff, ErrImageNeverPull",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/images/image_manager.go", "EnsureImageExists")],
        change: "",
        docs: DOC_IMAGES,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/images.rs",
        item: "",
    },
    Rule {
        id: "image-pull-policy",
        summary: "whether to pull: Never never, Always always, IfNotPresent when the image is absent",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/images/image_manager.go", "shouldPullImage")],
        change: "",
        docs: DOC_IMAGES,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/images.rs",
        item: "",
    },
    Rule {
        id: "pull-backoff-message",
        summary: "the ImagePullBackOff waiting message carries the last pull error",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/images/image_manager.go", "EnsureImageExists")],
        change: "PR #127918",
        docs: DOC_IMAGES,
        since: Some(32),
        until: None,
        module: "crates/engine/src/kubelet/images.rs",
        item: "",
    },
    Rule {
        id: "start-container",
        summary: "starting a container: Created and Started events, then postStart",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/kuberuntime/kuberuntime_container.go", "startContainer")],
        change: "",
        docs: DOC_POD_LIFECYCLE,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/kuberuntime.rs",
        item: "start_container",
    },
    Rule {
        id: "created-event-message",
        summary: "the Created event says \"Created container X\" (≤ 1.31), \"Created container: X\" (1.32–1.34), \"Container created\" (1.35+)",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/kuberuntime/kuberuntime_container.go", "startContainer")],
        change: "PR #134043",
        docs: "",
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/kuberuntime.rs",
        item: "",
    },
    Rule {
        id: "container-env",
        summary: "a container's environment: env, envFrom, downward API, $(VAR) expansion, the runtime's PATH/HOSTNAME/image ENV",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/kubelet_pods.go", "makeEnvironmentVariables"),
            src("third_party/forked/golang/expansion/expand.go", "Expand"),
        ],
        change: "",
        docs: DOC_ENV,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/envvars.rs",
        item: "",
    },
    Rule {
        id: "downward-api",
        summary: "fieldRef and resourceFieldRef values",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/kubelet_pods.go", "podFieldSelectorRuntimeValue, containerResourceRuntimeValue"),
            src("pkg/api/v1/resource/helpers.go", "ExtractContainerResourceValue"),
        ],
        change: "",
        docs: DOC_DOWNWARD_API,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/envvars.rs",
        item: "",
    },
    Rule {
        id: "service-env",
        summary: "Service environment variables (<NAME>_SERVICE_HOST/PORT, Docker links), the master Service always",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/envvars/envvars.go", "FromServices"),
            src("pkg/kubelet/kubelet_pods.go", "getServiceEnvVarMap"),
        ],
        change: "",
        docs: DOC_SERVICE_ENV,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/envvars.rs",
        item: "",
    },
    Rule {
        id: "post-start-hook",
        summary: "postStart blocks the sync until it returns; a failed hook emits FailedPostStartHook and kills the container",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/kuberuntime/kuberuntime_container.go", "startContainer (runner.Run PostStart)"),
            src("pkg/kubelet/lifecycle/handlers.go", "HandlerRunner.Run"),
        ],
        change: "",
        docs: DOC_HOOKS,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/lifecycle.rs",
        item: "",
    },
    Rule {
        id: "kill-container",
        summary: "stopping a container: the stop signal, then SIGKILL when the grace period is over",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/kuberuntime/kuberuntime_container.go", "killContainer (StopContainer with gracePeriod)")],
        change: "",
        docs: DOC_TERMINATION,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/kuberuntime.rs",
        item: "begin_kill",
    },
    Rule {
        id: "pre-stop-grace",
        summary: "preStop is waited for at most the grace period; its elapsed time is truncated and taken off the SIGTERM-to-SIGKILL gap, at least 2 s",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/kuberuntime/kuberuntime_container.go", "killContainer, executePreStopHook (minimumGracePeriodInSeconds = 2)")],
        change: "",
        docs: DOC_HOOKS,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/kuberuntime.rs",
        item: "poll_kill",
    },
    Rule {
        id: "stop-signal",
        summary: "the first signal is lifecycle.stopSignal (ContainerStopSignals gate), else the image's STOPSIGNAL, else SIGTERM",
        component: Component::Runtime,
        upstream: &[src("containerd internal/cri/server/container_stop.go", "stopContainer")],
        change: "KEP-4960",
        docs: DOC_HOOKS,
        since: Some(33),
        until: None,
        module: "crates/engine/src/kubelet/kuberuntime.rs",
        item: "stop_signal",
    },
    Rule {
        id: "sidecar-termination-order",
        summary: "sidecars are stopped after the regular containers, in reverse order",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/kuberuntime/kuberuntime_termination_order.go", "newTerminationOrdering")],
        change: "",
        docs: DOC_SIDECAR,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/kuberuntime.rs",
        item: "poll_kill",
    },
    Rule {
        id: "container-state",
        summary: "a container's observed state (exit code, reason, finishedAt) as the runtime reports it at a relist",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/kuberuntime/kuberuntime_container.go", "toKubeContainerStatus"),
            src("pkg/kubelet/pleg/generic.go", "relist"),
        ],
        change: "",
        docs: DOC_POD_LIFECYCLE,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/mod.rs",
        item: "",
    },
    Rule {
        id: "kubelet-events",
        summary: "events the kubelet records (reason, type, message on the container's fieldPath)",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/events/event.go", "recorder.Eventf")],
        change: "",
        docs: "",
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/mod.rs",
        item: "",
    },
    // ---- probes ----
    Rule {
        id: "probe-worker",
        summary: "one worker per probe ticking every periodSeconds; initial results: liveness/startup Success, readiness Failure",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/prober/worker.go", "newWorker, run, doProbe")],
        change: "",
        docs: DOC_PROBES,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/prober.rs",
        item: "do_probe",
    },
    Rule {
        id: "probe-initial-delay",
        summary: "no result while the container has run less than initialDelaySeconds",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/prober/worker.go", "doProbe")],
        change: "",
        docs: DOC_PROBES,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/prober.rs",
        item: "do_probe",
    },
    Rule {
        id: "probe-startup-gate",
        summary: "liveness and readiness wait for the startup probe; the startup probe stops once the container started",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/prober/worker.go", "doProbe"),
            src("pkg/kubelet/prober/prober_manager.go", "UpdatePodStatus"),
        ],
        change: "",
        docs: DOC_PROBES,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/prober.rs",
        item: "do_probe",
    },
    Rule {
        id: "probe-failure-threshold",
        summary: "a result counts only after failureThreshold (successThreshold) identical results in a row",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/prober/worker.go", "doProbe (resultRun vs FailureThreshold/SuccessThreshold)"),
            src("pkg/kubelet/prober/prober.go", "runProbe"),
        ],
        change: "",
        docs: DOC_PROBES,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/prober.rs",
        item: "do_probe",
    },
    Rule {
        id: "probe-on-hold",
        summary: "after a liveness or startup trip the worker holds until a new container ID",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/prober/worker.go", "doProbe")],
        change: "",
        docs: DOC_PROBES,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/prober.rs",
        item: "do_probe",
    },
    Rule {
        id: "readiness-manual-trigger",
        summary: "a status update while readiness is not Success probes at once and re-phases the ticker",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/prober/prober_manager.go", "UpdatePodStatus (worker.manualTriggerCh)")],
        change: "PR #119089",
        docs: DOC_PROBES,
        since: Some(29),
        until: None,
        module: "crates/engine/src/kubelet/prober.rs",
        item: "readiness_manual_triggers",
    },
    Rule {
        id: "probe-output",
        summary: "probe outputs and the Unhealthy event texts (\"Liveness probe failed: …\")",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/probe/{exec,http,tcp,grpc}", "Probe"),
            src("pkg/kubelet/prober/prober.go", "probe"),
        ],
        change: "",
        docs: DOC_PROBES,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/prober.rs",
        item: "execute_probe_inner",
    },
    // ---- status ----
    Rule {
        id: "status-generation",
        summary: "status is generated at the start of each sync: reason cache, lastState, sorted statuses",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/kubelet_pods.go", "generateAPIPodStatus, convertToAPIContainerStatuses")],
        change: "",
        docs: DOC_POD_LIFECYCLE,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/status.rs",
        item: "",
    },
    Rule {
        id: "container-readiness",
        summary: "probe results write container readiness and started straight into the status",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/status/status_manager.go", "SetContainerReadiness, SetContainerStartup")],
        change: "",
        docs: DOC_PROBES,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/status.rs",
        item: "",
    },
    Rule {
        id: "pod-phase",
        summary: "the pod phase: Pending, Running, Succeeded, Failed",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/kubelet_pods.go", "getPhase")],
        change: "",
        docs: DOC_POD_LIFECYCLE,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/status.rs",
        item: "get_phase",
    },
    Rule {
        id: "pod-conditions",
        summary: "pod conditions and their lastTransitionTime",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/status/generate.go", ""),
            src("pkg/kubelet/status/status_manager.go", "updateStatusInternal"),
        ],
        change: "",
        docs: DOC_CONDITIONS,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/status.rs",
        item: "conditions",
    },
    Rule {
        id: "condition-ready-to-start-containers",
        summary: "PodReadyToStartContainers: the sandbox exists and has its network",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/status/generate.go", "GeneratePodReadyToStartContainersCondition"),
            src("pkg/kubelet/kubelet_pods.go", "generateAPIPodStatus"),
        ],
        change: "",
        docs: DOC_CONDITIONS,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/status.rs",
        item: "conditions",
    },
    Rule {
        id: "condition-initialized",
        summary: "Initialized: every init container completed and every sidecar started",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/status/generate.go", "GeneratePodInitializedCondition"),
            src("pkg/kubelet/kubelet_pods.go", "generateAPIPodStatus"),
        ],
        change: "",
        docs: DOC_CONDITIONS,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/status.rs",
        item: "conditions",
    },
    Rule {
        id: "condition-containers-ready",
        summary: "ContainersReady: every app container and sidecar is ready",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/status/generate.go", "GenerateContainersReadyCondition"),
            src("pkg/kubelet/kubelet_pods.go", "generateAPIPodStatus"),
        ],
        change: "",
        docs: DOC_CONDITIONS,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/status.rs",
        item: "conditions",
    },
    Rule {
        id: "condition-ready",
        summary: "Ready: ContainersReady and every readiness gate",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/status/generate.go", "GeneratePodReadyCondition"),
            src("pkg/kubelet/kubelet_pods.go", "generateAPIPodStatus"),
        ],
        change: "",
        docs: DOC_CONDITIONS,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/status.rs",
        item: "conditions",
    },
    Rule {
        id: "condition-pod-scheduled",
        summary: "PodScheduled: set by the scheduler's binding, carried over by the kubelet",
        component: Component::Scheduler,
        upstream: &[
            src("pkg/scheduler/schedule_one.go", "(binding sets PodScheduled)"),
            src("pkg/kubelet/kubelet_pods.go", "generateAPIPodStatus (kept from the old status)"),
        ],
        change: "",
        docs: DOC_CONDITIONS,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/status.rs",
        item: "conditions",
    },
    Rule {
        id: "endpoint-conditions",
        summary: "whether a Service routes to the pod: EndpointSlice ready, serving, terminating",
        component: Component::Controller,
        upstream: &[
            src("staging/src/k8s.io/endpointslice/utils.go", "podToEndpoint (serving = IsPodReady, terminating = DeletionTimestamp != nil, ready = PublishNotReadyAddresses || serving && !terminating)"),
            src("staging/src/k8s.io/endpointslice/util/controller_utils.go", "ShouldPodBeInEndpoints"),
        ],
        change: "",
        docs: DOC_ENDPOINTS,
        since: None,
        until: None,
        module: "crates/render/src/chart/pod.rs",
        item: "endpoint_state",
    },
    // ---- deletion ----
    Rule {
        id: "pod-deletion",
        summary: "deletion: the grace period (spec, --grace-period, force), a terminal phase before removal",
        component: Component::ApiServer,
        upstream: &[
            src("pkg/registry/core/pod/strategy.go", "CheckGracefulDelete"),
            src("pkg/kubelet/kubelet.go", "SyncTerminatingPod"),
        ],
        change: "",
        docs: DOC_TERMINATION,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/apiserver.rs",
        item: "api_delete",
    },
    Rule {
        id: "kill-pod",
        summary: "a terminating pod's sync kills every container and the sandbox",
        component: Component::Kubelet,
        upstream: &[
            src("pkg/kubelet/kubelet.go", "SyncTerminatingPod"),
            src("pkg/kubelet/kuberuntime/kuberuntime_manager.go", "KillPod"),
        ],
        change: "",
        docs: DOC_TERMINATION,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/sync.rs",
        item: "sync_terminating_pod",
    },
    Rule {
        id: "pod-removal",
        summary: "the API object is removed once the kubelet reports every container terminated",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/status/status_manager.go", "syncPod (canBeDeleted)")],
        change: "",
        docs: DOC_TERMINATION,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/sync.rs",
        item: "sync_terminated_pod",
    },
    Rule {
        id: "active-deadline",
        summary: "activeDeadlineSeconds: the pod fails with reason DeadlineExceeded",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/active_deadline.go", "ShouldSync, ShouldEvict")],
        change: "",
        docs: DOC_POD_LIFECYCLE,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/cluster.rs",
        item: "deadline",
    },
    // ---- static pods and controllers ----
    Rule {
        id: "static-pod-mirror-name",
        summary: "a static pod's mirror pod is named <name>-<node>",
        component: Component::Kubelet,
        upstream: &[src("pkg/kubelet/config/common.go", "generatePodName")],
        change: "",
        docs: DOC_STATIC_PODS,
        since: None,
        until: None,
        module: "crates/engine/src/kubelet/mod.rs",
        item: "build",
    },
    Rule {
        id: "generated-pod-name",
        summary: "a workload's pod name: <owner>-<5 random characters>, ReplicaSet <deployment>-<hash>, StatefulSet <name>-<ordinal>",
        component: Component::Controller,
        upstream: &[
            src("staging/src/k8s.io/apiserver/pkg/storage/names/generate.go", "GenerateName"),
            src("pkg/controller/statefulset/stateful_set_utils.go", "getPodName"),
        ],
        change: "",
        docs: "",
        since: None,
        until: None,
        module: "crates/engine/src/manifest/mod.rs",
        item: "",
    },
    Rule {
        id: "controller-replacement",
        summary: "a workload's controller creates a replacement pod for one that ended or was deleted",
        component: Component::Controller,
        upstream: &[
            src("pkg/controller/replicaset/replica_set.go", "manageReplicas"),
            src("pkg/controller/job/job_controller.go", "syncJob"),
        ],
        change: "",
        docs: "",
        since: None,
        until: None,
        module: "crates/engine/src/controllers.rs",
        item: "",
    },
    // ---- kubectl ----
    Rule {
        id: "kubectl-get-columns",
        summary: "kubectl get pod: READY, STATUS, RESTARTS (with \"(5s ago)\"), AGE",
        component: Component::Kubectl,
        upstream: &[src("pkg/printers/internalversion/printers.go", "printPod")],
        change: "",
        docs: DOC_POD_LIFECYCLE,
        since: None,
        until: None,
        module: "crates/engine/src/kubectl/mod.rs",
        item: "columns",
    },
    Rule {
        id: "kubectl-human-duration",
        summary: "ages as kubectl prints them (2m31s, 5h, 3d)",
        component: Component::Kubectl,
        upstream: &[src("staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go", "HumanDuration")],
        change: "",
        docs: "",
        since: None,
        until: None,
        module: "crates/engine/src/kubectl/mod.rs",
        item: "human_duration",
    },
    Rule {
        id: "kubectl-describe",
        summary: "kubectl describe pod",
        component: Component::Kubectl,
        upstream: &[src("staging/src/k8s.io/kubectl/pkg/describe/describe.go", "describePod, describeContainers, DescribeEvents")],
        change: "",
        docs: "",
        since: None,
        until: None,
        module: "crates/engine/src/kubectl/describe.rs",
        item: "describe",
    },
    Rule {
        id: "event-correlation",
        summary: "event correlation: identical events counted, similar messages combined, per-object spam filter",
        component: Component::Kubelet,
        upstream: &[src("staging/src/k8s.io/client-go/tools/record/events_cache.go", "EventCorrelate, EventSourceObjectSpamFilter")],
        change: "",
        docs: "",
        since: None,
        until: None,
        module: "crates/engine/src/kubectl/events.rs",
        item: "correlate_events",
    },
    Rule {
        id: "kubectl-logs",
        summary: "kubectl logs: the container's run (or, with --previous, the one before), the first app container by default",
        component: Component::Kubectl,
        upstream: &[
            src("staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go", "ToLogOptions"),
            src("pkg/kubelet/kubelet_pods.go", "GetKubeletContainerLogs"),
        ],
        change: "",
        docs: "",
        since: None,
        until: None,
        module: "crates/engine/src/kubectl/logs.rs",
        item: "logs",
    },
];

/// The rules table of `docs/fidelity.md`, between its `rules:begin`/`rules:end` markers.
pub fn markdown_table() -> String {
    let mut s = String::from(
        "| id | rule | who | upstream | versions | docs | podlife |\n|---|---|---|---|---|---|---|\n",
    );
    for r in RULES {
        let upstream = r
            .upstream
            .iter()
            .map(|u| {
                if u.function.is_empty() {
                    format!("`{}`", u.file)
                } else {
                    format!("`{}` {}", u.file, u.function)
                }
            })
            .collect::<Vec<_>>()
            .join("; ");
        let upstream = if r.change.is_empty() {
            upstream
        } else {
            format!("{upstream} ({})", r.change)
        };
        let docs = if r.docs.is_empty() {
            String::new()
        } else {
            let (path, fragment) = r.docs.split_once('#').unwrap_or((r.docs, ""));
            let page = path
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or(path);
            let label = if fragment.is_empty() {
                page.to_string()
            } else {
                format!("{page}#{fragment}")
            };
            format!("[{label}]({})", r.docs)
        };
        let module = r
            .module
            .strip_prefix("crates/engine/src/")
            .unwrap_or(r.module);
        let podlife = if r.item.is_empty() {
            format!("`{module}`")
        } else {
            format!("`{module}` `{}`", r.item)
        };
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} |\n",
            r.id,
            r.summary.replace('|', "\\|"),
            r.component.name(),
            upstream.replace('|', "\\|"),
            r.versions(),
            docs,
            podlife
        ));
    }
    s
}

/// What changes from one Kubernetes minor version to the next, as podlife plays it: the minor
/// version, the rule it concerns, and the change. `docs/fidelity.md`'s per-version table is
/// generated from it.
pub const VERSION_CHANGES: &[(u32, &str, &str)] = &[
    (29, "restart-policy", "SidecarContainers beta, on: an init container with `restartPolicy: Always` is a sidecar"),
    (29, "condition-ready-to-start-containers", "PodReadyToStartContainersCondition beta, on: the condition appears"),
    (29, "readiness-manual-trigger", "a readiness probe runs at once when the container starts (manual trigger)"),
    (30, "post-start-hook", "PodLifecycleSleepAction beta, on: `sleep` hooks wait"),
    (32, "created-event-message", "`Created container: NAME` (was `Created container NAME`)"),
    (32, "container-env", "RelaxedEnvironmentVariableValidation beta, on: any printable name but `=`"),
    (32, "crashloop-backoff-gates", "KubeletCrashLoopBackOffMax alpha (off): `maxContainerRestartPeriod`"),
    (33, "in-place-resize", "InPlacePodVerticalScaling beta, on: the pods/resize subresource, PodResizePending / PodResizeInProgress"),
    (33, "stop-signal", "ContainerStopSignals alpha (off): `lifecycle.stopSignal`"),
    (34, "restart-policy", "ContainerRestartRules alpha (off): `restartPolicyRules` exists; a container `restartPolicy` is still forbidden"),
    (34, "observed-generation", "PodObservedGenerationTracking beta, on: status.observedGeneration and conditions[].observedGeneration"),
    (35, "created-event-message", "`Container created` / `Container started` (PR #134043)"),
    (35, "backoff-requeue-on-expiry", "a crash-looping pod is re-queued at its back-off expiry, at most a minute ahead (PR #133066): long back-offs read CrashLoopBackOff after the first minute"),
    (35, "crashloop-backoff-gates", "KubeletCrashLoopBackOffMax beta, on"),
    (35, "restart-policy", "ContainerRestartRules beta, on: container `restartPolicy` and `restartPolicyRules` (KEP-5307)"),
    (35, "kubectl-describe", "kubectl describe prefixes a container event's message with its field path (PR #133627)"),
    (35, "in-place-resize", "InPlacePodVerticalScaling GA; resize events ResizeStarted / ResizeCompleted / ResizeInfeasible (#134825); only cpu and memory (#135084)"),
    (35, "restart-all-containers", "RestartAllContainersOnContainerExits alpha (off); with it on, the reset waits for the next resync or PLEG event, and the removed containers lose their last state"),
    (36, "condition-ready-to-start-containers", "PodReadyToStartContainers turns True right after the sandbox, before the image pulls (#134660)"),
    (36, "api-validation", "restart-rule limits read `Too many: N: must have at most 20 items`; the unsupported-action message lists `\"Restart\", \"RestartAllContainers\"` (#137369)"),
    (36, "restart-all-containers", "RestartAllContainersOnContainerExits beta, on (#136681): the reset syncs again at once (#136966) and keeps the last state `RestartingAllContainers` (#136964)"),
    (37, "condition-ready-to-start-containers", "while False the condition carries reason `PodSandboxNotReady` and a message (#135300); the gate is GA"),
    (37, "kubectl-describe", "kubectl describe names the probe thresholds: `successThreshold=1 failureThreshold=3`"),
    (37, "restart-policy", "the SidecarContainers gate is removed (always on, #137755)"),
];

/// The per-version table of `docs/fidelity.md`, between its `versions:begin`/`versions:end`
/// markers.
pub fn version_table() -> String {
    let mut s = String::from("| from | what changes | rule |\n|---|---|---|\n");
    for (minor, rule, change) in VERSION_CHANGES {
        s.push_str(&format!(
            "| 1.{minor} | {} | `{rule}` |\n",
            change.replace('|', "\\|")
        ));
    }
    s
}
