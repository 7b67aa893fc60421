//! `printf` applet (busybox `coreutils/printf.c`) and the C `printf` conversions shared with awk.
//!
//! Modelled: format reuse while arguments remain, `%s %b %c %d %i %u %o %x %X %e %E %f %g %G`
//! with flags `-+ #0`, width, precision and `*`, length modifiers `l L h z` ignored, escapes
//! `\a \b \e \f \n \r \t \v \\ \NNN \xHH` and `\c` (stop), `%%`; `%b` with `\0NNN`; numeric
//! arguments as busybox parses them (`'c` = character code, `0x..` hex, `0..` octal, errors
//! print `printf: invalid number 'ARG'`, use 0 and make the exit code 1); an unknown conversion
//! prints `printf: %...: invalid format` and exits 1.
// Style lints allowed here: `to_*` methods consume the parsed conversion.
#![allow(clippy::wrong_self_convention)]

use super::{strtod_prefix, Ctx, Stop};

/// Largest width or precision honoured (larger ones are clamped).
const MAX_WIDTH: usize = 1 << 20;

/// Flags, width and precision of one conversion.
#[derive(Clone, Debug, Default)]
pub(crate) struct Spec {
    pub(crate) minus: bool,
    pub(crate) plus: bool,
    pub(crate) space: bool,
    pub(crate) hash: bool,
    pub(crate) zero: bool,
    pub(crate) width: usize,
    pub(crate) prec: Option<usize>,
}

impl Spec {
    /// Parse "flags width .prec" (the text between `%` and the conversion letter, `*` already
    /// substituted by the caller). Returns None when something else is found.
    pub(crate) fn parse(s: &[u8]) -> Option<Spec> {
        let mut sp = Spec::default();
        let mut i = 0;
        while i < s.len() {
            match s[i] {
                b'-' => sp.minus = true,
                b'+' => sp.plus = true,
                b' ' => sp.space = true,
                b'#' => sp.hash = true,
                b'0' => sp.zero = true,
                _ => break,
            }
            i += 1;
        }
        let mut w: usize = 0;
        while i < s.len() && s[i].is_ascii_digit() {
            w = w.saturating_mul(10).saturating_add((s[i] - b'0') as usize);
            i += 1;
        }
        sp.width = w.min(MAX_WIDTH);
        if i < s.len() && s[i] == b'.' {
            i += 1;
            let mut p: usize = 0;
            while i < s.len() && s[i].is_ascii_digit() {
                p = p.saturating_mul(10).saturating_add((s[i] - b'0') as usize);
                i += 1;
            }
            sp.prec = Some(p.min(MAX_WIDTH));
        }
        if i == s.len() {
            Some(sp)
        } else {
            None
        }
    }

    fn pad(&self, prefix: &str, body: &[u8], zero_ok: bool) -> Vec<u8> {
        let len = prefix.len() + body.len();
        let mut out = Vec::with_capacity(len.max(self.width));
        if len >= self.width {
            out.extend_from_slice(prefix.as_bytes());
            out.extend_from_slice(body);
        } else if self.minus {
            out.extend_from_slice(prefix.as_bytes());
            out.extend_from_slice(body);
            out.resize(self.width, b' ');
        } else if self.zero && zero_ok {
            out.extend_from_slice(prefix.as_bytes());
            out.resize(self.width - body.len(), b'0');
            out.extend_from_slice(body);
        } else {
            out.resize(self.width - len, b' ');
            out.extend_from_slice(prefix.as_bytes());
            out.extend_from_slice(body);
        }
        out
    }

    /// `%d` / `%i`.
    pub(crate) fn signed(&self, v: i64) -> Vec<u8> {
        let mut digits = v.unsigned_abs().to_string();
        if let Some(p) = self.prec {
            if p == 0 && v == 0 {
                digits.clear();
            }
            while digits.len() < p {
                digits.insert(0, '0');
            }
        }
        let sign = if v < 0 {
            "-"
        } else if self.plus {
            "+"
        } else if self.space {
            " "
        } else {
            ""
        };
        self.pad(sign, digits.as_bytes(), self.prec.is_none())
    }

    /// `%u %o %x %X`.
    pub(crate) fn unsigned(&self, v: u64, conv: u8) -> Vec<u8> {
        let mut digits = match conv {
            b'o' => format!("{:o}", v),
            b'x' => format!("{:x}", v),
            b'X' => format!("{:X}", v),
            _ => v.to_string(),
        };
        if let Some(p) = self.prec {
            if p == 0 && v == 0 {
                digits.clear();
            }
            while digits.len() < p {
                digits.insert(0, '0');
            }
        }
        let mut prefix = "";
        if self.hash {
            match conv {
                b'x' if v != 0 => prefix = "0x",
                b'X' if v != 0 => prefix = "0X",
                b'o' if !digits.starts_with('0') => digits.insert(0, '0'),
                _ => {}
            }
        }
        self.pad(prefix, digits.as_bytes(), self.prec.is_none())
    }

    /// `%f %F %e %E %g %G` (and `%a %A`, printed as `%e`).
    pub(crate) fn float(&self, v: f64, conv: u8) -> Vec<u8> {
        let upper = conv.is_ascii_uppercase();
        let sign = if v.is_sign_negative() {
            "-"
        } else if self.plus {
            "+"
        } else if self.space {
            " "
        } else {
            ""
        };
        if !v.is_finite() {
            let body = if v.is_nan() { "nan" } else { "inf" };
            let body = if upper {
                body.to_ascii_uppercase()
            } else {
                body.to_string()
            };
            return self.pad(sign, body.as_bytes(), false);
        }
        let a = v.abs();
        let p = self.prec.unwrap_or(6);
        let body = match conv.to_ascii_lowercase() {
            b'f' => {
                let mut s = format!("{:.*}", p, a);
                if self.hash && p == 0 {
                    s.push('.');
                }
                s
            }
            b'g' => fmt_g(a, p, self.hash),
            _ => fmt_e(a, p, self.hash),
        };
        let body = if upper {
            body.to_ascii_uppercase()
        } else {
            body
        };
        self.pad(sign, body.as_bytes(), true)
    }

    /// `%s` (precision counts bytes).
    pub(crate) fn string(&self, s: &[u8]) -> Vec<u8> {
        let s = match self.prec {
            Some(p) if p < s.len() => &s[..p],
            _ => s,
        };
        self.pad("", s, false)
    }
}

/// `%e` body for a non-negative finite value.
fn fmt_e(a: f64, p: usize, hash: bool) -> String {
    let s = format!("{:.*e}", p, a);
    let (mant, exp) = match s.split_once('e') {
        Some((m, e)) => (m.to_string(), e.parse::<i32>().unwrap_or(0)),
        None => (s.clone(), 0),
    };
    let mut out = mant;
    if hash && p == 0 {
        out.push('.');
    }
    out.push('e');
    out.push(if exp < 0 { '-' } else { '+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        out.push('0');
    }
    out.push_str(&e.to_string());
    out
}

/// `%g` body for a non-negative finite value.
fn fmt_g(a: f64, p: usize, hash: bool) -> String {
    let p = if p == 0 { 1 } else { p };
    let x: i64 = if a == 0.0 {
        0
    } else {
        let s = format!("{:.*e}", p - 1, a);
        s.split_once('e')
            .and_then(|(_, e)| e.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let mut s = if x < p as i64 && x >= -4 {
        format!("{:.*}", (p as i64 - 1 - x).max(0) as usize, a)
    } else {
        fmt_e(a, p - 1, hash)
    };
    if !hash {
        let (mant, exp) = match s.find('e') {
            Some(i) => (s[..i].to_string(), s[i..].to_string()),
            None => (s.clone(), String::new()),
        };
        let mant = if mant.contains('.') {
            let t = mant.trim_end_matches('0');
            t.trim_end_matches('.').to_string()
        } else {
            mant
        };
        s = mant + &exp;
    }
    s
}

/// busybox `bb_process_escape_sequence`: `s[i..]` follows a backslash. Returns the byte and the
/// index after the sequence (unchanged `i` with a `\` result for an unknown escape).
pub(crate) fn escape_seq(s: &[u8], i: usize) -> (u8, usize) {
    let start = i;
    let mut q = i;
    let mut base: u32 = 8;
    let mut num_digits: i32 = 0;
    let mut n: u32 = 0;
    if s.get(q) == Some(&b'x') {
        q += 1;
        base = 16;
        num_digits += 1;
    }
    loop {
        let ch = s.get(q).copied().unwrap_or(0);
        let mut d = (ch as u32).wrapping_sub(b'0' as u32);
        if base == 16 && d >= 10 {
            d = ((ch | 0x20) as u32).wrapping_sub(b'a' as u32);
            if (d as i32) >= 0 {
                d += 10;
            }
        }
        if d >= base {
            if base == 16 {
                num_digits -= 1;
                if num_digits == 0 {
                    return (b'\\', start);
                }
            }
            break;
        }
        let r = n * base + d;
        if r > 255 {
            break;
        }
        n = r;
        q += 1;
        num_digits += 1;
        if num_digits >= 3 {
            break;
        }
    }
    if num_digits == 0 {
        let ch = s.get(q).copied().unwrap_or(0);
        let m = match ch {
            b'a' => 7,
            b'b' => 8,
            b'e' => 27,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'v' => 11,
            b'\\' => b'\\',
            _ => return (b'\\', q),
        };
        return (m, q + 1);
    }
    (n as u8, q)
}

/// C `isalnum`.
fn isalnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// glibc `strtoull`/`strtoll` with base 0 on `s` (no leading blanks): returns
/// (magnitude, negative, bytes used, overflow).
fn strto_base0(s: &[u8]) -> (u64, bool, usize, bool) {
    let mut i = 0;
    let mut neg = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let mut base = 10u64;
    if i + 1 < s.len()
        && s[i] == b'0'
        && (s[i + 1] | 0x20) == b'x'
        && s.get(i + 2).is_some_and(|c| c.is_ascii_hexdigit())
    {
        base = 16;
        i += 2;
    } else if i < s.len() && s[i] == b'0' {
        base = 8;
    }
    let ds = i;
    let mut v: u64 = 0;
    let mut over = false;
    while i < s.len() {
        let d = match (s[i] as char).to_digit(base as u32) {
            Some(d) => d as u64,
            None => break,
        };
        match v.checked_mul(base).and_then(|x| x.checked_add(d)) {
            Some(x) => v = x,
            None => over = true,
        }
        i += 1;
    }
    if i == ds {
        return (0, false, 0, false);
    }
    (v, neg, i, over)
}

/// busybox `bb_strtoll(arg, NULL, 0)`: Err on any error.
pub(crate) fn bb_strtoll(s: &[u8]) -> Result<i64, ()> {
    let first = if s.first() != Some(&b'-') {
        s.first()
    } else {
        s.get(1)
    };
    if !first.is_some_and(|&c| isalnum(c)) {
        return Err(());
    }
    let (mag, neg, used, over) = strto_base0(s);
    if used == 0 || used != s.len() || over {
        return Err(());
    }
    if neg {
        if mag > i64::MAX as u64 + 1 {
            return Err(());
        }
        Ok((mag as i64).wrapping_neg())
    } else {
        if mag > i64::MAX as u64 {
            return Err(());
        }
        Ok(mag as i64)
    }
}

/// busybox `bb_strtoull(arg, NULL, 0)`.
fn bb_strtoull(s: &[u8]) -> Result<u64, ()> {
    if !s.first().is_some_and(|&c| isalnum(c)) {
        return Err(());
    }
    let (mag, neg, used, over) = strto_base0(s);
    if used == 0 || used != s.len() || over {
        return Err(());
    }
    Ok(if neg { mag.wrapping_neg() } else { mag })
}

fn skip_ws(s: &[u8]) -> &[u8] {
    let mut i = 0;
    while i < s.len() && super::is_space(s[i]) {
        i += 1;
    }
    &s[i..]
}

/// `'c` / `"c` arguments stand for the character code.
fn char_code_arg(arg: &[u8]) -> Option<Vec<u8>> {
    if arg.first() == Some(&b'\'') || arg.first() == Some(&b'"') {
        Some(arg.get(1).copied().unwrap_or(0).to_string().into_bytes())
    } else {
        None
    }
}

struct Pf<'c, 'a> {
    ctx: &'c mut Ctx<'a>,
    conv_err: bool,
}

impl Pf<'_, '_> {
    fn bad_number(&mut self, arg: &[u8]) {
        let a = String::from_utf8_lossy(arg).into_owned();
        self.ctx.errln(&format!("invalid number '{}'", a));
        self.conv_err = true;
    }
    fn to_ll(&mut self, arg: &[u8]) -> i64 {
        let arg = skip_ws(arg);
        let conv = char_code_arg(arg).unwrap_or_else(|| arg.to_vec());
        let a = if conv.first() == Some(&b'+') {
            &conv[1..]
        } else {
            &conv[..]
        };
        match bb_strtoll(a) {
            Ok(v) => v,
            Err(()) => {
                self.bad_number(&conv);
                0
            }
        }
    }
    fn to_ull(&mut self, arg: &[u8]) -> u64 {
        let arg = skip_ws(arg);
        let conv = char_code_arg(arg).unwrap_or_else(|| arg.to_vec());
        let a = if conv.first() == Some(&b'+') {
            &conv[1..]
        } else {
            &conv[..]
        };
        match bb_strtoull(a) {
            Ok(v) => v,
            Err(()) => match bb_strtoll(a) {
                Ok(v) => v as u64,
                Err(()) => {
                    self.bad_number(&conv);
                    0
                }
            },
        }
    }
    fn to_d(&mut self, arg: &[u8]) -> f64 {
        let conv = char_code_arg(arg).unwrap_or_else(|| arg.to_vec());
        let (v, used) = strtod_prefix(&conv);
        let rest = if used == 0 {
            skip_ws(&conv)
        } else {
            &conv[used..]
        };
        if used == 0 && !rest.is_empty() || used > 0 && !rest.is_empty() {
            self.bad_number(&conv);
            return 0.0;
        }
        v
    }
    /// `%*` / `%.*` argument.
    fn width_arg(&mut self, arg: &[u8]) -> i64 {
        let a = if arg.first() == Some(&b'+') {
            &arg[1..]
        } else {
            arg
        };
        // bb_strtoi, base 10
        let first = if a.first() != Some(&b'-') {
            a.first()
        } else {
            a.get(1)
        };
        let ok = first.is_some_and(|&c| isalnum(c));
        let parsed = if ok {
            std::str::from_utf8(a)
                .ok()
                .and_then(|t| t.parse::<i32>().ok())
        } else {
            None
        };
        match parsed {
            Some(v) => v as i64,
            None => {
                let s = String::from_utf8_lossy(arg).into_owned();
                self.ctx.errln(&format!("invalid number '{}'", s));
                0
            }
        }
    }
}

/// `%b`: returns true when `\c` stopped the output.
fn esc_string(out: &mut Vec<u8>, s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        let mut c = s[i];
        i += 1;
        if c == b'\\' {
            if s.get(i) == Some(&b'0') {
                if s.get(i + 1).is_some_and(|d| (b'0'..b'8').contains(d)) {
                    i += 1;
                }
            } else if s.get(i) == Some(&b'c') {
                return true;
            }
            let (b, ni) = escape_seq(s, i);
            c = b;
            i = ni;
        }
        out.push(c);
    }
    false
}

enum Done {
    /// Used this many arguments.
    Args(usize),
    /// `\c` or `%b` with `\c`: stop everything.
    Stop,
    /// Invalid format: exit 1.
    Error,
}

fn print_formatted(pf: &mut Pf, f: &[u8], args: &[String]) -> Result<Done, Stop> {
    let mut out: Vec<u8> = Vec::new();
    let mut ai = 0;
    let mut i = 0;
    let mut result = None;
    while i < f.len() {
        match f[i] {
            b'%' => {
                let start = i;
                i += 1;
                if f.get(i) == Some(&b'%') {
                    out.push(b'%');
                    i += 1;
                    continue;
                }
                if f.get(i) == Some(&b'b') {
                    i += 1;
                    if ai < args.len() {
                        let stop = esc_string(&mut out, args[ai].as_bytes());
                        ai += 1;
                        if stop {
                            result = Some(Done::Stop);
                            break;
                        }
                    }
                    continue;
                }
                let mut spec_text: Vec<u8> = Vec::new();
                while i < f.len() && b"-+ #0".contains(&f[i]) {
                    spec_text.push(f[i]);
                    i += 1;
                }
                let mut width_star: Option<i64> = None;
                if f.get(i) == Some(&b'*') {
                    i += 1;
                    width_star = Some(if ai < args.len() {
                        ai += 1;
                        pf.width_arg(args[ai - 1].as_bytes())
                    } else {
                        0
                    });
                } else {
                    while i < f.len() && f[i].is_ascii_digit() {
                        spec_text.push(f[i]);
                        i += 1;
                    }
                }
                let mut prec_star: Option<i64> = None;
                let mut prec_text: Vec<u8> = Vec::new();
                if f.get(i) == Some(&b'.') {
                    i += 1;
                    prec_text.push(b'.');
                    if f.get(i) == Some(&b'*') {
                        i += 1;
                        prec_star = Some(if ai < args.len() {
                            ai += 1;
                            pf.width_arg(args[ai - 1].as_bytes())
                        } else {
                            0
                        });
                    } else {
                        while i < f.len() && f[i].is_ascii_digit() {
                            prec_text.push(f[i]);
                            i += 1;
                        }
                    }
                }
                while i < f.len() && ((f[i] | 0x20) == b'l' || f[i] == b'h' || f[i] == b'z') {
                    i += 1;
                }
                let conv = f.get(i).copied().unwrap_or(0);
                if conv == 0 || !b"diouxXfeEgGcs".contains(&conv) {
                    pf.ctx.write(&out)?;
                    let rest = String::from_utf8_lossy(&f[start..]).into_owned();
                    pf.ctx.errln(&format!("{}: invalid format", rest));
                    return Ok(Done::Error);
                }
                i += 1;
                let mut spec = Spec::parse(&spec_text).unwrap_or_default();
                if let Some(w) = width_star {
                    if w < 0 {
                        spec.minus = true;
                    }
                    spec.width = (w.unsigned_abs() as usize).min(MAX_WIDTH);
                }
                if prec_text.len() > 1 || (prec_text.len() == 1 && prec_star.is_none()) {
                    let p = Spec::parse(&prec_text).and_then(|s| s.prec).unwrap_or(0);
                    spec.prec = Some(p);
                }
                if let Some(p) = prec_star {
                    spec.prec = if p < 0 {
                        None
                    } else {
                        Some((p as usize).min(MAX_WIDTH))
                    };
                }
                pf.ctx.tick(1 + spec.width as u64 / 4096)?;
                let arg: &[u8] = if ai < args.len() {
                    ai += 1;
                    args[ai - 1].as_bytes()
                } else {
                    b""
                };
                let piece = match conv {
                    b'c' => {
                        let c = arg.first().copied().unwrap_or(0);
                        spec.prec = None;
                        spec.string(&[c])
                    }
                    b's' => spec.string(arg),
                    b'd' | b'i' => {
                        let v = pf.to_ll(arg);
                        spec.signed(v)
                    }
                    b'o' | b'u' | b'x' | b'X' => {
                        let v = pf.to_ull(arg);
                        spec.unsigned(v, conv)
                    }
                    _ => {
                        let v = pf.to_d(arg);
                        spec.float(v, conv)
                    }
                };
                out.extend_from_slice(&piece);
            }
            b'\\' => {
                i += 1;
                if f.get(i) == Some(&b'c') {
                    result = Some(Done::Stop);
                    break;
                }
                let (b, ni) = escape_seq(f, i);
                out.push(b);
                i = ni;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    pf.ctx.write(&out)?;
    Ok(result.unwrap_or(Done::Args(ai)))
}

/// `printf FORMAT [ARG]...` (busybox coreutils/printf.c).
pub(crate) fn printf_applet(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let mut args = args;
    if args.first().map(|s| s.as_str()) == Some("--") {
        args = &args[1..];
    }
    if args.is_empty() {
        ctx.usage();
        return Ok(1);
    }
    let format = args[0].as_bytes().to_vec();
    let mut rest = &args[1..];
    let mut pf = Pf {
        ctx,
        conv_err: false,
    };
    loop {
        pf.ctx.tick(1)?;
        match print_formatted(&mut pf, &format, rest)? {
            Done::Stop => break,
            Done::Error => return Ok(1),
            Done::Args(n) => {
                if n == 0 || n >= rest.len() {
                    break;
                }
                rest = &rest[n..];
            }
        }
    }
    Ok(if pf.conv_err { 1 } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(s: &str) -> Spec {
        Spec::parse(s.as_bytes()).expect("spec")
    }

    #[test]
    fn floats() {
        assert_eq!(sp("").float(12345.678, b'e'), b"1.234568e+04");
        assert_eq!(sp("").float(0.0001234, b'g'), b"0.0001234");
        assert_eq!(sp("").float(1e20, b'G'), b"1E+20");
        assert_eq!(sp(".6").float(100000.0, b'g'), b"100000");
        assert_eq!(sp(".6").float(1000000.0, b'g'), b"1e+06");
        assert_eq!(sp("06.1").float(-2.5, b'f'), b"-002.5");
        assert_eq!(sp("").float(0.0, b'g'), b"0");
        assert_eq!(sp("").float(f64::INFINITY, b'f'), b"inf");
        assert_eq!(sp(".2").float(2.675, b'f'), b"2.67");
    }

    #[test]
    fn ints() {
        assert_eq!(sp("#").unsigned(255, b'x'), b"0xff");
        assert_eq!(sp("#").unsigned(8, b'o'), b"010");
        assert_eq!(sp("+5").signed(7), b"   +7");
        assert_eq!(sp("-5").signed(-7), b"-7   ");
        assert_eq!(sp("05").signed(-7), b"-0007");
        assert_eq!(sp(".0").signed(0), b"");
        assert_eq!(bb_strtoll(b"0x1f"), Ok(31));
        assert_eq!(bb_strtoll(b"08"), Err(()));
        assert_eq!(bb_strtoll(b"-"), Err(()));
    }
}
