//! Rendering the docs' exec-liveness pod end to end: manifest → `simulate` → SVG / PNG.

use podlife_engine::{gallery, simulate, Settings, Timeline};
use podlife_render::{
    dimensions, draw::legend_labels, render_svg, render_svg_traced, theme, RenderOptions, Theme,
};

fn exec_liveness(until: f64) -> Timeline {
    let ex = gallery::get("exec-liveness").expect("gallery entry");
    let settings = Settings {
        until: podlife_engine::Time::from_secs_f64(until),
        ..Settings::default()
    };
    simulate(ex.yaml, None, &settings)
        .expect("simulates")
        .timeline
}

/// The SVG is a well-formed-looking document with the screen's tracks and lanes (the pod, its
/// container, the probe lane) and every legend label; tags are balanced.
#[test]
fn svg_of_the_exec_liveness_pod() {
    let tl = exec_liveness(160.0);
    let opts = RenderOptions::default();
    let svg = render_svg(&tl, 0.0, 160.0, &opts);
    assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(200)]);
    assert!(svg.trim_end().ends_with("</svg>"));
    let (w, h) = dimensions(&tl, 0.0, 160.0, &opts);
    assert_eq!(w, 1200);
    assert!(svg.contains(&format!("width=\"{w}\"")) && svg.contains(&format!("height=\"{h}\"")));
    for needle in [
        "Pod liveness-exec",
        "liveness-exec",
        "POD",
        "APP",
        "STATUS",
        "READY",
        "phase",
        "signals",
        "sandbox",
        "seconds since pod creation",
    ] {
        assert!(svg.contains(needle), "missing {needle:?}");
    }
    for label in legend_labels() {
        assert!(svg.contains(label), "legend label {label:?} missing");
    }
    // The liveness kill: the state lane shows Running, then Terminating from the kill.
    assert!(svg.contains("\nRunning\n") && svg.contains("\nTerminating\n"));
    assert!(svg.contains("\nliveness\n"), "the probe lane");
    assert!(svg.contains(&format!("fill=\"{}\"", theme::light().running)));
    assert!(svg.contains(&format!("fill=\"{}\"", theme::light().terminating)));
    // Balanced elements: every <text> is closed.
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    // Time ticks in seconds.
    assert!(
        svg.contains("\n0s\n") && svg.contains("\n160s\n"),
        "axis ticks"
    );
}

/// Same input, same bytes; the dark theme uses its own background.
#[test]
fn svg_is_deterministic_and_themed() {
    let tl = exec_liveness(160.0);
    let a = render_svg(&tl, 0.0, 160.0, &RenderOptions::default());
    let b = render_svg(&tl, 0.0, 160.0, &RenderOptions::default());
    assert_eq!(a, b);
    let dark = render_svg(
        &tl,
        0.0,
        160.0,
        &RenderOptions {
            theme: Theme::Dark,
            ..Default::default()
        },
    );
    assert!(dark.contains(&format!("fill=\"{}\"", theme::dark().background)));
    assert_ne!(a, dark);
}

/// `until` cuts the chart at a playhead; the rest is shaded and labelled.
#[test]
fn until_cuts_the_chart() {
    let tl = exec_liveness(160.0);
    let (svg, g, drawn) = render_svg_traced(
        &tl,
        0.0,
        160.0,
        &RenderOptions {
            until: Some(50.0),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(svg.contains("t = 50s"));
    assert_eq!(g.limit, 50.0);
    assert!(
        drawn.iter().all(|d| d.t1 <= 50.0),
        "nothing after the playhead"
    );
    // The probe goes on hold at 50 s: not drawn yet.
    assert!(!svg.contains("\non hold\n"));
}

#[cfg(feature = "png")]
#[test]
fn png_of_the_exec_liveness_pod() {
    let tl = exec_liveness(160.0);
    let opts = RenderOptions {
        width: 1000,
        ..Default::default()
    };
    let png = podlife_render::render_png(&tl, 0.0, 160.0, &opts);
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: width and height, big-endian, at bytes 16..24.
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((w, h), dimensions(&tl, 0.0, 160.0, &opts));
    assert_eq!(w, 1000);
    assert_eq!(
        png,
        podlife_render::render_png(&tl, 0.0, 160.0, &opts),
        "deterministic"
    );
}

/// Degenerate ranges and tiny widths still give a document.
#[test]
fn degenerate_inputs() {
    let tl = exec_liveness(20.0);
    for (from, to) in [
        (0.0, 0.0),
        (50.0, 10.0),
        (f64::NAN, f64::INFINITY),
        (0.0, 1e9),
    ] {
        let svg = render_svg(
            &tl,
            from,
            to,
            &RenderOptions {
                width: 10,
                ..Default::default()
            },
        );
        assert!(
            svg.contains("<svg") && svg.contains("</svg>"),
            "{from}..{to}"
        );
    }
}
