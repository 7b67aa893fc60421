//! The kubelet model: a discrete-event simulation of one pod on one node.
//!
//! Modules mirror the kubelet's own packages so each rule can be checked against its source:
//!
//! | here | kubelet |
//! |---|---|
//! | [`pod_workers`] | `pkg/kubelet/pod_workers.go`, `kubelet.go` `syncLoopIteration`, PLEG relist |
//! | [`kuberuntime`] | `pkg/kubelet/kuberuntime/kuberuntime_manager.go` `computePodActions`/`SyncPod`, `kuberuntime_container.go` `startContainer`/`killContainer` |
//! | [`images`] | `pkg/kubelet/images/image_manager.go` `EnsureImageExists` |
//! | [`lifecycle`] | `pkg/kubelet/lifecycle/handlers.go` |
//! | [`prober`] | `pkg/kubelet/prober/worker.go`, `prober_manager.go`, `prober.go` |
//! | [`status`] | `pkg/kubelet/kubelet_pods.go` `generateAPIPodStatus`/`getPhase`, `status/generate.go` |
//! | [`backoff`] | `client-go/util/flowcontrol/backoff.go` |
//! | [`envvars`] | `pkg/kubelet/kubelet_pods.go` `makeEnvironmentVariables`, `pkg/kubelet/envvars/envvars.go` `FromServices` |
//!
//! Architecture invariant: the simulation is a priority queue of timestamped events processed in
//! (time, sequence) order; nothing reads a clock, and the only randomness is the seeded
//! generator in [`rng`]. The event loop is bounded (a horizon and an event budget), so every
//! simulation ends.

pub mod allocation;
pub mod apiserver;
pub mod backoff;
pub mod cluster;
pub mod envvars;
pub mod images;
pub mod kuberuntime;
pub mod lifecycle;
pub mod pod_workers;
pub mod prober;
pub mod rng;
pub mod status;
pub mod sync;

use crate::process::{images::ImageInfo, Layer, Process};
use crate::scenario::Scenario;
use crate::timeline::*;
use crate::{Diagnostic, Settings};
use k8s_openapi::api::core::v1::{Container, Pod};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Hard cap on processed events: protects the UI from pathological inputs (the horizon already
/// bounds normal pods; a 24 h pod with 30 probes at 1 s is ~2.6 M ticks).
pub const EVENT_BUDGET: u64 = 20_000_000;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Ev {
    /// The pod worker starts a sync (already snapped to a PLEG relist).
    SyncStart,
    /// The pod worker re-checks what its current sync step waits for.
    WorkerWake,
    /// Container `ci`'s process may have something due.
    ProcWake(usize),
    /// Probe worker `pi` ticks.
    ProbeTick(usize),
    /// Probe worker `pi`'s running probe finishes.
    ProbeDone(usize),
    /// A delayed sync trigger (re-queue, resync) falls due.
    Trigger,
    /// Scenario action `i`.
    Action(usize),
    /// `activeDeadlineSeconds` reached (checked by the kubelet every second).
    Deadline,
}

#[derive(Clone, Debug)]
struct Queued {
    /// Due time (whole milliseconds, like every [`Time`]).
    t: Time,
    seq: u64,
    ev: Ev,
}
impl PartialEq for Queued {
    fn eq(&self, o: &Self) -> bool {
        self.t == o.t && self.seq == o.seq
    }
}
impl Eq for Queued {}
impl PartialOrd for Queued {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Queued {
    fn cmp(&self, o: &Self) -> Ordering {
        // Min-heap on (t, seq).
        o.t.cmp(&self.t).then(o.seq.cmp(&self.seq))
    }
}

/// One runtime instance of a container.
#[derive(Clone, Debug)]
pub(crate) struct Inst {
    /// Container ID (unique per pod).
    pub id: u32,
    pub restart_count: u32,
    pub created: Time,
    pub started: Time,
    /// (finishedAt, exit code, reason, signal)
    pub exited: Option<(Time, i32, String, Option<i32>)>,
    pub process: Process,
    /// Index into the track's `runs`.
    pub run: usize,
    /// The scenario's behaviour overrides for this run.
    pub behaviour: crate::scenario::Behaviour,
    /// The resources the runtime applied to this instance (actuated).
    pub resources: Option<k8s_openapi::api::core::v1::ResourceRequirements>,
}

/// A container of the pod: its spec and its runtime history.
#[derive(Clone)]
pub(crate) struct Ctr {
    pub name: String,
    pub kind: ContainerKind,
    pub spec: Container,
    pub image: ImageInfo,
    pub argv: Vec<String>,
    pub insts: Vec<Inst>,
    /// The writable layer of the current instance.
    pub layer: Layer,
    /// Volume mounts: (mount path, volume index).
    pub mounts: Vec<(String, usize)>,
    pub track: ContainerTrack,
    /// Reason cache: the last start failure (`CrashLoopBackOff`, `ErrImagePull`, ...) and message.
    pub start_failure: Option<(String, String)>,
    /// Spec generation: bumped when the spec changes (`setImage`), which changes the container
    /// hash and so the back-off key (`GetStableKey`) and makes the kubelet restart it.
    pub generation: u32,
    /// The container's own restart policy and rules (`ContainerRestartRules`).
    pub restart: kuberuntime::ContainerRestart,
    /// The generation the running instance was created from.
    pub running_generation: u32,
    /// When an ephemeral container was added (`kubectl debug`); 0 for the pod's own containers.
    #[allow(dead_code)]
    pub added_at: Time,
    /// Instances removed from the runtime (init containers purged on sandbox re-creation, every
    /// container removed by `RestartAllContainers`).
    pub purged: usize,
    /// The container was removed by a `RestartAllContainers` reset: the newest removed instance.
    pub reset: Option<usize>,
    /// The resources the kubelet admitted (`allocatedResources`): the spec's, until a resize the
    /// node cannot fit.
    pub allocated: Option<k8s_openapi::api::core::v1::ResourceRequirements>,
    /// What exec probes of this container could not model exactly: (the command's field, the
    /// command, the assumption).
    pub exec_assumptions: Vec<(String, Vec<String>, crate::process::Assumption)>,
    /// The container's API field path (`spec.containers[0]`), for located assumptions.
    pub spec_path: String,
    /// What building its environment had to assume (each stated once).
    pub env_assumptions: Vec<envvars::Assumption>,
}

impl Ctr {
    /// The instances the runtime still has: all but those purged when the sandbox was
    /// re-created (`purgeInitContainers`).
    pub fn visible(&self) -> &[Inst] {
        &self.insts[self.purged.min(self.insts.len())..]
    }
    pub fn running(&self) -> Option<&Inst> {
        self.insts.last().filter(|i| i.exited.is_none())
    }
    pub fn field_path(&self) -> String {
        match self.kind {
            ContainerKind::Init | ContainerKind::Sidecar => {
                format!("spec.initContainers{{{}}}", self.name)
            }
            ContainerKind::Regular => format!("spec.containers{{{}}}", self.name),
            ContainerKind::Ephemeral => format!("spec.ephemeralContainers{{{}}}", self.name),
        }
    }
}

/// The simulation state.
#[derive(Clone)]
pub(crate) struct Sim {
    pub s: std::rc::Rc<Settings>,
    pub scenario: std::rc::Rc<Scenario>,
    pub pod: PodInfo,
    pub now: Time,
    queue: BinaryHeap<Queued>,
    /// The event budget ran out: nothing more is processed.
    stopped: bool,
    seq: u64,
    pub processed: u64,
    pub ctrs: Vec<Ctr>,
    pub volumes: Vec<Layer>,
    pub worker: pod_workers::Worker,
    pub probes: Vec<prober::ProbeWorker>,
    /// The live tick instant of each probe worker's ticker.
    pub tick_due: Vec<Time>,
    pub crash_backoff: backoff::Backoff,
    pub image_backoff: backoff::Backoff,
    /// Images present on the node.
    pub images_present: std::collections::BTreeSet<String>,
    pub sandbox: Option<(Time, Option<Time>)>,
    /// Every sandbox's lifetime (a new one after each re-creation).
    pub sandboxes: Vec<(Time, Option<Time>)>,
    pub sandbox_ready: bool,
    pub status: status::StatusManager,
    pub events: Vec<Event>,
    pub syncs: Vec<Time>,
    pub next_container_id: u32,
    pub rng: rng::Rng,
    pub notes: Vec<Diagnostic>,
    pub has_init: bool,
    /// Services that exist now (DNS names resolvable from the pod).
    pub services: std::collections::BTreeSet<String>,
    /// Live probe overrides: (container, probe type, from, success).
    pub forced_probes: Vec<(usize, ProbeType, Time, bool)>,
    /// `activeDeadlineSeconds` passed: the pod is failed with reason DeadlineExceeded.
    pub deadline_exceeded: bool,
    /// The sandbox died; the next sync re-creates it (`PodSandboxChanged`).
    pub sandbox_changed: bool,
    /// A static pod's mirror pod was deleted at this instant; the next sync re-creates it.
    pub mirror_deleted: Option<Time>,
    /// `metadata.generation`: 1 at creation, one up with every change of the spec
    /// (`updatePodGeneration`, `pkg/registry/core/pod/strategy.go`) and on graceful deletion.
    pub generation: i64,
    /// The generation the pod worker last synced: `status.observedGeneration`.
    pub synced_generation: i64,
    /// `PodResizeInProgress`: the generation of the admitted resize not yet actuated.
    pub resize_in_progress: Option<i64>,
    /// `PodResizePending`: (reason, message, generation) of a resize the node cannot admit.
    pub resize_pending: Option<(String, String, i64)>,
    /// Interpreter steps used so far (`Settings::work_budget`).
    pub work_used: u64,
    /// The work budget ran out and a note said so.
    pub work_noted: bool,
    /// What the kubelet knows of the pod when it builds a container's environment.
    pub env_facts: envvars::PodFacts,
    /// The ConfigMaps and Secrets the scenario declares.
    pub objects: envvars::Objects,
    /// Cluster IPs for the scenario's Services that declare none.
    pub service_ips: std::collections::BTreeMap<String, String>,
}

impl Sim {
    pub fn schedule(&mut self, t: Time, ev: Ev) {
        self.seq += 1;
        self.queue.push(Queued {
            t: t.max(self.now),
            seq: self.seq,
            ev,
        });
    }

    /// Record an event emission (`record.EventRecorder.Event`).
    // rule: kubelet-events
    pub fn event(&mut self, event_type: EventType, reason: &str, object: &str, message: String) {
        self.events.push(Event {
            t: self.now,
            event_type,
            reason: reason.into(),
            object: object.into(),
            message,
            source: "kubelet".into(),
        });
    }

    pub fn container_event(
        &mut self,
        ci: usize,
        event_type: EventType,
        reason: &str,
        message: String,
    ) {
        let obj = self.ctrs[ci].field_path();
        self.event(event_type, reason, &obj, message);
    }

    /// Interpreter steps a new process may use: `want`, or what is left of the simulation's
    /// work budget (at least `floor`, so a script still starts; the note says the budget ran
    /// out).
    pub fn work_grant(&mut self, want: u64, floor: u64) -> u64 {
        let left = self.s.work_budget.saturating_sub(self.work_used);
        if left < want && !self.work_noted {
            self.work_noted = true;
            self.notes.push(Diagnostic::warning(
                "",
                format!(
                    "the simulation's work budget ({} interpreter steps, `workBudget`) ran out at t={:.1}s: from then on each script runs at most {floor} steps between waits and is stated to spin past that",
                    self.s.work_budget, self.now.as_secs_f64()
                ),
            ));
        }
        want.min(left).max(floor)
    }

    /// `<pod>_<namespace>(<uid>)`, as `format.Pod` prints it in back-off messages.
    pub fn pod_ref(&self) -> String {
        format!("{}_{}({})", self.pod.name, self.pod.namespace, self.pod.uid)
    }

    /// The time of the next queued event within the horizon, if any.
    pub fn next_due(&self) -> Option<Time> {
        if self.stopped {
            return None;
        }
        self.queue
            .peek()
            .map(|q| q.t)
            .filter(|&t| t <= self.s.until)
    }

    /// Process every queued event due at or before `t` (`inclusive`) or strictly before it,
    /// in (time, sequence) order, then set the clock to `t` (at most the horizon).
    pub fn run_until(&mut self, t: Time, inclusive: bool) {
        let t = t.min(self.s.until);
        while let Some(due) = self.next_due() {
            if due > t || (!inclusive && due >= t) {
                break;
            }
            let q = self.queue.pop().expect("peeked");
            self.processed += 1;
            if self.processed > EVENT_BUDGET {
                self.stopped = true;
                self.notes.push(Diagnostic::warning(
                    "",
                    format!(
                        "simulation stopped at t={:.1}s: event budget exhausted",
                        self.now.as_secs_f64()
                    ),
                ));
                break;
            }
            self.now = q.t;
            match q.ev {
                Ev::SyncStart => self.sync_start(),
                Ev::WorkerWake => self.worker_poll(),
                Ev::ProcWake(ci) => self.proc_wake(ci),
                Ev::ProbeTick(pi) => self.probe_tick(pi),
                Ev::ProbeDone(pi) => self.probe_done(pi),
                Ev::Trigger => self.trigger_due(),
                Ev::Action(i) => self.action(i),
                Ev::Deadline => self.deadline(),
            }
        }
        if t > self.now {
            self.now = t;
        }
    }
}

/// Simulate `pod` (already defaulted and validated) under `scenario` and `settings` to the
/// horizon: the driver loop over [`crate::Kubelet`].
pub fn run(pod: &Pod, scenario: &Scenario, settings: &Settings) -> (Timeline, Vec<Diagnostic>) {
    run_at(pod, scenario, settings, Time::ZERO)
}

/// Like [`run`] for a pod created at `t0` (a controller's replacement pod); its times are still
/// measured from the first pod's creation.
pub fn run_at(
    pod: &Pod,
    scenario: &Scenario,
    settings: &Settings,
    t0: Time,
) -> (Timeline, Vec<Diagnostic>) {
    crate::Kubelet::created_at(pod, scenario.clone(), settings.clone(), t0).finish()
}

/// A machine for `pod` created at `t0`, its first sync queued.
pub(crate) fn machine(pod: &Pod, scenario: Scenario, settings: Settings, t0: Time) -> Sim {
    let mut sim = build(pod, scenario, settings);
    sim.now = t0;
    sim.pod.created_at = t0;
    sim.start();
    sim
}

fn build(pod: &Pod, scenario: Scenario, s: Settings) -> Sim {
    let meta = &pod.metadata;
    let spec = pod.spec.clone().unwrap_or_default();
    let mut name = meta.name.clone().unwrap_or_else(|| "pod".into());
    if s.static_pod {
        // `pkg/kubelet/config/common.go` `generatePodName`: `<name>-<lowercased nodeName>`.
        // rule: static-pod-mirror-name
        name = format!("{name}-{}", s.node.to_lowercase());
    }
    let namespace = meta.namespace.clone().unwrap_or_else(|| "default".into());
    let uid = meta
        .uid
        .clone()
        .unwrap_or_else(|| "00000000-0000-0000-0000-000000000000".into());
    let mut labels: Vec<(String, String)> = meta
        .labels
        .clone()
        .unwrap_or_default()
        .into_iter()
        .collect();
    labels.sort();

    // Volumes: emptyDir and friends, by name.
    let vol_names: Vec<String> = spec
        .volumes
        .as_ref()
        .map(|v| v.iter().map(|v| v.name.clone()).collect())
        .unwrap_or_default();
    let volumes = vec![Layer::default(); vol_names.len()];

    let mut ctrs = vec![];
    let (mut n_init, mut n_regular, mut n_ephemeral) = (0, 0, 0);
    let mut describe = vec![];
    let mut add = |c: &Container, kind: ContainerKind| {
        let image_ref = c.image.clone().unwrap_or_default();
        let mut image = crate::process::images::lookup(&image_ref);
        image.declared_ports = c
            .ports
            .iter()
            .flatten()
            .filter_map(|p| u16::try_from(p.container_port).ok())
            .collect();
        // An app is also assumed to listen where its own probes connect (numeric ports): the
        // manifest's author expects it there.
        for p in [&c.liveness_probe, &c.readiness_probe, &c.startup_probe]
            .into_iter()
            .flatten()
        {
            let port = p
                .http_get
                .as_ref()
                .map(|h| h.port.clone())
                .or_else(|| p.tcp_socket.as_ref().map(|t| t.port.clone()));
            let port = match port {
                Some(k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(i)) => {
                    u16::try_from(i).ok()
                }
                _ => p.grpc.as_ref().and_then(|g| u16::try_from(g.port).ok()),
            };
            if let Some(port) = port {
                if !image.declared_ports.contains(&port) {
                    image.declared_ports.push(port);
                }
            }
        }
        // The environment and the `$(VAR)` expansion of command/args are computed at each start
        // (`generateContainerConfig`); until then the argv is the unexpanded one.
        let argv = crate::process::container_argv(
            &image,
            c.command.as_deref().unwrap_or(&[]),
            c.args.as_deref().unwrap_or(&[]),
        );
        let mounts = c
            .volume_mounts
            .as_ref()
            .map(|m| {
                m.iter()
                    .filter_map(|m| {
                        vol_names
                            .iter()
                            .position(|n| n == &m.name)
                            .map(|i| (m.mount_path.clone(), i))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let probes: Vec<(ProbeType, String)> = [
            (ProbeType::Liveness, &c.liveness_probe),
            (ProbeType::Readiness, &c.readiness_probe),
            (ProbeType::Startup, &c.startup_probe),
        ]
        .into_iter()
        .filter_map(|(t, p)| p.as_ref().map(|p| (t, prober::describe_probe(p))))
        .collect();
        describe.push(ContainerDescribe {
            name: c.name.clone(),
            kind,
            image: image_ref.clone(),
            command: c.command.clone().unwrap_or_default(),
            args: c.args.clone().unwrap_or_default(),
            ports: c
                .ports
                .as_ref()
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            format!(
                                "{}/{}",
                                p.container_port,
                                p.protocol.clone().unwrap_or_else(|| "TCP".into())
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
            probes,
        });
        let spec_path = match kind {
            ContainerKind::Init | ContainerKind::Sidecar => {
                n_init += 1;
                format!("spec.initContainers[{}]", n_init - 1)
            }
            ContainerKind::Regular => {
                n_regular += 1;
                format!("spec.containers[{}]", n_regular - 1)
            }
            ContainerKind::Ephemeral => {
                n_ephemeral += 1;
                format!("spec.ephemeralContainers[{}]", n_ephemeral - 1)
            }
        };
        let mut assumptions = vec![];
        if !image.known && c.command.is_none() && c.args.is_none() {
            assumptions.push(format!("image `{image_ref}` is not in podlife's catalogue: assumed to be a server listening on its declared ports, healthy, and exiting on SIGTERM"));
        }
        let pull_policy = c
            .image_pull_policy
            .as_deref()
            .and_then(PullPolicy::parse)
            .unwrap_or(PullPolicy::IfNotPresent);
        // Who writes `imagePullPolicy: Never` has almost always preloaded the image (kind load,
        // a node-local build): played as present, and said so.
        if pull_policy == PullPolicy::Never && s.never_pull_present {
            assumptions.push(format!("imagePullPolicy: Never: the image `{image_ref}` is assumed to be preloaded on the node (setting `neverPullPresent: false` plays ErrImageNeverPull instead)"));
        }
        ctrs.push(Ctr {
            name: c.name.clone(),
            kind,
            spec: c.clone(),
            image,
            argv,
            insts: vec![],
            layer: Layer::default(),
            mounts,
            track: ContainerTrack {
                name: c.name.clone(),
                kind,
                image: image_ref,
                image_pull_policy: pull_policy,
                runs: vec![],
                pulls: vec![],
                backoffs: vec![],
                probes: vec![],
                assumptions,
            },
            start_failure: None,
            generation: 0,
            restart: kuberuntime::ContainerRestart::from_spec(
                c,
                kind == ContainerKind::Sidecar,
                s.gate(crate::settings::FeatureGate::ContainerRestartRules),
                s.gate(crate::settings::FeatureGate::RestartAllContainersOnContainerExits),
            ),
            running_generation: 0,
            added_at: Time::ZERO,
            purged: 0,
            reset: None,
            allocated: c.resources.clone(),
            exec_assumptions: vec![],
            spec_path,
            env_assumptions: vec![],
        });
    };
    let sidecars_on = s.gate(crate::settings::FeatureGate::SidecarContainers);
    for c in spec.init_containers.iter().flatten() {
        // With the SidecarContainers gate off (1.28's default) the API server drops the field
        // (`dropDisabledFields`): the container is a plain init container.
        let kind = if c.restart_policy.as_deref() == Some("Always") && sidecars_on {
            ContainerKind::Sidecar
        } else {
            ContainerKind::Init
        };
        add(c, kind);
    }
    for c in &spec.containers {
        add(c, ContainerKind::Regular);
    }
    for c in spec.ephemeral_containers.iter().flatten() {
        // Ephemeral containers share the Container shape for the fields podlife uses.
        let c = Container {
            name: c.name.clone(),
            image: c.image.clone(),
            command: c.command.clone(),
            args: c.args.clone(),
            image_pull_policy: c.image_pull_policy.clone(),
            env: c.env.clone(),
            env_from: c.env_from.clone(),
            ..Default::default()
        };
        add(&c, ContainerKind::Ephemeral);
    }
    let has_init = spec.init_containers.as_ref().is_some_and(|v| !v.is_empty());
    let mut notes = vec![];
    let alloc = allocatable(&s, &mut notes);
    let pod_info = PodInfo {
        name,
        namespace,
        uid,
        node: s.node.clone(),
        pod_ip: "10.244.1.7".into(),
        restart_policy: spec
            .restart_policy
            .clone()
            .unwrap_or_else(|| "Always".into()),
        termination_grace_period_seconds: spec.termination_grace_period_seconds.unwrap_or(30),
        deleted_at: None,
        deletion_timestamp: None,
        deletion_grace_period_seconds: None,
        removed_at: None,
        labels,
        describe,
        object: pod.clone(),
        controlled_by: meta
            .owner_references
            .as_ref()
            .and_then(|o| o.first())
            .map(|o| format!("{}/{}", o.kind, o.name)),
        static_pod: s.static_pod,
        mirror_recreated: vec![],
        resizes: vec![],
        created_at: Time::ZERO,
        kubectl_minor: s.kubectl().0,
    };
    let env_facts = env_facts(&pod_info, alloc);
    let service_ips = envvars::cluster_ips(
        scenario.services.keys().map(String::as_str).chain(
            scenario
                .actions
                .iter()
                .filter_map(|a| a.create_service.as_deref()),
        ),
    );
    let mut images_present = if s.images_present {
        spec_images(&spec)
    } else {
        Default::default()
    };
    if s.never_pull_present {
        images_present.extend(
            ctrs.iter()
                .filter(|c| c.track.image_pull_policy == PullPolicy::Never)
                .map(|c| c.track.image.clone()),
        );
    }
    Sim {
        pod: pod_info,
        now: Time::ZERO,
        queue: BinaryHeap::new(),
        stopped: false,
        seq: 0,
        processed: 0,
        ctrs,
        volumes,
        worker: pod_workers::Worker::default(),
        probes: vec![],
        tick_due: vec![],
        crash_backoff: {
            let (i, m) = s.crash_backoff();
            backoff::Backoff::new(i, m)
        },
        image_backoff: backoff::Backoff::new(Time::from_secs(10), Time::from_secs(300)),
        images_present,
        sandbox: None,
        sandboxes: vec![],
        sandbox_ready: false,
        status: status::StatusManager::default(),
        events: vec![],
        syncs: vec![],
        next_container_id: 1,
        rng: rng::Rng::new(s.seed.unwrap_or(0)),
        notes,
        has_init,
        services: scenario.initial_services(),
        forced_probes: vec![],
        deadline_exceeded: false,
        sandbox_changed: false,
        mirror_deleted: None,
        generation: 1,
        synced_generation: 1,
        resize_in_progress: None,
        resize_pending: None,
        work_used: 0,
        work_noted: false,
        env_facts,
        objects: scenario.objects(),
        service_ips,
        s: std::rc::Rc::new(s),
        scenario: std::rc::Rc::new(scenario),
    }
}

/// The node's allocatable resources from the settings (an unparsable value falls back to the
/// default, with a note).
fn allocatable(s: &Settings, notes: &mut Vec<Diagnostic>) -> envvars::Allocatable {
    use crate::kubectl::quantity::Quantity;
    let d = Settings::default();
    let mut q = |field: &str, v: &str, default: &str| {
        Quantity::parse(v).unwrap_or_else(|| {
            notes.push(Diagnostic::warning(
                format!("settings.{field}"),
                format!("Invalid value: {v:?}: not a quantity; using {default}"),
            ));
            Quantity::parse(default).expect("the default parses")
        })
    };
    envvars::Allocatable {
        cpu: q(
            "nodeAllocatableCpu",
            &s.node_allocatable_cpu,
            &d.node_allocatable_cpu,
        ),
        memory: q(
            "nodeAllocatableMemory",
            &s.node_allocatable_memory,
            &d.node_allocatable_memory,
        ),
        ephemeral_storage: q(
            "nodeAllocatableEphemeralStorage",
            &s.node_allocatable_ephemeral_storage,
            &d.node_allocatable_ephemeral_storage,
        ),
    }
}

/// The pod as the kubelet sees it when it builds environments (the stored object: admitted
/// service account, requests defaulted from limits).
fn env_facts(pod: &PodInfo, allocatable: envvars::Allocatable) -> envvars::PodFacts {
    let st = crate::kubectl::stored::stored(pod);
    let spec = pod.object.spec.as_ref();
    let host_network = spec.and_then(|s| s.host_network).unwrap_or(false);
    let host_ip = crate::kubectl::HOST_IP.to_string();
    envvars::PodFacts {
        name: pod.name.clone(),
        namespace: pod.namespace.clone(),
        uid: pod.uid.clone(),
        node: pod.node.clone(),
        service_account: st.service_account.clone(),
        labels: pod.labels.iter().cloned().collect(),
        annotations: st.annotations.clone(),
        // A hostNetwork pod's IP is the node's.
        pod_ip: if host_network {
            host_ip.clone()
        } else {
            pod.pod_ip.clone()
        },
        host_ip,
        containers: st.containers.clone(),
        allocatable,
        enable_service_links: spec.and_then(|s| s.enable_service_links).unwrap_or(true),
    }
}

impl Sim {
    pub(crate) fn start(&mut self) {
        // Bound by the scheduler at creation (`pkg/scheduler/schedule_one.go` event
        // "Successfully assigned <ns>/<pod> to <node>").
        // rule: scheduler-binding
        let t0 = self.now;
        self.events.push(Event {
            t: t0,
            event_type: EventType::Normal,
            reason: "Scheduled".into(),
            object: String::new(),
            message: format!(
                "Successfully assigned {}/{} to {}",
                self.pod.namespace, self.pod.name, self.pod.node
            ),
            source: "default-scheduler".into(),
        });
        let scenario = self.scenario.clone();
        for (i, a) in scenario.actions.iter().enumerate() {
            self.schedule(a.at, Ev::Action(i));
        }
        // The kubelet sees the pod (config ADD) and runs sync #1 at t = 0.
        self.schedule(t0, Ev::SyncStart);
        self.worker.scheduled = Some(t0);
    }

    /// The timeline up to `until` and the diagnostics (assumptions located at their fields).
    pub(crate) fn finish(mut self, until: Time) -> (Timeline, Vec<Diagnostic>) {
        for c in &mut self.ctrs {
            for i in &c.insts {
                if let Some(run) = c.track.runs.get_mut(i.run) {
                    run.logs = i.process.log.clone();
                }
            }
        }
        let mut notes = std::mem::take(&mut self.notes);
        // Assumptions are located at the container's spec entry (`spec.containers[1]`), or at
        // the script element with the line and column inside the script; the caller prefixes
        // workload paths and finds the line.
        let (mut n_init, mut n_regular) = (0, 0);
        for c in &mut self.ctrs {
            let path = match c.kind {
                ContainerKind::Init | ContainerKind::Sidecar => {
                    n_init += 1;
                    format!("spec.initContainers[{}]", n_init - 1)
                }
                ContainerKind::Regular => {
                    n_regular += 1;
                    format!("spec.containers[{}]", n_regular - 1)
                }
                ContainerKind::Ephemeral => format!("ephemeralContainers{{{}}}", c.name),
            };
            for a in &c.track.assumptions {
                notes.push(Diagnostic::warning(
                    path.clone(),
                    format!("{}: {a}", c.name),
                ));
            }
            let script_path = script_field(c.spec.command.as_deref(), c.spec.args.as_deref())
                .map(|f| format!("{path}.{f}"));
            let mut found: Vec<(Option<String>, crate::process::Assumption)> = c
                .insts
                .iter()
                .flat_map(|i| i.process.assumptions.iter())
                .map(|a| (script_path.clone(), a.clone()))
                .collect();
            for (field, cmd, a) in &c.exec_assumptions {
                let sp = script_field(Some(cmd), None).map(|f| {
                    let idx = f.trim_start_matches("command");
                    format!("{path}.{field}{idx}")
                });
                found.push((sp, a.clone()));
            }
            let mut seen: Vec<(Option<String>, crate::process::Assumption)> = vec![];
            for (sp, a) in found {
                if seen.contains(&(sp.clone(), a.clone())) {
                    continue;
                }
                seen.push((sp.clone(), a.clone()));
                let text = a.to_string();
                if !c.track.assumptions.contains(&text) {
                    c.track.assumptions.push(text.clone());
                }
                let mut d = Diagnostic::warning(path.clone(), format!("{}: {text}", c.name));
                match (a.at, sp) {
                    (Some(pos), Some(sp)) => {
                        d.path = sp;
                        d.offset = Some((pos.line as usize, pos.col as usize));
                    }
                    (None, Some(sp)) if sp.contains("Probe") => d.path = sp,
                    _ => {}
                }
                notes.push(d);
            }
            // Environment assumptions are located at the field they concern.
            for a in &c.env_assumptions {
                notes.push(Diagnostic::warning(
                    a.path.clone(),
                    format!("{}: {}", c.name, a.message),
                ));
            }
        }
        for c in &mut self.ctrs {
            for a in &c.env_assumptions {
                c.track.assumptions.push(a.to_string());
            }
        }
        for p in &self.probes {
            let track = p.track.clone();
            self.ctrs[p.ci].track.probes.push(track);
        }
        let sandbox = self
            .sandboxes
            .iter()
            .map(|&(a, b)| Span {
                start: a,
                end: b,
                label: "sandbox".into(),
                detail: None,
            })
            .collect();
        let mut events = std::mem::take(&mut self.events);
        events.sort_by_key(|e| e.t);
        let tl = Timeline {
            until,
            pod: self.pod.clone(),
            sandbox,
            containers: self.ctrs.iter().map(|c| c.track.clone()).collect(),
            events,
            snapshots: std::mem::take(&mut self.status.snapshots),
            syncs: std::mem::take(&mut self.syncs),
            replacement: None,
        };
        (tl, notes)
    }

    /// A container's process may have work due now.
    fn proc_wake(&mut self, ci: usize) {
        self.advance_process(ci);
    }

    /// Advance container `ci`'s process to `now`, recording an exit.
    pub fn advance_process(&mut self, ci: usize) {
        let now = self.now;
        let Some(inst) = self.ctrs[ci].insts.last() else {
            return;
        };
        if inst.exited.is_some() {
            return;
        }
        let world = self.world();
        {
            let c = &mut self.ctrs[ci];
            let inst = c.insts.last_mut().expect("checked above");
            let mut fs = crate::process::FsView {
                layer: &mut c.layer,
                volumes: &mut self.volumes,
                mounts: &c.mounts,
            };
            inst.process.advance(now, &mut fs, &world);
            let used = inst.process.take_steps();
            self.work_used = self.work_used.saturating_add(used);
        }
        self.after_process_change(ci);
    }

    /// The world as this pod's processes see it now.
    pub fn world(&self) -> ServiceWorld {
        let now = self.now;
        let mut listening = vec![];
        for c in &self.ctrs {
            if let Some(i) = c.running() {
                for p in &c.image.declared_ports {
                    if i.process.listening(*p, now) {
                        listening.push(*p);
                    }
                }
                for p in i.process.open_ports(now) {
                    listening.push(p);
                }
            }
        }
        ServiceWorld {
            services: self.services.clone(),
            listening,
            pod_ip: self.pod.pod_ip.clone(),
            pod_name: self.pod.name.clone(),
        }
    }

    /// After a process was advanced or signalled: record its exit, schedule its next wake.
    pub fn after_process_change(&mut self, ci: usize) {
        let c = &mut self.ctrs[ci];
        let Some(inst) = c.insts.last_mut() else {
            return;
        };
        if inst.exited.is_some() {
            return;
        }
        if let Some((code, at)) = inst.process.exit() {
            let signal = inst.process.signal.map(|s| s.number());
            // containerd's CRI reasons: Completed for 0, Error otherwise (OOMKilled from the
            // cgroup; not modelled without a scenario).
            let reason = inst
                .process
                .exit_reason
                .clone()
                .unwrap_or_else(|| if code == 0 { "Completed" } else { "Error" }.to_string());
            inst.exited = Some((at, code, reason.clone(), signal));
            let run = &mut c.track.runs[inst.run];
            run.exited = Some(at);
            run.exit_code = Some(code);
            run.reason = Some(reason);
            // PLEG notices the exit at its next relist and triggers a sync.
            // rule: container-state, pleg-relist
            self.pleg_change(at);
            self.schedule(self.now, Ev::WorkerWake);
        } else if let Some(w) = inst.process.next_wake() {
            self.schedule(w, Ev::ProcWake(ci));
        }
    }
}

/// Which element of `command`/`args` holds the `sh -c` script (`command[2]`, `args[0]`).
fn script_field(command: Option<&[String]>, args: Option<&[String]>) -> Option<String> {
    let cmd = command.unwrap_or_default().to_vec();
    let args = args.unwrap_or_default().to_vec();
    if cmd.is_empty() {
        return None;
    }
    let all: Vec<&String> = cmd.iter().chain(args.iter()).collect();
    let k = all.iter().position(|a| a.as_str() == "-c")? + 1;
    if k >= all.len() {
        return None;
    }
    Some(if k < cmd.len() {
        format!("command[{k}]")
    } else {
        format!("args[{}]", k - cmd.len())
    })
}

fn spec_images(spec: &k8s_openapi::api::core::v1::PodSpec) -> std::collections::BTreeSet<String> {
    spec.init_containers
        .iter()
        .flatten()
        .chain(spec.containers.iter())
        .filter_map(|c| c.image.clone())
        .collect()
}

/// The simulated cluster as a process sees it: Services by DNS name, and the pod's own
/// listening ports on localhost / the pod IP.
pub(crate) struct ServiceWorld {
    pub services: std::collections::BTreeSet<String>,
    pub listening: Vec<u16>,
    pub pod_ip: String,
    pub pod_name: String,
}

impl crate::process::World for ServiceWorld {
    fn resolve(&self, name: &str, _now: Time) -> bool {
        let short = name.split('.').next().unwrap_or(name);
        self.services.contains(short)
    }
    fn http(&self, host: &str, port: u16, _path: &str, now: Time) -> Result<u16, String> {
        if host == "localhost"
            || host == "127.0.0.1"
            || host == self.pod_ip
            || host == self.pod_name
        {
            return if self.listening.contains(&port) {
                Ok(200)
            } else {
                Err(
                    "wget: can't connect to remote host (127.0.0.1): Connection refused"
                        .to_string(),
                )
            };
        }
        if self.resolve(host, now) {
            // A Service with ready endpoints behind it is assumed to answer.
            return Ok(200);
        }
        // Any other dotted name outside the cluster domain: the internet, assumed reachable.
        let cluster_local = host.ends_with(".local") || host.contains(".svc");
        if host.contains('.') && !cluster_local && host.parse::<std::net::Ipv4Addr>().is_err() {
            return Ok(200);
        }
        Err(format!("wget: bad address '{host}:{port}'"))
    }
}
