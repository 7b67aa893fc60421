//! The steppable machine (`Kubelet`, quinn-proto's shape): stepping in any increments gives the
//! batch result; a snapshot branches without touching the original; an action handed in at t
//! equals the same action written in the scenario at t; the timeline so far ends at the clock.
#![cfg(not(target_arch = "wasm32"))]

use podlife_engine::{gallery, kubectl, prepare, Action, Settings, Time, Timeline};

fn secs(x: f64) -> Time {
    Time::from_secs_f64(x)
}

fn json(tl: &Timeline) -> String {
    serde_json::to_string(tl).expect("timeline serialises")
}

fn settings(until: f64) -> Settings {
    Settings {
        until: secs(until),
        ..Settings::default()
    }
}

#[test]
fn stepping_in_any_increments_equals_the_batch_run() {
    for e in gallery::EXAMPLES {
        let p = prepare(e.yaml, None, &settings(600.0)).unwrap_or_else(|d| panic!("{d:?}"));
        let batch = p.kubelet().finish();
        // Odd increments that fall between, on and past event instants.
        let mut k = p.kubelet();
        let mut t = 0.0;
        while t < 600.0 {
            t += 7.3;
            k.handle_timeout(secs(t));
            assert!(
                k.now() <= secs(600.0),
                "{}: the clock passed the horizon",
                e.id
            );
        }
        let stepped = k.finish();
        assert!(
            json(&stepped.0) == json(&batch.0),
            "{}: stepping by 7.3 s changed the timeline",
            e.id
        );
        assert_eq!(stepped.1, batch.1, "{}: notes differ", e.id);
    }
}

#[test]
fn poll_timeout_names_the_next_instant_and_never_goes_back() {
    let e = gallery::get("exec-liveness").expect("gallery pod");
    let p = prepare(e.yaml, None, &settings(200.0)).expect("valid");
    let mut k = p.kubelet();
    assert_eq!(
        k.poll_timeout(),
        Some(Time::ZERO),
        "the first sync is due at creation"
    );
    let mut last = Time::ZERO;
    let mut steps = 0;
    while let Some(t) = k.poll_timeout() {
        assert!(t >= last, "deadline {t} before {last}");
        assert!(t <= secs(200.0), "deadline {t} past the horizon");
        k.handle_timeout(t);
        assert_eq!(k.now(), t);
        last = t;
        steps += 1;
    }
    // At least one step per liveness tick (every 5 s).
    assert!(steps >= 40, "only {steps} steps over 200 s of probes");
}

#[test]
fn the_timeline_so_far_ends_at_the_clock() {
    let e = gallery::get("exec-liveness").expect("gallery pod");
    let p = prepare(e.yaml, None, &settings(200.0)).expect("valid");
    let mut k = p.kubelet();
    k.handle_timeout(secs(50.0));
    let tl = k.timeline();
    assert_eq!(tl.until, secs(50.0));
    assert!(tl.events.iter().all(|ev| ev.t <= secs(50.0)));
    // The docs' exec-liveness pod: the first liveness kill is already under way at 50 s.
    assert!(tl.events.iter().any(|ev| ev.reason == "Killing"));
    // Reading the timeline does not move or change the machine.
    assert_eq!(k.now(), secs(50.0));
    let again = k.timeline();
    assert_eq!(json(&tl), json(&again));
}

#[test]
fn a_snapshot_branches_without_touching_the_original() {
    let e = gallery::get("exec-liveness").expect("gallery pod");
    let p = prepare(e.yaml, None, &settings(120.0)).expect("valid");
    let mut k = p.kubelet();
    k.handle_timeout(secs(20.0));
    let snapshot = k.clone();
    let mut deleted = snapshot.clone();
    deleted.handle_action(
        secs(20.0),
        Action::Delete {
            grace_period_seconds: Some(0),
            force: false,
        },
    );
    let (deleted, _) = deleted.finish();
    let (plain, _) = snapshot.finish();
    let (original, _) = k.finish();
    assert_eq!(json(&plain), json(&original), "the snapshot is independent");
    assert_eq!(deleted.pod.deleted_at, Some(secs(20.0)));
    assert_eq!(original.pod.deleted_at, None);
    let at = |tl: &Timeline| kubectl::status_at(tl, secs(60.0));
    assert!(at(&deleted).removed, "deleted with grace 0: gone by 60 s");
    assert!(!at(&original).removed);
}

#[test]
fn an_action_handed_in_equals_the_same_action_in_the_scenario() {
    let e = gallery::get("exec-liveness").expect("gallery pod");
    for at in [0.0, 12.5, 33.0, 45.5] {
        let p = prepare(e.yaml, None, &settings(150.0)).expect("valid");
        let action = Action::Kill {
            container: "liveness".into(),
            reason: None,
            exit_code: None,
        };
        // `handle_action` runs what is due strictly before `at`, then the action, as the
        // scenario's action at `at` runs before anything else due then.
        let mut k = p.kubelet();
        k.handle_timeout(secs(at - 0.001));
        k.handle_action(secs(at), action.clone());
        let stepped = k.finish().0;
        let mut q = p.clone();
        q.scenario.actions.push(action.at(secs(at)));
        let batch = q.kubelet().finish().0;
        assert!(
            json(&stepped) == json(&batch),
            "kill at {at}: stepped and scenario runs differ"
        );
    }
}

#[test]
fn an_action_before_the_clock_applies_at_the_clock() {
    let e = gallery::get("exec-liveness").expect("gallery pod");
    let p = prepare(e.yaml, None, &settings(100.0)).expect("valid");
    let mut k = p.kubelet();
    k.handle_timeout(secs(30.0));
    k.handle_action(
        secs(10.0),
        Action::Delete {
            grace_period_seconds: Some(1),
            force: false,
        },
    );
    assert_eq!(k.actions().last().map(|a| a.at), Some(secs(30.0)));
    assert_eq!(k.finish().0.pod.deleted_at, Some(secs(30.0)));
}
