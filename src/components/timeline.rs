//! The trace viewer: a sticky time axis over tracks of lanes (SVG), a cursor, hover read-out,
//! and Perfetto-style navigation (wheel zoom at the mouse, shift-wheel / axis-drag pan,
//! W/S zoom and A/D pan on `KeyboardEvent.code`, F fit, `,`/`.` previous/next event).
//!
//! Drawing cost follows visible pixels: each lane binary-searches its time-sorted content for the
//! visible window and merges marks closer than a few pixels (see [`crate::lod`]). The heavy part
//! ([`Lanes`], [`Grid`]) is memoised on (trace pointer, viewport, width), so moving the cursor or
//! hovering re-renders only the overlay.

use crate::axis;
use crate::components::minimap::{pinch_view, Minimap};
use crate::flows::{self, FlowIndex};
use crate::format;
use crate::lod;
use crate::model::{probe_counter, probe_mark, Lane, LaneContent, Mark, Seg, Time, Trace, Track};
use crate::state::{Action, Shared};
use crate::viewport::Viewport;
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

#[derive(Properties, PartialEq)]
pub struct FlowsLayerProps {
    pub trace: Shared<Trace>,
    pub view: Viewport,
    pub plot_w: f64,
    pub label_w: f64,
    pub height: f64,
}

/// Causal arrows above the lanes ([`crate::flows`]). Memoised like [`Lanes`]; the visible flows
/// are found by binary search and thinned to what the pixels can show ([`flows::visible`]).
#[function_component(FlowsLayer)]
pub fn flows_layer(p: &FlowsLayerProps) -> Html {
    let index = use_memo(p.trace.clone(), |t| FlowIndex::new(&t.flows));
    let (boxes, _) = layout(&p.trace.tracks);
    let (view, pw, lw) = (p.view, p.plot_w, p.label_w);
    let tracks = &p.trace.tracks;
    let pos = |a: &flows::Anchor| -> Option<(f64, f64)> {
        let li = tracks
            .get(a.track)?
            .lanes
            .iter()
            .position(|l| l.name == a.lane)?;
        let b = boxes.get(a.track)?;
        Some((
            lw + view.x_of(a.t, pw),
            b.y + b.lanes.get(li)? + LANE_H / 2.0,
        ))
    };
    let flows = &p.trace.flows;
    let arrows = flows::visible(flows, &index, view.start, view.end, pos, flows::MAX_ARROWS);
    html! {
        <g id="flows" class="flows" data-count={arrows.len().to_string()}>
            <defs>
                <clipPath id="flows-clip"><rect x={n(lw)} y="0" width={n(pw)} height={n(p.height)} /></clipPath>
                { for flows::FlowKind::ALL.iter().map(|k| html! {
                    <marker id={format!("flow-arrow-{}", k.name())} class={classes!("flow-head", format!("flow-{}", k.name()))}
                            viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto">
                        <path d="M0 0 L8 4 L0 8 z" />
                    </marker>
                }) }
            </defs>
            <g clip-path="url(#flows-clip)">
                { for arrows.iter().map(|a| {
                    let f = &flows[a.index];
                    let kind = f.kind.name();
                    let label = if a.count > 1 {
                        format!("{} arrows like: {}", a.count, f.label)
                    } else {
                        format!("{} ({} → {})", f.label, format::secs(f.from.t), format::secs(f.to.t))
                    };
                    html! {
                        <g class={classes!("flow", format!("flow-{kind}"), (a.count > 1).then_some("merged"))}
                           data-flow={kind} data-count={a.count.to_string()}
                           data-from={format!("{}:{}:{:.3}", f.from.track, f.from.lane, f.from.t)}
                           data-to={format!("{}:{}:{:.3}", f.to.track, f.to.lane, f.to.t)}
                           role="img" aria-label={label.clone()}>
                            <path d={flows::arrow_path(a.x0, a.y0, a.x1, a.y1, f.kind == flows::FlowKind::Restart)}
                                  marker-end={format!("url(#flow-arrow-{kind})")} />
                            <title>{label}</title>
                        </g>
                    }
                }) }
            </g>
        </g>
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

#[derive(Properties, PartialEq)]
struct AxisProps {
    view: Viewport,
    plot_w: f64,
    label_w: f64,
}

/// Tick labels along the top.
#[function_component(Axis)]
fn axis_view(p: &AxisProps) -> Html {
    let step = axis::nice_step(p.view.span(), p.plot_w, AXIS_LABEL_PX);
    let minor = axis::minor_step(step);
    let majors = axis::ticks(p.view.start, p.view.end, step);
    let minors = axis::ticks(p.view.start, p.view.end, minor);
    html! {
        <g class="axis-ticks" transform={format!("translate({},0)", n(p.label_w))} data-step={step.to_string()}>
            <rect class="axis-bg" x="0" y="0" width={n(p.plot_w)} height={n(AXIS_H)} />
            { for minors.iter().map(|&t| {
                let x = n(p.view.x_of(t, p.plot_w));
                html! { <line class="tick-minor" x1={x.clone()} x2={x} y1={n(AXIS_H - 5.0)} y2={n(AXIS_H)} /> }
            }) }
            { for majors.iter().map(|&t| {
                let x = p.view.x_of(t, p.plot_w);
                let label = format::axis_label(t, step);
                // Keep the last label inside the plot: anchor it at its end near the right edge.
                let end = x + 3.0 + label.len() as f64 * 7.0 > p.plot_w + RIGHT_PAD;
                let (tx, anchor) = if end { (x - 3.0, "end") } else { (x + 3.0, "start") };
                html! {
                    <g class="tick" data-t={t.to_string()}>
                        <line x1={n(x)} x2={n(x)} y1={n(AXIS_H - 10.0)} y2={n(AXIS_H)} />
                        <text x={n(tx)} y={n(AXIS_H - 12.0)} text-anchor={anchor}>{label}</text>
                    </g>
                }
            }) }
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct GridProps {
    view: Viewport,
    plot_w: f64,
    label_w: f64,
    height: f64,
}

/// Vertical grid lines at the major ticks, behind the lanes.
#[function_component(Grid)]
fn grid(p: &GridProps) -> Html {
    let step = axis::nice_step(p.view.span(), p.plot_w, AXIS_LABEL_PX);
    html! {
        <g class="grid" transform={format!("translate({},0)", n(p.label_w))}>
            { for axis::ticks(p.view.start, p.view.end, step).into_iter().map(|t| {
                let x = n(p.view.x_of(t, p.plot_w));
                html! { <line x1={x.clone()} x2={x} y1="0" y2={n(p.height)} /> }
            }) }
        </g>
    }
}

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
    ticks: &[podlife_engine::ProbeTick],
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
                <g class={classes!("tick-mark", mark, tripped.then_some("tripped"), (c.count > 1).then_some("merged"))}
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
    use crate::fixture;

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

    #[test]
    fn plot_width_has_a_floor() {
        assert_eq!(plot_width(1000.0), 1000.0 - LABEL_W - RIGHT_PAD);
        assert_eq!(plot_width(340.0), 340.0 - LABEL_W_NARROW - RIGHT_PAD);
        assert_eq!(plot_width(10.0), 50.0);
    }
}
