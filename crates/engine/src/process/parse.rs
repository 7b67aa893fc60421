//! A POSIX `sh` parser with busybox `ash`'s grammar and messages, for container scripts.
//!
//! It covers the whole shell command language of POSIX.1-2017 XCU §2.9–2.10 (simple commands,
//! pipelines, `&&`/`||` lists, `;`/`&` lists, `{ }`, `( )`, `if`, `while`, `until`, `for`, `case`,
//! function definitions, every redirection including here-documents) and the expansions of §2.6
//! (`$name`, `${…}` with every POSIX operator plus ash's `${x/a/b}` and `${x:o:l}`, `$(…)`,
//! backquotes, `$((…))`, quoting). Every command keeps its line and column, so the interpreter
//! can say where an assumption applies.
//!
//! Like ash (`shell/ash.c` `evalstring`: `while ((n = parsecmd(0)) != NODE_EOF) evaltree(n)`), a
//! script is parsed one top-level command line at a time: lines before a syntax error still run,
//! then the shell prints `sh: syntax error: …` and exits 2. The parser never panics, and its
//! recursion is bounded by [`MAX_DEPTH`] (`$($($(…)))` nested 100 000 deep is an error, not a
//! stack overflow).
// Style lints allowed here: the loops mirror ash's parser.
#![allow(clippy::explicit_counter_loop, clippy::while_let_loop)]

use std::cell::OnceCell;
use std::rc::Rc;

/// Nesting limit for commands, words and expansions.
pub const MAX_DEPTH: usize = 200;

/// A 1-based line and column in the script.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// `${name<op>arg}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamOp {
    /// `$x`, `${x}`
    Plain,
    /// `${#x}`
    Len,
    /// `${x-d}` / `${x:-d}` (bool: with colon = also when empty)
    Default(bool),
    /// `${x=d}` / `${x:=d}`
    Assign(bool),
    /// `${x+a}` / `${x:+a}`
    Alt(bool),
    /// `${x?m}` / `${x:?m}`
    Error(bool),
    /// `${x%p}` (false) / `${x%%p}` (true)
    TrimSuffix(bool),
    /// `${x#p}` / `${x##p}`
    TrimPrefix(bool),
    /// `${x/p/r}` (false) / `${x//p/r}` (true); the arg word holds `p`, the second `r`.
    Replace(bool),
    /// `${x:off}` / `${x:off:len}`
    Substr,
}

/// One piece of a word.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Unquoted literal text: subject to pathname expansion, not to field splitting.
    Lit(String),
    /// Quoted literal text.
    Quoted(String),
    Param {
        name: String,
        op: ParamOp,
        arg: Option<Word>,
        arg2: Option<Word>,
        quoted: bool,
    },
    /// `$(…)` or `` `…` ``.
    Sub { node: Rc<Node>, quoted: bool },
    /// `$((…))`: the expression text is itself expanded first, then evaluated.
    Arith { expr: Word, quoted: bool },
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Word {
    pub parts: Vec<Part>,
}

impl Word {
    pub fn lit(s: &str) -> Word {
        Word {
            parts: vec![Part::Lit(s.to_string())],
        }
    }
    /// The word's text when it is a plain unquoted literal (keywords, names).
    pub fn as_lit(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [Part::Lit(s)] => Some(s),
            _ => None,
        }
    }
    /// Whether any part is quoted (a quoted here-doc delimiter disables expansion).
    pub fn any_quoted(&self) -> bool {
        self.parts.iter().any(|p| match p {
            Part::Lit(_) => false,
            Part::Quoted(_) => true,
            Part::Param { quoted, .. } | Part::Sub { quoted, .. } | Part::Arith { quoted, .. } => {
                *quoted
            }
        })
    }
    /// The word with quotes removed, no expansion (here-doc delimiters, function names).
    pub fn raw_text(&self) -> String {
        let mut s = String::new();
        for p in &self.parts {
            match p {
                Part::Lit(l) | Part::Quoted(l) => s.push_str(l),
                Part::Param { name, .. } => {
                    s.push('$');
                    s.push_str(name)
                }
                _ => {}
            }
        }
        s
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum RedirOp {
    /// `<`
    In,
    /// `>` and `>|`
    Out,
    /// `>>`
    Append,
    /// `<>`
    ReadWrite,
    /// `>&N`, `<&N`, `>&-`
    Dup,
    /// `&>file`: stdout and stderr to a file (ash's bash compatibility).
    OutErr,
    /// `<<` / `<<-`: the body, filled in when the line ends.
    HereDoc(Rc<HereDoc>),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct HereDoc {
    /// Quoted delimiter: the body is taken literally.
    pub literal: bool,
    pub body: OnceCell<Word>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Redir {
    pub fd: u32,
    pub op: RedirOp,
    pub target: Word,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Simple {
        assigns: Vec<(String, Word)>,
        words: Vec<Word>,
        redirs: Vec<Redir>,
        pos: Pos,
    },
    /// Commands run in order.
    Seq(Vec<Rc<Node>>),
    /// `a && b || c`: the first node, then (is_and, node) pairs.
    AndOr(Rc<Node>, Vec<(bool, Rc<Node>)>),
    /// `a | b | c` (two or more stages; each runs in a subshell).
    Pipeline(Vec<Rc<Node>>),
    /// `! cmd`
    Not(Rc<Node>),
    /// `cmd &`
    Background(Rc<Node>),
    If {
        cond: Rc<Node>,
        then: Rc<Node>,
        els: Option<Rc<Node>>,
    },
    /// `while`/`until` (until = true inverts the condition).
    Loop {
        until: bool,
        cond: Rc<Node>,
        body: Rc<Node>,
        pos: Pos,
    },
    For {
        var: String,
        /// `None`: `for x; do` iterates over `"$@"`.
        items: Option<Vec<Word>>,
        body: Rc<Node>,
        pos: Pos,
    },
    Case {
        word: Word,
        arms: Vec<(Vec<Word>, Rc<Node>)>,
    },
    /// `{ … }`
    Group(Rc<Node>),
    /// `( … )`
    Subshell(Rc<Node>),
    FuncDef {
        name: String,
        body: Rc<Node>,
    },
    /// A compound command with redirections applied around it.
    Redirected(Rc<Node>, Vec<Redir>),
    /// A syntax error met after the preceding lines: printed when reached, exit 2.
    SyntaxError(String),
}

impl Node {
    pub fn empty() -> Node {
        Node::Seq(vec![])
    }
}

fn err(msg: impl std::fmt::Display) -> String {
    format!("sh: syntax error: {msg}")
}

const RESERVED: &[&str] = &[
    "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for",
    "in", "{", "}", "!",
];

pub fn is_name(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(ch) if ch.is_ascii_alphabetic() || ch == '_')
        && c.all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
}

struct Parser<'a> {
    s: &'a [char],
    i: usize,
    line: u32,
    col: u32,
    depth: usize,
    /// Here-documents whose body starts after the current line.
    pending: Vec<(Rc<HereDoc>, String, bool)>,
}

type PResult<T> = Result<T, String>;

/// Parse a whole script. Never fails: a syntax error becomes a [`Node::SyntaxError`] after the
/// lines that parsed.
pub fn parse_script(src: &str) -> Node {
    let chars: Vec<char> = src.chars().collect();
    let mut p = Parser {
        s: &chars,
        i: 0,
        line: 1,
        col: 1,
        depth: 0,
        pending: vec![],
    };
    let mut items = vec![];
    loop {
        p.skip_separators_and_newlines();
        if p.at_end() {
            break;
        }
        match p.complete_command() {
            Ok(n) => items.push(Rc::new(n)),
            Err(e) => {
                items.push(Rc::new(Node::SyntaxError(e)));
                break;
            }
        }
    }
    if items.len() == 1 {
        if let Some(n) = Rc::into_inner(items.pop().expect("one item")) {
            return n;
        }
        return Node::empty();
    }
    Node::Seq(items)
}

/// Parse a script, failing on the first syntax error (`eval`, trap handlers, `-c` checks).
pub fn parse(src: &str) -> Result<Node, String> {
    let n = parse_script(src);
    if let Some(e) = first_error(&n) {
        return Err(e);
    }
    Ok(n)
}

fn first_error(n: &Node) -> Option<String> {
    match n {
        Node::SyntaxError(e) => Some(e.clone()),
        Node::Seq(items) => items.last().and_then(|l| first_error(l)),
        _ => None,
    }
}

impl<'a> Parser<'a> {
    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }
    fn peek_at(&self, k: usize) -> Option<char> {
        self.s.get(self.i + k).copied()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }
    fn starts_with(&self, lit: &str) -> bool {
        let mut k = 0;
        for c in lit.chars() {
            if self.peek_at(k) != Some(c) {
                return false;
            }
            k += 1;
        }
        true
    }
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!(
                "sh: nesting too deep (more than {MAX_DEPTH} levels)"
            ));
        }
        Ok(())
    }
    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Blanks, line continuations and comments (not newlines).
    fn skip_blanks(&mut self) {
        loop {
            match self.peek() {
                Some(' ') | Some('\t') | Some('\r') => {
                    self.bump();
                }
                Some('\\') if self.peek_at(1) == Some('\n') => {
                    self.bump();
                    self.bump();
                }
                Some('#') => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                _ => return,
            }
        }
    }

    /// A newline: read the bodies of pending here-documents.
    fn newline(&mut self) -> PResult<()> {
        self.bump();
        let pending = std::mem::take(&mut self.pending);
        for (doc, delim, strip_tabs) in pending {
            let mut body = String::new();
            let mut found = false;
            while !self.at_end() {
                let mut line = String::new();
                while let Some(c) = self.peek() {
                    self.bump();
                    if c == '\n' {
                        break;
                    }
                    line.push(c);
                }
                let cmp = if strip_tabs {
                    line.trim_start_matches('\t').to_string()
                } else {
                    line.clone()
                };
                if cmp == delim {
                    found = true;
                    break;
                }
                body.push_str(&cmp);
                body.push('\n');
            }
            let _ = found; // ash accepts a here-document ended by end of file
            let word = if doc.literal {
                Word {
                    parts: vec![Part::Quoted(body)],
                }
            } else {
                self.heredoc_word(&body)?
            };
            let _ = doc.body.set(word);
        }
        Ok(())
    }

    fn heredoc_word(&mut self, body: &str) -> PResult<Word> {
        let chars: Vec<char> = body.chars().collect();
        let mut sub = Parser {
            s: &chars,
            i: 0,
            line: self.line,
            col: 1,
            depth: self.depth,
            pending: vec![],
        };
        let mut parts = vec![];
        while !sub.at_end() {
            sub.dq_piece(&mut parts, true)?;
        }
        Ok(Word { parts })
    }

    fn skip_separators_and_newlines(&mut self) {
        loop {
            self.skip_blanks();
            match self.peek() {
                Some('\n') => {
                    if self.newline().is_err() {
                        return;
                    }
                }
                _ => return,
            }
        }
    }

    fn linebreak(&mut self) -> PResult<()> {
        loop {
            self.skip_blanks();
            if self.peek() == Some('\n') {
                self.newline()?;
            } else {
                return Ok(());
            }
        }
    }

    /// The next reserved word at the cursor, if the cursor is at a command position.
    fn peek_reserved(&mut self) -> Option<&'static str> {
        self.skip_blanks();
        for r in RESERVED {
            if self.starts_with(r) {
                let after = self.peek_at(r.chars().count());
                let delimited = match after {
                    None => true,
                    Some(c) => " \t\r\n;&|<>()".contains(c),
                };
                // `{` and `}` and `!` need a delimiter too (`{x` is a word).
                if delimited {
                    return Some(r);
                }
            }
        }
        None
    }

    fn expect_reserved(&mut self, r: &str, context: &str) -> PResult<()> {
        self.linebreak()?;
        match self.peek_reserved() {
            Some(w) if w == r => {
                for _ in 0..w.chars().count() {
                    self.bump();
                }
                Ok(())
            }
            _ => Err(self.unexpected(context)),
        }
    }

    /// `unexpected "X"` or `unexpected end of file (expecting "Y")`.
    fn unexpected(&mut self, expecting: &str) -> String {
        self.skip_blanks();
        if self.at_end() {
            return err(format!(
                "unexpected end of file (expecting \"{expecting}\")"
            ));
        }
        if self.peek() == Some('\n') {
            return err("unexpected newline");
        }
        let tok: String = if let Some(op) = self.peek_op() {
            op.to_string()
        } else {
            let mut t = String::new();
            let mut k = 0;
            while let Some(c) = self.peek_at(k) {
                if " \t\r\n;&|<>()".contains(c) {
                    break;
                }
                t.push(c);
                k += 1;
            }
            t
        };
        if tok == "(" || tok == ")" || tok == ";;" || tok == ";" || tok == "&" || tok == "|" {
            return err(format!("unexpected \"{tok}\""));
        }
        err(format!("unexpected \"{tok}\""))
    }

    fn peek_op(&self) -> Option<&'static str> {
        const OPS: &[&str] = &["&&", "||", ";;", "&>", "&", "|", ";", "(", ")"];
        OPS.iter().find(|op| self.starts_with(op)).copied()
    }

    /// A top-level command line: an and-or list with `;`/`&` separators up to a newline.
    fn complete_command(&mut self) -> PResult<Node> {
        let mut items = vec![];
        loop {
            self.skip_blanks();
            if self.at_end() || self.peek() == Some('\n') {
                break;
            }
            if self.peek_reserved().is_some_and(|r| {
                matches!(
                    r,
                    "then" | "else" | "elif" | "fi" | "do" | "done" | "esac" | "}" | "in"
                )
            }) || self.peek() == Some(')')
                || self.starts_with(";;")
            {
                return Err(self.unexpected(""));
            }
            let n = self.and_or()?;
            self.skip_blanks();
            if self.starts_with("&") && !self.starts_with("&&") {
                self.bump();
                items.push(Rc::new(Node::Background(Rc::new(n))));
            } else if self.peek() == Some(';') && !self.starts_with(";;") {
                self.bump();
                items.push(Rc::new(n));
            } else {
                items.push(Rc::new(n));
                self.skip_blanks();
                if !(self.at_end() || self.peek() == Some('\n')) {
                    return Err(self.unexpected(""));
                }
            }
        }
        if self.peek() == Some('\n') {
            self.newline()?;
        }
        Ok(if items.len() == 1 {
            Rc::into_inner(items.pop().expect("one")).unwrap_or(Node::empty())
        } else {
            Node::Seq(items)
        })
    }

    /// A compound list inside a construct, ending before one of `stops` (reserved words), `)`
    /// or `;;`.
    fn list(&mut self, stops: &[&str], expecting: &str) -> PResult<Node> {
        self.enter()?;
        let mut items = vec![];
        loop {
            self.linebreak()?;
            if self.at_end() {
                break;
            }
            if let Some(r) = self.peek_reserved() {
                if stops.contains(&r) {
                    break;
                }
            }
            if self.peek() == Some(')') || self.starts_with(";;") {
                break;
            }
            if self.peek_reserved().is_some_and(|r| {
                matches!(
                    r,
                    "then" | "else" | "elif" | "fi" | "do" | "done" | "esac" | "}" | "in"
                )
            }) {
                let e = self.unexpected(expecting);
                self.leave();
                return Err(e);
            }
            let n = self.and_or()?;
            self.skip_blanks();
            if self.starts_with("&") && !self.starts_with("&&") {
                self.bump();
                items.push(Rc::new(Node::Background(Rc::new(n))));
            } else if self.peek() == Some(';') && !self.starts_with(";;") {
                self.bump();
                items.push(Rc::new(n));
            } else {
                items.push(Rc::new(n));
                self.skip_blanks();
                match self.peek() {
                    Some('\n') | None | Some(')') => {}
                    _ if self.starts_with(";;") => {}
                    _ => {
                        if let Some(r) = self.peek_reserved() {
                            if stops.contains(&r) {
                                continue;
                            }
                        }
                        let e = self.unexpected(expecting);
                        self.leave();
                        return Err(e);
                    }
                }
            }
        }
        self.leave();
        if items.is_empty() {
            return Err(self.unexpected(expecting));
        }
        Ok(if items.len() == 1 {
            Rc::into_inner(items.pop().expect("one")).unwrap_or(Node::empty())
        } else {
            Node::Seq(items)
        })
    }

    fn and_or(&mut self) -> PResult<Node> {
        let first = self.pipeline()?;
        let mut rest = vec![];
        loop {
            self.skip_blanks();
            let is_and = if self.starts_with("&&") {
                true
            } else if self.starts_with("||") {
                false
            } else {
                break;
            };
            self.bump();
            self.bump();
            self.linebreak()?;
            rest.push((is_and, Rc::new(self.pipeline()?)));
        }
        Ok(if rest.is_empty() {
            first
        } else {
            Node::AndOr(Rc::new(first), rest)
        })
    }

    fn pipeline(&mut self) -> PResult<Node> {
        self.skip_blanks();
        let mut bang = false;
        while self.peek_reserved() == Some("!") {
            self.bump();
            bang = !bang;
        }
        let mut stages = vec![Rc::new(self.command()?)];
        loop {
            self.skip_blanks();
            if self.peek() == Some('|') && !self.starts_with("||") {
                self.bump();
                self.linebreak()?;
                stages.push(Rc::new(self.command()?));
            } else {
                break;
            }
        }
        let n = if stages.len() == 1 {
            Rc::into_inner(stages.pop().expect("one")).unwrap_or(Node::empty())
        } else {
            Node::Pipeline(stages)
        };
        Ok(if bang { Node::Not(Rc::new(n)) } else { n })
    }

    fn command(&mut self) -> PResult<Node> {
        self.enter()?;
        let r = self.command_inner();
        self.leave();
        r
    }

    fn command_inner(&mut self) -> PResult<Node> {
        self.skip_blanks();
        let pos = self.pos();
        let compound = match self.peek_reserved() {
            Some("{") => {
                self.bump();
                let body = self.list(&["}"], "}")?;
                self.expect_reserved("}", "}")?;
                Some(Node::Group(Rc::new(body)))
            }
            Some("if") => Some(self.if_clause()?),
            Some("while") | Some("until") => {
                let until = self.starts_with("until");
                for _ in 0..5 {
                    self.bump();
                }
                let cond = self.list(&["do"], "do")?;
                self.expect_reserved("do", "do")?;
                let body = self.list(&["done"], "done")?;
                self.expect_reserved("done", "done")?;
                Some(Node::Loop {
                    until,
                    cond: Rc::new(cond),
                    body: Rc::new(body),
                    pos,
                })
            }
            Some("for") => Some(self.for_clause(pos)?),
            Some("case") => Some(self.case_clause()?),
            Some(r @ ("then" | "else" | "elif" | "fi" | "do" | "done" | "esac" | "}" | "in")) => {
                let _ = r;
                return Err(self.unexpected(""));
            }
            _ => None,
        };
        if let Some(c) = compound {
            return self.redirected(c);
        }
        if self.peek() == Some('(') {
            self.bump();
            let body = self.list(&[], ")")?;
            self.skip_blanks();
            if self.peek() != Some(')') {
                return Err(self.unexpected(")"));
            }
            self.bump();
            return self.redirected(Node::Subshell(Rc::new(body)));
        }
        // `function name { … }` (ash's bash compatibility).
        if self.starts_with("function ") {
            for _ in 0.."function".len() {
                self.bump();
            }
            self.skip_blanks();
            let w = self.word()?.ok_or_else(|| self.unexpected("name"))?;
            let name = w.raw_text();
            self.skip_blanks();
            if self.starts_with("()") {
                self.bump();
                self.bump();
            }
            self.linebreak()?;
            let body = self.command()?;
            return Ok(Node::FuncDef {
                name,
                body: Rc::new(body),
            });
        }
        self.simple(pos)
    }

    fn redirected(&mut self, node: Node) -> PResult<Node> {
        let mut redirs = vec![];
        loop {
            self.skip_blanks();
            match self.redirect()? {
                Some(r) => redirs.push(r),
                None => break,
            }
        }
        Ok(if redirs.is_empty() {
            node
        } else {
            Node::Redirected(Rc::new(node), redirs)
        })
    }

    /// `if …` or `elif …` up to and including the `fi` (an `elif` chain shares one `fi`).
    fn if_clause(&mut self) -> PResult<Node> {
        self.enter()?;
        let kw = if self.starts_with("elif") { 4 } else { 2 };
        for _ in 0..kw {
            self.bump();
        }
        let cond = self.list(&["then"], "then")?;
        self.expect_reserved("then", "then")?;
        let then = self.list(&["else", "elif", "fi"], "fi")?;
        self.linebreak()?;
        let els = match self.peek_reserved() {
            Some("elif") => Some(Rc::new(self.if_clause()?)),
            Some("else") => {
                for _ in 0..4 {
                    self.bump();
                }
                let e = Some(Rc::new(self.list(&["fi"], "fi")?));
                self.expect_reserved("fi", "fi")?;
                e
            }
            _ => {
                self.expect_reserved("fi", "fi")?;
                None
            }
        };
        self.leave();
        Ok(Node::If {
            cond: Rc::new(cond),
            then: Rc::new(then),
            els,
        })
    }

    fn for_clause(&mut self, pos: Pos) -> PResult<Node> {
        for _ in 0..3 {
            self.bump();
        }
        self.skip_blanks();
        let name = self
            .word()?
            .and_then(|w| w.as_lit().map(str::to_string))
            .filter(|n| is_name(n))
            .ok_or_else(|| err("bad for loop variable"))?;
        self.skip_blanks();
        let mut items = None;
        // `in` may follow on the same line or after newlines.
        let save = (self.i, self.line, self.col);
        self.linebreak()?;
        if self.peek_reserved() == Some("in") {
            self.bump();
            self.bump();
            let mut ws = vec![];
            loop {
                self.skip_blanks();
                match self.peek() {
                    Some(';') | Some('\n') | None => break,
                    _ => match self.word()? {
                        Some(w) => ws.push(w),
                        None => return Err(self.unexpected("do")),
                    },
                }
            }
            items = Some(ws);
            if self.peek() == Some(';') {
                self.bump();
            }
        } else if self.peek() == Some(';') {
            self.bump();
        } else if self.peek_reserved() != Some("do") {
            (self.i, self.line, self.col) = save;
        }
        self.expect_reserved("do", "do")?;
        let body = self.list(&["done"], "done")?;
        self.expect_reserved("done", "done")?;
        Ok(Node::For {
            var: name,
            items,
            body: Rc::new(body),
            pos,
        })
    }

    fn case_clause(&mut self) -> PResult<Node> {
        for _ in 0..4 {
            self.bump();
        }
        self.skip_blanks();
        let word = self.word()?.ok_or_else(|| self.unexpected("in"))?;
        self.expect_reserved("in", "in")?;
        let mut arms = vec![];
        loop {
            self.linebreak()?;
            if self.peek_reserved() == Some("esac") {
                break;
            }
            if self.at_end() {
                return Err(self.unexpected("esac"));
            }
            self.skip_blanks();
            if self.peek() == Some('(') {
                self.bump();
            }
            let mut pats = vec![];
            loop {
                self.skip_blanks();
                match self.word()? {
                    Some(w) => pats.push(w),
                    None => return Err(self.unexpected(")")),
                }
                self.skip_blanks();
                match self.peek() {
                    Some('|') => {
                        self.bump();
                    }
                    Some(')') => {
                        self.bump();
                        break;
                    }
                    _ => return Err(self.unexpected(")")),
                }
            }
            self.linebreak()?;
            let body = if self.starts_with(";;") || self.peek_reserved() == Some("esac") {
                Node::empty()
            } else {
                self.list(&["esac"], "esac")?
            };
            arms.push((pats, Rc::new(body)));
            self.linebreak()?;
            if self.starts_with(";;") {
                self.bump();
                self.bump();
            } else if self.peek_reserved() != Some("esac") {
                return Err(self.unexpected("esac"));
            }
        }
        self.expect_reserved("esac", "esac")?;
        Ok(Node::Case { word, arms })
    }

    fn simple(&mut self, pos: Pos) -> PResult<Node> {
        let mut assigns = vec![];
        let mut words: Vec<Word> = vec![];
        let mut redirs = vec![];
        loop {
            self.skip_blanks();
            if let Some(r) = self.redirect()? {
                redirs.push(r);
                continue;
            }
            match self.peek() {
                None | Some('\n') | Some(';') | Some('&') | Some('|') | Some(')') => break,
                Some('(') => {
                    // `name() compound`: a function definition.
                    if words.len() == 1 && assigns.is_empty() && redirs.is_empty() {
                        let name = words[0].as_lit().unwrap_or("").to_string();
                        self.bump();
                        self.skip_blanks();
                        if self.peek() != Some(')') {
                            return Err(self.unexpected(")"));
                        }
                        self.bump();
                        if !is_name(&name) && name.is_empty() {
                            return Err(err("bad function name"));
                        }
                        self.linebreak()?;
                        let body = self.command()?;
                        return Ok(Node::FuncDef {
                            name,
                            body: Rc::new(body),
                        });
                    }
                    return Err(self.unexpected(""));
                }
                _ => {}
            }
            let Some(w) = self.word()? else {
                return Err(self.unexpected(""));
            };
            if words.is_empty() {
                if let Some((name, value)) = split_assignment(&w) {
                    assigns.push((name, value));
                    continue;
                }
            }
            words.push(w);
        }
        if assigns.is_empty() && words.is_empty() && redirs.is_empty() {
            return Err(self.unexpected(""));
        }
        Ok(Node::Simple {
            assigns,
            words,
            redirs,
            pos,
        })
    }

    /// A redirection at the cursor, if any.
    fn redirect(&mut self) -> PResult<Option<Redir>> {
        let start = (self.i, self.line, self.col);
        let mut fd: Option<u32> = None;
        let mut k = 0;
        while let Some(c) = self.peek_at(k) {
            if c.is_ascii_digit() && k < 2 {
                k += 1;
            } else {
                break;
            }
        }
        if k > 0 && matches!(self.peek_at(k), Some('<') | Some('>')) {
            let mut n = 0;
            for _ in 0..k {
                n = n * 10 + self.bump().and_then(|c| c.to_digit(10)).unwrap_or(0);
            }
            fd = Some(n);
        }
        let op = if self.starts_with("&>") && fd.is_none() {
            self.bump();
            self.bump();
            RedirOp::OutErr
        } else if self.starts_with("<<") {
            self.bump();
            self.bump();
            let strip = if self.peek() == Some('-') {
                self.bump();
                true
            } else {
                false
            };
            self.skip_blanks();
            let w = self.word()?.ok_or_else(|| self.unexpected("word"))?;
            let literal = w.any_quoted();
            let delim = w.raw_text();
            let doc = Rc::new(HereDoc {
                literal,
                body: OnceCell::new(),
            });
            self.pending.push((doc.clone(), delim, strip));
            return Ok(Some(Redir {
                fd: fd.unwrap_or(0),
                op: RedirOp::HereDoc(doc),
                target: Word::default(),
            }));
        } else if self.starts_with(">>") {
            self.bump();
            self.bump();
            RedirOp::Append
        } else if self.starts_with(">&") || self.starts_with("<&") {
            let input = self.peek() == Some('<');
            self.bump();
            self.bump();
            if fd.is_none() {
                fd = Some(if input { 0 } else { 1 });
            }
            RedirOp::Dup
        } else if self.starts_with(">|") {
            self.bump();
            self.bump();
            RedirOp::Out
        } else if self.starts_with("<>") {
            self.bump();
            self.bump();
            RedirOp::ReadWrite
        } else if self.peek() == Some('>') {
            self.bump();
            RedirOp::Out
        } else if self.peek() == Some('<') {
            self.bump();
            RedirOp::In
        } else {
            (self.i, self.line, self.col) = start;
            return Ok(None);
        };
        let default_fd = match op {
            RedirOp::In | RedirOp::ReadWrite => 0,
            _ => 1,
        };
        self.skip_blanks();
        let target = self.word()?.ok_or_else(|| self.unexpected("word"))?;
        Ok(Some(Redir {
            fd: fd.unwrap_or(default_fd),
            op,
            target,
        }))
    }

    /// One word at the cursor (`None` at a metacharacter).
    fn word(&mut self) -> PResult<Option<Word>> {
        let mut parts: Vec<Part> = vec![];
        let mut any = false;
        loop {
            let Some(c) = self.peek() else { break };
            match c {
                ' ' | '\t' | '\r' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')' => break,
                '\\' => {
                    self.bump();
                    match self.bump() {
                        Some('\n') => {}
                        Some(ch) => push_quoted(&mut parts, ch),
                        None => push_lit(&mut parts, '\\'),
                    }
                    any = true;
                }
                '\'' => {
                    self.bump();
                    let mut s = String::new();
                    loop {
                        match self.bump() {
                            Some('\'') => break,
                            Some(ch) => s.push(ch),
                            None => return Err(err("unterminated quoted string")),
                        }
                    }
                    parts.push(Part::Quoted(s));
                    any = true;
                }
                '"' => {
                    self.bump();
                    let mut inner = vec![];
                    loop {
                        match self.peek() {
                            Some('"') => {
                                self.bump();
                                break;
                            }
                            None => return Err(err("unterminated quoted string")),
                            _ => self.dq_piece(&mut inner, false)?,
                        }
                    }
                    if inner.is_empty() {
                        inner.push(Part::Quoted(String::new()));
                    }
                    parts.extend(inner);
                    any = true;
                }
                '$' => {
                    self.dollar(&mut parts, false)?;
                    any = true;
                }
                '`' => {
                    let node = self.backquote()?;
                    parts.push(Part::Sub {
                        node: Rc::new(node),
                        quoted: false,
                    });
                    any = true;
                }
                _ => {
                    self.bump();
                    push_lit(&mut parts, c);
                    any = true;
                }
            }
        }
        Ok(any.then_some(Word { parts }))
    }

    /// One piece inside double quotes (or a here-document body when `heredoc`).
    fn dq_piece(&mut self, parts: &mut Vec<Part>, heredoc: bool) -> PResult<()> {
        let Some(c) = self.peek() else { return Ok(()) };
        match c {
            '\\' => {
                self.bump();
                match self.peek() {
                    Some(n @ ('$' | '`' | '\\')) => {
                        self.bump();
                        push_quoted(parts, n);
                    }
                    Some('"') if !heredoc => {
                        self.bump();
                        push_quoted(parts, '"');
                    }
                    Some('\n') => {
                        self.bump();
                    }
                    _ => push_quoted(parts, '\\'),
                }
            }
            '$' => self.dollar(parts, true)?,
            '`' => {
                let node = self.backquote()?;
                parts.push(Part::Sub {
                    node: Rc::new(node),
                    quoted: true,
                });
            }
            _ => {
                self.bump();
                push_quoted(parts, c);
            }
        }
        Ok(())
    }

    fn backquote(&mut self) -> PResult<Node> {
        self.bump(); // `
        let mut inner = String::new();
        loop {
            match self.bump() {
                Some('`') => break,
                Some('\\') => match self.peek() {
                    Some(n @ ('`' | '\\' | '$')) => {
                        self.bump();
                        inner.push(n);
                    }
                    _ => inner.push('\\'),
                },
                Some(ch) => inner.push(ch),
                None => return Err(err("unterminated quoted string")),
            }
        }
        self.nested(&inner)
    }

    /// Parse a nested script (a backquoted command) with the depth carried over.
    fn nested(&mut self, src: &str) -> PResult<Node> {
        self.enter()?;
        let chars: Vec<char> = src.chars().collect();
        let mut sub = Parser {
            s: &chars,
            i: 0,
            line: self.line,
            col: self.col,
            depth: self.depth,
            pending: vec![],
        };
        let mut items = vec![];
        loop {
            sub.skip_separators_and_newlines();
            if sub.at_end() {
                break;
            }
            items.push(Rc::new(sub.complete_command()?));
        }
        self.leave();
        Ok(Node::Seq(items))
    }

    fn dollar(&mut self, parts: &mut Vec<Part>, quoted: bool) -> PResult<()> {
        self.bump(); // $
        match self.peek() {
            Some('(') if self.peek_at(1) == Some('(') => {
                self.bump();
                self.bump();
                self.enter()?;
                // The expression up to the matching `))`.
                let mut ep = vec![];
                let mut depth = 0usize;
                loop {
                    match self.peek() {
                        None => return Err(err("missing '))'")),
                        Some(')') if depth == 0 && self.peek_at(1) == Some(')') => {
                            self.bump();
                            self.bump();
                            break;
                        }
                        Some(')') if depth == 0 => return Err(err("missing '))'")),
                        Some('(') => {
                            depth += 1;
                            self.bump();
                            push_lit(&mut ep, '(');
                        }
                        Some(')') => {
                            depth -= 1;
                            self.bump();
                            push_lit(&mut ep, ')');
                        }
                        Some('$') => self.dollar(&mut ep, true)?,
                        Some('`') => {
                            let node = self.backquote()?;
                            ep.push(Part::Sub {
                                node: Rc::new(node),
                                quoted: true,
                            });
                        }
                        Some('"') | Some('\'') => {
                            self.bump();
                        }
                        Some(c) => {
                            self.bump();
                            push_lit(&mut ep, c);
                        }
                    }
                }
                self.leave();
                parts.push(Part::Arith {
                    expr: Word { parts: ep },
                    quoted,
                });
            }
            Some('(') => {
                self.bump();
                self.enter()?;
                let mut items = vec![];
                loop {
                    self.linebreak()?;
                    if self.peek() == Some(')') {
                        self.bump();
                        break;
                    }
                    if self.at_end() {
                        return Err(err("unexpected end of file (expecting \")\")"));
                    }
                    let n = self.and_or()?;
                    self.skip_blanks();
                    if self.starts_with("&") && !self.starts_with("&&") {
                        self.bump();
                        items.push(Rc::new(Node::Background(Rc::new(n))));
                    } else {
                        if self.peek() == Some(';') {
                            self.bump();
                        }
                        items.push(Rc::new(n));
                    }
                }
                self.leave();
                parts.push(Part::Sub {
                    node: Rc::new(Node::Seq(items)),
                    quoted,
                });
            }
            Some('{') => {
                self.bump();
                self.enter()?;
                let p = self.braced_param(quoted)?;
                self.leave();
                parts.push(p);
            }
            Some(c) if "?!$#@*-".contains(c) || c.is_ascii_digit() => {
                self.bump();
                parts.push(Part::Param {
                    name: c.to_string(),
                    op: ParamOp::Plain,
                    arg: None,
                    arg2: None,
                    quoted,
                });
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let mut name = String::new();
                while let Some(c) = self.peek() {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        name.push(c);
                        self.bump();
                    } else {
                        break;
                    }
                }
                parts.push(Part::Param {
                    name,
                    op: ParamOp::Plain,
                    arg: None,
                    arg2: None,
                    quoted,
                });
            }
            _ => {
                if quoted {
                    push_quoted(parts, '$');
                } else {
                    push_lit(parts, '$');
                }
            }
        }
        Ok(())
    }

    /// After `${`.
    fn braced_param(&mut self, quoted: bool) -> PResult<Part> {
        let mut len = false;
        if self.peek() == Some('#') && !matches!(self.peek_at(1), Some('}')) {
            // `${#x}` (but `${#}` is $#, and `${#-d}`… is rare enough).
            len = true;
            self.bump();
        }
        let mut name = String::new();
        match self.peek() {
            Some(c) if "?!$#@*-".contains(c) || c.is_ascii_digit() => {
                name.push(c);
                self.bump();
                if c.is_ascii_digit() {
                    while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                        name.push(d);
                        self.bump();
                    }
                }
            }
            _ => {
                while let Some(c) = self.peek() {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        name.push(c);
                        self.bump();
                    } else {
                        break;
                    }
                }
            }
        }
        if name.is_empty() {
            return Err(err("bad substitution"));
        }
        if len {
            if self.peek() != Some('}') {
                return Err(err("bad substitution"));
            }
            self.bump();
            return Ok(Part::Param {
                name,
                op: ParamOp::Len,
                arg: None,
                arg2: None,
                quoted,
            });
        }
        let op = match self.peek() {
            Some('}') => {
                self.bump();
                return Ok(Part::Param {
                    name,
                    op: ParamOp::Plain,
                    arg: None,
                    arg2: None,
                    quoted,
                });
            }
            Some(':') => {
                self.bump();
                match self.peek() {
                    Some('-') => ParamOp::Default(true),
                    Some('=') => ParamOp::Assign(true),
                    Some('+') => ParamOp::Alt(true),
                    Some('?') => ParamOp::Error(true),
                    _ => {
                        // `${x:off:len}`
                        let a = self.param_word(&[':', '}'], quoted)?;
                        let b = if self.peek() == Some(':') {
                            self.bump();
                            Some(self.param_word(&['}'], quoted)?)
                        } else {
                            None
                        };
                        if self.bump() != Some('}') {
                            return Err(err("missing '}'"));
                        }
                        return Ok(Part::Param {
                            name,
                            op: ParamOp::Substr,
                            arg: Some(a),
                            arg2: b,
                            quoted,
                        });
                    }
                }
            }
            Some('-') => ParamOp::Default(false),
            Some('=') => ParamOp::Assign(false),
            Some('+') => ParamOp::Alt(false),
            Some('?') => ParamOp::Error(false),
            Some('%') => {
                if self.peek_at(1) == Some('%') {
                    self.bump();
                    ParamOp::TrimSuffix(true)
                } else {
                    ParamOp::TrimSuffix(false)
                }
            }
            Some('#') => {
                if self.peek_at(1) == Some('#') {
                    self.bump();
                    ParamOp::TrimPrefix(true)
                } else {
                    ParamOp::TrimPrefix(false)
                }
            }
            Some('/') => {
                if self.peek_at(1) == Some('/') {
                    self.bump();
                    ParamOp::Replace(true)
                } else {
                    ParamOp::Replace(false)
                }
            }
            None => return Err(err("missing '}'")),
            _ => return Err(err("bad substitution")),
        };
        self.bump();
        if let ParamOp::Replace(_) = op {
            // A pattern is not quoted by the double quotes around `${…}` (XCU §2.6.2).
            let a = self.param_word(&['/', '}'], false)?;
            let b = if self.peek() == Some('/') {
                self.bump();
                Some(self.param_word(&['}'], quoted)?)
            } else {
                None
            };
            if self.bump() != Some('}') {
                return Err(err("missing '}'"));
            }
            return Ok(Part::Param {
                name,
                op,
                arg: Some(a),
                arg2: b,
                quoted,
            });
        }
        let pattern_op = matches!(op, ParamOp::TrimSuffix(_) | ParamOp::TrimPrefix(_));
        let arg = self.param_word(&['}'], quoted && !pattern_op)?;
        if self.bump() != Some('}') {
            return Err(err("missing '}'"));
        }
        Ok(Part::Param {
            name,
            op,
            arg: Some(arg),
            arg2: None,
            quoted,
        })
    }

    /// The word inside `${x-…}` up to one of `stops` (not consumed).
    fn param_word(&mut self, stops: &[char], quoted: bool) -> PResult<Word> {
        let mut parts = vec![];
        loop {
            let Some(c) = self.peek() else {
                return Err(err("missing '}'"));
            };
            if stops.contains(&c) {
                break;
            }
            match c {
                '\\' => {
                    self.bump();
                    if let Some(n) = self.bump() {
                        push_quoted(&mut parts, n);
                    }
                }
                '\'' if !quoted => {
                    self.bump();
                    let mut s = String::new();
                    loop {
                        match self.bump() {
                            Some('\'') => break,
                            Some(ch) => s.push(ch),
                            None => return Err(err("unterminated quoted string")),
                        }
                    }
                    parts.push(Part::Quoted(s));
                }
                '"' => {
                    self.bump();
                    loop {
                        match self.peek() {
                            Some('"') => {
                                self.bump();
                                break;
                            }
                            None => return Err(err("unterminated quoted string")),
                            _ => self.dq_piece(&mut parts, false)?,
                        }
                    }
                }
                '$' => self.dollar(&mut parts, quoted)?,
                '`' => {
                    let node = self.backquote()?;
                    parts.push(Part::Sub {
                        node: Rc::new(node),
                        quoted,
                    });
                }
                _ => {
                    self.bump();
                    if quoted {
                        push_quoted(&mut parts, c);
                    } else {
                        push_lit(&mut parts, c);
                    }
                }
            }
        }
        Ok(Word { parts })
    }
}

fn push_lit(parts: &mut Vec<Part>, c: char) {
    if let Some(Part::Lit(s)) = parts.last_mut() {
        s.push(c);
    } else {
        parts.push(Part::Lit(c.to_string()));
    }
}

fn push_quoted(parts: &mut Vec<Part>, c: char) {
    if let Some(Part::Quoted(s)) = parts.last_mut() {
        s.push(c);
    } else {
        parts.push(Part::Quoted(c.to_string()));
    }
}

/// `NAME=value` at the start of a simple command.
fn split_assignment(w: &Word) -> Option<(String, Word)> {
    let Some(Part::Lit(first)) = w.parts.first() else {
        return None;
    };
    let eq = first.find('=')?;
    let name = &first[..eq];
    if !is_name(name) {
        return None;
    }
    let mut parts = vec![];
    let rest = &first[eq + 1..];
    if !rest.is_empty() {
        parts.push(Part::Lit(rest.to_string()));
    }
    parts.extend(w.parts[1..].iter().cloned());
    Some((name.to_string(), Word { parts }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Node {
        parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    #[test]
    fn functions_case_heredocs_and_arith_parse() {
        ok("cleanup() { echo bye; exit 0; }\ntrap cleanup TERM\nwhile true; do sleep 1; done");
        ok("case $x in a|b) echo ab;; *) echo other;; esac");
        ok("case x in\n  (a) echo;;\n  b)\n    echo b\n    ;;\nesac");
        ok("i=$((i+1)); echo $(( (1+2) * 3 ))");
        ok("for i in 1 2 3\ndo\n  echo $i\ndone");
        ok("for i; do echo $i; done");
        ok("echo ${x:-d} ${#x} ${x%.*} ${x##*/} ${x/a/b} ${x:1:2}");
        ok("a | b | c && d || e &");
        ok("if a; then b; elif c; then d; else e; fi");
        ok("{ echo a; echo b; } > f 2>&1");
        ok("while read l; do echo \"$l\"; done < file");
        ok("echo `echo hi` \"$(echo \"nested\")\"");
        ok("function f { echo x; }");
    }

    #[test]
    fn heredoc_bodies_are_read_after_the_line() {
        let n = ok("cat <<EOF; echo after\nline $x\nEOF\necho done");
        let Node::Seq(items) = n else { panic!() };
        assert_eq!(items.len(), 2);
        let n = ok("cat <<-'EOF'\n\tkeep $x\n\tEOF\n");
        let Node::Simple { redirs, .. } = n else {
            panic!()
        };
        let RedirOp::HereDoc(doc) = &redirs[0].op else {
            panic!()
        };
        assert!(doc.literal);
        assert_eq!(
            doc.body.get().map(|w| w.raw_text()),
            Some("keep $x\n".to_string())
        );
    }

    #[test]
    fn syntax_errors_use_busybox_words_and_keep_earlier_lines() {
        assert_eq!(
            parse("if true; then echo").unwrap_err(),
            "sh: syntax error: unexpected end of file (expecting \"fi\")"
        );
        assert_eq!(
            parse("done").unwrap_err(),
            "sh: syntax error: unexpected \"done\""
        );
        assert_eq!(
            parse("echo \"abc").unwrap_err(),
            "sh: syntax error: unterminated quoted string"
        );
        assert_eq!(
            parse("echo $((1+").unwrap_err(),
            "sh: syntax error: missing '))'"
        );
        assert_eq!(
            parse("echo ${x").unwrap_err(),
            "sh: syntax error: missing '}'"
        );
        assert_eq!(
            parse("f() { echo").unwrap_err(),
            "sh: syntax error: unexpected end of file (expecting \"}\")"
        );
        let Node::Seq(items) = parse_script("echo hi\nif") else {
            panic!()
        };
        assert!(matches!(&*items[1], Node::SyntaxError(_)));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let n = 100_000;
        let s = format!("{}{}", "$(".repeat(n), ")".repeat(n));
        let e = parse(&format!("echo {s}")).unwrap_err();
        assert!(e.contains("nesting too deep"), "{e}");
        let s = format!("{}true{}", "(".repeat(n), ")".repeat(n));
        assert!(parse(&s).unwrap_err().contains("nesting too deep"));
        let s = format!("{}{}", "{ ".repeat(n), "; }".repeat(n));
        assert!(parse(&s).is_err());
    }
}
