//! What happens outside the kubelet and reaches it: API requests (`kubectl delete`, `kubectl
//! debug`, `kubectl set image`), Services appearing, the kernel's OOM killer, and the
//! `activeDeadlineSeconds` handler. Each comes from a scenario action at a given time.

use super::{Ctr, Ev, Sim};
use crate::process::{images, Layer};
use crate::timeline::{ContainerDescribe, ContainerKind, ContainerTrack, ProbeType};
use crate::timeline::{EventType, PullPolicy, Time};
use k8s_openapi::api::core::v1::Container;

impl Sim {
    /// Scenario action `i` falls due.
    pub fn action(&mut self, i: usize) {
        let Some(a) = self.scenario.actions.get(i).cloned() else {
            return;
        };
        if let Some(d) = a.delete {
            self.api_delete(d.grace_period_seconds, d.force);
        }
        if let Some(k) = a.kill {
            self.oom_kill(
                &k.container,
                k.exit_code.unwrap_or(137),
                k.reason.unwrap_or_else(|| "OOMKilled".into()),
            );
        }
        if let Some(svc) = a.create_service {
            self.services.insert(svc);
        }
        if let Some(svc) = a.delete_service {
            self.services.remove(&svc);
        }
        if let Some(e) = a.add_ephemeral_container {
            self.add_ephemeral(e);
        }
        if let Some(si) = a.set_image {
            self.set_image(&si.container, &si.image);
        }
        if a.sandbox_dies.is_some() {
            self.sandbox_dies();
        }
        if let Some(r) = a.resize {
            self.resize(r);
        }
        if let Some(p) = a.probe {
            if let Some(ci) = self.ctrs.iter().position(|c| c.name == p.container) {
                let t = match p.probe_type.as_str() {
                    "liveness" => ProbeType::Liveness,
                    "startup" => ProbeType::Startup,
                    _ => ProbeType::Readiness,
                };
                self.forced_probes
                    .push((ci, t, self.now, p.result == "success"));
            }
        }
    }

    /// The container's process dies at once (OOM killer: exit 137, reason `OOMKilled`, reported by
    /// the runtime from the cgroup's OOM event).
    fn oom_kill(&mut self, name: &str, code: i32, reason: String) {
        let Some(ci) = self.ctrs.iter().position(|c| c.name == name) else {
            return;
        };
        let now = self.now;
        if let Some(inst) = self.ctrs[ci].insts.last_mut() {
            if inst.exited.is_none() {
                inst.process.kill_with(now, code, Some(reason));
            }
        }
        self.after_process_change(ci);
    }

    /// `kubectl debug`: an ephemeral container is added through the `ephemeralcontainers`
    /// subresource; the kubelet starts it at its next sync and never restarts it.
    fn add_ephemeral(&mut self, e: crate::scenario::EphemeralAction) {
        if self.ctrs.iter().any(|c| c.name == e.name) {
            self.notes.push(crate::Diagnostic::warning(
                "scenario.actions",
                format!(
                    "ephemeral container {:?}: a container with that name exists; not added",
                    e.name
                ),
            ));
            return;
        }
        let spec = Container {
            name: e.name.clone(),
            image: Some(e.image.clone()),
            command: e.command.clone(),
            args: e.args.clone(),
            ..Default::default()
        };
        let image = images::lookup(&e.image);
        let argv = crate::process::container_argv(
            &image,
            e.command.as_deref().unwrap_or(&[]),
            e.args.as_deref().unwrap_or(&[]),
        );
        let policy = PullPolicy::parse(crate::manifest::defaults::default_pull_policy(&e.image))
            .unwrap_or(PullPolicy::IfNotPresent);
        self.pod.describe.push(ContainerDescribe {
            name: e.name.clone(),
            kind: ContainerKind::Ephemeral,
            image: e.image.clone(),
            command: e.command.clone().unwrap_or_default(),
            args: e.args.clone().unwrap_or_default(),
            ports: vec![],
            probes: vec![],
        });
        self.ctrs.push(Ctr {
            name: e.name.clone(),
            kind: ContainerKind::Ephemeral,
            spec,
            image,
            argv,
            insts: vec![],
            layer: Layer::default(),
            mounts: vec![],
            track: ContainerTrack {
                name: e.name,
                kind: ContainerKind::Ephemeral,
                image: e.image,
                image_pull_policy: policy,
                runs: vec![],
                pulls: vec![],
                backoffs: vec![],
                probes: vec![],
                assumptions: vec![],
            },
            start_failure: None,
            generation: 0,
            restart: Default::default(),
            running_generation: 0,
            added_at: self.now,
            purged: 0,
            reset: None,
            allocated: None,
            exec_assumptions: vec![],
            spec_path: format!(
                "spec.ephemeralContainers[{}]",
                self.ctrs
                    .iter()
                    .filter(|c| c.kind == ContainerKind::Ephemeral)
                    .count()
            ),
            env_assumptions: vec![],
        });
        let now = self.now;
        self.request_sync(now);
    }

    /// `kubectl set image`: the container's spec (and so its hash) changes; the kubelet kills
    /// and restarts it ("Container X definition changed, will be restarted").
    fn set_image(&mut self, name: &str, image_ref: &str) {
        let Some(ci) = self.ctrs.iter().position(|c| c.name == name) else {
            return;
        };
        let c = &mut self.ctrs[ci];
        let declared = c.image.declared_ports.clone();
        c.spec.image = Some(image_ref.to_string());
        c.image = images::lookup(image_ref);
        c.image.declared_ports = declared;
        c.argv = crate::process::container_argv(
            &c.image,
            c.spec.command.as_deref().unwrap_or(&[]),
            c.spec.args.as_deref().unwrap_or(&[]),
        );
        c.track.image = image_ref.to_string();
        c.generation += 1;
        // rule: observed-generation
        self.generation += 1;
        if let Some(d) = self.pod.describe.iter_mut().find(|d| d.name == name) {
            d.image = image_ref.to_string();
        }
        let now = self.now;
        self.request_sync(now);
    }

    /// The pod sandbox (pause container / network namespace) dies. The next relist notices and
    /// the sync re-creates it (`computePodActions` → `PodSandboxChanged`).
    fn sandbox_dies(&mut self) {
        if let Some((a, None)) = self.sandbox {
            self.sandbox = Some((a, Some(self.now)));
            if let Some(last) = self.sandboxes.last_mut() {
                last.1 = Some(self.now);
            }
            self.sandbox_ready = false;
            self.sandbox_changed = true;
            let now = self.now;
            self.pleg_change(now);
        }
    }

    /// `pkg/kubelet/active_deadline.go`: once `now − status.startTime ≥ activeDeadlineSeconds`
    /// the pod is failed (reason DeadlineExceeded) and killed with its grace period.
    ///
    /// rule: active-deadline
    pub fn deadline(&mut self) {
        if self.deadline_exceeded || self.worker.mode != super::pod_workers::Mode::Sync {
            return;
        }
        self.deadline_exceeded = true;
        self.event(
            EventType::Normal,
            "DeadlineExceeded",
            "",
            "Pod was active on the node longer than the specified deadline".into(),
        );
        let now = self.now;
        self.request_sync(now);
    }

    /// Arm the active-deadline check (called once the start time is known).
    pub fn arm_deadline(&mut self, start: Time) {
        if let Some(d) = self
            .pod
            .object
            .spec
            .as_ref()
            .and_then(|s| s.active_deadline_seconds)
        {
            // The handler is consulted on the 1 s sync ticker.
            let at = Time::from_secs((start + Time::from_secs(d)).ceil_secs());
            self.schedule(at, Ev::Deadline);
        }
    }
}
