//! Print each gallery example's containers: assumptions and runs (a quick look at engine output):
//! `cargo run -p podlife-engine --example dump_gallery -- [ID...]`.
use podlife_engine::{gallery, simulate, Settings};
fn main() {
    let ids: Vec<String> = std::env::args().skip(1).collect();
    for e in gallery::EXAMPLES {
        if !ids.is_empty() && !ids.iter().any(|i| e.id.contains(i.as_str())) {
            continue;
        }
        let s = Settings {
            until: podlife_engine::Time::from_secs(600),
            ..Settings::default()
        };
        match simulate(e.yaml, None, &s) {
            Ok(sim) => {
                println!("== {}", e.id);
                for c in &sim.timeline.containers {
                    let runs: Vec<_> = c
                        .runs
                        .iter()
                        .take(4)
                        .map(|r| (r.started, r.exited, r.exit_code))
                        .collect();
                    println!("  {}: runs {:?}", c.name, runs);
                    for a in &c.assumptions {
                        println!("    assumes: {a}");
                    }
                }
            }
            Err(d) => println!("== {}: {:?}", e.id, d),
        }
    }
}
