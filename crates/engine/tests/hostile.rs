//! Hostile input stays bounded (issue: "Hostile input stays bounded"): busy loops in
//! containers, probes and hooks, command substitution nested 100 000 deep, a 10 MB script,
//! endless standard input and YAML merge keys each end in a result or a clean, located error.
//! The fixtures are `tests/hostile/*.yaml`; times are reported by the release benchmark, not
//! asserted here.
#![cfg(not(target_arch = "wasm32"))]

use podlife_engine::{kubectl, simulate, Settings, Time};

fn secs(x: f64) -> Time {
    Time::from_secs_f64(x)
}

fn fixture(name: &str) -> String {
    let p = format!("{}/../../tests/hostile/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn settings(until: f64) -> Settings {
    Settings {
        until: secs(until),
        ..Settings::default()
    }
}

#[test]
fn busy_loop_in_a_container_is_stated_and_keeps_running() {
    let sim = simulate(&fixture("busy-container.yaml"), None, &settings(3600.0)).unwrap();
    let st = kubectl::status_at(&sim.timeline, secs(3600.0));
    assert_eq!(st.kubectl.status, "Running");
    let w = sim
        .warnings
        .iter()
        .find(|d| d.message.contains("never waits"))
        .expect("the busy loop is stated");
    assert_eq!(w.path, "spec.containers[0].command[2]");
    assert_eq!(w.line, Some(9), "located at the script: {w:?}");
}

#[test]
fn busy_probe_times_out_each_tick_and_restarts_the_container() {
    let sim = simulate(&fixture("busy-probe.yaml"), None, &settings(600.0)).unwrap();
    assert!(sim
        .timeline
        .events
        .iter()
        .any(|e| e.reason == "Unhealthy" && e.message.contains("timed out")));
    assert!(sim
        .warnings
        .iter()
        .any(|d| d.path.contains("livenessProbe.exec.command")));
}

#[test]
fn busy_hooks_end_at_the_grace_period() {
    let sim = simulate(&fixture("busy-hooks.yaml"), None, &settings(120.0)).unwrap();
    assert!(
        sim.timeline.pod.removed_at.is_some(),
        "the pod is removed after its grace"
    );
}

#[test]
fn merge_keys_are_accepted() {
    let sim = simulate(&fixture("merge-keys.yaml"), None, &settings(10.0))
        .unwrap_or_else(|d| panic!("{d:?}"));
    let names: Vec<_> = sim
        .timeline
        .containers
        .iter()
        .map(|c| c.name.clone())
        .collect();
    assert_eq!(names, ["one", "two"]);
    let logs = kubectl::logs(&sim.timeline, Some("two"), false, secs(10.0)).unwrap();
    assert_eq!(logs.text, "two\n");
}

#[test]
fn endless_stdin_is_bounded() {
    let sim = simulate(&fixture("endless-stdin.yaml"), None, &settings(60.0)).unwrap();
    let logs = kubectl::logs(&sim.timeline, None, false, secs(60.0)).unwrap();
    assert!(logs.text.ends_with("y\n"), "{:?}", logs.text);
    assert_eq!(
        kubectl::status_at(&sim.timeline, secs(60.0)).kubectl.status,
        "Running"
    );
}

fn pod_with_script(script: &str) -> String {
    let quoted = serde_json::to_string(script).unwrap();
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: hostile}}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox\n    command: [sh, -c, {quoted}]\n"
    )
}

#[test]
fn deeply_nested_substitution_is_a_syntax_error_not_a_crash() {
    let n = 100_000;
    let script = format!("echo {}x{}", "$(".repeat(n), ")".repeat(n));
    let text = pod_with_script(&script);
    match simulate(&text, None, &settings(10.0)) {
        Ok(sim) => {
            let logs = kubectl::logs(&sim.timeline, None, false, secs(10.0)).unwrap();
            assert!(logs.text.contains("nesting too deep"), "{}", logs.text);
            assert_eq!(sim.timeline.containers[0].runs[0].exit_code, Some(2));
        }
        // Over the input size cap: a clean error.
        Err(d) => assert!(!d.is_empty()),
    }
}

#[test]
fn a_huge_script_is_rejected_or_run_bounded() {
    let script = "echo hello\n".repeat(1_000_000); // 11 MB
    let text = pod_with_script(&script);
    match simulate(&text, None, &settings(10.0)) {
        Err(d) => assert!(d.iter().any(|d| d.is_error())),
        Ok(sim) => assert!(!sim.timeline.containers.is_empty()),
    }
    // The interpreter itself copes with a long script under the manifest cap.
    let script = "x=$((x+1))\n".repeat(50_000);
    let sim = simulate(&pod_with_script(&script), None, &settings(10.0)).unwrap();
    assert_eq!(sim.timeline.containers[0].runs[0].exit_code, Some(0));
}
