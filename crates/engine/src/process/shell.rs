//! A resumable busybox `sh` (ash) in simulated time.
//!
//! A [`Process`] is one container's process tree (or one exec probe / hook command): PID 1 and
//! every subshell, pipeline stage, background job and command substitution it forks. Each
//! process of the tree is a small machine with an explicit continuation stack ([`Frame`]s), so
//! the whole tree can stop at any instant (`sleep`, `wait`, a read from an empty pipe, a server
//! that runs until stopped), report when it next needs to run ([`Process::next_wake`]), be
//! advanced later ([`Process::advance`]) and be cloned. Commands take no simulated time except
//! what they wait for, and CPU: every step costs 1 µs ([`cpu_time`]), so a loop that never sleeps
//! advances simulated time in quanta of [`QUANTUM`] steps and, past its work budget, is stated
//! to spin until it is stopped (never a hang; see [`Process::budget`]).
//!
//! Signal semantics follow the kernel and ash:
//! * PID 1 of a PID namespace gets no default action for a signal it has no handler for
//!   (pid_namespaces(7)): a shell or `sleep` as PID 1 ignores SIGTERM; SIGKILL always ends it
//!   (exit code 137 = 128 + 9).
//! * A trapped signal's action runs after the foreground command completes, but it interrupts
//!   the `wait` builtin, which then returns 128 + the signal number (POSIX `wait`, `trap`).
//! * ash execs the last command of a `-c` script instead of forking when no trap is set
//!   (`shell/ash.c` `evalcommand`, `EV_EXIT`): `sh -c 'nginx -g "daemon off;"'` makes nginx PID 1.
//! * `exec` replaces the shell: the program becomes PID 1 and the traps are gone.
//! * Subshells (`( )`, pipeline stages, `$( )`, `&`) copy variables, functions and options;
//!   traps are reset to their defaults in them (POSIX §2.12).

use super::behaviour::{Effect, HttpModel, ProgramBehaviour, Signal};
use super::expand::{ShellState, Var};
use super::fs::FsView;
use super::parse::{parse, parse_script, Node, Pos, Word};
use crate::time::{Duration, Time};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Simulated CPU time of `steps` interpreter steps: one step is 1 µs, rounded up to the
/// millisecond (the engine's resolution).
pub fn cpu_time(steps: u64) -> Duration {
    Time::from_ms(steps.div_ceil(1000) as i64)
}
/// Steps a process runs before simulated time moves on (10 ms of CPU).
pub const QUANTUM: u64 = 10_000;
/// The default work budget of one process tree (about one second of CPU).
pub const DEFAULT_BUDGET: u64 = 1_000_000;
/// Extra steps granted to run a trap action once a spinning process is signalled.
const TRAP_GRANT: u64 = 20_000;
/// `kubectl logs` keeps the last 10 MiB of a container log (containerLogMaxSize); podlife keeps
/// the first 256 KiB of each run and says when it cut.
const LOG_CAP: usize = 256 * 1024;
/// The combined output kept for hook and probe messages.
const OUTPUT_CAP: usize = 10 * 1024;
/// A pipe holds at most this much unread data before its writer blocks (Linux: 64 KiB).
const PIPE_CAP: usize = 64 * 1024;
/// An applet that reads its whole input gets at most this much of it.
const INPUT_CAP: usize = 1 << 20;
/// At most this many processes in one tree (a fork bomb stops here).
const MAX_PROCS: usize = 512;

/// Callbacks from the interpreter into the simulated world (network, services).
pub trait World {
    /// Resolve a Service name (`nslookup`); `true` if it exists now.
    fn resolve(&self, _name: &str, _now: Time) -> bool {
        false
    }
    /// An HTTP GET to `host:port/path` from inside the pod: `Ok(status)` or `Err(message)` in
    /// the words of busybox `wget`.
    fn http(&self, host: &str, port: u16, _path: &str, _now: Time) -> Result<u16, String> {
        Err(format!(
            "wget: can't connect to remote host ({host}:{port}): Connection refused"
        ))
    }
}

/// A world with nothing in it.
pub struct NoWorld;
impl World for NoWorld {}

/// Split `http://host:port/path` into its parts (default port 80).
pub fn split_url(url: &str) -> (String, u16, String) {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .unwrap_or(url);
    let (hostport, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse().unwrap_or(80)),
        None => (hostport.to_string(), 80),
    };
    (host, port, path)
}

/// Which stream a log line came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Output written to the container's stdout or stderr at simulated time `t`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LogChunk {
    pub t: Time,
    pub stream: Stream,
    pub text: String,
}

/// Something the interpreter could not model exactly, and what it assumed instead.
#[derive(Clone, Debug, PartialEq)]
pub struct Assumption {
    /// Where in the script (line and column), if it is about the script.
    pub at: Option<Pos>,
    pub text: String,
}

impl std::fmt::Display for Assumption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at {
            Some(p) => write!(f, "script line {}, column {}: {}", p.line, p.col, self.text),
            None => f.write_str(&self.text),
        }
    }
}

/// Parse a duration argument of `sleep` (busybox accepts `s`, `m`, `h`, `d` suffixes and
/// fractions; `infinity`).
pub fn parse_sleep(arg: &str) -> Option<Duration> {
    if arg == "infinity" || arg == "inf" {
        return Some(Time::NEVER);
    }
    let (num, mult) = match arg.chars().last()? {
        's' => (&arg[..arg.len() - 1], 1.0),
        'm' => (&arg[..arg.len() - 1], 60.0),
        'h' => (&arg[..arg.len() - 1], 3600.0),
        'd' => (&arg[..arg.len() - 1], 86400.0),
        _ => (arg, 1.0),
    };
    if num.starts_with(['+', '-']) || num.is_empty() {
        return None;
    }
    let v: f64 = num.parse().ok()?;
    (v.is_finite() && v >= 0.0).then(|| Time::from_secs_f64(v * mult))
}

/// One end of a file descriptor.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Fd {
    Closed,
    /// `/dev/null` (a container's stdin unless `stdin: true`).
    Null,
    /// The container's stdout or stderr (what `kubectl logs` shows).
    Log(Stream),
    PipeR(usize),
    PipeW(usize),
    /// A file opened for writing (each write appends; `>` truncated it when opened).
    File(String),
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Pipe {
    pub buf: String,
    pub readers: u32,
    pub writers: u32,
    /// Created and not yet closed by anyone: not free for reuse even with no ends open.
    pub fresh: bool,
}

/// A running non-shell program (a server, `sleep infinity`): what it does and when it ends.
#[derive(Clone, Debug)]
pub(crate) struct Running {
    pub behaviour: ProgramBehaviour,
    pub started: Time,
    /// Signals ignored when the shell exec'd it (`trap '' TERM`): ignored dispositions survive
    /// `execve` (signal(7)).
    pub ignored: Vec<Signal>,
    /// A signal made it decide to exit: (at, code, died of this signal).
    pub stop: Option<(Time, i32, Option<Signal>)>,
}

impl Running {
    fn end(&self) -> Option<(Time, i32, Option<Signal>)> {
        let natural = self
            .behaviour
            .runs_for
            .map(|d| (self.started + d, self.behaviour.exit_code, None));
        match (natural, self.stop) {
            (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
            (a, b) => a.or(b),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Block {
    Ready,
    /// `sleep` until this instant.
    Until(Time),
    /// Waiting for foreground children (a pipeline, a subshell, a command substitution).
    Children(Vec<u32>),
    /// The `wait` builtin (empty = all jobs); a trapped signal interrupts it.
    Wait(Vec<u32>),
    /// The `read` builtin, waiting for a line on stdin.
    Read,
    /// An applet that reads standard input, waiting for it to end.
    Input,
    /// This process is a program; see `Proc::program`.
    Program,
    /// A writer waiting for a full pipe to drain.
    PipeFull,
    /// Busy without end, past the work budget.
    Spin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Flags {
    /// In a condition (`if`, `while`, `&&`/`||` left side, `!`): `set -e` does not apply.
    pub cond: bool,
    /// The last command of the script, run with `exec` semantics when no trap is set.
    pub tail: bool,
}

impl Flags {
    pub(crate) fn cond(self) -> Flags {
        Flags {
            cond: true,
            tail: false,
        }
    }
    pub(crate) fn body(self) -> Flags {
        Flags {
            cond: self.cond,
            tail: false,
        }
    }
}

/// What an expansion computes.
#[derive(Clone, Debug)]
pub(crate) enum Job {
    /// A simple command: assignments, words, redirections.
    Simple(Rc<Node>),
    /// The word list of a `for`.
    ForItems(Rc<Node>),
    /// The subject of a `case`.
    CaseWord(Rc<Node>),
    /// The patterns of arm `n` of a `case`.
    CasePats(Rc<Node>, usize),
    /// The redirections of a compound command.
    Redirs(Rc<Node>),
}

/// A redirection with its target expanded.
#[derive(Clone, Debug)]
pub(crate) struct RRedir {
    pub fd: u32,
    pub op: ROp,
    pub target: String,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ROp {
    In,
    Out,
    Append,
    ReadWrite,
    Dup,
    OutErr,
    Here,
}

#[derive(Clone, Debug)]
pub(crate) enum Val {
    Simple {
        assigns: Vec<(String, String)>,
        argv: Vec<String>,
        redirs: Vec<RRedir>,
        sub_status: Option<i32>,
    },
    Fields(Vec<String>),
    One(String),
    Redirs(Vec<RRedir>),
}

#[derive(Clone, Debug)]
pub(crate) enum Frame {
    Run(Rc<Node>, Flags),
    Seq(Rc<Node>, usize, Flags),
    AndOr(Rc<Node>, usize, Flags),
    Not,
    If(Rc<Node>, Flags),
    /// After a loop's condition: run the body or stop (`last` = the last body status).
    LoopCheck(Rc<Node>, Option<i32>, Flags),
    /// A loop's body is running (the target of `break` and `continue`).
    LoopAgain(Rc<Node>, Flags),
    ForNext {
        node: Rc<Node>,
        vals: Rc<Vec<String>>,
        i: usize,
        last: Option<i32>,
        flags: Flags,
    },
    ForStart(Rc<Node>, Flags),
    CaseStart(Rc<Node>, Flags),
    CaseArm {
        node: Rc<Node>,
        subject: Rc<String>,
        arm: usize,
        flags: Flags,
    },
    CaseMatch {
        node: Rc<Node>,
        subject: Rc<String>,
        arm: usize,
        flags: Flags,
    },
    Expand {
        job: Job,
        subs: Vec<String>,
        snap: Option<Rc<ShellState>>,
        /// The exit status of the last substitution run.
        sub: Option<i32>,
    },
    ExecSimple(Rc<Node>, Flags),
    RedirStart(Rc<Node>, Flags),
    RestoreFds(Vec<Fd>),
    /// A function call returns here, restoring `$@` and locals.
    FuncReturn {
        saved: Vec<String>,
        locals: usize,
    },
    /// Restore temporary assignments (`VAR=x builtin`).
    PopAssign(Vec<(String, Option<Var>)>),
    /// `set -e`: after a command that is not a condition.
    CheckErr,
    /// A trap action finished: restore `$?`.
    TrapDone(i32),
    /// The EXIT trap finished: exit with this status.
    Exit(i32),
    /// `$?` after a command whose status is known later.
    Status(i32),
    /// `exec CMD` finished: the process ends with the command's status.
    ExitStatus,
    /// Retry a command that blocked (`read`, an applet reading its input, `yes` on a full pipe).
    Resume(Rc<Vec<String>>, Pos),
}

/// One process of the tree: a shell (frames), or a program.
#[derive(Clone, Debug)]
pub(crate) struct Proc {
    pub pid: u32,
    #[allow(dead_code)] // for a `ps` listing and job control
    pub parent: u32,
    pub frames: Vec<Frame>,
    pub block: Block,
    pub status: i32,
    pub exited: Option<i32>,
    pub sh: Rc<ShellState>,
    pub fds: Vec<Fd>,
    /// Trapped signals whose action has not run yet.
    pub pending: Vec<Signal>,
    pub vals: Vec<Val>,
    pub last_bg: Option<u32>,
    pub jobs: Vec<u32>,
    pub in_exit_trap: bool,
    pub program: Option<Running>,
    /// An applet waiting for its input: argv and what it has read so far.
    pub input: Option<(Rc<Vec<String>>, String)>,
    pub name: String,
    /// The signal that ended it, if one did.
    pub signaled: Option<Signal>,
    /// Steps since the last quantum boundary.
    pub quantum_used: u64,
}

/// A running (or finished) process tree in simulated time.
#[derive(Clone, Debug)]
pub struct Process {
    pub(crate) procs: BTreeMap<u32, Proc>,
    pub(crate) pipes: Vec<Pipe>,
    pub(crate) next_pid: u32,
    pub(crate) main_pid: u32,
    /// Standard output and error, as hook and probe messages show them (capped).
    pub output: String,
    /// What the container printed, with times, as `kubectl logs` shows it.
    pub log: Vec<LogChunk>,
    log_bytes: usize,
    /// Stated assumptions about what the engine could not model exactly.
    pub assumptions: Vec<Assumption>,
    exited: Option<(i32, Time)>,
    /// Killed by which signal, if any.
    pub signal: Option<Signal>,
    /// A description of PID 1 (`sh`, `sleep`, or the program name).
    pub pid1: String,
    /// Scenario override: the process exits at this instant with this code.
    pub forced_exit: Option<(Time, i32)>,
    /// Scenario override of the SIGTERM reaction: `Some(None)` ignores it, `Some(Some((after,
    /// code)))` exits `after` seconds later with `code`.
    pub term_override: Option<Option<(Time, i32)>>,
    /// A runtime-reported reason for the exit (e.g. `OOMKilled`), overriding Completed/Error.
    pub exit_reason: Option<String>,
    /// HTTP requests served so far (for request-counting servers).
    pub requests: u32,
    /// The container's declared ports: where an unknown program is assumed to listen.
    pub declared_ports: Vec<u16>,
    /// The container's image, for what its programs do (the catalogue).
    pub image: Option<Rc<super::images::ImageInfo>>,
    /// What this process did to the container's PID 1 (when it is an exec'd hook or probe).
    pub effects: Vec<Effect>,
    /// Interpreter steps used so far.
    pub steps: u64,
    /// Steps this tree may use; past it a runnable process is stated to spin until stopped.
    pub budget: u64,
    /// Simulated time up to which CPU work is already accounted (a busy process resumes then).
    busy_until: Option<Time>,
    /// An exec'd command (probe or hook) inside a container, not the container's PID 1.
    pub exec_mode: bool,
    /// Running `timeout`s: (supervisor, child, deadline, signal).
    pub(crate) timeouts: super::builtins::Timeouts,
    /// A process of the tree ended since the scheduler last looked.
    ended: bool,
    /// Steps already reported with [`Process::take_steps`].
    steps_reported: u64,
}

pub(crate) fn base(p: &str) -> String {
    p.rsplit('/').next().unwrap_or(p).to_string()
}

impl Process {
    fn empty(pid1: &str, image: Option<Rc<super::images::ImageInfo>>) -> Process {
        let mut sh = ShellState::default();
        let defaults = [
            (
                "PATH",
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ),
            ("HOME", "/root"),
            ("IFS", " \t\n"),
            ("PWD", "/"),
        ];
        for (k, v) in defaults {
            sh.vars.insert(
                k.into(),
                Var {
                    value: v.into(),
                    exported: k != "IFS",
                    readonly: false,
                },
            );
        }
        let mut declared_ports = vec![];
        if let Some(i) = &image {
            declared_ports = i.declared_ports.clone();
            for (k, v) in &i.env {
                sh.vars.insert(
                    k.clone(),
                    Var {
                        value: v.clone(),
                        exported: true,
                        readonly: false,
                    },
                );
            }
        }
        let main = Proc {
            pid: 1,
            parent: 0,
            frames: vec![],
            block: Block::Ready,
            status: 0,
            exited: None,
            sh: Rc::new(sh),
            fds: vec![Fd::Null, Fd::Log(Stream::Stdout), Fd::Log(Stream::Stderr)],
            pending: vec![],
            vals: vec![],
            last_bg: None,
            jobs: vec![],
            in_exit_trap: false,
            program: None,
            input: None,
            name: pid1.to_string(),
            signaled: None,
            quantum_used: 0,
        };
        let mut procs = BTreeMap::new();
        procs.insert(1, main);
        Process {
            procs,
            pipes: vec![],
            next_pid: 10,
            main_pid: 1,
            output: String::new(),
            log: vec![],
            log_bytes: 0,
            assumptions: vec![],
            exited: None,
            signal: None,
            pid1: pid1.to_string(),
            forced_exit: None,
            term_override: None,
            exit_reason: None,
            requests: 0,
            declared_ports,
            image,
            effects: vec![],
            steps: 0,
            budget: DEFAULT_BUDGET,
            busy_until: None,
            exec_mode: false,
            timeouts: vec![],
            ended: false,
            steps_reported: 0,
        }
    }

    /// Start a shell script as PID 1 (`sh -c SCRIPT`).
    pub fn shell(script: &str, now: Time, fs: &mut FsView, world: &dyn World) -> Process {
        Process::shell_in(script, None, now, fs, world)
    }

    /// [`Process::shell`] inside a container running `image` (its programs come from the
    /// catalogue; unknown ones listen on the declared ports).
    pub fn shell_in(
        script: &str,
        image: Option<Rc<super::images::ImageInfo>>,
        now: Time,
        fs: &mut FsView,
        world: &dyn World,
    ) -> Process {
        let mut p = Process::empty("sh", image);
        p.load_script(script, &[]);
        p.advance(now, fs, world);
        p
    }

    /// [`Process::shell_in`] with options: the budget and whether it is an exec'd command.
    #[allow(clippy::too_many_arguments)] // the knobs of one script start
    pub fn start_script(
        script: &str,
        params: &[String],
        image: Option<Rc<super::images::ImageInfo>>,
        budget: u64,
        exec_mode: bool,
        now: Time,
        fs: &mut FsView,
        world: &dyn World,
    ) -> Process {
        let mut p = Process::empty("sh", image);
        p.budget = budget;
        p.set_exec_mode(exec_mode);
        p.load_script(script, params);
        p.advance(now, fs, world);
        p
    }

    /// Start `argv` directly (no shell around it), as the runtime execs a container's command.
    pub fn program(
        argv: &[String],
        image: Option<Rc<super::images::ImageInfo>>,
        now: Time,
        fs: &mut FsView,
        world: &dyn World,
    ) -> Process {
        Process::start_argv(argv, image, DEFAULT_BUDGET, false, now, fs, world)
    }

    /// Start `argv` directly with options.
    pub fn start_argv(
        argv: &[String],
        image: Option<Rc<super::images::ImageInfo>>,
        budget: u64,
        exec_mode: bool,
        now: Time,
        fs: &mut FsView,
        world: &dyn World,
    ) -> Process {
        let name = argv.first().map(|a| base(a)).unwrap_or_default();
        let mut p = Process::empty(&name, image);
        p.budget = budget;
        p.set_exec_mode(exec_mode);
        // Run it as the tail command of an empty script: exec semantics, no shell left.
        let words = argv.iter().map(|a| Word {
            parts: vec![super::parse::Part::Quoted(a.clone())],
        });
        let node = Node::Simple {
            assigns: vec![],
            words: words.collect(),
            redirs: vec![],
            pos: Pos::default(),
        };
        let main = p.main_pid;
        if let Some(m) = p.procs.get_mut(&main) {
            m.frames.push(Frame::Run(
                Rc::new(node),
                Flags {
                    cond: false,
                    tail: true,
                },
            ));
        }
        p.advance(now, fs, world);
        p
    }

    fn set_exec_mode(&mut self, on: bool) {
        self.exec_mode = on;
        if on {
            // An exec'd command is not PID 1: it gets an ordinary PID.
            if let Some(mut m) = self.procs.remove(&1) {
                m.pid = 100;
                self.procs.insert(100, m);
            }
            self.main_pid = 100;
            self.next_pid = 101;
        }
    }

    fn load_script(&mut self, script: &str, params: &[String]) {
        let node = parse_script(script);
        let pid = self.main_pid;
        if let Some(m) = self.procs.get_mut(&pid) {
            Rc::make_mut(&mut m.sh).positional = params.to_vec();
            m.frames.push(Frame::Run(
                Rc::new(node),
                Flags {
                    cond: false,
                    tail: true,
                },
            ));
        }
    }

    /// The process has exited: (exit code, time).
    pub fn exit(&self) -> Option<(i32, Time)> {
        self.exited
    }

    /// Whether PID 1 is a long-running program that serves its ports (a server), as opposed to
    /// a shell script or `sleep`. HTTP/TCP probes and hooks connect only to serving processes.
    pub fn serving(&self) -> bool {
        self.exited.is_none() && !self.servers().is_empty()
    }

    /// Programs of the tree that are running now (PID 1 first).
    fn servers(&self) -> Vec<&Running> {
        self.procs
            .values()
            .filter(|p| p.exited.is_none())
            .filter_map(|p| p.program.as_ref())
            .filter(|r| r.behaviour.name != "sleep")
            .collect()
    }

    /// When the process next needs to run (a sleep ending, a program exiting), if ever.
    pub fn next_wake(&self) -> Option<Time> {
        if self.exited.is_some() {
            return None;
        }
        let mut best: Option<Time> = None;
        let mut consider = |t: Option<Time>| {
            if let Some(t) = t {
                if t.is_finite() {
                    best = Some(best.map_or(t, |b: Time| b.min(t)));
                }
            }
        };
        for p in self.procs.values() {
            if p.exited.is_some() {
                continue;
            }
            match &p.block {
                Block::Until(t) => consider(Some(*t)),
                Block::Program => consider(p.program.as_ref().and_then(|r| r.end()).map(|e| e.0)),
                _ => {}
            }
        }
        consider(self.busy_until);
        consider(self.forced_exit.map(|f| f.0));
        for (_, c, t, _, _) in &self.timeouts {
            if self.procs.get(c).is_some_and(|p| p.exited.is_none()) {
                consider(Some(*t));
            }
        }
        best
    }

    /// Exit now (the OOM killer, a scenario `kill`): like SIGKILL, with a reported reason.
    pub fn kill_with(&mut self, now: Time, code: i32, reason: Option<String>) {
        if self.exited.is_none() {
            self.exited = Some((code, now));
            self.signal = Some(Signal::Kill);
            self.exit_reason = reason;
        }
    }

    /// Steps used since the last call (the caller's shared work budget).
    pub fn take_steps(&mut self) -> u64 {
        let n = self.steps.saturating_sub(self.steps_reported);
        self.steps_reported = self.steps;
        n
    }

    /// The runtime could not start the process: it exits at once with `code` and `reason`.
    pub fn start_failed(&mut self, now: Time, code: i32, reason: &str) {
        self.exited = Some((code, now));
        self.signal = None;
        self.exit_reason = Some(reason.to_string());
    }

    /// The ports the process tree listens on at `now`.
    pub fn open_ports(&self, now: Time) -> Vec<u16> {
        if self.exited.is_some() {
            return vec![];
        }
        let mut ports = vec![];
        for r in self.servers() {
            if now >= r.started + r.behaviour.listen_after {
                ports.extend(r.behaviour.ports.iter().copied());
            }
        }
        ports
    }

    /// Is the process accepting TCP connections on `port` at `now`?
    pub fn listening(&self, port: u16, now: Time) -> bool {
        self.open_ports(now).contains(&port)
    }

    /// Serve an HTTP GET of `path` on `port` at `now`: `Ok(status)` or `Err` when the connection
    /// is refused (there is nothing more to say about a refusal).
    #[allow(clippy::result_unit_err)]
    pub fn http_get(
        &mut self,
        port: u16,
        path: &str,
        now: Time,
        fs: &mut FsView,
    ) -> Result<u16, ()> {
        if !self.listening(port, now) {
            return Err(());
        }
        let Some(r) = self
            .servers()
            .into_iter()
            .find(|r| r.behaviour.ports.contains(&port))
        else {
            return Err(());
        };
        let (model, started) = (r.behaviour.http.clone(), r.started);
        self.requests += 1;
        Ok(match model {
            HttpModel::Ok => 200,
            HttpModel::Static { root } => {
                let p = path.split('?').next().unwrap_or("/");
                if p == "/"
                    || p.is_empty()
                    || fs.read(&format!("{root}{p}")).is_some()
                    || fs.read(&format!("{root}{p}/index.html")).is_some()
                {
                    200
                } else {
                    404
                }
            }
            HttpModel::HealthzFor { ok_for } => {
                if path.starts_with("/healthz") && now - started > ok_for {
                    500
                } else {
                    200
                }
            }
            HttpModel::FailAfterRequests { n } => {
                if self.requests > n {
                    500
                } else {
                    200
                }
            }
            HttpModel::Paths { ok } => {
                let p = path.split('?').next().unwrap_or("/");
                if ok.iter().any(|o| o == p) {
                    200
                } else {
                    404
                }
            }
        })
    }

    /// State an assumption once.
    pub fn assume(&mut self, at: Option<Pos>, text: String) {
        let a = Assumption { at, text };
        if !self.assumptions.contains(&a) && self.assumptions.len() < 64 {
            self.assumptions.push(a);
        }
    }

    /// Run everything that is due at `now`.
    pub fn advance(&mut self, now: Time, fs: &mut FsView, world: &dyn World) {
        if self.exited.is_some() {
            return;
        }
        if let Some((t, code)) = self.forced_exit {
            if t <= now {
                self.exited = Some((code, t));
                return;
            }
        }
        if self.busy_until.is_some_and(|b| b > now) {
            // Still paying for CPU already used; signals still get through (see `signal`).
            return;
        }
        self.busy_until = None;
        for p in self.procs.values_mut() {
            p.quantum_used = 0;
        }
        // `timeout`: the deadline sends its signal, then (with `-k`) SIGKILL later.
        let due: Vec<usize> = (0..self.timeouts.len())
            .filter(|&k| self.timeouts[k].2 <= now)
            .collect();
        for k in due {
            let (_, c, _, sig, kill_after) = self.timeouts[k];
            if self.procs.get(&c).is_some_and(|p| p.exited.is_none()) {
                self.signal_proc(c, sig, now, fs);
            }
            self.timeouts[k].2 = Time::NEVER;
            if let Some(after) = kill_after {
                self.timeouts[k].2 = now + after;
                self.timeouts[k].3 = Signal::Kill;
                self.timeouts[k].4 = None;
            }
        }
        let procs = &self.procs;
        self.timeouts
            .retain(|t| t.2.is_finite() && procs.get(&t.1).is_some_and(|p| p.exited.is_none()));
        // Round-robin over runnable processes until nothing can move at `now`.
        let mut rounds = 0;
        loop {
            rounds += 1;
            let mut progressed = std::mem::take(&mut self.ended);
            let pids: Vec<u32> = self.procs.keys().copied().collect();
            for pid in pids {
                if self.exited.is_some() {
                    return;
                }
                if self.wake(pid, now, fs) {
                    progressed |= self.run(pid, now, fs, world);
                }
            }
            self.reap(now);
            progressed |= std::mem::take(&mut self.ended);
            if self.exited.is_some() || !progressed || rounds > 100_000 {
                break;
            }
            if self.busy_until.is_some() {
                break;
            }
        }
    }

    /// Whether `pid` can run now (and unblock it if so).
    fn wake(&mut self, pid: u32, now: Time, fs: &mut FsView) -> bool {
        let Some(p) = self.procs.get(&pid) else {
            return false;
        };
        if p.exited.is_some() {
            return false;
        }
        let ready = match &p.block {
            Block::Ready => true,
            Block::Until(t) => *t <= now,
            Block::Children(c) => c
                .iter()
                .all(|c| self.procs.get(c).is_none_or(|c| c.exited.is_some())),
            Block::Wait(targets) => {
                !p.pending.is_empty()
                    || if targets.is_empty() {
                        p.jobs
                            .iter()
                            .all(|j| self.procs.get(j).is_none_or(|c| c.exited.is_some()))
                    } else {
                        targets
                            .iter()
                            .all(|j| self.procs.get(j).is_none_or(|c| c.exited.is_some()))
                    }
            }
            Block::Read => match p.fds.first() {
                Some(Fd::PipeR(i)) => {
                    let pipe = &self.pipes[*i];
                    pipe.buf.contains('\n') || pipe.writers == 0
                }
                _ => true,
            },
            Block::Input => match p.fds.first() {
                Some(Fd::PipeR(i)) => {
                    let i = *i;
                    let (eof, data) = {
                        let pipe = &mut self.pipes[i];
                        (pipe.writers == 0, std::mem::take(&mut pipe.buf))
                    };
                    let p = self.procs.get_mut(&pid).expect("checked");
                    let mut too_big = false;
                    let early = if let Some((argv, got)) = &mut p.input {
                        got.push_str(&data);
                        too_big = got.len() > INPUT_CAP;
                        super::builtins::input_sufficient(argv, got)
                    } else {
                        true
                    };
                    if too_big && !early && !eof {
                        // An input without end (`yes | wc -l`): stated, and bounded.
                        p.input = None;
                        p.block = Block::Spin;
                        self.assume(
                            None,
                            format!("a command read more than {} MiB from a pipe that does not end; podlife stops feeding it and assumes it keeps reading until stopped", INPUT_CAP >> 20),
                        );
                        return false;
                    }
                    eof || early
                }
                _ => true,
            },
            Block::PipeFull => match p.fds.get(1) {
                Some(Fd::PipeW(i)) => {
                    let pipe = &self.pipes[*i];
                    pipe.buf.len() < PIPE_CAP || pipe.readers == 0
                }
                _ => true,
            },
            Block::Program => {
                let end = p.program.as_ref().and_then(|r| r.end());
                match end {
                    Some((t, code, sig)) if t <= now => {
                        let p = self.procs.get_mut(&pid).expect("checked");
                        p.block = Block::Ready;
                        p.program = None;
                        self.finish_proc(pid, code, sig, now, fs);
                        return false;
                    }
                    _ => false,
                }
            }
            Block::Spin => !p.pending.is_empty(),
        };
        if ready {
            let _ = fs;
            let p = self.procs.get_mut(&pid).expect("checked");
            match std::mem::replace(&mut p.block, Block::Ready) {
                Block::Until(_) => p.status = 0,
                Block::Wait(targets) => {
                    let interrupted = p.pending.first().map(|s| 128 + s.number());
                    let target = targets.last().copied();
                    let code = match (interrupted, target) {
                        // Interrupted by a trapped signal: 128 + its number.
                        (Some(c), _) => c,
                        (None, Some(t)) => self.procs.get(&t).and_then(|c| c.exited).unwrap_or(127),
                        (None, None) => 0,
                    };
                    let died = match (interrupted, target) {
                        (None, Some(t)) => self.procs.get(&t).and_then(|c| c.signaled),
                        _ => None,
                    };
                    self.procs.get_mut(&pid).expect("checked").status = code;
                    self.report_signal(pid, died, now, fs);
                }
                Block::Children(c) => {
                    let last = c.last().copied();
                    let child = last.and_then(|l| self.procs.get(&l));
                    let code = child.and_then(|c| c.exited).unwrap_or(0);
                    let died = child.and_then(|c| c.signaled);
                    self.procs.get_mut(&pid).expect("checked").status = code;
                    self.report_signal(pid, died, now, fs);
                }
                Block::Spin => {
                    self.budget = self.budget.max(self.steps + TRAP_GRANT);
                }
                // `read`, an applet's input and a full pipe resume with the `Resume` frame on top.
                _ => {}
            }
        }
        ready
    }

    /// ash reports a job that a signal ended (`Terminated`, `Killed`; not SIGINT or SIGPIPE)
    /// when it collects it (`shell/ash.c` `showjob`/`sprint_status48`).
    fn report_signal(&mut self, pid: u32, sig: Option<Signal>, now: Time, fs: &mut FsView) {
        let msg = match sig {
            Some(Signal::Term) => "Terminated",
            Some(Signal::Kill) => "Killed",
            Some(Signal::Hup) => "Hangup",
            Some(Signal::Quit) => "Quit",
            Some(Signal::Usr1) => "User defined signal 1",
            Some(Signal::Usr2) => "User defined signal 2",
            Some(Signal::Alrm) => "Alarm clock",
            _ => return,
        };
        let _ = self.write(pid, 2, &format!("{msg}\n"), now, fs);
    }

    /// Run `pid` until it blocks, exits, or its quantum ends. Returns whether it did anything.
    fn run(&mut self, pid: u32, now: Time, fs: &mut FsView, world: &dyn World) -> bool {
        let mut did = false;
        loop {
            let Some(p) = self.procs.get_mut(&pid) else {
                return did;
            };
            if p.exited.is_some() || p.block != Block::Ready {
                return did;
            }
            // A pending trap runs between commands.
            if !p.pending.is_empty() && !matches!(p.frames.last(), Some(Frame::Expand { .. })) {
                let sig = p.pending.remove(0);
                let Some(action) = p.sh.traps.get(sig.name()).cloned() else {
                    // SIGINT with no trap: the shell exits 130 (running its EXIT trap).
                    self.exit_proc(pid, 128 + sig.number(), now, fs);
                    return true;
                };
                let status = p.status;
                match parse(&action) {
                    Ok(node) if !action.is_empty() => {
                        p.frames.push(Frame::TrapDone(status));
                        p.frames.push(Frame::Run(Rc::new(node), Flags::default()));
                    }
                    _ => {}
                }
                did = true;
                continue;
            }
            let Some(frame) = p.frames.pop() else {
                // End of the script: exit with the last status (running the EXIT trap).
                let status = p.status;
                self.exit_proc(pid, status, now, fs);
                return true;
            };
            did = true;
            self.steps += 1;
            p.quantum_used += 1;
            self.step(pid, frame, now, fs, world);
            let Some(p) = self.procs.get_mut(&pid) else {
                return did;
            };
            if p.exited.is_none() && p.block == Block::Ready {
                if self.steps >= self.budget {
                    self.spin(pid);
                    return did;
                }
                let p = self.procs.get_mut(&pid).expect("present");
                if p.quantum_used >= QUANTUM {
                    // This process keeps the CPU busy: time moves on by the CPU it used.
                    let used = cpu_time(p.quantum_used);
                    p.quantum_used = 0;
                    let t = now + used;
                    self.busy_until = Some(self.busy_until.map_or(t, |b: Time| b.max(t)));
                    return did;
                }
            }
        }
    }

    /// Past its work budget, a runnable process is stated to spin until it is stopped.
    fn spin(&mut self, pid: u32) {
        let pos = self.procs.get(&pid).and_then(|p| {
            p.frames.iter().rev().find_map(|f| match f {
                Frame::LoopAgain(n, _)
                | Frame::LoopCheck(n, _, _)
                | Frame::ForNext { node: n, .. } => match &**n {
                    Node::Loop { pos, .. } | Node::For { pos, .. } => Some(*pos),
                    _ => None,
                },
                _ => None,
            })
        });
        let steps = self.steps;
        self.assume(
            pos,
            format!(
                "this loop never waits: it keeps the CPU busy. podlife ran it for {steps} steps ({:.1} s of CPU time) and assumes it spins from then on until the container is stopped (it still receives signals)",
                cpu_time(steps).as_secs_f64()
            ),
        );
        if let Some(p) = self.procs.get_mut(&pid) {
            p.block = Block::Spin;
        }
    }

    /// Close a finished process's descriptors and record its status.
    fn finish_proc(
        &mut self,
        pid: u32,
        code: i32,
        sig: Option<Signal>,
        now: Time,
        fs: &mut FsView,
    ) {
        let _ = fs;
        let forced_later = self.forced_exit.is_some_and(|(t, _)| t > now);
        let Some(p) = self.procs.get_mut(&pid) else {
            return;
        };
        if p.exited.is_some() {
            return;
        }
        if pid == self.main_pid && forced_later && sig != Some(Signal::Kill) {
            // A scenario says when this run exits: that wins over the script's own end.
            p.frames.clear();
            p.block = Block::Spin;
            return;
        }
        p.exited = Some(code);
        p.signaled = sig;
        p.frames.clear();
        p.vals.clear();
        self.ended = true;
        let fds = std::mem::take(&mut p.fds);
        for fd in fds {
            self.close_fd(&fd);
        }
        if pid == self.main_pid {
            self.exited = Some((code, now));
            if sig.is_some() {
                self.signal = sig;
            }
            // The namespace goes with its PID 1.
            let others: Vec<u32> = self.procs.keys().copied().filter(|&k| k != pid).collect();
            for k in others {
                if let Some(o) = self.procs.get_mut(&k) {
                    if o.exited.is_none() {
                        o.exited = Some(137);
                    }
                }
            }
        }
    }

    /// `exit` (or the end of the script): run the EXIT trap first, once.
    pub(crate) fn exit_proc(&mut self, pid: u32, code: i32, now: Time, fs: &mut FsView) {
        let Some(p) = self.procs.get_mut(&pid) else {
            return;
        };
        if !p.in_exit_trap {
            if let Some(action) = p.sh.traps.get("EXIT").cloned().filter(|a| !a.is_empty()) {
                if let Ok(node) = parse(&action) {
                    p.in_exit_trap = true;
                    p.frames.clear();
                    p.frames.push(Frame::Exit(code));
                    p.frames.push(Frame::Run(Rc::new(node), Flags::default()));
                    p.status = code;
                    return;
                }
            }
        }
        self.finish_proc(pid, code, None, now, fs);
    }

    /// Remove finished processes nobody will ask about any more (bounded memory).
    fn reap(&mut self, _now: Time) {
        if self.procs.len() < 64 {
            return;
        }
        let referenced: std::collections::BTreeSet<u32> = self
            .procs
            .values()
            .filter(|p| p.exited.is_none())
            .flat_map(|p| {
                let mut v = p.jobs.clone();
                v.extend(p.last_bg);
                if let Block::Children(c) | Block::Wait(c) = &p.block {
                    v.extend(c.iter().copied());
                }
                v
            })
            .collect();
        let main = self.main_pid;
        self.procs
            .retain(|pid, p| *pid == main || p.exited.is_none() || referenced.contains(pid));
    }

    pub(crate) fn close_fd(&mut self, fd: &Fd) {
        match fd {
            Fd::PipeR(i) => {
                if let Some(p) = self.pipes.get_mut(*i) {
                    p.readers = p.readers.saturating_sub(1);
                    p.fresh = false;
                    if p.readers == 0 {
                        p.buf.clear();
                    }
                }
            }
            Fd::PipeW(i) => {
                if let Some(p) = self.pipes.get_mut(*i) {
                    p.writers = p.writers.saturating_sub(1);
                    p.fresh = false;
                }
            }
            _ => {}
        }
    }

    pub(crate) fn dup_fd(&mut self, fd: &Fd) -> Fd {
        match fd {
            Fd::PipeR(i) => {
                if let Some(p) = self.pipes.get_mut(*i) {
                    p.readers += 1;
                }
            }
            Fd::PipeW(i) => {
                if let Some(p) = self.pipes.get_mut(*i) {
                    p.writers += 1;
                }
            }
            _ => {}
        }
        fd.clone()
    }

    pub(crate) fn new_pipe(&mut self, content: String, writers: u32) -> usize {
        // Reuse a pipe nobody holds any more.
        if let Some(i) = self
            .pipes
            .iter()
            .position(|p| p.readers == 0 && p.writers == 0 && p.buf.is_empty() && !p.fresh)
        {
            self.pipes[i] = Pipe {
                buf: content,
                readers: 0,
                writers,
                fresh: true,
            };
            return i;
        }
        self.pipes.push(Pipe {
            buf: content,
            readers: 0,
            writers,
            fresh: true,
        });
        self.pipes.len() - 1
    }

    /// Fork `parent` into a subshell that runs `node` with descriptors `fds` (taken over).
    pub(crate) fn fork(
        &mut self,
        parent: u32,
        node: Rc<Node>,
        fds: Vec<Fd>,
        flags: Flags,
    ) -> Option<u32> {
        if self.procs.values().filter(|p| p.exited.is_none()).count() >= MAX_PROCS {
            for fd in &fds {
                self.close_fd(fd);
            }
            return None;
        }
        let pid = self.next_pid;
        self.next_pid += 1;
        let par = self.procs.get(&parent)?;
        let mut sh = (*par.sh).clone();
        // Traps are reset in a subshell, except those set to be ignored (POSIX §2.12).
        sh.traps.retain(|_, v| v.is_empty());
        sh.locals.clear();
        let child = Proc {
            pid,
            parent,
            frames: vec![Frame::Run(
                node,
                Flags {
                    cond: flags.cond,
                    tail: true,
                },
            )],
            block: Block::Ready,
            status: par.status,
            exited: None,
            sh: Rc::new(sh),
            fds,
            pending: vec![],
            vals: vec![],
            last_bg: None,
            jobs: vec![],
            in_exit_trap: false,
            program: None,
            input: None,
            name: "sh".into(),
            signaled: None,
            quantum_used: 0,
        };
        self.procs.insert(pid, child);
        Some(pid)
    }

    /// Copies of `pid`'s descriptors for a child (each pipe end counted again).
    pub(crate) fn inherit_fds(&mut self, pid: u32) -> Vec<Fd> {
        let fds = self
            .procs
            .get(&pid)
            .map(|p| p.fds.clone())
            .unwrap_or_default();
        fds.iter().map(|f| self.dup_fd(f)).collect()
    }

    /// Write to descriptor `fd` of `pid`.
    pub(crate) fn write(
        &mut self,
        pid: u32,
        fd: u32,
        data: &str,
        now: Time,
        fs: &mut FsView,
    ) -> Result<(), String> {
        if data.is_empty() {
            return Ok(());
        }
        let target = self
            .procs
            .get(&pid)
            .and_then(|p| p.fds.get(fd as usize).cloned())
            .unwrap_or(Fd::Closed);
        match target {
            Fd::Closed => Err(format!("sh: {fd}: Bad file descriptor")),
            Fd::Null => Ok(()),
            Fd::Log(stream) => {
                self.write_log(stream, data, now);
                Ok(())
            }
            Fd::PipeW(i) => {
                let pipe = &mut self.pipes[i];
                if pipe.readers == 0 {
                    return Err("EPIPE".into());
                }
                if pipe.buf.len() < 16 * PIPE_CAP {
                    pipe.buf.push_str(data);
                }
                Ok(())
            }
            Fd::PipeR(_) => Err(format!("sh: {fd}: Bad file descriptor")),
            Fd::File(path) => {
                if path != "/dev/null" {
                    if path == "/dev/stdout" || path == "/proc/1/fd/1" {
                        self.write_log(Stream::Stdout, data, now);
                    } else if path == "/dev/stderr" || path == "/proc/1/fd/2" {
                        self.write_log(Stream::Stderr, data, now);
                    } else {
                        fs.write(&path, data, true);
                    }
                }
                Ok(())
            }
        }
    }

    fn write_log(&mut self, stream: Stream, data: &str, now: Time) {
        if self.output.len() < OUTPUT_CAP {
            self.output.push_str(data);
            if self.output.len() > OUTPUT_CAP {
                let mut cut = OUTPUT_CAP;
                while !self.output.is_char_boundary(cut) {
                    cut -= 1;
                }
                self.output.truncate(cut);
            }
        }
        if self.log_bytes >= LOG_CAP {
            return;
        }
        let mut text = data.to_string();
        if self.log_bytes + text.len() > LOG_CAP {
            let mut cut = LOG_CAP - self.log_bytes;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            self.assume(
                None,
                format!("the container printed more than {} KiB in one run; podlife keeps the first {} KiB of its log", LOG_CAP / 1024, LOG_CAP / 1024),
            );
        }
        self.log_bytes += text.len();
        match self.log.last_mut() {
            Some(last) if last.t == now && last.stream == stream && !last.text.ends_with('\n') => {
                last.text.push_str(&text)
            }
            _ => self.log.push(LogChunk {
                t: now,
                stream,
                text,
            }),
        }
    }

    /// Deliver a signal to PID 1 at `now`.
    pub fn signal(&mut self, sig: Signal, now: Time, fs: &mut FsView, world: &dyn World) {
        if self.exited.is_some() {
            return;
        }
        if sig == Signal::Kill {
            let pid = self.main_pid;
            self.finish_proc(pid, 137, Some(Signal::Kill), now, fs);
            self.signal = Some(Signal::Kill);
            return;
        }
        if let Some(o) = self.term_override {
            if let Some((after, code)) = o {
                let t = now + after;
                if self.forced_exit.is_none_or(|(ft, _)| t < ft) {
                    self.forced_exit = Some((t, code));
                }
                self.signal = Some(Signal::Term).filter(|_| code == 143);
                self.advance(now, fs, world);
            }
            return;
        }
        let pid = self.main_pid;
        self.signal_proc(pid, sig, now, fs);
        self.busy_until = None;
        self.advance(now, fs, world);
    }

    /// Deliver `sig` to one process of the tree.
    pub(crate) fn signal_proc(&mut self, pid: u32, sig: Signal, now: Time, fs: &mut FsView) {
        let is_pid1 = pid == self.main_pid && !self.exec_mode;
        let Some(p) = self.procs.get_mut(&pid) else {
            return;
        };
        if p.exited.is_some() {
            return;
        }
        if sig == Signal::Kill {
            self.finish_proc(pid, 137, Some(Signal::Kill), now, fs);
            return;
        }
        if let Some(r) = &mut p.program {
            if r.ignored.contains(&sig) {
                return;
            }
            match r.behaviour.reaction(sig) {
                Some((after, code)) => {
                    let died = (code == 128 + sig.number()).then_some(sig);
                    if r.stop.is_none_or(|s| now + after < s.0) {
                        r.stop = Some((now + after, code, died));
                    }
                }
                None if !is_pid1 && sig.default_fatal() => {
                    self.finish_proc(pid, 128 + sig.number(), Some(sig), now, fs);
                }
                None => {}
            }
            return;
        }
        match p.sh.traps.get(sig.name()) {
            Some(a) if a.is_empty() => {}
            Some(_) => {
                if !p.pending.contains(&sig) {
                    p.pending.push(sig);
                }
            }
            // busybox ash catches SIGINT itself even when not interactive (its `signal(SIGINT,
            // onsig)` in `setsignal`), so SIGINT ends even a PID 1 shell, between commands.
            None if sig == Signal::Int => {
                if !p.pending.contains(&sig) {
                    p.pending.push(sig);
                }
            }
            None if is_pid1 || !sig.default_fatal() => {}
            None => self.finish_proc(pid, 128 + sig.number(), Some(sig), now, fs),
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn secs(x: f64) -> crate::time::Time {
        crate::time::Time::from_secs_f64(x)
    }
    use crate::process::fs::Layer;

    fn run(script: &str) -> (Process, Layer) {
        let mut layer = Layer::default();
        let p = {
            let mut fs = FsView {
                layer: &mut layer,
                volumes: &mut [],
                mounts: &[],
            };
            Process::shell(script, secs(0.0), &mut fs, &NoWorld)
        };
        (p, layer)
    }

    fn step_to(p: &mut Process, layer: &mut Layer, t: Time) {
        let mut fs = FsView {
            layer,
            volumes: &mut [],
            mounts: &[],
        };
        while let Some(w) = p.next_wake() {
            if w > t {
                break;
            }
            p.advance(w, &mut fs, &NoWorld);
        }
    }

    #[test]
    fn docs_liveness_script_removes_the_file_at_30s() {
        let (mut p, mut layer) = run("touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600");
        assert!(layer.files.contains_key("/tmp/healthy"));
        assert_eq!(p.next_wake(), Some(secs(30.0)));
        step_to(&mut p, &mut layer, secs(31.0));
        assert!(!layer.files.contains_key("/tmp/healthy"));
        assert_eq!(p.next_wake(), Some(secs(630.0)));
        step_to(&mut p, &mut layer, secs(700.0));
        assert_eq!(p.exit(), Some((0, secs(630.0))));
    }

    #[test]
    fn pid1_shell_without_trap_ignores_sigterm() {
        let (mut p, mut layer) = run("sleep 600");
        let mut fs = FsView {
            layer: &mut layer,
            volumes: &mut [],
            mounts: &[],
        };
        p.signal(Signal::Term, secs(10.0), &mut fs, &NoWorld);
        assert_eq!(p.exit(), None);
        p.signal(Signal::Kill, secs(40.0), &mut fs, &NoWorld);
        assert_eq!(p.exit(), Some((137, secs(40.0))));
    }

    #[test]
    fn trap_interrupts_wait_but_not_a_foreground_sleep() {
        // `sleep 30 & wait $!`: the trap runs at once.
        let (mut p, mut layer) = run("trap 'exit 0' TERM; sleep 600 & wait $!; exit 0");
        {
            let mut fs = FsView {
                layer: &mut layer,
                volumes: &mut [],
                mounts: &[],
            };
            p.signal(Signal::Term, secs(10.0), &mut fs, &NoWorld);
        }
        assert_eq!(p.exit(), Some((0, secs(10.0))));
        // Foreground `sleep 600`: the trap waits for the sleep to end.
        let (mut p, mut layer) = run("trap 'exit 0' TERM; sleep 600");
        {
            let mut fs = FsView {
                layer: &mut layer,
                volumes: &mut [],
                mounts: &[],
            };
            p.signal(Signal::Term, secs(10.0), &mut fs, &NoWorld);
        }
        assert_eq!(p.exit(), None);
        step_to(&mut p, &mut layer, secs(600.0));
        assert_eq!(p.exit(), Some((0, secs(600.0))));
    }

    #[test]
    fn exit_codes_and_sequences() {
        let (p, _) = run("true && exit 3");
        assert_eq!(p.exit(), Some((3, secs(0.0))));
        let (p, _) = run("false && exit 3; exit 4");
        assert_eq!(p.exit(), Some((4, secs(0.0))));
        let (p, _) = run("false || exit 5");
        assert_eq!(p.exit(), Some((5, secs(0.0))));
        let (p, _) = run("cat /nope");
        assert_eq!(p.exit(), Some((1, secs(0.0))));
        assert_eq!(
            p.output,
            "cat: can't open '/nope': No such file or directory\n"
        );
    }

    #[test]
    fn loops_and_conditionals() {
        let (mut p, mut layer) =
            run("i=0; while [ ! -f /tmp/go ]; do sleep 1; done; echo done > /tmp/out");
        step_to(&mut p, &mut layer, secs(5.0));
        assert_eq!(p.exit(), None);
        layer.files.insert("/tmp/go".into(), String::new());
        step_to(&mut p, &mut layer, secs(7.0));
        assert_eq!(p.exit(), Some((0, secs(6.0))));
        assert_eq!(
            layer.files.get("/tmp/out").map(String::as_str),
            Some("done\n")
        );
    }

    #[test]
    fn exec_sleep_replaces_the_shell() {
        let (mut p, mut layer) = run("trap 'exit 0' TERM; exec sleep 600");
        let mut fs = FsView {
            layer: &mut layer,
            volumes: &mut [],
            mounts: &[],
        };
        p.signal(Signal::Term, secs(10.0), &mut fs, &NoWorld);
        assert_eq!(p.exit(), None, "exec'd sleep is PID 1 and has no handler");
    }
}
