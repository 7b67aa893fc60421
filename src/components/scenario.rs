//! The scenario editor: a collapsible `<textarea id="scenario">` holding a `kind: Scenario`
//! document (docs/scenario.md) passed to the engine beside the manifest, the kubelet version, the
//! kubectl version that prints `get` and `describe`, and a version to compare with.

use crate::state::{Compare, Shared, KUBELET_VERSIONS};
use podlife_engine::versions::Line;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ScenarioProps {
    pub text: Shared<String>,
    /// Number of problems located in the scenario text.
    pub errors: usize,
    pub kubelet_version: AttrValue,
    pub on_edit: Callback<String>,
    pub on_kubelet: Callback<String>,
    /// The kubectl version that prints `get` and `describe` ("" = the kubelet's).
    pub kubectl_version: AttrValue,
    pub on_kubectl: Callback<String>,
    pub textarea: NodeRef,
    /// The version compared with the selected one, and what changes.
    pub compare: Option<Compare>,
    pub on_compare: Callback<Option<String>>,
    /// The scenario in force (this box's text merged with a `kind: Scenario` document in the
    /// manifest), counted.
    #[prop_or_default]
    pub in_force: crate::sim::InForce,
}

/// Lines shown per section of a comparison (the CLI's `podlife diff-versions` prints all).
const COMPARE_LINES: usize = 8;

/// A `<select>`'s change as its value.
fn on_select(cb: Callback<String>) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
        cb.emit(sel.value());
    })
}

#[function_component(ScenarioEditor)]
pub fn scenario_editor(p: &ScenarioProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    let oninput = {
        let cb = p.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let ta: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            cb.emit(ta.value());
        })
    };
    let onchange = on_select(p.on_kubelet.clone());
    let on_kubectl = on_select(p.on_kubectl.clone());
    let on_compare = on_select(
        p.on_compare
            .reform(|v: String| (!v.is_empty()).then_some(v)),
    );
    let lines = p.text.lines().count();
    let compared = p
        .compare
        .as_ref()
        .map(|c| c.with.clone())
        .unwrap_or_default();
    html! {
        <section class={classes!("scenario", (p.errors > 0).then_some("has-errors"))}>
            // A plain heading row (no <summary>: it may not hold the version menus).
            <div class="scenario-head">
                {crate::i18n::tr(lang, "Scenario")}
                <span class="count" id="scenario-in-force">{ if p.text.trim().is_empty() && !p.in_force.is_empty() {
                        // The manifest carries the scenario: say so, instead of "empty".
                        crate::i18n::trf(lang, "the manifest's kind: Scenario is in force: {} actions, {} behaviour overrides", &[&p.in_force.actions.to_string(), &p.in_force.overrides.to_string()])
                    } else if p.text.trim().is_empty() { crate::i18n::tr(lang, "empty — live actions add to it").to_string() }
                    else { format!("{}{}", crate::i18n::trf(lang, "{} lines", &[&lines.to_string()]),
                        if p.errors > 0 { crate::i18n::trf(lang, ", {} error(s)", &[&p.errors.to_string()]) } else { String::new() }) } }</span>
                <label class="kubelet" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                    {"kubelet "}
                    <select id="kubelet-version" {onchange} aria-label={crate::i18n::tr(lang, "Kubelet version")}>
                        { for KUBELET_VERSIONS.iter().rev().map(|v| html! {
                            <option value={*v} selected={p.kubelet_version == *v}>{format!("v{v}")}</option>
                        }) }
                    </select>
                </label>
                <label class="kubelet" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                    {"kubectl "}
                    <select id="kubectl-version" onchange={on_kubectl} aria-label={crate::i18n::tr(lang, "kubectl version (prints get and describe)")}>
                        <option value="" selected={p.kubectl_version.is_empty()}>{crate::i18n::tr(lang, "same")}</option>
                        { for KUBELET_VERSIONS.iter().rev().map(|v| html! {
                            <option value={*v} selected={p.kubectl_version == *v}>{format!("v{v}")}</option>
                        }) }
                    </select>
                </label>
                <label class="kubelet" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                    {crate::i18n::tr(lang, "compare with ")}
                    <select id="compare-version" onchange={on_compare} aria-label={crate::i18n::tr(lang, "Compare with kubelet version")}>
                        <option value="" selected={compared.is_empty()}>{"—"}</option>
                        { for KUBELET_VERSIONS.iter().rev().filter(|v| **v != p.kubelet_version.as_str()).map(|v| html! {
                            <option value={*v} selected={compared == *v}>{format!("v{v}")}</option>
                        }) }
                    </select>
                </label>
            </div>
            { compare_view(lang, p) }
            <textarea id="scenario" ref={p.textarea.clone()} value={p.text.to_string()} {oninput}
                      spellcheck="false" autocomplete="off" autocapitalize="off" wrap="off"
                      placeholder={"kind: Scenario\nactions:\n  - {at: 20, delete: {}}"}
                      aria-label={crate::i18n::tr(lang, "Scenario (YAML)")} />
        </section>
    }
}

/// What changes between the compared version and the selected one, section by section: the
/// first lines of each, `−` for the compared version's, `+` for the selected one's.
fn compare_view(lang: crate::i18n::Lang, p: &ScenarioProps) -> Html {
    use crate::i18n::{tr, trf};
    let Some(c) = &p.compare else {
        return html! {};
    };
    // A section's title: a kubectl command (as it is) or the events.
    let section_title = |t: &str| match t.strip_prefix("kubectl describe pod at ") {
        Some(at) => trf(lang, "kubectl describe pod at {}", &[at]),
        None if t == "events" => tr(lang, "events").to_string(),
        None => t.to_string(),
    };
    let body = match &*c.result.0 {
        Err(e) => html! { <p class="compare-error">{trf(lang, "cannot compare: {}", &[e])}</p> },
        Ok(sections) if sections.is_empty() => html! {
            <p class="compare-same">{trf(lang, "v{} and v{} play this pod the same.", &[&c.with, &p.kubelet_version])}</p>
        },
        Ok(sections) => html! {
            <ul class="compare-sections">
                { for sections.iter().map(|s| {
                    let more = s.lines.len().saturating_sub(COMPARE_LINES);
                    html! {
                        <li data-section={s.title.clone()}>
                            <span class="compare-title">{trf(lang, "{} ({} line(s) differ)", &[&section_title(&s.title), &s.lines.len().to_string()])}</span>
                            <pre translate="no">{ for s.lines.iter().take(COMPARE_LINES).map(|l| match l {
                                Line::Old(t) => format!("− v{} {t}\n", c.with),
                                Line::New(t) => format!("+ v{} {t}\n", p.kubelet_version),
                            }) }{ if more > 0 { trf(lang, "… {} more (podlife diff-versions prints all)\n", &[&more.to_string()]) } else { String::new() } }</pre>
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <div id="version-diff" data-with={c.with.clone()}>
            <p class="compare-head">{trf(lang, "What changes from v{} to v{}:", &[&c.with, &p.kubelet_version])}</p>
            { body }
        </div>
    }
}
