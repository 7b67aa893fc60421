//! The `?` shortcut sheet.

use crate::state::Action;
use yew::prelude::*;

pub const KEYS: &[(&str, &str)] = &[
    ("W / S", "zoom in / out (Shift: more)"),
    ("A / D", "pan left / right (Shift: more)"),
    (
        "wheel",
        "zoom at the mouse; Shift+wheel or drag the axis: pan",
    ),
    ("pinch", "zoom (touch screen or trackpad)"),
    (
        ". / ,",
        "next / previous event (the details follow when open)",
    ),
    ("Enter", "explain the event at the cursor"),
    ("Space", "play / pause"),
    ("F", "fit the whole timeline"),
    ("click", "seek; on a span or mark: details"),
    ("Esc", "close the details / this sheet"),
    ("?", "this help"),
];

#[derive(Properties, PartialEq)]
pub struct ShortcutsProps {
    pub on_action: Callback<Action>,
}

#[function_component(Shortcuts)]
pub fn shortcuts(p: &ShortcutsProps) -> Html {
    let close = {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::ToggleShortcuts))
    };
    html! {
        <div id="shortcuts" class="shortcuts" role="dialog" aria-label="Keyboard shortcuts">
            <header><h2>{"Keyboard shortcuts"}</h2><button class="close" onclick={close}>{"×"}</button></header>
            <table>
                { for KEYS.iter().map(|(k, v)| html! { <tr><td><kbd>{*k}</kbd></td><td>{*v}</td></tr> }) }
            </table>
        </div>
    }
}
