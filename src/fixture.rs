//! Hand-built timelines for developing and testing the views without running the engine.
//!
//! [`liveness_exec`] follows kubelet-semantics §10.1 (the docs' exec-liveness pod) for its first
//! three runs; [`stress`] is a long, dense timeline for checking level of detail. Load one in the
//! browser with `?fixture=liveness` or `?fixture=stress`.

/// Seconds as the engine's exact time.
fn secs(t: f64) -> podlife_engine::Time {
    podlife_engine::Time::from_secs_f64(t)
}

use podlife_engine::*;

fn waiting(
    name: &str,
    reason: &str,
    restarts: u32,
    last: Option<ContainerState>,
) -> ContainerStatus {
    ContainerStatus {
        name: name.into(),
        ready: false,
        started: false,
        restart_count: restarts,
        state: ContainerState::Waiting {
            reason: reason.into(),
            message: String::new(),
        },
        last_state: last,
        image: "registry.k8s.io/busybox".into(),
        stop_signal: None,
    }
}

fn running(
    name: &str,
    started_at: Time,
    restarts: u32,
    last: Option<ContainerState>,
) -> ContainerStatus {
    ContainerStatus {
        name: name.into(),
        ready: true,
        started: true,
        restart_count: restarts,
        state: ContainerState::Running { started_at },
        last_state: last,
        image: "registry.k8s.io/busybox".into(),
        stop_signal: None,
    }
}

fn killed(started_at: Time, finished_at: Time) -> ContainerState {
    ContainerState::Terminated {
        exit_code: 137,
        reason: "Error".into(),
        message: String::new(),
        signal: None,
        started_at,
        finished_at,
    }
}

fn cond(t: &str, ok: bool, at: Time) -> PodCondition {
    PodCondition {
        condition_type: t.into(),
        status: if ok { "True" } else { "False" }.into(),
        reason: None,
        message: None,
        last_transition_time: at,
        observed_generation: None,
    }
}

fn status(phase: &str, ready: bool, c: ContainerStatus) -> PodStatus {
    PodStatus {
        phase: phase.parse().expect("a pod phase"),
        reason: None,
        message: None,
        conditions: vec![
            cond("PodReadyToStartContainers", ready, secs(0.0)),
            cond("Initialized", true, secs(0.0)),
            cond("Ready", ready, secs(0.0)),
            cond("ContainersReady", ready, secs(0.0)),
            cond("PodScheduled", true, secs(0.0)),
        ],
        init_container_statuses: vec![],
        container_statuses: vec![c],
        ephemeral_container_statuses: vec![],
        start_time: Some(secs(0.0)),
        observed_generation: None,
    }
}

fn event(t: Time, warning: bool, reason: &str, object: &str, message: &str) -> Event {
    Event {
        t,
        event_type: if warning {
            podlife_engine::EventType::Warning
        } else {
            podlife_engine::EventType::Normal
        },
        reason: reason.into(),
        object: object.into(),
        message: message.into(),
        source: "kubelet".into(),
    }
}

fn span(start: Time, end: Option<Time>, label: &str) -> Span {
    Span {
        start,
        end,
        label: label.into(),
        detail: None,
    }
}

/// Built through serde so the fixture keeps compiling as the engine adds fields with defaults
/// (e.g. the skipped `object`).
fn pod_info(name: &str) -> PodInfo {
    let yaml = format!(
        "name: {name}\nnamespace: default\nuid: 00000000-0000-0000-0000-000000000001\nnode: node01\n\
         podIp: 10.244.0.5\nrestartPolicy: Always\nterminationGracePeriodSeconds: 30\n\
         labels: [[test, liveness]]\ndescribe: []\n"
    );
    serde_yaml::from_str(&yaml).expect("fixture PodInfo")
}

/// The docs' exec-liveness pod for 180 s: killed by liveness at 45.5 s and 120.5 s, SIGKILLed
/// 30 s later each time (the shell ignores SIGTERM), restarted at 76.4 s and 151.4 s.
pub fn liveness_exec() -> Timeline {
    let until = 180.0;
    let starts = [1.9, 76.4, 151.4];
    let mut runs = Vec::new();
    let mut ticks = Vec::new();
    let mut events = vec![event(
        secs(-0.1),
        false,
        "Scheduled",
        "",
        "Successfully assigned default/liveness-exec to node01",
    )];
    let obj = "spec.containers{liveness}";
    for (i, &s) in starts.iter().enumerate() {
        let last = i == starts.len() - 1;
        let horizon = starts.get(i + 1).copied().unwrap_or(until);
        events.push(event(
            secs(s - 0.9),
            false,
            "Pulling",
            obj,
            "Pulling image \"registry.k8s.io/busybox\"",
        ));
        events.push(event(
            secs(s - 0.1),
            false,
            "Pulled",
            obj,
            "Successfully pulled image \"registry.k8s.io/busybox\" in 800ms",
        ));
        events.push(event(
            secs(s - 0.05),
            false,
            "Created",
            obj,
            "Created container: liveness",
        ));
        events.push(event(
            secs(s),
            false,
            "Started",
            obj,
            "Started container liveness",
        ));
        // Worker ticks on the 5 s grid; the file disappears 30 s after the start.
        let mut t = (s / 5.0).ceil() * 5.0;
        let mut fails = 0;
        let mut kill = None;
        while t < horizon {
            let age = t - s;
            let (result, detail, run, tripped) = if kill.is_some() {
                (
                    ProbeResult::Skipped,
                    Some("on hold after liveness failure".to_string()),
                    0,
                    false,
                )
            } else if age < 5.0 {
                (
                    ProbeResult::Skipped,
                    Some("initial delay".to_string()),
                    1,
                    false,
                )
            } else if age < 30.0 {
                (ProbeResult::Success, None, 1, false)
            } else {
                fails += 1;
                events.push(event(
                    secs(t),
                    true,
                    "Unhealthy",
                    obj,
                    "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
                ));
                if fails == 3 {
                    kill = Some(t + 0.5);
                }
                (
                    ProbeResult::Failure,
                    Some("cat: can't open '/tmp/healthy'".to_string()),
                    fails,
                    fails == 3,
                )
            };
            ticks.push(ProbeTick {
                t: secs(t),
                result,
                detail,
                run,
                tripped,
                count: 1,
            });
            t += 5.0;
        }
        let kill = kill.filter(|_| !last);
        let exit = kill.map(|k| k + 30.0);
        if let Some(k) = kill {
            events.push(event(
                secs(k),
                false,
                "Killing",
                obj,
                "Container liveness failed liveness probe, will be restarted",
            ));
        }
        runs.push(Run {
            restart_count: i as u32,
            created: secs(s - 0.05),
            started: secs(s),
            exited: exit.map(secs),
            exit_code: exit.map(|_| 137),
            reason: exit.map(|_| "Error".to_string()),
            post_start: None,
            pre_stop: None,
            kill_started: kill.map(secs),
            kill_reason: kill
                .map(|_| "Container liveness failed liveness probe, will be restarted".to_string()),
            sigterm: kill.map(secs),
            stop_signal: None,
            sigkill: exit.map(secs),
            logs: vec![],
        });
    }
    events.sort_by_key(|e| e.t);
    let pulls = starts
        .iter()
        .map(|s| span(secs(s - 0.9), Some(secs(s - 0.1)), "Pulling"))
        .collect();
    let snapshots = vec![
        StatusSnapshot {
            t: secs(0.0),
            status: status(
                "Pending",
                false,
                waiting("liveness", "ContainerCreating", 0, None),
            ),
        },
        StatusSnapshot {
            t: secs(2.5),
            status: status("Running", true, running("liveness", secs(1.9), 0, None)),
        },
        StatusSnapshot {
            t: secs(76.5),
            status: status(
                "Running",
                true,
                running(
                    "liveness",
                    secs(76.4),
                    1,
                    Some(killed(secs(1.9), secs(75.5))),
                ),
            ),
        },
        StatusSnapshot {
            t: secs(151.5),
            status: status(
                "Running",
                true,
                running(
                    "liveness",
                    secs(151.4),
                    2,
                    Some(killed(secs(76.4), secs(150.5))),
                ),
            ),
        },
    ];
    let containers = vec![ContainerTrack {
        name: "liveness".into(),
        kind: ContainerKind::Regular,
        image: "registry.k8s.io/busybox".into(),
        image_pull_policy: PullPolicy::Always,
        runs,
        pulls,
        backoffs: vec![],
        probes: vec![ProbeTrack {
            probe_type: ProbeType::Liveness,
            worker_created: secs(0.0),
            period: secs(5.0),
            initial_delay: secs(5.0),
            failure_threshold: 3,
            success_threshold: 1,
            describe: "exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3"
                .into(),
            ticks,
        }],
        assumptions: vec![],
    }];
    assemble(
        secs(until),
        pod_info("liveness-exec"),
        vec![span(secs(0.0), None, "Ready")],
        containers,
        events,
        snapshots,
        vec![
            secs(0.0),
            secs(2.5),
            secs(45.5),
            secs(76.5),
            secs(120.5),
            secs(151.5),
        ],
    )
}

/// Build a [`Timeline`] through serde, so fields the engine adds with defaults need no change here.
fn assemble(
    until: Time,
    pod: PodInfo,
    sandbox: Vec<Span>,
    containers: Vec<ContainerTrack>,
    events: Vec<Event>,
    snapshots: Vec<StatusSnapshot>,
    syncs: Vec<Time>,
) -> Timeline {
    use serde_yaml::{to_value, Mapping, Value};
    let mut m = Mapping::new();
    let mut put = |k: &str, v: Value| {
        m.insert(Value::String(k.into()), v);
    };
    put("until", to_value(until).unwrap());
    put("pod", to_value(&pod).unwrap());
    put("sandbox", to_value(&sandbox).unwrap());
    put("containers", to_value(&containers).unwrap());
    put("events", to_value(&events).unwrap());
    put("snapshots", to_value(&snapshots).unwrap());
    put("syncs", to_value(&syncs).unwrap());
    serde_yaml::from_value(Value::Mapping(m)).expect("fixture Timeline")
}

/// A long, dense timeline (one probe tick per second for a day, a crash every 7 s) for checking
/// that drawing cost follows the visible pixels.
pub fn stress() -> Timeline {
    let mut tl = liveness_exec();
    tl.until = secs(86_400.0);
    let c = &mut tl.containers[0];
    c.runs.clear();
    let mut t = 2.0;
    let mut i = 0;
    while secs(t + 7.0) < tl.until {
        c.runs.push(Run {
            restart_count: i,
            created: secs(t - 0.05),
            started: secs(t),
            exited: Some(secs(t + 5.0)),
            exit_code: Some(1),
            reason: Some("Error".into()),
            post_start: None,
            pre_stop: None,
            kill_started: None,
            kill_reason: None,
            sigterm: None,
            stop_signal: None,
            sigkill: None,
            logs: vec![],
        });
        t += 7.0;
        i += 1;
    }
    c.pulls.clear();
    // Run-length encoded as the engine stores them: 16 successes, then one failure, repeated.
    c.probes[0].period = secs(1.0);
    c.probes[0].ticks = (0..86_400 / 17)
        .flat_map(|i| {
            let t = 1.0 + i as f64 * 17.0;
            let ok = ProbeTick {
                t: secs(t),
                result: ProbeResult::Success,
                detail: None,
                run: 1,
                tripped: false,
                count: 16,
            };
            let bad = ProbeTick {
                t: secs(t + 16.0),
                result: ProbeResult::Failure,
                detail: None,
                run: 1,
                tripped: false,
                count: 1,
            };
            [ok, bad]
        })
        .collect();
    tl
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures_are_sorted() {
        for tl in [super::liveness_exec(), super::stress()] {
            let c = &tl.containers[0];
            let p = &c.probes[0];
            assert!(p
                .ticks
                .windows(2)
                .all(|w| w[0].t + p.period * ((w[0].count - 1) as i64) < w[1].t));
            assert!(c
                .runs
                .windows(2)
                .all(|w| w[0].exited.unwrap() <= w[1].created));
            assert!(tl.events.windows(2).all(|w| w[0].t <= w[1].t));
        }
    }
}
