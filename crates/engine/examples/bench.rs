//! Plain benchmark figures for notes and issues (no criterion formatting):
//! `cargo run -p podlife-engine --release --example bench`
//! (`--profile bench` for opt-level 3; the workspace's release profile is opt-level "z" for the
//! web bundle).
//!
//! For each input — every gallery pod over 1 h, the stress pod (`benches/stress-pod.yaml`, 10
//! containers × 3 exec probes at 1 s) over 1 h and 24 h — prints: wall time (best of several
//! runs), simulated seconds per wall second, "events" per second (timeline event emissions +
//! probe ticks; a stored tick entry stands for `count` ticks), the number of stored tick entries,
//! the peak heap allocated during one simulation (a counting global allocator), the heap the
//! returned `Simulation` retains, and the size of the Timeline JSON.
//!
//! Arguments (optional): `--runs N` (default 5; the 24 h stress pod runs at most 3 times),
//! `--only TEXT` (only inputs whose name contains TEXT).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use podlife_engine::{gallery, simulate, Settings, Simulation};

/// Counts live heap bytes and their high-water mark.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let now = CURRENT.fetch_add(n, Relaxed) + n;
    PEAK.fetch_max(now, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            grew(l.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(l) };
        if !p.is_null() {
            grew(l.size());
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        CURRENT.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new >= l.size() {
                grew(new - l.size());
            } else {
                CURRENT.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const STRESS_POD: &str = include_str!("../benches/stress-pod.yaml");

struct Figures {
    best_wall: f64,
    events: usize,
    ticks: usize,
    entries: usize,
    peak: usize,
    retained: usize,
    json: usize,
}

fn measure(text: &str, until: f64, runs: usize) -> Figures {
    let settings = Settings {
        until: podlife_engine::Time::from_secs_f64(until),
        ..Settings::default()
    };
    let mut best_wall = f64::INFINITY;
    let mut peak = 0;
    let mut retained = 0;
    let mut last: Option<Simulation> = None;
    for _ in 0..runs.max(1) {
        drop(last.take());
        let base = CURRENT.load(Relaxed);
        PEAK.store(base, Relaxed);
        let t0 = Instant::now();
        let sim = simulate(text, None, &settings).expect("bench input is valid");
        let wall = t0.elapsed().as_secs_f64();
        best_wall = best_wall.min(wall);
        peak = PEAK.load(Relaxed) - base;
        retained = CURRENT.load(Relaxed) - base;
        last = Some(sim);
    }
    let sim = last.expect("ran at least once");
    let tl = &sim.timeline;
    let tracks = || tl.containers.iter().flat_map(|c| &c.probes);
    let ticks = tracks()
        .flat_map(|p| &p.ticks)
        .map(|t| t.count as usize)
        .sum();
    let entries = tracks().map(|p| p.ticks.len()).sum();
    let json = serde_json::to_string(tl)
        .expect("timeline serialises")
        .len();
    Figures {
        best_wall,
        events: tl.events.len(),
        ticks,
        entries,
        peak,
        retained,
        json,
    }
}

fn mib(b: usize) -> String {
    format!("{:.2}", b as f64 / (1024.0 * 1024.0))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let runs = arg("--runs").and_then(|n| n.parse().ok()).unwrap_or(5usize);
    let only = arg("--only").cloned().unwrap_or_default();
    let profile = if cfg!(debug_assertions) {
        "debug (numbers are not representative: use --release)"
    } else {
        "optimised"
    };
    println!("podlife-engine bench — build: {profile}; wall = best of {runs} runs; events = timeline events + probe ticks");
    println!(
        "{:<38} {:>7} {:>10} {:>13} {:>7} {:>9} {:>8} {:>11} {:>9} {:>9} {:>9}",
        "input",
        "until s",
        "wall ms",
        "sim s/wall s",
        "events",
        "ticks",
        "entries",
        "events/s",
        "peak MiB",
        "kept MiB",
        "JSON KiB"
    );
    let mut inputs: Vec<(String, &str, f64, usize)> = gallery::EXAMPLES
        .iter()
        .map(|e| (format!("gallery/{}", e.id), e.yaml, 3600.0, runs))
        .collect();
    inputs.push(("stress 10x3 probes 1h".into(), STRESS_POD, 3600.0, runs));
    inputs.push((
        "stress 10x3 probes 24h".into(),
        STRESS_POD,
        86_400.0,
        runs.min(3),
    ));
    for (name, text, until, n) in inputs.into_iter().filter(|i| i.0.contains(only.as_str())) {
        let f = measure(text, until, n);
        let total = f.events + f.ticks;
        println!(
            "{:<38} {:>7} {:>10.2} {:>13.0} {:>7} {:>9} {:>8} {:>11.0} {:>9} {:>9} {:>9.1}",
            name,
            until,
            f.best_wall * 1e3,
            until / f.best_wall,
            f.events,
            f.ticks,
            f.entries,
            total as f64 / f.best_wall,
            mib(f.peak),
            mib(f.retained),
            f.json as f64 / 1024.0
        );
    }
}
