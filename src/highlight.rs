//! YAML syntax highlighting for the manifest editor, line by line.
//!
//! The editor is a plain `<textarea>` (the user's text is never rewritten); a `<pre>` behind it
//! draws the same text in colour. Only the lines in view are tokenised and drawn, so the cost
//! follows the editor's height, not the paste's length. Tokenising never fails: anything it does
//! not recognise is a plain scalar.

/// A token class; the CSS class is `hl-<name>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Plain,
    Key,
    Punct,
    Str,
    Num,
    Bool,
    Comment,
    Doc,
    Anchor,
    Block,
}

impl Tok {
    pub fn class(self) -> &'static str {
        match self {
            Tok::Plain => "hl-plain",
            Tok::Key => "hl-key",
            Tok::Punct => "hl-punct",
            Tok::Str => "hl-str",
            Tok::Num => "hl-num",
            Tok::Bool => "hl-bool",
            Tok::Comment => "hl-comment",
            Tok::Doc => "hl-doc",
            Tok::Anchor => "hl-anchor",
            Tok::Block => "hl-block",
        }
    }
}

/// Per line: the indentation of the block scalar (`|` / `>`) it belongs to, if any. One pass over
/// the text; lines inside a block scalar are drawn as [`Tok::Block`].
pub fn block_lines(text: &str) -> Vec<bool> {
    let mut out = Vec::new();
    // Indentation of the key line that opened a block scalar.
    let mut open: Option<usize> = None;
    for line in text.split('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let blank = line.trim().is_empty();
        if let Some(k) = open {
            if blank || indent > k {
                out.push(true);
                continue;
            }
            open = None;
        }
        out.push(false);
        if opens_block(line) {
            open = Some(indent);
        }
    }
    out
}

/// Whether a line ends with a block scalar indicator (`key: |`, `- >-`, `args: |+ # note`).
fn opens_block(line: &str) -> bool {
    let code = strip_comment(line).trim_end();
    let last = code.rsplit([' ', '\t']).next().unwrap_or("");
    let ind = last.trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
    (ind == "|" || ind == ">") && code.len() > last.len()
}

/// The line without a trailing comment (a `#` at the start or after whitespace, outside quotes).
fn strip_comment(line: &str) -> &str {
    match comment_start(line) {
        Some(i) => &line[..i],
        None => line,
    }
}

fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev_space = true;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '#' && prev_space => return Some(i),
            None if (c == '"' || c == '\'') && prev_space => quote = Some(c),
            None => {}
        }
        prev_space = c == ' ' || c == '\t' || (quote.is_none() && matches!(c, '[' | '{' | ','));
    }
    None
}

/// Tokens of one line, in order; their texts concatenate to the line.
pub fn tokens(line: &str, in_block: bool) -> Vec<(Tok, &str)> {
    let mut out = Vec::new();
    if in_block {
        out.push((Tok::Block, line));
        return out;
    }
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    if !indent.is_empty() {
        out.push((Tok::Plain, indent));
    }
    if trimmed.starts_with("---") || trimmed.starts_with("...") {
        out.push((Tok::Doc, trimmed));
        return out;
    }
    let (code, comment) = match comment_start(trimmed) {
        Some(i) => trimmed.split_at(i),
        None => (trimmed, ""),
    };
    let mut rest = code;
    // Sequence dashes.
    while let Some(r) = rest
        .strip_prefix("- ")
        .or(if rest == "-" { Some("") } else { None })
    {
        let dash = &rest[..rest.len() - r.len()];
        out.push((Tok::Punct, dash));
        rest = r;
    }
    // `key:` (followed by a space or the end of the line), outside quotes and flow collections.
    if let Some(k) = key_end(rest) {
        out.push((Tok::Key, &rest[..k]));
        out.push((Tok::Punct, &rest[k..k + 1]));
        rest = &rest[k + 1..];
        let ws = rest.len() - rest.trim_start().len();
        if ws > 0 {
            out.push((Tok::Plain, &rest[..ws]));
            rest = &rest[ws..];
        }
    }
    if !rest.is_empty() {
        let body = rest.trim_end();
        let tail = &rest[body.len()..];
        if body.starts_with('[') || body.starts_with('{') {
            flow(body, &mut out);
        } else {
            out.push((scalar_tok(body), body));
        }
        if !tail.is_empty() {
            out.push((Tok::Plain, tail));
        }
    }
    if !comment.is_empty() {
        out.push((Tok::Comment, comment));
    }
    out
}

/// Byte index of the `:` that ends a mapping key at the start of `s`.
fn key_end(s: &str) -> Option<usize> {
    let first = s.chars().next()?;
    if matches!(
        first,
        '[' | '{' | '|' | '>' | '&' | '*' | '!' | '%' | '@' | '`'
    ) {
        return None;
    }
    let mut quote = match first {
        '"' | '\'' => Some(first),
        _ => None,
    };
    for (i, c) in s.char_indices().skip(usize::from(quote.is_some())) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == ':' => {
                let after = s[i + 1..].chars().next();
                if after.is_none_or(|a| a == ' ' || a == '\t') {
                    return Some(i);
                }
            }
            None => {}
        }
    }
    None
}

/// A flow collection (`["sh", "-c", "sleep 30"]`, `{a: 1}`): brackets and commas are
/// punctuation, quoted items strings, other items scalars.
fn flow<'a>(v: &'a str, out: &mut Vec<(Tok, &'a str)>) {
    let mut start = 0;
    let mut quote: Option<char> = None;
    let flush = |out: &mut Vec<(Tok, &'a str)>, a: usize, b: usize| {
        if a < b {
            let piece = &v[a..b];
            let t = piece.trim();
            out.push((
                if t.is_empty() {
                    Tok::Plain
                } else {
                    scalar_tok(t)
                },
                piece,
            ));
        }
    };
    for (i, c) in v.char_indices() {
        match quote {
            Some(q) if c == q => {
                out.push((Tok::Str, &v[start..i + 1]));
                start = i + 1;
                quote = None;
            }
            Some(_) => {}
            None if c == '"' || c == '\'' => {
                flush(out, start, i);
                start = i;
                quote = Some(c);
            }
            None if matches!(c, '[' | ']' | '{' | '}' | ',') => {
                flush(out, start, i);
                out.push((Tok::Punct, &v[i..i + 1]));
                start = i + 1;
            }
            None => {}
        }
    }
    if quote.is_some() {
        out.push((Tok::Str, &v[start..]));
    } else {
        flush(out, start, v.len());
    }
}

fn scalar_tok(v: &str) -> Tok {
    let first = v.chars().next().unwrap_or(' ');
    match first {
        '"' | '\'' => return Tok::Str,
        '&' | '*' | '!' => return Tok::Anchor,
        '|' | '>' if v.len() <= 3 => return Tok::Punct,
        _ => {}
    }
    match v {
        "true" | "false" | "True" | "False" | "TRUE" | "FALSE" | "null" | "Null" | "NULL" | "~"
        | "yes" | "no" | "on" | "off" => return Tok::Bool,
        _ => {}
    }
    if v.parse::<f64>().is_ok() && !v.eq_ignore_ascii_case("nan") && !v.contains("inf") {
        return Tok::Num;
    }
    Tok::Plain
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(line: &str) -> Vec<(Tok, &str)> {
        tokens(line, false)
    }

    #[test]
    fn key_value_pairs() {
        assert_eq!(
            classes("  name: liveness  # the pod"),
            [
                (Tok::Plain, "  "),
                (Tok::Key, "name"),
                (Tok::Punct, ":"),
                (Tok::Plain, " "),
                (Tok::Plain, "liveness"),
                (Tok::Plain, "  "),
                (Tok::Comment, "# the pod"),
            ]
        );
        assert_eq!(
            classes("periodSeconds: 5"),
            [
                (Tok::Key, "periodSeconds"),
                (Tok::Punct, ":"),
                (Tok::Plain, " "),
                (Tok::Num, "5")
            ]
        );
    }

    #[test]
    fn sequences_strings_and_flow() {
        let t = classes("- name: \"a: b # not a comment\"");
        assert_eq!(t[0], (Tok::Punct, "- "));
        assert_eq!(t[1], (Tok::Key, "name"));
        assert_eq!(t.last().unwrap(), &(Tok::Str, "\"a: b # not a comment\""));
        let t = classes("  command: [\"sh\", \"-c\", \"touch /tmp/healthy; sleep 30\"]");
        assert_eq!(t[1], (Tok::Key, "command"));
        assert!(t.iter().all(|(k, _)| *k != Tok::Comment));
        let strs: Vec<_> = t
            .iter()
            .filter(|(k, _)| *k == Tok::Str)
            .map(|(_, s)| *s)
            .collect();
        assert_eq!(
            strs,
            ["\"sh\"", "\"-c\"", "\"touch /tmp/healthy; sleep 30\""]
        );
        let t = classes("ports: [80, {containerPort: 8080}]");
        assert!(t.contains(&(Tok::Num, "80")) && t.contains(&(Tok::Punct, "{")));
        // An image reference with a port and tag is a value, not a key.
        let t = classes("image: registry.k8s.io:5000/busybox:1.36");
        assert_eq!(t[0], (Tok::Key, "image"));
        assert_eq!(t.last().unwrap().1, "registry.k8s.io:5000/busybox:1.36");
    }

    #[test]
    fn booleans_documents_and_comments() {
        assert_eq!(classes("stdin: true").last().unwrap().0, Tok::Bool);
        assert_eq!(classes("---"), [(Tok::Doc, "---")]);
        assert_eq!(
            classes("# only a comment"),
            [(Tok::Comment, "# only a comment")]
        );
        assert_eq!(classes(""), []);
    }

    #[test]
    fn tokens_cover_the_line() {
        for line in [
            "  - name: x # c",
            "a:b: c",
            "- - nested",
            "'quoted key': v",
            "  args: |",
            "weird: \"unterminated",
            "ünïcode: ✓ # ok",
            "args: [\"a\", 'b', c, \"unterminated",
            "x: {a: [1, 2]}",
        ] {
            let joined: String = classes(line).iter().map(|(_, s)| *s).collect();
            assert_eq!(joined, line);
        }
    }

    #[test]
    fn block_scalars() {
        let text = "command:\n- sh\n- -c\n- |\n  touch /tmp/healthy\n\n  sleep 30\nimage: busybox\nargs: >-\n  x\n";
        let b = block_lines(text);
        assert_eq!(
            b,
            // (the empty last line is blank, so it still belongs to the block)
            [false, false, false, false, true, true, true, false, false, true, true]
        );
    }
}
