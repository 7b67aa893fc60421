//! The timeline's custom hooks: the container's width ([`use_width`]), the document's keyboard
//! listener ([`use_keys`]) and the pointer state with its handlers ([`use_pointer`] →
//! [`Pointer::handlers`]: click/drag to seek, drag the axis or shift-drag to pan, two-finger
//! pinch, wheel zoom at the mouse, hover read-out and the tooltip).

use crate::components::minimap::pinch_view;
use crate::keymap::{self, KeyPress};
use crate::model::Time;
use crate::state::{Action, Selection};
use crate::viewport::Viewport;
use gloo_events::EventListener;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The width of `container` in CSS pixels: measured after the first render and on every window
/// resize (960 until then).
#[hook]
pub(super) fn use_width(container: NodeRef) -> f64 {
    let width = use_state(|| 960.0f64);
    {
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
    *width
}

/// The keyboard: one `keydown` listener on the document for the component's life, which looks
/// each key up in [`crate::keymap`]. Keyboard zoom anchors at `hover`, the time under the mouse
/// (if any).
#[hook]
pub(super) fn use_keys(on_action: Callback<Action>, hover: Option<Time>) {
    // The latest hover time, for keyboard zoom anchoring from a listener that outlives renders.
    let hover_cell = use_memo((), |_| Cell::new(None::<Time>));
    hover_cell.set(hover);
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
                    let (code, key) = (e.code(), e.key());
                    let press = KeyPress {
                        code: &code,
                        key: &key,
                        shift: e.shift_key(),
                        ctrl: e.ctrl_key(),
                        alt: e.alt_key(),
                        meta: e.meta_key(),
                        typing: typing_target(e),
                        on_button: on_button(e),
                    };
                    let Some(hit) = keymap::lookup(&press) else {
                        return;
                    };
                    if hit.command.prevents_default() {
                        e.prevent_default();
                    }
                    on_action.emit(hit.action(hover_cell.get()));
                },
            )
        });
        move || drop(listener)
    });
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

/// The pointer's state across renders, from [`use_pointer`].
pub(super) struct Pointer {
    // Yew delegates events to the app root, so `current_target` is not the SVG: measure from refs.
    pub axis_ref: NodeRef,
    pub lanes_ref: NodeRef,
    /// The plot stack (the tooltip's coordinate space).
    pub stack_ref: NodeRef,
    /// The time under the mouse, while it is over the plot.
    pub hover: UseStateHandle<Option<Time>>,
    /// The hovered item's `data-tip` and the pointer position in the plot stack: one tooltip
    /// element instead of a `<title>` in every slice and mark.
    pub tip: UseStateHandle<Option<(String, f64, f64)>>,
    drag: Rc<RefCell<Drag>>,
    /// Active pointers (id → plot x), for two-finger pinch zoom on touch screens.
    pointers: Rc<RefCell<BTreeMap<i32, f64>>>,
}

#[hook]
pub(super) fn use_pointer() -> Pointer {
    Pointer {
        axis_ref: use_node_ref(),
        lanes_ref: use_node_ref(),
        stack_ref: use_node_ref(),
        hover: use_state(|| None::<Time>),
        tip: use_state(|| None::<(String, f64, f64)>),
        drag: use_mut_ref(|| Drag::None),
        pointers: use_mut_ref(BTreeMap::<i32, f64>::new),
    }
}

/// The horizontal geometry of this render: the view, the plot's width, the label column's width
/// and the timeline's end.
#[derive(Clone, Copy)]
pub(super) struct Geometry {
    pub view: Viewport,
    pub plot_w: f64,
    pub label_w: f64,
    pub until: Time,
}

/// The plot's pointer listeners, shared by the axis and the lanes SVGs.
pub(super) struct Handlers {
    pub down_axis: Callback<PointerEvent>,
    pub down_lanes: Callback<PointerEvent>,
    pub moved: Callback<PointerEvent>,
    pub up: Callback<PointerEvent>,
    pub leave: Callback<PointerEvent>,
    pub wheel: Callback<WheelEvent>,
}

impl Pointer {
    /// This render's listeners: seek, pan, pinch, select, hover and wheel zoom, as `Action`s.
    pub fn handlers(&self, g: Geometry, on_action: &Callback<Action>) -> Handlers {
        let Geometry {
            view,
            plot_w: pw,
            label_w: lw,
            until,
        } = g;
        // Pointer → (time, x in the plot). Both SVGs share the same horizontal geometry.
        let t_at = {
            let axis_ref = self.axis_ref.clone();
            move |e: &MouseEvent| -> Option<(f64, f64)> {
                let el = axis_ref.cast::<web_sys::Element>()?;
                let x = e.client_x() as f64 - el.get_bounding_client_rect().left() - lw;
                Some((view.t_of(x, pw), x))
            }
        };

        let on_down = |axis: bool| {
            let drag = self.drag.clone();
            let pointers = self.pointers.clone();
            let on_action = on_action.clone();
            let t_at = t_at.clone();
            let target = if axis {
                self.axis_ref.clone()
            } else {
                self.lanes_ref.clone()
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
        };
        let (down_axis, down_lanes) = (on_down(true), on_down(false));
        let moved = {
            let drag = self.drag.clone();
            let tip = self.tip.clone();
            let stack_ref = self.stack_ref.clone();
            let pointers = self.pointers.clone();
            let hover = self.hover.clone();
            let on_action = on_action.clone();
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
                            let v =
                                pinch_view(v0, t_mid0, d0, (a - b).abs(), (a + b) / 2.0, pw, until);
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
        let up = {
            let drag = self.drag.clone();
            let pointers = self.pointers.clone();
            Callback::from(move |e: PointerEvent| {
                pointers.borrow_mut().remove(&e.pointer_id());
                *drag.borrow_mut() = Drag::None;
            })
        };
        let leave = {
            let hover = self.hover.clone();
            let tip = self.tip.clone();
            Callback::from(move |_e: PointerEvent| {
                hover.set(None);
                tip.set(None);
            })
        };
        let wheel = {
            let on_action = on_action.clone();
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
        Handlers {
            down_axis,
            down_lanes,
            moved,
            up,
            leave,
            wheel,
        }
    }
}

/// The span/mark under the pointer: the closest `[data-sel="track:lane:item"]` ancestor.
fn selection_at(e: &PointerEvent, t: Time) -> Option<Selection> {
    let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let g = el.closest("[data-sel]").ok()??;
    let sel = g.get_attribute("data-sel")?;
    let mut it = sel.split(':').map(|v| v.parse::<usize>().ok());
    let (track, lane, item) = (it.next()??, it.next()??, it.next()??);
    let t = g
        .get_attribute("data-t")
        .and_then(|v| v.parse().ok())
        .unwrap_or(t);
    Some(Selection {
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
