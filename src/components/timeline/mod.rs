//! The trace viewer: a sticky time axis over tracks of lanes (SVG), a cursor, hover read-out,
//! and Perfetto-style navigation (wheel zoom at the mouse, shift-wheel / axis-drag pan,
//! W/S zoom and A/D pan on `KeyboardEvent.code`, F fit, `,`/`.` previous/next event).
//!
//! Drawing cost follows visible pixels: each lane binary-searches its time-sorted content for the
//! visible window and merges marks closer than a few pixels (see [`crate::lod`]). The heavy part
//! ([`Lanes`], [`Grid`]) is memoised on (trace pointer, viewport, width), so moving the cursor or
//! hovering re-renders only the overlay.

mod axis;
mod flows;
mod lanes;

pub use flows::{FlowsLayer, FlowsLayerProps};
pub use lanes::{fit_label, text_fit, Lanes, LanesProps, GRID_MIN_PX};

use crate::components::minimap::{pinch_view, Minimap};
use crate::format;
use crate::lod;
use crate::model::{Time, Trace, Track};
use crate::state::{Action, Shared};
use crate::viewport::Viewport;
use axis::{Axis, Grid};
use gloo_events::EventListener;
use std::cell::Cell;
use wasm_bindgen::JsCast;
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
        let mut ly = HEADER_H;
        let lanes = t
            .lanes
            .iter()
            .map(|_| {
                let here = ly;
                ly += LANE_H + LANE_GAP;
                here
            })
            .collect();
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
}

#[derive(Clone, Copy, PartialEq)]
enum Drag {
    None,
    Seek,
    /// Panning: pointer x and view at the drag's start.
    Pan(f64, Viewport),
    /// Two-pointer pinch: the pointers' initial distance, the time under their initial midpoint
    /// and the view at the pinch's start.
    Pinch(f64, Time, Viewport),
}

#[function_component(TimelineView)]
pub fn timeline_view(props: &TimelineProps) -> Html {
    let container = use_node_ref();
    // Yew delegates events to the app root, so `current_target` is not the SVG: measure from refs.
    let axis_ref = use_node_ref();
    let lanes_ref = use_node_ref();
    let width = use_state(|| 960.0f64);
    let hover = use_state(|| None::<Time>);
    // The hovered item's `data-tip` and the pointer position in the plot stack: one tooltip
    // element instead of a `<title>` in every slice and mark.
    let tip = use_state(|| None::<(String, f64, f64)>);
    let drag = use_mut_ref(|| Drag::None);
    // Active pointers (id → plot x), for two-finger pinch zoom on touch screens.
    let pointers = use_mut_ref(std::collections::BTreeMap::<i32, f64>::new);
    // Causal arrows shown (the `#flows-toggle` button).
    let show_flows = use_state(|| true);
    // The latest hover time, for keyboard zoom anchoring from a listener that outlives renders.
    let hover_cell = use_memo((), |_| Cell::new(None::<Time>));
    hover_cell.set(*hover);

    // Measure the container now and on every window resize.
    {
        let container = container.clone();
        let width = width.clone();
        use_effect_with((), move |_| {
            let measure = {
                let container = container.clone();
                let width = width.clone();
                move || {
                    if let Some(el) = container.cast::<web_sys::Element>() {
                        let w = el.client_width() as f64;
                        if w > 0.0 {
                            width.set(w);
                        }
                    }
                }
            };
            measure();
            let listener =
                web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| measure()));
            move || drop(listener)
        });
    }

    // Keyboard navigation on physical keys (KeyboardEvent.code), Perfetto conventions.
    {
        let on_action = props.on_action.clone();
        let hover_cell = hover_cell.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                EventListener::new_with_options(
                    &doc,
                    "keydown",
                    gloo_events::EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        if e.code() == "Escape" {
                            on_action.emit(Action::CloseOverlays);
                            return;
                        }
                        if e.ctrl_key() || e.meta_key() || e.alt_key() || typing_target(e) {
                            return;
                        }
                        if e.key() == "?" {
                            e.prevent_default();
                            on_action.emit(Action::ToggleShortcuts);
                            return;
                        }
                        let big = e.shift_key();
                        let action = match e.code().as_str() {
                            "KeyW" => Action::Zoom {
                                factor: if big { 0.5 } else { 0.8 },
                                anchor: hover_cell.get(),
                            },
                            "KeyS" => Action::Zoom {
                                factor: if big { 2.0 } else { 1.25 },
                                anchor: hover_cell.get(),
                            },
                            "KeyA" => Action::PanBy(if big { -0.5 } else { -0.1 }),
                            "KeyD" => Action::PanBy(if big { 0.5 } else { 0.1 }),
                            "KeyF" => Action::Fit,
                            "Period" => Action::NextEvent,
                            "Comma" => Action::PrevEvent,
                            "Space" if !on_button(e) => Action::TogglePlay,
                            "Enter" | "NumpadEnter" if !on_button(e) => Action::ExplainAtCursor,
                            _ => return,
                        };
                        e.prevent_default();
                        on_action.emit(action);
                    },
                )
            });
            move || drop(listener)
        });
    }

    let Some(trace) = props.trace.clone() else {
        return html! {
            <div id="timeline" class="timeline empty" ref={container}>
                <p class="placeholder">{"No timeline yet. Fix the problems in the manifest to see it played."}</p>
            </div>
        };
    };

    let w = *width;
    let pw = plot_width(w);
    let lw = label_width(w);
    let view = props.view;
    let until = trace.until();
    let (_, height) = layout(&trace.tracks);

    // Pointer → (time, x in the plot). Both SVGs share the same horizontal geometry.
    let t_at = {
        let axis_ref = axis_ref.clone();
        move |e: &MouseEvent| -> Option<(f64, f64)> {
            let el = axis_ref.cast::<web_sys::Element>()?;
            let x = e.client_x() as f64 - el.get_bounding_client_rect().left() - lw;
            Some((view.t_of(x, pw), x))
        }
    };

    let on_down = {
        let drag = drag.clone();
        let pointers = pointers.clone();
        let on_action = props.on_action.clone();
        let t_at = t_at.clone();
        let (axis_ref, lanes_ref) = (axis_ref.clone(), lanes_ref.clone());
        move |axis: bool| {
            let drag = drag.clone();
            let pointers = pointers.clone();
            let on_action = on_action.clone();
            let t_at = t_at.clone();
            let target = if axis {
                axis_ref.clone()
            } else {
                lanes_ref.clone()
            };
            Callback::from(move |e: PointerEvent| {
                if e.button() != 0 {
                    return;
                }
                let Some((t, x)) = t_at(&e) else { return };
                if x < 0.0 {
                    return;
                }
                // Capture on the SVG itself so drags keep reaching its (delegated) listeners.
                if let Some(el) = target.cast::<web_sys::Element>() {
                    let _ = el.set_pointer_capture(e.pointer_id());
                }
                e.prevent_default();
                // A second finger down: pinch (zoom about the fingers' midpoint), not seek.
                let mut ps = pointers.borrow_mut();
                ps.insert(e.pointer_id(), x);
                if ps.len() >= 2 {
                    let mut xs = ps.values().copied();
                    let (a, b) = (xs.next().unwrap_or(x), xs.next().unwrap_or(x));
                    let mid = (a + b) / 2.0;
                    *drag.borrow_mut() = Drag::Pinch((a - b).abs(), view.t_of(mid, pw), view);
                    return;
                }
                drop(ps);
                if !axis && !e.shift_key() {
                    if let Some(sel) = selection_at(&e, t) {
                        on_action.emit(Action::Select(Some(sel)));
                    }
                }
                if axis || e.shift_key() {
                    *drag.borrow_mut() = Drag::Pan(x, view);
                } else {
                    *drag.borrow_mut() = Drag::Seek;
                    on_action.emit(Action::Seek(t));
                }
            })
        }
    };
    let stack_ref = use_node_ref();
    let on_move = {
        let drag = drag.clone();
        let tip = tip.clone();
        let stack_ref = stack_ref.clone();
        let pointers = pointers.clone();
        let hover = hover.clone();
        let on_action = props.on_action.clone();
        let t_at = t_at.clone();
        Callback::from(move |e: PointerEvent| {
            let Some((t, x)) = t_at(&e) else { return };
            if let Some(px) = pointers.borrow_mut().get_mut(&e.pointer_id()) {
                *px = x;
            }
            let d = *drag.borrow();
            match d {
                Drag::Seek => on_action.emit(Action::Seek(t)),
                Drag::Pan(x0, v0) => {
                    let dt = (x0 - x) / pw * v0.span();
                    on_action.emit(Action::SetView(v0.pan(dt, until)));
                }
                Drag::Pinch(d0, t_mid0, v0) => {
                    let ps = pointers.borrow();
                    let mut xs = ps.values().copied();
                    if let (Some(a), Some(b)) = (xs.next(), xs.next()) {
                        let v = pinch_view(v0, t_mid0, d0, (a - b).abs(), (a + b) / 2.0, pw, until);
                        if v != view {
                            on_action.emit(Action::SetView(v));
                        }
                    }
                }
                Drag::None => {}
            }
            let h = (x >= 0.0 && x <= pw).then_some(t);
            if *hover != h {
                hover.set(h);
            }
            let new_tip = tip_at(&e, &stack_ref);
            if *tip != new_tip {
                tip.set(new_tip);
            }
        })
    };
    let on_up = {
        let drag = drag.clone();
        let pointers = pointers.clone();
        Callback::from(move |e: PointerEvent| {
            pointers.borrow_mut().remove(&e.pointer_id());
            *drag.borrow_mut() = Drag::None;
        })
    };
    let on_toggle_flows = {
        let show_flows = show_flows.clone();
        Callback::from(move |_e: MouseEvent| show_flows.set(!*show_flows))
    };
    let on_leave = {
        let hover = hover.clone();
        let tip = tip.clone();
        Callback::from(move |_e: PointerEvent| {
            hover.set(None);
            tip.set(None);
        })
    };
    let on_wheel = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: WheelEvent| {
            let Some((t, x)) = t_at(&e) else { return };
            if x < 0.0 {
                return;
            }
            e.prevent_default();
            let unit = match e.delta_mode() {
                1 => 16.0,  // lines
                2 => 400.0, // pages
                _ => 1.0,
            };
            let (dx, dy) = (e.delta_x() * unit, e.delta_y() * unit);
            if e.shift_key() || dx.abs() > dy.abs() {
                let px = if dx.abs() > dy.abs() { dx } else { dy };
                on_action.emit(Action::SetView(view.pan(px / pw * view.span(), until)));
            } else {
                on_action.emit(Action::Zoom {
                    factor: (dy * 0.0015).exp(),
                    anchor: Some(t),
                });
            }
        })
    };

    let cursor_x = lw + view.x_of(props.cursor, pw);
    let cursor_visible = view.contains(props.cursor);
    let hover_x = hover.map(|t| (t, lw + view.x_of(t, pw)));

    let class = classes!("timeline", props.stale.then_some("stale"));
    html! {
        <div id="timeline" {class} ref={container} data-until={n(until)}
             data-view-start={format!("{:.3}", view.start)} data-view-end={format!("{:.3}", view.end)}>
            if props.stale {
                <div class="stale-note" role="status">{"showing last valid manifest"}</div>
            }
            <div class="timeline-controls">
                <button id="flows-toggle" type="button" class={classes!("toggle", show_flows.then_some("on"))}
                        aria-pressed={show_flows.to_string()} data-flows={trace.flows.len().to_string()}
                        title="Show or hide the causal arrows (probe failure → kill → restart, deletion → preStop → SIGTERM → SIGKILL, start order)"
                        onclick={on_toggle_flows}>{"⤳ causal arrows"}</button>
            </div>
            <Minimap trace={trace.clone()} view={view} cursor={props.cursor} width={w} plot_w={pw} label_w={lw}
                     on_action={props.on_action.clone()} />
            <div class="plot-stack" ref={stack_ref}>
            <svg class="axis" ref={axis_ref} width={n(w)} height={n(AXIS_H)} viewBox={format!("0 0 {} {}", n(w), n(AXIS_H))}
                 onpointerdown={on_down(true)} onpointermove={on_move.clone()} onpointerup={on_up.clone()}
                 onpointerleave={on_leave.clone()} onwheel={on_wheel.clone()}>
                <Axis view={view} plot_w={pw} label_w={lw} />
            </svg>
            <svg class="lanes" ref={lanes_ref} width={n(w)} height={n(height)} viewBox={format!("0 0 {} {}", n(w), n(height))}
                 onpointerdown={on_down(false)} onpointermove={on_move} onpointerup={on_up.clone()}
                 onpointercancel={on_up} onpointerleave={on_leave} onwheel={on_wheel}>
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
            if let Some((text, x, y)) = (*tip).clone() {
                <div id="tooltip" class="tooltip" role="tooltip"
                     style={if x > w * 0.6 { format!("right:{:.0}px;top:{:.0}px", w - x + 12.0, y + 16.0) } else { format!("left:{:.0}px;top:{:.0}px", x + 12.0, y + 16.0) }}>
                    {text}
                </div>
            }
            <div id="cursor" class="cursor-overlay" aria-hidden="true" data-t={format!("{:.3}", props.cursor)}
                 style={format!("transform:translateX({:.1}px){}", cursor_x, if cursor_visible { "" } else { ";visibility:hidden" })} />
            </div>
        </div>
    }
}

/// The span/mark under the pointer: the closest `[data-sel="track:lane:item"]` ancestor.
fn selection_at(e: &PointerEvent, t: Time) -> Option<crate::state::Selection> {
    let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let g = el.closest("[data-sel]").ok()??;
    let sel = g.get_attribute("data-sel")?;
    let mut it = sel.split(':').map(|v| v.parse::<usize>().ok());
    let (track, lane, item) = (it.next()??, it.next()??, it.next()??);
    let t = g
        .get_attribute("data-t")
        .and_then(|v| v.parse().ok())
        .unwrap_or(t);
    Some(crate::state::Selection {
        track,
        lane,
        item,
        t,
    })
}

/// The `data-tip` of the item under the pointer and the pointer's position in the plot stack.
fn tip_at(e: &PointerEvent, stack: &NodeRef) -> Option<(String, f64, f64)> {
    let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let text = el.closest("[data-tip]").ok()??.get_attribute("data-tip")?;
    let r = stack.cast::<web_sys::Element>()?.get_bounding_client_rect();
    Some((
        text,
        e.client_x() as f64 - r.left(),
        e.client_y() as f64 - r.top(),
    ))
}

/// Whether a key event comes from a text field (then W/A/S/D are typing, not navigation).
fn typing_target(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT")
                || el.has_attribute("contenteditable")
        })
}

fn on_button(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.tag_name() == "BUTTON")
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
