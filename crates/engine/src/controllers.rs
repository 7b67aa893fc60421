//! Controllers outside the node that react to the pod: the workload controller that owns it
//! creates a replacement once it is deleted.
//!
//! rule: controller-replacement
//!
//! Views never simulate: the replacement pod is played here, by the engine, and carried in
//! [`Timeline::replacement`].

use crate::scenario::Scenario;
use crate::timeline::{Time, Timeline};
use crate::{manifest, Settings};
use k8s_openapi::api::core::v1::Pod;

/// The replacement pod a workload controller creates for the deleted `pod` (its template), played
/// from the instant the controller acts, or `None` when no controller would act.
///
/// ReplicaSet/ReplicationController/Job/DaemonSet create one as soon as the old pod is
/// terminating (`pkg/controller/replicaset/replica_set.go` counts a pod with a deletion timestamp
/// as gone: `FilterActivePods`); the StatefulSet controller only once the old pod, whose name it
/// reuses, is removed (`pkg/controller/statefulset/stateful_set_control.go`).
pub fn replacement(
    kind: &str,
    pod: &Pod,
    scenario: &Scenario,
    settings: &Settings,
    first: &Timeline,
) -> Option<Timeline> {
    let at = replacement_time(kind, first)?;
    let mut pod2 = pod.clone();
    let name = pod.metadata.name.clone().unwrap_or_default();
    let new_name = if kind == "StatefulSet" {
        name.clone()
    } else {
        replacement_name(&name)
    };
    pod2.metadata.name = Some(new_name.clone());
    pod2.metadata.uid = Some(manifest::defaults::deterministic_uid(
        pod.metadata.namespace.as_deref().unwrap_or("default"),
        &format!("{new_name}#2"),
    ));
    let mut scn2 = scenario.clone();
    scn2.actions.retain(|a| a.delete.is_none() && a.at >= at);
    let (tl2, _) = crate::Kubelet::created_at(&pod2, scn2, settings.clone(), at).finish();
    Some(tl2)
}

fn replacement_time(kind: &str, tl: &Timeline) -> Option<Time> {
    match kind {
        "Deployment" | "ReplicaSet" | "ReplicationController" | "Job" | "CronJob" | "DaemonSet" => {
            tl.pod.deleted_at
        }
        "StatefulSet" => tl.pod.removed_at,
        _ => None,
    }
}

/// A new generated-name suffix for the replacement pod (the controller's `GenerateName`).
fn replacement_name(name: &str) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut h = manifest::defaults::fnv1a(&[name, "replacement"]);
    let suffix: String = (0..5)
        .map(|_| {
            let c = ALPHABET[(h % ALPHABET.len() as u64) as usize] as char;
            h /= ALPHABET.len() as u64;
            c
        })
        .collect();
    match name.rsplit_once('-') {
        Some((base, last)) if last.len() == 5 => format!("{base}-{suffix}"),
        _ => format!("{name}-{suffix}"),
    }
}
