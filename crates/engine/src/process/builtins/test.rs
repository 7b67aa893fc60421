//! `test` / `[` / `[[` (busybox `coreutils/test.c`, ash's `[[`).

use crate::process::exec::resolve;
use crate::process::fs::FsView;

/// `test` / `[` / `[[` (POSIX `test`, with ash's `-a`/`-o`/`(`…`)` and `[[ x == pat ]]`).
pub(crate) fn eval_test(
    a: &[&str],
    fs: &mut FsView,
    cwd: &str,
    double: bool,
) -> Result<bool, String> {
    let mut p = TestP {
        a,
        i: 0,
        fs,
        cwd,
        double,
        depth: 0,
    };
    if a.is_empty() {
        return Ok(false);
    }
    let r = p.or()?;
    if p.i < a.len() {
        return Err(format!("{}: unexpected operator", a[p.i]));
    }
    Ok(r)
}

struct TestP<'a, 'b, 'c> {
    a: &'a [&'a str],
    i: usize,
    fs: &'a mut FsView<'b>,
    cwd: &'c str,
    double: bool,
    depth: usize,
}

impl TestP<'_, '_, '_> {
    fn or(&mut self) -> Result<bool, String> {
        let mut v = self.and()?;
        while self
            .a
            .get(self.i)
            .is_some_and(|t| *t == "-o" || (self.double && *t == "||"))
        {
            self.i += 1;
            let r = self.and()?;
            v = v || r;
        }
        Ok(v)
    }
    fn and(&mut self) -> Result<bool, String> {
        let mut v = self.not()?;
        while self
            .a
            .get(self.i)
            .is_some_and(|t| *t == "-a" || (self.double && *t == "&&"))
        {
            self.i += 1;
            let r = self.not()?;
            v = v && r;
        }
        Ok(v)
    }
    fn not(&mut self) -> Result<bool, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err("expression too deep".into());
        }
        let r = if self.a.get(self.i) == Some(&"!") && self.a.len() - self.i > 1 {
            self.i += 1;
            Ok(!self.not()?)
        } else {
            self.primary()
        };
        self.depth -= 1;
        r
    }
    fn primary(&mut self) -> Result<bool, String> {
        let a = self.a;
        let i = self.i;
        let Some(&t) = a.get(i) else {
            return Err("argument expected".into());
        };
        if t == "(" {
            self.i += 1;
            let v = self.or()?;
            if self.a.get(self.i) != Some(&")") {
                return Err("missing )".into());
            }
            self.i += 1;
            return Ok(v);
        }
        // Binary operators.
        if let (Some(&op), Some(&y)) = (a.get(i + 1), a.get(i + 2)) {
            let bin = matches!(
                op,
                "=" | "=="
                    | "!="
                    | "-eq"
                    | "-ne"
                    | "-lt"
                    | "-le"
                    | "-gt"
                    | "-ge"
                    | "<"
                    | ">"
                    | "-nt"
                    | "-ot"
                    | "=~"
            );
            if bin {
                self.i += 3;
                let x = t;
                return Ok(match op {
                    "=" | "==" => {
                        if self.double {
                            super::expand::pat_match(y, x)
                        } else {
                            x == y
                        }
                    }
                    "!=" => {
                        if self.double {
                            !super::expand::pat_match(y, x)
                        } else {
                            x != y
                        }
                    }
                    "<" => x < y,
                    ">" => x > y,
                    "-nt" | "-ot" | "=~" => false,
                    _ => {
                        let num = |s: &str| -> Result<i64, String> {
                            s.trim()
                                .parse::<i64>()
                                .map_err(|_| format!("{s}: bad number"))
                        };
                        let (x, y) = (num(x)?, num(y)?);
                        match op {
                            "-eq" => x == y,
                            "-ne" => x != y,
                            "-lt" => x < y,
                            "-le" => x <= y,
                            "-gt" => x > y,
                            _ => x >= y,
                        }
                    }
                });
            }
        }
        // Unary operators.
        if t.len() == 2 && t.starts_with('-') && a.get(i + 1).is_some() {
            let arg = a[i + 1];
            let path = resolve(self.cwd, arg);
            let fs = &mut *self.fs;
            let v = match &t[1..] {
                "z" => Some(arg.is_empty()),
                "n" => Some(!arg.is_empty()),
                "f" => Some(fs.has_file(&path) || special(&path)),
                "e" | "a" => Some(fs.exists(&path) || special(&path) || path == "/"),
                "d" => Some(fs.is_dir(&path) || path == "/"),
                "s" => Some(fs.read(&path).is_some_and(|c| !c.is_empty())),
                "r" | "w" => Some(fs.exists(&path) || special(&path)),
                "x" => Some(fs.is_dir(&path) || fs.is_executable(&path) || in_bin(&path)),
                "L" | "h" => Some(fs.is_link(&path)),
                "p" | "S" | "b" | "c" | "u" | "g" | "k" | "O" | "G" | "N" => Some(false),
                "t" => Some(false),
                _ => None,
            };
            if let Some(v) = v {
                self.i += 2;
                return Ok(v);
            }
        }
        self.i += 1;
        Ok(!t.is_empty())
    }
}

/// A program in the image's `PATH` directories (assumed executable).
fn in_bin(p: &str) -> bool {
    [
        "/bin/",
        "/sbin/",
        "/usr/bin/",
        "/usr/sbin/",
        "/usr/local/bin/",
    ]
    .iter()
    .any(|d| p.starts_with(d))
}

fn special(p: &str) -> bool {
    matches!(
        p,
        "/dev/null" | "/dev/stdout" | "/dev/stderr" | "/dev/zero" | "/dev/random" | "/dev/urandom"
    )
}
