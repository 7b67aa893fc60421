//! podlife web app: the `App` component and its modules.
//!
//! Code map: [`state`] (the reducer), [`sim`] (the only caller of the engine), [`model`] (timeline →
//! tracks of lanes, built once per simulation), [`viewport`], [`axis`], [`lod`] and [`format`]
//! (pure drawing logic with native tests), [`keymap`] (every key binding, once), [`components`]
//! (small function components).
//!
//! Architecture invariant: views never simulate. The engine runs in the reducer on each edit;
//! components draw a [`model::Trace`] and look up kubectl text at the cursor.

pub mod autosave;
pub mod axis;
pub mod components;
pub mod explain;
pub mod export;
pub mod fixture;
pub mod flows;
pub mod format;
pub mod highlight;
pub mod keymap;
pub mod lod;
pub mod model;
pub mod sim;
pub mod state;
pub mod theme;
pub mod viewport;

use components::actions::ActionsBar;
use components::drawer::Drawer;
use components::editor::Editor;
use components::examples::Examples;
use components::kubectl_get::KubectlGet;
use components::legend::Legend;
use components::panels::Panels;
use components::problems::Problems;
use components::scenario::ScenarioEditor;
use components::shortcuts::Shortcuts;
use components::timeline::TimelineView;
use components::transport::Transport;
use state::{Action, AppState, TICK_MS};
use yew::prelude::*;

/// Dev hook: `?fixture=liveness` or `?fixture=stress` shows a hand-built timeline.
fn fixture_from_url() -> Option<model::Trace> {
    let search = web_sys::window()?.location().search().ok()?;
    let tl = if search.contains("fixture=stress") {
        fixture::stress()
    } else if search.contains("fixture=liveness") {
        fixture::liveness_exec()
    } else {
        return None;
    };
    Some(model::Trace::build(tl, vec![]))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The persisted theme choice (else the system preference).
fn stored_dark() -> bool {
    if let Some(v) = storage().and_then(|s| s.get_item(theme::STORAGE_KEY).ok().flatten()) {
        return v == "dark";
    }
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Move the textarea's caret to `(line, col)` (1-based) and scroll it into view.
fn goto_line(textarea: &NodeRef, line: usize, col: usize) {
    let Some(ta) = textarea.cast::<web_sys::HtmlTextAreaElement>() else {
        return;
    };
    let text = ta.value();
    let mut offset = 0usize; // in UTF-16 units, as the DOM counts
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            offset += l
                .chars()
                .take(col.saturating_sub(1))
                .map(char::len_utf16)
                .sum::<usize>();
            break;
        }
        offset += l.encode_utf16().count() + 1;
    }
    let _ = ta.focus();
    let _ = ta.set_selection_range(offset as u32, offset as u32);
    let line_px = 20; // matches --editor-line in style.css
    ta.set_scroll_top(((line as i32) - 4).max(0) * line_px);
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        // The session saved before a reload or a crash, else the default example.
        let saved = storage()
            .and_then(|s| s.get_item(autosave::KEY).ok().flatten())
            .and_then(|t| autosave::Saved::decode(&t))
            .filter(|s| !s.text.trim().is_empty());
        let mut s = match saved {
            Some(saved) => AppState::restore(saved),
            None => AppState::with_example(podlife_engine::gallery::DEFAULT),
        };
        if let Some(tr) = fixture_from_url() {
            let text = s.text.to_string();
            s.apply(Action::Loaded {
                text,
                example: s.example.clone(),
                result: Ok(tr),
            });
            s.cursor = s.until();
        }
        s.dark = stored_dark();
        s
    });
    let textarea = use_node_ref();
    let scenario_ta = use_node_ref();

    // Theme: persist and mark the document (for the few rules that are not colour variables).
    use_effect_with(state.dark, |&dark| {
        let name = if dark { "dark" } else { "light" };
        if let Some(s) = storage() {
            let _ = s.set_item(theme::STORAGE_KEY, name);
        }
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("data-theme", name);
        }
    });

    // Autosave: the texts, versions and set-aside texts at once, the cursor and view once they
    // rest. A session too large for local storage is not saved; the page says so and leaving
    // asks first.
    let unsaved = use_mut_ref(|| false);
    let save_failed = use_state(|| false);
    // The newest state, read when a save runs (a debounced save must not write an older one);
    // the record is built only then, not on every frame of playback.
    let latest = use_mut_ref(|| None::<UseReducerHandle<AppState>>);
    *latest.borrow_mut() = Some(state.clone());
    {
        let save = {
            let unsaved = unsaved.clone();
            let save_failed = save_failed.clone();
            let latest = latest.clone();
            move || {
                let Some(saved) = latest.borrow().as_ref().map(|s| autosave::Saved::of(s)) else {
                    return;
                };
                let ok = saved
                    .encode()
                    .and_then(|t| storage()?.set_item(autosave::KEY, &t).ok())
                    .is_some();
                *unsaved.borrow_mut() = !ok && saved.example.is_empty();
                if *save_failed == ok {
                    save_failed.set(!ok);
                }
            }
        };
        let deps = (
            state.text.clone(),
            state.scenario.clone(),
            state.kubelet_version.clone(),
            state.kubectl_version.clone(),
            state.example.clone(),
            state.own.clone(),
        );
        let now = save.clone();
        use_effect_with(deps, move |_| now());
        let view = (
            state.cursor.to_bits(),
            state.view.start.to_bits(),
            state.view.end.to_bits(),
        );
        use_effect_with(view, move |_| {
            let t = gloo_timers::callback::Timeout::new(500, save);
            move || drop(t)
        });
    }
    {
        let unsaved = unsaved.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "beforeunload", move |e| {
                    if *unsaved.borrow() {
                        e.prevent_default();
                    }
                })
            });
            move || drop(listener)
        });
    }

    // Playback clock: while playing, advance every TICK_MS of wall time.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.playing, move |&playing| {
            let interval = playing.then(|| {
                gloo_timers::callback::Interval::new(TICK_MS, move || {
                    dispatcher.dispatch(Action::Tick(TICK_MS as f64 / 1000.0))
                })
            });
            move || drop(interval)
        });
    }

    // A live action's run in progress: step it one slice per macrotask, so the page draws the
    // timeline so far between slices and stays responsive.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((state.work, state.simulating()), move |&(_, simulating)| {
            let timeout = simulating.then(|| {
                gloo_timers::callback::Timeout::new(0, move || dispatcher.dispatch(Action::Work))
            });
            move || drop(timeout)
        });
    }

    let on_action = {
        let d = state.dispatcher();
        Callback::from(move |a: Action| d.dispatch(a))
    };
    let on_edit = {
        let d = state.dispatcher();
        Callback::from(move |text: String| d.dispatch(Action::Edit(text)))
    };
    let on_load = {
        let d = state.dispatcher();
        Callback::from(move |id: String| d.dispatch(Action::LoadExample(id)))
    };
    let on_restore = {
        let d = state.dispatcher();
        Callback::from(move |_: ()| d.dispatch(Action::RestoreOwn))
    };
    let on_seek = {
        let d = state.dispatcher();
        Callback::from(move |t: f64| d.dispatch(Action::Seek(t)))
    };
    let on_goto = {
        let textarea = textarea.clone();
        Callback::from(move |(l, c): (usize, usize)| goto_line(&textarea, l, c))
    };
    let on_goto_scenario = {
        let ta = scenario_ta.clone();
        Callback::from(move |(l, c): (usize, usize)| goto_line(&ta, l, c))
    };
    let on_scenario = {
        let d = state.dispatcher();
        Callback::from(move |text: String| d.dispatch(Action::EditScenario(text)))
    };
    let on_kubelet = {
        let d = state.dispatcher();
        Callback::from(move |v: String| d.dispatch(Action::SetKubelet(v)))
    };
    let on_kubectl = {
        let d = state.dispatcher();
        Callback::from(move |v: String| d.dispatch(Action::SetKubectl(v)))
    };
    let on_compare = {
        let d = state.dispatcher();
        Callback::from(move |v: Option<String>| d.dispatch(Action::Compare(v)))
    };
    let on_live = {
        let d = state.dispatcher();
        Callback::from(move |a: sim::LiveAction| d.dispatch(Action::Live(a)))
    };
    let on_theme = {
        let d = state.dispatcher();
        let dark = state.dark;
        Callback::from(move |_: MouseEvent| d.dispatch(Action::SetDark(!dark)))
    };
    let on_help = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleShortcuts))
    };
    let export = |what: &'static str| {
        let trace = state.trace.clone();
        let view = state.view;
        let dark = state.dark;
        Callback::from(move |_: MouseEvent| {
            if let Some(tr) = &trace {
                let (tl, a, b) = (&tr.timeline, view.start, view.end);
                let r = match what {
                    "png" => export::download_png(tl, a, b, dark),
                    "mermaid" => export::download_text(tl, a, b, false),
                    "trace" => export::download_text(tl, a, b, true),
                    _ => export::download_svg(tl, a, b, dark),
                };
                if let Err(e) = r {
                    web_sys::console::warn_1(&e);
                }
            }
        })
    };
    let explanation = match (&state.trace, &state.selected) {
        (Some(tr), Some(sel)) => explain::explain(tr, sel),
        _ => None,
    };
    let theme_css = use_memo(state.dark, |&dark| theme::css(dark));
    let scenario_errors = state
        .scenario_problems
        .iter()
        .filter(|d| d.is_error())
        .count();

    let (pod, table) = match &state.trace {
        Some(tr) => (
            tr.timeline.pod.name.clone(),
            sim::get_table(&tr.timeline, state.cursor),
        ),
        None => (String::new(), String::new()),
    };

    html! {
        <div class="app" data-theme={if state.dark { "dark" } else { "light" }}>
            <style id="theme-vars">{(*theme_css).clone()}</style>
            <header class="topbar">
                <h1>{"podlife"}</h1>
                <span class="tagline">{"a Kubernetes Pod lifecycle player"}</span>
                <Examples selected={AttrValue::from(state.example.clone())} {on_load}
                          own_lines={state.own.first().map_or(0, |o| o.text.lines().count())}
                          on_restore={on_restore} />
                if *save_failed {
                    <span id="autosave-failed" class="autosave-failed" role="status">{"not saved in this browser (too large or storage blocked): copy your text before leaving"}</span>
                }
                <span class="keys" title="Timeline keys">
                    {keymap::hint_line()}
                </span>
                <span class="tools">
                    <button id="export-svg" title="Download the visible window as SVG" disabled={state.trace.is_none()} onclick={export("svg")}>{"SVG"}</button>
                    <button id="export-png" title="Download the visible window as PNG" disabled={state.trace.is_none()} onclick={export("png")}>{"PNG"}</button>
                    <button id="export-mermaid" title="Download the visible window as a Mermaid gantt (GitHub, kubernetes.io)" disabled={state.trace.is_none()} onclick={export("mermaid")}>{"Mermaid"}</button>
                    <button id="export-trace" title="Download the visible window as Chrome trace-event JSON (Perfetto, chrome://tracing)" disabled={state.trace.is_none()} onclick={export("trace")}>{"Trace"}</button>
                    <button id="theme" title="Light / dark theme" aria-pressed={state.dark.to_string()} onclick={on_theme}>
                        { if state.dark { "☀ light" } else { "☾ dark" } }
                    </button>
                    <button id="help" title="Keyboard shortcuts (?)" onclick={on_help}>{"?"}</button>
                </span>
            </header>
            <main class="panes">
                <section class="left">
                    <Editor text={state.text.clone()} problems={state.problems.clone()} {on_edit} textarea={textarea.clone()} />
                    <ScenarioEditor text={state.scenario.clone()} errors={scenario_errors}
                                    kubelet_version={AttrValue::from(state.kubelet_version.clone())}
                                    kubectl_version={AttrValue::from(state.kubectl_version.clone())} {on_kubectl}
                                    on_edit={on_scenario} {on_kubelet} textarea={scenario_ta.clone()}
                                    compare={state.compare.clone()} {on_compare} />
                    <Problems problems={state.problems.clone()} stale={state.stale} {on_goto}
                              scenario_problems={state.scenario_problems.clone()} {on_goto_scenario} />
                </section>
                <section class="right">
                    <Transport playing={state.playing} speed={state.speed} looping={state.looping}
                               cursor={state.cursor} until={state.until()} enabled={state.trace.is_some()}
                               simulating={state.horizon_while_simulating()}
                               on_action={on_action.clone()} />
                    <ActionsBar trace={state.trace.clone()} cursor={state.cursor} {on_live} />
                    <KubectlGet pod={AttrValue::from(pod)} table={AttrValue::from(table)} stale={state.stale} />
                    <TimelineView trace={state.trace.clone()} view={state.view} cursor={state.cursor}
                                  stale={state.stale} on_action={on_action.clone()} />
                    <Legend />
                    if let Some(tr) = state.trace.clone() {
                        <Panels trace={tr} cursor={state.cursor} {on_seek} />
                    }
                </section>
            </main>
            if let Some(e) = explanation {
                <Drawer explanation={e} on_action={on_action.clone()} />
            }
            if state.shortcuts {
                <Shortcuts on_action={on_action} />
            }
        </div>
    }
}
