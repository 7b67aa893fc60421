//! Probe workers: `pkg/kubelet/prober/worker.go` (`newWorker`, `run`, `doProbe`),
//! `prober_manager.go` (`AddPod`, `UpdatePodStatus`), `prober.go` (`probe`,
//! `runProbeWithRetries`), `results/results_manager.go`.
//!
//! rule: probe-worker
//!
//! Key rule (kubelet-semantics.md §3.1): a worker is created on the pod's first sync (`AddPod`),
//! before the container exists, and ticks every `periodSeconds` from then on. There is no timer
//! at `start + initialDelaySeconds`: the delay is a gate checked at each tick, so the first probe
//! lands in `[S + delay, S + delay + period)`.

#[path = "probe/mod.rs"]
pub mod probe;

use super::{Ev, Sim};
use crate::process;
use crate::settings::FeatureGate;
use crate::timeline::{ContainerKind, ProbeResult, ProbeTick, ProbeTrack, ProbeType, SkipReason};
use crate::timeline::{Duration, EventType, Time};
use k8s_openapi::api::core::v1::Probe;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use probe::{Handler, Outcome};

/// A stored probe result (`results.Result`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Result {
    Unknown,
    Success,
    Failure,
}

#[derive(Clone)]
pub struct ProbeWorker {
    pub ci: usize,
    pub ptype: ProbeType,
    pub probe: Probe,
    pub period: Duration,
    pub stopped: bool,
    /// The container ID the worker last saw, and the result stored for it.
    pub container_id: Option<u32>,
    pub stored: Result,
    pub last_result: Result,
    pub result_run: u32,
    pub on_hold: bool,
    /// A probe in flight (exec probes take time, bounded by timeoutSeconds): its result.
    pub in_flight: Option<(Result, String)>,
    pub track: ProbeTrack,
}

/// `Liveness: exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3`
/// (`kubectl describe`'s `DescribeProbe`).
pub fn describe_probe(p: &Probe) -> String {
    let handler = if let Some(e) = &p.exec {
        format!("exec [{}]", e.command.clone().unwrap_or_default().join(" "))
    } else if let Some(h) = &p.http_get {
        let port = match &h.port {
            IntOrString::Int(i) => i.to_string(),
            IntOrString::String(s) => s.clone(),
        };
        let scheme = h
            .scheme
            .clone()
            .unwrap_or_else(|| "HTTP".into())
            .to_lowercase();
        format!(
            "http-get {scheme}://{}:{port}{}",
            h.host.clone().unwrap_or_default(),
            h.path.clone().unwrap_or_else(|| "/".into())
        )
    } else if let Some(t) = &p.tcp_socket {
        let port = match &t.port {
            IntOrString::Int(i) => i.to_string(),
            IntOrString::String(s) => s.clone(),
        };
        format!("tcp-socket {}:{port}", t.host.clone().unwrap_or_default())
    } else if let Some(g) = &p.grpc {
        format!(
            "grpc <pod>:{} {}",
            g.port,
            g.service.clone().unwrap_or_default()
        )
    } else {
        "unknown".into()
    };
    format!(
        "{handler} delay={}s timeout={}s period={}s #success={} #failure={}",
        p.initial_delay_seconds.unwrap_or(0),
        p.timeout_seconds.unwrap_or(1),
        p.period_seconds.unwrap_or(10),
        p.success_threshold.unwrap_or(1),
        p.failure_threshold.unwrap_or(3)
    )
}

fn initial(t: ProbeType) -> Result {
    // `newWorker`: readiness starts Failure, liveness Success, startup Unknown.
    match t {
        ProbeType::Readiness => Result::Failure,
        ProbeType::Liveness => Result::Success,
        ProbeType::Startup => Result::Unknown,
    }
}

impl Sim {
    /// `probeManager.AddPod` on the first sync: one worker per container and probe type, for
    /// regular containers and sidecars. Ticks at `W + phase + k·period`.
    pub fn add_probe_workers(&mut self) {
        let w = self.now;
        for ci in 0..self.ctrs.len() {
            if !matches!(
                self.ctrs[ci].kind,
                ContainerKind::Regular | ContainerKind::Sidecar
            ) {
                continue;
            }
            let spec = self.ctrs[ci].spec.clone();
            for (ptype, probe) in [
                (ProbeType::Startup, spec.startup_probe),
                (ProbeType::Liveness, spec.liveness_probe),
                (ProbeType::Readiness, spec.readiness_probe),
            ] {
                let Some(probe) = probe else { continue };
                let period = Time::from_secs(probe.period_seconds.unwrap_or(10).max(1) as i64);
                let pi = self.probes.len();
                self.probes.push(ProbeWorker {
                    ci,
                    ptype,
                    period,
                    stopped: false,
                    container_id: None,
                    stored: Result::Unknown,
                    last_result: Result::Unknown,
                    result_run: 0,
                    on_hold: false,
                    in_flight: None,
                    track: ProbeTrack {
                        probe_type: ptype,
                        worker_created: w,
                        period,
                        initial_delay: Time::from_secs(
                            probe.initial_delay_seconds.unwrap_or(0) as i64
                        ),
                        failure_threshold: probe.failure_threshold.unwrap_or(3).max(1) as u32,
                        success_threshold: probe.success_threshold.unwrap_or(1).max(1) as u32,
                        describe: describe_probe(&probe),
                        ticks: vec![],
                    },
                    probe,
                });
                // The worker runs doProbe once at creation (no container yet: a no-op), then on
                // each tick of its ticker.
                let first = w + self.s.probe_phase.rem_euclid(period);
                self.tick_due.push(Time::ZERO);
                self.schedule_tick(pi, if first <= w { w + period } else { first });
            }
        }
    }

    /// The result a container's probe currently has for container ID `id` (`None` = no worker).
    pub fn probe_result(&self, ci: usize, t: ProbeType, id: u32) -> Option<Result> {
        let w = self.probes.iter().find(|w| w.ci == ci && w.ptype == t)?;
        Some(if w.container_id == Some(id) {
            w.stored
        } else {
            initial(t)
        })
    }

    /// `started` for the container's current instance: running and (startup Success or no
    /// startup worker) (`UpdatePodStatus`).
    pub fn started_flag(&self, ci: usize) -> bool {
        let Some(inst) = self.ctrs[ci].running() else {
            return false;
        };
        match self.probe_result(ci, ProbeType::Startup, inst.id) {
            None => true,
            Some(r) => r == Result::Success,
        }
    }

    /// `ready`: started and (readiness Success or no readiness worker).
    pub fn ready_flag(&self, ci: usize) -> bool {
        let Some(inst) = self.ctrs[ci].running() else {
            return false;
        };
        self.started_flag(ci)
            && self
                .probe_result(ci, ProbeType::Readiness, inst.id)
                .is_none_or(|r| r == Result::Success)
    }

    pub fn stop_probe_workers(&mut self, types: &[ProbeType]) {
        for w in &mut self.probes {
            if types.contains(&w.ptype) {
                w.stopped = true;
            }
        }
    }

    /// Readiness manual trigger (1.29+, PR #119089): when a sync regenerates status while a
    /// started container's readiness is not Success, the worker probes at once and its ticker is
    /// reset (`UpdatePodStatus` → `worker.manualTriggerCh`).
    ///
    /// rule: readiness-manual-trigger
    pub fn readiness_manual_triggers(&mut self) {
        for pi in 0..self.probes.len() {
            let w = &self.probes[pi];
            if w.ptype != ProbeType::Readiness || w.stopped {
                continue;
            }
            let ci = w.ci;
            let Some(inst) = self.ctrs[ci].running() else {
                continue;
            };
            if !self.status.view_running(ci)
                || !self.started_flag(ci)
                || self.probe_result(ci, ProbeType::Readiness, inst.id) == Some(Result::Success)
            {
                continue;
            }
            if self.s.kubelet_version.at_least(29) {
                let next = self.now + self.probes[pi].period;
                self.schedule_tick(pi, next);
            }
            self.do_probe(pi);
        }
    }

    /// (Re)arm worker `pi`'s ticker: only the tick at `t` is live; earlier scheduled ticks
    /// become stale (the readiness ticker reset).
    fn schedule_tick(&mut self, pi: usize, t: Time) {
        self.schedule(t, Ev::ProbeTick(pi));
        self.tick_due[pi] = t;
    }

    /// A ticker tick.
    pub fn probe_tick(&mut self, pi: usize) {
        if self.probes[pi].stopped {
            return;
        }
        // A reset ticker supersedes ticks scheduled before the reset.
        if self.tick_due[pi] != self.now {
            return;
        }
        let next = self.now + self.probes[pi].period;
        self.schedule_tick(pi, next);
        self.do_probe(pi);
    }

    fn skip(&mut self, pi: usize, reason: SkipReason) {
        let why = reason.message();
        let w = &mut self.probes[pi];
        // Consecutive identical skips are merged into the first (memory follows state changes).
        if let Some(last) = w.track.ticks.last() {
            if last.result == ProbeResult::Skipped && last.detail.as_deref() == Some(why) {
                return;
            }
        }
        w.track.ticks.push(ProbeTick {
            t: self.now,
            result: ProbeResult::Skipped,
            detail: Some(why.into()),
            run: w.result_run,
            tripped: false,
            count: 1,
        });
    }

    /// `worker.doProbe`, in the kubelet's decision order (kubelet-semantics.md §3.2).
    ///
    /// rule: probe-worker
    pub fn do_probe(&mut self, pi: usize) {
        let ci = self.probes[pi].ci;
        let ptype = self.probes[pi].ptype;
        // 1–3: the worker reads the status manager's cached status, not the runtime.
        let Some(view) = self.status.view(ci) else {
            return;
        };
        if self
            .status
            .published()
            .is_some_and(|s| s.phase.is_terminal())
        {
            self.probes[pi].stopped = true;
            return;
        }
        // 4: a new container ID: store the initial result for it, clear on-hold.
        if self.probes[pi].container_id != Some(view.id) {
            let w = &mut self.probes[pi];
            w.container_id = Some(view.id);
            w.stored = initial(ptype);
            w.on_hold = false;
        }
        // 5
        // rule: probe-on-hold
        if self.probes[pi].on_hold {
            self.skip(pi, SkipReason::OnHold);
            return;
        }
        // 6: container not running → Failure.
        if !view.running {
            self.probes[pi].stored = Result::Failure;
            if !self.probe_keeps_going(ci, view.exit_code) {
                self.probes[pi].stopped = true;
            }
            return;
        }
        // 8: initial delay, from the container's start, elapsed time truncated to seconds.
        // rule: probe-initial-delay
        let delay = self.probes[pi].probe.initial_delay_seconds.unwrap_or(0) as i64;
        if (self.now - view.started_at).floor_secs() < delay {
            self.skip(pi, SkipReason::InitialDelay);
            return;
        }
        // 9: started gates liveness/readiness; startup stops once started.
        // rule: probe-startup-gate
        let started = self.status.view_started(ci);
        if ptype == ProbeType::Startup && started {
            return;
        }
        if ptype != ProbeType::Startup && !started {
            self.skip(pi, SkipReason::NotStarted);
            return;
        }
        // 10: execute. The result arrives when the probe finishes (an exec probe runs until its
        // command exits or timeoutSeconds); the worker is busy meanwhile, so ticks are dropped
        // (Go tickers buffer one tick).
        if self.probes[pi].in_flight.is_some() {
            return;
        }
        let (result, output, took) = self.execute_probe(pi);
        if took > Time::MS {
            self.probes[pi].in_flight = Some((result, output));
            let at = self.now + took;
            self.schedule(at, Ev::ProbeDone(pi));
            return;
        }
        self.record_probe_result(pi, result, output);
    }

    /// "Abort if the container will not be restarted" (`worker.go` `doProbe`): with
    /// `ContainerRestartRules` (1.35, #134631, which fixed probes running on a terminated
    /// container that will not restart) the container's own rules and policy decide
    /// (`ContainerShouldRestart`), or a pending `RestartAllContainers`; before, only a pod
    /// `restartPolicy: Never` stops the worker, and never for a sidecar.
    ///
    /// rule: probe-worker
    fn probe_keeps_going(&self, ci: usize, exit_code: Option<i32>) -> bool {
        let Some(code) = exit_code else {
            return true;
        };
        let c = &self.ctrs[ci];
        let policy = crate::timeline::RestartPolicy::parse(&self.pod.restart_policy);
        if self.s.gate(FeatureGate::ContainerRestartRules) {
            let restarts =
                super::kuberuntime::should_restart(c.kind, policy, &c.restart, false, code);
            let all = self
                .s
                .gate(FeatureGate::RestartAllContainersOnContainerExits)
                && (c.restart.restarts_all(code) || self.all_containers_restarting());
            return restarts || all;
        }
        policy != crate::timeline::RestartPolicy::Never || c.kind == ContainerKind::Sidecar
    }

    /// A probe in flight finishes.
    pub fn probe_done(&mut self, pi: usize) {
        if let Some((result, output)) = self.probes[pi].in_flight.take() {
            if self.probes[pi].stopped {
                return;
            }
            self.record_probe_result(pi, result, output);
        }
    }

    /// Steps 11–14 of `doProbe`: counters, thresholds, the stored result, on-hold.
    ///
    /// rule: probe-failure-threshold, probe-on-hold
    fn record_probe_result(&mut self, pi: usize, result: Result, output: String) {
        let ci = self.probes[pi].ci;
        let ptype = self.probes[pi].ptype;
        let w = &mut self.probes[pi];
        // 11: consecutive-run counter.
        if result == w.last_result {
            w.result_run += 1;
        } else {
            w.last_result = result;
            w.result_run = 1;
        }
        let ft = w.probe.failure_threshold.unwrap_or(3).max(1) as u32;
        let st = w.probe.success_threshold.unwrap_or(1).max(1) as u32;
        let mut tripped = false;
        let before = w.stored;
        // 12–13
        if !((result == Result::Failure && w.result_run < ft)
            || (result == Result::Success && w.result_run < st))
        {
            w.stored = result;
            tripped = before != result;
            // 14: liveness Failure, or any startup result, puts the worker on hold.
            if (ptype == ProbeType::Liveness && result == Result::Failure)
                || (ptype == ProbeType::Startup && self.s.kubelet_version.at_least(29))
                || (ptype == ProbeType::Startup && result == Result::Failure)
            {
                w.on_hold = true;
                w.result_run = 0;
            }
        }
        let run = w.result_run;
        let tick_result = if result == Result::Success {
            ProbeResult::Success
        } else {
            ProbeResult::Failure
        };
        let detail = if result == Result::Failure {
            Some(output.clone())
        } else {
            None
        };
        let period = w.period;
        let now = self.now;
        // Merge a success with the previous entry when it repeats it on the same grid (failures
        // stay one entry each: each is also an event).
        let merged = match w.track.ticks.last_mut() {
            Some(last)
                if tick_result == ProbeResult::Success
                    && !tripped
                    && !last.tripped
                    && last.result == tick_result
                    && last.t + period * last.count as i64 == now =>
            {
                last.count += 1;
                true
            }
            _ => false,
        };
        if !merged {
            w.track.ticks.push(ProbeTick {
                t: now,
                result: tick_result,
                detail,
                run,
                tripped,
                count: 1,
            });
        }
        if result == Result::Failure {
            // prober.go `probe`: Warning Unhealthy "<Type> probe failed: <output>".
            // rule: probe-output
            self.container_event(
                ci,
                EventType::Warning,
                "Unhealthy",
                format!("{} probe failed: {}", ptype.title(), output.trim_end()),
            );
        }
        if before != self.probes[pi].stored {
            self.probe_result_changed(ci, ptype);
        }
    }

    /// A stored result changed (`syncLoopIteration` probe channels): liveness Failure → sync;
    /// readiness → write ready into the status manager, then sync; startup → write started, then
    /// sync.
    fn probe_result_changed(&mut self, ci: usize, ptype: ProbeType) {
        match ptype {
            ProbeType::Liveness => {
                let id = self.ctrs[ci].running().map(|i| i.id);
                if id.is_some_and(|id| self.probe_result(ci, ptype, id) == Some(Result::Failure)) {
                    let now = self.now;
                    self.request_sync(now);
                }
            }
            ProbeType::Readiness | ProbeType::Startup => {
                let started = self.started_flag(ci);
                let ready = self.ready_flag(ci);
                self.set_container_flags(ci, started, ready);
                let now = self.now;
                self.request_sync(now);
            }
        }
    }

    /// Run the probe handler against the container now: scenario overrides first (a live
    /// "make probe fail" action, then the run's probe windows), else exec via ExecSync with the
    /// timeout, HTTP/TCP/gRPC against the container's process: the handlers of `probe/`
    /// (`pkg/probe/{exec,http,tcp,grpc}`).
    fn execute_probe(&mut self, pi: usize) -> (Result, String, Duration) {
        let o = self.execute_probe_inner(pi);
        let ci = self.probes[pi].ci;
        self.apply_effects(ci, &o.effects);
        (o.result, o.output, o.took)
    }

    fn execute_probe_inner(&mut self, pi: usize) -> Outcome {
        let ci = self.probes[pi].ci;
        let ptype = self.probes[pi].ptype;
        let now = self.now;
        if let Some(&(_, _, _, ok)) = self
            .forced_probes
            .iter()
            .rev()
            .find(|(c, t, from, _)| *c == ci && *t == ptype && *from <= now)
        {
            return if ok {
                Outcome::success()
            } else {
                Outcome::failure("probe made to fail (scenario action)")
            };
        }
        if let Some(inst) = self.ctrs[ci].running() {
            let key = match ptype {
                ProbeType::Liveness => "liveness",
                ProbeType::Readiness => "readiness",
                ProbeType::Startup => "startup",
            };
            let rel = now - inst.started;
            if let Some(w) = inst.behaviour.probes.get(key).and_then(|ws| {
                ws.iter()
                    .rev()
                    .find(|w| w.from <= rel && w.to.is_none_or(|to| rel < to))
            }) {
                return if w.result == "success" {
                    Outcome::success()
                } else {
                    Outcome::failure(
                        w.output
                            .clone()
                            .unwrap_or_else(|| "probe failed (scenario)".into()),
                    )
                };
            }
        }
        // The common exec probes need no interpreter (and no clone of the probe).
        if let Some(cmd) = self.probes[pi]
            .probe
            .exec
            .as_ref()
            .and_then(|e| e.command.as_deref())
        {
            if let Some(o) = probe::exec::fast(&mut self.ctrs[ci], &mut self.volumes, cmd) {
                return o;
            }
        }
        let spec = self.probes[pi].probe.clone();
        let timeout = Time::from_secs(spec.timeout_seconds.unwrap_or(1).max(1) as i64);
        let budget = self.work_grant(process::EXEC_BUDGET, 2_000);
        let ip = self.pod.pod_ip.clone();
        let world = self.world();
        // One arm per handler kind, one file each in `probe/`.
        match Handler::of(&spec) {
            Some(Handler::Exec(e)) => {
                probe::exec::probe(self, ci, ptype, e, now, timeout, budget, &world)
            }
            Some(Handler::HttpGet(h)) => probe::http::probe(self, ci, h, ip, now),
            Some(Handler::TcpSocket(t)) => probe::tcp::probe(&self.ctrs[ci], t, ip, now),
            Some(Handler::Grpc(g)) => probe::grpc::probe(&self.ctrs[ci], g, &ip, timeout, now),
            None => Outcome::failure("missing probe handler"),
        }
    }
}
