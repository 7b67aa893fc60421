//! TCP probes: `pkg/probe/tcp/tcp.go` (`DoTCPProbe`): success when a connection to
//! `<host>:<port>` opens (the host defaults to the pod IP), else `connect: connection refused`.

use super::{listening, port_of, Outcome};
use crate::kubelet::Ctr;
use crate::time::Time;
use k8s_openapi::api::core::v1::TCPSocketAction;

/// Whether the container's process listens on `t`'s port now.
pub(crate) fn probe(c: &Ctr, t: &TCPSocketAction, ip: String, now: Time) -> Outcome {
    let port = match port_of(c, &t.port) {
        Ok(p) => p,
        Err(e) => return Outcome::failure(e),
    };
    let host = t.host.clone().unwrap_or(ip);
    if listening(c, port, now) {
        Outcome::success()
    } else {
        Outcome::failure(format!(
            "dial tcp {host}:{port}: connect: connection refused"
        ))
    }
}
