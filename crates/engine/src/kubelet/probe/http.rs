//! HTTP probes: `pkg/probe/http/http.go` (`DoHTTPProbe`): a GET to
//! `<scheme>://<host>:<port><path>` (the host defaults to the pod IP); a status in 200–399 is
//! success, any other a failure with the status code, no listener a connection refused.

use super::{port_of, Outcome};
use crate::kubelet::Sim;
use crate::process::FsView;
use crate::time::Time;
use k8s_openapi::api::core::v1::HTTPGetAction;

/// Ask the container's process (or the scenario's HTTP windows) for `h`'s path.
pub(crate) fn probe(sim: &mut Sim, ci: usize, h: &HTTPGetAction, ip: String, now: Time) -> Outcome {
    let c = &mut sim.ctrs[ci];
    let port = match port_of(c, &h.port) {
        Ok(p) => p,
        Err(e) => return Outcome::failure(e),
    };
    let scheme = h
        .scheme
        .clone()
        .unwrap_or_else(|| "HTTP".into())
        .to_lowercase();
    let host = h.host.clone().unwrap_or(ip);
    let path = h.path.clone().unwrap_or_else(|| "/".into());
    let url = format!("{scheme}://{host}:{port}{path}");
    let Some(inst) = c.insts.last_mut().filter(|i| i.exited.is_none()) else {
        return Outcome::failure(format!(
            "Get \"{url}\": dial tcp {host}:{port}: connect: connection refused"
        ));
    };
    // Scenario HTTP windows answer for the container.
    let rel = now - inst.started;
    let forced = inst
        .behaviour
        .http
        .iter()
        .rev()
        .find(|w| w.from <= rel && w.to.is_none_or(|to| rel < to))
        .map(|w| w.status);
    let answer = match forced {
        Some(code) => Ok(code),
        None => {
            let mut fs = FsView {
                layer: &mut c.layer,
                volumes: &mut sim.volumes,
                mounts: &c.mounts,
            };
            inst.process.http_get(port, &path, now, &mut fs)
        }
    };
    match answer {
        // `pkg/probe/http`: 200–399 success, otherwise failure with the status code.
        Ok(code) if (200..400).contains(&code) => Outcome::success(),
        Ok(code) => Outcome::failure(format!("HTTP probe failed with statuscode: {code}")),
        Err(()) => Outcome::failure(format!(
            "Get \"{url}\": dial tcp {host}:{port}: connect: connection refused"
        )),
    }
}
