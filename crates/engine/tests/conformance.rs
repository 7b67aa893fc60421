//! The conformance harness: every `tests/conformance/*.yaml` case is a manifest, an optional
//! scenario and settings, and expected observations with times and tolerances. Cases are data so
//! a Kubernetes engineer can review and add one without reading Rust; each names the kubelet rule
//! or upstream test it mirrors (`mirrors:`). The format is described in
//! `tests/conformance/README.md`.

use podlife_engine::{kubectl, simulate, ContainerState, Settings, StatusAt, Time, Timeline};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    name: String,
    /// The kubelet rule (source path and function) or upstream test this case mirrors.
    mirrors: String,
    /// The rules this case checks: ids in `podlife_engine::rules::RULES` (`crates/engine/src/rules.rs`).
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    settings: Option<serde_yaml::Value>,
    manifest: String,
    #[serde(default)]
    scenario: Option<String>,
    #[serde(default)]
    errors: Vec<ErrorCheck>,
    #[serde(default)]
    status: Vec<StatusCheck>,
    #[serde(default)]
    events: Vec<EventCheck>,
    #[serde(default)]
    runs: Vec<RunCheck>,
    #[serde(default)]
    pod: Option<PodCheck>,
    /// Drive the machine step by step: at each step's `at`, check the timeline so far, then
    /// apply the step's action there. The final checks above run on the finished timeline.
    #[serde(default)]
    steps: Vec<Step>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Step {
    at: Time,
    /// Checks on what the machine has published by `at` (their `at` defaults to the step's).
    #[serde(default)]
    status: Vec<serde_yaml::Value>,
    /// A scenario action (without `at`) applied at `at` with `Kubelet::handle_action`.
    #[serde(default)]
    act: Option<serde_yaml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ErrorCheck {
    #[serde(default)]
    line: Option<usize>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    message_contains: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Kubectl {
    ready: Option<String>,
    status: Option<String>,
    restarts: Option<String>,
    age: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct StatusCheck {
    at: Time,
    #[serde(default)]
    phase: Option<String>,
    #[serde(default)]
    removed: Option<bool>,
    #[serde(default)]
    kubectl: Option<Kubectl>,
    #[serde(default)]
    containers: BTreeMap<String, ContainerCheck>,
    /// Condition type → expected status (`"True"`/`"False"`), optionally `"False/Reason"`.
    #[serde(default)]
    conditions: BTreeMap<String, String>,
    /// `status.observedGeneration`; every condition but AllContainersRestarting must carry the
    /// same. `0` = absent (the gate is off).
    #[serde(default)]
    observed_generation: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ContainerCheck {
    restart_count: Option<u32>,
    ready: Option<bool>,
    started: Option<bool>,
    /// `running`, `waiting` or `terminated`.
    state: Option<String>,
    /// Waiting or terminated reason.
    reason: Option<String>,
    exit_code: Option<i32>,
    last_reason: Option<String>,
    last_exit_code: Option<i32>,
    /// `stopSignal` in the status (`ContainerStopSignals`).
    #[serde(default)]
    stop_signal: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct EventCheck {
    reason: String,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    message_prefix: Option<String>,
    #[serde(default, rename = "type")]
    event_type: Option<String>,
    #[serde(default)]
    object: Option<String>,
    /// The first matching emission happens at `t` (± tolerance).
    #[serde(default)]
    t: Option<Time>,
    #[serde(default)]
    tolerance: Option<Time>,
    /// Emissions counted within [from, until].
    #[serde(default)]
    count: Option<usize>,
    #[serde(default)]
    from: Option<Time>,
    #[serde(default)]
    until: Option<Time>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RunCheck {
    container: String,
    index: usize,
    started: Option<Time>,
    exited: Option<Time>,
    /// `null` in YAML is not distinguishable; use `running: true` for "not exited".
    #[serde(default)]
    running: Option<bool>,
    exit_code: Option<i32>,
    reason: Option<String>,
    /// The stop signal sent (`SIGTERM`, `SIGQUIT`, ...).
    #[serde(default)]
    stop_signal: Option<String>,
    kill_started: Option<Time>,
    sigterm: Option<Time>,
    sigkill: Option<Time>,
    #[serde(default)]
    tolerance: Option<Time>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct PodCheck {
    deleted_at: Option<Time>,
    removed_at: Option<Time>,
    #[serde(default)]
    tolerance: Option<Time>,
}

fn close(a: Time, b: Time, tol: Time) -> bool {
    (a - b).abs() <= tol
}

fn state_name(s: &ContainerState) -> (&'static str, String, Option<i32>) {
    match s {
        ContainerState::Waiting { reason, .. } => ("waiting", reason.clone(), None),
        ContainerState::Running { .. } => ("running", String::new(), None),
        ContainerState::Terminated {
            reason, exit_code, ..
        } => ("terminated", reason.clone(), Some(*exit_code)),
    }
}

fn check_status(errs: &mut Vec<String>, st: &StatusAt, c: &StatusCheck) {
    let at = c.at;
    if let Some(p) = &c.phase {
        if st.status.phase.as_str() != p {
            errs.push(format!("t={at}: phase {} != {p}", st.status.phase));
        }
    }
    if let Some(r) = c.removed {
        if st.removed != r {
            errs.push(format!("t={at}: removed {} != {r}", st.removed));
        }
    }
    if let Some(k) = &c.kubectl {
        for (name, want, got) in [
            ("ready", &k.ready, &st.kubectl.ready),
            ("status", &k.status, &st.kubectl.status),
            ("restarts", &k.restarts, &st.kubectl.restarts),
            ("age", &k.age, &st.kubectl.age),
        ] {
            if let Some(w) = want {
                if w != got {
                    errs.push(format!("t={at}: kubectl {name} {got:?} != {w:?}"));
                }
            }
        }
    }
    for (name, cc) in &c.containers {
        let all = st
            .status
            .init_container_statuses
            .iter()
            .chain(&st.status.container_statuses)
            .chain(&st.status.ephemeral_container_statuses);
        let Some(cs) = all.into_iter().find(|s| &s.name == name) else {
            errs.push(format!("t={at}: no status for container {name}"));
            continue;
        };
        let (sname, reason, code) = state_name(&cs.state);
        let mut chk = |what: &str, ok: bool, got: String| {
            if !ok {
                errs.push(format!("t={at}: {name}.{what} was {got}"));
            }
        };
        if let Some(v) = cc.restart_count {
            chk(
                "restartCount",
                cs.restart_count == v,
                cs.restart_count.to_string(),
            );
        }
        if let Some(v) = cc.ready {
            chk("ready", cs.ready == v, cs.ready.to_string());
        }
        if let Some(v) = cc.started {
            chk("started", cs.started == v, cs.started.to_string());
        }
        if let Some(v) = &cc.state {
            chk("state", sname == v, sname.to_string());
        }
        if let Some(v) = &cc.reason {
            chk("reason", &reason == v, reason.clone());
        }
        if let Some(v) = cc.exit_code {
            chk("exitCode", code == Some(v), format!("{code:?}"));
        }
        let last = cs.last_state.as_ref().map(state_name);
        if let Some(v) = &cc.last_reason {
            chk(
                "lastState.reason",
                last.as_ref().is_some_and(|l| &l.1 == v),
                format!("{last:?}"),
            );
        }
        if let Some(v) = &cc.stop_signal {
            chk(
                "stopSignal",
                cs.stop_signal.as_deref() == Some(v.as_str()),
                format!("{:?}", cs.stop_signal),
            );
        }
        if let Some(v) = cc.last_exit_code {
            chk(
                "lastState.exitCode",
                last.as_ref().is_some_and(|l| l.2 == Some(v)),
                format!("{last:?}"),
            );
        }
    }
    if let Some(want) = c.observed_generation {
        let want = (want != 0).then_some(want);
        let got = st.status.observed_generation;
        if got != want {
            errs.push(format!("t={at}: observedGeneration {got:?} != {want:?}"));
        }
        for cond in &st.status.conditions {
            if cond.condition_type != "AllContainersRestarting" && cond.observed_generation != want
            {
                errs.push(format!(
                    "t={at}: condition {} observedGeneration {:?} != {want:?}",
                    cond.condition_type, cond.observed_generation
                ));
            }
        }
    }
    for (ty, want) in &c.conditions {
        let (ws, wr) = match want.split_once('/') {
            Some((s, r)) => (s, Some(r)),
            None => (want.as_str(), None),
        };
        match st
            .status
            .conditions
            .iter()
            .find(|c| &c.condition_type == ty)
        {
            None => errs.push(format!("t={at}: no condition {ty}")),
            Some(c) => {
                if c.status != ws || wr.is_some_and(|r| c.reason.as_deref() != Some(r)) {
                    errs.push(format!(
                        "t={at}: condition {ty} = {}/{:?}, want {want}",
                        c.status, c.reason
                    ));
                }
            }
        }
    }
}

fn check_events(errs: &mut Vec<String>, tl: &Timeline, e: &EventCheck) {
    let matches: Vec<_> = tl
        .events
        .iter()
        .filter(|ev| ev.reason == e.reason)
        .filter(|ev| e.message.as_ref().is_none_or(|m| &ev.message == m))
        .filter(|ev| {
            e.message_prefix
                .as_ref()
                .is_none_or(|m| ev.message.starts_with(m.as_str()))
        })
        .filter(|ev| {
            e.event_type
                .as_ref()
                .is_none_or(|m| ev.event_type.as_str() == m)
        })
        .filter(|ev| e.object.as_ref().is_none_or(|m| &ev.object == m))
        .filter(|ev| e.from.is_none_or(|f| ev.t >= f) && e.until.is_none_or(|u| ev.t <= u))
        .collect();
    let what = format!(
        "event {} {:?}",
        e.reason,
        e.message.as_ref().or(e.message_prefix.as_ref())
    );
    if let Some(n) = e.count {
        if matches.len() != n {
            errs.push(format!(
                "{what}: {} emissions, want {n} (at {:?})",
                matches.len(),
                matches.iter().map(|m| m.t).collect::<Vec<_>>()
            ));
        }
    } else if matches.is_empty() {
        errs.push(format!("{what}: not emitted"));
    }
    if let (Some(t), Some(first)) = (e.t, matches.first()) {
        if !close(first.t, t, e.tolerance.unwrap_or(Time::ZERO)) {
            errs.push(format!("{what}: first at {}, want {t}", first.t));
        }
    }
}

fn check_run(errs: &mut Vec<String>, tl: &Timeline, r: &RunCheck) {
    let Some(c) = tl.containers.iter().find(|c| c.name == r.container) else {
        errs.push(format!("no container {}", r.container));
        return;
    };
    let Some(run) = c.runs.get(r.index) else {
        errs.push(format!(
            "{} has {} runs, want run #{}",
            r.container,
            c.runs.len(),
            r.index
        ));
        return;
    };
    let tol = r.tolerance.unwrap_or(Time::ZERO);
    let who = format!("{}[{}]", r.container, r.index);
    let mut t = |what: &str, want: Option<Time>, got: Option<Time>| {
        if let Some(w) = want {
            if !got.is_some_and(|g| close(g, w, tol)) {
                errs.push(format!("{who}.{what} = {got:?}, want {w}"));
            }
        }
    };
    t("started", r.started, Some(run.started));
    t("exited", r.exited, run.exited);
    t("killStarted", r.kill_started, run.kill_started);
    t("sigterm", r.sigterm, run.sigterm);
    t("sigkill", r.sigkill, run.sigkill);
    if let Some(true) = r.running {
        if run.exited.is_some() {
            errs.push(format!(
                "{who}: exited at {:?}, want still running",
                run.exited
            ));
        }
    }
    if let Some(code) = r.exit_code {
        if run.exit_code != Some(code) {
            errs.push(format!("{who}.exitCode = {:?}, want {code}", run.exit_code));
        }
    }
    if let Some(want) = &r.stop_signal {
        let got = run
            .sigterm
            .map(|_| podlife_engine::timeline::StopSignal::name(run.stop_signal.as_ref()));
        if got != Some(want.as_str()) {
            errs.push(format!("{who}.stopSignal = {got:?}, want {want}"));
        }
    }
    if let Some(reason) = &r.reason {
        if run.reason.as_ref() != Some(reason) {
            errs.push(format!("{who}.reason = {:?}, want {reason}", run.reason));
        }
    }
}

fn run_case(case: &Case) -> Vec<String> {
    let mut errs = vec![];
    let mut settings = Settings::default();
    let max_t = case
        .status
        .iter()
        .map(|s| s.at)
        .chain(case.events.iter().filter_map(|e| e.until.or(e.t)))
        .fold(Time::from_secs(60), Time::max);
    settings.until = max_t + Time::from_secs(1);
    if let Some(v) = &case.settings {
        let mut base = serde_yaml::to_value(&settings).expect("settings serialise");
        if let (serde_yaml::Value::Mapping(b), serde_yaml::Value::Mapping(m)) = (&mut base, v) {
            for (k, v) in m {
                b.insert(k.clone(), v.clone());
            }
        }
        settings = match serde_yaml::from_value(base) {
            Ok(s) => s,
            Err(e) => return vec![format!("bad settings: {e}")],
        };
    }
    if !case.steps.is_empty() {
        return run_steps(case, &settings);
    }
    let result = simulate(&case.manifest, case.scenario.as_deref(), &settings);
    if !case.errors.is_empty() {
        let diags = match result {
            Ok(_) => return vec!["expected errors, but the manifest was accepted".into()],
            Err(d) => d,
        };
        for e in &case.errors {
            let found = diags.iter().any(|d| {
                d.is_error()
                    && e.line.is_none_or(|l| d.line == Some(l))
                    && e.path.as_ref().is_none_or(|p| &d.path == p)
                    && e.message_contains
                        .as_ref()
                        .is_none_or(|m| d.message.contains(m.as_str()))
            });
            if !found {
                errs.push(format!(
                    "no error matching line={:?} path={:?} message~{:?}; got: {:#?}",
                    e.line,
                    e.path,
                    e.message_contains,
                    diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
                ));
            }
        }
        return errs;
    }
    let sim = match result {
        Ok(s) => s,
        Err(d) => {
            return vec![format!(
                "manifest rejected: {:?}",
                d.iter().map(|d| d.to_string()).collect::<Vec<_>>()
            )]
        }
    };
    check_final(case, &sim.timeline)
}

/// A case with `steps`: the machine is driven to each step, checked, then acted on. The
/// finished timeline must equal the batch run with the same actions written in the scenario.
fn run_steps(case: &Case, settings: &Settings) -> Vec<String> {
    let mut errs = vec![];
    let prepared = match podlife_engine::prepare(&case.manifest, case.scenario.as_deref(), settings)
    {
        Ok(p) => p,
        Err(d) => return vec![format!("manifest rejected: {d:?}")],
    };
    let mut k = prepared.kubelet();
    let mut batch = prepared.clone();
    for step in &case.steps {
        k.handle_timeout(step.at);
        if k.now() != step.at {
            errs.push(format!("step at {}: the clock is {}", step.at, k.now()));
        }
        let so_far = k.timeline();
        for v in &step.status {
            let mut v = v.clone();
            if let serde_yaml::Value::Mapping(m) = &mut v {
                m.entry("at".into()).or_insert(step.at.as_secs_f64().into());
            }
            match serde_yaml::from_value::<StatusCheck>(v) {
                Ok(c) if c.at <= step.at => {
                    check_status(&mut errs, &kubectl::status_at(&so_far, c.at), &c)
                }
                Ok(c) => errs.push(format!("step at {}: a check at {} is ahead", step.at, c.at)),
                Err(e) => errs.push(format!("step at {}: bad status check: {e}", step.at)),
            }
        }
        if let Some(act) = &step.act {
            let mut v = act.clone();
            if let serde_yaml::Value::Mapping(m) = &mut v {
                m.insert("at".into(), step.at.as_secs_f64().into());
            }
            match serde_yaml::from_value::<podlife_engine::scenario::Action>(v) {
                Ok(a) => {
                    for action in podlife_engine::Action::from_scenario(&a) {
                        k.handle_action(step.at, action);
                    }
                    batch.scenario.actions.push(a);
                }
                Err(e) => errs.push(format!("step at {}: bad action: {e}", step.at)),
            }
        }
    }
    let stepped = prepared.conclude(&case.manifest, k.finish());
    let whole = batch.conclude(&case.manifest, batch.kubelet().finish());
    let json = |tl: &Timeline| serde_json::to_string(tl).expect("timeline serialises");
    if json(&stepped.timeline) != json(&whole.timeline) {
        errs.push("the stepped timeline differs from the batch run with the same actions".into());
    }
    errs.extend(check_final(case, &stepped.timeline));
    errs
}

fn check_final(case: &Case, tl: &Timeline) -> Vec<String> {
    let mut errs = vec![];
    for s in &case.status {
        check_status(&mut errs, &kubectl::status_at(tl, s.at), s);
    }
    for e in &case.events {
        check_events(&mut errs, tl, e);
    }
    for r in &case.runs {
        check_run(&mut errs, tl, r);
    }
    if let Some(p) = &case.pod {
        let tol = p.tolerance.unwrap_or(Time::ZERO);
        if let Some(d) = p.deleted_at {
            if !tl.pod.deleted_at.is_some_and(|g| close(g, d, tol)) {
                errs.push(format!("pod.deletedAt = {:?}, want {d}", tl.pod.deleted_at));
            }
        }
        if let Some(d) = p.removed_at {
            if !tl.pod.removed_at.is_some_and(|g| close(g, d, tol)) {
                errs.push(format!("pod.removedAt = {:?}, want {d}", tl.pod.removed_at));
            }
        }
    }
    errs
}

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance")
}

#[test]
fn conformance_suite() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/conformance exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let filter = std::env::var("CASE").ok();
    let mut failures = vec![];
    let mut ran = 0;
    for f in &files {
        let name = f
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if filter.as_ref().is_some_and(|x| !name.contains(x.as_str())) {
            continue;
        }
        let text = std::fs::read_to_string(f).expect("readable case");
        let case: Case = match serde_yaml::from_str(&text) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{name}: cannot read case: {e}"));
                continue;
            }
        };
        assert!(
            !case.mirrors.trim().is_empty(),
            "{name}: `mirrors` must name the kubelet rule or upstream test"
        );
        for id in &case.rules {
            if podlife_engine::rules::rule(id).is_none() {
                failures.push(format!(
                    "{name}: rules: {id} is not in the rule table (crates/engine/src/rules.rs)"
                ));
            }
        }
        ran += 1;
        let errs = run_case(&case);
        if !errs.is_empty() {
            failures.push(format!(
                "{name} ({}):\n    {}",
                case.name,
                errs.join("\n    ")
            ));
        }
    }
    println!("conformance: {ran} cases, {} failed", failures.len());
    assert!(
        ran > 0,
        "no conformance cases found in {}",
        cases_dir().display()
    );
    assert!(
        failures.is_empty(),
        "{} of {ran} conformance cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
