//! The event log: events recorded up to the cursor, newest first, each with its time since pod
//! creation. Clicking an event moves the cursor to it. (Ages relative to the cursor, as kubectl
//! prints them, are in the `describe` and `get -w` tabs.)
//!
//! One line per event (the full message is the row's tooltip), so every row has the same height
//! and only the rows in view are drawn: a day-long trace lists all its events. The list depends on
//! the number of events up to the cursor, not on the cursor, so playback redraws it only when an
//! event is reached.

use crate::format;
use crate::model::{Time, Trace};
use crate::state::Shared;
use yew::prelude::*;

/// Height of one row in CSS pixels (matches `.ev-row` in style.css).
pub const ROW_PX: f64 = 20.0;
/// Rows drawn: a 36vh panel shows about 20; the rest is margin for scrolling.
const WINDOW_ROWS: usize = 40;
const MARGIN_ROWS: usize = 8;

#[derive(Properties, PartialEq)]
pub struct EventsProps {
    pub trace: Shared<Trace>,
    /// How many events happened at or before the cursor ([`events_upto`]).
    pub upto: usize,
    pub on_seek: Callback<Time>,
}

/// How many of the timeline's events happened at or before `t`.
pub fn events_upto(trace: &Trace, t: Time) -> usize {
    let t = crate::sim::at(t);
    trace.timeline.events.partition_point(|e| e.t <= t)
}

/// Rows (0 = newest) to draw for a scroll offset, out of `rows`.
pub fn row_window(scroll_top: f64, rows: usize) -> std::ops::Range<usize> {
    crate::lod::scroll_window(scroll_top, ROW_PX, rows, MARGIN_ROWS, WINDOW_ROWS)
}

#[function_component(EventsList)]
pub fn events_list(p: &EventsProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    let scroll = use_state(|| 0.0f64);
    let onscroll = {
        let scroll = scroll.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            let top = el.scroll_top() as f64;
            // Redraw only when the window of rows changes.
            if row_window(top, usize::MAX) != row_window(*scroll, usize::MAX) {
                scroll.set(top);
            }
        })
    };
    let events = &p.trace.timeline.events;
    let upto = p.upto.min(events.len());
    let rows = row_window(*scroll, upto);
    html! {
        <section id="events" class="events" data-count={upto.to_string()} {onscroll} tabindex="0">
            <h2>{crate::i18n::tr(lang, "Events")}<span class="count">{crate::i18n::trf(lang, "{} up to the cursor, newest first", &[&upto.to_string()])}</span></h2>
            <div class="ev-table" role="table" aria-label={crate::i18n::tr(lang, "Events up to the cursor, newest first")}>
                <div class="ev-row ev-head" role="row">
                    <span role="columnheader" class="num">{"t"}</span>
                    <span role="columnheader">{crate::i18n::tr(lang, "Type")}</span><span role="columnheader">{crate::i18n::tr(lang, "Reason")}</span>
                    <span role="columnheader" class="obj">{crate::i18n::tr(lang, "Object")}</span><span role="columnheader">{crate::i18n::tr(lang, "Message")}</span>
                </div>
                // Every row is a fixed-size layout boundary (`contain: strict`), so rewriting the
                // AGE cells during playback lays out and paints those rows only.
                <div class="ev-body" role="rowgroup" style={format!("height:{}px", upto as f64 * ROW_PX)}>
                    { for rows.clone().map(|i| {
                        // Placed from the bottom and keyed by the event's index, so a new event
                        // adds one row and moves none.
                        let j = upto - 1 - i;
                        let e = &events[j];
                        let t = e.t.as_secs_f64();
                        let on_seek = p.on_seek.clone();
                        html! {
                            <div key={j} class={classes!("event", "ev-row", (e.event_type == podlife_engine::EventType::Warning).then_some("warning"))} role="row" translate="no"
                                 style={format!("bottom:{}px", j as f64 * ROW_PX)}
                                 title={format!("{} {} {}: {}", format::secs(e.t.as_secs_f64()), e.reason, e.object, e.message)}
                                 onclick={Callback::from(move |_: MouseEvent| on_seek.emit(t))}>
                                <span role="cell" class="num">{format::secs(e.t.as_secs_f64())}</span>
                                <span role="cell" class="type">{e.event_type.as_str()}</span>
                                <span role="cell" translate="no">{&e.reason}</span>
                                <span role="cell" class="obj">{&e.object}</span>
                                <span role="cell" class="msg" translate="no">{&e.message}</span>
                            </div>
                        }
                    }) }
                </div>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_rows_in_view_are_drawn() {
        assert_eq!(row_window(0.0, 5), 0..5);
        assert_eq!(row_window(0.0, 10_000), 0..WINDOW_ROWS);
        let w = row_window(500.0 * ROW_PX, 10_000);
        assert_eq!(w.start, 500 - MARGIN_ROWS);
        assert_eq!(w.len(), WINDOW_ROWS);
        assert_eq!(row_window(1e9, 10), 10..10);
    }
}
