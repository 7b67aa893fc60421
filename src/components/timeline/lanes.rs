//! Tracks and lanes: each track's header, its lanes' labels, and their content — slices, instant
//! marks, the deletion ruler's steps, probe ticks with their grid, initial-delay gates and bands.
//! Every lane binary-searches its time-sorted content for the visible window and merges what is
//! closer than a few pixels ([`crate::lod`]).
//!
//! What a lane draws is decided first as plain data (pixel positions and indices into the
//! lane's content, bounded by the visible pixels) and cut into chunks of [`CHUNK`] items, each
//! drawn by a memoised [`LaneChunk`]. A chunk re-renders only when its items or the content they
//! show changed: after a live action at the cursor everything before it compares equal, so Yew
//! skips it instead of rebuilding and diffing the whole day's elements (and their strings).

use super::{layout, n, TrackBox, LABEL_W, LANE_H, MARK_MERGE_PX, TICK_MERGE_PX};
use crate::format;
use crate::i18n::{tr, trf, Lang};
use crate::lod;
use crate::model::{probe_counter, probe_mark, Lane, LaneContent, Mark, Seg, Time, Trace, Track};
use crate::state::Shared;
use crate::viewport::Viewport;
use podlife_render::chart::Tick as ProbeTick;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LanesProps {
    pub trace: Shared<Trace>,
    pub view: Viewport,
    pub plot_w: f64,
    pub label_w: f64,
}

/// All tracks. Memoised: re-renders only when the trace, the view or the width changes.
#[function_component(Lanes)]
pub fn lanes(p: &LanesProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let (boxes, _) = layout(&p.trace.tracks);
    html! {
        <g class="tracks">
            <defs>
                // Probe bands: on hold after a trip (dense stripes), disabled until started (sparse).
                <pattern id="band-hold" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
                    <line x1="0" y1="0" x2="0" y2="5" class="band-line" />
                </pattern>
                <pattern id="band-disabled" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <line x1="0" y1="0" x2="0" y2="8" class="band-line" />
                </pattern>
            </defs>
            { for p.trace.tracks.iter().zip(boxes).enumerate().map(|(ti, (track, b))| track_view(lang, &p.trace, ti, track, &b, p.view, p.plot_w, p.label_w)) }
        </g>
    }
}

#[allow(clippy::too_many_arguments)]
fn track_view(
    lang: Lang,
    trace: &Shared<Trace>,
    ti: usize,
    track: &Track,
    b: &TrackBox,
    view: Viewport,
    pw: f64,
    lw: f64,
) -> Html {
    let kind = track.kind.label();
    let kind_text = kind_word(lang, kind);
    let narrow = lw < LABEL_W;
    let n_assumed = track.assumptions.len().to_string();
    html! {
        <g class={classes!("track", format!("track-{kind}"), (track.group > 0).then_some("replacement"))}
           data-track={track.name.clone()} data-kind={kind} data-group={track.group.to_string()}
           transform={format!("translate(0,{})", n(b.y))}>
            <rect class="track-bg" x="0" y="-3" width={n(lw + pw)} height={n(b.height + 2.0)} rx="4" />
            <text class="track-title" x="8" y="15">{text_fit(&track.name, if narrow { 10 } else { 13 })}<title>{format!("{}\n{}", track.name, track.subtitle)}</title></text>
            if !narrow {
                <text class={classes!("kind-badge", format!("kind-{kind}"))} x={n(lw - 8.0)} y="15" text-anchor="end">{kind_text}</text>
            }
            <text class="track-subtitle" x={n(lw + 6.0)} y="15">{if narrow { format!("{kind_text} · {}", track.subtitle) } else { track.subtitle.clone() }}</text>
            if !track.assumptions.is_empty() {
                // What podlife could not model exactly about this container: stated, never hidden.
                <text class="assumption-badge" x={n(lw + pw - 6.0)} y="15" text-anchor="end" data-assumptions={track.assumptions.len().to_string()}
                      role="img" aria-label={trf(lang, "{} assumption(s): {}", &[&n_assumed, &track.assumptions.join("; ")])}
                      data-tip={track.assumptions.join("\n")}>
                    {trf(lang, "⚠ {} assumed", &[&n_assumed])}
                </text>
            }
            { for track.lanes.iter().zip(&b.lanes).enumerate().map(|(li, (lane, &ly))| lane_view(lang, trace, (ti, li), lane, ly, view, pw, lw)) }
        </g>
    }
}

#[allow(clippy::too_many_arguments)]
fn lane_view(
    lang: Lang,
    trace: &Shared<Trace>,
    at: (usize, usize),
    lane: &Lane,
    y: f64,
    view: Viewport,
    pw: f64,
    lw: f64,
) -> Html {
    let chunks = |parts: Vec<Part>| -> Html {
        parts
            .into_iter()
            .map(|part| html! { <LaneChunk trace={trace.clone()} at={at} {part} /> })
            .collect()
    };
    let [a, b, c] = lane_parts(lane, view, pw);
    let body = match &lane.content {
        LaneContent::Slices(_) | LaneContent::Instants(_) => chunks(a),
        LaneContent::Probe { period, .. } => html! {<>
            <g class="probe-bands">{chunks(a)}</g>
            <g class="probe-grid" data-period={period.to_string()}>{chunks(b)}</g>
            {chunks(c)}
        </>},
        LaneContent::Ruler { .. } => html! {<>
            {chunks(a)}
            <g class="ruler-steps">{chunks(b)}</g>
            {chunks(c)}
        </>},
    };
    // A probe lane's title is kubectl describe's line for the probe (Kubernetes text); the
    // others name the lane as the chart does, in English (a field or condition name).
    let (title, kubectl) = match &lane.content {
        LaneContent::Probe { describe, .. } => (describe.clone(), true),
        _ => (lane.name.clone(), false),
    };
    let label = lane_word(lang, &lane.name);
    html! {
        <g class="lane" data-lane={lane.name.clone()} transform={format!("translate(0,{})", n(y))}>
            <text class="lane-label" x={n(lw - 6.0)} y={n(LANE_H - 5.0)} text-anchor="end">{text_fit(label, ((lw - 10.0) / 6.3) as usize)}<title translate={kubectl.then_some("no")}>{title}</title></text>
            <rect class="lane-bg" x={n(lw)} y="0" width={n(pw)} height={n(LANE_H)} />
            <g class="lane-plot" transform={format!("translate({},0)", n(lw))} clip-path="url(#lane-clip)">{body}</g>
        </g>
    }
}

/// What a lane draws in the view, in drawing order: slices or instants alone; a probe lane's
/// bands, then its gates and grid, then its ticks; the ruler's base, then its steps, then its
/// marks.
fn lane_parts(lane: &Lane, view: Viewport, pw: f64) -> [Vec<Part>; 3] {
    match &lane.content {
        LaneContent::Slices(s) => [slice_parts(0, s, view, pw), vec![], vec![]],
        LaneContent::Instants(m) => [instant_parts(0, m, view, pw), vec![], vec![]],
        LaneContent::Probe {
            period,
            ticks,
            phase,
            gates,
            bands,
            ..
        } => [
            band_parts(ticks.len(), bands, view, pw),
            grid_parts(ticks.len() + bands.len(), *phase, *period, gates, view, pw),
            tick_parts(*period, ticks, view, pw),
        ],
        LaneContent::Ruler { base, steps, marks } => [
            slice_parts(0, base, view, pw),
            step_parts(base.len(), steps, view, pw),
            instant_parts(base.len() + steps.len(), marks, view, pw),
        ],
    }
}

/// A label cut to `max` characters with an ellipsis (track titles: bold 14 px ≈ 8.4 px a
/// character, the kind badge takes the column's right end; lane labels: 11 px ≈ 6.3 px).
pub fn text_fit(name: &str, max: usize) -> String {
    let max = max.max(2);
    if name.chars().count() <= max {
        name.to_string()
    } else {
        name.chars().take(max - 1).chain(['…']).collect()
    }
}

/// Approximate advance of one label character (11.5 px sans, bold) in pixels.
const CHAR_PX: f64 = 6.9;

/// The label as it fits in `width_px`: whole, cut with an ellipsis (≥ 3 characters kept), or none.
pub fn fit_label(label: &str, width_px: f64) -> Option<String> {
    let room = ((width_px - 8.0) / CHAR_PX).floor();
    let len = label.chars().count();
    if label.is_empty() || room < 4.0 {
        None
    } else if len as f64 <= room {
        Some(label.to_string())
    } else {
        Some(label.chars().take(room as usize - 1).chain(['…']).collect())
    }
}

fn range_text(a: f64, b: f64) -> String {
    format!(
        "{} → {} ({})",
        format::secs(a),
        format::secs(b),
        format::secs(b - a)
    )
}

/// `aria-label` of a slice: `Ready True, 2.5 s to 45.5 s`.
fn slice_aria(lang: Lang, lane: &str, s: &Seg) -> String {
    let what = match (lang, s.label.is_empty(), s.kind) {
        (_, false, _) => s.label.as_str(),
        // A container's not-ready stretch (an unlabelled `ready` slice).
        (Lang::ZhCn, true, "ready") => tr(lang, "not ready"),
        (_, true, kind) => kind,
    };
    trf(
        lang,
        "{} {}, {} to {}",
        &[
            lane_word(lang, lane),
            what,
            &format::secs(s.start),
            &format::secs(s.end),
        ],
    )
}

/// A lane's label in the interface language: the chart's own lane names translated; kubectl's
/// columns (`STATUS`, `READY`) and the pod conditions' types stay as Kubernetes writes them.
pub fn lane_word(lang: Lang, name: &str) -> &str {
    match name {
        "phase" => tr(lang, "phase"),
        "endpoints" => tr(lang, "endpoints"),
        "sandbox" => tr(lang, "sandbox"),
        "events" => tr(lang, "events"),
        "grace" => tr(lang, "grace"),
        "state" => tr(lang, "state"),
        "ready" => tr(lang, "ready"),
        "image" => tr(lang, "image"),
        "back-off" => tr(lang, "back-off"),
        "hooks" => tr(lang, "hooks"),
        "signals" => tr(lang, "signals"),
        "startup" => tr(lang, "startup"),
        "liveness" => tr(lang, "liveness"),
        "readiness" => tr(lang, "readiness"),
        other => other,
    }
}

/// A track kind's badge (`pod`, `app`, `init`, `sidecar`, `ephemeral`) in the interface language.
fn kind_word(lang: Lang, kind: &'static str) -> &'static str {
    match kind {
        "pod" => tr(lang, "pod"),
        "app" => tr(lang, "app"),
        "init" => tr(lang, "init"),
        "sidecar" => tr(lang, "sidecar"),
        "ephemeral" => tr(lang, "ephemeral"),
        other => other,
    }
}

/// A probe as the tooltips name it: `Liveness` / `liveness` in English (the templates add
/// "probe"), `存活探针` in Chinese (the templates do not).
fn probe_name(lang: Lang, title: &str, lower: bool) -> String {
    match (lang, title) {
        (Lang::En, t) if lower => t.to_lowercase(),
        (Lang::En, t) => t.to_string(),
        (_, "Liveness") => tr(lang, "liveness probe").to_string(),
        (_, "Readiness") => tr(lang, "readiness probe").to_string(),
        (_, "Startup") => tr(lang, "startup probe").to_string(),
        (_, t) => t.to_string(),
    }
}

/// A probe result (`success`, `failure`, `error`, `skipped`) in the interface language.
fn result_word(lang: Lang, what: &'static str) -> &'static str {
    match what {
        "success" => tr(lang, "success"),
        "failure" => tr(lang, "failure"),
        "error" => tr(lang, "error"),
        "skipped" => tr(lang, "skipped"),
        other => other,
    }
}

/// A mark's glyph (`kill`, `exit`, `delete`, `gone`) in the interface language; signal names and
/// symbols stay.
fn glyph_word(lang: Lang, glyph: &'static str) -> &'static str {
    match glyph {
        "kill" => tr(lang, "kill"),
        "exit" => tr(lang, "exit"),
        "delete" => tr(lang, "delete"),
        "gone" => tr(lang, "gone"),
        other => other,
    }
}

/// Whether a mark's detail quotes the kubelet's event (its reason and message): Kubernetes text,
/// marked `translate="no"`.
fn quotes_event(kind: crate::model::MarkKind) -> bool {
    use crate::model::MarkKind;
    matches!(
        kind,
        MarkKind::EventNormal | MarkKind::EventWarning | MarkKind::Kill
    )
}

/// The time-sorted slices in the view, as pixel pieces: binary-searched, and merged where
/// narrower than a pixel (level of detail, [`lod::merge_spans`]).
fn visible_pieces(segs: &[Seg], view: Viewport, pw: f64) -> Vec<lod::Piece> {
    let r = lod::visible_spans(
        |i| segs[i].start,
        |i| segs[i].end,
        segs.len(),
        view.start,
        view.end,
    );
    lod::merge_spans(
        r.map(|i| (i, view.x_of(segs[i].start, pw), view.x_of(segs[i].end, pw))),
        1.0,
    )
}

/// Items a [`LaneChunk`] draws at most: small enough that a change redraws little, large enough
/// that a lane of a few hundred marks is a dozen components.
const CHUNK: usize = 32;

/// One probe tick mark as drawn: a cluster of the run points in view, with the points it needs.
#[derive(Clone, Debug, PartialEq)]
struct TickItem {
    /// Indices into the lane's expanded points (`first`, `last`, `rep`), their count and pixels.
    c: lod::Cluster,
    first: lod::RunPoint,
    rep: lod::RunPoint,
    last: lod::RunPoint,
    /// Pixel position of the next mark (room for the counter).
    nx: f64,
    /// Pixel position of the previous mark's end: the hit target stops halfway to it.
    px: f64,
}

/// One chunk of what a lane draws, as plain data: pixel positions (clamped to the plot) and
/// indices into the lane's content. `offset` is where the part's `data-sel` items start.
#[derive(Clone, Debug, PartialEq)]
enum Part {
    /// Slices (of a `Slices` lane, or the ruler's base).
    Slices {
        offset: usize,
        pieces: Vec<lod::Piece>,
    },
    /// Instants (of an `Instants` lane, or the ruler's marks), each with the next one's x.
    Instants {
        offset: usize,
        clusters: Vec<(lod::Cluster, f64)>,
    },
    /// A probe lane's on-hold / disabled bands.
    Bands {
        offset: usize,
        pieces: Vec<lod::Piece>,
    },
    /// A probe lane's initial-delay gates: `(index, x0, x1)`.
    Gates {
        offset: usize,
        gates: Vec<(usize, f64, f64)>,
    },
    /// A probe lane's tick grid lines (x).
    Grid(Vec<f64>),
    /// The ruler's preStop steps: `(index, x0, x1)`.
    Steps {
        offset: usize,
        steps: Vec<(usize, f64, f64)>,
    },
    /// A probe lane's ticks.
    Ticks(Vec<TickItem>),
}

/// Cut a part's items into chunks of [`CHUNK`].
fn chunked<T: Clone>(items: Vec<T>, part: impl Fn(Vec<T>) -> Part) -> Vec<Part> {
    items.chunks(CHUNK).map(|c| part(c.to_vec())).collect()
}

/// The slices of a `Slices` lane or of a ruler's base.
fn segs_of(lane: &Lane) -> &[Seg] {
    match &lane.content {
        LaneContent::Slices(s) => s,
        LaneContent::Ruler { base, .. } => base,
        _ => &[],
    }
}

/// The instants of an `Instants` lane or of a ruler.
fn marks_of(lane: &Lane) -> &[Mark] {
    match &lane.content {
        LaneContent::Instants(m) => m,
        LaneContent::Ruler { marks, .. } => marks,
        _ => &[],
    }
}

fn steps_of(lane: &Lane) -> &[Seg] {
    match &lane.content {
        LaneContent::Ruler { steps, .. } => steps,
        _ => &[],
    }
}

/// What a probe lane's chunks read: title, ticks, bands, gates and thresholds.
struct ProbeRef<'a> {
    title: &'static str,
    ticks: &'a [ProbeTick],
    bands: &'a [Seg],
    gates: &'a [(Time, Time)],
    thresholds: (u32, u32),
}

fn probe_of(lane: &Lane) -> ProbeRef<'_> {
    match &lane.content {
        LaneContent::Probe {
            probe_type,
            ticks,
            gates,
            failure_threshold,
            success_threshold,
            bands,
            ..
        } => ProbeRef {
            title: probe_type.title(),
            ticks,
            bands,
            gates,
            thresholds: (*failure_threshold, *success_threshold),
        },
        _ => ProbeRef {
            title: "",
            ticks: &[],
            bands: &[],
            gates: &[],
            thresholds: (0, 0),
        },
    }
}

/// Whether `a[lo..=hi]` and `b[lo..=hi]` exist and are equal.
fn same_range<T: PartialEq>(a: &[T], b: &[T], lo: usize, hi: usize) -> bool {
    match (a.get(lo..=hi), b.get(lo..=hi)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// Whether two entries of a probe's ticks draw the same: all but `count`, which only decides
/// which points exist (the drawn items say that), so the run a live action cuts short still
/// draws its earlier points unchanged.
fn same_tick(a: &ProbeTick, b: &ProbeTick) -> bool {
    a.t == b.t
        && a.result == b.result
        && a.detail == b.detail
        && a.run == b.run
        && a.tripped == b.tripped
}

impl Part {
    /// Whether everything this part shows of lanes `a` and `b` is the same: the content its
    /// items index (the range from the first to the last; for ticks, each mark's entry) and the
    /// lane-wide values it prints.
    fn same_source(&self, a: &Lane, b: &Lane) -> bool {
        match self {
            Part::Slices { pieces, .. } => match (pieces.first(), pieces.last()) {
                (Some(f), Some(l)) => same_range(segs_of(a), segs_of(b), f.first, l.last),
                _ => true,
            },
            Part::Instants { clusters, .. } => match (clusters.first(), clusters.last()) {
                (Some(f), Some(l)) => same_range(marks_of(a), marks_of(b), f.0.first, l.0.last),
                _ => true,
            },
            Part::Bands { pieces, .. } => {
                let (pa, pb) = (probe_of(a), probe_of(b));
                pa.title == pb.title
                    && match (pieces.first(), pieces.last()) {
                        (Some(f), Some(l)) => same_range(pa.bands, pb.bands, f.first, l.last),
                        _ => true,
                    }
            }
            Part::Gates { gates, .. } => {
                let (pa, pb) = (probe_of(a), probe_of(b));
                pa.title == pb.title
                    && match (gates.first(), gates.last()) {
                        (Some(f), Some(l)) => same_range(pa.gates, pb.gates, f.0, l.0),
                        _ => true,
                    }
            }
            Part::Grid(_) => true,
            Part::Steps { steps, .. } => match (steps.first(), steps.last()) {
                (Some(f), Some(l)) => same_range(steps_of(a), steps_of(b), f.0, l.0),
                _ => true,
            },
            Part::Ticks(items) => {
                let (pa, pb) = (probe_of(a), probe_of(b));
                pa.title == pb.title
                    && pa.thresholds == pb.thresholds
                    && items.iter().all(|it| {
                        match (pa.ticks.get(it.rep.entry), pb.ticks.get(it.rep.entry)) {
                            (Some(x), Some(y)) => same_tick(x, y),
                            _ => false,
                        }
                    })
            }
        }
    }
}

#[derive(Properties)]
struct LaneChunkProps {
    trace: Shared<Trace>,
    /// (track, lane) indices into `trace.tracks`.
    at: (usize, usize),
    part: Part,
}

impl LaneChunkProps {
    fn lane(&self) -> &Lane {
        &self.trace.tracks[self.at.0].lanes[self.at.1]
    }
}

/// Equal when the items are and the content they show is, whatever the trace: a chunk of a new
/// trace that draws what the old one drew is not re-rendered.
impl PartialEq for LaneChunkProps {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at
            && self.part == other.part
            && (self.trace == other.trace || {
                let (a, b) = (self.lane(), other.lane());
                a.name == b.name && self.part.same_source(a, b)
            })
    }
}

/// One chunk of a lane's content (see [`Part`]); its markup is the lane's, with no wrapper.
#[function_component(LaneChunk)]
fn lane_chunk(p: &LaneChunkProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let lane = p.lane();
    let key = format!("{}:{}:", p.at.0, p.at.1);
    match &p.part {
        Part::Slices { offset, pieces } => {
            slices_view(lang, &key, *offset, &lane.name, segs_of(lane), pieces)
        }
        Part::Instants { offset, clusters } => {
            instants_view(lang, &key, *offset, &lane.name, marks_of(lane), clusters)
        }
        Part::Bands { offset, pieces } => {
            let pr = probe_of(lane);
            probe_bands(lang, &key, *offset, pr.title, pr.bands, pieces)
        }
        Part::Gates { offset, gates } => {
            let pr = probe_of(lane);
            probe_gates(lang, &key, *offset, pr.title, pr.gates, gates)
        }
        Part::Grid(lines) => grid_lines(lines),
        Part::Steps { offset, steps } => ruler_steps(lang, &key, *offset, steps_of(lane), steps),
        Part::Ticks(items) => {
            let pr = probe_of(lane);
            probe_view(lang, &key, pr.title, pr.ticks, pr.thresholds, items)
        }
    }
}

/// Pieces clamped to just outside the plot, as drawn.
fn clamp_pieces(pieces: Vec<lod::Piece>, pw: f64) -> Vec<lod::Piece> {
    pieces
        .into_iter()
        .map(|p| lod::Piece {
            x0: p.x0.max(-2.0),
            x1: p.x1.min(pw + 2.0),
            ..p
        })
        .collect()
}

/// A lane's slices in the view; `data-sel` items are `offset + index`.
fn slice_parts(offset: usize, segs: &[Seg], view: Viewport, pw: f64) -> Vec<Part> {
    let pieces = clamp_pieces(visible_pieces(segs, view, pw), pw);
    chunked(pieces, |pieces| Part::Slices { offset, pieces })
}

fn slices_view(
    lang: Lang,
    key: &str,
    offset: usize,
    lane: &str,
    segs: &[Seg],
    pieces: &[lod::Piece],
) -> Html {
    html! {
        <>{ for pieces.iter().map(|p| {
            let s = &segs[p.rep];
            let (x0, x1) = (p.x0, p.x1);
            let wpx = (x1 - x0).max(1.0);
            let merged = p.merged();
            let count = (p.last - p.first + 1).to_string();
            let title = if merged {
                trf(lang, "{} slices, {}", &[&count, &range_text(segs[p.first].start, segs[p.last].end)])
            } else {
                format!("{}\n{}", s.detail, range_text(s.start, s.end))
            };
            let label = if merged { None } else { fit_label(&s.label, wpx) };
            let aria = if merged {
                trf(lang, "{}: {} slices, {} to {}", &[lane_word(lang, lane), &count, &format::secs(segs[p.first].start), &format::secs(segs[p.last].end)])
            } else {
                slice_aria(lang, lane, s)
            };
            html! {
                <g class={classes!("slice", s.tone.class(), merged.then_some("merged"))} data-span={s.kind}
                   data-sel={format!("{key}{}", offset + p.rep)} role="img" aria-label={aria} data-tip={title}>
                    <rect x={n(x0)} y="1" width={n(wpx)} height={n(LANE_H - 2.0)} rx="2" />
                    if let Some(label) = label {
                        <text x={n(x0.max(0.0) + 4.0)} y={n(LANE_H - 5.0)}>{label}</text>
                    }
                </g>
            }
        }) }</>
    }
}

/// A lane's instants in the view, merged closer than [`MARK_MERGE_PX`]; `data-sel` items are
/// `offset + index`.
fn instant_parts(offset: usize, marks: &[Mark], view: Viewport, pw: f64) -> Vec<Part> {
    let pad = view.span() / pw * 6.0;
    let r = lod::visible_points(|i| marks[i].t, marks.len(), view.start, view.end, pad);
    let clusters = lod::merge_points(
        r.map(|i| (i, view.x_of(marks[i].t, pw), marks[i].kind.rank())),
        MARK_MERGE_PX,
    );
    let next_x: Vec<f64> = clusters
        .iter()
        .skip(1)
        .map(|c| c.x0)
        .chain([f64::INFINITY])
        .collect();
    let clusters: Vec<_> = clusters.into_iter().zip(next_x).collect();
    chunked(clusters, |clusters| Part::Instants { offset, clusters })
}

fn instants_view(
    lang: Lang,
    key: &str,
    offset: usize,
    lane: &str,
    marks: &[Mark],
    clusters: &[(lod::Cluster, f64)],
) -> Html {
    html! {
        <>{ for clusters.iter().map(|(c, nx)| {
            let m = &marks[c.rep];
            let x = c.x0;
            let glyph = glyph_word(lang, m.kind.glyph());
            let glyph_px: f64 = glyph.chars().map(|c| if c.is_ascii() { 6.5 } else { 12.0 }).sum();
            let room = nx - x > glyph_px + 10.0;
            let count = c.count.to_string();
            let title = if c.count > 1 {
                let mut s = trf(lang, "{} marks in {}", &[&count, &range_text(marks[c.first].t, marks[c.last].t)]);
                for m in &marks[c.first..=c.last.min(c.first + 8)] {
                    s.push_str(&format!("\n{}  {}", format::secs(m.t), m.detail));
                }
                s
            } else {
                format!("{}  {}", format::secs(m.t), m.detail)
            };
            let aria = if c.count > 1 {
                trf(lang, "{}: {} marks from {} to {}", &[lane_word(lang, lane), &count, &format::secs(marks[c.first].t), &format::secs(marks[c.last].t)])
            } else {
                trf(lang, "{} at {}", &[m.detail.lines().next().unwrap_or(m.kind.name()), &format::secs(m.t)])
            };
            // A single event (or the kubelet's Killing) reads the kubelet's own words.
            let quoted = c.count == 1 && quotes_event(m.kind);
            html! {
                <g class={classes!("mark", format!("mark-{}", m.kind.name()))} data-mark={m.kind.name()} translate={quoted.then_some("no")}
                   data-t={format!("{:.3}", m.t)} data-count={c.count.to_string()} data-sel={format!("{key}{}", offset + c.rep)}
                   role="img" aria-label={aria} data-tip={title}>
                    <line x1={n(x)} x2={n(x)} y1="1" y2={n(LANE_H - 1.0)} />
                    <path d={m.kind.shape().path(x, 1.0)} />
                    if room && !glyph.is_empty() {
                        <text x={n(x + 5.0)} y={n(LANE_H - 4.0)}>{glyph}</text>
                    }
                </g>
            }
        }) }</>
    }
}

/// Minimum pixel spacing of the probe tick grid (denser grids are not drawn).
pub const GRID_MIN_PX: f64 = 6.0;

/// The steps drawn inside the deletion ruler: preStop hooks as a strip along the lane's bottom
/// (a handful per pod; filtered linearly). `data-sel` items are `offset + index`.
fn step_parts(offset: usize, steps: &[Seg], view: Viewport, pw: f64) -> Vec<Part> {
    let min_dt = view.span() / pw;
    let steps: Vec<_> = steps
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.end > view.start && s.start < view.end && s.end - s.start >= min_dt * 0.5
        })
        .map(|(i, s)| {
            (
                i,
                view.x_of(s.start, pw).max(-2.0),
                view.x_of(s.end, pw).min(pw + 2.0),
            )
        })
        .collect();
    chunked(steps, |steps| Part::Steps { offset, steps })
}

fn ruler_steps(
    lang: Lang,
    key: &str,
    offset: usize,
    steps: &[Seg],
    items: &[(usize, f64, f64)],
) -> Html {
    html! {
        <>{ for items.iter().map(|&(i, x0, x1)| {
            let s = &steps[i];
            let w = (x1 - x0).max(2.0);
            html! {
                <g class={classes!("slice", "ruler-step", s.tone.class())} data-span={s.kind}
                   data-sel={format!("{key}{}", offset + i)} role="img" aria-label={slice_aria(lang, "grace", s)}
                   data-tip={format!("{}\n{}", s.detail, range_text(s.start, s.end))}>
                    <rect x={n(x0)} y={n(LANE_H - 7.0)} width={n(w)} height="6" rx="1" />
                </g>
            }
        }) }</>
    }
}

/// The bands behind a probe lane's ticks: on hold after a trip, disabled until started.
/// Binary-searched like slices; `data-sel` items are `offset + index` (after the ticks).
fn band_parts(offset: usize, bands: &[Seg], view: Viewport, pw: f64) -> Vec<Part> {
    let pieces = clamp_pieces(visible_pieces(bands, view, pw), pw);
    chunked(pieces, |pieces| Part::Bands { offset, pieces })
}

fn probe_bands(
    lang: Lang,
    key: &str,
    offset: usize,
    title: &str,
    bands: &[Seg],
    pieces: &[lod::Piece],
) -> Html {
    let (name, lower) = (
        probe_name(lang, title, false),
        probe_name(lang, title, true),
    );
    html! {
        <>{ for pieces.iter().map(|p| {
            let s = &bands[p.rep];
            let (x0, x1) = (p.x0, p.x1);
            let aria = trf(lang, "{} probe {}, {} to {}", &[&lower, &s.label, &format::secs(s.start), &format::secs(s.end)]);
            html! {
                <g class={classes!("probe-band", s.kind)} data-span={s.kind} data-sel={format!("{key}{}", offset + p.rep)}
                   data-t={format!("{:.3}", s.start)} role="img" aria-label={aria}
                   data-tip={trf(lang, "{} probe {}: {}\n{}", &[&name, &s.label, &s.detail, &range_text(s.start, s.end)])}>
                    <rect x={n(x0)} y="1" width={n((x1 - x0).max(1.0))} height={n(LANE_H - 2.0)} />
                </g>
            }
        }) }</>
    }
}

/// The probe worker's tick grid (faint lines at `phase + k·period`, when ≥ 6 px apart) and the
/// initial-delay gates (hatched: ticks there are skipped; selectable, `data-sel` items are
/// `offset + index`): the gates' parts, then the lines'.
fn grid_parts(
    offset: usize,
    phase: f64,
    period: f64,
    gates: &[(Time, Time)],
    view: Viewport,
    pw: f64,
) -> Vec<Part> {
    let px = if view.span() > 0.0 {
        period / view.span() * pw
    } else {
        0.0
    };
    let lines: Vec<f64> = if period > 0.0 && px >= GRID_MIN_PX {
        let k0 = ((view.start - phase) / period).ceil().max(0.0) as i64;
        (k0..)
            .map(|k| phase + k as f64 * period)
            .take_while(|&t| t <= view.end)
            .map(|t| view.x_of(t, pw))
            .collect()
    } else {
        vec![]
    };
    // Level of detail: a gate narrower than 2 px is not drawn (a day-long trace has thousands
    // of runs).
    let gates: Vec<_> = gates
        .iter()
        .enumerate()
        .filter(|(_, (a, b))| *b > view.start && *a < view.end && (b - a) / view.span() * pw >= 2.0)
        .map(|(i, &(a, b))| {
            (
                i,
                view.x_of(a, pw).max(-2.0),
                view.x_of(b, pw).min(pw + 2.0),
            )
        })
        .collect();
    let mut parts = chunked(gates, |gates| Part::Gates { offset, gates });
    parts.extend(chunked(lines, Part::Grid));
    parts
}

fn probe_gates(
    lang: Lang,
    key: &str,
    offset: usize,
    title: &str,
    gates: &[(Time, Time)],
    items: &[(usize, f64, f64)],
) -> Html {
    let lower = probe_name(lang, title, true);
    html! {
        <>{ for items.iter().map(|&(i, x0, x1)| {
            let (a, b) = gates[i];
            let aria = trf(lang, "{} probe initial delay, {} to {}", &[&lower, &format::secs(a), &format::secs(b)]);
            html! {
                <rect class="delay-gate" data-gate="initial-delay" data-span="probe-initial-delay"
                      data-sel={format!("{key}{}", offset + i)} data-t={format!("{a:.3}")} role="img" aria-label={aria}
                      x={n(x0)} y="2" width={n((x1 - x0).max(1.0))} height={n(LANE_H - 4.0)}
                      data-tip={trf(lang, "initialDelaySeconds: no probe before {}", &[&format::secs(b)])} />
            }
        }) }</>
    }
}

fn grid_lines(lines: &[f64]) -> Html {
    html! {
        <>{ for lines.iter().map(|&x| {
            let x = n(x);
            html! { <line class="grid-tick" x1={x.clone()} x2={x} y1="3" y2={n(LANE_H - 3.0)} /> }
        }) }</>
    }
}

/// A probe lane's ticks in the view: run-length entries expanded, merged closer than
/// [`TICK_MERGE_PX`] (worst result shown), touching bars of one result joined.
fn tick_parts(period: f64, ticks: &[ProbeTick], view: Viewport, pw: f64) -> Vec<Part> {
    let secs_per_px = view.span() / pw;
    let pad = secs_per_px * 6.0;
    // Expand run-length-encoded ticks in the window, at most one point per merge distance.
    let pts = lod::expand_runs(
        |i| ticks[i].t,
        |i| ticks[i].count,
        ticks.len(),
        period,
        view.start - pad,
        view.end + pad,
        secs_per_px * TICK_MERGE_PX,
    );
    let clusters = lod::merge_weighted(
        pts.iter().enumerate().map(|(j, p)| {
            (
                j,
                view.x_of(p.t, pw),
                probe_mark(ticks[p.entry].result).1,
                p.weight,
            )
        }),
        TICK_MERGE_PX,
    );
    let clusters = podlife_render::chart::join_tick_bars(clusters, &pts, ticks);
    let next_x: Vec<f64> = clusters
        .iter()
        .skip(1)
        .map(|c| c.x0)
        .chain([f64::INFINITY])
        .collect();
    let prev_x: Vec<f64> = [f64::NEG_INFINITY]
        .into_iter()
        .chain(clusters.iter().map(|c| c.x1))
        .collect();
    let items: Vec<TickItem> = clusters
        .into_iter()
        .zip(next_x)
        .zip(prev_x)
        .map(|((c, nx), px)| TickItem {
            first: pts[c.first],
            rep: pts[c.rep],
            last: pts[c.last],
            c,
            nx,
            px,
        })
        .collect();
    chunked(items, Part::Ticks)
}

fn probe_view(
    lang: Lang,
    key: &str,
    title: &str,
    ticks: &[ProbeTick],
    (failure_threshold, success_threshold): (u32, u32),
    items: &[TickItem],
) -> Html {
    let (lane, title) = (
        probe_name(lang, title, true),
        probe_name(lang, title, false),
    );
    html! {
        <>{ for items.iter().map(|it| {
            let (c, nx, p) = (&it.c, it.nx, it.rep);
            let tk = &ticks[p.entry];
            let (mark, _) = probe_mark(tk.result);
            let what = result_word(lang, &mark[6..]);
            let x = (c.x0 + c.x1) / 2.0;
            let tripped = tk.tripped && p.k == 0;
            // The consecutive-result counter toward the threshold ("2/3"), for a single tick.
            let counter = (c.count == 1)
                .then(|| probe_counter(tk, p.k, failure_threshold, success_threshold))
                .flatten();
            let counter_text = counter.filter(|(run, thr)| run <= thr).map(|(run, thr)| format!("{run}/{thr}"));
            let show_counter = counter_text.as_ref().is_some_and(|t| nx - x >= t.len() as f64 * 5.6 + 9.0);
            let count = c.count.to_string();
            let aria = if c.count > 1 {
                trf(lang, "{} probe: {} ticks from {} to {}, worst {}", &[&lane, &count, &format::secs(it.first.t), &format::secs(it.last.t), what])
            } else {
                let mut a = trf(lang, "{} probe {} at {}", &[&lane, what, &format::secs(p.t)]);
                if let Some((run, thr)) = counter {
                    a.push_str(&trf(lang, ", {}/{}", &[&run.to_string(), &thr.to_string()]));
                }
                a
            };
            let tip = if c.count > 1 {
                trf(lang, "{} {} ticks in {} (worst: {})", &[&count, &title, &range_text(it.first.t, it.last.t), what])
            } else {
                let mut s = trf(lang, "{} probe at {}: {}", &[&title, &format::secs(p.t), what]);
                match counter {
                    Some((run, thr)) if run <= thr => {
                        let which = if tk.result == podlife_engine::ProbeResult::Failure { "failureThreshold" } else { "successThreshold" };
                        s.push_str(&trf(lang, " ({}/{} toward {})", &[&run.to_string(), &thr.to_string(), which]));
                    }
                    Some((run, thr)) => s.push_str(&trf(lang, " (run {}, past the threshold {})", &[&run.to_string(), &thr.to_string()])),
                    None if tk.run > 0 && !matches!(tk.result, podlife_engine::ProbeResult::Skipped) => {
                        s.push_str(&trf(lang, " (run {})", &[&(tk.run + p.k).to_string()]));
                    }
                    None => {}
                }
                if tripped {
                    s.push_str(tr(lang, " → threshold reached"));
                }
                if let Some(d) = &tk.detail {
                    s.push_str(&format!("\n{d}"));
                }
                s
            };
            let cy = LANE_H / 2.0;
            let hit_left = ((x - it.px) / 2.0).clamp(4.0, 9.0);
            let hit_right = ((nx - x) / 2.0).clamp(4.0, 9.0);
            html! {
                // Keyed by the cluster's first point: when a run is cut short (a live action's
                // timeline so far) the earlier marks keep their elements instead of Yew's
                // unkeyed diff shifting every attribute.
                <g key={format!("{}:{}", it.first.entry, it.first.k)}
                   class={classes!("tick-mark", mark, tripped.then_some("tripped"), (c.count > 1).then_some("merged"))}
                   data-mark={mark} data-t={format!("{:.3}", p.t)} data-count={c.count.to_string()}
                   data-counter={counter.map(|(run, thr)| format!("{run}/{thr}"))}
                   data-sel={format!("{key}{}", p.entry)} role="img" aria-label={aria} data-tip={tip}>
                    if c.count > 1 && c.x1 - c.x0 >= 1.0 {
                        <rect x={n(c.x0 - 2.0)} y={n(cy - 4.0)} width={n(c.x1 - c.x0 + 4.0)} height="8" rx="4" />
                    } else {
                        // A finger-sized target around the small dot, reaching at most halfway to
                        // its neighbours (so a tick never covers the next one's dot).
                        <rect class="hit" x={n(x - hit_left)} y="0" width={n(hit_left + hit_right)} height={n(LANE_H)} />
                        <circle cx={n(x)} cy={n(cy)} r={if tripped { "5.5" } else { "4" }} />
                    }
                    if show_counter {
                        <text class="tick-count" x={n(x + 6.0)} y={n(LANE_H - 3.0)}>{counter_text.clone().unwrap_or_default()}</text>
                    }
                </g>
            }
        }) }</>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fit_or_shorten() {
        assert_eq!(fit_label("Running", 200.0).as_deref(), Some("Running"));
        assert_eq!(
            fit_label("CrashLoopBackOff", 70.0).as_deref(),
            Some("CrashLo…")
        );
        assert_eq!(fit_label("CrashLoopBackOff", 20.0), None);
        assert_eq!(fit_label("", 500.0), None);
    }

    impl Part {
        /// The right end of the last item, in plot pixels.
        fn x_end(&self) -> f64 {
            match self {
                Part::Slices { pieces, .. } | Part::Bands { pieces, .. } => {
                    pieces.last().map(|p| p.x1)
                }
                Part::Instants { clusters, .. } => clusters.last().map(|c| c.0.x1),
                Part::Gates { gates: v, .. } | Part::Steps { steps: v, .. } => {
                    v.last().map(|g| g.2)
                }
                Part::Grid(lines) => lines.last().copied(),
                Part::Ticks(items) => items.last().map(|t| t.c.x1),
            }
            .unwrap_or(f64::NEG_INFINITY)
        }
    }

    fn chunk(trace: &Shared<Trace>, at: (usize, usize), part: Part) -> LaneChunkProps {
        LaneChunkProps {
            trace: trace.clone(),
            at,
            part,
        }
    }

    /// After a live action the timeline so far is a new trace that ends soon after the cursor;
    /// every chunk wholly before the cursor compares equal (Yew skips it), and a chunk whose
    /// content changed does not.
    #[test]
    fn chunks_before_a_live_action_compare_equal() {
        use crate::state::{Action, AppState};
        let stress = include_str!("../../../crates/engine/benches/stress-pod.yaml");
        let text = format!("{stress}\n---\nkind: Scenario\nsettings: {{until: 3600}}\n");
        let mut s = AppState::empty();
        s.apply(Action::Edit(text));
        let before = s.trace.clone().expect("a trace");
        s.apply(Action::Seek(1800.0));
        s.apply(Action::Live(crate::sim::LiveAction::Kill {
            container: "c3".into(),
        }));
        assert!(s.simulating(), "the timeline so far");
        let after = s.trace.clone().expect("a partial trace");
        assert!(!std::rc::Rc::ptr_eq(&before.0, &after.0));
        // Zoomed in so that ticks are drawn one by one: many chunks per lane.
        let (view, pw) = (Viewport::new(1500.0, 1900.0), 1400.0);
        let cut = view.x_of(1800.0, pw) - 20.0;
        let (mut early, mut equal, mut total) = (0, 0, 0);
        for (ti, (ta, tb)) in before.tracks.iter().zip(&after.tracks).enumerate() {
            for (li, (la, lb)) in ta.lanes.iter().zip(&tb.lanes).enumerate() {
                let groups = lane_parts(la, view, pw)
                    .into_iter()
                    .zip(lane_parts(lb, view, pw));
                for (pa, pb) in groups.flat_map(|(a, b)| a.into_iter().zip(b)) {
                    // A lane added above (the kill's `signals` lane in c3) shifts the ones below: they redraw.
                    let is_early = pa.x_end() < cut && la.name == lb.name;
                    let same = chunk(&before, (ti, li), pa) == chunk(&after, (ti, li), pb);
                    assert!(
                        same || !is_early,
                        "{} / {}: an early chunk re-renders",
                        ta.name,
                        la.name
                    );
                    early += usize::from(is_early);
                    equal += usize::from(same);
                    total += 1;
                }
            }
        }
        assert!(
            early > total / 2 && equal >= early,
            "{early} early, {equal} equal of {total}"
        );
        // The same items over different content are not equal: a changed tooltip re-renders.
        let mut changed = (*before).clone();
        let c3 = changed.tracks.iter().position(|t| t.name == "c3").unwrap();
        let li = changed.tracks[c3]
            .lanes
            .iter()
            .position(|l| l.name == "liveness")
            .unwrap();
        if let LaneContent::Probe { ticks, .. } = &mut changed.tracks[c3].lanes[li].content {
            ticks[0].detail = Some("changed".into());
        }
        let changed = Shared::new(changed);
        let lane =
            |tr: &Shared<Trace>| lane_parts(&tr.tracks[c3].lanes[li], Viewport::fit(3600.0), pw);
        let (a, b) = (lane(&before), lane(&changed));
        assert_eq!(a, b, "same geometry");
        assert!(a[2]
            .iter()
            .zip(&b[2])
            .any(|(a, b)| chunk(&before, (c3, li), a.clone())
                != chunk(&changed, (c3, li), b.clone())));
    }

    /// The lanes' labels, the kinds' badges and the slices' accessible names in Chinese: the
    /// chart's own lane names translated, Kubernetes names (kubectl's columns, conditions) kept;
    /// English exactly as before.
    #[test]
    fn lane_labels_and_slice_names_in_chinese() {
        let zh = Lang::ZhCn;
        let mut own = 0;
        for e in podlife_engine::gallery::EXAMPLES {
            let tr = crate::sim::simulate(e.yaml).unwrap().in_lang(zh);
            for t in &tr.tracks {
                let kind = t.kind.label();
                assert_eq!(kind_word(Lang::En, kind), kind);
                assert_ne!(kind_word(zh, kind), kind, "{kind}");
                for l in &t.lanes {
                    assert_eq!(lane_word(Lang::En, &l.name), l.name);
                    // The chart's own lanes are lowercase; kubectl's columns and the pod
                    // conditions are not.
                    if l.name.starts_with(|c: char| c.is_ascii_lowercase()) {
                        assert_ne!(lane_word(zh, &l.name), l.name, "{}", l.name);
                        own += 1;
                    }
                    for s in segs_of(l).iter().chain(steps_of(l)) {
                        let aria = slice_aria(zh, &l.name, s);
                        assert!(
                            crate::i18n::untranslated(&aria).is_empty(),
                            "{}: {aria}",
                            e.id
                        );
                    }
                }
            }
        }
        assert!(own > 100);
        let seg = Seg {
            start: 2.5,
            end: 45.5,
            label: "True".into(),
            tone: crate::model::Tone::Good,
            kind: "condition",
            detail: String::new(),
        };
        assert_eq!(
            slice_aria(Lang::En, "Ready", &seg),
            format!(
                "Ready True, {} to {}",
                format::secs(2.5),
                format::secs(45.5)
            )
        );
        let unready = Seg {
            label: String::new(),
            kind: "ready",
            ..seg
        };
        assert!(slice_aria(Lang::En, "ready", &unready).starts_with("ready ready, "));
        assert!(slice_aria(zh, "ready", &unready).starts_with("就绪 未就绪，"));
        assert_eq!(probe_name(Lang::En, "Liveness", true), "liveness");
        assert_eq!(probe_name(zh, "Liveness", true), "存活探针");
        assert_eq!(result_word(zh, "failure"), "失败");
        assert_eq!(glyph_word(zh, "TERM"), "TERM");
    }

    #[test]
    fn long_titles_are_cut() {
        assert_eq!(text_fit("liveness-exec", 13), "liveness-exec");
        assert_eq!(text_fit("myapp-r5r27r9jnh-wchq2", 13), "myapp-r5r27r…");
        assert_eq!(text_fit("PodReadyToStartContainers", 13), "PodReadyToSt…");
    }
}
