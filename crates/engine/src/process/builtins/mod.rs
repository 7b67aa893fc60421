//! Commands: ash's builtins (`shell/ash.c` builtin table: `:` `.` `break` `cd` `continue`
//! `eval` `exec` `exit` `export` `local` `read` `readonly` `return` `set` `shift` `trap` `unset`
//! `wait` `kill` `test`/`[` …), the busybox applets scripts lean on (text tools in
//! [`super::textutils`]; file, network and process tools here), and programs from the image
//! catalogue. A command the engine does not model exactly runs on a stated assumption.
//!
//! This module holds what every command shares: the builtin table, the unmodelled applets, and
//! the helpers that write a command's output and read its input. `shell.rs` has ash's builtins,
//! `test.rs` `test`/`[`/`[[`, `external.rs` how a program is resolved and started, `server.rs`
//! long-running programs and the server assumption, `applets.rs` the file, text and system
//! applets, `net.rs` the network applets. A new applet goes in `applets.rs` (or `net.rs`), with
//! its name in `external.rs`'s dispatch only if it runs for a while.

mod applets;
mod external;
mod net;
mod server;
mod shell;
mod test;

// Paths the commands name as `super::…` (`super::expand::ShellState`, `super::arith::Vars`,
// `super::behaviour::HttpModel`, `super::parse::Word`).
use super::{arith, behaviour, expand, parse};
use crate::time::Time;

use super::behaviour::Signal;
use super::fs::FsView;
use super::parse::Pos;
use super::shell::{base, Block, Fd, Frame, Process};
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

impl Process {
    fn done(&mut self, pid: u32, status: i32) {
        self.p(pid).status = status;
    }

    fn out(&mut self, pid: u32, s: &str, now: Time, fs: &mut FsView) -> bool {
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

    fn finish_broken_pipe(&mut self, pid: u32, now: Time, fs: &mut FsView) {
        if pid == self.main_pid && !self.exec_mode {
            // PID 1 ignores SIGPIPE without a handler: the write fails with EPIPE.
            self.err_line(pid, "sh: write error: Broken pipe", now, fs);
            return;
        }
        self.signal_proc(pid, Signal::Pipe, now, fs);
    }

    fn err(&mut self, pid: u32, s: &str, now: Time, fs: &mut FsView) {
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
}

/// `timeout` bookkeeping: the supervisor, the child, the deadline and the signal.
pub(crate) type Timeouts = Vec<(u32, u32, Time, Signal, Option<Time>)>;

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
