//! Engine benchmarks (criterion): every gallery pod over 1 h, and the stress pod
//! (`benches/stress-pod.yaml`: 10 containers × 3 exec probes at 1 s) over 1 h and 24 h.
//!
//! Run: `cargo bench -p podlife-engine --bench engine` (profile `bench`: opt-level 3); one group:
//! `cargo bench -p podlife-engine --bench engine -- stress`.
//! For plain figures (wall time, throughput, peak memory) use the example instead:
//! `cargo run -p podlife-engine --release --example bench`.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{black_box, criterion_group, Criterion, SamplingMode};
    use podlife_engine::{gallery, simulate, Settings};
    use std::time::Duration;

    pub const STRESS_POD: &str = include_str!("stress-pod.yaml");

    fn run(text: &str, until: f64) -> usize {
        let s = Settings {
            until: podlife_engine::Time::from_secs_f64(until),
            ..Settings::default()
        };
        let sim = simulate(black_box(text), None, &s).expect("bench input is valid");
        sim.timeline.events.len()
    }

    fn gallery_1h(c: &mut Criterion) {
        let mut g = c.benchmark_group("gallery_1h");
        // ~40 pods: keep the whole group around two minutes.
        g.warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(2));
        for e in gallery::EXAMPLES {
            g.bench_function(e.id, |b| b.iter(|| run(e.yaml, 3600.0)));
        }
        g.finish();
    }

    fn stress(c: &mut Criterion) {
        let mut g = c.benchmark_group("stress_10x3_probes");
        // Seconds per iteration at 24 h: flat sampling, 10 samples (a few minutes in all).
        g.sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(20));
        g.bench_function("1h", |b| b.iter(|| run(STRESS_POD, 3600.0)));
        g.bench_function("24h", |b| b.iter(|| run(STRESS_POD, 86_400.0)));
        g.finish();
    }

    criterion_group!(benches, gallery_1h, stress);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
