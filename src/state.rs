//! Application state: one [`Reducible`] value changed only through [`Action`]s
//! (the shape of Yew's `function_todomvc` example).
//!
//! The reducer is plain Rust: [`AppState::apply`] is tested natively. Simulation happens here, once
//! per edit; components only read.

use crate::model::{Time, Trace};
use crate::viewport::Viewport;
use podlife_engine::Diagnostic;
use std::rc::Rc;
use yew::Reducible;

/// Playback speeds offered by the transport bar (simulated seconds per wall second).
pub const SPEEDS: &[f64] = &[1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 100.0];
pub const DEFAULT_SPEED: f64 = 10.0;
/// Wall-clock interval of the play timer.
pub const TICK_MS: u32 = 33;

/// An `Rc` compared by pointer, so a prop holding it is "unchanged" until a new value is built.
/// Lets heavy children (the lanes) skip re-rendering while only the cursor moves.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}
impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
impl<T> Shared<T> {
    pub fn new(v: T) -> Self {
        Shared(Rc::new(v))
    }
}

/// A text of the user's set aside when an example was loaded over it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Own {
    pub text: String,
    pub scenario: String,
}

/// How many of the user's texts set aside by examples are kept (newest first).
pub const OWN_KEPT: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The user's own texts set aside by loading examples, newest first: "your manifest" in the
    /// examples list brings the newest back.
    pub own: Shared<Vec<Own>>,
    /// The user's manifest text, exactly as typed. Never replaced except by LoadExample.
    pub text: Shared<String>,
    /// Gallery id of the loaded example, or "" once the user edits.
    pub example: String,
    /// Diagnostics of `text` (errors when it failed; warnings when it simulated).
    pub problems: Shared<Vec<Diagnostic>>,
    /// The last successful simulation (possibly of an earlier text).
    pub trace: Option<Shared<Trace>>,
    /// `trace` is from an earlier text because `text` has errors.
    pub stale: bool,
    pub cursor: Time,
    pub playing: bool,
    pub speed: f64,
    pub looping: bool,
    pub view: Viewport,
    /// The scenario editor's text (`kind: Scenario`), passed to the engine beside the manifest.
    pub scenario: Shared<String>,
    /// Diagnostics located in the scenario text.
    pub scenario_problems: Shared<Vec<Diagnostic>>,
    /// `settings.kubeletVersion` ("1.28" … "1.37").
    pub kubelet_version: String,
    /// `settings.kubectlVersion`: the kubectl that prints `get` and `describe` ("" = the
    /// kubelet's version).
    pub kubectl_version: String,
    /// What the details drawer explains (None = closed).
    pub selected: Option<Selection>,
    pub shortcuts: bool,
    pub dark: bool,
    /// What the last simulation leaves to step from (live actions branch from its checkpoints).
    pub session: Option<Shared<crate::sim::Session>>,
    /// A live action's run still in progress: `trace` shows it so far, and each
    /// [`Action::Work`] steps it on. Taken (set to `None` inside) once concluded.
    pub job: Option<Shared<std::cell::RefCell<Option<crate::sim::Job>>>>,
    /// Bumped by each slice of work, so the app schedules the next one.
    pub work: u64,
    /// The version compared with the selected one (`Action::Compare`) and what changes.
    pub compare: Option<Compare>,
    /// The interface language a share link carried ("" = the browser's).
    pub lang: String,
    /// The interface language `lang` resolves to (with the browser's languages): the trace's
    /// words (labels, tooltips, arrows) are in it. Set by [`Action::SetUiLang`].
    pub ui_lang: crate::i18n::Lang,
    /// An exercise set open in learner mode.
    pub lesson: Option<Box<crate::lesson::Lesson>>,
    /// Why the last exercise set could not be opened.
    pub lesson_error: Option<Shared<Vec<String>>>,
    /// Playback stops here (a lesson plays to the answer, then explains it).
    pub play_until: Option<Time>,
    /// The horizon the user set (seconds; `None` = the engine's default, 600 s). A scenario's
    /// `settings.until` and an exercise's `until` win.
    pub horizon: Option<f64>,
}

/// The longest horizon the horizon field takes (a day).
pub const MAX_HORIZON: f64 = 86_400.0;

/// A comparison of the pod under the selected kubelet and another (`podlife diff-versions`).
#[derive(Clone, Debug, PartialEq)]
pub struct Compare {
    pub with: String,
    pub result: Shared<Result<Vec<podlife_engine::versions::Section>, String>>,
}

/// The default kubelet version of the selector.
pub const DEFAULT_KUBELET: &str = "1.37";
pub const KUBELET_VERSIONS: &[&str] = &[
    "1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36", "1.37",
];

/// A clicked slice, instant or probe tick: indices into `Trace::tracks[track].lanes[lane]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Selection {
    pub track: usize,
    pub lane: usize,
    pub item: usize,
    pub t: Time,
}

/// Actions are transient (one per user event), so the large `Loaded` variant is not boxed.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Action {
    /// The user changed the text: re-simulate.
    Edit(String),
    /// A simulation result for `text` (what Edit does after simulating; also used by tests and
    /// the `?fixture=` dev hook).
    Loaded {
        text: String,
        example: String,
        result: Result<Trace, Vec<Diagnostic>>,
    },
    LoadExample(String),
    /// Bring back the user's text set aside by an example (`own[0]`).
    RestoreOwn,
    Play,
    Pause,
    TogglePlay,
    /// Advance playback by `wall_dt` wall-clock seconds (× speed).
    Tick(f64),
    Seek(Time),
    SetSpeed(f64),
    SetLoop(bool),
    /// Zoom by `factor` (< 1 = in) around `anchor` (default: the cursor if visible, else the
    /// window's centre).
    Zoom {
        factor: f64,
        anchor: Option<Time>,
    },
    /// Pan by a fraction of the visible span (negative = left).
    PanBy(f64),
    SetView(Viewport),
    /// Fit the activity: from 0 to where the story ends ([`Trace::activity_end`]).
    Fit,
    /// Fit the whole horizon.
    FitAll,
    /// The horizon (`settings.until`, seconds; `None` = the default): replay.
    SetHorizon(Option<f64>),
    NextEvent,
    PrevEvent,
    /// The user changed the scenario text: re-simulate.
    EditScenario(String),
    /// A live action at the cursor: appended to the scenario and played from the latest
    /// checkpoint before the cursor (in slices when long; see [`Action::Work`]).
    Live(crate::sim::LiveAction),
    /// Step the live action's run in progress by one slice.
    Work,
    SetKubelet(String),
    /// The kubectl version that prints `get` and `describe` ("" = the kubelet's).
    SetKubectl(String),
    /// Compare the pod under the selected kubelet with this version (`None`: stop comparing).
    Compare(Option<String>),
    Select(Option<Selection>),
    /// Enter: open the drawer on the pod's latest event at or before the cursor (with `,`/`.`
    /// the drawer then follows the event stepped to: a step-through for keyboard users).
    ExplainAtCursor,
    ToggleShortcuts,
    /// Esc: close the drawer and the shortcut sheet.
    CloseOverlays,
    SetDark(bool),
    /// Open a share link's view (or a host's `load`): the user's own text is set aside first.
    OpenLink(Box<podlife_render::link::Link>),
    /// Select what is at `t` on the named track (its first lane of slices), or the pod's event
    /// at or before `t` when no track is named (a host's `select`).
    /// `t` defaults to the cursor.
    SelectAt {
        track: Option<String>,
        t: Option<Time>,
    },
    /// Open an exercise set (its YAML) in learner mode, resuming from `progress`.
    OpenLesson {
        text: String,
        progress: std::collections::BTreeMap<String, crate::lesson::Given>,
    },
    /// The learner's answer to the open question: graded, the veil lifted, the timeline played
    /// to the answer and the answer explained.
    LessonAnswer(podlife_classroom::Response),
    /// The marker a learner drags on the veiled axis.
    LessonGuess(Time),
    LessonHint,
    LessonGoto {
        ex: usize,
        q: usize,
    },
    LessonTeacher(bool),
    /// The teacher edits the set in place: rechecked, the key recomputed.
    LessonEdit(String),
    CloseLesson,
    /// The interface language (`en`, `zh-CN`; "" = the browser's).
    SetLang(String),
    /// The language `lang` resolved to: the trace's words are derived again in it from the
    /// timeline (no simulation); the cursor, the view and the selection stay.
    SetUiLang(crate::i18n::Lang),
}

/// The pod track's `events` mark at or before `t` (the latest one), as a selection.
pub fn event_selection(tr: &Trace, t: Time) -> Option<Selection> {
    let track = tr
        .tracks
        .iter()
        .position(|k| k.kind == crate::model::TrackKind::Pod)?;
    let (lane, marks) = tr.tracks[track]
        .lanes
        .iter()
        .enumerate()
        .find_map(|(i, l)| match &l.content {
            crate::model::LaneContent::Instants(m) if l.name == "events" => Some((i, m)),
            _ => None,
        })?;
    // Marks are whole milliseconds: compare at the millisecond of `t`.
    let t = crate::sim::at(t).as_secs_f64();
    let item = marks.partition_point(|m| m.t <= t).checked_sub(1)?;
    Some(Selection {
        track,
        lane,
        item,
        t: marks[item].t,
    })
}

/// A track's name in a link: the container's (or pod's) name, with `#1` for the controller's
/// replacement pod, whose tracks repeat the names.
fn track_key(t: &crate::model::Track) -> String {
    if t.group == 0 {
        t.name.clone()
    } else {
        format!("{}#{}", t.name, t.group)
    }
}

/// A selection by names, for a link.
pub fn named_selection(tr: &Trace, sel: &Selection) -> Option<podlife_render::link::Selected> {
    let track = tr.tracks.get(sel.track)?;
    Some(podlife_render::link::Selected {
        track: track_key(track),
        lane: track.lanes.get(sel.lane)?.name.clone(),
        item: sel.item,
        t: sel.t,
    })
}

/// A link's selection in this trace: `None` unless the track, the lane and the item exist.
pub fn selection_named(tr: &Trace, sel: &podlife_render::link::Selected) -> Option<Selection> {
    use crate::model::LaneContent;
    let track = tr.tracks.iter().position(|k| track_key(k) == sel.track)?;
    let lane = tr.tracks[track]
        .lanes
        .iter()
        .position(|l| l.name == sel.lane)?;
    let items = match &tr.tracks[track].lanes[lane].content {
        LaneContent::Slices(v) => v.len(),
        LaneContent::Instants(v) => v.len(),
        LaneContent::Probe {
            ticks,
            bands,
            gates,
            ..
        } => ticks.len() + bands.len() + gates.len(),
        LaneContent::Ruler { base, steps, marks } => base.len() + steps.len() + marks.len(),
    };
    (sel.item < items).then_some(Selection {
        track,
        lane,
        item: sel.item,
        t: sel.t.clamp(0.0, tr.until()),
    })
}

/// The slice covering `t` on the first lane of slices of the track named `name`.
pub fn selection_on_track(tr: &Trace, name: &str, t: Time) -> Option<Selection> {
    use crate::model::LaneContent;
    let track = tr.tracks.iter().position(|k| track_key(k) == name)?;
    tr.tracks[track]
        .lanes
        .iter()
        .enumerate()
        .find_map(|(lane, l)| match &l.content {
            LaneContent::Slices(segs) => Some((lane, segs)),
            _ => None,
        })
        .and_then(|(lane, segs)| {
            let item = segs
                .iter()
                .position(|s| s.start <= t && t < s.end)
                .or_else(|| segs.iter().rposition(|s| s.start <= t))?;
            Some(Selection {
                track,
                lane,
                item,
                t,
            })
        })
}

impl AppState {
    /// Initial state: `example` loaded and simulated, cursor at the end ("already played").
    pub fn with_example(id: &str) -> Self {
        let text = podlife_engine::gallery::get(id)
            .map(|e| e.yaml)
            .unwrap_or_default()
            .to_string();
        let mut s = AppState::empty();
        s.resimulate(text, id.into());
        // The story starts at 0: the cursor waits there (press play), the view fits what happens.
        s.cursor = 0.0;
        s
    }

    pub fn empty() -> Self {
        AppState {
            own: Shared::new(Vec::new()),
            text: Shared::new(String::new()),
            example: String::new(),
            problems: Shared::new(Vec::new()),
            trace: None,
            stale: false,
            cursor: 0.0,
            playing: false,
            speed: DEFAULT_SPEED,
            looping: false,
            view: Viewport::fit(1.0),
            scenario: Shared::new(String::new()),
            scenario_problems: Shared::new(Vec::new()),
            kubelet_version: DEFAULT_KUBELET.to_string(),
            kubectl_version: String::new(),
            selected: None,
            shortcuts: false,
            dark: false,
            session: None,
            job: None,
            work: 0,
            compare: None,
            lang: String::new(),
            ui_lang: crate::i18n::Lang::En,
            lesson: None,
            lesson_error: None,
            play_until: None,
            horizon: None,
        }
    }

    /// The state a saved session describes: its texts and versions played, its view and cursor
    /// kept where they still fit.
    pub fn restore(saved: crate::autosave::Saved) -> Self {
        let mut s = AppState::empty();
        s.lang = saved.lang.clone();
        s.scenario = Shared::new(saved.scenario);
        if KUBELET_VERSIONS.contains(&saved.kubelet.as_str()) {
            s.kubelet_version = saved.kubelet;
        }
        if KUBELET_VERSIONS.contains(&saved.kubectl.as_str()) {
            s.kubectl_version = saved.kubectl;
        }
        s.own = Shared::new(saved.own.into_iter().take(OWN_KEPT).collect());
        // The example id only while the text is still that example's.
        let example = podlife_engine::gallery::get(&saved.example)
            .filter(|e| e.yaml == saved.text)
            .map(|e| e.id.to_string())
            .unwrap_or_default();
        s.resimulate(saved.text, example);
        let until = s.until();
        if let Some((a, b)) = saved.view {
            s.view = Viewport::new(a, b).clamp(until);
        }
        s.cursor = saved.cursor.clamp(0.0, until);
        s
    }

    /// The view as a share link carries it.
    pub fn link(&self) -> podlife_render::link::Link {
        // An exercise link carries the set; its pods are in it.
        let lesson = self.lesson.is_some();
        podlife_render::link::Link {
            manifest: if lesson {
                String::new()
            } else {
                self.text.to_string()
            },
            scenario: if lesson {
                String::new()
            } else {
                self.scenario.to_string()
            },
            kubelet: self.kubelet_version.clone(),
            kubectl: self.kubectl_version.clone(),
            at: Some(self.cursor),
            window: Some((self.view.start, self.view.end)),
            select: match (&self.trace, &self.selected) {
                (Some(tr), Some(sel)) => named_selection(tr, sel),
                _ => None,
            },
            lang: self.lang.clone(),
            exercise: self
                .lesson
                .as_ref()
                .map(|l| l.text.to_string())
                .unwrap_or_default(),
        }
    }

    /// Show a link's view: its texts and versions played, then its window, cursor and
    /// selection where they fit. The text on screen, if the user's own, is set aside first.
    fn open_link(&mut self, l: podlife_render::link::Link) {
        if !l.lang.is_empty() {
            self.lang = l.lang.chars().take(16).collect();
        }
        if !l.exercise.is_empty() {
            // An exercise link opens the set in learner mode (progress is the app's to add).
            self.apply(Action::OpenLesson {
                text: l.exercise,
                progress: Default::default(),
            });
            return;
        }
        self.set_aside_own_text();
        self.playing = false;
        self.selected = None;
        self.scenario = Shared::new(l.scenario);
        // A version this build does not model falls back to the default (the engine reports
        // no problem for it: the link's other contents still open).
        self.kubelet_version = if KUBELET_VERSIONS.contains(&l.kubelet.as_str()) {
            l.kubelet
        } else {
            DEFAULT_KUBELET.to_string()
        };
        self.kubectl_version = if KUBELET_VERSIONS.contains(&l.kubectl.as_str()) {
            l.kubectl
        } else {
            String::new()
        };
        if !l.lang.is_empty() {
            self.lang = l.lang.chars().take(16).collect();
        }
        let example = podlife_engine::gallery::EXAMPLES
            .iter()
            .find(|e| e.yaml == l.manifest && self.scenario.is_empty())
            .map(|e| e.id.to_string())
            .unwrap_or_default();
        self.trace = None;
        self.resimulate(l.manifest, example);
        let until = self.until();
        self.view = match l.window {
            Some((a, b)) => Viewport::new(a, b).clamp(until),
            None => Viewport::fit(self.activity_end()),
        };
        self.cursor = l.at.unwrap_or(0.0).clamp(0.0, until);
        self.selected = match (&self.trace, &l.select) {
            (Some(tr), Some(sel)) => selection_named(tr, sel),
            _ => None,
        };
    }

    /// Put the cursor at the open question's answer and open the "why" drawer on it.
    fn explain_lesson_answer(&mut self) {
        let Some((_, _, k)) = self.lesson.as_ref().and_then(|l| l.question()) else {
            return;
        };
        let Some((track, t)) = k.point.clone() else {
            return;
        };
        self.playing = false;
        self.play_until = None;
        self.cursor = t.clamp(0.0, self.until());
        self.view = self.view.follow(self.cursor, self.until());
        self.selected = self.trace.as_ref().and_then(|tr| match &track {
            Some(name) => selection_on_track(tr, name, self.cursor)
                .or_else(|| event_selection(tr, self.cursor)),
            None => event_selection(tr, self.cursor),
        });
    }

    /// Before an example replaces the text: keep the user's own text (not an unchanged example,
    /// not an empty editor), newest first, without duplicates.
    fn set_aside_own_text(&mut self) {
        if !self.example.is_empty() || self.text.trim().is_empty() {
            return;
        }
        let o = Own {
            text: self.text.to_string(),
            scenario: self.scenario.to_string(),
        };
        let mut own: Vec<Own> = std::iter::once(o.clone())
            .chain(self.own.iter().filter(|x| **x != o).cloned())
            .collect();
        own.truncate(OWN_KEPT);
        self.own = Shared::new(own);
    }

    /// End of the displayed timeline (1 s when there is none).
    pub fn until(&self) -> Time {
        self.trace.as_ref().map_or(1.0, |t| t.until())
    }

    /// Where the story ends (what "fit" shows): [`crate::model::Trace::activity_end`].
    pub fn activity_end(&self) -> Time {
        self.trace.as_ref().map_or(1.0, |t| t.activity_end())
    }

    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|d| d.is_error()).count()
    }

    /// Simulate `text` with the current scenario and kubelet version; load the result.
    /// The versions the engine plays with.
    pub fn versions(&self) -> crate::sim::Versions {
        crate::sim::Versions {
            kubelet: self.kubelet_version.clone(),
            kubectl: self.kubectl_version.clone(),
            until_ms: self
                .lesson
                .as_ref()
                .and_then(|l| l.until_ms())
                .or(self.horizon.map(|h| (h * 1000.0).round() as i64)),
        }
    }

    fn resimulate(&mut self, text: String, example: String) {
        self.job = None;
        // A comparison belongs to the text and versions it was made for.
        self.compare = None;
        let result =
            crate::sim::simulate_session_in(&text, &self.scenario, &self.versions(), self.ui_lang);
        let mut session = None;
        let (result, scn) = match result {
            Ok((tr, s)) => {
                session = Some(Shared::new(s));
                (Ok(tr), vec![])
            }
            Err((m, s)) => (Err(m), s),
        };
        let scn_errors = !scn.is_empty();
        self.scenario_problems = Shared::new(scn);
        self.apply(Action::Loaded {
            text,
            example,
            result,
        });
        if session.is_some() {
            self.session = session;
        }
        if scn_errors {
            self.stale = self.trace.is_some();
        }
    }

    /// Show a live action's run: concluded when `done`, else the timeline so far (the view and
    /// the cursor are kept) with the job left for the next [`Action::Work`].
    fn take_job_result(&mut self, job: crate::sim::Job, done: bool, redraw: bool) {
        if done {
            let (trace, session) = job.conclude();
            let view = self.view;
            let text = self.text.to_string();
            let example = self.example.clone();
            self.apply(Action::Loaded {
                text,
                example,
                result: Ok(trace),
            });
            self.session = Some(Shared::new(session));
            self.view = view.clamp(self.until());
        } else {
            if redraw {
                self.selected = None;
                self.trace = Some(Shared::new(job.partial()));
                self.stale = false;
            }
            self.job = Some(Shared::new(std::cell::RefCell::new(Some(job))));
            self.work += 1;
        }
    }

    /// Whether a live action's run is still being stepped (the timeline ends early).
    pub fn simulating(&self) -> bool {
        self.job.is_some()
    }

    /// The horizon the run in progress is heading for, while there is one.
    pub fn horizon_while_simulating(&self) -> Option<Time> {
        let job = self.job.as_ref()?;
        let horizon = job.borrow().as_ref().map(|j| j.horizon().as_secs_f64());
        horizon
    }

    /// The pure state transition; while a lesson's question is open, the cursor never passes
    /// its veil.
    pub fn apply(&mut self, action: Action) {
        self.apply_action(action);
        if let Some(v) = self.lesson.as_ref().and_then(|l| l.veil()) {
            let v = v.min(self.until());
            if self.cursor > v {
                self.cursor = v;
            }
            if self.playing && self.cursor >= v {
                self.playing = false;
            }
        }
    }

    /// Play the open exercise's pod (its scenario and versions) and put the cursor at the open
    /// question.
    fn load_lesson_pod(&mut self) {
        let Some(e) = self.lesson.as_ref().and_then(|l| l.exercise().cloned()) else {
            return;
        };
        self.scenario = Shared::new(e.scenario.clone());
        self.kubelet_version = e
            .kubelet_version
            .clone()
            .filter(|v| KUBELET_VERSIONS.contains(&v.as_str()))
            .unwrap_or_else(|| DEFAULT_KUBELET.to_string());
        self.kubectl_version = String::new();
        self.trace = None;
        self.resimulate(e.pod.clone(), String::new());
        self.view = Viewport::fit(self.until());
        self.lesson_cursor();
    }

    /// The cursor at the open question's instant (answered: at its answer).
    fn lesson_cursor(&mut self) {
        self.playing = false;
        self.play_until = None;
        self.selected = None;
        if let Some((_, q, _)) = self.lesson.as_ref().and_then(|l| l.question()) {
            self.cursor = q.at.clamp(0.0, self.until());
        }
    }

    fn apply_action(&mut self, action: Action) {
        match action {
            Action::Edit(text) => self.resimulate(text, String::new()),
            Action::LoadExample(id) => {
                if let Some(e) = podlife_engine::gallery::get(&id) {
                    self.set_aside_own_text();
                    self.scenario = Shared::new(String::new());
                    self.selected = None;
                    self.resimulate(e.yaml.to_string(), id);
                }
            }
            Action::RestoreOwn => {
                let mut own = self.own.to_vec();
                if own.is_empty() {
                    return;
                }
                let o = own.remove(0);
                // The example (or the user's other text) on screen is set aside in turn.
                self.own = Shared::new(own);
                self.set_aside_own_text();
                self.scenario = Shared::new(o.scenario);
                self.selected = None;
                self.resimulate(o.text, String::new());
            }
            Action::EditScenario(scn) => {
                self.scenario = Shared::new(scn);
                let (text, ex) = (self.text.to_string(), self.example.clone());
                self.resimulate(text, ex);
            }
            Action::Live(a) => {
                let scn = crate::sim::append_action(&self.scenario, self.cursor, &a);
                let cursor = self.cursor;
                self.playing = false;
                let job = match (&self.session, &self.job) {
                    (Some(s), None)
                        if s.plays(&self.text, &self.scenario, &self.versions()) && !self.stale =>
                    {
                        s.live(cursor, &a, &scn)
                    }
                    _ => None,
                };
                match job {
                    Some(mut job) => {
                        self.scenario = Shared::new(scn);
                        self.scenario_problems = Shared::new(vec![]);
                        job.warnings = self.problems.to_vec();
                        job.lang = self.ui_lang;
                        let done = job.slice(crate::sim::FIRST_EVENTS);
                        self.take_job_result(job, done, true);
                    }
                    // No session for this input (or a run still going): replay from zero.
                    None => self.apply(Action::EditScenario(scn)),
                }
                self.cursor = cursor.clamp(0.0, self.until());
            }
            Action::Work => {
                let job = self.job.as_ref().and_then(|j| j.borrow_mut().take());
                if let Some(mut job) = job {
                    let done = job.slice(crate::sim::WORK_EVENTS);
                    // Redraw the timeline so far every few slices: a redraw costs more than a
                    // slice, and the run's own progress shows in the status meanwhile.
                    let redraw = (self.work + 1).is_multiple_of(crate::sim::REDRAW_EVERY);
                    self.take_job_result(job, done, redraw);
                }
            }
            Action::SetKubelet(v) => {
                self.kubelet_version = v;
                let (text, ex) = (self.text.to_string(), self.example.clone());
                self.resimulate(text, ex);
            }
            Action::SetKubectl(v) => {
                self.kubectl_version = v;
                let (text, ex) = (self.text.to_string(), self.example.clone());
                self.resimulate(text, ex);
            }
            Action::Compare(with) => {
                self.compare = with.map(|with| {
                    let current = if self.kubelet_version.is_empty() {
                        DEFAULT_KUBELET
                    } else {
                        &self.kubelet_version
                    };
                    let result =
                        crate::sim::diff_versions(&self.text, &self.scenario, &with, current);
                    Compare {
                        with,
                        result: Shared::new(result),
                    }
                });
            }
            Action::Select(sel) => self.selected = sel,
            Action::ExplainAtCursor => {
                if let Some(tr) = &self.trace {
                    self.selected = event_selection(tr, self.cursor);
                }
            }
            Action::ToggleShortcuts => self.shortcuts = !self.shortcuts,
            Action::CloseOverlays => {
                self.selected = None;
                self.shortcuts = false;
            }
            Action::SetDark(d) => self.dark = d,
            Action::OpenLink(l) => self.open_link(*l),
            Action::OpenLesson { text, progress } => {
                match crate::lesson::Lesson::open(text, progress) {
                    Ok(l) => {
                        // The user's own text is set aside (not the pod of a lesson restored
                        // after a reload).
                        let restored = l.set.iter().any(|(e, _)| e.pod == *self.text);
                        if self.lesson.is_none() && !restored {
                            self.set_aside_own_text();
                        }
                        self.lesson = Some(Box::new(l));
                        self.lesson_error = None;
                        self.load_lesson_pod();
                    }
                    Err(p) => self.lesson_error = Some(Shared::new(p)),
                }
            }
            Action::LessonAnswer(r) => {
                let Some(l) = self.lesson.as_mut() else {
                    return;
                };
                if l.revealed || l.answer(&r).is_none() {
                    return;
                }
                let Some((_, q, k)) = l.question() else {
                    return;
                };
                // Play from the question's instant to the answer's, quickly enough to watch.
                let from = q.at;
                let point = k.point.clone();
                self.selected = None;
                self.cursor = from.clamp(0.0, self.until());
                match point {
                    Some((_, t)) if t > from + 0.05 => {
                        let need = (t - from) / 4.0;
                        if self.speed < need {
                            self.speed = SPEEDS
                                .iter()
                                .copied()
                                .find(|s| *s >= need)
                                .unwrap_or(SPEEDS[SPEEDS.len() - 1]);
                        }
                        self.play_until = Some(t);
                        self.view = self.view.follow(self.cursor, self.until());
                        self.playing = true;
                    }
                    _ => self.explain_lesson_answer(),
                }
            }
            Action::LessonGuess(t) => {
                if let Some(l) = self.lesson.as_mut() {
                    l.guess = Some(t.clamp(0.0, self.trace.as_ref().map_or(1.0, |t| t.until())));
                }
            }
            Action::LessonHint => {
                if let Some(l) = self.lesson.as_mut() {
                    let n = l.question().map_or(0, |(_, q, _)| q.hints.len());
                    l.hints = (l.hints + 1).min(n);
                }
            }
            Action::LessonGoto { ex, q } => {
                let Some(l) = self.lesson.as_mut() else {
                    return;
                };
                if l.goto(ex, q) {
                    self.load_lesson_pod();
                } else {
                    self.lesson_cursor();
                }
                if self.lesson.as_ref().is_some_and(|l| l.revealed) {
                    self.explain_lesson_answer();
                }
            }
            Action::LessonTeacher(on) => {
                if let Some(l) = self.lesson.as_mut() {
                    l.teacher = on;
                }
            }
            Action::LessonEdit(text) => {
                let Some(l) = self.lesson.as_mut() else {
                    return;
                };
                if l.edit(text) {
                    self.load_lesson_pod();
                }
            }
            Action::SetLang(l) => self.lang = l.chars().take(16).collect(),
            Action::SetUiLang(lang) => {
                self.ui_lang = lang;
                if let Some(tr) = self.trace.as_ref().filter(|tr| tr.lang != lang) {
                    self.trace = Some(Shared::new(tr.in_lang(lang)));
                }
                if let Some(job) = &self.job {
                    if let Some(job) = job.borrow_mut().as_mut() {
                        job.lang = lang;
                    }
                }
            }
            Action::CloseLesson => {
                self.lesson = None;
                self.lesson_error = None;
                self.play_until = None;
            }
            Action::SelectAt { track, t } => {
                let t = t.unwrap_or(self.cursor).clamp(0.0, self.until());
                self.selected = self.trace.as_ref().and_then(|tr| match &track {
                    Some(name) => selection_on_track(tr, name, t),
                    None => event_selection(tr, t),
                });
            }
            Action::Loaded {
                text,
                example,
                result,
            } => {
                // A loaded result replaces any run in progress and the session it came from
                // (the caller that has a new session sets it afterwards).
                self.job = None;
                if result.is_ok() {
                    self.session = None;
                }
                self.text = Shared::new(text);
                self.example = example;
                match result {
                    Ok(trace) => {
                        // A trace made elsewhere (a fixture) speaks the interface's language.
                        let trace = if trace.lang == self.ui_lang {
                            trace
                        } else {
                            trace.in_lang(self.ui_lang)
                        };
                        // Indices into the old tracks mean nothing in the new ones.
                        self.selected = None;
                        let was_fit = self.trace.is_none()
                            || self.view.is_fit(self.until())
                            || self.view.is_fit(self.activity_end());
                        self.problems = Shared::new(trace.warnings.clone());
                        self.trace = Some(Shared::new(trace));
                        self.stale = false;
                        let until = self.until();
                        self.view = if was_fit {
                            Viewport::fit(self.activity_end())
                        } else {
                            self.view.clamp(until)
                        };
                        self.cursor = self.cursor.clamp(0.0, until);
                    }
                    Err(diags) => {
                        self.problems = Shared::new(diags);
                        self.stale = self.trace.is_some();
                        // Keep the last good trace, the cursor and the view.
                    }
                }
            }
            Action::Play => {
                if self.trace.is_some() {
                    if crate::sim::at(self.cursor) >= crate::sim::at(self.until()) {
                        self.cursor = 0.0;
                        self.view = self.view.follow(0.0, self.until());
                    }
                    self.playing = true;
                }
            }
            Action::Pause => self.playing = false,
            Action::TogglePlay => {
                let a = if self.playing {
                    Action::Pause
                } else {
                    Action::Play
                };
                self.apply(a);
            }
            Action::Tick(wall_dt) => {
                if !self.playing {
                    return;
                }
                let until = self.until();
                let mut t = self.cursor + wall_dt * self.speed;
                if let Some(stop) = self.play_until.filter(|s| t >= *s) {
                    self.cursor = stop.min(until);
                    self.playing = false;
                    self.play_until = None;
                    self.view = self.view.follow(self.cursor, until);
                    self.explain_lesson_answer();
                    return;
                }
                if t >= until {
                    if self.looping {
                        t = 0.0;
                    } else {
                        t = until;
                        self.playing = false;
                    }
                }
                self.cursor = t;
                self.view = self.view.follow(t, until);
            }
            Action::Seek(t) => self.cursor = t.clamp(0.0, self.until()),
            Action::SetSpeed(s) => {
                if s > 0.0 && s.is_finite() {
                    self.speed = s;
                }
            }
            Action::SetLoop(l) => self.looping = l,
            Action::Zoom { factor, anchor } => {
                let anchor = anchor.unwrap_or(if self.view.contains(self.cursor) {
                    self.cursor
                } else {
                    (self.view.start + self.view.end) / 2.0
                });
                self.view = self.view.zoom(factor, anchor, self.until());
            }
            Action::PanBy(frac) => self.view = self.view.pan(frac * self.view.span(), self.until()),
            Action::SetView(v) => self.view = v.clamp(self.until()),
            Action::Fit => self.view = Viewport::fit(self.activity_end()),
            Action::FitAll => self.view = Viewport::fit(self.until()),
            Action::SetHorizon(h) => {
                self.horizon = h
                    .filter(|h| h.is_finite() && *h >= 1.0)
                    .map(|h| h.min(MAX_HORIZON));
                let (text, ex) = (self.text.to_string(), self.example.clone());
                self.resimulate(text, ex);
            }
            Action::NextEvent | Action::PrevEvent => {
                if let Some(tr) = &self.trace {
                    let to = if matches!(action, Action::NextEvent) {
                        tr.next_event(self.cursor)
                    } else {
                        tr.prev_event(self.cursor)
                    };
                    if let Some(t) = to {
                        self.cursor = t.clamp(0.0, tr.until());
                        self.view = self.view.follow(self.cursor, tr.until());
                        if self.selected.is_some() {
                            self.selected = event_selection(tr, self.cursor);
                        }
                    }
                }
            }
        }
    }
}

impl Reducible for AppState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;
    use podlife_engine::Diagnostic;

    fn loaded() -> AppState {
        let mut s = AppState::empty();
        s.apply(Action::Loaded {
            text: "good".into(),
            example: "exec-liveness".into(),
            result: Ok(Trace::build(fixture::liveness_exec(), vec![])),
        });
        s
    }

    #[test]
    fn load_fits_view_and_clears_problems() {
        let s = loaded();
        assert_eq!(s.view, Viewport::fit(180.0));
        assert!(s.problems.is_empty() && !s.stale);
        assert_eq!(s.example, "exec-liveness");
    }

    #[test]
    fn errors_keep_text_and_last_good_trace() {
        let mut s = loaded();
        let before = s.trace.clone();
        s.apply(Action::Seek(50.0));
        s.apply(Action::Loaded {
            text: "broken: [".into(),
            example: String::new(),
            result: Err(vec![Diagnostic::error(
                "",
                "did not find expected node content",
            )
            .at(1, 9)]),
        });
        assert_eq!(s.text.as_str(), "broken: [");
        assert!(s.stale);
        assert_eq!(s.trace, before);
        assert_eq!(s.errors(), 1);
        assert_eq!(s.cursor, 50.0);
        // Fixing it clears the staleness.
        s.apply(Action::Loaded {
            text: "good".into(),
            example: String::new(),
            result: Ok(Trace::build(fixture::liveness_exec(), vec![])),
        });
        assert!(!s.stale && s.errors() == 0);
    }

    #[test]
    fn play_ticks_and_stops_at_until() {
        let mut s = loaded();
        s.apply(Action::SetSpeed(10.0));
        s.apply(Action::Seek(0.0));
        s.apply(Action::Play);
        s.apply(Action::Tick(0.5));
        assert_eq!(s.cursor, 5.0);
        s.apply(Action::Tick(100.0));
        assert_eq!(s.cursor, 180.0);
        assert!(!s.playing);
        // Play at the end rewinds.
        s.apply(Action::Play);
        assert_eq!(s.cursor, 0.0);
        assert!(s.playing);
    }

    #[test]
    fn looping_wraps() {
        let mut s = loaded();
        s.apply(Action::SetLoop(true));
        s.apply(Action::Seek(179.0));
        s.apply(Action::Play);
        s.apply(Action::Tick(1.0));
        assert_eq!(s.cursor, 0.0);
        assert!(s.playing);
    }

    #[test]
    fn ticks_page_the_view() {
        let mut s = loaded();
        s.apply(Action::SetView(Viewport::new(0.0, 30.0)));
        s.apply(Action::Seek(29.0));
        s.apply(Action::Play);
        s.apply(Action::Tick(0.2)); // +2 s → 31 s, past the edge
        assert!(s.view.contains(31.0));
        assert_eq!(s.view.span(), 30.0);
    }

    #[test]
    fn zoom_pan_fit() {
        let mut s = loaded();
        s.apply(Action::Seek(90.0));
        s.apply(Action::Zoom {
            factor: 0.5,
            anchor: None,
        });
        assert_eq!(s.view, Viewport::new(45.0, 135.0));
        s.apply(Action::PanBy(0.5));
        assert_eq!(s.view, Viewport::new(90.0, 180.0));
        s.apply(Action::PanBy(0.5));
        assert_eq!(s.view, Viewport::new(90.0, 180.0));
        s.apply(Action::Fit);
        assert_eq!(s.view, Viewport::fit(180.0));
    }

    #[test]
    fn seek_clamps_and_events_step() {
        let mut s = loaded();
        s.apply(Action::Seek(-5.0));
        assert_eq!(s.cursor, 0.0);
        s.apply(Action::NextEvent);
        let first = s.cursor;
        assert!(first > 0.0);
        s.apply(Action::NextEvent);
        assert!(s.cursor > first);
        s.apply(Action::PrevEvent);
        assert_eq!(s.cursor, first);
    }

    #[test]
    fn enter_explains_the_event_at_the_cursor_and_stepping_follows() {
        let mut s = AppState::with_example(podlife_engine::gallery::DEFAULT);
        s.apply(Action::Seek(0.0));
        s.apply(Action::NextEvent);
        assert!(s.selected.is_none(), "stepping alone opens nothing");
        s.apply(Action::ExplainAtCursor);
        let a = s.selected.expect("an event is selected");
        assert_eq!(a.t, s.cursor);
        let tr = s.trace.clone().unwrap();
        assert!(crate::explain::explain(&tr, &a).is_some());
        s.apply(Action::NextEvent);
        let b = s.selected.unwrap();
        assert!(b.t > a.t && b.t == s.cursor);
        s.apply(Action::CloseOverlays);
        assert!(s.selected.is_none());
    }

    #[test]
    fn live_action_steps_from_a_checkpoint_and_equals_the_replay() {
        let json = |s: &AppState| {
            serde_json::to_string(&s.trace.as_ref().expect("a trace").timeline).expect("json")
        };
        let mut s = AppState::with_example(podlife_engine::gallery::DEFAULT);
        let times = s.session.as_ref().expect("a session").checkpoint_times();
        assert!(times.len() >= 8, "checkpoints: {times:?}");
        s.apply(Action::Seek(47.3));
        s.apply(Action::Live(crate::sim::LiveAction::Kill {
            container: "liveness".into(),
        }));
        assert!(s.job.is_none(), "a short pod concludes in the first slice");
        let stepped = json(&s);
        // The same scenario text replayed from zero gives the same timeline.
        let mut r = AppState::with_example(podlife_engine::gallery::DEFAULT);
        r.apply(Action::EditScenario(s.scenario.to_string()));
        assert_eq!(stepped, json(&r));
        // The new session keeps the checkpoints before the action and adds later ones.
        let after = s.session.as_ref().expect("a session").checkpoint_times();
        let mid = crate::sim::at(47.3);
        assert!(after.iter().any(|&t| t < mid) && after.iter().any(|&t| t > mid));
    }

    #[test]
    fn a_long_live_run_is_stepped_in_slices_and_ends_as_the_replay() {
        let stress = include_str!("../crates/engine/benches/stress-pod.yaml");
        let text = format!("{stress}\n---\nkind: Scenario\nsettings: {{until: 3600}}\n");
        let mut s = AppState::empty();
        s.apply(Action::Edit(text.clone()));
        assert!(s.errors() == 0 && s.trace.is_some());
        s.apply(Action::Seek(600.0));
        s.apply(Action::Live(crate::sim::LiveAction::Kill {
            container: "c3".into(),
        }));
        assert!(
            s.simulating(),
            "30 probes a second for 50 min: more than one slice ({:?}, {:?})",
            s.session,
            s.scenario_problems
        );
        let partial_until = s.until();
        assert!((600.0..3600.0).contains(&partial_until), "{partial_until}");
        assert_eq!(s.cursor, 600.0);
        assert_eq!(s.horizon_while_simulating(), Some(3600.0));
        let mut slices = 0;
        while s.simulating() {
            s.apply(Action::Work);
            slices += 1;
            assert!(slices < 100, "the run never ends");
        }
        assert_eq!(s.until(), 3600.0);
        let mut r = AppState::empty();
        r.apply(Action::Edit(text));
        r.apply(Action::EditScenario(s.scenario.to_string()));
        let json = |s: &AppState| {
            serde_json::to_string(&s.trace.as_ref().expect("a trace").timeline).expect("json")
        };
        assert_eq!(json(&s), json(&r));
    }

    #[test]
    fn live_action_appends_and_replays_keeping_the_cursor() {
        let mut s = AppState::with_example(podlife_engine::gallery::DEFAULT);
        s.apply(Action::Seek(20.04));
        s.apply(Action::Live(crate::sim::LiveAction::Delete));
        assert!(
            s.scenario.contains("{at: 20, delete: {}}"),
            "{}",
            s.scenario.as_str()
        );
        assert_eq!(s.cursor, 20.04);
        let tr = s.trace.as_ref().unwrap();
        assert_eq!(tr.timeline.pod.deleted_at, Some(crate::sim::at(20.0)));
        assert!(s.scenario_problems.is_empty() && !s.stale);
        // A broken scenario: located problem, stale timeline.
        s.apply(Action::EditScenario(
            "kind: Scenario\nactions:\n  - {at: 1, boom: 1}\n".into(),
        ));
        assert!(s.stale);
        assert!(s.scenario_problems.iter().any(|d| d.line.is_some()));
        s.apply(Action::SetKubelet("1.30".into()));
        assert_eq!(s.kubelet_version, "1.30");
    }

    #[test]
    fn kubectl_version_is_its_own_setting() {
        let mut s = AppState::with_example(podlife_engine::gallery::DEFAULT);
        let kubectl = |s: &AppState| {
            s.trace
                .as_ref()
                .map(|t| t.timeline.pod.kubectl_minor)
                .expect("a trace")
        };
        assert_eq!(kubectl(&s), 37, "defaults to the kubelet's version");
        s.apply(Action::SetKubectl("1.34".into()));
        assert_eq!(kubectl(&s), 34);
        s.apply(Action::SetKubelet("1.30".into()));
        assert_eq!(kubectl(&s), 34, "kept when the kubelet version changes");
        s.apply(Action::SetKubectl(String::new()));
        assert_eq!(kubectl(&s), 30, "back to the kubelet's");
    }

    #[test]
    fn zoomed_view_survives_an_edit() {
        let mut s = loaded();
        s.apply(Action::SetView(Viewport::new(10.0, 40.0)));
        s.apply(Action::Loaded {
            text: "x".into(),
            example: String::new(),
            result: Ok(Trace::build(fixture::liveness_exec(), vec![])),
        });
        assert_eq!(s.view, Viewport::new(10.0, 40.0));
    }

    /// `Action::Compare`: the reducer plays the pod under both versions and keeps what changes
    /// (the list beside the version selector); an edit drops the comparison.
    #[test]
    fn comparing_two_versions_lists_what_changes() {
        let mut s = AppState::with_example(podlife_engine::gallery::DEFAULT);
        s.apply(Action::SetKubelet("1.30".into()));
        // Compare with another version: the reducer plays both and keeps what changes; an edit
        // drops the comparison.
        s.apply(Action::Compare(Some("1.37".into())));
        let c = s.compare.clone().expect("a comparison");
        assert_eq!(c.with, "1.37");
        let sections = c.result.0.as_ref().as_ref().expect("both versions play");
        assert!(sections.iter().any(|s| s.title == "events"), "{sections:?}");
        s.apply(Action::Compare(None));
        assert!(s.compare.is_none());
        s.apply(Action::Compare(Some("1.37".into())));
        s.apply(Action::Edit(s.text.to_string()));
        assert!(s.compare.is_none());
    }

    #[test]
    fn an_example_never_throws_the_users_text_away() {
        let mut s = AppState::with_example(podlife_engine::gallery::DEFAULT);
        // An unchanged example is not set aside.
        s.apply(Action::LoadExample("crash-loop".into()));
        assert!(s.own.is_empty());
        let mine = "apiVersion: v1\nkind: Pod\nmetadata: {name: mine}\nspec:\n  containers:\n  - {name: a, image: nginx}\n";
        s.apply(Action::Edit(mine.into()));
        s.apply(Action::EditScenario(
            "kind: Scenario\nactions:\n  - {at: 20, delete: {}}\n".into(),
        ));
        s.apply(Action::LoadExample("init-fails".into()));
        assert_eq!(s.example, "init-fails");
        assert_eq!(s.own.len(), 1);
        assert_eq!(s.own[0].text, mine);
        // One click back: the text and its scenario return.
        s.apply(Action::RestoreOwn);
        assert_eq!(s.text.as_str(), mine);
        assert!(s.scenario.contains("delete"));
        assert_eq!(s.example, "");
        assert!(
            s.own.is_empty(),
            "the unchanged example on screen is not kept"
        );
        assert!(s
            .trace
            .as_ref()
            .is_some_and(|t| t.timeline.pod.name == "mine"));
    }

    #[test]
    fn a_saved_session_comes_back() {
        let mut s = AppState::with_example(podlife_engine::gallery::DEFAULT);
        s.apply(Action::SetKubelet("1.34".into()));
        s.apply(Action::SetView(Viewport::new(20.0, 60.0)));
        s.apply(Action::Seek(42.0));
        let saved = crate::autosave::Saved::of(&s);
        let back = AppState::restore(
            crate::autosave::Saved::decode(&saved.encode().expect("small")).expect("reads back"),
        );
        assert_eq!(back.text.as_str(), s.text.as_str());
        assert_eq!(back.example, s.example);
        assert_eq!(back.kubelet_version, "1.34");
        assert_eq!(back.view, Viewport::new(20.0, 60.0));
        assert_eq!(back.cursor, 42.0);
        assert!(back.trace.is_some());
    }

    /// A share link opens exactly the view it was made from: texts, versions, window, cursor
    /// and selection; the user's own text on screen is set aside, not lost.
    #[test]
    fn a_share_link_opens_the_same_view() {
        let mut s = AppState::with_example(podlife_engine::gallery::DEFAULT);
        s.apply(Action::SetKubelet("1.35".into()));
        s.apply(Action::SetView(Viewport::new(20.0, 90.0)));
        s.apply(Action::Seek(40.0));
        s.apply(Action::ExplainAtCursor);
        assert!(s.selected.is_some());
        let payload = podlife_render::link::encode(&s.link()).expect("fits in a link");

        let mut other = AppState::empty();
        other.apply(Action::Edit(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: mine\n".into(),
        ));
        let link = podlife_render::link::decode(&payload).expect("reads back");
        other.apply(Action::OpenLink(Box::new(link)));
        assert_eq!(other.text.as_str(), s.text.as_str());
        assert_eq!(other.example, podlife_engine::gallery::DEFAULT);
        assert_eq!(other.kubelet_version, "1.35");
        assert_eq!(other.view, s.view);
        assert_eq!(other.cursor, 40.0);
        assert_eq!(other.selected, s.selected);
        assert_eq!(
            other.own.first().map(|o| o.text.contains("name: mine")),
            Some(true),
            "the user's text is one click back"
        );
        other.apply(Action::RestoreOwn);
        assert!(other.text.contains("name: mine"));
    }

    /// A host's `select`: the slice at `t` on a named track, or the pod's event at `t`.
    #[test]
    fn select_at_a_named_track_or_the_pods_event() {
        let mut s = AppState::with_example(podlife_engine::gallery::DEFAULT);
        s.apply(Action::SelectAt {
            track: Some("liveness".into()),
            t: Some(40.0),
        });
        let sel = s.selected.expect("a slice of the liveness container");
        let tr = s.trace.as_ref().unwrap();
        assert_eq!(tr.tracks[sel.track].name, "liveness");
        s.apply(Action::SelectAt {
            track: Some("no-such-container".into()),
            t: Some(40.0),
        });
        assert_eq!(s.selected, None);
        s.apply(Action::SelectAt {
            track: None,
            t: Some(40.0),
        });
        assert!(s.selected.is_some(), "the pod's event at or before 40 s");
        // A link's selection that does not exist in this trace selects nothing.
        let tr = s.trace.as_ref().unwrap();
        let bogus = podlife_render::link::Selected {
            track: "liveness".into(),
            lane: "state".into(),
            item: 1_000_000,
            t: 1.0,
        };
        assert_eq!(selection_named(tr, &bogus), None);
    }

    /// A newcomer's first screen: the cursor waits at 0, "fit" fits what happens (a pod that
    /// settles in seconds is not squeezed into a tenth of the axis), Shift+F shows the whole
    /// horizon, and the horizon is a setting that replays.
    #[test]
    fn the_story_starts_at_zero_and_fit_fits_the_activity() {
        let mut s = AppState::with_example("docs-init-demo");
        assert_eq!(s.cursor, 0.0);
        let until = s.until();
        let active = s.activity_end();
        assert!(
            active < until / 4.0,
            "init-demo settles early ({active} of {until})"
        );
        assert_eq!(s.view, Viewport::fit(active));
        s.apply(Action::FitAll);
        assert_eq!(s.view, Viewport::fit(until));
        s.apply(Action::Fit);
        assert_eq!(s.view, Viewport::fit(active));
        // A crash loop goes on to the end: fit is the whole horizon.
        let c = AppState::with_example("crash-loop");
        assert_eq!(c.activity_end(), c.until());
        // The horizon replays the pod.
        s.apply(Action::SetHorizon(Some(120.0)));
        assert_eq!(s.until(), 120.0);
        s.apply(Action::SetHorizon(Some(1e12)));
        assert_eq!(s.until(), MAX_HORIZON);
        s.apply(Action::SetHorizon(None));
        assert_eq!(s.until(), until);
    }

    /// Switching the interface language derives the trace's words again from the same timeline
    /// (no simulation: the session is the same), keeping the cursor, the view and the selection;
    /// runs made afterwards (an edit, a live action) speak the new language.
    #[test]
    fn switching_the_language_relabels_the_trace_without_simulating() {
        use crate::i18n::Lang;
        let backoff = |s: &AppState| -> Vec<String> {
            let tr = s.trace.as_ref().expect("a trace");
            let app = tr.tracks.iter().find(|t| t.name == "app").expect("app");
            match &app
                .lanes
                .iter()
                .find(|l| l.name == "back-off")
                .unwrap()
                .content
            {
                crate::model::LaneContent::Slices(segs) => {
                    segs.iter().map(|s| s.label.clone()).collect()
                }
                _ => panic!("slices"),
            }
        };
        let mut s = AppState::with_example("crash-loop");
        assert_eq!(s.ui_lang, Lang::En);
        assert!(backoff(&s)[0].starts_with("back-off "), "{:?}", backoff(&s));
        s.apply(Action::SetView(Viewport::new(10.0, 40.0)));
        s.apply(Action::Seek(30.0));
        s.apply(Action::SelectAt {
            track: Some("app".into()),
            t: Some(30.0),
        });
        let (view, cursor, selected) = (s.view, s.cursor, s.selected);
        assert!(selected.is_some());
        let session = s.session.clone().expect("a session");
        let before = s.trace.clone().expect("a trace");

        s.apply(Action::SetUiLang(Lang::ZhCn));
        let after = s.trace.clone().expect("a trace");
        assert_eq!(after.lang, Lang::ZhCn);
        assert!(backoff(&s)[0].starts_with("回退 "), "{:?}", backoff(&s));
        assert!(after.flows.iter().any(|f| f.label.contains("重启")));
        // The same timeline and session: nothing was simulated again.
        assert_eq!(after.timeline, before.timeline);
        assert!(std::rc::Rc::ptr_eq(
            &session.0,
            &s.session.as_ref().expect("a session").0
        ));
        assert_eq!((s.view, s.cursor, s.selected), (view, cursor, selected));
        // The same tracks, lanes and items: the selection still explains.
        assert_eq!(after.tracks.len(), before.tracks.len());
        for (a, b) in after.tracks.iter().zip(&before.tracks) {
            let names = |t: &crate::model::Track| -> Vec<String> {
                t.lanes.iter().map(|l| l.name.clone()).collect()
            };
            assert_eq!((&a.name, names(a)), (&b.name, names(b)));
        }
        assert!(crate::explain::explain(&after, &selected.unwrap()).is_some());
        // Setting the same language again changes nothing.
        s.apply(Action::SetUiLang(Lang::ZhCn));
        assert!(std::rc::Rc::ptr_eq(
            &after.0,
            &s.trace.as_ref().expect("a trace").0
        ));

        // A new run is played in the interface language; so is a live action's.
        s.apply(Action::EditScenario(String::new()));
        assert_eq!(s.trace.as_ref().unwrap().lang, Lang::ZhCn);
        s.apply(Action::Seek(5.0));
        s.apply(Action::Live(crate::sim::LiveAction::Delete));
        assert!(!s.simulating());
        let tr = s.trace.as_ref().unwrap();
        assert_eq!(tr.lang, Lang::ZhCn);
        assert!(tr.timeline.pod.deleted_at.is_some());
        // A trace loaded from elsewhere (in English) is relabelled.
        s.apply(Action::Loaded {
            text: "good".into(),
            example: String::new(),
            result: Ok(Trace::build(fixture::liveness_exec(), vec![])),
        });
        assert_eq!(s.trace.as_ref().unwrap().lang, Lang::ZhCn);

        // And back to English: exactly the English trace.
        s.apply(Action::SetUiLang(Lang::En));
        assert_eq!(
            s.trace.as_ref().unwrap().tracks,
            Trace::build(fixture::liveness_exec(), vec![]).tracks
        );
    }

    /// The scenario box says what scenario is in force when the manifest carries one.
    #[test]
    fn the_scenario_in_force_counts_the_manifests_scenario() {
        let mut s = AppState::empty();
        s.apply(Action::Edit(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [sleep, '3600']\n---\nkind: Scenario\nactions:\n- {at: 20, delete: {}}\n".into(),
        ));
        let f = s.session.as_ref().expect("played").scenario_in_force();
        assert_eq!(f.actions, 1);
        assert!(s.scenario.is_empty(), "the box itself is empty");
    }
}
