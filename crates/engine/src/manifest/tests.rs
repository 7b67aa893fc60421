//! Manifest parsing tests. Each names the upstream rule it mirrors.

use super::*;

fn errors(p: &Parsed) -> Vec<&Diagnostic> {
    p.diagnostics.iter().filter(|d| d.is_error()).collect()
}

/// The single error of `text`, asserting there is exactly one.
fn one_error(text: &str) -> Diagnostic {
    let p = parse(text);
    let e = errors(&p);
    assert_eq!(e.len(), 1, "expected one error, got {:#?}", p.diagnostics);
    e[0].clone()
}

fn has(p: &Parsed, path: &str, message: &str) -> bool {
    p.diagnostics
        .iter()
        .any(|d| d.path == path && d.message == message)
}

const GOOD: &str = "\
apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
  labels:
    test: liveness
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
";

fn with_probe(extra: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: busybox\n    livenessProbe:\n      exec:\n        command: [\"true\"]\n{extra}"
    )
}

/// The docs' exec-liveness Pod parses, defaults and validates cleanly
/// (`pkg/apis/core/v1/defaults.go` `SetDefaults_PodSpec`, `SetDefaults_Container`, `SetDefaults_Probe`).
#[test]
fn good_pod_is_defaulted() {
    let p = parse(GOOD);
    assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
    assert_eq!(p.source_kind, "Pod");
    let pod = p.pod.unwrap();
    assert_eq!(pod.metadata.namespace.as_deref(), Some("default"));
    assert_eq!(pod.metadata.uid.as_deref().map(str::len), Some(36));
    let spec = pod.spec.unwrap();
    assert_eq!(spec.restart_policy.as_deref(), Some("Always"));
    assert_eq!(spec.termination_grace_period_seconds, Some(30));
    assert_eq!(spec.dns_policy.as_deref(), Some("ClusterFirst"));
    assert_eq!(spec.scheduler_name.as_deref(), Some("default-scheduler"));
    assert_eq!(spec.enable_service_links, Some(true));
    let c = &spec.containers[0];
    assert_eq!(c.image_pull_policy.as_deref(), Some("Always"));
    assert_eq!(
        c.termination_message_path.as_deref(),
        Some("/dev/termination-log")
    );
    assert_eq!(c.termination_message_policy.as_deref(), Some("File"));
    let lp = c.liveness_probe.as_ref().unwrap();
    assert_eq!(
        (
            lp.initial_delay_seconds,
            lp.period_seconds,
            lp.timeout_seconds
        ),
        (Some(5), Some(5), Some(1))
    );
    assert_eq!(
        (lp.success_threshold, lp.failure_threshold),
        (Some(1), Some(3))
    );
}

/// defaults.go: zero values are replaced (`periodSeconds: 0` → 10), httpGet path/scheme,
/// negative `terminationGracePeriodSeconds` → 1 (PR #115606), port protocol TCP.
#[test]
fn zero_values_are_defaulted() {
    let text = "\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  terminationGracePeriodSeconds: -5
  containers:
  - name: app
    image: nginx:1.25
    ports:
    - containerPort: 80
    readinessProbe:
      httpGet:
        port: 80
      periodSeconds: 0
      failureThreshold: 0
";
    let p = parse(text);
    assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
    let spec = p.pod.unwrap().spec.unwrap();
    assert_eq!(spec.termination_grace_period_seconds, Some(1));
    let c = &spec.containers[0];
    assert_eq!(c.image_pull_policy.as_deref(), Some("IfNotPresent"));
    assert_eq!(
        c.ports.as_ref().unwrap()[0].protocol.as_deref(),
        Some("TCP")
    );
    let rp = c.readiness_probe.as_ref().unwrap();
    assert_eq!(
        (rp.period_seconds, rp.failure_threshold),
        (Some(10), Some(3))
    );
    let g = rp.http_get.as_ref().unwrap();
    assert_eq!(
        (g.path.as_deref(), g.scheme.as_deref()),
        (Some("/"), Some("HTTP"))
    );
}

/// Acceptance: invalid YAML is a located error (serde_yaml syntax error location).
#[test]
fn invalid_yaml_is_located() {
    let d = one_error("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: [a\nspec: {}\n");
    assert!(d.message.starts_with("invalid YAML: "), "{d}");
    assert!(d.line.is_some() && d.column.is_some());
    assert!(d.line.unwrap() >= 5, "{d}");
    let d = one_error("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n bad: indentation\n");
    assert_eq!(d.line, Some(5), "{d}");
}

/// Acceptance: a misspelled field is an error naming the field path, line and column
/// (API server strict field validation: `unknown field "<path>"`).
#[test]
fn unknown_field_is_a_located_error() {
    let text = GOOD.replace("initialDelaySeconds", "initalDelaySeconds");
    let d = one_error(&text);
    assert_eq!(
        d.path,
        "spec.containers[0].livenessProbe.initalDelaySeconds"
    );
    assert_eq!(
        d.message,
        "unknown field \"spec.containers[0].livenessProbe.initalDelaySeconds\" (did you mean \"initialDelaySeconds\"?)"
    );
    assert_eq!((d.line, d.column), (Some(20), Some(7)));
    assert_eq!(
        d.to_string(),
        "20:7: spec.containers[0].livenessProbe.initalDelaySeconds: unknown field \"spec.containers[0].livenessProbe.initalDelaySeconds\" (did you mean \"initialDelaySeconds\"?)"
    );
}

/// Acceptance: `periodSeconds: -1` — validation.go `validateProbe` → `ValidateNonnegativeField`.
#[test]
fn negative_period_is_a_located_error() {
    let d = one_error(&with_probe("      periodSeconds: -1\n"));
    assert_eq!(d.path, "spec.containers[0].livenessProbe.periodSeconds");
    assert_eq!(
        d.message,
        "Invalid value: -1: must be greater than or equal to 0"
    );
    assert_eq!((d.line, d.column), (Some(12), Some(7)));
}

/// Acceptance: duplicate container names — validation.go `validateContainers` (`field.Duplicate`).
#[test]
fn duplicate_container_name() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: a\n  - name: app\n    image: b\n";
    let d = one_error(text);
    assert_eq!(
        d.to_string(),
        "9:5: spec.containers[1].name: Duplicate value: \"app\""
    );
    // Names are unique across containers and init containers (reported on the init container).
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: app\n    image: a\n  containers:\n  - name: app\n    image: b\n";
    let d = one_error(text);
    assert_eq!(d.path, "spec.initContainers[0].name");
    assert_eq!(d.line, Some(7));
}

/// Acceptance: `kind: Service` — podlife plays Pods (error at the kind value).
#[test]
fn unsupported_kind() {
    let d = one_error(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n",
    );
    assert_eq!(d.path, "kind");
    assert!(
        d.message
            .starts_with("Unsupported value: \"Service\": podlife plays Pods"),
        "{d}"
    );
    assert_eq!((d.line, d.column), (Some(2), Some(7)));
}

/// kubectl: a document without `kind` / `apiVersion` cannot be decoded.
#[test]
fn missing_kind_and_api_version() {
    let d = one_error("apiVersion: v1\nmetadata:\n  name: p\n");
    assert_eq!(d.path, "kind");
    assert!(d.message.starts_with("Object 'Kind' is missing in"), "{d}");
    let d = one_error("kind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n");
    assert_eq!(d.path, "apiVersion");
    assert!(d.message.contains("apiVersion not set"), "{d}");
    let d = one_error("apiVersion: v1\nkind: Deployment\nmetadata:\n  name: p\n");
    assert!(
        d.message
            .contains("no matches for kind \"Deployment\" in version \"v1\""),
        "{d}"
    );
}

/// validation.go `validateLivenessProbe` ("must be 1"), `validateReadinessProbe`
/// (terminationGracePeriodSeconds "must not be set for readinessProbes"), `validateProbe`
/// (probe-level terminationGracePeriodSeconds > 0), `validateHandler` (one handler).
#[test]
fn probe_rules() {
    let d = one_error(&with_probe("      successThreshold: 3\n"));
    assert_eq!(
        d.to_string(),
        "12:7: spec.containers[0].livenessProbe.successThreshold: Invalid value: 3: must be 1"
    );
    let d = one_error(&with_probe("      terminationGracePeriodSeconds: 0\n"));
    assert_eq!(d.message, "Invalid value: 0: must be greater than 0");
    let p = parse(&with_probe("      httpGet:\n        port: 8080\n"));
    assert!(
        has(
            &p,
            "spec.containers[0].livenessProbe.httpGet",
            "Forbidden: may not specify more than 1 handler type"
        ),
        "{:#?}",
        p.diagnostics
    );
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: a\n    readinessProbe:\n      periodSeconds: 3\n      terminationGracePeriodSeconds: 5\n";
    let p = parse(text);
    assert!(has(
        &p,
        "spec.containers[0].readinessProbe",
        "Required value: must specify a handler type"
    ));
    assert!(has(
        &p,
        "spec.containers[0].readinessProbe.terminationGracePeriodSeconds",
        "Invalid value: 5: must not be set for readinessProbes"
    ));
    let d = errors(&p)
        .into_iter()
        .find(|d| d.path.ends_with("readinessProbe"))
        .unwrap();
    assert_eq!((d.line, d.column), (Some(9), Some(5)));
}

/// validation.go `validateInitContainers`: restartPolicy only `Always`; lifecycle/probes
/// forbidden without it; sidecars may have probes.
#[test]
fn init_container_rules() {
    let base = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: a\n  initContainers:\n  - name: init\n    image: busybox\n";
    let p = parse(&format!(
        "{base}    readinessProbe:\n      exec:\n        command: [\"true\"]\n"
    ));
    let d = one_error(&format!(
        "{base}    readinessProbe:\n      exec:\n        command: [\"true\"]\n"
    ));
    assert_eq!(d.to_string(), "12:5: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always");
    assert!(p.pod.is_some());
    let p = parse(&format!("{base}    restartPolicy: Always\n    readinessProbe:\n      exec:\n        command: [\"true\"]\n"));
    assert!(errors(&p).is_empty(), "{:#?}", p.diagnostics);
    // Other values depend on the version (ContainerRestartRules): checked in `prepare`.
    let never = format!("{base}    restartPolicy: Never\n");
    let at = |v: u32| {
        let s = crate::Settings {
            kubelet_version: crate::KubeletVersion(v),
            ..Default::default()
        };
        crate::prepare(&never, None, &s).map(|_| ())
    };
    let errs = at(34).expect_err("1.34: only Always");
    assert_eq!(
        errs[0].message,
        "Unsupported value: \"Never\": supported values: \"Always\""
    );
    assert!(at(35).is_ok(), "1.35: ContainerRestartRules allows Never");
    let d = one_error(&format!(
        "{base}    lifecycle:\n      postStart:\n        exec:\n          command: [\"true\"]\n"
    ));
    assert_eq!(d.path, "spec.initContainers[0].lifecycle");
}

/// validation.go `validateRestartPolicy`, `validateContainers` (Required), DNS-1123 names
/// (`ValidateDNS1123Label`), `validateContainerOnlyForPod` (image Required).
#[test]
fn spec_rules() {
    let d = one_error("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Sometimes\n  containers:\n  - name: a\n    image: b\n");
    assert_eq!(d.to_string(), "6:3: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    let d = one_error("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n");
    assert_eq!(d.to_string(), "6:3: spec.containers: Required value");
    let d = one_error("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: {}\n");
    assert_eq!(
        (d.path.as_str(), d.message.as_str()),
        ("spec.containers", "Required value")
    );
    let d = one_error("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: My_App\n    image: b\n");
    assert_eq!(d.path, "spec.containers[0].name");
    assert!(
        d.message
            .starts_with("Invalid value: \"My_App\": a lowercase RFC 1123 label must consist of"),
        "{d}"
    );
    let d = one_error(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n",
    );
    assert_eq!(
        d.to_string(),
        "7:3: spec.containers[0].image: Required value"
    );
    let d = one_error("apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {a: b}\nspec:\n  containers:\n  - name: app\n    image: x\n");
    assert_eq!(
        d.to_string(),
        "3:1: metadata.name: Required value: name or generateName is required"
    );
}

/// validation.go `validateSleepAction` (PodLifecycleSleepActionAllowZero, GA 1.34).
#[test]
fn sleep_hook_bounded_by_grace_period() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  terminationGracePeriodSeconds: 10\n  containers:\n  - name: app\n    image: a\n    lifecycle:\n      preStop:\n        sleep:\n          seconds: 20\n";
    let d = one_error(text);
    assert_eq!(
        d.to_string(),
        "12:9: spec.containers[0].lifecycle.preStop.sleep: Invalid value: 20: must be non-negative and less than terminationGracePeriodSeconds (10)"
    );
    assert!(errors(&parse(&text.replace("20", "0"))).is_empty());
}

/// validation.go `validateContainerPorts`, `ValidatePortNumOrName`.
#[test]
fn port_rules() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: a\n    ports:\n    - containerPort: 70000\n      name: http\n    livenessProbe:\n      httpGet:\n        port: web\n";
    let p = parse(text);
    assert!(
        has(
            &p,
            "spec.containers[0].ports[0].containerPort",
            "Invalid value: 70000: must be between 1 and 65535, inclusive"
        ),
        "{:#?}",
        p.diagnostics
    );
    // A named probe port no container port declares: accepted by the API server → warning.
    let w = p
        .diagnostics
        .iter()
        .find(|d| d.path == "spec.containers[0].livenessProbe.httpGet.port")
        .unwrap();
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!((w.line, w.column), (Some(14), Some(9)));
    let d = one_error(&with_probe("").replace(
        "    livenessProbe:\n      exec:\n        command: [\"true\"]\n",
        "    livenessProbe:\n      tcpSocket:\n        port: \"8080\"\n",
    ));
    assert_eq!(
        d.message,
        "Invalid value: \"8080\": must contain at least one letter (a-z)"
    );
}

/// Type errors carry serde_yaml's location and the field path (serde_path_to_error).
#[test]
fn type_error_has_path_and_location() {
    let d = one_error(&with_probe("      periodSeconds: five\n"));
    assert_eq!(d.path, "spec.containers[0].livenessProbe.periodSeconds");
    assert!(
        d.message
            .contains("invalid type: string \"five\", expected an integer"),
        "{d}"
    );
    assert_eq!(d.line, Some(12));
    // A missing required field becomes the API server's `Required value`.
    let d = one_error(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - image: a\n",
    );
    assert_eq!(
        d.to_string(),
        "7:3: spec.containers[0].name: Required value"
    );
}

/// Workloads: the pod template is played; paths keep the workload's prefix; restartPolicy rules of
/// `ValidatePodTemplateSpecForReplicaSet` / batch `validateJobSpec`.
#[test]
fn workloads() {
    let dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: test-a\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        livenessProbe:\n          httpGet: {path: /, port: 80}\n          periodSeconds: -1\n";
    let p = parse(dep);
    assert_eq!(p.source_kind, "Deployment");
    let d = errors(&p)[0].clone();
    assert_eq!(d.to_string(), "19:11: spec.template.spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0");
    let pod = p.pod.unwrap();
    let name = pod.metadata.name.clone().unwrap();
    assert!(
        name.starts_with("web-") && name.len() == "web-".len() + 10 + 1 + 5,
        "{name}"
    );
    assert_eq!(pod.metadata.namespace.as_deref(), Some("test-a"));
    assert!(pod
        .metadata
        .labels
        .as_ref()
        .unwrap()
        .contains_key("pod-template-hash"));
    assert_eq!(
        parse(dep).pod.unwrap().metadata.name.unwrap(),
        name,
        "deterministic"
    );

    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl\n";
    let d = one_error(job);
    assert_eq!(d.to_string(), "7:5: spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");
    let p = parse(&format!("{job}      restartPolicy: Never\n"));
    assert!(errors(&p).is_empty(), "{:#?}", p.diagnostics);
    let cron = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: hello\n            image: busybox\n            imagePullPolicy: Sometimes\n";
    let d = one_error(cron);
    assert_eq!(
        d.path,
        "spec.jobTemplate.spec.template.spec.containers[0].imagePullPolicy"
    );
    assert_eq!(d.line, Some(15));
}

/// Multi-document input: a Scenario after the Pod (line offsets kept), ignored objects warned,
/// the seed notes' Namespace + Deployment + Service shape.
#[test]
fn multi_document() {
    let text = format!(
        "{GOOD}---\napiVersion: podlife/v1\nkind: Scenario\nactions:\n- at: 30\n  delete: {{}}\n"
    );
    let p = parse(&text);
    assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
    assert_eq!(p.scenario.as_ref().unwrap().actions.len(), 1);
    let bad = format!("{GOOD}---\nkind: Scenario\nactions:\n- at: 30\n  delete: {{}}\n  typo: 1\n");
    let p = parse(&bad);
    let d = errors(&p)[0];
    assert!(
        d.line.unwrap() > 21,
        "scenario error line in the whole text: {d}"
    );

    let text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: test-a\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      containers:\n      - name: d\n        image: nginx\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n";
    let p = parse(text);
    assert!(errors(&p).is_empty(), "{:#?}", p.diagnostics);
    assert_eq!(p.source_kind, "Deployment");
    let w: Vec<usize> = p
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.line.unwrap())
        .collect();
    assert_eq!(w, vec![2, 20]);
}

/// Ephemeral containers: allowed in podlife, but fields outside the API's allow-list are errors
/// (validation.go `validateEphemeralContainers`).
#[test]
fn ephemeral_containers() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: a\n  ephemeralContainers:\n  - name: debug\n    image: busybox\n    targetContainerName: app\n";
    let p = parse(text);
    assert!(errors(&p).is_empty(), "{:#?}", p.diagnostics);
    assert_eq!(
        p.pod.unwrap().spec.unwrap().ephemeral_containers.unwrap()[0]
            .image_pull_policy
            .as_deref(),
        Some("Always")
    );
    let d = one_error(&format!("{text}    ports:\n    - containerPort: 80\n"));
    assert_eq!(d.to_string(), "13:5: spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container");
}

/// Robustness: huge input is rejected, deep nesting and garbage never panic.
#[test]
fn robustness() {
    let big = "a".repeat(MAX_INPUT_BYTES + 1);
    let d = one_error(&big);
    assert!(d.message.contains("1 MiB"));
    let deep = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {}{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert!(!errors(&parse(&deep)).is_empty());
    let deep_block: String = (0..3000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    assert!(!errors(&parse(&deep_block)).is_empty());
    for junk in [
        "",
        "---",
        "- a\n- b",
        "42",
        "{",
        ":::",
        "kind: [Pod]",
        "\u{0}",
    ] {
        let p = parse(junk);
        assert!(p.diagnostics.iter().any(Diagnostic::is_error), "{junk:?}");
        assert!(
            p.diagnostics.iter().all(|d| d.line.is_some()),
            "{junk:?}: {:#?}",
            p.diagnostics
        );
    }
}

/// `locate` for the UI: exact keys, and the nearest ancestor for defaulted fields.
#[test]
fn locate_paths() {
    let text = format!("apiVersion: v1\nkind: Namespace\nmetadata: {{name: x}}\n---\n{GOOD}");
    assert_eq!(
        locate(&text, "spec.containers[0].livenessProbe.periodSeconds"),
        Some((25, 7))
    );
    assert_eq!(
        locate(&text, "spec.containers[0].livenessProbe.timeoutSeconds"),
        Some((19, 5))
    );
    assert_eq!(locate(&text, "kind"), Some((6, 1)));
}

/// Parsing never panics: every single-character deletion and a few insertions in a valid
/// manifest produce a result (diagnostics located).
#[test]
fn mutations_never_panic() {
    let text = format!("{GOOD}    lifecycle:\n      preStop:\n        sleep: {{seconds: 5}}\n---\nkind: Scenario\nactions: []\n");
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        let mut del = chars.clone();
        del.remove(i);
        let p = parse(&del.iter().collect::<String>());
        assert!(
            p.diagnostics.iter().all(|d| d.line.is_some()),
            "{:#?}",
            p.diagnostics
        );
        for ins in ['-', ':', '[', '"', '\t', '#'] {
            let mut m = chars.clone();
            m.insert(i, ins);
            let _ = parse(&m.iter().collect::<String>());
        }
    }
}

/// Strict field validation covers a workload's own spec fields too: a field that belongs to
/// another kind (`schedule` is a CronJob field) is unknown for a Deployment.
#[test]
fn workload_spec_fields_are_checked_per_kind() {
    let dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  schedule: \"* * * * *\"\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - {name: web, image: nginx}\n";
    let p = parse(dep);
    let errs = errors(&p);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(
        errs[0].to_string(),
        "7:3: spec.schedule: unknown field \"spec.schedule\""
    );
    let job = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      backoffLimit: 2\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - {name: c, image: busybox}\n";
    let p = parse(job);
    assert!(errors(&p).is_empty(), "{:?}", errors(&p));
    assert_eq!(p.source_kind, "CronJob");
}
