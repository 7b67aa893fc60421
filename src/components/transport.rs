//! The transport bar: play/pause, speed, loop, event stepping, fit, and the cursor read-out.

use crate::format;
use crate::state::{Action, SPEEDS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TransportProps {
    pub playing: bool,
    pub speed: f64,
    pub looping: bool,
    pub cursor: f64,
    pub until: f64,
    pub enabled: bool,
    /// A live action's run is still being played: the timeline ends at `until` for now, out of
    /// `horizon`.
    #[prop_or_default]
    pub simulating: Option<f64>,
    pub on_action: Callback<Action>,
}

#[function_component(Transport)]
pub fn transport(p: &TransportProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    let act = |a: Action| {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let on_speed = {
        let cb = p.on_action.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(s) = sel.value().parse::<f64>() {
                cb.emit(Action::SetSpeed(s));
            }
        })
    };
    let on_loop = {
        let cb = p.on_action.clone();
        Callback::from(move |e: Event| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            cb.emit(Action::SetLoop(i.checked()));
        })
    };
    let on_horizon = {
        let cb = p.on_action.clone();
        Callback::from(move |e: Event| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            let v = i
                .value()
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v >= 1.0);
            cb.emit(Action::SetHorizon(v));
        })
    };
    html! {
        <div class="transport" role="toolbar" aria-label={crate::i18n::tr(lang, "Playback")}>
            <button class="step" title={crate::i18n::tr(lang, "Previous event (,)")} disabled={!p.enabled} onclick={act(Action::PrevEvent)}>{crate::i18n::tr(lang, "‹ prev")}</button>
            <button id="play" class={classes!("play", p.playing.then_some("playing"))} disabled={!p.enabled}
                    aria-pressed={p.playing.to_string()} title={crate::i18n::tr(lang, "Play / pause (space)")} onclick={act(Action::TogglePlay)}>
                { if p.playing { crate::i18n::tr(lang, "❚❚ Pause") } else { crate::i18n::tr(lang, "▶ Play") } }
            </button>
            <button class="step" title={crate::i18n::tr(lang, "Next event (.)")} disabled={!p.enabled} onclick={act(Action::NextEvent)}>{crate::i18n::tr(lang, "next ›")}</button>
            <label class="speed">
                {crate::i18n::tr(lang, "speed ")}
                <select id="speed" onchange={on_speed} aria-label={crate::i18n::tr(lang, "Playback speed")}>
                    { for SPEEDS.iter().map(|&s| html! {
                        <option value={s.to_string()} selected={(s - p.speed).abs() < 1e-9}>{format!("{s}×")}</option>
                    }) }
                </select>
            </label>
            <label class="loop"><input id="loop" type="checkbox" checked={p.looping} onchange={on_loop} />{crate::i18n::tr(lang, " loop")}</label>
            <span class="clock">
                {"t = "}
                <output id="cursor-time" data-t={format!("{:.3}", p.cursor)}>{format::clock(p.cursor)}</output>
                <span class="until">{format!(" / {}", format::clock(p.until))}</span>
            </span>
            { for p.simulating.map(|horizon| html! {
                <span id="simulating" class="simulating" role="status"
                      title={crate::i18n::tr(lang, "The live action is being played on from the latest checkpoint; the timeline grows as it goes")}>
                    { crate::i18n::trf(lang, "simulating… {} %", &[&format!("{:.0}", 100.0 * p.until / horizon.max(1e-9))]) }
                </span>
            }) }
            <button class="fit" id="fit" title={crate::i18n::tr(lang, "Fit what happens (F)")} disabled={!p.enabled} onclick={act(Action::Fit)}>{crate::i18n::tr(lang, "fit")}</button>
            <button class="fit" id="fit-all" title={crate::i18n::tr(lang, "Show the whole horizon (Shift+F)")} disabled={!p.enabled} onclick={act(Action::FitAll)}>{crate::i18n::tr(lang, "all")}</button>
            <label class="horizon" title={crate::i18n::tr(lang, "How far the pod is played (settings.until; a scenario's settings win)")}>
                {crate::i18n::tr(lang, "horizon ")}
                <input id="horizon" type="number" min="1" max="86400" step="1" value={format!("{:.0}", p.until)}
                       onchange={on_horizon} aria-label={crate::i18n::tr(lang, "horizon (seconds)")} />
                {" s"}
            </label>
        </div>
    }
}
