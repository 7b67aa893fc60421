//! Plain-words explanations for the details drawer: what a clicked slice, instant or probe tick
//! is, why it happened, where the kubelet does it (upstream path + function, looked up by rule id
//! in the engine's rule table, `podlife_engine::rules`, which `docs/fidelity.md` is generated
//! from) and which kubernetes.io page documents it. Pure: tested natively.
//!
//! Written in English; [`explain_in`] gives it in the interface's language: every sentence, label
//! and word of ours goes through [`tr`]/[`trf`] (the Chinese is in [`crate::i18n_why::ZH_WHY`]).
//! What Kubernetes prints stays as it prints it: reasons, field names, signals, event messages,
//! kubectl's columns and probe lines, names, and the `source`/`rules`/`docs` of the drawer.

use crate::format;
use crate::i18n::{tr, trf, Lang};
use crate::model::{
    probe_counter, LaneContent, MarkKind, ProbeItem, RulerItem, Seg, Time, Trace, TrackKind,
};
use crate::state::Selection;
use podlife_engine::timeline::StopSignal;
use podlife_engine::{
    ContainerTrack, ProbeResult, ProbeTrack, ProbeType, Run, SkipReason, Timeline,
};

/// The kubernetes.io pages the drawer links, shared with the rule table.
pub use podlife_engine::rules::{
    DOC_BACKOFF, DOC_CONDITIONS, DOC_ENDPOINTS, DOC_HOOKS, DOC_IMAGES, DOC_INIT, DOC_POD_LIFECYCLE,
    DOC_PROBES, DOC_SIDECAR, DOC_TERMINATION,
};

/// What the drawer shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// Short heading, e.g. `SIGKILL`.
    pub title: String,
    /// `data-kind` of the drawer (the span or mark name).
    pub kind: String,
    /// The container (or pod) it belongs to.
    pub object: String,
    /// Facts: (label, value) rows such as ("at", "45.5 s").
    pub facts: Vec<(String, String)>,
    /// Why, in plain words.
    pub why: String,
    /// Upstream kubelet source: `path` + `function`, read from the rule table by id.
    pub source: String,
    /// The ids of the rules cited (`podlife_engine::rules::RULES`).
    pub rules: Vec<&'static str>,
    pub docs: &'static str,
}

impl Explanation {
    fn new(title: impl Into<String>, kind: &str, object: &str) -> Self {
        Explanation {
            title: title.into(),
            kind: kind.into(),
            object: object.into(),
            facts: vec![],
            why: String::new(),
            source: String::new(),
            rules: vec![],
            docs: DOC_POD_LIFECYCLE,
        }
    }
    fn fact(mut self, k: &str, v: impl Into<String>) -> Self {
        self.facts.push((k.into(), v.into()));
        self
    }
    fn why(mut self, w: impl Into<String>) -> Self {
        self.why = w.into();
        self
    }
    /// Cite a rule of the table (`podlife_engine::rules::RULES`) by id: its upstream source is
    /// what the drawer shows as "kubelet source". A second call adds the next rule's source.
    fn rule(self, id: &'static str) -> Self {
        self.rule_note(id, "")
    }
    /// [`Self::rule`] with a note on what in the rule's main upstream function applies here.
    fn rule_note(mut self, id: &'static str, note: &str) -> Self {
        let text = rule_source(id, note);
        if self.source.is_empty() {
            self.source = text;
        } else {
            self.source = format!("{}; {text}", self.source);
        }
        self.rules.push(id);
        self
    }
    fn docs(mut self, d: &'static str) -> Self {
        self.docs = d;
        self
    }
}

/// A rule's upstream source as the drawer shows it: `file function (note); file function`, the
/// note on the rule's main source. An id missing from the table shows as such (and fails the
/// engine's `tests/rules.rs`, which reads every `rule("…")` lookup here).
pub fn rule_source(id: &str, note: &str) -> String {
    let Some(r) = podlife_engine::rules::rule(id) else {
        return format!("(rule {id} is not in the rule table)");
    };
    r.upstream
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let mut t = u.file.to_string();
            if !u.function.is_empty() {
                t = format!("{t} {}", u.function);
            }
            if i == 0 && !note.is_empty() {
                t = format!("{t} ({note})");
            }
            t
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn secs(t: impl Into<f64>) -> String {
    format::secs(t.into())
}

/// The engine's exact instants. A selection's time (chart seconds) is converted once
/// ([`crate::sim::at`]) and compared exactly.
type Instant = podlife_engine::Time;

/// A word or label the chart model (`podlife_render::chart`) writes in English and that is not
/// `'static` (a slice's label), in `lang`: looked up like [`tr`], else shown as it is.
fn word(lang: Lang, en: &str) -> String {
    crate::i18n_why::ZH_WHY
        .iter()
        .chain(crate::i18n::ZH)
        .find(|(k, _)| *k == en)
        .map_or_else(|| en.to_string(), |(k, _)| tr(lang, k).to_string())
}

/// The arguments of `text` if it was built by `format!` from `template` (`{}` placeholders, each
/// followed by a non-empty literal or ending the template).
fn args_of<'a>(template: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let mut parts = template.split("{}");
    let mut rest = text.strip_prefix(parts.next()?)?;
    let parts: Vec<&str> = parts.collect();
    let mut args = vec![];
    for (i, p) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            args.push(rest.strip_suffix(p)?);
            rest = "";
        } else {
            let at = rest.find(p).filter(|_| !p.is_empty())?;
            args.push(&rest[..at]);
            rest = &rest[at + p.len()..];
        }
    }
    rest.is_empty().then_some(args)
}

/// The chart's tooltips (`podlife_render::chart`) the drawer quotes, as the chart builds them:
/// their `{}` hold times, numbers, signal and container names. The more specific first.
const CHART_TEXTS: &[&str] = &[
    "Running since {} (restart {})",
    "Running since {}",
    "deletion grace period {}s: DELETE at {}, deletionTimestamp {}",
    "in the Service's ready endpoints (EndpointSlice ready=true, serving=true, terminating=false)",
    "deleting but still Ready: EndpointSlice ready=false, serving=true, terminating=true",
    "deleting and not Ready: EndpointSlice ready=false, serving=false, terminating=true",
    "listed as not ready (EndpointSlice ready=false; Endpoints notReadyAddresses)",
    "succeeded: no more probes for this container (on hold until it restarts)",
    "{} to {}; SIGKILL due at {} if still running",
    "SIGKILL to {}: still running at its deadline",
    "created at {}, starting",
];

/// A chart tooltip in `lang` ([`CHART_TEXTS`]); any other text as it is.
fn chart_text(lang: Lang, text: &str) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    CHART_TEXTS
        .iter()
        .find_map(|&t| args_of(t, text).map(|a| trf(lang, t, &a)))
        .unwrap_or_else(|| text.to_string())
}

/// A probe type as a word: `Liveness` (or `liveness`), `存活` in Chinese.
fn probe_word(lang: Lang, ty: ProbeType, lower: bool) -> &'static str {
    match (ty, lower) {
        (ProbeType::Liveness, false) => tr(lang, "Liveness"),
        (ProbeType::Liveness, true) => tr(lang, "liveness"),
        (ProbeType::Readiness, false) => tr(lang, "Readiness"),
        (ProbeType::Readiness, true) => tr(lang, "readiness"),
        (ProbeType::Startup, false) => tr(lang, "Startup"),
        (ProbeType::Startup, true) => tr(lang, "startup"),
    }
}

/// A lifecycle hook's result (`HookResult::as_str`) in `lang`.
fn hook_result(lang: Lang, result: &str) -> String {
    match result {
        "success" => tr(lang, "success").into(),
        "failed" => tr(lang, "failed").into(),
        "abandoned" => tr(lang, "abandoned").into(),
        "running" => tr(lang, "running").into(),
        r => r.to_string(),
    }
}

/// Why a probe tick was skipped ([`SkipReason::message`], the tick's detail) in `lang`.
fn skip_words(lang: Lang, detail: &str) -> String {
    match SkipReason::from_detail(detail) {
        Some(SkipReason::OnHold) => tr(lang, "on hold after a trip, until the container restarts"),
        Some(SkipReason::InitialDelay) => tr(lang, "initialDelaySeconds not yet elapsed"),
        Some(SkipReason::NotStarted) => tr(lang, "container not started yet (startup probe)"),
        None => return chart_text(lang, detail),
    }
    .into()
}

/// The kubelet's Killing messages that name a probe (`computePodActions`): the container, then
/// the probe type.
const KILL_PROBE_TEXTS: &[&str] = &[
    "Container {} failed {} probe, will be restarted",
    "Container {} failed {} probe",
    "Init container {} failed {} probe",
];

/// The kubelet's other Killing messages: `{}` is the container.
const KILL_TEXTS: &[&str] = &[
    "Container {} definition changed, will be restarted",
    "Container {} resize requires restart",
    "Stopping container {}",
];

/// The Killing event's message, for the why: itself in English; in other languages what it says
/// (the message itself is a fact of the drawer, as the kubelet writes it).
fn kill_words(lang: Lang, msg: &str) -> String {
    if lang == Lang::En {
        return msg.to_string();
    }
    let probe = |w: &str| match w {
        "liveness" => Some(probe_word(lang, ProbeType::Liveness, true)),
        "startup" => Some(probe_word(lang, ProbeType::Startup, true)),
        "readiness" => Some(probe_word(lang, ProbeType::Readiness, true)),
        _ => None,
    };
    let said = KILL_PROBE_TEXTS
        .iter()
        .find_map(|&t| {
            let a = args_of(t, msg)?;
            Some(trf(lang, t, &[a[0], probe(a[1])?]))
        })
        .or_else(|| {
            KILL_TEXTS
                .iter()
                .find_map(|&t| args_of(t, msg).map(|a| trf(lang, t, &a)))
        });
    match (said, msg) {
        (Some(s), _) => s,
        (None, "FailedPostStartHook") => {
            tr(lang, "the postStart hook failed (FailedPostStartHook)").into()
        }
        (None, _) => tr(lang, "see the Killing message").into(),
    }
}

/// Exit code meaning: 137 = 128 + 9 (SIGKILL), 143 = 128 + 15 (SIGTERM).
pub fn exit_code_meaning(code: i32) -> String {
    exit_code_meaning_in(code, Lang::En)
}

/// [`exit_code_meaning`] in `lang`.
pub fn exit_code_meaning_in(code: i32, lang: Lang) -> String {
    match code {
        0 => tr(lang, "0: the process exited successfully").into(),
        137 => tr(lang, "137 = 128 + 9: the process was killed by SIGKILL").into(),
        143 => tr(lang, "143 = 128 + 15: the process ended on SIGTERM").into(),
        c if c > 128 && c < 160 => {
            let n = (c - 128).to_string();
            trf(
                lang,
                "{} = 128 + {}: killed by signal {}",
                &[&c.to_string(), &n, &n],
            )
        }
        c => trf(
            lang,
            "{}: the process exited with an error",
            &[&c.to_string()],
        ),
    }
}

/// The SIGTERM → SIGKILL gap: `grace − ⌊preStop⌋`, at least 2 s (`killContainer`).
pub fn sigkill_gap(grace: i64, pre_stop: Instant) -> Instant {
    (Instant::from_secs(grace) - Instant::from_secs(pre_stop.floor_secs()))
        .max(Instant::from_secs(2))
}

/// The grace period that applied to a kill started at `kill`, and where it came from (English,
/// a key of the catalog).
pub fn grace_for(tl: &Timeline, kill: Instant) -> (i64, &'static str) {
    match (tl.pod.deleted_at, tl.pod.deletion_grace_period_seconds) {
        (Some(d), Some(g)) if kill >= d => (g, "the deletion's grace period"),
        _ => (
            tl.pod.termination_grace_period_seconds,
            "spec.terminationGracePeriodSeconds",
        ),
    }
}

/// The timeline a track belongs to (the pod's, or its replacement's).
pub fn timeline_of(tr: &Trace, track: usize) -> &Timeline {
    match tr.tracks.get(track).map(|t| t.group) {
        Some(1) => tr.timeline.replacement.as_deref().unwrap_or(&tr.timeline),
        _ => &tr.timeline,
    }
}

fn container_of(tr: &Trace, track: usize) -> Option<&ContainerTrack> {
    match tr.tracks.get(track)?.kind {
        TrackKind::Pod => None,
        TrackKind::Container(_) => timeline_of(tr, track)
            .containers
            .iter()
            .find(|c| c.name == tr.tracks[track].name),
    }
}

fn run_at(c: &ContainerTrack, t: Instant, f: impl Fn(&Run) -> Option<Instant>) -> Option<&Run> {
    c.runs.iter().find(|r| f(r) == Some(t))
}

fn kind_docs(c: Option<&ContainerTrack>) -> &'static str {
    match c.map(|c| c.kind) {
        Some(podlife_engine::ContainerKind::Init) => DOC_INIT,
        Some(podlife_engine::ContainerKind::Sidecar) => DOC_SIDECAR,
        _ => DOC_POD_LIFECYCLE,
    }
}

/// Explain the selection, or `None` when it no longer points at anything.
pub fn explain(tr: &Trace, sel: &Selection) -> Option<Explanation> {
    explain_in(tr, sel, Lang::En)
}

/// [`explain`] in `lang`.
pub fn explain_in(tr: &Trace, sel: &Selection, lang: Lang) -> Option<Explanation> {
    let track = tr.tracks.get(sel.track)?;
    let lane = track.lanes.get(sel.lane)?;
    let c = container_of(tr, sel.track);
    match &lane.content {
        LaneContent::Slices(segs) => {
            let s = segs.get(sel.item)?;
            let mut e = explain_slice(tr, &track.name, &lane.name, c, s, lang);
            // The back-off countdown from the clicked instant.
            if s.kind == "backoff" && sel.t >= s.start && sel.t < s.end {
                e = e.fact(
                    &trf(lang, "at {}", &[&secs(sel.t)]),
                    trf(lang, "restart allowed in {}", &[&secs(s.end - sel.t)]),
                );
            }
            Some(e)
        }
        LaneContent::Ruler { base, steps, marks } => {
            match RulerItem::of(sel.item, base.len(), steps.len()) {
                RulerItem::Base(i) => Some(explain_slice(
                    tr,
                    &track.name,
                    &lane.name,
                    c,
                    base.get(i)?,
                    lang,
                )),
                RulerItem::Step(i) => Some(explain_slice(
                    tr,
                    &track.name,
                    &lane.name,
                    c,
                    steps.get(i)?,
                    lang,
                )),
                RulerItem::Mark(i) => {
                    let m = marks.get(i)?;
                    Some(explain_mark(
                        timeline_of(tr, sel.track),
                        &track.name,
                        c,
                        m.kind,
                        m.t,
                        &m.detail,
                        lang,
                    ))
                }
            }
        }
        LaneContent::Instants(marks) => {
            let m = marks.get(sel.item)?;
            Some(explain_mark(
                timeline_of(tr, sel.track),
                &track.name,
                c,
                m.kind,
                m.t,
                &m.detail,
                lang,
            ))
        }
        LaneContent::Probe {
            probe_type,
            ticks,
            bands,
            gates,
            ..
        } => {
            let p = c?.probes.iter().find(|p| p.probe_type == *probe_type)?;
            match ProbeItem::of(sel.item, ticks.len(), bands.len()) {
                ProbeItem::Tick(i) => explain_probe(&track.name, p, i, sel.t, lang),
                ProbeItem::Band(i) => Some(explain_probe_band(&track.name, p, bands.get(i)?, lang)),
                ProbeItem::Gate(i) => Some(explain_gate(&track.name, p, *gates.get(i)?, lang)),
            }
        }
    }
}

/// An on-hold or disabled band of a probe lane.
pub fn explain_probe_band(object: &str, p: &ProbeTrack, s: &Seg, lang: Lang) -> Explanation {
    let ty = probe_word(lang, p.probe_type, false);
    let ty_lower = probe_word(lang, p.probe_type, true);
    let period = p.period.to_string();
    let e = span_facts(
        Explanation::new(
            trf(lang, "{} probe {}", &[ty, &word(lang, &s.label)]),
            s.kind,
            object,
        ),
        s,
        lang,
    )
    .fact(tr(lang, "probe"), p.describe.clone())
    .fact(tr(lang, "reason"), skip_words(lang, &s.detail));
    match s.kind {
        "probe-on-hold" if podlife_render::chart::probes::band_is_done(s) => e
            .why(trf(lang,
                "Done: the {} probe succeeded, so the container counts as started and the liveness/readiness probes take over. The worker keeps ticking every {} s without probing until the container restarts (a new container ID).",
                &[ty_lower, &period],
            ))
            .rule_note("probe-startup-gate", "startup: stop probing once c.Started; onHold cleared on a new containerID"),
        "probe-on-hold" => e
            .why(trf(lang,
                "On hold: the {} probe reached failureThreshold and the kubelet is restarting the container. The worker keeps ticking every {} s but does not probe until it sees a new container ID; then it starts again from the initial result, with a fresh counter.",
                &[ty_lower, &period],
            ))
            .rule_note("probe-on-hold", "w.onHold = true after a liveness/startup trip; cleared on a new containerID"),
        _ => e
            .why(trf(lang,
                "Disabled until started: the container has a startup probe that has not succeeded yet, so the {} probe does not run (its ticks are skipped). It begins once the startup probe succeeds and the container's status says started.",
                &[ty_lower],
            ))
            .rule_note("probe-startup-gate", "if !c.Started: liveness/readiness wait for the startup probe"),
    }
    .docs(DOC_PROBES)
}

/// An initial-delay gate of a probe lane: `[started, started + initialDelaySeconds)`.
pub fn explain_gate(object: &str, p: &ProbeTrack, (a, b): (Time, Time), lang: Lang) -> Explanation {
    let delay = p.initial_delay.to_string();
    Explanation::new(
        trf(
            lang,
            "{} probe initial delay",
            &[probe_word(lang, p.probe_type, false)],
        ),
        "probe-initial-delay",
        object,
    )
    .fact(tr(lang, "from"), secs(a))
    .fact(tr(lang, "to"), secs(b))
    .fact("initialDelaySeconds", trf(lang, "{} s", &[&delay]))
    .fact(tr(lang, "probe"), p.describe.clone())
    .why(trf(lang,
        "initialDelaySeconds: the kubelet does not run the {} probe until {} s after the container started (elapsed time truncated to whole seconds). Ticks in this window are skipped.",
        &[probe_word(lang, p.probe_type, true), &delay],
    ))
    .rule_note("probe-initial-delay", "int32(time.Since(c.State.Running.StartedAt).Seconds()) < InitialDelaySeconds")
    .docs(DOC_PROBES)
}

/// Why a condition has its value, in `lang`, and the id of its rule
/// (`podlife_engine::rules`).
fn condition_why(ty: &str, status_true: bool, lang: Lang) -> (&'static str, &'static str) {
    match ty {
        "PodReadyToStartContainers" => (
            if status_true {
                tr(lang, "True: the pod sandbox exists and its network is configured (the pod has an IP), so the kubelet can pull images and start containers.")
            } else {
                tr(lang, "False: there is no ready sandbox yet (or it died); no container can start until RunPodSandbox succeeds.")
            },
            "condition-ready-to-start-containers",
        ),
        "Initialized" => (
            if status_true {
                tr(lang, "True: every init container completed (and every sidecar started), so the app containers may start.")
            } else {
                tr(lang, "False: some init containers have not completed yet (ContainersNotInitialized); app containers wait.")
            },
            "condition-initialized",
        ),
        "ContainersReady" => (
            if status_true {
                tr(lang, "True: every app container (and sidecar) is ready: running, and its readiness probe (if any) succeeded.")
            } else {
                tr(lang, "False: at least one container is not ready (ContainersNotReady): it is not running, or its readiness probe has not succeeded.")
            },
            "condition-containers-ready",
        ),
        "Ready" => (
            if status_true {
                tr(lang, "True: ContainersReady is True and all readiness gates pass: the pod can serve, so Services route traffic to it.")
            } else {
                tr(lang, "False: the pod is not ready (a container is not ready, or the pod completed); Services stop routing traffic to it.")
            },
            "condition-ready",
        ),
        "PodScheduled" => (
            tr(lang, "The scheduler bound the pod to a node; the kubelet carries the condition over unchanged."),
            "condition-pod-scheduled",
        ),
        "AllContainersRestarting" => (
            if status_true {
                tr(lang, "True: a container exited with a code whose first matching restartPolicyRules entry is RestartAllContainers. This sync kills every container without preStop or grace (2 s minimum) and removes them; the sandbox, its IP and the volumes stay.")
            } else {
                tr(lang, "False: no reset is under way. After a reset the next sync finds no containers and starts the init containers again, then the sidecars and containers (restartCount + 1).")
            },
            "restart-all-containers",
        ),
        "PodResizeInProgress" => (
            tr(lang, "True: the kubelet admitted an in-place resize (cpu/memory) that a running container does not have yet; the next sync updates it (resizePolicy NotRequired) or restarts it (RestartContainer). Cleared, with event ResizeCompleted, once allocated = actuated."),
            "in-place-resize",
        ),
        "PodResizePending" => (
            tr(lang, "True: the node cannot admit the requested resize now (Deferred) or ever (Infeasible: the requests exceed the node's allocatable). The container keeps its old resources."),
            "in-place-resize",
        ),
        _ => (
            tr(lang, "A pod condition as published by the kubelet."),
            "status-generation",
        ),
    }
}

fn span_facts(e: Explanation, s: &Seg, lang: Lang) -> Explanation {
    e.fact(tr(lang, "from"), secs(s.start))
        .fact(tr(lang, "to"), secs(s.end))
        .fact(tr(lang, "duration"), secs(s.end - s.start))
}

/// A slice's label as the drawer's title: in `lang` where it is a word of ours (`Running`,
/// `back-off 20s`, `sandbox`); kubectl's columns, phases, reasons and field names as they are.
fn slice_title(lang: Lang, s: &Seg) -> String {
    let l = s.label.as_str();
    if lang == Lang::En {
        return l.to_string();
    }
    let after = |p: &str| l.strip_prefix(p).map(str::to_string);
    match s.kind {
        "waiting" => match after("Waiting: ") {
            Some(r) => trf(lang, "Waiting: {}", &[&r]),
            None => l.to_string(),
        },
        "terminated" => match after("Terminated: ") {
            Some(r) => trf(lang, "Terminated: {}", &[&r]),
            None => l.to_string(),
        },
        "grace" => match after("grace ") {
            Some(g) => trf(lang, "grace {}", &[&g]),
            None => l.to_string(),
        },
        "backoff" => match after("back-off ") {
            Some(w) => trf(lang, "back-off {}", &[&w]),
            None => word(lang, l),
        },
        "running" | "created" | "terminating" | "ready" | "sandbox" | "pull" => word(lang, l),
        _ => l.to_string(),
    }
}

pub fn explain_slice(
    _tr: &Trace,
    object: &str,
    lane: &str,
    c: Option<&ContainerTrack>,
    s: &Seg,
    lang: Lang,
) -> Explanation {
    let e = span_facts(
        Explanation::new(slice_title(lang, s), s.kind, object),
        s,
        lang,
    );
    match s.kind {
        "status" => e.fact("kubectl STATUS", s.label.clone()).why(trf(lang,
            "kubectl get pod prints STATUS \"{}\" here. kubectl computes it from the pod's status: the phase, or the reason of a waiting/terminated container (init containers as Init:N/M), or Terminating once a deletionTimestamp is set.",
            &[&s.label],
        ))
        .rule("kubectl-get-columns")
        .docs(DOC_POD_LIFECYCLE),
        "ready" if lane == "READY" => e.fact("READY", s.label.clone()).why(tr(lang,
            "READY counts the containers whose status says ready: a container is ready when it runs and its readiness probe (if any) succeeds.",
        ))
        .rule("kubectl-get-columns")
        .rule("container-readiness")
        .docs(DOC_PROBES),
        "ready" => e.why(if s.label.is_empty() {
            tr(lang, "Not ready: the container is not running, or its readiness probe has not succeeded (successThreshold times in a row) since it started.")
        } else {
            tr(lang, "Ready: the container runs and its readiness probe (if any) reached successThreshold consecutive successes; the Service endpoints include the pod while all containers are ready.")
        })
        .rule("probe-worker")
        .rule("container-readiness")
        .docs(DOC_PROBES),
        "phase" => e.fact(tr(lang, "phase"), s.label.clone()).why(tr(lang,
            "The pod phase summarises the containers: Pending until they all started, Running while any runs or restarts, Succeeded/Failed when all terminated and none will restart.",
        ))
        .rule("pod-phase")
        .docs(DOC_POD_LIFECYCLE),
        "grace" => e.fact(tr(lang, "deletion"), chart_text(lang, &s.detail)).why(tr(lang,
            "The deletion grace period: kubectl delete set deletionTimestamp = now + grace. The kubelet runs preStop hooks and sends SIGTERM at once; whatever still runs at the deadline is SIGKILLed (grace − ⌊preStop⌋, at least 2 s, per container).",
        ))
        .rule("kill-pod")
        .rule("kill-container")
        .docs(DOC_POD_LIFECYCLE),
        "condition" => {
            let status = s.label.split(':').next().unwrap_or("").to_string();
            let reason = s.label.split_once(": ").map(|(_, r)| r.to_string());
            let (why, rule) = condition_why(lane, status == "True", lang);
            let mut e = e
                .fact(tr(lang, "type"), lane.to_string())
                .fact(tr(lang, "status"), status);
            e.title = format!("{lane} {}", s.label);
            if let Some(r) = reason {
                e = e.fact(tr(lang, "reason"), r);
            }
            e.fact(tr(lang, "published"), s.detail.replace('\n', "; "))
                .why(trf(lang, "{}: {} The kubelet writes the conditions with every status update; this is the value the API shows (kubectl describe → Conditions).", &[lane, why]))
                .rule(rule)
                .docs(DOC_CONDITIONS)
        }
        k if k.starts_with("endpoint-") => {
            let (label, why) = match k {
                "endpoint-ready" => (tr(lang, "ready"), tr(lang, "The pod's Ready condition is True and it is not being deleted: a Service selecting it lists its IP as a ready endpoint (EndpointSlice ready=true, serving=true; Endpoints addresses) and sends it traffic.")),
                "endpoint-serving-terminating" => (tr(lang, "serving, terminating"), tr(lang, "The pod is being deleted (deletionTimestamp set) but still Ready: the EndpointSlice keeps it with ready=false, serving=true, terminating=true. kube-proxy stops sending new connections to it unless no ready endpoint is left (terminating-endpoint fallback).")),
                "endpoint-terminating" => (tr(lang, "terminating"), tr(lang, "The pod is being deleted and no longer Ready: the EndpointSlice keeps it with ready=false, serving=false, terminating=true; it gets no traffic.")),
                _ => (tr(lang, "not ready"), tr(lang, "The pod has an IP but its Ready condition is False: the EndpointSlice lists it with ready=false (Endpoints notReadyAddresses), so the Service sends it no traffic (unless publishNotReadyAddresses is set).")),
            };
            let mut e = e;
            // The chart's label is the English word (`ready`, `serving, terminating`, ...).
            let label = if lang == Lang::En { s.label.as_str() } else { label };
            e.title = trf(lang, "endpoint {}", &[label]);
            e.fact("EndpointSlice", chart_text(lang, &s.detail))
                .why(trf(lang,
                    "{} The lane shows what the EndpointSlice controller computes from the pod's published status if a Service selects the pod; the controller's propagation delay (watch, batching, kube-proxy sync) is not modelled, and nothing is listed once the pod is Succeeded/Failed or removed.",
                    &[why],
                ))
                .rule("endpoint-conditions")
                .docs(DOC_ENDPOINTS)
        }
        "grace-prestop" => {
            // `<container>: preStop hook <result>`
            let hook = match s.detail.rsplit_once(": preStop hook ") {
                Some((name, result)) => trf(lang, "{}: preStop hook {}", &[name, &hook_result(lang, result)]),
                None => s.detail.clone(),
            };
            e.fact(tr(lang, "hook"), hook).why(tr(lang,
                "Deletion step: the kubelet runs the container's preStop hook first and sends SIGTERM only when it returns (or when the grace period runs out). Its whole seconds are taken from the grace period left for SIGTERM, but SIGTERM always gets at least 2 s.",
            ))
            .rule("pre-stop-grace")
            .docs(DOC_TERMINATION)
        }
        "sandbox" => e.why(tr(lang,
            "The pod sandbox (the pause container holding the network namespace) is created first by RunPodSandbox; every container joins it. If it dies, the kubelet re-creates it and runs the init containers again.",
        ))
        .rule_note("compute-pod-actions", "createPodSandbox")
        .docs(DOC_POD_LIFECYCLE),
        "waiting" => {
            let reason = s.label.trim_start_matches("Waiting: ").to_string();
            let why = match reason.as_str() {
                "ContainerCreating" => tr(lang, "Waiting: ContainerCreating — the kubelet is preparing the container (sandbox, image pull, create) and has not started it yet.").to_string(),
                "PodInitializing" => tr(lang, "Waiting: PodInitializing — app containers wait until every init container has completed (and sidecars have started).").to_string(),
                "CrashLoopBackOff" => tr(lang, "Waiting: CrashLoopBackOff — the container exited and the kubelet waits out the crash-loop back-off (10 s doubling to 5 min) before starting it again.").to_string(),
                "ImagePullBackOff" | "ErrImagePull" => trf(lang, "Waiting: {} — the image could not be pulled; the kubelet retries with a back-off.", &[&reason]),
                r => trf(lang, "Waiting: {} — the container is not running yet.", &[r]),
            };
            let docs = if reason.contains("Image") { DOC_IMAGES } else { kind_docs(c) };
            e.fact(tr(lang, "reason"), reason)
                .why(why)
                .rule("compute-pod-actions")
                .rule("status-generation")
                .docs(docs)
        }
        "created" => e.why(tr(lang, "CreateContainer returned; StartContainer is running. The container counts as Running once it is started."))
            .rule("start-container")
            .docs(DOC_POD_LIFECYCLE),
        "running" => e.why(trf(lang,
            "{} — the container's process is running (state Running). It keeps running until it exits, or the kubelet kills it (failed liveness/startup probe, deletion, spec change).",
            &[&chart_text(lang, &s.detail)],
        ))
        .rule("start-container")
        .docs(kind_docs(c)),
        // The detail is the Killing event (`Killing: <message>`), as the kubelet writes it.
        "terminating" => e.fact(tr(lang, "reason"), s.detail.clone()).why(tr(lang,
            "The kubelet is killing the container: it ran the preStop hook (if any), sent SIGTERM, and sends SIGKILL if the process is still alive when the grace period ends.",
        ))
        .rule("kill-container")
        .docs(DOC_POD_LIFECYCLE),
        "terminated" => {
            let code: i32 = s
                .label
                .rsplit_once('(')
                .and_then(|(_, r)| r.trim_end_matches(')').parse().ok())
                .unwrap_or(0);
            let reason = s
                .label
                .trim_start_matches("Terminated: ")
                .split(" (")
                .next()
                .unwrap_or("")
                .to_string();
            e.fact(tr(lang, "reason"), reason.clone())
                .fact(tr(lang, "exit code"), exit_code_meaning_in(code, lang))
                .why(trf(lang,
                    "Terminated: {} — the container's process is gone (exit code {}). Depending on restartPolicy and the crash-loop back-off the kubelet starts it again or leaves it terminated.",
                    &[&reason, &code.to_string()],
                ))
                .rule("compute-pod-actions")
                .rule("restart-policy")
                .docs(kind_docs(c))
        }
        "pull" => e.why(trf(lang,
            "Image pull: {}. The kubelet pulls according to imagePullPolicy (Always, IfNotPresent, Never); the container is created after the pull completes.",
            &[&s.detail],
        ))
        .rule("image-pull")
        .docs(DOC_IMAGES),
        "backoff" => {
            let (window, end) = (secs(s.end - s.start), secs(s.end));
            e.fact(tr(lang, "window"), window.clone())
                .fact(tr(lang, "restarts at"), end.clone())
                .why(trf(lang,
                    "Back-off window of {}: the container crashed and the kubelet will not restart it until the window ends, at {} (the next sync after that starts it). The window doubles after each crash (10 s, 20 s, 40 s … up to 5 min) and resets after 10 min of running. Syncs inside the window fail with CrashLoopBackOff.",
                    &[&window, &end],
                ))
                .rule("crashloop-backoff")
                .docs(DOC_BACKOFF)
        }
        "post-start" | "pre-stop" => {
            // `<postStart|preStop> hook: <result>`
            let result = match s.detail.split_once(" hook: ") {
                Some((name, result)) => trf(lang, "{} hook: {}", &[name, &hook_result(lang, result)]),
                None => s.detail.clone(),
            };
            let e = e.fact(tr(lang, "result"), result);
            if s.kind == "post-start" {
                e.why(tr(lang,
                    "The postStart hook runs right after the container starts; the kubelet waits for it before starting the next container. If it fails the container is killed (FailedPostStartHook).",
                ))
                .rule("post-start-hook")
            } else {
                e.why(tr(lang,
                    "The preStop hook runs before SIGTERM when the kubelet kills a container. It is waited at most the grace period; the time it takes (whole seconds) is subtracted from the grace left for SIGTERM.",
                ))
                .rule("pre-stop-grace")
            }
            .docs(DOC_HOOKS)
        }
        _ => e.why(chart_text(lang, &s.detail)),
    }
}

/// A mark's name (`MarkKind::name`, its `data-mark`) as the drawer's title.
fn mark_title(lang: Lang, kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Restart => tr(lang, "restart"),
        MarkKind::Kill => tr(lang, "kill"),
        MarkKind::Sigterm => tr(lang, "sigterm"),
        MarkKind::Sigkill => tr(lang, "sigkill"),
        MarkKind::Exit => tr(lang, "exit"),
        MarkKind::EventNormal => tr(lang, "event-normal"),
        MarkKind::EventWarning => tr(lang, "event-warning"),
        MarkKind::Deleted => tr(lang, "deleted"),
        MarkKind::Removed => tr(lang, "removed"),
        MarkKind::GraceSigterm => tr(lang, "grace-sigterm"),
        MarkKind::GraceSigkill => tr(lang, "grace-sigkill"),
        MarkKind::GraceRemoved => tr(lang, "grace-removed"),
    }
}

pub fn explain_mark(
    tl: &Timeline,
    object: &str,
    c: Option<&ContainerTrack>,
    kind: MarkKind,
    t: Time,
    detail: &str,
    lang: Lang,
) -> Explanation {
    debug_assert_eq!(mark_title(Lang::En, kind), kind.name());
    let e =
        Explanation::new(mark_title(lang, kind), kind.name(), object).fact(tr(lang, "at"), secs(t));
    let t = crate::sim::at(t);
    match kind {
        MarkKind::Kill => {
            let msg = detail.trim_start_matches("Killing: ").to_string();
            e.fact(tr(lang, "Killing message"), msg.clone())
                .why(trf(lang,
                    "The kubelet decided to kill the container (event Killing: \"{}\"). It runs the preStop hook, then sends SIGTERM, then SIGKILL if the process outlives the grace period.",
                    &[&kill_words(lang, &msg)],
                ))
                .rule("kill-container")
                .rule("compute-pod-actions")
                .docs(if msg.contains("probe") { DOC_PROBES } else { DOC_POD_LIFECYCLE })
        }
        MarkKind::Sigterm => {
            let sent = c
                .and_then(|c| run_at(c, t, |r| r.sigterm))
                .and_then(|r| r.stop_signal.clone());
            let name = StopSignal::name(sent.as_ref()).to_string();
            // "from" names the signal's source here, not a time.
            let from = match lang {
                Lang::En => "from",
                _ => tr(lang, "from (the stop signal's source)"),
            };
            e.fact(tr(lang, "signal"), name.clone())
                .fact(from, tr(lang, StopSignal::from_words(sent.as_ref())))
                .why(trf(lang,
                    "The stop signal ({}) asks the process to shut down: the runtime sends the container's lifecycle.stopSignal if set (gate ContainerStopSignals), else the image's STOPSIGNAL, else SIGTERM. The grace period starts counting; a process that ignores it (a shell as PID 1) is SIGKILLed when it runs out.",
                    &[&name],
                ))
                .rule("kill-container")
                .rule("stop-signal")
                .docs(DOC_POD_LIFECYCLE)
        }
        MarkKind::Sigkill => {
            let run = c.and_then(|c| run_at(c, t, |r| r.sigkill));
            let mut e = e;
            let mut why = tr(lang, "SIGKILL ends the process at once: it outlived the grace period after SIGTERM.").to_string();
            if let Some(r) = run {
                let kill = r.kill_started.unwrap_or(t);
                let (grace, from) = grace_for(tl, kill);
                let pre = r
                    .pre_stop
                    .as_ref()
                    .map(|h| h.end.unwrap_or(t) - h.start)
                    .unwrap_or(Instant::ZERO);
                let gap = sigkill_gap(grace, pre);
                let (grace, gap_s) = (grace.to_string(), gap.to_string());
                e = e
                    .fact(tr(lang, "grace period"), trf(lang, "{} s ({})", &[&grace, tr(lang, from)]))
                    .fact(tr(lang, "preStop took"), secs(pre))
                    .fact(
                        "SIGTERM → SIGKILL",
                        trf(lang, "{} − ⌊{}⌋ = {} s (min 2 s)", &[&grace, secs(pre).trim_end_matches('s'), &gap_s]),
                    );
                if let Some(st) = r.sigterm {
                    e = e.fact(tr(lang, "SIGTERM at"), secs(st));
                }
                why = trf(lang,
                    "SIGKILL ends the process at once: it was still running {} after SIGTERM. The kubelet gives SIGTERM grace − ⌊preStop⌋ = {} − {} = {} seconds (at least 2 s).",
                    &[&secs(gap), &grace, &pre.floor_secs().to_string(), &gap_s],
                );
            }
            e.why(why)
                .rule("pre-stop-grace")
                .docs(DOC_POD_LIFECYCLE)
        }
        MarkKind::Restart => {
            let run = c.and_then(|c| run_at(c, t, |r| Some(r.created)));
            let n = run.map_or(0, |r| r.restart_count);
            let prev_exit = c.and_then(|c| {
                c.runs
                    .iter()
                    .rev()
                    .filter_map(|r| r.exited)
                    .find(|&x| x <= t)
            });
            let backoff = c.and_then(|c| {
                c.backoffs
                    .iter()
                    .find(|b| b.end.is_some_and(|x| (x - t).abs() < Instant::from_secs(2)))
            });
            let reason = match backoff {
                Some(b) => trf(lang,
                    "after a crash-loop back-off of {} (the container crashed before; each crash doubles the wait)",
                    &[&secs(b.end.unwrap_or(t) - b.start)],
                ),
                None => tr(lang, "immediately: the first restart is not delayed (back-off starts with the second crash), or the kill came from a probe").to_string(),
            };
            let mut e = e.fact(tr(lang, "restart count"), n.to_string());
            if let Some(x) = prev_exit {
                e = e.fact(tr(lang, "previous exit"), secs(x));
            }
            e.fact(tr(lang, "reason"), reason.clone())
                .why(trf(lang,
                    "The kubelet created the container again (restart #{}) because restartPolicy allows it; restarted {}.",
                    &[&n.to_string(), &reason],
                ))
                .rule("compute-pod-actions")
                .rule("crashloop-backoff")
                .docs(DOC_POD_LIFECYCLE)
        }
        MarkKind::Exit => {
            let run = c.and_then(|c| run_at(c, t, |r| r.exited));
            let code = run.and_then(|r| r.exit_code).unwrap_or(0);
            let reason = run
                .and_then(|r| r.reason.clone())
                .unwrap_or_else(|| if code == 0 { "Completed".into() } else { "Error".into() });
            e.fact(tr(lang, "exit code"), exit_code_meaning_in(code, lang))
                .fact(tr(lang, "reason"), reason.clone())
                .why(trf(lang,
                    "The container's process exited with code {} ({}). {}",
                    &[&code.to_string(), &reason, match code {
                        137 => tr(lang, "137 means SIGKILL: the kubelet (grace period over) or the OOM killer killed it."),
                        143 => tr(lang, "143 means it stopped on SIGTERM."),
                        0 => tr(lang, "A zero exit is a success."),
                        _ => tr(lang, "A non-zero exit is an error."),
                    }],
                ))
                .rule("container-state")
                .docs(kind_docs(c))
        }
        // The event as the kubelet records it: type, reason, object and message.
        MarkKind::EventNormal | MarkKind::EventWarning => e
            .fact(tr(lang, "event"), detail.to_string())
            .why(tr(lang, "An Event the kubelet recorded (kubectl describe / kubectl get events show it)."))
            .rule("kubelet-events")
            .docs(DOC_POD_LIFECYCLE),
        MarkKind::Deleted => {
            let (g, _) = grace_for(tl, t);
            let g = g.to_string();
            e.fact(tr(lang, "grace period"), trf(lang, "{} s", &[&g]))
                .why(trf(lang, "kubectl delete pod: the API server set deletionTimestamp = now + {} s. The kubelet kills every container (preStop, SIGTERM, SIGKILL after the grace period), then the pod object is removed.", &[&g]))
                .rule("kill-pod")
                .docs(DOC_POD_LIFECYCLE)
        }
        MarkKind::Removed | MarkKind::GraceRemoved => e
            .why(tr(lang, "The pod object is gone from the API: the kubelet confirmed all containers stopped and the status manager deleted it with grace period 0."))
            .rule("pod-removal")
            .docs(if kind == MarkKind::GraceRemoved { DOC_TERMINATION } else { DOC_POD_LIFECYCLE }),
        MarkKind::GraceSigterm => {
            let (g, from) = grace_for(tl, t);
            let step = chart_text(lang, detail);
            e.fact(tr(lang, "step"), step.clone())
                .fact(tr(lang, "grace period"), trf(lang, "{} s ({})", &[&g.to_string(), tr(lang, from)]))
                .why(trf(lang,
                    "Deletion step: after the preStop hook (if any) the kubelet sends the stop signal (SIGTERM) and waits grace − ⌊preStop⌋ seconds, at least 2 s, for the process to exit: {}.",
                    &[&step],
                ))
                .rule("kill-container")
                .docs(DOC_TERMINATION)
        }
        MarkKind::GraceSigkill => e
            .fact(tr(lang, "step"), chart_text(lang, detail))
            .why(tr(lang, "Deletion step: the process was still running when its grace period ran out, so the runtime killed it with SIGKILL (exit code 137)."))
            .rule("pre-stop-grace")
            .docs(DOC_TERMINATION),
    }
}

/// A probe tick: `entry` indexes `p.ticks`; `t` the clicked tick's time (entries stand for runs).
pub fn explain_probe(
    object: &str,
    p: &ProbeTrack,
    entry: usize,
    t: Time,
    lang: Lang,
) -> Option<Explanation> {
    let tk = p.ticks.get(entry)?;
    // The clicked tick `t` (chart seconds) lies on the entry's grid `tk.t + k·period`.
    let k = if !p.period.is_zero() {
        ((crate::sim::at(t) - tk.t + p.period / 2) / p.period).max(0) as u32
    } else {
        0
    }
    .min(tk.count.saturating_sub(1));
    let run = probe_counter(
        &podlife_render::chart::Tick::from(tk),
        k,
        p.failure_threshold,
        p.success_threshold.max(2),
    )
    .map_or(tk.run + k, |(n, _)| n);
    let ty = probe_word(lang, p.probe_type, false);
    // The result's name (`data-mark` probe-<name>), the word and its plural in `lang`.
    let (name, word, words, threshold) = match tk.result {
        ProbeResult::Success => (
            "success",
            tr(lang, "success"),
            tr(lang, "successes"),
            p.success_threshold,
        ),
        ProbeResult::Failure => (
            "failure",
            tr(lang, "failure"),
            tr(lang, "failures"),
            p.failure_threshold,
        ),
        ProbeResult::Error => (
            "error",
            tr(lang, "error"),
            tr(lang, "errors"),
            p.failure_threshold,
        ),
        ProbeResult::Skipped => ("skipped", tr(lang, "skipped"), tr(lang, "skipped"), 0),
    };
    let (period, delay) = (p.period.to_string(), p.initial_delay.to_string());
    let mut e = Explanation::new(
        trf(lang, "{} probe {}", &[ty, word]),
        &format!("probe-{name}"),
        object,
    )
    .fact(tr(lang, "at"), secs(t))
    .fact(tr(lang, "probe"), p.describe.clone());
    let tripped = tk.tripped && k == 0;
    let why = match tk.result {
        ProbeResult::Skipped => {
            let reason = match &tk.detail {
                Some(d) => skip_words(lang, d),
                None => tr(lang, "nothing to probe").to_string(),
            };
            e = e.fact(tr(lang, "reason"), reason.clone());
            match tk.skip_reason() {
                Some(SkipReason::OnHold) => trf(lang, "The probe worker ticked (every {} s) but did not probe: it is on hold after reaching failureThreshold, until the kubelet restarts the container (a new container ID). The first probe of the new container waits for initialDelaySeconds = {} s.", &[&period, &delay]),
                Some(SkipReason::NotStarted) => trf(lang, "The probe worker ticked (every {} s) but did not probe: the container's startup probe has not succeeded yet, so liveness and readiness probes are disabled (initialDelaySeconds = {} s counts from the container's start).", &[&period, &delay]),
                _ => trf(lang, "The probe worker ticked (every {} s) but did not probe: {}. The first probe waits for initialDelaySeconds = {} s after the container starts.", &[&period, &reason, &delay]),
            }
        }
        ProbeResult::Success | ProbeResult::Failure => {
            let (run_s, threshold_s) = (run.to_string(), threshold.to_string());
            e = e.fact(tr(lang, "consecutive"), trf(lang, "{} of threshold {}", &[&run_s, &threshold_s]));
            if let Some(d) = &tk.detail {
                e = e.fact(tr(lang, "output"), d.clone());
            }
            let effect = match (p.probe_type, tk.result) {
                (ProbeType::Liveness, ProbeResult::Failure) => tr(lang, "the kubelet kills and restarts the container"),
                (ProbeType::Startup, ProbeResult::Failure) => tr(lang, "the kubelet kills and restarts the container"),
                (ProbeType::Readiness, ProbeResult::Failure) => tr(lang, "the container is marked not ready"),
                (ProbeType::Readiness, _) => tr(lang, "the container is marked ready"),
                (ProbeType::Startup, _) => tr(lang, "the container counts as started and the other probes begin"),
                _ => tr(lang, "the container is considered healthy"),
            };
            let next = if tripped {
                trf(lang, "The threshold is reached at this tick: {}.", &[effect])
            } else if run >= threshold {
                trf(lang, "Past the threshold: {}.", &[effect])
            } else {
                trf(lang, "{} more in a row and {}.", &[&(threshold - run).to_string(), effect])
            };
            trf(lang,
                "{} probe {}: {} consecutive {} (threshold {}). {}",
                &[ty, word, &run_s, if run == 1 { word } else { words }, &threshold_s, &next],
            )
        }
        ProbeResult::Error => trf(lang, "The prober returned an error ({}); it is discarded and does not count toward a threshold.", &[&tk.detail.clone().unwrap_or_default()]),
    };
    Some(e.why(why).rule("probe-failure-threshold").docs(DOC_PROBES))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;
    use crate::model::Lane;

    fn trace() -> Trace {
        Trace::build(fixture::liveness_exec(), vec![])
    }

    fn find(tr: &Trace, track: &str, lane: &str) -> (usize, usize, Lane) {
        let ti = tr.tracks.iter().position(|t| t.name == track).unwrap();
        let li = tr.tracks[ti]
            .lanes
            .iter()
            .position(|l| l.name == lane)
            .unwrap();
        (ti, li, tr.tracks[ti].lanes[li].clone())
    }

    fn mark(tr: &Trace, kind: MarkKind) -> Explanation {
        let (ti, li, lane) = find(tr, "liveness", "signals");
        let LaneContent::Instants(ms) = lane.content else {
            panic!()
        };
        let i = ms.iter().position(|m| m.kind == kind).unwrap();
        explain(
            tr,
            &Selection {
                track: ti,
                lane: li,
                item: i,
                t: ms[i].t,
            },
        )
        .unwrap()
    }

    fn slice(tr: &Trace, track: &str, lane: &str, kind: &str) -> Explanation {
        let (ti, li, l) = find(tr, track, lane);
        // A ruler's base slices come first, then its steps.
        let s = match l.content {
            LaneContent::Slices(s) => s,
            LaneContent::Ruler { base, steps, .. } => base.into_iter().chain(steps).collect(),
            _ => panic!(),
        };
        let i = s
            .iter()
            .position(|s| s.kind == kind)
            .unwrap_or_else(|| panic!("{kind} in {lane}: {s:?}"));
        explain(
            tr,
            &Selection {
                track: ti,
                lane: li,
                item: i,
                t: s[i].start,
            },
        )
        .unwrap()
    }

    fn fact<'a>(e: &'a Explanation, k: &str) -> &'a str {
        &e.facts
            .iter()
            .find(|(a, _)| a == k)
            .unwrap_or_else(|| panic!("{k} in {e:?}"))
            .1
    }

    fn probe(tr: &Trace, result: ProbeResult) -> Explanation {
        let (ti, li, l) = find(tr, "liveness", "liveness");
        let LaneContent::Probe { ticks, .. } = l.content else {
            panic!()
        };
        let i = ticks.iter().position(|t| t.result == result).unwrap();
        explain(
            tr,
            &Selection {
                track: ti,
                lane: li,
                item: i,
                t: ticks[i].t,
            },
        )
        .unwrap()
    }

    #[test]
    fn probe_failure_counts_toward_the_threshold() {
        let e = probe(&trace(), ProbeResult::Failure);
        assert_eq!(e.kind, "probe-failure");
        assert!(fact(&e, "consecutive").ends_with("of threshold 3"), "{e:?}");
        assert!(e.why.contains("threshold 3"), "{}", e.why);
        assert!(e.source.contains("prober/worker.go doProbe"));
        assert_eq!(e.docs, DOC_PROBES);
    }

    #[test]
    fn probe_success_explains_the_counter() {
        let e = probe(&trace(), ProbeResult::Success);
        assert!(fact(&e, "consecutive").contains("threshold 1"), "{e:?}");
    }

    #[test]
    fn probe_skipped_gives_its_reason() {
        let tr = trace();
        let (_, _, l) = find(&tr, "liveness", "liveness");
        let LaneContent::Probe { ticks, .. } = l.content else {
            panic!()
        };
        if ticks.iter().any(|t| t.result == ProbeResult::Skipped) {
            let e = probe(&tr, ProbeResult::Skipped);
            assert!(!fact(&e, "reason").is_empty());
            assert!(e.why.contains("initialDelaySeconds"));
        }
    }

    #[test]
    fn kill_quotes_the_killing_message() {
        let e = mark(&trace(), MarkKind::Kill);
        assert!(
            fact(&e, "Killing message").contains("liveness probe"),
            "{e:?}"
        );
        assert!(e.source.contains("killContainer"));
    }

    #[test]
    fn sigterm_and_sigkill_grace_arithmetic() {
        let tr = trace();
        let e = mark(&tr, MarkKind::Sigterm);
        assert!(e.why.contains("grace period"));
        let e = mark(&tr, MarkKind::Sigkill);
        assert_eq!(fact(&e, "SIGTERM → SIGKILL"), "30 − ⌊0⌋ = 30 s (min 2 s)");
        assert!(e.why.contains("30 − 0 = 30"), "{}", e.why);
        let s = Instant::from_secs_f64;
        assert_eq!(sigkill_gap(30, s(29.7)), s(2.0));
        assert_eq!(sigkill_gap(30, s(10.5)), s(20.0));
        assert_eq!(sigkill_gap(5, s(0.0)), s(5.0));
    }

    #[test]
    fn restart_and_exit() {
        let tr = trace();
        let e = mark(&tr, MarkKind::Restart);
        assert_eq!(fact(&e, "restart count"), "1");
        assert!(fact(&e, "reason").contains("immediately"), "{e:?}");
        let e = mark(&tr, MarkKind::Exit);
        assert!(fact(&e, "exit code").starts_with("137 = 128 + 9"), "{e:?}");
        assert!(exit_code_meaning(143).contains("SIGTERM"));
    }

    #[test]
    fn state_spans() {
        let tr = trace();
        let w = slice(&tr, "liveness", "state", "waiting");
        assert_eq!(fact(&w, "reason"), "ContainerCreating");
        let r = slice(&tr, "liveness", "state", "running");
        assert!(r.why.contains("Running"));
        let t = slice(&tr, "liveness", "state", "terminated");
        assert_eq!(fact(&t, "reason"), "Error");
        assert!(fact(&t, "exit code").contains("SIGKILL"));
        let img = slice(&tr, "liveness", "image", "pull");
        assert_eq!(img.docs, DOC_IMAGES);
        assert!(img.source.contains("image_manager.go"));
    }

    #[test]
    fn pod_strips_and_sandbox() {
        let tr = trace();
        let s = slice(&tr, "liveness-exec", "STATUS", "status");
        assert!(s.why.contains("kubectl get pod"));
        let sb = slice(&tr, "liveness-exec", "sandbox", "sandbox");
        assert!(sb.source.contains("computePodActions"));
        let ph = slice(&tr, "liveness-exec", "phase", "phase");
        assert!(ph.source.contains("getPhase"));
    }

    #[test]
    fn deletion_grace_ruler() {
        let ex = podlife_engine::gallery::get(podlife_engine::gallery::DEFAULT).unwrap();
        let scn = crate::sim::append_action("", 20.0, &crate::sim::LiveAction::Delete);
        let tr =
            crate::sim::simulate_with(ex.yaml, &scn, &crate::sim::Versions::default()).unwrap();
        let e = slice(&tr, "liveness-exec", "grace", "grace");
        assert_eq!(e.title, "grace 30s");
        assert!(e.why.contains("deletionTimestamp"));
    }

    #[test]
    fn replacement_pod_is_a_second_group() {
        let ex = podlife_engine::gallery::get("docs-sidecar-deployment").unwrap();
        let scn = crate::sim::append_action("", 30.0, &crate::sim::LiveAction::Delete);
        let tr =
            crate::sim::simulate_with(ex.yaml, &scn, &crate::sim::Versions::default()).unwrap();
        let r = tr
            .timeline
            .replacement
            .as_ref()
            .expect("a Deployment's deleted pod is replaced");
        {
            let pods: Vec<_> = tr
                .tracks
                .iter()
                .filter(|t| t.kind == TrackKind::Pod)
                .collect();
            assert_eq!(pods.len(), 2);
            assert_eq!(pods[1].name, r.pod.name);
            assert_eq!(pods[1].group, 1);
            let LaneContent::Slices(st) = &pods[1].lanes[0].content else {
                panic!()
            };
            assert_eq!(
                st[0].start,
                r.pod.created_at.as_secs_f64(),
                "the replacement exists from its creation"
            );
            assert!(r.pod.created_at > Instant::ZERO);
            let ti = tr
                .tracks
                .iter()
                .rposition(|t| t.group == 1 && t.kind != TrackKind::Pod)
                .unwrap();
            assert!(container_of(&tr, ti).is_some());
        }
    }

    fn gallery(id: &str, delete_at: Option<f64>) -> Trace {
        let ex = podlife_engine::gallery::get(id).unwrap();
        let scn = delete_at.map_or(String::new(), |t| {
            crate::sim::append_action("", t, &crate::sim::LiveAction::Delete)
        });
        crate::sim::simulate_with(ex.yaml, &scn, &crate::sim::Versions::default()).unwrap()
    }

    /// Every selectable item of every lane: `(track, lane, item, t)`.
    fn items(tr: &Trace) -> Vec<Selection> {
        let mut out = vec![];
        for (ti, t) in tr.tracks.iter().enumerate() {
            for (li, l) in t.lanes.iter().enumerate() {
                let times: Vec<Time> = match &l.content {
                    LaneContent::Slices(s) => s.iter().map(|s| s.start).collect(),
                    LaneContent::Instants(m) => m.iter().map(|m| m.t).collect(),
                    LaneContent::Probe {
                        ticks,
                        bands,
                        gates,
                        ..
                    } => ticks
                        .iter()
                        .map(|t| t.t)
                        .chain(bands.iter().map(|b| b.start))
                        .chain(gates.iter().map(|g| g.0))
                        .collect(),
                    LaneContent::Ruler { base, steps, marks } => base
                        .iter()
                        .chain(steps)
                        .map(|s| s.start)
                        .chain(marks.iter().map(|m| m.t))
                        .collect(),
                };
                out.extend(times.into_iter().enumerate().map(|(item, t)| Selection {
                    track: ti,
                    lane: li,
                    item,
                    t,
                }));
            }
        }
        out
    }

    #[test]
    fn every_item_of_the_gallery_pods_is_explained_with_a_source() {
        let mut kinds = std::collections::BTreeSet::new();
        for (id, del) in [
            ("exec-liveness", None),
            ("exec-liveness", Some(20.0)),
            ("docs-startup-probe", None),
            ("docs-prestop-sleep", Some(20.0)),
            ("crash-loop", None),
            ("docs-readiness-exec", None),
            ("docs-sidecar-job", None),
            ("docs-init-demo", None),
            ("docs-lifecycle-events", Some(30.0)),
        ] {
            let tr = gallery(id, del);
            for sel in items(&tr) {
                let e = explain(&tr, &sel).unwrap_or_else(|| panic!("{id}: {sel:?}"));
                assert!(!e.source.is_empty(), "{id} {sel:?}: {e:?}");
                assert!(!e.rules.is_empty(), "{id} {sel:?}: cites no rule: {e:?}");
                assert!(
                    !e.source.contains("not in the rule table"),
                    "{id} {sel:?}: {}",
                    e.source
                );
                assert!(!e.why.is_empty(), "{id} {sel:?}: {e:?}");
                assert!(e.docs.starts_with("https://kubernetes.io/"));
                kinds.insert(e.kind);
            }
        }
        for k in [
            "condition",
            "endpoint-ready",
            "endpoint-not-ready",
            "endpoint-serving-terminating",
            "grace",
            "grace-prestop",
            "grace-sigterm",
            "grace-sigkill",
            "grace-removed",
            "probe-on-hold",
            "probe-disabled",
            "probe-initial-delay",
            "backoff",
        ] {
            assert!(kinds.contains(k), "{k} not met in {kinds:?}");
        }
    }

    #[test]
    fn conditions_cite_the_status_generators() {
        let tr = gallery("exec-liveness", None);
        for (ty, f) in [
            (
                "PodReadyToStartContainers",
                "GeneratePodReadyToStartContainersCondition",
            ),
            ("Initialized", "GeneratePodInitializedCondition"),
            ("ContainersReady", "GenerateContainersReadyCondition"),
            ("Ready", "GeneratePodReadyCondition"),
        ] {
            let e = slice(&tr, "liveness-exec", ty, "condition");
            assert!(e.source.contains(f), "{ty}: {}", e.source);
            assert!(e.source.contains("generateAPIPodStatus"));
            assert_eq!(e.docs, DOC_CONDITIONS);
            assert_eq!(fact(&e, "type"), ty);
        }
        let e = slice(&tr, "liveness-exec", "Ready", "condition");
        assert_eq!(e.title, "Ready False: ContainersNotReady");
        assert_eq!(fact(&e, "status"), "False");
        assert_eq!(fact(&e, "reason"), "ContainersNotReady");
    }

    #[test]
    fn endpoints_cite_the_endpointslice_controller() {
        let tr = gallery("exec-liveness", Some(20.0));
        let e = slice(
            &tr,
            "liveness-exec",
            "endpoints",
            "endpoint-serving-terminating",
        );
        assert!(e.source.contains("podToEndpoint"), "{}", e.source);
        assert!(e.source.contains("ShouldPodBeInEndpoints"));
        assert!(
            e.why.contains("serving=true, terminating=true"),
            "{}",
            e.why
        );
        assert!(e.why.contains("propagation delay"));
        assert_eq!(e.docs, DOC_ENDPOINTS);
    }

    #[test]
    fn grace_ruler_steps_are_explained() {
        let tr = gallery("docs-prestop-sleep", Some(20.0));
        let (ti, li, l) = find(&tr, "prestop-sleep", "grace");
        let LaneContent::Ruler { base, steps, marks } = l.content else {
            panic!()
        };
        let sel = |item: usize, t: Time| Selection {
            track: ti,
            lane: li,
            item,
            t,
        };
        let e = explain(&tr, &sel(0, base[0].start)).unwrap();
        assert_eq!(e.kind, "grace");
        let e = explain(&tr, &sel(base.len(), steps[0].start)).unwrap();
        assert_eq!(e.kind, "grace-prestop");
        assert!(e.source.contains("killContainer"));
        assert!(e.why.contains("at least 2 s"));
        let m = base.len() + steps.len();
        let e = explain(&tr, &sel(m, marks[0].t)).unwrap();
        assert_eq!(e.kind, "grace-sigterm");
        assert!(fact(&e, "grace period").starts_with("30 s"), "{e:?}");
        let e = explain(&tr, &sel(m + 1, marks[1].t)).unwrap();
        assert_eq!(e.kind, "grace-removed");
        assert!(e.source.contains("status_manager.go"));
    }

    #[test]
    fn probe_bands_gates_and_counter() {
        let tr = gallery("exec-liveness", None);
        let (ti, li, l) = find(&tr, "liveness", "liveness");
        let LaneContent::Probe {
            ticks,
            bands,
            gates,
            ..
        } = l.content
        else {
            panic!()
        };
        let sel = |item: usize, t: Time| Selection {
            track: ti,
            lane: li,
            item,
            t,
        };
        let e = explain(&tr, &sel(ticks.len(), bands[0].start)).unwrap();
        assert_eq!(e.kind, "probe-on-hold");
        assert!(e.source.contains("onHold"), "{}", e.source);
        let g = ticks.len() + bands.len();
        let e = explain(&tr, &sel(g, gates[0].0)).unwrap();
        assert_eq!(e.kind, "probe-initial-delay");
        assert!(e.source.contains("InitialDelaySeconds"));
        // The tripping tick counts 3 of 3 (resultRun is reset to 0 after it).
        let i = ticks.iter().position(|t| t.tripped).unwrap();
        let e = explain(&tr, &sel(i, ticks[i].t)).unwrap();
        assert_eq!(fact(&e, "consecutive"), "3 of threshold 3");
        assert!(e.why.contains("threshold is reached"), "{}", e.why);

        let tr = gallery("docs-startup-probe", None);
        let (ti, li, l) = find(&tr, "app", "liveness");
        let LaneContent::Probe { ticks, bands, .. } = l.content else {
            panic!()
        };
        let e = explain(
            &tr,
            &Selection {
                track: ti,
                lane: li,
                item: ticks.len(),
                t: bands[0].start,
            },
        )
        .unwrap();
        assert_eq!(e.kind, "probe-disabled");
        assert!(e.why.contains("startup probe"));
        assert!(e.source.contains("Started"));
    }

    #[test]
    fn backoff_counts_down_to_the_restart() {
        let tr = gallery("crash-loop", None);
        let (ti, li, l) = find(&tr, "app", "back-off");
        let LaneContent::Slices(s) = l.content else {
            panic!()
        };
        let e = explain(
            &tr,
            &Selection {
                track: ti,
                lane: li,
                item: 1,
                t: s[1].start + 5.0,
            },
        )
        .unwrap();
        assert_eq!(e.title, "back-off 20s");
        assert_eq!(fact(&e, "restarts at"), secs(s[1].end));
        let countdown = e.facts.iter().find(|(k, _)| k.starts_with("at ")).unwrap();
        assert_eq!(countdown.1, format!("restart allowed in {}", secs(15.0)));
    }

    #[test]
    fn backoff_and_hooks() {
        let ex = podlife_engine::gallery::get("crash-loop").unwrap();
        let tr = crate::sim::simulate(ex.yaml).unwrap();
        let e = slice(&tr, "app", "back-off", "backoff");
        assert!(e.why.starts_with("Back-off window of "), "{}", e.why);
        assert!(e.source.contains("doBackOff"));
        let seg = Seg {
            start: 1.0,
            end: 3.0,
            label: "preStop".into(),
            tone: crate::model::Tone::Hook,
            kind: "pre-stop",
            detail: "preStop hook: completed".into(),
        };
        let e = explain_slice(&tr, "app", "hooks", None, &seg, Lang::En);
        assert_eq!(e.docs, DOC_HOOKS);
        assert!(e.why.contains("grace period"));
    }

    /// Facts whose values are Kubernetes' own text, shown as it prints them in every language:
    /// `(kind, English label)`, an empty kind for any.
    const KUBERNETES_TEXT: &[(&str, &str)] = &[
        ("", "probe"),             // kubectl describe's probe line
        ("", "output"),            // the probe's output
        ("", "event"),             // the event: type, reason, object, message
        ("", "Killing message"),   // the Killing event's message
        ("", "published"),         // the condition's message as the API publishes it
        ("terminating", "reason"), // `Killing: <message>`
    ];

    #[test]
    fn every_item_of_the_gallery_reads_in_chinese() {
        use crate::i18n::untranslated;
        let mut traces: Vec<(String, Trace)> = podlife_engine::gallery::EXAMPLES
            .iter()
            .map(|e| (e.id.to_string(), crate::sim::simulate(e.yaml).unwrap()))
            .collect();
        // Deletions: the grace ruler, its steps and marks, the replacement pod.
        for (id, del) in [
            ("exec-liveness", 20.0),
            ("docs-prestop-sleep", 20.0),
            ("docs-lifecycle-events", 30.0),
            ("docs-sidecar-deployment", 30.0),
        ] {
            traces.push((format!("{id} deleted at {del}"), gallery(id, Some(del))));
        }
        let mut kinds = std::collections::BTreeSet::new();
        for (id, tr) in &traces {
            for sel in items(tr) {
                // A second instant inside the item: the back-off countdown, a later tick of a run.
                for sel in [
                    sel,
                    Selection {
                        t: sel.t + 1.0,
                        ..sel
                    },
                ] {
                    let Some(en) = explain(tr, &sel) else {
                        continue;
                    };
                    let zh = explain_in(tr, &sel, Lang::ZhCn).unwrap();
                    let at = format!("{id} {sel:?} ({})", en.kind);
                    assert_eq!(explain_in(tr, &sel, Lang::En).as_ref(), Some(&en), "{at}");
                    assert_eq!(
                        (&zh.kind, &zh.object, &zh.source, &zh.rules, zh.docs),
                        (&en.kind, &en.object, &en.source, &en.rules, en.docs),
                        "{at}"
                    );
                    assert_eq!(zh.facts.len(), en.facts.len(), "{at}: {zh:?}");
                    assert_ne!(zh.why, en.why, "{at}: the why is translated");
                    let mut texts = vec![("title", &zh.title), ("why", &zh.why)];
                    for ((label, _), (k, v)) in en.facts.iter().zip(&zh.facts) {
                        texts.push(("label", k));
                        let kubernetes = KUBERNETES_TEXT
                            .iter()
                            .any(|&(kind, l)| l == label && (kind.is_empty() || kind == en.kind));
                        if !kubernetes {
                            texts.push(("value", v));
                        }
                    }
                    for (what, text) in texts {
                        let left = untranslated(text);
                        assert!(
                            left.is_empty(),
                            "{at}: {what} {text:?} has English {left:?}"
                        );
                    }
                    kinds.insert(en.kind);
                }
            }
        }
        for k in [
            "status",
            "ready",
            "phase",
            "condition",
            "endpoint-ready",
            "endpoint-not-ready",
            "endpoint-serving-terminating",
            "sandbox",
            "waiting",
            "created",
            "running",
            "terminating",
            "terminated",
            "pull",
            "backoff",
            "post-start",
            "pre-stop",
            "grace",
            "grace-prestop",
            "restart",
            "kill",
            "sigterm",
            "sigkill",
            "exit",
            "event-normal",
            "event-warning",
            "deleted",
            "removed",
            "grace-sigterm",
            "grace-sigkill",
            "grace-removed",
            "probe-success",
            "probe-failure",
            "probe-skipped",
            "probe-on-hold",
            "probe-disabled",
            "probe-initial-delay",
        ] {
            assert!(kinds.contains(k), "{k} not met in {kinds:?}");
        }
    }

    #[test]
    fn english_is_unchanged_and_chinese_reads_right() {
        let tr = trace();
        let e = mark(&tr, MarkKind::Sigkill);
        assert_eq!(e.title, "sigkill");
        assert_eq!(
            e.why,
            "SIGKILL ends the process at once: it was still running 30s after SIGTERM. The kubelet gives SIGTERM grace − ⌊preStop⌋ = 30 − 0 = 30 seconds (at least 2 s)."
        );
        assert_eq!(
            fact(&e, "grace period"),
            "30 s (spec.terminationGracePeriodSeconds)"
        );
        let (ti, li, l) = find(&tr, "liveness", "signals");
        let LaneContent::Instants(ms) = l.content else {
            panic!()
        };
        let i = ms.iter().position(|m| m.kind == MarkKind::Sigkill).unwrap();
        let sel = Selection {
            track: ti,
            lane: li,
            item: i,
            t: ms[i].t,
        };
        let zh = explain_in(&tr, &sel, Lang::ZhCn).unwrap();
        assert_eq!(zh.title, "SIGKILL");
        assert_eq!(
            zh.why,
            "SIGKILL 立即结束进程：SIGTERM 之后 30s 它仍在运行。kubelet 给 SIGTERM 留出 grace − ⌊preStop⌋ = 30 − 0 = 30 秒（至少 2 秒）。"
        );
        assert_eq!(
            zh.facts[1],
            (
                "宽限期".to_string(),
                "30 秒（spec.terminationGracePeriodSeconds）".to_string()
            )
        );
        assert_eq!(zh.source, e.source);

        // The tripping liveness failure.
        let (ti, li, l) = find(&tr, "liveness", "liveness");
        let LaneContent::Probe { ticks, .. } = l.content else {
            panic!()
        };
        let i = ticks.iter().position(|t| t.tripped).unwrap();
        let sel = Selection {
            track: ti,
            lane: li,
            item: i,
            t: ticks[i].t,
        };
        let en = explain(&tr, &sel).unwrap();
        assert_eq!(en.title, "Liveness probe failure");
        assert_eq!(
            en.why,
            "Liveness probe failure: 3 consecutive failures (threshold 3). The threshold is reached at this tick: the kubelet kills and restarts the container."
        );
        let zh = explain_in(&tr, &sel, Lang::ZhCn).unwrap();
        assert_eq!(zh.title, "存活探针：失败");
        assert_eq!(
            zh.why,
            "存活探针失败：连续 3 次失败（阈值 3）。这次触发达到了阈值：kubelet 终止并重启该容器。"
        );
        assert_eq!(
            zh.facts[2],
            ("连续次数".to_string(), "3 次（阈值 3）".to_string())
        );
        // kubectl's probe line stays as kubectl prints it.
        assert_eq!(zh.facts[1].1, en.facts[1].1);

        // The Killing message is a fact as the kubelet writes it; the why says it in Chinese.
        let e = mark(&tr, MarkKind::Kill);
        let (ti, li, l) = find(&tr, "liveness", "signals");
        let LaneContent::Instants(ms) = l.content else {
            panic!()
        };
        let i = ms.iter().position(|m| m.kind == MarkKind::Kill).unwrap();
        let zh = explain_in(
            &tr,
            &Selection {
                track: ti,
                lane: li,
                item: i,
                t: ms[i].t,
            },
            Lang::ZhCn,
        )
        .unwrap();
        assert_eq!(
            zh.facts[1],
            (
                "Killing 消息".to_string(),
                fact(&e, "Killing message").to_string()
            )
        );
        assert!(
            zh.why.starts_with(
                "kubelet 决定终止该容器（Killing 事件：容器 liveness 的存活探针失败，将被重启）。"
            ),
            "{}",
            zh.why
        );
    }

    #[test]
    fn kubelet_texts_are_recognised() {
        assert_eq!(
            args_of(
                "{} to {}; SIGKILL due at {} if still running",
                "SIGTERM to web; SIGKILL due at 50.5s if still running"
            ),
            Some(vec!["SIGTERM", "web", "50.5s"])
        );
        assert_eq!(
            args_of("Running since {}", "Running since 1.9s (restart 1)"),
            Some(vec!["1.9s (restart 1)"])
        );
        assert_eq!(
            args_of("Running since {} (restart {})", "Running since 1.9s"),
            None
        );
        assert_eq!(args_of("sandbox", "sandbox"), Some(vec![]));
        assert_eq!(args_of("sandbox", "sandboxes"), None);
        let zh = Lang::ZhCn;
        assert_eq!(kill_words(zh, "Stopping container web"), "停止容器 web");
        assert_eq!(
            kill_words(zh, "Init container log failed startup probe"),
            "初始化容器 log 的启动探针失败"
        );
        assert_eq!(kill_words(zh, "Something new"), "原因见 Killing 消息");
        assert_eq!(kill_words(Lang::En, "Something new"), "Something new");
        assert_eq!(
            chart_text(zh, "something of a newer chart"),
            "something of a newer chart"
        );
        assert_eq!(
            exit_code_meaning_in(130, zh),
            "130 = 128 + 2：被信号 2 杀死"
        );
        assert_eq!(exit_code_meaning(130), "130 = 128 + 2: killed by signal 2");
    }

    /// Every English text of this file that goes through `tr`/`trf`, or is matched against the
    /// chart's and the kubelet's texts, has its Chinese.
    #[test]
    fn every_text_has_its_chinese() {
        let src = include_str!("explain.rs");
        let src = &src[..src.find("#[cfg(test)]").unwrap()];
        let mut keys: Vec<String> = vec![];
        let mut rest = src;
        while let Some(i) = rest.find("lang,") {
            rest = &rest[i + 5..];
            let lit = rest.trim_start();
            if let Some(body) = lit.strip_prefix('"') {
                let mut key = String::new();
                let mut chars = body.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => key.push(chars.next().unwrap()),
                        '"' => break,
                        c => key.push(c),
                    }
                }
                keys.push(key);
            }
        }
        assert!(keys.len() > 150, "{}", keys.len());
        let mut keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        keys.extend(CHART_TEXTS.iter().chain(KILL_PROBE_TEXTS).chain(KILL_TEXTS));
        keys.extend([
            "the deletion's grace period",
            "Running",
            "Created",
            "Terminating",
            "Ready",
        ]);
        keys.extend([
            "sandbox",
            "Pulling",
            "back-off",
            "done",
            "on hold",
            "not started",
        ]);
        for s in [
            None,
            Some(podlife_engine::timeline::StopSignalSource::Image),
            Some(podlife_engine::timeline::StopSignalSource::Lifecycle),
        ] {
            let sig = s.map(|source| StopSignal {
                signal: "SIGQUIT".into(),
                source,
            });
            keys.push(StopSignal::from_words(sig.as_ref()));
        }
        for k in keys {
            assert!(
                crate::i18n_why::ZH_WHY.iter().any(|(en, _)| *en == k),
                "no Chinese for {k:?}"
            );
        }
    }
}
