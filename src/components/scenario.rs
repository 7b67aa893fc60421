//! The scenario editor: a collapsible `<textarea id="scenario">` holding a `kind: Scenario`
//! document (docs/scenario.md) passed to the engine beside the manifest, and the kubelet version.

use crate::state::{Shared, KUBELET_VERSIONS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ScenarioProps {
    pub text: Shared<String>,
    /// Number of problems located in the scenario text.
    pub errors: usize,
    pub kubelet_version: AttrValue,
    pub on_edit: Callback<String>,
    pub on_kubelet: Callback<String>,
    pub textarea: NodeRef,
}

#[function_component(ScenarioEditor)]
pub fn scenario_editor(p: &ScenarioProps) -> Html {
    let oninput = {
        let cb = p.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let ta: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            cb.emit(ta.value());
        })
    };
    let onchange = {
        let cb = p.on_kubelet.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            cb.emit(sel.value());
        })
    };
    let lines = p.text.lines().count();
    html! {
        <details class={classes!("scenario", (p.errors > 0).then_some("has-errors"))} open=true>
            <summary>
                {"Scenario"}
                <span class="count">{ if p.text.trim().is_empty() { "empty — live actions add to it".to_string() }
                    else { format!("{lines} lines{}", if p.errors > 0 { format!(", {} error(s)", p.errors) } else { String::new() }) } }</span>
                <label class="kubelet" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                    {"kubelet "}
                    <select id="kubelet-version" {onchange} aria-label="Kubelet version">
                        { for KUBELET_VERSIONS.iter().rev().map(|v| html! {
                            <option value={*v} selected={p.kubelet_version == *v}>{format!("v{v}")}</option>
                        }) }
                    </select>
                </label>
            </summary>
            <textarea id="scenario" ref={p.textarea.clone()} value={p.text.to_string()} {oninput}
                      spellcheck="false" autocomplete="off" autocapitalize="off" wrap="off"
                      placeholder={"kind: Scenario\nactions:\n  - {at: 20, delete: {}}"}
                      aria-label="Scenario (YAML)" />
        </details>
    }
}
