//! The chart model: a [`Timeline`] turned once into tracks of lanes ready to draw, shared by the
//! web app's timeline (the screen) and the SVG/PNG export ([`crate::gantt`], [`crate::draw`]).
//!
//! Perfetto's vocabulary: a *track* (the pod, or one container) holds *lanes*; a lane holds either
//! *slices* (time intervals, [`Seg`]), *instants* ([`Mark`]) or probe ticks. Everything is sorted
//! by time so a renderer can binary-search the visible window (see [`lod`]). Building the model
//! reads the timeline and the kubectl lookups; it never simulates, and it draws nothing: colours
//! are [`Tone`]s, which [`crate::theme::Palette::tone`] turns into the shared palette's colours.
//!
//! One module per kind of track: [`pod`] (STATUS, READY, phase, conditions, endpoints, sandbox,
//! events, the grace ruler), [`container`] (state, ready, image pulls, back-off, hooks, signals)
//! and [`probes`] (one lane per probe: ticks, bands, initial-delay gates). [`legend`] is the key
//! both renderers draw; [`lod`] is the level of detail both apply to the visible window.
//!
//! The chart's own words (labels, tooltips, details) are English in [`tracks`], which the exports
//! draw, and in the interface's language in [`tracks_in`] ([`words`]: [`Lang`] and its Chinese
//! catalog); Kubernetes text stays as Kubernetes writes it.

pub mod container;
pub mod legend;
pub mod lod;
pub mod pod;
pub mod probes;
#[cfg(test)]
mod tests;
pub mod words;

pub use container::{backoff_label, state_slices};
/// Seconds since pod creation as the chart draws them: view geometry, mapped to pixels by the
/// screen and the export. The engine's exact [`podlife_engine::Time`] (integer milliseconds) is
/// compared and converted once, here, when [`tracks`] derives the chart; nothing downstream
/// decides anything on these floats.
pub type Time = f64;
use podlife_engine::{ContainerKind, ProbeType, Timeline};
pub use probes::{join_tick_bars, probe_counter, probe_mark, Tick};
pub use words::Lang;

/// The vertical stacking every renderer uses for one track: a header row of `header` units,
/// then each lane `lane` high with `gap` below it. Returns each lane's offset from the track's
/// top and the track's height (the screen works in CSS pixels, the export in image pixels).
pub fn stack_lanes<T>(track: &Track, header: T, lane: T, gap: T) -> (Vec<T>, T)
where
    T: Copy + std::ops::Add<Output = T>,
{
    let mut y = header;
    let offsets = track
        .lanes
        .iter()
        .map(|_| {
            let here = y;
            y = y + lane + gap;
            here
        })
        .collect();
    (offsets, y)
}

/// Colour family of a slice: the CSS class `tone-<name>` on screen, [`crate::theme::Palette::tone`]
/// in the export; both take their colours from the shared palette.
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

/// The head of an instant's mark, so that kinds differ by shape as well as colour (a learner
/// confused the kill and SIGTERM diamonds): the screen and the exports draw [`MarkKind::shape`]
/// with [`Shape::outline`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Diamond,
    /// ✕: the kubelet decides to kill.
    Cross,
    /// ▼: SIGTERM (or the image's stop signal), the polite request.
    Triangle,
    /// ■: SIGKILL, the end.
    Square,
    /// ●: a restart.
    Circle,
    /// A small dot: an event.
    Dot,
}

impl Shape {
    /// The outline of the head whose top is at `(x, y)`, about 10 px tall, as points.
    pub fn outline(self, x: f64, y: f64) -> Vec<(f64, f64)> {
        let ring = |r: f64, cy: f64, k: usize| {
            (0..k)
                .map(|i| {
                    let a = std::f64::consts::TAU * i as f64 / k as f64;
                    (x + r * a.cos(), cy + r * a.sin())
                })
                .collect()
        };
        match self {
            Shape::Diamond => vec![
                (x, y),
                (x + 4.5, y + 5.0),
                (x, y + 10.0),
                (x - 4.5, y + 5.0),
            ],
            Shape::Triangle => vec![(x - 5.0, y + 0.5), (x + 5.0, y + 0.5), (x, y + 9.5)],
            Shape::Square => vec![
                (x - 4.0, y + 1.0),
                (x + 4.0, y + 1.0),
                (x + 4.0, y + 9.0),
                (x - 4.0, y + 9.0),
            ],
            Shape::Circle => ring(4.5, y + 5.0, 12),
            Shape::Dot => ring(3.0, y + 4.0, 8),
            Shape::Cross => {
                // An X of two bars 2 px thick, arms 4.5 px from the centre.
                let (cx, cy, a, t) = (x, y + 5.0, 4.5, 1.2);
                vec![
                    (cx, cy - t),
                    (cx + a - t, cy - a),
                    (cx + a, cy - a + t),
                    (cx + t, cy),
                    (cx + a, cy + a - t),
                    (cx + a - t, cy + a),
                    (cx, cy + t),
                    (cx - a + t, cy + a),
                    (cx - a, cy + a - t),
                    (cx - t, cy),
                    (cx - a, cy - a + t),
                    (cx - a + t, cy - a),
                ]
            }
        }
    }

    /// The outline as an SVG path (`M … L … Z`).
    pub fn path(self, x: f64, y: f64) -> String {
        let pts = self.outline(x, y);
        let mut d = String::new();
        for (i, (px, py)) in pts.iter().enumerate() {
            d.push_str(if i == 0 { "M" } else { " L" });
            d.push_str(&format!("{px:.1} {py:.1}"));
        }
        d.push_str(" Z");
        d
    }
}

impl MarkKind {
    /// The shape of its head.
    pub fn shape(self) -> Shape {
        match self {
            MarkKind::Kill => Shape::Cross,
            MarkKind::Sigterm | MarkKind::GraceSigterm => Shape::Triangle,
            MarkKind::Sigkill | MarkKind::GraceSigkill => Shape::Square,
            MarkKind::Restart => Shape::Circle,
            MarkKind::EventNormal | MarkKind::EventWarning => Shape::Dot,
            MarkKind::Exit | MarkKind::Deleted | MarkKind::Removed | MarkKind::GraceRemoved => {
                Shape::Diamond
            }
        }
    }

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

#[derive(Clone, Debug, PartialEq)]
pub enum LaneContent {
    Slices(Vec<Seg>),
    Instants(Vec<Mark>),
    /// A probe worker's ticks; each entry stands for `count` ticks `period` apart.
    Probe {
        probe_type: ProbeType,
        describe: String,
        period: f64,
        ticks: Vec<Tick>,
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

/// Every track of a timeline: the pod, then one per container; then, when the pod's controller
/// replaced it (`Timeline::replacement`), the replacement's pod and container tracks (`group` 1).
/// In English: what the exports draw.
pub fn tracks(timeline: &Timeline) -> Vec<Track> {
    tracks_in(timeline, Lang::En)
}

/// [`tracks`] with the chart's own words (labels, tooltips, details) in `lang`; Kubernetes text
/// (reasons, states, conditions, fields, signals, event messages, names) stays as it is. The
/// structure (tracks, lane names, items, kinds, tones, times) is the same in every language.
pub fn tracks_in(timeline: &Timeline, lang: Lang) -> Vec<Track> {
    let mut tracks = vec![pod::pod_track(timeline, lang)];
    tracks.extend(
        timeline
            .containers
            .iter()
            .map(|c| container::container_track(timeline, c, lang)),
    );
    // The controller's replacement pod: a second group of tracks on the same time axis.
    if let Some(r) = &timeline.replacement {
        let mut pod = pod::pod_track(r, lang);
        pod.subtitle = lang.f(
            "replacement created by the controller · {}",
            &[&pod.subtitle],
        );
        tracks.push(pod);
        tracks.extend(
            r.containers
                .iter()
                .map(|c| container::container_track(r, c, lang)),
        );
        for t in tracks.iter_mut().skip(1 + timeline.containers.len()) {
            t.group = 1;
        }
    }
    tracks
}

/// Seconds with up to 3 decimals, trailing zeros trimmed: `45.5s`, `75s`, `1.85s`. For tooltips.
pub fn secs(t: impl Into<f64>) -> String {
    let t: f64 = t.into();
    let s = format!("{t:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}s")
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

pub(crate) fn phase_tone(p: podlife_engine::Phase) -> Tone {
    use podlife_engine::Phase;
    match p {
        Phase::Pending => Tone::Pending,
        Phase::Running => Tone::Good,
        Phase::Succeeded => Tone::Done,
        Phase::Failed => Tone::Bad,
    }
}

/// Tone of a container Waiting reason: the error-ish ones stand out.
pub(crate) fn waiting_tone(reason: &str) -> Tone {
    match reason {
        "ContainerCreating" | "PodInitializing" | "" => Tone::Pending,
        _ => Tone::Warn,
    }
}

/// Turn `(t, label, tone)` samples into slices, merging equal neighbours; the last runs to `end`.
pub(crate) fn strip(
    samples: impl IntoIterator<Item = (podlife_engine::Time, String, Tone)>,
    end: podlife_engine::Time,
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
            last.end = t.into();
        }
        out.push(Seg {
            start: t.into(),
            end: end.into(),
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
pub(crate) fn horizon(tl: &Timeline) -> podlife_engine::Time {
    tl.pod.removed_at.map_or(tl.until, |r| r.min(tl.until))
}
