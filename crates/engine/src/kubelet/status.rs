//! The pod's published status: `pkg/kubelet/kubelet_pods.go` `generateAPIPodStatus`,
//! `convertToAPIContainerStatuses`, `getPhase`; `pkg/kubelet/status/generate.go`
//! (`GenerateContainersReadyCondition`, `GeneratePodReadyCondition`,
//! `GeneratePodInitializedCondition`, `GeneratePodReadyToStartContainersCondition`); and the
//! status manager (`pkg/kubelet/status/status_manager.go`: `SetContainerReadiness`,
//! `SetContainerStartup`, lastTransitionTime bookkeeping, terminal phases are sticky).
//!
//! rule: status-generation, container-readiness, pod-conditions
//!
//! Status is generated at the *start* of each sync from the runtime snapshot, plus the
//! ready/started flips that probe results write directly (kubelet-semantics.md §6.4).

use super::Sim;
use crate::timeline::*;
use std::collections::BTreeMap;

/// What the probe workers read: a container as the published status shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CtrView {
    pub id: u32,
    pub running: bool,
    pub started_at: Time,
    pub started: bool,
    /// The exit code once the instance exited.
    pub exit_code: Option<i32>,
}

#[derive(Clone, Default)]
pub struct StatusManager {
    pub snapshots: Vec<StatusSnapshot>,
    views: Vec<Option<CtrView>>,
    cond_times: BTreeMap<String, (String, Time)>,
    start_time: Option<Time>,
}

impl StatusManager {
    pub fn published(&self) -> Option<&PodStatus> {
        self.snapshots.last().map(|s| &s.status)
    }
    pub fn view(&self, ci: usize) -> Option<CtrView> {
        self.views.get(ci).cloned().flatten()
    }
    pub fn view_running(&self, ci: usize) -> bool {
        self.view(ci).is_some_and(|v| v.running)
    }
    pub fn view_started(&self, ci: usize) -> bool {
        self.view(ci).is_some_and(|v| v.started)
    }

    fn push(&mut self, t: Time, status: PodStatus) {
        if self.published() == Some(&status) {
            return;
        }
        match self.snapshots.last_mut() {
            Some(last) if last.t == t => last.status = status,
            _ => self.snapshots.push(StatusSnapshot { t, status }),
        }
    }
}

fn terminated_state(i: &super::Inst) -> Option<ContainerState> {
    let (f, code, reason, signal) = i.exited.clone()?;
    Some(ContainerState::Terminated {
        message: String::new(),
        exit_code: code,
        reason,
        signal: signal.filter(|_| false),
        started_at: i.started,
        finished_at: f,
    })
}

impl Sim {
    /// `ShouldContainerBeRestarted` for container `ci` (the one rule lives in
    /// [`super::kuberuntime::should_restart`]).
    pub fn should_restart(&self, ci: usize, code: i32) -> bool {
        super::kuberuntime::should_restart(
            self.ctrs[ci].kind,
            RestartPolicy::parse(&self.pod.restart_policy),
            &self.ctrs[ci].restart,
            self.pod.deleted_at.is_some(),
            code,
        )
    }

    fn container_status(&self, ci: usize) -> ContainerStatus {
        let c = &self.ctrs[ci];
        let default_reason = if self.has_init {
            "PodInitializing"
        } else {
            "ContainerCreating"
        };
        let insts = c.visible();
        // Removed by a `RestartAllContainers` reset (1.36, #136964): waiting with reason
        // `RestartingAllContainers`, the removal as its last state (exit 137), restartCount one
        // up; 1.35 lost the last state.
        // rule: restart-all-containers
        let reset_last = c
            .reset
            .filter(|_| self.s.kubelet_version.at_least(36))
            .map(|k| ContainerState::Terminated {
                exit_code: 137,
                reason: "RestartingAllContainers".into(),
                message: "The container is removed because RestartAllContainers in place".into(),
                signal: None,
                started_at: c.insts[k].started,
                finished_at: c.insts[k]
                    .exited
                    .as_ref()
                    .map_or(c.insts[k].started, |e| e.0),
            });
        let (state, last_state, restart_count) = match insts.last() {
            None if c.reset.is_some() => {
                let k = c.reset.unwrap_or_default();
                (
                    ContainerState::Waiting {
                        reason: "RestartingAllContainers".into(),
                        message: String::new(),
                    },
                    reset_last.clone(),
                    c.insts[k].restart_count + 1,
                )
            }
            None => {
                let (reason, message) = c
                    .start_failure
                    .clone()
                    .unwrap_or_else(|| (default_reason.to_string(), String::new()));
                (ContainerState::Waiting { reason, message }, None, 0)
            }
            Some(i) => {
                let prev = match insts.len().checked_sub(2) {
                    Some(k) => terminated_state(&insts[k]),
                    None => reset_last.clone(),
                };
                match &i.exited {
                    None => (
                        ContainerState::Running {
                            started_at: i.started,
                        },
                        prev,
                        i.restart_count,
                    ),
                    Some((_, code, _, _)) => match &c.start_failure {
                        // The reason cache: a failed start of a container that should restart.
                        Some((reason, message)) if self.should_restart(ci, *code) => (
                            ContainerState::Waiting {
                                reason: reason.clone(),
                                message: message.clone(),
                            },
                            terminated_state(i),
                            i.restart_count,
                        ),
                        _ => (terminated_state(i).expect("exited"), prev, i.restart_count),
                    },
                }
            }
        };
        let running = matches!(state, ContainerState::Running { .. });
        let (ready, started) = match c.kind {
            ContainerKind::Init => (
                matches!(&state, ContainerState::Terminated { exit_code: 0, .. }),
                running,
            ),
            // The probe manager's `UpdatePodStatus` sets ready/started only for the pod's own
            // containers (`pkg/kubelet/prober/prober_manager.go`): an ephemeral container's status
            // keeps `ready: false` (kubectl describe: `Ready: False`).
            // rule: container-readiness
            ContainerKind::Ephemeral => (false, false),
            _ => (
                running && self.ready_flag(ci),
                running && self.started_flag(ci),
            ),
        };
        ContainerStatus {
            name: c.name.clone(),
            ready,
            started,
            restart_count,
            state,
            last_state,
            image: c.track.image.clone(),
            // KEP-4960: with ContainerStopSignals the status reports the effective stop signal
            // (the container's lifecycle.stopSignal, else the image's, else SIGTERM) once the
            // container exists.
            // rule: stop-signal
            stop_signal: (self
                .s
                .gate(crate::settings::FeatureGate::ContainerStopSignals)
                && !insts.is_empty())
            .then(|| format!("SIG{}", self.stop_signal(ci).0.name())),
        }
    }

    /// `getPhase` (`pkg/kubelet/kubelet_pods.go`): regular init containers, then sidecars
    /// (a running sidecar counts as running; an exited one is ignored), then regular containers.
    ///
    /// rule: pod-phase
    fn get_phase(
        &self,
        init: &[ContainerStatus],
        regular: &[ContainerStatus],
        pod_is_terminal: bool,
    ) -> Phase {
        let policy = self.pod.restart_policy.as_str();
        // KEP-5532: while every container is being restarted (the condition holds, or some are
        // removed and not yet re-created) the pod stays Running — the unit tests of #134345
        // ("the pod status will be running"; the KEP's first draft said Pending).
        // rule: restart-all-containers
        if !pod_is_terminal && self.resetting_all_containers() {
            return Phase::Running;
        }
        let (mut pending_init, mut failed_init) = (0, 0);
        let (mut unknown, mut running, mut waiting, mut stopped, mut succeeded) = (0, 0, 0, 0, 0);
        for (k, s) in init.iter().enumerate() {
            let ci = self.init_index(k);
            if self.ctrs[ci].kind == ContainerKind::Sidecar {
                continue;
            }
            match &s.state {
                ContainerState::Running { .. } => pending_init += 1,
                ContainerState::Terminated { exit_code, .. } => {
                    if *exit_code != 0 {
                        failed_init += 1;
                    }
                }
                ContainerState::Waiting { .. } => match &s.last_state {
                    Some(ContainerState::Terminated { exit_code, .. }) => {
                        if *exit_code != 0 {
                            failed_init += 1;
                        }
                    }
                    _ => pending_init += 1,
                },
            }
        }
        for (k, s) in init.iter().enumerate() {
            let ci = self.init_index(k);
            if self.ctrs[ci].kind != ContainerKind::Sidecar {
                continue;
            }
            match &s.state {
                ContainerState::Running { .. } => {
                    if !s.started {
                        pending_init += 1;
                    }
                    running += 1;
                }
                ContainerState::Terminated { .. } => {}
                ContainerState::Waiting { .. } => {
                    if !matches!(s.last_state, Some(ContainerState::Terminated { .. })) {
                        pending_init += 1;
                        waiting += 1;
                    }
                }
            }
        }
        // KEP-5307: a stopped container that its own rules restart (`ContainerShouldRestart`)
        // is on its way back, as under restartPolicy Always: it keeps the pod Running.
        let restarting = |s: &ContainerStatus| {
            let code = match (&s.state, &s.last_state) {
                (ContainerState::Terminated { exit_code, .. }, _) => *exit_code,
                (
                    ContainerState::Waiting { .. },
                    Some(ContainerState::Terminated { exit_code, .. }),
                ) => *exit_code,
                _ => return false,
            };
            self.pod.deleted_at.is_none()
                && self
                    .ctrs
                    .iter()
                    .find(|c| c.name == s.name && c.kind == ContainerKind::Regular)
                    .is_some_and(|c| c.restart.decides(code) == Some(true))
        };
        for s in regular {
            if restarting(s) {
                running += 1;
                continue;
            }
            match &s.state {
                ContainerState::Running { .. } => running += 1,
                ContainerState::Terminated { exit_code, .. } => {
                    stopped += 1;
                    if *exit_code == 0 {
                        succeeded += 1;
                    }
                }
                ContainerState::Waiting { .. } => {
                    if matches!(s.last_state, Some(ContainerState::Terminated { .. })) {
                        stopped += 1;
                    } else {
                        waiting += 1;
                    }
                }
            }
        }
        let _ = &mut unknown;
        if failed_init > 0 && policy == "Never" {
            return Phase::Failed;
        }
        // `HasAnyRegularContainerStarted`: a regular container has a running or terminated state.
        let any_regular_started = regular
            .iter()
            .any(|s| !matches!(s.state, ContainerState::Waiting { .. }) || s.last_state.is_some());
        if (pending_init > 0 && !any_regular_started) || waiting > 0 {
            return Phase::Pending;
        }
        if running > 0 && unknown == 0 {
            return Phase::Running;
        }
        if running == 0 && stopped > 0 && unknown == 0 {
            // TODO(#116484) upstream: static pods get no terminal phase here.
            if pod_is_terminal && !self.pod.static_pod {
                return if stopped == succeeded {
                    Phase::Succeeded
                } else {
                    Phase::Failed
                };
            }
            if policy == "Always" {
                return Phase::Running;
            }
            if stopped == succeeded {
                return Phase::Succeeded;
            }
            if policy == "Never" {
                return Phase::Failed;
            }
            return Phase::Running;
        }
        Phase::Pending
    }

    fn init_index(&self, k: usize) -> usize {
        self.ctrs
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c.kind, ContainerKind::Init | ContainerKind::Sidecar))
            .nth(k)
            .map(|(i, _)| i)
            .unwrap_or(0)
    }

    /// Generate the API status now and publish it if it changed. `pod_is_terminal`: the pod was
    /// stopped for good (`SyncTerminatingPod` after killPod).
    pub fn publish_status(&mut self, pod_is_terminal: bool) -> PodStatus {
        let mut init = vec![];
        let mut regular = vec![];
        let mut eph = vec![];
        for ci in 0..self.ctrs.len() {
            let st = self.container_status(ci);
            match self.ctrs[ci].kind {
                ContainerKind::Init | ContainerKind::Sidecar => init.push(st),
                ContainerKind::Regular => regular.push(st),
                ContainerKind::Ephemeral => eph.push(st),
            }
        }
        let prev_phase = self.status.published().map(|s| s.phase);
        let mut phase = self.get_phase(&init, &regular, pod_is_terminal);
        // Terminal phases are sticky (status manager `needsUpdate`/`mergePodStatus`).
        if let Some(p) = &prev_phase {
            if p.is_terminal() {
                phase = *p;
            }
        }
        // Regular container statuses are sorted by name (`SortedContainerStatuses`).
        regular.sort_by(|a, b| a.name.cmp(&b.name));
        let views = (0..self.ctrs.len())
            .map(|ci| {
                self.ctrs[ci].insts.last().map(|i| CtrView {
                    id: i.id,
                    running: i.exited.is_none(),
                    started_at: i.started,
                    started: i.exited.is_none() && self.started_flag(ci),
                    exit_code: i.exited.as_ref().map(|e| e.1),
                })
            })
            .collect();
        self.status.views = views;
        if self.status.start_time.is_none() {
            self.status.start_time = Some(self.now);
            let now = self.now;
            self.arm_deadline(now);
        }
        let (mut reason, mut message) = (None, None);
        if self.deadline_exceeded {
            // `active_deadline.go`: PodSyncResult reason/message, phase Failed.
            // rule: active-deadline
            phase = Phase::Failed;
            reason = Some("DeadlineExceeded".to_string());
            message =
                Some("Pod was active on the node longer than the specified deadline".to_string());
        }
        let mut st = PodStatus {
            phase,
            reason,
            message,
            conditions: vec![],
            init_container_statuses: init,
            container_statuses: regular,
            ephemeral_container_statuses: eph,
            start_time: self.status.start_time,
            observed_generation: self.observed_generation(),
        };
        st.conditions = self.conditions(&st);
        // `CalculatePodConditionObservedGeneration`: every kubelet condition but
        // AllContainersRestarting carries the synced generation.
        // rule: observed-generation
        for c in &mut st.conditions {
            if c.condition_type != "AllContainersRestarting"
                && !c.condition_type.starts_with("PodResize")
            {
                c.observed_generation = st.observed_generation;
            }
        }
        let now = self.now;
        self.status.push(now, st.clone());
        st
    }

    /// `SetContainerReadiness` / `SetContainerStartup`: a probe result flips a container's
    /// `ready`/`started` in the cached status at once (and the conditions with it).
    ///
    /// rule: container-readiness
    pub fn set_container_flags(&mut self, ci: usize, started: bool, ready: bool) {
        let Some(mut st) = self.status.published().cloned() else {
            return;
        };
        let name = self.ctrs[ci].name.clone();
        let is_init = matches!(
            self.ctrs[ci].kind,
            ContainerKind::Init | ContainerKind::Sidecar
        );
        let list = if is_init {
            &mut st.init_container_statuses
        } else {
            &mut st.container_statuses
        };
        let mut changed = false;
        for cs in list.iter_mut().filter(|c| c.name == name) {
            if matches!(cs.state, ContainerState::Running { .. }) {
                changed |= cs.ready != ready || cs.started != started;
                cs.ready = ready;
                cs.started = started;
            }
        }
        if let Some(Some(v)) = self.status.views.get_mut(ci) {
            v.started = started && v.running;
        }
        if changed {
            st.conditions = self.conditions(&st);
            let now = self.now;
            self.status.push(now, st);
        }
    }

    /// 1.36+ (#134660, `OnPodSandboxReady`): the kubelet writes PodReadyToStartContainers True
    /// as soon as the sandbox is ready, inside `SyncPod`, before the image pulls — not at the
    /// next status generation.
    ///
    /// rule: condition-ready-to-start-containers
    pub fn on_pod_sandbox_ready(&mut self) {
        if !self.s.kubelet_version.at_least(36) {
            return;
        }
        let Some(mut st) = self.status.published().cloned() else {
            return;
        };
        let conditions = self.conditions(&st);
        if conditions != st.conditions {
            st.conditions = conditions;
            let now = self.now;
            self.status.push(now, st);
        }
    }

    fn condition(
        &mut self,
        ty: &str,
        ok: bool,
        reason: Option<String>,
        message: Option<String>,
    ) -> PodCondition {
        let status = if ok { "True" } else { "False" }.to_string();
        let now = self.now;
        let e = self
            .status
            .cond_times
            .entry(ty.to_string())
            .or_insert((status.clone(), now));
        if e.0 != status {
            *e = (status.clone(), now);
        }
        PodCondition {
            condition_type: ty.into(),
            status,
            reason,
            message,
            last_transition_time: e.1,
            observed_generation: None,
        }
    }

    /// The kubelet-owned conditions, in the order the kubelet writes them.
    fn conditions(&mut self, st: &PodStatus) -> Vec<PodCondition> {
        let mut out = vec![];
        // The status manager's resize conditions come first (`generateAPIPodStatus` copies them
        // before the kubelet-owned ones); each carries the generation of its resize.
        // rule: in-place-resize
        if let Some((reason, message, g)) = self.resize_pending.clone() {
            let mut c = self.condition("PodResizePending", true, Some(reason), Some(message));
            c.observed_generation = Some(g);
            out.push(c);
        }
        if let Some(g) = self.resize_in_progress {
            let mut c = self.condition("PodResizeInProgress", true, None, None);
            c.observed_generation = Some(g);
            out.push(c);
        }
        // PodReadyToStartContainers (on by default 1.29+): a ready sandbox exists. 1.37
        // (#135300, `GeneratePodReadyToStartContainersCondition`): while False it says why —
        // reason `PodSandboxNotReady`, message `no pod sandbox exists` before there is one.
        // rule: condition-ready-to-start-containers
        if self.s.kubelet_version.at_least(29) {
            let ok = self.sandbox_ready;
            let (reason, message) = if !ok && self.s.kubelet_version.at_least(37) {
                (
                    Some("PodSandboxNotReady".to_string()),
                    self.sandbox
                        .is_none()
                        .then(|| "no pod sandbox exists".to_string()),
                )
            } else {
                (None, None)
            };
            out.push(self.condition("PodReadyToStartContainers", ok, reason, message));
        }
        let succeeded = st.phase == Phase::Succeeded;
        let failed = st.phase == Phase::Failed;
        // Initialized.
        // rule: condition-initialized
        let any_regular_started = st
            .container_statuses
            .iter()
            .any(|s| !matches!(s.state, ContainerState::Waiting { .. }) || s.last_state.is_some());
        let mut incomplete = vec![];
        for (k, s) in st.init_container_statuses.iter().enumerate() {
            let ci = self.init_index(k);
            let done = match self.ctrs[ci].kind {
                ContainerKind::Sidecar => s.started,
                _ => s.ready,
            };
            if !done {
                incomplete.push(s.name.clone());
            }
        }
        let init_ok = incomplete.is_empty() || any_regular_started;
        let c = if succeeded && init_ok {
            self.condition("Initialized", true, Some("PodCompleted".into()), None)
        } else if init_ok {
            self.condition("Initialized", true, None, None)
        } else {
            self.condition(
                "Initialized",
                false,
                Some("ContainersNotInitialized".into()),
                Some(format!(
                    "containers with incomplete status: [{}]",
                    incomplete.join(" ")
                )),
            )
        };
        out.push(c);
        // ContainersReady / Ready: every regular container and sidecar ready.
        // rule: condition-containers-ready, condition-ready
        let mut unready: Vec<String> = vec![];
        for ci in 0..self.ctrs.len() {
            let c = &self.ctrs[ci];
            if !matches!(c.kind, ContainerKind::Regular | ContainerKind::Sidecar) {
                continue;
            }
            let list = if c.kind == ContainerKind::Regular {
                &st.container_statuses
            } else {
                &st.init_container_statuses
            };
            if !list.iter().any(|s| s.name == c.name && s.ready) {
                unready.push(c.name.clone());
            }
        }
        let ready = unready.is_empty() && !failed && !succeeded;
        let (reason, message) = if succeeded {
            (Some("PodCompleted".to_string()), None)
        } else if failed {
            (Some("PodFailed".to_string()), None)
        } else if ready {
            (None, None)
        } else {
            (
                Some("ContainersNotReady".to_string()),
                Some(format!(
                    "containers with unready status: [{}]",
                    unready.join(" ")
                )),
            )
        };
        let r = self.condition("Ready", ready, reason.clone(), message.clone());
        out.push(r);
        let cr = self.condition("ContainersReady", ready, reason, message);
        out.push(cr);
        out.push(PodCondition {
            // rule: condition-pod-scheduled
            condition_type: "PodScheduled".into(),
            status: "True".into(),
            reason: None,
            message: None,
            last_transition_time: Time::ZERO,
            observed_generation: None,
        });
        // `GenerateAllContainersRestartingCondition` (`pkg/kubelet/status/generate.go`), written
        // for a pod that has a `RestartAllContainers` rule (`AllContainersCouldRestart`).
        // rule: restart-all-containers
        if self.ctrs.iter().any(|c| c.restart.could_restart_all()) {
            let c = if succeeded {
                self.condition(
                    "AllContainersRestarting",
                    false,
                    Some("PodCompleted".into()),
                    None,
                )
            } else if failed {
                self.condition(
                    "AllContainersRestarting",
                    false,
                    Some("PodFailed".into()),
                    None,
                )
            } else if self.all_containers_restarting() {
                self.condition(
                    "AllContainersRestarting",
                    true,
                    Some("RestartAllContainersStarted".into()),
                    Some("container exited with restart policy rule".into()),
                )
            } else {
                self.condition("AllContainersRestarting", false, None, None)
            };
            out.push(c);
        }
        out
    }

    /// `ShouldAllContainersRestart` and not `AllContainersRestartCleanedUp`
    /// (`pkg/kubelet/container/helpers.go`): in the pre-sync runtime snapshot some container exited
    /// with a code whose first matching rule is `RestartAllContainers`. Once the reset removed the
    /// containers the runtime has none, and the condition turns False.
    /// A `RestartAllContainers` reset is under way: decided, or some container removed by it and
    /// not yet created again.
    /// `CalculatePodStatusObservedGeneration` (`pkg/api/v1/pod/util.go`): the generation of the
    /// pod the worker synced, with `PodObservedGenerationTracking` on.
    ///
    /// rule: observed-generation
    fn observed_generation(&self) -> Option<i64> {
        self.s
            .gate(crate::settings::FeatureGate::PodObservedGenerationTracking)
            .then_some(self.synced_generation)
    }

    pub(crate) fn resetting_all_containers(&self) -> bool {
        self.all_containers_restarting()
            || self
                .ctrs
                .iter()
                .any(|c| c.reset.is_some() && c.visible().is_empty())
    }

    pub(crate) fn all_containers_restarting(&self) -> bool {
        // Runs at every status write: only pods with such a rule look, and without copying
        // the instances (`snapshot_inst` clones the process tree).
        let t0 = self.worker.sync_started;
        self.ctrs.iter().any(|c| {
            c.restart.could_restart_all()
                && c.visible()
                    .iter()
                    .rev()
                    .find(|i| i.created <= t0)
                    .and_then(|i| i.exited.as_ref())
                    .filter(|e| e.0 < t0)
                    .is_some_and(|e| c.restart.restarts_all(e.1))
        })
    }
}
