//! Programs (not builtins): how a command name resolves to an applet, a shell, a wrapper
//! (`nohup`, `nice`, `env`, `timeout`), `sleep`, `ping`, `tail -f`, `nc -l`, or a program of
//! the image; unmodelled applets run on the stated assumption.

use super::server::{forever, server_assumption};
use super::shell::set_xtrace;
use super::UNMODELLED;
use crate::process::behaviour::{ProgramBehaviour, Signal};
use crate::process::exec::resolve;
use crate::process::fs::FsView;
use crate::process::parse::{parse_script, Node, Pos};
use crate::process::shell::{base, parse_sleep, Block, Flags, Frame, Process, World};
use crate::process::textutils;
use crate::time::Time;
use std::rc::Rc;

impl Process {
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
        now: Time,
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
                        .map(|u| Time::from_secs_f64(u / 1e6))
                } else if args.is_empty() {
                    None
                } else {
                    let mut total = Some(Time::ZERO);
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
                    runs_for: (secs < Time::NEVER).then_some(secs),
                    ..forever("sleep")
                };
                if exec {
                    self.become_program(pid, "sleep", behaviour, now, fs);
                } else if secs < Time::NEVER {
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
                    } else if a == "-t"
                        || (a.starts_with('-') && a.len() > 1 && a.parse::<f64>().is_err())
                    {
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
                        p.block = Block::Until(now + Time::from_secs(n as i64));
                        let _ = summary;
                    }
                    None => {
                        let b = ProgramBehaviour {
                            on_term: Some(Time::ZERO),
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
    fn finish_cmd(&mut self, pid: u32, status: i32, exec: bool, now: Time, fs: &mut FsView) {
        if self.procs.get(&pid).is_none_or(|p| p.exited.is_some()) {
            return;
        }
        self.done(pid, status);
        let _ = (exec, now, fs);
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
