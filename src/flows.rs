//! Causal arrows ("flows", as in Perfetto) between instants of the trace: what made what happen.
//!
//! Pure data derived once per simulation from the [`Timeline`] and the tracks built from it
//! ([`crate::model::Trace::build`]); the timeline view draws them as curved arrows above the
//! lanes. Each anchor names a track (index into `Trace::tracks`), a lane by name and an instant;
//! a flow whose lane does not exist in its track is not built. Flows are sorted by start time so
//! the view can binary-search the visible window ([`FlowIndex`], [`visible`]).

use crate::i18n::{tr, trf, Lang};
use crate::model::{Time, Track};
use podlife_engine::{ContainerKind, ContainerTrack, ProbeResult, ProbeType, Run, Timeline};

/// Why one instant led to another. `name()` is the `data-flow` attribute and the CSS class
/// suffix (`flow-<name>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FlowKind {
    /// Consecutive probe failures: the first of the run → the one that reached the threshold.
    Probe,
    /// A probe result that tripped the threshold → the kubelet's Killing.
    Kill,
    /// A killed or exited instance → the next instance created (restart).
    Restart,
    /// A finished init container / started sidecar → the next container created.
    Startup,
    /// Pod deletion → the containers' preStop → SIGTERM → SIGKILL.
    Delete,
    /// A non-deletion kill's own steps: preStop → SIGTERM → SIGKILL.
    Stop,
    /// Pod deletion → the controller's replacement pod.
    Replace,
}

impl FlowKind {
    pub const ALL: [FlowKind; 7] = [
        FlowKind::Probe,
        FlowKind::Kill,
        FlowKind::Restart,
        FlowKind::Startup,
        FlowKind::Delete,
        FlowKind::Stop,
        FlowKind::Replace,
    ];

    pub fn name(self) -> &'static str {
        match self {
            FlowKind::Probe => "probe",
            FlowKind::Kill => "kill",
            FlowKind::Restart => "restart",
            FlowKind::Startup => "startup",
            FlowKind::Delete => "delete",
            FlowKind::Stop => "stop",
            FlowKind::Replace => "replace",
        }
    }
}

/// One end of a flow: an instant in a lane of a track.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    /// Index into `Trace::tracks`.
    pub track: usize,
    /// Lane name within the track (`signals`, `hooks`, `state`, `events`, `liveness`, ...).
    pub lane: &'static str,
    pub t: Time,
}

/// A causal arrow `from` → `to` (`from.t <= to.t`).
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub kind: FlowKind,
    pub from: Anchor,
    pub to: Anchor,
    /// Tooltip / accessible name, in the trace's language.
    pub label: String,
}

impl Flow {
    pub fn start(&self) -> Time {
        self.from.t.min(self.to.t)
    }
    pub fn end(&self) -> Time {
        self.from.t.max(self.to.t)
    }
}

/// The probe lane name of a probe type (as `model::container_track` names it).
pub fn probe_lane(p: ProbeType) -> &'static str {
    match p {
        ProbeType::Startup => "startup",
        ProbeType::Liveness => "liveness",
        ProbeType::Readiness => "readiness",
    }
}

/// A probe's name in `lang`: `Liveness` (in "Liveness probe: …"), `存活探针`.
pub fn probe_title(lang: Lang, p: ProbeType) -> &'static str {
    match lang {
        Lang::En => p.title(),
        Lang::ZhCn => match p {
            ProbeType::Startup => tr(lang, "startup probe"),
            ProbeType::Liveness => tr(lang, "liveness probe"),
            ProbeType::Readiness => tr(lang, "readiness probe"),
        },
    }
}

/// A translated template with each `{}`, in order, replaced by `args`.
fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    let mut parts = template.split("{}");
    out.push_str(parts.next().unwrap_or(""));
    for p in parts {
        out.push_str(args.next().copied().unwrap_or(""));
        out.push_str(p);
    }
    out
}

/// The engine's exact instants: flows are found by comparing them; only anchors are seconds.
type Instant = podlife_engine::Time;

/// Collects flows, dropping those whose lanes are missing and those that point nowhere.
struct Builder<'a> {
    tracks: &'a [Track],
    out: Vec<Flow>,
    lang: Lang,
}

impl Builder<'_> {
    fn anchor(&self, track: usize, lane: &'static str, t: Instant) -> Option<Anchor> {
        let tr = self.tracks.get(track)?;
        tr.lanes.iter().any(|l| l.name == lane).then_some(Anchor {
            track,
            lane,
            t: t.as_secs_f64(),
        })
    }

    fn push(&mut self, kind: FlowKind, from: Option<Anchor>, to: Option<Anchor>, label: String) {
        let (Some(from), Some(to)) = (from, to) else {
            return;
        };
        // Same lane, same instant: nothing to draw.
        if from.track == to.track && from.lane == to.lane && from.t == to.t {
            return;
        }
        self.out.push(Flow {
            kind,
            from,
            to,
            label,
        });
    }
}

/// All flows of a timeline (and its replacement pod), sorted by start time.
/// `tracks` are the tracks `Trace::build` made from it: the pod, its containers, then (group 1)
/// the replacement pod and its containers.
pub fn build(tl: &Timeline, tracks: &[Track]) -> Vec<Flow> {
    build_in(tl, tracks, Lang::En)
}

/// [`build`] with the arrows' labels in `lang`.
pub fn build_in(tl: &Timeline, tracks: &[Track], lang: Lang) -> Vec<Flow> {
    let mut b = Builder {
        tracks,
        out: Vec::new(),
        lang,
    };
    pod_flows(&mut b, tl, 0);
    if let Some(r) = &tl.replacement {
        let base = 1 + tl.containers.len();
        pod_flows(&mut b, r, base);
        replacement_flow(&mut b, tl, r, base);
    }
    let mut out = b.out;
    out.sort_by(|a, b| {
        a.start()
            .total_cmp(&b.start())
            .then(a.end().total_cmp(&b.end()))
    });
    out
}

fn pod_flows(b: &mut Builder, tl: &Timeline, pod: usize) {
    for (j, c) in tl.containers.iter().enumerate() {
        let ti = pod + 1 + j;
        probe_flows(b, c, ti);
        restart_flows(b, tl, c, ti);
        kill_flows(b, tl, c, ti, pod);
    }
    startup_flows(b, tl, pod);
}

/// The run whose lifetime contains `t` (binary search: runs are in start order).
fn run_at(c: &ContainerTrack, t: Instant) -> Option<(usize, &Run)> {
    let i = c.runs.partition_point(|r| r.started <= t).checked_sub(1)?;
    let r = &c.runs[i];
    r.exited.is_none_or(|e| t <= e).then_some((i, r))
}

/// Liveness and startup failures that reached `failureThreshold`: the first failure of the
/// consecutive run → the tripping one, and the tripping one → the Killing it caused.
///
/// Kubelet source: `pkg/kubelet/prober/worker.go` `doProbe` (the `resultRun` counter against
/// `FailureThreshold`, then `resultsManager.Set(Failure)`), consumed by
/// `pkg/kubelet/kuberuntime/kuberuntime_manager.go` `computePodActions` ("Container ... failed
/// liveness probe, will be restarted") and `kuberuntime_container.go` `killContainer`.
fn probe_flows(b: &mut Builder, c: &ContainerTrack, ti: usize) {
    for p in &c.probes {
        if !matches!(p.probe_type, ProbeType::Liveness | ProbeType::Startup) {
            continue;
        }
        let lane = probe_lane(p.probe_type);
        let lang = b.lang;
        let title = probe_title(lang, p.probe_type);
        let threshold = p.failure_threshold.to_string();
        let tripped = p
            .ticks
            .iter()
            .enumerate()
            .filter(|(_, tk)| tk.tripped && tk.result == ProbeResult::Failure);
        for (i, tk) in tripped {
            // The first failure of the consecutive run (the worker resets `resultRun` on a trip,
            // so walk back over the failure entries rather than trusting the tick's counter).
            let first = p.ticks[..i]
                .iter()
                .rev()
                .take_while(|o| o.result == ProbeResult::Failure && !o.tripped)
                .last()
                .map(|o| o.t);
            if let Some(first) = first {
                b.push(
                    FlowKind::Probe,
                    b.anchor(ti, lane, first),
                    b.anchor(ti, lane, tk.t),
                    trf(
                        lang,
                        "{} probe: {} consecutive failures reach failureThreshold",
                        &[title, &threshold],
                    ),
                );
            }
            let kill = run_at(c, tk.t)
                .and_then(|(_, r)| r.kill_started)
                .filter(|&k| k >= tk.t);
            if let Some(k) = kill {
                b.push(
                    FlowKind::Kill,
                    b.anchor(ti, lane, tk.t),
                    b.anchor(ti, "signals", k),
                    trf(
                        lang,
                        "{} probe failed {} times: the kubelet kills {}",
                        &[title, &threshold, &c.name],
                    ),
                );
            }
        }
    }
}

/// A killed or exited instance → the next one (the restart, after any back-off).
///
/// Kubelet source: `pkg/kubelet/kuberuntime/kuberuntime_manager.go` `computePodActions`
/// (`ShouldContainerBeRestarted`, `pkg/kubelet/container/helpers.go`) and `doBackOff`.
fn restart_flows(b: &mut Builder, tl: &Timeline, c: &ContainerTrack, ti: usize) {
    let lang = b.lang;
    for w in c.runs.windows(2) {
        let (r, next) = (&w[0], &w[1]);
        let deleted = tl.pod.deleted_at.is_some_and(|d| r.kill_started >= Some(d));
        let from = match (r.kill_started, r.exited) {
            (Some(k), _) if !deleted => {
                Some((k, tr(lang, "{} killed → restarted (restartCount {})")))
            }
            (_, Some(e)) => Some((e, tr(lang, "{} exited → restarted (restartCount {})"))),
            _ => None,
        };
        if let Some((t, how)) = from {
            b.push(
                FlowKind::Restart,
                b.anchor(ti, "signals", t),
                b.anchor(ti, "signals", next.created),
                fill(how, &[&c.name, &next.restart_count.to_string()]),
            );
        }
    }
}

/// A kill's steps: its cause (pod deletion, a sidecar's turn) → preStop → SIGTERM → SIGKILL.
///
/// Kubelet source: `pkg/kubelet/kuberuntime/kuberuntime_container.go` `killContainer` (runs
/// `executePreStopHook`, then `StopContainer` with the remaining grace period: SIGTERM, SIGKILL at
/// its end); pod deletion reaches it through `pkg/kubelet/kubelet.go` `SyncTerminatingPod` →
/// `killPodWithSyncResult`; sidecars wait for the app containers
/// (`kuberuntime_termination_order.go`).
fn kill_flows(b: &mut Builder, tl: &Timeline, c: &ContainerTrack, ti: usize, pod: usize) {
    let lang = b.lang;
    for r in &c.runs {
        let Some(k) = r.kill_started else { continue };
        let deleted = tl.pod.deleted_at.filter(|&d| k >= d);
        let kind = if deleted.is_some() {
            FlowKind::Delete
        } else {
            FlowKind::Stop
        };
        // The steps of killContainer that happened, in order.
        let mut steps: Vec<(Anchor, &str)> = Vec::new();
        if let Some(h) = &r.pre_stop {
            steps.extend(b.anchor(ti, "hooks", h.start).map(|a| (a, "preStop")));
        }
        // A sidecar's turn: it waits for the app containers (and later sidecars) to exit.
        let ready = r.pre_stop.as_ref().and_then(|h| h.end).unwrap_or(k);
        let waited = r
            .sigterm
            .filter(|&s| c.kind == ContainerKind::Sidecar && s > ready + Instant::from_ms(500));
        if waited.is_some() && steps.is_empty() {
            steps.extend(b.anchor(ti, "signals", k).map(|a| (a, "Killing")));
        }
        if let Some(s) = r.sigterm {
            let name = podlife_engine::timeline::StopSignal::name(r.stop_signal.as_ref());
            steps.extend(b.anchor(ti, "signals", s).map(|a| (a, name)));
        }
        if let Some(s) = r.sigkill {
            steps.extend(b.anchor(ti, "signals", s).map(|a| (a, "SIGKILL")));
        }
        if let (Some(d), Some((first, what))) = (deleted, steps.first()) {
            b.push(
                FlowKind::Delete,
                b.anchor(pod, "events", d),
                Some(first.clone()),
                trf(lang, "pod deleted → {} of {}", &[what, &c.name]),
            );
        }
        if let Some(s) = waited {
            let blocker = tl
                .containers
                .iter()
                .enumerate()
                .filter(|(_, o)| {
                    o.kind == ContainerKind::Regular
                        || (o.kind == ContainerKind::Sidecar && o.name != c.name)
                })
                .flat_map(|(j, o)| {
                    o.runs
                        .iter()
                        .filter_map(move |or| or.exited.map(|e| (j, o, e)))
                })
                .filter(|&(_, _, e)| e >= k && e <= s)
                .max_by_key(|a| a.2);
            if let Some((j, o, e)) = blocker {
                b.push(
                    kind,
                    b.anchor(pod + 1 + j, "signals", e),
                    b.anchor(ti, "signals", s),
                    trf(
                        lang,
                        "{} exited → sidecar {} gets SIGTERM",
                        &[&o.name, &c.name],
                    ),
                );
            }
        }
        for w in steps.windows(2) {
            let ((a, wa), (z, wz)) = (&w[0], &w[1]);
            b.push(
                kind,
                Some(a.clone()),
                Some(z.clone()),
                format!("{}: {wa} → {wz}", c.name),
            );
        }
    }
}

/// Start order: a completed init container, or a started sidecar (startup probe succeeded,
/// postStart done), lets the kubelet create the next init container or, after the last one, the
/// app containers.
///
/// Kubelet source: `pkg/kubelet/kuberuntime/kuberuntime_container.go`
/// `computeInitContainerActions` (the next init container starts only once the previous one
/// succeeded, or, for a restartable init container, once it is started), called from
/// `kuberuntime_manager.go` `computePodActions`; `pkg/kubelet/prober/worker.go` `doProbe` marks
/// the container started on the startup probe's success.
fn startup_flows(b: &mut Builder, tl: &Timeline, pod: usize) {
    let lang = b.lang;
    let cs = &tl.containers;
    for (i, c) in cs.iter().enumerate() {
        if !matches!(c.kind, ContainerKind::Init | ContainerKind::Sidecar) {
            continue;
        }
        let ti = pod + 1 + i;
        let done: Option<(Anchor, String)> = match c.kind {
            ContainerKind::Init => c
                .runs
                .iter()
                .find(|r| r.exit_code == Some(0) && r.exited.is_some())
                .and_then(|r| b.anchor(ti, "signals", r.exited?))
                .map(|a| (a, trf(lang, "init container {} completed", &[&c.name]))),
            _ => {
                let Some(r) = c.runs.first() else { continue };
                let startup = c
                    .probes
                    .iter()
                    .find(|p| p.probe_type == ProbeType::Startup)
                    .and_then(|p| {
                        p.ticks.iter().find(|tk| {
                            tk.tripped && tk.result == ProbeResult::Success && tk.t >= r.started
                        })
                    });
                if let Some(tk) = startup {
                    b.anchor(ti, "startup", tk.t).map(|a| {
                        (
                            a,
                            trf(
                                lang,
                                "sidecar {} started (startup probe succeeded)",
                                &[&c.name],
                            ),
                        )
                    })
                } else if let Some(h) = r.post_start.as_ref().filter(|h| h.end.is_some()) {
                    b.anchor(ti, "hooks", h.end.unwrap_or(h.start)).map(|a| {
                        (
                            a,
                            trf(lang, "sidecar {} started (postStart done)", &[&c.name]),
                        )
                    })
                } else {
                    b.anchor(ti, "state", r.started)
                        .map(|a| (a, trf(lang, "sidecar {} started", &[&c.name])))
                }
            }
        };
        let Some((from, what)) = done else { continue };
        // The next init container, or all app containers after the last init container.
        let next: Vec<usize> = match cs.get(i + 1) {
            Some(n) if matches!(n.kind, ContainerKind::Init | ContainerKind::Sidecar) => {
                vec![i + 1]
            }
            _ => (i + 1..cs.len())
                .filter(|&j| cs[j].kind == ContainerKind::Regular)
                .collect(),
        };
        for j in next {
            let first = cs[j].runs.first().map(|r| r.created);
            if let Some(t) = first.filter(|&t| t >= crate::sim::at(from.t)) {
                b.push(
                    FlowKind::Startup,
                    Some(from.clone()),
                    b.anchor(pod + 1 + j, "state", t),
                    trf(lang, "{} → {} created", &[&what, &cs[j].name]),
                );
            }
        }
    }
}

/// The deleted pod → the pod its controller created to replace it.
///
/// Controller source: `pkg/controller/replicaset/replica_set.go` `manageReplicas` (and the Job /
/// StatefulSet controllers): fewer pods than replicas → create one.
fn replacement_flow(b: &mut Builder, tl: &Timeline, r: &Timeline, base: usize) {
    let lang = b.lang;
    if let Some(d) = tl.pod.deleted_at {
        b.push(
            FlowKind::Replace,
            b.anchor(0, "events", d),
            b.anchor(base, "STATUS", r.pod.created_at.max(d)),
            trf(lang, "pod deleted → controller creates {}", &[&r.pod.name]),
        );
    }
}

/// Running maximum of the flows' end times, so the visible window is found by binary search
/// even though flows have different lengths. Build once per trace.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowIndex {
    max_end: Vec<Time>,
}

impl FlowIndex {
    pub fn new(flows: &[Flow]) -> Self {
        let mut m = f64::NEG_INFINITY;
        FlowIndex {
            max_end: flows
                .iter()
                .map(|f| {
                    m = m.max(f.end());
                    m
                })
                .collect(),
        }
    }

    /// Indices of the (start-sorted) flows that may intersect `[start, end]`: every flow before
    /// the range ends before `start`, every flow after it starts after `end`.
    pub fn range(&self, flows: &[Flow], start: Time, end: Time) -> std::ops::Range<usize> {
        let lo = self.max_end.partition_point(|&e| e < start);
        let hi = flows.partition_point(|f| f.start() <= end);
        lo..hi.max(lo)
    }
}

/// Arrows shorter than this (in pixels) are not drawn.
pub const MIN_ARROW_PX: f64 = 3.0;
/// Near-vertical arrows (horizontal extent under [`MIN_ARROW_PX`]) of the same kind between the
/// same lanes merge when they start within this many pixels.
pub const MERGE_PX: f64 = 6.0;
/// At most this many arrows per frame.
pub const MAX_ARROWS: usize = 400;

/// One arrow as drawn: flow `index` (the representative), `count` flows merged into it.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub index: usize,
    pub count: usize,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// The arrows to draw for the window `[view_start, view_end]`: `pos` maps an anchor to pixels
/// (`None` = not drawable). Cost follows the visible flows, capped at `cap` arrows.
pub fn visible(
    flows: &[Flow],
    index: &FlowIndex,
    view_start: Time,
    view_end: Time,
    pos: impl Fn(&Anchor) -> Option<(f64, f64)>,
    cap: usize,
) -> Vec<Arrow> {
    let mut out: Vec<Arrow> = Vec::new();
    // Last merge column per (kind, from lane, to lane) → index into `out`.
    let mut columns: std::collections::HashMap<_, (i64, usize)> = Default::default();
    for i in index.range(flows, view_start, view_end) {
        let f = &flows[i];
        if f.end() < view_start || f.start() > view_end {
            continue;
        }
        let (Some((x0, y0)), Some((x1, y1))) = (pos(&f.from), pos(&f.to)) else {
            continue;
        };
        if (x1 - x0).hypot(y1 - y0) < MIN_ARROW_PX {
            continue;
        }
        if (x1 - x0).abs() < MIN_ARROW_PX {
            let key = (f.kind, f.from.track, f.from.lane, f.to.track, f.to.lane);
            let col = (x0 / MERGE_PX).floor() as i64;
            match columns.get(&key) {
                Some(&(c, k)) if c == col => {
                    out[k].count += 1;
                    continue;
                }
                _ => {
                    columns.insert(key, (col, out.len()));
                }
            }
        }
        if out.len() >= cap {
            break;
        }
        out.push(Arrow {
            index: i,
            count: 1,
            x0,
            y0,
            x1,
            y1,
        });
    }
    out
}

/// SVG path of a curved arrow: a cubic Bézier leaving and entering horizontally; an arrow within
/// one lane (same height) arcs above it (`below`: under it, so a restart arc does not hide the
/// kill steps that start at the same instant); a near-vertical one bows slightly right.
pub fn arrow_path(x0: f64, y0: f64, x1: f64, y1: f64, below: bool) -> String {
    let (dx, dy) = (x1 - x0, y1 - y0);
    if dy.abs() < 0.5 {
        let lift = (dx.abs() / 3.0 + 4.0).min(14.0) * if below { -1.0 } else { 1.0 };
        format!(
            "M{x0:.1} {y0:.1} C{:.1} {:.1} {:.1} {:.1} {x1:.1} {y1:.1}",
            x0 + dx / 3.0,
            y0 - lift,
            x1 - dx / 3.0,
            y1 - lift
        )
    } else if dx.abs() < 24.0 {
        let bow = 10.0;
        format!(
            "M{x0:.1} {y0:.1} C{:.1} {:.1} {:.1} {:.1} {x1:.1} {y1:.1}",
            x0 + dx / 3.0 + bow,
            y0 + dy / 3.0,
            x1 - dx / 3.0 + bow,
            y1 - dy / 3.0
        )
    } else {
        let k = dx.abs() / 2.0;
        format!(
            "M{x0:.1} {y0:.1} C{:.1} {y0:.1} {:.1} {y1:.1} {x1:.1} {y1:.1}",
            x0 + k,
            x1 - k
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Trace;
    use podlife_engine::Settings;

    fn gallery(id: &str, scenario: Option<&str>) -> Trace {
        let ex = podlife_engine::gallery::get(id).unwrap();
        let sim = podlife_engine::simulate(ex.yaml, scenario, &Settings::default()).unwrap();
        Trace::build(sim.timeline, vec![])
    }

    fn of(tr: &Trace, kind: FlowKind) -> Vec<&Flow> {
        tr.flows.iter().filter(|f| f.kind == kind).collect()
    }

    /// An anchor is the exact image of an engine instant (whole milliseconds in seconds).
    fn close(a: f64, b: impl Into<f64>) -> bool {
        a == b.into()
    }

    #[test]
    fn liveness_trip_kill_restart_chain() {
        let tr = Trace::build(crate::fixture::liveness_exec(), vec![]);
        let c = &tr.timeline.containers[0];
        let kills = of(&tr, FlowKind::Kill);
        assert!(!kills.is_empty());
        for f in &kills {
            assert_eq!((f.from.track, f.from.lane), (1, "liveness"));
            assert_eq!((f.to.track, f.to.lane), (1, "signals"));
            // The Killing of the run the failure happened in.
            let (_, run) = run_at(c, crate::sim::at(f.from.t)).unwrap();
            assert_eq!(Some(crate::sim::at(f.to.t)), run.kill_started);
        }
        // Killing → the next run's creation, for each kill followed by a restart.
        let restarts = of(&tr, FlowKind::Restart);
        for f in &kills {
            let r = restarts
                .iter()
                .find(|r| close(r.from.t, f.to.t))
                .expect("killing → restart");
            assert!(c
                .runs
                .iter()
                .any(|run| close(r.to.t, run.created) && run.restart_count > 0));
            assert_eq!(r.to.lane, "signals");
        }
        // The consecutive failures → the tripping one.
        let probe = of(&tr, FlowKind::Probe);
        assert_eq!(probe.len(), kills.len());
        assert!(probe
            .iter()
            .zip(&kills)
            .all(|(p, k)| close(p.to.t, k.from.t) && p.from.t < p.to.t));
        // Sorted by start.
        assert!(tr.flows.windows(2).all(|w| w[0].start() <= w[1].start()));
    }

    #[test]
    fn engine_liveness_example_chains_first_restart() {
        let tr = gallery("exec-liveness", None);
        let kill = of(&tr, FlowKind::Kill)[0].clone();
        assert!(close(kill.from.t, 45.0));
        assert!(kill.label.contains("failed 3 times"), "{}", kill.label);
        // Failures at 35, 40, 45 s (failureThreshold 3): the first → the tripping one.
        let probe = of(&tr, FlowKind::Probe)[0].clone();
        assert!(close(probe.from.t, 35.0) && close(probe.to.t, 45.0));
        assert_eq!(probe.from.lane, "liveness");
        assert!(close(
            kill.to.t,
            tr.timeline.containers[0].runs[0].kill_started.unwrap()
        ));
        let restart = of(&tr, FlowKind::Restart)[0].clone();
        assert!(close(restart.from.t, kill.to.t));
        assert!(close(
            restart.to.t,
            tr.timeline.containers[0].runs[1].created
        ));
    }

    #[test]
    fn init_and_sidecar_start_order() {
        // secret-fetch (init) → network-proxy (sidecar) → app.
        let tr = gallery("seed-sidecar-snippet", None);
        let names: Vec<_> = tr.tracks.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names[1..], ["secret-fetch", "network-proxy", "app"]);
        let s = of(&tr, FlowKind::Startup);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!((s[0].from.track, s[0].from.lane), (1, "signals"));
        assert!(close(s[0].from.t, 4.9));
        assert_eq!((s[0].to.track, s[0].to.lane), (2, "state"));
        assert!(close(s[0].to.t, 6.35));
        assert_eq!((s[1].from.track, s[1].from.lane), (2, "state"));
        assert!(close(s[1].from.t, 6.4));
        assert_eq!((s[1].to.track, s[1].to.lane), (3, "state"));
        assert!(close(s[1].to.t, 7.35));
    }

    #[test]
    fn deletion_prestop_sigterm_sigkill() {
        let tr = gallery("docs-prestop-beyond-grace", None);
        let d = of(&tr, FlowKind::Delete);
        let steps: Vec<_> = d
            .iter()
            .map(|f| (f.from.track, f.from.lane, f.from.t, f.to.lane, f.to.t))
            .collect();
        assert_eq!(
            steps,
            [
                (0, "events", 20.0, "hooks", 20.5),
                (1, "hooks", 20.5, "signals", 50.5),
                (1, "signals", 50.5, "signals", 52.5),
            ]
        );
        assert!(of(&tr, FlowKind::Restart).is_empty());
    }

    #[test]
    fn deletion_of_a_deployment_pod_with_a_sidecar_and_its_replacement() {
        let scn = "kind: Scenario\nactions:\n  - {at: 20, delete: {}}\n";
        let tr = gallery("docs-sidecar-deployment", Some(scn));
        // Tracks: pod, logshipper, myapp, replacement pod, logshipper, myapp.
        assert_eq!(tr.tracks.len(), 6);
        assert_eq!(tr.tracks[3].group, 1);
        let d = of(&tr, FlowKind::Delete);
        // Deletion reaches both containers.
        assert!(d.iter().any(|f| f.from.track == 0 && f.to.track == 1));
        assert!(d.iter().any(|f| f.from.track == 0 && f.to.track == 2));
        // The sidecar's SIGTERM waits for the app container's exit.
        let myapp_exit = tr.timeline.containers[1].runs[0].exited.unwrap();
        assert!(d.iter().any(|f| f.from.track == 2
            && close(f.from.t, myapp_exit)
            && f.to.track == 1
            && f.to.lane == "signals"));
        // The replacement pod, and its own start order (sidecar started → myapp created).
        let r = of(&tr, FlowKind::Replace);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].to.track, r[0].to.lane), (3, "STATUS"));
        let s = of(&tr, FlowKind::Startup);
        assert!(s.iter().any(|f| f.from.track == 4 && f.to.track == 5));
        assert!(s.iter().any(|f| f.from.track == 1 && f.to.track == 2));
        // Every anchor names an existing lane of its track.
        for f in &tr.flows {
            for a in [&f.from, &f.to] {
                assert!(tr.tracks[a.track].lanes.iter().any(|l| l.name == a.lane));
            }
        }
    }

    #[test]
    fn missing_lanes_skip_the_flow() {
        let tl = crate::fixture::liveness_exec();
        let mut tr = Trace::build(tl.clone(), vec![]);
        tr.tracks[1].lanes.retain(|l| l.name != "signals");
        let flows = build(&tl, &tr.tracks);
        assert!(flows
            .iter()
            .all(|f| f.from.lane != "signals" && f.to.lane != "signals"));
        assert!(flows.iter().any(|f| f.kind == FlowKind::Probe));
    }

    fn flow(kind: FlowKind, a: f64, b: f64, lane: &'static str) -> Flow {
        Flow {
            kind,
            from: Anchor {
                track: 1,
                lane,
                t: a,
            },
            to: Anchor {
                track: 1,
                lane: "signals",
                t: b,
            },
            label: String::new(),
        }
    }

    #[test]
    fn index_finds_long_flows_that_started_before_the_window() {
        let flows = vec![
            flow(FlowKind::Delete, 0.0, 100.0, "events"),
            flow(FlowKind::Restart, 10.0, 11.0, "signals"),
            flow(FlowKind::Restart, 20.0, 21.0, "signals"),
            flow(FlowKind::Restart, 60.0, 61.0, "signals"),
        ];
        let ix = FlowIndex::new(&flows);
        let r = ix.range(&flows, 50.0, 55.0);
        assert_eq!(r, 0..3);
        let pos = |a: &Anchor| Some((a.t * 10.0, if a.lane == "signals" { 0.0 } else { 50.0 }));
        let v = visible(&flows, &ix, 50.0, 55.0, pos, 100);
        assert_eq!(v.iter().map(|a| a.index).collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn far_zoom_merges_and_drops_and_caps() {
        // 10 000 restarts one second apart (kill in the liveness lane → signals).
        let flows: Vec<Flow> = (0..10_000)
            .map(|i| flow(FlowKind::Kill, i as f64, i as f64 + 0.5, "liveness"))
            .collect();
        let ix = FlowIndex::new(&flows);
        // 1000 px for 10 000 s: 0.05 px long horizontally, 20 px vertically: merged per 6 px.
        let px = |a: &Anchor| Some((a.t / 10.0, if a.lane == "signals" { 40.0 } else { 20.0 }));
        let v = visible(&flows, &ix, 0.0, 10_000.0, px, 10_000);
        assert!(v.len() <= 1000 / 6 + 2, "{}", v.len());
        assert_eq!(v.iter().map(|a| a.count).sum::<usize>(), 10_000);
        // Same lane, sub-pixel: dropped.
        let same: Vec<Flow> = (0..100)
            .map(|i| flow(FlowKind::Restart, i as f64, i as f64 + 0.5, "signals"))
            .collect();
        let ix2 = FlowIndex::new(&same);
        assert!(visible(&same, &ix2, 0.0, 100.0, |a| Some((a.t, 0.0)), 100).is_empty());
        // Zoomed in: each arrow drawn, capped.
        let zoom = |a: &Anchor| Some((a.t * 100.0, 0.0));
        assert_eq!(visible(&same, &ix2, 0.0, 100.0, zoom, 100).len(), 100);
        assert_eq!(visible(&same, &ix2, 0.0, 100.0, zoom, 30).len(), 30);
    }

    #[test]
    fn a_day_of_crash_loops_stays_cheap_to_draw() {
        // 12 000 restarts in a day: a flow each, but a fitted 1000 px view draws a few hundred.
        let tr = Trace::build(crate::fixture::stress(), vec![]);
        let restarts = of(&tr, FlowKind::Restart).len();
        assert!(restarts > 10_000, "{restarts}");
        let ix = FlowIndex::new(&tr.flows);
        let px = |a: &Anchor| Some((a.t / 86.4, a.track as f64 * 50.0));
        let fit = visible(&tr.flows, &ix, 0.0, 86_400.0, px, MAX_ARROWS);
        assert!(fit.len() <= MAX_ARROWS);
        // Zoomed to one minute: only that minute's flows.
        let px = |a: &Anchor| Some(((a.t - 3600.0) * 16.0, a.track as f64 * 50.0));
        let minute = visible(&tr.flows, &ix, 3600.0, 3660.0, px, MAX_ARROWS);
        assert!((5..=20).contains(&minute.len()), "{}", minute.len());
    }

    #[test]
    fn paths_are_curves() {
        // Same lane: arcs above, or below.
        assert_eq!(
            arrow_path(0.0, 10.0, 30.0, 10.0, false),
            "M0.0 10.0 C10.0 -4.0 20.0 -4.0 30.0 10.0"
        );
        assert_eq!(
            arrow_path(0.0, 10.0, 30.0, 10.0, true),
            "M0.0 10.0 C10.0 24.0 20.0 24.0 30.0 10.0"
        );
        // Across lanes: leaves and enters horizontally.
        assert_eq!(
            arrow_path(0.0, 0.0, 100.0, 40.0, false),
            "M0.0 0.0 C50.0 0.0 50.0 40.0 100.0 40.0"
        );
        // Near-vertical: bows right, never loops back.
        assert_eq!(
            arrow_path(0.0, 0.0, 0.0, 30.0, false),
            "M0.0 0.0 C10.0 10.0 10.0 20.0 0.0 30.0"
        );
    }
}
