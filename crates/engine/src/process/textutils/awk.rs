//! `awk` — an interpreter for the busybox awk dialect (`editors/awk.c`).
//!
//! Modelled: `-F SEP` (single char, `' '`, regex, escapes such as `\t`), `-v var=val`, `-f FILE`
//! (read through Files; several are concatenated and reported), `-e PROG`; operands `var=val`
//! and files (`-` = stdin); BEGIN/END, expression and `/re/` patterns, ranges `p1,p2`;
//! statements print/printf (optionally parenthesised), if/else, while, do-while, for(;;),
//! for (k in a), break, continue, next, nextfile, exit [code], return, delete a[k] / delete a,
//! getline (plain, `getline var`, `< file`); expressions with busybox's value model (numbers,
//! strings, "user" strnums from input, uninitialised values; comparisons numeric only when both
//! sides are numeric), fields with `$0` rebuilt with OFS on assignment, NF/NR/FNR/FS/OFS/ORS/RS
//! (newline, single char, paragraph and regex)/FILENAME/SUBSEP/CONVFMT/OFMT/RSTART/RLENGTH/
//! IGNORECASE/ARGC/ARGV, associative arrays iterated in busybox's hash order, `in`,
//! concatenation, `+ - * / % ^ **`, `?:`, assignment operators, `++ --`, `~ !~`, `&& || !`, and
//! the builtins length substr index split sub gsub gensub match sprintf toupper tolower int sqrt
//! exp log sin cos atan2 rand srand (glibc's generator, seed 1 as busybox) and/or/xor/lshift/
//! rshift/compl; user functions with array parameters by reference (recursion bounded at 200).
//! Strings are byte strings as in busybox (length/substr/index count bytes).
//!
//! Not modelled (reported in `unsupported`): output redirection and pipes (`print > "f"` is
//! dropped unless the target is /dev/stdout or /dev/stderr), `cmd | getline`, system(),
//! systime/strftime/mktime, ENVIRON contents, `srand()` without argument (uses seed 0).
// Style lints allowed here: `to_*` methods convert awk cells by value; `!(a < b)` keeps awk's NaN comparisons exact; the loops mirror busybox awk's control flow.
#![allow(
    clippy::wrong_self_convention,
    clippy::neg_cmp_op_on_partial_ord,
    clippy::while_let_loop,
    clippy::needless_late_init
)]

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::printf::Spec;
use super::regex::{Flavor, Rx};
use super::{getopt, strtod_prefix, Ctx, Open, Stop, MAX_TEXT};

// ---------------------------------------------------------------- values

const NUMBER: u8 = 1;
const CACHED: u8 = 2;
const USER: u8 = 4;
const DIRTY: u8 = 8;

/// A busybox `var`: flags, number and string.
#[derive(Clone, Debug, Default)]
struct Var {
    f: u8,
    n: f64,
    s: Option<Rc<str>>,
}

impl Var {
    fn num(n: f64) -> Var {
        Var {
            f: NUMBER | DIRTY,
            n,
            s: None,
        }
    }
    fn str(s: &str) -> Var {
        Var {
            f: DIRTY,
            n: 0.0,
            s: if s.is_empty() {
                None
            } else {
                Some(Rc::from(s))
            },
        }
    }
    fn user(s: &str) -> Var {
        let mut v = Var::str(s);
        v.f |= USER;
        v
    }
    /// `copyvar` into a fresh destination.
    fn copied(&self) -> Var {
        Var {
            f: DIRTY | (self.f & (NUMBER | CACHED | USER)),
            n: self.n,
            s: self.s.clone(),
        }
    }
    /// `getvar_i`.
    fn to_num(&mut self) -> f64 {
        if self.f & (NUMBER | CACHED) == 0 {
            self.n = 0.0;
            match &self.s {
                Some(s) if !s.is_empty() => {
                    let b = s.as_bytes();
                    let (v, used) = strtod_prefix(b);
                    self.n = v;
                    if self.f & USER != 0 {
                        let mut i = used;
                        loop {
                            if i + 1 < b.len() && b[i] == b'\\' && b[i + 1] == b'\n' {
                                i += 2;
                            } else if i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                                i += 1;
                            } else {
                                break;
                            }
                        }
                        if i < b.len() || used == 0 {
                            self.f &= !USER;
                        }
                    }
                }
                _ => self.f &= !USER,
            }
            self.f |= CACHED;
        }
        self.n
    }
    /// `is_numeric`.
    fn is_numeric(&mut self) -> bool {
        self.to_num();
        ((self.f ^ DIRTY) & (NUMBER | USER | DIRTY)) != 0
    }
    fn raw_str(&self) -> &str {
        self.s.as_deref().unwrap_or("")
    }
}

/// C `(long long)d` on x86-64 (out of range and NaN give LLONG_MIN).
fn c_ll(d: f64) -> i64 {
    if d.is_nan() || !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&d) {
        i64::MIN
    } else {
        d as i64
    }
}

/// C `(int)d` on x86-64.
fn c_int(d: f64) -> i32 {
    if d.is_nan() || d >= 2147483648.0 || d <= -2147483649.0 {
        i32::MIN
    } else {
        d as i32
    }
}

// ---------------------------------------------------------------- arrays (busybox hash)

const PRIMES: [usize; 5] = [251, 1021, 4093, 16381, 65521];

/// Busybox's `xhash`, reproduced so that `for (k in a)` visits keys in busybox's order.
#[derive(Debug)]
struct BbHash {
    csize: usize,
    nprime: usize,
    nel: usize,
    /// Each bucket's chain, tail first (the head is the last element).
    buckets: Vec<Vec<(Rc<str>, Var)>>,
}

fn hashidx(name: &str) -> u32 {
    let mut idx: u32 = 0;
    for &c in name.as_bytes() {
        idx = (c as i8 as i32 as u32)
            .wrapping_add(idx << 6)
            .wrapping_sub(idx);
    }
    idx
}

impl BbHash {
    fn new() -> Self {
        BbHash {
            csize: 61,
            nprime: 0,
            nel: 0,
            buckets: vec![Vec::new(); 61],
        }
    }
    fn get(&self, k: &str) -> Option<&Var> {
        let b = &self.buckets[hashidx(k) as usize % self.csize];
        b.iter().rev().find(|(n, _)| &**n == k).map(|(_, v)| v)
    }
    fn rebuild(&mut self) {
        if self.nprime == PRIMES.len() {
            return;
        }
        let newsize = PRIMES[self.nprime];
        self.nprime += 1;
        let mut nb: Vec<Vec<(Rc<str>, Var)>> = vec![Vec::new(); newsize];
        for bucket in std::mem::take(&mut self.buckets) {
            for item in bucket.into_iter().rev() {
                let i = hashidx(&item.0) as usize % newsize;
                nb[i].push(item);
            }
        }
        self.buckets = nb;
        self.csize = newsize;
    }
    /// `hash_find`: the element, created if missing.
    fn get_mut(&mut self, k: &str) -> &mut Var {
        let h = hashidx(k) as usize;
        let pos = self.buckets[h % self.csize]
            .iter()
            .position(|(n, _)| &**n == k);
        if let Some(p) = pos {
            return &mut self.buckets[h % self.csize][p].1;
        }
        self.nel += 1;
        if self.nel > self.csize * 8 {
            self.rebuild();
        }
        let b = &mut self.buckets[h % self.csize];
        b.push((Rc::from(k), Var::default()));
        let last = b.len() - 1;
        &mut b[last].1
    }
    fn remove(&mut self, k: &str) {
        let i = hashidx(k) as usize % self.csize;
        if let Some(p) = self.buckets[i].iter().position(|(n, _)| &**n == k) {
            self.buckets[i].remove(p);
            self.nel -= 1;
        }
    }
    fn clear(&mut self) {
        for b in self.buckets.iter_mut() {
            b.clear();
        }
        self.nel = 0;
    }
    fn keys(&self) -> Vec<Rc<str>> {
        let mut v = Vec::with_capacity(self.nel);
        for b in &self.buckets {
            for (k, _) in b.iter().rev() {
                v.push(k.clone());
            }
        }
        v
    }
}

type Arr = Rc<RefCell<BbHash>>;

// ---------------------------------------------------------------- lexer

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum B {
    Length,
    Substr,
    Index,
    Split,
    Sub,
    Gsub,
    Gensub,
    Match,
    Sprintf,
    Sin,
    Cos,
    Atan2,
    Exp,
    Log,
    Sqrt,
    Int,
    Rand,
    Srand,
    Tolower,
    Toupper,
    System,
    Close,
    Fflush,
    And,
    Or,
    Xor,
    Lshift,
    Rshift,
    Compl,
    Systime,
    Strftime,
    Mktime,
}

fn builtin(name: &str) -> Option<B> {
    Some(match name {
        "length" => B::Length,
        "substr" => B::Substr,
        "index" => B::Index,
        "split" => B::Split,
        "sub" => B::Sub,
        "gsub" => B::Gsub,
        "gensub" => B::Gensub,
        "match" => B::Match,
        "sprintf" => B::Sprintf,
        "sin" => B::Sin,
        "cos" => B::Cos,
        "atan2" => B::Atan2,
        "exp" => B::Exp,
        "log" => B::Log,
        "sqrt" => B::Sqrt,
        "int" => B::Int,
        "rand" => B::Rand,
        "srand" => B::Srand,
        "tolower" => B::Tolower,
        "toupper" => B::Toupper,
        "system" => B::System,
        "close" => B::Close,
        "fflush" => B::Fflush,
        "and" => B::And,
        "or" => B::Or,
        "xor" => B::Xor,
        "lshift" => B::Lshift,
        "rshift" => B::Rshift,
        "compl" => B::Compl,
        "systime" => B::Systime,
        "strftime" => B::Strftime,
        "mktime" => B::Mktime,
        _ => return None,
    })
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Regex(String),
    Name(String),
    Func(String),
    Builtin(B),
    Kw(&'static str),
    P(&'static str),
    Newline,
    Eof,
}

const KEYWORDS: &[&str] = &[
    "BEGIN", "END", "function", "func", "if", "else", "while", "for", "do", "break", "continue",
    "next", "nextfile", "exit", "return", "delete", "in", "getline", "print", "printf",
];

const PUNCT: &[&str] = &[
    "**=", "**", "^=", "+=", "-=", "*=", "/=", "%=", "==", "<=", ">=", "!=", "++", "--", "&&",
    "||", ">>", "!~", "{", "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!",
    ">", "<", "|", "?", ":", "~", "$", "=",
];

struct Lexer<'s> {
    s: &'s [u8],
    pos: usize,
    line: u32,
    prev_operand: bool,
}

/// Parse-time error: message (without the `awk: PROG:LINE: ` prefix) and line.
#[derive(Debug)]
struct SynErr {
    msg: String,
    line: u32,
}

impl<'s> Lexer<'s> {
    fn err(&self, m: &str) -> SynErr {
        SynErr {
            msg: m.to_string(),
            line: self.line,
        }
    }

    fn next(&mut self) -> Result<Tok, SynErr> {
        let t = self.lex()?;
        self.prev_operand = matches!(
            t,
            Tok::Num(_)
                | Tok::Str(_)
                | Tok::Regex(_)
                | Tok::Name(_)
                | Tok::Builtin(B::Length)
                | Tok::P(")")
                | Tok::P("]")
                | Tok::P("++")
                | Tok::P("--")
        );
        Ok(t)
    }

    fn lex(&mut self) -> Result<Tok, SynErr> {
        let s = self.s;
        loop {
            while self.pos < s.len()
                && (s[self.pos] == b' ' || s[self.pos] == b'\t' || s[self.pos] == b'\r')
            {
                self.pos += 1;
            }
            if self.pos + 1 < s.len() && s[self.pos] == b'\\' && s[self.pos + 1] == b'\n' {
                self.pos += 2;
                self.line += 1;
                continue;
            }
            if self.pos + 2 < s.len()
                && s[self.pos] == b'\\'
                && s[self.pos + 1] == b'\r'
                && s[self.pos + 2] == b'\n'
            {
                self.pos += 3;
                self.line += 1;
                continue;
            }
            if self.pos < s.len() && s[self.pos] == b'#' {
                while self.pos < s.len() && s[self.pos] != b'\n' {
                    self.pos += 1;
                }
            }
            break;
        }
        if self.pos >= s.len() {
            return Ok(Tok::Eof);
        }
        let c = s[self.pos];
        if c == b'\n' {
            self.pos += 1;
            self.line += 1;
            return Ok(Tok::Newline);
        }
        if c == b'"' {
            self.pos += 1;
            let mut out: Vec<u8> = Vec::new();
            loop {
                if self.pos >= s.len() || s[self.pos] == b'\n' {
                    return Err(self.err("Unexpected end of string"));
                }
                let ch = s[self.pos];
                if ch == b'"' {
                    self.pos += 1;
                    break;
                }
                self.pos += 1;
                if ch == b'\\' {
                    let (b, np) = super::printf::escape_seq(s, self.pos);
                    if b == b'\\' && np == self.pos {
                        // unrecognised \z: z itself
                        match s.get(self.pos) {
                            Some(&z) => {
                                self.pos += 1;
                                if z == b'\n' {
                                    self.line += 1;
                                    continue;
                                }
                                out.push(z);
                            }
                            None => out.push(b'\\'),
                        }
                    } else {
                        out.push(b);
                        self.pos = np;
                    }
                } else {
                    out.push(ch);
                }
            }
            return Ok(Tok::Str(String::from_utf8_lossy(&out).into_owned()));
        }
        if c == b'/' && !self.prev_operand {
            self.pos += 1;
            let mut out: Vec<u8> = Vec::new();
            loop {
                if self.pos >= s.len() || s[self.pos] == b'\n' {
                    return Err(self.err("Unexpected end of string"));
                }
                let ch = s[self.pos];
                self.pos += 1;
                if ch == b'/' {
                    break;
                }
                if ch == b'\\' {
                    let (b, np) = super::printf::escape_seq(s, self.pos);
                    if np == self.pos {
                        out.push(b'\\');
                        if let Some(&z) = s.get(self.pos) {
                            out.push(z);
                            self.pos += 1;
                        }
                    } else {
                        out.push(b);
                        if s[self.pos] == b'\\' {
                            out.push(b'\\');
                        }
                        self.pos = np;
                    }
                } else {
                    out.push(ch);
                }
            }
            return Ok(Tok::Regex(String::from_utf8_lossy(&out).into_owned()));
        }
        if c.is_ascii_digit() || c == b'.' {
            let rest = &s[self.pos..];
            let (v, used) = program_number(rest);
            if used == 0 {
                return Err(self.err("Unexpected token"));
            }
            self.pos += used;
            if self.pos < s.len() && s[self.pos] == b'.' {
                return Err(self.err("Unexpected token"));
            }
            return Ok(Tok::Num(v));
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let st = self.pos;
            while self.pos < s.len() && (s[self.pos].is_ascii_alphanumeric() || s[self.pos] == b'_')
            {
                self.pos += 1;
            }
            let name = std::str::from_utf8(&s[st..self.pos])
                .unwrap_or("")
                .to_string();
            if let Some(k) = KEYWORDS.iter().find(|k| **k == name) {
                return Ok(Tok::Kw(k));
            }
            if let Some(b) = builtin(&name) {
                return Ok(Tok::Builtin(b));
            }
            if self.pos < s.len() && s[self.pos] == b'(' {
                self.pos += 1;
                return Ok(Tok::Func(name));
            }
            return Ok(Tok::Name(name));
        }
        for p in PUNCT {
            if s[self.pos..].starts_with(p.as_bytes()) {
                self.pos += p.len();
                return Ok(Tok::P(p));
            }
        }
        Err(self.err("Unexpected token"))
    }
}

/// Number in program text (busybox DESKTOP: hex `0x..` and octal `0..` integers).
fn program_number(s: &[u8]) -> (f64, usize) {
    if s.first() == Some(&b'0') && s.len() > 1 {
        let c = s[1] | 0x20;
        if c == b'x' {
            let mut i = 2;
            let mut v: f64 = 0.0;
            while i < s.len() && s[i].is_ascii_hexdigit() {
                v = v * 16.0 + (s[i] as char).to_digit(16).unwrap_or(0) as f64;
                i += 1;
            }
            if i == 2 {
                return (0.0, 1);
            }
            return (v, i);
        }
        if s[1].is_ascii_digit() {
            let mut i = 1;
            let mut v: f64 = 0.0;
            while i < s.len() && (b'0'..=b'7').contains(&s[i]) {
                v = v * 8.0 + (s[i] - b'0') as f64;
                i += 1;
            }
            let next = s.get(i).copied().unwrap_or(0);
            if !next.is_ascii_digit() && next != b'.' {
                return (v, i);
            }
        }
    }
    if s.first() == Some(&b'.') && !s.get(1).is_some_and(|c| c.is_ascii_digit()) {
        return (0.0, 0);
    }
    let (v, used) = strtod_prefix(s);
    // strtod would accept "inf"/"nan"/hex here only at a digit start; digits start numbers
    (v, used)
}

// ---------------------------------------------------------------- AST

#[derive(Clone, Copy, Debug, PartialEq)]
enum Vid {
    G(usize),
    L(usize),
}

#[derive(Debug)]
enum Ex {
    Num(f64),
    Str(Rc<str>),
    Re(usize),
    Var(Vid),
    Elem(Vid, Box<Ex>),
    Field(Box<Ex>),
    Group(Box<Ex>),
    Assign(Option<char>, Box<Ex>, Box<Ex>),
    Cond(Box<Ex>, Box<Ex>, Box<Ex>),
    Or(Box<Ex>, Box<Ex>),
    And(Box<Ex>, Box<Ex>),
    In(Box<Ex>, Vid),
    Match(bool, Box<Ex>, Box<Ex>),
    Cmp(&'static str, Box<Ex>, Box<Ex>),
    Concat(Box<Ex>, Box<Ex>),
    Bin(char, Box<Ex>, Box<Ex>),
    Neg(Box<Ex>),
    Plus(Box<Ex>),
    Not(Box<Ex>),
    IncDec(bool, f64, Box<Ex>),
    Call(usize, Vec<Ex>),
    Builtin(B, Vec<Ex>),
    Getline(Gsrc, Option<Box<Ex>>),
    /// `(a, b)` subscript list joined with SUBSEP.
    Subsep(Vec<Ex>),
}

#[derive(Debug)]
enum Gsrc {
    Main,
    File(Box<Ex>),
    Cmd(Box<Ex>),
}

#[derive(Debug)]
enum St {
    Expr(Ex),
    Print(Vec<Ex>, Option<(&'static str, Ex)>),
    Printf(Vec<Ex>, Option<(&'static str, Ex)>),
    If(Ex, Box<Stmt>, Option<Box<Stmt>>),
    While(Ex, Box<Stmt>),
    Do(Box<Stmt>, Ex),
    For(Option<Ex>, Option<Ex>, Option<Ex>, Box<Stmt>),
    ForIn(Vid, Vid, Box<Stmt>),
    Block(Vec<Stmt>),
    Next,
    NextFile,
    Exit(Option<Ex>),
    Return(Option<Ex>),
    Break,
    Continue,
    Delete(Vid, Option<Ex>),
    Nop,
}

#[derive(Debug)]
struct Stmt {
    k: St,
    line: u32,
}

#[derive(Debug)]
enum Pattern {
    All,
    Expr(Ex),
    Range(Ex, Ex),
}

struct Rule {
    pat: Pattern,
    action: Option<Vec<Stmt>>,
    in_range: bool,
}

struct Func {
    nparams: usize,
    body: Option<Rc<Vec<Stmt>>>,
}

// ---------------------------------------------------------------- parser

const MAX_PARSE_DEPTH: u32 = 120;

struct Parser<'s> {
    lx: Lexer<'s>,
    tok: Tok,
    prev_was_newline: bool,
    depth: u32,
    globals: &'s mut HashMap<String, usize>,
    nglobals: &'s mut usize,
    funcs: &'s mut Vec<Func>,
    func_idx: &'s mut HashMap<String, usize>,
    regexes: &'s mut Vec<Rx>,
    re_src: &'s mut Vec<String>,
    params: Option<HashMap<String, usize>>,
    begin: &'s mut Vec<Stmt>,
    end: &'s mut Vec<Stmt>,
    rules: &'s mut Vec<Rule>,
    loop_depth: u32,
    notes: Vec<String>,
}

type PR<T> = Result<T, SynErr>;

impl<'s> Parser<'s> {
    fn advance(&mut self) -> PR<()> {
        self.prev_was_newline = matches!(self.tok, Tok::Newline);
        self.tok = self.lx.next()?;
        Ok(())
    }
    fn unexpected(&self) -> SynErr {
        let msg = if self.prev_was_newline {
            "Unexpected end of string"
        } else {
            "Unexpected token"
        };
        SynErr {
            msg: msg.to_string(),
            line: self.lx.line,
        }
    }
    fn is_p(&self, p: &str) -> bool {
        matches!(&self.tok, Tok::P(q) if *q == p)
    }
    fn is_kw(&self, k: &str) -> bool {
        matches!(&self.tok, Tok::Kw(q) if *q == k)
    }
    fn expect_p(&mut self, p: &str) -> PR<()> {
        if self.is_p(p) {
            self.advance()
        } else {
            Err(self.unexpected())
        }
    }
    fn skip_nl(&mut self) -> PR<()> {
        while matches!(self.tok, Tok::Newline) {
            self.advance()?;
        }
        Ok(())
    }
    fn skip_terms(&mut self) -> PR<()> {
        while matches!(self.tok, Tok::Newline) || self.is_p(";") {
            self.advance()?;
        }
        Ok(())
    }
    fn enter(&mut self) -> PR<()> {
        self.depth += 1;
        if self.depth > MAX_PARSE_DEPTH {
            self.notes.push(format!(
                "awk: programs nested deeper than {} levels are not modelled",
                MAX_PARSE_DEPTH
            ));
            return Err(SynErr {
                msg: "Expression too deeply nested".into(),
                line: self.lx.line,
            });
        }
        Ok(())
    }
    fn leave(&mut self) {
        self.depth -= 1;
    }
    fn var_id(&mut self, name: &str) -> Vid {
        if let Some(p) = &self.params {
            if let Some(&i) = p.get(name) {
                return Vid::L(i);
            }
        }
        if let Some(&g) = self.globals.get(name) {
            return Vid::G(g);
        }
        let g = *self.nglobals;
        *self.nglobals += 1;
        self.globals.insert(name.to_string(), g);
        Vid::G(g)
    }
    fn func_id(&mut self, name: &str) -> usize {
        if let Some(&i) = self.func_idx.get(name) {
            return i;
        }
        self.funcs.push(Func {
            nparams: 0,
            body: None,
        });
        let i = self.funcs.len() - 1;
        self.func_idx.insert(name.to_string(), i);
        i
    }
    fn regex(&mut self, pat: &str) -> PR<usize> {
        match Rx::new(pat, Flavor::Ere, false, false) {
            Ok(r) => {
                if r.backref {
                    self.notes.push("awk: back-references in regular expressions are not modelled; assumed no match".into());
                }
                self.regexes.push(r);
                self.re_src.push(pat.to_string());
                Ok(self.regexes.len() - 1)
            }
            Err(e) => Err(SynErr {
                msg: format!("\u{0}bad regex '{}': {}", pat, e.msg()),
                line: self.lx.line,
            }),
        }
    }

    fn program(&mut self) -> PR<()> {
        self.advance()?;
        loop {
            self.skip_terms()?;
            match self.tok.clone() {
                Tok::Eof => return Ok(()),
                Tok::Kw("BEGIN") => {
                    self.advance()?;
                    let b = self.block()?;
                    self.begin.extend(b);
                }
                Tok::Kw("END") => {
                    self.advance()?;
                    let b = self.block()?;
                    self.end.extend(b);
                }
                Tok::Kw("function") | Tok::Kw("func") => {
                    self.advance()?;
                    let name = match self.tok.clone() {
                        Tok::Func(n) => {
                            self.advance()?;
                            n
                        }
                        Tok::Name(n) => {
                            self.advance()?;
                            self.expect_p("(")?;
                            n
                        }
                        _ => return Err(self.unexpected()),
                    };
                    let fi = self.func_id(&name);
                    if self.funcs[fi].body.is_some() {
                        return Err(SynErr {
                            msg: "Duplicate function".into(),
                            line: self.lx.line,
                        });
                    }
                    let mut params = HashMap::new();
                    let mut n = 0;
                    loop {
                        self.skip_nl()?;
                        match self.tok.clone() {
                            Tok::P(")") if n == 0 => {
                                self.advance()?;
                                break;
                            }
                            Tok::Name(p) => {
                                params.insert(p, n);
                                n += 1;
                                self.advance()?;
                                self.skip_nl()?;
                                if self.is_p(")") {
                                    self.advance()?;
                                    break;
                                }
                                self.expect_p(",")?;
                            }
                            _ => return Err(self.unexpected()),
                        }
                    }
                    self.skip_nl()?;
                    self.params = Some(params);
                    self.funcs[fi].nparams = n;
                    let body = self.block()?;
                    self.params = None;
                    self.funcs[fi].body = Some(Rc::new(body));
                }
                Tok::P("{") => {
                    let b = self.block()?;
                    self.rules.push(Rule {
                        pat: Pattern::All,
                        action: Some(b),
                        in_range: false,
                    });
                }
                _ => {
                    let e = self.expr(false)?;
                    let pat = if self.is_p(",") {
                        self.advance()?;
                        self.skip_nl()?;
                        let e2 = self.expr(false)?;
                        Pattern::Range(e, e2)
                    } else {
                        Pattern::Expr(e)
                    };
                    let action = if self.is_p("{") {
                        Some(self.block()?)
                    } else {
                        None
                    };
                    self.rules.push(Rule {
                        pat,
                        action,
                        in_range: false,
                    });
                }
            }
        }
    }

    /// `{ statements }`
    fn block(&mut self) -> PR<Vec<Stmt>> {
        self.enter()?;
        self.expect_p("{")?;
        let mut v = Vec::new();
        loop {
            self.skip_terms()?;
            if self.is_p("}") {
                self.advance()?;
                break;
            }
            if matches!(self.tok, Tok::Eof) {
                return Err(self.unexpected());
            }
            v.push(self.stmt()?);
        }
        self.leave();
        Ok(v)
    }

    /// End of a simple statement.
    fn terminator(&mut self) -> PR<()> {
        if self.is_p(";") || matches!(self.tok, Tok::Newline) {
            self.advance()?;
            return Ok(());
        }
        if self.is_p("}") || matches!(self.tok, Tok::Eof) {
            return Ok(());
        }
        Err(self.unexpected())
    }

    fn body(&mut self) -> PR<Stmt> {
        self.skip_nl()?;
        if self.is_p(";") {
            let line = self.lx.line;
            self.advance()?;
            return Ok(Stmt { k: St::Nop, line });
        }
        self.stmt()
    }

    fn simple_or_block_end(&mut self) -> PR<()> {
        self.terminator()
    }

    fn stmt(&mut self) -> PR<Stmt> {
        self.enter()?;
        let line = self.lx.line;
        let k = match self.tok.clone() {
            Tok::P("{") => St::Block(self.block()?),
            Tok::Kw("if") => {
                self.advance()?;
                self.expect_p("(")?;
                let c = self.expr(false)?;
                self.expect_p(")")?;
                let then = self.body()?;
                // look for else past newlines / one semicolon
                let save_pos = (
                    self.lx.pos,
                    self.lx.line,
                    self.tok.clone(),
                    self.lx.prev_operand,
                    self.prev_was_newline,
                );
                self.skip_terms()?;
                if self.is_kw("else") {
                    self.advance()?;
                    let e = self.body()?;
                    St::If(c, Box::new(then), Some(Box::new(e)))
                } else {
                    self.lx.pos = save_pos.0;
                    self.lx.line = save_pos.1;
                    self.tok = save_pos.2;
                    self.lx.prev_operand = save_pos.3;
                    self.prev_was_newline = save_pos.4;
                    St::If(c, Box::new(then), None)
                }
            }
            Tok::Kw("while") => {
                self.advance()?;
                self.expect_p("(")?;
                let c = self.expr(false)?;
                self.expect_p(")")?;
                if self.is_p(";") {
                    self.advance()?;
                    St::While(c, Box::new(Stmt { k: St::Nop, line }))
                } else {
                    self.loop_depth += 1;
                    let b = self.body()?;
                    self.loop_depth -= 1;
                    St::While(c, Box::new(b))
                }
            }
            Tok::Kw("do") => {
                self.advance()?;
                self.loop_depth += 1;
                let b = self.body()?;
                self.loop_depth -= 1;
                self.skip_terms()?;
                if !self.is_kw("while") {
                    return Err(self.unexpected());
                }
                self.advance()?;
                self.expect_p("(")?;
                let c = self.expr(false)?;
                self.expect_p(")")?;
                self.terminator()?;
                St::Do(Box::new(b), c)
            }
            Tok::Kw("for") => {
                self.advance()?;
                self.expect_p("(")?;
                // for (k in a)
                if let Tok::Name(n) = self.tok.clone() {
                    let save = (
                        self.lx.pos,
                        self.lx.line,
                        self.tok.clone(),
                        self.lx.prev_operand,
                        self.prev_was_newline,
                    );
                    self.advance()?;
                    if self.is_kw("in") {
                        self.advance()?;
                        if let Tok::Name(a) = self.tok.clone() {
                            self.advance()?;
                            if self.is_p(")") {
                                self.advance()?;
                                let k = self.var_id(&n);
                                let av = self.var_id(&a);
                                self.loop_depth += 1;
                                let b = self.body()?;
                                self.loop_depth -= 1;
                                self.leave();
                                return Ok(Stmt {
                                    k: St::ForIn(k, av, Box::new(b)),
                                    line,
                                });
                            }
                        }
                    }
                    self.lx.pos = save.0;
                    self.lx.line = save.1;
                    self.tok = save.2;
                    self.lx.prev_operand = save.3;
                    self.prev_was_newline = save.4;
                }
                let init = if self.is_p(";") {
                    None
                } else {
                    Some(self.simple_expr_stmt()?)
                };
                self.expect_p(";")?;
                self.skip_nl()?;
                let cond = if self.is_p(";") {
                    None
                } else {
                    Some(self.expr(false)?)
                };
                self.expect_p(";")?;
                self.skip_nl()?;
                let step = if self.is_p(")") {
                    None
                } else {
                    Some(self.simple_expr_stmt()?)
                };
                self.expect_p(")")?;
                if self.is_p(";") {
                    self.advance()?;
                    St::For(init, cond, step, Box::new(Stmt { k: St::Nop, line }))
                } else {
                    self.loop_depth += 1;
                    let b = self.body()?;
                    self.loop_depth -= 1;
                    St::For(init, cond, step, Box::new(b))
                }
            }
            Tok::P(";") => {
                self.advance()?;
                St::Nop
            }
            _ => {
                let k = self.simple_stmt()?;
                self.simple_or_block_end()?;
                k
            }
        };
        self.leave();
        Ok(Stmt { k, line })
    }

    fn simple_expr_stmt(&mut self) -> PR<Ex> {
        self.expr(false)
    }

    fn simple_stmt(&mut self) -> PR<St> {
        match self.tok.clone() {
            Tok::Kw("print") | Tok::Kw("printf") => {
                let is_printf = self.is_kw("printf");
                self.advance()?;
                let mut args = Vec::new();
                if !(self.is_p(";")
                    || self.is_p("}")
                    || self.is_p(">")
                    || self.is_p(">>")
                    || self.is_p("|")
                    || matches!(self.tok, Tok::Newline | Tok::Eof))
                {
                    args.push(self.expr(true)?);
                    while self.is_p(",") {
                        self.advance()?;
                        self.skip_nl()?;
                        args.push(self.expr(true)?);
                    }
                }
                // print (a, b): a parenthesised list
                if args.len() == 1 {
                    if let Ex::Subsep(_) = &args[0] {
                        if let Some(Ex::Subsep(list)) = args.pop() {
                            args = list;
                        }
                    }
                }
                let redir = if self.is_p(">") || self.is_p(">>") || self.is_p("|") {
                    let op: &'static str = match &self.tok {
                        Tok::P(p) => p,
                        _ => ">",
                    };
                    self.advance()?;
                    let target = self.concat_expr(true)?;
                    Some((op, target))
                } else {
                    None
                };
                if is_printf {
                    if args.is_empty() {
                        return Err(SynErr {
                            msg: "Too few arguments".into(),
                            line: self.lx.line,
                        });
                    }
                    Ok(St::Printf(args, redir))
                } else {
                    Ok(St::Print(args, redir))
                }
            }
            Tok::Kw("next") => {
                self.advance()?;
                Ok(St::Next)
            }
            Tok::Kw("nextfile") => {
                self.advance()?;
                Ok(St::NextFile)
            }
            Tok::Kw("break") => {
                self.advance()?;
                if self.loop_depth == 0 {
                    return Err(SynErr {
                        msg: "'break' not in a loop".into(),
                        line: self.lx.line,
                    });
                }
                Ok(St::Break)
            }
            Tok::Kw("continue") => {
                self.advance()?;
                if self.loop_depth == 0 {
                    return Err(SynErr {
                        msg: "'continue' not in a loop".into(),
                        line: self.lx.line,
                    });
                }
                Ok(St::Continue)
            }
            Tok::Kw("exit") => {
                self.advance()?;
                if self.is_p(";") || self.is_p("}") || matches!(self.tok, Tok::Newline | Tok::Eof) {
                    Ok(St::Exit(None))
                } else {
                    Ok(St::Exit(Some(self.expr(false)?)))
                }
            }
            Tok::Kw("return") => {
                self.advance()?;
                if self.is_p(";") || self.is_p("}") || matches!(self.tok, Tok::Newline | Tok::Eof) {
                    Ok(St::Return(None))
                } else {
                    Ok(St::Return(Some(self.expr(false)?)))
                }
            }
            Tok::Kw("delete") => {
                self.advance()?;
                let name = match self.tok.clone() {
                    Tok::Name(n) => n,
                    _ => {
                        return Err(SynErr {
                            msg: "Not an array".into(),
                            line: self.lx.line,
                        })
                    }
                };
                let v = self.var_id(&name);
                self.advance()?;
                if self.is_p("[") {
                    self.advance()?;
                    let sub = self.subscript()?;
                    Ok(St::Delete(v, Some(sub)))
                } else {
                    Ok(St::Delete(v, None))
                }
            }
            _ => Ok(St::Expr(self.expr(false)?)),
        }
    }

    /// Subscript list after `[`, through `]`.
    fn subscript(&mut self) -> PR<Ex> {
        let mut list = vec![self.expr(false)?];
        while self.is_p(",") {
            self.advance()?;
            self.skip_nl()?;
            list.push(self.expr(false)?);
        }
        self.expect_p("]")?;
        Ok(if list.len() == 1 {
            list.pop().unwrap_or(Ex::Num(0.0))
        } else {
            Ex::Subsep(list)
        })
    }

    /// Full expression (assignment level). `no_gt`: a top-level `>` ends the expression (print).
    fn expr(&mut self, no_gt: bool) -> PR<Ex> {
        self.enter()?;
        let lhs = self.ternary(no_gt)?;
        let op = match &self.tok {
            Tok::P("=") => Some(None),
            Tok::P("+=") => Some(Some('+')),
            Tok::P("-=") => Some(Some('-')),
            Tok::P("*=") => Some(Some('*')),
            Tok::P("/=") => Some(Some('/')),
            Tok::P("%=") => Some(Some('%')),
            Tok::P("^=") | Tok::P("**=") => Some(Some('^')),
            _ => None,
        };
        let r = match op {
            Some(op) if is_lvalue(&lhs) => {
                self.advance()?;
                self.skip_nl()?;
                let rhs = self.expr(no_gt)?;
                Ex::Assign(op, Box::new(lhs), Box::new(rhs))
            }
            _ => lhs,
        };
        self.leave();
        Ok(r)
    }

    fn ternary(&mut self, no_gt: bool) -> PR<Ex> {
        let c = self.or(no_gt)?;
        if self.is_p("?") {
            self.advance()?;
            self.skip_nl()?;
            let a = self.expr(no_gt)?;
            self.skip_nl()?;
            self.expect_p(":")?;
            self.skip_nl()?;
            let b = self.expr(no_gt)?;
            return Ok(Ex::Cond(Box::new(c), Box::new(a), Box::new(b)));
        }
        Ok(c)
    }

    fn or(&mut self, no_gt: bool) -> PR<Ex> {
        let mut l = self.and(no_gt)?;
        while self.is_p("||") {
            self.advance()?;
            self.skip_nl()?;
            let r = self.and(no_gt)?;
            l = Ex::Or(Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn and(&mut self, no_gt: bool) -> PR<Ex> {
        let mut l = self.in_expr(no_gt)?;
        while self.is_p("&&") {
            self.advance()?;
            self.skip_nl()?;
            let r = self.in_expr(no_gt)?;
            l = Ex::And(Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn in_expr(&mut self, no_gt: bool) -> PR<Ex> {
        let mut l = self.match_expr(no_gt)?;
        while self.is_kw("in") {
            self.advance()?;
            let name = match self.tok.clone() {
                Tok::Name(n) => n,
                _ => return Err(self.unexpected()),
            };
            self.advance()?;
            let v = self.var_id(&name);
            l = Ex::In(Box::new(l), v);
        }
        Ok(l)
    }

    fn match_expr(&mut self, no_gt: bool) -> PR<Ex> {
        let mut l = self.cmp(no_gt)?;
        loop {
            let neg = if self.is_p("~") {
                false
            } else if self.is_p("!~") {
                true
            } else {
                return Ok(l);
            };
            self.advance()?;
            self.skip_nl()?;
            let r = self.cmp(no_gt)?;
            l = Ex::Match(neg, Box::new(l), Box::new(r));
        }
    }

    fn cmp(&mut self, no_gt: bool) -> PR<Ex> {
        let mut l = self.concat_expr(no_gt)?;
        loop {
            let op: &'static str = match &self.tok {
                Tok::P(p @ ("<" | "<=" | "==" | "!=" | ">=")) => p,
                Tok::P(">") if !no_gt => ">",
                _ => return Ok(l),
            };
            self.advance()?;
            self.skip_nl()?;
            let r = self.concat_expr(no_gt)?;
            l = Ex::Cmp(op, Box::new(l), Box::new(r));
        }
    }

    fn starts_operand(&self) -> bool {
        match &self.tok {
            Tok::Num(_)
            | Tok::Str(_)
            | Tok::Regex(_)
            | Tok::Name(_)
            | Tok::Func(_)
            | Tok::Builtin(_) => true,
            Tok::P(p) => matches!(*p, "$" | "(" | "!" | "++" | "--" | "-" | "+"),
            Tok::Kw("getline") => false,
            _ => false,
        }
    }

    fn concat_expr(&mut self, no_gt: bool) -> PR<Ex> {
        let mut l = self.additive(no_gt)?;
        loop {
            // `cmd | getline`
            if self.is_p("|") {
                let save = (
                    self.lx.pos,
                    self.lx.line,
                    self.tok.clone(),
                    self.lx.prev_operand,
                    self.prev_was_newline,
                );
                self.advance()?;
                if self.is_kw("getline") {
                    self.advance()?;
                    let lv = self.opt_lvalue()?;
                    l = Ex::Getline(Gsrc::Cmd(Box::new(l)), lv.map(Box::new));
                    continue;
                }
                self.lx.pos = save.0;
                self.lx.line = save.1;
                self.tok = save.2;
                self.lx.prev_operand = save.3;
                self.prev_was_newline = save.4;
                return Ok(l);
            }
            if !self.starts_operand() || self.is_p("-") || self.is_p("+") {
                return Ok(l);
            }
            if self.is_p("!") {
                return Ok(l);
            }
            self.enter()?;
            let r = self.additive(no_gt)?;
            self.leave();
            l = Ex::Concat(Box::new(l), Box::new(r));
        }
    }

    fn additive(&mut self, no_gt: bool) -> PR<Ex> {
        let mut l = self.mult(no_gt)?;
        loop {
            let op = if self.is_p("+") {
                '+'
            } else if self.is_p("-") {
                '-'
            } else {
                return Ok(l);
            };
            self.advance()?;
            self.skip_nl()?;
            let r = self.mult(no_gt)?;
            l = Ex::Bin(op, Box::new(l), Box::new(r));
        }
    }

    fn mult(&mut self, no_gt: bool) -> PR<Ex> {
        let mut l = self.unary(no_gt)?;
        loop {
            let op = if self.is_p("*") {
                '*'
            } else if self.is_p("/") {
                '/'
            } else if self.is_p("%") {
                '%'
            } else {
                return Ok(l);
            };
            self.advance()?;
            self.skip_nl()?;
            let r = self.unary(no_gt)?;
            l = Ex::Bin(op, Box::new(l), Box::new(r));
        }
    }

    fn unary(&mut self, no_gt: bool) -> PR<Ex> {
        self.enter()?;
        let r = if self.is_p("!") {
            self.advance()?;
            let e = self.unary(no_gt)?;
            Ex::Not(Box::new(e))
        } else if self.is_p("-") {
            self.advance()?;
            let e = self.unary(no_gt)?;
            Ex::Neg(Box::new(e))
        } else if self.is_p("+") {
            self.advance()?;
            let e = self.unary(no_gt)?;
            Ex::Plus(Box::new(e))
        } else {
            self.power(no_gt)?
        };
        self.leave();
        Ok(r)
    }

    fn power(&mut self, no_gt: bool) -> PR<Ex> {
        // busybox evaluates `^` left to right: 2^3^2 == 64
        let mut base = self.postfix(no_gt)?;
        while self.is_p("^") || self.is_p("**") {
            self.advance()?;
            self.skip_nl()?;
            self.enter()?;
            let e = if self.is_p("-") {
                self.advance()?;
                Ex::Neg(Box::new(self.postfix(no_gt)?))
            } else if self.is_p("+") {
                self.advance()?;
                self.postfix(no_gt)?
            } else if self.is_p("!") {
                self.advance()?;
                Ex::Not(Box::new(self.postfix(no_gt)?))
            } else {
                self.postfix(no_gt)?
            };
            self.leave();
            base = Ex::Bin('^', Box::new(base), Box::new(e));
        }
        Ok(base)
    }

    fn postfix(&mut self, no_gt: bool) -> PR<Ex> {
        let e = self.primary(no_gt)?;
        if is_lvalue(&e) {
            if self.is_p("++") {
                self.advance()?;
                return Ok(Ex::IncDec(false, 1.0, Box::new(e)));
            }
            if self.is_p("--") {
                self.advance()?;
                return Ok(Ex::IncDec(false, -1.0, Box::new(e)));
            }
        }
        Ok(e)
    }

    fn opt_lvalue(&mut self) -> PR<Option<Ex>> {
        match self.tok.clone() {
            Tok::Name(_) | Tok::P("$") => {
                let e = self.primary(true)?;
                if is_lvalue(&e) {
                    Ok(Some(e))
                } else {
                    Err(self.unexpected())
                }
            }
            _ => Ok(None),
        }
    }

    fn args(&mut self) -> PR<Vec<Ex>> {
        // after '('
        let mut v = Vec::new();
        self.skip_nl()?;
        if self.is_p(")") {
            self.advance()?;
            return Ok(v);
        }
        loop {
            v.push(self.expr(false)?);
            self.skip_nl()?;
            if self.is_p(",") {
                self.advance()?;
                self.skip_nl()?;
                continue;
            }
            self.expect_p(")")?;
            return Ok(v);
        }
    }

    fn primary(&mut self, no_gt: bool) -> PR<Ex> {
        self.enter()?;
        let e = match self.tok.clone() {
            Tok::Num(n) => {
                self.advance()?;
                Ex::Num(n)
            }
            Tok::Str(s) => {
                self.advance()?;
                Ex::Str(Rc::from(s.as_str()))
            }
            Tok::Regex(r) => {
                self.advance()?;
                Ex::Re(self.regex(&r)?)
            }
            Tok::P("(") => {
                self.advance()?;
                self.skip_nl()?;
                let first = self.expr(false)?;
                self.skip_nl()?;
                if self.is_p(",") {
                    let mut list = vec![first];
                    while self.is_p(",") {
                        self.advance()?;
                        self.skip_nl()?;
                        list.push(self.expr(false)?);
                        self.skip_nl()?;
                    }
                    self.expect_p(")")?;
                    if self.is_kw("in") {
                        self.advance()?;
                        let name = match self.tok.clone() {
                            Tok::Name(n) => n,
                            _ => return Err(self.unexpected()),
                        };
                        self.advance()?;
                        let v = self.var_id(&name);
                        Ex::In(Box::new(Ex::Subsep(list)), v)
                    } else {
                        Ex::Subsep(list)
                    }
                } else {
                    self.expect_p(")")?;
                    Ex::Group(Box::new(first))
                }
            }
            Tok::P("$") => {
                self.advance()?;
                let inner = if self.is_p("++") || self.is_p("--") {
                    let d = if self.is_p("++") { 1.0 } else { -1.0 };
                    self.advance()?;
                    let lv = self.primary(no_gt)?;
                    if !is_lvalue(&lv) {
                        return Err(self.unexpected());
                    }
                    Ex::IncDec(true, d, Box::new(lv))
                } else if self.is_p("-") {
                    self.advance()?;
                    Ex::Neg(Box::new(self.primary(no_gt)?))
                } else {
                    self.primary(no_gt)?
                };
                Ex::Field(Box::new(inner))
            }
            Tok::P("++") | Tok::P("--") => {
                let d = if self.is_p("++") { 1.0 } else { -1.0 };
                self.advance()?;
                let lv = self.primary(no_gt)?;
                if !is_lvalue(&lv) {
                    return Err(self.unexpected());
                }
                Ex::IncDec(true, d, Box::new(lv))
            }
            Tok::P("-") => {
                self.advance()?;
                Ex::Neg(Box::new(self.unary(no_gt)?))
            }
            Tok::P("+") => {
                self.advance()?;
                Ex::Plus(Box::new(self.unary(no_gt)?))
            }
            Tok::P("!") => {
                self.advance()?;
                Ex::Not(Box::new(self.unary(no_gt)?))
            }
            Tok::Name(n) => {
                self.advance()?;
                let v = self.var_id(&n);
                if self.is_p("[") {
                    self.advance()?;
                    let sub = self.subscript()?;
                    Ex::Elem(v, Box::new(sub))
                } else {
                    Ex::Var(v)
                }
            }
            Tok::Func(n) => {
                self.advance()?;
                let fi = self.func_id(&n);
                let a = self.args()?;
                Ex::Call(fi, a)
            }
            Tok::Builtin(b) => {
                self.advance()?;
                if self.is_p("(") {
                    self.advance()?;
                    let a = self.args()?;
                    Ex::Builtin(b, a)
                } else if b == B::Length {
                    Ex::Builtin(B::Length, Vec::new())
                } else {
                    return Err(self.unexpected());
                }
            }
            Tok::Kw("getline") => {
                self.advance()?;
                let lv = self.opt_lvalue()?;
                if self.is_p("<") {
                    self.advance()?;
                    let src = self.primary(true)?;
                    Ex::Getline(Gsrc::File(Box::new(src)), lv.map(Box::new))
                } else {
                    Ex::Getline(Gsrc::Main, lv.map(Box::new))
                }
            }
            _ => return Err(self.unexpected()),
        };
        self.leave();
        Ok(e)
    }
}

fn is_lvalue(e: &Ex) -> bool {
    matches!(e, Ex::Var(_) | Ex::Elem(..) | Ex::Field(_))
}

// ---------------------------------------------------------------- interpreter

/// Runtime stop: error message (exit 1), exit, or budget.
enum AErr {
    Msg(String),
    Exit,
    Stop(Stop),
}

impl From<Stop> for AErr {
    fn from(s: Stop) -> Self {
        AErr::Stop(s)
    }
}

type R<T> = Result<T, AErr>;

enum Flow {
    Normal,
    Break,
    Continue,
    Next,
    NextFile,
    Return(Var),
}

#[derive(Clone, Copy, PartialEq)]
enum ArrRef {
    G(usize),
    L(usize, usize),
}

#[derive(Default)]
struct Slot {
    v: Var,
    arr: Option<Arr>,
    /// For function parameters: the caller's variable whose array this one is.
    parent: Option<ArrRef>,
}

enum Splitter {
    Space,
    Char(u8),
    Null,
    Re(Rx),
}

struct Reader {
    text: String,
    pos: usize,
}

/// glibc `random()` (TYPE_3), so that rand() matches busybox.
struct GRand {
    s: [i32; 31],
    f: usize,
    r: usize,
}

impl GRand {
    fn new(seed: u32) -> GRand {
        let mut s = [0i32; 31];
        let seed = if seed == 0 { 1 } else { seed };
        s[0] = seed as i32;
        let mut word: i64 = seed as i64;
        for item in s.iter_mut().skip(1) {
            let hi = word / 127773;
            let lo = word % 127773;
            word = 16807 * lo - 2836 * hi;
            if word < 0 {
                word += 2147483647;
            }
            *item = word as i32;
        }
        let mut g = GRand { s, f: 3, r: 0 };
        for _ in 0..310 {
            g.next();
        }
        g
    }
    fn next(&mut self) -> u32 {
        let v = (self.s[self.f] as u32).wrapping_add(self.s[self.r] as u32);
        self.s[self.f] = v as i32;
        self.f = (self.f + 1) % 31;
        self.r = (self.r + 1) % 31;
        v >> 1
    }
}

struct Specials {
    nf: usize,
    nr: usize,
    fnr: usize,
    fs: usize,
    ofs: usize,
    ors: usize,
    rs: usize,
    filename: usize,
    subsep: usize,
    convfmt: usize,
    ofmt: usize,
    rstart: usize,
    rlength: usize,
    ignorecase: usize,
    argc: usize,
    argv: usize,
    rt: usize,
}

const MAX_CALL_DEPTH: usize = 200;
/// Bound on nested evaluation (expressions + statements + calls): keeps the Rust stack under
/// ~1.5 MB in debug builds (about 1.2 KB per level; ~250 bytes in release).
const MAX_EVAL_DEPTH: usize = 1200;

struct Interp<'c, 'a> {
    ctx: &'c mut Ctx<'a>,
    globals: Vec<Slot>,
    frames: Vec<Vec<Slot>>,
    funcs: Vec<Func>,
    regexes: Vec<Rx>,
    re_src: Vec<String>,
    dyn_re: HashMap<(String, bool), Option<Rx>>,
    sp: Specials,
    f0: Var,
    fields: Vec<Var>,
    nfields: usize,
    f0_split: bool,
    splitter: Splitter,
    icase: bool,
    input: Option<Reader>,
    argind: usize,
    files_happen: bool,
    getline_files: HashMap<String, Option<Reader>>,
    rng: GRand,
    seed: f64,
    exit_code: i32,
    exiting: bool,
    progname: String,
    line: u32,
    depth: usize,
    global_names: HashMap<String, usize>,
}

fn fmt_int(n: f64) -> Option<String> {
    if n.is_finite()
        && n == n.trunc()
        && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&n)
    {
        Some((n as i64).to_string())
    } else {
        None
    }
}

impl<'c, 'a> Interp<'c, 'a> {
    fn err<T>(&self, m: &str) -> R<T> {
        Err(AErr::Msg(format!("{}:{}: {}", self.progname, self.line, m)))
    }

    fn gstr(&self, g: usize) -> String {
        self.globals[g].v.raw_str().to_string()
    }

    /// `fmt_num(format, n)`.
    fn fmt_num(&mut self, fmt: &str, n: f64) -> R<String> {
        if let Some(s) = fmt_int(n) {
            return Ok(s);
        }
        if fmt == "%.6g" {
            let sp = Spec {
                prec: Some(6),
                ..Spec::default()
            };
            return Ok(String::from_utf8_lossy(&sp.float(n, b'g')).into_owned());
        }
        let last = fmt.as_bytes().last().copied().unwrap_or(0);
        if b"diouxX".contains(&last) || b"eEfFgGaA".contains(&last) {
            let out = self.format(fmt, &mut [Var::num(n)])?;
            return Ok(String::from_utf8_lossy(&out).into_owned());
        }
        self.err("Invalid format specifier")
    }

    /// `getvar_s` on a value (caching the conversion).
    fn to_s(&mut self, v: &mut Var) -> R<Rc<str>> {
        if v.f & (NUMBER | CACHED) == NUMBER {
            let fmt = self.gstr(self.sp.convfmt);
            let s = self.fmt_num(&fmt, v.n)?;
            v.s = Some(Rc::from(s.as_str()));
            v.f |= CACHED;
        }
        Ok(v.s.clone().unwrap_or_else(|| Rc::from("")))
    }

    fn istrue(&mut self, v: &mut Var) -> bool {
        if v.is_numeric() {
            v.n != 0.0
        } else {
            !v.raw_str().is_empty()
        }
    }

    // ---- fields

    fn make_splitter(&mut self, s: &str) -> R<Splitter> {
        let b = s.as_bytes();
        if b.len() > 1 {
            match Rx::new(s, Flavor::Ere, false, false) {
                Ok(r) => Ok(Splitter::Re(r)),
                Err(e) => Err(AErr::Msg(format!("\u{0}bad regex '{}': {}", s, e.msg()))),
            }
        } else if b.is_empty() {
            Ok(Splitter::Null)
        } else if b[0] == b' ' {
            Ok(Splitter::Space)
        } else {
            Ok(Splitter::Char(b[0]))
        }
    }

    /// `awk_split`.
    fn split_with(&mut self, s: &str, spl: &Splitter) -> R<Vec<String>> {
        let paragraph = self.globals[self.sp.rs].v.raw_str().is_empty();
        let b = s.as_bytes();
        let mut out: Vec<String> = Vec::new();
        match spl {
            Splitter::Re(rx) => {
                if b.is_empty() {
                    return Ok(out);
                }
                let mut n = 1;
                let mut pos = 0;
                loop {
                    self.ctx.tick(1)?;
                    let l = if paragraph {
                        s[pos..].find('\n').unwrap_or(b.len() - pos)
                    } else {
                        b.len() - pos
                    };
                    // regexec1_nonempty
                    let mut m = rx.find_at(s, pos, &mut self.ctx.budget)?;
                    if let Some((so, eo)) = m {
                        if eo == pos && so == pos {
                            let mut ofs = pos;
                            m = None;
                            loop {
                                ofs += 1;
                                while ofs < b.len() && !s.is_char_boundary(ofs) {
                                    ofs += 1;
                                }
                                if ofs >= b.len() {
                                    break;
                                }
                                match rx.find_at(s, ofs, &mut self.ctx.budget)? {
                                    Some((a, e)) if e > ofs => {
                                        m = Some((a, e));
                                        break;
                                    }
                                    Some(_) => continue,
                                    None => break,
                                }
                            }
                        }
                    }
                    let adv;
                    match m {
                        Some((so, eo)) if so - pos <= l => {
                            out.push(s[pos..so].to_string());
                            n += 1;
                            adv = eo;
                        }
                        _ => {
                            out.push(s[pos..pos + l].to_string());
                            adv = if pos + l < b.len() {
                                pos + l + 1
                            } else {
                                pos + l
                            };
                        }
                    }
                    pos = adv;
                    if pos >= b.len() {
                        break;
                    }
                }
                while out.len() < n {
                    out.push(String::new());
                }
                out.truncate(n);
            }
            Splitter::Null => {
                for &c in b {
                    out.push(String::from_utf8_lossy(&[c]).into_owned());
                }
            }
            Splitter::Char(c) => {
                if b.is_empty() {
                    return Ok(out);
                }
                let c = *c;
                let (c0, c1) = if self.icase {
                    (c.to_ascii_uppercase(), c.to_ascii_lowercase())
                } else {
                    (c, c)
                };
                let mut start = 0;
                for (i, &ch) in b.iter().enumerate() {
                    if ch == c0 || ch == c1 || (paragraph && ch == b'\n') {
                        out.push(String::from_utf8_lossy(&b[start..i]).into_owned());
                        start = i + 1;
                    }
                }
                out.push(String::from_utf8_lossy(&b[start..]).into_owned());
            }
            Splitter::Space => {
                let mut i = 0;
                while i < b.len() {
                    while i < b.len() && super::is_space(b[i]) {
                        i += 1;
                    }
                    if i >= b.len() {
                        break;
                    }
                    let st = i;
                    while i < b.len() && !super::is_space(b[i]) {
                        i += 1;
                    }
                    out.push(String::from_utf8_lossy(&b[st..i]).into_owned());
                }
            }
        }
        Ok(out)
    }

    /// `fsrealloc`.
    fn fsrealloc(&mut self, size: usize) -> R<()> {
        if size > 0xffff {
            return self.err("too many fields");
        }
        while self.fields.len() < size {
            self.fields.push(Var::default());
        }
        for i in size..self.nfields {
            let f = &mut self.fields[i];
            f.f = DIRTY;
            f.s = None;
        }
        self.nfields = size;
        Ok(())
    }

    fn split_f0(&mut self) -> R<()> {
        if self.f0_split {
            return Ok(());
        }
        self.f0_split = true;
        let mut f0 = self.f0.clone();
        let s = self.to_s(&mut f0)?;
        self.fsrealloc(0)?;
        let spl = std::mem::replace(&mut self.splitter, Splitter::Space);
        let parts = self.split_with(&s, &spl);
        self.splitter = spl;
        let parts = parts?;
        self.fsrealloc(parts.len())?;
        for (i, p) in parts.into_iter().enumerate() {
            self.fields[i] = Var {
                f: USER | DIRTY,
                n: 0.0,
                s: if p.is_empty() {
                    None
                } else {
                    Some(Rc::from(p.as_str()))
                },
            };
        }
        let nf = self.nfields as f64;
        self.globals[self.sp.nf].v = Var::num(nf);
        Ok(())
    }

    /// NF assigned: resize fields and rebuild $0.
    fn nf_changed(&mut self) -> R<()> {
        let mut v = self.globals[self.sp.nf].v.clone();
        let n = v.to_num();
        if n < 0.0 {
            return self.err("NF set to negative value");
        }
        let n = c_int(n).max(0) as usize;
        self.fsrealloc(n)?;
        let sep = self.gstr(self.sp.ofs);
        let mut b = String::new();
        for i in 0..n {
            let mut f = self.fields[i].clone();
            let s = self.to_s(&mut f)?;
            self.fields[i] = f;
            if i > 0 {
                b.push_str(&sep);
            }
            b.push_str(&s);
            if b.len() > MAX_TEXT {
                return Err(AErr::Stop(Stop::Budget));
            }
        }
        self.f0 = Var::str(&b);
        self.f0_split = true;
        Ok(())
    }

    fn set_record(&mut self, s: &str) {
        self.f0 = Var::user(s);
        self.f0_split = false;
    }

    /// Run `handle_special` for a global.
    fn special(&mut self, g: usize) -> R<()> {
        if g == self.sp.nf {
            self.nf_changed()?;
        } else if g == self.sp.fs {
            self.split_f0()?;
            let s = self.gstr(self.sp.fs);
            self.splitter = self.make_splitter(&s)?;
        } else if g == self.sp.ignorecase {
            let mut v = self.globals[g].v.clone();
            self.icase = self.istrue(&mut v);
            self.dyn_re.clear();
        } else if g == self.sp.rs {
            let s = self.gstr(g);
            if s.len() > 1 {
                self.ctx
                    .note("awk: multi-character RS is treated as a regular expression");
            }
        }
        Ok(())
    }

    // ---- variables and arrays

    fn slot(&mut self, v: Vid) -> &mut Slot {
        match v {
            Vid::G(i) => &mut self.globals[i],
            Vid::L(i) => {
                let fr = self.frames.len() - 1;
                &mut self.frames[fr][i]
            }
        }
    }

    fn read_var(&mut self, v: Vid) -> R<Var> {
        if v == Vid::G(self.sp.nf) {
            self.split_f0()?;
        }
        Ok(self.slot(v).v.clone())
    }

    fn write_var(&mut self, v: Vid, val: Var) -> R<()> {
        self.slot(v).v = val;
        if let Vid::G(g) = v {
            if g == self.sp.nf || g == self.sp.fs || g == self.sp.ignorecase || g == self.sp.rs {
                self.special(g)?;
            }
        }
        Ok(())
    }

    /// `iamarray`: the array of a variable (following parameter links to the caller).
    fn array(&mut self, v: Vid) -> Arr {
        let mut r = match v {
            Vid::G(i) => ArrRef::G(i),
            Vid::L(i) => ArrRef::L(self.frames.len() - 1, i),
        };
        loop {
            let s = match r {
                ArrRef::G(i) => &mut self.globals[i],
                ArrRef::L(f, i) => &mut self.frames[f][i],
            };
            if let Some(a) = &s.arr {
                return a.clone();
            }
            match s.parent {
                Some(p) => r = p,
                None => {
                    let a = Rc::new(RefCell::new(BbHash::new()));
                    s.arr = Some(a.clone());
                    return a;
                }
            }
        }
    }

    fn has_array(&self, v: Vid) -> Option<Arr> {
        let mut r = match v {
            Vid::G(i) => ArrRef::G(i),
            Vid::L(i) => ArrRef::L(self.frames.len() - 1, i),
        };
        loop {
            let s = match r {
                ArrRef::G(i) => &self.globals[i],
                ArrRef::L(f, i) => &self.frames[f][i],
            };
            if let Some(a) = &s.arr {
                return Some(a.clone());
            }
            match s.parent {
                Some(p) => r = p,
                None => return None,
            }
        }
    }

    fn key(&mut self, e: &Ex) -> R<String> {
        if let Ex::Subsep(list) = e {
            let sep = self.gstr(self.sp.subsep);
            let mut k = String::new();
            for (i, x) in list.iter().enumerate() {
                if i > 0 {
                    k.push_str(&sep);
                }
                let s = self.eval_str(x)?;
                k.push_str(&s);
            }
            return Ok(k);
        }
        Ok(self.eval_str(e)?.to_string())
    }

    fn field_index(&mut self, e: &Ex) -> R<usize> {
        let mut v = self.eval(e)?;
        let i = c_int(v.to_num());
        if i < 0 {
            return self.err("Access to negative field");
        }
        Ok(i as usize)
    }

    fn get_field(&mut self, i: usize) -> R<Var> {
        if i == 0 {
            return Ok(self.f0.clone());
        }
        self.split_f0()?;
        if i > self.nfields {
            self.fsrealloc(i)?;
        }
        Ok(self.fields[i - 1].clone())
    }

    fn set_field(&mut self, i: usize, val: Var) -> R<()> {
        if i == 0 {
            self.f0 = val;
            self.f0_split = false;
            return Ok(());
        }
        self.split_f0()?;
        if i > self.nfields {
            self.fsrealloc(i)?;
        }
        self.fields[i - 1] = val;
        let mut nfv = self.globals[self.sp.nf].v.clone();
        let n = nfv.to_num();
        let newn = if n > (i - 1) as f64 { n } else { i as f64 };
        self.globals[self.sp.nf].v = Var::num(newn);
        self.nf_changed()
    }

    /// Assign to an lvalue; returns the stored value.
    fn assign(&mut self, lv: &Ex, val: Var) -> R<Var> {
        match lv {
            Ex::Var(v) => {
                self.write_var(*v, val.clone())?;
                Ok(val)
            }
            Ex::Elem(v, sub) => {
                let k = self.key(sub)?;
                let a = self.array(*v);
                *a.borrow_mut().get_mut(&k) = val.clone();
                Ok(val)
            }
            Ex::Field(e) => {
                let i = self.field_index(e)?;
                self.set_field(i, val.clone())?;
                Ok(val)
            }
            _ => self.err("Unexpected token"),
        }
    }

    /// Evaluate to a string, caching the conversion in the variable read (busybox getvar_s).
    fn eval_str(&mut self, e: &Ex) -> R<Rc<str>> {
        match e {
            Ex::Str(s) => Ok(s.clone()),
            Ex::Var(v) => {
                let mut x = self.read_var(*v)?;
                let s = self.to_s(&mut x)?;
                if x.f & CACHED != 0 {
                    let sl = self.slot(*v);
                    if sl.v.f & NUMBER != 0 && sl.v.f & CACHED == 0 {
                        sl.v = x;
                    }
                }
                Ok(s)
            }
            Ex::Elem(v, sub) => {
                let k = self.key(sub)?;
                let a = self.array(*v);
                let mut x = a.borrow_mut().get_mut(&k).clone();
                let s = self.to_s(&mut x)?;
                if x.f & NUMBER != 0 {
                    let mut b = a.borrow_mut();
                    let slot = b.get_mut(&k);
                    if slot.f & NUMBER != 0 && slot.f & CACHED == 0 {
                        *slot = x;
                    }
                }
                Ok(s)
            }
            _ => {
                let mut x = self.eval(e)?;
                self.to_s(&mut x)
            }
        }
    }

    fn eval_num(&mut self, e: &Ex) -> R<f64> {
        let mut v = self.eval(e)?;
        Ok(v.to_num())
    }

    fn eval_bool(&mut self, e: &Ex) -> R<bool> {
        let mut v = self.eval(e)?;
        Ok(self.istrue(&mut v))
    }

    fn regex_for(&mut self, e: &Ex) -> R<Rc<Rx>> {
        if let Ex::Re(i) = e {
            if !self.icase {
                return Ok(Rc::new(self.regexes[*i].clone()));
            }
        }
        let pat: String = match e {
            Ex::Re(i) => {
                let _ = i;
                // icase: recompile the literal's text
                return self.dyn_regex_from_literal(*i);
            }
            _ => self.eval_str(e)?.to_string(),
        };
        self.dyn_regex(&pat)
    }

    fn dyn_regex_from_literal(&mut self, i: usize) -> R<Rc<Rx>> {
        let src = self.re_src[i].clone();
        self.dyn_regex(&src)
    }

    fn dyn_regex(&mut self, pat: &str) -> R<Rc<Rx>> {
        let key = (pat.to_string(), self.icase);
        if let Some(Some(r)) = self.dyn_re.get(&key) {
            return Ok(Rc::new(r.clone()));
        }
        if self.dyn_re.len() > 256 {
            self.dyn_re.clear();
        }
        let r = match Rx::new(pat, Flavor::Ere, self.icase, false) {
            Ok(r) => r,
            Err(_) => match Rx::new(pat, Flavor::Bre, self.icase, false) {
                Ok(r) => r,
                Err(e) => return Err(AErr::Msg(format!("\u{0}bad regex '{}': {}", pat, e.msg()))),
            },
        };
        if r.backref {
            self.ctx.note(
                "awk: back-references in regular expressions are not modelled; assumed no match",
            );
        }
        self.dyn_re.insert(key, Some(r.clone()));
        Ok(Rc::new(r))
    }

    fn cmp_vals(&mut self, op: &str, mut l: Var, mut r: Var) -> R<bool> {
        let ld = if l.is_numeric() && r.is_numeric() {
            l.to_num() - r.to_num()
        } else {
            let a = self.to_s(&mut l)?;
            let b = self.to_s(&mut r)?;
            let o = if self.icase {
                a.to_ascii_lowercase()
                    .as_bytes()
                    .cmp(b.to_ascii_lowercase().as_bytes())
            } else {
                a.as_bytes().cmp(b.as_bytes())
            };
            match o {
                std::cmp::Ordering::Less => -1.0,
                std::cmp::Ordering::Equal => 0.0,
                std::cmp::Ordering::Greater => 1.0,
            }
        };
        Ok(match op {
            "<" => !(ld >= 0.0),
            "<=" => !(ld > 0.0),
            "==" => ld == 0.0,
            "!=" => !(ld == 0.0),
            ">=" => ld >= 0.0,
            _ => ld > 0.0,
        })
    }

    fn arith(&mut self, op: char, l: f64, r: f64) -> R<f64> {
        Ok(match op {
            '+' => l + r,
            '-' => l - r,
            '*' => l * r,
            '/' => {
                if r == 0.0 {
                    return self.err("Division by zero");
                }
                l / r
            }
            '%' => {
                if r == 0.0 {
                    return self.err("Division by zero");
                }
                l - (c_ll(l / r) as f64) * r
            }
            _ => l.powf(r),
        })
    }

    fn concat(&mut self, a: &str, b: &str, sep: &str) -> R<Var> {
        let len = a.len() + b.len() + sep.len();
        if len > MAX_TEXT {
            return Err(AErr::Stop(Stop::Budget));
        }
        if len > 4096 {
            self.ctx.tick(len as u64 / 4096)?;
        }
        let mut s = String::with_capacity(len);
        s.push_str(a);
        s.push_str(sep);
        s.push_str(b);
        Ok(Var::str(&s))
    }

    fn eval(&mut self, e: &Ex) -> R<Var> {
        self.depth += 1;
        if self.depth > MAX_EVAL_DEPTH {
            self.depth -= 1;
            return self.err("Expression too deeply nested");
        }
        let r = self.eval_inner(e);
        self.depth -= 1;
        r
    }

    fn eval_inner(&mut self, e: &Ex) -> R<Var> {
        // small dispatcher: the hot recursive cases get their own (small) frames
        match e {
            Ex::Num(n) => Ok(Var::num(*n)),
            Ex::Var(v) => self.read_var(*v),
            Ex::Group(x) => self.eval(x),
            Ex::Call(fi, args) => self.call(*fi, args),
            Ex::Builtin(b, args) => self.builtin(*b, args),
            Ex::Cond(c, a, b) => {
                if self.eval_bool(c)? {
                    self.eval(a)
                } else {
                    self.eval(b)
                }
            }
            Ex::Bin(op, l, r) => {
                let a = self.eval_num(l)?;
                let b = self.eval_num(r)?;
                Ok(Var::num(self.arith(*op, a, b)?))
            }
            _ => self.eval_other(e),
        }
    }

    #[inline(never)]
    fn eval_other(&mut self, e: &Ex) -> R<Var> {
        Ok(match e {
            Ex::Num(n) => Var::num(*n),
            Ex::Str(s) => Var {
                f: DIRTY,
                n: 0.0,
                s: if s.is_empty() { None } else { Some(s.clone()) },
            },
            Ex::Re(i) => {
                let mut f0 = self.f0.clone();
                let s = self.to_s(&mut f0)?;
                let rx = if self.icase {
                    self.regex_for(e)?
                } else {
                    Rc::new(self.regexes[*i].clone())
                };
                Var::num(if rx.is_match(&s, &mut self.ctx.budget)? {
                    1.0
                } else {
                    0.0
                })
            }
            Ex::Var(v) => self.read_var(*v)?,
            Ex::Elem(v, sub) => {
                let k = self.key(sub)?;
                let a = self.array(*v);
                let x = a.borrow_mut().get_mut(&k).clone();
                x
            }
            Ex::Field(ie) => {
                let i = self.field_index(ie)?;
                self.get_field(i)?
            }
            Ex::Group(x) => self.eval(x)?,
            Ex::Subsep(list) => {
                let k = self.key(&Ex::Subsep(Vec::new())).unwrap_or_default();
                let _ = k;
                let sep = self.gstr(self.sp.subsep);
                let mut s = String::new();
                for (i, x) in list.iter().enumerate() {
                    if i > 0 {
                        s.push_str(&sep);
                    }
                    s.push_str(&self.eval_str(x)?);
                }
                Var::str(&s)
            }
            Ex::Assign(op, lv, rhs) => match op {
                None => {
                    let v = self.eval(rhs)?;
                    let v = v.copied();
                    self.assign(lv, v)?
                }
                Some(o) => {
                    let mut cur = self.eval(lv)?;
                    let l = cur.to_num();
                    let r = self.eval_num(rhs)?;
                    let n = self.arith(*o, l, r)?;
                    self.assign(lv, Var::num(n))?
                }
            },
            Ex::Cond(c, a, b) => {
                if self.eval_bool(c)? {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            Ex::Or(a, b) => {
                let v = self.eval_bool(a)? || self.eval_bool(b)?;
                Var::num(v as i32 as f64)
            }
            Ex::And(a, b) => {
                let v = self.eval_bool(a)? && self.eval_bool(b)?;
                Var::num(v as i32 as f64)
            }
            Ex::In(k, v) => {
                let key = self.key(k)?;
                let a = self.array(*v);
                let found = a.borrow().get(&key).is_some();
                Var::num(found as i32 as f64)
            }
            Ex::Match(neg, l, r) => {
                let s = self.eval_str(l)?;
                let rx = self.regex_for(r)?;
                let m = rx.is_match(&s, &mut self.ctx.budget)?;
                Var::num((m != *neg) as i32 as f64)
            }
            Ex::Cmp(op, l, r) => {
                let a = self.eval(l)?;
                let b = self.eval(r)?;
                let v = self.cmp_vals(op, a, b)?;
                Var::num(v as i32 as f64)
            }
            Ex::Concat(l, r) => {
                let a = self.eval_str(l)?;
                let b = self.eval_str(r)?;
                self.concat(&a, &b, "")?
            }
            Ex::Bin(op, l, r) => {
                let a = self.eval_num(l)?;
                let b = self.eval_num(r)?;
                Var::num(self.arith(*op, a, b)?)
            }
            Ex::Neg(x) => Var::num(-self.eval_num(x)?),
            Ex::Plus(x) => Var::num(self.eval_num(x)?),
            Ex::Not(x) => {
                let t = self.eval_bool(x)?;
                Var::num(if t { 0.0 } else { 1.0 })
            }
            Ex::IncDec(pre, d, lv) => {
                let mut cur = self.eval(lv)?;
                let old = cur.to_num();
                let new = old + d;
                self.assign(lv, Var::num(new))?;
                Var::num(if *pre { new } else { old })
            }
            Ex::Call(fi, args) => self.call(*fi, args)?,
            Ex::Builtin(b, args) => self.builtin(*b, args)?,
            Ex::Getline(src, lv) => self.getline(src, lv.as_deref())?,
        })
    }

    fn call(&mut self, fi: usize, args: &[Ex]) -> R<Var> {
        let line = self.line;
        if self.funcs[fi].body.is_none() {
            return self.err("Call to undefined function");
        }
        if self.frames.len() >= MAX_CALL_DEPTH {
            self.ctx.note(&format!(
                "awk: function calls nested deeper than {} are not modelled",
                MAX_CALL_DEPTH
            ));
            return self.err("function call nesting too deep");
        }
        self.ctx.tick(1)?;
        let nparams = self.funcs[fi].nparams;
        let mut frame: Vec<Slot> = Vec::with_capacity(nparams);
        for (i, a) in args.iter().enumerate() {
            // bare variable names pass their array by reference
            let parent = match a {
                Ex::Var(Vid::G(g)) => Some(ArrRef::G(*g)),
                Ex::Var(Vid::L(l)) if !self.frames.is_empty() => {
                    Some(ArrRef::L(self.frames.len() - 1, *l))
                }
                _ => None,
            };
            let v = self.eval(a)?;
            if i < nparams {
                frame.push(Slot {
                    v: v.copied(),
                    arr: None,
                    parent,
                });
            }
        }
        while frame.len() < nparams {
            frame.push(Slot::default());
        }
        self.frames.push(frame);
        // the body is borrowed from funcs; take it out temporarily
        let body = self.funcs[fi].body.clone().unwrap_or_default();
        let r = self.exec_list(&body);
        self.frames.pop();
        self.line = line;
        match r? {
            Flow::Return(v) => Ok(v),
            _ => Ok(Var::default()),
        }
    }

    // ---- input

    fn next_record_from(&mut self, rd: &mut Reader) -> Option<String> {
        let rs = self.gstr(self.sp.rs);
        let rest = &rd.text[rd.pos..];
        if rest.is_empty() {
            return None;
        }
        let rb = rs.as_bytes();
        if rb.is_empty() {
            let lead = rest.len() - rest.trim_start_matches('\n').len();
            let body = &rest[lead..];
            match body.find("\n\n") {
                Some(p) => {
                    let rec = body[..p].to_string();
                    let mut e = p;
                    while e < body.len() && body.as_bytes()[e] == b'\n' {
                        e += 1;
                    }
                    rd.pos += lead + e;
                    Some(rec)
                }
                None => {
                    rd.pos = rd.text.len();
                    Some(body.to_string())
                }
            }
        } else if rb.len() == 1 {
            let c = rb[0] as char;
            match rest.find(c) {
                Some(p) => {
                    let rec = rest[..p].to_string();
                    rd.pos += p + c.len_utf8();
                    Some(rec)
                }
                None => {
                    rd.pos = rd.text.len();
                    Some(rest.to_string())
                }
            }
        } else {
            let rx = match Rx::new(&rs, Flavor::Ere, self.icase, false) {
                Ok(r) => r,
                Err(_) => {
                    rd.pos = rd.text.len();
                    return Some(rest.to_string());
                }
            };
            let text = rd.text.clone();
            match rx
                .find_at(&text, rd.pos, &mut self.ctx.budget)
                .ok()
                .flatten()
            {
                Some((so, eo)) if eo > so => {
                    let rec = text[rd.pos..so].to_string();
                    rd.pos = eo;
                    Some(rec)
                }
                _ => {
                    rd.pos = rd.text.len();
                    Some(rest.to_string())
                }
            }
        }
    }

    /// `next_input_file`: Ok(false) when there is no more input.
    fn open_next_input(&mut self) -> R<bool> {
        loop {
            let mut argc = self.globals[self.sp.argc].v.clone();
            if (self.argind + 1) as f64 >= argc.to_num() {
                if self.files_happen {
                    return Ok(false);
                }
                self.files_happen = true;
                let t = self.ctx.take_stdin();
                self.input = Some(Reader { text: t, pos: 0 });
                self.globals[self.sp.filename].v = Var::str("-");
                return Ok(true);
            }
            self.argind += 1;
            let a = self.array(Vid::G(self.sp.argv));
            let fname = {
                let mut b = a.borrow_mut();
                let v = b.get_mut(&self.argind.to_string());
                v.raw_str().to_string()
            };
            if fname.is_empty() || self.is_assignment(&fname)? {
                continue;
            }
            let text = match self.ctx.open(&fname)? {
                Open::Text(t) => t,
                Open::IsDir => return self.err("Is a directory"),
                Open::NotFound => {
                    return Err(AErr::Msg(format!(
                        "\u{0}{}: No such file or directory",
                        fname
                    )));
                }
            };
            self.files_happen = true;
            self.input = Some(Reader { text, pos: 0 });
            self.globals[self.sp.filename].v = Var::str(&fname);
            return Ok(true);
        }
    }

    fn is_assignment(&mut self, s: &str) -> R<bool> {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        if i == 0 || i >= b.len() || b[i] != b'=' || b[0].is_ascii_digit() {
            return Ok(false);
        }
        let name = &s[..i];
        let val = unescape(&s[i + 1..]);
        let g = self.global_id(name);
        self.write_var(Vid::G(g), Var::user(&val))?;
        Ok(true)
    }

    fn global_id(&mut self, name: &str) -> usize {
        if let Some(&g) = self.global_names.get(name) {
            return g;
        }
        self.globals.push(Slot::default());
        let g = self.globals.len() - 1;
        self.global_names.insert(name.to_string(), g);
        g
    }

    /// Next main-input record into $0 (or `var`); false at the end.
    fn read_main(&mut self) -> R<Option<String>> {
        loop {
            if self.input.is_none() && !self.open_next_input()? {
                return Ok(None);
            }
            let mut rd = match self.input.take() {
                Some(r) => r,
                None => return Ok(None),
            };
            let rec = self.next_record_from(&mut rd);
            match rec {
                Some(r) => {
                    self.input = Some(rd);
                    return Ok(Some(r));
                }
                None => {
                    self.input = None;
                    if !self.open_next_input()? {
                        return Ok(None);
                    }
                    self.globals[self.sp.fnr].v = Var::num(0.0);
                }
            }
        }
    }

    fn bump(&mut self, g: usize) {
        let mut v = self.globals[g].v.clone();
        let n = v.to_num();
        self.globals[g].v = Var::num(n + 1.0);
    }

    fn getline(&mut self, src: &Gsrc, lv: Option<&Ex>) -> R<Var> {
        match src {
            Gsrc::Cmd(c) => {
                let _ = self.eval_str(c)?;
                self.ctx
                    .note("awk: 'cmd | getline' is not modelled; assumed to read nothing");
                Ok(Var::num(0.0))
            }
            Gsrc::Main => {
                let rec = self.read_main()?;
                match rec {
                    None => Ok(Var::num(0.0)),
                    Some(r) => {
                        self.ctx.tick(1)?;
                        self.bump(self.sp.nr);
                        self.bump(self.sp.fnr);
                        match lv {
                            Some(l) => {
                                self.assign(l, Var::user(&r))?;
                            }
                            None => self.set_record(&r),
                        }
                        Ok(Var::num(1.0))
                    }
                }
            }
            Gsrc::File(f) => {
                let name = self.eval_str(f)?.to_string();
                if !self.getline_files.contains_key(&name) {
                    let rd = match self.ctx.open(&name)? {
                        Open::Text(t) => Some(Reader { text: t, pos: 0 }),
                        _ => None,
                    };
                    self.getline_files.insert(name.clone(), rd);
                }
                let mut rd = match self.getline_files.get_mut(&name).and_then(|r| r.take()) {
                    Some(r) => r,
                    None => return Ok(Var::num(-1.0)),
                };
                let rec = self.next_record_from(&mut rd);
                self.getline_files.insert(name, Some(rd));
                match rec {
                    None => Ok(Var::num(0.0)),
                    Some(r) => {
                        match lv {
                            Some(l) => {
                                self.assign(l, Var::user(&r))?;
                            }
                            None => self.set_record(&r),
                        }
                        Ok(Var::num(1.0))
                    }
                }
            }
        }
    }

    // ---- printf

    /// `awk_printf`: format with already evaluated arguments.
    fn format(&mut self, fmt: &str, args: &mut [Var]) -> R<Vec<u8>> {
        let f = fmt.as_bytes();
        let mut out: Vec<u8> = Vec::new();
        let mut ai = 0;
        let mut i = 0;
        while i < f.len() {
            // copy up to '%'
            let st = i;
            while i < f.len() && f[i] != b'%' {
                i += 1;
            }
            out.extend_from_slice(&f[st..i]);
            if i >= f.len() {
                break;
            }
            // at '%'
            if i + 1 >= f.len() {
                out.push(b'%');
                break;
            }
            if f[i + 1] == b'%' {
                out.push(b'%');
                i += 2;
                continue;
            }
            let spec_start = i;
            let mut j = i + 1;
            while j < f.len() && !f[j].is_ascii_alphabetic() {
                if f[j] == b'*' {
                    return self.err("%*x formats are not supported");
                }
                j += 1;
            }
            if j >= f.len() {
                out.extend_from_slice(&f[spec_start..]);
                break;
            }
            let conv = f[j];
            // C printf semantics inside the chunk: "%5%" prints "%", text up to the next '%'
            let mut k = spec_start;
            loop {
                let mut q = k + 1;
                while q < j && b"-+ #0123456789.".contains(&f[q]) {
                    q += 1;
                }
                if q < j && f[q] == b'%' {
                    out.push(b'%');
                    let mut t = q + 1;
                    while t < j && f[t] != b'%' {
                        out.push(f[t]);
                        t += 1;
                    }
                    if t >= j {
                        break;
                    }
                    k = t;
                    continue;
                }
                break;
            }
            let inner: Vec<u8> = if k < j {
                f[k + 1..j].to_vec()
            } else {
                Vec::new()
            };
            let mut arg = if ai < args.len() {
                ai += 1;
                args[ai - 1].clone()
            } else {
                Var::str("")
            };
            let spec = match Spec::parse(&inner) {
                Some(s) => s,
                None => {
                    self.ctx
                        .note("awk: printf length modifiers/odd flags are not modelled exactly");
                    Spec::default()
                }
            };
            self.ctx.tick(1 + spec.width as u64 / 4096)?;
            let piece = match conv {
                b'c' => {
                    let cc: u8 = if arg.is_numeric() {
                        c_int(arg.to_num()) as u8
                    } else {
                        arg.raw_str().as_bytes().first().copied().unwrap_or(0)
                    };
                    let mut sp = spec.clone();
                    sp.prec = None;
                    sp.string(&[cc])
                }
                b's' => {
                    let s = self.to_s(&mut arg)?;
                    spec.string(s.as_bytes())
                }
                b'd' | b'i' => spec.signed(c_int(arg.to_num()) as i64),
                b'o' | b'u' | b'x' | b'X' => spec.unsigned(c_int(arg.to_num()) as u32 as u64, conv),
                b'e' | b'E' | b'f' | b'F' | b'g' | b'G' | b'a' | b'A' => {
                    spec.float(arg.to_num(), conv)
                }
                _ => return self.err("Invalid format specifier"),
            };
            out.extend_from_slice(&piece);
            if out.len() > MAX_TEXT {
                return Err(AErr::Stop(Stop::Budget));
            }
            i = j + 1;
        }
        Ok(out)
    }

    fn eval_args(&mut self, args: &[Ex]) -> R<Vec<Var>> {
        let mut v = Vec::with_capacity(args.len());
        for a in args {
            v.push(self.eval(a)?);
        }
        Ok(v)
    }

    // ---- sub/gsub

    /// `awk_sub`: returns (result, count).
    fn awk_sub(
        &mut self,
        rx: &Rx,
        repl: &str,
        nm: usize,
        src: &str,
        subexp: bool,
    ) -> R<(String, usize)> {
        let sb = src.as_bytes();
        let rb = repl.as_bytes();
        let mut res: Vec<u8> = Vec::new();
        let mut pos = 0usize;
        let mut match_no = 0usize;
        loop {
            let caps = match rx.captures_at(src, pos, &mut self.ctx.budget)? {
                Some(c) => c,
                None => break,
            };
            let (so, eo) = caps[0].unwrap_or((pos, pos));
            res.extend_from_slice(&sb[pos..eo]);
            match_no += 1;
            if match_no >= nm {
                let mut residx = res.len() - (eo - so);
                res.truncate(residx);
                let mut nbs = 0usize;
                for &c in rb {
                    res.push(c);
                    residx += 1;
                    if c == b'\\' {
                        nbs += 1;
                        continue;
                    }
                    if c == b'&' || (subexp && c.is_ascii_digit()) {
                        residx -= (nbs + 3) >> 1;
                        res.truncate(residx);
                        let mut j = 0usize;
                        if c != b'&' {
                            j = (c - b'0') as usize;
                            nbs += 1;
                        }
                        if nbs % 2 == 1 {
                            res.push(c);
                            residx += 1;
                        } else if let Some(Some((a, b))) = caps.get(j) {
                            res.extend_from_slice(&sb[*a..*b]);
                            residx += b - a;
                        }
                    }
                    nbs = 0;
                }
                if res.len() > MAX_TEXT {
                    return Err(AErr::Stop(Stop::Budget));
                }
            }
            pos = eo;
            if match_no == nm {
                break;
            }
            if eo == so {
                if pos >= sb.len() {
                    return Ok((String::from_utf8_lossy(&res).into_owned(), match_no));
                }
                let cl = src[pos..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
                res.extend_from_slice(&sb[pos..pos + cl]);
                pos += cl;
            }
        }
        res.extend_from_slice(&sb[pos.min(sb.len())..]);
        Ok((String::from_utf8_lossy(&res).into_owned(), match_no))
    }

    #[inline(never)]
    fn builtin(&mut self, b: B, args: &[Ex]) -> R<Var> {
        let nargs = args.len();
        let need = |n: usize| -> bool { nargs < n };
        match b {
            B::Length => {
                if nargs > 1 {
                    return self.err("Too many arguments");
                }
                if nargs == 0 {
                    let mut f0 = self.f0.clone();
                    let s = self.to_s(&mut f0)?;
                    return Ok(Var::num(s.len() as f64));
                }
                if let Ex::Var(v) = &args[0] {
                    if let Some(a) = self.has_array(*v) {
                        let n = a.borrow().nel;
                        return Ok(Var::num(n as f64));
                    }
                }
                let s = self.eval_str(&args[0])?;
                Ok(Var::num(s.len() as f64))
            }
            B::Substr => {
                if need(2) {
                    return self.err("Too few arguments");
                }
                let s = self.eval_str(&args[0])?;
                let m = self.eval_num(&args[1])?;
                let l = s.len() as i64;
                let mut i = c_int(m - 1.0) as i64;
                if i > l {
                    i = l;
                }
                if i < 0 {
                    i = 0;
                }
                let mut n = if nargs > 2 {
                    c_int(self.eval_num(&args[2])?) as i64
                } else {
                    l - i
                };
                if n < 0 {
                    n = 0;
                }
                let end = (i + n).min(l) as usize;
                let bytes = &s.as_bytes()[i as usize..end];
                Ok(Var::str(&String::from_utf8_lossy(bytes)))
            }
            B::Index => {
                if need(2) {
                    return self.err("Too few arguments");
                }
                let s = self.eval_str(&args[0])?;
                let t = self.eval_str(&args[1])?;
                let mut n = 0;
                if !t.is_empty() && s.len() >= t.len() {
                    let (sb, tb) = (s.as_bytes(), t.as_bytes());
                    for i in 0..=sb.len() - tb.len() {
                        let w = &sb[i..i + tb.len()];
                        if if self.icase {
                            w.eq_ignore_ascii_case(tb)
                        } else {
                            w == tb
                        } {
                            n = i + 1;
                            break;
                        }
                    }
                }
                Ok(Var::num(n as f64))
            }
            B::Split => {
                if need(2) {
                    return self.err("Too few arguments");
                }
                let s = self.eval_str(&args[0])?;
                let av = match &args[1] {
                    Ex::Var(v) => *v,
                    _ => return self.err("Not an array"),
                };
                let parts = if nargs > 2 {
                    let spl = match &args[2] {
                        Ex::Re(i) => Splitter::Re(self.regexes[*i].clone()),
                        e => {
                            let fs = self.eval_str(e)?;
                            self.make_splitter(&fs)?
                        }
                    };
                    self.split_with(&s, &spl)?
                } else {
                    let spl = std::mem::replace(&mut self.splitter, Splitter::Space);
                    let r = self.split_with(&s, &spl);
                    self.splitter = spl;
                    r?
                };
                let a = self.array(av);
                let n = parts.len();
                let mut h = a.borrow_mut();
                h.clear();
                for (i, p) in parts.iter().enumerate() {
                    *h.get_mut(&(i + 1).to_string()) = Var::user(p);
                }
                Ok(Var::num(n as f64))
            }
            B::Sub | B::Gsub => {
                if need(2) {
                    return self.err("Too few arguments");
                }
                let rx = self.regex_for(&args[0])?;
                let repl = self.eval_str(&args[1])?;
                let target: Ex;
                let lv: &Ex = if nargs > 2 {
                    &args[2]
                } else {
                    target = Ex::Field(Box::new(Ex::Num(0.0)));
                    &target
                };
                let cur = self.eval_str(lv)?;
                let nm = if b == B::Sub { 1 } else { 0 };
                let (res, n) = self.awk_sub(&rx, &repl, nm, &cur, false)?;
                if is_lvalue(lv) {
                    self.assign(lv, Var::str(&res))?;
                }
                Ok(Var::num(n as f64))
            }
            B::Gensub => {
                if need(3) {
                    return self.err("Too few arguments");
                }
                let rx = self.regex_for(&args[0])?;
                let repl = self.eval_str(&args[1])?;
                let how = self.eval_num(&args[2])?;
                let src = if nargs > 3 {
                    self.eval_str(&args[3])?
                } else {
                    let mut f0 = self.f0.clone();
                    self.to_s(&mut f0)?
                };
                let nm = c_int(how).max(0) as usize;
                let (res, _) = self.awk_sub(&rx, &repl, nm, &src, true)?;
                Ok(Var::str(&res))
            }
            B::Match => {
                if need(2) {
                    return self.err("Too few arguments");
                }
                let s = self.eval_str(&args[0])?;
                let rx = self.regex_for(&args[1])?;
                let m = rx.find_at(&s, 0, &mut self.ctx.budget)?;
                let (start, len) = match m {
                    Some((a, e)) => ((a + 1) as f64, (e - a) as f64),
                    None => (0.0, -1.0),
                };
                self.globals[self.sp.rlength].v = Var::num(len);
                self.globals[self.sp.rstart].v = Var::num(start);
                Ok(Var::num(start))
            }
            B::Sprintf => {
                if nargs == 0 {
                    return self.err("Too few arguments");
                }
                let fmt = self.eval_str(&args[0])?.to_string();
                let mut vals = self.eval_args(&args[1..])?;
                let out = self.format(&fmt, &mut vals)?;
                Ok(Var::str(&String::from_utf8_lossy(&out)))
            }
            B::Tolower | B::Toupper => {
                if need(1) {
                    return self.err("Too few arguments");
                }
                let s = self.eval_str(&args[0])?;
                Ok(Var::str(&if b == B::Toupper {
                    s.to_ascii_uppercase()
                } else {
                    s.to_ascii_lowercase()
                }))
            }
            B::Int
            | B::Sqrt
            | B::Exp
            | B::Log
            | B::Sin
            | B::Cos
            | B::Srand
            | B::Rand
            | B::System
            | B::Close
            | B::Fflush
            | B::Systime => {
                if nargs > 1 {
                    return self.err("Too many arguments");
                }
                let x = if nargs == 1 {
                    Some(self.eval(&args[0])?)
                } else {
                    None
                };
                if x.is_none()
                    && matches!(
                        b,
                        B::Int | B::Sqrt | B::Exp | B::Log | B::Sin | B::Cos | B::System | B::Close
                    )
                {
                    return self.err("Too few arguments");
                }
                let mut x = x.unwrap_or_default();
                let d = x.to_num();
                let r = match b {
                    B::Int => c_ll(d) as f64,
                    B::Sqrt => d.sqrt(),
                    B::Exp => d.exp(),
                    B::Log => {
                        if d < 0.0 {
                            -f64::NAN
                        } else {
                            d.ln()
                        }
                    }
                    B::Sin => d.sin(),
                    B::Cos => d.cos(),
                    B::Rand => {
                        let r1 = self.rng.next() as u64;
                        let r2 = self.rng.next() as u64;
                        let r3 = self.rng.next() as u64;
                        let u = ((r1 << 16) as u32 ^ r2 as u32) as u64;
                        let v = ((r3 << 32) | u) & 0x7fff_ffff_ffff_ffff;
                        v as f64 / 9.223_372_036_854_776e18
                    }
                    B::Srand => {
                        let prev = self.seed;
                        let seed: u32 = if nargs == 1 {
                            c_ll(d) as u32
                        } else {
                            self.ctx.note("awk: srand() without argument would seed from the clock; seed 0 assumed");
                            0
                        };
                        self.seed = seed as f64;
                        self.rng = GRand::new(seed);
                        prev
                    }
                    B::System => {
                        let cmd = self.to_s(&mut x)?;
                        self.ctx.note(&format!("awk: system(\"{}\") is not modelled; assumed to succeed without output", cmd));
                        0.0
                    }
                    B::Systime => {
                        self.ctx.note("awk: systime() is not modelled; 0 assumed");
                        0.0
                    }
                    _ => 0.0,
                };
                Ok(Var::num(r))
            }
            B::Atan2 | B::And | B::Or | B::Xor | B::Lshift | B::Rshift => {
                if need(2) {
                    return self.err("Too few arguments");
                }
                let a = self.eval_num(&args[0])?;
                let c = self.eval_num(&args[1])?;
                let ui = |d: f64| -> u64 {
                    if d >= 0.0 {
                        if d >= 1.8446744073709552e19 {
                            0
                        } else {
                            d as u64
                        }
                    } else {
                        (-((-d) as u64 as i64)) as u64
                    }
                };
                let r = match b {
                    B::Atan2 => a.atan2(c),
                    B::And => (ui(a) & ui(c)) as f64,
                    B::Or => (ui(a) | ui(c)) as f64,
                    B::Xor => (ui(a) ^ ui(c)) as f64,
                    B::Lshift => ui(a).checked_shl(ui(c) as u32).unwrap_or(0) as f64,
                    _ => ui(a).checked_shr(ui(c) as u32).unwrap_or(0) as f64,
                };
                Ok(Var::num(r))
            }
            B::Compl => {
                if need(1) {
                    return self.err("Too few arguments");
                }
                let a = self.eval_num(&args[0])?;
                let u = if a >= 0.0 {
                    a as u64
                } else {
                    (-((-a) as u64 as i64)) as u64
                };
                Ok(Var::num((!u) as f64))
            }
            B::Strftime | B::Mktime => {
                let _ = self.eval_args(args)?;
                self.ctx.note("awk: strftime()/mktime() are not modelled");
                Ok(if b == B::Mktime {
                    Var::num(-1.0)
                } else {
                    Var::str("")
                })
            }
        }
    }

    // ---- statements

    fn exec_list(&mut self, list: &[Stmt]) -> R<Flow> {
        for s in list {
            match self.exec(s)? {
                Flow::Normal => {}
                f => return Ok(f),
            }
        }
        Ok(Flow::Normal)
    }

    fn output(&mut self, bytes: &[u8], redir: &Option<(&'static str, Ex)>) -> R<()> {
        match redir {
            None => self.ctx.write(bytes)?,
            Some((op, target)) => {
                let t = self.eval_str(target)?.to_string();
                if *op != "|" && (t == "/dev/stdout" || t == "-") {
                    self.ctx.write(bytes)?;
                } else if *op != "|" && t == "/dev/stderr" {
                    self.ctx.err.push_str(&String::from_utf8_lossy(bytes));
                } else if *op == "|" {
                    self.ctx.note("awk: output pipes (print | \"cmd\") are not modelled; that output was dropped");
                } else {
                    self.ctx.note(&format!("awk: output redirection to files (print {} \"{}\") is not modelled; that output was dropped", op, t));
                }
            }
        }
        Ok(())
    }

    fn exec(&mut self, s: &Stmt) -> R<Flow> {
        self.ctx.tick(1)?;
        self.line = s.line;
        self.depth += 1;
        if self.depth > MAX_EVAL_DEPTH {
            self.depth -= 1;
            return self.err("Statement nesting too deep");
        }
        let r = self.exec_inner(s);
        self.depth -= 1;
        r
    }

    fn exec_inner(&mut self, s: &Stmt) -> R<Flow> {
        match &s.k {
            St::Expr(e) => {
                self.eval(e)?;
                Ok(Flow::Normal)
            }
            St::If(c, a, b) => {
                if self.eval_bool(c)? {
                    self.exec(a)
                } else if let Some(b) = b {
                    self.exec(b)
                } else {
                    Ok(Flow::Normal)
                }
            }
            St::Block(list) => self.exec_list(list),
            St::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e)?.copied(),
                    None => Var::default(),
                };
                Ok(Flow::Return(v))
            }
            _ => self.exec_other(s),
        }
    }

    #[inline(never)]
    fn exec_other(&mut self, s: &Stmt) -> R<Flow> {
        match &s.k {
            St::Nop => {}
            St::Expr(e) => {
                self.eval(e)?;
            }
            St::Print(args, redir) => {
                let mut out: Vec<u8> = Vec::new();
                if args.is_empty() {
                    let mut f0 = self.f0.clone();
                    out.extend_from_slice(self.to_s(&mut f0)?.as_bytes());
                } else {
                    let ofs = self.gstr(self.sp.ofs);
                    for (i, a) in args.iter().enumerate() {
                        if i > 0 {
                            out.extend_from_slice(ofs.as_bytes());
                        }
                        let mut v = self.eval(a)?;
                        if v.f & NUMBER != 0 {
                            let ofmt = self.gstr(self.sp.ofmt);
                            let n = v.to_num();
                            let t = self.fmt_num(&ofmt, n)?;
                            out.extend_from_slice(t.as_bytes());
                        } else {
                            out.extend_from_slice(self.to_s(&mut v)?.as_bytes());
                        }
                    }
                }
                let ors = self.gstr(self.sp.ors);
                out.extend_from_slice(ors.as_bytes());
                self.output(&out, redir)?;
            }
            St::Printf(args, redir) => {
                let fmt = self.eval_str(&args[0])?.to_string();
                let mut vals = self.eval_args(&args[1..])?;
                let out = self.format(&fmt, &mut vals)?;
                self.output(&out, redir)?;
            }
            St::If(c, a, b) => {
                if self.eval_bool(c)? {
                    return self.exec(a);
                } else if let Some(b) = b {
                    return self.exec(b);
                }
            }
            St::While(c, body) => loop {
                self.ctx.tick(1)?;
                if !self.eval_bool(c)? {
                    break;
                }
                match self.exec(body)? {
                    Flow::Break => break,
                    Flow::Normal | Flow::Continue => {}
                    f => return Ok(f),
                }
            },
            St::Do(body, c) => loop {
                self.ctx.tick(1)?;
                match self.exec(body)? {
                    Flow::Break => break,
                    Flow::Normal | Flow::Continue => {}
                    f => return Ok(f),
                }
                if !self.eval_bool(c)? {
                    break;
                }
            },
            St::For(init, c, step, body) => {
                if let Some(i) = init {
                    self.eval(i)?;
                }
                loop {
                    self.ctx.tick(1)?;
                    if let Some(c) = c {
                        if !self.eval_bool(c)? {
                            break;
                        }
                    }
                    match self.exec(body)? {
                        Flow::Break => break,
                        Flow::Normal | Flow::Continue => {}
                        f => return Ok(f),
                    }
                    if let Some(st) = step {
                        self.eval(st)?;
                    }
                }
            }
            St::ForIn(k, a, body) => {
                let arr = self.array(*a);
                let keys = arr.borrow().keys();
                for key in keys {
                    self.ctx.tick(1)?;
                    self.write_var(*k, Var::str(&key))?;
                    match self.exec(body)? {
                        Flow::Break => break,
                        Flow::Normal | Flow::Continue => {}
                        f => return Ok(f),
                    }
                }
            }
            St::Block(list) => return self.exec_list(list),
            St::Next => return Ok(Flow::Next),
            St::NextFile => return Ok(Flow::NextFile),
            St::Break => return Ok(Flow::Break),
            St::Continue => return Ok(Flow::Continue),
            St::Exit(e) => {
                if let Some(e) = e {
                    let n = self.eval_num(e)?;
                    self.exit_code = c_int(n);
                }
                return Err(AErr::Exit);
            }
            St::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e)?.copied(),
                    None => Var::default(),
                };
                return Ok(Flow::Return(v));
            }
            St::Delete(v, sub) => {
                let arr = self.array(*v);
                match sub {
                    Some(k) => {
                        let key = self.key(k)?;
                        arr.borrow_mut().remove(&key);
                    }
                    None => arr.borrow_mut().clear(),
                }
            }
        }
        Ok(Flow::Normal)
    }

    fn run_rules(&mut self, rules: &mut [Rule]) -> R<Flow> {
        for r in rules.iter_mut() {
            let hit = match &r.pat {
                Pattern::All => true,
                Pattern::Expr(e) => self.eval_bool(e)?,
                Pattern::Range(a, b) => {
                    if r.in_range || self.eval_bool(a)? {
                        r.in_range = true;
                        if self.eval_bool(b)? {
                            r.in_range = false;
                        }
                        true
                    } else {
                        false
                    }
                }
            };
            if !hit {
                continue;
            }
            match &r.action {
                None => {
                    let mut f0 = self.f0.clone();
                    let mut out = self.to_s(&mut f0)?.as_bytes().to_vec();
                    let ors = self.gstr(self.sp.ors);
                    out.extend_from_slice(ors.as_bytes());
                    self.ctx.write(&out)?;
                }
                Some(list) => match self.exec_list(list)? {
                    Flow::Next => return Ok(Flow::Next),
                    Flow::NextFile => return Ok(Flow::NextFile),
                    _ => {}
                },
            }
        }
        Ok(Flow::Normal)
    }
}

/// busybox `unescape_string_in_place` (for -v values, `var=val` operands and -F).
fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c == b'\\' {
            let (ch, ni) = super::printf::escape_seq(b, i);
            if ch == b'\\' && ni == i {
                match b.get(i) {
                    Some(&z) => {
                        i += 1;
                        if z == b'\n' {
                            continue;
                        }
                        out.push(z);
                    }
                    None => out.push(b'\\'),
                }
            } else {
                out.push(ch);
                i = ni;
            }
        } else {
            out.push(c);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `awk [-F SEP] [-v VAR=VAL]... [-f FILE | -e PROG | PROG] [FILE | VAR=VAL]...`
pub(super) fn awk(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let (opts, mut operands) = match getopt(ctx, args, "F:v:f:e:W:", &[], false, 1) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    let mut fs: Option<String> = None;
    let mut assigns: Vec<String> = Vec::new();
    let mut progfiles: Vec<String> = Vec::new();
    let mut progs_e: Vec<String> = Vec::new();
    for (o, v) in &opts {
        let v = v.clone().unwrap_or_default();
        match o {
            'F' => fs = Some(v),
            'v' => assigns.push(v),
            'f' => progfiles.push(v),
            'e' => progs_e.push(v),
            _ => ctx.errln("warning: option -W is ignored"),
        }
    }
    for a in &assigns {
        let b = a.as_bytes();
        let n = b
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count();
        if n == 0 || b.get(n) != Some(&b'=') || b[0].is_ascii_digit() {
            ctx.usage();
            return Ok(1);
        }
    }
    let mut sources: Vec<(String, String)> = Vec::new();
    for f in &progfiles {
        match ctx.open(f)? {
            Open::Text(t) => sources.push((f.clone(), t)),
            Open::IsDir => sources.push((f.clone(), String::new())),
            o => {
                ctx.warn_cant_open(f, &o);
                return Ok(1);
            }
        }
    }
    if progfiles.len() > 1 {
        ctx.note(
            "awk: several -f programs are concatenated (busybox parses them one after another)",
        );
    }
    for e in &progs_e {
        sources.push(("cmd. line".to_string(), e.clone()));
    }
    if progfiles.is_empty() && progs_e.is_empty() {
        if operands.is_empty() {
            ctx.usage();
            return Ok(1);
        }
        sources.push(("cmd. line".to_string(), operands.remove(0)));
    }

    // globals: specials first
    let mut globals: HashMap<String, usize> = HashMap::new();
    let names = [
        "CONVFMT",
        "OFMT",
        "FS",
        "OFS",
        "ORS",
        "RS",
        "RT",
        "FILENAME",
        "SUBSEP",
        "ARGIND",
        "ARGC",
        "ARGV",
        "ERRNO",
        "FNR",
        "NR",
        "NF",
        "IGNORECASE",
        "ENVIRON",
        "RSTART",
        "RLENGTH",
    ];
    for (i, n) in names.iter().enumerate() {
        globals.insert(n.to_string(), i);
    }
    let mut nglobals = names.len();
    let mut funcs: Vec<Func> = Vec::new();
    let mut func_idx: HashMap<String, usize> = HashMap::new();
    let mut regexes: Vec<Rx> = Vec::new();
    let mut re_src: Vec<String> = Vec::new();
    let mut begin: Vec<Stmt> = Vec::new();
    let mut end: Vec<Stmt> = Vec::new();
    let mut rules: Vec<Rule> = Vec::new();
    for (pname, text) in &sources {
        let mut p = Parser {
            lx: Lexer {
                s: text.as_bytes(),
                pos: 0,
                line: 1,
                prev_operand: false,
            },
            tok: Tok::Newline,
            prev_was_newline: false,
            depth: 0,
            globals: &mut globals,
            nglobals: &mut nglobals,
            funcs: &mut funcs,
            func_idx: &mut func_idx,
            regexes: &mut regexes,
            re_src: &mut re_src,
            params: None,
            begin: &mut begin,
            end: &mut end,
            rules: &mut rules,
            loop_depth: 0,
            notes: Vec::new(),
        };
        let r = p.program();
        let notes = std::mem::take(&mut p.notes);
        for n in notes {
            ctx.note(&n);
        }
        if let Err(e) = r {
            if let Some(m) = e.msg.strip_prefix('\u{0}') {
                ctx.errln(m);
            } else {
                ctx.errln(&format!("{}:{}: {}", pname, e.line, e.msg));
            }
            return Ok(1);
        }
    }
    let sp = Specials {
        convfmt: 0,
        ofmt: 1,
        fs: 2,
        ofs: 3,
        ors: 4,
        rs: 5,
        rt: 6,
        filename: 7,
        subsep: 8,
        argc: 10,
        argv: 11,
        fnr: 13,
        nr: 14,
        nf: 15,
        ignorecase: 16,
        rstart: 18,
        rlength: 19,
    };
    let mut gslots: Vec<Slot> = Vec::with_capacity(nglobals);
    for _ in 0..nglobals {
        gslots.push(Slot::default());
    }
    let mut it = Interp {
        ctx,
        globals: gslots,
        frames: Vec::new(),
        funcs,
        regexes,
        re_src,
        dyn_re: HashMap::new(),
        sp,
        f0: Var::default(),
        fields: Vec::new(),
        nfields: 0,
        f0_split: true,
        splitter: Splitter::Space,
        icase: false,
        input: None,
        argind: 0,
        files_happen: false,
        getline_files: HashMap::new(),
        rng: GRand::new(1),
        seed: 1.0,
        exit_code: 0,
        exiting: false,
        progname: "cmd. line".to_string(),
        line: 1,
        depth: 0,
        global_names: globals,
    };
    let r = run_program(&mut it, fs, &assigns, &operands, &begin, &end, &mut rules);
    match r {
        Ok(()) | Err(AErr::Exit) => Ok(it.exit_code),
        Err(AErr::Msg(m)) => {
            let m = m.strip_prefix('\u{0}').map(|s| s.to_string()).unwrap_or(m);
            it.ctx.errln(&m);
            Ok(1)
        }
        Err(AErr::Stop(s)) => Err(s),
    }
}

fn run_program(
    it: &mut Interp,
    fs: Option<String>,
    assigns: &[String],
    operands: &[String],
    begin: &[Stmt],
    end: &[Stmt],
    rules: &mut [Rule],
) -> R<()> {
    let sp = &it.sp;
    let (convfmt, ofmt, fsi, ofs, ors, rs, subsep, nr, fnr, nf, argc, argv) = (
        sp.convfmt, sp.ofmt, sp.fs, sp.ofs, sp.ors, sp.rs, sp.subsep, sp.nr, sp.fnr, sp.nf,
        sp.argc, sp.argv,
    );
    it.globals[convfmt].v = Var::str("%.6g");
    it.globals[ofmt].v = Var::str("%.6g");
    it.globals[fsi].v = Var::str(" ");
    it.globals[ofs].v = Var::str(" ");
    it.globals[ors].v = Var::str("\n");
    it.globals[rs].v = Var::str("\n");
    it.globals[subsep].v = Var::str("\x1c");
    for g in [nr, fnr, nf] {
        it.globals[g].v = Var::num(0.0);
    }
    let _ = it.array(Vid::G(it.sp.rt));
    let env = Vid::G(17);
    let _ = it.array(env);
    if let Some(f) = fs {
        let v = unescape(&f);
        it.write_var(Vid::G(fsi), Var::str(&v))?;
    }
    for a in assigns {
        it.is_assignment(a)?;
    }
    {
        let arr = it.array(Vid::G(argv));
        let mut h = arr.borrow_mut();
        *h.get_mut("0") = Var::user("awk");
        for (i, o) in operands.iter().enumerate() {
            *h.get_mut(&(i + 1).to_string()) = Var::user(o);
        }
    }
    it.globals[argc].v = Var::num((operands.len() + 1) as f64);

    let main = |it: &mut Interp, rules: &mut [Rule]| -> R<()> {
        match it.exec_list(begin) {
            Ok(_) => {}
            Err(e) => return Err(e),
        }
        if rules.is_empty() && end.is_empty() {
            return Ok(());
        }
        loop {
            let rec = it.read_main()?;
            let r = match rec {
                Some(r) => r,
                None => break,
            };
            it.ctx.tick(1)?;
            it.set_record(&r);
            it.bump(nr);
            it.bump(fnr);
            if let Flow::NextFile = it.run_rules(rules)? {
                it.input = None;
                if !it.open_next_input()? {
                    break;
                }
                it.globals[fnr].v = Var::num(0.0);
            }
        }
        Ok(())
    };
    let r = main(it, rules);
    match r {
        Ok(()) | Err(AErr::Exit) => {
            if !it.exiting {
                it.exiting = true;
                match it.exec_list(end) {
                    Ok(_) | Err(AErr::Exit) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(())
        }
        Err(e) => Err(e),
    }
}
