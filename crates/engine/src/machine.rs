//! The kubelet as a steppable machine, in quinn-proto's shape: the caller owns the clock.
//!
//! ```text
//! let mut k = Kubelet::new(&pod, scenario, settings);
//! while let Some(t) = k.poll_timeout() {      // the next instant something is due
//!     k.handle_timeout(t);                    // process everything due at or before t
//! }
//! k.handle_action(t, Action::Delete { .. });  // an outside action at t (API, kernel, user)
//! let timeline = k.timeline();                // what happened so far (plain data)
//! let (timeline, notes) = k.finish();         // run to the horizon and close the books
//! ```
//!
//! The machine does no I/O and reads no clock; time only moves when the caller moves it. It is
//! `Clone`: keep a snapshot at t and branch from it (the web app applies a live action at the
//! cursor by stepping a snapshot, not by replaying from zero). [`crate::simulate`] is a short
//! driver loop over it.

use crate::kubelet::{self, Sim};
use crate::scenario::{self, Scenario};
use crate::timeline::{ProbeType, Time, Timeline};
use crate::{Diagnostic, Settings};
use k8s_openapi::api::core::v1::Pod;

/// Something from outside the kubelet that reaches it at a given instant.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// `kubectl delete pod [--grace-period=N] [--force]`.
    Delete {
        grace_period_seconds: Option<i64>,
        force: bool,
    },
    /// The container's process dies (the OOM killer by default: exit 137, `OOMKilled`).
    Kill {
        container: String,
        reason: Option<String>,
        exit_code: Option<i32>,
    },
    /// From now on the container's probe of this type returns `success` (or fails).
    Probe {
        container: String,
        probe_type: ProbeType,
        success: bool,
    },
    /// A Service appears: its DNS name resolves from the pod.
    CreateService(String),
    /// A Service goes away.
    DeleteService(String),
    /// `kubectl debug`: an ephemeral container is added.
    AddEphemeralContainer(scenario::EphemeralAction),
    /// `kubectl set image`.
    SetImage { container: String, image: String },
    /// The pod sandbox dies; the kubelet re-creates it.
    SandboxDies,
    /// In-place resize of a container's cpu/memory (`pods/resize`).
    Resize(scenario::ResizeAction),
}

impl Action {
    /// The actions a scenario entry holds (one per field that is set), in the order the kubelet
    /// applies them.
    pub fn from_scenario(a: &scenario::Action) -> Vec<Action> {
        let mut out = vec![];
        if let Some(d) = &a.delete {
            out.push(Action::Delete {
                grace_period_seconds: d.grace_period_seconds,
                force: d.force,
            });
        }
        if let Some(k) = &a.kill {
            out.push(Action::Kill {
                container: k.container.clone(),
                reason: k.reason.clone(),
                exit_code: k.exit_code,
            });
        }
        if let Some(s) = &a.create_service {
            out.push(Action::CreateService(s.clone()));
        }
        if let Some(s) = &a.delete_service {
            out.push(Action::DeleteService(s.clone()));
        }
        if let Some(e) = &a.add_ephemeral_container {
            out.push(Action::AddEphemeralContainer(e.clone()));
        }
        if let Some(si) = &a.set_image {
            out.push(Action::SetImage {
                container: si.container.clone(),
                image: si.image.clone(),
            });
        }
        if a.sandbox_dies.is_some() {
            out.push(Action::SandboxDies);
        }
        if let Some(r) = &a.resize {
            out.push(Action::Resize(r.clone()));
        }
        if let Some(p) = &a.probe {
            out.push(Action::Probe {
                container: p.container.clone(),
                probe_type: match p.probe_type.as_str() {
                    "liveness" => ProbeType::Liveness,
                    "startup" => ProbeType::Startup,
                    _ => ProbeType::Readiness,
                },
                success: p.result == "success",
            });
        }
        out
    }

    /// The same action as a scenario entry at `at`.
    pub fn at(self, at: Time) -> scenario::Action {
        let mut a = scenario::Action {
            at,
            ..Default::default()
        };
        match self {
            Action::Delete {
                grace_period_seconds,
                force,
            } => {
                a.delete = Some(scenario::DeleteAction {
                    grace_period_seconds,
                    force,
                })
            }
            Action::Kill {
                container,
                reason,
                exit_code,
            } => {
                a.kill = Some(scenario::KillAction {
                    container,
                    reason,
                    exit_code,
                })
            }
            Action::Probe {
                container,
                probe_type,
                success,
            } => {
                a.probe = Some(scenario::ProbeAction {
                    container,
                    probe_type: probe_type.title().to_ascii_lowercase(),
                    result: if success { "success" } else { "failure" }.into(),
                })
            }
            Action::CreateService(s) => a.create_service = Some(s),
            Action::DeleteService(s) => a.delete_service = Some(s),
            Action::AddEphemeralContainer(e) => a.add_ephemeral_container = Some(e),
            Action::SetImage { container, image } => {
                a.set_image = Some(scenario::SetImageAction { container, image })
            }
            Action::SandboxDies => a.sandbox_dies = Some(serde_yaml::Value::Bool(true)),
            Action::Resize(r) => a.resize = Some(r),
        }
        a
    }
}

/// The kubelet of one node running one pod (see the module docs).
#[derive(Clone)]
pub struct Kubelet {
    sim: Sim,
}

impl Kubelet {
    /// A kubelet that has just been handed `pod` (already defaulted and validated) at t = 0:
    /// the scheduler's event is recorded and the first sync is due at once. The scenario's
    /// actions are queued at their times; `settings.until` is the horizon.
    pub fn new(pod: &Pod, scenario: Scenario, settings: Settings) -> Self {
        Self::created_at(pod, scenario, settings, Time::ZERO)
    }

    /// Like [`Kubelet::new`] for a pod created at `t0` (a controller's replacement pod); times
    /// are still measured from the first pod's creation.
    pub fn created_at(pod: &Pod, scenario: Scenario, settings: Settings, t0: Time) -> Self {
        Kubelet {
            sim: kubelet::machine(pod, scenario, settings, t0),
        }
    }

    /// The machine's clock: the last instant it was moved to.
    pub fn now(&self) -> Time {
        self.sim.now
    }

    /// Events processed so far (a measure of work, for callers that step in slices).
    pub fn events_processed(&self) -> u64 {
        self.sim.processed
    }

    /// The horizon (`settings.until`): nothing is processed after it.
    pub fn horizon(&self) -> Time {
        self.sim.s.until
    }

    /// The next instant something is due (a sync, a probe tick, a process wake, a queued
    /// action), or `None` when nothing is left before the horizon.
    pub fn poll_timeout(&self) -> Option<Time> {
        self.sim.next_due()
    }

    /// Move the clock to `now`, processing everything due at or before it in (time, sequence)
    /// order. Moving backwards does nothing.
    pub fn handle_timeout(&mut self, now: Time) {
        self.sim.run_until(now, true);
    }

    /// Apply an outside action at `now`: everything due strictly before `now` runs first, then
    /// the action, then (on the next [`Kubelet::handle_timeout`]) what else is due at `now` —
    /// the same order as the action written in the scenario at `now`. An action before the
    /// clock applies at the clock.
    pub fn handle_action(&mut self, now: Time, action: Action) {
        self.sim.run_until(now, false);
        let at = self.sim.now;
        let scn = std::rc::Rc::make_mut(&mut self.sim.scenario);
        scn.actions.push(action.at(at));
        let i = scn.actions.len() - 1;
        self.sim.action(i);
    }

    /// What happened so far: the timeline up to the clock (its `until` is the clock).
    pub fn timeline(&self) -> Timeline {
        let now = self.sim.now;
        self.sim.clone().finish(now).0
    }

    /// The actions applied so far, as scenario entries (including the scenario's own ones that
    /// fell due).
    pub fn actions(&self) -> &[scenario::Action] {
        &self.sim.scenario.actions
    }

    /// Run to the horizon and return the whole timeline with the notes (assumptions and
    /// warnings, located at their fields).
    pub fn finish(mut self) -> (Timeline, Vec<Diagnostic>) {
        let until = self.sim.s.until;
        while let Some(t) = self.poll_timeout() {
            self.handle_timeout(t);
        }
        self.sim.run_until(until, true);
        self.sim.finish(until)
    }
}
