//! The rule table (`crates/engine/src/rules.rs`) is the one place each rule is described; these
//! tests keep everything that cites it honest:
//!
//! * every `rule: <id>` comment in `crates/engine/src/**/*.rs`, `crates/render/src/**/*.rs` and `src/**/*.rs`, every
//!   `rule("<id>")` lookup in the web app and every `rules: [ids]` of `tests/conformance/*.yaml`
//!   names a rule of the table;
//! * every rule is cited by the code at least once, in the file the table says implements it;
//! * the rules table of `docs/fidelity.md` is the generated one. Regenerate it with
//!   `UPDATE_DOCS=1 cargo test -p podlife-engine --test rules`.
#![cfg(not(target_arch = "wasm32"))]

use podlife_engine::rules::{markdown_table, rule, RULES};
use podlife_engine::KubeletVersion;
use std::path::{Path, PathBuf};

const BEGIN: &str = "<!-- rules:begin (generated from crates/engine/src/rules.rs: UPDATE_DOCS=1 cargo test -p podlife-engine --test rules) -->";
const END: &str = "<!-- rules:end -->";
const VBEGIN: &str = "<!-- versions:begin (generated from crates/engine/src/rules.rs VERSION_CHANGES: UPDATE_DOCS=1 cargo test -p podlife-engine --test rules) -->";
const VEND: &str = "<!-- versions:end -->";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// The ids a comment line cites: `// rule: a, b`, `/// rule: a` or `//! rule: a`.
fn comment_citations(line: &str) -> Vec<String> {
    let t = line.trim_start();
    if !t.starts_with("//") {
        return vec![];
    }
    let body = t.trim_start_matches(['/', '!']).trim_start();
    let Some(rest) = body.strip_prefix("rule:") else {
        return vec![];
    };
    rest.split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_end_matches('.').to_string())
        .collect()
}

/// The ids of `rule("<id>"` lookups (the web app's explanations).
fn lookup_citations(line: &str) -> Vec<String> {
    let mut out = vec![];
    let mut rest = line;
    while let Some(i) = rest.find("rule(\"") {
        let after = &rest[i + 6..];
        let id: String = after.chars().take_while(|&c| is_id_char(c)).collect();
        if after[id.len()..].starts_with('"') {
            out.push(id);
        }
        rest = after;
    }
    out
}

/// Every citation in the code: `(file:line, id)`.
fn code_citations() -> Vec<(String, String)> {
    let root = root();
    let mut paths = vec![];
    files(&root.join("crates/engine/src"), "rs", &mut paths);
    files(&root.join("src"), "rs", &mut paths);
    files(&root.join("crates/render/src"), "rs", &mut paths);
    paths.sort();
    let mut out = vec![];
    for p in paths {
        // The table itself describes the citation form.
        if p.ends_with("crates/engine/src/rules.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&p).expect("readable source");
        let rel = p
            .strip_prefix(&root)
            .unwrap_or(&p)
            .to_string_lossy()
            .to_string();
        for (n, line) in text.lines().enumerate() {
            for id in comment_citations(line)
                .into_iter()
                .chain(lookup_citations(line))
            {
                out.push((format!("{rel}:{}", n + 1), id));
            }
        }
    }
    out
}

/// Every `rules:` id of the conformance cases: `(file, id)`.
fn conformance_citations() -> Vec<(String, String)> {
    let mut paths = vec![];
    files(&root().join("tests/conformance"), "yaml", &mut paths);
    paths.sort();
    let mut out = vec![];
    for p in paths {
        let text = std::fs::read_to_string(&p).expect("readable case");
        let v: serde_yaml::Value = serde_yaml::from_str(&text).expect("a YAML case");
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if let Some(ids) = v.get("rules").and_then(|r| r.as_sequence()) {
            for id in ids {
                out.push((
                    name.clone(),
                    id.as_str().unwrap_or("<not a string>").to_string(),
                ));
            }
        }
    }
    out
}

#[test]
fn every_cited_rule_is_in_the_table() {
    let cited: Vec<(String, String)> = code_citations()
        .into_iter()
        .chain(conformance_citations())
        .collect();
    assert!(
        cited.len() > RULES.len(),
        "too few citations found: {cited:?}"
    );
    let missing: Vec<String> = cited
        .iter()
        .filter(|(_, id)| rule(id).is_none())
        .map(|(at, id)| format!("{at}: rule: {id}"))
        .collect();
    assert!(
        missing.is_empty(),
        "cited rules missing from the table in crates/engine/src/rules.rs:\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn every_conformance_case_names_its_rules() {
    let mut paths = vec![];
    files(&root().join("tests/conformance"), "yaml", &mut paths);
    let cited = conformance_citations();
    let bare: Vec<String> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .filter(|n| !cited.iter().any(|(f, _)| f == n))
        .collect();
    assert!(
        bare.is_empty(),
        "conformance cases without `rules: [ids]`: {}",
        bare.join(", ")
    );
}

#[test]
fn every_rule_is_cited_where_the_table_says_it_is_implemented() {
    let cited = code_citations();
    let mut problems = vec![];
    for r in RULES {
        let sites: Vec<&String> = cited
            .iter()
            .filter(|(_, id)| id == r.id)
            .map(|(at, _)| at)
            .collect();
        if sites.is_empty() {
            problems.push(format!("{}: cited nowhere in the code", r.id));
        } else if !sites
            .iter()
            .any(|at| at.starts_with(&format!("{}:", r.module)))
        {
            problems.push(format!(
                "{}: not cited in its module {} (cited at {})",
                r.id,
                r.module,
                sites
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_table_is_well_formed() {
    let mut problems = vec![];
    for (i, r) in RULES.iter().enumerate() {
        if r.id.is_empty()
            || !r
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            problems.push(format!("{}: ids are kebab-case", r.id));
        }
        if RULES[..i].iter().any(|o| o.id == r.id) {
            problems.push(format!("{}: duplicate id", r.id));
        }
        if r.summary.is_empty() || r.upstream.is_empty() {
            problems.push(format!("{}: needs a summary and an upstream source", r.id));
        }
        if r.upstream.iter().any(|s| s.file.is_empty()) {
            problems.push(format!("{}: an upstream source without a file", r.id));
        }
        if !(r.docs.is_empty() || r.docs.starts_with("https://kubernetes.io/docs/")) {
            problems.push(format!("{}: docs must be a kubernetes.io/docs page", r.id));
        }
        for v in [r.since, r.until].into_iter().flatten() {
            if !(KubeletVersion::OLDEST.0..=KubeletVersion::NEWEST.0).contains(&v) {
                problems.push(format!(
                    "{}: version 1.{v} outside the modelled {}–{}",
                    r.id,
                    KubeletVersion::OLDEST,
                    KubeletVersion::NEWEST
                ));
            }
        }
        if let (Some(s), Some(u)) = (r.since, r.until) {
            if s > u {
                problems.push(format!("{}: since after until", r.id));
            }
        }
        let module = root().join(r.module);
        match std::fs::read_to_string(&module) {
            Err(_) => problems.push(format!("{}: module {} does not exist", r.id, r.module)),
            Ok(text) if !r.item.is_empty() => {
                let defined = text.lines().any(|l| {
                    l.split_once("fn ").is_some_and(|(_, rest)| {
                        rest.starts_with(r.item) && !rest[r.item.len()..].starts_with(is_id_char)
                    })
                });
                if !defined {
                    problems.push(format!("{}: no fn {} in {}", r.id, r.item, r.module));
                }
            }
            Ok(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn versions_read_as_ranges() {
    let r = rule("readiness-manual-trigger").unwrap();
    assert_eq!(r.versions(), "1.29+");
    assert!(!r.applies_to(KubeletVersion(28)));
    assert!(r.applies_to(KubeletVersion(29)));
    assert_eq!(rule("crashloop-backoff").unwrap().versions(), "all");
    assert!(rule("backoff-requeue-on-expiry")
        .unwrap()
        .applies_to(KubeletVersion::NEWEST));
    assert!(rule("no-such-rule").is_none());
}

/// Every per-version change names a rule of the table, in version order.
#[test]
fn version_changes_name_rules() {
    let mut last = 0;
    for (minor, id, _) in podlife_engine::rules::VERSION_CHANGES {
        assert!(rule(id).is_some(), "version change names unknown rule {id}");
        assert!(*minor >= last, "version changes out of order at 1.{minor}");
        assert!(*minor <= KubeletVersion::NEWEST.0);
        last = *minor;
    }
}

/// The generated rules and per-version tables of `docs/fidelity.md`, between their markers;
/// the prose around them is written by hand.
#[test]
fn fidelity_md_rules_table_is_generated() {
    let path = root().join("docs/fidelity.md");
    let text = std::fs::read_to_string(&path).expect("docs/fidelity.md");
    let (Some(b), Some(e)) = (text.find(BEGIN), text.find(END)) else {
        panic!("docs/fidelity.md lacks the markers\n{BEGIN}\n...\n{END}");
    };
    let body = format!("\n\n{}\n", markdown_table());
    let generated = format!("{}{BEGIN}{body}{}", &text[..b], &text[e..]);
    let (Some(vb), Some(ve)) = (generated.find(VBEGIN), generated.find(VEND)) else {
        panic!("docs/fidelity.md lacks the markers\n{VBEGIN}\n...\n{VEND}");
    };
    let vbody = format!("\n\n{}\n", podlife_engine::rules::version_table());
    let generated = format!("{}{VBEGIN}{vbody}{}", &generated[..vb], &generated[ve..]);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/fidelity.md");
        eprintln!("wrote {}", path.display());
        return;
    }
    assert!(
        text == generated,
        "docs/fidelity.md's rules table differs from crates/engine/src/rules.rs; regenerate it with \
         `UPDATE_DOCS=1 cargo test -p podlife-engine --test rules` and commit docs/fidelity.md"
    );
}
