//! The coverage command: how much real-world container input the engine runs with no stated
//! assumption. It plays every container `command`/`args` of the gallery, of the conformance
//! cases and of the upstream e2e tests and website examples (`tests/shell/corpus.yaml`) for
//! 120 simulated seconds, and prints the share that ran with no assumption.
//!
//! `cargo run -p podlife-engine --release --example coverage [-- -v]` (`-v` lists the rest).
use podlife_engine::process::{self, images, FsView, Layer, NoWorld};
use podlife_engine::{gallery, simulate, Settings};

fn main() {
    let verbose = std::env::args().any(|a| a == "-v");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut rows: Vec<(String, bool, String)> = vec![];
    // Gallery and conformance pods: every container's assumptions from the whole simulation.
    let mut pods: Vec<(String, String)> = gallery::EXAMPLES
        .iter()
        .map(|e| (format!("gallery/{}", e.id), e.yaml.to_string()))
        .collect();
    let mut conf: Vec<_> = std::fs::read_dir(format!("{root}/tests/conformance"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_else(|_| vec![]);
    conf.sort();
    for p in conf
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
    {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or(serde_yaml::Value::Null);
        if let Some(m) = v.get("manifest").and_then(|m| m.as_str()) {
            pods.push((
                format!("conformance/{}", p.file_name().unwrap().to_string_lossy()),
                m.to_string(),
            ));
        }
    }
    let settings = Settings {
        until: podlife_engine::Time::from_secs(120),
        ..Settings::default()
    };
    for (name, yaml) in &pods {
        let Ok(sim) = simulate(yaml, None, &settings) else {
            continue;
        };
        for c in &sim.timeline.containers {
            let process_notes: Vec<&String> = c
                .assumptions
                .iter()
                .filter(|a| !a.starts_with("image `"))
                .collect();
            rows.push((
                format!("{name} {}", c.name),
                process_notes.is_empty(),
                process_notes
                    .first()
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
            ));
        }
    }
    // Upstream and website commands, each run alone in its image for 120 s.
    let corpus =
        std::fs::read_to_string(format!("{root}/tests/shell/corpus.yaml")).unwrap_or_default();
    let entries: Vec<serde_yaml::Value> = serde_yaml::from_str(&corpus).unwrap_or_default();
    for e in entries {
        let argv: Vec<String> = e
            .get("argv")
            .and_then(|a| a.as_sequence())
            .map(|s| {
                s.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if argv.is_empty() {
            continue;
        }
        let image = e
            .get("container")
            .and_then(|c| c.as_str())
            .unwrap_or("busybox");
        let image = if image.contains(' ') {
            "busybox"
        } else {
            image
        };
        let info = images::lookup(image);
        let mut layer = Layer::base();
        let mut fs = FsView {
            layer: &mut layer,
            volumes: &mut [],
            mounts: &[],
        };
        let mut p = process::spawn(&info, &argv, podlife_engine::Time::ZERO, &mut fs, &NoWorld);
        while let Some(w) = p.next_wake() {
            if w > podlife_engine::Time::from_secs(120) || p.exit().is_some() {
                break;
            }
            p.advance(w, &mut fs, &NoWorld);
        }
        let src = e.get("source").and_then(|s| s.as_str()).unwrap_or("");
        rows.push((
            format!(
                "{src} {}",
                argv.join(" ").chars().take(60).collect::<String>()
            ),
            p.assumptions.is_empty(),
            p.assumptions
                .first()
                .map(|a| a.to_string())
                .unwrap_or_default(),
        ));
    }
    let exact = rows.iter().filter(|r| r.1).count();
    println!(
        "coverage: {exact} of {} container commands ran with no assumption ({:.1} %)",
        rows.len(),
        100.0 * exact as f64 / rows.len().max(1) as f64
    );
    if verbose {
        for (n, ok, why) in &rows {
            if !ok {
                println!("  assumed: {n}: {why}");
            }
        }
    }
}
