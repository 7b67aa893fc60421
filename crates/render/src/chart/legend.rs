//! The colour key, one list for every renderer: the web app's legend strip draws it with CSS
//! classes, the SVG/PNG export with the palette's colours ([`crate::theme::Palette::tone`],
//! [`crate::theme::Palette::mark`]).

use super::{MarkKind, Tone};
use podlife_engine::ProbeResult;

/// What a legend entry shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A slice of this tone.
    Slice(Tone),
    /// Two slices side by side (a lane whose two states matter: conditions, endpoints); the
    /// `&str` is the entry's `data-key`.
    Pair(&'static str, Tone, Tone),
    /// A probe tick.
    Tick(ProbeResult),
    /// An instant.
    Mark(MarkKind),
    /// A band behind a probe lane (`probe-on-hold`, `probe-disabled`).
    Band(&'static str),
    /// A probe's initial-delay gate.
    Gate,
    /// The consecutive-result counter drawn beside a failure tick (`2/3`).
    Counter,
    /// The deletion ruler's steps (a preStop strip and a SIGKILL mark).
    GraceSteps,
}

/// One entry: what to draw and its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: Key,
    pub label: &'static str,
}

const fn e(key: Key, label: &'static str) -> Entry {
    Entry { key, label }
}

/// The legend, in drawing order.
pub const ENTRIES: &[Entry] = &[
    e(Key::Slice(Tone::Pending), "waiting / creating"),
    e(Key::Slice(Tone::Good), "running / ready"),
    e(Key::Slice(Tone::Warn), "back-off / error wait"),
    e(Key::Slice(Tone::Term), "terminating"),
    e(Key::Slice(Tone::Bad), "terminated (error)"),
    e(Key::Slice(Tone::Done), "completed"),
    e(Key::Slice(Tone::Info), "image pull / sandbox"),
    e(Key::Slice(Tone::Hook), "hook"),
    e(Key::Tick(ProbeResult::Success), "probe ok"),
    e(Key::Tick(ProbeResult::Failure), "probe failed"),
    e(Key::Tick(ProbeResult::Error), "probe error"),
    e(Key::Tick(ProbeResult::Skipped), "probe skipped"),
    e(Key::Mark(MarkKind::Kill), "kill"),
    e(Key::Mark(MarkKind::Sigterm), "SIGTERM"),
    e(Key::Mark(MarkKind::Sigkill), "SIGKILL"),
    e(Key::Mark(MarkKind::Restart), "restart"),
    e(Key::Mark(MarkKind::Exit), "exit"),
    e(Key::Mark(MarkKind::EventNormal), "event"),
    e(Key::Mark(MarkKind::EventWarning), "warning event"),
    e(Key::Mark(MarkKind::Deleted), "pod deleted"),
    e(Key::Mark(MarkKind::Removed), "gone from the API"),
    e(
        Key::Pair("condition", Tone::Good, Tone::Warn),
        "condition True / False",
    ),
    e(
        Key::Pair("endpoints", Tone::Good, Tone::Term),
        "endpoint ready / serving, terminating",
    ),
    e(Key::Band("probe-on-hold"), "probe on hold"),
    e(Key::Band("probe-disabled"), "probe disabled until started"),
    e(Key::Gate, "initial delay"),
    e(Key::Counter, "failures toward threshold"),
    e(Key::GraceSteps, "grace: preStop, TERM, KILL"),
];

/// The legend's labels, in drawing order.
pub fn labels() -> Vec<&'static str> {
    ENTRIES.iter().map(|e| e.label).collect()
}
