//! The one place the web app calls the engine.
//!
//! Architecture invariant: views never simulate. `simulate` runs once per edit (from the reducer);
//! everything drawn afterwards is a lookup in the resulting [`Trace`]/[`Timeline`].
//!
//! The views work in seconds (`f64`: the cursor, the viewport, pixels); the engine in exact
//! milliseconds ([`Time`]). The functions here take the cursor in seconds and convert it once
//! ([`at`]), so no view compares engine times with a float tolerance.

use crate::model::Trace;
use podlife_engine::{Diagnostic, KubectlColumns, Kubelet, Settings, Time, Timeline};
use std::rc::Rc;

/// The engine instant for a cursor position in seconds (rounded to the millisecond).
pub fn at(cursor: f64) -> Time {
    Time::from_secs_f64(cursor)
}

/// The versions the UI plays with: the kubelet's, and the kubectl that prints `get` and
/// `describe` (`""` = the engine's defaults: the newest kubelet, kubectl of the kubelet's version).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Versions {
    pub kubelet: String,
    pub kubectl: String,
    /// The horizon in whole milliseconds (`None` = the engine's default); a scenario's
    /// `settings.until` still wins.
    pub until_ms: Option<i64>,
}

impl Versions {
    pub fn kubelet(v: &str) -> Versions {
        Versions {
            kubelet: v.to_string(),
            kubectl: String::new(),
            until_ms: None,
        }
    }
}

/// The scenario in force, counted (see [`Session::scenario_in_force`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InForce {
    pub actions: usize,
    pub overrides: usize,
    pub settings: bool,
    /// ConfigMaps, Secrets and Services declared.
    pub objects: usize,
}

impl InForce {
    pub fn is_empty(&self) -> bool {
        *self == InForce::default()
    }
}

/// Settings the UI simulates with: the engine's defaults, with the chosen versions.
pub fn settings_for(v: &Versions) -> Settings {
    let mut s = Settings::default();
    if let Some(v) = podlife_engine::KubeletVersion::parse(&v.kubelet) {
        s.kubelet_version = v;
    }
    s.kubectl_version = podlife_engine::KubeletVersion::parse(&v.kubectl);
    if let Some(ms) = v.until_ms.filter(|ms| *ms > 0) {
        s.until = podlife_engine::Time::from_secs_f64(ms as f64 / 1000.0);
    }
    s
}

/// Settings the UI simulates with by default.
pub fn settings() -> Settings {
    Settings::default()
}

/// Parse and play `text` (no separate scenario, default settings).
pub fn simulate(text: &str) -> Result<Trace, Vec<Diagnostic>> {
    simulate_with(text, "", &Versions::default()).map_err(|(m, _)| m)
}

/// Parse and play `text` with the scenario text `scenario` (ignored when blank) and the kubelet
/// version. On errors returns `(manifest diagnostics, scenario diagnostics)`: the first located
/// in `text`, the second in `scenario` (lines of the scenario editor).
#[allow(clippy::type_complexity)]
pub fn simulate_with(
    text: &str,
    scenario: &str,
    versions: &Versions,
) -> Result<Trace, (Vec<Diagnostic>, Vec<Diagnostic>)> {
    simulate_session(text, scenario, versions).map(|(t, _)| t)
}

/// Like [`simulate_with`], also returning the [`Session`] a live action can step from.
#[allow(clippy::type_complexity)]
pub fn simulate_session(
    text: &str,
    scenario: &str,
    versions: &Versions,
) -> Result<(Trace, Session), (Vec<Diagnostic>, Vec<Diagnostic>)> {
    simulate_session_in(text, scenario, versions, crate::i18n::Lang::En)
}

/// [`simulate_session`] with the trace's words in `lang`.
#[allow(clippy::type_complexity)]
pub fn simulate_session_in(
    text: &str,
    scenario: &str,
    versions: &Versions,
    lang: crate::i18n::Lang,
) -> Result<(Trace, Session), (Vec<Diagnostic>, Vec<Diagnostic>)> {
    let settings = settings_for(versions);
    let scn = (!scenario.trim().is_empty()).then_some(scenario);
    let scn_diags = match scn {
        Some(s) => podlife_engine::scenario::parse(s).err().unwrap_or_default(),
        None => vec![],
    };
    if !scn_diags.is_empty() {
        let manifest = match podlife_engine::prepare(text, None, &settings) {
            Ok(_) => vec![],
            Err(d) => locate_all(text, d),
        };
        return Err((manifest, locate_all(scenario, scn_diags)));
    }
    let prepared = match podlife_engine::prepare(text, scn, &settings) {
        Ok(p) => p,
        Err(diags) => return Err((locate_all(text, diags), vec![])),
    };
    let mut job = Job {
        last_checkpoint_events: 0,
        kubelet: prepared.kubelet(),
        session: Session {
            text: text.to_string(),
            scenario: scenario.to_string(),
            versions: versions.clone(),
            prepared: Rc::new(prepared),
            checkpoints: vec![],
        },
        warnings: vec![],
        lang,
    };
    while !job.slice(u64::MAX) {}
    Ok(job.conclude())
}

/// Checkpoints kept over a run: the machine is cloned every `horizon / CHECKPOINTS` seconds,
/// and after every [`CHECKPOINT_EVENTS`] events, so a live action replays at most that much
/// before it applies.
pub const CHECKPOINTS: usize = 32;
pub const CHECKPOINT_EVENTS: u64 = 10_000;

/// Events a live action processes before it first redraws (the rest runs in [`WORK_EVENTS`]
/// slices between frames).
pub const FIRST_EVENTS: u64 = 20_000;
/// Events per background slice.
pub const WORK_EVENTS: u64 = 40_000;
/// Background slices between two redraws of the timeline so far.
pub const REDRAW_EVERY: u64 = 8;

/// What a successful simulation leaves to step from: the input it played and the machine at
/// regular instants. A live action at t clones the latest checkpoint before t and steps on from
/// there instead of replaying from zero.
pub struct Session {
    pub text: String,
    pub scenario: String,
    pub versions: Versions,
    prepared: Rc<podlife_engine::Prepared>,
    /// Machines at increasing instants (each strictly after the previous); shared, so a new
    /// session keeps the earlier ones without copying them.
    checkpoints: Vec<Rc<Kubelet>>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at: Vec<Time> = self.checkpoints.iter().map(|k| k.now()).collect();
        f.debug_struct("Session").field("checkpoints", &at).finish()
    }
}

impl Session {
    /// Whether this session played exactly this input.
    pub fn plays(&self, text: &str, scenario: &str, versions: &Versions) -> bool {
        self.text == text && self.scenario == scenario && self.versions == *versions
    }

    /// The instants of the checkpoints.
    /// What the merged scenario in force holds (the scenario box's text plus any `kind: Scenario`
    /// document in the manifest): timed actions, behaviour overrides and whether it sets settings.
    pub fn scenario_in_force(&self) -> InForce {
        let s = &self.prepared.scenario;
        InForce {
            actions: s.actions.len(),
            overrides: s.containers.values().map(Vec::len).sum(),
            settings: s.settings.is_some(),
            objects: s.config_maps.len() + s.secrets.len() + s.services.len(),
        }
    }

    pub fn checkpoint_times(&self) -> Vec<Time> {
        self.checkpoints.iter().map(|k| k.now()).collect()
    }

    /// Start the run that applies `action` at `at` (the scenario text becomes `scenario`): from
    /// the latest checkpoint strictly before `at`, or from creation. Returns `None` when the
    /// action line does not read back as a scenario action (the caller replays instead).
    pub fn live(&self, cursor: f64, action: &LiveAction, scenario: &str) -> Option<Job> {
        let line = action_line(cursor, action);
        let entry: podlife_engine::scenario::Action =
            serde_yaml::from_str(line.trim_start().trim_start_matches("- ")).ok()?;
        let at = entry.at;
        let keep = self.checkpoints.partition_point(|k| k.now() < at);
        let mut kubelet = match keep.checked_sub(1) {
            Some(i) => (*self.checkpoints[i]).clone(),
            None => self.prepared.kubelet(),
        };
        for a in podlife_engine::Action::from_scenario(&entry) {
            kubelet.handle_action(at, a);
        }
        let mut prepared = (*self.prepared).clone();
        prepared.scenario.actions.push(entry);
        Some(Job {
            last_checkpoint_events: kubelet.events_processed(),
            kubelet,
            session: Session {
                text: self.text.clone(),
                scenario: scenario.to_string(),
                versions: self.versions.clone(),
                prepared: Rc::new(prepared),
                checkpoints: self.checkpoints[..keep].to_vec(),
            },
            warnings: vec![],
            lang: crate::i18n::Lang::En,
        })
    }
}

/// A run in progress: stepped in slices so the page keeps drawing.
pub struct Job {
    kubelet: Kubelet,
    /// `events_processed` at the last checkpoint.
    last_checkpoint_events: u64,
    session: Session,
    /// The diagnostics to show while the run is partial.
    pub warnings: Vec<Diagnostic>,
    /// The language of the traces it gives (the interface's).
    pub lang: crate::i18n::Lang,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("now", &self.kubelet.now())
            .finish()
    }
}

impl Job {
    /// Process about `max_events` events (whole instants), keeping checkpoints; `true` once
    /// nothing is left before the horizon.
    pub fn slice(&mut self, max_events: u64) -> bool {
        let horizon = self.kubelet.horizon();
        let every = Time::from_ms((horizon.as_ms() / CHECKPOINTS as i64).max(1000));
        let start = self.kubelet.events_processed();
        while let Some(t) = self.kubelet.poll_timeout() {
            // Keep a checkpoint when the run steps over the next multiple of `every`.
            let last = self
                .session
                .checkpoints
                .last()
                .map_or(Time::ZERO, |k| k.now());
            let mark = every * (last / every + 1);
            let busy = self.kubelet.events_processed() - self.last_checkpoint_events
                >= CHECKPOINT_EVENTS
                && self.kubelet.now() > last;
            if t > mark || busy {
                if t > mark && self.kubelet.now() < mark {
                    self.kubelet.handle_timeout(mark);
                }
                self.session.checkpoints.push(Rc::new(self.kubelet.clone()));
                self.last_checkpoint_events = self.kubelet.events_processed();
            }
            self.kubelet.handle_timeout(t);
            if self.kubelet.events_processed() - start >= max_events {
                return self.kubelet.poll_timeout().is_none();
            }
        }
        true
    }

    /// How far the run has got.
    pub fn now(&self) -> Time {
        self.kubelet.now()
    }

    pub fn horizon(&self) -> Time {
        self.kubelet.horizon()
    }

    /// The timeline so far, as a trace (its end is the run's clock).
    pub fn partial(&self) -> Trace {
        Trace::build_in(self.kubelet.timeline(), self.warnings.clone(), self.lang)
    }

    /// Finish the run (to the horizon) and close it: the trace and the session to step from.
    pub fn conclude(mut self) -> (Trace, Session) {
        while !self.slice(u64::MAX) {}
        let text = self.session.text.clone();
        let sim = self.session.prepared.conclude(&text, self.kubelet.finish());
        (
            Trace::build_in(sim.timeline, locate_all(&text, sim.warnings), self.lang),
            self.session,
        )
    }
}

/// Give every diagnostic that has a path but no position the position of that path in `text`.
pub fn locate_all(text: &str, mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for d in &mut diags {
        if d.line.is_none() && !d.path.is_empty() {
            if let Some((line, col)) = locate(text, &d.path) {
                d.line = Some(line);
                d.column = Some(col);
            }
        }
    }
    diags
}

/// Position (1-based line, column) of a field path in the manifest text.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    podlife_engine::manifest::locate(text, path)
        .or_else(|| podlife_engine::manifest::locate(text, path.strip_prefix("scenario.")?))
}

/// kubectl panels at the cursor.
pub fn watch_upto(tl: &Timeline, cursor: f64) -> String {
    let mut out = String::new();
    for (_, line) in podlife_engine::kubectl::get_watch(tl, at(cursor)) {
        out.push_str(&line);
        if !line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}
pub fn describe(tl: &Timeline, cursor: f64) -> String {
    podlife_engine::kubectl::describe(tl, at(cursor))
}
pub fn status_yaml(tl: &Timeline, cursor: f64) -> String {
    podlife_engine::kubectl::status_yaml(tl, at(cursor))
}

/// One scenario action line (flow YAML) to append under `actions:`.
#[derive(Clone, Debug, PartialEq)]
pub enum LiveAction {
    Delete,
    Kill {
        container: String,
    },
    Probe {
        container: String,
        probe_type: String,
        result: String,
    },
    CreateService(String),
}

/// Round to 0.1 s.
pub fn round_tenth(t: f64) -> f64 {
    (t * 10.0).round() / 10.0
}

fn yaml_scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_')
        && !s
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '.')
        && !matches!(s, "true" | "false" | "null" | "yes" | "no" | "on" | "off");
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// `  - {at: 12.5, kill: {container: app, reason: OOMKilled}}`
pub fn action_line(cursor: f64, a: &LiveAction) -> String {
    let at = round_tenth(cursor);
    let body = match a {
        LiveAction::Delete => "delete: {}".to_string(),
        LiveAction::Kill { container } => format!(
            "kill: {{container: {}, reason: OOMKilled}}",
            yaml_scalar(container)
        ),
        LiveAction::Probe {
            container,
            probe_type,
            result,
        } => format!(
            "probe: {{container: {}, type: {probe_type}, result: {result}}}",
            yaml_scalar(container)
        ),
        LiveAction::CreateService(name) => format!("createService: {}", yaml_scalar(name)),
    };
    format!("  - {{at: {at}, {body}}}")
}

/// Append an action to the scenario text: under its `actions:` key (created if missing; the
/// whole document if the text is blank). Other lines are kept verbatim.
pub fn append_action(scenario: &str, cursor: f64, a: &LiveAction) -> String {
    let line = action_line(cursor, a);
    if scenario.trim().is_empty() {
        return format!("kind: Scenario\nactions:\n{line}\n");
    }
    let lines: Vec<&str> = scenario.lines().collect();
    if let Some(i) = lines.iter().position(|l| l.trim_end() == "actions:") {
        // The block ends at the next line that is not indented (or a list item at column 0).
        let mut end = i + 1;
        while end < lines.len() {
            let l = lines[end];
            if l.trim().is_empty() || l.starts_with(' ') || l.starts_with('-') {
                end += 1;
            } else {
                break;
            }
        }
        // Do not swallow trailing blank lines.
        while end > i + 1 && lines[end - 1].trim().is_empty() {
            end -= 1;
        }
        let mut out: Vec<String> = lines[..end].iter().map(|s| s.to_string()).collect();
        out.push(line);
        out.extend(lines[end..].iter().map(|s| s.to_string()));
        let mut s = out.join("\n");
        s.push('\n');
        return s;
    }
    if lines.iter().any(|l| l.trim_start().starts_with("actions:")) {
        // `actions: [...]` in flow style: leave it to the user, add nothing silently wrong.
        let mut s = scenario.trim_end().to_string();
        s.push_str(&format!(
            "\n# could not append (flow-style actions): {}\n",
            line.trim()
        ));
        return s;
    }
    let mut s = scenario.trim_end().to_string();
    s.push_str(&format!("\nactions:\n{line}\n"));
    s
}

/// What changes for this pod between kubelet `a` and `b` (`podlife diff-versions`): both played
/// to the horizon and compared where users look. Runs only on the user's request.
pub fn diff_versions(
    text: &str,
    scenario: &str,
    a: &str,
    b: &str,
) -> Result<Vec<podlife_engine::versions::Section>, String> {
    let play = |v: &str| {
        let scn = (!scenario.trim().is_empty()).then_some(scenario);
        podlife_engine::simulate(text, scn, &settings_for(&Versions::kubelet(v)))
            .map(|s| s.timeline)
            .map_err(|d| {
                let first = d.iter().find(|d| d.is_error()).or(d.first());
                format!(
                    "v{v}: {}",
                    first.map_or("the input does not play".to_string(), |d| d.to_string())
                )
            })
    };
    Ok(podlife_engine::versions::diff(&play(a)?, &play(b)?))
}

/// The kubectl columns at `t`.
pub fn columns_at(tl: &Timeline, cursor: f64) -> KubectlColumns {
    podlife_engine::kubectl::status_at(tl, at(cursor)).kubectl
}

/// kubectl's `HumanDuration` (the AGE column).
pub fn human_duration(seconds: f64) -> String {
    podlife_engine::kubectl::human_duration(at(seconds))
}

/// Exactly what `kubectl get pod` prints at `t` (header line + row line), or the NotFound error
/// once the pod object is gone.
pub fn get_table(tl: &Timeline, cursor: f64) -> String {
    podlife_engine::kubectl::get_table(tl, at(cursor))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    #[test]
    fn table_at_points_of_the_fixture() {
        let tl = fixture::liveness_exec();
        let t0 = get_table(&tl, 0.5);
        assert!(
            t0.starts_with("NAME            READY   STATUS              RESTARTS   AGE\n"),
            "{t0}"
        );
        assert!(
            t0.contains("liveness-exec   0/1     ContainerCreating   0          0s"),
            "{t0}"
        );
        let t1 = get_table(&tl, 77.0);
        assert!(t1.contains("1/1     Running   1 ("), "{t1}");
    }

    #[test]
    fn the_default_example_simulates() {
        let ex = podlife_engine::gallery::get(podlife_engine::gallery::DEFAULT).unwrap();
        let tr = simulate(ex.yaml).expect("default example simulates");
        assert_eq!(tr.timeline.pod.name, "liveness-exec");
        assert!(
            tr.timeline.containers[0].runs.len() >= 2,
            "the liveness kill restarts the container"
        );
    }

    #[test]
    fn every_gallery_example_simulates() {
        for ex in podlife_engine::gallery::EXAMPLES {
            let r = simulate(ex.yaml);
            assert!(r.is_ok(), "{}: {:?}", ex.id, r.err());
        }
    }

    #[test]
    fn actions_append_under_actions() {
        let s = append_action("", 12.345, &LiveAction::Delete);
        assert_eq!(s, "kind: Scenario\nactions:\n  - {at: 12.3, delete: {}}\n");
        let s = append_action(
            &s,
            20.0,
            &LiveAction::Kill {
                container: "app".into(),
            },
        );
        assert!(s.ends_with("  - {at: 12.3, delete: {}}\n  - {at: 20, kill: {container: app, reason: OOMKilled}}\n"), "{s}");
        let s2 = append_action(
            "kind: Scenario\nactions:\n  - {at: 1, delete: {}}\ncontainers: {}\n",
            3.0,
            &LiveAction::CreateService("myservice".into()),
        );
        assert_eq!(s2, "kind: Scenario\nactions:\n  - {at: 1, delete: {}}\n  - {at: 3, createService: myservice}\ncontainers: {}\n");
        let s3 = append_action(
            "kind: Scenario\n",
            3.0,
            &LiveAction::Probe {
                container: "web".into(),
                probe_type: "readiness".into(),
                result: "failure".into(),
            },
        );
        assert_eq!(s3, "kind: Scenario\nactions:\n  - {at: 3, probe: {container: web, type: readiness, result: failure}}\n");
        for s in [&s, &s2, &s3] {
            assert!(podlife_engine::scenario::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn scenario_actions_replay_and_errors_are_located() {
        let ex = podlife_engine::gallery::get(podlife_engine::gallery::DEFAULT).unwrap();
        let scn = append_action("", 20.0, &LiveAction::Delete);
        let tr = simulate_with(ex.yaml, &scn, &Versions::kubelet("1.34")).expect("simulates");
        assert!(tr.timeline.pod.deleted_at.is_some());
        let (m, s) = simulate_with(
            ex.yaml,
            "kind: Scenario\nactions:\n  - {at: 1, explode: {}}\n",
            &Versions::default(),
        )
        .expect_err("unknown field");
        assert!(m.is_empty());
        assert!(s.iter().any(|d| d.line.is_some()), "{s:?}");
    }

    #[test]
    fn broken_yaml_gives_located_errors() {
        let ex = podlife_engine::gallery::get("crash-loop").unwrap();
        let broken = ex.yaml.replace("  containers:", "  containers: [");
        let errs = simulate(&broken).expect_err("broken YAML fails");
        assert!(
            errs.iter().any(|d| d.is_error() && d.line.is_some()),
            "{errs:?}"
        );
    }
}

#[cfg(test)]
mod live_timing {
    /// Where a live action's first redraw goes (figures only):
    /// `cargo test --release -p podlife-web --lib live_timing -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn live_timing() {
        use std::time::Instant;
        let stress = include_str!("../crates/engine/benches/stress-pod.yaml");
        let text = format!("{stress}\n---\nkind: Scenario\nsettings: {{until: 86400}}\n");
        let t = Instant::now();
        let (trace, session) =
            super::simulate_session(&text, "", &super::Versions::default()).expect("valid");
        println!("full run + model: {:?}", t.elapsed());
        let t = Instant::now();
        let _ = crate::model::Trace::build(trace.timeline.clone(), vec![]);
        println!("Trace::build of the whole day: {:?}", t.elapsed());
        let a = super::LiveAction::Kill {
            container: "c3".into(),
        };
        let scn = super::append_action("", 43200.0, &a);
        let t = Instant::now();
        let mut job = session.live(43200.0, &a, &scn).expect("a job");
        println!("live (clone checkpoint, apply): {:?}", t.elapsed());
        let t = Instant::now();
        job.slice(super::FIRST_EVENTS);
        println!("first slice: {:?}", t.elapsed());
        let t = Instant::now();
        let tl = job.kubelet.timeline();
        println!("kubelet.timeline(): {:?}", t.elapsed());
        let t = Instant::now();
        let _ = crate::model::Trace::build(tl, vec![]);
        println!("Trace::build (partial): {:?}", t.elapsed());
    }
}
