//! The examples gallery selector.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExamplesProps {
    /// Selected gallery id, or "" for the user's own text.
    pub selected: AttrValue,
    pub on_load: Callback<String>,
    /// Lines of the user's text set aside by the example on screen (0 = none).
    pub own_lines: usize,
    /// Bring that text back.
    pub on_restore: Callback<()>,
}

#[function_component(Examples)]
pub fn examples(p: &ExamplesProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    let onchange = {
        let cb = p.on_load.clone();
        let restore = p.on_restore.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let v = sel.value();
            if v == "own" {
                restore.emit(());
            } else if !v.is_empty() {
                cb.emit(v);
            }
        })
    };
    html! {
        <label class="examples">
            {crate::i18n::tr(lang, "example ")}
            <select id="examples" {onchange} aria-label={crate::i18n::tr(lang, "Load an example manifest")}>
                if p.selected.is_empty() {
                    <option value="" selected=true disabled=true>{crate::i18n::tr(lang, "— your manifest —")}</option>
                } else if p.own_lines > 0 {
                    <option value="own">{crate::i18n::trf(lang, "— back to your manifest ({} lines) —", &[&p.own_lines.to_string()])}</option>
                } else {
                    <option value="" disabled=true>{crate::i18n::tr(lang, "— your manifest —")}</option>
                }
                // Grouped by where they come from (the title says what they show).
                { for [
                    ("docs", "From the Kubernetes documentation"),
                    ("seed", "From the study notes"),
                    ("podlife", "More from podlife"),
                ].into_iter().map(|(group, label)| html! {
                    <optgroup label={crate::i18n::tr(lang, label)}>
                        { for podlife_engine::gallery::EXAMPLES.iter().filter(|e| e.group == group).map(|e| html! {
                            <option value={e.id} selected={p.selected == e.id}>{crate::i18n::tr(lang, e.title)}</option>
                        }) }
                    </optgroup>
                }) }
            </select>
        </label>
    }
}
