//! Long-running programs: the image catalogue's behaviours, and the stated server assumption
//! for a program nobody described; `exec PROGRAM` and forking one.

use crate::process::behaviour::{ProgramBehaviour, Signal};
use crate::process::fs::FsView;
use crate::process::parse::{Node, Pos};
use crate::process::shell::{base, Block, Flags, Process, Running};
use crate::time::Time;
use std::rc::Rc;

pub(super) fn forever(name: &str) -> ProgramBehaviour {
    ProgramBehaviour {
        name: name.into(),
        runs_for: None,
        exit_code: 0,
        on_term: None,
        term_exit_code: 143,
        on_signals: vec![],
        ports: vec![],
        listen_after: Time::ZERO,
        http: super::behaviour::HttpModel::Ok,
        banner: String::new(),
    }
}

/// The default for a program nobody described: a server that runs until stopped, listens on
/// the container's declared ports at once, answers 200, and exits promptly on SIGTERM (killed by
/// the signal: exit code 143).
pub fn server_assumption(name: &str) -> ProgramBehaviour {
    ProgramBehaviour {
        on_term: Some(Time::ZERO),
        ..forever(name)
    }
}

impl Process {
    /// `exec PROGRAM`: this process becomes the program.
    pub(super) fn become_program(
        &mut self,
        pid: u32,
        name: &str,
        behaviour: ProgramBehaviour,
        now: Time,
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
    pub(super) fn fork_program(
        &mut self,
        pid: u32,
        behaviour: ProgramBehaviour,
        now: Time,
        fs: &mut FsView,
    ) {
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
    pub(super) fn resolve_program(&mut self, argv: &[String], pos: Pos) -> ProgramBehaviour {
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
}
