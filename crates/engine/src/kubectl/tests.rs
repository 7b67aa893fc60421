//! Tests of the kubectl renderings. Each names the upstream function it mirrors.

use super::*;
use crate::timeline::*;

fn secs(x: f64) -> Time {
    Time::from_secs_f64(x)
}

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
        mirror_recreated: vec![],
        resizes: vec![],
        created_at: secs(0.0),
        kubectl_minor: 34,
    }
}

fn waiting(reason: &str) -> ContainerState {
    ContainerState::Waiting {
        reason: reason.into(),
        message: String::new(),
    }
}
fn running(at: Time) -> ContainerState {
    ContainerState::Running { started_at: at }
}
fn terminated(code: i32, reason: &str, start: f64, end: f64) -> ContainerState {
    ContainerState::Terminated {
        exit_code: code,
        reason: reason.into(),
        message: String::new(),
        signal: None,
        started_at: secs(start),
        finished_at: secs(end),
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
        stop_signal: None,
    }
}

fn cond(ty: &str, status: bool) -> PodCondition {
    PodCondition {
        condition_type: ty.into(),
        status: if status { "True" } else { "False" }.into(),
        reason: None,
        message: None,
        last_transition_time: secs(0.0),
        observed_generation: None,
    }
}

fn status(
    phase: &str,
    init: Vec<ContainerStatus>,
    regular: Vec<ContainerStatus>,
    conditions: Vec<PodCondition>,
) -> PodStatus {
    PodStatus {
        phase: phase.parse().expect("a pod phase"),
        reason: None,
        message: None,
        conditions,
        init_container_statuses: init,
        container_statuses: regular,
        ephemeral_container_statuses: vec![],
        start_time: Some(secs(0.0)),
        observed_generation: None,
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
    for (d, want) in cases {
        assert_eq!(human_duration(secs(*d)), *want, "HumanDuration({d}s)");
    }
}

/// printers.go `printPod`: a fresh pod before any status (phase Pending, no statuses).
#[test]
fn pending_before_first_status() {
    let p = pod(vec![cd("app", ContainerKind::Regular)]);
    assert_eq!(
        row(&columns(&initial_status(), &p, secs(0.4))),
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
        row(&columns(&s, &p, secs(2.0))),
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
        vec![cs("init", running(secs(1.0)), false, 0, None)],
        vec![cs("app", waiting("PodInitializing"), false, 0, None)],
        vec![cond("Initialized", false)],
    );
    assert_eq!(
        row(&columns(&s, &p, secs(3.0))),
        r("0/1", "Init:0/1", "0", "3s")
    );
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
        row(&columns(&s, &p, secs(5.0))),
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
        row(&columns(&s, &p, secs(7.0))),
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
        row(&columns(&s, &p, secs(40.9))),
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
    assert_eq!(columns(&s, &p, secs(3.0)).status, "Init:ExitCode:2");
    if let ContainerState::Terminated { signal, .. } = &mut t {
        *signal = Some(9);
    }
    let s = status(
        "Pending",
        vec![cs("init", t, false, 0, None)],
        vec![],
        vec![],
    );
    assert_eq!(columns(&s, &p, secs(3.0)).status, "Init:Signal:9");
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
        row(&columns(&s, &p, secs(17.3))),
        r("0/1", "CrashLoopBackOff", "1 (5s ago)", "17s")
    );
    // Running again after the restart.
    let s = status(
        "Running",
        vec![],
        vec![cs(
            "app",
            running(secs(13.0)),
            true,
            1,
            Some(terminated(1, "Error", 2.0, 12.0)),
        )],
        vec![cond("Ready", true)],
    );
    assert_eq!(
        row(&columns(&s, &p, secs(200.0))),
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
            cs("b-server", running(secs(1.0)), true, 0, None),
        ],
        vec![cond("Ready", false)],
    );
    assert_eq!(
        row(&columns(&s, &p, secs(10.0))),
        r("1/2", "NotReady", "0", "10s")
    );
    let mut s2 = s.clone();
    s2.conditions = vec![cond("Ready", true)];
    assert_eq!(columns(&s2, &p, secs(10.0)).status, "Running");
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
    assert_eq!(columns(&s, &pod(vec![]), secs(1.0)).status, "ErrImagePull");
}

/// printers.go `printPod`: a deletion timestamp turns a non-terminal pod into `Terminating`
/// (only once the delete happened at `deleted_at`); a terminal pod keeps its container reason.
#[test]
fn terminating() {
    let mut p = pod(vec![cd("app", ContainerKind::Regular)]);
    p.deleted_at = Some(secs(50.0));
    p.deletion_timestamp = Some(secs(80.0));
    let s = status(
        "Running",
        vec![],
        vec![cs("app", running(secs(1.0)), true, 0, None)],
        vec![cond("Ready", true)],
    );
    assert_eq!(columns(&s, &p, secs(49.0)).status, "Running");
    assert_eq!(
        row(&columns(&s, &p, secs(50.0))),
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
    assert_eq!(columns(&s, &p, secs(61.0)).status, "Error");
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
                running(secs(3.0)),
                true,
                2,
                Some(terminated(1, "Error", 2.5, 2.9)),
            ),
        ],
        vec![cs(
            "app",
            running(secs(4.0)),
            true,
            1,
            Some(terminated(1, "Error", 3.5, 3.9)),
        )],
        vec![cond("Initialized", true), cond("Ready", true)],
    );
    assert_eq!(
        row(&columns(&s, &p, secs(10.0))),
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
    assert_eq!(
        row(&columns(&s, &p, secs(2.5))),
        r("0/2", "Init:1/2", "0", "2s")
    );
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
        phase: phase.parse().expect("a pod phase"),
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
        start_time: Some(secs(0.0)),
        observed_generation: None,
    };
    let ev = |t: f64, ty: &str, reason: &str, msg: &str, src: &str| Event {
        t: secs(t),
        event_type: if ty == "Warning" {
            crate::timeline::EventType::Warning
        } else {
            crate::timeline::EventType::Normal
        },
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
        until: secs(100.0),
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
                t: secs(0.0),
                status: base(
                    "Pending",
                    cs("app", waiting("ContainerCreating"), false, 0, None),
                    false,
                ),
            },
            StatusSnapshot {
                t: secs(1.5),
                status: base(
                    "Running",
                    cs("app", running(secs(1.4)), false, 0, None),
                    false,
                ),
            },
            StatusSnapshot {
                t: secs(2.5),
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
        replacement: None,
    }
}

/// printers.go `printPod` through `status_at` / `get_table` (cli-runtime tabwriter: padding 3).
#[test]
fn get_table_and_status_at() {
    let tl = timeline();
    assert_eq!(get_table(&tl, secs(20.0)), "NAME   READY   STATUS             RESTARTS      AGE\nweb    0/1     CrashLoopBackOff   1 (18s ago)   20s");
    let s = status_at(&tl, secs(1.0));
    assert_eq!(s.kubectl.status, "ContainerCreating");
    assert!(!s.removed && s.deletion_timestamp.is_none());
    let mut tl2 = tl.clone();
    tl2.snapshots.clear();
    assert_eq!(
        status_at(&tl2, secs(1.0)).status.phase,
        crate::timeline::Phase::Pending
    );
    tl2.pod.removed_at = Some(secs(5.0));
    assert_eq!(
        get_table(&tl2, secs(5.0)),
        "Error from server (NotFound): pods \"web\" not found"
    );
}

/// kubectl `get -w` (printed on every watch event; widths remembered — liggitt/tabwriter
/// `RememberWidths`).
#[test]
fn get_watch_lines() {
    let tl = timeline();
    let lines = get_watch(&tl, secs(100.0));
    let text: Vec<String> = lines
        .iter()
        .map(|(t, l)| format!("{}|{l}", t.as_secs_f64()))
        .collect();
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
    let got = describe(&tl, secs(13.5));
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
    Container ID:  containerd://2a5ec2b270c1b96e0e1285cb8549465a6c9eac64b7ad7f4fe783fefeee279a21
    Image:         busybox
    Image ID:      docker.io/library/busybox@sha256:9256c098af87be78746ad549d1cd187dee8584c398aab10de1453e008bf8db24
    Port:          8080/TCP
    Host Port:     0/TCP
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
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-pmdcp (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       False 
  ContainersReady             False 
  PodScheduled                True 
Volumes:
  kube-api-access-pmdcp:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
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
    tl.pod.deleted_at = Some(secs(10.0));
    tl.pod.deletion_timestamp = Some(secs(40.0));
    tl.pod.deletion_grace_period_seconds = Some(30);
    let d = describe(&tl, secs(12.0));
    assert!(d.contains("Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n"), "{d}");
    let d = describe(&tl, secs(39.5));
    assert!(d.contains("Terminating (lasts 0s)"), "{d}");
}

/// The value after `key` on the first line whose trimmed text starts with `key`.
fn field<'a>(d: &'a str, key: &str) -> Option<&'a str> {
    d.lines()
        .find_map(|l| l.trim_start().strip_prefix(key))
        .map(str::trim)
}

fn simulated(yaml: &str, until: f64) -> Timeline {
    let settings = crate::Settings {
        until: secs(until),
        ..crate::Settings::default()
    };
    crate::simulate(yaml, None, &settings)
        .expect("simulates")
        .timeline
}

const SPEC_POD: &str = r#"
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    example.com/owner: team-a
    kubectl.kubernetes.io/last-applied-configuration: '{"x":1}'
spec:
  nodeSelector:
    disktype: ssd
  tolerations:
  - key: dedicated
    operator: Equal
    value: gpu
    effect: NoSchedule
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    env:
    - name: GREETING
      value: hello
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: POD_IP
      valueFrom:
        fieldRef:
          fieldPath: status.podIP
    - name: MEM_MI
      valueFrom:
        resourceFieldRef:
          resource: limits.memory
          divisor: 1Mi
    - name: PASSWORD
      valueFrom:
        secretKeyRef:
          name: db
          key: password
    envFrom:
    - configMapRef:
        name: app-env
      prefix: APP_
    resources:
      limits:
        cpu: "0.5"
        memory: 128Mi
    volumeMounts:
    - name: cache
      mountPath: /cache
    - name: cfg
      mountPath: /etc/app
      readOnly: true
      subPath: app.conf
  volumes:
  - name: cache
    emptyDir:
      sizeLimit: 1024Mi
  - name: cfg
    configMap:
      name: app-config
"#;

/// describe.go `describeContainers` (`describeResources`, `describeContainerEnvFrom`,
/// `describeContainerEnvVars` with `EnvValueRetriever`, `describeContainerVolumes`),
/// `describeVolumes`, `qos.GetPodQOS`, `printLabelsMultiline` (Node-Selectors),
/// `printPodTolerationsMultiline`, `printAnnotationsMultiline`; ServiceAccount and
/// DefaultTolerationSeconds admission; requests defaulted from limits (`SetDefaults_Pod`).
#[test]
fn describe_spec_sections() {
    let tl = simulated(SPEC_POD, 10.0);
    let d = describe(&tl, secs(10.0));
    let suffix = &stored::stored(&tl.pod).volumes.last().unwrap().name.clone();
    assert!(
        suffix.starts_with("kube-api-access-") && suffix.len() == "kube-api-access-".len() + 5,
        "{suffix}"
    );
    for want in [
        "Annotations:      example.com/owner: team-a\n",
        "    Limits:\n      cpu:     500m\n      memory:  128Mi\n    Requests:\n      cpu:     500m\n      memory:  128Mi\n",
        "    Environment Variables from:\n      app-env  ConfigMap with prefix 'APP_'  Optional: false\n",
        "      GREETING:  hello\n",
        "      POD_NAME:  web (v1:metadata.name)\n",
        "      POD_IP:    10.244.1.7 (v1:status.podIP)\n",
        "      MEM_MI:    128 (limits.memory)\n",
        "      PASSWORD:  <set to the key 'password' in secret 'db'>  Optional: false\n",
        "    Mounts:\n      /cache from cache (rw)\n      /etc/app from cfg (ro,path=\"app.conf\")\n",
        &format!("      /var/run/secrets/kubernetes.io/serviceaccount from {suffix} (ro)\n"),
        "Volumes:\n  cache:\n    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:     \n    SizeLimit:  1Gi\n",
        "  cfg:\n    Type:      ConfigMap (a volume populated by a ConfigMap)\n    Name:      app-config\n    Optional:  false\n",
        &format!("  {suffix}:\n    Type:                    Projected (a volume that contains injected data from multiple sources)\n    TokenExpirationSeconds:  3607\n    ConfigMapName:           kube-root-ca.crt\n    Optional:                false\n    DownwardAPI:             true\n"),
        "QoS Class:                   Guaranteed\n",
        "Node-Selectors:              disktype=ssd\n",
        "Tolerations:                 dedicated=gpu:NoSchedule\n                             node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n",
    ] {
        assert!(d.contains(want), "missing:\n{want}\n--- in ---\n{d}");
    }
    assert!(
        !d.contains("last-applied-configuration"),
        "skipped annotation"
    );
    // Deterministic: same UID, same suffix and IDs.
    assert_eq!(d, describe(&simulated(SPEC_POD, 10.0), secs(10.0)));
}

/// `qos.ComputePodQOS` cases (upstream `qos_test.go` `TestComputePodQOS`, reduced).
#[test]
fn qos_classes() {
    use k8s_openapi::api::core::v1::{Container, ResourceRequirements};
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity as Q;
    let c = |limits: &[(&str, &str)], requests: &[(&str, &str)]| {
        let list = |v: &[(&str, &str)]| {
            (!v.is_empty()).then(|| {
                v.iter()
                    .map(|(k, q)| (k.to_string(), Q(q.to_string())))
                    .collect()
            })
        };
        let mut r = Some(ResourceRequirements {
            limits: list(limits),
            requests: list(requests),
            claims: None,
        });
        if limits.is_empty() && requests.is_empty() {
            r = None;
        }
        Container {
            name: "c".into(),
            resources: r,
            ..Default::default()
        }
    };
    let full = [("cpu", "100m"), ("memory", "100Mi")];
    assert_eq!(stored::compute_qos(&[], &[c(&[], &[])], None), "BestEffort");
    assert_eq!(
        stored::compute_qos(&[], &[c(&[], &[("cpu", "0")])], None),
        "BestEffort",
        "zero requests are ignored"
    );
    assert_eq!(
        stored::compute_qos(&[], &[c(&full, &full)], None),
        "Guaranteed"
    );
    assert_eq!(
        stored::compute_qos(
            &[],
            &[c(&full, &[("cpu", "0.1"), ("memory", "100Mi")])],
            None
        ),
        "Guaranteed",
        "0.1 == 100m"
    );
    assert_eq!(
        stored::compute_qos(
            &[],
            &[c(&full, &[("cpu", "50m"), ("memory", "100Mi")])],
            None
        ),
        "Burstable"
    );
    assert_eq!(
        stored::compute_qos(&[], &[c(&[("cpu", "100m")], &[("cpu", "100m")])], None),
        "Burstable",
        "no memory limit"
    );
    assert_eq!(
        stored::compute_qos(&[], &[c(&full, &full), c(&[], &[])], None),
        "Burstable",
        "one container without limits"
    );
    assert_eq!(
        stored::compute_qos(&[c(&[], &[("memory", "1Gi")])], &[c(&[], &[])], None),
        "Burstable",
        "init containers count"
    );
    assert_eq!(
        stored::compute_qos(
            &[],
            &[c(
                &[("cpu", "1"), ("memory", "1Gi"), ("nvidia.com/gpu", "1")],
                &[("cpu", "1"), ("memory", "1Gi")]
            )],
            None
        ),
        "Guaranteed",
        "only cpu and memory count"
    );
    // The view defaults requests from limits before computing.
    let tl = simulated(SPEC_POD, 1.0);
    assert_eq!(stored::stored(&tl.pod).qos_class, "Guaranteed");
}

/// describe.go `printController` (`Controlled By: ReplicaSet/<name>` for a Deployment's pod).
#[test]
fn describe_controlled_by() {
    let deploy = r#"
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.27
"#;
    let tl = simulated(deploy, 5.0);
    let owner = tl
        .pod
        .controlled_by
        .clone()
        .expect("owner from the template");
    let d = describe(&tl, secs(5.0));
    assert!(
        d.contains(&format!(
            "IPs:\n  IP:           10.244.1.7\nControlled By:  {owner}\n"
        )),
        "{d}"
    );
    assert!(owner.starts_with("ReplicaSet/web-"), "{owner}");
}

/// Static pods: `kubernetes.io/config.*` annotations (kubelet `applyDefaults`, mirror pod
/// creation), no service account or token volume (ServiceAccount admission skips mirror pods),
/// the kubelet's `:NoExecute op=Exists` toleration (which also satisfies
/// DefaultTolerationSeconds), `Controlled By: Node/<node>`.
#[test]
fn describe_static_pod() {
    let mut tl = simulated(crate::gallery::get("exec-liveness").unwrap().yaml, 5.0);
    tl.pod.static_pod = true;
    let d = describe(&tl, secs(5.0));
    assert!(!d.contains("Service Account:"), "{d}");
    assert!(!d.contains("kube-api-access"), "{d}");
    assert_eq!(field(&d, "Mounts:"), Some("<none>"), "{d}");
    assert_eq!(field(&d, "Volumes:"), Some("<none>"), "{d}");
    assert_eq!(
        field(&d, "Tolerations:"),
        Some(":NoExecute op=Exists"),
        "{d}"
    );
    assert_eq!(field(&d, "Controlled By:"), Some("Node/node01"), "{d}");
    let ann = d
        .lines()
        .skip_while(|l| !l.starts_with("Annotations:"))
        .take(4)
        .collect::<Vec<_>>();
    assert!(
        field(&d, "Annotations:")
            .unwrap()
            .starts_with("kubernetes.io/config.hash: "),
        "{ann:?}"
    );
    assert!(
        ann[1]
            .trim_start()
            .starts_with("kubernetes.io/config.mirror: "),
        "{ann:?}"
    );
    assert!(
        ann[2]
            .trim_start()
            .starts_with("kubernetes.io/config.seen: 2026-11-23T09:59:59."),
        "{ann:?}"
    );
    assert_eq!(ann[3].trim_start(), "kubernetes.io/config.source: file");
    let hash = ann[0].rsplit(' ').next().unwrap();
    assert_eq!(hash.len(), 32);
    assert!(ann[1].ends_with(hash), "mirror annotation = config hash");
}

/// `automountServiceAccountToken: false`: no token volume, no mount.
#[test]
fn describe_without_token_automount() {
    let yaml = crate::gallery::get("exec-liveness").unwrap().yaml.replace(
        "spec:\n  containers:",
        "spec:\n  automountServiceAccountToken: false\n  containers:",
    );
    let tl = simulated(&yaml, 5.0);
    let d = describe(&tl, secs(5.0));
    assert!(!d.contains("kube-api-access"), "{d}");
    assert_eq!(field(&d, "Volumes:"), Some("<none>"), "{d}");
    assert_eq!(field(&d, "Mounts:"), Some("<none>"), "{d}");
    assert_eq!(field(&d, "Service Account:"), Some("default"), "{d}");
}

/// `kubectl get pod -o yaml` status, golden: keys sorted (sigs.k8s.io/yaml → go-yaml v2),
/// `lastProbeTime: null`, quoted `"True"` and timestamps, `lastState` with the previous
/// instance's container ID, `imageID` present.
#[test]
fn status_yaml_golden() {
    let tl = timeline();
    let y = status_yaml(&tl, secs(13.5));
    let st = tl.snapshot_at(secs(13.5)).unwrap().container_statuses[0].clone();
    let (cid, iid) = stored::status_ids(&tl.pod, &st);
    let want = format!(
        "\
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: \"2026-11-23T10:00:00Z\"
    status: \"True\"
    type: PodReadyToStartContainers
  - lastProbeTime: null
    lastTransitionTime: \"2026-11-23T10:00:00Z\"
    status: \"True\"
    type: Initialized
  - lastProbeTime: null
    lastTransitionTime: \"2026-11-23T10:00:00Z\"
    status: \"False\"
    type: Ready
  - lastProbeTime: null
    lastTransitionTime: \"2026-11-23T10:00:00Z\"
    status: \"False\"
    type: ContainersReady
  - lastProbeTime: null
    lastTransitionTime: \"2026-11-23T10:00:00Z\"
    status: \"True\"
    type: PodScheduled
  containerStatuses:
  - containerID: {cid}
    image: docker.io/library/busybox:latest
    imageID: {iid}
    lastState:
      terminated:
        containerID: {cid}
        exitCode: 1
        finishedAt: \"2026-11-23T10:00:02Z\"
        reason: Error
        startedAt: \"2026-11-23T10:00:01Z\"
    name: app
    ready: false
    restartCount: 1
    started: false
    state:
      waiting:
        reason: CrashLoopBackOff
  hostIP: 192.168.49.2
  hostIPs:
  - ip: 192.168.49.2
  phase: Running
  podIP: 10.244.0.5
  podIPs:
  - ip: 10.244.0.5
  qosClass: BestEffort
  startTime: \"2026-11-23T10:00:00Z\"
"
    );
    assert_eq!(y, want, "\n--- got ---\n{y}");
    assert!(cid.starts_with("containerd://") && cid.len() == "containerd://".len() + 64);
    assert!(iid.starts_with("docker.io/library/busybox@sha256:"));
}

/// status_yaml over a real run: before the first start no `containerID` and an empty `imageID`;
/// after the liveness restart the current and previous instances have different IDs; gone
/// after removal.
#[test]
fn status_yaml_follows_the_exec_liveness_pod() {
    let tl = simulated(crate::gallery::get("exec-liveness").unwrap().yaml, 120.0);
    let early = status_yaml(&tl, secs(0.5));
    assert!(
        early.contains("    imageID: \"\"\n") && !early.contains("containerID"),
        "{early}"
    );
    assert!(
        early.contains("  - image: registry.k8s.io/busybox\n"),
        "spec image before creation: {early}"
    );
    assert!(
        early.contains("      waiting:\n        reason: ContainerCreating\n"),
        "{early}"
    );
    let after = status_yaml(&tl, secs(80.0));
    let ids: Vec<&str> = after
        .lines()
        .filter_map(|l| {
            l.trim_start()
                .trim_start_matches("- ")
                .strip_prefix("containerID: ")
        })
        .collect();
    // The status's own (the running instance) and lastState.terminated's (the killed one);
    // a running state carries none.
    assert_eq!(ids.len(), 2, "{after}");
    assert_ne!(ids[0], ids[1], "the killed instance has its own ID");
    assert_eq!(ids[0], stored::container_id(&tl.pod, "liveness", 1));
    assert_eq!(ids[1], stored::container_id(&tl.pod, "liveness", 0));
    assert!(
        after.contains("        exitCode: 137\n") && after.contains("    restartCount: 1\n"),
        "{after}"
    );
    assert!(
        after.contains("    image: registry.k8s.io/busybox:latest\n"),
        "{after}"
    );
    // Sorted keys at the top level.
    let keys: Vec<&str> = after
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && !l.starts_with("  -"))
        .map(|l| l.trim().split(':').next().unwrap())
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let mut gone = tl.clone();
    gone.pod.removed_at = Some(secs(100.0));
    assert!(status_yaml(&gone, secs(100.0)).starts_with("Error from server (NotFound)"));
}

/// Deterministic stand-ins for what the runtime reports.
#[test]
fn image_references() {
    assert_eq!(
        stored::normalize_image("busybox"),
        "docker.io/library/busybox:latest"
    );
    assert_eq!(
        stored::normalize_image("busybox:1.36"),
        "docker.io/library/busybox:1.36"
    );
    assert_eq!(
        stored::normalize_image("luksa/kubia"),
        "docker.io/luksa/kubia:latest"
    );
    assert_eq!(
        stored::normalize_image("registry.k8s.io/busybox"),
        "registry.k8s.io/busybox:latest"
    );
    assert_eq!(
        stored::normalize_image("localhost:5000/img:v1"),
        "localhost:5000/img:v1"
    );
    assert_eq!(
        stored::normalize_image("nginx@sha256:abc"),
        "docker.io/library/nginx@sha256:abc"
    );
    assert_eq!(
        stored::image_id("nginx@sha256:abc"),
        "docker.io/library/nginx@sha256:abc"
    );
    let id = stored::image_id("localhost:5000/img:v1");
    assert!(
        id.starts_with("localhost:5000/img@sha256:")
            && id.len() == "localhost:5000/img@sha256:".len() + 64,
        "{id}"
    );
    assert_eq!(
        stored::image_id("busybox"),
        stored::image_id("docker.io/library/busybox:latest")
    );
}

/// printers.go `printPod` with `-o wide`: IP (`<none>` until the sandbox has one), NODE,
/// NOMINATED NODE, READINESS GATES (`<none>` without `spec.readinessGates`).
#[test]
fn get_wide_columns() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: app, image: nginx:1.25}\n";
    let tl = simulated(yaml, 30.0);
    let at0 = get_table_wide(&tl, secs(0.0));
    assert_eq!(
        at0.lines().next().unwrap(),
        "NAME   READY   STATUS              RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES"
    );
    assert!(
        at0.lines()
            .nth(1)
            .unwrap()
            .contains("<none>   node01   <none>           <none>"),
        "{at0}"
    );
    let later = get_table_wide(&tl, secs(20.0));
    let row = later.lines().nth(1).unwrap();
    assert!(
        row.contains(&tl.pod.pod_ip) && row.contains("Running"),
        "{later}"
    );
}

/// kubectl 1.35 `DescribeEvents` (PR #133627) prefixes a message that has an involved-object
/// field path with it; kubectl 1.37 `DescribeProbe` names the thresholds.
#[test]
fn describe_follows_the_kubectl_version() {
    let mut tl = timeline();
    let old = describe(&tl, secs(13.5));
    tl.pod.kubectl_minor = 35;
    let new = describe(&tl, secs(13.5));
    let line = |s: &str| {
        s.lines()
            .find(|l| l.contains("BackOff") && l.contains("Back-off restarting"))
            .map(str::to_string)
    };
    let (o, n) = (
        line(&old).expect("a BackOff row"),
        line(&new).expect("a BackOff row"),
    );
    assert!(!o.contains("spec.containers{app}: "), "{o}");
    assert!(
        n.contains("spec.containers{app}: Back-off restarting"),
        "{n}"
    );
    // Pod-level events (no field path) are unchanged.
    let sched = |s: &str| {
        s.lines()
            .find(|l| l.contains("Scheduled"))
            .map(str::to_string)
    };
    assert_eq!(sched(&old), sched(&new));
    assert!(new.contains("#success=1 #failure=3"));
    tl.pod.kubectl_minor = 37;
    let newest = describe(&tl, secs(13.5));
    assert!(
        newest.contains("period=5s successThreshold=1 failureThreshold=3"),
        "{newest}"
    );
}
