//! The one keymap: every keyboard binding once, with the pointer gestures listed beside them.
//! The timeline's key handler looks keys up here ([`lookup`]), the `?` sheet
//! (`components/shortcuts.rs`) lists every row and the top bar's hint line ([`hint_line`]) shows
//! the rows that have a hint. A new key binding is one row in [`KEYMAP`] (and, for a new kind of
//! effect, one [`Command`] with its arm in [`Command::action`]).

use crate::model::Time;
use crate::state::Action;

/// What a key binding matches on a `KeyboardEvent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// A physical key, `KeyboardEvent.code` (layout independent: W/A/S/D stay under the left
    /// hand on any layout, as in Perfetto).
    Code(&'static str),
    /// A character, `KeyboardEvent.key` (`?` wherever the layout puts it). Characters are matched
    /// before physical keys.
    Key(&'static str),
}

/// Which modifier keys a key binding accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mods {
    /// Any modifiers.
    Any,
    /// No Ctrl, Alt or Meta; Shift is free (or part of the character, as in `?`).
    Plain,
    /// No Ctrl, Alt or Meta; Shift takes a bigger step.
    ShiftMore,
}

/// Where the focus may be for a key binding to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// Anywhere, even in a text field.
    Anywhere,
    /// Not in a text field (there W/A/S/D are typing, not navigation).
    NotTyping,
    /// Neither in a text field nor on a button (whose own Space / Enter activates it).
    NotOnButton,
}

/// What a key does; [`Command::action`] is the one mapping to the reducer's [`Action`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    ZoomIn,
    ZoomOut,
    PanLeft,
    PanRight,
    Fit,
    NextEvent,
    PrevEvent,
    TogglePlay,
    ExplainAtCursor,
    CloseOverlays,
    ToggleShortcuts,
}

impl Command {
    pub const ALL: &'static [Command] = &[
        Command::ZoomIn,
        Command::ZoomOut,
        Command::PanLeft,
        Command::PanRight,
        Command::Fit,
        Command::NextEvent,
        Command::PrevEvent,
        Command::TogglePlay,
        Command::ExplainAtCursor,
        Command::CloseOverlays,
        Command::ToggleShortcuts,
    ];

    /// The action for this command; `more` is the bigger step (Shift on a [`Mods::ShiftMore`]
    /// binding); keyboard zoom anchors at `hover`, the time under the mouse (if any).
    pub fn action(self, more: bool, hover: Option<Time>) -> Action {
        let step = |small: f64, big: f64| if more { big } else { small };
        match self {
            Command::ZoomIn => Action::Zoom {
                factor: step(0.8, 0.5),
                anchor: hover,
            },
            Command::ZoomOut => Action::Zoom {
                factor: step(1.25, 2.0),
                anchor: hover,
            },
            Command::PanLeft => Action::PanBy(-step(0.1, 0.5)),
            Command::PanRight => Action::PanBy(step(0.1, 0.5)),
            Command::Fit if more => Action::FitAll,
            Command::Fit => Action::Fit,
            Command::NextEvent => Action::NextEvent,
            Command::PrevEvent => Action::PrevEvent,
            Command::TogglePlay => Action::TogglePlay,
            Command::ExplainAtCursor => Action::ExplainAtCursor,
            Command::CloseOverlays => Action::CloseOverlays,
            Command::ToggleShortcuts => Action::ToggleShortcuts,
        }
    }

    /// Whether the handler cancels the key's default. Esc keeps its own (closing a `<select>`
    /// list, leaving full screen).
    pub fn prevents_default(self) -> bool {
        self != Command::CloseOverlays
    }
}

/// How a binding is triggered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// Keys, each with its command, under one modifier and focus rule.
    Keys {
        keys: &'static [(Input, Command)],
        mods: Mods,
        focus: Focus,
    },
    /// A pointer gesture, handled by the timeline's pointer hooks: listed, never looked up.
    Pointer,
}

/// One row of the keymap, as the `?` sheet shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The keys as shown: `W / S`.
    pub label: &'static str,
    /// What they do: `zoom in / out (Shift: more)`.
    pub description: &'static str,
    /// Its text in the top bar's hint line, if it is there.
    pub hint: Option<&'static str>,
    pub trigger: Trigger,
}

use Command as C;
use Focus::{Anywhere, NotOnButton, NotTyping};
use Input::{Code, Key};
use Mods::{Plain, ShiftMore};

/// Every binding, in the `?` sheet's order.
pub const KEYMAP: &[Binding] = &[
    Binding {
        label: "W / S",
        description: "zoom in / out (Shift: more)",
        hint: Some("W/S zoom"),
        trigger: Trigger::Keys {
            keys: &[(Code("KeyW"), C::ZoomIn), (Code("KeyS"), C::ZoomOut)],
            mods: ShiftMore,
            focus: NotTyping,
        },
    },
    Binding {
        label: "A / D",
        description: "pan left / right (Shift: more)",
        hint: Some("A/D pan"),
        trigger: Trigger::Keys {
            keys: &[(Code("KeyA"), C::PanLeft), (Code("KeyD"), C::PanRight)],
            mods: ShiftMore,
            focus: NotTyping,
        },
    },
    Binding {
        label: "wheel",
        description: "zoom at the mouse; Shift+wheel or drag the axis: pan",
        hint: Some("wheel zoom · shift+wheel or drag the axis: pan"),
        trigger: Trigger::Pointer,
    },
    Binding {
        label: "pinch",
        description: "zoom (touch screen or trackpad)",
        hint: None,
        trigger: Trigger::Pointer,
    },
    Binding {
        label: ". / ,",
        description: "next / previous event (the details follow when open)",
        hint: Some(", . events"),
        trigger: Trigger::Keys {
            keys: &[
                (Code("Period"), C::NextEvent),
                (Code("Comma"), C::PrevEvent),
            ],
            mods: Plain,
            focus: NotTyping,
        },
    },
    Binding {
        label: "Enter",
        description: "explain the event at the cursor",
        hint: None,
        trigger: Trigger::Keys {
            keys: &[
                (Code("Enter"), C::ExplainAtCursor),
                (Code("NumpadEnter"), C::ExplainAtCursor),
            ],
            mods: Plain,
            focus: NotOnButton,
        },
    },
    Binding {
        label: "Space",
        description: "play / pause",
        hint: Some("space play"),
        trigger: Trigger::Keys {
            keys: &[(Code("Space"), C::TogglePlay)],
            mods: Plain,
            focus: NotOnButton,
        },
    },
    Binding {
        label: "F",
        description: "fit what happens (Shift: the whole horizon)",
        hint: Some("F fit"),
        trigger: Trigger::Keys {
            keys: &[(Code("KeyF"), C::Fit)],
            mods: ShiftMore,
            focus: NotTyping,
        },
    },
    Binding {
        label: "click",
        description: "seek; on a span or mark: details",
        hint: None,
        trigger: Trigger::Pointer,
    },
    Binding {
        label: "Esc",
        description: "close the details / this sheet",
        hint: None,
        trigger: Trigger::Keys {
            keys: &[(Code("Escape"), C::CloseOverlays)],
            mods: Mods::Any,
            focus: Anywhere,
        },
    },
    Binding {
        label: "?",
        description: "this help",
        hint: Some("? help"),
        trigger: Trigger::Keys {
            keys: &[(Key("?"), C::ToggleShortcuts)],
            mods: Plain,
            focus: NotTyping,
        },
    },
];

/// A key press, as plain data (from a `KeyboardEvent` and its target).
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyPress<'a> {
    /// `KeyboardEvent.code`.
    pub code: &'a str,
    /// `KeyboardEvent.key`.
    pub key: &'a str,
    pub shift: bool,
    pub ctrl: bool,
    pub alt: bool,
    pub meta: bool,
    /// The target is a text field (textarea, input, select, contenteditable).
    pub typing: bool,
    /// The target is a button.
    pub on_button: bool,
}

/// A key press matched to its binding.
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    pub binding: &'static Binding,
    pub command: Command,
    /// Shift on a [`Mods::ShiftMore`] binding: the bigger step.
    pub more: bool,
}

impl Hit {
    pub fn action(&self, hover: Option<Time>) -> Action {
        self.command.action(self.more, hover)
    }
}

/// The binding a key press triggers, if any: characters (`key`) first, then physical keys
/// (`code`), each under its binding's modifier and focus rules.
pub fn lookup(p: &KeyPress) -> Option<Hit> {
    let applies = |mods: Mods, focus: Focus| {
        let mods_ok = mods == Mods::Any || !(p.ctrl || p.alt || p.meta);
        let focus_ok = match focus {
            Anywhere => true,
            NotTyping => !p.typing,
            NotOnButton => !p.typing && !p.on_button,
        };
        mods_ok && focus_ok
    };
    let find = |by_char: bool| {
        KEYMAP.iter().find_map(|b| match b.trigger {
            Trigger::Keys { keys, mods, focus } if applies(mods, focus) => keys
                .iter()
                .find(|(input, _)| match *input {
                    Key(k) => by_char && k == p.key,
                    Code(c) => !by_char && c == p.code,
                })
                .map(|&(_, command)| Hit {
                    binding: b,
                    command,
                    more: mods == ShiftMore && p.shift,
                }),
            _ => None,
        })
    };
    find(true).or_else(|| find(false))
}

/// The top bar's one-line reminder: the hints of the bindings that have one.
pub fn hint_line() -> String {
    KEYMAP
        .iter()
        .filter_map(|b| b.hint)
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn press(code: &'static str) -> KeyPress<'static> {
        KeyPress {
            code,
            ..KeyPress::default()
        }
    }

    fn inputs() -> impl Iterator<Item = (&'static Binding, Input, Command)> {
        KEYMAP.iter().flat_map(|b| match b.trigger {
            Trigger::Keys { keys, .. } => keys.iter().map(move |&(i, c)| (b, i, c)).collect(),
            Trigger::Pointer => vec![],
        })
    }

    #[test]
    fn every_key_combination_is_unique_and_reaches_its_binding() {
        let mut seen = BTreeSet::new();
        for (b, input, command) in inputs() {
            assert!(seen.insert(format!("{input:?}")), "{input:?} bound twice");
            // Pressed alone (shifted for a character), it finds its own row: nothing shadows it.
            let p = match input {
                Code(c) => press(c),
                Key(k) => KeyPress {
                    key: k,
                    shift: true,
                    ..KeyPress::default()
                },
            };
            let hit = lookup(&p).unwrap_or_else(|| panic!("{input:?} not found"));
            assert_eq!((hit.binding.label, hit.command), (b.label, command));
        }
        let labels: BTreeSet<_> = KEYMAP.iter().map(|b| b.label).collect();
        assert_eq!(labels.len(), KEYMAP.len(), "labels are unique");
    }

    #[test]
    fn every_command_has_a_key() {
        for c in Command::ALL {
            assert!(inputs().any(|(_, _, k)| k == *c), "{c:?} has no key");
        }
    }

    #[test]
    fn the_hint_line_comes_from_the_table() {
        let line = hint_line();
        for b in KEYMAP {
            if let Some(h) = b.hint {
                assert!(line.contains(h), "{h} missing from {line}");
            }
        }
        assert!(line.starts_with("W/S zoom · A/D pan"), "{line}");
        assert!(line.ends_with("? help"), "{line}");
    }

    /// `code` pressed with `with` ("shift ctrl meta typing button", any of them).
    fn act(code: &'static str, with: &str) -> Option<Action> {
        let p = KeyPress {
            shift: with.contains("shift"),
            ctrl: with.contains("ctrl"),
            meta: with.contains("meta"),
            typing: with.contains("typing"),
            on_button: with.contains("button"),
            ..press(code)
        };
        lookup(&p).map(|h| h.action(Some(12.0)))
    }

    #[test]
    fn keys_map_to_actions() {
        assert!(matches!(
            act("KeyW", ""),
            Some(Action::Zoom { factor, anchor: Some(a) }) if factor == 0.8 && a == 12.0
        ));
        assert!(matches!(
            act("KeyS", "shift"),
            Some(Action::Zoom { factor, .. }) if factor == 2.0
        ));
        assert!(matches!(act("KeyA", "shift"), Some(Action::PanBy(f)) if f == -0.5));
        assert!(matches!(act("KeyD", ""), Some(Action::PanBy(f)) if f == 0.1));
        assert!(matches!(act("KeyF", ""), Some(Action::Fit)));
        // Shift+F: the whole horizon.
        assert!(matches!(act("KeyF", "shift"), Some(Action::FitAll)));
        assert!(matches!(act("Period", ""), Some(Action::NextEvent)));
        assert!(matches!(act("Comma", ""), Some(Action::PrevEvent)));
        assert!(matches!(
            act("NumpadEnter", ""),
            Some(Action::ExplainAtCursor)
        ));
        assert!(matches!(act("Space", ""), Some(Action::TogglePlay)));
        // `?` is a character: found by `key` whatever physical key types it.
        let help = KeyPress {
            key: "?",
            shift: true,
            ..press("Comma")
        };
        assert!(matches!(
            lookup(&help).map(|h| h.action(None)),
            Some(Action::ToggleShortcuts)
        ));
    }

    #[test]
    fn modifiers_and_focus_are_respected() {
        assert!(act("KeyW", "ctrl").is_none());
        assert!(act("KeyD", "meta").is_none());
        assert!(act("KeyS", "typing").is_none());
        assert!(act("Space", "button").is_none());
        assert!(act("Enter", "button").is_none());
        assert!(act("KeyF", "button").is_some());
        assert!(act("KeyQ", "").is_none());
        // Esc closes from anywhere, even a text field, and keeps its default.
        assert!(matches!(
            act("Escape", "typing ctrl"),
            Some(Action::CloseOverlays)
        ));
        assert!(!Command::CloseOverlays.prevents_default());
        assert!(lookup(&press("KeyW")).unwrap().command.prevents_default());
    }
}
