//! The minimap: the whole trace `[0, until]` as a thin strip above the time axis (the pod's
//! STATUS colours and its warning events), with a brush for the visible window and the cursor.
//! Click centres the view there, dragging the brush pans, double-click fits.
//!
//! Level of detail: the overview is bucketed by pixel column (at most one bar and one tick per
//! column) and memoised on (trace pointer, width), so playback only moves the brush and cursor.
//! Also home of the touch pinch math the timeline uses ([`pinch_view`]).

use crate::model::{LaneContent, MarkKind, Seg, Time, Tone, Trace};
use crate::state::{Action, Shared};
use crate::viewport::{Viewport, MIN_SPAN};
use yew::prelude::*;

/// Height of the strip, in CSS pixels.
pub const MINIMAP_H: f64 = 28.0;
/// The brush is never drawn narrower than this.
pub const MIN_BRUSH_PX: f64 = 4.0;

fn n(v: f64) -> String {
    format!("{v:.1}")
}

fn total(until: Time) -> f64 {
    until.max(MIN_SPAN)
}

/// Pixel offset of `t` in a minimap plot `pw` pixels wide showing `[0, until]`.
pub fn x_of(t: Time, until: Time, pw: f64) -> f64 {
    t / total(until) * pw
}

/// Time at pixel offset `x` (clamped to `[0, until]`).
pub fn t_of(x: f64, until: Time, pw: f64) -> Time {
    (x / pw.max(1.0) * total(until)).clamp(0.0, total(until))
}

/// The brush rectangle `(x, width)` of the visible window, at least [`MIN_BRUSH_PX`] wide and
/// inside the plot.
pub fn brush(view: Viewport, until: Time, pw: f64) -> (f64, f64) {
    let x0 = x_of(view.start, until, pw).clamp(0.0, pw);
    let x1 = x_of(view.end, until, pw).clamp(0.0, pw);
    let w = (x1 - x0).max(MIN_BRUSH_PX).min(pw);
    (x0.min(pw - w).max(0.0), w)
}

/// The view of the same span centred on `t`, clamped to the trace.
pub fn centre_on(view: Viewport, t: Time, until: Time) -> Viewport {
    let half = view.span() / 2.0;
    Viewport::new(t - half, t + half).clamp(until)
}

/// The view `v0` dragged by `dx` minimap pixels.
pub fn drag_view(v0: Viewport, dx: f64, until: Time, pw: f64) -> Viewport {
    v0.pan(dx / pw.max(1.0) * total(until), until)
}

/// Two-finger pinch: the view that keeps the time under the fingers' initial midpoint (`t_mid0`)
/// under their current midpoint (`mid_x`, plot pixels), scaled by the ratio of the fingers'
/// initial to current distance (`d0 / d`). Clamped to the trace and to [`MIN_SPAN`].
pub fn pinch_view(
    v0: Viewport,
    t_mid0: Time,
    d0: f64,
    d: f64,
    mid_x: f64,
    pw: f64,
    until: Time,
) -> Viewport {
    if !(d0 > 0.0 && d > 0.0 && d0.is_finite() && d.is_finite()) {
        return v0;
    }
    let max_span = total(until);
    let span = (v0.span() * d0 / d).clamp(MIN_SPAN.min(max_span), max_span);
    let start = t_mid0 - mid_x / pw.max(1.0) * span;
    Viewport::new(start, start + span).clamp(until)
}

/// How much a tone stands out in the overview: a sub-pixel crash loop shows its worst colour.
fn severity(t: Tone) -> u8 {
    match t {
        Tone::Bad => 8,
        Tone::Warn => 7,
        Tone::Term => 6,
        Tone::Pending => 5,
        Tone::Done => 4,
        Tone::Good => 3,
        Tone::Info => 2,
        Tone::Hook => 1,
        Tone::Neutral => 0,
    }
}

/// One overview bar, in plot pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub x0: f64,
    pub x1: f64,
    pub tone: Tone,
}

/// Bucket time-sorted slices into bars: slices at least a pixel wide stay (equal neighbours
/// merge); narrower ones share their pixel column, which shows the most severe tone. At most one
/// bar starts in each pixel column, so the count follows the width, not the trace.
pub fn bars(segs: &[Seg], until: Time, pw: f64) -> Vec<Bar> {
    let mut out: Vec<Bar> = Vec::new();
    // The pixel column the last bar's tail buckets, if it does.
    let mut col: Option<f64> = None;
    for s in segs {
        let x0 = x_of(s.start, until, pw).clamp(0.0, pw);
        let x1 = x_of(s.end, until, pw).clamp(0.0, pw);
        if x1 <= x0 {
            continue;
        }
        if x1 - x0 < 1.0 {
            let c = x0.floor();
            let c1 = (c + 1.0).min(pw);
            if col == Some(c) {
                let last = out.last_mut().expect("a bucketed column has a bar");
                if severity(s.tone) > severity(last.tone) {
                    if last.x0 < c {
                        last.x1 = c;
                        out.push(Bar {
                            x0: c,
                            x1: c1,
                            tone: s.tone,
                        });
                    } else {
                        last.tone = s.tone;
                        // Merge with an equal neighbour.
                        if let [.., a, b] = out.as_mut_slice() {
                            if a.tone == b.tone && a.x1 >= b.x0 - 1e-9 {
                                a.x1 = b.x1;
                                out.pop();
                            }
                        }
                    }
                }
                continue;
            }
            if let Some(last) = out.last_mut() {
                // A wide bar ending inside this column yields it.
                if last.x1 > c {
                    last.x1 = c;
                }
                if last.tone == s.tone && last.x1 >= c - 1e-9 {
                    last.x1 = c1;
                    col = Some(c);
                    continue;
                }
            }
            out.push(Bar {
                x0: c,
                x1: c1,
                tone: s.tone,
            });
            col = Some(c);
        } else {
            col = None;
            let mut x0 = x0;
            if let Some(last) = out.last_mut() {
                if last.tone == s.tone && x0 <= last.x1 + 1e-9 {
                    last.x1 = last.x1.max(x1);
                    continue;
                }
                x0 = x0.max(last.x1);
            }
            if x1 > x0 {
                out.push(Bar {
                    x0,
                    x1,
                    tone: s.tone,
                });
            }
        }
    }
    out.retain(|b| b.x1 > b.x0);
    out
}

/// Time-sorted instants bucketed by pixel column: `(column x, count)`.
pub fn tick_columns(
    times: impl IntoIterator<Item = Time>,
    until: Time,
    pw: f64,
) -> Vec<(f64, usize)> {
    let mut out: Vec<(f64, usize)> = Vec::new();
    for t in times {
        let c = x_of(t, until, pw).clamp(0.0, pw).floor();
        match out.last_mut() {
            Some((x, k)) if *x == c => *k += 1,
            _ => out.push((c, 1)),
        }
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct MinimapProps {
    pub trace: Shared<Trace>,
    pub view: Viewport,
    pub cursor: Time,
    /// Width of the whole strip (the timeline's width); the plot is aligned with the axis.
    pub width: f64,
    pub plot_w: f64,
    pub label_w: f64,
    pub on_action: Callback<Action>,
}

#[function_component(Minimap)]
pub fn minimap(p: &MinimapProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    let svg = use_node_ref();
    // Brush drag: pointer x and view at its start.
    let drag = use_mut_ref(|| None::<(f64, Viewport)>);
    let until = p.trace.until();
    let pw = p.plot_w;
    let lw = p.label_w;
    let view = p.view;

    let x_at = {
        let svg = svg.clone();
        move |e: &MouseEvent| -> Option<f64> {
            let el = svg.cast::<web_sys::Element>()?;
            Some(e.client_x() as f64 - el.get_bounding_client_rect().left() - lw)
        }
    };
    let on_down = {
        let (drag, on_action, x_at, svg) =
            (drag.clone(), p.on_action.clone(), x_at.clone(), svg.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let Some(x) = x_at(&e) else { return };
            if x < -4.0 || x > pw + 4.0 {
                return;
            }
            e.prevent_default();
            if let Some(el) = svg.cast::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            let (bx, bw) = brush(view, until, pw);
            let v0 = if x >= bx && x <= bx + bw {
                view
            } else {
                let v = centre_on(view, t_of(x, until, pw), until);
                on_action.emit(Action::SetView(v));
                v
            };
            *drag.borrow_mut() = Some((x, v0));
        })
    };
    let on_move = {
        let (drag, on_action) = (drag.clone(), p.on_action.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((x0, v0)) = *drag.borrow() else {
                return;
            };
            let Some(x) = x_at(&e) else { return };
            let v = drag_view(v0, x - x0, until, pw);
            if v != view {
                on_action.emit(Action::SetView(v));
            }
        })
    };
    let on_up = {
        let drag = drag.clone();
        Callback::from(move |_e: PointerEvent| *drag.borrow_mut() = None)
    };
    let on_dbl = {
        let on_action = p.on_action.clone();
        Callback::from(move |_e: MouseEvent| on_action.emit(Action::Fit))
    };

    let (bx, bw) = brush(view, until, pw);
    let cx = lw + x_of(p.cursor.clamp(0.0, until), until, pw);
    let w = p.width;
    html! {
        <svg id="minimap" class="minimap" ref={svg} width={n(w)} height={n(MINIMAP_H)}
             viewBox={format!("0 0 {} {}", n(w), n(MINIMAP_H))} role="group"
             aria-label={crate::i18n::trf(lang, "Overview of the whole trace, showing {} to {}: click or drag to move the visible window, double-click to fit",
                 &[&crate::format::secs(view.start), &crate::format::secs(view.end)])}
             data-until={format!("{until:.3}")}
             onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()}
             onpointercancel={on_up} ondblclick={on_dbl}>
            <text class="minimap-label" x={n(lw - 8.0)} y="18" text-anchor="end">{crate::i18n::tr(lang, "overview")}</text>
            <Overview trace={p.trace.clone()} plot_w={pw} label_w={lw} />
            <rect id="minimap-window" class="minimap-window" x={n(lw + bx)} y="1" width={n(bw)}
                  height={n(MINIMAP_H - 2.0)} rx="2"
                  data-view-start={format!("{:.3}", view.start)} data-view-end={format!("{:.3}", view.end)} />
            <line id="minimap-cursor" class="minimap-cursor" x1={n(cx)} x2={n(cx)} y1="0" y2={n(MINIMAP_H)}
                  data-cursor={format!("{:.3}", p.cursor)} />
        </svg>
    }
}

#[derive(Properties, PartialEq)]
struct OverviewProps {
    trace: Shared<Trace>,
    plot_w: f64,
    label_w: f64,
}

/// The static part: memoised on (trace pointer, width) by Yew's props comparison.
#[function_component(Overview)]
fn overview(p: &OverviewProps) -> Html {
    let until = p.trace.until();
    let pw = p.plot_w;
    let lw = p.label_w;
    let pod = p.trace.tracks.first();
    let lane = |name: &str| {
        pod.and_then(|t| t.lanes.iter().find(|l| l.name == name))
            .map(|l| &l.content)
    };
    let bars = match lane("STATUS") {
        Some(LaneContent::Slices(s)) => bars(s, until, pw),
        _ => vec![],
    };
    let warnings = match lane("events") {
        Some(LaneContent::Instants(m)) => tick_columns(
            m.iter()
                .filter(|m| matches!(m.kind, MarkKind::EventWarning | MarkKind::Deleted))
                .map(|m| m.t),
            until,
            pw,
        ),
        _ => vec![],
    };
    let bar_h = MINIMAP_H - 12.0;
    html! {
        <g class="minimap-overview" transform={format!("translate({},0)", n(lw))}
           data-bars={bars.len().to_string()} data-warnings={warnings.len().to_string()}>
            <rect class="minimap-bg" x="0" y="0" width={n(pw)} height={n(MINIMAP_H)} />
            { for bars.iter().map(|b| html! {
                <g class={classes!("minimap-bar", b.tone.class())}>
                    <rect x={n(b.x0)} y="4" width={n((b.x1 - b.x0).max(1.0))} height={n(bar_h)} />
                </g>
            }) }
            { for warnings.iter().map(|&(x, k)| html! {
                <line class="minimap-warning" data-count={k.to_string()} x1={n(x + 0.5)} x2={n(x + 0.5)}
                      y1={n(MINIMAP_H - 7.0)} y2={n(MINIMAP_H - 1.0)} />
            }) }
        </g>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn seg(start: f64, end: f64, tone: Tone) -> Seg {
        Seg {
            start,
            end,
            label: String::new(),
            tone,
            kind: "status",
            detail: String::new(),
        }
    }

    #[test]
    fn brush_maps_the_view() {
        let (x, w) = brush(Viewport::new(25.0, 50.0), 100.0, 400.0);
        assert!(close(x, 100.0) && close(w, 100.0));
        // Tiny windows keep a grabbable brush, inside the plot.
        let (x, w) = brush(Viewport::new(99.99, 100.0), 100.0, 400.0);
        assert!(close(w, MIN_BRUSH_PX) && close(x + w, 400.0));
        assert_eq!(brush(Viewport::fit(100.0), 100.0, 400.0), (0.0, 400.0));
    }

    #[test]
    fn click_centres_and_drag_pans_clamped() {
        let v = Viewport::new(0.0, 20.0);
        assert_eq!(centre_on(v, 50.0, 100.0), Viewport::new(40.0, 60.0));
        assert_eq!(centre_on(v, 99.0, 100.0), Viewport::new(80.0, 100.0));
        assert_eq!(centre_on(v, 1.0, 100.0), Viewport::new(0.0, 20.0));
        // 400 px for 100 s: 40 px = 10 s.
        assert_eq!(drag_view(v, 40.0, 100.0, 400.0), Viewport::new(10.0, 30.0));
        assert_eq!(drag_view(v, -40.0, 100.0, 400.0), v);
        assert_eq!(
            drag_view(v, 4000.0, 100.0, 400.0),
            Viewport::new(80.0, 100.0)
        );
        assert!(close(t_of(200.0, 100.0, 400.0), 50.0));
        assert!(close(t_of(-5.0, 100.0, 400.0), 0.0));
    }

    #[test]
    fn wide_slices_stay_narrow_ones_bucket_worst_first() {
        // 100 s over 100 px: one pixel per second.
        let segs = [
            seg(0.0, 10.0, Tone::Pending),
            seg(10.0, 10.3, Tone::Good),
            seg(10.3, 10.6, Tone::Bad),
            seg(10.6, 30.0, Tone::Good),
            seg(30.0, 100.0, Tone::Good),
        ];
        let b = bars(&segs, 100.0, 100.0);
        assert_eq!(
            b,
            [
                Bar {
                    x0: 0.0,
                    x1: 10.0,
                    tone: Tone::Pending
                },
                Bar {
                    x0: 10.0,
                    x1: 11.0,
                    tone: Tone::Bad
                },
                Bar {
                    x0: 11.0,
                    x1: 100.0,
                    tone: Tone::Good
                },
            ]
        );
    }

    #[test]
    fn a_long_crash_loop_is_one_bar_per_pixel_at_most() {
        // A day of 10 s crash-loop flicker over 500 px.
        let day = 86_400.0;
        let segs: Vec<Seg> = (0..8640)
            .map(|i| {
                let t = i as f64 * 10.0;
                seg(t, t + 10.0, if i % 2 == 0 { Tone::Good } else { Tone::Bad })
            })
            .collect();
        let b = bars(&segs, day, 500.0);
        assert!(b.len() <= 500, "{}", b.len());
        assert!(b.iter().all(|b| b.tone == Tone::Bad));
        assert!(b.windows(2).all(|w| w[0].x1 <= w[1].x0 + 1e-9));
    }

    #[test]
    fn ticks_bucket_by_column() {
        let c = tick_columns([0.1, 0.2, 0.9, 5.0, 5.5, 99.0], 100.0, 100.0);
        assert_eq!(c, [(0.0, 3), (5.0, 2), (99.0, 1)]);
    }

    #[test]
    fn pinch_zooms_about_the_fingers() {
        let v0 = Viewport::new(0.0, 100.0);
        // Fingers spread to twice their distance around the middle (50 s at 250 of 500 px).
        let v = pinch_view(v0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0);
        assert_eq!(v, Viewport::new(25.0, 75.0));
        // Moving both fingers right by 50 px pans: 50 s stays under them.
        let v = pinch_view(v0, 50.0, 100.0, 100.0, 300.0, 500.0, 1000.0);
        assert_eq!(v, Viewport::new(-10.0, 90.0).clamp(1000.0));
        // Pinching in is clamped to the trace.
        let v = pinch_view(v0, 50.0, 200.0, 10.0, 250.0, 500.0, 1000.0);
        assert_eq!(v, Viewport::fit(1000.0));
        // Degenerate distances are ignored.
        assert_eq!(pinch_view(v0, 50.0, 0.0, 10.0, 250.0, 500.0, 1000.0), v0);
    }
}
