//! A small POSIX `sh` parser for container scripts: the subset that Kubernetes docs and the
//! upstream e2e tests use (`;`, `&&`, `||`, `&`, `!`, pipelines reduced to their last command,
//! `if`, `while`, `until`, `for`, `{ }`, `( )`, redirections, quoting and `$` expansions).
//!
//! Like every parser in podlife it never panics; a syntax error is returned as a message in the
//! words of busybox `sh` (`sh: syntax error: unexpected "done"`).

use std::rc::Rc;

/// One piece of a word: literal text, or something expanded at run time.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Lit(String),
    /// `$NAME`, `${NAME}`, `$?`, `$!`, `$$`, `$1`.
    Var(String),
    /// `$(...)` or `` `...` `` — the command's output.
    Sub(Rc<Node>),
}

/// A word: its parts, and whether any part was quoted (quoted words are not field-split).
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub parts: Vec<Part>,
    pub quoted: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RedirKind {
    Out,
    Append,
    In,
    /// `2>&1`, `>&2`: dup, output discarded in the model.
    Dup,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Redir {
    pub fd: u32,
    pub kind: RedirKind,
    pub target: Word,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// `NAME=value ... cmd args ... redirs`
    Simple {
        assigns: Vec<(String, Word)>,
        words: Vec<Word>,
        redirs: Vec<Redir>,
    },
    /// Commands run in order.
    Seq(Vec<Rc<Node>>),
    /// `a && b || c`: the first node, then (is_and, node) pairs.
    AndOr(Rc<Node>, Vec<(bool, Rc<Node>)>),
    /// `cmd &`
    Background(Rc<Node>),
    /// `! cmd`
    Not(Rc<Node>),
    If {
        cond: Rc<Node>,
        then: Rc<Node>,
        els: Option<Rc<Node>>,
    },
    /// `while cond; do body; done` (`until` = true inverts the condition).
    Loop {
        until: bool,
        cond: Rc<Node>,
        body: Rc<Node>,
    },
    For {
        var: String,
        items: Vec<Word>,
        body: Rc<Node>,
    },
    /// `( ... )` — a subshell; modelled like a group (its exit does not end the parent).
    Subshell(Rc<Node>),
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word(Word),
    Op(&'static str),
    Newline,
}

const OPS: &[&str] = &[
    "&&", "||", ";;", ">>", ">&", "<&", "&", "|", ";", "(", ")", "<", ">",
];

fn tokenize(src: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut toks = vec![];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            toks.push(Tok::Newline);
            i += 1;
            continue;
        }
        if c == ' ' || c == '\t' || c == '\r' {
            i += 1;
            continue;
        }
        if c == '\\' && chars.get(i + 1) == Some(&'\n') {
            i += 2;
            continue;
        }
        if c == '#' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        // An IO number such as the 2 in `2>&1`.
        if c.is_ascii_digit() && matches!(chars.get(i + 1), Some('>') | Some('<')) {
            let fd = c.to_digit(10).unwrap_or(1);
            toks.push(Tok::Word(Word {
                parts: vec![Part::Lit(format!("\u{0}{fd}"))],
                quoted: false,
            }));
            i += 1;
            continue;
        }
        if let Some(op) = OPS
            .iter()
            .find(|op| chars[i..].iter().take(op.len()).collect::<String>() == **op)
        {
            toks.push(Tok::Op(op));
            i += op.len();
            continue;
        }
        let (w, next) = read_word(&chars, i)?;
        toks.push(Tok::Word(w));
        i = next;
    }
    Ok(toks)
}

fn push_lit(parts: &mut Vec<Part>, c: char) {
    if let Some(Part::Lit(s)) = parts.last_mut() {
        s.push(c);
    } else {
        parts.push(Part::Lit(c.to_string()));
    }
}

fn read_dollar(chars: &[char], mut i: usize, parts: &mut Vec<Part>) -> Result<usize, String> {
    // chars[i] == '$'
    i += 1;
    match chars.get(i) {
        Some('(') => {
            let mut depth = 1;
            let start = i + 1;
            let mut j = start;
            while j < chars.len() && depth > 0 {
                match chars[j] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            if depth != 0 {
                return Err("sh: syntax error: unterminated $(".into());
            }
            let inner: String = chars[start..j - 1].iter().collect();
            parts.push(Part::Sub(Rc::new(parse(&inner)?)));
            Ok(j)
        }
        Some('{') => {
            let start = i + 1;
            let mut j = start;
            while j < chars.len() && chars[j] != '}' {
                j += 1;
            }
            if j >= chars.len() {
                return Err("sh: syntax error: bad substitution".into());
            }
            let name: String = chars[start..j].iter().collect();
            // `${VAR:-default}` and friends: keep the name only.
            let name = name
                .split([':', '-', '=', '+', '?'])
                .next()
                .unwrap_or("")
                .to_string();
            parts.push(Part::Var(name));
            Ok(j + 1)
        }
        Some(&c) if c == '?' || c == '!' || c == '$' || c == '#' || c.is_ascii_digit() => {
            parts.push(Part::Var(c.to_string()));
            Ok(i + 1)
        }
        Some(&c) if c.is_alphabetic() || c == '_' => {
            let start = i;
            let mut j = i;
            while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            parts.push(Part::Var(chars[start..j].iter().collect()));
            Ok(j)
        }
        _ => {
            push_lit(parts, '$');
            Ok(i)
        }
    }
}

fn read_word(chars: &[char], mut i: usize) -> Result<(Word, usize), String> {
    let mut parts = vec![];
    let mut quoted = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' | '\r' | ';' | '&' | '|' | '(' | ')' | '<' | '>' => break,
            '\'' => {
                quoted = true;
                let mut j = i + 1;
                if let Some(Part::Lit(_)) = parts.last() {
                } else {
                    parts.push(Part::Lit(String::new()));
                }
                while j < chars.len() && chars[j] != '\'' {
                    push_lit(&mut parts, chars[j]);
                    j += 1;
                }
                if j >= chars.len() {
                    return Err("sh: syntax error: unterminated quoted string".into());
                }
                i = j + 1;
            }
            '"' => {
                quoted = true;
                if parts.is_empty() {
                    parts.push(Part::Lit(String::new()));
                }
                let mut j = i + 1;
                while j < chars.len() && chars[j] != '"' {
                    if chars[j] == '\\'
                        && j + 1 < chars.len()
                        && matches!(chars[j + 1], '"' | '\\' | '$' | '`')
                    {
                        push_lit(&mut parts, chars[j + 1]);
                        j += 2;
                    } else if chars[j] == '$' {
                        j = read_dollar(chars, j, &mut parts)?;
                    } else {
                        push_lit(&mut parts, chars[j]);
                        j += 1;
                    }
                }
                if j >= chars.len() {
                    return Err("sh: syntax error: unterminated quoted string".into());
                }
                i = j + 1;
            }
            '\\' => {
                if let Some(&n) = chars.get(i + 1) {
                    push_lit(&mut parts, n);
                }
                quoted = true;
                i += 2;
            }
            '$' => i = read_dollar(chars, i, &mut parts)?,
            '`' => {
                let mut j = i + 1;
                while j < chars.len() && chars[j] != '`' {
                    j += 1;
                }
                let inner: String = chars[i + 1..j.min(chars.len())].iter().collect();
                parts.push(Part::Sub(Rc::new(parse(&inner)?)));
                i = j + 1;
            }
            _ => {
                push_lit(&mut parts, c);
                i += 1;
            }
        }
    }
    Ok((Word { parts, quoted }, i))
}

impl Word {
    /// The literal text of a word with no expansions (for keywords and names).
    pub fn literal(&self) -> Option<String> {
        if self.quoted {
            return None;
        }
        let mut s = String::new();
        for p in &self.parts {
            match p {
                Part::Lit(l) => s.push_str(l),
                _ => return None,
            }
        }
        Some(s)
    }
    pub fn lit(s: &str) -> Word {
        Word {
            parts: vec![Part::Lit(s.to_string())],
            quoted: true,
        }
    }
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

const RESERVED_END: &[&str] = &["then", "else", "elif", "fi", "do", "done", "}", "esac"];

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn peek_kw(&self) -> Option<String> {
        match self.peek() {
            Some(Tok::Word(w)) => w.literal(),
            _ => None,
        }
    }
    fn skip_newlines(&mut self) {
        while matches!(self.peek(), Some(Tok::Newline)) || matches!(self.peek(), Some(Tok::Op(";")))
        {
            self.pos += 1;
        }
    }
    fn expect_kw(&mut self, kw: &str) -> Result<(), String> {
        self.skip_newlines();
        if self.peek_kw().as_deref() == Some(kw) {
            self.pos += 1;
            Ok(())
        } else {
            Err(format!(
                "sh: syntax error: expected \"{kw}\"{}",
                self.near()
            ))
        }
    }
    fn near(&self) -> String {
        match self.peek() {
            Some(Tok::Word(w)) => format!(" near \"{}\"", w.literal().unwrap_or_default()),
            Some(Tok::Op(o)) => format!(" near \"{o}\""),
            _ => " at end of input".to_string(),
        }
    }

    /// A list: and-or items separated by `;`, `&` or newlines, up to a reserved word or `)`.
    fn list(&mut self) -> Result<Node, String> {
        let mut items = vec![];
        loop {
            self.skip_newlines();
            match self.peek() {
                None => break,
                Some(Tok::Op(")")) => break,
                Some(Tok::Word(w))
                    if w.literal()
                        .is_some_and(|l| RESERVED_END.contains(&l.as_str())) =>
                {
                    break
                }
                _ => {}
            }
            let item = self.and_or()?;
            if matches!(self.peek(), Some(Tok::Op("&"))) {
                self.pos += 1;
                items.push(Rc::new(Node::Background(Rc::new(item))));
            } else {
                items.push(Rc::new(item));
            }
        }
        Ok(if items.len() == 1 {
            (*items[0]).clone()
        } else {
            Node::Seq(items)
        })
    }

    fn and_or(&mut self) -> Result<Node, String> {
        let first = Rc::new(self.pipeline()?);
        let mut rest = vec![];
        loop {
            let and = match self.peek() {
                Some(Tok::Op("&&")) => true,
                Some(Tok::Op("||")) => false,
                _ => break,
            };
            self.pos += 1;
            while matches!(self.peek(), Some(Tok::Newline)) {
                self.pos += 1;
            }
            rest.push((and, Rc::new(self.pipeline()?)));
        }
        Ok(if rest.is_empty() {
            (*first).clone()
        } else {
            Node::AndOr(first, rest)
        })
    }

    /// `! a | b`: modelled as its last command (the pipeline's status is the last command's).
    fn pipeline(&mut self) -> Result<Node, String> {
        let mut negate = false;
        if self.peek_kw().as_deref() == Some("!") {
            self.pos += 1;
            negate = true;
        }
        let mut cmd = self.command()?;
        while matches!(self.peek(), Some(Tok::Op("|"))) {
            self.pos += 1;
            while matches!(self.peek(), Some(Tok::Newline)) {
                self.pos += 1;
            }
            cmd = self.command()?;
        }
        Ok(if negate { Node::Not(Rc::new(cmd)) } else { cmd })
    }

    fn command(&mut self) -> Result<Node, String> {
        match self.peek() {
            Some(Tok::Op("(")) => {
                self.pos += 1;
                let body = self.list()?;
                if !matches!(self.peek(), Some(Tok::Op(")"))) {
                    return Err(format!("sh: syntax error: expected \")\"{}", self.near()));
                }
                self.pos += 1;
                return Ok(Node::Subshell(Rc::new(body)));
            }
            Some(Tok::Op(op)) => return Err(format!("sh: syntax error: unexpected \"{op}\"")),
            None => return Err("sh: syntax error: unexpected end of file".into()),
            _ => {}
        }
        match self.peek_kw().as_deref() {
            Some("if") => {
                self.pos += 1;
                return self.if_rest();
            }
            Some(kw @ ("while" | "until")) => {
                let until = kw == "until";
                self.pos += 1;
                let cond = self.list()?;
                self.expect_kw("do")?;
                let body = self.list()?;
                self.expect_kw("done")?;
                return Ok(Node::Loop {
                    until,
                    cond: Rc::new(cond),
                    body: Rc::new(body),
                });
            }
            Some("for") => {
                self.pos += 1;
                let var = self
                    .peek_kw()
                    .ok_or_else(|| "sh: syntax error: bad for loop variable".to_string())?;
                self.pos += 1;
                let mut items = vec![];
                self.skip_newlines_only();
                if self.peek_kw().as_deref() == Some("in") {
                    self.pos += 1;
                    while let Some(Tok::Word(w)) = self.peek() {
                        items.push(w.clone());
                        self.pos += 1;
                    }
                }
                self.expect_kw("do")?;
                let body = self.list()?;
                self.expect_kw("done")?;
                return Ok(Node::For {
                    var,
                    items,
                    body: Rc::new(body),
                });
            }
            Some("{") => {
                self.pos += 1;
                let body = self.list()?;
                self.expect_kw("}")?;
                return Ok(body);
            }
            Some(kw) if RESERVED_END.contains(&kw) => {
                return Err(format!("sh: syntax error: unexpected \"{kw}\""))
            }
            _ => {}
        }
        self.simple()
    }

    fn skip_newlines_only(&mut self) {
        while matches!(self.peek(), Some(Tok::Newline)) {
            self.pos += 1;
        }
    }

    fn if_rest(&mut self) -> Result<Node, String> {
        let cond = self.list()?;
        self.expect_kw("then")?;
        let then = self.list()?;
        self.skip_newlines();
        let els = match self.peek_kw().as_deref() {
            Some("elif") => {
                self.pos += 1;
                Some(Rc::new(self.if_rest()?))
            }
            Some("else") => {
                self.pos += 1;
                let e = self.list()?;
                self.expect_kw("fi")?;
                Some(Rc::new(e))
            }
            _ => {
                self.expect_kw("fi")?;
                None
            }
        };
        if let Some(e) = &els {
            if matches!(**e, Node::If { .. }) {
                // `elif` consumed the shared `fi`.
            }
        }
        Ok(Node::If {
            cond: Rc::new(cond),
            then: Rc::new(then),
            els,
        })
    }

    fn simple(&mut self) -> Result<Node, String> {
        let mut assigns = vec![];
        let mut words = vec![];
        let mut redirs = vec![];
        loop {
            match self.peek().cloned() {
                Some(Tok::Word(w)) => {
                    // IO number marker from the tokenizer.
                    if let Some(Part::Lit(l)) = w.parts.first() {
                        if let Some(fd) = l.strip_prefix('\u{0}') {
                            let fd: u32 = fd.parse().unwrap_or(1);
                            self.pos += 1;
                            redirs.push(self.redir(fd)?);
                            continue;
                        }
                    }
                    if words.is_empty() {
                        if let Some((name, value)) = split_assign(&w) {
                            assigns.push((name, value));
                            self.pos += 1;
                            continue;
                        }
                    }
                    words.push(w);
                    self.pos += 1;
                }
                Some(Tok::Op(">" | ">>" | "<" | ">&" | "<&")) => redirs.push(self.redir(u32::MAX)?),
                _ => break,
            }
        }
        if words.is_empty() && assigns.is_empty() && redirs.is_empty() {
            return Err(format!("sh: syntax error:{}", self.near()));
        }
        Ok(Node::Simple {
            assigns,
            words,
            redirs,
        })
    }

    fn redir(&mut self, fd: u32) -> Result<Redir, String> {
        let op = match self.peek() {
            Some(Tok::Op(o)) => *o,
            _ => return Err("sh: syntax error: bad redirection".into()),
        };
        self.pos += 1;
        let target = match self.peek() {
            Some(Tok::Word(w)) => w.clone(),
            _ => return Err("sh: syntax error: unexpected redirection target".into()),
        };
        self.pos += 1;
        let (kind, default_fd) = match op {
            ">" => (RedirKind::Out, 1),
            ">>" => (RedirKind::Append, 1),
            "<" => (RedirKind::In, 0),
            _ => (RedirKind::Dup, 1),
        };
        Ok(Redir {
            fd: if fd == u32::MAX { default_fd } else { fd },
            kind,
            target,
        })
    }
}

fn split_assign(w: &Word) -> Option<(String, Word)> {
    let Some(Part::Lit(first)) = w.parts.first() else {
        return None;
    };
    let eq = first.find('=')?;
    let name = &first[..eq];
    if name.is_empty()
        || !name.chars().all(|c| c.is_alphanumeric() || c == '_')
        || name.chars().next()?.is_ascii_digit()
    {
        return None;
    }
    let mut parts = w.parts.clone();
    parts[0] = Part::Lit(first[eq + 1..].to_string());
    Some((
        name.to_string(),
        Word {
            parts,
            quoted: w.quoted,
        },
    ))
}

/// Parse a whole script.
pub fn parse(src: &str) -> Result<Node, String> {
    let toks = tokenize(src)?;
    let mut p = Parser { toks, pos: 0 };
    let node = p.list()?;
    p.skip_newlines();
    if p.pos < p.toks.len() {
        return Err(format!(
            "sh: syntax error: unexpected{}",
            p.near().replace(" near", "")
        ));
    }
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_docs_scripts() {
        for s in [
            "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600",
            "trap 'exit 0' TERM; touch /tmp/healthy; sleep 30 & wait $!; rm -f /tmp/healthy; sleep 600 & wait $!",
            "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done",
            "echo ok >/tmp/health; sleep 10; rm -rf /tmp/health; sleep 600",
            "while true; do echo hi >> /data/log; sleep 5; done",
            "if [ -f /x ]; then exit 0; else exit 1; fi",
            "for i in 1 2 3; do echo $i; done",
            "echo \"a b\" 2>&1 | cat",
        ] {
            parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        }
    }

    #[test]
    fn syntax_errors_are_messages() {
        assert!(parse("if true; then").is_err());
        assert!(parse("done").is_err());
        assert!(parse("echo 'x").is_err());
    }
}
