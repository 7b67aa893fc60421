//! A resumable `sh` interpreter in simulated time.
//!
//! A [`Process`] is a container's PID 1 (or an exec probe/hook command). It runs until it blocks
//! (`sleep`, `wait`, a long-running program), tells the engine when it next needs to run
//! ([`Process::next_wake`]), and is advanced with [`Process::advance`]. Signals follow real shell
//! semantics:
//!
//! * A shell (or `sleep`) running as PID 1 with no handler ignores SIGTERM: the kernel does not
//!   apply a default-fatal action to PID 1 of a PID namespace (pid_namespaces(7)), which is why
//!   the docs' exec-liveness pod waits out its grace period.
//! * A trapped signal runs its handler only after the foreground command returns, but it
//!   interrupts the `wait` builtin (POSIX `wait`: "...the trap shall be executed, and wait shall
//!   return an exit status greater than 128").
//! * `exec` replaces the shell: the new program is PID 1 and the traps are gone.
//! * SIGKILL always ends the process: exit code 137 (128 + 9).

use super::fs::FsView;
use super::parse::{parse, Node, Part, RedirKind, Word};
use std::collections::BTreeMap;
use std::rc::Rc;

pub use super::behaviour::{Effect, HttpModel, ProgramBehaviour, Signal};

#[derive(Clone, Debug, PartialEq)]
enum Block {
    /// Can run now.
    Ready,
    /// A foreground `sleep` (or a timed program) until this instant.
    Until(f64),
    /// The `wait` builtin; `None` waits for all jobs.
    Wait(Option<u32>),
    /// A long-running foreground program.
    Program {
        behaviour: ProgramBehaviour,
        started: f64,
        term_at: Option<f64>,
    },
}

#[derive(Clone, Debug)]
enum Frame {
    Run(Rc<Node>),
    Seq(Rc<Node>, usize),
    AndOr(Rc<Node>, usize),
    IfCond(Rc<Node>),
    LoopCond(Rc<Node>),
    LoopBody(Rc<Node>),
    For(Rc<Node>, Vec<String>, usize),
    Not,
    /// A finished trap handler restores `$?`.
    TrapDone(i32),
}

#[derive(Clone, Debug)]
struct Task {
    frames: Vec<Frame>,
    block: Block,
    status: i32,
    exited: Option<i32>,
    /// The task is an `exec`-replaced program or a plain program started directly (no shell).
    is_program: bool,
}

impl Task {
    fn new(node: Rc<Node>) -> Task {
        Task {
            frames: vec![Frame::Run(node)],
            block: Block::Ready,
            status: 0,
            exited: None,
            is_program: false,
        }
    }
}

/// Callbacks from the interpreter into the simulated world (network, services).
pub trait World {
    /// Resolve a Service name (`nslookup`); `true` if it exists now.
    fn resolve(&self, _name: &str, _now: f64) -> bool {
        false
    }
    /// An HTTP GET to `host:port/path` from inside the pod: `Ok(status)` or `Err(message)` in
    /// the words of busybox `wget`.
    fn http(&self, host: &str, port: u16, _path: &str, _now: f64) -> Result<u16, String> {
        Err(format!(
            "wget: can't connect to remote host ({host}:{port}): Connection refused"
        ))
    }
}

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

/// A world with nothing in it.
pub struct NoWorld;
impl World for NoWorld {}

/// A running (or finished) process tree in simulated time.
#[derive(Clone, Debug)]
pub struct Process {
    main: Task,
    jobs: BTreeMap<u32, Task>,
    next_pid: u32,
    last_bg: Option<u32>,
    vars: BTreeMap<String, String>,
    traps: BTreeMap<String, String>,
    /// A TERM arrived and its trap has not run yet.
    pending_term: bool,
    /// Standard output and error, as `kubectl logs` would show them (capped).
    pub output: String,
    /// Stated assumptions about programs the interpreter does not know.
    pub assumptions: Vec<String>,
    exited: Option<(i32, f64)>,
    /// Killed by which signal, if any.
    pub signal: Option<Signal>,
    /// A description of PID 1 (`sh`, `sleep`, or the program name).
    pub pid1: String,
    /// Scenario override: the process exits at this instant with this code.
    pub forced_exit: Option<(f64, i32)>,
    /// Scenario override of the SIGTERM reaction: `Some(None)` ignores it, `Some(Some((after,
    /// code)))` exits `after` seconds later with `code`.
    pub term_override: Option<Option<(f64, i32)>>,
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
}

const OUTPUT_CAP: usize = 10 * 1024;

/// Busybox-style messages for failed commands.
fn not_found(cmd: &str) -> String {
    format!("sh: {cmd}: not found\n")
}

/// Parse a duration argument of `sleep` (busybox accepts `s`, `m`, `h`, `d` suffixes and
/// fractions; `infinity`).
pub fn parse_sleep(arg: &str) -> Option<f64> {
    if arg == "infinity" || arg == "inf" {
        return Some(f64::INFINITY);
    }
    let (num, mult) = match arg.chars().last()? {
        's' => (&arg[..arg.len() - 1], 1.0),
        'm' => (&arg[..arg.len() - 1], 60.0),
        'h' => (&arg[..arg.len() - 1], 3600.0),
        'd' => (&arg[..arg.len() - 1], 86400.0),
        _ => (arg, 1.0),
    };
    let v: f64 = num.parse().ok()?;
    (v.is_finite() && v >= 0.0).then_some(v * mult)
}

impl Process {
    fn empty(pid1: &str) -> Process {
        Process {
            main: Task::new(Rc::new(Node::Seq(vec![]))),
            jobs: BTreeMap::new(),
            next_pid: 10,
            last_bg: None,
            vars: BTreeMap::new(),
            traps: BTreeMap::new(),
            pending_term: false,
            output: String::new(),
            assumptions: vec![],
            exited: None,
            signal: None,
            pid1: pid1.to_string(),
            forced_exit: None,
            term_override: None,
            exit_reason: None,
            requests: 0,
            declared_ports: vec![],
            image: None,
            effects: vec![],
        }
    }

    /// Start a shell script as PID 1 (`sh -c SCRIPT`). A syntax error makes the shell exit 2 at
    /// once, printing the error, as busybox `sh` does.
    pub fn shell(script: &str, now: f64, fs: &mut FsView, world: &dyn World) -> Process {
        Process::shell_in(script, None, now, fs, world)
    }

    /// [`Process::shell`] inside a container running `image` (its programs come from the
    /// catalogue; unknown ones listen on the declared ports).
    pub fn shell_in(
        script: &str,
        image: Option<Rc<super::images::ImageInfo>>,
        now: f64,
        fs: &mut FsView,
        world: &dyn World,
    ) -> Process {
        let mut p = Process::empty("sh");
        if let Some(i) = &image {
            p.declared_ports = i.declared_ports.clone();
            p.vars.extend(i.env.iter().cloned());
        }
        p.image = image;
        match parse(script) {
            Ok(node) => p.main = Task::new(Rc::new(node)),
            Err(e) => {
                p.write_out(&format!("{e}\n"));
                p.exited = Some((2, now));
                return p;
            }
        }
        p.advance(now, fs, world);
        p
    }

    /// Start a program that is not a shell (`sleep 3600`, a server) as PID 1.
    pub fn program(
        argv: &[String],
        image: Option<Rc<super::images::ImageInfo>>,
        now: f64,
        fs: &mut FsView,
        world: &dyn World,
    ) -> Process {
        let name = argv.first().map(|a| base(a)).unwrap_or_default();
        let mut p = Process::empty(&name);
        if let Some(i) = &image {
            p.declared_ports = i.declared_ports.clone();
            p.vars.extend(i.env.iter().cloned());
        }
        p.image = image;
        p.main.is_program = true;
        let words: Vec<String> = argv.to_vec();
        p.main.frames.clear();
        p.start_command(&words, now, fs, world);
        p.finish_if_done(now);
        p.advance(now, fs, world);
        p
    }

    /// The process has exited: (exit code, time).
    pub fn exit(&self) -> Option<(i32, f64)> {
        self.exited
    }

    /// Whether PID 1 is a long-running program that serves its ports (a server), as opposed to
    /// a shell script or `sleep`. HTTP/TCP probes and hooks connect only to serving processes.
    pub fn serving(&self) -> bool {
        self.exited.is_none()
            && matches!(&self.main.block, Block::Program { behaviour, .. } if behaviour.name != "sleep")
    }

    /// When the process next needs to run (a sleep ending, a program exiting), if ever.
    pub fn next_wake(&self) -> Option<f64> {
        if self.exited.is_some() {
            return None;
        }
        let mut best: Option<f64> = None;
        let mut consider = |t: Option<f64>| {
            if let Some(t) = t {
                if t.is_finite() {
                    best = Some(best.map_or(t, |b: f64| b.min(t)));
                }
            }
        };
        for task in std::iter::once(&self.main).chain(self.jobs.values()) {
            if task.exited.is_some() {
                continue;
            }
            consider(task_wake(task));
        }
        consider(self.forced_exit.map(|f| f.0));
        best
    }

    /// Exit now (the OOM killer, a scenario `kill`): like SIGKILL, with a reported reason.
    pub fn kill_with(&mut self, now: f64, code: i32, reason: Option<String>) {
        if self.exited.is_none() {
            self.exited = Some((code, now));
            self.signal = Some(Signal::Kill);
            self.exit_reason = reason;
        }
    }

    /// The ports the process listens on at `now`.
    pub fn open_ports(&self, now: f64) -> Vec<u16> {
        match &self.main.block {
            Block::Program {
                behaviour, started, ..
            } if self.exited.is_none() && now + 1e-9 >= started + behaviour.listen_after => {
                behaviour.ports.clone()
            }
            _ => vec![],
        }
    }

    /// Is the process accepting TCP connections on `port` at `now`?
    pub fn listening(&self, port: u16, now: f64) -> bool {
        if self.exited.is_some() {
            return false;
        }
        match &self.main.block {
            Block::Program {
                behaviour, started, ..
            } => behaviour.ports.contains(&port) && now + 1e-9 >= started + behaviour.listen_after,
            _ => false,
        }
    }

    /// Serve an HTTP GET of `path` on `port` at `now`: `Ok(status)` or `Err` when the connection
    /// is refused (there is nothing more to say about a refusal).
    #[allow(clippy::result_unit_err)]
    pub fn http_get(
        &mut self,
        port: u16,
        path: &str,
        now: f64,
        fs: &mut FsView,
    ) -> Result<u16, ()> {
        if !self.listening(port, now) {
            return Err(());
        }
        let Block::Program {
            behaviour, started, ..
        } = &self.main.block
        else {
            return Err(());
        };
        let (model, started) = (behaviour.http.clone(), *started);
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

    /// Run everything that is due at `now`.
    pub fn advance(&mut self, now: f64, fs: &mut FsView, world: &dyn World) {
        if let Some((t, code)) = self.forced_exit {
            if self.exited.is_none() && t <= now + 1e-9 {
                self.exited = Some((code, t));
                return;
            }
        }
        // Bounded: each pass makes progress or stops; the cap protects against runaway loops
        // such as `while true; do :; done` (which a real shell would spin on forever).
        for _ in 0..10_000 {
            if self.exited.is_some() {
                return;
            }
            let mut progressed = false;
            let pids: Vec<u32> = self.jobs.keys().copied().collect();
            for pid in pids {
                if let Some(mut task) = self.jobs.remove(&pid) {
                    progressed |= self.run_task(&mut task, now, fs, world, false);
                    self.jobs.insert(pid, task);
                }
            }
            let mut main = std::mem::replace(&mut self.main, Task::new(Rc::new(Node::Seq(vec![]))));
            progressed |= self.run_task(&mut main, now, fs, world, true);
            self.main = main;
            self.finish_if_done(now);
            if !progressed {
                return;
            }
        }
        // A loop that never blocks: treat as a busy process that runs forever.
        if !self.assumptions.iter().any(|a| a.contains("busy loop")) {
            self.assumptions
                .push("the script loops without sleeping (a busy loop); podlife pauses it".into());
        }
        self.main.block = Block::Until(now + 1.0);
    }

    fn finish_if_done(&mut self, now: f64) {
        if self.exited.is_none() {
            if let Some(code) = self.main.exited {
                self.exited = Some((code, now));
            }
        }
    }

    /// Deliver a signal at `now`.
    pub fn signal(&mut self, sig: Signal, now: f64, fs: &mut FsView, world: &dyn World) {
        if self.exited.is_some() {
            return;
        }
        match sig {
            Signal::Kill => {
                self.exited = Some((137, now));
                self.signal = Some(Signal::Kill);
            }
            _ => {
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
                if let Block::Program {
                    behaviour, term_at, ..
                } = &mut self.main.block
                {
                    if self.main.is_program || !self.traps.contains_key("TERM") {
                        // A program in the foreground as PID 1 (exec'd, or started directly).
                        if self.main.is_program {
                            if let Some(after) = behaviour.on_term {
                                if term_at.is_none() {
                                    *term_at = Some(now + after);
                                }
                            }
                            self.advance(now, fs, world);
                            return;
                        }
                    }
                }
                if self.main.is_program {
                    // `exec sleep` / plain `sleep` as PID 1: no handler → ignored.
                    return;
                }
                if self.traps.contains_key("TERM") {
                    self.pending_term = true;
                    if matches!(self.main.block, Block::Wait(_)) {
                        // The trap interrupts `wait`, which returns 128 + 15.
                        self.main.block = Block::Ready;
                        self.main.status = 143;
                    }
                    self.advance(now, fs, world);
                }
                // No trap: a shell as PID 1 ignores SIGTERM.
            }
        }
    }

    fn write_out(&mut self, s: &str) {
        if self.output.len() < OUTPUT_CAP {
            self.output.push_str(s);
            if self.output.len() > OUTPUT_CAP {
                self.output.truncate(OUTPUT_CAP);
            }
        }
    }

    /// Run one task as far as it can go at `now`. Returns whether it made progress.
    fn run_task(
        &mut self,
        task: &mut Task,
        now: f64,
        fs: &mut FsView,
        world: &dyn World,
        is_main: bool,
    ) -> bool {
        if task.exited.is_some() {
            return false;
        }
        let mut progressed = false;
        // Wake from the current block if due.
        match task.block.clone() {
            Block::Ready => {}
            Block::Until(t) => {
                if t <= now + 1e-9 {
                    task.block = Block::Ready;
                    task.status = 0;
                    progressed = true;
                    if task.is_program && task.frames.is_empty() {
                        task.exited = Some(0);
                        return true;
                    }
                } else {
                    return false;
                }
            }
            Block::Wait(pid) => {
                let done = match pid {
                    Some(pid) => self.jobs.get(&pid).is_none_or(|j| j.exited.is_some()),
                    None => self.jobs.values().all(|j| j.exited.is_some()),
                };
                if done {
                    task.status = match pid {
                        Some(pid) => self.jobs.get(&pid).and_then(|j| j.exited).unwrap_or(127),
                        None => 0,
                    };
                    task.block = Block::Ready;
                    progressed = true;
                } else {
                    return false;
                }
            }
            Block::Program {
                behaviour,
                started,
                term_at,
            } => {
                let natural = behaviour.runs_for.map(|d| started + d);
                let end = match (natural, term_at) {
                    (Some(a), Some(b)) => Some(if a <= b {
                        (a, behaviour.exit_code)
                    } else {
                        (b, behaviour.term_exit_code)
                    }),
                    (Some(a), None) => Some((a, behaviour.exit_code)),
                    (None, Some(b)) => Some((b, behaviour.term_exit_code)),
                    (None, None) => None,
                };
                match end {
                    Some((t, code)) if t <= now + 1e-9 => {
                        task.block = Block::Ready;
                        task.status = code;
                        progressed = true;
                        if task.is_program && task.frames.is_empty() {
                            task.exited = Some(code);
                            if term_at.is_some_and(|ta| ta <= t) && code == 143 {
                                self.signal = Some(Signal::Term);
                            }
                            return true;
                        }
                    }
                    _ => return false,
                }
            }
        }
        // Run a pending trap handler between commands.
        if is_main && self.pending_term && task.block == Block::Ready {
            self.pending_term = false;
            if let Some(handler) = self.traps.get("TERM").cloned() {
                if let Ok(node) = parse(&handler) {
                    task.frames.push(Frame::TrapDone(task.status));
                    task.frames.push(Frame::Run(Rc::new(node)));
                    progressed = true;
                }
            }
        }
        let mut steps = 0;
        while task.block == Block::Ready && task.exited.is_none() {
            steps += 1;
            if steps > 100_000 {
                break;
            }
            let Some(frame) = task.frames.pop() else {
                task.exited = Some(task.status);
                progressed = true;
                break;
            };
            progressed = true;
            self.step(task, frame, now, fs, world, is_main);
            if is_main && self.pending_term && task.block == Block::Ready {
                self.pending_term = false;
                if let Some(handler) = self.traps.get("TERM").cloned() {
                    if let Ok(node) = parse(&handler) {
                        task.frames.push(Frame::TrapDone(task.status));
                        task.frames.push(Frame::Run(Rc::new(node)));
                    }
                }
            }
            if steps % 64 == 0 && matches!(task.block, Block::Ready) && task.frames.len() > 10_000 {
                break;
            }
        }
        progressed
    }

    fn step(
        &mut self,
        task: &mut Task,
        frame: Frame,
        now: f64,
        fs: &mut FsView,
        world: &dyn World,
        is_main: bool,
    ) {
        match frame {
            Frame::TrapDone(s) => task.status = s,
            Frame::Not => task.status = if task.status == 0 { 1 } else { 0 },
            Frame::Seq(node, i) => {
                if let Node::Seq(items) = &*node {
                    if i < items.len() {
                        task.frames.push(Frame::Seq(node.clone(), i + 1));
                        task.frames.push(Frame::Run(items[i].clone()));
                    }
                }
            }
            Frame::AndOr(node, i) => {
                if let Node::AndOr(_, rest) = &*node {
                    if i < rest.len() {
                        let (is_and, next) = &rest[i];
                        let run = if *is_and {
                            task.status == 0
                        } else {
                            task.status != 0
                        };
                        if run {
                            task.frames.push(Frame::AndOr(node.clone(), i + 1));
                            task.frames.push(Frame::Run(next.clone()));
                        } else {
                            task.frames.push(Frame::AndOr(node.clone(), i + 1));
                        }
                    }
                }
            }
            Frame::IfCond(node) => {
                if let Node::If { then, els, .. } = &*node {
                    if task.status == 0 {
                        task.frames.push(Frame::Run(then.clone()));
                    } else if let Some(e) = els {
                        task.frames.push(Frame::Run(e.clone()));
                    } else {
                        task.status = 0;
                    }
                }
            }
            Frame::LoopCond(node) => {
                if let Node::Loop { until, body, .. } = &*node {
                    let go = if *until {
                        task.status != 0
                    } else {
                        task.status == 0
                    };
                    if go {
                        task.frames.push(Frame::LoopBody(node.clone()));
                        task.frames.push(Frame::Run(body.clone()));
                    } else {
                        task.status = 0;
                    }
                }
            }
            Frame::LoopBody(node) => {
                if let Node::Loop { cond, .. } = &*node {
                    task.frames.push(Frame::LoopCond(node.clone()));
                    task.frames.push(Frame::Run(cond.clone()));
                    // Give the loop a chance to block if it never sleeps.
                }
            }
            Frame::For(node, items, i) => {
                if let Node::For { var, body, .. } = &*node {
                    if i < items.len() {
                        self.vars.insert(var.clone(), items[i].clone());
                        task.frames.push(Frame::For(node.clone(), items, i + 1));
                        task.frames.push(Frame::Run(body.clone()));
                    }
                }
            }
            Frame::Run(node) => self.run_node(task, node, now, fs, world, is_main),
        }
    }

    fn run_node(
        &mut self,
        task: &mut Task,
        node: Rc<Node>,
        now: f64,
        fs: &mut FsView,
        world: &dyn World,
        is_main: bool,
    ) {
        match &*node {
            Node::Seq(_) => task.frames.push(Frame::Seq(node.clone(), 0)),
            Node::AndOr(first, _) => {
                task.frames.push(Frame::AndOr(node.clone(), 0));
                task.frames.push(Frame::Run(first.clone()));
            }
            Node::Not(inner) => {
                task.frames.push(Frame::Not);
                task.frames.push(Frame::Run(inner.clone()));
            }
            Node::If { cond, .. } => {
                task.frames.push(Frame::IfCond(node.clone()));
                task.frames.push(Frame::Run(cond.clone()));
            }
            Node::Loop { cond, .. } => {
                task.frames.push(Frame::LoopCond(node.clone()));
                task.frames.push(Frame::Run(cond.clone()));
            }
            Node::For { items, .. } => {
                let mut vals = vec![];
                for w in items {
                    vals.extend(self.expand_fields(w, now, fs, world));
                }
                task.frames.push(Frame::For(node.clone(), vals, 0));
            }
            Node::Subshell(inner) => task.frames.push(Frame::Run(inner.clone())),
            Node::Background(inner) => {
                let pid = self.next_pid;
                self.next_pid += 1;
                let mut job = Task::new(inner.clone());
                self.run_task(&mut job, now, fs, world, false);
                self.jobs.insert(pid, job);
                self.last_bg = Some(pid);
                task.status = 0;
            }
            Node::Simple {
                assigns,
                words,
                redirs,
            } => {
                let mut argv = vec![];
                for w in words {
                    argv.extend(self.expand_fields(w, now, fs, world));
                }
                for (name, w) in assigns {
                    let v = self.expand_word(w, now, fs, world);
                    self.vars.insert(name.clone(), v);
                }
                if argv.is_empty() {
                    task.status = 0;
                    return;
                }
                // Output redirection: capture what the command prints.
                let mut out_target: Option<(String, bool)> = None;
                let mut in_file: Option<String> = None;
                for r in redirs {
                    let target = self.expand_word(&r.target, now, fs, world);
                    match r.kind {
                        RedirKind::Out | RedirKind::Append if r.fd == 1 => {
                            out_target = Some((target, r.kind == RedirKind::Append))
                        }
                        RedirKind::Out | RedirKind::Append => {
                            if target != "/dev/null" {
                                fs.write(&target, "", r.kind == RedirKind::Append);
                            }
                        }
                        RedirKind::In => in_file = Some(target),
                        RedirKind::Dup => {}
                    }
                }
                let before = self.output.len();
                let mut captured = String::new();
                let status = self.builtin(
                    task,
                    &argv,
                    in_file.as_deref(),
                    &mut captured,
                    now,
                    fs,
                    world,
                    is_main,
                );
                let _ = before;
                match &out_target {
                    Some((path, append)) if path != "/dev/null" => {
                        fs.write(path, &captured, *append)
                    }
                    Some(_) => {}
                    None => self.write_out(&captured),
                }
                if let Some(s) = status {
                    task.status = s;
                }
            }
        }
    }

    /// Expand a word to one string (no field splitting).
    fn expand_word(&mut self, w: &Word, now: f64, fs: &mut FsView, world: &dyn World) -> String {
        let mut s = String::new();
        for p in &w.parts {
            match p {
                Part::Lit(l) => s.push_str(l),
                Part::Var(v) => s.push_str(&self.var(v)),
                Part::Sub(node) => {
                    s.push_str(self.substitute(node, now, fs, world).trim_end_matches('\n'))
                }
            }
        }
        s
    }

    /// Expand a word into fields: unquoted expansions are split on whitespace.
    fn expand_fields(
        &mut self,
        w: &Word,
        now: f64,
        fs: &mut FsView,
        world: &dyn World,
    ) -> Vec<String> {
        let s = self.expand_word(w, now, fs, world);
        if w.quoted || w.parts.iter().all(|p| matches!(p, Part::Lit(_))) {
            vec![s]
        } else {
            s.split_whitespace().map(str::to_string).collect()
        }
    }

    /// `$(...)`: run the command to completion at `now` in a child and return its output.
    fn substitute(
        &mut self,
        node: &Rc<Node>,
        now: f64,
        fs: &mut FsView,
        world: &dyn World,
    ) -> String {
        let mut child = Process::empty("sh");
        child.vars = self.vars.clone();
        child.main = Task::new(node.clone());
        child.advance(now, fs, world);
        child.output
    }

    fn var(&self, name: &str) -> String {
        match name {
            "?" => self.main.status.to_string(),
            "!" => self.last_bg.map(|p| p.to_string()).unwrap_or_default(),
            "$" => "1".into(),
            "#" => "0".into(),
            "HOSTNAME" => self.vars.get(name).cloned().unwrap_or_default(),
            _ => self.vars.get(name).cloned().unwrap_or_default(),
        }
    }

    /// Start a command that does not finish at once (a program). `as_pid1`: the task itself is
    /// the program (no shell around it).
    fn start_command(&mut self, argv: &[String], now: f64, fs: &mut FsView, world: &dyn World) {
        let name = base(&argv[0]);
        if name == "sleep" {
            let secs = argv.get(1).and_then(|a| parse_sleep(a)).unwrap_or(0.0);
            self.main.block = if secs.is_finite() {
                Block::Until(now + secs)
            } else {
                Block::Program {
                    behaviour: forever("sleep"),
                    started: now,
                    term_at: None,
                }
            };
            self.pid1 = "sleep".into();
            return;
        }
        if matches!(name.as_str(), "sh" | "bash" | "ash" | "dash") {
            if let Some(pos) = argv.iter().position(|a| a == "-c") {
                if let Some(script) = argv.get(pos + 1) {
                    let mut sub = Process::shell_in(script, self.image.clone(), now, fs, world);
                    sub.output = std::mem::take(&mut self.output);
                    *self = sub;
                    return;
                }
            }
            // `sh` with no script and no terminal: reads EOF from stdin and exits 0.
            self.main.block = Block::Ready;
            self.main.exited = Some(0);
            return;
        }
        let behaviour = self.resolve_program(argv);
        self.main.block = Block::Program {
            behaviour,
            started: now,
            term_at: None,
        };
    }

    /// Run a command. Returns `Some(status)` when it finished at once, `None` when the task is
    /// now blocked.
    #[allow(clippy::too_many_arguments)]
    fn builtin(
        &mut self,
        task: &mut Task,
        argv: &[String],
        stdin_file: Option<&str>,
        out: &mut String,
        now: f64,
        fs: &mut FsView,
        world: &dyn World,
        is_main: bool,
    ) -> Option<i32> {
        let name = base(&argv[0]);
        let args = &argv[1..];
        match name.as_str() {
            ":" | "true" => Some(0),
            "false" => Some(1),
            "exit" => {
                let code = args
                    .first()
                    .and_then(|a| a.parse::<i32>().ok())
                    .unwrap_or(task.status)
                    & 0xff;
                task.frames.clear();
                task.status = code;
                task.exited = Some(code);
                if is_main {
                    self.exited = Some((code, now));
                }
                Some(code)
            }
            "echo" => {
                let (nl, words) = if args.first().map(String::as_str) == Some("-n") {
                    (false, &args[1..])
                } else {
                    (true, args)
                };
                out.push_str(&words.join(" "));
                if nl {
                    out.push('\n');
                }
                Some(0)
            }
            "printf" => {
                if let Some(f) = args.first() {
                    out.push_str(
                        &f.replace("\\n", "\n")
                            .replace("%s", args.get(1).map(String::as_str).unwrap_or("")),
                    );
                }
                Some(0)
            }
            "touch" => {
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    fs.touch(a);
                }
                Some(0)
            }
            "mkdir" => {
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    fs.mkdir(a);
                }
                Some(0)
            }
            "rm" => {
                let force = args.iter().any(|a| a.starts_with('-') && a.contains('f'));
                let rec = args
                    .iter()
                    .any(|a| a.starts_with('-') && (a.contains('r') || a.contains('R')));
                let mut status = 0;
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    if !fs.remove(a, rec) && !force {
                        out.push_str(&format!(
                            "rm: can't remove '{a}': No such file or directory\n"
                        ));
                        status = 1;
                    }
                }
                Some(status)
            }
            "cat" => {
                let mut status = 0;
                let files: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
                if files.is_empty() {
                    if let Some(f) = stdin_file {
                        match fs.read(f) {
                            Some(c) => out.push_str(&c),
                            None => return Some(1),
                        }
                    }
                }
                for a in files {
                    if fs.is_dir(a) && fs.read(a).is_none() {
                        out.push_str("cat: read error: Is a directory\n");
                        status = 1;
                        continue;
                    }
                    match fs.read(a) {
                        Some(c) => out.push_str(&c),
                        None => {
                            out.push_str(&format!(
                                "cat: can't open '{a}': No such file or directory\n"
                            ));
                            status = 1;
                        }
                    }
                }
                Some(status)
            }
            "ls" => {
                let mut status = 0;
                let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
                for a in if paths.is_empty() { vec![] } else { paths } {
                    if fs.is_dir(a) {
                        out.push_str(&fs.list(a).join("\n"));
                        out.push('\n');
                    } else if fs.exists(a) {
                        out.push_str(&format!("{a}\n"));
                    } else {
                        out.push_str(&format!("ls: {a}: No such file or directory\n"));
                        status = 1;
                    }
                }
                Some(status)
            }
            "test" | "[" => {
                let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
                if name == "[" && a.last() == Some(&"]") {
                    a.pop();
                }
                Some(if eval_test(&a, fs) { 0 } else { 1 })
            }
            "date" => {
                out.push_str(&format!("{}\n", crate_time(now)));
                Some(0)
            }
            "hostname" => {
                out.push_str(&format!(
                    "{}\n",
                    self.vars.get("HOSTNAME").cloned().unwrap_or_default()
                ));
                Some(0)
            }
            "export" | "readonly" | "local" => {
                for a in args {
                    if let Some((k, v)) = a.split_once('=') {
                        self.vars.insert(k.to_string(), v.to_string());
                    }
                }
                Some(0)
            }
            "unset" => {
                for a in args {
                    self.vars.remove(a);
                }
                Some(0)
            }
            "cd" | "set" | "shift" | "ulimit" | "umask" => Some(0),
            "trap" => {
                if args.len() >= 2 {
                    let handler = &args[0];
                    for sig in &args[1..] {
                        let sig = normalize_signal(sig);
                        if handler == "-" {
                            self.traps.remove(&sig);
                        } else {
                            self.traps.insert(sig, handler.clone());
                        }
                    }
                }
                Some(0)
            }
            "wait" => {
                let target = args.first().and_then(|a| a.parse::<u32>().ok());
                let done = match target {
                    Some(pid) => self.jobs.get(&pid).is_none_or(|j| j.exited.is_some()),
                    None => self.jobs.values().all(|j| j.exited.is_some()),
                };
                if done {
                    Some(match target {
                        Some(pid) => self.jobs.get(&pid).and_then(|j| j.exited).unwrap_or(127),
                        None => 0,
                    })
                } else {
                    task.block = Block::Wait(target);
                    None
                }
            }
            "kill" => {
                // `kill PID` of a background job: it ends (143); `kill 1` from an exec'd hook
                // signals the container's PID 1.
                let sig = match args
                    .iter()
                    .find(|a| a.starts_with('-'))
                    .map(|a| {
                        a.trim_start_matches('-')
                            .trim_start_matches("SIG")
                            .to_string()
                    })
                    .as_deref()
                {
                    Some("9") | Some("KILL") => Signal::Kill,
                    Some("3") | Some("QUIT") => Signal::Quit,
                    _ => Signal::Term,
                };
                let pids: Vec<u32> = args.iter().filter_map(|a| a.parse::<u32>().ok()).collect();
                if pids.contains(&1) {
                    self.effects.push(Effect::SignalMain(sig));
                }
                for pid in pids {
                    if let Some(j) = self.jobs.get_mut(&pid) {
                        if j.exited.is_none() {
                            j.exited = Some(143);
                            j.block = Block::Ready;
                        }
                    }
                }
                Some(0)
            }
            "sleep" => {
                let secs = args.first().and_then(|a| parse_sleep(a));
                match secs {
                    None => {
                        out.push_str("sleep: invalid number\n");
                        Some(1)
                    }
                    Some(s) if s <= 0.0 => Some(0),
                    Some(s) => {
                        task.block = if s.is_finite() {
                            Block::Until(now + s)
                        } else {
                            Block::Program {
                                behaviour: forever("sleep"),
                                started: now,
                                term_at: None,
                            }
                        };
                        None
                    }
                }
            }
            "exec" => {
                if args.is_empty() {
                    return Some(0);
                }
                // `exec` replaces the shell: PID 1 becomes the program, traps are gone.
                task.frames.clear();
                if is_main {
                    self.traps.clear();
                    task.is_program = true;
                    self.pid1 = base(&args[0]);
                }
                let sub = args;
                let sname = base(&sub[0]);
                if sname == "sleep" {
                    let secs = sub.get(1).and_then(|a| parse_sleep(a)).unwrap_or(0.0);
                    task.block = if secs.is_finite() {
                        Block::Until(now + secs)
                    } else {
                        Block::Program {
                            behaviour: forever("sleep"),
                            started: now,
                            term_at: None,
                        }
                    };
                    return None;
                }
                let inner = self.builtin(task, sub, stdin_file, out, now, fs, world, is_main);
                if let Some(code) = inner {
                    task.exited = Some(code);
                }
                inner
            }
            "nslookup" => {
                let host = args.first().cloned().unwrap_or_default();
                if world.resolve(&host, now) {
                    out.push_str(&format!(
                        "Server:    10.96.0.10\nAddress:  10.96.0.10:53\n\nName:   {host}\n"
                    ));
                    Some(0)
                } else {
                    out.push_str(&format!("Server:    10.96.0.10\nAddress:  10.96.0.10:53\n\n** server can't find {host}: NXDOMAIN\n"));
                    Some(1)
                }
            }
            "wget" | "curl" => {
                // Fetch a URL against the simulated network: the pod's own containers on
                // localhost / the pod IP, and Services by name.
                let Some(url) = args.iter().rev().find(|a| {
                    !a.starts_with('-') && (a.contains("://") || a.contains(':') || a.contains('.'))
                }) else {
                    out.push_str(&format!("{name}: no URL given\n"));
                    return Some(1);
                };
                let (host, port, path) = split_url(url);
                // `wget -O FILE` / `curl -o FILE` save the body.
                let out_file = args
                    .iter()
                    .position(|a| a == "-O" || a == "-o")
                    .and_then(|i| args.get(i + 1))
                    .filter(|f| f.as_str() != "-")
                    .cloned();
                match world.http(&host, port, &path, now) {
                    Ok(code) if (200..400).contains(&code) => {
                        let body = format!("<html><body>{host}{path}</body></html>\n");
                        match &out_file {
                            Some(f) => fs.write(f, &body, false),
                            None if args.iter().any(|a| a == "-qO-" || a == "-O-" || a == "-")
                                || name == "curl" =>
                            {
                                out.push_str(&body)
                            }
                            None => fs.write(
                                &format!(
                                    "/{}",
                                    path.rsplit('/')
                                        .next()
                                        .filter(|p| !p.is_empty())
                                        .unwrap_or("index.html")
                                ),
                                &body,
                                false,
                            ),
                        }
                        Some(0)
                    }
                    Ok(code) => {
                        out.push_str(&format!("wget: server returned error: HTTP/1.1 {code}\n"));
                        Some(if name == "curl" { 22 } else { 1 })
                    }
                    Err(msg) => {
                        out.push_str(&format!("{msg}\n"));
                        Some(if name == "curl" { 7 } else { 1 })
                    }
                }
            }
            "nc" => {
                // `nc -z host port`: succeeds when something listens there.
                let rest: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
                match (
                    rest.first(),
                    rest.get(1).and_then(|p| p.parse::<u16>().ok()),
                ) {
                    (Some(h), Some(p)) => Some(if world.http(h, p, "/", now).is_ok() {
                        0
                    } else {
                        1
                    }),
                    _ => Some(1),
                }
            }
            "nginx" if args.first().map(String::as_str) == Some("-s") => {
                // `nginx -s quit|stop|reload`: signals the master process (PID 1).
                match args.get(1).map(String::as_str) {
                    Some("quit") => self.effects.push(Effect::SignalMain(Signal::Quit)),
                    Some("stop") => self.effects.push(Effect::SignalMain(Signal::Term)),
                    _ => {}
                }
                Some(0)
            }
            "badcommand" => {
                out.push_str(&not_found(&name));
                Some(127)
            }
            _ => {
                // A program the image does not have: busybox `sh` says so and returns 127.
                if self.image.as_ref().and_then(|i| i.has_program(&name)) == Some(false) {
                    out.push_str(&not_found(&name));
                    return Some(127);
                }
                // A program of the image's catalogue, or one nobody described: a stated,
                // overridable assumption.
                let b = self.resolve_program(argv);
                task.block = Block::Program {
                    behaviour: b,
                    started: now,
                    term_at: None,
                };
                None
            }
        }
    }
}

impl Process {
    /// What `argv` does: the image catalogue's knowledge, or the stated server assumption.
    fn resolve_program(&mut self, argv: &[String]) -> ProgramBehaviour {
        if let Some(b) = self.image.as_ref().and_then(|i| i.behaviour_of(argv)) {
            return b;
        }
        let name = base(&argv[0]);
        let mut b = server_assumption(&name);
        b.ports = self.declared_ports.clone();
        let ports = if b.ports.is_empty() {
            "no declared ports".to_string()
        } else {
            format!("listening on {:?}", b.ports)
        };
        let note = format!(
            "`{name}`: assumed to run until stopped ({ports}, healthy) and to exit on SIGTERM"
        );
        if !self.assumptions.contains(&note) {
            self.assumptions.push(note);
        }
        b
    }
}

fn forever(name: &str) -> ProgramBehaviour {
    // `sleep infinity` as PID 1 ignores SIGTERM like any process without a handler.
    ProgramBehaviour {
        name: name.into(),
        runs_for: None,
        exit_code: 0,
        on_term: None,
        term_exit_code: 143,
        on_signals: vec![],
        ports: vec![],
        listen_after: 0.0,
        http: HttpModel::Ok,
        banner: String::new(),
    }
}

/// The default for a program nobody described: a server that runs until stopped, listens on
/// the container's declared ports at once, answers 200, and exits promptly on SIGTERM (killed by
/// the signal: exit code 143).
pub fn server_assumption(name: &str) -> ProgramBehaviour {
    ProgramBehaviour {
        name: name.into(),
        runs_for: None,
        exit_code: 0,
        on_term: Some(0.0),
        term_exit_code: 143,
        on_signals: vec![],
        ports: vec![],
        listen_after: 0.0,
        http: HttpModel::Ok,
        banner: String::new(),
    }
}

fn normalize_signal(s: &str) -> String {
    let s = s.trim_start_matches("SIG");
    match s {
        "15" => "TERM".into(),
        "2" => "INT".into(),
        "0" => "EXIT".into(),
        other => other.to_string(),
    }
}

fn base(p: &str) -> String {
    p.rsplit('/').next().unwrap_or(p).to_string()
}

fn crate_time(now: f64) -> String {
    format!("t+{now:.0}s")
}

fn eval_test(a: &[&str], fs: &mut FsView) -> bool {
    match a {
        [] => false,
        ["!", rest @ ..] => !eval_test(rest, fs),
        [s] => !s.is_empty(),
        ["-f", p] => fs.read(p).is_some(),
        ["-e", p] => fs.exists(p),
        ["-d", p] => fs.is_dir(p),
        ["-s", p] => fs.read(p).is_some_and(|c| !c.is_empty()),
        ["-z", s] => s.is_empty(),
        ["-n", s] => !s.is_empty(),
        [x, "=", y] | [x, "==", y] => x == y,
        [x, "!=", y] => x != y,
        [x, op, y] => {
            let (Ok(x), Ok(y)) = (x.parse::<i64>(), y.parse::<i64>()) else {
                return false;
            };
            match *op {
                "-eq" => x == y,
                "-ne" => x != y,
                "-lt" => x < y,
                "-le" => x <= y,
                "-gt" => x > y,
                "-ge" => x >= y,
                _ => false,
            }
        }
        _ => false,
    }
}

fn task_wake(task: &Task) -> Option<f64> {
    match &task.block {
        Block::Until(t) => Some(*t),
        Block::Program {
            behaviour,
            started,
            term_at,
        } => {
            let natural = behaviour.runs_for.map(|d| started + d);
            match (natural, term_at) {
                (Some(a), Some(b)) => Some(a.min(*b)),
                (Some(a), None) => Some(a),
                (None, Some(b)) => Some(*b),
                (None, None) => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::fs::Layer;

    fn run(script: &str) -> (Process, Layer) {
        let mut layer = Layer::default();
        let p = {
            let mut fs = FsView {
                layer: &mut layer,
                volumes: &mut [],
                mounts: &[],
            };
            Process::shell(script, 0.0, &mut fs, &NoWorld)
        };
        (p, layer)
    }

    fn step_to(p: &mut Process, layer: &mut Layer, t: f64) {
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
        assert_eq!(p.next_wake(), Some(30.0));
        step_to(&mut p, &mut layer, 31.0);
        assert!(!layer.files.contains_key("/tmp/healthy"));
        assert_eq!(p.next_wake(), Some(630.0));
        step_to(&mut p, &mut layer, 700.0);
        assert_eq!(p.exit(), Some((0, 630.0)));
    }

    #[test]
    fn pid1_shell_without_trap_ignores_sigterm() {
        let (mut p, mut layer) = run("sleep 600");
        let mut fs = FsView {
            layer: &mut layer,
            volumes: &mut [],
            mounts: &[],
        };
        p.signal(Signal::Term, 10.0, &mut fs, &NoWorld);
        assert_eq!(p.exit(), None);
        p.signal(Signal::Kill, 40.0, &mut fs, &NoWorld);
        assert_eq!(p.exit(), Some((137, 40.0)));
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
            p.signal(Signal::Term, 10.0, &mut fs, &NoWorld);
        }
        assert_eq!(p.exit(), Some((0, 10.0)));
        // Foreground `sleep 600`: the trap waits for the sleep to end.
        let (mut p, mut layer) = run("trap 'exit 0' TERM; sleep 600");
        {
            let mut fs = FsView {
                layer: &mut layer,
                volumes: &mut [],
                mounts: &[],
            };
            p.signal(Signal::Term, 10.0, &mut fs, &NoWorld);
        }
        assert_eq!(p.exit(), None);
        step_to(&mut p, &mut layer, 600.0);
        assert_eq!(p.exit(), Some((0, 600.0)));
    }

    #[test]
    fn exit_codes_and_sequences() {
        let (p, _) = run("true && exit 3");
        assert_eq!(p.exit(), Some((3, 0.0)));
        let (p, _) = run("false && exit 3; exit 4");
        assert_eq!(p.exit(), Some((4, 0.0)));
        let (p, _) = run("false || exit 5");
        assert_eq!(p.exit(), Some((5, 0.0)));
        let (p, _) = run("cat /nope");
        assert_eq!(p.exit(), Some((1, 0.0)));
        assert_eq!(
            p.output,
            "cat: can't open '/nope': No such file or directory\n"
        );
    }

    #[test]
    fn loops_and_conditionals() {
        let (mut p, mut layer) =
            run("i=0; while [ ! -f /tmp/go ]; do sleep 1; done; echo done > /tmp/out");
        step_to(&mut p, &mut layer, 5.0);
        assert_eq!(p.exit(), None);
        layer.files.insert("/tmp/go".into(), String::new());
        step_to(&mut p, &mut layer, 7.0);
        assert_eq!(p.exit(), Some((0, 6.0)));
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
        p.signal(Signal::Term, 10.0, &mut fs, &NoWorld);
        assert_eq!(p.exit(), None, "exec'd sleep is PID 1 and has no handler");
    }
}
