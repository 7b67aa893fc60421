//! ash's own builtins (`shell/ash.c` builtin table): the dispatch of `run_command` and the
//! builtins with bodies of their own (`set`, `trap`, `kill`, `read`).
// Style lints allowed here: the loop mirrors ash's builtin.
#![allow(clippy::while_let_loop)]

use super::test::eval_test;
use super::{normalize, unescape, BUILTINS};
use crate::process::behaviour::{Effect, Signal};
use crate::process::exec::resolve;
use crate::process::expand::Var;
use crate::process::fs::FsView;
use crate::process::parse::{is_name, parse_script, Pos};
use crate::process::shell::{Block, Fd, Flags, Frame, Process, World};
use crate::time::Time;
use std::rc::Rc;

impl Process {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn run_command(
        &mut self,
        pid: u32,
        argv: Vec<String>,
        pos: Pos,
        flags: Flags,
        now: Time,
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
                // Inside a redirected block of the function: restore its descriptors, then
                // unwind the rest of the function.
                if p.frames
                    .last()
                    .is_some_and(|f| !matches!(f, Frame::FuncReturn { .. }))
                {
                    if let Some(Frame::RestoreFds(saved)) = p.frames.pop() {
                        let old = std::mem::replace(&mut p.fds, saved);
                        for fd in old {
                            self.close_fd(&fd);
                        }
                    }
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

    fn builtin_set(&mut self, pid: u32, args: &[String], now: Time, fs: &mut FsView) {
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

    fn builtin_trap(&mut self, pid: u32, args: &[String], now: Time, fs: &mut FsView) {
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

    fn builtin_kill(&mut self, pid: u32, args: &[String], now: Time, fs: &mut FsView) {
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

    fn builtin_read(&mut self, pid: u32, argv: &[String], pos: Pos, _now: Time, _fs: &mut FsView) {
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
}

pub(super) fn set_xtrace(sh: &mut super::expand::ShellState, on: bool) {
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
