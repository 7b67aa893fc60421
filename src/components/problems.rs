//! The problems panel: every diagnostic as `line:col: path: message`; click to jump to the line.

use crate::state::Shared;
use podlife_engine::Diagnostic;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    pub problems: Shared<Vec<Diagnostic>>,
    /// The timeline shown is from an earlier text.
    pub stale: bool,
    /// Jump to (line, column), 1-based.
    pub on_goto: Callback<(usize, usize)>,
    /// Diagnostics located in the scenario editor.
    pub scenario_problems: Shared<Vec<Diagnostic>>,
    pub on_goto_scenario: Callback<(usize, usize)>,
}

#[function_component(Problems)]
pub fn problems(p: &ProblemsProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    let all = p.problems.len() + p.scenario_problems.len();
    let errors = p
        .problems
        .iter()
        .chain(p.scenario_problems.iter())
        .filter(|d| d.is_error())
        .count();
    let warnings = all - errors;
    html! {
        <section id="problems" class={classes!("problems", (errors > 0).then_some("has-errors"))}
                 data-errors={errors.to_string()} data-warnings={warnings.to_string()}>
            <h2>
                {crate::i18n::tr(lang, "Problems")}
                <span class="count">{ if all == 0 { "none".to_string() } else {
                    format!("{errors} error{}, {warnings} warning{}", if errors == 1 { "" } else { "s" }, if warnings == 1 { "" } else { "s" })
                } }</span>
            </h2>
            if p.stale {
                <p class="stale-explain">{crate::i18n::tr(lang, "The timeline shows the last manifest that worked. Fix the errors to replay.")}</p>
            }
            <ul>
                { for p.problems.iter().map(|d| {
                    let sev = if d.is_error() { "error" } else { "warning" };
                    let onclick = d.line.map(|l| {
                        let c = d.column.unwrap_or(1);
                        let on_goto = p.on_goto.clone();
                        Callback::from(move |_: MouseEvent| on_goto.emit((l, c)))
                    });
                    html! {
                        <li class={classes!("problem", sev, d.line.is_some().then_some("located"))}
                            data-line={d.line.map(|l| l.to_string())} {onclick}>
                            <span class="sev">{sev}</span>
                            <span class="msg" translate="no">{d.to_string()}</span>
                        </li>
                    }
                }) }
                { for p.scenario_problems.iter().map(|d| {
                    let sev = if d.is_error() { "error" } else { "warning" };
                    let onclick = d.line.map(|l| {
                        let c = d.column.unwrap_or(1);
                        let on_goto = p.on_goto_scenario.clone();
                        Callback::from(move |_: MouseEvent| on_goto.emit((l, c)))
                    });
                    html! {
                        <li class={classes!("problem", "in-scenario", sev, d.line.is_some().then_some("located"))}
                            data-source="scenario" data-line={d.line.map(|l| l.to_string())} {onclick}>
                            <span class="sev">{sev}</span>
                            <span class="msg" translate="no">{format!("scenario {d}")}</span>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
