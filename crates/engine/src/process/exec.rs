//! The interpreter's step function: how each [`Frame`] of a shell process moves on (POSIX.1-2017
//! XCU §2.9 "Shell Commands", with ash's behaviour where POSIX leaves room).

use super::expand::{Ctx, Stop};
use super::fs::FsView;
use super::parse::{Node, Pos, RedirOp};
use super::shell::{base, Block, Fd, Flags, Frame, Job, Process, ROp, RRedir, Val, World};
use crate::time::Time;
use std::rc::Rc;

impl Process {
    pub(crate) fn step(
        &mut self,
        pid: u32,
        frame: Frame,
        now: Time,
        fs: &mut FsView,
        world: &dyn World,
    ) {
        match frame {
            Frame::Run(node, flags) => self.eval(pid, node, flags, now, fs),
            Frame::Seq(node, i, flags) => {
                if let Node::Seq(items) = &*node {
                    if i < items.len() {
                        let last = i + 1 == items.len();
                        let item = items[i].clone();
                        let p = self.p(pid);
                        if !last {
                            p.frames.push(Frame::Seq(node.clone(), i + 1, flags));
                        }
                        p.frames
                            .push(Frame::Run(item, if last { flags } else { flags.body() }));
                    }
                }
            }
            Frame::AndOr(node, i, flags) => {
                if let Node::AndOr(_, rest) = &*node {
                    if let Some((is_and, next)) = rest.get(i) {
                        let last = i + 1 == rest.len();
                        let p = self.p(pid);
                        let run = *is_and == (p.status == 0);
                        if !last {
                            p.frames.push(Frame::AndOr(node.clone(), i + 1, flags));
                        }
                        if run {
                            p.frames.push(Frame::Run(
                                next.clone(),
                                if last { flags } else { flags.cond() },
                            ));
                        }
                    }
                }
            }
            Frame::Not => {
                let p = self.p(pid);
                p.status = (p.status == 0) as i32;
            }
            Frame::If(node, flags) => {
                if let Node::If { then, els, .. } = &*node {
                    let p = self.p(pid);
                    if p.status == 0 {
                        p.frames.push(Frame::Run(then.clone(), flags));
                    } else if let Some(e) = els {
                        p.frames.push(Frame::Run(e.clone(), flags));
                    } else {
                        p.status = 0;
                    }
                }
            }
            Frame::LoopCheck(node, last, flags) => {
                if let Node::Loop {
                    until,
                    cond: _,
                    body,
                    ..
                } = &*node
                {
                    let p = self.p(pid);
                    let go = (p.status == 0) != *until;
                    if go {
                        p.frames.push(Frame::LoopAgain(node.clone(), flags));
                        p.frames.push(Frame::Run(body.clone(), flags.body()));
                    } else {
                        p.status = last.unwrap_or(0);
                    }
                }
            }
            Frame::LoopAgain(node, flags) => {
                if let Node::Loop { cond, .. } = &*node {
                    let p = self.p(pid);
                    let last = p.status;
                    p.frames
                        .push(Frame::LoopCheck(node.clone(), Some(last), flags));
                    p.frames.push(Frame::Run(cond.clone(), flags.cond()));
                }
            }
            Frame::ForStart(node, flags) => {
                let vals = match self.p(pid).vals.pop() {
                    Some(Val::Fields(v)) => v,
                    _ => vec![],
                };
                self.p(pid).frames.push(Frame::ForNext {
                    node,
                    vals: Rc::new(vals),
                    i: 0,
                    last: None,
                    flags,
                });
            }
            Frame::ForNext {
                node,
                vals,
                i,
                last,
                flags,
            } => {
                if let Node::For { var, body, .. } = &*node {
                    let p = self.p(pid);
                    let last = if i > 0 { Some(p.status) } else { last };
                    if i < vals.len() {
                        let v = vals[i].clone();
                        if let Err(e) = Rc::make_mut(&mut p.sh).set(var, v) {
                            self.err_line(pid, &e, now, fs);
                        }
                        let p = self.p(pid);
                        p.frames.push(Frame::ForNext {
                            node: node.clone(),
                            vals: vals.clone(),
                            i: i + 1,
                            last,
                            flags,
                        });
                        p.frames.push(Frame::Run(body.clone(), flags.body()));
                    } else {
                        p.status = last.unwrap_or(0);
                    }
                }
            }
            Frame::CaseStart(node, flags) => {
                let subject = match self.p(pid).vals.pop() {
                    Some(Val::One(s)) => s,
                    _ => String::new(),
                };
                self.p(pid).frames.push(Frame::CaseArm {
                    node,
                    subject: Rc::new(subject),
                    arm: 0,
                    flags,
                });
            }
            Frame::CaseArm {
                node,
                subject,
                arm,
                flags,
            } => {
                let n = match &*node {
                    Node::Case { arms, .. } => arms.len(),
                    _ => 0,
                };
                let p = self.p(pid);
                if arm < n {
                    p.frames.push(Frame::CaseMatch {
                        node: node.clone(),
                        subject,
                        arm,
                        flags,
                    });
                    let snap = None;
                    p.frames.push(Frame::Expand {
                        job: Job::CasePats(node, arm),
                        subs: vec![],
                        snap,
                        sub: None,
                    });
                } else {
                    p.status = 0;
                }
            }
            Frame::CaseMatch {
                node,
                subject,
                arm,
                flags,
            } => {
                let pats = match self.p(pid).vals.pop() {
                    Some(Val::Fields(v)) => v,
                    _ => vec![],
                };
                let matched = pats
                    .iter()
                    .any(|pat| super::expand::pat_match(pat, &subject));
                self.steps += pats.len() as u64;
                let p = self.p(pid);
                if matched {
                    if let Node::Case { arms, .. } = &*node {
                        p.status = 0;
                        p.frames.push(Frame::Run(arms[arm].1.clone(), flags));
                    }
                } else {
                    p.frames.push(Frame::CaseArm {
                        node,
                        subject,
                        arm: arm + 1,
                        flags,
                    });
                }
            }
            Frame::Expand {
                job,
                subs,
                snap,
                sub,
            } => self.expand_step(pid, job, subs, snap, sub, now, fs),
            Frame::ExecSimple(node, flags) => self.exec_simple(pid, node, flags, now, fs, world),
            Frame::RedirStart(node, flags) => {
                let redirs = match self.p(pid).vals.pop() {
                    Some(Val::Redirs(r)) => r,
                    _ => vec![],
                };
                match self.apply_redirs(pid, &redirs, now, fs) {
                    Ok(saved) => {
                        if let Node::Redirected(inner, _) = &*node {
                            let p = self.p(pid);
                            p.frames.push(Frame::RestoreFds(saved));
                            p.frames.push(Frame::Run(inner.clone(), flags.body()));
                        }
                    }
                    Err(e) => {
                        self.err_line(pid, &e, now, fs);
                        self.p(pid).status = 1;
                    }
                }
            }
            Frame::RestoreFds(saved) => {
                let old = std::mem::replace(&mut self.p(pid).fds, saved);
                for fd in old {
                    self.close_fd(&fd);
                }
            }
            Frame::FuncReturn { saved, locals } => {
                let p = self.p(pid);
                let sh = Rc::make_mut(&mut p.sh);
                sh.positional = saved;
                while sh.locals.len() > locals {
                    if let Some(frame) = sh.locals.pop() {
                        for (name, old) in frame.into_iter().rev() {
                            match old {
                                Some(v) => {
                                    sh.vars.insert(name, v);
                                }
                                None => {
                                    sh.vars.remove(&name);
                                }
                            }
                        }
                    }
                }
            }
            Frame::PopAssign(saved) => {
                let p = self.p(pid);
                let sh = Rc::make_mut(&mut p.sh);
                for (name, old) in saved {
                    match old {
                        Some(v) => {
                            sh.vars.insert(name, v);
                        }
                        None => {
                            sh.vars.remove(&name);
                        }
                    }
                }
            }
            Frame::CheckErr => {
                let p = self.p(pid);
                if p.sh.errexit && p.status != 0 {
                    let s = p.status;
                    self.exit_proc(pid, s, now, fs);
                }
            }
            Frame::TrapDone(s) => self.p(pid).status = s,
            Frame::Exit(code) => {
                // The EXIT trap ran; an `exit N` inside it would have finished the process.
                self.exit_proc(pid, code, now, fs);
            }
            Frame::Status(s) => self.p(pid).status = s,
            Frame::ExitStatus => {
                let s = self.p(pid).status;
                self.exit_proc(pid, s, now, fs);
            }
            Frame::Resume(argv, pos) => {
                let flags = Flags::default();
                self.command(pid, (*argv).clone(), pos, flags, now, fs, world);
            }
        }
    }

    /// ash names itself by its `argv[0]` in messages (`/bin/sh: can't create …`).
    pub(crate) fn shell_prefix(&self, pid: u32, msg: &str) -> String {
        match (
            msg.strip_prefix("sh: "),
            self.procs.get(&pid).and_then(|p| p.sh.arg0.as_deref()),
        ) {
            (Some(rest), Some(name)) if name != "sh" => format!("{name}: {rest}"),
            _ => msg.to_string(),
        }
    }

    pub(crate) fn p(&mut self, pid: u32) -> &mut super::shell::Proc {
        self.procs.get_mut(&pid).expect("a live process")
    }

    /// Print `msg` and a newline on the process's stderr.
    pub(crate) fn err_line(&mut self, pid: u32, msg: &str, now: Time, fs: &mut FsView) {
        let mut m = self.shell_prefix(pid, msg);
        if !m.ends_with('\n') {
            m.push('\n');
        }
        let _ = self.write(pid, 2, &m, now, fs);
    }

    fn eval(&mut self, pid: u32, node: Rc<Node>, flags: Flags, now: Time, fs: &mut FsView) {
        match &*node {
            Node::Seq(items) => {
                if !items.is_empty() {
                    self.p(pid).frames.push(Frame::Seq(node.clone(), 0, flags));
                }
            }
            Node::AndOr(first, _) => {
                let p = self.p(pid);
                p.frames.push(Frame::AndOr(node.clone(), 0, flags));
                p.frames.push(Frame::Run(first.clone(), flags.cond()));
            }
            Node::Not(inner) => {
                let p = self.p(pid);
                p.frames.push(Frame::Not);
                p.frames.push(Frame::Run(inner.clone(), flags.cond()));
            }
            Node::If { cond, .. } => {
                let p = self.p(pid);
                p.frames.push(Frame::If(node.clone(), flags));
                p.frames.push(Frame::Run(cond.clone(), flags.cond()));
            }
            Node::Loop { cond, .. } => {
                let p = self.p(pid);
                p.frames.push(Frame::LoopCheck(node.clone(), None, flags));
                p.frames.push(Frame::Run(cond.clone(), flags.cond()));
            }
            Node::For { .. } => {
                let p = self.p(pid);
                p.frames.push(Frame::ForStart(node.clone(), flags));
                let snap = None;
                p.frames.push(Frame::Expand {
                    job: Job::ForItems(node.clone()),
                    subs: vec![],
                    snap,
                    sub: None,
                });
            }
            Node::Case { .. } => {
                let p = self.p(pid);
                p.frames.push(Frame::CaseStart(node.clone(), flags));
                let snap = None;
                p.frames.push(Frame::Expand {
                    job: Job::CaseWord(node.clone()),
                    subs: vec![],
                    snap,
                    sub: None,
                });
            }
            Node::Group(inner) => self.p(pid).frames.push(Frame::Run(inner.clone(), flags)),
            Node::Subshell(inner) => {
                let fds = self.inherit_fds(pid);
                match self.fork(pid, inner.clone(), fds, flags) {
                    Some(child) => {
                        let p = self.p(pid);
                        if !flags.cond {
                            p.frames.push(Frame::CheckErr);
                        }
                        p.block = Block::Children(vec![child]);
                    }
                    None => self.fork_failed(pid, now, fs),
                }
            }
            Node::Pipeline(stages) => {
                let n = stages.len();
                let pipes: Vec<usize> = (0..n - 1)
                    .map(|_| self.new_pipe(String::new(), 0))
                    .collect();
                let mut children = vec![];
                for (k, stage) in stages.iter().enumerate() {
                    let mut fds = self.inherit_fds(pid);
                    if k > 0 {
                        let old = std::mem::replace(&mut fds[0], Fd::PipeR(pipes[k - 1]));
                        self.close_fd(&old);
                        self.pipes[pipes[k - 1]].readers += 1;
                    }
                    if k + 1 < n {
                        let old = std::mem::replace(&mut fds[1], Fd::PipeW(pipes[k]));
                        self.close_fd(&old);
                        self.pipes[pipes[k]].writers += 1;
                    }
                    match self.fork(pid, stage.clone(), fds, flags.body()) {
                        Some(c) => children.push(c),
                        None => {
                            self.fork_failed(pid, now, fs);
                            return;
                        }
                    }
                }
                let p = self.p(pid);
                if !flags.cond {
                    p.frames.push(Frame::CheckErr);
                }
                p.block = Block::Children(children);
            }
            Node::Background(inner) => {
                let mut fds = self.inherit_fds(pid);
                // A non-interactive shell gives an asynchronous list /dev/null as its input.
                let old = std::mem::replace(&mut fds[0], Fd::Null);
                self.close_fd(&old);
                match self.fork(pid, inner.clone(), fds, Flags::default()) {
                    Some(c) => {
                        let p = self.p(pid);
                        p.jobs.push(c);
                        p.last_bg = Some(c);
                        p.status = 0;
                    }
                    None => self.fork_failed(pid, now, fs),
                }
            }
            Node::FuncDef { name, body } => {
                let p = self.p(pid);
                Rc::make_mut(&mut p.sh)
                    .funcs
                    .insert(name.clone(), body.clone());
                p.status = 0;
            }
            Node::Redirected(_, _) => {
                let p = self.p(pid);
                p.frames.push(Frame::RedirStart(node.clone(), flags));
                let snap = None;
                p.frames.push(Frame::Expand {
                    job: Job::Redirs(node.clone()),
                    subs: vec![],
                    snap,
                    sub: None,
                });
            }
            Node::Simple { .. } => {
                let p = self.p(pid);
                p.frames.push(Frame::ExecSimple(node.clone(), flags));
                let snap = None;
                p.frames.push(Frame::Expand {
                    job: Job::Simple(node.clone()),
                    subs: vec![],
                    snap,
                    sub: None,
                });
            }
            Node::SyntaxError(msg) => {
                let msg = msg.clone();
                self.err_line(pid, &msg, now, fs);
                self.exit_proc(pid, 2, now, fs);
            }
        }
    }

    fn fork_failed(&mut self, pid: u32, now: Time, fs: &mut FsView) {
        self.err_line(
            pid,
            "sh: can't fork: Resource temporarily unavailable",
            now,
            fs,
        );
        self.assume(
            None,
            "the script starts more than 512 processes at once; podlife stops forking there (a real node would hit its pid limit)".into(),
        );
        self.p(pid).status = 2;
    }

    #[allow(clippy::too_many_arguments)] // the step's context, passed as the interpreter's loop has it
    fn expand_step(
        &mut self,
        pid: u32,
        job: Job,
        subs: Vec<String>,
        snap: Option<Rc<super::expand::ShellState>>,
        sub: Option<i32>,
        now: Time,
        fs: &mut FsView,
    ) {
        // A word with command substitutions may be expanded several times: each retry starts
        // from the variables as they were (only then is a snapshot kept: it costs a copy of
        // the shell's state at the first change).
        let snap = match snap {
            Some(s) => {
                self.p(pid).sh = s.clone();
                Some(s)
            }
            None if job_has_sub(&job) => Some(self.p(pid).sh.clone()),
            None => None,
        };
        let (result, work) = {
            let Some(p) = self.procs.get_mut(&pid) else {
                return;
            };
            let status = p.status;
            let last_bg = p.last_bg;
            let shown_pid = if self.exec_mode { pid } else { 1 };
            let cwd = p.sh.get("PWD").unwrap_or("/").to_string();
            let sh = Rc::make_mut(&mut p.sh);
            let mut list = |dir: &str| -> Option<Vec<String>> {
                let full = if dir == "." {
                    cwd.clone()
                } else {
                    resolve(&cwd, dir)
                };
                fs.is_dir(&full).then(|| fs.list(&full))
            };
            let mut ctx = Ctx {
                sh,
                status,
                pid: shown_pid,
                last_bg,
                subs: &subs,
                next_sub: 0,
                list_dir: &mut list,
                work: 0,
            };
            let r = expand_job(&mut ctx, &job);
            (r, ctx.work)
        };
        self.steps += work;
        match result {
            Ok(mut v) => {
                if let Val::Simple { sub_status, .. } = &mut v {
                    *sub_status = sub;
                }
                self.p(pid).vals.push(v)
            }
            Err(Stop::NeedSub(node)) => {
                let cap = self.new_pipe(String::new(), 0);
                let mut fds = self.inherit_fds(pid);
                let old = std::mem::replace(&mut fds[1], Fd::PipeW(cap));
                self.close_fd(&old);
                self.pipes[cap].writers += 1;
                self.pipes[cap].readers += 1;
                match self.fork(pid, node, fds, Flags::default()) {
                    Some(child) => {
                        let p = self.p(pid);
                        p.frames.push(Frame::Expand {
                            job,
                            subs,
                            snap,
                            sub,
                        });
                        p.frames.push(Frame::Status(p.status));
                        p.frames.push(Frame::Resume(
                            Rc::new(vec![format!("\u{0}capture{cap}")]),
                            Pos::default(),
                        ));
                        p.block = Block::Children(vec![child]);
                    }
                    None => {
                        self.pipes[cap].readers = 0;
                        self.fork_failed(pid, now, fs);
                    }
                }
            }
            Err(Stop::Fatal(msg)) => {
                self.err_line(pid, &msg, now, fs);
                self.exit_proc(pid, 2, now, fs);
            }
        }
    }

    /// A command substitution's child has exited: hand its output to the expansion below.
    pub(crate) fn captured(&mut self, pid: u32, cap: usize) {
        let out = std::mem::take(&mut self.pipes[cap].buf);
        self.pipes[cap].readers = 0;
        self.pipes[cap].writers = 0;
        self.pipes[cap].fresh = false;
        let p = self.p(pid);
        let code = p.status;
        // Below: `Status(old $?)`, then the `Expand` to retry. `$?` of a command with no command
        // name is that of its last substitution.
        let n = p.frames.len();
        if n >= 2 {
            if let Frame::Expand { subs, sub, .. } = &mut p.frames[n - 2] {
                subs.push(out);
                *sub = Some(code);
            }
        }
    }

    fn exec_simple(
        &mut self,
        pid: u32,
        node: Rc<Node>,
        flags: Flags,
        now: Time,
        fs: &mut FsView,
        world: &dyn World,
    ) {
        let Some(Val::Simple {
            assigns,
            argv,
            redirs,
            sub_status,
        }) = self.p(pid).vals.pop()
        else {
            return;
        };
        let pos = match &*node {
            Node::Simple { pos, .. } => *pos,
            _ => Pos::default(),
        };
        let xtrace = self.p(pid).sh.vars.contains_key("\u{0}xtrace");
        if xtrace && !argv.is_empty() {
            let line = format!("+ {}\n", argv.join(" "));
            let _ = self.write(pid, 2, &line, now, fs);
        }
        if argv.is_empty() {
            // Assignments only: they persist; redirections are performed and undone.
            for (k, v) in assigns {
                if let Err(e) = Rc::make_mut(&mut self.p(pid).sh).set(&k, v) {
                    self.err_line(pid, &e, now, fs);
                    self.exit_proc(pid, 2, now, fs);
                    return;
                }
            }
            match self.apply_redirs(pid, &redirs, now, fs) {
                Ok(saved) => {
                    if !redirs.is_empty() {
                        let old = std::mem::replace(&mut self.p(pid).fds, saved);
                        for fd in old {
                            self.close_fd(&fd);
                        }
                    }
                    self.p(pid).status = sub_status.unwrap_or(0);
                }
                Err(e) => {
                    self.err_line(pid, &e, now, fs);
                    self.p(pid).status = 1;
                }
            }
            if !flags.cond {
                self.p(pid).frames.push(Frame::CheckErr);
            }
            return;
        }
        let name = argv[0].clone();
        let is_exec_redirs = name == "exec" && argv.len() == 1;
        if !flags.cond {
            self.p(pid).frames.push(Frame::CheckErr);
        }
        match self.apply_redirs(pid, &redirs, now, fs) {
            Ok(saved) => {
                if is_exec_redirs {
                    // `exec >file`: the redirections stay.
                    for fd in saved {
                        self.close_fd(&fd);
                    }
                    self.p(pid).status = 0;
                    return;
                }
                if !redirs.is_empty() {
                    self.p(pid).frames.push(Frame::RestoreFds(saved));
                } else {
                    for fd in saved {
                        self.close_fd(&fd);
                    }
                }
            }
            Err(e) => {
                self.err_line(pid, &e, now, fs);
                self.p(pid).status = 1;
                return;
            }
        }
        if !assigns.is_empty() {
            let p = self.p(pid);
            let sh = Rc::make_mut(&mut p.sh);
            let mut saved = vec![];
            for (k, v) in assigns {
                saved.push((k.clone(), sh.vars.get(&k).cloned()));
                let _ = sh.set(&k, v);
                if let Some(var) = sh.vars.get_mut(&k) {
                    var.exported = true;
                }
            }
            p.frames.push(Frame::PopAssign(saved));
        }
        self.command(pid, argv, pos, flags, now, fs, world);
    }

    /// Open the redirections; returns the descriptors to restore afterwards.
    pub(crate) fn apply_redirs(
        &mut self,
        pid: u32,
        redirs: &[RRedir],
        now: Time,
        fs: &mut FsView,
    ) -> Result<Vec<Fd>, String> {
        let _ = now;
        if redirs.is_empty() {
            return Ok(vec![]);
        }
        let saved = self.inherit_fds(pid);
        for r in redirs {
            let fd = r.fd as usize;
            if fd > 9 {
                continue;
            }
            let new = match r.op {
                ROp::Out | ROp::OutErr | ROp::Append | ROp::ReadWrite => {
                    let path = resolve(&self.cwd(pid), &r.target);
                    if r.op == ROp::ReadWrite {
                        if !fs.exists(&path) {
                            fs.write(&path, "", false);
                        }
                        Fd::File(path)
                    } else {
                        if fs.is_dir(&path) {
                            return Err(format!("sh: can't create {}: Is a directory", r.target));
                        }
                        let parent = match path.rfind('/') {
                            Some(0) | None => "/".to_string(),
                            Some(i) => path[..i].to_string(),
                        };
                        if !special_path(&path) && !fs.is_dir(&parent) {
                            return Err(format!(
                                "sh: can't create {}: nonexistent directory",
                                r.target
                            ));
                        }
                        if !special_path(&path) {
                            if r.op == ROp::Append {
                                fs.write(&path, "", true);
                            } else {
                                fs.write(&path, "", false);
                            }
                        }
                        Fd::File(path)
                    }
                }
                ROp::In => {
                    let path = resolve(&self.cwd(pid), &r.target);
                    let content = if path == "/dev/null" {
                        Some(String::new())
                    } else {
                        fs.read(&path)
                    };
                    match content {
                        Some(c) => {
                            let i = self.new_pipe(c, 0);
                            self.pipes[i].readers += 1;
                            Fd::PipeR(i)
                        }
                        None => return Err(format!("sh: can't open {}: no such file", r.target)),
                    }
                }
                ROp::Here => {
                    let i = self.new_pipe(r.target.clone(), 0);
                    self.pipes[i].readers += 1;
                    Fd::PipeR(i)
                }
                ROp::Dup => {
                    if r.target == "-" {
                        Fd::Closed
                    } else {
                        match r.target.parse::<usize>() {
                            Ok(src) if src <= 9 => {
                                let f = self
                                    .procs
                                    .get(&pid)
                                    .and_then(|p| p.fds.get(src).cloned())
                                    .unwrap_or(Fd::Closed);
                                if f == Fd::Closed {
                                    return Err(format!("sh: {src}: Bad file descriptor"));
                                }
                                self.dup_fd(&f)
                            }
                            _ => return Err(format!("sh: {}: Bad file descriptor", r.target)),
                        }
                    }
                }
            };
            let p = self.p(pid);
            while p.fds.len() <= fd {
                p.fds.push(Fd::Closed);
            }
            if r.op == ROp::OutErr {
                let dup = new.clone();
                let old1 = std::mem::replace(&mut p.fds[1], new);
                while p.fds.len() <= 2 {
                    p.fds.push(Fd::Closed);
                }
                let old2 = std::mem::replace(&mut p.fds[2], dup);
                self.close_fd(&old1);
                self.close_fd(&old2);
            } else {
                let old = std::mem::replace(&mut p.fds[fd], new);
                self.close_fd(&old);
            }
        }
        Ok(saved)
    }

    pub(crate) fn cwd(&self, pid: u32) -> String {
        self.procs
            .get(&pid)
            .and_then(|p| p.sh.get("PWD").map(str::to_string))
            .unwrap_or_else(|| "/".into())
    }

    /// Run a command (function, builtin or program) whose words are expanded.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn command(
        &mut self,
        pid: u32,
        argv: Vec<String>,
        pos: Pos,
        flags: Flags,
        now: Time,
        fs: &mut FsView,
        world: &dyn World,
    ) {
        if let Some(cap) = argv
            .first()
            .and_then(|a| a.strip_prefix("\u{0}capture"))
            .and_then(|c| c.parse::<usize>().ok())
        {
            self.captured(pid, cap);
            return;
        }
        let name = argv[0].clone();
        if !super::builtins::is_special(&name) {
            if let Some(body) = self.p(pid).sh.funcs.get(&name).cloned() {
                let p = self.p(pid);
                let sh = Rc::make_mut(&mut p.sh);
                let saved = std::mem::replace(&mut sh.positional, argv[1..].to_vec());
                let locals = sh.locals.len();
                sh.locals.push(vec![]);
                if sh.locals.len() > 1000 {
                    self.err_line(pid, "sh: function nesting too deep", now, fs);
                    self.exit_proc(pid, 2, now, fs);
                    return;
                }
                p.frames.push(Frame::FuncReturn { saved, locals });
                p.frames.push(Frame::Run(body, flags.body()));
                return;
            }
        }
        let _ = base;
        self.run_command(pid, argv, pos, flags, now, fs, world);
    }
}

fn special_path(p: &str) -> bool {
    p.starts_with("/dev/") || p.starts_with("/proc/")
}

/// A path relative to the shell's working directory.
pub(crate) fn resolve(cwd: &str, p: &str) -> String {
    if p.starts_with('/') || cwd == "/" || cwd.is_empty() {
        if p.starts_with('/') {
            p.to_string()
        } else {
            format!("/{p}")
        }
    } else {
        format!("{}/{}", cwd.trim_end_matches('/'), p)
    }
}

/// Whether the words a job expands contain a command substitution.
fn job_has_sub(job: &Job) -> bool {
    use super::parse::{Part, Word};
    fn word(w: &Word) -> bool {
        w.parts.iter().any(|p| match p {
            Part::Sub { .. } => true,
            Part::Param { arg, arg2, .. } => {
                arg.as_ref().is_some_and(word) || arg2.as_ref().is_some_and(word)
            }
            Part::Arith { expr, .. } => word(expr),
            _ => false,
        })
    }
    let redir = |r: &super::parse::Redir| {
        word(&r.target) || matches!(&r.op, RedirOp::HereDoc(d) if d.body.get().is_some_and(word))
    };
    match job {
        Job::Simple(n) => match &**n {
            Node::Simple {
                assigns,
                words,
                redirs,
                ..
            } => {
                assigns.iter().any(|(_, w)| word(w))
                    || words.iter().any(word)
                    || redirs.iter().any(redir)
            }
            _ => false,
        },
        Job::ForItems(n) => match &**n {
            Node::For { items, .. } => items.iter().flatten().any(word),
            _ => false,
        },
        Job::CaseWord(n) => match &**n {
            Node::Case { word: w, .. } => word(w),
            _ => false,
        },
        Job::CasePats(n, arm) => match &**n {
            Node::Case { arms, .. } => arms.get(*arm).is_some_and(|(ws, _)| ws.iter().any(word)),
            _ => false,
        },
        Job::Redirs(n) => match &**n {
            Node::Redirected(_, rs) => rs.iter().any(redir),
            _ => false,
        },
    }
}

fn expand_job(ctx: &mut Ctx, job: &Job) -> Result<Val, Stop> {
    match job {
        Job::Simple(node) => {
            let Node::Simple {
                assigns,
                words,
                redirs,
                ..
            } = &**node
            else {
                return Ok(Val::Fields(vec![]));
            };
            let mut argv = vec![];
            for w in words {
                ctx.fields(w, &mut argv)?;
            }
            let mut rr = vec![];
            for r in redirs {
                rr.push(expand_redir(ctx, r)?);
            }
            let mut a = vec![];
            for (k, w) in assigns {
                a.push((k.clone(), ctx.string(w)?));
            }
            Ok(Val::Simple {
                assigns: a,
                argv,
                redirs: rr,
                sub_status: None,
            })
        }
        Job::ForItems(node) => {
            let Node::For { items, .. } = &**node else {
                return Ok(Val::Fields(vec![]));
            };
            match items {
                None => Ok(Val::Fields(ctx.sh.positional.clone())),
                Some(ws) => {
                    let mut out = vec![];
                    for w in ws {
                        ctx.fields(w, &mut out)?;
                    }
                    Ok(Val::Fields(out))
                }
            }
        }
        Job::CaseWord(node) => {
            let Node::Case { word, .. } = &**node else {
                return Ok(Val::One(String::new()));
            };
            Ok(Val::One(ctx.string(word)?))
        }
        Job::CasePats(node, arm) => {
            let Node::Case { arms, .. } = &**node else {
                return Ok(Val::Fields(vec![]));
            };
            let mut pats = vec![];
            if let Some((ws, _)) = arms.get(*arm) {
                for w in ws {
                    pats.push(ctx.pattern(w)?);
                }
            }
            Ok(Val::Fields(pats))
        }
        Job::Redirs(node) => {
            let Node::Redirected(_, redirs) = &**node else {
                return Ok(Val::Redirs(vec![]));
            };
            let mut rr = vec![];
            for r in redirs {
                rr.push(expand_redir(ctx, r)?);
            }
            Ok(Val::Redirs(rr))
        }
    }
}

fn expand_redir(ctx: &mut Ctx, r: &super::parse::Redir) -> Result<RRedir, Stop> {
    let (op, target) = match &r.op {
        RedirOp::HereDoc(doc) => {
            let body = match doc.body.get() {
                Some(w) if doc.literal => w.raw_text(),
                Some(w) => ctx.string(w)?,
                None => String::new(),
            };
            (ROp::Here, body)
        }
        RedirOp::In => (ROp::In, ctx.string(&r.target)?),
        RedirOp::Out => (ROp::Out, ctx.string(&r.target)?),
        RedirOp::Append => (ROp::Append, ctx.string(&r.target)?),
        RedirOp::ReadWrite => (ROp::ReadWrite, ctx.string(&r.target)?),
        RedirOp::Dup => (ROp::Dup, ctx.string(&r.target)?),
        RedirOp::OutErr => (ROp::OutErr, ctx.string(&r.target)?),
    };
    Ok(RRedir {
        fd: r.fd,
        op,
        target,
    })
}
