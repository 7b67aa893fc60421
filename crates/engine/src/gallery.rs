//! Example manifests shipped with podlife (the UI's examples gallery, the CLI's tests).
//! Each file's header comment says where it comes from and what it shows; `docs/gallery.md`
//! lists them with what their source says happens.

/// One gallery entry.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// Stable identifier (file stem).
    pub id: &'static str,
    /// `docs` (Kubernetes documentation), `seed` (the study notes) or `podlife`.
    pub group: &'static str,
    pub title: &'static str,
    pub yaml: &'static str,
}

/// The default example loaded by the UI: the docs' exec-liveness pod.
pub const DEFAULT: &str = "exec-liveness";

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "exec-liveness",
        group: "docs",
        title: "Liveness probe (exec): restarts at ~75 s",
        yaml: include_str!("../gallery/exec-liveness.yaml"),
    },
    Example {
        id: "docs-http-liveness",
        group: "docs",
        title: "Liveness probe (HTTP, agnhost)",
        yaml: include_str!("../gallery/docs-http-liveness.yaml"),
    },
    Example {
        id: "docs-tcp-liveness-readiness",
        group: "docs",
        title: "Liveness + readiness (TCP, goproxy)",
        yaml: include_str!("../gallery/docs-tcp-liveness-readiness.yaml"),
    },
    Example {
        id: "docs-grpc-liveness",
        group: "docs",
        title: "Liveness probe (gRPC)",
        yaml: include_str!("../gallery/docs-grpc-liveness.yaml"),
    },
    Example {
        id: "docs-startup-probe",
        group: "docs",
        title: "Startup probe protecting a slow start",
        yaml: include_str!("../gallery/docs-startup-probe.yaml"),
    },
    Example {
        id: "docs-readiness-exec",
        group: "docs",
        title: "Readiness probe (exec)",
        yaml: include_str!("../gallery/docs-readiness-exec.yaml"),
    },
    Example {
        id: "docs-myapp-pod",
        group: "docs",
        title: "Init containers waiting for Services (myapp-pod)",
        yaml: include_str!("../gallery/docs-myapp-pod.yaml"),
    },
    Example {
        id: "docs-init-demo",
        group: "docs",
        title: "Init container fetching a page (init-demo)",
        yaml: include_str!("../gallery/docs-init-demo.yaml"),
    },
    Example {
        id: "docs-lifecycle-events",
        group: "docs",
        title: "postStart and preStop hooks (lifecycle-events)",
        yaml: include_str!("../gallery/docs-lifecycle-events.yaml"),
    },
    Example {
        id: "docs-sidecar-deployment",
        group: "docs",
        title: "Sidecar container (Deployment)",
        yaml: include_str!("../gallery/docs-sidecar-deployment.yaml"),
    },
    Example {
        id: "docs-sidecar-job",
        group: "docs",
        title: "Sidecar in a Job: completes, sidecar stopped",
        yaml: include_str!("../gallery/docs-sidecar-job.yaml"),
    },
    Example {
        id: "docs-prestop-sleep",
        group: "docs",
        title: "Graceful termination with a preStop sleep",
        yaml: include_str!("../gallery/docs-prestop-sleep.yaml"),
    },
    Example {
        id: "docs-prestop-beyond-grace",
        group: "docs",
        title: "preStop longer than the grace period (+2 s)",
        yaml: include_str!("../gallery/docs-prestop-beyond-grace.yaml"),
    },
    Example {
        id: "docs-image-pull-backoff",
        group: "docs",
        title: "ImagePullBackOff (bad tag)",
        yaml: include_str!("../gallery/docs-image-pull-backoff.yaml"),
    },
    Example {
        id: "docs-static-web",
        group: "docs",
        title: "Static pod (mirror pod name)",
        yaml: include_str!("../gallery/docs-static-web.yaml"),
    },
    Example {
        id: "crash-loop",
        group: "podlife",
        title: "CrashLoopBackOff (exit 1)",
        yaml: include_str!("../gallery/crash-loop.yaml"),
    },
    Example {
        id: "init-fails",
        group: "podlife",
        title: "Init container fails: Init:CrashLoopBackOff",
        yaml: include_str!("../gallery/init-fails.yaml"),
    },
    Example {
        id: "seed-env-fieldref",
        group: "seed",
        title: "Environment from a pod field (fieldRef)",
        yaml: include_str!("../gallery/seed-env-fieldref.yaml"),
    },
    Example {
        id: "seed-env-resourcefieldref",
        group: "seed",
        title: "Environment from resource limits (resourceFieldRef)",
        yaml: include_str!("../gallery/seed-env-resourcefieldref.yaml"),
    },
    Example {
        id: "seed-env-values",
        group: "seed",
        title: "Literal environment values",
        yaml: include_str!("../gallery/seed-env-values.yaml"),
    },
    Example {
        id: "seed-ephemeral-debugger",
        group: "seed",
        title: "Ephemeral debug container added to a running pod",
        yaml: include_str!("../gallery/seed-ephemeral-debugger.yaml"),
    },
    Example {
        id: "seed-goweb-exec-liveness",
        group: "seed",
        title: "Liveness probe (exec) on a Go web app",
        yaml: include_str!("../gallery/seed-goweb-exec-liveness.yaml"),
    },
    Example {
        id: "seed-goweb-http-liveness",
        group: "seed",
        title: "Liveness probe (HTTP with a header) on a Go web app",
        yaml: include_str!("../gallery/seed-goweb-http-liveness.yaml"),
    },
    Example {
        id: "seed-goweb-init-ping",
        group: "seed",
        title: "Init container pinging a database host",
        yaml: include_str!("../gallery/seed-goweb-init-ping.yaml"),
    },
    Example {
        id: "seed-goweb-startup-probe",
        group: "seed",
        title: "Startup probe guarding a liveness probe (30 × 10 s)",
        yaml: include_str!("../gallery/seed-goweb-startup-probe.yaml"),
    },
    Example {
        id: "seed-goweb-tcp-probes",
        group: "seed",
        title: "Readiness and liveness probes (TCP)",
        yaml: include_str!("../gallery/seed-goweb-tcp-probes.yaml"),
    },
    Example {
        id: "seed-hello-onfailure",
        group: "seed",
        title: "A greeting and an hour's sleep (restartPolicy OnFailure)",
        yaml: include_str!("../gallery/seed-hello-onfailure.yaml"),
    },
    Example {
        id: "seed-hook-poststart",
        group: "seed",
        title: "postStart hook writing a file",
        yaml: include_str!("../gallery/seed-hook-poststart.yaml"),
    },
    Example {
        id: "seed-hook-prestop-message",
        group: "seed",
        title: "preStop hook writing a message",
        yaml: include_str!("../gallery/seed-hook-prestop-message.yaml"),
    },
    Example {
        id: "seed-hook-prestop-quit",
        group: "seed",
        title: "preStop hook: nginx -s quit",
        yaml: include_str!("../gallery/seed-hook-prestop-quit.yaml"),
    },
    Example {
        id: "seed-init-demo",
        group: "seed",
        title: "Init container downloading a page for nginx",
        yaml: include_str!("../gallery/seed-init-demo.yaml"),
    },
    Example {
        id: "seed-kubia-liveness",
        group: "seed",
        title: "Liveness probe on a server that turns unhealthy (kubia)",
        yaml: include_str!("../gallery/seed-kubia-liveness.yaml"),
    },
    Example {
        id: "seed-kubia-rc",
        group: "seed",
        title: "A ReplicationController's pod (kubia)",
        yaml: include_str!("../gallery/seed-kubia-rc.yaml"),
    },
    Example {
        id: "seed-lifecycle-badcommand",
        group: "seed",
        title: "postStart hook that fails (badcommand)",
        yaml: include_str!("../gallery/seed-lifecycle-badcommand.yaml"),
    },
    Example {
        id: "seed-nginx-start-probe",
        group: "seed",
        title: "Startup, liveness and readiness probes on nginx",
        yaml: include_str!("../gallery/seed-nginx-start-probe.yaml"),
    },
    Example {
        id: "seed-probe-delay-gt-period",
        group: "seed",
        title: "initialDelaySeconds larger than periodSeconds",
        yaml: include_str!("../gallery/seed-probe-delay-gt-period.yaml"),
    },
    Example {
        id: "seed-probe-delay-lt-period",
        group: "seed",
        title: "initialDelaySeconds smaller than periodSeconds",
        yaml: include_str!("../gallery/seed-probe-delay-lt-period.yaml"),
    },
    Example {
        id: "seed-shared-emptydir",
        group: "seed",
        title: "Two containers sharing an emptyDir and the network",
        yaml: include_str!("../gallery/seed-shared-emptydir.yaml"),
    },
    Example {
        id: "seed-sidecar-snippet",
        group: "seed",
        title: "Init container, then a sidecar",
        yaml: include_str!("../gallery/seed-sidecar-snippet.yaml"),
    },
    Example {
        id: "seed-static-pod",
        group: "seed",
        title: "Static pod from /etc/kubernetes/manifests",
        yaml: include_str!("../gallery/seed-static-pod.yaml"),
    },
    Example {
        id: "podlife-trap-graceful",
        group: "podlife",
        title: "Graceful shutdown with a trap function",
        yaml: include_str!("../gallery/podlife-trap-graceful.yaml"),
    },
    Example {
        id: "podlife-emptydir-handshake",
        group: "podlife",
        title: "Shared emptyDir handshake between two containers",
        yaml: include_str!("../gallery/podlife-emptydir-handshake.yaml"),
    },
    Example {
        id: "podlife-downward-api-env",
        group: "podlife",
        title: "Downward API environment variables",
        yaml: include_str!("../gallery/podlife-downward-api-env.yaml"),
    },
    Example {
        id: "podlife-python-readiness",
        group: "podlife",
        title: "Python server behind a readiness probe",
        yaml: include_str!("../gallery/podlife-python-readiness.yaml"),
    },
    Example {
        id: "podlife-busy-loop-grace",
        group: "podlife",
        title: "Busy loop killed at the end of its grace period",
        yaml: include_str!("../gallery/podlife-busy-loop-grace.yaml"),
    },
    Example {
        id: "podlife-restart-rule-42",
        group: "podlife",
        title: "Container restart rule: retry on exit 42 (1.35+)",
        yaml: include_str!("../gallery/podlife-restart-rule-42.yaml"),
    },
    Example {
        id: "podlife-restart-all-containers",
        group: "podlife",
        title: "RestartAllContainers: exit 42 re-runs the whole pod (1.36+)",
        yaml: include_str!("../gallery/podlife-restart-all-containers.yaml"),
    },
];

pub fn get(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}
