//! The time axis: tick labels along the top ([`Axis`]) and the grid lines at its major ticks
//! behind the lanes ([`Grid`]).

use super::{n, AXIS_H, AXIS_LABEL_PX, RIGHT_PAD};
use crate::axis;
use crate::format;
use crate::viewport::Viewport;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct AxisProps {
    pub view: Viewport,
    pub plot_w: f64,
    pub label_w: f64,
}

/// The major step and its labels for a view: the axis draws the labels, the grid the lines.
fn step_and_labels(view: crate::viewport::Viewport, plot_w: f64) -> (f64, Vec<axis::Label>) {
    axis::labels(
        view.start,
        view.end,
        plot_w,
        RIGHT_PAD,
        AXIS_LABEL_PX,
        format::axis_label,
    )
}

/// Tick labels along the top.
#[function_component(Axis)]
pub(super) fn axis_view(p: &AxisProps) -> Html {
    let (step, labels) = step_and_labels(p.view, p.plot_w);
    let minor = axis::minor_step(step);
    let minors = axis::ticks(p.view.start, p.view.end, minor);
    html! {
        <g class="axis-ticks" transform={format!("translate({},0)", n(p.label_w))} data-step={step.to_string()}>
            <rect class="axis-bg" x="0" y="0" width={n(p.plot_w)} height={n(AXIS_H)} />
            { for minors.iter().map(|&t| {
                let x = n(p.view.x_of(t, p.plot_w));
                html! { <line class="tick-minor" x1={x.clone()} x2={x} y1={n(AXIS_H - 5.0)} y2={n(AXIS_H)} /> }
            }) }
            { for labels.into_iter().map(|l| {
                let (tx, anchor) = if l.end_anchored { (l.x - 3.0, "end") } else { (l.x + 3.0, "start") };
                html! {
                    <g class="tick" data-t={l.t.to_string()}>
                        <line x1={n(l.x)} x2={n(l.x)} y1={n(AXIS_H - 10.0)} y2={n(AXIS_H)} />
                        <text x={n(tx)} y={n(AXIS_H - 12.0)} text-anchor={anchor}>{l.text}</text>
                    </g>
                }
            }) }
        </g>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct GridProps {
    pub view: Viewport,
    pub plot_w: f64,
    pub label_w: f64,
    pub height: f64,
}

/// Vertical grid lines at the major ticks, behind the lanes.
#[function_component(Grid)]
pub(super) fn grid(p: &GridProps) -> Html {
    let (step, _) = step_and_labels(p.view, p.plot_w);
    html! {
        <g class="grid" transform={format!("translate({},0)", n(p.label_w))}>
            { for axis::ticks(p.view.start, p.view.end, step).into_iter().map(|t| {
                let x = n(p.view.x_of(t, p.plot_w));
                html! { <line x1={x.clone()} x2={x} y1="0" y2={n(p.height)} /> }
            }) }
        </g>
    }
}
