//! Events recorded up to the cursor, newest first, with kubectl's AGE relative to the cursor.
//! Clicking an event moves the cursor to it.

use crate::format;
use crate::model::{Time, Trace};
use crate::state::Shared;
use yew::prelude::*;

/// How many of the latest events to list.
pub const MAX_EVENTS: usize = 200;

#[derive(Properties, PartialEq)]
pub struct EventsProps {
    pub trace: Shared<Trace>,
    pub cursor: Time,
    pub on_seek: Callback<Time>,
}

#[function_component(EventsList)]
pub fn events_list(p: &EventsProps) -> Html {
    let events = &p.trace.timeline.events;
    let upto = events.partition_point(|e| e.t <= p.cursor + 1e-9);
    let shown = &events[upto.saturating_sub(MAX_EVENTS)..upto];
    html! {
        <section id="events" class="events" data-count={upto.to_string()}>
            <h2>{"Events"}<span class="count">{format!("{upto} up to the cursor, newest first")}</span></h2>
            <table>
                <colgroup>
                    <col class="c-t" /><col class="c-age" /><col class="c-type" /><col class="c-reason" /><col class="c-obj" /><col class="c-msg" />
                </colgroup>
                <thead><tr><th>{"t"}</th><th class="age">{"Age"}</th><th>{"Type"}</th><th>{"Reason"}</th><th class="obj">{"Object"}</th><th>{"Message"}</th></tr></thead>
                <tbody>
                    { for shown.iter().rev().map(|e| {
                        let t = e.t;
                        let on_seek = p.on_seek.clone();
                        html! {
                            <tr class={classes!("event", (e.event_type == "Warning").then_some("warning"))}
                                onclick={Callback::from(move |_: MouseEvent| on_seek.emit(t))}>
                                <td class="num">{format::secs(e.t)}</td>
                                <td class="num age">{crate::sim::human_duration(p.cursor - e.t)}</td>
                                <td>{&e.event_type}</td>
                                <td>{&e.reason}</td>
                                <td class="obj">{&e.object}</td>
                                <td class="msg">{&e.message}</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}
