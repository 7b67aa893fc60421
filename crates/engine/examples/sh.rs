//! Run a script in podlife's interpreter and print what happens:
//! `cargo run -p podlife-engine --example sh -- 'SCRIPT' [TERM_AT] [UNTIL]`.
use podlife_engine::process::{images, FsView, Layer, NoWorld, Signal};
use podlife_engine::Time;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let script = args.get(1).cloned().unwrap_or_default();
    let term_at: Option<Time> = args
        .get(2)
        .and_then(|a| a.parse().ok())
        .map(Time::from_secs_f64);
    let until = Time::from_secs_f64(args.get(3).and_then(|a| a.parse().ok()).unwrap_or(100.0));
    let image = images::lookup("busybox");
    let mut layer = Layer::default();
    let mut fs = FsView {
        layer: &mut layer,
        volumes: &mut [],
        mounts: &[],
    };
    let argv = vec!["sh".to_string(), "-c".to_string(), script];
    let mut p = podlife_engine::process::spawn(&image, &argv, Time::ZERO, &mut fs, &NoWorld);
    let mut sent = false;
    loop {
        let next = p.next_wake();
        let t_sig = term_at.filter(|_| !sent);
        match (next, t_sig) {
            (_, Some(t)) if next.is_none_or(|n| t <= n) => {
                p.signal(Signal::Term, t, &mut fs, &NoWorld);
                sent = true;
            }
            (Some(n), _) if n <= until => p.advance(n, &mut fs, &NoWorld),
            _ => break,
        }
        if p.exit().is_some() {
            break;
        }
    }
    for c in &p.log {
        print!("[{:>7.3} {:?}] {}", c.t, c.stream, c.text);
        if !c.text.ends_with('\n') {
            println!();
        }
    }
    println!("exit: {:?}  pid1: {}  steps: {}", p.exit(), p.pid1, p.steps);
    for a in &p.assumptions {
        println!("assumption: {a}");
    }
}
