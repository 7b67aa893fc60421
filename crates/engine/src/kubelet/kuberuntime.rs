//! What one sync does: `pkg/kubelet/kubelet.go` `SyncPod` / `SyncTerminatingPod` /
//! `SyncTerminatedPod`, `pkg/kubelet/kuberuntime/kuberuntime_manager.go` `computePodActions` /
//! `SyncPod` / `doBackOff`, and `kuberuntime_container.go` `startContainer` / `killContainer`.

use super::images::Ensure;
use super::lifecycle::{self, Hook};
use super::prober::Result as PR;
use super::{Ev, Inst, Sim};
use crate::process::{self, FsView, Layer, NoWorld, Signal};
use crate::settings::FeatureGate;
use crate::timeline::{ContainerKind, HookResult, HookRun, ProbeType, RestartPolicy, Run, Span};
use crate::timeline::{EventType, StopSignal, StopSignalSource, Time};

/// One action of a sync, run in order (`SyncPod`'s execution order).
#[derive(Clone, Debug)]
pub enum Step {
    /// `createPodSandbox`.
    CreateSandbox,
    /// `startContainer` (with the back-off check first).
    Start(usize),
    /// Kill one container (`killContainer`) with a message and grace seconds; `restart` is
    /// informational (the Start step follows when it restarts).
    Kill {
        ci: usize,
        message: String,
        grace: i64,
    },
    /// `killPodWithSyncResult`: all containers in parallel, then the sandbox.
    KillPod { grace: i64 },
    /// Re-create a dead sandbox: `SandboxChanged` event, purge init containers, RunPodSandbox.
    RecreateSandbox,
    /// After KillPod in `SyncTerminatingPod`: publish the terminal status, then the terminated
    /// sync removes the pod.
    Terminated,
    /// `RestartAllContainers`: remove every (stopped) container from the runtime, keeping the
    /// sandbox; from 1.36 the pod is synced again at once.
    RemoveContainers,
    /// `UpdateContainerResources`: an in-place resize of a running container.
    UpdateResources(usize),
}

/// The blocking operation the pod worker is waiting on. (One per pod worker: boxing the large
/// variant would buy nothing.)
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Op {
    Until(Time),
    Start(StartOp),
    Kills(Vec<KillOp>),
}

#[derive(Clone, Debug)]
pub struct StartOp {
    pub ci: usize,
    pub stage: StartStage,
}

#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)] // one per starting container
pub enum StartStage {
    Pulling { from: Time, until: Time },
    Creating { until: Time },
    Starting { until: Time },
    PostStart { hook: Hook, started: Time },
}

#[derive(Clone, Debug)]
pub struct KillOp {
    pub ci: usize,
    pub g0: i64,
    pub started: Time,
    pub hook: Option<Hook>,
    pub stage: KillStage,
}

#[derive(Clone, Debug, PartialEq)]
pub enum KillStage {
    /// Waiting for the preStop hook, at most until the deadline.
    PreStop {
        deadline: Time,
    },
    /// A sidecar waiting for its turn (regular containers, then later sidecars), at most
    /// `deadline`; `g1` is the grace left after the hook.
    AwaitTurn {
        deadline: Time,
        g1: i64,
    },
    /// Stop signal sent; SIGKILL at the deadline.
    Signalled {
        deadline: Time,
    },
    Done,
}

/// Why the kubelet kills a container (`kuberuntime_manager.go` builds the kill message from it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KillReason {
    /// The liveness probe failed (`"failed liveness probe"`).
    Liveness,
    /// The startup probe failed (`"failed startup probe"`).
    Startup,
    /// The container's spec hash changed (`"definition changed"`).
    SpecChanged,
    /// An in-place resize whose `resizePolicy` is `RestartContainer` (`"resize requires
    /// restart"`).
    ResizeRestart,
}

impl KillReason {
    /// The probe word in "Container X failed liveness probe".
    pub fn probe_word(self) -> &'static str {
        match self {
            KillReason::Liveness => "liveness",
            KillReason::Startup => "startup",
            KillReason::SpecChanged | KillReason::ResizeRestart => "",
        }
    }
}

/// A container as `computePodActions` sees it in the pre-sync runtime snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct ContainerView {
    pub name: String,
    pub kind: ContainerKind,
    /// The newest instance in the snapshot.
    pub state: SnapshotState,
    /// The startup probe passed (or there is none) for the running instance.
    pub started: bool,
    /// A failed liveness/startup probe of the running instance.
    pub probe_failure: Option<KillReason>,
    /// The grace for a probe kill (`probe.terminationGracePeriodSeconds` or the pod's).
    pub probe_grace: i64,
    /// The running instance was created from an older spec (`kubectl set image`).
    pub spec_changed: bool,
    /// Any instance was ever created (also ones the snapshot does not show yet).
    pub ever_created: bool,
    /// An instance is running right now (the snapshot may still show it running after an exit).
    pub running_now: bool,
    /// The container's own restart policy and rules.
    pub restart: ContainerRestart,
    /// An admitted in-place resize the running instance does not have yet.
    pub resize: Option<super::allocation::Actuation>,
}

/// The newest instance of a container in the snapshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnapshotState {
    NotCreated,
    Running,
    Exited { code: i32 },
}

/// The sandbox as the sync sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SandboxState {
    /// None yet (first sync).
    Missing,
    /// It died (`PodSandboxChanged`).
    Changed,
    Ready,
}

/// The input of [`compute_pod_actions`]: plain data, so the decision is testable on its own.
#[derive(Clone, Debug, PartialEq)]
pub struct PodView {
    pub restart_policy: RestartPolicy,
    pub termination_grace_period_seconds: i64,
    pub deleted: bool,
    pub sandbox: SandboxState,
    pub containers: Vec<ContainerView>,
    /// The published `AllContainersRestarting` condition is True (`SyncPod`'s
    /// `restartingAllContainers`).
    pub restart_all: bool,
}

/// A container to kill: `containersToKill` in `podActions`.
#[derive(Clone, Debug, PartialEq)]
pub struct ContainerToKill {
    pub ci: usize,
    pub reason: KillReason,
    pub message: String,
    pub grace: i64,
}

/// What one sync will do: `podActions` in `kuberuntime_manager.go`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodActions {
    /// `CreateSandbox` (first sync) — containers still start in the same sync.
    pub create_sandbox: bool,
    /// `KillPod` with this grace: everything stops (the sandbox changed, or only sidecars are
    /// left once the regular containers are done).
    pub kill_pod: Option<i64>,
    /// The sandbox is re-created after `KillPod` (`SandboxChanged`; init containers purged).
    pub recreate_sandbox: bool,
    /// `containersToKill`, in order.
    pub containers_to_kill: Vec<ContainerToKill>,
    /// `RestartAllContainers`: after `kill_pod`, remove every container from the runtime (the
    /// sandbox stays); the next sync starts them all again.
    pub remove_containers: bool,
    /// In-place resizes actuated with `UpdateContainerResources` (`UpdatePodResources`).
    pub update_resources: Vec<usize>,
    /// `EphemeralContainersToStart`, `InitContainersToStart`/`NextInitContainerToStart` and
    /// `ContainersToStart`, in `SyncPod`'s order.
    pub containers_to_start: Vec<usize>,
}

/// A container's own restart policy and rules (KEP-5307, gate `ContainerRestartRules`: alpha
/// 1.34, beta and on from 1.35): `restartPolicy` on a regular or non-sidecar init container and
/// its `restartPolicyRules`. Empty when the gate is off.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContainerRestart {
    pub policy: Option<RestartPolicy>,
    pub rules: Vec<RestartRule>,
}

/// One `ContainerRestartRule`: an action taken when the exit code matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestartRule {
    pub action: RuleAction,
    /// `exitCodes`: (`operator` is `In`, values); `None` when absent (the rule never matches).
    pub exit_codes: Option<(bool, Vec<i32>)>,
}

/// `ContainerRestartRuleAction`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleAction {
    Restart,
    RestartAllContainers,
}

impl ContainerRestart {
    /// The container's fields as the API server kept them: with `ContainerRestartRules` on, a
    /// regular or non-sidecar init container's `restartPolicy` and rules; a sidecar's rules only
    /// with `RestartAllContainersOnContainerExits` (its `Always` is not a container policy here:
    /// sidecars always restart); `RestartAllContainers` rules only with that gate.
    pub fn from_spec(
        c: &k8s_openapi::api::core::v1::Container,
        sidecar: bool,
        rules_gate: bool,
        restart_all_gate: bool,
    ) -> ContainerRestart {
        if !rules_gate || (sidecar && !restart_all_gate) {
            return ContainerRestart::default();
        }
        let policy = if sidecar {
            None
        } else {
            c.restart_policy.as_deref().map(RestartPolicy::parse)
        };
        let rules = c
            .restart_policy_rules
            .iter()
            .flatten()
            .filter_map(|r| {
                let action = match r.action.as_str() {
                    "Restart" => RuleAction::Restart,
                    "RestartAllContainers" if restart_all_gate => RuleAction::RestartAllContainers,
                    _ => return None,
                };
                let exit_codes = r.exit_codes.as_ref().and_then(|e| {
                    let values = e.values.clone().unwrap_or_default();
                    match e.operator.as_str() {
                        "In" => Some((true, values)),
                        "NotIn" => Some((false, values)),
                        // An unknown operator: "continue to the next rule".
                        _ => None,
                    }
                });
                Some(RestartRule { action, exit_codes })
            })
            .collect();
        ContainerRestart { policy, rules }
    }

    /// An exit with `code` restarts every container of the pod: the first matching rule's action
    /// is `RestartAllContainers` (`ShouldAllContainersRestart`, `pkg/kubelet/container/helpers.go`).
    pub fn restarts_all(&self, code: i32) -> bool {
        self.matching_rule(code)
            .is_some_and(|r| r.action == RuleAction::RestartAllContainers)
    }

    /// Some rule can restart every container (`AllContainersCouldRestart`,
    /// `pkg/api/v1/pod/util.go`).
    pub fn could_restart_all(&self) -> bool {
        self.rules
            .iter()
            .any(|r| r.action == RuleAction::RestartAllContainers)
    }

    /// The first rule whose `exitCodes` match `code` (`findMatchingContainerRestartRule`).
    pub fn matching_rule(&self, code: i32) -> Option<&RestartRule> {
        self.rules.iter().find(|r| {
            r.exit_codes
                .as_ref()
                .is_some_and(|(is_in, values)| values.contains(&code) == *is_in)
        })
    }

    /// `ContainerShouldRestart` (`pkg/api/v1/pod/util.go`) as far as the container decides:
    /// with a container `restartPolicy`, a matching `Restart` rule restarts, else that policy
    /// decides; `None` = the pod's policy decides.
    pub fn decides(&self, code: i32) -> Option<bool> {
        let policy = self.policy?;
        if self
            .matching_rule(code)
            .is_some_and(|r| r.action == RuleAction::Restart)
        {
            return Some(true);
        }
        Some(match policy {
            RestartPolicy::Always => true,
            RestartPolicy::OnFailure => code != 0,
            RestartPolicy::Never => false,
        })
    }
}

/// `ShouldContainerBeRestarted` (`pkg/kubelet/container/helpers.go`) with `ContainerShouldRestart`
/// (`pkg/api/v1/pod/util.go`, 1.34+): never once the pod is deleted; sidecars always; ephemeral
/// containers never; a container with its own `restartPolicy` by its rules (in order, first
/// match) and then that policy; otherwise init containers on failure unless the pod is Never,
/// regular containers by the pod's restartPolicy.
///
/// rule: restart-policy
pub fn should_restart(
    kind: ContainerKind,
    policy: RestartPolicy,
    own: &ContainerRestart,
    deleted: bool,
    code: i32,
) -> bool {
    if deleted {
        return false;
    }
    match kind {
        ContainerKind::Sidecar => true,
        ContainerKind::Ephemeral => false,
        ContainerKind::Init => own
            .decides(code)
            .unwrap_or(policy != RestartPolicy::Never && code != 0),
        ContainerKind::Regular => own.decides(code).unwrap_or(match policy {
            RestartPolicy::Never => false,
            RestartPolicy::OnFailure => code != 0,
            RestartPolicy::Always => true,
        }),
    }
}

/// `computePodActions` (`kuberuntime_manager.go`): what this sync must do, decided from the
/// snapshot alone. [`crate::kubelet::sync`] carries it out in `SyncPod`'s order: kills,
/// sandbox, ephemeral, init, regular containers.
///
/// rule: compute-pod-actions
pub fn compute_pod_actions(v: &PodView) -> PodActions {
    let mut out = PodActions::default();
    let cs = &v.containers;
    let is_init = |ci: usize| matches!(cs[ci].kind, ContainerKind::Init | ContainerKind::Sidecar);
    match v.sandbox {
        SandboxState::Missing => out.create_sandbox = true,
        SandboxState::Changed => {
            // `PodSandboxChanged`: kill everything, re-create the sandbox, purge the init
            // containers and start over with the first one — unless nothing would restart.
            let ran = cs.iter().any(|c| c.ever_created);
            if v.restart_policy == RestartPolicy::Never && ran {
                return out;
            }
            out.kill_pod = Some(v.termination_grace_period_seconds);
            // rule: sandbox-recreate
            out.recreate_sandbox = true;
            match (0..cs.len()).find(|&ci| is_init(ci)) {
                Some(first) => out.containers_to_start.push(first),
                None => out
                    .containers_to_start
                    .extend((0..cs.len()).filter(|&ci| cs[ci].kind == ContainerKind::Regular)),
            }
            return out;
        }
        SandboxState::Ready => {}
    }
    // KEP-5532 (`computePodActions` with `restartAllContainers`): kill every container without
    // its preStop hook and without the termination grace period (grace 0, which
    // `killContainer` raises to the 2 s minimum), then remove them all; the sandbox, its IP
    // and the volumes stay.
    // rule: restart-all-containers
    if v.restart_all && !v.deleted {
        out.kill_pod = Some(0);
        out.remove_containers = true;
        return out;
    }
    let mut kills = vec![];
    let mut starts = vec![];
    // Ephemeral containers that never ran (never restarted).
    starts.extend((0..cs.len()).filter(|&ci| {
        cs[ci].kind == ContainerKind::Ephemeral && cs[ci].state == SnapshotState::NotCreated
    }));
    // `computeInitContainerActions`: the next init container starts only after the previous
    // one exited 0 (regular) or is started (sidecar).
    let mut initialized = true;
    let inits: Vec<usize> = (0..cs.len()).filter(|&ci| is_init(ci)).collect();
    // (What runs now, not the snapshot: an exit at the sync's own instant already counts.)
    let any_regular_started = cs
        .iter()
        .any(|c| c.kind == ContainerKind::Regular && c.running_now);
    if !any_regular_started {
        for &ci in &inits {
            let c = &cs[ci];
            if c.kind == ContainerKind::Sidecar {
                if c.state == SnapshotState::Running {
                    if c.started {
                        continue;
                    }
                } else {
                    starts.push(ci);
                }
                initialized = false;
                break;
            }
            match c.state {
                SnapshotState::NotCreated => {
                    starts.push(ci);
                    initialized = false;
                    break;
                }
                SnapshotState::Running => {
                    initialized = false;
                    break;
                }
                SnapshotState::Exited { code: 0 } => continue,
                SnapshotState::Exited { code } => {
                    // A failed regular init container: Never fails the pod (getPhase);
                    // otherwise it is restarted (subject to back-off).
                    if should_restart(c.kind, v.restart_policy, &c.restart, v.deleted, code) {
                        starts.push(ci);
                    }
                    initialized = false;
                    break;
                }
            }
        }
    } else {
        // Sidecars that exited are restarted whatever the pod's restartPolicy.
        starts.extend(inits.iter().copied().filter(|&ci| {
            cs[ci].kind == ContainerKind::Sidecar && cs[ci].state != SnapshotState::Running
        }));
    }
    // Sidecars failing liveness/startup are killed and restarted.
    for &ci in &inits {
        let c = &cs[ci];
        if c.kind == ContainerKind::Sidecar && c.state == SnapshotState::Running {
            if let Some(why) = c.probe_failure {
                kills.push(ContainerToKill {
                    ci,
                    reason: why,
                    message: format!(
                        "Init container {} failed {} probe",
                        c.name,
                        why.probe_word()
                    ),
                    grace: c.probe_grace,
                });
                starts.push(ci);
            }
        }
    }
    if initialized {
        for (ci, c) in cs.iter().enumerate() {
            if c.kind != ContainerKind::Regular {
                continue;
            }
            match c.state {
                SnapshotState::NotCreated => starts.push(ci),
                SnapshotState::Running if c.spec_changed => {
                    // The container's hash changed: kill and restart regardless of the
                    // restart policy.
                    kills.push(ContainerToKill {
                        ci,
                        reason: KillReason::SpecChanged,
                        message: format!(
                            "Container {} definition changed, will be restarted",
                            c.name
                        ),
                        grace: v.termination_grace_period_seconds,
                    });
                    starts.push(ci);
                }
                SnapshotState::Running => {
                    if let Some(why) = c.probe_failure {
                        // "Container X failed liveness probe, will be restarted"
                        let restart = v.restart_policy != RestartPolicy::Never;
                        let suffix = if restart { ", will be restarted" } else { "" };
                        kills.push(ContainerToKill {
                            ci,
                            reason: why,
                            message: format!(
                                "Container {} failed {} probe{suffix}",
                                c.name,
                                why.probe_word()
                            ),
                            grace: c.probe_grace,
                        });
                        if restart {
                            starts.push(ci);
                        }
                    } else if let Some(a) = c.resize {
                        // `computePodResizeAction`: a changed resource whose resizePolicy is
                        // RestartContainer restarts the container whatever the restart policy;
                        // otherwise the running container's resources are updated.
                        // rule: in-place-resize
                        match a {
                            super::allocation::Actuation::Restart => {
                                kills.push(ContainerToKill {
                                    ci,
                                    reason: KillReason::ResizeRestart,
                                    message: format!(
                                        "Container {} resize requires restart",
                                        c.name
                                    ),
                                    grace: v.termination_grace_period_seconds,
                                });
                                starts.push(ci);
                            }
                            super::allocation::Actuation::Update => out.update_resources.push(ci),
                        }
                    }
                }
                SnapshotState::Exited { code } => {
                    if should_restart(c.kind, v.restart_policy, &c.restart, v.deleted, code) {
                        starts.push(ci);
                    }
                }
            }
        }
    }
    // No regular container to keep running and none to start → KillPod (this is how sidecars
    // are stopped once the main containers of a Job finished).
    let any_regular = cs.iter().any(|c| c.kind == ContainerKind::Regular);
    let keep = cs
        .iter()
        .any(|c| c.kind == ContainerKind::Regular && c.state == SnapshotState::Running);
    let regular_starts = starts
        .iter()
        .any(|&ci| cs[ci].kind == ContainerKind::Regular);
    let anything_running = cs.iter().any(|c| c.running_now);
    let regular_ran = cs
        .iter()
        .any(|c| c.kind == ContainerKind::Regular && c.ever_created);
    if initialized
        && any_regular
        && !keep
        && !regular_starts
        && kills.is_empty()
        && anything_running
        && regular_ran
    {
        out.kill_pod = Some(v.termination_grace_period_seconds);
        return out;
    }
    out.containers_to_kill = kills;
    out.containers_to_start = starts;
    out
}

/// `minimumGracePeriodInSeconds` (`kuberuntime_manager.go`): "always give containers a
/// minimal shutdown window".
///
/// rule: pre-stop-grace
pub const MIN_GRACE: i64 = 2;

impl Sim {
    /// The newest instance as the pre-sync runtime snapshot shows it: an instance that exited
    /// after the sync started still looks running.
    pub fn snapshot_inst(&self, ci: usize) -> Option<Inst> {
        let t0 = self.worker.sync_started;
        let inst = self.ctrs[ci]
            .visible()
            .iter()
            .rev()
            .find(|i| i.created <= t0)?;
        let mut i = inst.clone();
        // The relist at t0 did not see an exit at (or after) t0.
        if i.exited.as_ref().is_some_and(|e| e.0 >= t0) {
            i.exited = None;
        }
        Some(i)
    }

    /// Why a running container must be killed for its probes: liveness or startup failed.
    pub(crate) fn probe_kill_reason(&self, ci: usize) -> Option<KillReason> {
        let id = self.ctrs[ci].running()?.id;
        if self.probe_result(ci, ProbeType::Liveness, id) == Some(PR::Failure) {
            return Some(KillReason::Liveness);
        }
        if self.probe_result(ci, ProbeType::Startup, id) == Some(PR::Failure) {
            return Some(KillReason::Startup);
        }
        None
    }

    /// Grace for a probe-triggered kill (`killContainer` → `setTerminationGracePeriod`): the
    /// failing probe's own `terminationGracePeriodSeconds` if set, else the pod's.
    pub(crate) fn probe_grace(&self, ci: usize, why: KillReason) -> i64 {
        let spec = &self.ctrs[ci].spec;
        let probe = if why == KillReason::Liveness {
            &spec.liveness_probe
        } else {
            &spec.startup_probe
        };
        if let Some(d) = self.pod.deletion_grace_period_seconds {
            return d;
        }
        probe
            .as_ref()
            .and_then(|p| p.termination_grace_period_seconds)
            .unwrap_or(self.pod.termination_grace_period_seconds)
    }

    pub fn run_step(&mut self, step: Step) {
        match step {
            Step::CreateSandbox => {
                // RunPodSandbox (pause container + CNI): `kuberuntime_sandbox.go`.
                let ready = self.now + self.s.sandbox_seconds;
                self.sandbox = Some((self.now, None));
                self.sandboxes.push((self.now, None));
                self.worker.op = Some(Op::Until(ready));
                self.schedule(ready, Ev::WorkerWake);
            }
            Step::RecreateSandbox => {
                for c in &mut self.ctrs {
                    if matches!(c.kind, ContainerKind::Init | ContainerKind::Sidecar) {
                        c.purged = c.insts.len();
                    }
                }
                let ready = self.now + self.s.sandbox_seconds;
                self.sandbox = Some((self.now, None));
                self.sandboxes.push((self.now, None));
                self.worker.op = Some(Op::Until(ready));
                self.schedule(ready, Ev::WorkerWake);
            }
            Step::Start(ci) => self.start_container(ci),
            Step::Kill { ci, message, grace } => {
                if self.ctrs[ci].running().is_some() {
                    let op = self.begin_kill(ci, &message, grace);
                    self.worker.op = Some(Op::Kills(vec![op]));
                }
            }
            Step::KillPod { grace } => {
                let mut ops = vec![];
                for ci in 0..self.ctrs.len() {
                    if self.ctrs[ci].running().is_some() {
                        let msg = format!("Stopping container {}", self.ctrs[ci].name);
                        ops.push(self.begin_kill(ci, &msg, grace));
                    }
                }
                self.worker.op = Some(Op::Kills(ops));
            }
            Step::Terminated => self.sync_terminated_pod(),
            Step::UpdateResources(ci) => {
                self.update_container_resources(ci);
                // `SyncPod`'s postSync `RequestPodRelist`: the sync after the next relist sees
                // the new resources and completes the resize.
                self.worker.pending = true;
            }
            Step::RemoveContainers => {
                for c in &mut self.ctrs {
                    if c.insts.len() > c.purged {
                        c.reset = Some(c.insts.len() - 1);
                        c.purged = c.insts.len();
                        c.start_failure = None;
                    }
                }
                // 1.36 (#136966, `SyncPod`): "If we just performed a RestartAllContainers reset,
                // we want to immediately trigger another sync"; before, the pod waited for its
                // next resync or PLEG event.
                if self.s.kubelet_version.at_least(36) {
                    self.worker.pending = true;
                }
            }
        }
    }

    /// Poll the blocking op; `true` when it is complete.
    pub fn poll_op(&mut self) -> bool {
        let Some(op) = self.worker.op.take() else {
            return true;
        };
        match op {
            Op::Until(t) => {
                if t <= self.now {
                    if self.sandbox.is_some() && !self.sandbox_ready {
                        self.sandbox_ready = true;
                        self.on_pod_sandbox_ready();
                        self.pleg_change(self.now);
                    }
                    true
                } else {
                    self.worker.op = Some(Op::Until(t));
                    false
                }
            }
            Op::Start(st) => self.poll_start(st),
            Op::Kills(mut ops) => {
                let mut all = true;
                for i in 0..ops.len() {
                    self.poll_kill(&mut ops, i);
                }
                // Second pass: sidecars may get their turn after regular containers exited.
                for i in 0..ops.len() {
                    self.poll_kill(&mut ops, i);
                    all &= ops[i].stage == KillStage::Done;
                }
                if !all {
                    let wake = ops.iter().filter_map(|o| self.kill_wake(o)).min();
                    if let Some(wake) = wake {
                        self.schedule(wake, Ev::WorkerWake);
                    }
                    self.worker.op = Some(Op::Kills(ops));
                }
                all
            }
        }
    }

    // ---- startContainer -------------------------------------------------------------------

    // rule: start-container
    fn start_container(&mut self, ci: usize) {
        // `doBackOff`: compare with the newest instance that had exited in the pre-sync snapshot.
        let t0 = self.worker.sync_started;
        let prev_exit = self.ctrs[ci]
            .visible()
            .iter()
            .rev()
            .filter_map(|i| i.exited.as_ref().map(|e| e.0))
            .find(|&f| f < t0);
        // `GetStableKey`: pod name, namespace, UID, container name and spec hash.
        let key = format!(
            "{}_{}_{}_{}_{}",
            self.pod.name,
            self.pod.namespace,
            self.pod.uid,
            self.ctrs[ci].name,
            self.ctrs[ci].generation
        );
        if let Some(f) = prev_exit {
            if self.crash_backoff.is_in_backoff_since(&key, f, self.now) {
                let d = self.crash_backoff.get(&key).unwrap_or(Time::from_secs(10));
                let name = self.ctrs[ci].name.clone();
                let podref = self.pod_ref();
                self.container_event(
                    ci,
                    EventType::Warning,
                    "BackOff",
                    format!("Back-off restarting failed container {name} in pod {podref}"),
                );
                let msg = format!(
                    "back-off {} restarting failed container={name} pod={podref}",
                    super::backoff::go_duration(d)
                );
                self.ctrs[ci].start_failure = Some(("CrashLoopBackOff".into(), msg));
                self.worker.sync_error = true;
                let exp = f + d;
                self.worker.backoff_expiry =
                    Some(self.worker.backoff_expiry.map_or(exp, |e: Time| e.min(exp)));
                let spans = &mut self.ctrs[ci].track.backoffs;
                if !spans.iter().any(|s| s.start == f) {
                    spans.push(Span {
                        start: f,
                        end: Some(exp),
                        label: "CrashLoopBackOff".into(),
                        detail: Some(format!("back-off {}", super::backoff::go_duration(d))),
                    });
                }
                return;
            }
            self.crash_backoff.next(&key, f, self.now);
        }
        // `EnsureImageExists`.
        match self.ensure_image_exists(ci) {
            Ensure::Failed => {}
            Ensure::Present => self.begin_create(ci),
            Ensure::Pulling { from, until } => {
                self.worker.op = Some(Op::Start(StartOp {
                    ci,
                    stage: StartStage::Pulling { from, until },
                }));
                self.schedule(until, Ev::WorkerWake);
            }
        }
    }

    fn begin_create(&mut self, ci: usize) {
        if !self.generate_container_config(ci) {
            return;
        }
        let until = self.now + self.s.create_seconds;
        self.worker.op = Some(Op::Start(StartOp {
            ci,
            stage: StartStage::Creating { until },
        }));
        self.schedule(until, Ev::WorkerWake);
    }

    fn poll_start(&mut self, mut st: StartOp) -> bool {
        let ci = st.ci;
        loop {
            match st.stage.clone() {
                StartStage::Pulling { from, until } => {
                    if until > self.now {
                        break;
                    }
                    if !self.pull_finished(ci, from, until) {
                        return true;
                    }
                    if !self.generate_container_config(ci) {
                        return true;
                    }
                    let until = self.now + self.s.create_seconds;
                    st.stage = StartStage::Creating { until };
                    self.schedule(until, Ev::WorkerWake);
                }
                StartStage::Creating { until } => {
                    if until > self.now {
                        break;
                    }
                    let name = self.ctrs[ci].name.clone();
                    // Created: ≤1.31 "Created container X"; 1.32–1.34 "Created container: X";
                    // 1.35+ "Container created" (PR #134043).
                    // rule: created-event-message
                    let v = self.s.kubelet_version;
                    let msg = if v.at_least(35) {
                        "Container created".to_string()
                    } else if v.at_least(32) {
                        format!("Created container: {name}")
                    } else {
                        format!("Created container {name}")
                    };
                    self.container_event(ci, EventType::Normal, "Created", msg);
                    let until = self.now + self.s.create_seconds;
                    st.stage = StartStage::Starting { until };
                    self.schedule(until, Ev::WorkerWake);
                }
                StartStage::Starting { until } => {
                    if until > self.now {
                        break;
                    }
                    self.spawn_instance(ci, until - self.s.create_seconds);
                    let name = self.ctrs[ci].name.clone();
                    let msg = if self.s.kubelet_version.at_least(35) {
                        "Container started".to_string()
                    } else {
                        format!("Started container {name}")
                    };
                    self.container_event(ci, EventType::Normal, "Started", msg);
                    let post_start = self.ctrs[ci]
                        .spec
                        .lifecycle
                        .as_ref()
                        .and_then(|l| l.post_start.clone());
                    match post_start {
                        None => return true,
                        Some(h) => {
                            let hook = self.start_hook(ci, &h, false);
                            let run = self.ctrs[ci].insts.last().map(|i| i.run).unwrap_or(0);
                            self.ctrs[ci].track.runs[run].post_start = Some(HookRun {
                                start: self.now,
                                end: None,
                                result: HookResult::Running,
                            });
                            st.stage = StartStage::PostStart {
                                hook,
                                started: self.now,
                            };
                        }
                    }
                }
                StartStage::PostStart { mut hook, started } => {
                    self.advance_hook(ci, &mut hook);
                    match hook.outcome(self.now) {
                        None => {
                            if let Some(w) = hook.next_wake() {
                                self.schedule(w, Ev::WorkerWake);
                            }
                            st.stage = StartStage::PostStart { hook, started };
                            break;
                        }
                        Some(res) => {
                            let run = self.ctrs[ci].insts.last().map(|i| i.run).unwrap_or(0);
                            let ok = res.is_ok();
                            self.ctrs[ci].track.runs[run].post_start = Some(HookRun {
                                start: started,
                                end: Some(self.now),
                                result: if ok {
                                    HookResult::Success
                                } else {
                                    HookResult::Failed
                                },
                            });
                            if let Err(msg) = res {
                                // postStart failure: event, kill through the normal path with
                                // message "FailedPostStartHook", start result PostStartHookError.
                                self.container_event(
                                    ci,
                                    EventType::Warning,
                                    "FailedPostStartHook",
                                    "PostStartHook failed".into(),
                                );
                                let name = self.ctrs[ci].name.clone();
                                let cmd = self.ctrs[ci]
                                    .spec
                                    .lifecycle
                                    .as_ref()
                                    .and_then(|l| l.post_start.as_ref())
                                    .and_then(lifecycle::exec_command)
                                    .unwrap_or_default();
                                let detail = format!("Exec lifecycle hook ({cmd:?}) for Container \"{name}\" in Pod \"{}\" failed - error: {msg}", self.pod_ref());
                                self.ctrs[ci].start_failure =
                                    Some(("PostStartHookError".into(), detail));
                                self.worker.sync_error = true;
                                let grace = self.pod.termination_grace_period_seconds;
                                self.worker.steps.push_front(Step::Kill {
                                    ci,
                                    message: "FailedPostStartHook".into(),
                                    grace,
                                });
                            }
                            return true;
                        }
                    }
                }
            }
        }
        self.worker.op = Some(Op::Start(st));
        false
    }

    /// `kuberuntime_container.go` `generateContainerConfig`, the environment part:
    /// `GenerateRunContainerOptions` → `makeEnvironmentVariables` ([`super::envvars`]), then
    /// `ExpandContainerCommandAndArgs`, and the runtime's layering (`PATH`, `HOSTNAME`, the image's
    /// `ENV`). Built at every start, so a Service created since the last one shows up in the
    /// next instance's variables. On failure `startContainer` records Warning `Failed`
    /// "Error: <msg>" and returns `ErrCreateContainerConfig`: the container waits with reason
    /// `CreateContainerConfigError` and the sync is retried after the error back-off.
    fn generate_container_config(&mut self, ci: usize) -> bool {
        use super::envvars;
        let (services, mut assumptions) = self.env_services();
        let c = &self.ctrs[ci];
        let stored = self
            .env_facts
            .containers
            .iter()
            .find(|x| x.name == c.name)
            .cloned()
            .unwrap_or_else(|| c.spec.clone());
        let result = envvars::make_environment_variables(&envvars::EnvInput {
            pod: &self.env_facts,
            container: &stored,
            path: &c.spec_path,
            services: &services,
            objects: &self.objects,
            strict_names: !self
                .s
                .gate(FeatureGate::RelaxedEnvironmentVariableValidation),
        });
        let env = match result {
            Ok(env) => env,
            Err(msg) => {
                self.container_event(ci, EventType::Warning, "Failed", format!("Error: {msg}"));
                self.ctrs[ci].start_failure = Some(("CreateContainerConfigError".into(), msg));
                self.worker.sync_error = true;
                return false;
            }
        };
        for e in &env.events {
            self.event(
                EventType::Warning,
                "InvalidEnvironmentVariableNames",
                "",
                e.clone(),
            );
        }
        if !self.env_facts.enable_service_links {
            assumptions.clear();
        }
        assumptions.extend(env.assumptions);
        let hostname = envvars::pod_hostname(
            &self.pod.object,
            &self.pod.name,
            &self.pod.namespace,
            &self.pod.node,
        );
        // runc's `HOME` for the process user: root's, or `/` for a uid without a passwd entry.
        let sc_user = |sc: Option<i64>| sc.filter(|u| *u != 0);
        let user =
            sc_user(stored.security_context.as_ref().and_then(|s| s.run_as_user)).or_else(|| {
                sc_user(
                    self.pod
                        .object
                        .spec
                        .as_ref()
                        .and_then(|s| s.security_context.as_ref())
                        .and_then(|s| s.run_as_user),
                )
            });
        let home = if user.is_some() { "/" } else { "/root" };
        let c = &mut self.ctrs[ci];
        for a in assumptions {
            if !c.env_assumptions.contains(&a) {
                c.env_assumptions.push(a);
            }
        }
        let command = envvars::expand_args(c.spec.command.as_deref().unwrap_or(&[]), &env.vars);
        let args = envvars::expand_args(c.spec.args.as_deref().unwrap_or(&[]), &env.vars);
        c.argv = process::container_argv(&c.image, &command, &args);
        c.image.env = envvars::runtime_env(&hostname, &c.image.config_env, &env.vars, home);
        if let Some(a) = c.image.assumption_for(&c.argv) {
            if !c.track.assumptions.contains(&a) {
                c.track.assumptions.push(a);
            }
        }
        true
    }

    /// The Services that exist now, as the kubelet's informer lists them: `default/kubernetes`
    /// and the scenario's Services in the pod's namespace (a declared cluster IP, else a derived
    /// one; declared ports, else an assumed 80/TCP).
    fn env_services(
        &self,
    ) -> (
        Vec<super::envvars::Service>,
        Vec<super::envvars::Assumption>,
    ) {
        use super::envvars::{Assumption, Service, ServicePort};
        let mut out = vec![Service::kubernetes()];
        let mut assumptions = vec![];
        for name in self.services.iter().filter(|n| *n != "kubernetes") {
            let spec = self.scenario.services.get(name);
            let cluster_ip = spec
                .and_then(|s| s.cluster_ip.clone())
                .or_else(|| self.service_ips.get(name).cloned())
                .unwrap_or_default();
            let mut ports: Vec<ServicePort> = spec
                .map(|s| {
                    s.ports
                        .iter()
                        .map(|p| ServicePort {
                            name: p.name.clone().unwrap_or_default(),
                            port: p.port,
                            protocol: p.protocol.clone().unwrap_or_else(|| "TCP".into()),
                        })
                        .collect()
                })
                .unwrap_or_default();
            if ports.is_empty() && cluster_ip != "None" {
                ports.push(ServicePort {
                    name: String::new(),
                    port: 80,
                    protocol: "TCP".into(),
                });
                assumptions.push(Assumption {
                    path: format!("scenario.services.{name}"),
                    message: format!("Service {name:?} declares no ports: assumed to expose port 80/TCP (for its {}_SERVICE_* variables)", super::envvars::make_env_variable_name(name)),
                });
            }
            out.push(Service {
                name: name.clone(),
                namespace: self.pod.namespace.clone(),
                cluster_ip,
                ports,
            });
        }
        (out, assumptions)
    }

    /// The runtime creates and starts a new instance: fresh writable layer, PID 1 starts.
    fn spawn_instance(&mut self, ci: usize, created: Time) {
        let id = self.next_container_id;
        self.next_container_id += 1;
        let now = self.now;
        let restart_count = self.ctrs[ci]
            .insts
            .last()
            .map_or(0, |i| i.restart_count + 1);
        let behaviour = self
            .scenario
            .behaviour(&self.ctrs[ci].name, restart_count + 1);
        let world = self.world();
        let namespace = self.pod.namespace.clone();
        let hostname = self.pod.name.clone();
        let c = &mut self.ctrs[ci];
        c.layer = Layer::base();
        c.layer
            .files
            .insert("/etc/hostname".into(), format!("{hostname}\n"));
        // The image's files podlife knows (nginx's index.html, ...).
        for (path, content) in &c.image.files {
            c.layer.files.insert(path.clone(), content.clone());
        }
        // The service account token volume the API server's admission adds to every container.
        let sa = "/var/run/secrets/kubernetes.io/serviceaccount";
        c.layer.files.insert(format!("{sa}/namespace"), namespace);
        c.layer.files.insert(
            format!("{sa}/token"),
            "eyJhbGciOiJSUzI1NiJ9.simulated".into(),
        );
        c.layer.files.insert(
            format!("{sa}/ca.crt"),
            "-----BEGIN CERTIFICATE-----\n".into(),
        );
        c.start_failure = None;
        c.running_generation = c.generation;
        let budget = self.work_grant(process::shell::DEFAULT_BUDGET, 2_000);
        let c = &mut self.ctrs[ci];
        let mut process = {
            let mut fs = FsView {
                layer: &mut c.layer,
                volumes: &mut self.volumes,
                mounts: &c.mounts,
            };
            process::spawn_with(&c.image, &c.argv, budget, false, now, &mut fs, &world)
        };
        self.work_used = self.work_used.saturating_add(process.take_steps());
        let c = &mut self.ctrs[ci];
        // Scenario overrides of what the process does.
        if let Some(after) = behaviour.exit_after {
            process.forced_exit = Some((now + after, behaviour.exit_code.unwrap_or(0)));
        }
        match &behaviour.on_sigterm {
            Some(crate::scenario::OnSigterm::Word(_)) => process.term_override = Some(None),
            Some(crate::scenario::OnSigterm::Exit {
                exit_after,
                exit_code,
            }) => process.term_override = Some(Some((*exit_after, *exit_code))),
            None => {}
        }
        let run = c.track.runs.len();
        c.track.runs.push(Run {
            restart_count,
            created,
            started: now,
            exited: None,
            exit_code: None,
            reason: None,
            post_start: None,
            pre_stop: None,
            kill_started: None,
            kill_reason: None,
            sigterm: None,
            stop_signal: None,
            sigkill: None,
            logs: vec![],
        });
        let resources = c.allocated.clone();
        c.insts.push(Inst {
            id,
            restart_count,
            created,
            started: now,
            exited: None,
            process,
            run,
            behaviour,
            resources,
        });
        self.pleg_change(now);
        self.after_process_change(ci);
    }

    /// Start a lifecycle hook (a scenario override, else the handler itself).
    fn start_hook(
        &mut self,
        ci: usize,
        h: &k8s_openapi::api::core::v1::LifecycleHandler,
        pre_stop: bool,
    ) -> Hook {
        let now = self.now;
        if let Some(b) = self.ctrs[ci].insts.last().and_then(|i| {
            if pre_stop {
                i.behaviour.pre_stop.clone()
            } else {
                i.behaviour.post_start.clone()
            }
        }) {
            let ok = b.result.as_deref() != Some("failure");
            return Hook::Timed {
                until: now + b.seconds.max(Time::ZERO),
                ok,
                message: b.message.unwrap_or_else(|| "hook failed (scenario)".into()),
            };
        }
        let world = self.world();
        let budget = self.work_grant(100_000, 2_000);
        let c = &mut self.ctrs[ci];
        let serving = c.running().is_some_and(|i| i.process.serving());
        let mut hook = {
            let mut fs = FsView {
                layer: &mut c.layer,
                volumes: &mut self.volumes,
                mounts: &c.mounts,
            };
            lifecycle::start(
                h,
                &c.image,
                now,
                &mut fs,
                serving,
                &world,
                self.s.gate(FeatureGate::PodLifecycleSleepAction),
                budget,
            )
        };
        if let Hook::Exec(p) = &mut hook {
            let effects = std::mem::take(&mut p.effects);
            self.apply_effects(ci, &effects);
        }
        hook
    }

    fn advance_hook(&mut self, ci: usize, hook: &mut Hook) {
        if let Hook::Exec(p) = hook {
            let now = self.now;
            let world = self.world();
            let c = &mut self.ctrs[ci];
            let mut fs = FsView {
                layer: &mut c.layer,
                volumes: &mut self.volumes,
                mounts: &c.mounts,
            };
            p.advance(now, &mut fs, &world);
            let effects = std::mem::take(&mut p.effects);
            self.apply_effects(ci, &effects);
        }
    }

    /// Apply what an exec'd hook or probe did to the container's PID 1 (`kill 1`, `nginx -s quit`).
    pub fn apply_effects(&mut self, ci: usize, effects: &[process::Effect]) {
        for e in effects {
            match e {
                process::Effect::SignalMain(sig) => self.signal(ci, *sig),
            }
        }
    }

    // ---- killContainer --------------------------------------------------------------------

    /// `killContainer`: Killing event, then preStop (waited for at most `grace` s).
    ///
    /// rule: kill-container, pre-stop-grace
    fn begin_kill(&mut self, ci: usize, message: &str, grace: i64) -> KillOp {
        self.container_event(ci, EventType::Normal, "Killing", message.to_string());
        let run = self.ctrs[ci].insts.last().map(|i| i.run).unwrap_or(0);
        {
            let r = &mut self.ctrs[ci].track.runs[run];
            // A second kill of the same instance (a deletion cutting a liveness kill short) keeps
            // the first kill's start and reason; both Killing events are in the event list.
            if r.kill_started.is_none() {
                r.kill_started = Some(self.now);
                r.kill_reason = Some(message.to_string());
            }
        }
        let pre_stop = self.ctrs[ci]
            .spec
            .lifecycle
            .as_ref()
            .and_then(|l| l.pre_stop.clone());
        let mut op = KillOp {
            ci,
            g0: grace,
            started: self.now,
            hook: None,
            stage: KillStage::Done,
        };
        match pre_stop {
            Some(h) if grace > 0 => {
                let hook = self.start_hook(ci, &h, true);
                self.ctrs[ci].track.runs[run].pre_stop = Some(HookRun {
                    start: self.now,
                    end: None,
                    result: HookResult::Running,
                });
                op.hook = Some(hook);
                op.stage = KillStage::PreStop {
                    deadline: self.now + Time::from_secs(grace),
                };
            }
            _ => {
                op.stage = KillStage::AwaitTurn {
                    deadline: self.now + Time::from_secs(grace),
                    g1: grace,
                };
            }
        }
        op
    }

    fn kill_wake(&self, op: &KillOp) -> Option<Time> {
        match &op.stage {
            KillStage::PreStop { deadline } => Some(
                op.hook
                    .as_ref()
                    .and_then(|h| h.next_wake())
                    .map_or(*deadline, |w| w.min(*deadline)),
            ),
            KillStage::AwaitTurn { deadline, .. } => Some(*deadline),
            KillStage::Signalled { deadline } => Some(*deadline),
            KillStage::Done => None,
        }
    }

    fn poll_kill(&mut self, ops: &mut [KillOp], i: usize) {
        let ci = ops[i].ci;
        let run = self.ctrs[ci].insts.last().map(|x| x.run).unwrap_or(0);
        loop {
            // The container may have exited on its own at any stage.
            if self.ctrs[ci].running().is_none() && ops[i].stage != KillStage::Done {
                self.finish_kill(&mut ops[i], run);
                return;
            }
            match ops[i].stage.clone() {
                KillStage::PreStop { deadline } => {
                    let mut hook = ops[i].hook.take().expect("preStop stage has a hook");
                    self.advance_hook(ci, &mut hook);
                    let outcome = hook.outcome(self.now);
                    let expired = self.now >= deadline;
                    if outcome.is_none() && !expired {
                        ops[i].hook = Some(hook);
                        return;
                    }
                    if let Some(res) = &outcome {
                        self.ctrs[ci].track.runs[run].pre_stop = Some(HookRun {
                            start: ops[i].started,
                            end: Some(self.now),
                            result: if res.is_ok() {
                                HookResult::Success
                            } else {
                                HookResult::Failed
                            },
                        });
                        if res.is_err() {
                            self.container_event(
                                ci,
                                EventType::Warning,
                                "FailedPreStopHook",
                                "PreStopHook failed".into(),
                            );
                        }
                    } else {
                        // "PreStop hook ... did not complete in N seconds": abandoned; it keeps
                        // running until the container dies.
                        self.ctrs[ci].track.runs[run].pre_stop = Some(HookRun {
                            start: ops[i].started,
                            end: Some(self.now),
                            result: HookResult::Abandoned,
                        });
                        ops[i].hook = Some(hook);
                    }
                    // elapsed is truncated to whole seconds (`executePreStopHook` returns
                    // int64(time.Since(start).Seconds())).
                    let elapsed = (self.now - ops[i].started).floor_secs();
                    let g1 = ops[i].g0 - elapsed;
                    ops[i].stage = KillStage::AwaitTurn {
                        deadline: self.now + Time::from_secs(g1.max(0)),
                        g1,
                    };
                }
                KillStage::AwaitTurn { deadline, g1 } => {
                    // Sidecar termination order (`kuberuntime_termination_order.go`): a sidecar
                    // waits for every regular container, then for the sidecars declared after it.
                    // rule: sidecar-termination-order
                    if self.ctrs[ci].kind == ContainerKind::Sidecar && self.now < deadline {
                        let blockers = ops.iter().any(|o| {
                            o.ci != ci
                                && o.stage != KillStage::Done
                                && (self.ctrs[o.ci].kind == ContainerKind::Regular
                                    || (self.ctrs[o.ci].kind == ContainerKind::Sidecar
                                        && o.ci > ci))
                        });
                        if blockers {
                            return;
                        }
                    }
                    let waited = if self.ctrs[ci].kind == ContainerKind::Sidecar {
                        (self.now - (deadline - Time::from_secs(g1.max(0)))).floor_secs()
                    } else {
                        0
                    };
                    let g = (g1 - waited).max(MIN_GRACE);
                    let (sig, source) = self.stop_signal(ci);
                    let r = &mut self.ctrs[ci].track.runs[run];
                    r.sigterm = Some(self.now);
                    r.stop_signal = (sig != Signal::Term).then(|| StopSignal {
                        signal: format!("SIG{}", sig.name()),
                        source,
                    });
                    self.signal(ci, sig);
                    ops[i].stage = KillStage::Signalled {
                        deadline: self.now + Time::from_secs(g),
                    };
                }
                KillStage::Signalled { deadline } => {
                    if self.now >= deadline {
                        self.ctrs[ci].track.runs[run].sigkill = Some(self.now);
                        self.signal(ci, Signal::Kill);
                        continue;
                    }
                    return;
                }
                KillStage::Done => return,
            }
        }
    }

    fn finish_kill(&mut self, op: &mut KillOp, run: usize) {
        if let Some(hook) = op.hook.take() {
            // A hook still running when the container died fails with it (its exec is killed).
            let outcome = hook.outcome(self.now);
            let failed = !matches!(outcome, Some(Ok(())));
            let start = op.started;
            let now = self.now;
            let r = &mut self.ctrs[op.ci].track.runs[run];
            match r.pre_stop.as_mut() {
                Some(h) if matches!(h.result, HookResult::Running | HookResult::Abandoned) => {
                    h.result = if failed {
                        HookResult::Failed
                    } else {
                        HookResult::Success
                    };
                    if h.end.is_none() {
                        h.end = Some(now);
                    }
                }
                Some(_) => {}
                None => {
                    r.pre_stop = Some(HookRun {
                        start,
                        end: Some(now),
                        result: if failed {
                            HookResult::Failed
                        } else {
                            HookResult::Success
                        },
                    })
                }
            }
            if failed {
                self.container_event(
                    op.ci,
                    EventType::Warning,
                    "FailedPreStopHook",
                    "PreStopHook failed".into(),
                );
            }
        }
        op.stage = KillStage::Done;
    }

    /// The signal `StopContainer` sends first: the container's `lifecycle.stopSignal` with the
    /// `ContainerStopSignals` gate (KEP-4960, alpha 1.33), else the image's `STOPSIGNAL`
    /// (containerd `internal/cri/server/container_stop.go` `stopContainer`: the image config's
    /// `StopSignal`, SIGTERM when unset).
    ///
    /// rule: stop-signal
    pub(crate) fn stop_signal(&self, ci: usize) -> (Signal, StopSignalSource) {
        let c = &self.ctrs[ci];
        if self.s.gate(FeatureGate::ContainerStopSignals) {
            if let Some(sig) = c
                .spec
                .lifecycle
                .as_ref()
                .and_then(|l| l.stop_signal.as_deref())
                .and_then(Signal::parse)
            {
                return (sig, StopSignalSource::Lifecycle);
            }
        }
        (c.image.stop_signal, StopSignalSource::Image)
    }

    pub fn signal(&mut self, ci: usize, sig: Signal) {
        let now = self.now;
        {
            let c = &mut self.ctrs[ci];
            let Some(inst) = c.insts.last_mut() else {
                return;
            };
            let mut fs = FsView {
                layer: &mut c.layer,
                volumes: &mut self.volumes,
                mounts: &c.mounts,
            };
            inst.process.signal(sig, now, &mut fs, &NoWorld);
        }
        self.after_process_change(ci);
    }
}

#[cfg(test)]
#[path = "compute_pod_actions_tests.rs"]
mod compute_pod_actions_tests;
