//! What one sync does, in the shape of `pkg/kubelet/kubelet.go`: [`Sim::sync_pod`] (`SyncPod`),
//! [`Sim::sync_terminating_pod`] (`SyncTerminatingPod`) and [`Sim::sync_terminated_pod`]
//! (`SyncTerminatedPod`). `SyncPod` first decides — [`compute_pod_actions`] turns a plain
//! snapshot ([`Sim::pod_view`]) into plain [`PodActions`] — then does: the actions become steps
//! for the pod worker, run in `SyncPod`'s order (kills, sandbox, ephemeral, init, regular).

use super::kuberuntime::{
    compute_pod_actions, ContainerView, PodActions, PodView, SandboxState, SnapshotState, Step,
};
use super::pod_workers::Mode;
use super::Sim;
use crate::timeline::EventType;
use crate::timeline::{ProbeType, RestartPolicy};

impl Sim {
    /// `SyncPod`: publish status, add probe workers (first sync), compute and queue actions.
    pub fn sync_pod(&mut self) {
        // The worker syncs the newest pod it was sent: its generation is what the status observes.
        // rule: observed-generation
        self.synced_generation = self.generation;
        self.check_pod_resize_in_progress();
        let status = self.publish_status(false);
        // `SyncPod` step 2: a terminal status moves the pod to termination.
        if status.phase.is_terminal() {
            self.worker.mode = Mode::Terminating;
            self.sync_terminating_pod();
            return;
        }
        if self.probes.is_empty() && !self.worker_probes_added() {
            self.add_probe_workers();
        }
        self.readiness_manual_triggers();
        let view = self.pod_view();
        if view.sandbox == SandboxState::Changed {
            self.sandbox_changed = false;
        }
        let actions = compute_pod_actions(&view);
        self.queue_pod_actions(actions);
    }

    fn worker_probes_added(&self) -> bool {
        self.syncs.len() > 1
    }

    /// The pre-sync runtime snapshot as [`compute_pod_actions`] reads it.
    pub(crate) fn pod_view(&self) -> PodView {
        let containers = (0..self.ctrs.len())
            .map(|ci| {
                let c = &self.ctrs[ci];
                let snapshot = self.snapshot_inst(ci);
                let state = match &snapshot {
                    None => SnapshotState::NotCreated,
                    Some(i) => match &i.exited {
                        None => SnapshotState::Running,
                        Some((_, code, _, _)) => SnapshotState::Exited { code: *code },
                    },
                };
                let probe_failure = self.probe_kill_reason(ci);
                ContainerView {
                    name: c.name.clone(),
                    kind: c.kind,
                    state,
                    started: self.started_flag(ci),
                    probe_failure,
                    probe_grace: probe_failure
                        .map_or(self.pod.termination_grace_period_seconds, |why| {
                            self.probe_grace(ci, why)
                        }),
                    spec_changed: c.running_generation != c.generation,
                    ever_created: !c.insts.is_empty(),
                    running_now: c.running().is_some(),
                    restart: c.restart.clone(),
                    resize: self.resize_actuation(ci),
                }
            })
            .collect();
        PodView {
            restart_policy: RestartPolicy::parse(&self.pod.restart_policy),
            termination_grace_period_seconds: self.pod.termination_grace_period_seconds,
            deleted: self.pod.deleted_at.is_some(),
            sandbox: if self.sandbox.is_none() {
                SandboxState::Missing
            } else if self.sandbox_changed {
                SandboxState::Changed
            } else {
                SandboxState::Ready
            },
            containers,
            restart_all: self.all_containers_restarting(),
        }
    }

    /// Carry out `SyncPod`'s actions: queue them as pod-worker steps in `SyncPod`'s order.
    fn queue_pod_actions(&mut self, a: PodActions) {
        if a.create_sandbox {
            self.worker.steps.push_back(Step::CreateSandbox);
        }
        if a.recreate_sandbox {
            // `SyncPod` step 1 records the event before killing anything.
            self.event(
                EventType::Normal,
                "SandboxChanged",
                "",
                "Pod sandbox changed, it will be killed and re-created.".into(),
            );
        }
        if let Some(grace) = a.kill_pod {
            self.worker.steps.push_back(Step::KillPod { grace });
        }
        if a.recreate_sandbox {
            self.worker.steps.push_back(Step::RecreateSandbox);
        }
        if a.remove_containers {
            self.worker.steps.push_back(Step::RemoveContainers);
        }
        for ci in a.update_resources {
            self.worker.steps.push_back(Step::UpdateResources(ci));
        }
        for k in a.containers_to_kill {
            self.worker.steps.push_back(Step::Kill {
                ci: k.ci,
                message: k.message,
                grace: k.grace,
            });
        }
        for ci in a.containers_to_start {
            self.worker.steps.push_back(Step::Start(ci));
        }
    }

    /// `SyncTerminatingPod`: publish status, stop liveness/startup workers, kill everything with
    /// the effective grace period, stop the sandbox, then publish the terminal status.
    ///
    /// rule: kill-pod
    pub fn sync_terminating_pod(&mut self) {
        self.synced_generation = self.generation;
        self.publish_status(false);
        self.stop_probe_workers(&[ProbeType::Liveness, ProbeType::Startup]);
        // `calculateEffectiveGracePeriod`: deletionGracePeriodSeconds if set, else the spec's;
        // never below 1.
        let grace = self
            .pod
            .deletion_grace_period_seconds
            .unwrap_or(self.pod.termination_grace_period_seconds)
            .max(1);
        self.worker.steps.push_back(Step::KillPod { grace });
        self.worker.steps.push_back(Step::Terminated);
    }

    /// After all containers stopped: stop the sandbox, stop readiness, publish the terminal
    /// phase (`generateAPIPodStatus` with `podIsTerminal`), then `SyncTerminatedPod` removes a
    /// deleted pod from the API at the next relist.
    pub(crate) fn sync_terminated_pod(&mut self) {
        if let Some((a, None)) = self.sandbox {
            self.sandbox = Some((a, Some(self.now)));
            if let Some(last) = self.sandboxes.last_mut() {
                last.1 = Some(self.now);
            }
        }
        self.sandbox_ready = false;
        self.stop_probe_workers(&[ProbeType::Readiness]);
        self.publish_status(true);
        self.worker.mode = Mode::Terminated;
        if self.pod.deleted_at.is_some() && self.pod.removed_at.is_none() {
            let at = self.relist_after(self.now);
            // rule: pod-removal
            self.pod.removed_at = Some(at);
        }
        self.worker.requeue_at = None;
    }
}
