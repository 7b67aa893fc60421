//! The CLI contract (`podlife status|events|timeline|describe`), run as a user would: the real
//! binary, a file or stdin, JSON parsed back. Fidelity checks name the rule they mirror.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

const EXEC_LIVENESS: &str = include_str!("../../engine/gallery/exec-liveness.yaml");

fn podlife(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_podlife"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("podlife runs");
    if let Some(s) = stdin {
        // A command that rejects its arguments exits without reading stdin: a broken pipe
        // then is expected, not a failure.
        let written = child.stdin.take().expect("stdin").write_all(s.as_bytes());
        if let Err(e) = written {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
        }
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("podlife finishes")
}

fn ok_json(args: &[&str], stdin: Option<&str>) -> Value {
    let out = podlife(args, stdin);
    assert!(
        out.status.success(),
        "podlife {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// kubelet-semantics.md §10.1: status at the instants around the first liveness kill.
#[test]
fn status_json_follows_the_exec_liveness_pod() {
    let v = ok_json(
        &["status", "-", "--at", "40,75,77", "--format", "json"],
        Some(EXEC_LIVENESS),
    );
    let arr = v.as_array().expect("an array for several --at times");
    assert_eq!(arr.len(), 3);
    let (before, frozen, after) = (&arr[0], &arr[1], &arr[2]);
    assert_eq!(before["t"], 40.0);
    assert_eq!(before["removed"], false);
    assert_eq!(before["phase"], "Running");
    assert_eq!(before["containerStatuses"][0]["restartCount"], 0);
    assert!(before["containerStatuses"][0]["state"]["running"]["startedAt"].is_number());
    // During the 30 s kill the API status is frozen at the kill-sync's start (§6.4).
    assert_eq!(frozen["containerStatuses"][0]["restartCount"], 0);
    assert_eq!(frozen["kubectl"]["status"], "Running");
    // After the restart: restartCount 1, lastState terminated Error 137, kubectl "1 (2s ago)".
    let cs = &after["containerStatuses"][0];
    assert_eq!(cs["restartCount"], 1);
    assert_eq!(cs["lastState"]["terminated"]["exitCode"], 137);
    assert_eq!(cs["lastState"]["terminated"]["reason"], "Error");
    assert_eq!(cs["lastState"]["terminated"]["finishedAt"], 75.5);
    assert_eq!(after["kubectl"]["ready"], "1/1");
    assert_eq!(after["kubectl"]["status"], "Running");
    assert_eq!(after["kubectl"]["restarts"], "1 (2s ago)");
    assert_eq!(after["kubectl"]["age"], "77s");
    // Exactly one of waiting/running/terminated.
    for s in [before, frozen, after] {
        let state = s["containerStatuses"][0]["state"]
            .as_object()
            .expect("state object");
        assert_eq!(state.len(), 1, "state has exactly one key: {state:?}");
    }
    // One time: one object, not an array.
    let one = ok_json(
        &["status", "-", "--at", "3", "--format", "json"],
        Some(EXEC_LIVENESS),
    );
    assert!(one.is_object());
    let conds: Vec<&str> = one["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        conds,
        vec![
            "PodReadyToStartContainers",
            "Initialized",
            "Ready",
            "ContainersReady",
            "PodScheduled"
        ]
    );
}

/// `pkg/kubelet/prober/prober.go` `probe` and `kuberuntime_container.go` `killContainer` texts.
#[test]
fn events_json_carries_the_kubelet_texts_in_time_order() {
    let v = ok_json(
        &["events", "-", "--until", "80", "--format", "json"],
        Some(EXEC_LIVENESS),
    );
    let evs = v.as_array().unwrap();
    let ts: Vec<f64> = evs.iter().map(|e| e["t"].as_f64().unwrap()).collect();
    assert!(ts.windows(2).all(|w| w[0] <= w[1]), "time order: {ts:?}");
    assert!(ts.iter().all(|&t| t <= 80.0));
    let unhealthy: Vec<&Value> = evs.iter().filter(|e| e["reason"] == "Unhealthy").collect();
    assert_eq!(unhealthy.len(), 3);
    for u in &unhealthy {
        assert_eq!(u["type"], "Warning");
        assert_eq!(u["object"], "spec.containers{liveness}");
        assert_eq!(u["source"], "kubelet");
        assert!(
            u["message"]
                .as_str()
                .unwrap()
                .starts_with("Liveness probe failed:"),
            "{u}"
        );
    }
    let killing = evs
        .iter()
        .find(|e| e["reason"] == "Killing")
        .expect("a Killing event");
    assert_eq!(
        killing["message"],
        "Container liveness failed liveness probe, will be restarted"
    );
    assert_eq!(killing["t"], 45.5);
    let sched = &evs[0];
    assert_eq!(sched["reason"], "Scheduled");
    assert_eq!(sched["object"], "");
    assert_eq!(sched["source"], "default-scheduler");
}

#[test]
fn timeline_json_has_runs_signals_and_probe_ticks() {
    let v = ok_json(
        &["timeline", "-", "--until", "100", "--format", "json"],
        Some(EXEC_LIVENESS),
    );
    assert_eq!(v["until"], 100.0);
    assert!(v["pod"]["deletedAt"].is_null());
    assert!(v["pod"]["removedAt"].is_null());
    let c = &v["containers"][0];
    assert_eq!(c["name"], "liveness");
    assert_eq!(c["kind"], "regular");
    let runs = c["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    // The first restart comes only after the 30 s grace period: SIGTERM ignored, SIGKILL at +30.
    assert_eq!(runs[0]["started"], 1.9);
    assert_eq!(runs[0]["sigterm"], 45.5);
    assert_eq!(runs[0]["sigkill"], 75.5);
    assert_eq!(runs[0]["exited"], 75.5);
    assert_eq!(runs[0]["exitCode"], 137);
    assert_eq!(runs[0]["reason"], "Error");
    assert_eq!(runs[1]["started"], 76.4);
    let probe = &c["probes"][0];
    assert_eq!(probe["type"], "liveness");
    let ticks = probe["ticks"].as_array().unwrap();
    let first_exec = ticks
        .iter()
        .find(|t| t["result"] == "success")
        .expect("a successful tick");
    // The ticker is anchored at pod admission (t=0, period 5); the first real probe is at 10 s,
    // 8.1 s after the container started, not at start + initialDelaySeconds.
    assert_eq!(first_exec["t"], 10.0);
    let failures: Vec<f64> = ticks
        .iter()
        .filter(|t| t["result"] == "failure")
        .map(|t| t["t"].as_f64().unwrap())
        .collect();
    assert_eq!(&failures[..3], &[35.0, 40.0, 45.0]);
}

#[test]
fn describe_prints_the_events_table_with_aggregation() {
    let out = podlife(&["describe", "-", "--at", "50"], Some(EXEC_LIVENESS));
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Name:             liveness-exec"), "{text}");
    // kubectl 1.37 (the default) names the probe thresholds and prefixes container events with
    // their field path (kubectl 1.35+).
    assert!(text.contains("Liveness:       exec [cat /tmp/healthy] delay=5s timeout=1s period=5s successThreshold=1 failureThreshold=3"), "{text}");
    assert!(text.contains("Type     Reason     Age"), "{text}");
    assert!(text.contains("5s (x3 over 15s)"), "{text}");
    assert!(
        text.contains("spec.containers{liveness}: Container liveness failed liveness probe, will be restarted"),
        "{text}"
    );
    // An older kubectl prints them as before.
    let out = podlife(
        &["describe", "-", "--at", "50", "--kubectl-version", "1.34"],
        Some(EXEC_LIVENESS),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("period=5s #success=1 #failure=3"), "{text}");
    assert!(!text.contains("spec.containers{liveness}: "), "{text}");
}

#[test]
fn status_text_is_the_kubectl_get_table() {
    let out = podlife(&["status", "-", "--at", "77"], Some(EXEC_LIVENESS));
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "NAME            READY   STATUS    RESTARTS     AGE"
    );
    assert_eq!(
        lines[1],
        "liveness-exec   1/1     Running   1 (2s ago)   77s"
    );
}

/// Acceptance: each bad input exits non-zero with `error:` naming line:column and the field path.
#[test]
fn bad_input_gets_located_errors() {
    let base = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: busybox\n";
    let cases: &[(&str, String, &str)] = &[
        ("invalid YAML", "apiVersion: v1\nkind: Pod\nmetadata: {name: x\nspec: [\n".to_string(), "<stdin>:4:"),
        (
            "misspelled field",
            format!("{base}    livenessProbe:\n      exec: {{command: [cat, /x]}}\n      initalDelaySeconds: 5\n"),
            "<stdin>:11:7: spec.containers[0].livenessProbe.initalDelaySeconds: unknown field",
        ),
        (
            "negative period",
            format!("{base}    livenessProbe:\n      exec: {{command: [cat, /x]}}\n      periodSeconds: -1\n"),
            "<stdin>:11:7: spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1",
        ),
        ("duplicate names", format!("{base}  - name: app\n    image: busybox\n"), "<stdin>:9:5: spec.containers[1].name: Duplicate value: \"app\""),
        ("kind Service", "apiVersion: v1\nkind: Service\nmetadata: {name: x}\n".to_string(), "<stdin>:2:7: kind: Unsupported value: \"Service\""),
    ];
    for (what, input, want) in cases {
        let out = podlife(&["status", "-", "--at", "5"], Some(input));
        assert!(!out.status.success(), "{what}: should fail");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("error: "), "{what}: {err}");
        assert!(err.contains(want), "{what}: want {want:?} in {err}");
        assert!(out.stdout.is_empty(), "{what}: nothing on stdout");
    }
}

#[test]
fn bad_arguments_are_clear() {
    let out = podlife(&["status", "-", "--at", "soon"], Some(EXEC_LIVENESS));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: invalid time \"soon\""));
    let out = podlife(&["status", "/no/such/file.yaml"], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: /no/such/file.yaml:"));
    let out = podlife(
        &["status", "-", "--kubelet-version", "1.12"],
        Some(EXEC_LIVENESS),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("supported versions are 1.28 to"));
}

/// A deletion through a scenario: grace period, SIGTERM ignored by PID 1 sleep, SIGKILL at +32.5
/// after an overrunning preStop (kubelet-semantics.md §10.4).
#[test]
fn scenario_file_deletes_the_pod() {
    let dir = std::env::temp_dir().join(format!("podlife-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pod = dir.join("pod.yaml");
    let scn = dir.join("scn.yaml");
    std::fs::write(&pod, "apiVersion: v1\nkind: Pod\nmetadata: {name: prestop}\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [sleep, \"3600\"]\n    lifecycle:\n      preStop:\n        exec: {command: [sh, -c, sleep 60]}\n").unwrap();
    std::fs::write(&scn, "kind: Scenario\nactions:\n- at: 20\n  delete: {}\n").unwrap();
    let v = ok_json(
        &[
            "timeline",
            pod.to_str().unwrap(),
            "--scenario",
            scn.to_str().unwrap(),
            "--until",
            "80",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(v["pod"]["deletedAt"], 20.0);
    let run = &v["containers"][0]["runs"][0];
    assert_eq!(run["preStop"]["start"], 20.5);
    assert_eq!(run["sigterm"], 50.5);
    assert_eq!(run["sigkill"], 52.5);
    assert_eq!(run["exitCode"], 137);
    let st = ok_json(
        &[
            "status",
            pod.to_str().unwrap(),
            "--scenario",
            scn.to_str().unwrap(),
            "--at",
            "21,70",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(st[0]["kubectl"]["status"], "Terminating");
    assert_eq!(st[0]["deletionTimestamp"], 50.0);
    assert_eq!(st[1]["removed"], true);
    // A broken scenario file is located too.
    std::fs::write(&scn, "kind: Scenario\nactions:\n- at: 20\n  explode: {}\n").unwrap();
    let out = podlife(
        &[
            "status",
            pod.to_str().unwrap(),
            "--scenario",
            scn.to_str().unwrap(),
        ],
        None,
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: ") && err.contains(":4:"), "{err}");
}

/// `podlife diff-versions`: the same pod under two kubelets, compared where users look.
#[test]
fn diff_versions_lists_what_changes() {
    let out = podlife(
        &["diff-versions", "-", "1.34", "1.37", "--until", "120"],
        Some(EXEC_LIVENESS),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // 1.35 renamed the Created/Started messages; kubectl 1.35 prefixes field paths.
    assert!(text.contains("events:"), "{text}");
    assert!(
        text.contains("1.34 ") && text.contains("Created container: liveness"),
        "{text}"
    );
    assert!(
        text.contains("1.37 ") && text.contains("Container created"),
        "{text}"
    );
    let same = podlife(
        &["diff-versions", "-", "1.37", "1.37", "--until", "60"],
        Some(EXEC_LIVENESS),
    );
    assert!(String::from_utf8(same.stdout)
        .unwrap()
        .contains("play this pod the same"));
}

/// A Deployment's pod deleted at 20 s: its ReplicaSet's replacement is a pod of its own in
/// `status`, `describe` and `events` (rule controller-replacement).
#[test]
fn the_replacement_pod_is_a_first_class_pod() {
    let dir = std::env::temp_dir().join(format!("podlife-replacement-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scn = dir.join("delete.yaml");
    std::fs::write(&scn, "kind: Scenario\nactions:\n  - {at: 20, delete: {}}\n").unwrap();
    let yaml = include_str!("../../engine/gallery/docs-sidecar-deployment.yaml");
    let run = |args: &[&str]| {
        let mut a = args.to_vec();
        a.extend(["--scenario", scn.to_str().unwrap()]);
        String::from_utf8(podlife(&a, Some(yaml)).stdout).unwrap()
    };
    let get = run(&["status", "-", "--at", "25"]);
    let rows: Vec<&str> = get.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{get}");
    assert!(
        rows[0].contains("Terminating") && rows[1].contains("Running"),
        "{get}"
    );
    assert!(rows[1].contains(" 5s"), "the replacement's own age: {get}");
    let later = run(&["status", "-", "--at", "60"]);
    assert!(
        !later.contains("NotFound") && later.lines().count() == 2,
        "{later}"
    );
    let describe = run(&["describe", "-", "--at", "60"]);
    let name = later
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    assert!(
        describe.contains(&format!("Name:             {name}")),
        "{describe}"
    );
    let events = run(&["events", "-", "--until", "30"]);
    assert!(
        events.contains(&format!("Successfully assigned default/{name} to node01")),
        "{events}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `podlife share`: the link the app's "Copy link" makes (the same encoder), opening the pod at
/// the cursor; hostile arguments and a pod too big for a link get clear errors.
#[test]
fn share_prints_the_apps_link() {
    use podlife_render::link;
    let out = podlife(
        &[
            "share",
            "-",
            "--at",
            "40",
            "--window",
            "0,60",
            "--base",
            "https://docs.example/podlife/?embed",
        ],
        Some(EXEC_LIVENESS),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = String::from_utf8(out.stdout).unwrap();
    let url = url.trim();
    let (base, fragment) = url.split_once('#').unwrap();
    assert_eq!(base, "https://docs.example/podlife/?embed");
    let l = link::from_params(fragment).unwrap().unwrap();
    assert_eq!(l.manifest, EXEC_LIVENESS);
    assert_eq!(
        l.kubelet,
        podlife_engine::KubeletVersion::NEWEST.to_string()
    );
    assert_eq!((l.at, l.window), (Some(40.0), Some((0.0, 60.0))));
    let expected = link::url(
        "https://docs.example/podlife/?embed",
        &link::Link {
            manifest: EXEC_LIVENESS.into(),
            kubelet: "1.37".into(),
            at: Some(40.0),
            window: Some((0.0, 60.0)),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(url, expected);

    // A broken pod still gets a link (worth sharing when asking why), with its problems said.
    let out = podlife(&["share", "-"], Some("kind: Pod\nspec: 5\n"));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("problems"));

    let err = |args: &[&str], stdin: &str| {
        let out = podlife(args, Some(stdin));
        assert!(!out.status.success(), "{args:?} should fail");
        String::from_utf8(out.stderr).unwrap()
    };
    assert!(
        err(&["share", "-", "--window", "60,10"], EXEC_LIVENESS).contains("FROM must be before TO")
    );
    assert!(err(&["share", "-", "--at=-1"], EXEC_LIVENESS).contains("non-negative"));
    // Text that does not compress, far past what a link holds.
    let mut x: u32 = 7;
    let noise: String = (0..80_000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from(b'a' + ((x >> 16) % 26) as u8)
        })
        .collect();
    let text = format!("{EXEC_LIVENESS}# {noise}\n");
    assert!(err(&["share", "-"], &text).contains("too big for a link"));
}
