//! Example manifests shipped with podlife (the UI's examples gallery, the CLI's tests).

/// One gallery entry.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// Stable identifier (file stem).
    pub id: &'static str,
    pub title: &'static str,
    pub yaml: &'static str,
}

/// The default example loaded by the UI: the docs' exec-liveness pod.
pub const DEFAULT: &str = "exec-liveness";

pub const EXAMPLES: &[Example] = &[
    Example { id: "exec-liveness", title: "Liveness probe (exec) — docs", yaml: include_str!("../gallery/exec-liveness.yaml") },
    Example { id: "crash-loop", title: "CrashLoopBackOff", yaml: include_str!("../gallery/crash-loop.yaml") },
    Example { id: "init-fails", title: "Init container fails", yaml: include_str!("../gallery/init-fails.yaml") },
];

pub fn get(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}
