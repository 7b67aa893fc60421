//! Container processes: what a container's PID 1 does over time, inferred from the manifest
//! (command/args, the image's entrypoint) and run by a small `sh` interpreter against a
//! simulated file system.

use crate::time::Time;
pub mod arith;
pub mod behaviour;
mod builtins;
mod exec;
pub mod expand;
pub mod fs;
pub mod images;
pub mod parse;
pub mod shell;
pub mod textutils;

pub use behaviour::{Effect, ProgramBehaviour, Signal};
pub use fs::{FsView, Layer};
pub use shell::{Assumption, LogChunk, NoWorld, Process, Stream, World};

/// Interpreter steps an exec probe or hook command may use (a probe that loops is stated to spin
/// until its timeout).
pub const EXEC_BUDGET: u64 = 10_000;

/// The argv a container runs: `command` replaces the image ENTRYPOINT, `args` replaces its CMD
/// (docs: "Define a Command and Arguments for a Container", and the CRI's
/// `kuberuntime_container.go` `generateContainerConfig` → `makeCommandAndArgs`... the kubelet
/// passes command/args; the runtime combines them with the image config as Docker does).
pub fn container_argv(
    image: &images::ImageInfo,
    command: &[String],
    args: &[String],
) -> Vec<String> {
    match (command.is_empty(), args.is_empty()) {
        (false, _) => command.iter().chain(args.iter()).cloned().collect(),
        (true, false) => image
            .entrypoint
            .iter()
            .cloned()
            .chain(args.iter().cloned())
            .collect(),
        (true, true) => image
            .entrypoint
            .iter()
            .chain(image.cmd.iter())
            .cloned()
            .collect(),
    }
}

/// Start a container's PID 1 at `now` with a work budget of `budget` interpreter steps.
pub fn spawn(
    image: &images::ImageInfo,
    argv: &[String],
    now: Time,
    fs: &mut FsView,
    world: &dyn World,
) -> Process {
    spawn_with(image, argv, shell::DEFAULT_BUDGET, false, now, fs, world)
}

/// [`spawn`] with a budget, and `exec_mode` for an exec'd probe or hook (not PID 1).
pub fn spawn_with(
    image: &images::ImageInfo,
    argv: &[String],
    budget: u64,
    exec_mode: bool,
    now: Time,
    fs: &mut FsView,
    world: &dyn World,
) -> Process {
    let img = Some(std::rc::Rc::new(image.clone()));
    if argv.is_empty() {
        // An image podlife does not know, run with its own entrypoint: the stated default is a
        // server on the declared ports that is healthy and exits on SIGTERM.
        let name = images::repository(&image.reference);
        return Process::start_argv(&[name], img, budget, exec_mode, now, fs, world);
    }
    let first = argv[0].rsplit('/').next().unwrap_or("");
    // The runtime execs argv[0] directly: a program the image does not have fails to start
    // (runc: `exec: "X": executable file not found in $PATH`).
    if image.has_program(first) == Some(false) {
        let mut p = Process::start_argv(&[":".to_string()], img, budget, exec_mode, now, fs, world);
        p.start_failed(now, 127, "StartError");
        p.output = format!("OCI runtime exec failed: exec failed: unable to start container process: exec: \"{}\": executable file not found in $PATH: unknown", argv[0]);
        return p;
    }
    Process::start_argv(argv, img, budget, exec_mode, now, fs, world)
}

/// Result of running an exec probe or exec hook command to completion.
#[derive(Clone, Debug, PartialEq)]
pub struct ExecResult {
    /// `None` = still running when the timeout expired.
    pub exit_code: Option<i32>,
    pub output: String,
    /// How long it ran (capped at the timeout).
    pub duration: Time,
    /// What it did to the container's PID 1.
    pub effects: Vec<Effect>,
    /// What the engine could not model exactly.
    pub assumptions: Vec<Assumption>,
    /// Interpreter steps used.
    pub steps: u64,
}

/// The commands exec probes use most (`true`, `false`, `cat FILE`, `test -f FILE`), answered
/// without starting an interpreter: the same results as [`run_exec`], at a fraction of the cost
/// (a 24 h pod with 30 probes at 1 s runs 2.6 M of them). `None` for anything else.
pub fn fast_exec(
    image: &images::ImageInfo,
    argv: &[String],
    fs: &mut FsView,
) -> Option<(i32, String)> {
    let first = argv.first()?.rsplit('/').next()?;
    if image.has_program(first) == Some(false) {
        return None;
    }
    match (first, argv.len()) {
        ("true", 1) => Some((0, String::new())),
        ("false", 1) => Some((1, String::new())),
        ("cat", 2) if !argv[1].starts_with('-') => {
            // A successful probe's output is never shown, so the file is not copied.
            let path = &argv[1];
            if fs.has_file(path) {
                Some((0, String::new()))
            } else if fs.is_dir(path) {
                None
            } else {
                Some((
                    1,
                    format!("cat: can't open '{path}': No such file or directory\n"),
                ))
            }
        }
        ("test", 3) => match argv[1].as_str() {
            "-f" => Some((if fs.has_file(&argv[2]) { 0 } else { 1 }, String::new())),
            "-e" => Some((if fs.exists(&argv[2]) { 0 } else { 1 }, String::new())),
            _ => None,
        },
        _ => None,
    }
}

/// Run `argv` (an exec probe or hook, executed inside the container with the runtime's
/// ExecSync) from `now` for at most `timeout` seconds and `budget` interpreter steps.
pub fn run_exec(
    image: &images::ImageInfo,
    argv: &[String],
    now: Time,
    timeout: Time,
    budget: u64,
    fs: &mut FsView,
    world: &dyn World,
) -> ExecResult {
    let mut p = spawn_with(image, argv, budget, true, now, fs, world);
    let deadline = now + timeout;
    for _ in 0..100_000 {
        if let Some((code, at)) = p.exit() {
            return ExecResult {
                exit_code: Some(code),
                output: p.output,
                duration: at - now,
                effects: p.effects,
                assumptions: p.assumptions,
                steps: p.steps,
            };
        }
        match p.next_wake() {
            Some(w) if w <= deadline => p.advance(w, fs, world),
            _ => break,
        }
    }
    if p.steps >= p.budget {
        p.assume(
            None,
            format!("the command keeps the CPU busy: podlife ran {} steps and assumes it runs until the {} s timeout", p.steps, timeout.as_secs_f64()),
        );
    }
    ExecResult {
        exit_code: None,
        output: p.output,
        duration: timeout,
        effects: p.effects,
        assumptions: p.assumptions,
        steps: p.steps,
    }
}
