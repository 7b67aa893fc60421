//! Commands: ash's builtins (`shell/ash.c` builtin table: `:` `.` `break` `cd` `continue`
//! `eval` `exec` `exit` `export` `local` `read` `readonly` `return` `set` `shift` `trap` `unset`
//! `wait` `kill` `test`/`[` …), the busybox applets scripts lean on (text tools in
//! [`super::textutils`]; file, network and process tools here), and programs from the image
//! catalogue. A command the engine does not model exactly runs on a stated assumption.

use super::behaviour::{Effect, ProgramBehaviour, Signal};
use super::exec::resolve;
use super::expand::Var;
use super::fs::FsView;
use super::parse::{is_name, parse_script, Node, Pos};
use super::shell::{
    base, parse_sleep, split_url, Block, Fd, Flags, Frame, Process, Running, World, QUANTUM,
};
use super::textutils;
use std::rc::Rc;

/// POSIX special builtins: found before functions (XCU §2.14).
pub(crate) fn is_special(name: &str) -> bool {
    matches!(
        name,
        "break"
            | ":"
            | "continue"
            | "."
            | "eval"
            | "exec"
            | "exit"
            | "export"
            | "readonly"
            | "return"
            | "set"
            | "shift"
            | "times"
            | "trap"
            | "unset"
    )
}

const BUILTINS: &[&str] = &[
    ":", ".", "[", "[[", "alias", "break", "cd", "command", "continue", "echo", "eval", "exec",
    "exit", "export", "false", "getopts", "hash", "kill", "let", "local", "printf", "pwd", "read",
    "readonly", "return", "set", "shift", "source", "test", "times", "trap", "true", "type",
    "ulimit", "umask", "unalias", "unset", "wait",
];

/// Applets whose effect podlife does not model: they are assumed to succeed at once and print
/// nothing, and the assumption is stated.
const UNMODELLED: &[&str] = &[
    "chown",
    "sync",
    "stat",
    "md5sum",
    "sha256sum",
    "uptime",
    "free",
    "df",
    "du",
    "ps",
    "find",
    "xargs",
    "logger",
    "dmesg",
    "mount",
    "base64",
    "gzip",
    "tar",
    "dd",
];

/// Whether an applet waiting for its standard input already has enough of it: `head` stops
/// reading after its lines, as the real one does (and its writer then gets SIGPIPE).
pub(crate) fn input_sufficient(argv: &[String], got: &str) -> bool {
    if argv.first().map(|a| base(a)).as_deref() != Some("head") {
        return false;
    }
    let mut n = 10usize;
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if a == "-n" {
            n = argv.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or(10);
            i += 1;
        } else if let Some(v) = a.strip_prefix("-n") {
            n = v.parse().unwrap_or(10);
        } else if let Some(v) = a.strip_prefix('-') {
            if let Ok(v) = v.parse() {
                n = v;
            } else {
                return false;
            }
        }
        i += 1;
    }
    got.matches('\n').count() >= n
}

/// The operands of an applet's command line: its arguments without options and their values.
fn operands<'a>(name: &str, args: &'a [String]) -> Vec<&'a String> {
    let with_value: &[&str] = match name {
        "head" | "tail" => &["-n", "-c"],
        "cut" => &["-d", "-f", "-c", "-b"],
        "sort" => &["-k", "-t", "-o"],
        "uniq" => &["-f", "-s", "-w"],
        "grep" | "egrep" | "fgrep" => &["-e", "-f", "-m", "-A", "-B", "-C"],
        "sed" => &["-e", "-f"],
        "awk" => &["-F", "-v", "-f"],
        "wc" | "cat" | "rev" | "tee" | "tr" => &[],
        _ => &[],
    };
    let mut out = vec![];
    let mut i = 0;
    let mut only_operands = false;
    while i < args.len() {
        let a = &args[i];
        if only_operands || a == "-" || !a.starts_with('-') || a.len() == 1 {
            out.push(a);
        } else if a == "--" {
            only_operands = true;
        } else if with_value.contains(&a.as_str()) {
            i += 1;
        }
        i += 1;
    }
    out
}

/// Whether an applet reads its standard input (it has no file operands).
fn reads_stdin(name: &str, args: &[String]) -> bool {
    let ops = operands(name, args);
    let explicit_script = args.iter().any(|a| a == "-e" || a == "-f");
    match name {
        "cat" | "wc" | "head" | "tail" | "sort" | "uniq" | "rev" | "cut" | "tee" | "md5sum"
        | "sha256sum" | "base64" => ops.is_empty() || ops.iter().any(|o| *o == "-"),
        "tr" => true,
        "grep" | "egrep" | "fgrep" | "sed" | "awk" => {
            // The first operand is the pattern or program unless -e/-f gave it.
            let files = if explicit_script {
                ops.len()
            } else {
                ops.len().saturating_sub(1)
            };
            files == 0 || ops.iter().any(|o| *o == "-")
        }
        "xargs" | "sh" | "ash" | "bash" => true,
        _ => false,
    }
}

/// The text applets see the container's files through this.
struct FsFiles<'a, 'b> {
    fs: &'a mut FsView<'b>,
    cwd: String,
}
impl textutils::Files for FsFiles<'_, '_> {
    fn read(&mut self, path: &str) -> Option<String> {
        if path == "/dev/null" {
            return Some(String::new());
        }
        self.fs.read(&resolve(&self.cwd, path))
    }
    fn is_dir(&mut self, path: &str) -> bool {
        self.fs.is_dir(&resolve(&self.cwd, path))
    }
}

fn forever(name: &str) -> ProgramBehaviour {
    ProgramBehaviour {
        name: name.into(),
        runs_for: None,
        exit_code: 0,
        on_term: None,
        term_exit_code: 143,
        on_signals: vec![],
        ports: vec![],
        listen_after: 0.0,
        http: super::behaviour::HttpModel::Ok,
        banner: String::new(),
    }
}

/// The default for a program nobody described: a server that runs until stopped, listens on
/// the container's declared ports at once, answers 200, and exits promptly on SIGTERM (killed by
/// the signal: exit code 143).
pub fn server_assumption(name: &str) -> ProgramBehaviour {
    ProgramBehaviour {
        on_term: Some(0.0),
        ..forever(name)
    }
}

/// A flag argument like `-n`, `-rn`.
fn has_flag(args: &[String], f: char) -> bool {
    args.iter()
        .take_while(|a| *a != "--")
        .any(|a| a.starts_with('-') && a.len() > 1 && !a.starts_with("--") && a[1..].contains(f))
}

impl Process {
    fn done(&mut self, pid: u32, status: i32) {
        self.p(pid).status = status;
    }

    fn out(&mut self, pid: u32, s: &str, now: f64, fs: &mut FsView) -> bool {
        match self.write(pid, 1, s, now, fs) {
            Ok(()) => true,
            Err(e) if e == "EPIPE" => {
                // SIGPIPE: the writer dies (128 + 13), as any process without a handler.
                let p = self.p(pid);
                p.status = 141;
                self.finish_broken_pipe(pid, now, fs);
                false
            }
            Err(e) => {
                self.err_line(pid, &e, now, fs);
                self.p(pid).status = 1;
                false
            }
        }
    }

    fn finish_broken_pipe(&mut self, pid: u32, now: f64, fs: &mut FsView) {
        if pid == self.main_pid && !self.exec_mode {
            // PID 1 ignores SIGPIPE without a handler: the write fails with EPIPE.
            self.err_line(pid, "sh: write error: Broken pipe", now, fs);
            return;
        }
        self.signal_proc(pid, Signal::Pipe, now, fs);
    }

    fn err(&mut self, pid: u32, s: &str, now: f64, fs: &mut FsView) {
        let s = self.shell_prefix(pid, s);
        let _ = self.write(pid, 2, &s, now, fs);
    }

    /// Standard input for an applet: `Some(text)` when it is all there, `None` when the process
    /// now waits for more (a `Resume` frame retries the command).
    fn stdin_all(&mut self, pid: u32, argv: &[String], pos: Pos) -> Option<String> {
        let fd0 = self.procs.get(&pid).and_then(|p| p.fds.first().cloned());
        match fd0 {
            Some(Fd::PipeR(i)) => {
                let (eof, data) = {
                    let pipe = &mut self.pipes[i];
                    (pipe.writers == 0, std::mem::take(&mut pipe.buf))
                };
                let p = self.p(pid);
                let mut got = match p.input.take() {
                    Some((_, g)) => g,
                    None => String::new(),
                };
                got.push_str(&data);
                if eof || input_sufficient(argv, &got) {
                    Some(got)
                } else {
                    p.input = Some((Rc::new(argv.to_vec()), got));
                    p.frames.push(Frame::Resume(Rc::new(argv.to_vec()), pos));
                    p.block = Block::Input;
                    None
                }
            }
            _ => Some(String::new()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn run_command(
        &mut self,
        pid: u32,
        argv: Vec<String>,
        pos: Pos,
        flags: Flags,
        now: f64,
        fs: &mut FsView,
        world: &dyn World,
    ) {
        let name = argv[0].clone();
        let args: Vec<String> = argv[1..].to_vec();
        match name.as_str() {
            ":" | "true" => self.done(pid, 0),
            "false" => self.done(pid, 1),
            "echo" => {
                let mut nl = true;
                let mut esc = false;
                let mut i = 0;
                while let Some(a) = args.get(i) {
                    if a.len() > 1
                        && a.starts_with('-')
                        && a[1..].chars().all(|c| "neE".contains(c))
                    {
                        for c in a[1..].chars() {
                            match c {
                                'n' => nl = false,
                                'e' => esc = true,
                                _ => esc = false,
                            }
                        }
                        i += 1;
                    } else {
                        break;
                    }
                }
                let mut s = args[i..].join(" ");
                let mut stop = false;
                if esc {
                    (s, stop) = unescape(&s);
                }
                if nl && !stop {
                    s.push('\n');
                }
                if self.out(pid, &s, now, fs) {
                    self.done(pid, 0);
                }
            }
            "printf" => {
                if let Some(st) = self.applet(pid, &argv, pos, now, fs) {
                    self.done(pid, st);
                }
            }
            "pwd" => {
                let cwd = self.cwd(pid);
                if self.out(pid, &format!("{cwd}\n"), now, fs) {
                    self.done(pid, 0);
                }
            }
            "cd" => {
                let target = args
                    .first()
                    .cloned()
                    .unwrap_or_else(|| self.p(pid).sh.get("HOME").unwrap_or("/").to_string());
                let path = normalize(&resolve(&self.cwd(pid), &target));
                if path == "/" || fs.is_dir(&path) {
                    let sh = Rc::make_mut(&mut self.p(pid).sh);
                    let _ = sh.set("PWD", path);
                    self.done(pid, 0);
                } else {
                    self.err(
                        pid,
                        &format!("sh: cd: can't cd to {target}: No such file or directory\n"),
                        now,
                        fs,
                    );
                    self.done(pid, 2);
                }
            }
            "export" | "readonly" => {
                let sh = Rc::make_mut(&mut self.p(pid).sh);
                let mut bad = None;
                for a in args.iter().filter(|a| *a != "-p" && *a != "-n") {
                    let (k, v) = match a.split_once('=') {
                        Some((k, v)) => (k, Some(v.to_string())),
                        None => (a.as_str(), None),
                    };
                    if !is_name(k) {
                        bad = Some(format!("sh: {name}: bad variable name\n"));
                        continue;
                    }
                    let var = sh.vars.entry(k.to_string()).or_insert(Var {
                        value: String::new(),
                        exported: false,
                        readonly: false,
                    });
                    if let Some(v) = v {
                        if var.readonly {
                            bad = Some(format!("sh: {k}: is read only\n"));
                            continue;
                        }
                        var.value = v;
                    }
                    if name == "export" {
                        var.exported = true;
                    } else {
                        var.readonly = true;
                    }
                }
                match bad {
                    Some(m) => {
                        self.err(pid, &m, now, fs);
                        self.exit_proc(pid, 2, now, fs);
                    }
                    None => self.done(pid, 0),
                }
            }
            "local" => {
                let sh = Rc::make_mut(&mut self.p(pid).sh);
                if sh.locals.is_empty() {
                    self.err(pid, "sh: local: not in a function\n", now, fs);
                    self.done(pid, 2);
                    return;
                }
                for a in &args {
                    let (k, v) = match a.split_once('=') {
                        Some((k, v)) => (k.to_string(), Some(v.to_string())),
                        None => (a.clone(), None),
                    };
                    let old = sh.vars.get(&k).cloned();
                    if let Some(frame) = sh.locals.last_mut() {
                        if !frame.iter().any(|(n, _)| n == &k) {
                            frame.push((k.clone(), old.clone()));
                        }
                    }
                    let value = v.unwrap_or_else(|| old.map(|o| o.value).unwrap_or_default());
                    let _ = sh.set(&k, value);
                }
                self.done(pid, 0);
            }
            "unset" => {
                let sh = Rc::make_mut(&mut self.p(pid).sh);
                let funcs = args.iter().any(|a| a == "-f");
                let mut status = 0;
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    if funcs {
                        sh.funcs.remove(a);
                    } else if sh.vars.get(a).is_some_and(|v| v.readonly) {
                        status = 1;
                    } else {
                        sh.vars.remove(a);
                    }
                }
                self.done(pid, status);
            }
            "set" => self.builtin_set(pid, &args, now, fs),
            "shift" => {
                let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1);
                let sh = Rc::make_mut(&mut self.p(pid).sh);
                if n > sh.positional.len() {
                    self.done(pid, 1);
                } else {
                    sh.positional.drain(..n);
                    self.done(pid, 0);
                }
            }
            "eval" => {
                let src = args.join(" ");
                let node = parse_script(&src);
                let p = self.p(pid);
                p.status = 0;
                p.frames.push(Frame::Run(Rc::new(node), flags.body()));
            }
            "." | "source" => {
                let Some(file) = args.first() else {
                    self.done(pid, 0);
                    return;
                };
                match fs.read(&resolve(&self.cwd(pid), file)) {
                    Some(src) => {
                        let node = parse_script(&src);
                        let p = self.p(pid);
                        p.status = 0;
                        p.frames.push(Frame::Run(Rc::new(node), flags.body()));
                    }
                    None => {
                        self.err(pid, &format!("sh: .: can't open '{file}'\n"), now, fs);
                        self.exit_proc(pid, 2, now, fs);
                    }
                }
            }
            "exit" => {
                let code = match args.first() {
                    Some(a) => match a.parse::<i64>() {
                        Ok(n) => (n & 0xff) as i32,
                        Err(_) => {
                            self.err(pid, &format!("sh: exit: Illegal number: {a}\n"), now, fs);
                            2
                        }
                    },
                    None => self.p(pid).status,
                };
                self.exit_proc(pid, code, now, fs);
            }
            "return" => {
                let code = args
                    .first()
                    .and_then(|a| a.parse::<i64>().ok())
                    .map(|n| (n & 0xff) as i32)
                    .unwrap_or(self.p(pid).status);
                let p = self.p(pid);
                let has_func = p
                    .frames
                    .iter()
                    .any(|f| matches!(f, Frame::FuncReturn { .. }));
                if !has_func {
                    // `return` outside a function ends a `-c` script (ash: like `exit`).
                    self.exit_proc(pid, code, now, fs);
                    return;
                }
                while let Some(f) = p.frames.last() {
                    if matches!(f, Frame::FuncReturn { .. }) {
                        break;
                    }
                    if let Some(Frame::RestoreFds(saved)) = p.frames.pop() {
                        let old = std::mem::replace(&mut p.fds, saved);
                        for fd in old {
                            self.close_fd(&fd);
                        }
                    }
                    let _ = self.procs.get(&pid);
                    return self.return_rest(pid, code);
                }
                self.p(pid).status = code;
            }
            "break" | "continue" => {
                let n: usize = args
                    .first()
                    .and_then(|a| a.parse().ok())
                    .unwrap_or(1)
                    .max(1);
                self.break_loops(pid, n, name == "continue");
            }
            "trap" => self.builtin_trap(pid, &args, now, fs),
            "wait" => {
                let p = self.p(pid);
                let mut targets = vec![];
                let mut unknown = false;
                for a in &args {
                    match a.trim_start_matches('%').parse::<u32>() {
                        Ok(n) if a.starts_with('%') => {
                            match p.jobs.get(n.saturating_sub(1) as usize) {
                                Some(j) => targets.push(*j),
                                None => unknown = true,
                            }
                        }
                        Ok(n) if p.jobs.contains(&n) => targets.push(n),
                        _ => unknown = true,
                    }
                }
                if unknown && targets.is_empty() {
                    self.done(pid, 127);
                    return;
                }
                p.block = Block::Wait(targets);
            }
            "kill" => self.builtin_kill(pid, &args, now, fs),
            "read" => self.builtin_read(pid, &argv, pos, now, fs),
            "test" | "[" | "[[" => {
                let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
                let close = match name.as_str() {
                    "[" => Some("]"),
                    "[[" => Some("]]"),
                    _ => None,
                };
                if let Some(c) = close {
                    if a.last() != Some(&c) {
                        self.err(pid, &format!("sh: missing {c}\n"), now, fs);
                        self.done(pid, 2);
                        return;
                    }
                    a.pop();
                }
                let cwd = self.cwd(pid);
                let r = eval_test(&a, fs, &cwd, name == "[[");
                match r {
                    Ok(b) => self.done(pid, if b { 0 } else { 1 }),
                    Err(e) => {
                        self.err(pid, &format!("sh: {e}\n"), now, fs);
                        self.done(pid, 2);
                    }
                }
            }
            "let" => {
                let mut last = 0;
                for a in &args {
                    let sh = Rc::make_mut(&mut self.p(pid).sh);
                    match super::arith::eval(a, &mut VarsOf(sh)) {
                        Ok(v) => last = v,
                        Err(e) => {
                            self.err(pid, &format!("sh: let: {e}\n"), now, fs);
                            self.done(pid, 2);
                            return;
                        }
                    }
                }
                self.done(pid, if last != 0 { 0 } else { 1 });
            }
            "type" | "command" | "which" | "hash" => {
                if name == "command" && !args.first().is_some_and(|a| a.starts_with('-')) {
                    // `command NAME args`: run it, skipping functions.
                    if args.is_empty() {
                        self.done(pid, 0);
                    } else {
                        self.run_command(pid, args, pos, flags, now, fs, world);
                    }
                    return;
                }
                if name == "hash" {
                    self.done(pid, 0);
                    return;
                }
                let mut status = 0;
                let mut out = String::new();
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    let known_fn = self.p(pid).sh.funcs.contains_key(a);
                    if BUILTINS.contains(&a.as_str()) || known_fn {
                        out.push_str(&if name == "type" {
                            format!(
                                "{a} is a shell {}\n",
                                if known_fn { "function" } else { "builtin" }
                            )
                        } else {
                            format!("{a}\n")
                        });
                    } else if self.has_program(a) {
                        out.push_str(&if name == "type" {
                            format!("{a} is /bin/{a}\n")
                        } else {
                            format!("/bin/{a}\n")
                        });
                    } else {
                        if name == "type" {
                            out.push_str(&format!("{a}: not found\n"));
                        }
                        status = 1;
                    }
                }
                if self.out(pid, &out, now, fs) {
                    self.done(pid, status);
                }
            }
            "getopts" => {
                self.assume(
                    Some(pos),
                    "`getopts` is not modelled: assumed to find no more options (status 1)".into(),
                );
                self.done(pid, 1);
            }
            "alias" | "unalias" | "ulimit" | "umask" | "times" => self.done(pid, 0),
            "exec" => {
                if args.is_empty() {
                    self.done(pid, 0);
                    return;
                }
                // The shell is replaced: traps go, and what follows never runs; when the command
                // finishes, so does the process, with its status.
                let p = self.p(pid);
                Rc::make_mut(&mut p.sh).traps.clear();
                p.frames.clear();
                p.frames.push(Frame::ExitStatus);
                p.in_exit_trap = true;
                if BUILTINS.contains(&args[0].as_str()) && args[0] != "exec" {
                    self.run_command(pid, args, pos, Flags::default(), now, fs, world);
                } else {
                    self.external(pid, args, pos, true, now, fs, world);
                }
            }
            _ => {
                let no_traps = self
                    .procs
                    .get(&pid)
                    .is_some_and(|p| p.sh.traps.values().all(String::is_empty));
                let exec = flags.tail && no_traps;
                self.external(pid, argv, pos, exec, now, fs, world);
            }
        }
    }

    /// After `return` found its function frame below: unwind the rest.
    fn return_rest(&mut self, pid: u32, code: i32) {
        let p = self.p(pid);
        while let Some(f) = p.frames.last() {
            if matches!(f, Frame::FuncReturn { .. }) {
                break;
            }
            let f = p.frames.pop();
            if let Some(Frame::RestoreFds(saved)) = f {
                let old = std::mem::replace(&mut p.fds, saved);
                for fd in old {
                    self.close_fd(&fd);
                }
                return self.return_rest(pid, code);
            }
        }
        self.p(pid).status = code;
    }

    fn break_loops(&mut self, pid: u32, mut n: usize, cont: bool) {
        let p = self.p(pid);
        if !p
            .frames
            .iter()
            .any(|f| matches!(f, Frame::LoopAgain(..) | Frame::ForNext { .. }))
        {
            p.status = 0;
            return;
        }
        loop {
            let Some(f) = p.frames.last() else {
                break;
            };
            let is_loop = matches!(f, Frame::LoopAgain(..) | Frame::ForNext { .. });
            if matches!(f, Frame::FuncReturn { .. }) {
                break;
            }
            if is_loop {
                n -= 1;
                if n == 0 {
                    if !cont {
                        p.frames.pop();
                    }
                    break;
                }
            }
            if let Some(Frame::RestoreFds(saved)) = p.frames.pop() {
                let old = std::mem::replace(&mut p.fds, saved);
                for fd in old {
                    self.close_fd(&fd);
                }
                return self.break_loops(pid, n, cont);
            }
        }
        self.p(pid).status = 0;
    }

    fn builtin_set(&mut self, pid: u32, args: &[String], now: f64, fs: &mut FsView) {
        let sh = Rc::make_mut(&mut self.p(pid).sh);
        if args.is_empty() {
            let mut out = String::new();
            for (k, v) in &sh.vars {
                if !k.starts_with('\u{0}') {
                    out.push_str(&format!("{k}='{}'\n", v.value.replace('\'', "'\\''")));
                }
            }
            if self.out(pid, &out, now, fs) {
                self.done(pid, 0);
            }
            return;
        }
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            if a == "--" {
                sh.positional = args[i + 1..].to_vec();
                break;
            }
            if a == "-o" || a == "+o" {
                let on = a == "-o";
                match args.get(i + 1).map(String::as_str) {
                    Some("errexit") => sh.errexit = on,
                    Some("nounset") => sh.nounset = on,
                    Some("noglob") => sh.noglob = on,
                    Some("xtrace") => set_xtrace(sh, on),
                    _ => {}
                }
                i += 2;
                continue;
            }
            if (a.starts_with('-') || a.starts_with('+')) && a.len() > 1 {
                let on = a.starts_with('-');
                for c in a[1..].chars() {
                    match c {
                        'e' => sh.errexit = on,
                        'u' => sh.nounset = on,
                        'f' => sh.noglob = on,
                        'x' => set_xtrace(sh, on),
                        _ => {}
                    }
                }
                i += 1;
                continue;
            }
            sh.positional = args[i..].to_vec();
            break;
        }
        self.done(pid, 0);
    }

    fn builtin_trap(&mut self, pid: u32, args: &[String], now: f64, fs: &mut FsView) {
        if args.is_empty() || args[0] == "-p" {
            let traps = self.p(pid).sh.traps.clone();
            let mut out = String::new();
            for (k, v) in traps {
                out.push_str(&format!("trap -- '{}' {k}\n", v.replace('\'', "'\\''")));
            }
            if self.out(pid, &out, now, fs) {
                self.done(pid, 0);
            }
            return;
        }
        // `trap N...` with a number first resets those signals (POSIX: an unsigned integer
        // first operand means reset).
        let (action, sigs): (Option<String>, &[String]) =
            if args.len() == 1 || args[0] == "-" || args[0].parse::<u32>().is_ok() {
                if args[0] == "-" {
                    (None, &args[1..])
                } else {
                    (None, args)
                }
            } else {
                (Some(args[0].clone()), &args[1..])
            };
        let mut status = 0;
        for s in sigs {
            let key = if s == "EXIT" || s == "0" || s == "SIGEXIT" {
                Some("EXIT".to_string())
            } else {
                Signal::parse(s).map(|g| g.name().to_string())
            };
            match key {
                Some(k) => {
                    let sh = Rc::make_mut(&mut self.p(pid).sh);
                    match &action {
                        Some(a) => {
                            sh.traps.insert(k, a.clone());
                        }
                        None => {
                            sh.traps.remove(&k);
                        }
                    }
                }
                None => {
                    self.err(
                        pid,
                        &format!("sh: trap: {s}: invalid signal specification\n"),
                        now,
                        fs,
                    );
                    status = 1;
                }
            }
        }
        self.done(pid, status);
    }

    fn builtin_kill(&mut self, pid: u32, args: &[String], now: f64, fs: &mut FsView) {
        let mut sig = Signal::Term;
        let mut i = 0;
        let mut probe = false;
        if args.first().map(String::as_str) == Some("-l") {
            let mut out = String::new();
            if args.len() > 1 {
                // `kill -l 15` names the signal, `kill -l TERM` numbers it.
                for a in &args[1..] {
                    match (a.parse::<i32>(), Signal::parse(a)) {
                        (Ok(n), _) => match Signal::ALL
                            .iter()
                            .find(|g| g.number() == n % 128 || g.number() == n - 128)
                        {
                            Some(g) => out.push_str(&format!("{}\n", g.name())),
                            None => out.push_str(&format!("{n}\n")),
                        },
                        (_, Some(g)) => out.push_str(&format!("{}\n", g.number())),
                        _ => {}
                    }
                }
                if self.out(pid, &out, now, fs) {
                    self.done(pid, 0);
                }
                return;
            }
            for g in Signal::ALL {
                out.push_str(&format!("{}\n", g.name()));
            }
            if self.out(pid, &out, now, fs) {
                self.done(pid, 0);
            }
            return;
        }
        while let Some(a) = args.get(i) {
            if a == "-s" || a == "-n" {
                match args.get(i + 1).and_then(|s| Signal::parse(s)) {
                    Some(g) => sig = g,
                    None => {
                        self.err(
                            pid,
                            &format!(
                                "sh: kill: bad signal name '{}'\n",
                                args.get(i + 1).cloned().unwrap_or_default()
                            ),
                            now,
                            fs,
                        );
                        self.done(pid, 1);
                        return;
                    }
                }
                i += 2;
            } else if a == "-0" {
                probe = true;
                i += 1;
            } else if let Some(s) = a.strip_prefix('-').filter(|s| {
                !s.is_empty()
                    && !s.starts_with(|c: char| c.is_ascii_digit() && s.parse::<i32>().is_err())
            }) {
                match Signal::parse(s) {
                    Some(g) => sig = g,
                    None => {
                        self.err(pid, &format!("sh: kill: bad signal name '{s}'\n"), now, fs);
                        self.done(pid, 1);
                        return;
                    }
                }
                i += 1;
            } else {
                break;
            }
        }
        let mut status = 0;
        for t in &args[i..] {
            let target = if let Some(j) = t.strip_prefix('%') {
                j.parse::<usize>()
                    .ok()
                    .and_then(|n| self.p(pid).jobs.get(n.saturating_sub(1)).copied())
            } else {
                t.parse::<u32>().ok()
            };
            let Some(target) = target else {
                self.err(pid, &format!("sh: kill: invalid number '{t}'\n"), now, fs);
                status = 1;
                continue;
            };
            if self.exec_mode && target == 1 {
                // From a probe or hook: the container's PID 1.
                if !probe {
                    self.effects.push(Effect::SignalMain(sig));
                }
                continue;
            }
            let alive = self.procs.get(&target).is_some_and(|p| p.exited.is_none());
            if !alive {
                self.err(
                    pid,
                    &format!("sh: kill: can't kill pid {target}: No such process\n"),
                    now,
                    fs,
                );
                status = 1;
                continue;
            }
            if !probe {
                if target == self.main_pid && !self.exec_mode && sig == Signal::Kill {
                    // SIGKILL sent to the init of a PID namespace from inside it is ignored.
                    continue;
                }
                self.signal_proc(target, sig, now, fs);
            }
        }
        if self.procs.get(&pid).is_some_and(|p| p.exited.is_none()) {
            self.done(pid, status);
        }
    }

    fn builtin_read(&mut self, pid: u32, argv: &[String], pos: Pos, _now: f64, _fs: &mut FsView) {
        let args = &argv[1..];
        let mut raw = false;
        let mut names = vec![];
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            match a.as_str() {
                "-r" => raw = true,
                "-p" | "-t" | "-n" | "-d" | "-u" => {
                    if a != "-p" {
                        self.assume(
                            Some(pos),
                            format!("`read {a}` is not modelled: the option is ignored"),
                        );
                    }
                    i += 1;
                }
                _ if a.starts_with('-') && a.len() > 1 => {}
                _ => names.push(a.clone()),
            }
            i += 1;
        }
        if names.is_empty() {
            names.push("REPLY".into());
        }
        let fd0 = self.procs.get(&pid).and_then(|p| p.fds.first().cloned());
        let line: Option<String> = match fd0 {
            Some(Fd::PipeR(k)) => {
                let pipe = &mut self.pipes[k];
                if let Some(nl) = pipe.buf.find('\n') {
                    let l: String = pipe.buf.drain(..=nl).collect();
                    Some(l)
                } else if pipe.writers == 0 {
                    if pipe.buf.is_empty() {
                        None
                    } else {
                        Some(std::mem::take(&mut pipe.buf))
                    }
                } else {
                    let p = self.p(pid);
                    p.frames.push(Frame::Resume(Rc::new(argv.to_vec()), pos));
                    p.block = Block::Read;
                    return;
                }
            }
            _ => None,
        };
        let sh = Rc::make_mut(&mut self.p(pid).sh);
        let Some(line) = line else {
            for n in &names {
                let _ = sh.set(n, String::new());
            }
            self.done(pid, 1);
            return;
        };
        let complete = line.ends_with('\n');
        let mut text = line.trim_end_matches('\n').to_string();
        if !raw {
            let mut t = String::new();
            let mut chars = text.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        t.push(n);
                    }
                } else {
                    t.push(c);
                }
            }
            text = t;
        }
        let ifs = sh.ifs();
        let mut rest = text.trim_matches(|c: char| ifs.contains(c) && c.is_whitespace());
        for (k, n) in names.iter().enumerate() {
            if k + 1 == names.len() {
                let v = rest.trim_end_matches(|c: char| ifs.contains(c) && c.is_whitespace());
                let _ = sh.set(n, v.to_string());
            } else {
                let end = rest.find(|c: char| ifs.contains(c)).unwrap_or(rest.len());
                let _ = sh.set(n, rest[..end].to_string());
                rest =
                    rest[end..].trim_start_matches(|c: char| ifs.contains(c) && c.is_whitespace());
                if let Some(r) = rest.strip_prefix(|c: char| ifs.contains(c) && !c.is_whitespace())
                {
                    rest = r.trim_start_matches(|c: char| ifs.contains(c) && c.is_whitespace());
                }
            }
        }
        self.done(pid, if complete { 0 } else { 1 });
    }

    pub(crate) fn has_program(&self, name: &str) -> bool {
        let base = base(name);
        match self.image.as_ref().and_then(|i| i.has_program(&base)) {
            Some(true) | None => true,
            // An image with a shell has the common text tools (busybox applets, or coreutils,
            // grep, sed and gawk on Debian-based images).
            Some(false) => {
                textutils::APPLETS.contains(&base.as_str())
                    && self.image.as_ref().and_then(|i| i.has_program("sh")) == Some(true)
            }
        }
    }

    /// A program (not a builtin): an applet, a shell, or something from the image.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn external(
        &mut self,
        pid: u32,
        argv: Vec<String>,
        pos: Pos,
        exec: bool,
        now: f64,
        fs: &mut FsView,
        world: &dyn World,
    ) {
        let name = base(&argv[0]);
        if argv[0].contains('/')
            && !argv[0].starts_with("/bin/")
            && !argv[0].starts_with("/usr/")
            && !argv[0].starts_with("/sbin/")
        {
            // A script file: run it with the shell if it exists.
            let path = resolve(&self.cwd(pid), &argv[0]);
            if let Some(src) = fs.read(&path) {
                let binary = src.starts_with("\u{7f}ELF");
                let other_interpreter =
                    src.starts_with("#!") && !src.lines().next().unwrap_or("").contains("sh");
                if binary || other_interpreter {
                    // A program: the catalogue or the server assumption applies.
                } else {
                    // A shell script (or text without `#!`, which ash runs as a script after
                    // execve's ENOEXEC).
                    let mut a = vec!["sh".to_string(), "-c".to_string(), src, argv[0].clone()];
                    a.extend(argv[1..].iter().cloned());
                    return self.external(pid, a, pos, exec, now, fs, world);
                }
            }
        }
        if !self.has_program(&name) {
            // `exec missing` in busybox 1.35/1.36 says `exec: line 0:`; a missing command run
            // normally (or exec'd as the last command) is `sh: NAME: not found`.
            let explicit = exec
                && self
                    .procs
                    .get(&pid)
                    .is_some_and(|p| matches!(p.frames.last(), Some(Frame::ExitStatus)));
            let msg = if explicit {
                format!("sh: exec: line 0: {}: not found\n", argv[0])
            } else {
                format!("sh: {}: not found\n", argv[0])
            };
            self.err(pid, &msg, now, fs);
            if exec {
                self.exit_proc(pid, 127, now, fs);
            } else {
                self.done(pid, 127);
            }
            return;
        }
        let args: Vec<String> = argv[1..].to_vec();
        match name.as_str() {
            // Applets that are also builtins, called by path (`/bin/true`).
            "true" | "false" | "echo" | "printf" | "test" | "[" | "kill" | "pwd"
                if argv[0] != name =>
            {
                let mut a = argv.clone();
                a[0] = name.clone();
                self.run_command(pid, a, pos, Flags::default(), now, fs, world);
                if exec {
                    let p = self.p(pid);
                    if p.block == Block::Ready && p.exited.is_none() {
                        p.frames.clear();
                    }
                }
            }
            "sh" | "ash" | "bash" | "dash" => {
                let mut opts: Vec<char> = vec![];
                let mut script = None;
                let mut rest = vec![];
                let mut i = 0;
                while i < args.len() {
                    let a = &args[i];
                    if a == "-c" {
                        script = args.get(i + 1).cloned();
                        rest = args.get(i + 2..).map(|r| r.to_vec()).unwrap_or_default();
                        break;
                    } else if a.starts_with('-') || a.starts_with('+') {
                        for c in a[1..].chars() {
                            match c {
                                'e' => opts.push('e'),
                                'u' => opts.push('u'),
                                'x' => opts.push('x'),
                                'c' => {
                                    script = args.get(i + 1).cloned();
                                    rest =
                                        args.get(i + 2..).map(|r| r.to_vec()).unwrap_or_default();
                                }
                                _ => {}
                            }
                        }
                        if script.is_some() {
                            break;
                        }
                        i += 1;
                    } else {
                        // `sh file args`
                        match fs.read(&resolve(&self.cwd(pid), a)) {
                            Some(src) => {
                                script = Some(src);
                                rest = args[i..].to_vec();
                            }
                            None => {
                                self.err(
                                    pid,
                                    &format!("sh: can't open '{a}': No such file or directory\n"),
                                    now,
                                    fs,
                                );
                                self.done(pid, 2);
                                return;
                            }
                        }
                        break;
                    }
                }
                let script = match script {
                    Some(s) => s,
                    None => {
                        // No script: it reads commands from its standard input.
                        match self.stdin_all(pid, &argv, pos) {
                            Some(s) => s,
                            None => return,
                        }
                    }
                };
                let positional = if rest.len() > 1 {
                    rest[1..].to_vec()
                } else {
                    vec![]
                };
                let arg0 = rest.first().cloned().or_else(|| Some(argv[0].clone()));
                let setup = |sh: &mut super::expand::ShellState| {
                    sh.vars.retain(|_, v| v.exported);
                    sh.funcs.clear();
                    sh.traps.clear();
                    sh.positional = positional.clone();
                    sh.arg0 = arg0.clone();
                    sh.errexit = opts.contains(&'e');
                    sh.nounset = opts.contains(&'u');
                    set_xtrace(sh, opts.contains(&'x'));
                };
                let node = Rc::new(parse_script(&script));
                if exec {
                    let p = self.p(pid);
                    setup(Rc::make_mut(&mut p.sh));
                    p.frames.clear();
                    p.in_exit_trap = false;
                    p.frames.push(Frame::Run(
                        node,
                        Flags {
                            cond: false,
                            tail: true,
                        },
                    ));
                    p.name = name;
                } else {
                    let fds = self.inherit_fds(pid);
                    match self.fork(pid, node, fds, Flags::default()) {
                        Some(c) => {
                            let child = self.p(c);
                            setup(Rc::make_mut(&mut child.sh));
                            self.p(pid).block = Block::Children(vec![c]);
                        }
                        None => self.done(pid, 2),
                    }
                }
            }
            "sleep" | "usleep" => {
                let secs = if name == "usleep" {
                    args.first()
                        .and_then(|a| a.parse::<f64>().ok())
                        .map(|u| u / 1e6)
                } else if args.is_empty() {
                    None
                } else {
                    let mut total = Some(0.0);
                    for a in &args {
                        total = match (total, parse_sleep(a)) {
                            (Some(t), Some(s)) => Some(t + s),
                            _ => None,
                        };
                    }
                    total
                };
                let Some(secs) = secs else {
                    let msg = match args.first() {
                        Some(a) => format!("sleep: invalid number '{a}'\n"),
                        None => "BusyBox v1.36.1 multi-call binary.\n\nUsage: sleep [N]...\n"
                            .to_string(),
                    };
                    self.err(pid, &msg, now, fs);
                    self.finish_cmd(pid, 1, exec, now, fs);
                    return;
                };
                let behaviour = ProgramBehaviour {
                    runs_for: secs.is_finite().then_some(secs),
                    ..forever("sleep")
                };
                if exec {
                    self.become_program(pid, "sleep", behaviour, now, fs);
                } else if secs.is_finite() {
                    self.p(pid).block = Block::Until(now + secs);
                } else {
                    self.fork_program(pid, behaviour, now, fs);
                }
            }
            "timeout" => {
                // busybox `timeout` (coreutils/timeout.c): the process execs the command while a
                // forked watcher sends the signal (default TERM) at the deadline, and `-k`
                // SIGKILL later. Its status is the command's own (143 when TERM ended it).
                let mut i = 0;
                let mut sig = Signal::Term;
                let mut kill_after = None;
                while let Some(a) = args.get(i) {
                    if a == "-s" {
                        sig = args
                            .get(i + 1)
                            .and_then(|s| Signal::parse(s))
                            .unwrap_or(Signal::Term);
                        i += 2;
                    } else if a == "-k" {
                        kill_after = args.get(i + 1).and_then(|s| parse_sleep(s));
                        i += 2;
                    } else if let Some(s) = a.strip_prefix("-s") {
                        sig = Signal::parse(s).unwrap_or(Signal::Term);
                        i += 1;
                    } else if a == "-t" {
                        i += 1;
                    } else if a.starts_with('-') && a.len() > 1 && a.parse::<f64>().is_err() {
                        i += 1;
                    } else {
                        break;
                    }
                }
                let (Some(d), true) =
                    (args.get(i).and_then(|a| parse_sleep(a)), args.len() > i + 1)
                else {
                    self.err(pid, "timeout: invalid arguments\n", now, fs);
                    self.finish_cmd(pid, 1, exec, now, fs);
                    return;
                };
                let cmd: Vec<String> = args[i + 1..].to_vec();
                let deadline = now + d;
                if exec {
                    self.timeouts.push((pid, pid, deadline, sig, kill_after));
                    self.external(pid, cmd, pos, true, now, fs, world);
                    return;
                }
                let node = quoted_command(&cmd);
                let fds = self.inherit_fds(pid);
                match self.fork(pid, Rc::new(node), fds, Flags::default()) {
                    Some(c) => {
                        self.timeouts.push((pid, c, deadline, sig, kill_after));
                        self.p(pid).block = Block::Children(vec![c]);
                    }
                    None => self.done(pid, 1),
                }
            }
            "nohup" | "nice" | "env" | "command"
                if name != "env"
                    || args.iter().any(|a| !a.contains('=') && !a.starts_with('-')) =>
            {
                // Wrappers: run the rest (env's NAME=value pairs set the child's environment).
                let mut i = 0;
                let mut assigns = vec![];
                if name == "env" && args.first().is_some_and(|a| a == "-i" || a == "-") {
                    let sh = Rc::make_mut(&mut self.p(pid).sh);
                    sh.vars.retain(|k, v| !v.exported || k == "PWD");
                }
                while let Some(a) = args.get(i) {
                    if a.starts_with('-') {
                        i += if name == "nice" && a == "-n" { 2 } else { 1 };
                    } else if name == "env" && a.contains('=') {
                        assigns.push(a.clone());
                        i += 1;
                    } else {
                        break;
                    }
                }
                let rest: Vec<String> = args[i..].to_vec();
                if !assigns.is_empty() {
                    let sh = Rc::make_mut(&mut self.p(pid).sh);
                    for a in assigns {
                        if let Some((k, v)) = a.split_once('=') {
                            let _ = sh.set(k, v.to_string());
                            if let Some(var) = sh.vars.get_mut(k) {
                                var.exported = true;
                            }
                        }
                    }
                }
                self.external(pid, rest, pos, exec, now, fs, world);
            }
            "ping" => {
                // busybox ping sends one packet a second, `-c N` times (default: until stopped);
                // it exits 0 if any reply came, 1 otherwise.
                let host = args
                    .iter()
                    .enumerate()
                    .filter(|(i, a)| {
                        !a.starts_with('-')
                            && (*i == 0
                                || !matches!(
                                    args[i - 1].as_str(),
                                    "-c" | "-W" | "-w" | "-i" | "-s" | "-I"
                                ))
                    })
                    .map(|(_, a)| a.clone())
                    .next_back()
                    .unwrap_or_default();
                let count = args
                    .iter()
                    .position(|a| a == "-c")
                    .and_then(|i| args.get(i + 1))
                    .and_then(|c| c.parse::<u32>().ok());
                let local = matches!(host.as_str(), "localhost" | "127.0.0.1")
                    || self.p(pid).sh.get("HOSTNAME") == Some(host.as_str());
                let answers = local || world.resolve(&host, now);
                if !answers {
                    self.assume(Some(pos), format!("`ping {host}`: podlife does not know this host; assumed it does not answer"));
                }
                let _ = self.out(
                    pid,
                    &format!("PING {host} ({host}): 56 data bytes\n"),
                    now,
                    fs,
                );
                match count {
                    Some(n) => {
                        let code = if answers { 0 } else { 1 };
                        let summary = format!(
                            "\n--- {host} ping statistics ---\n{n} packets transmitted, {} packets received, {}% packet loss\n",
                            if answers { n } else { 0 },
                            if answers { 0 } else { 100 }
                        );
                        let p = self.p(pid);
                        if exec {
                            p.frames.clear();
                            p.frames.push(Frame::Exit(code));
                            p.in_exit_trap = true;
                        } else {
                            p.frames.push(Frame::Status(code));
                        }
                        p.block = Block::Until(now + n as f64);
                        let _ = summary;
                    }
                    None => {
                        let b = ProgramBehaviour {
                            on_term: Some(0.0),
                            term_exit_code: if answers { 0 } else { 1 },
                            ..forever("ping")
                        };
                        if exec {
                            self.become_program(pid, "ping", b, now, fs);
                        } else {
                            self.fork_program(pid, b, now, fs);
                        }
                    }
                }
            }
            "tail"
                if args.iter().any(|a| {
                    a.starts_with('-')
                        && !a.starts_with("--")
                        && (a.contains('f') || a.contains('F'))
                }) =>
            {
                // `tail -f` prints the end of the file and then follows it until stopped; it has
                // no signal handlers (as PID 1 it ignores SIGTERM).
                let cwd = self.cwd(pid);
                let file = args.iter().rev().find(|a| !a.starts_with('-')).cloned();
                if let Some(f) = &file {
                    if let Some(c) = fs.read(&resolve(&cwd, f)) {
                        let lines: Vec<&str> = c.lines().collect();
                        let tail = lines[lines.len().saturating_sub(10)..].join("\n");
                        if !tail.is_empty() {
                            let _ = self.out(pid, &format!("{tail}\n"), now, fs);
                        }
                    } else if args.iter().any(|a| a.contains('F')) {
                        self.err(
                            pid,
                            &format!("tail: can't open '{f}': No such file or directory\n"),
                            now,
                            fs,
                        );
                    }
                }
                self.assume(Some(pos), "`tail -f` is modelled as following the file until stopped; lines appended later are not printed".into());
                let b = forever("tail -f");
                if exec {
                    self.become_program(pid, "tail", b, now, fs);
                } else {
                    self.fork_program(pid, b, now, fs);
                }
            }
            "nc" if args
                .iter()
                .any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains('l')) =>
            {
                // `nc -l -p PORT`: a listener, modelled as a server on that port.
                let port = args
                    .iter()
                    .position(|a| a == "-p")
                    .and_then(|i| args.get(i + 1))
                    .or(args.iter().find(|a| !a.starts_with('-')))
                    .and_then(|p| p.parse::<u16>().ok());
                let mut b = server_assumption("nc -l");
                b.ports = port.into_iter().collect();
                self.assume(Some(pos), "`nc -l` is modelled as a server that accepts every connection and runs until stopped".into());
                if exec {
                    self.become_program(pid, "nc", b, now, fs);
                } else {
                    self.fork_program(pid, b, now, fs);
                }
            }
            _ => {
                if let Some(status) = self.applet(pid, &argv, pos, now, fs) {
                    self.finish_cmd(pid, status, exec, now, fs);
                    return;
                }
                if self
                    .procs
                    .get(&pid)
                    .is_some_and(|p| p.block != Block::Ready || p.exited.is_some())
                {
                    return;
                }
                if let Some(status) = self.net_applet(pid, &argv, now, fs, world) {
                    self.finish_cmd(pid, status, exec, now, fs);
                    return;
                }
                if UNMODELLED.contains(&name.as_str()) {
                    self.assume(
                        Some(pos),
                        format!(
                            "`{name}` is not modelled: assumed to succeed at once with no output"
                        ),
                    );
                    self.finish_cmd(pid, 0, exec, now, fs);
                    return;
                }
                // A program of the image: the catalogue's knowledge, or the stated assumption.
                let behaviour = self.resolve_program(&argv, pos);
                if exec {
                    self.become_program(pid, &name, behaviour, now, fs);
                } else {
                    self.fork_program(pid, behaviour, now, fs);
                }
            }
        }
    }

    /// After a command that finished at once: under `exec` the process ends with its status.
    fn finish_cmd(&mut self, pid: u32, status: i32, exec: bool, now: f64, fs: &mut FsView) {
        if self.procs.get(&pid).is_none_or(|p| p.exited.is_some()) {
            return;
        }
        self.done(pid, status);
        let _ = (exec, now, fs);
    }

    /// `exec PROGRAM`: this process becomes the program.
    fn become_program(
        &mut self,
        pid: u32,
        name: &str,
        behaviour: ProgramBehaviour,
        now: f64,
        fs: &mut FsView,
    ) {
        let banner = behaviour.banner.clone();
        let p = self.p(pid);
        p.frames.clear();
        let ignored: Vec<Signal> =
            p.sh.traps
                .iter()
                .filter(|(_, a)| a.is_empty())
                .filter_map(|(k, _)| Signal::parse(k))
                .collect();
        Rc::make_mut(&mut p.sh).traps.clear();
        p.name = name.to_string();
        p.program = Some(Running {
            behaviour,
            started: now,
            ignored,
            stop: None,
        });
        p.block = Block::Program;
        if pid == self.main_pid {
            self.pid1 = name.to_string();
        }
        let _ = self.write(pid, 1, &banner, now, fs);
    }

    /// Start a program as a child and wait for it.
    fn fork_program(&mut self, pid: u32, behaviour: ProgramBehaviour, now: f64, fs: &mut FsView) {
        let fds = self.inherit_fds(pid);
        let name = behaviour.name.clone();
        match self.fork(pid, Rc::new(Node::empty()), fds, Flags::default()) {
            Some(c) => {
                self.become_program(c, &name, behaviour, now, fs);
                self.p(pid).block = Block::Children(vec![c]);
            }
            None => self.done(pid, 2),
        }
    }

    /// What `argv` does: the image catalogue's knowledge, or the stated server assumption.
    fn resolve_program(&mut self, argv: &[String], pos: Pos) -> ProgramBehaviour {
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
        let at = (pos != Pos::default()).then_some(pos);
        if at.is_none() && self.image.as_ref().is_some_and(|i| !i.known) {
            // The image's own entrypoint: the kubelet states the image assumption.
            return b;
        }
        self.assume(
            at,
            format!("`{name}` is not in podlife's catalogue: assumed to run until stopped ({ports}, healthy) and to exit on SIGTERM"),
        );
        b
    }

    /// Text applets and the file tools. `Some(status)` when done, `None` when not an applet or
    /// when the process now waits for input.
    fn applet(
        &mut self,
        pid: u32,
        argv: &[String],
        pos: Pos,
        now: f64,
        fs: &mut FsView,
    ) -> Option<i32> {
        let name = base(&argv[0]);
        let args: Vec<String> = argv[1..].to_vec();
        let text_applet = textutils::APPLETS.contains(&name.as_str());
        if text_applet || name == "cat" || name == "printf" || name == "tee" {
            let stdin = if reads_stdin(&name, &args) {
                self.stdin_all(pid, argv, pos)?
            } else {
                String::new()
            };
            let cwd = self.cwd(pid);
            let mut budget = self.budget.saturating_sub(self.steps).min(QUANTUM * 100);
            let before = budget;
            if name == "sed"
                && args
                    .iter()
                    .any(|a| a == "-i" || (a.starts_with("-i") && !a.starts_with("--")))
            {
                // `sed -i`: each file is edited in place (busybox `sed.c` `-i`).
                let rest: Vec<String> = args
                    .iter()
                    .filter(|a| !a.starts_with("-i"))
                    .cloned()
                    .collect();
                let files: Vec<String> = {
                    let ops = operands("sed", &rest);
                    let explicit = rest.iter().any(|a| a == "-e" || a == "-f");
                    ops.into_iter()
                        .skip(if explicit { 0 } else { 1 })
                        .cloned()
                        .collect()
                };
                let script_args: Vec<String> = rest
                    .iter()
                    .filter(|a| !files.contains(a))
                    .cloned()
                    .collect();
                let mut code = 0;
                let mut budget = self.budget.saturating_sub(self.steps).min(QUANTUM * 100);
                for f in &files {
                    let path = resolve(&cwd, f);
                    let Some(content) = fs.read(&path) else {
                        self.err(
                            pid,
                            &format!("sed: {f}: No such file or directory\n"),
                            now,
                            fs,
                        );
                        code = 4;
                        continue;
                    };
                    let mut files_view = FsFiles {
                        fs,
                        cwd: cwd.clone(),
                    };
                    if let Some(o) =
                        textutils::run("sed", &script_args, &content, &mut files_view, &mut budget)
                    {
                        if o.code == 0 {
                            fs.write(&path, &o.stdout, false);
                        } else {
                            self.err(pid, &o.stderr, now, fs);
                            code = o.code;
                        }
                    }
                }
                return Some(code);
            }
            let out = if name == "tee" {
                let mut files = vec![];
                let append = has_flag(&args, 'a');
                for f in args.iter().filter(|a| !a.starts_with('-')) {
                    let path = resolve(&cwd, f);
                    fs.write(&path, &stdin, append);
                    files.push(path);
                }
                Some(textutils::Output {
                    stdout: stdin.clone(),
                    ..Default::default()
                })
            } else {
                let mut files = FsFiles {
                    fs,
                    cwd: cwd.clone(),
                };
                textutils::run(&name, &args, &stdin, &mut files, &mut budget)
            };
            self.steps += before - budget + stdin.len() as u64 / 256;
            let out = match out {
                Some(o) => o,
                None => fallback_applet(&name, &args, &stdin, fs, &cwd)?,
            };
            if let Some(u) = &out.unsupported {
                self.assume(Some(pos), u.clone());
            }
            if !self.out(pid, &out.stdout, now, fs) {
                return Some(141);
            }
            self.err(pid, &out.stderr, now, fs);
            return Some(out.code);
        }
        let cwd = self.cwd(pid);
        let files: Vec<String> = args
            .iter()
            .filter(|a| !a.starts_with('-') || a.as_str() == "-")
            .map(|a| resolve(&cwd, a))
            .collect();
        Some(match name.as_str() {
            "touch" => {
                for f in &files {
                    fs.touch(f);
                }
                0
            }
            "mkdir" => {
                let parents = has_flag(&args, 'p');
                let mut st = 0;
                for (f, shown) in files
                    .iter()
                    .zip(args.iter().filter(|a| !a.starts_with('-')))
                {
                    if fs.exists(f) && !parents {
                        self.err(
                            pid,
                            &format!("mkdir: can't create directory '{shown}': File exists\n"),
                            now,
                            fs,
                        );
                        st = 1;
                    } else {
                        fs.mkdir(f);
                    }
                }
                st
            }
            "rmdir" => {
                for f in &files {
                    fs.remove(f, false);
                }
                0
            }
            "rm" => {
                let force = has_flag(&args, 'f');
                let rec = has_flag(&args, 'r') || has_flag(&args, 'R');
                let mut st = 0;
                for (f, shown) in files
                    .iter()
                    .zip(args.iter().filter(|a| !a.starts_with('-')))
                {
                    if fs.is_dir(f) && !rec {
                        self.err(pid, &format!("rm: '{shown}' is a directory\n"), now, fs);
                        st = 1;
                    } else if !fs.remove(f, rec) && !force {
                        self.err(
                            pid,
                            &format!("rm: can't remove '{shown}': No such file or directory\n"),
                            now,
                            fs,
                        );
                        st = 1;
                    }
                }
                st
            }
            "cp" | "mv" => {
                if files.len() < 2 {
                    self.err(pid, &format!("{name}: missing destination\n"), now, fs);
                    return Some(1);
                }
                let (srcs, dst) = files.split_at(files.len() - 1);
                let dst = &dst[0];
                let mut st = 0;
                for s in srcs {
                    match fs.read(s) {
                        Some(c) => {
                            let target = if fs.is_dir(dst) {
                                format!("{}/{}", dst.trim_end_matches('/'), base(s))
                            } else {
                                dst.clone()
                            };
                            fs.write(&target, &c, false);
                            if name == "mv" {
                                fs.remove(s, false);
                            }
                        }
                        None => {
                            self.err(
                                pid,
                                &format!("{name}: can't stat '{s}': No such file or directory\n"),
                                now,
                                fs,
                            );
                            st = 1;
                        }
                    }
                }
                st
            }
            "ls" => {
                let mut out = String::new();
                let mut st = 0;
                let targets = if files.is_empty() {
                    vec![cwd.clone()]
                } else {
                    files.clone()
                };
                let one_per_line = true;
                for t in &targets {
                    if fs.is_dir(t) || t == "/" {
                        let mut names = fs.list(t);
                        names.sort();
                        let all = has_flag(&args, 'a');
                        let names: Vec<String> = names
                            .into_iter()
                            .filter(|n| all || !n.starts_with('.'))
                            .collect();
                        if targets.len() > 1 {
                            out.push_str(&format!("{t}:\n"));
                        }
                        for n in names {
                            out.push_str(&n);
                            out.push(if one_per_line { '\n' } else { ' ' });
                        }
                    } else if fs.exists(t) {
                        out.push_str(&format!("{t}\n"));
                    } else {
                        self.err(
                            pid,
                            &format!("ls: {t}: No such file or directory\n"),
                            now,
                            fs,
                        );
                        st = 1;
                    }
                }
                if has_flag(&args, 'l') {
                    self.assume(
                        Some(pos),
                        "`ls -l` is not modelled: it lists the names only".into(),
                    );
                }
                if !self.out(pid, &out, now, fs) {
                    return Some(141);
                }
                st
            }
            "date" => {
                self.assume(
                    Some(pos),
                    "`date` prints simulated time: the pod starts at 2026-01-01 00:00:00 UTC"
                        .into(),
                );
                let s = format_date(
                    now,
                    args.iter().find(|a| a.starts_with('+')).map(|a| &a[1..]),
                );
                if !self.out(pid, &s, now, fs) {
                    return Some(141);
                }
                0
            }
            "hostname" => {
                let h = self
                    .p(pid)
                    .sh
                    .get("HOSTNAME")
                    .unwrap_or("localhost")
                    .to_string();
                if !self.out(pid, &format!("{h}\n"), now, fs) {
                    return Some(141);
                }
                0
            }
            "env" | "printenv" => {
                let sh = self.p(pid).sh.clone();
                let mut out = String::new();
                if name == "printenv" && !args.is_empty() {
                    let mut st = 0;
                    for a in &args {
                        match sh.vars.get(a).filter(|v| v.exported) {
                            Some(v) => out.push_str(&format!("{}\n", v.value)),
                            None => st = 1,
                        }
                    }
                    if !self.out(pid, &out, now, fs) {
                        return Some(141);
                    }
                    return Some(st);
                }
                for (k, v) in sh.vars.iter().filter(|(_, v)| v.exported) {
                    out.push_str(&format!("{k}={}\n", v.value));
                }
                if !self.out(pid, &out, now, fs) {
                    return Some(141);
                }
                0
            }
            "id" | "whoami" => {
                let s = if name == "whoami" {
                    "root\n"
                } else {
                    "uid=0(root) gid=0(root) groups=0(root),10(wheel)\n"
                };
                if !self.out(pid, s, now, fs) {
                    return Some(141);
                }
                0
            }
            "uname" => {
                let s = if has_flag(&args, 'a') {
                    "Linux pod 6.1.0 #1 SMP x86_64 GNU/Linux\n"
                } else if has_flag(&args, 'm') {
                    "x86_64\n"
                } else {
                    "Linux\n"
                };
                if !self.out(pid, s, now, fs) {
                    return Some(141);
                }
                0
            }
            "nproc" => {
                if !self.out(pid, "2\n", now, fs) {
                    return Some(141);
                }
                0
            }
            "killall" | "pkill" => {
                // By process name, within the container's own process tree.
                let mut sig = Signal::Term;
                let mut probe = false;
                let mut names = vec![];
                for a in &args {
                    if a == "-0" {
                        probe = true;
                    } else if let Some(s) = a.strip_prefix('-') {
                        if let Some(g) = Signal::parse(s) {
                            sig = g;
                        }
                    } else {
                        names.push(a.clone());
                    }
                }
                let mut found = false;
                let targets: Vec<u32> = self
                    .procs
                    .values()
                    .filter(|p| {
                        p.exited.is_none() && p.pid != pid && names.iter().any(|n| *n == p.name)
                    })
                    .map(|p| p.pid)
                    .collect();
                for t in targets {
                    found = true;
                    if !probe {
                        self.signal_proc(t, sig, now, fs);
                    }
                }
                if !found && name == "killall" {
                    for n in &names {
                        self.err(pid, &format!("killall: {n}: no process killed\n"), now, fs);
                    }
                }
                if found {
                    0
                } else {
                    1
                }
            }
            "chmod" => {
                // Only the execute bit matters to the engine (`test -x`, running a script).
                let mode = args
                    .iter()
                    .find(|a| !a.starts_with('-') || a.starts_with("-x"))
                    .cloned()
                    .unwrap_or_default();
                let exec_on = if let Ok(m) = u32::from_str_radix(&mode, 8) {
                    Some(m & 0o111 != 0)
                } else if mode.contains("+x") || mode.contains("+rwx") {
                    Some(true)
                } else if mode.contains("-x") {
                    Some(false)
                } else {
                    None
                };
                let mut st = 0;
                for f in files.iter().skip(1) {
                    if !fs.exists(f) {
                        self.err(
                            pid,
                            &format!("chmod: {f}: No such file or directory\n"),
                            now,
                            fs,
                        );
                        st = 1;
                    } else if let Some(on) = exec_on {
                        fs.set_executable(f, on);
                    }
                }
                st
            }
            "ln" => {
                if has_flag(&args, 's') && files.len() >= 2 {
                    fs.symlink(&files[0], &files[1]);
                } else if files.len() >= 2 {
                    if let Some(c) = fs.read(&files[0]) {
                        fs.write(&files[1], &c, false);
                    }
                }
                0
            }
            "sync" => 0,
            "mktemp" => {
                let n = self.next_pid;
                let path = if has_flag(&args, 'd') {
                    let p = format!("/tmp/tmp.{n:06}");
                    fs.mkdir(&p);
                    p
                } else {
                    let p = format!("/tmp/tmp.{n:06}");
                    fs.write(&p, "", false);
                    p
                };
                if !self.out(pid, &format!("{path}\n"), now, fs) {
                    return Some(141);
                }
                0
            }
            "realpath" | "readlink" => {
                let mut out = String::new();
                for f in &files {
                    out.push_str(&normalize(f));
                    out.push('\n');
                }
                if !self.out(pid, &out, now, fs) {
                    return Some(141);
                }
                0
            }
            "yes" => {
                let word = if args.is_empty() {
                    "y".to_string()
                } else {
                    args.join(" ")
                };
                let fd1 = self.procs.get(&pid).and_then(|p| p.fds.get(1).cloned());
                match fd1 {
                    Some(Fd::PipeW(k)) => {
                        if self.pipes[k].readers == 0 {
                            self.finish_broken_pipe(pid, now, fs);
                            return Some(141);
                        }
                        let room = 64 * 1024usize.saturating_sub(self.pipes[k].buf.len());
                        let line = format!("{word}\n");
                        let n = (room / line.len().max(1)).max(1);
                        self.pipes[k].buf.push_str(&line.repeat(n));
                        self.steps += n as u64;
                        let p = self.p(pid);
                        p.frames.push(Frame::Resume(Rc::new(argv.to_vec()), pos));
                        p.block = Block::PipeFull;
                        return None;
                    }
                    _ => {
                        // Into a file or the log: it never stops on its own.
                        self.assume(Some(pos), "`yes` writes for ever: podlife writes one line and then assumes it keeps the CPU busy until stopped".into());
                        let _ = self.out(pid, &format!("{word}\n"), now, fs);
                        self.p(pid).block = Block::Spin;
                        return None;
                    }
                }
            }
            _ => return None,
        })
    }

    /// `wget`, `curl`, `nc`, `nslookup`, `ping` against the simulated network.
    fn net_applet(
        &mut self,
        pid: u32,
        argv: &[String],
        now: f64,
        fs: &mut FsView,
        world: &dyn World,
    ) -> Option<i32> {
        let name = base(&argv[0]);
        let args: Vec<String> = argv[1..].to_vec();
        let cwd = self.cwd(pid);
        Some(match name.as_str() {
            "nslookup" => {
                let host = args
                    .iter()
                    .find(|a| !a.starts_with('-'))
                    .cloned()
                    .unwrap_or_default();
                if world.resolve(&host, now) {
                    let s = format!(
                        "Server:    10.96.0.10\nAddress:  10.96.0.10:53\n\nName:   {host}\n"
                    );
                    let _ = self.out(pid, &s, now, fs);
                    0
                } else {
                    let s = format!("Server:    10.96.0.10\nAddress:  10.96.0.10:53\n\n** server can't find {host}: NXDOMAIN\n\n");
                    let _ = self.out(pid, &s, now, fs);
                    1
                }
            }
            "wget" | "curl" => {
                let Some(url) = args.iter().rev().find(|a| {
                    !a.starts_with('-') && (a.contains("://") || a.contains(':') || a.contains('.'))
                }) else {
                    self.err(pid, &format!("{name}: no URL given\n"), now, fs);
                    return Some(1);
                };
                let (host, port, path) = split_url(url);
                let out_file = args
                    .iter()
                    .position(|a| a == "-O" || a == "-o")
                    .and_then(|i| args.get(i + 1))
                    .filter(|f| f.as_str() != "-")
                    .cloned();
                let to_stdout = args.iter().any(|a| a == "-qO-" || a == "-O-" || a == "-")
                    || (name == "curl" && out_file.is_none());
                let quiet = args.iter().any(|a| {
                    a.starts_with("-q")
                        || a == "-s"
                        || a == "-sS"
                        || a == "--spider"
                        || a == "-sf"
                        || a == "-fsS"
                });
                match world.http(&host, port, &path, now) {
                    Ok(code) if (200..400).contains(&code) => {
                        if args.iter().any(|a| a == "--spider") {
                            return Some(0);
                        }
                        let body = format!("<html><body>{host}{path}</body></html>\n");
                        match &out_file {
                            Some(f) => fs.write(&resolve(&cwd, f), &body, false),
                            None if to_stdout => {
                                let _ = self.out(pid, &body, now, fs);
                            }
                            None => fs.write(
                                &resolve(
                                    &cwd,
                                    path.rsplit('/')
                                        .next()
                                        .filter(|p| !p.is_empty())
                                        .unwrap_or("index.html"),
                                ),
                                &body,
                                false,
                            ),
                        }
                        if !quiet && name == "wget" {
                            self.err(
                                pid,
                                &format!("Connecting to {host}:{port} ({host}:{port})\n"),
                                now,
                                fs,
                            );
                        }
                        0
                    }
                    Ok(code) => {
                        if name == "wget" {
                            self.err(
                                pid,
                                &format!("wget: server returned error: HTTP/1.1 {code}\n"),
                                now,
                                fs,
                            );
                            1
                        } else if args
                            .iter()
                            .any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains('f'))
                        {
                            22
                        } else {
                            let _ = self.out(pid, &format!("HTTP {code}\n"), now, fs);
                            0
                        }
                    }
                    Err(msg) => {
                        self.err(pid, &format!("{msg}\n"), now, fs);
                        if name == "curl" {
                            7
                        } else {
                            1
                        }
                    }
                }
            }
            "nc" => {
                let rest: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
                match (
                    rest.first(),
                    rest.get(1).and_then(|p| p.parse::<u16>().ok()),
                ) {
                    (Some(h), Some(p)) => {
                        if world.http(h, p, "/", now).is_ok() {
                            0
                        } else {
                            1
                        }
                    }
                    _ => 1,
                }
            }
            "nginx" if args.first().map(String::as_str) == Some("-s") => {
                match args.get(1).map(String::as_str) {
                    Some("quit") => self.effects.push(Effect::SignalMain(Signal::Quit)),
                    Some("stop") => self.effects.push(Effect::SignalMain(Signal::Term)),
                    Some("reload") => self.effects.push(Effect::SignalMain(Signal::Hup)),
                    _ => {}
                }
                0
            }
            _ => return None,
        })
    }
}

/// `timeout` bookkeeping: the supervisor, the child, the deadline and the signal.
pub(crate) type Timeouts = Vec<(u32, u32, f64, Signal, Option<f64>)>;

fn set_xtrace(sh: &mut super::expand::ShellState, on: bool) {
    if on {
        sh.vars.insert(
            "\u{0}xtrace".into(),
            Var {
                value: "1".into(),
                exported: false,
                readonly: false,
            },
        );
    } else {
        sh.vars.remove("\u{0}xtrace");
    }
}

struct VarsOf<'a>(&'a mut super::expand::ShellState);
impl super::arith::Vars for VarsOf<'_> {
    fn get(&self, name: &str) -> Option<String> {
        self.0.get(name).map(str::to_string)
    }
    fn set(&mut self, name: &str, value: String) -> Result<(), String> {
        self.0.set(name, value)
    }
}

/// A command whose words are taken literally.
pub(crate) fn quoted_command(argv: &[String]) -> Node {
    Node::Simple {
        assigns: vec![],
        words: argv
            .iter()
            .map(|a| super::parse::Word {
                parts: vec![super::parse::Part::Quoted(a.clone())],
            })
            .collect(),
        redirs: vec![],
        pos: Pos::default(),
    }
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = vec![];
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            x => parts.push(x),
        }
    }
    format!("/{}", parts.join("/"))
}

/// `echo -e` escapes; returns the text and whether `\c` stopped the output.
fn unescape(s: &str) -> (String, bool) {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('a') => out.push('\u{7}'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('v') => out.push('\u{b}'),
            Some('e') => out.push('\u{1b}'),
            Some('\\') => out.push('\\'),
            Some('c') => return (out, true),
            Some('0') => {
                let mut v = 0u32;
                for _ in 0..3 {
                    match it.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            it.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('?'));
            }
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    (out, false)
}

/// The simulated wall clock: the pod is created at 2026-01-01T00:00:00Z.
fn format_date(now: f64, fmt: Option<&str>) -> String {
    let secs = now.max(0.0) as i64;
    let (h, m, s) = (secs / 3600 % 24, secs / 60 % 60, secs % 60);
    let day = 1 + secs / 86400;
    match fmt {
        Some(f) => {
            let out = f
                .replace("%s", &(1_767_225_600 + secs).to_string())
                .replace("%H", &format!("{h:02}"))
                .replace("%M", &format!("{m:02}"))
                .replace("%S", &format!("{s:02}"))
                .replace("%T", &format!("{h:02}:{m:02}:{s:02}"))
                .replace("%Y", "2026")
                .replace("%m", "01")
                .replace("%d", &format!("{day:02}"))
                .replace("%F", &format!("2026-01-{day:02}"));
            format!("{out}\n")
        }
        None => format!("Thu Jan {day:2} {h:02}:{m:02}:{s:02} UTC 2026\n"),
    }
}

/// `cat` when the text applets are not available (kept minimal and exact).
fn fallback_applet(
    name: &str,
    args: &[String],
    stdin: &str,
    fs: &mut FsView,
    cwd: &str,
) -> Option<textutils::Output> {
    let mut o = textutils::Output::default();
    match name {
        "cat" => {
            let files: Vec<&String> = args
                .iter()
                .filter(|a| !a.starts_with('-') || *a == "-")
                .collect();
            if files.is_empty() {
                o.stdout.push_str(stdin);
            }
            for f in files {
                if f == "-" {
                    o.stdout.push_str(stdin);
                    continue;
                }
                let path = resolve(cwd, f);
                if fs.is_dir(&path) && fs.read(&path).is_none() {
                    o.stderr.push_str("cat: read error: Is a directory\n");
                    o.code = 1;
                    continue;
                }
                match fs.read(&path) {
                    Some(c) => o.stdout.push_str(&c),
                    None => {
                        o.stderr.push_str(&format!(
                            "cat: can't open '{f}': No such file or directory\n"
                        ));
                        o.code = 1;
                    }
                }
            }
        }
        "printf" => {
            let f = args.first()?;
            o.stdout = unescape(&f.replace("%s", args.get(1).map(String::as_str).unwrap_or(""))).0;
        }
        _ => return None,
    }
    Some(o)
}

/// `test` / `[` / `[[` (POSIX `test`, with ash's `-a`/`-o`/`(`…`)` and `[[ x == pat ]]`).
pub(crate) fn eval_test(
    a: &[&str],
    fs: &mut FsView,
    cwd: &str,
    double: bool,
) -> Result<bool, String> {
    let mut p = TestP {
        a,
        i: 0,
        fs,
        cwd,
        double,
        depth: 0,
    };
    if a.is_empty() {
        return Ok(false);
    }
    let r = p.or()?;
    if p.i < a.len() {
        return Err(format!("{}: unexpected operator", a[p.i]));
    }
    Ok(r)
}

struct TestP<'a, 'b, 'c> {
    a: &'a [&'a str],
    i: usize,
    fs: &'a mut FsView<'b>,
    cwd: &'c str,
    double: bool,
    depth: usize,
}

impl TestP<'_, '_, '_> {
    fn or(&mut self) -> Result<bool, String> {
        let mut v = self.and()?;
        while self
            .a
            .get(self.i)
            .is_some_and(|t| *t == "-o" || (self.double && *t == "||"))
        {
            self.i += 1;
            let r = self.and()?;
            v = v || r;
        }
        Ok(v)
    }
    fn and(&mut self) -> Result<bool, String> {
        let mut v = self.not()?;
        while self
            .a
            .get(self.i)
            .is_some_and(|t| *t == "-a" || (self.double && *t == "&&"))
        {
            self.i += 1;
            let r = self.not()?;
            v = v && r;
        }
        Ok(v)
    }
    fn not(&mut self) -> Result<bool, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err("expression too deep".into());
        }
        let r = if self.a.get(self.i) == Some(&"!") && self.a.len() - self.i > 1 {
            self.i += 1;
            Ok(!self.not()?)
        } else {
            self.primary()
        };
        self.depth -= 1;
        r
    }
    fn primary(&mut self) -> Result<bool, String> {
        let a = self.a;
        let i = self.i;
        let Some(&t) = a.get(i) else {
            return Err("argument expected".into());
        };
        if t == "(" {
            self.i += 1;
            let v = self.or()?;
            if self.a.get(self.i) != Some(&")") {
                return Err("missing )".into());
            }
            self.i += 1;
            return Ok(v);
        }
        // Binary operators.
        if let (Some(&op), Some(&y)) = (a.get(i + 1), a.get(i + 2)) {
            let bin = matches!(
                op,
                "=" | "=="
                    | "!="
                    | "-eq"
                    | "-ne"
                    | "-lt"
                    | "-le"
                    | "-gt"
                    | "-ge"
                    | "<"
                    | ">"
                    | "-nt"
                    | "-ot"
                    | "=~"
            );
            if bin {
                self.i += 3;
                let x = t;
                return Ok(match op {
                    "=" | "==" => {
                        if self.double {
                            super::expand::pat_match(y, x)
                        } else {
                            x == y
                        }
                    }
                    "!=" => {
                        if self.double {
                            !super::expand::pat_match(y, x)
                        } else {
                            x != y
                        }
                    }
                    "<" => x < y,
                    ">" => x > y,
                    "-nt" | "-ot" | "=~" => false,
                    _ => {
                        let num = |s: &str| -> Result<i64, String> {
                            s.trim()
                                .parse::<i64>()
                                .map_err(|_| format!("{s}: bad number"))
                        };
                        let (x, y) = (num(x)?, num(y)?);
                        match op {
                            "-eq" => x == y,
                            "-ne" => x != y,
                            "-lt" => x < y,
                            "-le" => x <= y,
                            "-gt" => x > y,
                            _ => x >= y,
                        }
                    }
                });
            }
        }
        // Unary operators.
        if t.len() == 2 && t.starts_with('-') && a.get(i + 1).is_some() {
            let arg = a[i + 1];
            let path = resolve(self.cwd, arg);
            let fs = &mut *self.fs;
            let v = match &t[1..] {
                "z" => Some(arg.is_empty()),
                "n" => Some(!arg.is_empty()),
                "f" => Some(fs.has_file(&path) || special(&path)),
                "e" | "a" => Some(fs.exists(&path) || special(&path) || path == "/"),
                "d" => Some(fs.is_dir(&path) || path == "/"),
                "s" => Some(fs.read(&path).is_some_and(|c| !c.is_empty())),
                "r" | "w" => Some(fs.exists(&path) || special(&path)),
                "x" => Some(fs.is_dir(&path) || fs.is_executable(&path) || in_bin(&path)),
                "L" | "h" => Some(fs.is_link(&path)),
                "p" | "S" | "b" | "c" | "u" | "g" | "k" | "O" | "G" | "N" => Some(false),
                "t" => Some(false),
                _ => None,
            };
            if let Some(v) = v {
                self.i += 2;
                return Ok(v);
            }
        }
        self.i += 1;
        Ok(!t.is_empty())
    }
}

/// A program in the image's `PATH` directories (assumed executable).
fn in_bin(p: &str) -> bool {
    [
        "/bin/",
        "/sbin/",
        "/usr/bin/",
        "/usr/sbin/",
        "/usr/local/bin/",
    ]
    .iter()
    .any(|d| p.starts_with(d))
}

fn special(p: &str) -> bool {
    matches!(
        p,
        "/dev/null" | "/dev/stdout" | "/dev/stderr" | "/dev/zero" | "/dev/random" | "/dev/urandom"
    )
}
