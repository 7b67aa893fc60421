//! POSIX regular expressions (BRE and ERE, as glibc's `regcomp`/`re_search` accept them for
//! busybox `grep`, `sed`, `awk`, `expr`) translated into `regex-lite` syntax.
//!
//! What is modelled:
//! * BRE: `\( \)` groups, `\{m,n\}` intervals, GNU `\| \+ \?`, `*` literal at the start of an
//!   expression / after `\(` / `\|` / a leading `^`, `^` and `$` anchors only in anchoring
//!   position (literal elsewhere), `+ ? | ( ) { }` literal.
//! * ERE: `( ) | + ? * {m,n}`; in "strict" mode (glibc `regcomp`, used by sed and awk) a
//!   leading repetition operator is an error, in "lenient" mode (GNU `re_search` syntax used
//!   by busybox grep built with EXTRA_COMPAT) it is a literal, as is an invalid interval.
//! * Bracket expressions with `]` first, ranges, `[:class:]`, `[=c=]`, `[.c.]`; backslash is
//!   literal inside brackets (POSIX).
//! * GNU escapes `\< \> \b \B \w \W \s \S` and `` \` `` `\'`.
//! * Errors carry glibc's `regerror` text ("Unmatched ( or \\(", ...).
//!
//! Not modelled: back-references (`\1` in a pattern) — the caller reports them as unsupported
//! and the expression never matches; POSIX leftmost-*longest* semantics (regex-lite picks the
//! leftmost-*first* alternative, which differs only for alternations such as `a|ab`).

use regex_lite::{Regex, RegexBuilder};

use super::{Budget, Stop};

/// Longest pattern accepted (longer ones fail with "Regular expression too big").
pub(super) const MAX_PATTERN: usize = 10_000;
/// Deepest group nesting accepted.
const MAX_NEST: usize = 200;
/// glibc's RE_DUP_MAX.
const DUP_MAX: u32 = 0x7fff;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Flavor {
    Bre,
    Ere,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum ReErr {
    /// glibc `regerror` message.
    Posix(&'static str),
}

impl ReErr {
    pub(super) fn msg(&self) -> &'static str {
        match self {
            ReErr::Posix(m) => m,
        }
    }
}

const E_PAREN: ReErr = ReErr::Posix("Unmatched ( or \\(");
const E_BRACE: ReErr = ReErr::Posix("Unmatched \\{");
const E_BADBR: ReErr = ReErr::Posix("Invalid content of \\{\\}");
const E_BADRPT: ReErr = ReErr::Posix("Invalid preceding regular expression");
const E_CTYPE: ReErr = ReErr::Posix("Invalid character class name");
const E_RANGE: ReErr = ReErr::Posix("Invalid range end");
const E_BRACK: ReErr = ReErr::Posix("Unmatched [, [^, [:, [., or [=");
const E_ESCAPE: ReErr = ReErr::Posix("Trailing backslash");
const E_SIZE: ReErr = ReErr::Posix("Regular expression too big");
const E_SUBREG: ReErr = ReErr::Posix("Invalid back reference");
const E_COLLATE: ReErr = ReErr::Posix("Invalid collation character");

/// A compiled POSIX expression.
#[derive(Clone, Debug)]
pub(super) struct Rx {
    re: Option<Regex>,
    /// The pattern used a back-reference (`\1`): not modelled, never matches.
    pub(super) backref: bool,
}

/// Span of a match or group (byte offsets).
pub(super) type Span = Option<(usize, usize)>;

impl Rx {
    /// Compile `pat`. `lenient` selects GNU `re_search` (grep) leniency.
    pub(super) fn new(pat: &str, flavor: Flavor, icase: bool, lenient: bool) -> Result<Rx, ReErr> {
        let (text, backref) = translate(pat, flavor, lenient)?;
        if backref {
            return Ok(Rx {
                re: None,
                backref: true,
            });
        }
        Self::from_translated(&text, icase)
    }

    fn from_translated(text: &str, icase: bool) -> Result<Rx, ReErr> {
        let mut full = String::with_capacity(text.len() + 8);
        full.push_str(if icase { "(?si)" } else { "(?s)" });
        full.push_str(text);
        let re = RegexBuilder::new(&full)
            .nest_limit(MAX_NEST as u32 + 10)
            .size_limit(1 << 22)
            .build()
            .map_err(|_| E_SIZE)?;
        Ok(Rx {
            re: Some(re),
            backref: false,
        })
    }

    fn cost(hay: &str) -> u64 {
        1 + (hay.len() as u64) / 2048
    }

    pub(super) fn is_match(&self, hay: &str, b: &mut Budget) -> Result<bool, Stop> {
        b.tick(Self::cost(hay))?;
        Ok(match &self.re {
            Some(re) => re.is_match(hay),
            None => false,
        })
    }

    /// Leftmost match starting at or after byte `start` (context before `start` is seen by
    /// anchors and word boundaries, so `^` never matches there when `start > 0`).
    pub(super) fn find_at(&self, hay: &str, start: usize, b: &mut Budget) -> Result<Span, Stop> {
        if start > hay.len() || !hay.is_char_boundary(start) {
            return Ok(None);
        }
        b.tick(Self::cost(&hay[start..]))?;
        Ok(match &self.re {
            Some(re) => re.find_at(hay, start).map(|m| (m.start(), m.end())),
            None => None,
        })
    }

    /// Like `find_at` but with all groups (index 0 = whole match).
    pub(super) fn captures_at(
        &self,
        hay: &str,
        start: usize,
        b: &mut Budget,
    ) -> Result<Option<Vec<Span>>, Stop> {
        if start > hay.len() || !hay.is_char_boundary(start) {
            return Ok(None);
        }
        b.tick(Self::cost(&hay[start..]))?;
        let re = match &self.re {
            Some(re) => re,
            None => return Ok(None),
        };
        Ok(re.captures_at(hay, start).map(|c| {
            (0..c.len())
                .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                .collect()
        }))
    }
}

/// Append literal `c` in a form regex-lite reads literally (inside or outside a class).
pub(super) fn push_lit(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || !c.is_ascii() || c == ' ' {
        out.push(c);
    } else {
        out.push_str(&format!("\\x{{{:02X}}}", c as u32));
    }
}

const CLASSES: &[&str] = &[
    "alpha", "upper", "lower", "digit", "xdigit", "space", "print", "punct", "graph", "cntrl",
    "blank", "alnum",
];

/// Parse a bracket expression; `i` points just after `[`. Returns the regex-lite class text and
/// the index after the closing `]`.
fn bracket(s: &[char], mut i: usize) -> Result<(String, usize), ReErr> {
    let mut out = String::from("[");
    if i < s.len() && s[i] == '^' {
        out.push('^');
        i += 1;
    }
    let mut first = true;
    let mut any = false;
    loop {
        if i >= s.len() {
            return Err(E_BRACK);
        }
        let c = s[i];
        if c == ']' && !first {
            i += 1;
            break;
        }
        first = false;
        if c == '[' && i + 1 < s.len() && matches!(s[i + 1], ':' | '.' | '=') {
            let kind = s[i + 1];
            let mut j = i + 2;
            let mut found = None;
            while j + 1 < s.len() {
                if s[j] == kind && s[j + 1] == ']' {
                    found = Some(j);
                    break;
                }
                j += 1;
            }
            let j = match found {
                Some(j) => j,
                None => return Err(E_BRACK),
            };
            let name: String = s[i + 2..j].iter().collect();
            i = j + 2;
            if kind == ':' {
                if !CLASSES.contains(&name.as_str()) {
                    return Err(E_CTYPE);
                }
                out.push_str("[:");
                out.push_str(&name);
                out.push_str(":]");
                any = true;
                continue;
            }
            let mut it = name.chars();
            let ch = match (it.next(), it.next()) {
                (Some(ch), None) => ch,
                _ => return Err(E_COLLATE),
            };
            push_lit(&mut out, ch);
            any = true;
            continue;
        }
        i += 1;
        if i + 1 < s.len() && s[i] == '-' && s[i + 1] != ']' {
            let mut hi = s[i + 1];
            let mut next = i + 2;
            if hi == '[' && i + 2 < s.len() && matches!(s[i + 2], '.' | '=') {
                // [a-[.z.]]
                let kind = s[i + 2];
                let mut j = i + 3;
                while j + 1 < s.len() && !(s[j] == kind && s[j + 1] == ']') {
                    j += 1;
                }
                if j + 1 >= s.len() || j != i + 4 {
                    return Err(E_COLLATE);
                }
                hi = s[i + 3];
                next = j + 2;
            }
            if hi < c {
                return Err(E_RANGE);
            }
            push_lit(&mut out, c);
            out.push('-');
            push_lit(&mut out, hi);
            i = next;
        } else {
            push_lit(&mut out, c);
        }
        any = true;
    }
    if !any {
        return Err(E_BRACK);
    }
    out.push(']');
    Ok((out, i))
}

struct Tr {
    out: String,
    /// Output index where each open group starts.
    open: Vec<usize>,
    closed_groups: u32,
    /// Output index of the last atom (what a following repetition applies to).
    atom: Option<usize>,
    last_quant: bool,
    backref: bool,
}

impl Tr {
    fn atom(&mut self, text: &str) {
        self.atom = Some(self.out.len());
        self.out.push_str(text);
        self.last_quant = false;
    }
    fn lit(&mut self, c: char) {
        self.atom = Some(self.out.len());
        push_lit(&mut self.out, c);
        self.last_quant = false;
    }
    fn anchor(&mut self, text: &str) {
        self.out.push_str(text);
        self.atom = None;
        self.last_quant = false;
    }
    fn quant(&mut self, q: &str) {
        if let Some(a) = self.atom {
            if self.last_quant {
                self.out.insert_str(a, "(?:");
                self.out.push(')');
            }
            self.out.push_str(q);
            self.last_quant = true;
        }
    }
    fn open(&mut self) -> Result<(), ReErr> {
        if self.open.len() >= MAX_NEST {
            return Err(E_SIZE);
        }
        self.open.push(self.out.len());
        self.out.push('(');
        self.atom = None;
        self.last_quant = false;
        Ok(())
    }
    fn close(&mut self) -> bool {
        match self.open.pop() {
            Some(start) => {
                self.out.push(')');
                self.closed_groups += 1;
                self.atom = Some(start);
                self.last_quant = false;
                true
            }
            None => false,
        }
    }
    fn alt(&mut self) {
        self.out.push('|');
        self.atom = None;
        self.last_quant = false;
    }
    fn backref(&mut self, n: u32) -> Result<(), ReErr> {
        if n > self.closed_groups {
            return Err(E_SUBREG);
        }
        self.backref = true;
        self.atom("");
        Ok(())
    }
    /// GNU escapes shared by BRE and ERE. Returns false if `c` is not one.
    fn gnu_escape(&mut self, c: char) -> bool {
        match c {
            '<' => self.anchor("\\b{start}"),
            '>' => self.anchor("\\b{end}"),
            'b' => self.anchor("\\b"),
            'B' => self.anchor("\\B"),
            '`' => self.anchor("\\A"),
            '\'' => self.anchor("\\z"),
            'w' => self.atom("[0-9A-Za-z_]"),
            'W' => self.atom("[^0-9A-Za-z_]"),
            's' => self.atom("[[:space:]]"),
            'S' => self.atom("[^[:space:]]"),
            _ => return false,
        }
        true
    }
}

/// Parse `{m,n}` content starting at `i` (just after the opening brace). `close` is the closing
/// sequence (`}` or `\}`). Returns (quantifier text, index after close) or an error kind.
fn interval(s: &[char], mut i: usize, bre: bool) -> Result<(String, usize), ReErr> {
    let num = |i: &mut usize| -> Option<u32> {
        let st = *i;
        let mut v: u32 = 0;
        while *i < s.len() && s[*i].is_ascii_digit() {
            v = v
                .saturating_mul(10)
                .saturating_add(s[*i] as u32 - '0' as u32);
            *i += 1;
        }
        if *i == st {
            None
        } else {
            Some(v)
        }
    };
    let lo = num(&mut i);
    let mut hi = lo;
    let mut comma = false;
    if i < s.len() && s[i] == ',' {
        comma = true;
        i += 1;
        hi = num(&mut i);
    }
    let closed = if bre {
        i + 1 < s.len() && s[i] == '\\' && s[i + 1] == '}'
    } else {
        i < s.len() && s[i] == '}'
    };
    if !closed {
        // glibc: running off the end is "Unmatched \{", garbage inside is "Invalid content".
        let mut j = i;
        while j < s.len() {
            if (bre && s[j] == '\\' && j + 1 < s.len() && s[j + 1] == '}') || (!bre && s[j] == '}')
            {
                return Err(E_BADBR);
            }
            j += 1;
        }
        return Err(E_BRACE);
    }
    let end = if bre { i + 2 } else { i + 1 };
    let lo_v = lo.unwrap_or(0);
    if lo.is_none() && !comma {
        return Err(E_BADBR);
    }
    if let Some(h) = hi {
        if h < lo_v {
            return Err(E_BADBR);
        }
        if h > DUP_MAX {
            return Err(E_SIZE);
        }
    }
    if lo_v > DUP_MAX {
        return Err(E_SIZE);
    }
    let q = match (comma, hi) {
        (false, _) => format!("{{{}}}", lo_v),
        (true, None) => format!("{{{},}}", lo_v),
        (true, Some(h)) => format!("{{{},{}}}", lo_v, h),
    };
    Ok((q, end))
}

/// Translate a POSIX pattern into regex-lite syntax. Returns the text and whether it used a
/// back-reference.
pub(super) fn translate(pat: &str, flavor: Flavor, lenient: bool) -> Result<(String, bool), ReErr> {
    if pat.len() > MAX_PATTERN {
        return Err(E_SIZE);
    }
    let s: Vec<char> = pat.chars().collect();
    let mut t = Tr {
        out: String::with_capacity(pat.len() * 2),
        open: Vec::new(),
        closed_groups: 0,
        atom: None,
        last_quant: false,
        backref: false,
    };
    let bre = flavor == Flavor::Bre;
    // "start context": beginning of the expression, after an open group or an alternation.
    let mut start_ctx = true;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let was_start = start_ctx;
        start_ctx = false;
        if bre {
            match c {
                '\\' => {
                    let n = match s.get(i + 1) {
                        Some(&n) => n,
                        None => return Err(E_ESCAPE),
                    };
                    i += 2;
                    match n {
                        '(' => {
                            t.open()?;
                            start_ctx = true;
                        }
                        ')' => {
                            if !t.close() {
                                return Err(E_PAREN);
                            }
                        }
                        '|' => {
                            t.alt();
                            start_ctx = true;
                        }
                        '{' => {
                            if t.atom.is_none() {
                                if lenient {
                                    t.lit('{');
                                    continue;
                                }
                                return Err(E_BADRPT);
                            }
                            let (q, end) = interval(&s, i, true)?;
                            t.quant(&q);
                            i = end;
                        }
                        '+' | '?' => {
                            if t.atom.is_none() {
                                t.lit(n);
                            } else {
                                t.quant(if n == '+' { "+" } else { "?" });
                            }
                        }
                        '1'..='9' => t.backref(n as u32 - '0' as u32)?,
                        _ => {
                            if !t.gnu_escape(n) {
                                t.lit(n);
                            }
                        }
                    }
                    continue;
                }
                '[' => {
                    let (cls, end) = bracket(&s, i + 1)?;
                    t.atom(&cls);
                    i = end;
                    continue;
                }
                '.' => t.atom("."),
                '*' => {
                    if t.atom.is_none() {
                        t.lit('*');
                    } else {
                        t.quant("*");
                    }
                }
                '^' => {
                    if was_start {
                        t.anchor("^");
                        // `^*`: the star is literal
                        start_ctx = true;
                    } else {
                        t.lit('^');
                    }
                }
                '$' => {
                    let at_end = i + 1 == s.len()
                        || (s[i + 1] == '\\' && matches!(s.get(i + 2), Some(')') | Some('|')));
                    if at_end {
                        t.anchor("$");
                    } else {
                        t.lit('$');
                    }
                }
                _ => t.lit(c),
            }
            i += 1;
        } else {
            match c {
                '\\' => {
                    let n = match s.get(i + 1) {
                        Some(&n) => n,
                        None => return Err(E_ESCAPE),
                    };
                    i += 2;
                    match n {
                        '1'..='9' => t.backref(n as u32 - '0' as u32)?,
                        _ => {
                            if !t.gnu_escape(n) {
                                t.lit(n);
                            }
                        }
                    }
                    continue;
                }
                '(' => {
                    t.open()?;
                    start_ctx = true;
                }
                ')' => {
                    if !t.close() {
                        t.lit(')');
                    }
                }
                '|' => {
                    t.alt();
                    start_ctx = true;
                }
                '*' | '+' | '?' => {
                    if t.atom.is_none() {
                        if lenient || (c == '*' && !was_start && !t.out.ends_with('^')) {
                            t.lit(c);
                        } else {
                            return Err(E_BADRPT);
                        }
                    } else {
                        t.quant(match c {
                            '*' => "*",
                            '+' => "+",
                            _ => "?",
                        });
                    }
                }
                '{' => {
                    if t.atom.is_none() {
                        if lenient {
                            t.lit('{');
                            i += 1;
                            continue;
                        }
                        return Err(E_BADRPT);
                    }
                    match interval(&s, i + 1, false) {
                        Ok((q, end)) => {
                            t.quant(&q);
                            i = end;
                            continue;
                        }
                        Err(e) => {
                            if lenient && e != E_SIZE {
                                t.lit('{');
                            } else {
                                return Err(e);
                            }
                        }
                    }
                }
                '[' => {
                    let (cls, end) = bracket(&s, i + 1)?;
                    t.atom(&cls);
                    i = end;
                    continue;
                }
                '.' => t.atom("."),
                '^' => {
                    t.anchor("^");
                }
                '$' => t.anchor("$"),
                _ => t.lit(c),
            }
            i += 1;
        }
    }
    if !t.open.is_empty() {
        return Err(E_PAREN);
    }
    Ok((t.out, t.backref))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, f: Flavor, hay: &str) -> Option<(usize, usize)> {
        let rx = Rx::new(p, f, false, false).expect("compile");
        let mut left = 1000u64;
        let mut b = Budget::new(&mut left);
        rx.find_at(hay, 0, &mut b).ok().flatten()
    }

    #[test]
    fn bre_basics() {
        assert_eq!(m("a*b", Flavor::Bre, "xaab"), Some((1, 4)));
        assert_eq!(m("*a", Flavor::Bre, "x*a"), Some((1, 3)));
        assert_eq!(m("a+", Flavor::Bre, "aa+"), Some((1, 3)));
        assert_eq!(m("a\\+", Flavor::Bre, "baa"), Some((1, 3)));
        assert_eq!(m("\\(ab\\)\\{2\\}", Flavor::Bre, "xababx"), Some((1, 5)));
        assert_eq!(m("a^b$c", Flavor::Bre, "a^b$c"), Some((0, 5)));
        assert_eq!(m("[]a]*", Flavor::Bre, "]a]x"), Some((0, 3)));
        assert_eq!(m("[^[:digit:]]", Flavor::Bre, "12a"), Some((2, 3)));
        assert_eq!(m("a**", Flavor::Bre, "aaa"), Some((0, 3)));
        assert_eq!(m("a.c", Flavor::Ere, "a\nc"), Some((0, 3)));
        assert_eq!(m("(a|b)+", Flavor::Ere, "xabba"), Some((1, 5)));
        assert_eq!(m("[\\]", Flavor::Ere, "a\\"), Some((1, 2)));
        assert_eq!(m("\\<b", Flavor::Ere, "ab b"), Some((3, 4)));
    }

    #[test]
    fn errors() {
        let e = |p: &str, f| Rx::new(p, f, false, false).err().map(|e| e.msg());
        assert_eq!(e("\\(a", Flavor::Bre), Some("Unmatched ( or \\("));
        assert_eq!(e("a\\{1", Flavor::Bre), Some("Unmatched \\{"));
        assert_eq!(e("[b-a]", Flavor::Bre), Some("Invalid range end"));
        assert_eq!(
            e("*a", Flavor::Ere),
            Some("Invalid preceding regular expression")
        );
        assert_eq!(
            e("[[:foo:]]", Flavor::Ere),
            Some("Invalid character class name")
        );
        assert!(Rx::new("\\(a\\)\\1", Flavor::Bre, false, false)
            .map(|r| r.backref)
            .unwrap_or(false));
        let deep = "(".repeat(100_000);
        assert!(Rx::new(&deep, Flavor::Ere, false, false).is_err());
    }
}
