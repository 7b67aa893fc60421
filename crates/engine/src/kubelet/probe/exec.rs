//! Exec probes: `pkg/probe/exec/exec.go` (`Probe`): the command runs in the container through
//! ExecSync with the probe's timeout; exit code 0 is success, any other a failure, and the
//! output is the command's. A command that outlives the timeout fails with
//! `command "<cmd>" timed out`.

use super::{Outcome, Result};
use crate::kubelet::{Ctr, ServiceWorld, Sim};
use crate::process::{self, FsView, Layer};
use crate::time::{Duration, Time};
use crate::timeline::ProbeType;
use k8s_openapi::api::core::v1::ExecAction;

/// The common exec probes need no interpreter (and no clone of the probe): `None` when this
/// command does.
pub(crate) fn fast(c: &mut Ctr, volumes: &mut [Layer], cmd: &[String]) -> Option<Outcome> {
    let mut fs = FsView {
        layer: &mut c.layer,
        volumes,
        mounts: &c.mounts,
    };
    if let Some((code, output)) = process::fast_exec(&c.image, cmd, &mut fs) {
        let r = if code == 0 {
            Result::Success
        } else {
            Result::Failure
        };
        return Some(Outcome {
            result: r,
            output,
            took: Time::ZERO,
            effects: vec![],
        });
    }
    None
}

/// Run the command with the interpreter, within `timeout` seconds and `budget` steps.
#[allow(clippy::too_many_arguments)]
pub(crate) fn probe(
    sim: &mut Sim,
    ci: usize,
    ptype: ProbeType,
    e: &ExecAction,
    now: Time,
    timeout: Duration,
    budget: u64,
    world: &ServiceWorld,
) -> Outcome {
    let c = &mut sim.ctrs[ci];
    let cmd = e.command.clone().unwrap_or_default();
    let mut fs = FsView {
        layer: &mut c.layer,
        volumes: &mut sim.volumes,
        mounts: &c.mounts,
    };
    let r = process::run_exec(&c.image, &cmd, now, timeout, budget, &mut fs, world);
    sim.work_used = sim.work_used.saturating_add(r.steps);
    let c = &mut sim.ctrs[ci];
    let field = match ptype {
        ProbeType::Liveness => "livenessProbe.exec.command",
        ProbeType::Readiness => "readinessProbe.exec.command",
        ProbeType::Startup => "startupProbe.exec.command",
    };
    for a in &r.assumptions {
        let entry = (field.to_string(), cmd.clone(), a.clone());
        if !c.exec_assumptions.contains(&entry) && c.exec_assumptions.len() < 16 {
            c.exec_assumptions.push(entry);
        }
    }
    let (result, output, took) = match r.exit_code {
        Some(0) => (Result::Success, r.output, r.duration),
        Some(_) => (Result::Failure, r.output, r.duration),
        // `command "<cmd>" timed out` (pkg/probe/exec).
        None => (
            Result::Failure,
            format!("command \"{}\" timed out", cmd.join(" ")),
            timeout,
        ),
    };
    Outcome {
        result,
        output,
        took,
        effects: r.effects,
    }
}
