//! Shared by `tests/determinism.rs` (native) and `tests/wasm_determinism.rs` (wasm32): the
//! inputs whose timelines are hashed, the hash, and the golden file's format. Native and wasm32
//! are proven byte-identical because both compare against the same checked-in
//! `tests/golden/hashes.txt`.

#![allow(dead_code)]
use podlife_engine::{gallery, simulate, KubeletVersion, Settings};

/// The golden table, as checked in.
pub const GOLDEN: &str = include_str!("../golden/hashes.txt");

/// How to regenerate the golden table (printed on every mismatch).
pub const REGENERATE: &str = "if the change in the engine's output is intended, regenerate the golden table natively with \
     `INSTA_UPDATE=always cargo test -p podlife-engine --test snapshots --test determinism` (which also refreshes \
     the readable snapshots in tests/snapshots/; review them with `git diff`) and commit tests/golden/hashes.txt";

/// FNV-1a, 64 bit.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A pod with a sidecar, all three probe types, preStop hooks and a deletion: more of the
/// engine's arithmetic than the gallery exercises.
const MIXED: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: mixed
spec:
  terminationGracePeriodSeconds: 7
  initContainers:
  - name: init
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3"]
  - name: proxy
    image: busybox:1.36
    restartPolicy: Always
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 40 & wait $!"]
    startupProbe: {exec: {command: ["true"]}, periodSeconds: 2}
    lifecycle: {preStop: {exec: {command: ["sh", "-c", "sleep 3"]}}}
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "touch /tmp/x; sleep 25; rm -f /tmp/x; sleep 100"]
    livenessProbe: {exec: {command: ["cat", "/tmp/x"]}, initialDelaySeconds: 3, periodSeconds: 3, failureThreshold: 2}
    readinessProbe: {exec: {command: ["cat", "/tmp/x"]}, periodSeconds: 2, successThreshold: 2}
    lifecycle: {preStop: {exec: {command: ["sh", "-c", "sleep 20"]}}}
  - name: worker
    image: busybox:1.36
    command: ["sh", "-c", "sleep 15; exit 3"]
---
kind: Scenario
actions:
  - {at: 250.3, delete: {gracePeriodSeconds: 5}}
"#;

/// One hashed input: `(key, text, settings)`.
pub fn cases() -> Vec<(String, &'static str, Settings)> {
    let mut out = vec![];
    let inputs = gallery::EXAMPLES
        .iter()
        .map(|e| (e.id, e.yaml))
        .chain([("mixed", MIXED)]);
    for (id, yaml) in inputs {
        for (seed, version) in [
            (None, KubeletVersion::NEWEST),
            (Some(7u64), KubeletVersion(30)),
        ] {
            let key = format!(
                "{id} seed={} kubelet={version}",
                seed.map_or("none".to_string(), |s| s.to_string())
            );
            out.push((
                key,
                yaml,
                Settings {
                    until: podlife_engine::Time::from_secs(900),
                    seed,
                    kubelet_version: version,
                    ..Settings::default()
                },
            ));
        }
    }
    out
}

/// `key → FNV-1a 64 of serde_json::to_string(&timeline)` (or of the diagnostics when the input
/// is rejected), one `key hash` line each.
pub fn compute() -> Vec<(String, String)> {
    cases()
        .into_iter()
        .map(|(key, text, settings)| {
            let json = match simulate(text, None, &settings) {
                Ok(sim) => serde_json::to_string(&sim.timeline).expect("a timeline serialises"),
                Err(d) => format!("rejected: {d:?}"),
            };
            (key, format!("{:016x}", fnv1a64(json.as_bytes())))
        })
        .collect()
}

/// Parse the golden table: `key hash` lines; `#` comments and blank lines ignored.
pub fn parse(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            l.rsplit_once(' ')
                .map(|(k, h)| (k.trim().to_string(), h.to_string()))
        })
        .collect()
}

pub fn render(table: &[(String, String)]) -> String {
    let mut s = String::from(
        "# FNV-1a 64 of serde_json::to_string(&timeline) for each gallery example and a mixed pod,\n\
         # with (seed none, newest kubelet) and (seed 7, kubelet 1.30), until 900 s. Checked natively\n\
         # by tests/determinism.rs and on wasm32 by tests/wasm_determinism.rs. Regenerate (with the\n\
         # readable snapshots of tests/snapshots/, which are what to review):\n\
         # INSTA_UPDATE=always cargo test -p podlife-engine --test snapshots --test determinism\n",
    );
    for (k, h) in table {
        s.push_str(&format!("{k} {h}\n"));
    }
    s
}

/// Every difference between the computed table and the golden one, one per line.
pub fn diff(computed: &[(String, String)], golden: &[(String, String)]) -> Vec<String> {
    let mut out = vec![];
    for (k, h) in computed {
        match golden.iter().find(|(gk, _)| gk == k) {
            None => out.push(format!("{k}: computed {h}, missing from the golden table")),
            Some((_, g)) if g != h => out.push(format!("{k}: computed {h}, golden {g}")),
            _ => {}
        }
    }
    for (k, g) in golden {
        if !computed.iter().any(|(ck, _)| ck == k) {
            out.push(format!(
                "{k}: in the golden table ({g}) but no longer an input"
            ));
        }
    }
    out
}
