//! Container processes: what a container's PID 1 does over time, inferred from the manifest
//! (command/args, the image's entrypoint) and run by a small `sh` interpreter against a
//! simulated file system.

pub mod fs;
pub mod images;
pub mod parse;
pub mod shell;

pub use fs::{FsView, Layer};
pub use shell::{NoWorld, Process, ProgramBehaviour, Signal, World};

/// The argv a container runs: `command` replaces the image ENTRYPOINT, `args` replaces its CMD
/// (docs: "Define a Command and Arguments for a Container", and the CRI's
/// `kuberuntime_container.go` `generateContainerConfig` → `makeCommandAndArgs`... the kubelet
/// passes command/args; the runtime combines them with the image config as Docker does).
pub fn container_argv(image: &images::ImageInfo, command: &[String], args: &[String]) -> Vec<String> {
    match (command.is_empty(), args.is_empty()) {
        (false, _) => command.iter().chain(args.iter()).cloned().collect(),
        (true, false) => image.entrypoint.iter().cloned().chain(args.iter().cloned()).collect(),
        (true, true) => image.entrypoint.iter().chain(image.cmd.iter()).cloned().collect(),
    }
}

/// Start a container's PID 1 at `now`.
pub fn spawn(image: &images::ImageInfo, argv: &[String], now: f64, fs: &mut FsView, world: &dyn World) -> Process {
    if argv.is_empty() {
        // No entrypoint and no cmd: the runtime cannot start it; model as an immediate exit.
        return Process::program(&["true".to_string()], now, fs, world, &|_| None);
    }
    let first = argv[0].rsplit('/').next().unwrap_or("");
    if matches!(first, "sh" | "bash" | "ash" | "dash") {
        if let Some(pos) = argv.iter().position(|a| a == "-c") {
            if let Some(script) = argv.get(pos + 1) {
                return Process::shell(script, now, fs, world);
            }
        }
        // `sh` with no script: stdin is not a terminal and is empty → exits 0 at once.
        return Process::shell("", now, fs, world);
    }
    if matches!(first, "true" | "false" | "echo" | "touch" | "cat" | "ls" | "test" | "date" | "exit") {
        // Simple utilities run directly (no shell): same semantics as a one-command script.
        let script = argv.iter().map(|a| shell_quote(a)).collect::<Vec<_>>().join(" ");
        let mut p = Process::shell(&script, now, fs, world);
        p.pid1 = first.to_string();
        return p;
    }
    let img = image.clone();
    Process::program(argv, now, fs, world, &move |argv: &[String]| img.behaviour_of(argv))
}

/// Result of running an exec probe or exec hook command to completion.
#[derive(Clone, Debug, PartialEq)]
pub struct ExecResult {
    /// `None` = still running when the timeout expired.
    pub exit_code: Option<i32>,
    pub output: String,
    /// How long it ran (capped at the timeout).
    pub duration: f64,
}

/// Run `argv` (an exec probe or hook, executed inside the container with the runtime's
/// ExecSync) from `now` for at most `timeout` seconds.
pub fn run_exec(image: &images::ImageInfo, argv: &[String], now: f64, timeout: f64, fs: &mut FsView, world: &dyn World) -> ExecResult {
    let mut p = spawn(image, argv, now, fs, world);
    let deadline = now + timeout;
    for _ in 0..100_000 {
        if let Some((code, at)) = p.exit() {
            return ExecResult { exit_code: Some(code), output: p.output, duration: at - now };
        }
        match p.next_wake() {
            Some(w) if w <= deadline => p.advance(w, fs, world),
            _ => break,
        }
    }
    ExecResult { exit_code: None, output: p.output, duration: timeout }
}

fn shell_quote(s: &str) -> String {
    if s.chars().all(|c| c.is_alphanumeric() || "/._-=:".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
