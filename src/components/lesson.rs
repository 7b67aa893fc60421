//! The learner-mode panel: the open question of an exercise set, how to answer it, the answer
//! with its explanation once given, the learner's progress, and the teacher's view (the key the
//! engine computed, and the set's YAML to edit in place).

use crate::i18n::{tr, trf, Lang};
use crate::lesson::Lesson;
use crate::state::Action;
use podlife_classroom::{Answer, Response};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LessonProps {
    pub lesson: Box<Lesson>,
    pub lang: Lang,
    pub on_action: Callback<Action>,
    /// Copy a link that opens this set.
    pub on_copy_link: Callback<()>,
}

/// What kind of answer the open question takes.
fn kind(q: &podlife_classroom::Question) -> &'static str {
    if q.when.is_some() {
        "when"
    } else if q.get.is_some() {
        "get"
    } else if q.order.is_some() {
        "order"
    } else if q.restarts.is_some() {
        "restarts"
    } else if q.state.is_some() {
        "state"
    } else {
        "reflect"
    }
}

#[function_component(LessonPanel)]
pub fn lesson_panel(p: &LessonProps) -> Html {
    let lang = p.lang;
    let code = lang.code();
    let l = &p.lesson;
    let number = use_node_ref();
    let time = use_node_ref();
    let text = use_node_ref();
    let act = |a: Action| {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let Some((e, q, k)) = l.question() else {
        return html! {};
    };
    let (right, total) = l.score();
    let given = l.given().cloned();
    let n_ex = l.set.len();
    let n_q = e.questions.len();

    // The answer widget for an open question.
    let widget = if l.revealed {
        html! {}
    } else {
        let submit = |f: fn(&NodeRef) -> Option<Response>, node: NodeRef| {
            let cb = p.on_action.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(r) = f(&node) {
                    cb.emit(Action::LessonAnswer(r));
                }
            })
        };
        match (&k.answer, kind(q)) {
            (Answer::Time { .. }, _) => {
                let value = l.guess.map(podlife_classroom::trim).unwrap_or_default();
                let on_input = {
                    let cb = p.on_action.clone();
                    Callback::from(move |e: InputEvent| {
                        let i: web_sys::HtmlInputElement = e.target_unchecked_into();
                        if let Ok(t) = i.value().trim().parse::<f64>() {
                            if t.is_finite() && t >= 0.0 {
                                cb.emit(Action::LessonGuess(t));
                            }
                        }
                    })
                };
                html! {
                    <>
                        <p class="how">{tr(lang, "click the hidden part of the timeline, or type seconds")}</p>
                        <div class="answer-row">
                            <label>{tr(lang, "your guess")}{" "}
                                <input id="lesson-time" ref={time.clone()} type="number" min="0" step="0.1" value={value} oninput={on_input}
                                       aria-label={tr(lang, "seconds")} />
                            </label>
                            {" "}{tr(lang, "seconds")}
                            <button id="lesson-submit" disabled={l.guess.is_none()}
                                    onclick={submit(|n| n.cast::<web_sys::HtmlInputElement>()?.value().trim().parse::<f64>().ok().filter(|t| t.is_finite() && *t >= 0.0).map(Response::Time), time.clone())}>
                                {tr(lang, "Answer")}
                            </button>
                        </div>
                    </>
                }
            }
            (Answer::Choice { options, .. }, _) => html! {
                <div class="choices" role="group" aria-label={tr(lang, "Your answer")}>
                    { for options.iter().map(|o| {
                        let cb = p.on_action.clone();
                        let choice = o.clone();
                        html! {
                            <button class="choice" data-choice={o.clone()}
                                    onclick={Callback::from(move |_: MouseEvent| cb.emit(Action::LessonAnswer(Response::Choice(choice.clone()))))}>
                                {o.clone()}
                            </button>
                        }
                    }) }
                </div>
            },
            (Answer::Number(_), _) => html! {
                <div class="answer-row">
                    <input id="lesson-number" ref={number.clone()} type="number" min="0" step="1" placeholder={tr(lang, "Type a number")}
                           aria-label={tr(lang, "Your answer")} />
                    <button id="lesson-submit"
                            onclick={submit(|n| n.cast::<web_sys::HtmlInputElement>()?.value().trim().parse::<i64>().ok().map(Response::Number), number.clone())}>
                        {tr(lang, "Answer")}
                    </button>
                </div>
            },
            (Answer::Free, _) => html! {
                <div>
                    <textarea id="lesson-text" ref={text.clone()} placeholder={tr(lang, "Your own thoughts")} aria-label={tr(lang, "Your answer")} />
                    <button id="lesson-submit"
                            onclick={submit(|n| Some(Response::Text(n.cast::<web_sys::HtmlTextAreaElement>()?.value())), text.clone())}>
                        {tr(lang, "Answer")}
                    </button>
                </div>
            },
        }
    };

    let hints = html! {
        <>
            if l.hints > 0 {
                <ul class="hints" id="lesson-hints">
                    { for q.hints.iter().take(l.hints).map(|h| html! { <li>{h.get(code).to_string()}</li> }) }
                </ul>
            }
            if !l.revealed && l.hints < q.hints.len() {
                <button id="lesson-hint" onclick={act(Action::LessonHint)}>{format!("{} ({}/{})", tr(lang, "Hint"), l.hints + 1, q.hints.len())}</button>
            }
        </>
    };

    let result = match (&given, l.revealed) {
        (Some(g), true) => {
            let free = k.answer == Answer::Free;
            let answer = k.answer.text();
            html! {
                <div id="lesson-result" class={if free { "" } else if g.correct { "right" } else { "wrong" }} role="status">
                    if !free {
                        <p><strong>{if g.correct { tr(lang, "Right!") } else { tr(lang, "Not quite.") }}</strong></p>
                    }
                    <p>{tr(lang, "Your answer")}{": "}<span id="lesson-given">{g.response.clone()}</span></p>
                    if !free {
                        <p>{tr(lang, "The answer")}{": "}<strong id="lesson-answer">{answer.clone()}</strong>
                           if !k.detail.is_empty() && k.detail != answer { {format!(" ({})", crate::lesson::detail_in(&k.detail, lang))} }
                        </p>
                    }
                    <p class="explain" id="lesson-explain">{e.questions[l.q].explain.get(code).to_string()}</p>
                </div>
            }
        }
        _ => html! {},
    };

    let next = l.next();
    let teacher = l.teacher.then(|| {
        let on_edit = {
            let cb = p.on_action.clone();
            Callback::from(move |ev: InputEvent| {
                let t: web_sys::HtmlTextAreaElement = ev.target_unchecked_into();
                cb.emit(Action::LessonEdit(t.value()));
            })
        };
        html! {
            <div class="teacher">
                <h3>{tr(lang, "answer key")}</h3>
                <table id="lesson-key">
                    <tbody>
                    { for l.set.iter().flat_map(|(e, key)| e.questions.iter().zip(key).map(move |(q, k)| (e, q, k))).map(|(e, q, k)| html! {
                        <tr data-q={format!("{}/{}", e.id, q.id)}>
                            <td translate="no">{q.id.clone()}</td>
                            <td>{q.ask.get(code).to_string()}</td>
                            <td class="key-answer">{match &k.answer {
                                Answer::Time { t, tolerance } => format!("{} s ± {} s", podlife_classroom::trim(*t), podlife_classroom::trim(*tolerance)),
                                Answer::Free => "—".into(),
                                a => a.text(),
                            }}</td>
                            <td>{crate::lesson::detail_in(&k.detail, lang)}</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                if !l.problems.is_empty() {
                    <ul class="problems-list" id="lesson-problems" role="alert">
                        { for l.problems.iter().map(|m| html! { <li>{m.clone()}</li> }) }
                    </ul>
                }
                <textarea id="lesson-yaml" value={l.text.to_string()} oninput={on_edit} spellcheck="false" aria-label="exercise YAML" />
            </div>
        }
    });

    html! {
        <section id="lesson" class="lesson" lang={code} data-exercise={e.id.clone()} data-question={q.id.clone()}>
            <header>
                <h2>{e.title.get(code).to_string()}</h2>
                <div class="lesson-tools">
                    <button id="lesson-teacher" aria-pressed={l.teacher.to_string()} onclick={act(Action::LessonTeacher(!l.teacher))}>
                        {if l.teacher { tr(lang, "Learner view") } else { tr(lang, "Teacher view") }}
                    </button>
                    <button id="lesson-link" onclick={{ let cb = p.on_copy_link.clone(); Callback::from(move |_: MouseEvent| cb.emit(())) }}>
                        {tr(lang, "Copy exercise link")}
                    </button>
                    <button id="lesson-close" onclick={act(Action::CloseLesson)}>{tr(lang, "Close")}</button>
                </div>
                if !e.source.get(code).is_empty() {
                    <span class="lesson-source">{e.source.get(code).to_string()}</span>
                }
            </header>
            <p class="lesson-progress">
                {trf(lang, "Exercise {} of {}", &[&(l.ex + 1).to_string(), &n_ex.to_string()])}
                {" · "}{tr(lang, "score")}{format!(" {right}/{total}")}
            </p>
            <ol class="lesson-dots">
                { for e.questions.iter().enumerate().map(|(i, qq)| {
                    let g = l.progress.get(&format!("{}/{}", e.id, qq.id));
                    let class = classes!(
                        (i == l.q).then_some("current"),
                        g.map(|g| if g.correct { "right" } else { "wrong" })
                    );
                    let mark = match g { Some(g) if g.correct => "✓", Some(_) => "✗", None => "•" };
                    html! { <li><button {class} aria-label={trf(lang, "Question {} of {}", &[&(i + 1).to_string(), &n_q.to_string()])}
                                        aria-current={(i == l.q).then_some("step")}
                                        onclick={act(Action::LessonGoto { ex: l.ex, q: i })}>{format!("{} {mark}", i + 1)}</button></li> }
                }) }
            </ol>
            if !e.intro.get(code).is_empty() {
                <p class="lesson-intro">{e.intro.get(code).to_string()}</p>
            }
            <div id="lesson-question" class="question" data-kind={kind(q)}>
                <p class="lesson-n">{trf(lang, "Question {} of {}", &[&(l.q + 1).to_string(), &n_q.to_string()])}</p>
                <p class="ask">{q.ask.get(code).to_string()}</p>
                if !l.revealed {
                    <p class="veil-note">{trf(lang, "The timeline from {} s on is hidden until you answer.", &[&podlife_classroom::trim(q.at)])}</p>
                }
                {widget}
                {hints}
                {result}
                if l.revealed {
                    if let Some((ex, qi)) = next {
                        <button id="lesson-next" class="primary" onclick={act(Action::LessonGoto { ex, q: qi })}>{tr(lang, "Next question")}{" →"}</button>
                    } else {
                        <p class="how">{tr(lang, "the end of the set")}</p>
                    }
                }
            </div>
            {for teacher}
            <details class="lesson-manifest" open=true>
                <summary>{tr(lang, "manifest")}</summary>
                <pre id="lesson-manifest" translate="no">{e.pod.clone()}</pre>
            </details>
        </section>
    }
}
