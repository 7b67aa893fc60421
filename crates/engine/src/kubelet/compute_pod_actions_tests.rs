//! Table-driven tests of [`compute_pod_actions`], in the style of upstream's
//! `TestComputePodActions` (`pkg/kubelet/kuberuntime/kuberuntime_manager_test.go`): a pod
//! snapshot in, the `podActions` out.

use super::*;

fn ctr(name: &str, kind: ContainerKind, state: SnapshotState) -> ContainerView {
    let running = state == SnapshotState::Running;
    ContainerView {
        name: name.into(),
        kind,
        state,
        started: true,
        probe_failure: None,
        probe_grace: 30,
        spec_changed: false,
        ever_created: state != SnapshotState::NotCreated,
        running_now: running,
        restart: ContainerRestart::default(),
        resize: None,
    }
}

fn pod(policy: RestartPolicy, sandbox: SandboxState, containers: Vec<ContainerView>) -> PodView {
    PodView {
        restart_policy: policy,
        termination_grace_period_seconds: 30,
        deleted: false,
        sandbox,
        containers,
        restart_all: false,
    }
}

use ContainerKind::{Init, Regular, Sidecar};
use RestartPolicy::{Always, Never, OnFailure};
use SandboxState::{Changed, Missing, Ready};
use SnapshotState::{Exited, NotCreated, Running};

fn kill(ci: usize, reason: KillReason, message: &str, grace: i64) -> ContainerToKill {
    ContainerToKill {
        ci,
        reason,
        message: message.into(),
        grace,
    }
}

#[test]
fn compute_pod_actions_table() {
    let liveness_failed = {
        let mut c = ctr("app", Regular, Running);
        c.probe_failure = Some(KillReason::Liveness);
        c.probe_grace = 5;
        c
    };
    let spec_changed = {
        let mut c = ctr("app", Regular, Running);
        c.spec_changed = true;
        c
    };
    let sidecar_not_started = {
        let mut c = ctr("proxy", Sidecar, Running);
        c.started = false;
        c
    };
    let cases: Vec<(&str, PodView, PodActions)> = vec![
        (
            "start a new pod: create the sandbox and start the containers in the same sync",
            pod(
                Always,
                Missing,
                vec![
                    ctr("app", Regular, NotCreated),
                    ctr("b", Regular, NotCreated),
                ],
            ),
            PodActions {
                create_sandbox: true,
                containers_to_start: vec![0, 1],
                ..Default::default()
            },
        ),
        (
            "a running pod with nothing to do",
            pod(Always, Ready, vec![ctr("app", Regular, Running)]),
            PodActions::default(),
        ),
        (
            "restartPolicy Always: restart an exited container whatever its code",
            pod(Always, Ready, vec![ctr("app", Regular, Exited { code: 0 })]),
            PodActions {
                containers_to_start: vec![0],
                ..Default::default()
            },
        ),
        (
            "restartPolicy OnFailure: restart on a non-zero exit",
            pod(
                OnFailure,
                Ready,
                vec![ctr("app", Regular, Exited { code: 1 })],
            ),
            PodActions {
                containers_to_start: vec![0],
                ..Default::default()
            },
        ),
        (
            "restartPolicy OnFailure: a zero exit stays down",
            pod(
                OnFailure,
                Ready,
                vec![ctr("app", Regular, Exited { code: 0 })],
            ),
            PodActions::default(),
        ),
        (
            "restartPolicy Never: an exit stays down",
            pod(
                Never,
                Ready,
                vec![ctr("app", Regular, Exited { code: 137 })],
            ),
            PodActions::default(),
        ),
        (
            "liveness failed: kill with the probe's grace and restart",
            pod(Always, Ready, vec![liveness_failed.clone()]),
            PodActions {
                containers_to_kill: vec![kill(
                    0,
                    KillReason::Liveness,
                    "Container app failed liveness probe, will be restarted",
                    5,
                )],
                containers_to_start: vec![0],
                ..Default::default()
            },
        ),
        (
            "liveness failed under Never: kill, no restart, no ', will be restarted'",
            pod(Never, Ready, vec![liveness_failed]),
            PodActions {
                containers_to_kill: vec![kill(
                    0,
                    KillReason::Liveness,
                    "Container app failed liveness probe",
                    5,
                )],
                ..Default::default()
            },
        ),
        (
            "the spec hash changed: kill with the pod's grace and restart, even under Never",
            pod(Never, Ready, vec![spec_changed]),
            PodActions {
                containers_to_kill: vec![kill(
                    0,
                    KillReason::SpecChanged,
                    "Container app definition changed, will be restarted",
                    30,
                )],
                containers_to_start: vec![0],
                ..Default::default()
            },
        ),
        (
            "init containers run one at a time: only the first starts",
            pod(
                Always,
                Ready,
                vec![
                    ctr("i0", Init, NotCreated),
                    ctr("i1", Init, NotCreated),
                    ctr("app", Regular, NotCreated),
                ],
            ),
            PodActions {
                containers_to_start: vec![0],
                ..Default::default()
            },
        ),
        (
            "the next init container starts after the previous one exited 0",
            pod(
                Always,
                Ready,
                vec![
                    ctr("i0", Init, Exited { code: 0 }),
                    ctr("i1", Init, NotCreated),
                    ctr("app", Regular, NotCreated),
                ],
            ),
            PodActions {
                containers_to_start: vec![1],
                ..Default::default()
            },
        ),
        (
            "a failed init container is restarted (Always) ...",
            pod(
                Always,
                Ready,
                vec![
                    ctr("i0", Init, Exited { code: 1 }),
                    ctr("app", Regular, NotCreated),
                ],
            ),
            PodActions {
                containers_to_start: vec![0],
                ..Default::default()
            },
        ),
        (
            "... and not under Never (the pod fails)",
            pod(
                Never,
                Ready,
                vec![
                    ctr("i0", Init, Exited { code: 1 }),
                    ctr("app", Regular, NotCreated),
                ],
            ),
            PodActions::default(),
        ),
        (
            "a sidecar that is not started yet holds back the next container",
            pod(
                Always,
                Ready,
                vec![sidecar_not_started, ctr("app", Regular, NotCreated)],
            ),
            PodActions::default(),
        ),
        (
            "a started sidecar lets the app containers start",
            pod(
                Always,
                Ready,
                vec![
                    ctr("proxy", Sidecar, Running),
                    ctr("app", Regular, NotCreated),
                ],
            ),
            PodActions {
                containers_to_start: vec![1],
                ..Default::default()
            },
        ),
        (
            "an exited sidecar is restarted whatever the restartPolicy",
            pod(
                Never,
                Ready,
                vec![
                    ctr("proxy", Sidecar, Exited { code: 0 }),
                    ctr("app", Regular, Running),
                ],
            ),
            PodActions {
                containers_to_start: vec![0],
                ..Default::default()
            },
        ),
        (
            "only sidecars left once the app is done (Never): KillPod",
            pod(
                Never,
                Ready,
                vec![
                    ctr("proxy", Sidecar, Running),
                    ctr("app", Regular, Exited { code: 0 }),
                ],
            ),
            PodActions {
                kill_pod: Some(30),
                ..Default::default()
            },
        ),
        (
            "the sandbox changed: KillPod, re-create, start over with the first init container",
            pod(
                Always,
                Changed,
                vec![
                    ctr("i0", Init, Exited { code: 0 }),
                    ctr("app", Regular, Running),
                ],
            ),
            PodActions {
                kill_pod: Some(30),
                recreate_sandbox: true,
                containers_to_start: vec![0],
                ..Default::default()
            },
        ),
        (
            "the sandbox changed under Never after containers ran: nothing is re-created",
            pod(
                Never,
                Changed,
                vec![ctr("app", Regular, Exited { code: 0 })],
            ),
            PodActions::default(),
        ),
        (
            "RestartAllContainers (KEP-5532): with the condition True, kill everything without \
             preStop or grace and remove the containers; start nothing in this sync",
            {
                let mut p = pod(
                    Never,
                    Ready,
                    vec![
                        ctr("setup", Init, Exited { code: 0 }),
                        ctr("worker", Regular, Exited { code: 42 }),
                        ctr("helper", Regular, Running),
                    ],
                );
                p.restart_all = true;
                p
            },
            PodActions {
                kill_pod: Some(0),
                remove_containers: true,
                ..Default::default()
            },
        ),
        (
            "after the reset the runtime has no containers: the init container starts first",
            pod(
                Never,
                Ready,
                vec![
                    ctr("setup", Init, NotCreated),
                    ctr("worker", Regular, NotCreated),
                    ctr("helper", Regular, NotCreated),
                ],
            ),
            PodActions {
                containers_to_start: vec![0],
                ..Default::default()
            },
        ),
    ];
    for (name, view, want) in cases {
        assert_eq!(compute_pod_actions(&view), want, "{name}");
    }
}

#[test]
fn should_restart_is_shouldcontainerberestarted() {
    // pkg/kubelet/container/helpers.go ShouldContainerBeRestarted, plus init/sidecar/ephemeral.
    for (kind, policy, deleted, code, want) in [
        (Regular, Always, false, 0, true),
        (Regular, OnFailure, false, 0, false),
        (Regular, OnFailure, false, 2, true),
        (Regular, Never, false, 2, false),
        (Regular, Always, true, 2, false),
        (Init, Always, false, 0, false),
        (Init, OnFailure, false, 1, true),
        (Init, Never, false, 1, false),
        (Sidecar, Never, false, 0, true),
        (ContainerKind::Ephemeral, Always, false, 1, false),
    ] {
        assert_eq!(
            should_restart(kind, policy, &ContainerRestart::default(), deleted, code),
            want,
            "{kind:?} {policy:?} deleted={deleted} code={code}"
        );
    }
}

/// `ContainerShouldRestart` (`pkg/api/v1/pod/util.go`, KEP-5307): the container's rules in order
/// (first match wins; a non-matching or `RestartAllContainers` rule falls through), then its own
/// `restartPolicy`, then the pod's.
#[test]
fn container_restart_rules_table() {
    use RestartPolicy::*;
    let own = |policy, rules: Vec<(RuleAction, bool, Vec<i32>)>| ContainerRestart {
        policy: Some(policy),
        rules: rules
            .into_iter()
            .map(|(action, is_in, values)| RestartRule {
                action,
                exit_codes: Some((is_in, values)),
            })
            .collect(),
    };
    let restart42 = own(Never, vec![(RuleAction::Restart, true, vec![42])]);
    let not_in = own(Never, vec![(RuleAction::Restart, false, vec![0, 1])]);
    let all = own(
        Never,
        vec![(RuleAction::RestartAllContainers, true, vec![42])],
    );
    let on_failure = own(OnFailure, vec![]);
    for (kind, pod, c, code, want) in [
        (ContainerKind::Regular, Never, &restart42, 42, true),
        (ContainerKind::Regular, Never, &restart42, 1, false),
        (ContainerKind::Regular, Always, &restart42, 1, false),
        (ContainerKind::Regular, Never, &not_in, 7, true),
        (ContainerKind::Regular, Never, &not_in, 1, false),
        (ContainerKind::Regular, Never, &all, 42, false),
        (ContainerKind::Regular, Never, &on_failure, 3, true),
        (ContainerKind::Regular, Always, &on_failure, 0, false),
        (ContainerKind::Init, Always, &own(Never, vec![]), 1, false),
        (ContainerKind::Init, Never, &restart42, 42, true),
    ] {
        assert_eq!(
            should_restart(kind, pod, c, false, code),
            want,
            "{kind:?} pod {pod:?} {c:?} exit {code}"
        );
    }
}
