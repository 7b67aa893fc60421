//! Field path → (line, column) index of a block-style YAML document.
//!
//! serde_yaml 0.9 does not expose node positions, so this is a small line scanner that follows
//! block mappings (`key: value`) and block sequences (`- item`) by indentation and records where
//! each node starts. Paths use the API server's notation: `spec.containers[0].livenessProbe`.
//! Flow collections (`{...}`, `[...]`), block scalars (`|`, `>`) and multi-line quoted scalars
//! are skipped as opaque values: paths inside them resolve to their parent (see
//! [`LocationIndex::find`]).

use std::collections::HashMap;

/// Positions of the nodes of one YAML document.
#[derive(Clone, Debug, Default)]
pub struct LocationIndex {
    /// path → (1-based line, 1-based column), lines relative to the indexed text.
    nodes: HashMap<String, (usize, usize)>,
    /// Position of the first node (for document-level diagnostics).
    first: Option<(usize, usize)>,
}

#[derive(Debug)]
enum Frame {
    /// A mapping key at column `col` whose node path is `path`.
    Key { col: usize, path: String },
    /// A sequence item whose dash is at column `col`.
    Item {
        col: usize,
        seq: String,
        index: usize,
    },
}

impl Frame {
    fn col(&self) -> usize {
        match self {
            Frame::Key { col, .. } | Frame::Item { col, .. } => *col,
        }
    }
    fn path(&self) -> String {
        match self {
            Frame::Key { path, .. } => path.clone(),
            Frame::Item { seq, index, .. } => format!("{seq}[{index}]"),
        }
    }
}

/// Strip a trailing comment (` #...` outside quotes).
fn strip_comment(s: &str) -> &str {
    let (mut in_s, mut in_d) = (false, false);
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\'' if !in_d => in_s = !in_s,
            b'"' if !in_s => in_d = !in_d,
            b'#' if !in_s && !in_d && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t') => {
                return &s[..i]
            }
            _ => {}
        }
    }
    s
}

/// If `s` starts with a mapping key, return (key, rest after `:`).
fn split_key(s: &str) -> Option<(String, &str)> {
    let bytes = s.as_bytes();
    if bytes.is_empty() {
        return None;
    }
    // Quoted key.
    if bytes[0] == b'"' || bytes[0] == b'\'' {
        let q = bytes[0];
        let mut i = 1;
        while i < bytes.len() {
            if bytes[i] == q {
                if q == b'\'' && i + 1 < bytes.len() && bytes[i + 1] == b'\'' {
                    i += 2;
                    continue;
                }
                break;
            }
            if q == b'"' && bytes[i] == b'\\' {
                i += 1;
            }
            i += 1;
        }
        let key = s.get(1..i.min(s.len()))?.to_string();
        let rest = s.get(i + 1..)?.trim_start();
        let rest = rest.strip_prefix(':')?;
        if rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t') {
            return Some((key, rest));
        }
        return None;
    }
    if matches!(
        bytes[0],
        b'[' | b'{' | b'#' | b'|' | b'>' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`'
    ) {
        return None;
    }
    // Plain key: up to the first ": " or a trailing ":".
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b':'
            && (i + 1 == bytes.len() || bytes[i + 1] == b' ' || bytes[i + 1] == b'\t')
        {
            let key = s[..i].trim_end().to_string();
            if key.is_empty() {
                return None;
            }
            return Some((key, &s[i + 1..]));
        }
        if bytes[i] == b' ' && i + 1 < bytes.len() && bytes[i + 1] == b'#' {
            return None;
        }
        i += 1;
    }
    None
}

/// What a value that starts on the key's line needs from the following lines.
enum Continuation {
    None,
    /// A block scalar: skip lines indented more than `parent_col`.
    Block {
        parent_col: usize,
    },
    /// An unbalanced flow collection or quoted scalar: skip until balanced.
    Flow {
        depth: i32,
        in_d: bool,
        in_s: bool,
    },
}

/// Scan flow text, updating bracket depth and quote state.
fn scan_flow(s: &str, depth: &mut i32, in_d: &mut bool, in_s: &mut bool) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if *in_d {
            if c == b'\\' {
                i += 1;
            } else if c == b'"' {
                *in_d = false;
            }
        } else if *in_s {
            if c == b'\'' {
                if i + 1 < b.len() && b[i + 1] == b'\'' {
                    i += 1;
                } else {
                    *in_s = false;
                }
            }
        } else {
            match c {
                b'"' => *in_d = true,
                b'\'' => *in_s = true,
                b'[' | b'{' => *depth += 1,
                b']' | b'}' => *depth -= 1,
                b'#' if i == 0 || b[i - 1] == b' ' => break,
                _ => {}
            }
        }
        i += 1;
    }
}

fn value_continuation(value: &str, parent_col: usize) -> Continuation {
    let v = strip_comment(value).trim();
    if v.starts_with('|') || v.starts_with('>') {
        return Continuation::Block { parent_col };
    }
    if v.starts_with('[') || v.starts_with('{') || v.starts_with('"') || v.starts_with('\'') {
        let (mut depth, mut in_d, mut in_s) = (0, false, false);
        scan_flow(v, &mut depth, &mut in_d, &mut in_s);
        if depth > 0 || in_d || in_s {
            return Continuation::Flow { depth, in_d, in_s };
        }
    }
    Continuation::None
}

impl LocationIndex {
    /// Index `text` (one YAML document).
    pub fn build(text: &str) -> LocationIndex {
        let mut idx = LocationIndex::default();
        let mut stack: Vec<Frame> = vec![];
        let mut cont = Continuation::None;
        for (ln, raw) in text.lines().enumerate() {
            let line_no = ln + 1;
            let line = raw.trim_end_matches('\r');
            let content = line.trim_start_matches(' ');
            let indent = line.len() - content.len();
            match &mut cont {
                Continuation::Block { parent_col } => {
                    if content.is_empty() || indent > *parent_col {
                        continue;
                    }
                    cont = Continuation::None;
                }
                Continuation::Flow { depth, in_d, in_s } => {
                    scan_flow(line, depth, in_d, in_s);
                    if *depth <= 0 && !*in_d && !*in_s {
                        cont = Continuation::None;
                    }
                    continue;
                }
                Continuation::None => {}
            }
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            if indent == 0 && (content.starts_with("---") || content.starts_with("...")) {
                continue;
            }
            let mut col = indent;
            let mut rest = content;
            // Sequence items, possibly nested on one line (`- - a`).
            while rest == "-" || rest.starts_with("- ") {
                while stack.last().is_some_and(|f| f.col() > col) {
                    stack.pop();
                }
                let (seq, index) = match stack.last() {
                    Some(Frame::Item { col: c, seq, index }) if *c == col => {
                        let r = (seq.clone(), index + 1);
                        stack.pop();
                        r
                    }
                    Some(f) => (f.path(), 0),
                    None => (String::new(), 0),
                };
                let frame = Frame::Item { col, seq, index };
                idx.record(frame.path(), line_no, col + 1);
                stack.push(frame);
                let after = &rest[1..];
                let trimmed = after.trim_start_matches(' ');
                col += 1 + (after.len() - trimmed.len());
                rest = trimmed;
                if rest.is_empty() {
                    break;
                }
            }
            if rest.is_empty() {
                continue;
            }
            match split_key(rest) {
                Some((key, value)) => {
                    while stack.last().is_some_and(|f| f.col() >= col) {
                        stack.pop();
                    }
                    let parent = stack.last().map(|f| f.path()).unwrap_or_default();
                    let path = if parent.is_empty() {
                        key
                    } else {
                        format!("{parent}.{key}")
                    };
                    idx.record(path.clone(), line_no, col + 1);
                    stack.push(Frame::Key { col, path });
                    cont = value_continuation(value, col);
                }
                None => {
                    // A scalar item or a continuation of a plain multi-line scalar.
                    let parent_col = stack.last().map(|f| f.col()).unwrap_or(0);
                    if let Continuation::None = value_continuation(rest, parent_col) {
                    } else {
                        cont = value_continuation(rest, parent_col);
                    }
                }
            }
        }
        idx
    }

    fn record(&mut self, path: String, line: usize, col: usize) {
        if self.first.is_none() {
            self.first = Some((line, col));
        }
        self.nodes.entry(path).or_insert((line, col));
    }

    /// The position of `path`, exact.
    pub fn get(&self, path: &str) -> Option<(usize, usize)> {
        self.nodes.get(path).copied()
    }

    /// The position of `path`, or of its nearest indexed ancestor, or of the document's first
    /// node.
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        let mut p = path;
        loop {
            if let Some(pos) = self.nodes.get(p) {
                return Some(*pos);
            }
            p = match parent_path(p) {
                Some(parent) => parent,
                None => return self.first,
            };
        }
    }
}

/// `a.b[0].c` → `a.b[0]` → `a.b` → `a` → None.
pub fn parent_path(p: &str) -> Option<&str> {
    if p.is_empty() {
        return None;
    }
    if p.ends_with(']') {
        if let Some(i) = p.rfind('[') {
            return Some(&p[..i]);
        }
    }
    match p.rfind(['.', '[']) {
        Some(i) => Some(&p[..i]),
        None => Some(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = "\
apiVersion: v1
kind: Pod
metadata:
  name: web   # comment
  labels: {app: web,
    tier: fe}
spec:
  containers:
  - name: app
    image: busybox
    args:
    - |
      echo key: value
      sleep 1
    - two
    livenessProbe:
      exec:
        command: [\"cat\",
          \"/tmp/x\"]
      periodSeconds: 5
  -   name: side
      image: x
  initContainers:
    - name: init
      image: busybox
";

    #[test]
    fn block_yaml_paths() {
        let idx = LocationIndex::build(POD);
        assert_eq!(idx.get("kind"), Some((2, 1)));
        assert_eq!(idx.get("metadata.name"), Some((4, 3)));
        assert_eq!(idx.get("metadata.labels"), Some((5, 3)));
        assert_eq!(idx.get("metadata.labels.tier"), None);
        assert_eq!(idx.get("spec.containers[0]"), Some((9, 3)));
        assert_eq!(idx.get("spec.containers[0].name"), Some((9, 5)));
        assert_eq!(idx.get("spec.containers[0].args[1]"), Some((15, 5)));
        assert_eq!(idx.get("spec.containers[0].args[0].echo key"), None);
        assert_eq!(
            idx.get("spec.containers[0].livenessProbe.periodSeconds"),
            Some((20, 7))
        );
        assert_eq!(idx.get("spec.containers[1].name"), Some((21, 7)));
        assert_eq!(idx.get("spec.containers[1].image"), Some((22, 7)));
        assert_eq!(idx.get("spec.initContainers[0].image"), Some((25, 7)));
        assert_eq!(
            idx.find("spec.containers[0].livenessProbe.timeoutSeconds"),
            Some((16, 5))
        );
        assert_eq!(idx.find("metadata.labels.tier"), Some((5, 3)));
    }
}
