//! Busybox text-processing applets for the podlife engine.
//!
//! `run` executes one applet (as busybox 1.35/1.36 `sh` would run it) on a complete standard
//! input and a read-only view of the container file system, and returns what it printed.
//! Every applet is a model of the busybox source file named in its doc comment; messages and
//! exit codes follow busybox to the letter. Whatever is not modelled exactly is reported in
//! `Output::unsupported`.
//!
//! Robustness: all work is charged to `budget` (one unit per input line, awk statement, regex
//! match attempt, ...); nothing recurses without a depth bound; nothing panics on user data.

mod awk;
mod coreutils;
mod grep;
mod printf;
mod regex;
mod sed;
mod usage;

/// What the applet may read from the container's file system.
pub trait Files {
    fn read(&mut self, path: &str) -> Option<String>; // None = no such file
    fn is_dir(&mut self, path: &str) -> bool;
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    /// Set when the applet met an option or construct this module does not model exactly: a short
    /// message such as "awk: getline is not modelled; assumed to read nothing". The caller shows it
    /// to the user as an assumption. Still return the best output you can.
    pub unsupported: Option<String>,
}

/// Applets `run` implements (the interpreter uses this to decide what it can run).
pub const APPLETS: &[&str] = &[
    "awk", "basename", "cat", "cut", "dirname", "egrep", "expr", "fgrep", "grep", "head", "printf",
    "rev", "sed", "seq", "sort", "tail", "tr", "uniq", "wc",
];

/// Run busybox applet `name` (argv[0] basename) with `args` (argv[1..]) on the complete standard
/// input `stdin`. `budget` is a work allowance: about one unit per input line processed, per awk
/// statement executed, per regex match attempt; when it would go below zero the applet stops at
/// once and returns code 124 with `unsupported = Some("... exceeded the work budget ...")`.
/// Returns None when `name` is not an applet implemented here.
pub fn run(
    name: &str,
    args: &[String],
    stdin: &str,
    files: &mut dyn Files,
    budget: &mut u64,
) -> Option<Output> {
    let name = name.rsplit('/').next().unwrap_or(name);
    let applet: fn(&mut Ctx, &[String]) -> Result<i32, Stop> = match name {
        "cat" => coreutils::cat,
        "wc" => coreutils::wc,
        "head" => coreutils::head,
        "tail" => coreutils::tail,
        "cut" => coreutils::cut,
        "tr" => coreutils::tr,
        "sort" => coreutils::sort,
        "uniq" => coreutils::uniq,
        "rev" => coreutils::rev,
        "seq" => coreutils::seq,
        "basename" => coreutils::basename,
        "dirname" => coreutils::dirname,
        "expr" => coreutils::expr,
        "grep" | "egrep" | "fgrep" => grep::grep,
        "sed" => sed::sed,
        "awk" => awk::awk,
        "printf" => printf::printf_applet,
        _ => return None,
    };
    let mut ctx = Ctx {
        applet: name,
        stdin,
        stdin_used: false,
        files,
        budget: Budget::new(budget),
        out: Vec::new(),
        err: String::new(),
        unsupported: None,
    };
    let code = match applet(&mut ctx, args) {
        Ok(code) => code,
        Err(Stop::Exit(code)) => code,
        Err(Stop::Budget) => {
            ctx.unsupported = Some(format!(
                "{}: exceeded the work budget (input too large or endless loop); output truncated",
                name
            ));
            124
        }
    };
    Some(Output {
        stdout: String::from_utf8_lossy(&ctx.out).into_owned(),
        stderr: ctx.err,
        code,
        unsupported: ctx.unsupported,
    })
}

/// Why an applet stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// The work budget ran out.
    Budget,
    /// The applet exits now with this code (after printing whatever it printed).
    Exit(i32),
}

/// Work allowance shared by everything an applet does.
pub(crate) struct Budget<'a> {
    left: &'a mut u64,
}

impl<'a> Budget<'a> {
    pub(crate) fn new(left: &'a mut u64) -> Self {
        Budget { left }
    }
    /// Charge `n` units; fails (and leaves zero) when fewer are left.
    pub(crate) fn tick(&mut self, n: u64) -> Result<(), Stop> {
        if *self.left < n {
            *self.left = 0;
            Err(Stop::Budget)
        } else {
            *self.left -= n;
            Ok(())
        }
    }
}

/// Most that any applet prints or builds in one string before it is stopped.
pub(crate) const MAX_TEXT: usize = 64 << 20;

/// Result of opening an input operand.
pub(crate) enum Open {
    Text(String),
    NotFound,
    IsDir,
}

/// Everything an applet works with.
pub(crate) struct Ctx<'a> {
    pub(crate) applet: &'a str,
    stdin: &'a str,
    stdin_used: bool,
    files: &'a mut dyn Files,
    pub(crate) budget: Budget<'a>,
    pub(crate) out: Vec<u8>,
    pub(crate) err: String,
    pub(crate) unsupported: Option<String>,
}

impl<'a> Ctx<'a> {
    /// Record something not modelled exactly (first message wins, later ones are appended).
    pub(crate) fn note(&mut self, msg: &str) {
        match &mut self.unsupported {
            None => self.unsupported = Some(msg.to_string()),
            Some(m) => {
                if !m.contains(msg) {
                    m.push_str("; ");
                    m.push_str(msg);
                }
            }
        }
    }
    /// `applet: msg` on stderr.
    pub(crate) fn errln(&mut self, msg: &str) {
        self.err.push_str(self.applet);
        self.err.push_str(": ");
        self.err.push_str(msg);
        self.err.push('\n');
    }
    /// The usage text busybox prints on a bad option.
    pub(crate) fn usage(&mut self) {
        self.err.push_str(usage::BANNER);
        self.err.push_str(usage::usage_body(self.applet));
    }
    pub(crate) fn tick(&mut self, n: u64) -> Result<(), Stop> {
        self.budget.tick(n)
    }
    pub(crate) fn write(&mut self, s: &[u8]) -> Result<(), Stop> {
        if self.out.len() + s.len() > MAX_TEXT {
            return Err(Stop::Budget);
        }
        if s.len() > 4096 {
            self.budget.tick(s.len() as u64 / 4096)?;
        }
        self.out.extend_from_slice(s);
        Ok(())
    }
    pub(crate) fn print(&mut self, s: &str) -> Result<(), Stop> {
        self.write(s.as_bytes())
    }
    /// Open an operand (`-` = standard input, which reads as empty the second time).
    pub(crate) fn open(&mut self, name: &str) -> Result<Open, Stop> {
        if name == "-" {
            return Ok(Open::Text(self.take_stdin()));
        }
        if self.files.is_dir(name) {
            return Ok(Open::IsDir);
        }
        match self.files.read(name) {
            Some(t) => {
                self.budget.tick(1 + t.len() as u64 / 4096)?;
                Ok(Open::Text(t))
            }
            None => Ok(Open::NotFound),
        }
    }
    /// Whole standard input (empty once consumed).
    pub(crate) fn take_stdin(&mut self) -> String {
        if self.stdin_used {
            return String::new();
        }
        self.stdin_used = true;
        self.stdin.to_string()
    }
    /// Busybox `fopen_or_warn_stdin` / `xfopen` message for a missing file:
    /// `applet: NAME: No such file or directory`.
    pub(crate) fn warn_perror(&mut self, name: &str, open: &Open) {
        let why = match open {
            Open::IsDir => "Is a directory",
            _ => "No such file or directory",
        };
        self.errln(&format!("{}: {}", name, why));
    }
    /// `applet: can't open 'NAME': No such file or directory`.
    pub(crate) fn warn_cant_open(&mut self, name: &str, open: &Open) {
        let why = match open {
            Open::IsDir => "Is a directory",
            _ => "No such file or directory",
        };
        self.errln(&format!("can't open '{}': {}", name, why));
    }
}

/// One parsed option.
pub(crate) type Opt = (char, Option<String>);

/// Option parsing as busybox `getopt32` (GNU getopt: bundled flags, attached or separate
/// arguments, `--`, operands and options intermixed unless `stop_at_operand`).
/// `spec`: letters, `:` after a letter = takes an argument, `::` = optional attached argument.
/// `longs`: (long name, short letter) pairs. On error prints busybox's message and usage and
/// returns the exit code `err_code`.
pub(crate) fn getopt(
    ctx: &mut Ctx,
    args: &[String],
    spec: &str,
    longs: &[(&str, char)],
    stop_at_operand: bool,
    err_code: i32,
) -> Result<(Vec<Opt>, Vec<String>), i32> {
    let sb: Vec<char> = spec.chars().collect();
    let kind = |c: char| -> Option<u8> {
        let mut i = 0;
        while i < sb.len() {
            if sb[i] == c && sb[i] != ':' {
                if i + 2 < sb.len() + 1 && sb.get(i + 1) == Some(&':') {
                    if sb.get(i + 2) == Some(&':') {
                        return Some(2);
                    }
                    return Some(1);
                }
                return Some(0);
            }
            i += 1;
        }
        None
    };
    let mut opts = Vec::new();
    let mut operands = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            operands.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (lname, lval) = match long.find('=') {
                Some(p) => (&long[..p], Some(long[p + 1..].to_string())),
                None => (long, None),
            };
            let hits: Vec<&(&str, char)> =
                longs.iter().filter(|(n, _)| n.starts_with(lname)).collect();
            let exact = longs.iter().find(|(n, _)| *n == lname);
            let hit = exact.or(if hits.len() == 1 { Some(hits[0]) } else { None });
            match hit {
                Some(&(_, c)) => {
                    let k = kind(c).unwrap_or(0);
                    if k == 1 && lval.is_none() {
                        if i < args.len() {
                            opts.push((c, Some(args[i].clone())));
                            i += 1;
                        } else {
                            ctx.errln(&format!("option '--{}' requires an argument", lname));
                            ctx.usage();
                            return Err(err_code);
                        }
                    } else {
                        opts.push((c, lval));
                    }
                }
                None => {
                    ctx.errln(&format!("unrecognized option '{}'", a));
                    ctx.usage();
                    return Err(err_code);
                }
            }
            continue;
        }
        if a.len() < 2 || !a.starts_with('-') {
            operands.push(a.clone());
            if stop_at_operand {
                operands.extend(args[i..].iter().cloned());
                break;
            }
            continue;
        }
        let chars: Vec<char> = a.chars().collect();
        let mut j = 1;
        while j < chars.len() {
            let c = chars[j];
            j += 1;
            match kind(c) {
                None => {
                    ctx.errln(&format!("invalid option -- '{}'", c));
                    ctx.usage();
                    return Err(err_code);
                }
                Some(0) => opts.push((c, None)),
                Some(2) => {
                    let rest: String = chars[j..].iter().collect();
                    opts.push((c, if rest.is_empty() { None } else { Some(rest) }));
                    break;
                }
                Some(_) => {
                    let rest: String = chars[j..].iter().collect();
                    if !rest.is_empty() {
                        opts.push((c, Some(rest)));
                    } else if i < args.len() {
                        opts.push((c, Some(args[i].clone())));
                        i += 1;
                    } else {
                        ctx.errln(&format!("option requires an argument -- '{}'", c));
                        ctx.usage();
                        return Err(err_code);
                    }
                    break;
                }
            }
        }
    }
    Ok((opts, operands))
}

/// Split text into lines: (line without terminator, had a '\n').
pub(crate) fn split_lines(s: &[u8]) -> Vec<(&[u8], bool)> {
    let mut v = Vec::new();
    let mut start = 0;
    for (i, &b) in s.iter().enumerate() {
        if b == b'\n' {
            v.push((&s[start..i], true));
            start = i + 1;
        }
    }
    if start < s.len() {
        v.push((&s[start..], false));
    }
    v
}

/// C `isspace` in the C locale.
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Parse a C `strtod` prefix of `s` (decimal, exponent, inf/nan; leading blanks skipped).
/// Returns (value, bytes consumed); consumed = 0 when no number.
pub(crate) fn strtod_prefix(s: &[u8]) -> (f64, usize) {
    let mut i = 0;
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    let start = i;
    let mut neg = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let rest = &s[i..];
    let lower: Vec<u8> = rest
        .iter()
        .take(8)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    if lower.starts_with(b"inf") {
        let n = if lower.starts_with(b"infinity") { 8 } else { 3 };
        return (
            if neg {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            },
            i + n,
        );
    }
    if lower.starts_with(b"nan") {
        return (f64::NAN, i + 3);
    }
    if rest.len() >= 2 && rest[0] == b'0' && (rest[1] | 0x20) == b'x' {
        // hexadecimal float (integer part only is common; fraction supported too)
        let mut j = 2;
        let mut v = 0f64;
        let mut any = false;
        while j < rest.len() && rest[j].is_ascii_hexdigit() {
            v = v * 16.0 + (rest[j] as char).to_digit(16).unwrap_or(0) as f64;
            j += 1;
            any = true;
        }
        if j < rest.len() && rest[j] == b'.' {
            let mut scale = 1.0 / 16.0;
            let mut k = j + 1;
            while k < rest.len() && rest[k].is_ascii_hexdigit() {
                v += (rest[k] as char).to_digit(16).unwrap_or(0) as f64 * scale;
                scale /= 16.0;
                k += 1;
                any = true;
            }
            if any {
                j = k;
            }
        }
        if any {
            if j < rest.len() && (rest[j] | 0x20) == b'p' {
                let mut k = j + 1;
                let mut eneg = false;
                if k < rest.len() && (rest[k] == b'+' || rest[k] == b'-') {
                    eneg = rest[k] == b'-';
                    k += 1;
                }
                let ds = k;
                let mut e: i32 = 0;
                while k < rest.len() && rest[k].is_ascii_digit() {
                    e = e.saturating_mul(10).saturating_add((rest[k] - b'0') as i32);
                    k += 1;
                }
                if k > ds {
                    v *= 2f64.powi(if eneg { -e } else { e });
                    j = k;
                }
            }
            return (if neg { -v } else { v }, i + j);
        }
        // "0x" without digits: just "0"
        return (0.0, i + 1);
    }
    let mut j = 0;
    let mut digits = 0;
    while j < rest.len() && rest[j].is_ascii_digit() {
        j += 1;
        digits += 1;
    }
    if j < rest.len() && rest[j] == b'.' {
        j += 1;
        while j < rest.len() && rest[j].is_ascii_digit() {
            j += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        let _ = start;
        return (0.0, 0);
    }
    let mant_end = j;
    if j < rest.len() && (rest[j] | 0x20) == b'e' {
        let mut k = j + 1;
        if k < rest.len() && (rest[k] == b'+' || rest[k] == b'-') {
            k += 1;
        }
        let ds = k;
        while k < rest.len() && rest[k].is_ascii_digit() {
            k += 1;
        }
        if k > ds {
            j = k;
        }
    }
    let _ = mant_end;
    let text = std::str::from_utf8(&rest[..j]).unwrap_or("0");
    let v: f64 = text.parse().unwrap_or(0.0);
    (if neg { -v } else { v }, i + j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strtod() {
        assert_eq!(strtod_prefix(b"  12abc"), (12.0, 4));
        assert_eq!(strtod_prefix(b"-1.5e3x"), (-1500.0, 6));
        assert_eq!(strtod_prefix(b"1e"), (1.0, 1));
        assert_eq!(strtod_prefix(b"x"), (0.0, 0));
        assert_eq!(strtod_prefix(b".5"), (0.5, 2));
        assert_eq!(strtod_prefix(b"0x1A"), (26.0, 4));
        assert_eq!(strtod_prefix(b"-"), (0.0, 0));
    }
}
