//! `grep`, `egrep`, `fgrep` — busybox `findutils/grep.c` (built with EXTRA_COMPAT and
//! FEATURE_GREP_CONTEXT, as Debian and the official images are).
//!
//! Modelled: `-q -v -i -c -n -E -F -e PAT (repeatable, newline-separated lists) -f FILE -w -x -o
//! -l -L -s -h -H -m N -A N -B N -C N -z`, `-a -I` ignored; several files with `name:` prefixes;
//! exit 0 = a line selected, 1 = none, 2 = an error (even when lines matched); `-q` exits 0 at
//! the first selected line. Patterns are GNU-lenient BRE/ERE (see `regex.rs`); a bad one prints
//! `grep: bad regex 'PAT'` when first used. Patterns are tried in busybox's (reversed) list
//! order, which decides what `-o` prints.
//!
//! Not modelled: `-r/-R` (no directory listing: operands are read as plain files), `-o` with
//! `-v` (busybox prints only prefixes; here nothing), back-references (never match).

use super::regex::{Flavor, Rx};
use super::{getopt, Ctx, Open, Stop};

struct Pat {
    text: String,
    /// Compiled on first use (busybox compiles lazily, so errors appear only then).
    rx: Option<Result<Rx, ()>>,
    /// `^(?:...)$` version for -x.
    rx_x: Option<Result<Rx, ()>>,
}

struct G<'p> {
    pats: &'p mut Vec<Pat>,
    fixed: bool,
    icase: bool,
    ere: bool,
    w: bool,
    x: bool,
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// ASCII case-insensitive `strstr` from `from`.
fn find_fixed(hay: &str, pat: &str, from: usize, icase: bool) -> Option<usize> {
    let h = hay.as_bytes();
    let p = pat.as_bytes();
    if from > h.len() {
        return None;
    }
    if p.is_empty() {
        return Some(from);
    }
    if !icase {
        return hay.get(from..).and_then(|s| s.find(pat)).map(|i| i + from);
    }
    (from..=h.len().saturating_sub(p.len()))
        .find(|&i| i + p.len() <= h.len() && h[i..i + p.len()].eq_ignore_ascii_case(p))
}

/// Result of testing one line against one pattern.
enum Hit {
    No,
    /// Matched; span for -o (None for -F, which prints the pattern).
    Yes(Option<(usize, usize)>),
}

impl G<'_> {
    fn compile(&mut self, ctx: &mut Ctx, k: usize, anchored: bool) -> Result<bool, Stop> {
        let p = &mut self.pats[k];
        let slot_empty = if anchored {
            p.rx_x.is_none()
        } else {
            p.rx.is_none()
        };
        if slot_empty {
            let flavor = if self.ere { Flavor::Ere } else { Flavor::Bre };
            let res = match super::regex::translate(&p.text, flavor, true) {
                Ok((t, backref)) => {
                    if backref {
                        ctx.note("grep: back-references (\\1) in patterns are not modelled; assumed no match");
                    }
                    let _ = t;
                    let pat_text = if anchored {
                        // wrap the POSIX text; translation is redone with the group
                        if self.ere {
                            format!("^({})$", p.text)
                        } else {
                            format!("^\\({}\\)$", p.text)
                        }
                    } else {
                        p.text.clone()
                    };
                    Rx::new(&pat_text, flavor, self.icase, true).map_err(|_| ())
                }
                Err(_) => Err(()),
            };
            if res.is_err() {
                ctx.errln(&format!("bad regex '{}'", p.text));
                return Err(Stop::Exit(2));
            }
            if anchored {
                p.rx_x = Some(res);
            } else {
                p.rx = Some(res);
            }
        }
        Ok(true)
    }

    fn test(&mut self, ctx: &mut Ctx, k: usize, line: &str) -> Result<Hit, Stop> {
        if self.fixed {
            let pat = self.pats[k].text.clone();
            let mut from = 0;
            loop {
                let m = match find_fixed(line, &pat, from, self.icase) {
                    Some(m) => m,
                    None => return Ok(Hit::No),
                };
                if self.x {
                    return Ok(if m == 0 && line.len() == pat.len() {
                        Hit::Yes(None)
                    } else {
                        Hit::No
                    });
                }
                if self.w {
                    let lb = line.as_bytes();
                    let before = if m > 0 { lb[m - 1] } else { b' ' };
                    if !is_word(before) {
                        let after = lb.get(m + pat.len()).copied().unwrap_or(0);
                        if after == 0 || !is_word(after) {
                            return Ok(Hit::Yes(None));
                        }
                    }
                    from = m + 1;
                    while from < line.len() && !line.is_char_boundary(from) {
                        from += 1;
                    }
                    if from > line.len() {
                        return Ok(Hit::No);
                    }
                    continue;
                }
                return Ok(Hit::Yes(None));
            }
        }
        if self.x {
            self.compile(ctx, k, true)?;
            let rx = match &self.pats[k].rx_x {
                Some(Ok(r)) => r,
                _ => return Ok(Hit::No),
            };
            return Ok(if rx.is_match(line, &mut ctx.budget)? {
                Hit::Yes(Some((0, line.len())))
            } else {
                Hit::No
            });
        }
        self.compile(ctx, k, false)?;
        let rx = match &self.pats[k].rx {
            Some(Ok(r)) => r,
            _ => return Ok(Hit::No),
        };
        let mut start = 0;
        loop {
            let (so, eo) = match rx.find_at(line, start, &mut ctx.budget)? {
                Some(m) => m,
                None => return Ok(Hit::No),
            };
            if !self.w {
                return Ok(Hit::Yes(Some((so, eo))));
            }
            let lb = line.as_bytes();
            let mut c = if so > 0 { lb[so - 1] } else { b' ' };
            if !is_word(c) {
                c = lb.get(eo).copied().unwrap_or(0);
            }
            if !is_word(c) {
                return Ok(Hit::Yes(Some((so, eo))));
            }
            if eo > start {
                start = eo;
            } else {
                return Ok(Hit::No);
            }
        }
    }
}

#[derive(Default)]
struct Flags {
    l: bool,
    n: bool,
    q: bool,
    v: bool,
    s: bool,
    c: bool,
    big_l: bool,
    o: bool,
    h: bool,
    big_h: bool,
    z: bool,
    max: Option<usize>,
    after: usize,
    before: usize,
}

/// `grep [-HhnlLoqvsriwFEz] [-m N] [-A|B|C N] PATTERN|-e PAT...|-f FILE... [FILE]...`
pub(super) fn grep(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let (opts, mut operands) = match getopt(
        ctx,
        args,
        "lnqvscFiHhe:f:LorRm:wxA:B:C:EzaI",
        &[("color", '\u{1}'), ("colour", '\u{1}')],
        false,
        2,
    ) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    let mut fl = Flags::default();
    let (mut fixed, mut icase, mut ere, mut w, mut x) = (false, false, false, false, false);
    let mut elist: Vec<String> = Vec::new();
    let mut flist: Vec<String> = Vec::new();
    let (mut a_set, mut b_set) = (false, false);
    let mut copt: Option<usize> = None;
    for (o, v) in &opts {
        let num = |ctx: &mut Ctx, v: &Option<String>| -> Result<usize, i32> {
            let t = v.clone().unwrap_or_default();
            match t.parse::<usize>() {
                Ok(n) if !t.starts_with('+') => Ok(n),
                _ => {
                    ctx.errln(&format!("invalid number '{}'", t));
                    Err(2)
                }
            }
        };
        match o {
            'l' => fl.l = true,
            'n' => fl.n = true,
            'q' => fl.q = true,
            'v' => fl.v = true,
            's' => fl.s = true,
            'c' => fl.c = true,
            'F' => fixed = true,
            'i' => icase = true,
            'H' => {
                fl.big_h = true;
                fl.h = false;
            }
            'h' => {
                fl.h = true;
                fl.big_h = false;
            }
            'e' => elist.push(v.clone().unwrap_or_default()),
            'f' => flist.push(v.clone().unwrap_or_default()),
            'L' => fl.big_l = true,
            'o' => fl.o = true,
            'r' | 'R' => {
                ctx.note("grep -r: directories cannot be listed; operands were read as plain files")
            }
            'm' => match num(ctx, v) {
                Ok(n) => fl.max = Some(n),
                Err(c) => return Ok(c),
            },
            'w' => w = true,
            'x' => x = true,
            'A' => match num(ctx, v) {
                Ok(n) => {
                    fl.after = n;
                    a_set = true
                }
                Err(c) => return Ok(c),
            },
            'B' => match num(ctx, v) {
                Ok(n) => {
                    fl.before = n;
                    b_set = true
                }
                Err(c) => return Ok(c),
            },
            'C' => match num(ctx, v) {
                Ok(n) => copt = Some(n),
                Err(c) => return Ok(c),
            },
            'E' => ere = true,
            'z' => fl.z = true,
            _ => {}
        }
    }
    if let Some(cn) = copt {
        if !a_set {
            fl.after = cn;
        }
        if !b_set {
            fl.before = cn;
        }
    }
    if fl.c || fl.q || fl.l || fl.big_l {
        fl.n = false;
        fl.before = 0;
        fl.after = 0;
    }
    match ctx.applet {
        "egrep" => ere = true,
        "fgrep" => fixed = true,
        _ => {}
    }
    let mut invert = fl.v;
    // busybox list order: each -e list reversed, -f lines prepended
    let mut texts: Vec<String> = Vec::new();
    for e in &elist {
        for p in e.split('\n') {
            texts.insert(0, p.to_string());
        }
    }
    if !flist.is_empty() {
        for f in &flist {
            let t = match ctx.open(f)? {
                Open::Text(t) => t,
                Open::IsDir => String::new(),
                o => {
                    ctx.warn_perror(f, &o);
                    return Ok(2);
                }
            };
            for (line, _) in super::split_lines(t.as_bytes()) {
                texts.insert(0, String::from_utf8_lossy(line).into_owned());
            }
        }
        if texts.is_empty() {
            texts.push(if x { ".*".to_string() } else { String::new() });
            invert = !invert;
        }
    }
    if elist.is_empty() && flist.is_empty() {
        if operands.is_empty() {
            ctx.usage();
            return Ok(2);
        }
        let p = operands.remove(0);
        for t in p.split('\n') {
            texts.insert(0, t.to_string());
        }
    }
    let mut pats: Vec<Pat> = texts
        .into_iter()
        .map(|text| Pat {
            text,
            rx: None,
            rx_x: None,
        })
        .collect();
    let mut g = G {
        pats: &mut pats,
        fixed,
        icase,
        ere,
        w,
        x,
    };
    let print_filename = if fl.h {
        false
    } else {
        fl.big_h || operands.len() > 1
    };
    if operands.is_empty() {
        operands.push("-".to_string());
    }
    if fl.o && fl.v {
        ctx.note(
            "grep -o -v: busybox prints only line prefixes here; modelled as printing nothing",
        );
    }
    let mut matched = false;
    let mut open_errors = false;
    for f in &operands {
        let (text, name) = match ctx.open(f)? {
            Open::Text(t) => (
                t,
                if f == "-" {
                    "(standard input)".to_string()
                } else {
                    f.clone()
                },
            ),
            Open::IsDir => (String::new(), f.clone()),
            o => {
                if !fl.s {
                    ctx.warn_perror(f, &o);
                }
                open_errors = true;
                continue;
            }
        };
        match grep_text(ctx, &mut g, &fl, invert, &text, &name, print_filename) {
            Ok(m) => matched |= m,
            Err(Stop::Exit(c)) => return Ok(c),
            Err(e) => return Err(e),
        }
    }
    if open_errors {
        return Ok(2);
    }
    Ok(if matched { 0 } else { 1 })
}

/// One file (busybox `grep_file`). Returns whether it "matched" (for -L: printed the name).
fn grep_text(
    ctx: &mut Ctx,
    g: &mut G,
    fl: &Flags,
    invert: bool,
    text: &str,
    name: &str,
    print_filename: bool,
) -> Result<bool, Stop> {
    let delim = if fl.z { '\0' } else { '\n' };
    let eol: &[u8] = if fl.z { b"\0" } else { b"\n" };
    let mut lines: Vec<&str> = text.split(delim).collect();
    if text.is_empty() || text.ends_with(delim) {
        lines.pop();
    }
    let mut nmatches = 0usize;
    let mut out: Vec<u8> = Vec::new();
    let mut print_after = 0usize;
    let mut last_printed: Option<usize> = None;
    let mut did_print = false;
    let mut before_buf: std::collections::VecDeque<(usize, &str)> =
        std::collections::VecDeque::new();
    let context = fl.before > 0 || fl.after > 0;
    let print_line = |out: &mut Vec<u8>,
                      seg: &str,
                      linenum: usize,
                      deco: u8,
                      last_printed: &mut Option<usize>,
                      did_print: &mut bool| {
        if context && *did_print && *last_printed != Some(linenum - 1) {
            out.extend_from_slice(b"--\n");
        }
        *did_print = true;
        *last_printed = Some(linenum);
        if print_filename {
            out.extend_from_slice(name.as_bytes());
            out.push(deco);
        }
        if fl.n {
            out.extend_from_slice(linenum.to_string().as_bytes());
            out.push(deco);
        }
        if !(fl.v && fl.o) {
            out.extend_from_slice(seg.as_bytes());
            out.extend_from_slice(eol);
        }
    };
    for (idx, line) in lines.iter().enumerate() {
        ctx.tick(1)?;
        let linenum = idx + 1;
        let mut found = false;
        let mut hit_pat = 0;
        let mut hit_span = None;
        for k in 0..g.pats.len() {
            if let Hit::Yes(span) = g.test(ctx, k, line)? {
                found = true;
                hit_pat = k;
                hit_span = span;
                break;
            }
        }
        if found != invert {
            nmatches += 1;
            if fl.q {
                ctx.write(&out)?;
                return Err(Stop::Exit(0));
            }
            if fl.l {
                out.extend_from_slice(name.as_bytes());
                out.push(b'\n');
                ctx.write(&out)?;
                return Ok(true);
            }
            if fl.big_l {
                ctx.write(&out)?;
                return Ok(false);
            }
            if let Some(m) = fl.max {
                if nmatches > m {
                    break;
                }
            }
            if !fl.c {
                // leading context
                while let Some((ln, l)) = before_buf.pop_front() {
                    print_line(&mut out, l, ln, b'-', &mut last_printed, &mut did_print);
                }
                print_after = fl.after;
                if fl.o {
                    if g.fixed {
                        if found {
                            let p = g.pats[hit_pat].text.clone();
                            print_line(
                                &mut out,
                                &p,
                                linenum,
                                b':',
                                &mut last_printed,
                                &mut did_print,
                            );
                        }
                    } else if found && !fl.v {
                        let (mut so, mut eo) = hit_span.unwrap_or((0, 0));
                        loop {
                            if eo > so {
                                print_line(
                                    &mut out,
                                    &line[so..eo],
                                    linenum,
                                    b':',
                                    &mut last_printed,
                                    &mut did_print,
                                );
                            }
                            if eo >= line.len() {
                                break;
                            }
                            let mut next = eo;
                            if eo == so {
                                next += 1;
                                while next < line.len() && !line.is_char_boundary(next) {
                                    next += 1;
                                }
                            }
                            let rx = match &g.pats[hit_pat].rx {
                                Some(Ok(r)) => r,
                                _ => break,
                            };
                            match rx.find_at(line, next, &mut ctx.budget)? {
                                Some((a, b)) => {
                                    so = a;
                                    eo = b;
                                }
                                None => break,
                            }
                        }
                    }
                } else {
                    print_line(
                        &mut out,
                        line,
                        linenum,
                        b':',
                        &mut last_printed,
                        &mut did_print,
                    );
                }
            }
        } else if print_after > 0 {
            print_line(
                &mut out,
                line,
                linenum,
                b'-',
                &mut last_printed,
                &mut did_print,
            );
            print_after -= 1;
        } else if fl.before > 0 {
            before_buf.push_back((linenum, line));
            if before_buf.len() > fl.before {
                before_buf.pop_front();
            }
        }
        if let Some(m) = fl.max {
            if print_after == 0 && nmatches == m {
                break;
            }
        }
        if out.len() > 1 << 16 {
            ctx.write(&out)?;
            out.clear();
        }
    }
    if fl.c {
        if print_filename {
            out.extend_from_slice(name.as_bytes());
            out.push(b':');
        }
        out.extend_from_slice(format!("{}\n", nmatches).as_bytes());
    }
    if fl.big_l {
        out.extend_from_slice(name.as_bytes());
        out.push(b'\n');
        ctx.write(&out)?;
        return Ok(true);
    }
    ctx.write(&out)?;
    Ok(nmatches != 0)
}
