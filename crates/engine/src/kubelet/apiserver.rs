//! What the API server does with the pod that the kubelet then sees: the graceful delete
//! (`pkg/registry/core/pod/strategy.go`). The API server's defaults and validation run before
//! the machine starts, in [`crate::manifest`] (`defaults.rs`, `validate.rs`).

use super::kuberuntime::Op;
use super::pod_workers::Mode;
use super::{Ev, Sim};
use crate::time::Time;

impl Sim {
    /// The API receives `kubectl delete pod` at `now` (`pkg/registry/core/pod/strategy.go`
    /// `CheckGracefulDelete`): grace = the request's, else the pod's; 0 if the pod is already
    /// terminal; `deletionTimestamp = now + grace`.
    ///
    /// rule: pod-deletion
    pub fn api_delete(&mut self, grace: Option<i64>, force: bool) {
        if self.pod.deleted_at.is_some() || self.pod.removed_at.is_some() {
            return;
        }
        // A static pod's mirror pod: the kubelet runs the pod from its manifest directory, not
        // from the API. The deleted mirror triggers a sync (`HandlePodUpdates` →
        // `handleMirrorPod`), whose `SyncPod` deletes the mirror (`DeleteMirrorPod`, the
        // deletionTimestamp is set) and creates it again (`CreateMirrorPod`): the containers keep
        // running, the mirror comes back with a new creation time.
        // rule: static-pod-mirror-name
        if self.pod.static_pod {
            self.mirror_deleted.get_or_insert(self.now);
            let now = self.now;
            self.request_sync(now);
            return;
        }
        let terminal = self
            .status
            .published()
            .is_some_and(|s| s.phase.is_terminal());
        let mut g = grace.unwrap_or(self.pod.termination_grace_period_seconds);
        if g < 0 {
            g = 1;
        }
        if terminal {
            g = 0;
        }
        self.pod.deleted_at = Some(self.now);
        // KEP-5067: setting the deletionTimestamp of a graceful delete bumps the generation.
        // rule: observed-generation
        if g > 0 && !force {
            self.generation += 1;
        }
        self.pod.deletion_timestamp = Some(self.now + Time::from_secs(g));
        self.pod.deletion_grace_period_seconds = Some(g);
        if force || g == 0 {
            self.pod.removed_at = Some(self.now);
        }
        // The kubelet sees the update; the running sync is cancelled and the pod worker moves to
        // `SyncTerminatingPod` at its next opportunity.
        if self.worker.mode == Mode::Sync {
            self.worker.mode = Mode::Terminating;
            if self.worker.busy {
                // Cancel the rest of the running sync (its context is cancelled); an in-flight
                // kill continues inside the terminating sync's KillPod.
                self.worker.steps.clear();
                match self.worker.op {
                    // A sandbox being created finishes; the pod worker then moves on.
                    Some(Op::Until(_)) => {}
                    // A start or an in-flight kill is abandoned with the cancelled context; the
                    // terminating sync kills every running container again with the (shorter)
                    // deletion grace period.
                    _ => self.worker.op = None,
                }
                self.worker.pending = true;
                if self.worker.op.is_none() {
                    // The cancelled sync ends now.
                    self.schedule(self.now, Ev::WorkerWake);
                }
            } else {
                let now = self.now;
                self.request_sync(now);
            }
        }
    }
}
