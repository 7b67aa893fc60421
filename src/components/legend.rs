//! Colour key for the timeline: the shared legend (`podlife_render::chart::legend`, which the
//! SVG/PNG export draws too), with the same CSS classes as the lanes.

use crate::model::legend::{Key, ENTRIES};
use crate::model::probe_mark;
use yew::prelude::*;

fn key(k: Key, label: &str) -> Html {
    match k {
        Key::Slice(tone) => html! {
            <span class="key"><svg width="18" height="12"><g class={classes!("slice", tone.class())}><rect x="0" y="1" width="18" height="10" rx="2" /></g></svg>{label}</span>
        },
        Key::Tick(r) => html! {
            <span class="key"><svg width="12" height="12"><g class={classes!("tick-mark", probe_mark(r).0)}><circle cx="6" cy="6" r="4" /></g></svg>{label}</span>
        },
        Key::Mark(m) => html! {
            <span class="key"><svg width="12" height="14"><g class={classes!("mark", format!("mark-{}", m.name()))}><line x1="6" x2="6" y1="1" y2="13" /><path d={m.shape().path(6.0, 1.0)} /></g></svg>{label}</span>
        },
        // Two-tone keys for the pod's condition and endpoint lanes.
        Key::Pair(data_key, a, b) => html! {
            <span class="key" data-key={data_key}><svg width="24" height="12">
                <g class={classes!("slice", a.class())}><rect x="0" y="1" width="12" height="10" rx="2" /></g>
                <g class={classes!("slice", b.class())}><rect x="12" y="1" width="12" height="10" rx="2" /></g>
            </svg>{label}</span>
        },
        Key::Band(kind) => html! {
            <span class="key" data-key={kind}><svg width="18" height="12"><g class={classes!("probe-band", kind)}><rect x="0.5" y="1" width="17" height="10" /></g></svg>{label}</span>
        },
        Key::Gate => html! {
            <span class="key" data-key="probe-initial-delay"><svg width="18" height="12"><g class="probe-grid"><rect class="delay-gate" x="0" y="1" width="18" height="10" /></g></svg>{label}</span>
        },
        Key::Counter => html! {
            <span class="key" data-key="probe-counter"><svg width="24" height="12"><g class="tick-mark probe-failure"><circle cx="5" cy="6" r="4" /><text class="tick-count" x="10" y="10">{"2/3"}</text></g></svg>{label}</span>
        },
        Key::GraceSteps => html! {
            <span class="key" data-key="grace-steps"><svg width="24" height="14"><g class="slice tone-hook ruler-step"><rect x="0" y="8" width="12" height="5" rx="1" /></g><g class="mark mark-grace-sigkill"><line x1="16" x2="16" y1="1" y2="13" /><path d={crate::model::MarkKind::GraceSigkill.shape().path(16.0, 1.0)} /></g></svg>{label}</span>
        },
    }
}

#[function_component(Legend)]
pub fn legend() -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    html! {
        <div class="legend" aria-label={crate::i18n::tr(lang, "Legend")}>
            { for ENTRIES.iter().map(|e| key(e.key, crate::i18n::tr(lang, e.label))) }
            // The causal arrows' colours (screen only: the exports draw no arrows).
            { for [
                ("probe", "arrow: probe failures → kill"),
                ("kill", "arrow: kill → restart"),
                ("delete", "arrow: deletion → preStop → SIGTERM → SIGKILL"),
                ("startup", "arrow: start order"),
                ("replace", "arrow: the controller's replacement"),
            ].into_iter().map(|(kind, label)| html! {
                <span class="key" data-key={format!("arrow-{kind}")}>
                    <svg width="22" height="12"><g class={classes!("flow", format!("flow-{kind}"))}><path d="M1 6 H17" /></g>
                    <g class={classes!("flow-head", format!("flow-{kind}"))}><path d="M21 6 L15 2.5 L15 9.5 Z" /></g></svg>
                    {crate::i18n::tr(lang, label)}
                </span>
            }) }
        </div>
    }
}
