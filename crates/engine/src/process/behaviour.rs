//! What a program that is not a shell does: the shared vocabulary of the image catalogue
//! ([`super::images`]) and the interpreter ([`super::shell`]): signals, how a server reacts to
//! them, which ports it listens on and how it answers HTTP.

use crate::time::{Duration, Time};
/// Signals a process can receive (Linux numbers, x86-64).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Signal {
    Hup,
    Int,
    Quit,
    Kill,
    Usr1,
    Usr2,
    Pipe,
    Alrm,
    Term,
    Winch,
}

impl Signal {
    pub const ALL: [Signal; 10] = [
        Signal::Hup,
        Signal::Int,
        Signal::Quit,
        Signal::Kill,
        Signal::Usr1,
        Signal::Usr2,
        Signal::Pipe,
        Signal::Alrm,
        Signal::Term,
        Signal::Winch,
    ];
    pub fn number(self) -> i32 {
        match self {
            Signal::Hup => 1,
            Signal::Int => 2,
            Signal::Quit => 3,
            Signal::Kill => 9,
            Signal::Usr1 => 10,
            Signal::Usr2 => 12,
            Signal::Pipe => 13,
            Signal::Alrm => 14,
            Signal::Term => 15,
            Signal::Winch => 28,
        }
    }
    /// The name without `SIG` (`TERM`), as `trap` and `kill -l` print it.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Hup => "HUP",
            Signal::Int => "INT",
            Signal::Quit => "QUIT",
            Signal::Kill => "KILL",
            Signal::Usr1 => "USR1",
            Signal::Usr2 => "USR2",
            Signal::Pipe => "PIPE",
            Signal::Alrm => "ALRM",
            Signal::Term => "TERM",
            Signal::Winch => "WINCH",
        }
    }
    /// `TERM`, `SIGTERM`, `sigterm` or `15` (as `trap`, `kill -s` and an image's `STOPSIGNAL` accept).
    pub fn parse(s: &str) -> Option<Signal> {
        if let Ok(n) = s.parse::<i32>() {
            return Signal::ALL.into_iter().find(|g| g.number() == n);
        }
        let up = s.to_ascii_uppercase();
        let name = up.strip_prefix("SIG").unwrap_or(&up);
        Signal::ALL.into_iter().find(|g| g.name() == name)
    }
    /// Whether the default action ends the process (for a process that is not PID 1).
    pub fn default_fatal(self) -> bool {
        !matches!(self, Signal::Winch)
    }
}

/// Something an exec'd command (a hook or probe) does to the container's PID 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// `kill -TERM 1`, `nginx -s quit` (SIGQUIT to the master), `nginx -s stop` (SIGTERM).
    SignalMain(Signal),
}

/// How a non-shell program behaves (from the image catalogue or a stated assumption).
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramBehaviour {
    /// Short name used in messages.
    pub name: String,
    /// Exits by itself after this many seconds with `exit_code`; `None` = runs until stopped.
    pub runs_for: Option<Time>,
    pub exit_code: i32,
    /// On SIGTERM (and SIGINT): exit after this many seconds (`None` = ignores it).
    pub on_term: Option<Time>,
    /// Exit code when it stops because of SIGTERM (143 = died of the signal; 0 = clean shutdown).
    pub term_exit_code: i32,
    /// Reactions to other signals, overriding `on_term` for that signal: (signal, after seconds,
    /// exit code). nginx: SIGQUIT is a graceful shutdown.
    pub on_signals: Vec<(Signal, Time, i32)>,
    /// TCP ports it listens on (from `listen_after` seconds after it starts).
    pub ports: Vec<u16>,
    pub listen_after: Time,
    /// How it answers HTTP requests.
    pub http: HttpModel,
    /// What it prints when it starts (its first log lines), if the catalogue knows.
    pub banner: String,
}

impl ProgramBehaviour {
    /// A program that runs until stopped, listens nowhere, answers 200, and dies of SIGTERM
    /// (143): the starting point the catalogue refines with the builders below.
    pub fn new(name: &str) -> ProgramBehaviour {
        ProgramBehaviour {
            name: name.into(),
            runs_for: None,
            exit_code: 0,
            on_term: Some(Time::ZERO),
            term_exit_code: 143,
            on_signals: vec![],
            ports: vec![],
            listen_after: Time::ZERO,
            http: HttpModel::Ok,
            banner: String::new(),
        }
    }
    /// Listens on `ports` from `after` seconds after it starts.
    pub fn listening(mut self, ports: &[u16], after: f64) -> Self {
        self.ports = ports.to_vec();
        self.listen_after = Time::from_secs_f64(after);
        self
    }
    pub fn http(mut self, http: HttpModel) -> Self {
        self.http = http;
        self
    }
    pub fn banner(mut self, banner: &str) -> Self {
        self.banner = banner.into();
        self
    }
    /// Exits by itself `after` seconds after it starts, with `code`.
    pub fn exits(mut self, after: f64, code: i32) -> Self {
        self.runs_for = Some(Time::from_secs_f64(after));
        self.exit_code = code;
        self
    }
    /// On SIGTERM (and, unless overridden, SIGINT/SIGQUIT/SIGHUP): exit `after` seconds later
    /// with `code`; `None` = as PID 1 it ignores them (no handler: the kernel drops the signal).
    pub fn on_term(mut self, after: Option<f64>, code: i32) -> Self {
        self.on_term = after.map(Time::from_secs_f64);
        self.term_exit_code = code;
        self
    }
    /// A reaction to one signal: exit `after` later with `code`. An `after` of
    /// [`Time::NEVER`] means handled without exiting (nginx's SIGHUP reload) or ignored.
    pub fn on(mut self, sig: Signal, after: Duration, code: i32) -> Self {
        self.on_signals.retain(|(s, _, _)| *s != sig);
        self.on_signals.push((sig, after, code));
        self
    }
    /// The signal does not end the process (handled without exiting, or ignored as PID 1).
    pub fn survives(self, sig: Signal) -> Self {
        self.on(sig, Time::NEVER, 0)
    }

    /// How the program reacts to `sig`: `Some((after, exit code))` or `None` when it ignores it.
    pub fn reaction(&self, sig: Signal) -> Option<(Time, i32)> {
        if let Some(&(_, after, code)) = self.on_signals.iter().find(|(s, _, _)| *s == sig) {
            return (after < Time::NEVER).then_some((after, code));
        }
        match sig {
            Signal::Term | Signal::Int | Signal::Quit | Signal::Hup => {
                self.on_term.map(|a| (a, self.term_exit_code))
            }
            _ => None,
        }
    }
}

/// How a server answers HTTP GETs (the image catalogue's knowledge).
#[derive(Clone, Debug, PartialEq)]
pub enum HttpModel {
    /// 200 on every path (a healthy app).
    Ok,
    /// nginx: 200 for `/` and files under `/usr/share/nginx/html`, 404 otherwise.
    Static { root: String },
    /// agnhost `liveness`: `/healthz` answers 200 for `ok_for` seconds after start, then 500.
    HealthzFor { ok_for: Time },
    /// luksa/kubia-unhealthy: 200 for the first `n` requests, 500 from then on.
    FailAfterRequests { n: u32 },
    /// Only these paths answer 200; anything else 404 (agnhost `test-webserver` and friends).
    Paths { ok: Vec<String> },
}
