//! Predict-then-play exercises ("Predict, Run, Investigate"): the exercise format
//! (`docs/exercises.md`), the answer key, and grading.
//!
//! An exercise is a pod (with a scenario and a kubelet version) and questions about its
//! timeline. **The answer key is computed by the engine, never typed in:** [`key`] plays the pod
//! and reads each answer off the timeline, so exercises stay right as the engine improves. An
//! exercise whose question has no answer (a restart that never happens before the horizon, two
//! targets at the same instant) is refused by [`check`] with the question's id.
//!
//! Like the engine, this is pure: the same exercise gives the same key natively and in wasm.

use podlife_engine::kubectl;
use podlife_engine::{ContainerState, Settings, Time, Timeline};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The largest exercise file read (a pack of exercises with their pods).
pub const MAX_BYTES: usize = 1024 * 1024;

/// A text in one or more languages: a plain string, or `{en: …, zh-CN: …}`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    Langs(BTreeMap<String, String>),
}

impl Default for Text {
    fn default() -> Self {
        Text::Plain(String::new())
    }
}

impl Text {
    /// The text in `lang` (`zh-CN`, or its prefix `zh`), else English, else any.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Langs(m) => m
                .get(lang)
                .or_else(|| {
                    let base = lang.split('-').next().unwrap_or(lang);
                    m.iter()
                        .find(|(k, _)| k.split('-').next() == Some(base))
                        .map(|(_, v)| v)
                })
                .or_else(|| m.get("en"))
                .or_else(|| m.values().next())
                .map_or("", String::as_str),
        }
    }

    /// The languages given (`[]` for a plain string).
    pub fn langs(&self) -> Vec<&str> {
        match self {
            Text::Plain(_) => vec![],
            Text::Langs(m) => m.keys().map(String::as_str).collect(),
        }
    }
}

/// One exercise (a YAML document with `kind: Exercise`; a file may hold several: a set).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Exercise {
    pub kind: String,
    /// Stable id (progress is kept under it).
    pub id: String,
    pub title: Text,
    /// What the learner is told first.
    #[serde(default)]
    pub intro: Text,
    /// Which lesson of the seed notes it comes from (shown in the list, not in the title).
    #[serde(default)]
    pub source: Text,
    /// The manifest, exactly as the learner sees it.
    pub pod: String,
    /// A scenario (`kind: Scenario`), when the story needs actions or behaviour overrides.
    #[serde(default)]
    pub scenario: String,
    /// The kubelet version the key is computed with (default: the newest modelled).
    #[serde(default)]
    pub kubelet_version: Option<String>,
    /// Simulated seconds (default 600).
    #[serde(default)]
    pub until: Option<f64>,
    pub questions: Vec<Question>,
}

/// `kubectl get pod` columns a question may ask about.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "UPPERCASE")]
pub enum Column {
    Status,
    Ready,
    Restarts,
}

/// Something that happens on the timeline, by its `n`th occurrence (default the first).
/// Exactly one of `start`, `restart`, `exit`, `ready`, `sigterm`, `sigkill`, `event`,
/// `podReady`, `phase`, `deleted`, `removed` is given; the container ones need `container`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Target {
    #[serde(default)]
    pub container: Option<String>,
    /// The container's nth start (1 = its first run).
    #[serde(default)]
    pub start: Option<u32>,
    /// Restart n: the start after its nth termination (= start n + 1).
    #[serde(default)]
    pub restart: Option<u32>,
    /// Its nth termination.
    #[serde(default)]
    pub exit: Option<u32>,
    /// The nth time it turns ready.
    #[serde(default)]
    pub ready: Option<u32>,
    /// The nth SIGTERM (or the image's stop signal) sent to it.
    #[serde(default)]
    pub sigterm: Option<u32>,
    /// The nth SIGKILL.
    #[serde(default)]
    pub sigkill: Option<u32>,
    /// An event's reason (`Killing`, `BackOff`, `Unhealthy`, …): the `n`th of it, on the
    /// container when one is named, else on the pod or any container.
    #[serde(default)]
    pub event: Option<String>,
    #[serde(default)]
    pub n: Option<u32>,
    /// The nth time the pod's Ready condition turns True.
    #[serde(default)]
    pub pod_ready: Option<u32>,
    /// The pod reaches this phase (`Running`, `Succeeded`, `Failed`).
    #[serde(default)]
    pub phase: Option<String>,
    #[serde(default)]
    pub deleted: Option<bool>,
    /// The pod object is gone from the API.
    #[serde(default)]
    pub removed: Option<bool>,
}

/// A question. Exactly one of `when`, `get`, `order`, `restarts`, `state`, `reflect` says what
/// it asks.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Question {
    pub id: String,
    /// The instant the question asks about: the timeline from here on stays hidden until the
    /// learner answers (for `when` and `order`, where the story is hidden from; default 0).
    #[serde(default)]
    pub at: f64,
    pub ask: Text,
    #[serde(default)]
    pub hints: Vec<Text>,
    /// Shown with the answer; the app also opens the "why" drawer on the answer's item.
    #[serde(default)]
    pub explain: Text,
    /// When does this happen? Answered with a time, within `tolerance` seconds (default 1).
    #[serde(default)]
    pub when: Option<Target>,
    #[serde(default)]
    pub tolerance: Option<f64>,
    /// What does `kubectl get pod` show in this column at `at`?
    #[serde(default)]
    pub get: Option<Column>,
    /// Which of these comes first?
    #[serde(default)]
    pub order: Option<Vec<Target>>,
    /// How many restarts has this container had by `at`?
    #[serde(default)]
    pub restarts: Option<String>,
    /// What state is this container in at `at` (Waiting, Running, Terminated)?
    #[serde(default)]
    pub state: Option<String>,
    /// A free reflection: any answer is taken; the explanation follows.
    #[serde(default)]
    pub reflect: Option<bool>,
}

/// What a question asks for, and its answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// An instant, with the tolerance a guess may be off by.
    Time {
        t: f64,
        tolerance: f64,
    },
    /// One of `options` (the correct one at `correct`).
    Choice {
        options: Vec<String>,
        correct: usize,
    },
    Number(i64),
    /// Any answer is taken.
    Free,
}

/// One question's key: the answer, and where it is on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyItem {
    pub id: String,
    pub at: f64,
    pub answer: Answer,
    /// The track (container or pod name) and instant the answer's item sits at: the app plays
    /// to it and opens the "why" drawer there.
    pub point: Option<(Option<String>, f64)>,
    /// A detail of the answer in kubectl's or the kubelet's words (`Waiting: CrashLoopBackOff`,
    /// `2 (38s ago)`), shown beside it.
    pub detail: String,
}

/// A learner's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    Time(f64),
    Choice(String),
    Number(i64),
    Text(String),
}

impl Answer {
    /// Whether `r` is right.
    pub fn grade(&self, r: &Response) -> bool {
        match (self, r) {
            (Answer::Time { t, tolerance }, Response::Time(x)) => (x - t).abs() <= *tolerance,
            (Answer::Choice { options, correct }, Response::Choice(c)) => {
                options.get(*correct).is_some_and(|o| o == c)
            }
            (Answer::Number(n), Response::Number(x)) => n == x,
            (Answer::Free, _) => true,
            _ => false,
        }
    }

    /// The answer as a short text (`10.5 s`, `CrashLoopBackOff`, `3`).
    pub fn text(&self) -> String {
        match self {
            Answer::Time { t, .. } => format!("{} s", trim(*t)),
            Answer::Choice { options, correct } => {
                options.get(*correct).cloned().unwrap_or_default()
            }
            Answer::Number(n) => n.to_string(),
            Answer::Free => String::new(),
        }
    }
}

/// Seconds without trailing zeros (`10.5`, `40`).
pub fn trim(t: f64) -> String {
    let s = format!("{t:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A problem with an exercise, located where it can be.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The exercise's id and the question's (`crashloop/q2`), or "" for the file.
    pub at: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.at.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

/// Read an exercise file: one or more YAML documents of `kind: Exercise`.
pub fn parse(text: &str) -> Result<Vec<Exercise>, Problem> {
    let file = |m: String| Problem {
        at: String::new(),
        message: m,
    };
    if text.len() > MAX_BYTES {
        return Err(file(format!(
            "the exercise file is {} KiB; the most podlife reads is {} KiB",
            text.len() / 1024,
            MAX_BYTES / 1024
        )));
    }
    // Which documents hold something (a trailing `---` leaves an empty one), then each read
    // straight from the text, so an error keeps its line and column.
    let mut empty = vec![];
    for doc in serde_yaml::Deserializer::from_str(text).take(200) {
        let v = serde_yaml::Value::deserialize(doc).map_err(|e| file(e.to_string()))?;
        empty.push(v.is_null());
    }
    let mut out = vec![];
    for (doc, empty) in serde_yaml::Deserializer::from_str(text).zip(empty) {
        if empty {
            continue;
        }
        let e = Exercise::deserialize(doc).map_err(|e| file(e.to_string()))?;
        if e.kind != "Exercise" {
            return Err(file(format!(
                "kind: {:?}: an exercise file holds documents of kind: Exercise",
                e.kind
            )));
        }
        out.push(e);
    }
    if out.is_empty() {
        return Err(file("no exercise in the file (kind: Exercise)".into()));
    }
    Ok(out)
}

/// The nth (1-based) element, or why there is none.
fn nth<T: Copy>(v: &[T], n: u32, what: &str) -> Result<T, String> {
    if n == 0 {
        return Err(format!("{what}: counts start at 1"));
    }
    v.get(n as usize - 1)
        .copied()
        .ok_or_else(|| format!("{what} {n} never happens (it happens {} times)", v.len()))
}

/// Instants at which `f` turns true over the published statuses (false → true edges).
fn rises(tl: &Timeline, f: impl Fn(&podlife_engine::PodStatus) -> bool) -> Vec<Time> {
    let mut out = vec![];
    let mut prev = false;
    for s in &tl.snapshots {
        let now = f(&s.status);
        if now && !prev {
            out.push(s.t);
        }
        prev = now;
    }
    out
}

/// When `target` happens on the timeline, and on which track.
pub fn target_time(tl: &Timeline, target: &Target) -> Result<(Option<String>, Time), String> {
    let c = || -> Result<&podlife_engine::ContainerTrack, String> {
        let name = target
            .container
            .as_deref()
            .ok_or("this target needs a container: name")?;
        tl.containers
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| format!("no container {name:?} in the pod"))
    };
    let on = |t: Time| Ok((target.container.clone(), t));
    let what = [
        target.start.is_some(),
        target.restart.is_some(),
        target.exit.is_some(),
        target.ready.is_some(),
        target.sigterm.is_some(),
        target.sigkill.is_some(),
        target.event.is_some(),
        target.pod_ready.is_some(),
        target.phase.is_some(),
        target.deleted.is_some(),
        target.removed.is_some(),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    if what != 1 {
        return Err(format!(
            "a target names exactly one of start, restart, exit, ready, sigterm, sigkill, event, podReady, phase, deleted, removed ({what} given)"
        ));
    }
    if let Some(n) = target.start {
        let runs: Vec<Time> = c()?.runs.iter().map(|r| r.started).collect();
        return on(nth(&runs, n, "start")?);
    }
    if let Some(n) = target.restart {
        let runs: Vec<Time> = c()?.runs.iter().map(|r| r.started).collect();
        return on(nth(&runs, n + 1, "start").map_err(|_| {
            format!(
                "restart {n} never happens (the container starts {} times)",
                runs.len()
            )
        })?);
    }
    if let Some(n) = target.exit {
        let v: Vec<Time> = c()?.runs.iter().filter_map(|r| r.exited).collect();
        return on(nth(&v, n, "exit")?);
    }
    if let Some(n) = target.sigterm {
        let v: Vec<Time> = c()?.runs.iter().filter_map(|r| r.sigterm).collect();
        return on(nth(&v, n, "sigterm")?);
    }
    if let Some(n) = target.sigkill {
        let v: Vec<Time> = c()?.runs.iter().filter_map(|r| r.sigkill).collect();
        return on(nth(&v, n, "sigkill")?);
    }
    if let Some(n) = target.ready {
        let name = c()?.name.clone();
        let v = rises(tl, |s| {
            s.init_container_statuses
                .iter()
                .chain(&s.container_statuses)
                .any(|c| c.name == name && c.ready)
        });
        return on(nth(&v, n, "ready")?);
    }
    if let Some(reason) = &target.event {
        let obj = target.container.as_ref().map(|c| format!("{{{c}}}"));
        if target.container.is_some() {
            c()?;
        }
        let v: Vec<Time> = tl
            .events
            .iter()
            .filter(|e| &e.reason == reason && obj.as_ref().is_none_or(|o| e.object.ends_with(o)))
            .map(|e| e.t)
            .collect();
        let n = target.n.unwrap_or(1);
        return on(nth(&v, n, &format!("event {reason}"))?);
    }
    if let Some(n) = target.pod_ready {
        let v = rises(tl, |s| {
            s.conditions
                .iter()
                .any(|c| c.condition_type == "Ready" && c.status == "True")
        });
        return Ok((None, nth(&v, n, "podReady")?));
    }
    if let Some(p) = &target.phase {
        let v = rises(tl, |s| format!("{:?}", s.phase) == *p);
        return Ok((None, nth(&v, 1, &format!("phase {p}"))?));
    }
    if target.deleted == Some(true) {
        return tl
            .pod
            .deleted_at
            .map(|t| (None, t))
            .ok_or_else(|| "the pod is never deleted".into());
    }
    if target.removed == Some(true) {
        return tl
            .pod
            .removed_at
            .map(|t| (None, t))
            .ok_or_else(|| "the pod is never removed".into());
    }
    Err("deleted and removed take `true`".into())
}

/// A target in words, for the options of an `order` question (`app: restart 1`).
pub fn target_label(t: &Target) -> String {
    let c = t.container.as_deref().unwrap_or("pod");
    let n = |x: u32| {
        if x == 1 {
            String::new()
        } else {
            format!(" {x}")
        }
    };
    if let Some(x) = t.start {
        format!("{c}: start{}", n(x))
    } else if let Some(x) = t.restart {
        format!("{c}: restart {x}")
    } else if let Some(x) = t.exit {
        format!("{c}: exit{}", n(x))
    } else if let Some(x) = t.ready {
        format!("{c}: ready{}", n(x))
    } else if let Some(x) = t.sigterm {
        format!("{c}: SIGTERM{}", n(x))
    } else if let Some(x) = t.sigkill {
        format!("{c}: SIGKILL{}", n(x))
    } else if let Some(r) = &t.event {
        format!("{c}: {r}{}", n(t.n.unwrap_or(1)))
    } else if let Some(x) = t.pod_ready {
        format!("pod Ready{}", n(x))
    } else if let Some(p) = &t.phase {
        format!("pod {p}")
    } else if t.deleted.is_some() {
        "pod deleted".into()
    } else {
        "pod removed".into()
    }
}

/// The settings an exercise is played with.
pub fn settings(e: &Exercise) -> Result<Settings, String> {
    let mut s = Settings::default();
    if let Some(v) = &e.kubelet_version {
        s.kubelet_version = podlife_engine::KubeletVersion::parse(v)
            .ok_or_else(|| format!("kubeletVersion {v:?} is not a version podlife models"))?;
    }
    let until = e.until.unwrap_or(600.0);
    if !(until.is_finite() && until > 0.0 && until <= 86_400.0) {
        return Err("until: between 0 and 86400 seconds".into());
    }
    s.until = Time::from_secs_f64(until);
    Ok(s)
}

/// Play the exercise's pod.
pub fn play(e: &Exercise) -> Result<Timeline, String> {
    let settings = settings(e)?;
    let scenario = (!e.scenario.trim().is_empty()).then_some(e.scenario.as_str());
    podlife_engine::simulate(&e.pod, scenario, &settings)
        .map(|s| s.timeline)
        .map_err(|d| {
            let first = d.iter().find(|d| d.is_error()).map(|d| d.to_string());
            format!(
                "the pod does not play: {}",
                first.unwrap_or_else(|| "an error".into())
            )
        })
}

fn container_status<'a>(
    s: &'a podlife_engine::PodStatus,
    name: &str,
) -> Option<&'a podlife_engine::ContainerStatus> {
    s.init_container_statuses
        .iter()
        .chain(&s.container_statuses)
        .chain(&s.ephemeral_container_statuses)
        .find(|c| c.name == name)
}

/// The answer key of one exercise, computed from its pod's timeline.
pub fn key(e: &Exercise, tl: &Timeline) -> Result<Vec<KeyItem>, Problem> {
    let mut out = vec![];
    let mut ids = std::collections::HashSet::new();
    for q in &e.questions {
        let located = |m: String| Problem {
            at: format!("{}/{}", e.id, q.id),
            message: m,
        };
        if !ids.insert(q.id.as_str()) {
            return Err(located("a question id is used twice".into()));
        }
        out.push(key_item(q, tl).map_err(located)?);
    }
    Ok(out)
}

fn key_item(q: &Question, tl: &Timeline) -> Result<KeyItem, String> {
    let kinds = [
        q.when.is_some(),
        q.get.is_some(),
        q.order.is_some(),
        q.restarts.is_some(),
        q.state.is_some(),
        q.reflect.is_some(),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    if kinds != 1 {
        return Err(format!(
            "a question asks exactly one of when, get, order, restarts, state, reflect ({kinds} given)"
        ));
    }
    let until = tl.until.as_secs_f64();
    if !(q.at.is_finite() && 0.0 <= q.at && q.at <= until) {
        return Err(format!(
            "at: {} is outside the timeline (0 to {until} s)",
            q.at
        ));
    }
    let at = Time::from_secs_f64(q.at);
    let item = |answer, point, detail: String| KeyItem {
        id: q.id.clone(),
        at: q.at,
        answer,
        point,
        detail,
    };
    if let Some(target) = &q.when {
        let (track, t) = target_time(tl, target)?;
        if t < at {
            return Err(format!(
                "the answer ({} s) is before the instant the question hides from (at: {}): the learner would see it",
                trim(t.as_secs_f64()),
                trim(q.at)
            ));
        }
        let tolerance = q.tolerance.unwrap_or(1.0);
        if !(tolerance.is_finite() && tolerance >= 0.0) {
            return Err("tolerance: a non-negative number of seconds".into());
        }
        let t = t.as_secs_f64();
        return Ok(item(
            Answer::Time { t, tolerance },
            Some((track, t)),
            target_label(target),
        ));
    }
    if let Some(col) = q.get {
        let now = kubectl::status_at(tl, at).kubectl;
        if col == Column::Restarts {
            let n: i64 = now
                .restarts
                .split_whitespace()
                .next()
                .and_then(|x| x.parse().ok())
                .unwrap_or(0);
            return Ok(item(Answer::Number(n), Some((None, q.at)), now.restarts));
        }
        let pick = |c: &podlife_engine::KubectlColumns| match col {
            Column::Status => c.status.clone(),
            _ => c.ready.clone(),
        };
        // The options: every value the column takes over the pod's life, in order of first
        // appearance, plus the usual suspects a learner might expect.
        let mut options: Vec<String> = vec![];
        for s in std::iter::once(Time::ZERO).chain(tl.snapshots.iter().map(|s| s.t)) {
            let v = pick(&kubectl::status_at(tl, s).kubectl);
            if !options.contains(&v) {
                options.push(v);
            }
        }
        let extra: &[&str] = match col {
            Column::Status => &[
                "Pending",
                "ContainerCreating",
                "Running",
                "Error",
                "CrashLoopBackOff",
                "Completed",
                "Terminating",
            ],
            _ => &[],
        };
        for x in extra {
            if options.len() >= 6 {
                break;
            }
            if !options.iter().any(|o| o == x) {
                options.push(x.to_string());
            }
        }
        let answer = pick(&now);
        let correct = options.iter().position(|o| *o == answer).unwrap_or(0);
        return Ok(item(
            Answer::Choice { options, correct },
            Some((None, q.at)),
            answer,
        ));
    }
    if let Some(targets) = &q.order {
        if targets.len() < 2 {
            return Err("order: give two or more targets".into());
        }
        let mut times = vec![];
        for t in targets {
            times.push(target_time(tl, t)?);
        }
        let first = times.iter().map(|(_, t)| *t).min().unwrap_or(Time::ZERO);
        if times.iter().filter(|(_, t)| *t == first).count() > 1 {
            return Err(
                "order: two targets happen at the same instant; the question has no answer".into(),
            );
        }
        let correct = times.iter().position(|(_, t)| *t == first).unwrap_or(0);
        let options = targets.iter().map(target_label).collect();
        let detail = times
            .iter()
            .zip(targets)
            .map(|((_, t), g)| format!("{} at {} s", target_label(g), trim(t.as_secs_f64())))
            .collect::<Vec<_>>()
            .join("; ");
        let point = Some((times[correct].0.clone(), first.as_secs_f64()));
        return Ok(item(Answer::Choice { options, correct }, point, detail));
    }
    if let Some(name) = &q.restarts {
        if !tl.containers.iter().any(|c| &c.name == name) {
            return Err(format!("restarts: no container {name:?} in the pod"));
        }
        let s = kubectl::status_at(tl, at);
        let n = container_status(&s.status, name).map_or(0, |c| c.restart_count);
        return Ok(item(
            Answer::Number(n as i64),
            Some((Some(name.clone()), q.at)),
            format!("restartCount {n}"),
        ));
    }
    if let Some(name) = &q.state {
        if !tl.containers.iter().any(|c| &c.name == name) {
            return Err(format!("state: no container {name:?} in the pod"));
        }
        let s = kubectl::status_at(tl, at);
        let (state, detail) = match container_status(&s.status, name).map(|c| &c.state) {
            Some(ContainerState::Running { .. }) => ("Running", "Running".to_string()),
            Some(ContainerState::Terminated {
                reason, exit_code, ..
            }) => (
                "Terminated",
                format!("Terminated: {reason} (exit code {exit_code})"),
            ),
            Some(ContainerState::Waiting { reason, .. }) => {
                ("Waiting", format!("Waiting: {reason}"))
            }
            None => ("Waiting", "Waiting: no status yet".to_string()),
        };
        let options: Vec<String> = ["Waiting", "Running", "Terminated"]
            .map(String::from)
            .into();
        let correct = options.iter().position(|o| o == state).unwrap_or(0);
        return Ok(item(
            Answer::Choice { options, correct },
            Some((Some(name.clone()), q.at)),
            detail,
        ));
    }
    Ok(item(Answer::Free, None, String::new()))
}

/// Everything wrong with an exercise file: it does not parse, a pod does not play, a question
/// has no answer, or a text lacks a language the others have. `Ok` carries each exercise with
/// its key.
pub fn check(text: &str) -> Result<Vec<(Exercise, Vec<KeyItem>)>, Vec<Problem>> {
    let exercises = parse(text).map_err(|p| vec![p])?;
    let mut problems = vec![];
    let mut out = vec![];
    let mut ids = std::collections::HashSet::new();
    for e in exercises {
        let at = |m: String| Problem {
            at: e.id.clone(),
            message: m,
        };
        if !ids.insert(e.id.clone()) {
            problems.push(at("an exercise id is used twice".into()));
        }
        if e.questions.is_empty() {
            problems.push(at("no questions".into()));
        }
        // Every text in the languages the title has.
        let langs = e.title.langs();
        let mut texts: Vec<(&str, &Text)> = vec![("intro", &e.intro)];
        for q in &e.questions {
            texts.push(("ask", &q.ask));
            texts.push(("explain", &q.explain));
            texts.extend(q.hints.iter().map(|h| ("hints", h)));
        }
        for (field, t) in texts {
            if matches!(t, Text::Plain(s) if s.is_empty()) && field != "ask" {
                continue;
            }
            for l in &langs {
                if !t.langs().contains(l) && !matches!(t, Text::Plain(_) if langs.is_empty()) {
                    problems.push(at(format!("{field}: no {l} text (the title has one)")));
                    break;
                }
            }
        }
        match play(&e) {
            Err(m) => problems.push(at(m)),
            Ok(tl) => match key(&e, &tl) {
                Ok(k) => out.push((e, k)),
                Err(p) => problems.push(p),
            },
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The shipped pack (`exercises/*.yaml`, in file order): (file name, text).
pub const PACK: &[(&str, &str)] = &[
    (
        "01-crashloop-backoff.yaml",
        include_str!("../exercises/01-crashloop-backoff.yaml"),
    ),
    (
        "02-probe-delay-shorter-than-period.yaml",
        include_str!("../exercises/02-probe-delay-shorter-than-period.yaml"),
    ),
    (
        "03-probe-delay-longer-than-period.yaml",
        include_str!("../exercises/03-probe-delay-longer-than-period.yaml"),
    ),
    (
        "04-backoff-cap.yaml",
        include_str!("../exercises/04-backoff-cap.yaml"),
    ),
    (
        "05-backoff-reset.yaml",
        include_str!("../exercises/05-backoff-reset.yaml"),
    ),
    (
        "06-shell-ignores-sigterm.yaml",
        include_str!("../exercises/06-shell-ignores-sigterm.yaml"),
    ),
    (
        "07-init-failure-always.yaml",
        include_str!("../exercises/07-init-failure-always.yaml"),
    ),
    (
        "08-init-failure-onfailure.yaml",
        include_str!("../exercises/08-init-failure-onfailure.yaml"),
    ),
    (
        "09-init-failure-never.yaml",
        include_str!("../exercises/09-init-failure-never.yaml"),
    ),
    (
        "10-sidecar-start-and-stop-order.yaml",
        include_str!("../exercises/10-sidecar-start-and-stop-order.yaml"),
    ),
    (
        "11-sidecar-in-a-job.yaml",
        include_str!("../exercises/11-sidecar-in-a-job.yaml"),
    ),
    (
        "12-poststart-blocks.yaml",
        include_str!("../exercises/12-poststart-blocks.yaml"),
    ),
    (
        "13-poststart-failure.yaml",
        include_str!("../exercises/13-poststart-failure.yaml"),
    ),
    (
        "14-prestop-within-grace.yaml",
        include_str!("../exercises/14-prestop-within-grace.yaml"),
    ),
    (
        "15-prestop-beyond-grace.yaml",
        include_str!("../exercises/15-prestop-beyond-grace.yaml"),
    ),
    (
        "16-startup-probe-slow-start.yaml",
        include_str!("../exercises/16-startup-probe-slow-start.yaml"),
    ),
    (
        "17-startup-probe-budget-exhausted.yaml",
        include_str!("../exercises/17-startup-probe-budget-exhausted.yaml"),
    ),
    (
        "18-readiness-vs-liveness.yaml",
        include_str!("../exercises/18-readiness-vs-liveness.yaml"),
    ),
    (
        "19-image-pull-backoff.yaml",
        include_str!("../exercises/19-image-pull-backoff.yaml"),
    ),
    (
        "20-exit-codes-137-143.yaml",
        include_str!("../exercises/20-exit-codes-137-143.yaml"),
    ),
    (
        "21-completed-under-always.yaml",
        include_str!("../exercises/21-completed-under-always.yaml"),
    ),
    (
        "22-completed-under-onfailure.yaml",
        include_str!("../exercises/22-completed-under-onfailure.yaml"),
    ),
    (
        "23-static-pod-mirror.yaml",
        include_str!("../exercises/23-static-pod-mirror.yaml"),
    ),
    (
        "24-emptydir-handshake.yaml",
        include_str!("../exercises/24-emptydir-handshake.yaml"),
    ),
    (
        "25-env-missing-configmap-key.yaml",
        include_str!("../exercises/25-env-missing-configmap-key.yaml"),
    ),
    (
        "26-ephemeral-debug-container.yaml",
        include_str!("../exercises/26-ephemeral-debug-container.yaml"),
    ),
    (
        "27-init-container-then-app.yaml",
        include_str!("../exercises/27-init-container-then-app.yaml"),
    ),
    (
        "28-init-waits-for-services.yaml",
        include_str!("../exercises/28-init-waits-for-services.yaml"),
    ),
    (
        "29-restarts-count-deaths.yaml",
        include_str!("../exercises/29-restarts-count-deaths.yaml"),
    ),
    (
        "30-liveness-cycle-catches-backoff.yaml",
        include_str!("../exercises/30-liveness-cycle-catches-backoff.yaml"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: crash-loop\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [\"sh\", \"-c\", \"echo starting; exit 1\"]\n";

    fn exercise(questions: &str) -> String {
        let pod: String = POD.lines().map(|l| format!("  {l}\n")).collect();
        format!("kind: Exercise\nid: t\ntitle: T\npod: |\n{pod}questions:\n{questions}")
    }

    /// The key is the engine's: the crash loop's restarts follow the back-off (rule
    /// `crashloop-backoff`: immediate, then 10 s, 20 s, …), read off the timeline.
    #[test]
    fn the_key_is_read_off_the_timeline() {
        let set = check(&exercise(
            "- {id: a, when: {container: app, restart: 1}, ask: A}\n- {id: b, at: 100, restarts: app, ask: B}\n- {id: c, at: 30, get: STATUS, ask: C}\n- {id: d, order: [{container: app, restart: 2}, {container: app, restart: 1}], ask: D}\n- {id: e, reflect: true, ask: E}\n",
        ))
        .unwrap();
        let (e, key) = &set[0];
        let tl = play(e).unwrap();
        let runs = &tl.containers[0].runs;
        assert_eq!(
            key[0].answer,
            Answer::Time {
                t: runs[1].started.as_secs_f64(),
                tolerance: 1.0
            }
        );
        let gap = |i: usize| (runs[i + 1].started - runs[i].exited.unwrap()).as_secs_f64();
        assert!(gap(1) >= 10.0 && gap(2) >= 20.0, "back-off 10 s then 20 s");
        assert!(matches!(key[1].answer, Answer::Number(n) if n >= 3));
        assert!(key[2].answer.grade(&Response::Choice(key[2].answer.text())));
        assert_eq!(key[3].answer.text(), "app: restart 1");
        assert!(key[4].answer.grade(&Response::Text("anything".into())));
        // Grading: a guess within the tolerance is right, outside it is not.
        let t = runs[1].started.as_secs_f64();
        assert!(key[0].answer.grade(&Response::Time(t + 0.9)));
        assert!(!key[0].answer.grade(&Response::Time(t + 1.5)));
        assert!(!key[0].answer.grade(&Response::Number(3)));
    }

    #[test]
    fn questions_without_an_answer_are_refused_with_their_id() {
        let e = |q: &str| check(&exercise(q)).unwrap_err()[0].to_string();
        assert!(
            e("- {id: x, when: {container: app, restart: 500}, ask: X}\n")
                .starts_with("t/x: restart 500 never happens")
        );
        assert!(e("- {id: x, when: {container: nope, start: 1}, ask: X}\n")
            .contains("no container \"nope\""));
        assert!(
            e("- {id: x, when: {container: app, start: 1, exit: 1}, ask: X}\n")
                .contains("exactly one")
        );
        assert!(
            e("- {id: x, at: 100, when: {container: app, restart: 1}, ask: X}\n")
                .contains("the learner would see it")
        );
        assert!(
            e("- {id: x, get: STATUS, restarts: app, ask: X}\n").contains("exactly one of when")
        );
        assert!(e("- {id: x, at: 9999, get: READY, ask: X}\n").contains("outside the timeline"));
        assert!(e(
            "- {id: x, order: [{container: app, start: 1}, {container: app, start: 1}], ask: X}\n"
        )
        .contains("same instant"));
        assert!(
            e("- {id: x, reflect: true, ask: X, colour: red}\n").contains("unknown field `colour`")
        );
        // Hostile files: not YAML, the wrong kind, too big.
        assert!(parse("{{{").is_err());
        assert!(parse("kind: Pod\n").is_err());
        assert!(parse(&"#".repeat(MAX_BYTES + 1))
            .unwrap_err()
            .message
            .contains("KiB"));
        assert!(parse("").unwrap_err().message.contains("no exercise"));
    }

    #[test]
    fn texts_fall_back_to_english() {
        let t: Text = serde_yaml::from_str("{en: Hello, zh-CN: 你好}").unwrap();
        assert_eq!(t.get("zh-CN"), "你好");
        assert_eq!(t.get("zh"), "你好");
        assert_eq!(t.get("fr"), "Hello");
        assert_eq!(Text::Plain("x".into()).get("zh-CN"), "x");
        // A text missing a language the title has is a problem.
        let text = exercise("- {id: x, reflect: true, ask: X}\n")
            .replace("title: T", "title: {en: T, zh-CN: T}");
        assert!(check(&text).unwrap_err()[0]
            .to_string()
            .contains("no en text"));
    }
}
