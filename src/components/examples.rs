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
            {"example "}
            <select id="examples" {onchange} aria-label="Load an example manifest">
                if p.selected.is_empty() {
                    <option value="" selected=true disabled=true>{"— your manifest —"}</option>
                } else if p.own_lines > 0 {
                    <option value="own">{format!("— back to your manifest ({} lines) —", p.own_lines)}</option>
                } else {
                    <option value="" disabled=true>{"— your manifest —"}</option>
                }
                { for podlife_engine::gallery::EXAMPLES.iter().map(|e| html! {
                    <option value={e.id} selected={p.selected == e.id}>{e.title}</option>
                }) }
            </select>
        </label>
    }
}
