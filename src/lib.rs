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
pub mod embed;
pub mod explain;
pub mod export;
pub mod fixture;
pub mod flows;
pub mod format;
pub mod highlight;
pub mod host;
pub mod i18n;
pub mod i18n_chart;
pub mod i18n_why;
pub mod keymap;
pub mod lesson;
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
use components::lesson::LessonPanel;
use components::panels::Panels;
use components::problems::Problems;
use components::scenario::ScenarioEditor;
use components::share::ShareDialog;
use components::shortcuts::Shortcuts;
use components::timeline::TimelineView;
use components::transport::Transport;
use state::{Action, AppState, TICK_MS};
use wasm_bindgen::JsCast;
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

/// The browser's preferred languages (`navigator.languages`).
fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|a| a.iter().filter_map(|v| v.as_string()).take(8).collect())
        .unwrap_or_default()
}

/// The learner's saved progress over every exercise set.
fn stored_progress() -> std::collections::BTreeMap<String, lesson::Given> {
    storage()
        .and_then(|s| s.get_item(lesson::PROGRESS_KEY).ok().flatten())
        .map(|t| lesson::decode_progress(&t))
        .unwrap_or_default()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The persisted theme choice (else the system preference).
fn stored_dark() -> bool {
    if let Some(v) = storage().and_then(|s| s.get_item(theme::STORAGE_KEY).ok().flatten()) {
        return v == "dark";
    }
    system_dark()
}

/// The system's (in an iframe: the host's) `prefers-color-scheme`.
fn system_dark() -> bool {
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

/// The embed's messages to its host: `ready` then `loaded` for each pod shown, `time` while the
/// cursor moves (at most 4 a second while playing), `event` for each pod event playback passes,
/// and `selection`. A hook: call it on every render, in the same order.
#[hook]
fn use_report_to_host(state: &UseReducerHandle<AppState>, origin: Option<&str>) {
    let origin = origin.map(str::to_string);
    let framed = *use_memo((), |_| host::framed());
    // Each pod shown: `ready` the first time, `loaded` after.
    let announced = use_mut_ref(|| false);
    {
        let origin = origin.clone();
        let state = state.clone();
        use_effect_with(
            (
                state.text.clone(),
                state.trace.is_some(),
                state.problems.clone(),
            ),
            move |_| {
                let kind = if std::mem::replace(&mut *announced.borrow_mut(), true) {
                    "loaded"
                } else {
                    "ready"
                };
                let errors = js_sys::Array::new();
                for d in state.problems.iter().filter(|d| d.is_error()).take(20) {
                    errors.push(&d.to_string().into());
                }
                let pod = state
                    .trace
                    .as_ref()
                    .map(|t| t.timeline.pod.name.clone())
                    .unwrap_or_default();
                host::post(
                    origin.as_deref(),
                    kind,
                    &[
                        ("pod", pod.into()),
                        ("until", state.until().into()),
                        ("errors", errors.into()),
                    ],
                );
            },
        );
    }
    // The cursor: throttled while playing; each pod event passed by playback.
    let last = use_mut_ref(|| (f64::NEG_INFINITY, 0.0f64));
    {
        let origin = origin.clone();
        let state = state.clone();
        use_effect_with((state.cursor.to_bits(), state.playing), move |_| {
            if !framed {
                return;
            }
            let now = web_sys::window()
                .and_then(|w| w.performance())
                .map_or(0.0, |p| p.now());
            let (posted_at, prev) = *last.borrow();
            let t = state.cursor;
            if state.playing && t > prev {
                if let Some(tr) = &state.trace {
                    let (a, b) = (sim::at(prev), sim::at(t));
                    for e in tr
                        .timeline
                        .events
                        .iter()
                        .filter(|e| a < e.t && e.t <= b)
                        .take(50)
                    {
                        host::post(
                            origin.as_deref(),
                            "event",
                            &[
                                ("t", e.t.as_secs_f64().into()),
                                ("kind", e.event_type.to_string().into()),
                                ("reason", e.reason.as_str().into()),
                                ("object", e.object.as_str().into()),
                                ("message", e.message.as_str().into()),
                            ],
                        );
                    }
                }
            }
            if !state.playing || now - posted_at >= 250.0 {
                host::post(
                    origin.as_deref(),
                    "time",
                    &[
                        ("t", t.into()),
                        ("playing", state.playing.into()),
                        ("until", state.until().into()),
                    ],
                );
                *last.borrow_mut() = (now, t);
            } else {
                last.borrow_mut().1 = t;
            }
        });
    }
    {
        let state = state.clone();
        use_effect_with(state.selected, move |sel| {
            if !framed {
                return;
            }
            let named = match (&state.trace, sel) {
                (Some(tr), Some(sel)) => state::named_selection(tr, sel),
                _ => None,
            };
            let title = match (&state.trace, sel) {
                (Some(tr), Some(sel)) => explain::explain(tr, sel).map(|e| e.title),
                _ => None,
            };
            let fields: Vec<(&str, wasm_bindgen::JsValue)> = match named {
                Some(n) => vec![
                    ("track", n.track.into()),
                    ("lane", n.lane.into()),
                    ("item", (n.item as f64).into()),
                    ("t", n.t.into()),
                    ("title", title.unwrap_or_default().into()),
                ],
                None => vec![("track", wasm_bindgen::JsValue::NULL)],
            };
            host::post(origin.as_deref(), "selection", &fields);
        });
    }
}

#[function_component(App)]
pub fn app() -> Html {
    // The address: a share link's view (`#v1=…`) and the embed's options, read once.
    let addr = use_memo((), |_| host::address());
    let embed = addr.options.embed;
    let state = use_reducer({
        let addr = addr.clone();
        move || {
            let o = &addr.options;
            // An embed shows what its address or its host gives it and never touches the
            // visitor's own saved session; the full app starts from that session (else the
            // default example), and a link opens over it with the user's text set aside.
            let saved = (!o.embed)
                .then(|| storage()?.get_item(autosave::KEY).ok().flatten())
                .flatten()
                .and_then(|t| autosave::Saved::decode(&t))
                .filter(|s| !s.text.trim().is_empty());
            let lesson = saved.as_ref().map(|s| s.lesson.clone()).unwrap_or_default();
            let mut s = match saved {
                Some(saved) => AppState::restore(saved),
                None if o.embed => AppState::empty(),
                None => AppState::with_example(podlife_engine::gallery::DEFAULT),
            };
            // The trace speaks the interface's language from the start.
            s.apply(Action::SetUiLang(i18n::Lang::resolve(
                &s.lang,
                &browser_languages(),
            )));
            if !lesson.is_empty() {
                s.apply(Action::OpenLesson {
                    text: lesson,
                    progress: stored_progress(),
                });
            }
            match &addr.link {
                Some(Ok(link)) if !link.exercise.is_empty() => {
                    if !link.lang.is_empty() {
                        s.apply(Action::SetLang(link.lang.clone()));
                    }
                    s.apply(Action::OpenLesson {
                        text: link.exercise.clone(),
                        progress: if o.embed {
                            Default::default()
                        } else {
                            stored_progress()
                        },
                    });
                }
                Some(Ok(link)) => s.apply(Action::OpenLink(Box::new(link.clone()))),
                _ => {}
            }
            if let Some(tr) = fixture_from_url() {
                let text = s.text.to_string();
                s.apply(Action::Loaded {
                    text,
                    example: s.example.clone(),
                    result: Ok(tr),
                });
                s.cursor = s.until();
            }
            if let Some((a, b)) = o.window {
                s.apply(Action::SetView(viewport::Viewport::new(a, b)));
            }
            if let Some(speed) = o.speed {
                s.apply(Action::SetSpeed(speed));
            }
            s.looping = o.looping;
            if o.autoplay {
                s.cursor = s.view.start;
            }
            s.dark = match (o.embed, o.theme) {
                (true, embed::ThemeChoice::Light) => false,
                (true, embed::ThemeChoice::Dark) => true,
                (true, embed::ThemeChoice::Auto) => system_dark(),
                (false, _) => stored_dark(),
            };
            s
        }
    });
    let textarea = use_node_ref();
    let scenario_ta = use_node_ref();

    // Theme: persist and mark the document (for the few rules that are not colour variables).
    use_effect_with(state.dark, move |&dark| {
        let name = if dark { "dark" } else { "light" };
        if let Some(s) = storage().filter(|_| !embed) {
            let _ = s.set_item(theme::STORAGE_KEY, name);
        }
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("data-theme", name);
        }
    });

    // The interface language: the user's choice, else the browser's; the document says which
    // (fonts and screen readers follow `lang`).
    let lang = *use_memo(state.lang.clone(), |l| {
        i18n::Lang::resolve(l, &browser_languages())
    });
    {
        // The trace's words follow the interface language (derived again, not simulated).
        let d = state.dispatcher();
        let current = state.ui_lang;
        use_effect_with(lang, move |&lang| {
            if lang != current {
                d.dispatch(Action::SetUiLang(lang));
            }
        });
    }
    use_effect_with(lang, |lang| {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", lang.code());
        }
    });
    // The learner's progress, kept in the browser (not by embeds).
    {
        let progress = state.lesson.as_ref().map(|l| l.progress.clone());
        use_effect_with(progress, move |p| {
            if let (Some(p), false) = (p, embed) {
                let mut all = stored_progress();
                all.extend(p.iter().map(|(k, v)| (k.clone(), v.clone())));
                if let Some(s) = storage() {
                    let _ = s.set_item(lesson::PROGRESS_KEY, &lesson::encode_progress(&all));
                }
            }
        });
    }

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
                if embed {
                    return;
                }
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
            state.lesson.as_ref().map(|l| l.text.clone()),
            state.lang.clone(),
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
            let listener = web_sys::window().filter(|_| !embed).map(|w| {
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

    // On a phone the details are a bottom sheet: scroll what was tapped above it.
    use_effect_with(state.selected, |sel| {
        let Some(sel) = sel else { return };
        let Some(w) = web_sys::window() else { return };
        let height = w
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let narrow = w
            .inner_width()
            .ok()
            .and_then(|v| v.as_f64())
            .is_some_and(|v| v <= 560.0);
        if !narrow {
            return;
        }
        let key = format!("[data-sel=\"{}:{}:{}\"]", sel.track, sel.lane, sel.item);
        let el = w
            .document()
            .and_then(|d| d.query_selector(&key).ok().flatten());
        if let Some(el) = el {
            let r = el.get_bounding_client_rect();
            // The sheet takes the lower 45 % of the screen.
            let sheet_top = height * 0.55;
            if r.bottom() > sheet_top - 8.0 || r.top() < 0.0 {
                w.scroll_by_with_x_and_y(0.0, r.bottom() - (sheet_top - 48.0));
            }
        }
    });

    // A link that could not be opened says why (the page keeps what it had).
    let link_error = use_state(|| match &addr.link {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    });
    {
        let opened = matches!(addr.link, Some(Ok(_)));
        let dispatcher = state.dispatcher();
        let autoplay = addr.options.autoplay;
        let unknown = addr.options.unknown.clone();
        use_effect_with((), move |_| {
            // The full app: the link's view now lives in the autosaved session, so the address
            // drops it (a reload keeps the user's later edits instead of reopening the link).
            if opened && !embed {
                host::forget_fragment();
            }
            if autoplay {
                dispatcher.dispatch(Action::Play);
            }
            if !unknown.is_empty() {
                web_sys::console::warn_1(
                    &format!("podlife: ignored unknown options: {}", unknown.join(", ")).into(),
                );
            }
        });
    }

    // The postMessage API (docs/embed.md): the host drives the embed; the embed reports back.
    let origin = addr.options.origin.clone();
    {
        let dispatcher = state.dispatcher();
        let origin = origin.clone();
        use_effect_with((), move |_| {
            let reply_to = origin.clone();
            let listener = host::listen(origin, move |m| {
                let m = match m {
                    Ok(m) => m,
                    Err(why) => {
                        host::post(
                            reply_to.as_deref(),
                            "error",
                            &[("message", why.as_str().into())],
                        );
                        return;
                    }
                };
                let a = match m {
                    embed::HostMsg::Load {
                        manifest,
                        scenario,
                        kubelet,
                        kubectl,
                    } => Action::OpenLink(Box::new(podlife_render::link::Link {
                        manifest,
                        scenario,
                        kubelet: kubelet.unwrap_or_else(|| state::DEFAULT_KUBELET.to_string()),
                        kubectl: kubectl.unwrap_or_default(),
                        at: Some(0.0),
                        ..Default::default()
                    })),
                    embed::HostMsg::Play => Action::Play,
                    embed::HostMsg::Pause => Action::Pause,
                    embed::HostMsg::Seek(t) => Action::Seek(t),
                    embed::HostMsg::Speed(x) => Action::SetSpeed(x),
                    embed::HostMsg::Select { track, t } => Action::SelectAt { track, t },
                    embed::HostMsg::Deselect => Action::Select(None),
                };
                dispatcher.dispatch(a);
            });
            move || drop(listener)
        });
    }
    use_report_to_host(&state, origin.as_deref());
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
    let on_exercise = {
        let d = state.dispatcher();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some((_, text)) = sel
                .value()
                .parse::<usize>()
                .ok()
                .and_then(|i| podlife_classroom::PACK.get(i))
            {
                d.dispatch(Action::OpenLesson {
                    text: text.to_string(),
                    progress: stored_progress(),
                });
            }
            sel.set_value("");
        })
    };
    let on_lang = {
        let d = state.dispatcher();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(Action::SetLang(sel.value()));
        })
    };
    // The timeline's text alternative: the state at the cursor, in words.
    let timeline_summary = match &state.trace {
        Some(tr) => {
            let c = sim::columns_at(&tr.timeline, state.cursor);
            i18n::trf(
                lang,
                "Pod {} at {}: READY {}, STATUS {}, RESTARTS {}. The events up to the cursor are listed in the Events panel.",
                &[&c.name, &format::clock(state.cursor), &c.ready, &c.status, &c.restarts],
            )
        }
        None => String::new(),
    };
    let explanation = match (&state.trace, &state.selected) {
        (Some(tr), Some(sel)) => explain::explain_in(tr, sel, lang),
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

    // The Share dialog: `Some(copy_now)` while open. The link is made only then (a deflate of
    // the whole manifest is not worth doing on every frame).
    let share = use_state(|| None::<bool>);
    let open_share = |copy_now: bool| {
        let share = share.clone();
        Callback::from(move |_: MouseEvent| share.set(Some(copy_now)))
    };
    let close_share = {
        let share = share.clone();
        Callback::from(move |_: ()| share.set(None))
    };
    // Esc closes the Share dialog wherever the focus is.
    {
        let share = share.clone();
        use_effect_with(share.is_some(), move |&open| {
            let listener = open.then(web_sys::window).flatten().map(|w| {
                gloo_events::EventListener::new(&w, "keydown", move |e| {
                    if let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                        if k.key() == "Escape" {
                            share.set(None);
                        }
                    }
                })
            });
            move || drop(listener)
        });
    }
    let copy_lesson_link = {
        let share = share.clone();
        Callback::from(move |_: ()| share.set(Some(true)))
    };
    let share_dialog = share.map(|copy_now| {
        let payload = podlife_render::link::encode(&state.link())
            .map(AttrValue::from)
            .map_err(|e| AttrValue::from(e.to_string()));
        html! {
            <ShareDialog {payload} base={AttrValue::from(host::base(""))} pod={AttrValue::from(pod.clone())}
                         {copy_now} on_close={close_share.clone()} />
        }
    });
    let link_banner = (*link_error).clone().map(|e| {
        let dismiss = {
            let link_error = link_error.clone();
            Callback::from(move |_: MouseEvent| link_error.set(None))
        };
        html! {
            <div id="link-error" class="link-error" role="alert">
                <span>{crate::i18n::tr(lang, "This link could not be opened: ")}{e}{if embed { "." } else { crate::i18n::tr(lang, ". Your own text is kept.") }}</span>
                <button class="dismiss" aria-label={crate::i18n::tr(lang, "Dismiss")} onclick={dismiss}>{"×"}</button>
            </div>
        }
    });
    let undo_example =
        (!state.example.is_empty() && !state.own.is_empty()).then(|| on_restore.clone());

    if embed {
        let open_full = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| {
                if let Ok(url) = podlife_render::link::url(&host::base(""), &state.link()) {
                    if let Some(w) = web_sys::window() {
                        let _ = w.open_with_url_and_target_and_features(
                            &url,
                            "_blank",
                            "noopener,noreferrer",
                        );
                    }
                }
            })
        };
        let panel = match (&state.trace, addr.options.panel) {
            (Some(_), embed::PanelChoice::Get) => html! {
                <KubectlGet pod={AttrValue::from(pod.clone())} table={AttrValue::from(table.clone())} stale={state.stale} />
            },
            (Some(tr), embed::PanelChoice::Describe) => html! {
                <div id="panel-describe" class="panel terminal embed-describe">
                    <div class="prompt">{format!("$ kubectl describe pod {pod}")}</div>
                    <pre>{sim::describe(&tr.timeline, state.cursor)}</pre>
                </div>
            },
            (Some(tr), embed::PanelChoice::Events) => html! {
                <Panels trace={tr.clone()} cursor={state.cursor} {on_seek} />
            },
            _ => html! {},
        };
        return html! {
            <ContextProvider<i18n::Lang> context={lang}>
            <div class="app embed" data-theme={if state.dark { "dark" } else { "light" }}>
                <style id="theme-vars">{(*theme_css).clone()}</style>
                {link_banner}
                <header class="embed-bar">
                    <span class="embed-pod" title={crate::i18n::tr(lang, "podlife: a Kubernetes Pod lifecycle player")}>
                        {if pod.is_empty() { "podlife".to_string() } else { pod.clone() }}
                    </span>
                    <button id="open-full" class="open-full" title={crate::i18n::tr(lang, "Open this view in podlife, with the editor (a new tab)")}
                            disabled={state.trace.is_none()} onclick={open_full}>{crate::i18n::tr(lang, "Open in podlife ↗")}</button>
                </header>
                if state.trace.is_none() && link_error.is_none() {
                    <p id="embed-waiting" class="embed-waiting">{crate::i18n::tr(lang, "Waiting for a pod: give this embed a link (#v1=…) or send it a load message (docs/embed.md).")}</p>
                }
                if state.problems.iter().any(|d| d.is_error()) {
                    <Problems problems={state.problems.clone()} stale={state.stale} on_goto={Callback::noop()}
                              scenario_problems={state.scenario_problems.clone()} on_goto_scenario={Callback::noop()} />
                }
                <Transport playing={state.playing} speed={state.speed} looping={state.looping}
                           cursor={state.cursor} until={state.until()} enabled={state.trace.is_some()}
                           simulating={state.horizon_while_simulating()}
                           on_action={on_action.clone()} />
                if addr.options.panel == embed::PanelChoice::Get { {panel.clone()} }
                <TimelineView trace={state.trace.clone()} view={state.view} cursor={state.cursor}
                              stale={state.stale} on_action={on_action.clone()} />
                if addr.options.panel != embed::PanelChoice::Get { {panel} }
                if addr.options.manifest {
                    <details class="embed-manifest">
                        <summary>{crate::i18n::tr(lang, "manifest")}</summary>
                        <pre id="embed-manifest" translate="no">{state.text.to_string()}</pre>
                    </details>
                }
                if let Some(e) = explanation {
                    <Drawer explanation={e} on_action={on_action.clone()} />
                }
            </div>
            </ContextProvider<i18n::Lang>>
        };
    }

    html! {
        <ContextProvider<i18n::Lang> context={lang}>
        <div class="app" data-theme={if state.dark { "dark" } else { "light" }}>
            <style id="theme-vars">{(*theme_css).clone()}</style>
            {link_banner}
            <header class="topbar">
                <h1>{crate::i18n::tr(lang, "podlife")}</h1>
                <span class="tagline">{crate::i18n::tr(lang, "a Kubernetes Pod lifecycle player")}</span>
                <Examples selected={AttrValue::from(state.example.clone())} {on_load}
                          own_lines={state.own.first().map_or(0, |o| o.text.lines().count())}
                          on_restore={on_restore} />
                <label class="exercises">
                    {i18n::tr(lang, "Exercises")}{" "}
                    <select id="exercises" onchange={on_exercise} aria-label={i18n::tr(lang, "Exercises")}>
                        <option value="" selected=true disabled=true>{"—"}</option>
                        { for podlife_classroom::PACK.iter().enumerate().map(|(i, (_, text))| {
                            let title = podlife_classroom::parse(text).ok()
                                .and_then(|v| v.first().map(|e| e.title.get(lang.code()).to_string()))
                                .unwrap_or_default();
                            html! { <option value={i.to_string()}>{title}</option> }
                        }) }
                    </select>
                </label>
                <label class="lang">
                    <span class="visually-hidden">{i18n::tr(lang, "language")}</span>
                    <select id="lang" onchange={on_lang} aria-label={i18n::tr(lang, "language")}>
                        <option value="en" selected={lang == i18n::Lang::En}>{crate::i18n::tr(lang, "English")}</option>
                        <option value="zh-CN" selected={lang == i18n::Lang::ZhCn}>{"简体中文"}</option>
                    </select>
                </label>
                if let Some(p) = state.lesson_error.clone() {
                    <div id="lesson-error" class="link-error" role="alert">
                        <span>{i18n::tr(lang, "This exercise set could not be opened")}{": "}{p.join("; ")}</span>
                    </div>
                }
                if *save_failed {
                    <span id="autosave-failed" class="autosave-failed" role="status">{crate::i18n::tr(lang, "not saved in this browser (too large or storage blocked): copy your text before leaving")}</span>
                }
                <span class="keys" title={crate::i18n::tr(lang, "Timeline keys")}>
                    {keymap::KEYMAP.iter().filter_map(|b| b.hint).map(|h| i18n::tr(lang, h)).collect::<Vec<_>>().join(" · ")}
                </span>
                <span class="tools">
                    <button id="copy-link" title={crate::i18n::tr(lang, "Copy a link that opens this exact view (the pod travels in the link)")} disabled={state.trace.is_none() && state.text.is_empty()} onclick={open_share(true)}>{crate::i18n::tr(lang, "Copy link")}</button>
                    <button id="embed-open" title={crate::i18n::tr(lang, "Embed this pod in a docs page: the iframe snippet")} disabled={state.trace.is_none()} onclick={open_share(false)}>{crate::i18n::tr(lang, "Embed")}</button>
                    <button id="export-svg" title={crate::i18n::tr(lang, "Download the visible window as SVG")} disabled={state.trace.is_none()} onclick={export("svg")}>{crate::i18n::tr(lang, "SVG")}</button>
                    <button id="export-png" title={crate::i18n::tr(lang, "Download the visible window as PNG")} disabled={state.trace.is_none()} onclick={export("png")}>{crate::i18n::tr(lang, "PNG")}</button>
                    <button id="export-mermaid" title={crate::i18n::tr(lang, "Download the visible window as a Mermaid gantt (GitHub, kubernetes.io)")} disabled={state.trace.is_none()} onclick={export("mermaid")}>{crate::i18n::tr(lang, "Mermaid")}</button>
                    <button id="export-trace" title={crate::i18n::tr(lang, "Download the visible window as Chrome trace-event JSON (Perfetto, chrome://tracing)")} disabled={state.trace.is_none()} onclick={export("trace")}>{crate::i18n::tr(lang, "Trace")}</button>
                    <button id="theme" title={crate::i18n::tr(lang, "Light / dark theme")} aria-pressed={state.dark.to_string()} onclick={on_theme}>
                        { if state.dark { crate::i18n::tr(lang, "☀ light") } else { crate::i18n::tr(lang, "☾ dark") } }
                    </button>
                    <button id="help" title={crate::i18n::tr(lang, "Keyboard shortcuts (?)")} onclick={on_help}>{"?"}</button>
                </span>
            </header>
            <main class="panes">
                <section class="left">
                    if let Some(l) = state.lesson.clone() {
                        <LessonPanel lesson={l} {lang} on_action={on_action.clone()} on_copy_link={copy_lesson_link} />
                    } else {
                        <div class="editor-head">
                            <label for="editor" class="editor-cue">{i18n::tr(lang, "Paste your Pod manifest here")}</label>
                            <span class="editor-hint">{i18n::tr(lang, "or pick an example above; it plays as you type")}</span>
                        </div>
                        <Editor text={state.text.clone()} problems={state.problems.clone()} {on_edit} textarea={textarea.clone()}
                                on_undo_example={undo_example} />
                        // Problems right under the editor: an error is on the first screen.
                        <Problems problems={state.problems.clone()} stale={state.stale} {on_goto}
                                  scenario_problems={state.scenario_problems.clone()} {on_goto_scenario} />
                        <ScenarioEditor text={state.scenario.clone()} errors={scenario_errors}
                                        kubelet_version={AttrValue::from(state.kubelet_version.clone())}
                                        kubectl_version={AttrValue::from(state.kubectl_version.clone())} {on_kubectl}
                                        on_edit={on_scenario} {on_kubelet} textarea={scenario_ta.clone()}
                                        compare={state.compare.clone()} {on_compare}
                                        in_force={state.session.as_ref().map(|s| s.scenario_in_force()).unwrap_or_default()} />
                    }
                </section>
                <section class="right">
                    <Transport playing={state.playing} speed={state.speed} looping={state.looping}
                               cursor={state.cursor} until={state.until()} enabled={state.trace.is_some()}
                               simulating={state.horizon_while_simulating()}
                               on_action={on_action.clone()} />
                    if state.lesson.is_none() {
                        <ActionsBar trace={state.trace.clone()} cursor={state.cursor} {on_live} />
                    }
                    <KubectlGet pod={AttrValue::from(pod)} table={AttrValue::from(table)} stale={state.stale} />
                    <TimelineView trace={state.trace.clone()} view={state.view} cursor={state.cursor}
                                  stale={state.stale} on_action={on_action.clone()}
                                  veil={state.lesson.as_ref().and_then(|l| l.veil())}
                                  guess={state.lesson.as_ref().and_then(|l| l.guess.filter(|_| !l.revealed))}
                                  veil_label={AttrValue::from(i18n::tr(lang, "hidden until you answer"))}
                                  summary={AttrValue::from(timeline_summary.clone())} />
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
            {for share_dialog}
        </div>
        </ContextProvider<i18n::Lang>>
    }
}
