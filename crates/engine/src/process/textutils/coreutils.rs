//! The small busybox coreutils: cat, wc, head, tail, cut, tr, sort, uniq, rev, seq, basename,
//! dirname and expr. Each function's doc comment names the busybox source it models.

use super::printf::Spec;
use super::regex::{Flavor, Rx};
use super::{getopt, is_space, split_lines, strtod_prefix, Ctx, Open, Stop};

/// `cat [-nbvteA] [FILE]...` — busybox `coreutils/cat.c` (with `libbb/print_numbered_lines.c`
/// for -n/-b and `visible()` for -v/-t/-e/-A; -u ignored).
pub(super) fn cat(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let (opts, mut files) = match getopt(ctx, args, "etvAnbu", &[], false, 1) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    let has = |c: char| opts.iter().any(|(o, _)| *o == c);
    let (mut e, mut t, mut v) = (has('e'), has('t'), has('v'));
    if has('A') {
        e = true;
        t = true;
        v = true;
    }
    let (n, b) = (has('n'), has('b'));
    if files.is_empty() {
        files.push("-".to_string());
    }
    let mut rc = 0;
    let mut lineno: u64 = 0;
    // state for the -v path (numbering happens per byte there)
    let mut eol_seen = n || b;
    for f in &files {
        let text = match ctx.open(f)? {
            Open::Text(t) => t,
            Open::IsDir => {
                ctx.errln("read error: Is a directory");
                rc = 1;
                continue;
            }
            o => {
                ctx.warn_cant_open(f, &o);
                rc = 1;
                continue;
            }
        };
        let bytes = text.as_bytes();
        if e || t || v {
            let mut out = Vec::with_capacity(bytes.len());
            for &c in bytes {
                if c == b'\n' {
                    ctx.tick(1)?;
                }
                if eol_seen && !(b && c == b'\n') {
                    lineno += 1;
                    out.extend_from_slice(format!("{:6}  ", lineno).as_bytes());
                }
                if n || b {
                    eol_seen = c == b'\n';
                }
                visible(&mut out, c, e, t);
            }
            ctx.write(&out)?;
        } else if n || b {
            let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 4);
            for (line, _) in split_lines(bytes) {
                ctx.tick(1)?;
                if b && line.is_empty() {
                    out.push(b'\n');
                    continue;
                }
                lineno += 1;
                out.extend_from_slice(format!("{:6}\t", lineno).as_bytes());
                out.extend_from_slice(line);
                out.push(b'\n');
            }
            ctx.write(&out)?;
        } else {
            ctx.tick(1 + bytes.len() as u64 / 256)?;
            ctx.write(bytes)?;
        }
    }
    Ok(rc)
}

/// libbb `visible()`.
fn visible(out: &mut Vec<u8>, ch: u8, endline: bool, tabs: bool) {
    let mut ch = ch;
    if ch == b'\t' && !tabs {
        out.push(ch);
        return;
    }
    if ch == b'\n' {
        if endline {
            out.push(b'$');
        }
    } else {
        if ch >= 128 {
            ch -= 128;
            out.extend_from_slice(b"M-");
        }
        if ch < 32 || ch == 127 {
            out.push(b'^');
            ch ^= 0x40;
        }
    }
    out.push(ch);
}

/// `wc [-cmlwL] [FILE]...` — busybox `coreutils/wc.c` (byte-oriented: -m counts bytes as in the
/// C locale; words are runs of printable non-space ASCII).
pub(super) fn wc(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let (opts, files) = match getopt(ctx, args, "lwmcL", &[], false, 1) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    // column order: lines, words, chars, bytes, longest
    let mut want = [false; 5];
    for (o, _) in &opts {
        match o {
            'l' => want[0] = true,
            'w' => want[1] = true,
            'm' => want[2] = true,
            'c' => want[3] = true,
            _ => want[4] = true,
        }
    }
    if !want.iter().any(|&w| w) {
        want = [true, true, false, true, false];
    }
    let nwant = want.iter().filter(|&&w| w).count();
    let stdin_only = files.is_empty();
    let names: Vec<String> = if stdin_only {
        vec!["-".to_string()]
    } else {
        files.clone()
    };
    let plain = names.len() <= 1 && nwant == 1;
    let mut totals = [0u64; 5];
    let mut status = 0;
    let mut out = String::new();
    let mut printed = 0;
    for name in &names {
        let mut counts = [0u64; 5];
        match ctx.open(name)? {
            Open::Text(text) => {
                let bytes = text.as_bytes();
                ctx.tick(1 + bytes.len() as u64 / 256)?;
                let mut linepos: u64 = 0;
                let mut in_word = false;
                let mut i = 0;
                loop {
                    let c: Option<u8> = bytes.get(i).copied();
                    i += 1;
                    let eof = c.is_none();
                    if let Some(c) = c {
                        counts[3] += 1;
                        counts[2] += 1;
                        if (0x20..0x7f).contains(&c) {
                            linepos += 1;
                            if c != b' ' {
                                in_word = true;
                                continue;
                            }
                        } else if (9..=13).contains(&c) {
                            if c == b'\t' {
                                linepos = (linepos | 7) + 1;
                            } else {
                                if linepos > counts[4] {
                                    counts[4] = linepos;
                                }
                                if c == b'\n' {
                                    counts[0] += 1;
                                }
                                if c != 0x0b {
                                    linepos = 0;
                                }
                            }
                        } else {
                            continue;
                        }
                    } else if linepos > counts[4] {
                        counts[4] = linepos;
                    }
                    if in_word {
                        counts[1] += 1;
                    }
                    in_word = false;
                    if eof {
                        break;
                    }
                }
            }
            Open::IsDir => {
                ctx.errln(&format!("{}: Is a directory", name));
                status = 1;
            }
            o => {
                ctx.warn_perror(name, &o);
                status = 1;
                printed += 1;
                continue;
            }
        }
        printed += 1;
        wc_line(
            &mut out,
            &counts,
            &want,
            plain,
            if stdin_only { None } else { Some(name) },
        );
        for k in 0..4 {
            totals[k] += counts[k];
        }
        if counts[4] > totals[4] {
            totals[4] = counts[4];
        }
    }
    if printed > 1 {
        wc_line(&mut out, &totals, &want, plain, Some("total"));
    }
    ctx.print(&out)?;
    Ok(status)
}

fn wc_line(out: &mut String, counts: &[u64; 5], want: &[bool; 5], plain: bool, name: Option<&str>) {
    let mut first = true;
    for k in 0..5 {
        if !want[k] {
            continue;
        }
        if first && plain {
            out.push_str(&counts[k].to_string());
        } else if first {
            out.push_str(&format!("{:9}", counts[k]));
        } else {
            out.push_str(&format!(" {:9}", counts[k]));
        }
        first = false;
    }
    match name {
        Some(n) => {
            out.push(' ');
            out.push_str(n);
            out.push('\n');
        }
        None => out.push('\n'),
    }
}

/// busybox `xatoul_sfx(p, bkm_suffixes)`: decimal with optional b/k/m suffix.
fn atoul_sfx(s: &str) -> Option<u64> {
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let mut v: u64 = digits.parse().ok()?;
    let rest = &s[digits.len()..];
    let mult = match rest {
        "" => 1,
        "b" => 512,
        "k" => 1024,
        "m" => 1024 * 1024,
        _ => return None,
    };
    v = v.checked_mul(mult)?;
    Some(v)
}

/// `head [-n N] [-c N] [-qv] [FILE]...` — busybox `coreutils/head.c` (FANCY_HEAD: `-N`,
/// negative counts = all but the last N).
pub(super) fn head(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let mut args: Vec<String> = args.to_vec();
    let mut legacy: Option<String> = None;
    if let Some(a) = args.first() {
        if a.len() > 1 && a.starts_with('-') && a.as_bytes()[1].is_ascii_digit() {
            legacy = Some(a[1..].to_string());
            args.remove(0);
        }
    }
    let (opts, mut files) = match getopt(ctx, &args, "n:c:qv", &[], false, 1) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    let mut count_text = legacy;
    let mut bytes_mode = false;
    let mut threshold: i64 = 1;
    for (o, v) in &opts {
        match o {
            'n' => {
                count_text = v.clone();
                bytes_mode = false;
            }
            'c' => {
                count_text = v.clone();
                bytes_mode = true;
            }
            'q' => threshold = i64::MAX,
            _ => threshold = -1,
        }
    }
    let mut count: u64 = 10;
    let mut negative = false;
    if let Some(t) = count_text {
        let mut p = t.as_str();
        if let Some(r) = p.strip_prefix('-') {
            negative = true;
            p = r;
        }
        match atoul_sfx(p) {
            Some(v) => count = v,
            None => {
                ctx.errln(&format!("invalid number '{}'", p));
                return Ok(1);
            }
        }
    }
    if files.is_empty() {
        files.push("-".to_string());
    }
    let show_header = (files.len() as i64) > threshold;
    let mut rc = 0;
    let mut first = true;
    for f in &files {
        let text = match ctx.open(f)? {
            Open::Text(t) => Some(t),
            Open::IsDir => {
                if show_header {
                    let h = format!("{}==> {} <==\n", if first { "" } else { "\n" }, f);
                    ctx.print(&h)?;
                }
                ctx.errln(&format!("{}: Input/output error", f));
                rc = 1;
                None
            }
            o => {
                ctx.warn_perror(f, &o);
                rc = 1;
                None
            }
        };
        let was_first = first;
        first = false;
        let text = match text {
            Some(t) => t,
            None => continue,
        };
        if show_header {
            let name = if f == "-" {
                "standard input"
            } else {
                f.as_str()
            };
            let h = format!("{}==> {} <==\n", if was_first { "" } else { "\n" }, name);
            ctx.print(&h)?;
        }
        let b = text.as_bytes();
        let lines = split_lines(b);
        ctx.tick(1 + lines.len() as u64)?;
        let out: &[u8] = if bytes_mode {
            if negative {
                &b[..b.len().saturating_sub(count as usize)]
            } else {
                &b[..b.len().min(count as usize)]
            }
        } else {
            // byte offset after the first k lines
            let end_of = |k: usize| -> usize {
                let mut pos = 0;
                for (l, nl) in lines.iter().take(k) {
                    pos += l.len() + usize::from(*nl);
                }
                pos
            };
            if negative {
                let keep = lines.len().saturating_sub(count as usize);
                &b[..end_of(keep)]
            } else {
                &b[..end_of((count as usize).min(lines.len()))]
            }
        };
        ctx.write(out)?;
    }
    Ok(rc)
}

/// `tail [-n N] [-c N] [-qv] [-f] [FILE]...` — busybox `coreutils/tail.c` (`+N` = from the
/// Nth line/byte, legacy `-N`/`+N`; `-f`/`-F` cannot follow: output as without it).
pub(super) fn tail(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let mut args: Vec<String> = args.to_vec();
    let mut count_text: Option<String> = None;
    if let Some(a) = args.first() {
        if a.len() > 1
            && (a.starts_with('-') || a.starts_with('+'))
            && a.as_bytes()[1].is_ascii_digit()
        {
            count_text = Some(a.clone());
            args.remove(0);
        }
    }
    let (opts, mut files) = match getopt(ctx, &args, "fc:n:qs:vF", &[], false, 1) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    let mut bytes_mode = false;
    let mut threshold: u64 = 1;
    let mut follow = false;
    for (o, v) in &opts {
        match o {
            'c' => {
                bytes_mode = true;
                count_text = v.clone();
            }
            'n' => count_text = v.clone(),
            'q' => threshold = u64::MAX,
            'v' => threshold = 0,
            'f' | 'F' => follow = true,
            _ => {}
        }
    }
    // busybox: -c sets the count from -c, then -n overrides the count (but -c keeps byte mode)
    if let (Some(c), Some(n)) = (
        opts.iter()
            .rev()
            .find(|(o, _)| *o == 'c')
            .and_then(|(_, v)| v.clone()),
        opts.iter()
            .rev()
            .find(|(o, _)| *o == 'n')
            .and_then(|(_, v)| v.clone()),
    ) {
        let _ = c;
        count_text = Some(n);
    }
    let mut count: u64 = 10;
    let mut from_top = false;
    if let Some(t) = count_text {
        let mut p = t.as_str();
        if let Some(r) = p.strip_prefix('-') {
            p = r;
        } else if let Some(r) = p.strip_prefix('+') {
            p = r;
            from_top = true;
        }
        match atoul_sfx(p) {
            Some(v) if v <= u32::MAX as u64 => count = v,
            _ => {
                ctx.errln(&format!("invalid number '{}'", p));
                return Ok(1);
            }
        }
    }
    if follow {
        ctx.note("tail -f follows for ever; assumed the files do not grow (printed as plain tail)");
    }
    if files.is_empty() {
        files.push("-".to_string());
    }
    let mut rc = 0;
    let mut opened: Vec<(String, Open)> = Vec::new();
    for f in &files {
        match ctx.open(f)? {
            Open::NotFound => {
                ctx.warn_cant_open(f, &Open::NotFound);
                rc = 1;
            }
            o => opened.push((f.clone(), o)),
        }
    }
    if opened.is_empty() {
        ctx.errln("no files");
        return Ok(1);
    }
    let headers = opened.len() as u64 > threshold;
    let mut first = true;
    for (name, o) in opened {
        if headers {
            let n = if name == "-" {
                "standard input"
            } else {
                name.as_str()
            };
            let h = format!("{}==> {} <==\n", if first { "" } else { "\n" }, n);
            ctx.print(&h)?;
        }
        first = false;
        let text = match o {
            Open::Text(t) => t,
            _ => {
                ctx.errln("read error: Is a directory");
                rc = 1;
                continue;
            }
        };
        let b = text.as_bytes();
        let lines = split_lines(b);
        ctx.tick(1 + lines.len() as u64)?;
        let count = count as usize;
        let out: &[u8] = if bytes_mode {
            if from_top {
                &b[count.saturating_sub(1).min(b.len())..]
            } else {
                &b[b.len() - count.min(b.len())..]
            }
        } else {
            let start_of = |k: usize| -> usize {
                let mut pos = 0;
                for (l, nl) in lines.iter().take(k) {
                    pos += l.len() + usize::from(*nl);
                }
                pos
            };
            if from_top {
                let skip = count.saturating_sub(1).min(lines.len());
                &b[start_of(skip)..]
            } else {
                let skip = lines.len() - count.min(lines.len());
                &b[start_of(skip)..]
            }
        };
        ctx.write(out)?;
    }
    Ok(rc)
}

/// busybox `xatoi_positive`.
fn atoi_positive(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok().filter(|v| *v <= i32::MAX as i64)
}

/// `cut -b|-c|-f LIST [-d SEP] [-O SEP] [-s] [-D] [-F LIST] [FILE]...` — busybox
/// `coreutils/cut.c`, ported line by line (-c counts bytes, as busybox does).
pub(super) fn cut(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let (opts, mut files) = match getopt(ctx, args, "b:c:f:d:O:sDF:n", &[], false, 1) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    let mut list: Option<String> = None;
    let mut kinds: u32 = 0;
    let (mut bmode, mut regex_mode) = (false, false);
    let mut delim: Option<String> = None;
    let mut odelim: Option<String> = None;
    let (mut suppress, mut nosort, mut has_d) = (false, false, false);
    for (o, v) in &opts {
        match o {
            'b' | 'c' => {
                list = v.clone();
                bmode = true;
            }
            'f' => list = v.clone(),
            'F' => {
                list = v.clone();
                regex_mode = true;
            }
            'd' => {
                delim = v.clone();
                has_d = true;
            }
            'O' => odelim = v.clone(),
            's' => suppress = true,
            'D' => nosort = true,
            _ => {}
        }
    }
    for (o, _) in &opts {
        if matches!(o, 'b' | 'c' | 'f' | 'F') {
            kinds |= match o {
                'b' => 1,
                'c' => 2,
                'f' => 4,
                _ => 8,
            };
        }
    }
    if kinds.count_ones() > 1 {
        ctx.usage();
        return Ok(1);
    }
    let list = match list {
        Some(l) => l,
        None => {
            ctx.errln("expected a list of bytes, characters, or fields");
            return Ok(1);
        }
    };
    let delim = match delim {
        Some(d) if !d.is_empty() => d,
        _ => (if regex_mode { "[[:space:]]+" } else { "\t" }).to_string(),
    };
    let odelim = odelim.unwrap_or_else(|| {
        if regex_mode {
            " ".to_string()
        } else {
            delim.clone()
        }
    });
    if bmode {
        if suppress {
            ctx.errln("suppressing non-delimited lines makes sense only when operating on fields");
            return Ok(1);
        }
        if has_d {
            ctx.errln("a delimiter may be specified only when operating on fields");
            return Ok(1);
        }
    }
    let mut lists: Vec<(i64, i64)> = Vec::new();
    for tok in list.split(',') {
        if tok.is_empty() {
            continue;
        }
        let (a, b) = match tok.find('-') {
            Some(p) => (&tok[..p], Some(&tok[p + 1..])),
            None => (tok, None),
        };
        let s = if a.is_empty() {
            0
        } else {
            match atoi_positive(a) {
                Some(v) => {
                    if v != 0 {
                        v - 1
                    } else {
                        0
                    }
                }
                None => {
                    ctx.errln(&format!("invalid number '{}'", a));
                    return Ok(1);
                }
            }
        };
        let e = match b {
            None => s,
            Some("") => i32::MAX as i64,
            Some(b) => match atoi_positive(b) {
                Some(v) => {
                    if v < s {
                        ctx.errln(&format!("{}<{}", v, s));
                        return Ok(1);
                    }
                    v - 1
                }
                None => {
                    ctx.errln(&format!("invalid number '{}'", b));
                    return Ok(1);
                }
            },
        };
        lists.push((s, e));
    }
    if lists.is_empty() {
        ctx.errln("missing list of positions");
        return Ok(1);
    }
    if !nosort {
        lists.sort_by_key(|l| l.0);
    }
    let re = if regex_mode {
        match Rx::new(&delim, Flavor::Ere, false, false) {
            Ok(r) => Some(r),
            Err(e) => {
                ctx.errln(&format!("bad regex '{}': {}", delim, e.msg()));
                return Ok(1);
            }
        }
    } else {
        None
    };
    if files.is_empty() {
        files.push("-".to_string());
    }
    let mut rc = 0;
    let dch = delim.as_bytes().first().copied().unwrap_or(b'\t');
    for f in &files {
        let text = match ctx.open(f)? {
            Open::Text(t) => t,
            Open::IsDir => String::new(),
            o => {
                ctx.warn_perror(f, &o);
                rc = 1;
                continue;
            }
        };
        let mut out: Vec<u8> = Vec::new();
        for (linenum, (line, _)) in split_lines(text.as_bytes()).into_iter().enumerate() {
            ctx.tick(1)?;
            let linelen = line.len() as i64;
            if bmode {
                let mut printed = vec![false; line.len()];
                for &(s, e) in &lists {
                    let mut spos = s;
                    while spos < linelen {
                        let p = spos as usize;
                        if !printed[p] {
                            printed[p] = true;
                            out.push(line[p]);
                        }
                        spos += 1;
                        if spos > e {
                            break;
                        }
                    }
                }
                out.push(b'\n');
            } else if dch == b'\n' && re.is_none() {
                // cut by lines: print the line if its number is within a list
                let ln = linenum as i64;
                if lists.iter().any(|&(s, e)| ln >= s && ln <= e) {
                    out.extend_from_slice(line);
                    out.push(b'\n');
                }
            } else {
                let line_s = String::from_utf8_lossy(line).into_owned();
                let line = line_s.as_bytes();
                let linelen = line.len();
                let (mut uu, mut start, mut end, mut outn) = (0usize, 0usize, 0usize, 0usize);
                let mut dcount: i64 = 0;
                let mut cl_pos = 0usize;
                let mut skip_line = false;
                loop {
                    if end == linelen || dcount > lists[cl_pos].1 {
                        cl_pos += 1;
                        if cl_pos >= lists.len() {
                            break;
                        }
                        if nosort {
                            start = 0;
                            dcount = 0;
                            uu = 0;
                        }
                        end = 0;
                    }
                    if uu == linelen {
                        if cl_pos == 0 && dcount == 0 && re.is_none() {
                            if suppress {
                                skip_line = true;
                                break;
                            }
                        } else if dcount < lists[cl_pos].0 {
                            start = linelen;
                        }
                        end = linelen;
                    } else {
                        if let Some(re) = &re {
                            match re.find_at(&line_s, uu, &mut ctx.budget)? {
                                Some((so, eo)) if eo > so || so > uu => {
                                    end = so;
                                    uu = if eo > uu { eo } else { uu + 1 };
                                }
                                _ => {
                                    uu = linelen;
                                    continue;
                                }
                            }
                        } else {
                            end = uu;
                            uu += 1;
                            if line[end] != dch {
                                continue;
                            }
                        }
                        let dc = dcount;
                        dcount += 1;
                        if dc < lists[cl_pos].0 {
                            start = uu;
                            continue;
                        }
                    }
                    if end != start || re.is_none() {
                        if outn > 0 {
                            out.extend_from_slice(odelim.as_bytes());
                        }
                        outn += 1;
                        if end > start {
                            out.extend_from_slice(&line[start..end]);
                        }
                    }
                    start = uu;
                    if dcount == 0 {
                        break;
                    }
                }
                if !skip_line {
                    out.push(b'\n');
                }
            }
        }
        ctx.write(&out)?;
    }
    Ok(rc)
}

/// busybox tr `expand()`: ranges, escapes, `[:class:]`, `[=c=]`.
fn tr_expand(arg: &[u8]) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut a: Vec<u8> = arg.to_vec();
    let mut i = 0;
    while i < a.len() {
        if a[i] == b'\\' {
            let (c, ni) = super::printf::escape_seq(&a, i + 1);
            // busybox writes the decoded char just before the rest of the string
            i = ni - 1;
            a[i] = c;
        }
        let cur = a[i];
        if a.get(i + 1) == Some(&b'-') {
            match a.get(i + 2).copied() {
                None => {
                    buf.push(cur);
                    i += 1;
                    continue;
                }
                Some(mut hi) => {
                    let mut j = i + 3;
                    if hi == b'\\' {
                        let (c, nj) = super::printf::escape_seq(&a, j);
                        hi = c;
                        j = nj;
                    }
                    let mut c = cur as u32;
                    while c <= hi as u32 {
                        buf.push(c as u8);
                        c += 1;
                    }
                    i = j;
                    continue;
                }
            }
        }
        if cur == b'[' && i + 1 < a.len() {
            let k = a[i + 1];
            if k == b':' {
                let rest = &a[i + 2..];
                let names: [(&[u8], u8); 10] = [
                    (b"alpha:]", 1),
                    (b"alnum:]", 2),
                    (b"digit:]", 3),
                    (b"lower:]", 4),
                    (b"upper:]", 5),
                    (b"space:]", 6),
                    (b"blank:]", 7),
                    (b"punct:]", 8),
                    (b"cntrl:]", 9),
                    (b"xdigit:]", 10),
                ];
                if let Some(&(name, j)) = names.iter().find(|(n, _)| rest.starts_with(n)) {
                    i += 2 + name.len();
                    if matches!(j, 2 | 3 | 10) {
                        buf.extend(b'0'..=b'9');
                    }
                    if matches!(j, 1 | 2 | 5) {
                        buf.extend(b'A'..=b'Z');
                    }
                    if matches!(j, 1 | 2 | 4) {
                        buf.extend(b'a'..=b'z');
                    }
                    if j == 6 || j == 7 {
                        buf.push(b'\t');
                        if j == 6 {
                            buf.extend_from_slice(b"\n\x0b\x0c\r");
                        }
                        buf.push(b' ');
                    }
                    if j == 8 || j == 9 {
                        for c in 0u8..=255 {
                            if (j == 8 && (0x21..0x7f).contains(&c) && !c.is_ascii_alphanumeric())
                                || (j == 9 && (c < 32 || c == 127))
                            {
                                buf.push(c);
                            }
                        }
                    }
                    if j == 10 {
                        buf.extend(b'A'..=b'F');
                        buf.extend(b'a'..=b'f');
                    }
                    continue;
                }
            } else if k == b'='
                && i + 4 < a.len() + 1
                && a.get(i + 3) == Some(&b'=')
                && a.get(i + 4) == Some(&b']')
            {
                buf.push(a[i + 2]);
                i += 5;
                continue;
            }
        }
        buf.push(cur);
        i += 1;
    }
    buf
}

/// `tr [-cds] STRING1 [STRING2]` — busybox `coreutils/tr.c` (byte oriented; `[x*N]` repeats
/// are not supported by busybox either).
pub(super) fn tr(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let (opts, operands) = match getopt(ctx, args, "Ccds", &[], true, 1) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    if operands.is_empty() {
        ctx.usage();
        return Ok(1);
    }
    let has = |c: char| opts.iter().any(|(o, _)| *o == c);
    let (complement, delete, squeeze) = (has('c') || has('C'), has('d'), has('s'));
    let mut s1 = tr_expand(operands[0].as_bytes());
    if complement {
        s1 = (0u8..=255).filter(|c| !s1.contains(c)).collect();
    }
    let mut vector: [u8; 256] = [0; 256];
    for (i, v) in vector.iter_mut().enumerate() {
        *v = i as u8;
    }
    let mut s2: Vec<u8> = Vec::new();
    if let Some(a2) = operands.get(1) {
        if a2.is_empty() {
            ctx.errln("STRING2 cannot be empty");
            return Ok(1);
        }
        s2 = tr_expand(a2.as_bytes());
        let mut last = b'0';
        let mut j = 0;
        for &c in &s1 {
            if s2.len() <= j {
                vector[c as usize] = last;
            } else {
                last = s2[j];
                vector[c as usize] = last;
                j += 1;
            }
        }
    }
    let mut invec = [false; 256];
    for &c in &s1 {
        invec[c as usize] = true;
    }
    let mut outvec = [false; 256];
    for &c in &s2 {
        outvec[c as usize] = true;
    }
    let input = ctx.take_stdin();
    ctx.tick(1 + input.len() as u64 / 256)?;
    let mut out = Vec::with_capacity(input.len());
    let mut last: u32 = 256;
    for &c in input.as_bytes() {
        if delete && invec[c as usize] {
            continue;
        }
        let coded = vector[c as usize];
        if squeeze && last == coded as u32 && (invec[c as usize] || outvec[coded as usize]) {
            continue;
        }
        out.push(coded);
        last = coded as u32;
    }
    ctx.write(&out)?;
    Ok(0)
}

const SORT_OPTS: &str = "ngMVucszbrdfimS:T:o:k:t:";
const F_N: u32 = 1 << 0;
const F_G: u32 = 1 << 1;
const F_MM: u32 = 1 << 2;
const F_V: u32 = 1 << 3;
const F_U: u32 = 1 << 4;
const F_C: u32 = 1 << 5;
const F_S: u32 = 1 << 6;
const F_Z: u32 = 1 << 7;
const F_B: u32 = 1 << 8;
const F_R: u32 = 1 << 9;
const F_D: u32 = 1 << 10;
const F_F: u32 = 1 << 11;
const F_I: u32 = 1 << 12;
const F_BB: u32 = 1 << 31;
const F_NO_TIE: u32 = 1 << 30;

struct SortKey {
    range: [usize; 4],
    flags: u32,
}

/// busybox sort `get_key()`.
fn get_key<'l>(
    s: &'l [u8],
    key: &SortKey,
    flags: u32,
    sep: Option<u8>,
) -> std::borrow::Cow<'l, [u8]> {
    if key.range == [1, 0, 0, 0] && flags & (F_B | F_D | F_F | F_I | F_BB) == 0 {
        return std::borrow::Cow::Borrowed(s);
    }
    let len = s.len();
    let mut start = 0usize;
    let mut end = len;
    for j in 0..2 {
        if key.range[2 * j] == 0 {
            end = len;
        } else {
            let mut ch = 0u8;
            end = 0;
            let mut i = 1;
            while i < key.range[2 * j] + j {
                if let Some(sep) = sep {
                    while end < len {
                        ch = s[end];
                        end += 1;
                        if ch == sep {
                            break;
                        }
                    }
                    if end >= len && (end == 0 || s[end - 1] != sep) {
                        ch = 0;
                    }
                } else {
                    while end < len && is_space(s[end]) {
                        end += 1;
                    }
                    while end < len && !is_space(s[end]) {
                        end += 1;
                    }
                }
                i += 1;
            }
            if j == 1 && ch != 0 {
                end -= 1;
            }
        }
        if j == 0 {
            start = end;
        }
    }
    if flags & F_B != 0 {
        while start < len && is_space(s[start]) {
            start += 1;
        }
    }
    if flags & F_BB != 0 {
        while end > start && is_space(s[end - 1]) {
            end -= 1;
        }
    }
    if key.range[3] != 0 {
        end = key.range[3].min(len);
    }
    if key.range[1] != 0 {
        start = (start + key.range[1] - 1).min(len);
    }
    if end < start {
        end = start;
    }
    let mut k: Vec<u8> = s[start..end].to_vec();
    if flags & F_D != 0 {
        k.retain(|&c| is_space(c) || c.is_ascii_alphanumeric());
    }
    if flags & F_I != 0 {
        k.retain(|&c| (0x20..0x7f).contains(&c));
    }
    if flags & F_F != 0 {
        k.make_ascii_uppercase();
    }
    std::borrow::Cow::Owned(k)
}

fn month(s: &[u8]) -> Option<i32> {
    let mut i = 0;
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let rest: Vec<u8> = s[i..].iter().map(|c| c.to_ascii_lowercase()).collect();
    for (m, n) in names.iter().enumerate() {
        if rest.starts_with(full[m].as_bytes()) || rest.starts_with(n.as_bytes()) {
            return Some(m as i32);
        }
    }
    None
}

fn sort_compare(
    x: &[u8],
    y: &[u8],
    keys: &[SortKey],
    gflags: u32,
    sep: Option<u8>,
    xi: usize,
    yi: usize,
) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let mut flags = gflags;
    let mut ret = Ordering::Equal;
    for key in keys {
        if ret != Ordering::Equal {
            break;
        }
        flags = if key.flags != 0 { key.flags } else { gflags };
        let kx = get_key(x, key, flags, sep);
        let ky = get_key(y, key, flags, sep);
        ret = match flags & (F_N | F_G | F_MM | F_V) {
            F_N => {
                let dx = strtod_prefix(&kx).0;
                let dy = strtod_prefix(&ky).0;
                dx.partial_cmp(&dy).unwrap_or(Ordering::Equal)
            }
            F_G => {
                let (dx, ux) = strtod_prefix(&kx);
                let (dy, uy) = strtod_prefix(&ky);
                if ux == 0 {
                    if uy == 0 {
                        Ordering::Equal
                    } else {
                        Ordering::Less
                    }
                } else if uy == 0 {
                    Ordering::Greater
                } else if dx.is_nan() {
                    if dy.is_nan() {
                        Ordering::Equal
                    } else {
                        Ordering::Less
                    }
                } else if dy.is_nan() {
                    Ordering::Greater
                } else {
                    dx.partial_cmp(&dy).unwrap_or(Ordering::Equal)
                }
            }
            F_MM => match (month(&kx), month(&ky)) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                (Some(a), Some(b)) => a.cmp(&b),
            },
            _ => kx.as_ref().cmp(ky.as_ref()),
        };
    }
    if ret == Ordering::Equal {
        if gflags & F_S != 0 {
            ret = xi.cmp(&yi);
        } else if gflags & F_NO_TIE == 0 {
            flags = gflags;
            ret = x.cmp(y);
        }
    }
    if flags & F_R != 0 {
        ret = ret.reverse();
    }
    ret
}

/// `sort [-nrugMcszbdfi] [-k START[,END]] [-t CHAR] [FILE]...` — busybox `coreutils/sort.c`
/// (FEATURE_SORT_BIG: keys with per-key flags, byte comparison as in the C locale; `-V` compares
/// as plain text; `-o FILE` cannot write and prints to stdout instead).
pub(super) fn sort(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let (opts, mut files) = match getopt(ctx, args, SORT_OPTS, &[], false, 2) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    let mut flags: u32 = 0;
    let mut keys: Vec<SortKey> = Vec::new();
    let mut sep: Option<u8> = None;
    for (o, v) in &opts {
        match o {
            'k' => {
                let spec = v.clone().unwrap_or_default();
                let s = spec.as_bytes();
                let mut key = SortKey {
                    range: [0; 4],
                    flags: 0,
                };
                let mut i = 0usize;
                let mut pos = 0usize;
                let str2u = |pos: &mut usize| -> Option<usize> {
                    let st = *pos;
                    while *pos < s.len() && s[*pos].is_ascii_digit() {
                        *pos += 1;
                    }
                    if *pos == st {
                        return None;
                    }
                    let v: usize = std::str::from_utf8(&s[st..*pos]).ok()?.parse().ok()?;
                    if v == 0 || v > i32::MAX as usize {
                        return None;
                    }
                    Some(v)
                };
                while pos < s.len() {
                    match str2u(&mut pos) {
                        Some(v) => key.range[2 * i] = v,
                        None => {
                            ctx.errln("bad field specification");
                            return Ok(2);
                        }
                    }
                    if pos < s.len() && s[pos] == b'.' {
                        pos += 1;
                        match str2u(&mut pos) {
                            Some(v) => key.range[2 * i + 1] = v,
                            None => {
                                ctx.errln("bad field specification");
                                return Ok(2);
                            }
                        }
                    }
                    while pos < s.len() {
                        if s[pos] == b',' && i == 0 {
                            i += 1;
                            pos += 1;
                            break;
                        }
                        let idx = match SORT_OPTS.find(s[pos] as char) {
                            Some(idx) => idx,
                            _ => {
                                ctx.errln("unknown key option");
                                return Ok(2);
                            }
                        };
                        let mut flag = 1u32 << idx;
                        if flag & (F_N | F_G | F_MM | F_B | F_R | F_D | F_F | F_I) == 0 {
                            ctx.errln("unknown sort type");
                            return Ok(2);
                        }
                        if i == 1 && flag == F_B {
                            flag = F_BB;
                        }
                        key.flags |= flag;
                        pos += 1;
                    }
                }
                keys.push(key);
            }
            't' => {
                let t = v.clone().unwrap_or_default();
                if t.len() != 1 {
                    ctx.errln("bad -t parameter");
                    return Ok(2);
                }
                sep = t.bytes().next();
            }
            'o' => ctx.note("sort -o: cannot write files; the sorted output was printed to stdout"),
            'S' | 'T' | 'm' => {}
            c => {
                if let Some(idx) = SORT_OPTS.find(*c) {
                    flags |= 1 << idx;
                }
            }
        }
    }
    if flags & F_V != 0 {
        ctx.note("sort -V: version comparison is not modelled; compared as plain text");
        flags &= !F_V;
    }
    if flags & F_B != 0 {
        flags |= F_BB;
    }
    if keys.is_empty() {
        keys.push(SortKey {
            range: [1, 0, 0, 0],
            flags: 0,
        });
    }
    if files.is_empty() {
        files.push("-".to_string());
    }
    let term = if flags & F_Z != 0 { b'\0' } else { b'\n' };
    let mut texts: Vec<String> = Vec::new();
    for f in &files {
        match ctx.open(f)? {
            Open::Text(t) => texts.push(t),
            Open::IsDir => {}
            o => {
                ctx.warn_perror(f, &o);
                return Ok(2);
            }
        }
    }
    let mut lines: Vec<&[u8]> = Vec::new();
    for t in &texts {
        let b = t.as_bytes();
        let mut start = 0;
        for (i, &c) in b.iter().enumerate() {
            if c == term {
                lines.push(&b[start..i]);
                start = i + 1;
            }
        }
        if start < b.len() {
            lines.push(&b[start..]);
        }
    }
    let n = lines.len() as u64;
    ctx.tick(1 + n + n * (64 - n.leading_zeros() as u64) / 4)?;
    if flags & F_C != 0 {
        let j = if flags & F_U != 0 {
            std::cmp::Ordering::Less
        } else {
            std::cmp::Ordering::Equal
        };
        for i in 1..lines.len() {
            if sort_compare(lines[i - 1], lines[i], &keys, flags, sep, i - 1, i) > j {
                ctx.err.push_str(&format!("Check line {}\n", i));
                return Ok(1);
            }
        }
        return Ok(0);
    }
    let mut idx: Vec<usize> = (0..lines.len()).collect();
    idx.sort_by(|&a, &b| sort_compare(lines[a], lines[b], &keys, flags, sep, a, b));
    let mut out_idx: Vec<usize> = Vec::with_capacity(idx.len());
    if flags & F_U != 0 {
        let nt = flags | F_NO_TIE;
        for &i in &idx {
            match out_idx.last() {
                Some(&l)
                    if sort_compare(lines[l], lines[i], &keys, nt, sep, l, i)
                        == std::cmp::Ordering::Equal => {}
                _ => out_idx.push(i),
            }
        }
    } else {
        out_idx = idx;
    }
    let mut out = Vec::new();
    for i in out_idx {
        out.extend_from_slice(lines[i]);
        out.push(term);
    }
    ctx.write(&out)?;
    Ok(0)
}

/// `uniq [-cdui] [-f N] [-s N] [-w N] [INPUT [OUTPUT]]` — busybox `coreutils/uniq.c` (an
/// OUTPUT file cannot be written: printed to stdout instead).
pub(super) fn uniq(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let (opts, files) = match getopt(ctx, args, "cduf:s:w:iz", &[], false, 1) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    let mut skip_fields = 0usize;
    let mut skip_chars = 0usize;
    let mut max_chars = usize::MAX;
    let (mut c_opt, mut d_opt, mut u_opt, mut icase, mut z) = (false, false, false, false, false);
    for (o, v) in &opts {
        let num = |v: &Option<String>| v.as_deref().and_then(atoi_positive).map(|x| x as usize);
        match o {
            'c' => c_opt = true,
            'd' => d_opt = true,
            'u' => u_opt = true,
            'i' => icase = true,
            'z' => z = true,
            'f' | 's' | 'w' => {
                let n = match num(v) {
                    Some(n) => n,
                    None => {
                        ctx.errln(&format!(
                            "invalid number '{}'",
                            v.clone().unwrap_or_default()
                        ));
                        return Ok(1);
                    }
                };
                match o {
                    'f' => skip_fields = n,
                    's' => skip_chars = n,
                    _ => max_chars = n,
                }
            }
            _ => {}
        }
    }
    if files.len() > 2 {
        ctx.usage();
        return Ok(1);
    }
    let input = files.first().cloned().unwrap_or_else(|| "-".to_string());
    if let Some(o) = files.get(1) {
        if o != "-" {
            ctx.note("uniq: cannot write the OUTPUT file; printed to stdout instead");
        }
    }
    let text = match ctx.open(&input)? {
        Open::Text(t) => t,
        Open::IsDir => {
            ctx.errln(&format!("{}: I/O error", input));
            return Ok(1);
        }
        o => {
            ctx.warn_cant_open(&input, &o);
            return Ok(1);
        }
    };
    let eol = if z { b'\0' } else { b'\n' };
    let b = text.as_bytes();
    let mut lines: Vec<&[u8]> = Vec::new();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            lines.push(&b[start..i]);
            start = i + 1;
        }
    }
    if start < b.len() {
        lines.push(&b[start..]);
    }
    let compare_part = |l: &'_ [u8]| -> usize {
        let mut p = 0;
        for _ in 0..skip_fields {
            while p < l.len() && is_space(l[p]) {
                p += 1;
            }
            while p < l.len() && !is_space(l[p]) {
                p += 1;
            }
        }
        let mut k = skip_chars;
        while p < l.len() && k > 0 {
            p += 1;
            k -= 1;
        }
        p
    };
    let same = |a: &[u8], b: &[u8]| -> bool {
        let a = &a[..a.len().min(max_chars)];
        let b = &b[..b.len().min(max_chars)];
        if icase {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        ctx.tick(1)?;
        let cur = lines[i];
        let ck = &cur[compare_part(cur)..];
        let mut j = i + 1;
        while j < lines.len() && same(ck, &lines[j][compare_part(lines[j])..]) {
            j += 1;
        }
        let dups = j - i - 1;
        let skip = if dups > 0 { u_opt } else { d_opt };
        if !skip {
            if c_opt {
                out.extend_from_slice(format!("{:7} ", dups + 1).as_bytes());
            }
            out.extend_from_slice(cur);
            out.push(eol);
        }
        ctx.tick(dups as u64)?;
        i = j;
    }
    ctx.write(&out)?;
    Ok(0)
}

/// `rev [FILE]...` — busybox `util-linux/rev.c` (reverses the bytes of each line, as in the C
/// locale a container runs with; multi-byte characters come out mangled, as there).
pub(super) fn rev(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let (_, mut files) = match getopt(ctx, args, "", &[], false, 1) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    if files.is_empty() {
        files.push("-".to_string());
    }
    let mut rc = 0;
    for f in &files {
        let text = match ctx.open(f)? {
            Open::Text(t) => t,
            Open::IsDir => String::new(),
            o => {
                ctx.warn_perror(f, &o);
                rc = 1;
                continue;
            }
        };
        let mut out: Vec<u8> = Vec::with_capacity(text.len());
        for (line, nl) in split_lines(text.as_bytes()) {
            ctx.tick(1)?;
            out.extend(line.iter().rev());
            if nl {
                out.push(b'\n');
            }
        }
        ctx.write(&out)?;
    }
    Ok(rc)
}

/// `seq [-w] [-s SEP] [FIRST [INC]] LAST` — busybox `coreutils/seq.c`.
pub(super) fn seq(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let (opts, nums) = match getopt(ctx, args, "ws:", &[], true, 1) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    let mut wflag = false;
    let mut sep = "\n".to_string();
    for (o, v) in &opts {
        match o {
            'w' => wflag = true,
            _ => sep = v.clone().unwrap_or_default(),
        }
    }
    let parse = |s: &str| -> Option<f64> {
        let (v, used) = strtod_prefix(s.as_bytes());
        if used == s.len() || (used == 0 && s.bytes().all(is_space)) {
            Some(v)
        } else {
            None
        }
    };
    let vals: Option<Vec<f64>> = nums.iter().map(|s| parse(s)).collect();
    let (first, inc, last) = match (nums.len(), vals) {
        (1, Some(v)) => (1.0, 1.0, v[0]),
        (2, Some(v)) => (v[0], 1.0, v[1]),
        (3, Some(v)) => (v[0], v[1], v[2]),
        _ => {
            ctx.usage();
            return Ok(1);
        }
    };
    let mut width = 0usize;
    let mut frac = 0usize;
    for (k, a) in nums.iter().enumerate() {
        let dot = a.find('.').unwrap_or(a.len());
        width = width.max(dot);
        if k + 1 == nums.len() {
            break;
        }
        frac = frac.max(a.len() - dot);
    }
    if frac > 0 {
        frac -= 1;
        if frac > 0 {
            width += frac + 1;
        }
    }
    if !wflag {
        width = 0;
    }
    let spec = Spec {
        zero: true,
        width,
        prec: Some(frac),
        ..Spec::default()
    };
    let mut out: Vec<u8> = Vec::new();
    let mut n: u64 = 0;
    let mut v = first;
    while if inc >= 0.0 { v <= last } else { v >= last } {
        ctx.tick(1)?;
        if n > 0 {
            out.extend_from_slice(sep.as_bytes());
        }
        out.extend_from_slice(&spec.float(v, b'f'));
        if out.len() > super::MAX_TEXT {
            return Err(Stop::Budget);
        }
        n += 1;
        v = first + n as f64 * inc;
    }
    if n > 0 {
        out.push(b'\n');
    }
    ctx.write(&out)?;
    Ok(0)
}

/// libbb `bb_get_last_path_component_strip`.
fn last_component(s: &str) -> &str {
    let t = s.trim_end_matches('/');
    if t.is_empty() {
        return if s.is_empty() { "" } else { "/" };
    }
    match t.rfind('/') {
        Some(p) => &t[p + 1..],
        None => t,
    }
}

/// `basename FILE [SUFFIX] | -a FILE... | -s SUFFIX FILE...` — busybox `coreutils/basename.c`.
pub(super) fn basename(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let (opts, names) = match getopt(ctx, args, "as:", &[], true, 1) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    if names.is_empty() {
        ctx.usage();
        return Ok(1);
    }
    let mut suffix: Option<String> = None;
    for (o, v) in &opts {
        if *o == 's' {
            suffix = v.clone();
        }
    }
    let all = !opts.is_empty();
    if !all && names.len() > 2 {
        ctx.usage();
        return Ok(1);
    }
    if !all && names.len() == 2 {
        suffix = Some(names[1].clone());
    }
    let list: &[String] = if all { &names } else { &names[..1] };
    let mut out = String::new();
    for n in list {
        let s = last_component(n);
        let mut m = s.len();
        if let Some(suf) = &suffix {
            if m > suf.len() && s.ends_with(suf.as_str()) {
                m -= suf.len();
            }
        }
        out.push_str(&s[..m]);
        out.push('\n');
    }
    ctx.print(&out)?;
    Ok(0)
}

/// glibc `dirname()`.
fn c_dirname(path: &str) -> String {
    let p = path.as_bytes();
    let mut last_slash = p.iter().rposition(|&c| c == b'/');
    if let Some(ls) = last_slash {
        if ls != 0 && ls + 1 == p.len() {
            let mut runp = ls;
            while runp != 0 && p[runp - 1] == b'/' {
                runp -= 1;
            }
            if runp != 0 {
                last_slash = p[..runp].iter().rposition(|&c| c == b'/');
            }
        }
    }
    match last_slash {
        Some(ls) => {
            let mut runp = ls;
            while runp != 0 && p[runp - 1] == b'/' {
                runp -= 1;
            }
            let end = if runp == 0 {
                if ls == 1 {
                    2
                } else {
                    1
                }
            } else {
                runp
            };
            String::from_utf8_lossy(&p[..end]).into_owned()
        }
        None => ".".to_string(),
    }
}

/// `dirname FILENAME` — busybox `coreutils/dirname.c` (glibc `dirname()`).
pub(super) fn dirname(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    let (_, names) = match getopt(ctx, args, "", &[], false, 1) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    if names.len() != 1 {
        ctx.usage();
        return Ok(1);
    }
    let d = c_dirname(&names[0]);
    ctx.print(&d)?;
    ctx.print("\n")?;
    Ok(0)
}

#[derive(Clone, Debug)]
enum EVal {
    Int(i64),
    Str(String),
}

struct Expr<'s> {
    args: &'s [String],
    pos: usize,
    depth: usize,
}

/// Why expr stopped: message for stderr (exit 2), or a budget stop.
enum EErr {
    Msg(String),
    Stop(Stop),
}

impl From<Stop> for EErr {
    fn from(s: Stop) -> Self {
        EErr::Stop(s)
    }
}

const EXPR_MAX_DEPTH: usize = 200;

impl<'s> Expr<'s> {
    fn peek(&self, s: &str) -> bool {
        self.args.get(self.pos).map(|a| a == s).unwrap_or(false)
    }
    fn enter(&mut self) -> Result<(), EErr> {
        self.depth += 1;
        if self.depth > EXPR_MAX_DEPTH {
            return Err(EErr::Msg("expression nested too deeply".into()));
        }
        Ok(())
    }
    fn null(v: &EVal) -> bool {
        match v {
            EVal::Int(i) => *i == 0,
            EVal::Str(s) => s.is_empty() || s == "0",
        }
    }
    fn to_str(v: &EVal) -> String {
        match v {
            EVal::Int(i) => i.to_string(),
            EVal::Str(s) => s.clone(),
        }
    }
    fn to_int(v: &EVal) -> Option<i64> {
        match v {
            EVal::Int(i) => Some(*i),
            EVal::Str(s) => {
                let t = s.trim_start_matches(|c: char| c.is_ascii() && is_space(c as u8));
                let t2 = t.strip_prefix('+').unwrap_or(t);
                if t2.is_empty() || t2.starts_with('+') {
                    return None;
                }
                t2.parse::<i64>().ok().or_else(|| {
                    // strtoll clamps on overflow
                    let digits = t2.strip_prefix('-').unwrap_or(t2);
                    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                        Some(if t2.starts_with('-') {
                            i64::MIN
                        } else {
                            i64::MAX
                        })
                    } else {
                        None
                    }
                })
            }
        }
    }
    fn eval(&mut self, ctx: &mut Ctx) -> Result<EVal, EErr> {
        self.enter()?;
        let mut l = self.eval1(ctx)?;
        while self.peek("|") {
            self.pos += 1;
            let r = self.eval1(ctx)?;
            if Self::null(&l) {
                l = r;
            }
        }
        self.depth -= 1;
        Ok(l)
    }
    fn eval1(&mut self, ctx: &mut Ctx) -> Result<EVal, EErr> {
        let mut l = self.eval2(ctx)?;
        while self.peek("&") {
            self.pos += 1;
            let r = self.eval2(ctx)?;
            if Self::null(&l) || Self::null(&r) {
                l = EVal::Int(0);
            }
        }
        Ok(l)
    }
    fn eval2(&mut self, ctx: &mut Ctx) -> Result<EVal, EErr> {
        let mut l = self.eval3(ctx)?;
        loop {
            let op = match self.args.get(self.pos).map(|s| s.as_str()) {
                Some(o @ ("<" | "<=" | "=" | "==" | "!=" | ">=" | ">")) => o.to_string(),
                _ => return Ok(l),
            };
            self.pos += 1;
            let r = self.eval3(ctx)?;
            let li = Self::to_int(&l);
            let ri = Self::to_int(&r);
            let ord = match (li, ri) {
                (Some(a), Some(b)) => a.cmp(&b),
                _ => Self::to_str(&l).as_bytes().cmp(Self::to_str(&r).as_bytes()),
            };
            use std::cmp::Ordering::*;
            let v = match op.as_str() {
                "<" => ord == Less,
                "<=" => ord != Greater,
                "=" | "==" => ord == Equal,
                "!=" => ord != Equal,
                ">=" => ord != Less,
                _ => ord == Greater,
            };
            l = EVal::Int(v as i64);
        }
    }
    fn arith(l: &EVal, r: &EVal, op: &str) -> Result<i64, EErr> {
        let (a, b) = match (Self::to_int(l), Self::to_int(r)) {
            (Some(a), Some(b)) => (a, b),
            _ => return Err(EErr::Msg("non-numeric argument".into())),
        };
        Ok(match op {
            "+" => a.wrapping_add(b),
            "-" => a.wrapping_sub(b),
            "*" => a.wrapping_mul(b),
            _ => {
                if b == 0 {
                    return Err(EErr::Msg("division by zero".into()));
                }
                if op == "/" {
                    a.wrapping_div(b)
                } else {
                    a.wrapping_rem(b)
                }
            }
        })
    }
    fn eval3(&mut self, ctx: &mut Ctx) -> Result<EVal, EErr> {
        let mut l = self.eval4(ctx)?;
        while self.peek("+") || self.peek("-") {
            let op = self.args[self.pos].clone();
            self.pos += 1;
            let r = self.eval4(ctx)?;
            l = EVal::Int(Self::arith(&l, &r, &op)?);
        }
        Ok(l)
    }
    fn eval4(&mut self, ctx: &mut Ctx) -> Result<EVal, EErr> {
        let mut l = self.eval5(ctx)?;
        while self.peek("*") || self.peek("/") || self.peek("%") {
            let op = self.args[self.pos].clone();
            self.pos += 1;
            let r = self.eval5(ctx)?;
            l = EVal::Int(Self::arith(&l, &r, &op)?);
        }
        Ok(l)
    }
    fn eval5(&mut self, ctx: &mut Ctx) -> Result<EVal, EErr> {
        let mut l = self.eval6(ctx)?;
        while self.peek(":") {
            self.pos += 1;
            let r = self.eval6(ctx)?;
            l = Self::colon(ctx, &l, &r)?;
        }
        Ok(l)
    }
    fn colon(ctx: &mut Ctx, sv: &EVal, pv: &EVal) -> Result<EVal, EErr> {
        let s = Self::to_str(sv);
        let p = Self::to_str(pv);
        if p.starts_with('^') {
            ctx.errln(&format!(
                "warning: '{}': using '^' as the first character\nof a basic regular expression is not portable; it is ignored",
                p
            ));
        }
        let nsub = count_groups(&p);
        let rx = match Rx::new(&p, Flavor::Bre, false, false) {
            Ok(r) => r,
            Err(e) => return Err(EErr::Msg(format!("bad regex '{}': {}", p, e.msg()))),
        };
        if rx.backref {
            ctx.note("expr: back-references in patterns are not modelled; assumed no match");
        }
        let caps = rx.captures_at(&s, 0, &mut ctx.budget)?;
        match caps {
            Some(c) if c.first().copied().flatten().map(|m| m.0) == Some(0) => {
                if nsub > 0 {
                    if let Some(Some((a, b))) = c.get(1) {
                        return Ok(EVal::Str(s[*a..*b].to_string()));
                    }
                    return Ok(EVal::Str(String::new()));
                }
                Ok(EVal::Int(c[0].map(|m| m.1 as i64).unwrap_or(0)))
            }
            _ => Ok(if nsub > 0 {
                EVal::Str(String::new())
            } else {
                EVal::Int(0)
            }),
        }
    }
    fn eval6(&mut self, ctx: &mut Ctx) -> Result<EVal, EErr> {
        self.enter()?;
        let key = match self.args.get(self.pos).map(|s| s.as_str()) {
            Some(k @ ("quote" | "length" | "match" | "index" | "substr")) => k.to_string(),
            _ => {
                let v = self.eval7(ctx)?;
                self.depth -= 1;
                return Ok(v);
            }
        };
        self.pos += 1;
        let v = match key.as_str() {
            "quote" => match self.args.get(self.pos) {
                Some(a) => {
                    self.pos += 1;
                    EVal::Str(a.clone())
                }
                None => return Err(EErr::Msg("syntax error".into())),
            },
            "length" => {
                let r = self.eval6(ctx)?;
                EVal::Int(Self::to_str(&r).len() as i64)
            }
            "match" => {
                let l = self.eval6(ctx)?;
                let r = self.eval6(ctx)?;
                Self::colon(ctx, &l, &r)?
            }
            "index" => {
                let l = Self::to_str(&self.eval6(ctx)?);
                let r = Self::to_str(&self.eval6(ctx)?);
                let pos = l.bytes().position(|c| r.as_bytes().contains(&c));
                EVal::Int(pos.map(|p| p as i64 + 1).unwrap_or(0))
            }
            _ => {
                let l = Self::to_str(&self.eval6(ctx)?);
                let i1 = self.eval6(ctx)?;
                let i2 = self.eval6(ctx)?;
                match (Self::to_int(&i1), Self::to_int(&i2)) {
                    (Some(a), Some(b)) if a <= l.len() as i64 && a > 0 && b > 0 => {
                        let st = (a - 1) as usize;
                        let en = (st as i64 + b).min(l.len() as i64) as usize;
                        EVal::Str(String::from_utf8_lossy(&l.as_bytes()[st..en]).into_owned())
                    }
                    _ => EVal::Str(String::new()),
                }
            }
        };
        self.depth -= 1;
        Ok(v)
    }
    fn eval7(&mut self, ctx: &mut Ctx) -> Result<EVal, EErr> {
        ctx.tick(1)?;
        if self.pos >= self.args.len() {
            return Err(EErr::Msg("syntax error".into()));
        }
        if self.peek("(") {
            self.pos += 1;
            let v = self.eval(ctx)?;
            if !self.peek(")") {
                return Err(EErr::Msg("syntax error".into()));
            }
            self.pos += 1;
            return Ok(v);
        }
        if self.peek(")") {
            return Err(EErr::Msg("syntax error".into()));
        }
        self.pos += 1;
        Ok(EVal::Str(self.args[self.pos - 1].clone()))
    }
}

/// Number of `\(` groups in a BRE.
fn count_groups(p: &str) -> usize {
    let b = p.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'\\' {
            if b[i + 1] == b'(' {
                n += 1;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    n
}

/// `expr EXPRESSION` — busybox `coreutils/expr.c` (64-bit arithmetic, `:`/match, length,
/// substr, index, quote; errors exit 2; result null/0 exits 1).
pub(super) fn expr(ctx: &mut Ctx, args: &[String]) -> Result<i32, Stop> {
    if args.is_empty() {
        ctx.errln("too few arguments");
        return Ok(2);
    }
    let mut e = Expr {
        args,
        pos: 0,
        depth: 0,
    };
    let v = match e.eval(ctx) {
        Ok(v) => v,
        Err(EErr::Msg(m)) => {
            ctx.errln(&m);
            return Ok(2);
        }
        Err(EErr::Stop(s)) => return Err(s),
    };
    if e.pos < args.len() {
        ctx.errln("syntax error");
        return Ok(2);
    }
    let s = Expr::to_str(&v);
    ctx.print(&s)?;
    ctx.print("\n")?;
    Ok(if Expr::null(&v) { 1 } else { 0 })
}
