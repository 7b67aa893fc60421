//! Probe handlers, one file per kind as upstream `pkg/probe/{exec,http,tcp,grpc}`: each runs one
//! probe of its kind against the container now and says what it found in an [`Outcome`]. The
//! worker (the tick grid, thresholds, the results manager) is `prober.rs`. A new kind is one file
//! here and one arm in the dispatch: a [`Handler`] variant and its arm in
//! `Sim::execute_probe_inner`.

pub mod exec;
pub mod grpc;
pub mod http;
pub mod tcp;

use super::Result;
use crate::kubelet::Ctr;
use crate::process;
use crate::time::{Duration, Time};
use k8s_openapi::api::core::v1::{ExecAction, GRPCAction, HTTPGetAction, Probe, TCPSocketAction};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// What one run of a probe handler found: the result and its output (`probe.Result` and the
/// message of the Unhealthy event), how long it took, and the effects of an exec probe's
/// processes.
pub struct Outcome {
    pub result: Result,
    pub output: String,
    pub took: Duration,
    pub effects: Vec<process::Effect>,
}

impl Outcome {
    /// Success at once, with no output.
    pub fn success() -> Self {
        Outcome {
            result: Result::Success,
            output: String::new(),
            took: Time::ZERO,
            effects: vec![],
        }
    }

    /// Failure at once, with this output.
    pub fn failure(output: impl Into<String>) -> Self {
        Outcome {
            result: Result::Failure,
            output: output.into(),
            took: Time::ZERO,
            effects: vec![],
        }
    }
}

/// The probe's handler (`v1.ProbeHandler`): the first one set, in the order the kubelet checks
/// them (`pkg/kubelet/prober/prober.go` `runProbe`).
pub enum Handler<'a> {
    Exec(&'a ExecAction),
    HttpGet(&'a HTTPGetAction),
    TcpSocket(&'a TCPSocketAction),
    Grpc(&'a GRPCAction),
}

impl<'a> Handler<'a> {
    pub fn of(p: &'a Probe) -> Option<Self> {
        if let Some(e) = &p.exec {
            return Some(Handler::Exec(e));
        }
        if let Some(h) = &p.http_get {
            return Some(Handler::HttpGet(h));
        }
        if let Some(t) = &p.tcp_socket {
            return Some(Handler::TcpSocket(t));
        }
        p.grpc.as_ref().map(Handler::Grpc)
    }
}

/// The port a probe names: a number, or a named port looked up in the container's ports
/// (`probe.ResolveContainerPort`).
pub(crate) fn port_of(c: &Ctr, p: &IntOrString) -> std::result::Result<u16, String> {
    match p {
        IntOrString::Int(i) => u16::try_from(*i).map_err(|_| format!("invalid port number: {i}")),
        // A named port is looked up in the container's ports (`probe.ResolveContainerPort`).
        IntOrString::String(name) => c
            .spec
            .ports
            .iter()
            .flatten()
            .find(|cp| cp.name.as_deref() == Some(name.as_str()))
            .and_then(|cp| u16::try_from(cp.container_port).ok())
            .ok_or_else(|| format!("strconv.Atoi: parsing \"{name}\": invalid syntax")),
    }
}

/// Whether the container's running process listens on `port` now.
pub(crate) fn listening(c: &Ctr, port: u16, now: Time) -> bool {
    c.running().is_some_and(|i| i.process.listening(port, now))
}
