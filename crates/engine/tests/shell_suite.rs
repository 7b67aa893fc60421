//! The shell suite: data-driven cases in `tests/shell/*.yaml` (format in `tests/shell/README.md`),
//! each a script with its environment, files and signals, and what busybox `sh` (ash) does with
//! it as a container's PID 1: when it exits, with what code, what it printed. Every case's
//! `mirrors:` names the ash or POSIX rule (or the upstream test the script comes from), and its
//! output and exit code were checked against the real busybox (`tests/shell/verify.py`).
//!
//! `CASE=substring cargo test -p podlife-engine --test shell_suite` runs only matching cases.
#![cfg(not(target_arch = "wasm32"))]

use podlife_engine::process::{self, images, FsView, Layer, NoWorld, Signal};
use podlife_engine::Time;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignalAt {
    at: f64,
    sig: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expect {
    exit_code: Option<i32>,
    exit_at: Option<f64>,
    output: Option<String>,
    #[serde(default)]
    output_contains: Vec<String>,
    /// `null` = the file must not exist.
    #[serde(default)]
    files: BTreeMap<String, Option<String>>,
    /// How many assumptions the engine must state (default: not checked).
    assumptions: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    mirrors: String,
    #[serde(default)]
    source: Option<String>,
    script: Option<String>,
    argv: Option<Vec<String>>,
    image: Option<String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default)]
    files: BTreeMap<String, String>,
    #[serde(default)]
    signals: Vec<SignalAt>,
    until: Option<f64>,
    #[serde(default)]
    expect: Expect,
}

/// What one run did.
pub struct Outcome {
    exit: Option<(i32, f64)>,
    output: String,
    files: BTreeMap<String, String>,
    assumptions: Vec<String>,
}

fn run(case: &Case) -> Outcome {
    let mut image = images::lookup(case.image.as_deref().unwrap_or("busybox"));
    image.env = vec![
        ("HOSTNAME".into(), "pod".into()),
        ("KUBERNETES_SERVICE_HOST".into(), "10.96.0.1".into()),
        ("KUBERNETES_SERVICE_PORT".into(), "443".into()),
    ];
    image
        .env
        .extend(case.env.iter().map(|(k, v)| (k.clone(), v.clone())));
    let mut layer = Layer::base();
    for (k, v) in &case.files {
        match k.strip_suffix("/.emptydir") {
            Some(dir) => {
                layer.dirs.insert(dir.to_string());
            }
            None => {
                layer.files.insert(k.clone(), v.clone());
            }
        }
    }
    let argv = match (&case.argv, &case.script) {
        (Some(a), _) => a.clone(),
        (None, Some(s)) => vec!["sh".into(), "-c".into(), s.clone()],
        (None, None) => vec![],
    };
    let until = Time::from_secs_f64(case.until.unwrap_or(100.0));
    let mut signals: Vec<(Time, Signal)> = case
        .signals
        .iter()
        .map(|s| {
            (
                Time::from_secs_f64(s.at),
                Signal::parse(&s.sig).unwrap_or(Signal::Term),
            )
        })
        .collect();
    signals.sort_by_key(|a| a.0);
    let mut fs = FsView {
        layer: &mut layer,
        volumes: &mut [],
        mounts: &[],
    };
    let mut p = process::spawn(&image, &argv, Time::ZERO, &mut fs, &NoWorld);
    let mut next_sig = 0;
    for _ in 0..1_000_000 {
        if p.exit().is_some() {
            break;
        }
        let wake = p.next_wake();
        let sig = signals.get(next_sig).copied();
        match (wake, sig) {
            (w, Some((t, s))) if t <= until && w.is_none_or(|w| t <= w) => {
                p.signal(s, t, &mut fs, &NoWorld);
                next_sig += 1;
            }
            (Some(w), _) if w <= until => p.advance(w, &mut fs, &NoWorld),
            _ => break,
        }
    }
    let output = p.log.iter().map(|c| c.text.as_str()).collect();
    Outcome {
        exit: p.exit().map(|(c, t)| (c, t.as_secs_f64())),
        output,
        files: layer.files.clone(),
        assumptions: p.assumptions.iter().map(|a| a.to_string()).collect(),
    }
}

fn check(case: &Case, o: &Outcome) -> Vec<String> {
    let mut bad = vec![];
    let e = &case.expect;
    match (e.exit_code, o.exit) {
        (None, None) => {}
        (None, Some((c, t))) => bad.push(format!("exited {c} at {t}, want still running")),
        (Some(c), None) => bad.push(format!("still running, want exit {c}")),
        (Some(c), Some((got, t))) => {
            if c != got {
                bad.push(format!("exit code {got}, want {c}"));
            }
            if let Some(at) = e.exit_at {
                if (at - t).abs() > 0.011 {
                    bad.push(format!("exited at {t}, want {at}"));
                }
            }
        }
    }
    if let Some(want) = &e.output {
        if want != &o.output {
            bad.push(format!("output {:?}, want {:?}", o.output, want));
        }
    }
    for s in &e.output_contains {
        if !o.output.contains(s.as_str()) {
            bad.push(format!("output {:?} lacks {s:?}", o.output));
        }
    }
    for (k, v) in &e.files {
        match (o.files.get(k), v) {
            (None, None) => {}
            (Some(got), Some(v)) if got == v => {}
            (got, v) => bad.push(format!("file {k} = {got:?}, want {v:?}")),
        }
    }
    if let Some(n) = e.assumptions {
        if o.assumptions.len() != n {
            bad.push(format!("assumptions {:?}, want {n}", o.assumptions));
        }
    }
    bad
}

#[test]
fn shell_suite() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/shell");
    let skip = ["corpus.yaml"];
    let filter = std::env::var("CASE").ok();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/shell")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .filter(|p| !skip.iter().any(|s| p.ends_with(s)))
        .collect();
    files.sort();
    let (mut total, mut failed) = (0, vec![]);
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read case file");
        let cases: Vec<Case> =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for c in &cases {
            assert!(!c.mirrors.is_empty(), "{}: mirrors is empty", c.name);
            let _ = &c.source;
            let key = format!("{} {}", f.file_name().unwrap().to_string_lossy(), c.name);
            if filter.as_ref().is_some_and(|s| !key.contains(s.as_str())) {
                continue;
            }
            total += 1;
            let o = run(c);
            let bad = check(c, &o);
            if !bad.is_empty() {
                failed.push(format!("{key}:\n    {}", bad.join("\n    ")));
            }
        }
    }
    println!("shell suite: {total} cases, {} failed", failed.len());
    assert!(
        failed.is_empty(),
        "{} of {total} shell cases failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
