//! The details drawer: what a clicked span or mark is, why, the kubelet source and a docs link.

use crate::explain::Explanation;
use crate::state::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DrawerProps {
    pub explanation: Explanation,
    pub on_action: Callback<Action>,
}

#[function_component(Drawer)]
pub fn drawer(p: &DrawerProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    let e = &p.explanation;
    // Facts quoted as Kubernetes prints them (an event's message, kubectl's probe line, a
    // probe's output) stay in English in every language.
    let verbatim: Vec<&str> = ["event", "Killing message", "probe", "output", "published"]
        .iter()
        .map(|l| crate::i18n::tr(lang, l))
        .collect();
    let close = {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::Select(None)))
    };
    html! {
        <aside id="drawer" class="drawer" data-kind={e.kind.clone()} role="dialog" aria-label={crate::i18n::tr(lang, "Details")}>
            <header>
                <h2>{&e.title}<span class="object" translate="no">{&e.object}</span></h2>
                <button class="close" title={crate::i18n::tr(lang, "Close (Esc)")} onclick={close}>{"×"}</button>
            </header>
            <dl class="facts">
                { for e.facts.iter().map(|(k, v)| html! {
                    <><dt>{k}</dt><dd translate={verbatim.contains(&k.as_str()).then_some("no")}>{v}</dd></>
                }) }
            </dl>
            <p class="why">{&e.why}</p>
            <p class="source"><span class="label">{crate::i18n::tr(lang, "kubelet source: ")}</span><code translate="no">{&e.source}</code></p>
            <p class="docs" translate="no"><a href={e.docs} target="_blank" rel="noopener">{e.docs.trim_start_matches("https://")}</a></p>
        </aside>
    }
}
