//! gRPC probes: `pkg/probe/grpc/grpc.go` (`Probe`): the health service at the pod IP and the
//! probe's port; modelled as serving when the container's process listens there, else the
//! dial's `context deadline exceeded` after the timeout.

use super::{listening, Outcome};
use crate::kubelet::Ctr;
use crate::time::{Duration, Time};
use k8s_openapi::api::core::v1::GRPCAction;

/// Whether the container's process listens on `g`'s port now.
pub(crate) fn probe(c: &Ctr, g: &GRPCAction, ip: &str, timeout: Duration, now: Time) -> Outcome {
    let port = u16::try_from(g.port).unwrap_or(0);
    if listening(c, port, now) {
        Outcome::success()
    } else {
        Outcome::failure(format!("timeout: failed to connect service \"{ip}:{port}\" within {}s: context deadline exceeded", timeout.floor_secs()))
    }
}
