//! The `?` shortcut sheet: every row of [`crate::keymap::KEYMAP`].

use crate::keymap::KEYMAP;
use crate::state::Action;
use yew::prelude::*;

/// The sheet's rows: (keys, what they do), one per binding, in the keymap's order.
pub fn rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    KEYMAP.iter().map(|b| (b.label, b.description))
}

#[derive(Properties, PartialEq)]
pub struct ShortcutsProps {
    pub on_action: Callback<Action>,
}

#[function_component(Shortcuts)]
pub fn shortcuts(p: &ShortcutsProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    let close = {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::ToggleShortcuts))
    };
    html! {
        <div id="shortcuts" class="shortcuts" role="dialog" aria-label={crate::i18n::tr(lang, "Keyboard shortcuts")}>
            <header><h2>{crate::i18n::tr(lang, "Keyboard shortcuts")}</h2><button class="close" onclick={close}>{"×"}</button></header>
            <table>
                { for rows().map(|(k, v)| html! { <tr><td><kbd>{crate::i18n::tr(lang, k)}</kbd></td><td>{crate::i18n::tr(lang, v)}</td></tr> }) }
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_lists_every_binding() {
        let rows: Vec<_> = rows().collect();
        assert_eq!(rows.len(), KEYMAP.len());
        for b in KEYMAP {
            assert!(
                rows.contains(&(b.label, b.description)),
                "{} missing from the sheet",
                b.label
            );
        }
        assert!(rows.iter().any(|(k, _)| *k == "W / S"));
    }
}
