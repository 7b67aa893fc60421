//! Colour key for the timeline. Uses the same CSS classes as the lanes.

use yew::prelude::*;

#[function_component(Legend)]
pub fn legend() -> Html {
    let slice = |tone: &'static str, label: &'static str| {
        html! {
            <span class="key"><svg width="18" height="12"><g class={classes!("slice", tone)}><rect x="0" y="1" width="18" height="10" rx="2" /></g></svg>{label}</span>
        }
    };
    let tick = |mark: &'static str, label: &'static str| {
        html! {
            <span class="key"><svg width="12" height="12"><g class={classes!("tick-mark", mark)}><circle cx="6" cy="6" r="4" /></g></svg>{label}</span>
        }
    };
    let instant = |mark: &'static str, label: &'static str| {
        html! {
            <span class="key"><svg width="12" height="14"><g class={classes!("mark", mark)}><line x1="6" x2="6" y1="1" y2="13" /><path d="M6 1 l4 5 l-4 5 l-4 -5 z" /></g></svg>{label}</span>
        }
    };
    html! {
        <div class="legend" aria-label="Legend">
            {slice("tone-pending", "waiting / creating")}
            {slice("tone-good", "running / ready")}
            {slice("tone-warn", "back-off / error wait")}
            {slice("tone-term", "terminating")}
            {slice("tone-bad", "terminated (error)")}
            {slice("tone-done", "completed")}
            {slice("tone-info", "image pull / sandbox")}
            {slice("tone-hook", "hook")}
            {tick("probe-success", "probe ok")}
            {tick("probe-failure", "probe failed")}
            {tick("probe-error", "probe error")}
            {tick("probe-skipped", "probe skipped")}
            {instant("mark-kill", "kill")}
            {instant("mark-sigterm", "SIGTERM")}
            {instant("mark-sigkill", "SIGKILL")}
            {instant("mark-restart", "restart")}
        </div>
    }
}
