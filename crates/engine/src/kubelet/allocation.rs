//! In-place pod resize (KEP-1287; `InPlacePodVerticalScaling` beta 1.33, GA 1.35), in the shape
//! of `pkg/kubelet/allocation` (the allocation manager admits a resize and keeps the allocated
//! resources) and `pkg/kubelet/events/resize.go` (the resize events).
//!
//! A resize arrives through the `pods/resize` subresource: the spec's cpu/memory change and
//! `metadata.generation` goes up. The allocation manager admits it when the node has room
//! (`PodResizeInProgress`, event `ResizeStarted`) or records why not (`PodResizePending` with
//! reason `Infeasible`, event `ResizeInfeasible`). The next `SyncPod` actuates it —
//! `computePodActions` either updates the running container's resources (`resizePolicy`
//! `NotRequired`, the default) or kills and restarts it (`RestartContainer`: "Container X
//! resize requires restart", restartCount + 1). The sync after that sees allocated = actuated,
//! clears the condition and records `ResizeCompleted`.

use super::Sim;
use crate::kubectl::quantity::Quantity;
use crate::scenario::{ResizeAction, ResizeRecord};
use crate::timeline::{ContainerKind, EventType};
use k8s_openapi::api::core::v1::ResourceRequirements;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as Q;
use std::collections::BTreeMap;

/// What a resize changed for one running container.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actuation {
    /// `UpdateContainerResources` on the running container.
    Update,
    /// A changed resource's `resizePolicy` is `RestartContainer`: kill and start again.
    Restart,
}

/// cpu and memory of `r` (requests, limits) as canonical strings: what the comparison of allocated
/// and actuated resources looks at (`isPodResizeInProgress`: only cpu and memory are resizable).
fn resizable(r: Option<&ResourceRequirements>, which: &str) -> BTreeMap<String, String> {
    let list = r.and_then(|r| {
        if which == "limits" {
            r.limits.as_ref()
        } else {
            r.requests.as_ref()
        }
    });
    list.into_iter()
        .flatten()
        .filter(|(k, _)| *k == "cpu" || *k == "memory")
        .map(|(k, v)| (k.clone(), crate::kubectl::quantity::canonical(&v.0)))
        .collect()
}

/// The resources that differ between `a` and `b` (`cpu`, `memory`).
fn changed(
    a: Option<&ResourceRequirements>,
    b: Option<&ResourceRequirements>,
) -> Vec<&'static str> {
    ["cpu", "memory"]
        .into_iter()
        .filter(|k| {
            ["limits", "requests"]
                .iter()
                .any(|w| resizable(a, w).get(*k) != resizable(b, w).get(*k))
        })
        .collect()
}

/// `ResourceRequirements` as `json.Marshal` writes it: `limits` then `requests`, keys sorted,
/// canonical quantities, empty lists left out (`omitempty`).
fn resources_json(r: Option<&ResourceRequirements>) -> String {
    let list = |m: Option<&BTreeMap<String, Q>>| -> Option<String> {
        let m = m.filter(|m| !m.is_empty())?;
        let body: Vec<String> = m
            .iter()
            .map(|(k, v)| format!("\"{k}\":\"{}\"", crate::kubectl::quantity::canonical(&v.0)))
            .collect();
        Some(format!("{{{}}}", body.join(",")))
    };
    let mut parts = vec![];
    if let Some(l) = list(r.and_then(|r| r.limits.as_ref())) {
        parts.push(format!("\"limits\":{l}"));
    }
    if let Some(q) = list(r.and_then(|r| r.requests.as_ref())) {
        parts.push(format!("\"requests\":{q}"));
    }
    format!("{{{}}}", parts.join(","))
}

impl Sim {
    /// A `pods/resize` request: the spec changes, the generation goes up, the allocation manager
    /// admits the resize or marks it pending, and the kubelet syncs the pod.
    ///
    /// rule: in-place-resize
    pub(crate) fn resize(&mut self, r: ResizeAction) {
        if !self
            .s
            .gate(crate::settings::FeatureGate::InPlacePodVerticalScaling)
        {
            return;
        }
        let Some(ci) = self
            .ctrs
            .iter()
            .position(|c| c.name == r.container && c.kind == ContainerKind::Regular)
        else {
            return;
        };
        {
            let spec = self.ctrs[ci]
                .spec
                .resources
                .get_or_insert_with(Default::default);
            for (k, v) in &r.requests {
                spec.requests
                    .get_or_insert_with(Default::default)
                    .insert(k.clone(), Q(crate::kubectl::quantity::canonical(v)));
            }
            for (k, v) in &r.limits {
                spec.limits
                    .get_or_insert_with(Default::default)
                    .insert(k.clone(), Q(crate::kubectl::quantity::canonical(v)));
            }
        }
        // rule: observed-generation
        self.generation += 1;
        self.pod.resizes.push(ResizeRecord {
            at: self.now,
            resize: r,
        });
        let generation = self.generation;
        match self.resize_fits() {
            Ok(()) => {
                self.ctrs[ci].allocated = self.ctrs[ci].spec.resources.clone();
                self.resize_pending = None;
                self.resize_in_progress = Some(generation);
                self.resize_event(EventType::Normal, "ResizeStarted", "Pod resize started", "");
            }
            Err(why) => {
                self.resize_event(
                    EventType::Warning,
                    "ResizeInfeasible",
                    "Pod resize Infeasible",
                    &why,
                );
                self.resize_pending = Some(("Infeasible".into(), why, generation));
            }
        }
        let now = self.now;
        self.request_sync(now);
    }

    /// The allocation manager's fit check (`canResizePod`): the pod's cpu and memory requests
    /// after the resize against the node's allocatable (`settings.nodeAllocatableCpu`/`Memory`).
    /// A request above the node's capacity is `Infeasible`; other pods on the node (`Deferred`)
    /// are not modelled.
    fn resize_fits(&self) -> Result<(), String> {
        for (res, cap) in [
            ("cpu", &self.s.node_allocatable_cpu),
            ("memory", &self.s.node_allocatable_memory),
        ] {
            let total: i128 = self
                .ctrs
                .iter()
                .filter(|c| matches!(c.kind, ContainerKind::Regular | ContainerKind::Sidecar))
                .filter_map(|c| {
                    resizable(c.spec.resources.as_ref(), "requests")
                        .get(res)
                        .and_then(|q| Quantity::parse(q))
                })
                .map(|q| {
                    if res == "cpu" {
                        q.milli_value()
                    } else {
                        q.value()
                    }
                })
                .sum();
            let cap = Quantity::parse(cap).map_or(i128::MAX, |q| {
                if res == "cpu" {
                    q.milli_value()
                } else {
                    q.value()
                }
            });
            if total > cap {
                return Err(format!(
                    "Node didn't have enough capacity: {res}, requested: {total}, capacity: {cap}"
                ));
            }
        }
        Ok(())
    }

    /// The resize events exist from 1.35 (#134825).
    fn resize_event(&mut self, ty: EventType, reason: &str, prefix: &str, error: &str) {
        if self.s.kubelet_version.at_least(35) {
            let msg = self.resize_message(prefix, error);
            self.event(ty, reason, "", msg);
        }
    }

    /// `podResizeMessage` (`pkg/kubelet/events/resize.go`): the prefix, then the desired
    /// resources of every init and regular container and the generation as JSON.
    fn resize_message(&self, prefix: &str, error: &str) -> String {
        let list = |kinds: &[ContainerKind]| -> Vec<String> {
            self.ctrs
                .iter()
                .filter(|c| kinds.contains(&c.kind))
                .map(|c| {
                    format!(
                        "{{\"name\":\"{}\",\"resources\":{}}}",
                        c.name,
                        resources_json(c.spec.resources.as_ref())
                    )
                })
                .collect()
        };
        let mut parts = vec![];
        let init = list(&[ContainerKind::Init, ContainerKind::Sidecar]);
        if !init.is_empty() {
            parts.push(format!("\"initContainers\":[{}]", init.join(",")));
        }
        let regular = list(&[ContainerKind::Regular]);
        if !regular.is_empty() {
            parts.push(format!("\"containers\":[{}]", regular.join(",")));
        }
        parts.push(format!("\"generation\":{}", self.generation));
        if !error.is_empty() {
            parts.push(format!("\"error\":\"{}\"", error.replace('"', "\\\"")));
        }
        format!("{prefix}: {{{}}}", parts.join(","))
    }

    /// What the next sync must do for container `ci`'s resize: its running instance (in the
    /// pre-sync snapshot) runs with resources other than the allocated ones.
    pub(crate) fn resize_actuation(&self, ci: usize) -> Option<Actuation> {
        // Only an admitted resize makes allocated and actuated resources differ.
        self.resize_in_progress?;
        let c = &self.ctrs[ci];
        let inst = c.running()?;
        let diff = changed(inst.resources.as_ref(), c.allocated.as_ref());
        if diff.is_empty() {
            return None;
        }
        let restart = c.spec.resize_policy.iter().flatten().any(|p| {
            diff.contains(&p.resource_name.as_str()) && p.restart_policy == "RestartContainer"
        });
        Some(if restart {
            Actuation::Restart
        } else {
            Actuation::Update
        })
    }

    /// `UpdateContainerResources`: the running instance now has the allocated resources.
    pub(crate) fn update_container_resources(&mut self, ci: usize) {
        let allocated = self.ctrs[ci].allocated.clone();
        if let Some(inst) = self.ctrs[ci].insts.last_mut() {
            if inst.exited.is_none() {
                inst.resources = allocated;
            }
        }
    }

    /// `SyncPod`'s resize check before it generates the status: while a running container's
    /// actuated resources differ from the allocated ones the resize is in progress; once they
    /// match the condition is cleared and `ResizeCompleted` recorded.
    ///
    /// rule: in-place-resize
    pub(crate) fn check_pod_resize_in_progress(&mut self) {
        if self.resize_in_progress.is_none() {
            return;
        }
        let pending = (0..self.ctrs.len()).any(|ci| self.resize_actuation(ci).is_some());
        if !pending {
            self.resize_in_progress = None;
            self.resize_event(
                EventType::Normal,
                "ResizeCompleted",
                "Pod resize completed",
                "",
            );
        }
    }
}
