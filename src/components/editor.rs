//! The manifest editor: a monospace `<textarea id="editor">` over a highlighted copy of its text,
//! with a line-number gutter that marks lines with problems. The text is the user's: the app never
//! rewrites it on errors.
//!
//! The textarea stays the single source of truth (its text is transparent, its caret visible);
//! the gutter and the highlighted `<pre>` behind it draw only the lines in view, moved with the
//! textarea's scroll offset, so a huge paste costs no more to draw than a short one.

use crate::highlight;
use crate::state::Shared;
use podlife_engine::{Diagnostic, Severity};
use std::collections::BTreeMap;
use yew::prelude::*;

/// Line height in CSS pixels (matches `--editor-line` in style.css).
pub const LINE_PX: f64 = 20.0;
/// Lines drawn above and below the visible ones.
const MARGIN_LINES: usize = 10;
/// Lines drawn in all (covers an editor about 1 600 px tall).
const WINDOW_LINES: usize = 100;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub text: Shared<String>,
    pub problems: Shared<Vec<Diagnostic>>,
    pub on_edit: Callback<String>,
    /// The textarea, so the problems panel can move the caret to a line.
    pub textarea: NodeRef,
    /// While an unchanged example stands over the user's own text: undo (Ctrl+Z / ⌘Z) brings
    /// that text back. (Setting the textarea's value empties the browser's own undo history,
    /// so without this undo would do nothing after an example was loaded.)
    #[prop_or_default]
    pub on_undo_example: Option<Callback<()>>,
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

/// The 0-based line range to draw for a scroll offset: the lines in view plus a margin.
pub fn window(scroll_top: f64, lines: usize) -> std::ops::Range<usize> {
    crate::lod::scroll_window(scroll_top, LINE_PX, lines, MARGIN_LINES, WINDOW_LINES)
}

#[function_component(Editor)]
pub fn editor(p: &EditorProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    // The textarea's scroll offset (top, left), in CSS pixels.
    let scroll = use_state(|| (0.0f64, 0.0f64));
    // Line starts and block-scalar flags: once per text, not per scroll.
    let lines = use_memo(p.text.clone(), |text| {
        let starts: Vec<&str> = text.split('\n').collect();
        let blocks = highlight::block_lines(text);
        (
            starts.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            blocks,
        )
    });
    let (all, blocks) = &*lines;
    let count = all.len().max(1);
    let marks = line_marks(&p.problems);
    let oninput = {
        let on_edit = p.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let ta: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            on_edit.emit(ta.value());
        })
    };
    let onscroll = {
        let scroll = scroll.clone();
        Callback::from(move |e: Event| {
            let ta: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            let s = (ta.scroll_top() as f64, ta.scroll_left() as f64);
            if *scroll != s {
                scroll.set(s);
            }
        })
    };
    let onkeydown = p.on_undo_example.clone().map(|undo| {
        Callback::from(move |e: KeyboardEvent| {
            let z = e.key().eq_ignore_ascii_case("z") || e.code() == "KeyZ";
            if z && (e.ctrl_key() || e.meta_key()) && !e.shift_key() && !e.alt_key() {
                e.prevent_default();
                undo.emit(());
            }
        })
    });
    let (top, left) = *scroll;
    let range = window(top, count);
    let shift = range.start as f64 * LINE_PX - top;
    let sev_class = |l: usize| match marks.get(&l) {
        Some(Severity::Error) => Some("error"),
        Some(Severity::Warning) => Some("warning"),
        None => None,
    };
    html! {
        <div class="editor">
            <div class="gutter" aria-hidden="true" style={format!("min-width:calc({}ch + 24px)", count.to_string().len())}>
                <div class="gutter-lines" style={format!("transform:translateY({shift:.0}px)")}>
                    { for range.clone().map(|i| {
                        let l = i + 1;
                        let class = classes!("ln", sev_class(l).map(|s| format!("ln-{s}")));
                        html! { <div {class} data-line={l.to_string()}>{l}</div> }
                    }) }
                </div>
            </div>
            <div class="code">
                <pre class="highlight" aria-hidden="true" translate="no"><code style={format!("transform:translate({:.0}px,{shift:.0}px)", -left)}>
                    { for range.map(|i| {
                        let line = all.get(i).map(String::as_str).unwrap_or("");
                        let block = blocks.get(i).copied().unwrap_or(false);
                        let class = classes!("hl-line", sev_class(i + 1).map(|s| format!("hl-{s}")));
                        html! {
                            <div {class}>
                                { for highlight::tokens(line, block).into_iter().map(|(tok, s)| html! {
                                    <span class={tok.class()}>{s}</span>
                                }) }
                            </div>
                        }
                    }) }
                </code></pre>
                <textarea id="editor" ref={p.textarea.clone()} value={p.text.to_string()} {oninput} {onscroll} {onkeydown}
                          spellcheck="false" autocomplete="off" autocapitalize="off" wrap="off"
                          aria-label={crate::i18n::tr(lang, "Pod manifest (YAML)")} />
            </div>
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

    #[test]
    fn only_the_lines_in_view_are_drawn() {
        assert_eq!(window(0.0, 30), 0..30);
        assert_eq!(window(0.0, 50_000), 0..WINDOW_LINES);
        // Scrolled to line 1 000: drawn from 990 on.
        let w = window(1000.0 * LINE_PX, 50_000);
        assert_eq!(w.start, 1000 - MARGIN_LINES);
        assert_eq!(w.len(), WINDOW_LINES);
        // Near the end the window is cut at the last line.
        assert_eq!(window(49_990.0 * LINE_PX, 50_000).end, 50_000);
    }
}
