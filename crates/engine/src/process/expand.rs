//! Word expansion (POSIX.1-2017 XCU §2.6) as ash performs it: parameter expansion with every
//! operator, command substitution, arithmetic, field splitting on `IFS`, pathname expansion and
//! quote removal; plus the glob pattern matcher that `case`, `${x%pat}` and pathname expansion
//! share (§2.13).
//!
//! Command substitution needs a child process, which may take simulated time. Expansion is
//! therefore *restartable*: it runs with the outputs of the substitutions done so far, and stops
//! with [`Stop::NeedSub`] at the first one it has no output for. The interpreter runs that
//! command in a subshell and expands the word again, from a snapshot of the variables, with one
//! more output in hand.

use super::arith;
use super::parse::{Node, ParamOp, Part, Word};
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub struct Var {
    pub value: String,
    pub exported: bool,
    pub readonly: bool,
}

/// The state a subshell copies: variables, functions, traps, positional parameters, options.
#[derive(Clone, Debug, Default)]
pub struct ShellState {
    pub vars: BTreeMap<String, Var>,
    pub funcs: BTreeMap<String, Rc<Node>>,
    /// Trap actions by `EXIT` or signal name (`TERM`); `""` = ignore.
    pub traps: BTreeMap<String, String>,
    pub positional: Vec<String>,
    /// `$0`: `sh`, or the name given after `sh -c SCRIPT`.
    pub arg0: Option<String>,
    pub errexit: bool,
    pub nounset: bool,
    pub noglob: bool,
    /// Saved values for `local` per function call.
    pub locals: Vec<Vec<(String, Option<Var>)>>,
}

impl ShellState {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(|v| v.value.as_str())
    }
    pub fn set(&mut self, name: &str, value: String) -> Result<(), String> {
        match self.vars.get_mut(name) {
            Some(v) if v.readonly => Err(format!("sh: {name}: is read only")),
            Some(v) => {
                v.value = value;
                Ok(())
            }
            None => {
                self.vars.insert(
                    name.to_string(),
                    Var {
                        value,
                        exported: false,
                        readonly: false,
                    },
                );
                Ok(())
            }
        }
    }
    pub fn ifs(&self) -> String {
        self.get("IFS").unwrap_or(" \t\n").to_string()
    }
}

/// What stopped an expansion.
#[derive(Debug)]
pub enum Stop {
    /// Run this command substitution and expand again.
    NeedSub(Rc<Node>),
    /// A fatal expansion error (`${x:?}`, `set -u`, bad arithmetic): the message, exit 2.
    Fatal(String),
}

/// Special parameters and the file-name lister for pathname expansion.
pub struct Ctx<'a> {
    pub sh: &'a mut ShellState,
    pub status: i32,
    pub pid: u32,
    pub last_bg: Option<u32>,
    pub subs: &'a [String],
    pub next_sub: usize,
    /// Lists a directory for pathname expansion (`None`: no such directory).
    pub list_dir: &'a mut dyn FnMut(&str) -> Option<Vec<String>>,
    /// Work done (characters produced), for the caller's budget.
    pub work: u64,
}

/// A piece of expanded text: `quoted` text is neither split nor globbed.
#[derive(Clone, Debug)]
enum Seg {
    Text {
        s: String,
        quoted: bool,
        split: bool,
    },
    /// `"$@"`: a field boundary.
    Break,
}

struct Arith<'a, 'b>(&'a mut Ctx<'b>);
impl arith::Vars for Arith<'_, '_> {
    fn get(&self, name: &str) -> Option<String> {
        self.0.sh.get(name).map(str::to_string)
    }
    fn set(&mut self, name: &str, value: String) -> Result<(), String> {
        self.0.sh.set(name, value)
    }
}

impl Ctx<'_> {
    fn special(&self, name: &str) -> Option<String> {
        Some(match name {
            "?" => self.status.to_string(),
            "$" => self.pid.to_string(),
            "!" => self.last_bg.map(|p| p.to_string()).unwrap_or_default(),
            "#" => self.sh.positional.len().to_string(),
            "@" => self.sh.positional.join(" "),
            "*" => {
                let ifs = self.sh.ifs();
                let sep = ifs.chars().next().map(String::from).unwrap_or_default();
                self.sh.positional.join(&sep)
            }
            "-" => {
                let mut f = String::new();
                if self.sh.errexit {
                    f.push('e');
                }
                if self.sh.noglob {
                    f.push('f');
                }
                if self.sh.nounset {
                    f.push('u');
                }
                f
            }
            "0" => self.sh.arg0.clone().unwrap_or_else(|| "sh".into()),
            n if n.chars().all(|c| c.is_ascii_digit()) => {
                let i: usize = n.parse().ok()?;
                return self.sh.positional.get(i.checked_sub(1)?).cloned();
            }
            _ => return None,
        })
    }

    fn lookup(&self, name: &str) -> Option<String> {
        if let Some(v) = self.special(name) {
            if name.chars().all(|c| c.is_ascii_digit()) && name != "0" {
                return Some(v);
            }
            return Some(v);
        }
        self.sh.get(name).map(str::to_string)
    }

    fn is_set(&self, name: &str) -> bool {
        match name {
            "?" | "$" | "#" | "-" | "0" | "@" | "*" => true,
            "!" => self.last_bg.is_some(),
            n if n.chars().all(|c| c.is_ascii_digit()) => n
                .parse::<usize>()
                .is_ok_and(|i| i >= 1 && i <= self.sh.positional.len()),
            n => self.sh.vars.contains_key(n),
        }
    }

    /// Expand a word to one string, no field splitting or globbing (assignments, `case`
    /// subjects, redirection targets, here-documents).
    pub fn string(&mut self, w: &Word) -> Result<String, Stop> {
        let segs = self.segs(w, false)?;
        let mut s = String::new();
        for g in segs {
            if let Seg::Text { s: t, .. } = g {
                s.push_str(&t);
            } else {
                s.push(' ');
            }
        }
        Ok(s)
    }

    /// Expand a word to a glob pattern: quoted characters are escaped with `\`.
    pub fn pattern(&mut self, w: &Word) -> Result<String, Stop> {
        let segs = self.segs(w, false)?;
        let mut s = String::new();
        for g in segs {
            if let Seg::Text { s: t, quoted, .. } = g {
                if quoted {
                    for c in t.chars() {
                        if "*?[]\\".contains(c) {
                            s.push('\\');
                        }
                        s.push(c);
                    }
                } else {
                    s.push_str(&t);
                }
            }
        }
        Ok(s)
    }

    /// Expand a word into fields (split on `IFS`, then pathname expansion).
    pub fn fields(&mut self, w: &Word, out: &mut Vec<String>) -> Result<(), Stop> {
        let segs = self.segs(w, false)?;
        let ifs = self.sh.ifs();
        // Each field: its text and, when it has unquoted glob characters, its pattern.
        let mut cur = String::new();
        let mut pat = String::new();
        let mut globby = false;
        let mut started = false;
        let mut fields: Vec<(String, Option<String>)> = vec![];
        let flush = |cur: &mut String,
                     pat: &mut String,
                     globby: &mut bool,
                     started: &mut bool,
                     fields: &mut Vec<(String, Option<String>)>| {
            if *started {
                fields.push((std::mem::take(cur), globby.then(|| pat.clone())));
            }
            cur.clear();
            pat.clear();
            *globby = false;
            *started = false;
        };
        for g in segs {
            match g {
                Seg::Break => flush(&mut cur, &mut pat, &mut globby, &mut started, &mut fields),
                Seg::Text { s, quoted, split } => {
                    if quoted {
                        started = true;
                        for c in s.chars() {
                            cur.push(c);
                            if "*?[]\\".contains(c) {
                                pat.push('\\');
                            }
                            pat.push(c);
                        }
                    } else if split {
                        let mut pending_ws = false;
                        for c in s.chars() {
                            if ifs.contains(c) {
                                if c.is_whitespace() {
                                    pending_ws = true;
                                } else {
                                    // A non-white IFS character ends a field, even an empty one.
                                    started = true;
                                    flush(
                                        &mut cur,
                                        &mut pat,
                                        &mut globby,
                                        &mut started,
                                        &mut fields,
                                    );
                                    pending_ws = false;
                                }
                                continue;
                            }
                            if pending_ws {
                                flush(&mut cur, &mut pat, &mut globby, &mut started, &mut fields);
                                pending_ws = false;
                            }
                            started = true;
                            cur.push(c);
                            pat.push(c);
                            if "*?[".contains(c) {
                                globby = true;
                            }
                        }
                        if pending_ws {
                            flush(&mut cur, &mut pat, &mut globby, &mut started, &mut fields);
                        }
                    } else {
                        if !s.is_empty() {
                            started = true;
                        }
                        for c in s.chars() {
                            cur.push(c);
                            pat.push(c);
                            if "*?[".contains(c) {
                                globby = true;
                            }
                        }
                    }
                }
            }
        }
        flush(&mut cur, &mut pat, &mut globby, &mut started, &mut fields);
        for (text, pattern) in fields {
            match pattern.filter(|_| !self.sh.noglob) {
                Some(p) => {
                    let matches = self.glob(&p);
                    if matches.is_empty() {
                        out.push(text);
                    } else {
                        out.extend(matches);
                    }
                }
                None => out.push(text),
            }
        }
        Ok(())
    }

    /// Pathname expansion of `pattern` (wildcards in the last component only).
    fn glob(&mut self, pattern: &str) -> Vec<String> {
        let (dir, base) = match pattern.rfind('/') {
            Some(i) => (&pattern[..i + 1], &pattern[i + 1..]),
            None => ("", pattern),
        };
        if dir.contains(['*', '?', '[']) {
            return vec![];
        }
        let list_path = if dir.is_empty() { "." } else { dir };
        let Some(mut names) = (self.list_dir)(list_path) else {
            return vec![];
        };
        names.sort();
        names
            .into_iter()
            .filter(|n| (!n.starts_with('.') || base.starts_with('.')) && pat_match(base, n))
            .map(|n| format!("{dir}{n}"))
            .collect()
    }

    fn segs(&mut self, w: &Word, in_quotes: bool) -> Result<Vec<Seg>, Stop> {
        let mut out = vec![];
        for p in &w.parts {
            self.work += 1;
            match p {
                Part::Lit(s) => {
                    // Tilde at the start of an unquoted word.
                    let s = if out.is_empty() && (s == "~" || s.starts_with("~/")) && !in_quotes {
                        format!("{}{}", self.sh.get("HOME").unwrap_or("/root"), &s[1..])
                    } else {
                        s.clone()
                    };
                    out.push(Seg::Text {
                        s,
                        quoted: in_quotes,
                        split: false,
                    })
                }
                Part::Quoted(s) => out.push(Seg::Text {
                    s: s.clone(),
                    quoted: true,
                    split: false,
                }),
                Part::Sub { node, quoted } => {
                    if self.next_sub >= self.subs.len() {
                        return Err(Stop::NeedSub(node.clone()));
                    }
                    let s = self.subs[self.next_sub].trim_end_matches('\n').to_string();
                    self.next_sub += 1;
                    self.work += s.len() as u64 / 64;
                    out.push(Seg::Text {
                        s,
                        quoted: *quoted || in_quotes,
                        split: !(*quoted || in_quotes),
                    });
                }
                Part::Arith { expr, quoted } => {
                    let text = self.string(expr)?;
                    let v = arith::eval(&text, &mut Arith(self))
                        .map_err(|e| Stop::Fatal(format!("sh: {e}")))?;
                    out.push(Seg::Text {
                        s: v.to_string(),
                        quoted: *quoted || in_quotes,
                        split: !(*quoted || in_quotes),
                    });
                }
                Part::Param {
                    name,
                    op,
                    arg,
                    arg2,
                    quoted,
                } => {
                    let q = *quoted || in_quotes;
                    self.param(name, *op, arg.as_ref(), arg2.as_ref(), q, &mut out)?;
                }
            }
        }
        Ok(out)
    }

    fn param(
        &mut self,
        name: &str,
        op: ParamOp,
        arg: Option<&Word>,
        arg2: Option<&Word>,
        quoted: bool,
        out: &mut Vec<Seg>,
    ) -> Result<(), Stop> {
        let text = |s: String| Seg::Text {
            s,
            quoted,
            split: !quoted,
        };
        // `"$@"`: one field per positional parameter.
        if name == "@" && op == ParamOp::Plain {
            if quoted {
                let n = self.sh.positional.len();
                for (i, a) in self.sh.positional.clone().into_iter().enumerate() {
                    out.push(Seg::Text {
                        s: a,
                        quoted: true,
                        split: false,
                    });
                    if i + 1 < n {
                        out.push(Seg::Break);
                    }
                }
                return Ok(());
            }
            for a in self.sh.positional.clone() {
                out.push(text(a));
                out.push(Seg::Text {
                    s: " ".into(),
                    quoted: false,
                    split: true,
                });
            }
            return Ok(());
        }
        let set = self.is_set(name);
        let value = self.lookup(name);
        let empty = value.as_deref().is_none_or(str::is_empty);
        let missing = |colon: bool| !set || (colon && empty);
        match op {
            ParamOp::Plain => {
                if !set && self.sh.nounset && name != "!" {
                    return Err(Stop::Fatal(format!("sh: {name}: parameter not set")));
                }
                out.push(text(value.unwrap_or_default()));
            }
            ParamOp::Len => {
                if !set && self.sh.nounset {
                    return Err(Stop::Fatal(format!("sh: {name}: parameter not set")));
                }
                out.push(text(value.unwrap_or_default().chars().count().to_string()));
            }
            ParamOp::Default(colon) => {
                if missing(colon) {
                    if let Some(a) = arg {
                        let mut inner = self.segs(a, quoted)?;
                        out.append(&mut inner);
                    }
                } else {
                    out.push(text(value.unwrap_or_default()));
                }
            }
            ParamOp::Assign(colon) => {
                if missing(colon) {
                    let v = match arg {
                        Some(a) => self.string(a)?,
                        None => String::new(),
                    };
                    self.sh.set(name, v.clone()).map_err(Stop::Fatal)?;
                    out.push(text(v));
                } else {
                    out.push(text(value.unwrap_or_default()));
                }
            }
            ParamOp::Alt(colon) => {
                if !missing(colon) {
                    if let Some(a) = arg {
                        let mut inner = self.segs(a, quoted)?;
                        out.append(&mut inner);
                    }
                }
            }
            ParamOp::Error(colon) => {
                if missing(colon) {
                    let msg = match arg {
                        Some(a) => self.string(a)?,
                        None => String::new(),
                    };
                    let msg = if msg.is_empty() {
                        "parameter not set".to_string()
                    } else {
                        msg
                    };
                    return Err(Stop::Fatal(format!("sh: {name}: {msg}")));
                }
                out.push(text(value.unwrap_or_default()));
            }
            ParamOp::TrimSuffix(longest) | ParamOp::TrimPrefix(longest) => {
                let v = value.unwrap_or_default();
                let pat = match arg {
                    Some(a) => self.pattern(a)?,
                    None => String::new(),
                };
                let suffix = matches!(op, ParamOp::TrimSuffix(_));
                out.push(text(trim(&v, &pat, suffix, longest)));
            }
            ParamOp::Replace(all) => {
                let v = value.unwrap_or_default();
                let pat = match arg {
                    Some(a) => self.pattern(a)?,
                    None => String::new(),
                };
                let rep = match arg2 {
                    Some(a) => self.string(a)?,
                    None => String::new(),
                };
                out.push(text(replace(&v, &pat, &rep, all)));
            }
            ParamOp::Substr => {
                let v: Vec<char> = value.unwrap_or_default().chars().collect();
                let off = match arg {
                    Some(a) => {
                        let t = self.string(a)?;
                        arith::eval(&t, &mut Arith(self))
                            .map_err(|e| Stop::Fatal(format!("sh: {e}")))?
                    }
                    None => 0,
                };
                let n = v.len() as i64;
                let start = if off < 0 {
                    (n + off).max(0)
                } else {
                    off.min(n)
                };
                let len = match arg2 {
                    Some(a) => {
                        let t = self.string(a)?;
                        let l = arith::eval(&t, &mut Arith(self))
                            .map_err(|e| Stop::Fatal(format!("sh: {e}")))?;
                        if l < 0 {
                            (n - start + l).max(0)
                        } else {
                            l
                        }
                    }
                    None => n - start,
                };
                let end = (start + len).min(n);
                out.push(text(
                    v[start as usize..end.max(start) as usize].iter().collect(),
                ));
            }
        }
        Ok(())
    }
}

/// `${v%pat}`, `${v%%pat}`, `${v#pat}`, `${v##pat}`.
fn trim(v: &str, pat: &str, suffix: bool, longest: bool) -> String {
    let idx: Vec<usize> = v
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(v.len()))
        .collect();
    if suffix {
        let order: Box<dyn Iterator<Item = &usize>> = if longest {
            Box::new(idx.iter())
        } else {
            Box::new(idx.iter().rev())
        };
        for &i in order {
            if pat_match(pat, &v[i..]) {
                return v[..i].to_string();
            }
        }
    } else {
        let order: Box<dyn Iterator<Item = &usize>> = if longest {
            Box::new(idx.iter().rev())
        } else {
            Box::new(idx.iter())
        };
        for &i in order {
            if pat_match(pat, &v[..i]) {
                return v[i..].to_string();
            }
        }
    }
    v.to_string()
}

/// `${v/pat/rep}` (first, longest match) and `${v//pat/rep}` (all).
fn replace(v: &str, pat: &str, rep: &str, all: bool) -> String {
    if pat.is_empty() {
        return v.to_string();
    }
    let idx: Vec<usize> = v
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(v.len()))
        .collect();
    let mut out = String::new();
    let mut k = 0;
    let mut done = false;
    while k < idx.len() - 1 {
        let start = idx[k];
        let mut matched = None;
        if !done {
            for e in (k + 1..idx.len()).rev() {
                if pat_match(pat, &v[start..idx[e]]) {
                    matched = Some(e);
                    break;
                }
            }
        }
        match matched {
            Some(e) => {
                out.push_str(rep);
                k = e;
                if !all {
                    done = true;
                }
            }
            None => {
                out.push_str(&v[start..idx[k + 1]]);
                k += 1;
            }
        }
    }
    out
}

/// Glob match (`*`, `?`, `[…]` with `!`/`^`, ranges and `[:class:]`; `\x` is a literal `x`).
/// Iterative with one backtrack point: O(len(pat) × len(s)).
pub fn pat_match(pat: &str, s: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let t: Vec<char> = s.chars().collect();
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() {
            match p[pi] {
                '*' => {
                    star = Some((pi, ti));
                    pi += 1;
                    continue;
                }
                '?' => {
                    pi += 1;
                    ti += 1;
                    continue;
                }
                '[' => {
                    if let Some((ok, next)) = bracket(&p, pi, t[ti]) {
                        if ok {
                            pi = next;
                            ti += 1;
                            continue;
                        }
                    } else if t[ti] == '[' {
                        pi += 1;
                        ti += 1;
                        continue;
                    }
                }
                '\\' if pi + 1 < p.len() => {
                    if p[pi + 1] == t[ti] {
                        pi += 2;
                        ti += 1;
                        continue;
                    }
                }
                c => {
                    if c == t[ti] {
                        pi += 1;
                        ti += 1;
                        continue;
                    }
                }
            }
        }
        match star {
            Some((sp, st)) => {
                pi = sp + 1;
                ti = st + 1;
                star = Some((sp, st + 1));
            }
            None => return false,
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// A bracket expression at `p[i] == '['`: whether `c` matches and where it ends; `None` if the
/// bracket is not closed (then `[` is literal).
fn bracket(p: &[char], i: usize, c: char) -> Option<(bool, usize)> {
    let mut j = i + 1;
    let negate = matches!(p.get(j), Some('!') | Some('^'));
    if negate {
        j += 1;
    }
    let mut ok = false;
    let mut first = true;
    loop {
        let ch = *p.get(j)?;
        if ch == ']' && !first {
            return Some((ok != negate, j + 1));
        }
        first = false;
        if ch == '[' && p.get(j + 1) == Some(&':') {
            let end =
                (j + 2..p.len().saturating_sub(1)).find(|&k| p[k] == ':' && p[k + 1] == ']')?;
            let class: String = p[j + 2..end].iter().collect();
            ok |= match class.as_str() {
                "alpha" => c.is_alphabetic(),
                "digit" => c.is_ascii_digit(),
                "alnum" => c.is_alphanumeric(),
                "upper" => c.is_uppercase(),
                "lower" => c.is_lowercase(),
                "space" => c.is_whitespace(),
                "blank" => c == ' ' || c == '\t',
                "punct" => c.is_ascii_punctuation(),
                "xdigit" => c.is_ascii_hexdigit(),
                "print" => !c.is_control(),
                "cntrl" => c.is_control(),
                _ => false,
            };
            j = end + 2;
            continue;
        }
        let lo = if ch == '\\' {
            j += 1;
            *p.get(j)?
        } else {
            ch
        };
        if p.get(j + 1) == Some(&'-') && p.get(j + 2).is_some_and(|&h| h != ']') {
            let hi = p[j + 2];
            ok |= lo <= c && c <= hi;
            j += 3;
        } else {
            ok |= lo == c;
            j += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_patterns() {
        assert!(pat_match("*.txt", "a.txt"));
        assert!(!pat_match("*.txt", "a.txt.bak"));
        assert!(pat_match("a?c", "abc"));
        assert!(pat_match("[a-c]*", "banana"));
        assert!(pat_match("[!a-c]*", "zebra"));
        assert!(pat_match("[[:digit:]][[:digit:]]", "42"));
        assert!(pat_match("\\*", "*"));
        assert!(!pat_match("\\*", "x"));
        assert!(pat_match("*", ""));
        let long = "a".repeat(5000);
        assert!(!pat_match(&format!("{}b", "*a".repeat(50)), &long));
    }

    #[test]
    fn trims_and_replacements() {
        assert_eq!(trim("file.tar.gz", ".*", true, false), "file.tar");
        assert_eq!(trim("file.tar.gz", ".*", true, true), "file");
        assert_eq!(trim("/a/b/c", "*/", false, false), "a/b/c");
        assert_eq!(trim("/a/b/c", "*/", false, true), "c");
        assert_eq!(replace("a-b-c", "-", "+", false), "a+b-c");
        assert_eq!(replace("a-b-c", "-", "+", true), "a+b+c");
    }
}
