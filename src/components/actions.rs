//! The live actions bar: each button appends a timed action at the cursor to the scenario, and
//! the pod replays deterministically from the start.

use crate::format;
use crate::model::Trace;
use crate::sim::LiveAction;
use crate::state::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ActionsProps {
    pub trace: Option<Shared<Trace>>,
    pub cursor: f64,
    pub on_live: Callback<LiveAction>,
}

#[function_component(ActionsBar)]
pub fn actions_bar(p: &ActionsProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    let service = use_state(|| "myservice".to_string());
    let emit = |a: LiveAction| {
        let cb = p.on_live.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let Some(tr) = &p.trace else {
        return html! { <div id="actions" class="actions" /> };
    };
    let on_service = {
        let service = service.clone();
        Callback::from(move |e: InputEvent| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            service.set(i.value());
        })
    };
    let create = {
        let cb = p.on_live.clone();
        let service = service.clone();
        Callback::from(move |_: MouseEvent| {
            let name = service.trim().to_string();
            cb.emit(LiveAction::CreateService(if name.is_empty() {
                "myservice".into()
            } else {
                name
            }));
        })
    };
    let at = format::secs(crate::sim::round_tenth(p.cursor));
    html! {
        <div id="actions" class="actions" role="toolbar" aria-label={crate::i18n::tr(lang, "Live actions")}>
            <span class="at">{format!("at {at}:")}</span>
            <button data-action="delete" title={crate::i18n::tr(lang, "kubectl delete pod (the pod's grace period)")}
                    onclick={emit(LiveAction::Delete)}>{crate::i18n::tr(lang, "Delete pod")}</button>
            { for tr.timeline.containers.iter().map(|c| html! {
                <button data-action="kill" data-container={c.name.clone()} title={crate::i18n::tr(lang, "The OOM killer kills the process (137, OOMKilled)")}
                        onclick={emit(LiveAction::Kill { container: c.name.clone() })}>{format!("Kill {} (OOM)", c.name)}</button>
            }) }
            { for tr.timeline.containers.iter().flat_map(|c| c.probes.iter().map(move |pr| (c.name.clone(), pr.probe_type))).map(|(name, ty)| {
                let t = ty.title().to_lowercase();
                html! {
                    <span class="probe-actions" data-container={name.clone()} data-probe={t.clone()}>
                        {format!("{name} {t}: ")}
                        <button data-action="probe-fail" data-container={name.clone()} data-probe={t.clone()}
                                onclick={emit(LiveAction::Probe { container: name.clone(), probe_type: t.clone(), result: "failure".into() })}>{crate::i18n::tr(lang, "fail")}</button>
                        <button data-action="probe-pass" data-container={name.clone()} data-probe={t.clone()}
                                onclick={emit(LiveAction::Probe { container: name.clone(), probe_type: t.clone(), result: "success".into() })}>{crate::i18n::tr(lang, "pass")}</button>
                    </span>
                }
            }) }
            <span class="service">
                <input id="service-name" type="text" value={(*service).clone()} oninput={on_service} size="10" aria-label={crate::i18n::tr(lang, "Service name")} />
                <button data-action="create-service" onclick={create}>{crate::i18n::tr(lang, "Create Service")}</button>
            </span>
        </div>
    }
}
