//! Tests of the kubectl renderings. Each names the upstream function it mirrors.

use super::*;
use crate::timeline::*;

fn cd(name: &str, kind: ContainerKind) -> ContainerDescribe {
    ContainerDescribe {
        name: name.into(),
        kind,
        image: "busybox".into(),
        command: vec![],
        args: vec![],
        ports: vec![],
        probes: vec![],
    }
}

fn pod(containers: Vec<ContainerDescribe>) -> PodInfo {
    PodInfo {
        name: "web".into(),
        namespace: "default".into(),
        uid: "u".into(),
        node: "node01".into(),
        pod_ip: "10.244.0.5".into(),
        restart_policy: "Always".into(),
        termination_grace_period_seconds: 30,
        deleted_at: None,
        deletion_timestamp: None,
        deletion_grace_period_seconds: None,
        removed_at: None,
        labels: vec![],
        describe: containers,
        object: Default::default(),
        controlled_by: None,
        static_pod: false,
    }
}

fn waiting(reason: &str) -> ContainerState {
    ContainerState::Waiting {
        reason: reason.into(),
        message: String::new(),
    }
}
fn running(at: f64) -> ContainerState {
    ContainerState::Running { started_at: at }
}
fn terminated(code: i32, reason: &str, start: f64, end: f64) -> ContainerState {
    ContainerState::Terminated {
        exit_code: code,
        reason: reason.into(),
        signal: None,
        started_at: start,
        finished_at: end,
    }
}

fn cs(
    name: &str,
    state: ContainerState,
    ready: bool,
    restarts: u32,
    last: Option<ContainerState>,
) -> ContainerStatus {
    let started = matches!(state, ContainerState::Running { .. });
    ContainerStatus {
        name: name.into(),
        ready,
        started,
        restart_count: restarts,
        state,
        last_state: last,
        image: "busybox".into(),
    }
}

fn cond(ty: &str, status: bool) -> PodCondition {
    PodCondition {
        condition_type: ty.into(),
        status: if status { "True" } else { "False" }.into(),
        reason: None,
        message: None,
        last_transition_time: 0.0,
    }
}

fn status(
    phase: &str,
    init: Vec<ContainerStatus>,
    regular: Vec<ContainerStatus>,
    conditions: Vec<PodCondition>,
) -> PodStatus {
    PodStatus {
        phase: phase.into(),
        reason: None,
        message: None,
        conditions,
        init_container_statuses: init,
        container_statuses: regular,
        ephemeral_container_statuses: vec![],
        start_time: Some(0.0),
    }
}

fn row(c: &KubectlColumns) -> (String, String, String, String) {
    (
        c.ready.clone(),
        c.status.clone(),
        c.restarts.clone(),
        c.age.clone(),
    )
}

fn r(ready: &str, st: &str, restarts: &str, age: &str) -> (String, String, String, String) {
    (ready.into(), st.into(), restarts.into(), age.into())
}

/// duration.go `HumanDuration` (table of the upstream unit test `TestHumanDuration` plus the
/// negative-duration tolerance).
#[test]
fn human_duration_table() {
    let cases: &[(f64, &str)] = &[
        (-3.0, "<invalid>"),
        (-2.0, "<invalid>"),
        (-1.9, "0s"),
        (-0.5, "0s"),
        (0.0, "0s"),
        (0.999, "0s"),
        (1.0, "1s"),
        (59.0, "59s"),
        (119.9, "119s"),
        (120.0, "2m"),
        (121.0, "2m1s"),
        (599.0, "9m59s"),
        (600.0, "10m"),
        (10799.0, "179m"),
        (10800.0, "3h"),
        (3.0 * 3600.0 + 60.0, "3h1m"),
        (8.0 * 3600.0 - 1.0, "7h59m"),
        (8.0 * 3600.0, "8h"),
        (47.0 * 3600.0 + 3599.0, "47h"),
        (48.0 * 3600.0, "2d"),
        (49.0 * 3600.0, "2d1h"),
        (8.0 * 86400.0 - 1.0, "7d23h"),
        (8.0 * 86400.0, "8d"),
        (2.0 * 365.0 * 86400.0 - 1.0, "729d"),
        (2.0 * 365.0 * 86400.0, "2y"),
        (2.0 * 365.0 * 86400.0 + 86400.0, "2y1d"),
        (8.0 * 365.0 * 86400.0, "8y"),
    ];
    for (secs, want) in cases {
        assert_eq!(human_duration(*secs), *want, "HumanDuration({secs}s)");
    }
}

/// printers.go `printPod`: a fresh pod before any status (phase Pending, no statuses).
#[test]
fn pending_before_first_status() {
    let p = pod(vec![cd("app", ContainerKind::Regular)]);
    assert_eq!(
        row(&columns(&initial_status(), &p, 0.4)),
        r("0/1", "Pending", "0", "0s")
    );
}

/// printers.go `printPod`: regular container waiting → its reason (`ContainerCreating`).
#[test]
fn container_creating() {
    let p = pod(vec![cd("app", ContainerKind::Regular)]);
    let s = status(
        "Pending",
        vec![],
        vec![cs("app", waiting("ContainerCreating"), false, 0, None)],
        vec![],
    );
    assert_eq!(
        row(&columns(&s, &p, 2.0)),
        r("0/1", "ContainerCreating", "0", "2s")
    );
}

/// printers.go `printPod`: `Init:<i>/<N>` while init container i runs; `PodInitializing` waiting
/// reason does not count as a failure reason.
#[test]
fn init_progress() {
    let p = pod(vec![
        cd("init", ContainerKind::Init),
        cd("app", ContainerKind::Regular),
    ]);
    let s = status(
        "Pending",
        vec![cs("init", running(1.0), false, 0, None)],
        vec![cs("app", waiting("PodInitializing"), false, 0, None)],
        vec![cond("Initialized", false)],
    );
    assert_eq!(row(&columns(&s, &p, 3.0)), r("0/1", "Init:0/1", "0", "3s"));
    // All init containers done, regular container still PodInitializing.
    let s = status(
        "Pending",
        vec![cs(
            "init",
            terminated(0, "Completed", 1.0, 4.0),
            false,
            0,
            None,
        )],
        vec![cs("app", waiting("PodInitializing"), false, 0, None)],
        vec![cond("Initialized", true)],
    );
    assert_eq!(
        row(&columns(&s, &p, 5.0)),
        r("0/1", "PodInitializing", "0", "5s")
    );
}

/// printers.go `printPod`: a failed init container → `Init:Error`, its back-off →
/// `Init:CrashLoopBackOff`; restarts counted with the last termination age.
#[test]
fn init_error_and_crashloop() {
    let p = pod(vec![
        cd("init", ContainerKind::Init),
        cd("app", ContainerKind::Regular),
    ]);
    let app = cs("app", waiting("PodInitializing"), false, 0, None);
    let s = status(
        "Pending",
        vec![cs("init", terminated(1, "Error", 1.0, 6.2), false, 0, None)],
        vec![app.clone()],
        vec![],
    );
    assert_eq!(
        row(&columns(&s, &p, 7.0)),
        r("0/1", "Init:Error", "0", "7s")
    );
    let s = status(
        "Pending",
        vec![cs(
            "init",
            waiting("CrashLoopBackOff"),
            false,
            3,
            Some(terminated(1, "Error", 30.0, 35.4)),
        )],
        vec![app],
        vec![],
    );
    assert_eq!(
        row(&columns(&s, &p, 40.9)),
        r("0/1", "Init:CrashLoopBackOff", "3 (5s ago)", "40s")
    );
    // Empty terminated reason: Init:ExitCode:<n> / Init:Signal:<n>.
    let mut t = terminated(2, "", 1.0, 2.0);
    let s = status(
        "Pending",
        vec![cs("init", t.clone(), false, 0, None)],
        vec![],
        vec![],
    );
    assert_eq!(columns(&s, &p, 3.0).status, "Init:ExitCode:2");
    if let ContainerState::Terminated { signal, .. } = &mut t {
        *signal = Some(9);
    }
    let s = status(
        "Pending",
        vec![cs("init", t, false, 0, None)],
        vec![],
        vec![],
    );
    assert_eq!(columns(&s, &p, 3.0).status, "Init:Signal:9");
}

/// printers.go `printPod`: CrashLoopBackOff with `"1 (5s ago)"` from the latest
/// `lastState.terminated.finishedAt`.
#[test]
fn crashloop_and_restarts_ago() {
    let p = pod(vec![cd("app", ContainerKind::Regular)]);
    let s = status(
        "Running",
        vec![],
        vec![cs(
            "app",
            waiting("CrashLoopBackOff"),
            false,
            1,
            Some(terminated(1, "Error", 2.0, 12.0)),
        )],
        vec![cond("Ready", false)],
    );
    assert_eq!(
        row(&columns(&s, &p, 17.3)),
        r("0/1", "CrashLoopBackOff", "1 (5s ago)", "17s")
    );
    // Running again after the restart.
    let s = status(
        "Running",
        vec![],
        vec![cs(
            "app",
            running(13.0),
            true,
            1,
            Some(terminated(1, "Error", 2.0, 12.0)),
        )],
        vec![cond("Ready", true)],
    );
    assert_eq!(
        row(&columns(&s, &p, 200.0)),
        r("1/1", "Running", "1 (3m8s ago)", "3m20s")
    );
}

/// printers.go `printPod`: statuses are walked last-to-first (name order), so the reason of the
/// alphabetically first non-running container wins; `Completed` + a running container →
/// `NotReady` unless the pod is Ready.
#[test]
fn completed_with_running_is_notready() {
    let p = pod(vec![
        cd("a-job", ContainerKind::Regular),
        cd("b-server", ContainerKind::Regular),
    ]);
    let s = status(
        "Running",
        vec![],
        vec![
            cs(
                "a-job",
                terminated(0, "Completed", 1.0, 5.0),
                false,
                0,
                None,
            ),
            cs("b-server", running(1.0), true, 0, None),
        ],
        vec![cond("Ready", false)],
    );
    assert_eq!(
        row(&columns(&s, &p, 10.0)),
        r("1/2", "NotReady", "0", "10s")
    );
    let mut s2 = s.clone();
    s2.conditions = vec![cond("Ready", true)];
    assert_eq!(columns(&s2, &p, 10.0).status, "Running");
    // Two failing containers: the alphabetically first one's reason is shown.
    let s = status(
        "Running",
        vec![],
        vec![
            cs("a", waiting("ErrImagePull"), false, 0, None),
            cs("b", waiting("CrashLoopBackOff"), false, 0, None),
        ],
        vec![],
    );
    assert_eq!(columns(&s, &pod(vec![]), 1.0).status, "ErrImagePull");
}

/// printers.go `printPod`: a deletion timestamp turns a non-terminal pod into `Terminating`
/// (only once the delete happened at `deleted_at`); a terminal pod keeps its container reason.
#[test]
fn terminating() {
    let mut p = pod(vec![cd("app", ContainerKind::Regular)]);
    p.deleted_at = Some(50.0);
    p.deletion_timestamp = Some(80.0);
    let s = status(
        "Running",
        vec![],
        vec![cs("app", running(1.0), true, 0, None)],
        vec![cond("Ready", true)],
    );
    assert_eq!(columns(&s, &p, 49.0).status, "Running");
    assert_eq!(
        row(&columns(&s, &p, 50.0)),
        r("1/1", "Terminating", "0", "50s")
    );
    let s = status(
        "Failed",
        vec![],
        vec![cs(
            "app",
            terminated(137, "Error", 1.0, 60.0),
            false,
            0,
            None,
        )],
        vec![],
    );
    assert_eq!(columns(&s, &p, 61.0).status, "Error");
}

/// printers.go `printPod`: sidecars (restartable init containers) count in READY's total and,
/// once started, in READY when ready; their restarts survive the regular-container pass.
#[test]
fn sidecar_ready_counting() {
    let p = pod(vec![
        cd("init", ContainerKind::Init),
        cd("proxy", ContainerKind::Sidecar),
        cd("app", ContainerKind::Regular),
    ]);
    let s = status(
        "Running",
        vec![
            cs("init", terminated(0, "Completed", 1.0, 2.0), false, 0, None),
            cs(
                "proxy",
                running(3.0),
                true,
                2,
                Some(terminated(1, "Error", 2.5, 2.9)),
            ),
        ],
        vec![cs(
            "app",
            running(4.0),
            true,
            1,
            Some(terminated(1, "Error", 3.5, 3.9)),
        )],
        vec![cond("Initialized", true), cond("Ready", true)],
    );
    assert_eq!(
        row(&columns(&s, &p, 10.0)),
        r("2/2", "Running", "3 (7s ago)", "10s")
    );
    // Sidecar not started yet: Init:1/2 and READY 0/2.
    let s = status(
        "Pending",
        vec![
            cs("init", terminated(0, "Completed", 1.0, 2.0), false, 0, None),
            cs("proxy", waiting("PodInitializing"), false, 0, None),
        ],
        vec![cs("app", waiting("PodInitializing"), false, 0, None)],
        vec![cond("Initialized", false)],
    );
    assert_eq!(row(&columns(&s, &p, 2.5)), r("0/2", "Init:1/2", "0", "2s"));
}

fn timeline() -> Timeline {
    let mut p = pod(vec![ContainerDescribe {
        name: "app".into(),
        kind: ContainerKind::Regular,
        image: "busybox".into(),
        command: vec!["sh".into(), "-c".into()],
        args: vec!["exit 1".into()],
        ports: vec!["8080/TCP".into()],
        probes: vec![(
            ProbeType::Liveness,
            "exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3".into(),
        )],
    }]);
    p.labels = vec![("run".into(), "web".into()), ("app".into(), "web".into())];
    let base = |phase: &str, c: ContainerStatus, ready: bool| PodStatus {
        phase: phase.into(),
        reason: None,
        message: None,
        conditions: vec![
            cond("PodReadyToStartContainers", true),
            cond("Initialized", true),
            cond("Ready", ready),
            cond("ContainersReady", ready),
            cond("PodScheduled", true),
        ],
        init_container_statuses: vec![],
        container_statuses: vec![c],
        ephemeral_container_statuses: vec![],
        start_time: Some(0.0),
    };
    let ev = |t: f64, ty: &str, reason: &str, msg: &str, src: &str| Event {
        t,
        event_type: ty.into(),
        reason: reason.into(),
        object: if src == "kubelet" {
            "spec.containers{app}".into()
        } else {
            String::new()
        },
        message: msg.into(),
        source: src.into(),
    };
    Timeline {
        until: 100.0,
        pod: p,
        sandbox: vec![],
        containers: vec![],
        events: vec![
            ev(
                0.0,
                "Normal",
                "Scheduled",
                "Successfully assigned default/web to node01",
                "default-scheduler",
            ),
            ev(
                1.2,
                "Normal",
                "Pulled",
                "Container image \"busybox\" already present on machine",
                "kubelet",
            ),
            ev(
                1.3,
                "Normal",
                "Created",
                "Created container: app",
                "kubelet",
            ),
            ev(1.4, "Normal", "Started", "Started container app", "kubelet"),
            ev(
                3.0,
                "Warning",
                "BackOff",
                "Back-off restarting failed container app in pod web_default(u)",
                "kubelet",
            ),
            ev(
                8.0,
                "Warning",
                "BackOff",
                "Back-off restarting failed container app in pod web_default(u)",
                "kubelet",
            ),
            ev(
                13.0,
                "Warning",
                "BackOff",
                "Back-off restarting failed container app in pod web_default(u)",
                "kubelet",
            ),
        ],
        snapshots: vec![
            StatusSnapshot {
                t: 0.0,
                status: base(
                    "Pending",
                    cs("app", waiting("ContainerCreating"), false, 0, None),
                    false,
                ),
            },
            StatusSnapshot {
                t: 1.5,
                status: base("Running", cs("app", running(1.4), false, 0, None), false),
            },
            StatusSnapshot {
                t: 2.5,
                status: base(
                    "Running",
                    cs(
                        "app",
                        waiting("CrashLoopBackOff"),
                        false,
                        1,
                        Some(terminated(1, "Error", 1.4, 2.1)),
                    ),
                    false,
                ),
            },
        ],
        syncs: vec![],
    }
}

/// printers.go `printPod` through `status_at` / `get_table` (cli-runtime tabwriter: padding 3).
#[test]
fn get_table_and_status_at() {
    let tl = timeline();
    assert_eq!(get_table(&tl, 20.0), "NAME   READY   STATUS             RESTARTS      AGE\nweb    0/1     CrashLoopBackOff   1 (18s ago)   20s");
    let s = status_at(&tl, 1.0);
    assert_eq!(s.kubectl.status, "ContainerCreating");
    assert!(!s.removed && s.deletion_timestamp.is_none());
    let mut tl2 = tl.clone();
    tl2.snapshots.clear();
    assert_eq!(status_at(&tl2, 1.0).status.phase, "Pending");
    tl2.pod.removed_at = Some(5.0);
    assert_eq!(
        get_table(&tl2, 5.0),
        "Error from server (NotFound): pods \"web\" not found"
    );
}

/// kubectl `get -w` (printed on every watch event; widths remembered — liggitt/tabwriter
/// `RememberWidths`).
#[test]
fn get_watch_lines() {
    let tl = timeline();
    let lines = get_watch(&tl, 100.0);
    let text: Vec<String> = lines.iter().map(|(t, l)| format!("{t}|{l}")).collect();
    assert_eq!(
        text,
        vec![
            "0|NAME   READY   STATUS              RESTARTS   AGE",
            "0|web    0/1     ContainerCreating   0          0s",
            "1.5|web    0/1     Running             0          1s",
            "2.5|web    0/1     CrashLoopBackOff    1 (0s ago)   2s",
        ]
    );
}

/// describe.go `describePod` + `DescribeEvents`: golden text, with `(x3 over 10s)` from the
/// client-go correlator (`events_cache.go` `eventObserve`).
#[test]
fn describe_golden() {
    let tl = timeline();
    let got = describe(&tl, 13.5);
    let want = "\
Name:             web
Namespace:        default
Priority:         0
Service Account:  default
Node:             node01/192.168.49.2
Start Time:       Mon, 23 Nov 2026 10:00:00 +0000
Labels:           app=web
                  run=web
Annotations:      <none>
Status:           Running
IP:               10.244.0.5
IPs:
  IP:  10.244.0.5
Containers:
  app:
    Image:      busybox
    Port:       8080/TCP
    Host Port:  0/TCP
    Command:
      sh
      -c
    Args:
      exit 1
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Mon, 23 Nov 2026 10:00:01 +0000
      Finished:     Mon, 23 Nov 2026 10:00:02 +0000
    Ready:          False
    Restart Count:  1
    Liveness:       exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       False 
  ContainersReady             False 
  PodScheduled                True 
Events:
  Type     Reason     Age               From               Message
  ----     ------     ----              ----               -------
  Normal   Scheduled  13s               default-scheduler  Successfully assigned default/web to node01
  Normal   Pulled     12s               kubelet            Container image \"busybox\" already present on machine
  Normal   Created    12s               kubelet            Created container: app
  Normal   Started    12s               kubelet            Started container app
  Warning  BackOff    0s (x3 over 10s)  kubelet            Back-off restarting failed container app in pod web_default(u)
";
    assert_eq!(got, want, "\n--- got ---\n{got}\n--- want ---\n{want}");
}

/// describe.go `describePod`: `Terminating (lasts <invalid>)` while the deletion timestamp is in
/// the future, and `Termination Grace Period`.
#[test]
fn describe_terminating() {
    let mut tl = timeline();
    tl.pod.deleted_at = Some(10.0);
    tl.pod.deletion_timestamp = Some(40.0);
    tl.pod.deletion_grace_period_seconds = Some(30);
    let d = describe(&tl, 12.0);
    assert!(d.contains("Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n"), "{d}");
    let d = describe(&tl, 39.5);
    assert!(d.contains("Terminating (lasts 0s)"), "{d}");
}
