//! The examples gallery selector.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExamplesProps {
    /// Selected gallery id, or "" for the user's own text.
    pub selected: AttrValue,
    pub on_load: Callback<String>,
}

#[function_component(Examples)]
pub fn examples(p: &ExamplesProps) -> Html {
    let onchange = {
        let cb = p.on_load.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let v = sel.value();
            if !v.is_empty() {
                cb.emit(v);
            }
        })
    };
    html! {
        <label class="examples">
            {"example "}
            <select id="examples" {onchange} aria-label="Load an example manifest">
                <option value="" selected={p.selected.is_empty()} disabled=true>{"— your manifest —"}</option>
                { for podlife_engine::gallery::EXAMPLES.iter().map(|e| html! {
                    <option value={e.id} selected={p.selected == e.id}>{e.title}</option>
                }) }
            </select>
        </label>
    }
}
