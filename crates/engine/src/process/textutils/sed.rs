//! `sed` — busybox `editors/sed.c`, ported command by command.
//!
//! Modelled: `-n` (and `#n`), `-e` (repeatable), `-f FILE`, `-E`/`-r`, scripts with `;` and
//! newlines, `\`-continued lines; addresses N, `$`, `/re/`, `\cREc`, `addr1,addr2`, `addr,+N`,
//! `!`, empty `//` = previous regex; commands `s` (flags g p N I, any delimiter, `&`, `\1`..`\9`,
//! `\n` in pattern and replacement), `p P d D q = y a i c` (`a text` one-line form and
//! `a\`-newline form), `{ }`, `n N g G h H x`, `: b t T`, `r FILE` (read through Files), `l`
//! (a no-op in busybox). Messages (`sed: unmatched '/'`, `sed: unsupported command Q`, ...) and
//! exit codes as busybox. Busybox has no `Q` command and `q` takes no exit code, so both are
//! errors here too.
//!
//! Not modelled: writing files (`w FILE`, `s///w FILE` are ignored; `-i` prints nothing and
//! says so in `unsupported`), back-references in patterns (never match), POSIX leftmost-longest
//! alternation (see regex.rs).

use super::regex::{Flavor, Rx};
use super::{getopt, Ctx, Open, Stop, MAX_TEXT};

/// A command's regex: index into `Sed::res`.
type ReIdx = usize;

#[derive(Clone, Debug, Default)]
struct Cmd {
    beg_line: i64,
    beg_line_orig: i64,
    beg_match: Option<ReIdx>,
    end_line: i64,
    end_line_orig: i64,
    end_match: Option<ReIdx>,
    invert: bool,
    in_match: bool,
    cmd: u8,
    /// s: pattern (None = previous regex at run time)
    sub_match: Option<ReIdx>,
    /// s: replacement; a/i/c: text; b/t/T/:: label; r: file name
    string: Option<Vec<u8>>,
    which_match: u32,
    sub_p: bool,
    /// y: (from, to) pairs
    ypairs: Vec<(u8, u8)>,
}

struct Sed {
    cmds: Vec<Cmd>,
    res: Vec<Rx>,
    regex_type: Flavor,
    be_quiet: u32,
    add_cmd_line: Option<Vec<u8>>,
    previous_parse: Option<ReIdx>,
}

/// Parse-time error: message printed as `sed: MSG`, exit 1.
struct PErr(String);

const SEMI_WS: &[u8] = b"; \n\r\t\x0b";

fn is_space(b: u8) -> bool {
    super::is_space(b)
}

/// `parse_escapes`: replace `\from` by `to`; with `to == 0` replace `\any` by `any`.
fn parse_escapes(s: &[u8], from: u8, to: u8) -> Vec<u8> {
    let mut d = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'\\' {
            let next = s.get(i + 1).copied().unwrap_or(0);
            if to == 0 || next == from {
                let c = if to != 0 { to } else { next };
                if c == 0 {
                    return d;
                }
                d.push(c);
                i += 2;
                continue;
            }
            i += 1;
            d.push(b'\\');
            if i >= s.len() {
                break;
            }
        }
        d.push(s[i]);
        i += 1;
    }
    d
}

/// `copy_parsing_escapes`: `\n` `\t` `\r`.
fn copy_parsing_escapes(s: &[u8]) -> Vec<u8> {
    let a = parse_escapes(s, b'n', b'\n');
    let b = parse_escapes(&a, b't', b'\t');
    parse_escapes(&b, b'r', b'\r')
}

/// `index_of_next_unescaped_regexp_delim`; `brackets` = treat `[...]` as opaque.
fn next_delim(delim: u8, s: &[u8], brackets: bool) -> Result<usize, PErr> {
    let mut bracket: i64 = if brackets { -1 } else { -2 };
    let mut escaped = false;
    for (idx, &ch) in s.iter().enumerate() {
        let idx = idx as i64;
        if bracket >= 0 {
            if ch == b']'
                && !(bracket == idx - 1 || (bracket == idx - 2 && s[(idx - 1) as usize] == b'^'))
            {
                bracket = -1;
            }
        } else if escaped {
            escaped = false;
        } else if ch == b'\\' {
            escaped = true;
        } else if bracket == -1 && ch == b'[' {
            bracket = idx;
        } else if ch == delim {
            return Ok(idx as usize);
        }
    }
    Err(PErr(format!("unmatched '{}'", delim as char)))
}

impl Sed {
    fn compile(&mut self, pat: &[u8], icase: bool) -> Result<ReIdx, PErr> {
        let p = String::from_utf8_lossy(pat).into_owned();
        match Rx::new(&p, self.regex_type, icase, false) {
            Ok(rx) => {
                self.res.push(rx);
                Ok(self.res.len() - 1)
            }
            Err(e) => Err(PErr(format!("bad regex '{}': {}", p, e.msg()))),
        }
    }

    /// `get_address`: returns bytes consumed.
    fn get_address(
        &mut self,
        s: &[u8],
        line: &mut i64,
        re: &mut Option<ReIdx>,
    ) -> Result<usize, PErr> {
        if s.first().is_some_and(|c| c.is_ascii_digit()) {
            let mut i = 0;
            let mut v: i64 = 0;
            while i < s.len() && s[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add((s[i] - b'0') as i64);
                i += 1;
            }
            *line = v.min(i32::MAX as i64);
            return Ok(i);
        }
        match s.first() {
            Some(b'$') => {
                *line = -1;
                Ok(1)
            }
            Some(&c) if c == b'/' || c == b'\\' => {
                let mut pos = 0;
                let mut delim = b'/';
                if c == b'\\' {
                    pos += 1;
                    delim = s.get(pos).copied().unwrap_or(0);
                }
                pos += 1;
                let rest = s.get(pos..).unwrap_or(&[]);
                let next = next_delim(delim, rest, true)?;
                if next != 0 {
                    let pat = copy_parsing_escapes(&rest[..next]);
                    let idx = self.compile(&pat, false)?;
                    self.previous_parse = Some(idx);
                    *re = Some(idx);
                } else {
                    match self.previous_parse {
                        Some(p) => *re = Some(p),
                        None => return Err(PErr("no previous regexp".into())),
                    }
                }
                Ok(pos + next + 1)
            }
            _ => Ok(0),
        }
    }

    /// `parse_regex_delim`: returns (match, replace, index of the third delimiter).
    fn regex_delim(s: &[u8]) -> Result<(Vec<u8>, Vec<u8>, usize), PErr> {
        let delim = match s.first() {
            Some(&d) => d,
            None => return Err(PErr("bad format in substitution expression".into())),
        };
        let rest = &s[1..];
        let i1 = next_delim(delim, rest, true)?;
        let m = copy_parsing_escapes(&rest[..i1]);
        let rest2 = &rest[i1 + 1..];
        let i2 = next_delim(delim, rest2, false)?;
        let r = copy_parsing_escapes(&rest2[..i2]);
        Ok((m, r, 1 + i1 + 1 + i2))
    }

    fn parse_cmd_args(&mut self, ctx: &mut Ctx, c: &mut Cmd, s: &[u8]) -> Result<usize, PErr> {
        match c.cmd {
            b's' => {
                let (m, r, mut idx) = Self::regex_delim(s)?;
                c.string = Some(r);
                c.which_match = 1;
                let mut icase = false;
                loop {
                    idx += 1;
                    let ch = match s.get(idx) {
                        Some(&ch) => ch,
                        None => break,
                    };
                    if ch.is_ascii_digit() {
                        if m.first() != Some(&b'^') {
                            let mut v: u64 = 0;
                            let mut j = idx;
                            while j < s.len() && s[j].is_ascii_digit() {
                                v = v.saturating_mul(10).saturating_add((s[j] - b'0') as u64);
                                j += 1;
                            }
                            c.which_match = v.min(u32::MAX as u64) as u32;
                            idx = j - 1;
                        }
                        continue;
                    }
                    if is_space(ch) {
                        continue;
                    }
                    match ch {
                        b'g' => c.which_match = 0,
                        b'p' => c.sub_p = true,
                        b'w' => {
                            ctx.note("sed: cannot write files; 's///w FILE' output was dropped");
                            let rest = &s[idx + 1..];
                            let st = rest
                                .iter()
                                .position(|&b| !is_space(b))
                                .unwrap_or(rest.len());
                            let eol = rest[st..]
                                .iter()
                                .position(|&b| b == b'\n')
                                .map(|p| p + st)
                                .unwrap_or(rest.len());
                            if eol == st {
                                return Err(PErr("empty filename".into()));
                            }
                            idx += eol;
                        }
                        b'i' | b'I' => icase = true,
                        b'#' => {
                            idx = s.len();
                            break;
                        }
                        b';' | b'}' => break,
                        _ => return Err(PErr("bad option in substitution expression".into())),
                    }
                }
                if !m.is_empty() {
                    let r = self.compile(&m, icase)?;
                    c.sub_match = Some(r);
                }
                Ok(idx.min(s.len()))
            }
            b'a' | b'i' | b'c' => {
                if c.cmd != b'c' && (c.end_line != 0 || c.end_match.is_some()) {
                    return Err(PErr(format!(
                        "command '{}' uses only one address",
                        c.cmd as char
                    )));
                }
                let mut i = 0;
                while i < s.len() {
                    if s[i] == b'\n' || s[i] == b'\\' {
                        i += 1;
                        break;
                    }
                    if !is_space(s[i]) {
                        break;
                    }
                    i += 1;
                }
                let text = copy_parsing_escapes(&s[i..]);
                c.string = Some(parse_escapes(&text, 0, 0));
                Ok(s.len())
            }
            b'r' | b'w' => {
                if c.cmd == b'r' && (c.end_line != 0 || c.end_match.is_some()) {
                    return Err(PErr("command 'r' uses only one address".into()));
                }
                let st = s.iter().position(|&b| !is_space(b)).unwrap_or(s.len());
                let eol = s[st..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map(|p| p + st)
                    .unwrap_or(s.len());
                if eol == st {
                    return Err(PErr("empty filename".into()));
                }
                c.string = Some(s[st..eol].to_vec());
                if c.cmd == b'w' {
                    ctx.note("sed: cannot write files; 'w FILE' output was dropped");
                }
                Ok(eol)
            }
            b':' | b'b' | b't' | b'T' => {
                let st = s.iter().position(|&b| !is_space(b)).unwrap_or(s.len());
                let len = s[st..]
                    .iter()
                    .position(|b| SEMI_WS.contains(b))
                    .unwrap_or(s.len() - st);
                if len > 0 {
                    c.string = Some(s[st..st + len].to_vec());
                }
                Ok(st + len)
            }
            b'y' => {
                let (m, r, idx) = Self::regex_delim(s)?;
                let d = s[0];
                let m = parse_escapes(&m, d, d);
                let r = parse_escapes(&r, d, d);
                c.ypairs = m.iter().zip(r.iter()).map(|(&a, &b)| (a, b)).collect();
                Ok(idx + 1)
            }
            b'd' | b'D' | b'g' | b'G' | b'h' | b'H' | b'l' | b'n' | b'N' | b'p' | b'P' | b'q'
            | b'x' | b'=' | b'{' | b'}' => Ok(0),
            other => Err(PErr(format!("unsupported command {}", other as char))),
        }
    }

    fn add_cmd(&mut self, ctx: &mut Ctx, line: &[u8]) -> Result<(), PErr> {
        let mut cmdstr: Vec<u8> = match self.add_cmd_line.take() {
            Some(mut prev) => {
                prev.push(b'\n');
                prev.extend_from_slice(line);
                prev
            }
            None => line.to_vec(),
        };
        let len = cmdstr.len();
        let mut n = len;
        while n > 0 && cmdstr[n - 1] == b'\\' {
            n -= 1;
        }
        if (len - n) % 2 == 1 {
            cmdstr.pop();
            self.add_cmd_line = Some(cmdstr);
            return Ok(());
        }
        let s = &cmdstr[..];
        let mut p = 0;
        while p < s.len() {
            while p < s.len() && SEMI_WS.contains(&s[p]) {
                p += 1;
            }
            if p >= s.len() {
                break;
            }
            if s[p] == b'#' {
                if s.get(p + 1) == Some(&b'n') {
                    self.be_quiet += 1;
                }
                match s[p..].iter().position(|&b| b == b'\n' || b == b'\r') {
                    Some(k) => {
                        p += k;
                        continue;
                    }
                    None => break,
                }
            }
            let mut c = Cmd::default();
            let (mut bl, mut bm) = (0i64, None);
            p += self.get_address(&s[p..], &mut bl, &mut bm)?;
            c.beg_line = bl;
            c.beg_line_orig = bl;
            c.beg_match = bm;
            if s.get(p) == Some(&b',') {
                p += 1;
                if s.get(p) == Some(&b'+') && s.get(p + 1).is_some_and(|c| c.is_ascii_digit()) {
                    let mut j = p + 1;
                    let mut v: i64 = 0;
                    while j < s.len() && s[j].is_ascii_digit() {
                        v = v.saturating_mul(10).saturating_add((s[j] - b'0') as i64);
                        j += 1;
                    }
                    c.end_line = -2 - v.min(i32::MAX as i64);
                    p = j;
                } else {
                    let (mut el, mut em) = (0i64, None);
                    let used = self.get_address(&s[p..], &mut el, &mut em)?;
                    if used == 0 {
                        return Err(PErr("no address after comma".into()));
                    }
                    c.end_line = el;
                    c.end_match = em;
                    p += used;
                }
                c.end_line_orig = c.end_line;
            }
            while p < s.len() && is_space(s[p]) {
                p += 1;
            }
            if s.get(p) == Some(&b'!') {
                c.invert = true;
                p += 1;
                while p < s.len() && is_space(s[p]) {
                    p += 1;
                }
            }
            if p >= s.len() {
                return Err(PErr("missing command".into()));
            }
            c.cmd = s[p];
            p += 1;
            p += self.parse_cmd_args(ctx, &mut c, &s[p..])?;
            self.cmds.push(c);
        }
        Ok(())
    }

    fn add_cmd_block(&mut self, ctx: &mut Ctx, block: &str) -> Result<(), PErr> {
        for line in block.as_bytes().split(|&b| b == b'\n') {
            self.add_cmd(ctx, line)?;
        }
        Ok(())
    }
}

/// Input side of `process_files`: lines across all files with one line of look-ahead.
struct Input {
    lines: Vec<(Vec<u8>, bool)>,
    pos: usize,
}

/// Output state (`puts_maybe_newline`).
struct Out {
    buf: Vec<u8>,
    last_puts_char: u8,
    append: Vec<Vec<u8>>,
}

const NO_EOL: u8 = 1;

impl Out {
    fn puts(&mut self, s: &[u8], last_gets_char: u8) {
        let mut lpc = self.last_puts_char;
        if lpc != b'\n' && lpc != 0 {
            self.buf.push(b'\n');
            lpc = b'\n';
        }
        self.buf.extend_from_slice(s);
        if !s.is_empty() {
            lpc = b'x';
        }
        if last_gets_char != NO_EOL {
            self.buf.push(last_gets_char);
            lpc = last_gets_char;
        }
        self.last_puts_char = lpc;
    }
    fn flush_append(&mut self) {
        let items = std::mem::take(&mut self.append);
        for a in items {
            self.puts(&a, b'\n');
        }
    }
}

impl Input {
    fn next(&mut self, out: &mut Out) -> Option<(Vec<u8>, u8)> {
        out.flush_append();
        let r = self
            .lines
            .get(self.pos)
            .map(|(l, nl)| (l.clone(), if *nl { b'\n' } else { NO_EOL }));
        if r.is_some() {
            self.pos += 1;
        }
        r
    }
}

/// `sed [-inrE] [-e CMD]... [-f FILE]... [CMD] [FILE]...`
pub(super) fn sed(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    if args.first().map(|s| s.as_str()) == Some("--version") {
        ctx.print("This is not GNU sed version 4.0\n")?;
        return Ok(0);
    }
    let longs = [
        ("in-place", 'i'),
        ("regexp-extended", 'r'),
        ("quiet", 'n'),
        ("silent", 'n'),
        ("expression", 'e'),
        ("file", 'f'),
    ];
    let (opts, mut operands) = match getopt(ctx, args, "i::rEne:f:", &longs, false, 1) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    let mut sed = Sed {
        cmds: Vec::new(),
        res: Vec::new(),
        regex_type: Flavor::Bre,
        be_quiet: 0,
        add_cmd_line: None,
        previous_parse: None,
    };
    let mut in_place = false;
    let mut have_script = false;
    for (o, _) in &opts {
        match o {
            'i' => in_place = true,
            'r' | 'E' => sed.regex_type = Flavor::Ere,
            'n' => sed.be_quiet += 1,
            _ => {}
        }
    }
    let parse = |sed: &mut Sed,
                 ctx: &mut Ctx,
                 opts: &[(char, Option<String>)],
                 operands: &mut Vec<String>,
                 have_script: &mut bool|
     -> Result<Option<i32>, PErr> {
        for (o, v) in opts {
            if *o == 'e' {
                *have_script = true;
                sed.add_cmd_block(ctx, v.as_deref().unwrap_or(""))?;
            }
        }
        for (o, v) in opts {
            if *o == 'f' {
                *have_script = true;
                let name = v.clone().unwrap_or_default();
                let text = match ctx.open(&name) {
                    Ok(Open::Text(t)) => t,
                    Ok(Open::IsDir) => String::new(),
                    Ok(o) => {
                        ctx.warn_perror(&name, &o);
                        return Ok(Some(1));
                    }
                    Err(_) => return Ok(Some(124)),
                };
                for (line, _) in super::split_lines(text.as_bytes()) {
                    sed.add_cmd(ctx, line)?;
                }
            }
        }
        if !*have_script {
            if operands.is_empty() {
                ctx.usage();
                return Ok(Some(1));
            }
            let script = operands.remove(0);
            sed.add_cmd_block(ctx, &script)?;
        }
        sed.add_cmd(ctx, b"")?;
        Ok(None)
    };
    match parse(&mut sed, ctx, &opts, &mut operands, &mut have_script) {
        Ok(Some(code)) => {
            return if code == 124 {
                Err(Stop::Budget)
            } else {
                Ok(code)
            }
        }
        Ok(None) => {}
        Err(PErr(m)) => {
            ctx.errln(&m);
            return Ok(1);
        }
    }
    let mut exitcode = 0;
    if in_place {
        if operands.is_empty() {
            ctx.errln("-i requires an argument");
            return Ok(1);
        }
        ctx.note("sed -i: files cannot be written here; nothing was changed and nothing printed");
        for f in operands.clone() {
            match ctx.open(&f)? {
                Open::Text(t) => {
                    let input = Input {
                        lines: lines_of(&t),
                        pos: 0,
                    };
                    let saved = ctx.out.len();
                    match process(ctx, &mut sed, input) {
                        Ok(()) => {}
                        Err(SErr::Msg(m)) => {
                            ctx.out.truncate(saved);
                            ctx.errln(&m);
                            return Ok(1);
                        }
                        Err(SErr::Stop(s)) => return Err(s),
                    }
                    ctx.out.truncate(saved);
                    for c in sed.cmds.iter_mut() {
                        c.beg_line = c.beg_line_orig;
                        c.end_line = c.end_line_orig;
                        c.in_match = false;
                    }
                }
                o => {
                    ctx.warn_perror(&f, &o);
                    exitcode = 1;
                }
            }
        }
        return Ok(exitcode);
    }
    if operands.is_empty() {
        operands.push("-".to_string());
    }
    let mut all: Vec<(Vec<u8>, bool)> = Vec::new();
    for f in &operands {
        match ctx.open(f)? {
            Open::Text(t) => all.extend(lines_of(&t)),
            Open::IsDir => {}
            o => {
                ctx.warn_perror(f, &o);
                exitcode = 1;
            }
        }
    }
    match process(ctx, &mut sed, Input { lines: all, pos: 0 }) {
        Ok(()) => Ok(exitcode),
        Err(SErr::Msg(m)) => {
            ctx.errln(&m);
            Ok(1)
        }
        Err(SErr::Stop(s)) => Err(s),
    }
}

fn lines_of(t: &str) -> Vec<(Vec<u8>, bool)> {
    super::split_lines(t.as_bytes())
        .into_iter()
        .map(|(l, nl)| (l.to_vec(), nl))
        .collect()
}

enum SErr {
    Msg(String),
    Stop(Stop),
}

impl From<Stop> for SErr {
    fn from(s: Stop) -> Self {
        SErr::Stop(s)
    }
}

fn as_str(b: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(b)
}

/// Does regex `r` match `ps`?
fn re_match(ctx: &mut Ctx, sed: &Sed, r: ReIdx, ps: &[u8]) -> Result<bool, Stop> {
    let s = as_str(ps);
    match sed.res.get(r) {
        Some(rx) => {
            if rx.backref {
                ctx.note(
                    "sed: back-references (\\1) in patterns are not modelled; assumed no match",
                );
            }
            rx.is_match(&s, &mut ctx.budget)
        }
        None => Ok(false),
    }
}

/// `do_subst_command`. Returns whether something was replaced.
fn subst(
    ctx: &mut Ctx,
    sed: &Sed,
    c: &Cmd,
    previous: &mut Option<ReIdx>,
    ps: &mut Vec<u8>,
) -> Result<bool, SErr> {
    let r = match c.sub_match.or(*previous) {
        Some(r) => r,
        None => return Err(SErr::Msg("no previous regexp".into())),
    };
    *previous = Some(r);
    let rx = &sed.res[r];
    if rx.backref {
        ctx.note("sed: back-references (\\1) in patterns are not modelled; assumed no match");
    }
    let line = as_str(ps).into_owned();
    let lb = line.as_bytes();
    let repl = c.string.clone().unwrap_or_default();
    let mut caps = match rx.captures_at(&line, 0, &mut ctx.budget)? {
        Some(c) => c,
        None => return Ok(false),
    };
    let mut out: Vec<u8> = Vec::with_capacity(lb.len());
    let mut pos = 0usize; // start of the not-yet-copied rest ("line" pointer in C)
    let mut match_count = 0u32;
    let mut altered = false;
    let mut prev_match_empty = true;
    let mut tried_at_eol = false;
    loop {
        let (so, eo) = caps[0].unwrap_or((pos, pos));
        let start = so - pos;
        let mut end = eo - pos;
        match_count = match_count.saturating_add(1);
        let mut skip = false;
        if c.which_match != 0 && c.which_match != match_count {
            out.extend_from_slice(&lb[pos..pos + end]);
            if start == end && pos + end < lb.len() {
                let ch_len = line[pos + end..]
                    .chars()
                    .next()
                    .map(|ch| ch.len_utf8())
                    .unwrap_or(1);
                out.extend_from_slice(&lb[pos + end..pos + end + ch_len]);
                end += ch_len;
            }
            pos += end;
            skip = true;
        }
        if !skip {
            out.extend_from_slice(&lb[pos..pos + start]);
            if prev_match_empty || start != 0 || start != end {
                // do_subst_w_backrefs
                let mut i = 0;
                while i < repl.len() {
                    let ch = repl[i];
                    if ch == b'\\' && i + 1 < repl.len() {
                        let n = repl[i + 1];
                        if n.is_ascii_digit() {
                            if let Some(Some((a, b))) = caps.get((n - b'0') as usize) {
                                out.extend_from_slice(&lb[*a..*b]);
                            }
                        } else {
                            out.push(n);
                        }
                        i += 2;
                        continue;
                    }
                    if ch == b'&' {
                        out.extend_from_slice(&lb[so..eo]);
                    } else {
                        out.push(ch);
                    }
                    i += 1;
                }
                altered = true;
                if out.len() > MAX_TEXT {
                    return Err(SErr::Stop(Stop::Budget));
                }
            }
            prev_match_empty = start == end;
            if prev_match_empty {
                if pos + end >= lb.len() {
                    tried_at_eol = true;
                } else {
                    let ch_len = line[pos + end..]
                        .chars()
                        .next()
                        .map(|ch| ch.len_utf8())
                        .unwrap_or(1);
                    out.extend_from_slice(&lb[pos + end..pos + end + ch_len]);
                    end += ch_len;
                }
            }
            pos += end;
            if c.which_match != 0 {
                break;
            }
        }
        if pos >= lb.len() {
            if tried_at_eol {
                break;
            }
            tried_at_eol = true;
        }
        caps = match rx.captures_at(&line, pos, &mut ctx.budget)? {
            Some(c) => c,
            None => break,
        };
    }
    out.extend_from_slice(&lb[pos.min(lb.len())..]);
    *ps = out;
    Ok(altered)
}

/// `process_files`.
fn process(ctx: &mut Ctx, sed: &mut Sed, mut input: Input) -> Result<(), SErr> {
    let mut out = Out {
        buf: Vec::new(),
        last_puts_char: b'\n',
        append: Vec::new(),
    };
    let mut previous: Option<ReIdx> = sed.previous_parse;
    let mut hold: Option<Vec<u8>> = None;
    let mut linenum: i64 = 0;
    let mut next = input.next(&mut out);
    let result = (|| -> Result<(), SErr> {
        'again: loop {
            let mut substituted = false;
            let (mut ps, mut last_gets_char) = match next.take() {
                Some(v) => v,
                None => return Ok(()),
            };
            ctx.tick(1)?;
            next = input.next(&mut out);
            linenum += 1;
            let mut autoprint = true;
            'restart: loop {
                let mut ci = 0usize;
                while ci < sed.cmds.len() {
                    ctx.tick(1)?;
                    let old_matched = sed.cmds[ci].in_match;
                    {
                        let c = &mut sed.cmds[ci];
                        if !old_matched {
                            c.end_line = c.end_line_orig;
                        }
                    }
                    let (beg_line, end_line, beg_match, end_match) = {
                        let c = &sed.cmds[ci];
                        (c.beg_line, c.end_line, c.beg_match, c.end_match)
                    };
                    let mut in_match = old_matched
                        || (beg_line == 0
                            && end_line == 0
                            && beg_match.is_none()
                            && end_match.is_none())
                        || (beg_line > 0
                            && if end_line != 0 || end_match.is_some() {
                                beg_line <= linenum
                            } else {
                                beg_line == linenum
                            });
                    if !in_match {
                        if let Some(b) = beg_match {
                            if re_match(ctx, sed, b, &ps)? {
                                previous = Some(b);
                                in_match = true;
                            }
                        }
                    }
                    if !in_match && beg_line == -1 && next.is_none() {
                        in_match = true;
                    }
                    let matched = in_match;
                    if matched {
                        let c = &mut sed.cmds[ci];
                        if c.end_line <= -2 {
                            c.end_line = linenum + (-c.end_line - 2);
                        }
                        if c.beg_line > 0 {
                            c.beg_line = -2;
                        }
                        let el = c.end_line;
                        let ends = if el != 0 {
                            if el == -1 {
                                next.is_none()
                            } else {
                                el <= linenum
                            }
                        } else {
                            end_match.is_none()
                        };
                        let ends = ends
                            || match end_match {
                                Some(e) if old_matched => re_match(ctx, sed, e, &ps)?,
                                _ => false,
                            };
                        sed.cmds[ci].in_match = !ends;
                    } else {
                        sed.cmds[ci].in_match = false;
                    }
                    let c = sed.cmds[ci].clone();
                    if c.cmd == b'{' {
                        if if c.invert { matched } else { !matched } {
                            let mut nest = 0usize;
                            loop {
                                let k = sed.cmds[ci].cmd;
                                if k == b'{' {
                                    nest += 1;
                                }
                                if k == b'}' {
                                    nest -= 1;
                                    if nest == 0 {
                                        break;
                                    }
                                }
                                ci += 1;
                                if ci >= sed.cmds.len() {
                                    return Err(SErr::Msg("unterminated {".into()));
                                }
                            }
                        }
                        ci += 1;
                        continue;
                    }
                    if if c.invert { matched } else { !matched } {
                        ci += 1;
                        continue;
                    }
                    if let Some(b) = c.beg_match {
                        previous = Some(b);
                    }
                    match c.cmd {
                        b'=' => {
                            out.buf
                                .extend_from_slice(format!("{}\n", linenum).as_bytes());
                        }
                        b'P' => match ps.iter().position(|&b| b == b'\n') {
                            Some(k) => out.puts(&ps[..k], b'\n'),
                            None => out.puts(&ps.clone(), b'\n'),
                        },
                        b'p' => out.puts(&ps.clone(), b'\n'),
                        b'D' => match ps.iter().position(|&b| b == b'\n') {
                            Some(k) => {
                                ps.drain(..=k);
                                continue 'restart;
                            }
                            None => {
                                autoprint = false;
                                break 'restart;
                            }
                        },
                        b'd' => {
                            autoprint = false;
                            break 'restart;
                        }
                        b's' if subst(ctx, sed, &c, &mut previous, &mut ps)? => {
                            substituted = true;
                            if c.sub_p {
                                out.puts(&ps.clone(), last_gets_char);
                            }
                        }
                        b'a' => out.append.push(c.string.clone().unwrap_or_default()),
                        b'i' => out.puts(&c.string.clone().unwrap_or_default(), b'\n'),
                        b'c' => {
                            if !sed.cmds[ci].in_match {
                                out.puts(&c.string.clone().unwrap_or_default(), b'\n');
                            }
                            autoprint = false;
                            break 'restart;
                        }
                        b'r' => {
                            let name =
                                String::from_utf8_lossy(&c.string.clone().unwrap_or_default())
                                    .into_owned();
                            if let Open::Text(t) = ctx.open(&name)? {
                                for (l, _) in super::split_lines(t.as_bytes()) {
                                    out.append.push(l.to_vec());
                                }
                            }
                        }
                        b'w' => {}
                        b'n' => {
                            if sed.be_quiet == 0 {
                                out.puts(&ps.clone(), last_gets_char);
                            }
                            match next.take() {
                                None => {
                                    autoprint = false;
                                    break 'restart;
                                }
                                Some((l, g)) => {
                                    ps = l;
                                    last_gets_char = g;
                                    next = input.next(&mut out);
                                    substituted = false;
                                    linenum += 1;
                                    ctx.tick(1)?;
                                }
                            }
                        }
                        b'q' => {
                            next = None;
                            input.pos = input.lines.len();
                            break 'restart;
                        }
                        b'N' => match next.take() {
                            None => break 'restart,
                            Some((l, g)) => {
                                ps.push(b'\n');
                                ps.extend_from_slice(&l);
                                last_gets_char = g;
                                next = input.next(&mut out);
                                linenum += 1;
                                ctx.tick(1)?;
                                if ps.len() > MAX_TEXT {
                                    return Err(SErr::Stop(Stop::Budget));
                                }
                            }
                        },
                        b't' | b'T' | b'b' => {
                            let jump = match c.cmd {
                                b't' => std::mem::take(&mut substituted),
                                b'T' => !substituted,
                                _ => true,
                            };
                            if jump {
                                match &c.string {
                                    None => break 'restart,
                                    Some(label) => {
                                        let pos = sed.cmds.iter().position(|k| {
                                            k.cmd == b':' && k.string.as_ref() == Some(label)
                                        });
                                        match pos {
                                            Some(p) => ci = p,
                                            None => {
                                                return Err(SErr::Msg(format!(
                                                    "can't find label for jump to '{}'",
                                                    String::from_utf8_lossy(label)
                                                )))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        b'y' => {
                            for b in ps.iter_mut() {
                                if let Some(&(_, to)) = c.ypairs.iter().find(|(f, _)| f == b) {
                                    *b = to;
                                }
                            }
                        }
                        b'g' => ps = hold.clone().unwrap_or_default(),
                        b'G' => {
                            ps.push(b'\n');
                            if let Some(h) = &hold {
                                ps.extend_from_slice(h);
                            }
                            last_gets_char = b'\n';
                            if ps.len() > MAX_TEXT {
                                return Err(SErr::Stop(Stop::Budget));
                            }
                        }
                        b'h' => hold = Some(ps.clone()),
                        b'H' => {
                            let h = hold.get_or_insert_with(Vec::new);
                            h.push(b'\n');
                            h.extend_from_slice(&ps);
                            if h.len() > MAX_TEXT {
                                return Err(SErr::Stop(Stop::Budget));
                            }
                        }
                        b'x' => {
                            let h = hold.take().unwrap_or_default();
                            hold = Some(std::mem::replace(&mut ps, h));
                            last_gets_char = b'\n';
                        }
                        _ => {}
                    }
                    ci += 1;
                }
                break 'restart;
            }
            if autoprint && sed.be_quiet == 0 {
                out.puts(&ps, last_gets_char);
            }
            out.flush_append();
            if out.buf.len() > 1 << 16 {
                ctx.write(&out.buf)?;
                out.buf.clear();
            }
            continue 'again;
        }
    })();
    ctx.write(&out.buf)?;
    result
}
