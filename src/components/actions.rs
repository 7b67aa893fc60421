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

/// Up to this many containers the target is a menu; beyond, a field with suggestions.
const MENU_MAX: usize = 50;

#[function_component(ActionsBar)]
pub fn actions_bar(p: &ActionsProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    let service = use_state(|| "myservice".to_string());
    let target = use_state(|| None::<String>);
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
    // The container the per-container actions apply to: picked from a list (typed, with
    // suggestions, when the pod has many), so the bar stays small for any pod.
    let names: Vec<&str> = tr
        .timeline
        .containers
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let chosen = (*target)
        .clone()
        .filter(|n| names.contains(&n.as_str()))
        .or_else(|| {
            tr.timeline
                .containers
                .iter()
                .find(|c| c.kind == podlife_engine::ContainerKind::Regular)
                .or(tr.timeline.containers.first())
                .map(|c| c.name.clone())
        })
        .unwrap_or_default();
    let on_target = {
        let target = target.clone();
        Callback::from(move |e: Event| {
            let v = if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                s.value()
            } else if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                i.value()
            } else {
                return;
            };
            target.set(Some(v));
        })
    };
    let probes: Vec<String> = tr
        .timeline
        .containers
        .iter()
        .find(|c| c.name == chosen)
        .map(|c| {
            c.probes
                .iter()
                .map(|pr| pr.probe_type.title().to_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let many = names.len() > MENU_MAX;
    html! {
        <div id="actions" class="actions" role="toolbar" aria-label={crate::i18n::tr(lang, "Live actions")}>
            <span class="at">{crate::i18n::trf(lang, "at {}:", &[&at])}</span>
            <button data-action="delete" title={crate::i18n::tr(lang, "kubectl delete pod (the pod's grace period)")}
                    onclick={emit(LiveAction::Delete)}>{crate::i18n::tr(lang, "Delete pod")}</button>
            <span class="container-actions">
                <label>
                    <span class="visually-hidden">{crate::i18n::tr(lang, "container")}</span>
                    if many {
                        <input id="action-container" list="action-containers" value={chosen.clone()} onchange={on_target}
                               size="12" aria-label={crate::i18n::tr(lang, "container")} />
                        <datalist id="action-containers">
                            { for names.iter().take(MENU_MAX).map(|n| html! { <option value={n.to_string()} /> }) }
                        </datalist>
                    } else {
                        <select id="action-container" onchange={on_target} aria-label={crate::i18n::tr(lang, "container")}>
                            { for names.iter().map(|n| html! { <option value={n.to_string()} selected={*n == chosen}>{n.to_string()}</option> }) }
                        </select>
                    }
                </label>
                <button data-action="kill" data-container={chosen.clone()} title={crate::i18n::tr(lang, "The OOM killer kills the process (137, OOMKilled)")}
                        onclick={emit(LiveAction::Kill { container: chosen.clone() })}>{crate::i18n::tr(lang, "Kill (OOM)")}</button>
                { for probes.iter().map(|t| html! {
                    <span class="probe-actions" data-container={chosen.clone()} data-probe={t.clone()}>
                        <span class="probe-name">{format!("{t}:")}</span>
                        <button data-action="probe-fail" data-container={chosen.clone()} data-probe={t.clone()}
                                onclick={emit(LiveAction::Probe { container: chosen.clone(), probe_type: t.clone(), result: "failure".into() })}>{crate::i18n::tr(lang, "fail")}</button>
                        <button data-action="probe-pass" data-container={chosen.clone()} data-probe={t.clone()}
                                onclick={emit(LiveAction::Probe { container: chosen.clone(), probe_type: t.clone(), result: "success".into() })}>{crate::i18n::tr(lang, "pass")}</button>
                    </span>
                }) }
            </span>
            <span class="service">
                <input id="service-name" type="text" value={(*service).clone()} oninput={on_service} size="10" aria-label={crate::i18n::tr(lang, "Service name")} />
                <button data-action="create-service" onclick={create}>{crate::i18n::tr(lang, "Create Service")}</button>
            </span>
        </div>
    }
}
