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
    // Two-tone keys for the pod's condition and endpoint lanes.
    let pair = |key: &'static str, a: &'static str, b: &'static str, label: &'static str| {
        html! {
            <span class="key" data-key={key}><svg width="24" height="12">
                <g class={classes!("slice", a)}><rect x="0" y="1" width="12" height="10" rx="2" /></g>
                <g class={classes!("slice", b)}><rect x="12" y="1" width="12" height="10" rx="2" /></g>
            </svg>{label}</span>
        }
    };
    let band = |kind: &'static str, label: &'static str| {
        html! {
            <span class="key" data-key={kind}><svg width="18" height="12"><g class={classes!("probe-band", kind)}><rect x="0.5" y="1" width="17" height="10" /></g></svg>{label}</span>
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
            {pair("condition", "tone-good", "tone-warn", "condition True / False")}
            {pair("endpoints", "tone-good", "tone-term", "endpoint ready / serving, terminating")}
            {band("probe-on-hold", "probe on hold")}
            {band("probe-disabled", "probe disabled until started")}
            <span class="key" data-key="probe-initial-delay"><svg width="18" height="12"><g class="probe-grid"><rect class="delay-gate" x="0" y="1" width="18" height="10" /></g></svg>{"initial delay"}</span>
            <span class="key" data-key="probe-counter"><svg width="24" height="12"><g class="tick-mark probe-failure"><circle cx="5" cy="6" r="4" /><text class="tick-count" x="10" y="10">{"2/3"}</text></g></svg>{"failures toward threshold"}</span>
            <span class="key" data-key="grace-steps"><svg width="24" height="14"><g class="slice tone-hook ruler-step"><rect x="0" y="8" width="12" height="5" rx="1" /></g><g class="mark mark-grace-sigkill"><line x1="16" x2="16" y1="1" y2="13" /><path d="M16 1 l4 5 l-4 5 l-4 -5 z" /></g></svg>{"grace: preStop, TERM, KILL"}</span>
        </div>
    }
}
