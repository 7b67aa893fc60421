//! Tabs of text synced to the cursor: `kubectl get pod -w`, `kubectl describe pod`,
//! `kubectl get pod -o yaml` (status) and the event log. Only the open tab is computed.

use crate::components::events::EventsList;
use crate::model::{Time, Trace};
use crate::state::Shared;
use yew::prelude::*;

const TABS: &[(&str, &str)] = &[
    ("events", "Events"),
    ("watch", "get -w"),
    ("describe", "describe"),
    ("yaml", "-o yaml"),
    ("logs", "logs"),
];

#[derive(Properties, PartialEq)]
pub struct PanelsProps {
    pub trace: Shared<Trace>,
    pub cursor: Time,
    pub on_seek: Callback<Time>,
}

#[function_component(Panels)]
pub fn panels(p: &PanelsProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    let tab = use_state(|| "events");
    let container = use_state(|| None::<String>);
    let previous = use_state(|| false);
    let pod = &p.trace.timeline.pod.name;
    // The terminal tabs' text, once: drawn, and downloaded as plain text by "⤓ .txt".
    let terminal = match *tab {
        "watch" => Some((
            format!("$ kubectl get pod {pod} -w"),
            crate::sim::watch_upto(&p.trace.timeline, p.cursor),
        )),
        "describe" => Some((
            format!("$ kubectl describe pod {pod}"),
            crate::sim::describe(&p.trace.timeline, p.cursor),
        )),
        "yaml" => Some((
            format!("$ kubectl get pod {pod} -o yaml  # status"),
            crate::sim::status_yaml(&p.trace.timeline, p.cursor),
        )),
        _ => None,
    };
    let body = match (*tab, &terminal) {
        (id, Some((prompt, text))) => html! {
            <div id={format!("panel-{id}")} class="panel terminal" translate="no" tabindex="0">
                <div class="prompt">{prompt.clone()}</div>
                <pre>{text.clone()}</pre>
            </div>
        },
        ("logs", _) => {
            // `kubectl logs POD -c NAME [--previous]` at the cursor.
            let names: Vec<String> = p
                .trace
                .timeline
                .containers
                .iter()
                .map(|c| c.name.clone())
                .collect();
            let chosen = (*container)
                .clone()
                .filter(|c| names.contains(c))
                .or_else(|| {
                    p.trace
                        .timeline
                        .containers
                        .iter()
                        .find(|c| c.kind == podlife_engine::ContainerKind::Regular)
                        .map(|c| c.name.clone())
                })
                .unwrap_or_default();
            let out = match podlife_engine::kubectl::logs(
                &p.trace.timeline,
                Some(&chosen),
                *previous,
                crate::sim::at(p.cursor),
            ) {
                Ok(l) => l.text,
                Err(e) => e,
            };
            let onchange = {
                let container = container.clone();
                Callback::from(move |e: Event| {
                    if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                        container.set(Some(s.value()));
                    }
                })
            };
            let toggle = {
                let previous = previous.clone();
                Callback::from(move |_: Event| previous.set(!*previous))
            };
            html! {
                <div id="panel-logs" class="panel terminal" translate="no" tabindex="0">
                    <div class="prompt">
                        {format!("$ kubectl logs {pod} -c ")}
                        <select id="logs-container" aria-label="container" {onchange}>
                            { for names.iter().map(|n| html! { <option value={n.clone()} selected={*n == chosen}>{n}</option> }) }
                        </select>
                        <label class="logs-previous">
                            <input id="logs-previous" type="checkbox" checked={*previous} onchange={toggle} />
                            {" --previous"}
                        </label>
                    </div>
                    <pre id="logs-text">{out}</pre>
                </div>
            }
        }
        _ => html! {
            <div id="panel-events" class="panel">
                <EventsList trace={p.trace.clone()} upto={crate::components::events::events_upto(&p.trace, p.cursor)} on_seek={p.on_seek.clone()} />
            </div>
        },
    };
    html! {
        <section class="panels">
            <nav class="tabs" role="tablist">
                { for TABS.iter().map(|&(id, label)| {
                    let tab2 = tab.clone();
                    html! {
                        <button role="tab" data-tab={id} class={classes!("tab", (*tab == id).then_some("active"))}
                                aria-selected={(*tab == id).to_string()}
                                onclick={Callback::from(move |_: MouseEvent| tab2.set(id))}>{crate::i18n::tr(lang, label)}</button>
                    }
                }) }
            </nav>
            <div class="panel-tools">
                if let Some((prompt, text)) = terminal {
                    <button id="export-text" class="tab-tool" title={crate::i18n::tr(lang, "Download this panel as plain text")}
                            onclick={{
                                let (pod, what, at) = (pod.clone(), *tab, p.cursor);
                                let text = format!("{prompt}\n{text}");
                                Callback::from(move |_: MouseEvent| {
                                    if let Err(e) = crate::export::download_plain(&pod, what, at, &text) {
                                        web_sys::console::warn_1(&e);
                                    }
                                })
                            }}>{"⤓ .txt"}</button>
                }
            </div>
            {body}
        </section>
    }
}
