//! The trace viewer: a sticky time axis over tracks of lanes (SVG), a cursor, hover read-out,
//! and Perfetto-style navigation (wheel zoom at the mouse, shift-wheel / axis-drag pan, and the
//! keys of [`crate::keymap`]).
//!
//! This file holds [`TimelineView`], its geometry and its composition; [`axis`] draws the time
//! axis and grid, [`lanes`] the tracks and lanes (slices, marks, probe ticks), [`flows`] the
//! causal arrows, and [`hooks`] holds the width, keyboard and pointer hooks.
//!
//! Drawing cost follows visible pixels: each lane binary-searches its time-sorted content for the
//! visible window and merges marks closer than a few pixels (see [`crate::lod`]). The heavy part
//! ([`Lanes`], [`Grid`]) is memoised on (trace pointer, viewport, width), so moving the cursor or
//! hovering re-renders only the overlay.

mod axis;
mod flows;
mod hooks;
mod lanes;

pub use flows::{FlowsLayer, FlowsLayerProps};
pub use lanes::{fit_label, text_fit, Lanes, LanesProps, GRID_MIN_PX};

use crate::components::minimap::Minimap;
use crate::format;
use crate::lod;
use crate::model::{Time, Trace, Track};
use crate::state::{Action, Shared};
use crate::viewport::Viewport;
use axis::{Axis, Grid};
use hooks::{use_keys, use_pointer, use_width, Geometry};
use yew::prelude::*;

/// Geometry, in CSS pixels. The label column is [`LABEL_W`] wide, or [`LABEL_W_NARROW`] on a
/// narrow screen (see [`label_width`]).
pub const LABEL_W: f64 = 176.0;
pub const LABEL_W_NARROW: f64 = 92.0;
/// Timelines narrower than this (phones) get the narrow label column.
pub const NARROW_PX: f64 = 600.0;
pub const RIGHT_PAD: f64 = 14.0;
pub const AXIS_H: f64 = 28.0;
pub const HEADER_H: f64 = 22.0;
pub const LANE_H: f64 = 18.0;
pub const LANE_GAP: f64 = 4.0;
pub const TRACK_GAP: f64 = 10.0;
/// Probe ticks closer than this merge into one mark.
pub const TICK_MERGE_PX: f64 = lod::TICK_MERGE_PX;
/// Instants closer than this merge into one mark.
pub const MARK_MERGE_PX: f64 = lod::MARK_MERGE_PX;
/// Minimum pixel distance between axis labels.
pub const AXIS_LABEL_PX: f64 = 84.0;

/// Vertical position of one track and its lanes.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackBox {
    pub y: f64,
    pub height: f64,
    /// `y` of each lane, relative to the track.
    pub lanes: Vec<f64>,
}

/// Stack the tracks: a header row, then each lane; returns the boxes and the total height.
pub fn layout(tracks: &[Track]) -> (Vec<TrackBox>, f64) {
    let mut y = TRACK_GAP / 2.0;
    let mut out = Vec::with_capacity(tracks.len());
    for t in tracks {
        let (lanes, ly) = podlife_render::chart::stack_lanes(t, HEADER_H, LANE_H, LANE_GAP);
        out.push(TrackBox {
            y,
            height: ly,
            lanes,
        });
        y += ly + TRACK_GAP;
    }
    (out, y)
}

fn n(v: f64) -> String {
    format!("{v:.1}")
}

/// Width of the label column for a timeline `width` pixels wide.
pub fn label_width(width: f64) -> f64 {
    if width < NARROW_PX {
        LABEL_W_NARROW
    } else {
        LABEL_W
    }
}

/// Width of the plotting area for a timeline `width` pixels wide.
pub fn plot_width(width: f64) -> f64 {
    (width - label_width(width) - RIGHT_PAD).max(50.0)
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub trace: Option<Shared<Trace>>,
    pub view: Viewport,
    pub cursor: Time,
    pub stale: bool,
    pub on_action: Callback<Action>,
    /// Learner mode: the timeline from this instant on is veiled until the question is answered.
    #[prop_or_default]
    pub veil: Option<Time>,
    /// The learner's marker on the veiled part (a `when` question).
    #[prop_or_default]
    pub guess: Option<Time>,
    /// The veil's label ("hidden until you answer", in the interface's language).
    #[prop_or_default]
    pub veil_label: AttrValue,
    /// The text alternative: the pod's state at the cursor in words (read by screen readers;
    /// the events in order are the Events panel's table).
    #[prop_or_default]
    pub summary: AttrValue,
}

#[function_component(TimelineView)]
pub fn timeline_view(props: &TimelineProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    let container = use_node_ref();
    let w = use_width(container.clone());
    let pointer = use_pointer();
    use_keys(props.on_action.clone(), *pointer.hover);
    // Causal arrows shown (the `#flows-toggle` button).
    let show_flows = use_state(|| true);

    let Some(trace) = props.trace.clone() else {
        return html! {
            <div id="timeline" class="timeline empty" ref={container}>
                <p class="placeholder">{crate::i18n::tr(lang, "No timeline yet. Fix the problems in the manifest to see it played.")}</p>
            </div>
        };
    };

    let pw = plot_width(w);
    let lw = label_width(w);
    let view = props.view;
    let until = trace.until();
    let (_, height) = layout(&trace.tracks);

    let on = pointer.handlers(
        Geometry {
            view,
            plot_w: pw,
            label_w: lw,
            until,
        },
        &props.on_action,
    );
    let on_toggle_flows = {
        let show_flows = show_flows.clone();
        Callback::from(move |_e: MouseEvent| show_flows.set(!*show_flows))
    };
    let cursor_x = lw + view.x_of(props.cursor, pw);
    let cursor_visible = view.contains(props.cursor);
    let hover_x = pointer.hover.map(|t| (t, lw + view.x_of(t, pw)));

    let class = classes!("timeline", props.stale.then_some("stale"));
    html! {
        <div id="timeline" {class} ref={container} data-until={n(until)} tabindex="0" role="region"
             aria-label={crate::i18n::tr(lang, "Timeline")} aria-describedby="timeline-summary"
             data-view-start={format!("{:.3}", view.start)} data-view-end={format!("{:.3}", view.end)}>
            <p id="timeline-summary" class="visually-hidden">{props.summary.clone()}</p>
            if props.stale {
                <div class="stale-note" role="status">{crate::i18n::tr(lang, "showing last valid manifest")}</div>
            }
            <div class="timeline-controls">
                <button id="flows-toggle" type="button" class={classes!("toggle", show_flows.then_some("on"))}
                        aria-pressed={show_flows.to_string()} data-flows={trace.flows.len().to_string()}
                        title={crate::i18n::tr(lang, "Show or hide the causal arrows (probe failure → kill → restart, deletion → preStop → SIGTERM → SIGKILL, start order)")}
                        onclick={on_toggle_flows}>{crate::i18n::tr(lang, "⤳ causal arrows")}</button>
            </div>
            // The overview would show what the veil hides.
            if props.veil.is_none() {
                <Minimap trace={trace.clone()} view={view} cursor={props.cursor} width={w} plot_w={pw} label_w={lw}
                         on_action={props.on_action.clone()} />
            }
            <div class="plot-stack" ref={pointer.stack_ref.clone()}>
            <svg class="axis" ref={pointer.axis_ref.clone()} width={n(w)} height={n(AXIS_H)} viewBox={format!("0 0 {} {}", n(w), n(AXIS_H))}
                 onpointerdown={on.down_axis} onpointermove={on.moved.clone()} onpointerup={on.up.clone()}
                 onpointerleave={on.leave.clone()} onwheel={on.wheel.clone()}>
                <Axis view={view} plot_w={pw} label_w={lw} />
            </svg>
            <svg class="lanes" ref={pointer.lanes_ref.clone()} width={n(w)} height={n(height)} viewBox={format!("0 0 {} {}", n(w), n(height))}
                 onpointerdown={on.down_lanes} onpointermove={on.moved} onpointerup={on.up.clone()}
                 onpointercancel={on.up} onpointerleave={on.leave} onwheel={on.wheel}>
                <defs>
                    <clipPath id="lane-clip"><rect x="0" y="-6" width={n(pw)} height={n(LANE_H + 12.0)} /></clipPath>
                    <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="6" height="6" class="hatch-bg" /><line x1="0" y1="0" x2="0" y2="6" class="hatch-line" />
                    </pattern>
                </defs>
                <Grid view={view} plot_w={pw} label_w={lw} height={height} />
                <Lanes trace={trace.clone()} view={view} plot_w={pw} label_w={lw} />
                if *show_flows {
                    <FlowsLayer trace={trace.clone()} view={view} plot_w={pw} label_w={lw} height={height} />
                }
            </svg>
            // The cursor and the hover line are HTML overlays moved with a CSS transform: playback
            // and hovering then repaint no SVG (the compositor moves a layer).
            if let Some((t, x)) = hover_x {
                <div class="hover-overlay" aria-hidden="true" style={format!("transform:translateX({x:.1}px)")}>
                    <span class="hover-label">{format::clock(t)}</span>
                </div>
            }
            if let Some((text, x, y)) = (*pointer.tip).clone() {
                <div id="tooltip" class="tooltip" role="tooltip"
                     style={if x > w * 0.6 { format!("right:{:.0}px;top:{:.0}px", w - x + 12.0, y + 16.0) } else { format!("left:{:.0}px;top:{:.0}px", x + 12.0, y + 16.0) }}>
                    {text}
                </div>
            }
            if let Some(v) = props.veil.filter(|v| *v < view.end) {
                <div id="veil" class="veil" data-from={format!("{v:.3}")}
                     style={format!("left:{:.1}px", lw + view.x_of(v.max(view.start), pw))}
                     // Click, or press and drag, to place the guess.
                     onpointerdown={{
                         let on_action = props.on_action.clone();
                         Callback::from(move |e: PointerEvent| {
                             // The veil's own left edge is `x_of(max(v, start))`: add it back.
                             let left = lw + view.x_of(v.max(view.start), pw);
                             let x = left + f64::from(e.offset_x()) - lw;
                             on_action.emit(Action::LessonGuess(view.t_of(x, pw).max(v)));
                         })
                     }}
                     onpointermove={{
                         let on_action = props.on_action.clone();
                         Callback::from(move |e: PointerEvent| {
                             if e.buttons() & 1 == 1 {
                                 let left = lw + view.x_of(v.max(view.start), pw);
                                 let x = left + f64::from(e.offset_x()) - lw;
                                 on_action.emit(Action::LessonGuess(view.t_of(x, pw).max(v)));
                             }
                         })
                     }}>
                    <span class="veil-label">{props.veil_label.clone()}</span>
                </div>
            }
            if let Some(g) = props.guess.filter(|g| view.contains(*g)) {
                <div id="guess" class="guess-marker" data-t={format!("{g:.3}")}
                     style={format!("transform:translateX({:.1}px)", lw + view.x_of(g, pw))}>
                    <span class="guess-label">{format::clock(g)}</span>
                </div>
            }
            <div id="cursor" class="cursor-overlay" aria-hidden="true" data-t={format!("{:.3}", props.cursor)}
                 style={format!("transform:translateX({:.1}px){}", cursor_x, if cursor_visible { "" } else { ";visibility:hidden" })} />
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;
    use crate::model::Trace;

    #[test]
    fn layout_stacks_tracks() {
        let tr = Trace::build(fixture::liveness_exec(), vec![]);
        let (boxes, h) = layout(&tr.tracks);
        assert_eq!(boxes.len(), 2);
        assert_eq!(boxes[0].lanes.len(), tr.tracks[0].lanes.len());
        assert!(boxes[1].y >= boxes[0].y + boxes[0].height);
        assert!(h > boxes[1].y + boxes[1].height);
        assert_eq!(boxes[0].lanes[0], HEADER_H);
    }

    #[test]
    fn plot_width_has_a_floor() {
        assert_eq!(plot_width(1000.0), 1000.0 - LABEL_W - RIGHT_PAD);
        assert_eq!(plot_width(340.0), 340.0 - LABEL_W_NARROW - RIGHT_PAD);
        assert_eq!(plot_width(10.0), 50.0);
    }
}
