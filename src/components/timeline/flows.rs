//! The causal-flow arrows overlay: [`crate::flows`]' anchors resolved to pixels, drawn above
//! the lanes.

use super::{layout, n, LANE_H};
use crate::flows::{self, FlowIndex};
use crate::format;
use crate::model::Trace;
use crate::state::Shared;
use crate::viewport::Viewport;
use yew::prelude::*;

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
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
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
                        crate::i18n::trf(lang, "{} arrows like: {}", &[&a.count.to_string(), &f.label])
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
