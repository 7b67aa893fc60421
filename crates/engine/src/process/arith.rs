//! Shell arithmetic (`$((…))`, POSIX.1-2017 XCU §2.6.4) as busybox ash evaluates it
//! (`shell/math.c`): signed 64-bit integers, C operators and precedence, variables by name
//! (empty or unset = 0), assignment operators, `++`/`--`, `**`, decimal, octal (`010`) and
//! hexadecimal (`0x1f`) constants. Division by zero is ash's `divide by zero` error.
//!
//! Recursion is bounded; an expression nested deeper than [`MAX_DEPTH`] is an error.
// Style lints allowed here: the loop mirrors ash's arithmetic parser.
#![allow(clippy::while_let_loop)]

const MAX_DEPTH: usize = 200;

/// Variable access for the evaluator.
pub trait Vars {
    fn get(&self, name: &str) -> Option<String>;
    fn set(&mut self, name: &str, value: String) -> Result<(), String>;
}

pub fn eval(expr: &str, vars: &mut dyn Vars) -> Result<i64, String> {
    let toks = lex(expr)?;
    let mut p = P {
        t: toks,
        i: 0,
        vars,
        depth: 0,
    };
    if p.t.is_empty() {
        return Ok(0);
    }
    let v = p.assign(true)?;
    if p.i < p.t.len() {
        return Err(format!("arithmetic syntax error: {expr:?}"));
    }
    Ok(v)
}

#[derive(Clone, Debug, PartialEq)]
enum T {
    Num(i64),
    Name(String),
    Op(&'static str),
}

const OPS: &[&str] = &[
    "<<=", ">>=", "**", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "<<", ">>",
    "<=", ">=", "==", "!=", "&&", "||", "+", "-", "*", "/", "%", "<", ">", "=", "&", "^", "|", "!",
    "~", "?", ":", "(", ")", ",",
];

fn lex(s: &str) -> Result<Vec<T>, String> {
    let c: Vec<char> = s.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
            continue;
        }
        if ch.is_ascii_digit() {
            let start = i;
            while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '#') {
                i += 1;
            }
            let lit: String = c[start..i].iter().collect();
            out.push(T::Num(parse_number(&lit)?));
            continue;
        }
        if ch.is_ascii_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(T::Name(c[start..i].iter().collect()));
            continue;
        }
        let rest: String = c[i..c.len().min(i + 3)].iter().collect();
        match OPS.iter().find(|op| rest.starts_with(**op)) {
            Some(op) => {
                out.push(T::Op(op));
                i += op.len();
            }
            None => return Err(format!("arithmetic syntax error: {s:?}")),
        }
    }
    Ok(out)
}

/// A number as ash reads it: `0x` hex, leading `0` octal, `BASE#digits`, else decimal.
pub fn parse_number(lit: &str) -> Result<i64, String> {
    let bad = || format!("arithmetic syntax error: {lit:?}");
    let t = lit.trim();
    if t.is_empty() {
        return Ok(0);
    }
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        i64::from_str_radix(h, 16).map_err(|_| bad())?
    } else if let Some((b, d)) = t.split_once('#') {
        let base: u32 = b.parse().map_err(|_| bad())?;
        if !(2..=36).contains(&base) {
            return Err(bad());
        }
        i64::from_str_radix(d, base).map_err(|_| bad())?
    } else if t.len() > 1 && t.starts_with('0') {
        i64::from_str_radix(&t[1..], 8).map_err(|_| bad())?
    } else {
        t.parse::<i64>().map_err(|_| bad())?
    };
    Ok(if neg { v.wrapping_neg() } else { v })
}

struct P<'a> {
    t: Vec<T>,
    i: usize,
    vars: &'a mut dyn Vars,
    depth: usize,
}

impl P<'_> {
    fn peek(&self) -> Option<&T> {
        self.t.get(self.i)
    }
    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Some(T::Op(o)) if *o == op)
    }
    fn var(&mut self, name: &str, live: bool) -> Result<i64, String> {
        if !live {
            return Ok(0);
        }
        match self.vars.get(name) {
            None => Ok(0),
            Some(v) if v.trim().is_empty() => Ok(0),
            Some(v) => {
                if let Ok(n) = parse_number(&v) {
                    return Ok(n);
                }
                // A variable holding an expression is evaluated in turn (bounded).
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err("arithmetic: expression recursion loop detected".into());
                }
                let toks = lex(&v)?;
                let saved = (std::mem::replace(&mut self.t, toks), self.i);
                self.i = 0;
                let r = self.assign(true);
                self.t = saved.0;
                self.i = saved.1;
                self.depth -= 1;
                r
            }
        }
    }

    fn assign(&mut self, live: bool) -> Result<i64, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("arithmetic: expression nested too deeply".into());
        }
        let r = self.assign_inner(live);
        self.depth -= 1;
        r
    }

    fn assign_inner(&mut self, live: bool) -> Result<i64, String> {
        if let (Some(T::Name(n)), Some(T::Op(op))) = (self.t.get(self.i), self.t.get(self.i + 1)) {
            let op = *op;
            if matches!(
                op,
                "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "<<=" | ">>=" | "&=" | "^=" | "|="
            ) {
                let name = n.clone();
                self.i += 2;
                let rhs = self.assign(live)?;
                let v = if op == "=" {
                    rhs
                } else {
                    let cur = self.var(&name, live)?;
                    binop(&op[..op.len() - 1], cur, rhs)?
                };
                if live {
                    self.vars.set(&name, v.to_string())?;
                }
                return Ok(v);
            }
        }
        self.ternary(live)
    }

    fn ternary(&mut self, live: bool) -> Result<i64, String> {
        let c = self.binary(0, live)?;
        if self.is_op("?") {
            self.i += 1;
            let a = self.assign(live && c != 0)?;
            if !self.is_op(":") {
                return Err("arithmetic syntax error: expected ':'".into());
            }
            self.i += 1;
            let b = self.assign(live && c == 0)?;
            return Ok(if c != 0 { a } else { b });
        }
        Ok(c)
    }

    fn binary(&mut self, min: u8, live: bool) -> Result<i64, String> {
        let mut lhs = self.unary(live)?;
        loop {
            let Some(T::Op(op)) = self.peek() else { break };
            let op = *op;
            let Some(prec) = precedence(op) else { break };
            if prec < min {
                break;
            }
            self.i += 1;
            if op == "&&" || op == "||" {
                let short = if op == "&&" { lhs == 0 } else { lhs != 0 };
                let rhs = self.binary(prec + 1, live && !short)?;
                lhs = if op == "&&" {
                    (lhs != 0 && rhs != 0) as i64
                } else {
                    (lhs != 0 || rhs != 0) as i64
                };
                continue;
            }
            // `**` is right-associative.
            let next = if op == "**" { prec } else { prec + 1 };
            let rhs = self.binary(next, live)?;
            lhs = if live { binop(op, lhs, rhs)? } else { 0 };
        }
        Ok(lhs)
    }

    fn unary(&mut self, live: bool) -> Result<i64, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("arithmetic: expression nested too deeply".into());
        }
        let r = self.unary_inner(live);
        self.depth -= 1;
        r
    }

    fn unary_inner(&mut self, live: bool) -> Result<i64, String> {
        match self.peek().cloned() {
            Some(T::Op(op @ ("++" | "--"))) => {
                self.i += 1;
                let Some(T::Name(n)) = self.peek().cloned() else {
                    return Err("arithmetic syntax error".into());
                };
                self.i += 1;
                let v = self.var(&n, live)? + if op == "++" { 1 } else { -1 };
                if live {
                    self.vars.set(&n, v.to_string())?;
                }
                Ok(v)
            }
            Some(T::Op("-")) => {
                self.i += 1;
                Ok(self.unary(live)?.wrapping_neg())
            }
            Some(T::Op("+")) => {
                self.i += 1;
                self.unary(live)
            }
            Some(T::Op("!")) => {
                self.i += 1;
                Ok((self.unary(live)? == 0) as i64)
            }
            Some(T::Op("~")) => {
                self.i += 1;
                Ok(!self.unary(live)?)
            }
            Some(T::Op("(")) => {
                self.i += 1;
                let mut v = self.assign(live)?;
                while self.is_op(",") {
                    self.i += 1;
                    v = self.assign(live)?;
                }
                if !self.is_op(")") {
                    return Err("arithmetic syntax error: missing ')'".into());
                }
                self.i += 1;
                Ok(v)
            }
            Some(T::Num(n)) => {
                self.i += 1;
                Ok(n)
            }
            Some(T::Name(n)) => {
                self.i += 1;
                let v = self.var(&n, live)?;
                if let Some(T::Op(op @ ("++" | "--"))) = self.peek().cloned() {
                    self.i += 1;
                    if live {
                        let nv = v + if op == "++" { 1 } else { -1 };
                        self.vars.set(&n, nv.to_string())?;
                    }
                }
                Ok(v)
            }
            _ => Err("arithmetic syntax error".into()),
        }
    }
}

fn precedence(op: &str) -> Option<u8> {
    Some(match op {
        "||" => 1,
        "&&" => 2,
        "|" => 3,
        "^" => 4,
        "&" => 5,
        "==" | "!=" => 6,
        "<" | "<=" | ">" | ">=" => 7,
        "<<" | ">>" => 8,
        "+" | "-" => 9,
        "*" | "/" | "%" => 10,
        "**" => 11,
        _ => return None,
    })
}

fn binop(op: &str, a: i64, b: i64) -> Result<i64, String> {
    Ok(match op {
        "+" => a.wrapping_add(b),
        "-" => a.wrapping_sub(b),
        "*" => a.wrapping_mul(b),
        "/" | "%" if b == 0 => return Err("divide by zero".into()),
        "/" => a.wrapping_div(b),
        "%" => a.wrapping_rem(b),
        "**" => {
            if b < 0 {
                return Err("exponent less than 0".into());
            }
            a.wrapping_pow(b.min(u32::MAX as i64) as u32)
        }
        "<<" => a.wrapping_shl(b as u32),
        ">>" => a.wrapping_shr(b as u32),
        "<" => (a < b) as i64,
        "<=" => (a <= b) as i64,
        ">" => (a > b) as i64,
        ">=" => (a >= b) as i64,
        "==" => (a == b) as i64,
        "!=" => (a != b) as i64,
        "&" => a & b,
        "^" => a ^ b,
        "|" => a | b,
        _ => return Err(format!("arithmetic syntax error: {op}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    struct M(BTreeMap<String, String>);
    impl Vars for M {
        fn get(&self, n: &str) -> Option<String> {
            self.0.get(n).cloned()
        }
        fn set(&mut self, n: &str, v: String) -> Result<(), String> {
            self.0.insert(n.into(), v);
            Ok(())
        }
    }

    #[test]
    fn ash_arithmetic() {
        let mut m = M(BTreeMap::new());
        m.0.insert("x".into(), "5".into());
        assert_eq!(eval("x*2", &mut m), Ok(10));
        assert_eq!(eval("x++", &mut m), Ok(5));
        assert_eq!(m.0["x"], "6");
        assert_eq!(eval("(1+2)*3 - 010 + 0x10", &mut m), Ok(17));
        assert_eq!(eval("2**3**2", &mut m), Ok(512));
        assert_eq!(eval("y += 4, y", &mut m).ok(), None); // `,` only inside parens
        assert_eq!(eval("(w += 4, w)", &mut m), Ok(4));
        assert_eq!(eval("1 ? 2 : 3", &mut m), Ok(2));
        assert_eq!(eval("0 && (z = 1)", &mut m), Ok(0));
        assert!(!m.0.contains_key("z"));
        assert_eq!(eval("1 / 0", &mut m), Err("divide by zero".into()));
        assert_eq!(eval("unset_var + 1", &mut m), Ok(1));
        let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(eval(&deep, &mut m).is_err());
    }
}
