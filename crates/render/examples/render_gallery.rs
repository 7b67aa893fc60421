//! Render a gallery pod: `cargo run -p podlife-render --features png --example render_gallery -- ID UNTIL OUT.(svg|png) [dark]`.

use podlife_render::{RenderOptions, Theme};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let id = args.get(1).map(String::as_str).unwrap_or("exec-liveness");
    let until: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(160.0);
    let out = args.get(3).cloned().unwrap_or_else(|| format!("{id}.svg"));
    let theme = if args.get(4).map(String::as_str) == Some("dark") {
        Theme::Dark
    } else {
        Theme::Light
    };
    let ex = podlife_engine::gallery::get(id).expect("gallery id");
    let settings = podlife_engine::Settings {
        until: podlife_engine::Time::from_secs_f64(until),
        ..Default::default()
    };
    let tl = podlife_engine::simulate(ex.yaml, None, &settings)
        .expect("simulates")
        .timeline;
    let opts = RenderOptions {
        theme,
        ..Default::default()
    };
    if out.ends_with(".png") {
        #[cfg(feature = "png")]
        std::fs::write(&out, podlife_render::render_png(&tl, 0.0, until, &opts)).expect("write");
    } else {
        std::fs::write(&out, podlife_render::render_svg(&tl, 0.0, until, &opts)).expect("write");
    }
}
