//! The busybox applets that run at once: text filters (via [`textutils`]), `sed -i`, and the
//! file and system tools (`touch mkdir rm cp mv ls date hostname env id uname killall chmod ln
//! mktemp realpath yes` …).

use super::{normalize, unescape};
use crate::process::behaviour::Signal;
use crate::process::exec::resolve;
use crate::process::fs::FsView;
use crate::process::parse::Pos;
use crate::process::shell::{base, Block, Fd, Frame, Process, QUANTUM};
use crate::process::textutils;
use crate::time::Time;
use std::rc::Rc;

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

/// A flag argument like `-n`, `-rn`.
fn has_flag(args: &[String], f: char) -> bool {
    args.iter()
        .take_while(|a| *a != "--")
        .any(|a| a.starts_with('-') && a.len() > 1 && !a.starts_with("--") && a[1..].contains(f))
}

impl Process {
    /// Text applets and the file tools. `Some(status)` when done, `None` when not an applet or
    /// when the process now waits for input.
    pub(super) fn applet(
        &mut self,
        pid: u32,
        argv: &[String],
        pos: Pos,
        now: Time,
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
                    .filter(|p| p.exited.is_none() && p.pid != pid && names.contains(&p.name))
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
}

/// The simulated wall clock: the pod is created at 2026-01-01T00:00:00Z.
fn format_date(now: Time, fmt: Option<&str>) -> String {
    let secs = now.max(Time::ZERO).floor_secs();
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
