//! The manifest editor: a monospace `<textarea id="editor">` with a line-number gutter that marks
//! lines with problems. The text is the user's: the app never rewrites it on errors.

use crate::state::Shared;
use podlife_engine::{Diagnostic, Severity};
use std::collections::BTreeMap;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub text: Shared<String>,
    pub problems: Shared<Vec<Diagnostic>>,
    pub on_edit: Callback<String>,
    /// The textarea, so the problems panel can move the caret to a line.
    pub textarea: NodeRef,
}

/// Severity per 1-based line (errors win over warnings).
pub fn line_marks(problems: &[Diagnostic]) -> BTreeMap<usize, Severity> {
    let mut m = BTreeMap::new();
    for d in problems {
        if let Some(l) = d.line {
            let e = m.entry(l).or_insert(d.severity);
            if d.severity == Severity::Error {
                *e = Severity::Error;
            }
        }
    }
    m
}

#[function_component(Editor)]
pub fn editor(p: &EditorProps) -> Html {
    let gutter = use_node_ref();
    let lines = p.text.split('\n').count().max(1);
    let marks = line_marks(&p.problems);
    let oninput = {
        let on_edit = p.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let ta: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            on_edit.emit(ta.value());
        })
    };
    let onscroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let ta: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(g) = gutter.cast::<web_sys::Element>() {
                g.set_scroll_top(ta.scroll_top());
            }
        })
    };
    html! {
        <div class="editor">
            <div class="gutter" ref={gutter} aria-hidden="true">
                { for (1..=lines).map(|l| {
                    let class = match marks.get(&l) {
                        Some(Severity::Error) => "ln ln-error",
                        Some(Severity::Warning) => "ln ln-warning",
                        None => "ln",
                    };
                    html! { <div {class} data-line={l.to_string()}>{l}</div> }
                }) }
            </div>
            <textarea id="editor" ref={p.textarea.clone()} value={p.text.to_string()} {oninput} {onscroll}
                      spellcheck="false" autocomplete="off" autocapitalize="off" wrap="off"
                      aria-label="Pod manifest (YAML)" />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_win_over_warnings() {
        let d = vec![
            Diagnostic::warning("a", "w").at(3, 1),
            Diagnostic::error("b", "e").at(3, 5),
            Diagnostic::warning("c", "w").at(7, 1),
            Diagnostic::error("", "unlocated"),
        ];
        let m = line_marks(&d);
        assert_eq!(m.len(), 2);
        assert_eq!(m[&3], Severity::Error);
        assert_eq!(m[&7], Severity::Warning);
    }
}
