//! The trace model: a [`Timeline`] turned once, at load, into tracks of lanes ready to draw.
//!
//! Perfetto's vocabulary: a *track* (the pod, or one container) holds *lanes*; a lane holds either
//! *slices* (time intervals, [`Seg`]), *instants* ([`Mark`]) or probe ticks. Everything is sorted
//! by time so the renderer can binary-search the visible window (see [`crate::lod`]).
//! Building the model reads the timeline and the kubectl lookups; it never simulates.

use crate::sim;
pub use podlife_engine::Time;
use podlife_engine::{
    ContainerKind, ContainerState, ContainerStatus, Diagnostic, PodStatus, ProbeResult, ProbeTick,
    ProbeType, Timeline,
};

/// Colour family of a slice; the CSS class is `tone-<name>`, so themes live in CSS only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Neutral,
    Pending,
    Good,
    Warn,
    Bad,
    Done,
    Term,
    Info,
    Hook,
}

impl Tone {
    pub fn class(self) -> &'static str {
        match self {
            Tone::Neutral => "tone-neutral",
            Tone::Pending => "tone-pending",
            Tone::Good => "tone-good",
            Tone::Warn => "tone-warn",
            Tone::Bad => "tone-bad",
            Tone::Done => "tone-done",
            Tone::Term => "tone-term",
            Tone::Info => "tone-info",
            Tone::Hook => "tone-hook",
        }
    }
}

/// A slice: `[start, end)` with a label.
#[derive(Clone, Debug, PartialEq)]
pub struct Seg {
    pub start: Time,
    pub end: Time,
    pub label: String,
    pub tone: Tone,
    /// Stable test hook: the `data-span` attribute (`running`, `waiting`, `terminated`, ...).
    pub kind: &'static str,
    /// Tooltip text.
    pub detail: String,
}

/// What an instant marks. `name()` is its `data-mark` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Restart,
    Kill,
    Sigterm,
    Sigkill,
    Exit,
    EventNormal,
    EventWarning,
    Deleted,
    Removed,
    /// Steps of the deletion ruler (the pod track's `grace` lane).
    GraceSigterm,
    GraceSigkill,
    GraceRemoved,
}

impl MarkKind {
    pub fn name(self) -> &'static str {
        match self {
            MarkKind::Restart => "restart",
            MarkKind::Kill => "kill",
            MarkKind::Sigterm => "sigterm",
            MarkKind::Sigkill => "sigkill",
            MarkKind::Exit => "exit",
            MarkKind::EventNormal => "event-normal",
            MarkKind::EventWarning => "event-warning",
            MarkKind::Deleted => "deleted",
            MarkKind::Removed => "removed",
            MarkKind::GraceSigterm => "grace-sigterm",
            MarkKind::GraceSigkill => "grace-sigkill",
            MarkKind::GraceRemoved => "grace-removed",
        }
    }
    /// Merge priority (a group of close marks shows its highest-ranked member).
    pub fn rank(self) -> u8 {
        match self {
            MarkKind::EventNormal => 1,
            MarkKind::Restart | MarkKind::Exit => 2,
            MarkKind::Sigterm
            | MarkKind::EventWarning
            | MarkKind::Deleted
            | MarkKind::Removed
            | MarkKind::GraceSigterm
            | MarkKind::GraceRemoved => 3,
            MarkKind::Kill => 4,
            MarkKind::Sigkill | MarkKind::GraceSigkill => 5,
        }
    }
    /// Short glyph text drawn next to the mark when there is room.
    pub fn glyph(self) -> &'static str {
        match self {
            MarkKind::Restart => "↻",
            MarkKind::Kill => "kill",
            MarkKind::Sigterm | MarkKind::GraceSigterm => "TERM",
            MarkKind::Sigkill | MarkKind::GraceSigkill => "KILL",
            MarkKind::Exit => "exit",
            MarkKind::EventNormal | MarkKind::EventWarning => "",
            MarkKind::Deleted => "delete",
            MarkKind::Removed | MarkKind::GraceRemoved => "gone",
        }
    }
}

/// An instant.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub t: Time,
    pub kind: MarkKind,
    pub detail: String,
}

/// `data-mark` name and merge rank of a probe result.
pub fn probe_mark(r: ProbeResult) -> (&'static str, u8) {
    match r {
        ProbeResult::Failure => ("probe-failure", 4),
        ProbeResult::Error => ("probe-error", 3),
        ProbeResult::Success => ("probe-success", 2),
        ProbeResult::Skipped => ("probe-skipped", 1),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum LaneContent {
    Slices(Vec<Seg>),
    Instants(Vec<Mark>),
    /// A probe worker's ticks; each entry stands for `count` ticks `period` apart.
    Probe {
        probe_type: ProbeType,
        describe: String,
        period: f64,
        ticks: Vec<ProbeTick>,
        /// The worker's tick grid: ticks fall on `phase + k·period`.
        phase: f64,
        /// Initial-delay gates: `[started, started + initialDelaySeconds)` of each run.
        gates: Vec<(Time, Time)>,
        /// `failureThreshold` / `successThreshold`, for the consecutive-result counter.
        failure_threshold: u32,
        success_threshold: u32,
        /// Stretches where the worker ticks but does not probe (`probe-on-hold`,
        /// `probe-disabled`), sorted and non-overlapping, drawn as bands behind the ticks.
        bands: Vec<Seg>,
    },
    /// The deletion ruler: `base` slices (sorted, non-overlapping) with the steps of the
    /// termination drawn inside them: `steps` (preStop hooks, a handful, may overlap) and `marks`
    /// (SIGTERM, SIGKILL, removal; sorted by time).
    Ruler {
        base: Vec<Seg>,
        steps: Vec<Seg>,
        marks: Vec<Mark>,
    },
}

/// What a selection's `item` points at in a [`LaneContent::Probe`] lane: the ticks come first,
/// then the bands, then the initial-delay gates (one `data-sel` index space per lane).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeItem {
    Tick(usize),
    Band(usize),
    Gate(usize),
}

impl ProbeItem {
    pub fn of(item: usize, ticks: usize, bands: usize) -> ProbeItem {
        if item < ticks {
            ProbeItem::Tick(item)
        } else if item < ticks + bands {
            ProbeItem::Band(item - ticks)
        } else {
            ProbeItem::Gate(item - ticks - bands)
        }
    }
}

/// What a selection's `item` points at in a [`LaneContent::Ruler`] lane: base slices, then
/// steps, then marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulerItem {
    Base(usize),
    Step(usize),
    Mark(usize),
}

impl RulerItem {
    pub fn of(item: usize, base: usize, steps: usize) -> RulerItem {
        if item < base {
            RulerItem::Base(item)
        } else if item < base + steps {
            RulerItem::Step(item - base)
        } else {
            RulerItem::Mark(item - base - steps)
        }
    }
}

/// The consecutive-result counter of tick `k` of entry `tk` as `(count, threshold)`: failures
/// toward `failureThreshold`, successes toward `successThreshold` (only when it is above 1);
/// `None` for errors, skipped ticks and single-success thresholds.
///
/// `ProbeTick::run` is `resultRun` after the tick; a liveness/startup trip resets it to 0
/// (`worker.go doProbe`: `w.resultRun = 0` with `onHold`), so a tripped tick counts the threshold.
pub fn probe_counter(tk: &ProbeTick, k: u32, failure: u32, success: u32) -> Option<(u32, u32)> {
    let threshold = match tk.result {
        ProbeResult::Failure => failure,
        ProbeResult::Success if success > 1 => success,
        _ => return None,
    };
    let run = if tk.tripped && k == 0 && tk.run == 0 {
        threshold
    } else {
        tk.run + k
    };
    (run > 0).then_some((run, threshold))
}

/// The `detail` of a skipped tick while the worker is on hold after a trip (`worker.go`).
pub const SKIP_ON_HOLD: &str = "on hold after a trip, until the container restarts";
/// The `detail` of a skipped liveness/readiness tick before the startup probe succeeded.
pub const SKIP_NOT_STARTED: &str = "container not started yet (startup probe)";

#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// Short label in the track's label column (`state`, `liveness`, ...); also `data-lane`.
    pub name: String,
    pub content: LaneContent,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrackKind {
    Pod,
    Container(ContainerKind),
}

impl TrackKind {
    /// `data-kind` and the badge text: `pod`, `init`, `sidecar`, `app`, `ephemeral`.
    pub fn label(self) -> &'static str {
        match self {
            TrackKind::Pod => "pod",
            TrackKind::Container(ContainerKind::Init) => "init",
            TrackKind::Container(ContainerKind::Sidecar) => "sidecar",
            TrackKind::Container(ContainerKind::Regular) => "app",
            TrackKind::Container(ContainerKind::Ephemeral) => "ephemeral",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Track {
    /// Container name, or the pod name for the pod track.
    pub name: String,
    pub kind: TrackKind,
    /// Secondary header text (image, restart policy).
    pub subtitle: String,
    pub lanes: Vec<Lane>,
    /// 0 = the pasted pod; 1 = its controller's replacement pod (`Timeline::replacement`).
    pub group: usize,
    /// What the engine assumed about this container's processes (shown beside its name).
    pub assumptions: Vec<String>,
}

/// Everything the views draw for one successful simulation.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    pub timeline: Timeline,
    pub warnings: Vec<Diagnostic>,
    pub tracks: Vec<Track>,
    /// Sorted, de-duplicated times of events, for `.`/`,` stepping.
    pub event_times: Vec<Time>,
    /// Causal arrows between instants, sorted by start time (see [`crate::flows`]).
    pub flows: Vec<crate::flows::Flow>,
}

impl Trace {
    pub fn until(&self) -> Time {
        self.timeline.until
    }

    pub fn build(timeline: Timeline, warnings: Vec<Diagnostic>) -> Trace {
        let mut tracks = vec![pod_track(&timeline)];
        tracks.extend(
            timeline
                .containers
                .iter()
                .map(|c| container_track(&timeline, c)),
        );
        // The controller's replacement pod: a second group of tracks on the same time axis.
        if let Some(r) = &timeline.replacement {
            let mut pod = pod_track(r);
            pod.subtitle = format!("replacement created by the controller · {}", pod.subtitle);
            tracks.push(pod);
            tracks.extend(r.containers.iter().map(|c| container_track(r, c)));
            for t in tracks.iter_mut().skip(1 + timeline.containers.len()) {
                t.group = 1;
            }
        }
        let mut event_times: Vec<Time> = timeline.events.iter().map(|e| e.t).collect();
        event_times.sort_by(f64::total_cmp);
        event_times.dedup();
        let flows = crate::flows::build(&timeline, &tracks);
        Trace {
            timeline,
            warnings,
            tracks,
            event_times,
            flows,
        }
    }

    /// Next event strictly after `t` (for `.`), previous strictly before (for `,`).
    pub fn next_event(&self, t: Time) -> Option<Time> {
        let i = self.event_times.partition_point(|&e| e <= t + 1e-9);
        self.event_times.get(i).copied()
    }
    pub fn prev_event(&self, t: Time) -> Option<Time> {
        let i = self.event_times.partition_point(|&e| e < t - 1e-9);
        i.checked_sub(1).map(|i| self.event_times[i])
    }
}

/// Colour family of a kubectl STATUS string.
pub fn status_tone(s: &str) -> Tone {
    match s {
        "Running" => Tone::Good,
        "Completed" | "Succeeded" => Tone::Done,
        "Terminating" => Tone::Term,
        "NotReady" => Tone::Warn,
        "NotFound" | "" => Tone::Neutral,
        "Pending" | "ContainerCreating" | "PodInitializing" => Tone::Pending,
        s if s.starts_with("Init:") && s[5..].contains('/') => Tone::Pending,
        _ => Tone::Bad,
    }
}

fn phase_tone(p: &str) -> Tone {
    match p {
        "Pending" => Tone::Pending,
        "Running" => Tone::Good,
        "Succeeded" => Tone::Done,
        "Failed" => Tone::Bad,
        _ => Tone::Neutral,
    }
}

/// Tone of a container Waiting reason: the error-ish ones stand out.
fn waiting_tone(reason: &str) -> Tone {
    match reason {
        "ContainerCreating" | "PodInitializing" | "" => Tone::Pending,
        _ => Tone::Warn,
    }
}

/// Turn `(t, label, tone)` samples into slices, merging equal neighbours; the last runs to `end`.
fn strip(
    samples: impl IntoIterator<Item = (Time, String, Tone)>,
    end: Time,
    kind: &'static str,
) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    for (t, label, tone) in samples {
        if t >= end {
            break;
        }
        if let Some(last) = out.last_mut() {
            if last.label == label && last.tone == tone {
                continue;
            }
            last.end = t;
        }
        out.push(Seg {
            start: t,
            end,
            detail: label.clone(),
            label,
            tone,
            kind,
        });
    }
    out.retain(|s| s.end > s.start);
    out
}

/// When the pod object is gone (or `until`).
fn horizon(tl: &Timeline) -> Time {
    tl.pod.removed_at.map_or(tl.until, |r| r.min(tl.until))
}

fn pod_track(tl: &Timeline) -> Track {
    let end = horizon(tl);
    // Sample the kubectl columns where they can change: at each published status and at the
    // deletion instants. (The views never simulate; this is a lookup per instant.)
    let mut times: Vec<Time> = tl.snapshots.iter().map(|s| s.t).collect();
    times.extend(
        [tl.pod.deleted_at, tl.pod.deletion_timestamp]
            .into_iter()
            .flatten(),
    );
    // A replacement pod exists only from its creation on.
    let born = tl.pod.created_at;
    times.push(born);
    times.retain(|&t| t >= born);
    times.sort_by(f64::total_cmp);
    times.dedup();
    let cols: Vec<_> = times.iter().map(|&t| (t, sim::columns_at(tl, t))).collect();
    let status = strip(
        cols.iter()
            .map(|(t, c)| (*t, c.status.clone(), status_tone(&c.status))),
        end,
        "status",
    );
    let ready = strip(
        cols.iter().map(|(t, c)| {
            let all = c
                .ready
                .split_once('/')
                .is_some_and(|(a, b)| a == b && a != "0");
            (
                *t,
                c.ready.clone(),
                if all { Tone::Good } else { Tone::Neutral },
            )
        }),
        end,
        "ready",
    );
    let phase = strip(
        tl.snapshots
            .iter()
            .map(|s| (s.t, s.status.phase.clone(), phase_tone(&s.status.phase))),
        end,
        "phase",
    );
    let sandbox: Vec<Seg> = tl
        .sandbox
        .iter()
        .map(|s| Seg {
            start: s.start,
            end: s.end.unwrap_or(end),
            label: s.label.clone(),
            tone: Tone::Info,
            kind: "sandbox",
            detail: s.detail.clone().unwrap_or_else(|| s.label.clone()),
        })
        .collect();
    let mut events: Vec<Mark> = tl
        .events
        .iter()
        .map(|e| Mark {
            t: e.t,
            kind: if e.event_type == "Warning" {
                MarkKind::EventWarning
            } else {
                MarkKind::EventNormal
            },
            detail: format!(
                "{} {}{}: {}",
                e.event_type,
                e.reason,
                if e.object.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", e.object)
                },
                e.message
            ),
        })
        .collect();
    events.extend(tl.pod.deleted_at.map(|t| Mark {
        t,
        kind: MarkKind::Deleted,
        detail: "DELETE received".into(),
    }));
    events.extend(tl.pod.removed_at.map(|t| Mark {
        t,
        kind: MarkKind::Removed,
        detail: "pod object removed".into(),
    }));
    events.sort_by(|a, b| a.t.total_cmp(&b.t));
    let mut removed_tail = Vec::new();
    if let Some(r) = tl.pod.removed_at.filter(|&r| r < tl.until) {
        removed_tail.push(Seg {
            start: r,
            end: tl.until,
            label: "NotFound".into(),
            tone: Tone::Neutral,
            kind: "status",
            detail: "the pod object no longer exists".into(),
        });
    }
    let mut status = status;
    status.extend(removed_tail);
    let conditions = condition_lanes(tl, end);
    let endpoints = endpoint_slices(tl, end);
    // The deletion grace-period ruler: from DELETE to the deletionTimestamp (the SIGKILL deadline).
    let grace: Vec<Seg> = match (tl.pod.deleted_at, tl.pod.deletion_timestamp) {
        (Some(d), Some(ts)) if ts >= d => {
            let g = tl
                .pod
                .deletion_grace_period_seconds
                .unwrap_or((ts - d).round() as i64);
            vec![Seg {
                start: d,
                end: ts.max(d + 1e-3).min(tl.until),
                label: format!("grace {g}s"),
                tone: Tone::Term,
                kind: "grace",
                detail: format!(
                    "deletion grace period {g}s: DELETE at {}, deletionTimestamp {}",
                    crate::format::secs(d),
                    crate::format::secs(ts)
                ),
            }]
        }
        _ => vec![],
    };
    let mut lanes = vec![
        Lane {
            name: "STATUS".into(),
            content: LaneContent::Slices(status),
        },
        Lane {
            name: "READY".into(),
            content: LaneContent::Slices(ready),
        },
        Lane {
            name: "phase".into(),
            content: LaneContent::Slices(phase),
        },
    ];
    lanes.extend(conditions);
    if !endpoints.is_empty() {
        lanes.push(Lane {
            name: "endpoints".into(),
            content: LaneContent::Slices(endpoints),
        });
    }
    lanes.push(Lane {
        name: "sandbox".into(),
        content: LaneContent::Slices(sandbox),
    });
    lanes.push(Lane {
        name: "events".into(),
        content: LaneContent::Instants(events),
    });
    if !grace.is_empty() {
        let (steps, marks) = grace_steps(tl, end);
        lanes.push(Lane {
            name: "grace".into(),
            content: LaneContent::Ruler {
                base: grace,
                steps,
                marks,
            },
        });
    }
    Track {
        name: tl.pod.name.clone(),
        kind: TrackKind::Pod,
        subtitle: format!("restartPolicy {}", tl.pod.restart_policy),
        lanes,
        group: 0,
        assumptions: vec![],
    }
}

/// Colour of a pod condition: True is good; False is a warning, except after completion.
fn condition_tone(status: &str, reason: Option<&str>) -> Tone {
    match (status, reason) {
        ("True", _) => Tone::Good,
        (_, Some("PodCompleted")) => Tone::Done,
        (_, Some("PodFailed")) => Tone::Bad,
        ("False", _) => Tone::Warn,
        _ => Tone::Neutral,
    }
}

/// One lane per pod condition the published snapshots carry (`Ready`, `ContainersReady`, ...),
/// in the order the kubelet writes them, which is the order `kubectl describe` prints.
/// Slices (`data-span="condition"`) are labelled `True` or `False: <reason>`.
fn condition_lanes(tl: &Timeline, end: Time) -> Vec<Lane> {
    let mut types: Vec<&str> = Vec::new();
    for s in &tl.snapshots {
        for c in &s.status.conditions {
            if !types.contains(&c.condition_type.as_str()) {
                types.push(&c.condition_type);
            }
        }
    }
    types
        .into_iter()
        .map(|ty| {
            let samples = tl.snapshots.iter().map(|s| {
                match s.status.conditions.iter().find(|c| c.condition_type == ty) {
                    Some(c) => {
                        let label = match (&c.status[..], &c.reason) {
                            ("True", _) | (_, None) => c.status.clone(),
                            (st, Some(r)) => format!("{st}: {r}"),
                        };
                        (s.t, label, condition_tone(&c.status, c.reason.as_deref()))
                    }
                    None => (s.t, String::new(), Tone::Neutral),
                }
            });
            let mut segs = strip(samples, end, "condition");
            segs.retain(|s| !s.label.is_empty());
            for seg in &mut segs {
                // The condition as published at the slice's start: reason, message, transition.
                let c = tl
                    .snapshot_at(seg.start)
                    .and_then(|st| st.conditions.iter().find(|c| c.condition_type == ty));
                let mut d = format!("{ty}={}", seg.label.replacen(": ", " (", 1));
                if seg.label.contains(": ") {
                    d.push(')');
                }
                if let Some(c) = c {
                    if let Some(m) = &c.message {
                        d.push_str(&format!("\n{m}"));
                    }
                    d.push_str(&format!(
                        "\nlastTransitionTime {}",
                        crate::format::secs(c.last_transition_time)
                    ));
                }
                seg.detail = d;
            }
            Lane {
                name: ty.to_string(),
                content: LaneContent::Slices(segs),
            }
        })
        .collect()
}

/// Where the pod stands in a Service's endpoints at `t`, as the EndpointSlice controller computes
/// it from the published status (`endpointslice/utils.go podToEndpoint`): `(data-span, label,
/// tone)`, or `None` when the pod is not listed (no IP yet, Succeeded/Failed, or gone).
///
/// rule: endpoint-conditions
fn endpoint_state(tl: &Timeline, t: Time) -> Option<(&'static str, &'static str, Tone)> {
    if tl.removed_at(t) {
        return None;
    }
    let st = tl.snapshot_at(t)?;
    // ShouldPodBeInEndpoints: a terminal pod is dropped.
    if st.phase == "Succeeded" || st.phase == "Failed" {
        return None;
    }
    let cond = |ty: &str| {
        st.conditions
            .iter()
            .find(|c| c.condition_type == ty)
            .map(|c| c.status == "True")
    };
    // No podIP before the sandbox is up (ShouldPodBeInEndpoints skips pods without an IP): the
    // IP is published with the sandbox, which PodReadyToStartContainers reports (1.29+); older
    // kubelets: once a container left ContainerCreating.
    let has_ip = cond("PodReadyToStartContainers").unwrap_or_else(|| {
        st.init_container_statuses
            .iter()
            .chain(&st.container_statuses)
            .any(|c| !matches!(&c.state, ContainerState::Waiting { reason, .. } if reason == "ContainerCreating"))
    });
    if !has_ip {
        return None;
    }
    let ready = cond("Ready").unwrap_or(false);
    let deleting = tl.pod.deleted_at.is_some_and(|d| t >= d);
    Some(match (ready, deleting) {
        (true, false) => ("endpoint-ready", "ready", Tone::Good),
        (true, true) => (
            "endpoint-serving-terminating",
            "serving, terminating",
            Tone::Term,
        ),
        (false, true) => ("endpoint-terminating", "terminating", Tone::Neutral),
        (false, false) => ("endpoint-not-ready", "not ready", Tone::Warn),
    })
}

/// The `endpoints` lane: the pod's place in a selecting Service's endpoints, sampled at every
/// published status and at the deletion.
fn endpoint_slices(tl: &Timeline, end: Time) -> Vec<Seg> {
    let mut times: Vec<Time> = tl.snapshots.iter().map(|s| s.t).collect();
    times.extend(tl.pod.deleted_at);
    times.sort_by(f64::total_cmp);
    times.dedup();
    let mut out: Vec<Seg> = Vec::new();
    // Whether the last slice is still open (runs to `end` until a change closes it).
    let mut open = false;
    for t in times.into_iter().filter(|&t| t < end) {
        let state = endpoint_state(tl, t);
        if let Some(last) = out.last_mut().filter(|_| open) {
            if state.map(|s| s.0) == Some(last.kind) {
                continue;
            }
            last.end = t;
            open = false;
        }
        if let Some((kind, label, tone)) = state {
            open = true;
            let detail = match kind {
                "endpoint-ready" => "in the Service's ready endpoints (EndpointSlice ready=true, serving=true, terminating=false)",
                "endpoint-serving-terminating" => "deleting but still Ready: EndpointSlice ready=false, serving=true, terminating=true",
                "endpoint-terminating" => "deleting and not Ready: EndpointSlice ready=false, serving=false, terminating=true",
                _ => "listed as not ready (EndpointSlice ready=false; Endpoints notReadyAddresses)",
            };
            out.push(Seg {
                start: t,
                end,
                label: label.into(),
                tone,
                kind,
                detail: detail.into(),
            });
        }
    }
    out.retain(|s| s.end > s.start);
    out
}

/// The steps inside the deletion ruler: each container's preStop hook (`grace-prestop`), its
/// SIGTERM and SIGKILL, and the removal of the pod object. The order is the kubelet's
/// (`pkg/kubelet/kuberuntime/kuberuntime_container.go` `killContainer`: preStop first, then
/// StopContainer with the grace left, at least `minimumGracePeriodInSeconds` = 2 s); the instants
/// come from the engine's runs, this only lays them out.
fn grace_steps(tl: &Timeline, end: Time) -> (Vec<Seg>, Vec<Mark>) {
    let Some(d) = tl.pod.deleted_at else {
        return (vec![], vec![]);
    };
    let after = |t: Time| t >= d - 1e-9;
    let mut steps = Vec::new();
    let mut marks = Vec::new();
    for c in &tl.containers {
        for r in &c.runs {
            if let Some(h) = r.pre_stop.as_ref().filter(|h| after(h.start)) {
                steps.push(Seg {
                    start: h.start,
                    end: h.end.unwrap_or(end).max(h.start + 1e-3),
                    label: format!("preStop {}", c.name),
                    tone: if h.result == "failed" {
                        Tone::Bad
                    } else {
                        Tone::Hook
                    },
                    kind: "grace-prestop",
                    detail: format!("{}: preStop hook {}", c.name, h.result),
                });
            }
            if let Some(t) = r.sigterm.filter(|&t| after(t)) {
                let pre = r
                    .pre_stop
                    .as_ref()
                    .filter(|h| after(h.start))
                    .map_or(0.0, |h| h.end.unwrap_or(t) - h.start);
                let grace = tl
                    .pod
                    .deletion_grace_period_seconds
                    .unwrap_or(tl.pod.termination_grace_period_seconds);
                let gap = ((grace as f64) - pre.floor()).max(2.0);
                marks.push(Mark {
                    t,
                    kind: MarkKind::GraceSigterm,
                    detail: format!(
                        "SIGTERM to {}; SIGKILL due at {} if still running",
                        c.name,
                        crate::format::secs(t + gap)
                    ),
                });
            }
            if let Some(t) = r.sigkill.filter(|&t| after(t)) {
                marks.push(Mark {
                    t,
                    kind: MarkKind::GraceSigkill,
                    detail: format!("SIGKILL to {}: still running at its deadline", c.name),
                });
            }
        }
    }
    if let Some(t) = tl.pod.removed_at {
        marks.push(Mark {
            t,
            kind: MarkKind::GraceRemoved,
            detail: "pod object removed from the API".into(),
        });
    }
    steps.sort_by(|a, b| a.start.total_cmp(&b.start));
    marks.sort_by(|a, b| a.t.total_cmp(&b.t));
    (steps, marks)
}

/// Bands of a probe lane where the worker ticks without probing: on hold after a trip
/// (`probe-on-hold`) and liveness/readiness disabled until the startup probe succeeds
/// (`probe-disabled`). Each runs from its skipped entry to the next entry, or for the last entry
/// to the container's restart (or exit, or `end`).
fn probe_bands(c: &podlife_engine::ContainerTrack, ticks: &[ProbeTick], end: Time) -> Vec<Seg> {
    let mut out = Vec::new();
    for (i, tk) in ticks.iter().enumerate() {
        if tk.result != ProbeResult::Skipped {
            continue;
        }
        // A startup probe goes on hold once it succeeded: its work for the container is done.
        let done = i
            .checked_sub(1)
            .is_some_and(|j| ticks[j].result == ProbeResult::Success && ticks[j].tripped);
        let (kind, label) = match tk.detail.as_deref() {
            Some(SKIP_ON_HOLD) if done => ("probe-on-hold", "done"),
            Some(SKIP_ON_HOLD) => ("probe-on-hold", "on hold"),
            Some(SKIP_NOT_STARTED) => ("probe-disabled", "not started"),
            _ => continue,
        };
        let stop = match ticks.get(i + 1) {
            Some(next) => next.t,
            None => {
                let next_run = c.runs.iter().find(|r| r.started > tk.t).map(|r| r.started);
                let exit = c
                    .runs
                    .iter()
                    .find(|r| r.started <= tk.t && r.exited.is_some_and(|x| x > tk.t))
                    .and_then(|r| r.exited);
                match kind {
                    "probe-on-hold" => next_run.or(exit),
                    _ => exit,
                }
                .unwrap_or(end)
            }
        }
        .min(end);
        if stop > tk.t {
            out.push(Seg {
                start: tk.t,
                end: stop,
                label: label.into(),
                tone: Tone::Neutral,
                kind,
                detail: if label == "done" {
                    "succeeded: no more probes for this container (on hold until it restarts)"
                        .into()
                } else {
                    tk.detail.clone().unwrap_or_default()
                },
            });
        }
    }
    out
}

/// The status of container `name` in a published pod status.
fn container_status<'a>(st: &'a PodStatus, name: &str) -> Option<&'a ContainerStatus> {
    st.init_container_statuses
        .iter()
        .chain(&st.container_statuses)
        .chain(&st.ephemeral_container_statuses)
        .find(|c| c.name == name)
}

fn terminated_label(reason: Option<&str>, code: Option<i32>) -> (String, Tone) {
    let code = code.unwrap_or(0);
    let reason =
        reason
            .filter(|r| !r.is_empty())
            .unwrap_or(if code == 0 { "Completed" } else { "Error" });
    (
        format!("Terminated: {reason} ({code})"),
        if code == 0 { Tone::Done } else { Tone::Bad },
    )
}

/// Slices of the `state` lane for one container.
///
/// Running and Terminating come from the runtime runs (exact instants); the labels of the gaps
/// between runs (Waiting reasons such as `ContainerCreating`, `CrashLoopBackOff`) come from the
/// published status snapshots in the gap, starting from a default (`ContainerCreating`, or
/// `PodInitializing` for app containers of a pod with init containers; `Terminated` after an exit).
pub fn state_slices(tl: &Timeline, c: &podlife_engine::ContainerTrack) -> Vec<Seg> {
    let end = horizon(tl);
    let has_init = tl
        .containers
        .iter()
        .any(|o| matches!(o.kind, ContainerKind::Init | ContainerKind::Sidecar));
    let mut out: Vec<Seg> = Vec::new();
    let gap = |out: &mut Vec<Seg>, a: Time, b: Time, prev: Option<&podlife_engine::Run>| {
        if b <= a {
            return;
        }
        let (mut label, mut tone, mut kind) = match prev {
            Some(r) => {
                let (l, t) = terminated_label(r.reason.as_deref(), r.exit_code);
                (l, t, "terminated")
            }
            None => {
                let l = if c.kind == ContainerKind::Regular && has_init {
                    "PodInitializing"
                } else {
                    "ContainerCreating"
                };
                (format!("Waiting: {l}"), Tone::Pending, "waiting")
            }
        };
        let mut start = a;
        let first = tl.snapshots.partition_point(|s| s.t <= a);
        for snap in tl.snapshots[first..].iter().take_while(|s| s.t < b) {
            let (l, t, k) = match container_status(&snap.status, &c.name).map(|s| &s.state) {
                Some(ContainerState::Waiting { reason, .. }) => (
                    format!("Waiting: {reason}"),
                    waiting_tone(reason),
                    "waiting",
                ),
                Some(ContainerState::Terminated {
                    reason, exit_code, ..
                }) => {
                    let (l, t) = terminated_label(Some(reason), Some(*exit_code));
                    (l, t, "terminated")
                }
                // A Running status published before the runtime exit was observed: not news.
                _ => continue,
            };
            if l != label {
                out.push(Seg {
                    start,
                    end: snap.t,
                    detail: label.clone(),
                    label,
                    tone,
                    kind,
                });
                (label, tone, kind, start) = (l, t, k, snap.t);
            }
        }
        out.push(Seg {
            start,
            end: b,
            detail: label.clone(),
            label,
            tone,
            kind,
        });
    };
    let mut t = tl.pod.created_at;
    let mut prev: Option<&podlife_engine::Run> = None;
    for run in &c.runs {
        gap(&mut out, t, run.created.min(end), prev);
        if run.started > run.created {
            out.push(Seg {
                start: run.created,
                end: run.started,
                label: "Created".into(),
                tone: Tone::Pending,
                kind: "created",
                detail: format!("created at {}, starting", crate::format::secs(run.created)),
            });
        }
        let exit = run.exited.unwrap_or(end).min(end);
        let kill = run.kill_started.filter(|&k| k < exit);
        let run_end = kill.unwrap_or(exit);
        let restart_note = if run.restart_count > 0 {
            format!(" (restart {})", run.restart_count)
        } else {
            String::new()
        };
        out.push(Seg {
            start: run.started,
            end: run_end,
            label: "Running".into(),
            tone: Tone::Good,
            kind: "running",
            detail: format!(
                "Running since {}{restart_note}",
                crate::format::secs(run.started)
            ),
        });
        if let Some(k) = kill {
            out.push(Seg {
                start: k,
                end: exit,
                label: "Terminating".into(),
                tone: Tone::Term,
                kind: "terminating",
                detail: format!("Killing: {}", run.kill_reason.clone().unwrap_or_default()),
            });
        }
        t = exit;
        prev = Some(run);
    }
    gap(&mut out, t, end, prev);
    out.retain(|s| s.end > s.start);
    out
}

/// `back-off 20s`: a back-off window's length, Go-duration style (`1m20s`), or `back-off` while
/// it is still open at the horizon.
pub fn backoff_label(start: Time, end: Option<Time>) -> String {
    match end {
        Some(e) => {
            let ms = ((e - start) * 1000.0).round().max(0.0) as u64;
            let (m, s, rem) = (ms / 60_000, (ms / 1000) % 60, ms % 1000);
            let secs = if rem == 0 {
                format!("{s}s")
            } else {
                format!("{}s", format!("{s}.{rem:03}").trim_end_matches('0'))
            };
            if m > 0 {
                format!("back-off {m}m{secs}")
            } else {
                format!("back-off {secs}")
            }
        }
        None => "back-off".into(),
    }
}

fn container_track(tl: &Timeline, c: &podlife_engine::ContainerTrack) -> Track {
    let end = horizon(tl);
    let mut lanes = vec![Lane {
        name: "state".into(),
        content: LaneContent::Slices(state_slices(tl, c)),
    }];

    let ready = strip(
        tl.snapshots.iter().map(|s| {
            let r = container_status(&s.status, &c.name).is_some_and(|cs| cs.ready);
            (
                s.t,
                if r { "Ready" } else { "" }.to_string(),
                if r { Tone::Good } else { Tone::Neutral },
            )
        }),
        end,
        "ready",
    );
    if ready.iter().any(|s| s.tone == Tone::Good) {
        lanes.push(Lane {
            name: "ready".into(),
            content: LaneContent::Slices(ready),
        });
    }

    let span_seg = |s: &podlife_engine::Span, tone: Tone, kind: &'static str| Seg {
        start: s.start,
        end: s.end.unwrap_or(end),
        label: s.label.clone(),
        tone,
        kind,
        detail: s.detail.clone().unwrap_or_else(|| s.label.clone()),
    };
    if !c.pulls.is_empty() {
        let pulls = c
            .pulls
            .iter()
            .map(|s| span_seg(s, Tone::Info, "pull"))
            .collect();
        lanes.push(Lane {
            name: "image".into(),
            content: LaneContent::Slices(pulls),
        });
    }
    if !c.backoffs.is_empty() {
        let b = c
            .backoffs
            .iter()
            .map(|s| {
                let mut seg = span_seg(s, Tone::Warn, "backoff");
                seg.label = backoff_label(s.start, s.end);
                seg.detail = match s.end {
                    Some(e) => format!(
                        "{}: {}; restarts at {}",
                        s.label,
                        seg.label,
                        crate::format::secs(e)
                    ),
                    None => format!("{}: still backing off at the horizon", s.label),
                };
                seg
            })
            .collect();
        lanes.push(Lane {
            name: "back-off".into(),
            content: LaneContent::Slices(b),
        });
    }
    let mut hooks: Vec<Seg> = Vec::new();
    for r in &c.runs {
        for (name, h) in [("postStart", &r.post_start), ("preStop", &r.pre_stop)] {
            if let Some(h) = h {
                hooks.push(Seg {
                    start: h.start,
                    end: h.end.unwrap_or(end),
                    label: name.into(),
                    tone: if h.result == "failed" {
                        Tone::Bad
                    } else {
                        Tone::Hook
                    },
                    kind: if name == "postStart" {
                        "post-start"
                    } else {
                        "pre-stop"
                    },
                    detail: format!("{name} hook: {}", h.result),
                });
            }
        }
    }
    if !hooks.is_empty() {
        hooks.sort_by(|a, b| a.start.total_cmp(&b.start));
        lanes.push(Lane {
            name: "hooks".into(),
            content: LaneContent::Slices(hooks),
        });
    }

    let mut marks: Vec<Mark> = Vec::new();
    for r in &c.runs {
        if r.restart_count > 0 {
            marks.push(Mark {
                t: r.created,
                kind: MarkKind::Restart,
                detail: format!("restart #{} (container recreated)", r.restart_count),
            });
        }
        if let Some(t) = r.kill_started {
            marks.push(Mark {
                t,
                kind: MarkKind::Kill,
                detail: format!("Killing: {}", r.kill_reason.clone().unwrap_or_default()),
            });
        }
        if let Some(t) = r.sigterm {
            marks.push(Mark {
                t,
                kind: MarkKind::Sigterm,
                detail: "SIGTERM sent".into(),
            });
        }
        if let Some(t) = r.sigkill {
            marks.push(Mark {
                t,
                kind: MarkKind::Sigkill,
                detail: "SIGKILL sent".into(),
            });
        }
        if let Some(t) = r.exited {
            let (l, _) = terminated_label(r.reason.as_deref(), r.exit_code);
            marks.push(Mark {
                t,
                kind: MarkKind::Exit,
                detail: format!("exited: {}", l.trim_start_matches("Terminated: ")),
            });
        }
    }
    if !marks.is_empty() {
        marks.sort_by(|a, b| a.t.total_cmp(&b.t));
        lanes.push(Lane {
            name: "signals".into(),
            content: LaneContent::Instants(marks),
        });
    }

    for p in &c.probes {
        lanes.push(Lane {
            name: p.probe_type.title().to_lowercase(),
            content: LaneContent::Probe {
                probe_type: p.probe_type,
                describe: p.describe.clone(),
                period: p.period,
                ticks: p.ticks.clone(),
                phase: p.worker_created,
                gates: if p.initial_delay > 0.0 {
                    c.runs
                        .iter()
                        .map(|r| (r.started, r.started + p.initial_delay))
                        .collect()
                } else {
                    vec![]
                },
                failure_threshold: p.failure_threshold,
                success_threshold: p.success_threshold,
                bands: probe_bands(c, &p.ticks, end),
            },
        });
    }
    Track {
        name: c.name.clone(),
        kind: TrackKind::Container(c.kind),
        subtitle: c.image.clone(),
        lanes,
        group: 0,
        assumptions: c.assumptions.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    fn slices<'a>(t: &'a Track, lane: &str) -> &'a [Seg] {
        match &t.lanes.iter().find(|l| l.name == lane).unwrap().content {
            LaneContent::Slices(s) => s,
            _ => panic!("not slices"),
        }
    }

    #[test]
    fn tracks_of_the_liveness_pod() {
        let tr = Trace::build(fixture::liveness_exec(), vec![]);
        let names: Vec<_> = tr
            .tracks
            .iter()
            .map(|t| (t.name.as_str(), t.kind.label()))
            .collect();
        assert_eq!(names, [("liveness-exec", "pod"), ("liveness", "app")]);
        let c = &tr.tracks[1];
        let lanes: Vec<_> = c.lanes.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(lanes, ["state", "ready", "image", "signals", "liveness"]);
        let pod: Vec<_> = tr.tracks[0].lanes.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            pod,
            [
                "STATUS",
                "READY",
                "phase",
                "PodReadyToStartContainers",
                "Initialized",
                "Ready",
                "ContainersReady",
                "PodScheduled",
                "endpoints",
                "sandbox",
                "events"
            ]
        );
    }

    #[test]
    fn state_lane_follows_runs_and_snapshots() {
        let tr = Trace::build(fixture::liveness_exec(), vec![]);
        let s = slices(&tr.tracks[1], "state");
        let kinds: Vec<_> = s
            .iter()
            .map(|s| (s.kind, (s.start * 100.0).round() / 100.0))
            .collect();
        assert_eq!(
            kinds,
            [
                ("waiting", 0.0),
                ("created", 1.85),
                ("running", 1.9),
                ("terminating", 45.5),
                ("terminated", 75.5),
                ("created", 76.35),
                ("running", 76.4),
                ("terminating", 120.5),
                ("terminated", 150.5),
                ("created", 151.35),
                ("running", 151.4),
            ]
        );
        assert_eq!(s[0].label, "Waiting: ContainerCreating");
        assert_eq!(s[4].label, "Terminated: Error (137)");
        assert_eq!(s.last().unwrap().end, tr.until());
        // Contiguous and sorted, as the renderer's binary search expects.
        assert!(s.windows(2).all(|w| (w[0].end - w[1].start).abs() < 1e-9));
    }

    #[test]
    fn status_strip_from_kubectl_columns() {
        let tr = Trace::build(fixture::liveness_exec(), vec![]);
        let s = slices(&tr.tracks[0], "STATUS");
        let labels: Vec<_> = s.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["ContainerCreating", "Running"]);
        assert_eq!(s[1].start, 2.5);
    }

    #[test]
    fn tones() {
        assert_eq!(status_tone("CrashLoopBackOff"), Tone::Bad);
        assert_eq!(status_tone("Init:0/2"), Tone::Pending);
        assert_eq!(status_tone("Init:CrashLoopBackOff"), Tone::Bad);
        assert_eq!(status_tone("Completed"), Tone::Done);
        assert_eq!(status_tone("Terminating"), Tone::Term);
    }

    fn gallery(id: &str, delete_at: Option<f64>) -> Trace {
        let ex = podlife_engine::gallery::get(id).unwrap();
        let scn = delete_at.map_or(String::new(), |t| {
            crate::sim::append_action("", t, &crate::sim::LiveAction::Delete)
        });
        crate::sim::simulate_with(ex.yaml, &scn, "").unwrap()
    }

    fn lane<'a>(t: &'a Track, lane: &str) -> &'a LaneContent {
        &t.lanes
            .iter()
            .find(|l| l.name == lane)
            .unwrap_or_else(|| panic!("lane {lane} in {}", t.name))
            .content
    }

    fn spans(segs: &[Seg]) -> Vec<(&str, f64, f64)> {
        segs.iter().map(|s| (s.kind, s.start, s.end)).collect()
    }

    #[test]
    fn pod_track_has_condition_and_endpoint_lanes() {
        let tr = gallery("exec-liveness", None);
        let lanes: Vec<_> = tr.tracks[0].lanes.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            lanes,
            [
                "STATUS",
                "READY",
                "phase",
                "PodReadyToStartContainers",
                "Initialized",
                "Ready",
                "ContainersReady",
                "PodScheduled",
                "endpoints",
                "sandbox",
                "events"
            ]
        );
        let ready = slices(&tr.tracks[0], "Ready");
        assert_eq!(ready[0].label, "False: ContainersNotReady");
        assert_eq!(ready[0].tone, Tone::Warn);
        assert_eq!((ready[1].label.as_str(), ready[1].start), ("True", 2.5));
        assert_eq!(ready[1].tone, Tone::Good);
        assert!(ready.iter().all(|s| s.kind == "condition"));
        assert!(ready[0].detail.contains("containers with unready status"));
        let sandbox = slices(&tr.tracks[0], "PodReadyToStartContainers");
        assert_eq!(
            spans(sandbox)[..2],
            [("condition", 0.0, 2.5), ("condition", 2.5, 600.0)][..]
        );
    }

    #[test]
    fn endpoints_follow_readiness_and_deletion() {
        let tr = gallery("docs-readiness-exec", None);
        assert_eq!(
            spans(slices(&tr.tracks[0], "endpoints")),
            [
                ("endpoint-not-ready", 2.5, 7.5),
                ("endpoint-ready", 7.5, 42.5),
                ("endpoint-not-ready", 42.5, 600.0)
            ]
        );
        // Deleted at 20 s: still serving while Ready, then nothing once the pod is Failed.
        let tr = gallery("exec-liveness", Some(20.0));
        let ep = slices(&tr.tracks[0], "endpoints");
        assert_eq!(
            spans(ep),
            [
                ("endpoint-ready", 2.5, 20.0),
                ("endpoint-serving-terminating", 20.0, 50.5)
            ]
        );
        assert_eq!(ep[1].label, "serving, terminating");
        // A Job's pod that Succeeded leaves the endpoints.
        let tr = gallery("docs-sidecar-job", None);
        let ep = slices(&tr.tracks[0], "endpoints");
        let phase = slices(&tr.tracks[0], "phase");
        let done = phase.iter().find(|s| s.label == "Succeeded").unwrap().start;
        assert!(ep.last().unwrap().end <= done);
    }

    #[test]
    fn grace_ruler_has_the_termination_steps() {
        let tr = gallery("docs-prestop-sleep", Some(20.0));
        let LaneContent::Ruler { base, steps, marks } = lane(&tr.tracks[0], "grace") else {
            panic!("grace is a ruler")
        };
        assert_eq!(base[0].kind, "grace");
        assert_eq!(spans(steps), [("grace-prestop", 20.5, 25.5)]);
        assert_eq!(steps[0].label, "preStop web");
        let kinds: Vec<_> = marks.iter().map(|m| (m.kind.name(), m.t)).collect();
        assert_eq!(kinds, [("grace-sigterm", 25.5), ("grace-removed", 26.5)]);
        // The shell ignores SIGTERM: SIGKILL at the deadline, 30 s after SIGTERM.
        let tr = gallery("exec-liveness", Some(20.0));
        let LaneContent::Ruler { steps, marks, .. } = lane(&tr.tracks[0], "grace") else {
            panic!()
        };
        assert!(steps.is_empty());
        let kinds: Vec<_> = marks.iter().map(|m| (m.kind.name(), m.t)).collect();
        assert_eq!(
            kinds,
            [
                ("grace-sigterm", 20.5),
                ("grace-sigkill", 50.5),
                ("grace-removed", 51.5)
            ]
        );
        assert!(
            marks[0].detail.contains("SIGKILL due at 50.5"),
            "{}",
            marks[0].detail
        );
    }

    #[test]
    fn probe_lanes_carry_thresholds_and_bands() {
        let tr = gallery("exec-liveness", None);
        let LaneContent::Probe {
            failure_threshold,
            success_threshold,
            bands,
            ticks,
            ..
        } = lane(&tr.tracks[1], "liveness")
        else {
            panic!()
        };
        assert_eq!((*failure_threshold, *success_threshold), (3, 1));
        assert_eq!(spans(&bands[..1]), [("probe-on-hold", 50.0, 80.0)]);
        assert!(bands.windows(2).all(|w| w[0].end <= w[1].start));
        // The three failures count 1/3, 2/3, 3/3 (the trip resets resultRun to 0).
        let fails: Vec<_> = ticks
            .iter()
            .filter(|t| t.result == ProbeResult::Failure)
            .take(3)
            .map(|t| probe_counter(t, 0, 3, 1))
            .collect();
        assert_eq!(fails, [Some((1, 3)), Some((2, 3)), Some((3, 3))]);
        let ok = ticks
            .iter()
            .find(|t| t.result == ProbeResult::Success)
            .unwrap();
        assert_eq!(probe_counter(ok, 2, 3, 1), None);
        assert_eq!(probe_counter(ok, 2, 3, 3), Some((3, 3)));

        let tr = gallery("docs-startup-probe", None);
        let LaneContent::Probe { bands, .. } = lane(&tr.tracks[1], "liveness") else {
            panic!()
        };
        assert_eq!(spans(bands), [("probe-disabled", 10.0, 90.0)]);
        let LaneContent::Probe { bands, .. } = lane(&tr.tracks[1], "startup") else {
            panic!()
        };
        assert_eq!(bands[0].label, "done");
    }

    #[test]
    fn backoff_slices_say_how_long_and_when_they_end() {
        assert_eq!(backoff_label(0.0, Some(20.0)), "back-off 20s");
        assert_eq!(backoff_label(10.0, Some(90.0)), "back-off 1m20s");
        assert_eq!(backoff_label(0.0, Some(2.5)), "back-off 2.5s");
        assert_eq!(backoff_label(0.0, None), "back-off");
        let tr = gallery("crash-loop", None);
        let b = slices(&tr.tracks[1], "back-off");
        let labels: Vec<_> = b.iter().take(3).map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["back-off 10s", "back-off 20s", "back-off 40s"]);
        assert!(b[0].detail.contains("restarts at 12.6"), "{}", b[0].detail);
    }

    #[test]
    fn event_stepping() {
        let tr = Trace::build(fixture::liveness_exec(), vec![]);
        let first = tr.event_times[0];
        assert_eq!(tr.next_event(-1.0), Some(first));
        assert_eq!(tr.prev_event(first), None);
        let second = tr.next_event(first).unwrap();
        assert!(second > first);
        assert_eq!(tr.prev_event(second), Some(first));
    }
}
