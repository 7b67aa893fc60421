//! Tracks and lanes: each track's header, its lanes' labels, and their content — slices, instant
//! marks, the deletion ruler's steps, probe ticks with their grid, initial-delay gates and bands.
//! Every lane binary-searches its time-sorted content for the visible window and merges what is
//! closer than a few pixels ([`crate::lod`]).

use super::{layout, n, TrackBox, LABEL_W, LANE_H, MARK_MERGE_PX, TICK_MERGE_PX};
use crate::format;
use crate::lod;
use crate::model::{probe_counter, probe_mark, Lane, LaneContent, Mark, Seg, Time, Trace, Track};
use crate::state::Shared;
use crate::viewport::Viewport;
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
            { for p.trace.tracks.iter().zip(boxes).enumerate().map(|(ti, (track, b))| track_view(ti, track, &b, p.view, p.plot_w, p.label_w)) }
        </g>
    }
}

fn track_view(ti: usize, track: &Track, b: &TrackBox, view: Viewport, pw: f64, lw: f64) -> Html {
    let kind = track.kind.label();
    let narrow = lw < LABEL_W;
    html! {
        <g class={classes!("track", format!("track-{kind}"), (track.group > 0).then_some("replacement"))}
           data-track={track.name.clone()} data-kind={kind} data-group={track.group.to_string()}
           transform={format!("translate(0,{})", n(b.y))}>
            <rect class="track-bg" x="0" y="-3" width={n(lw + pw)} height={n(b.height + 2.0)} rx="4" />
            <text class="track-title" x="8" y="15">{text_fit(&track.name, if narrow { 10 } else { 13 })}<title>{format!("{}\n{}", track.name, track.subtitle)}</title></text>
            if !narrow {
                <text class={classes!("kind-badge", format!("kind-{kind}"))} x={n(lw - 8.0)} y="15" text-anchor="end">{kind}</text>
            }
            <text class="track-subtitle" x={n(lw + 6.0)} y="15">{if narrow { format!("{kind} · {}", track.subtitle) } else { track.subtitle.clone() }}</text>
            if !track.assumptions.is_empty() {
                // What podlife could not model exactly about this container: stated, never hidden.
                <text class="assumption-badge" x={n(lw + pw - 6.0)} y="15" text-anchor="end" data-assumptions={track.assumptions.len().to_string()}
                      aria-label={format!("{} assumption(s): {}", track.assumptions.len(), track.assumptions.join("; "))}
                      data-tip={track.assumptions.join("\n")}>
                    {format!("⚠ {} assumed", track.assumptions.len())}
                </text>
            }
            { for track.lanes.iter().zip(&b.lanes).enumerate().map(|(li, (lane, &ly))| lane_view(&format!("{ti}:{li}:"), lane, ly, view, pw, lw)) }
        </g>
    }
}

fn lane_view(key: &str, lane: &Lane, y: f64, view: Viewport, pw: f64, lw: f64) -> Html {
    let name = lane.name.as_str();
    let body = match &lane.content {
        LaneContent::Slices(s) => slices_view(key, 0, name, s, view, pw),
        LaneContent::Instants(m) => instants_view(key, 0, name, m, view, pw),
        LaneContent::Probe {
            probe_type,
            period,
            ticks,
            phase,
            gates,
            failure_threshold,
            success_threshold,
            bands,
            ..
        } => html! {<>
            {probe_bands(key, ticks.len(), probe_type.title(), bands, view, pw)}
            {probe_grid(key, ticks.len() + bands.len(), probe_type.title(), *phase, *period, gates, view, pw)}
            {probe_view(key, probe_type.title(), *period, ticks, (*failure_threshold, *success_threshold), view, pw)}
        </>},
        LaneContent::Ruler { base, steps, marks } => html! {<>
            {slices_view(key, 0, name, base, view, pw)}
            {ruler_steps(key, base.len(), steps, view, pw)}
            {instants_view(key, base.len() + steps.len(), name, marks, view, pw)}
        </>},
    };
    let title = match &lane.content {
        LaneContent::Probe { describe, .. } => describe.clone(),
        _ => lane.name.clone(),
    };
    html! {
        <g class="lane" data-lane={lane.name.clone()} transform={format!("translate(0,{})", n(y))}>
            <text class="lane-label" x={n(lw - 6.0)} y={n(LANE_H - 5.0)} text-anchor="end">{text_fit(&lane.name, ((lw - 10.0) / 6.3) as usize)}<title>{title}</title></text>
            <rect class="lane-bg" x={n(lw)} y="0" width={n(pw)} height={n(LANE_H)} />
            <g class="lane-plot" transform={format!("translate({},0)", n(lw))} clip-path="url(#lane-clip)">{body}</g>
        </g>
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
fn slice_aria(lane: &str, s: &Seg) -> String {
    format!(
        "{lane} {}, {} to {}",
        if s.label.is_empty() { s.kind } else { &s.label },
        format::secs(s.start),
        format::secs(s.end)
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

/// A lane's slices; `data-sel` items are `offset + index`.
fn slices_view(
    key: &str,
    offset: usize,
    lane: &str,
    segs: &[Seg],
    view: Viewport,
    pw: f64,
) -> Html {
    let pieces = visible_pieces(segs, view, pw);
    html! {
        <>{ for pieces.into_iter().map(|p| {
            let s = &segs[p.rep];
            let x0 = p.x0.max(-2.0);
            let x1 = p.x1.min(pw + 2.0);
            let wpx = (x1 - x0).max(1.0);
            let merged = p.merged();
            let title = if merged {
                format!("{} slices, {}", p.last - p.first + 1, range_text(segs[p.first].start, segs[p.last].end))
            } else {
                format!("{}\n{}", s.detail, range_text(s.start, s.end))
            };
            let label = if merged { None } else { fit_label(&s.label, wpx) };
            let aria = if merged {
                format!("{lane}: {} slices, {} to {}", p.last - p.first + 1, format::secs(segs[p.first].start), format::secs(segs[p.last].end))
            } else {
                slice_aria(lane, s)
            };
            html! {
                <g class={classes!("slice", s.tone.class(), merged.then_some("merged"))} data-span={s.kind}
                   data-sel={format!("{key}{}", offset + p.rep)} aria-label={aria} data-tip={title}>
                    <rect x={n(x0)} y="1" width={n(wpx)} height={n(LANE_H - 2.0)} rx="2" />
                    if let Some(label) = label {
                        <text x={n(x0.max(0.0) + 4.0)} y={n(LANE_H - 5.0)}>{label}</text>
                    }
                </g>
            }
        }) }</>
    }
}

/// A lane's instants; `data-sel` items are `offset + index`.
fn instants_view(
    key: &str,
    offset: usize,
    lane: &str,
    marks: &[Mark],
    view: Viewport,
    pw: f64,
) -> Html {
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
    html! {
        <>{ for clusters.iter().zip(next_x).map(|(c, nx)| {
            let m = &marks[c.rep];
            let x = c.x0;
            let glyph = m.kind.glyph();
            let room = nx - x > glyph.len() as f64 * 6.5 + 10.0;
            let title = if c.count > 1 {
                let mut s = format!("{} marks in {}", c.count, range_text(marks[c.first].t, marks[c.last].t));
                for m in &marks[c.first..=c.last.min(c.first + 8)] {
                    s.push_str(&format!("\n{}  {}", format::secs(m.t), m.detail));
                }
                s
            } else {
                format!("{}  {}", format::secs(m.t), m.detail)
            };
            let aria = if c.count > 1 {
                format!("{lane}: {} marks from {} to {}", c.count, format::secs(marks[c.first].t), format::secs(marks[c.last].t))
            } else {
                format!("{} at {}", m.detail.lines().next().unwrap_or(m.kind.name()), format::secs(m.t))
            };
            html! {
                <g class={classes!("mark", format!("mark-{}", m.kind.name()))} data-mark={m.kind.name()}
                   data-t={format!("{:.3}", m.t)} data-count={c.count.to_string()} data-sel={format!("{key}{}", offset + c.rep)}
                   aria-label={aria} data-tip={title}>
                    <line x1={n(x)} x2={n(x)} y1="1" y2={n(LANE_H - 1.0)} />
                    <path d={format!("M{} 1 l4 5 l-4 5 l-4 -5 z", n(x))} />
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
fn ruler_steps(key: &str, offset: usize, steps: &[Seg], view: Viewport, pw: f64) -> Html {
    let min_dt = view.span() / pw;
    html! {
        <g class="ruler-steps">
            { for steps.iter().enumerate().filter(|(_, s)| s.end > view.start && s.start < view.end && s.end - s.start >= min_dt * 0.5).map(|(i, s)| {
                let x0 = view.x_of(s.start, pw).max(-2.0);
                let x1 = view.x_of(s.end, pw).min(pw + 2.0);
                let w = (x1 - x0).max(2.0);
                html! {
                    <g class={classes!("slice", "ruler-step", s.tone.class())} data-span={s.kind}
                       data-sel={format!("{key}{}", offset + i)} aria-label={slice_aria("grace", s)}
                       data-tip={format!("{}\n{}", s.detail, range_text(s.start, s.end))}>
                        <rect x={n(x0)} y={n(LANE_H - 7.0)} width={n(w)} height="6" rx="1" />
                    </g>
                }
            }) }
        </g>
    }
}

/// The bands behind a probe lane's ticks: on hold after a trip, disabled until started.
/// Binary-searched like slices; `data-sel` items are `offset + index` (after the ticks).
fn probe_bands(
    key: &str,
    offset: usize,
    title: &str,
    bands: &[Seg],
    view: Viewport,
    pw: f64,
) -> Html {
    let pieces = visible_pieces(bands, view, pw);
    html! {
        <g class="probe-bands">
            { for pieces.into_iter().map(|p| {
                let s = &bands[p.rep];
                let x0 = p.x0.max(-2.0);
                let x1 = p.x1.min(pw + 2.0);
                let aria = format!("{} probe {}, {} to {}", title.to_lowercase(), s.label, format::secs(s.start), format::secs(s.end));
                html! {
                    <g class={classes!("probe-band", s.kind)} data-span={s.kind} data-sel={format!("{key}{}", offset + p.rep)}
                       data-t={format!("{:.3}", s.start)} aria-label={aria}
                       data-tip={format!("{title} probe {}: {}\n{}", s.label, s.detail, range_text(s.start, s.end))}>
                        <rect x={n(x0)} y="1" width={n((x1 - x0).max(1.0))} height={n(LANE_H - 2.0)} />
                    </g>
                }
            }) }
        </g>
    }
}

/// The probe worker's tick grid (faint lines at `phase + k·period`, when ≥ 6 px apart) and the
/// initial-delay gates (hatched: ticks there are skipped; selectable, `data-sel` items are
/// `offset + index`).
#[allow(clippy::too_many_arguments)]
fn probe_grid(
    key: &str,
    offset: usize,
    title: &str,
    phase: f64,
    period: f64,
    gates: &[(Time, Time)],
    view: Viewport,
    pw: f64,
) -> Html {
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
            .collect()
    } else {
        vec![]
    };
    html! {
        <g class="probe-grid" data-period={period.to_string()}>
            // Level of detail: a gate narrower than 2 px is not drawn (a day-long trace has
            // thousands of runs).
            { for gates.iter().enumerate().filter(|(_, (a, b))| *b > view.start && *a < view.end && (b - a) / view.span() * pw >= 2.0).map(|(i, &(a, b))| {
                let x0 = view.x_of(a, pw).max(-2.0);
                let x1 = view.x_of(b, pw).min(pw + 2.0);
                let aria = format!("{} probe initial delay, {} to {}", title.to_lowercase(), format::secs(a), format::secs(b));
                html! {
                    <rect class="delay-gate" data-gate="initial-delay" data-span="probe-initial-delay"
                          data-sel={format!("{key}{}", offset + i)} data-t={format!("{a:.3}")} aria-label={aria}
                          x={n(x0)} y="2" width={n((x1 - x0).max(1.0))} height={n(LANE_H - 4.0)}
                          data-tip={format!("initialDelaySeconds: no probe before {}", format::secs(b))} />
                }
            }) }
            { for lines.iter().map(|&t| {
                let x = n(view.x_of(t, pw));
                html! { <line class="grid-tick" x1={x.clone()} x2={x} y1="3" y2={n(LANE_H - 3.0)} /> }
            }) }
        </g>
    }
}

fn probe_view(
    key: &str,
    title: &str,
    period: f64,
    ticks: &[podlife_render::chart::Tick],
    (failure_threshold, success_threshold): (u32, u32),
    view: Viewport,
    pw: f64,
) -> Html {
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
    let next_x: Vec<f64> = clusters
        .iter()
        .skip(1)
        .map(|c| c.x0)
        .chain([f64::INFINITY])
        .collect();
    let lane = title.to_lowercase();
    html! {
        <>{ for clusters.iter().zip(next_x).map(|(c, nx)| {
            let p = pts[c.rep];
            let tk = &ticks[p.entry];
            let (mark, _) = probe_mark(tk.result);
            let what = &mark[6..];
            let x = (c.x0 + c.x1) / 2.0;
            let tripped = tk.tripped && p.k == 0;
            // The consecutive-result counter toward the threshold ("2/3"), for a single tick.
            let counter = (c.count == 1)
                .then(|| probe_counter(tk, p.k, failure_threshold, success_threshold))
                .flatten();
            let counter_text = counter.filter(|(run, thr)| run <= thr).map(|(run, thr)| format!("{run}/{thr}"));
            let show_counter = counter_text.as_ref().is_some_and(|t| nx - x >= t.len() as f64 * 5.6 + 9.0);
            let aria = if c.count > 1 {
                format!("{lane} probe: {} ticks from {} to {}, worst {what}", c.count, format::secs(pts[c.first].t), format::secs(pts[c.last].t))
            } else {
                let mut a = format!("{lane} probe {what} at {}", format::secs(p.t));
                if let Some((run, thr)) = counter {
                    a.push_str(&format!(", {run}/{thr}"));
                }
                a
            };
            let tip = if c.count > 1 {
                format!("{} {title} ticks in {} (worst: {what})", c.count, range_text(pts[c.first].t, pts[c.last].t))
            } else {
                let mut s = format!("{title} probe at {}: {what}", format::secs(p.t));
                match counter {
                    Some((run, thr)) if run <= thr => {
                        let which = if tk.result == podlife_engine::ProbeResult::Failure { "failureThreshold" } else { "successThreshold" };
                        s.push_str(&format!(" ({run}/{thr} toward {which})"));
                    }
                    Some((run, thr)) => s.push_str(&format!(" (run {run}, past the threshold {thr})")),
                    None if tk.run > 0 && !matches!(tk.result, podlife_engine::ProbeResult::Skipped) => {
                        s.push_str(&format!(" (run {})", tk.run + p.k));
                    }
                    None => {}
                }
                if tripped {
                    s.push_str(" → threshold reached");
                }
                if let Some(d) = &tk.detail {
                    s.push_str(&format!("\n{d}"));
                }
                s
            };
            let cy = LANE_H / 2.0;
            html! {
                // Keyed by the cluster's first point: when a run is cut short (a live action's
                // timeline so far) the earlier marks keep their elements instead of Yew's
                // unkeyed diff shifting every attribute.
                <g key={format!("{}:{}", pts[c.first].entry, pts[c.first].k)}
                   class={classes!("tick-mark", mark, tripped.then_some("tripped"), (c.count > 1).then_some("merged"))}
                   data-mark={mark} data-t={format!("{:.3}", p.t)} data-count={c.count.to_string()}
                   data-counter={counter.map(|(run, thr)| format!("{run}/{thr}"))}
                   data-sel={format!("{key}{}", p.entry)} aria-label={aria} data-tip={tip}>
                    if c.count > 1 && c.x1 - c.x0 >= 1.0 {
                        <rect x={n(c.x0 - 2.0)} y={n(cy - 4.0)} width={n(c.x1 - c.x0 + 4.0)} height="8" rx="4" />
                    } else {
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

    #[test]
    fn long_titles_are_cut() {
        assert_eq!(text_fit("liveness-exec", 13), "liveness-exec");
        assert_eq!(text_fit("myapp-r5r27r9jnh-wchq2", 13), "myapp-r5r27r…");
        assert_eq!(text_fit("PodReadyToStartContainers", 13), "PodReadyToSt…");
    }
}
