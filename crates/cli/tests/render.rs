//! `podlife render`: the real binary writes SVG and PNG files (and SVG to stdout with `-o -`).

use std::path::PathBuf;
use std::process::{Command, Output};

const GALLERY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../engine/gallery/exec-liveness.yaml"
);

fn podlife(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_podlife"))
        .args(args)
        .output()
        .expect("podlife runs")
}

/// A fresh directory under cargo's per-target temporary directory.
fn temp_dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("render-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR");
    (
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
    )
}

#[test]
fn renders_svg_and_png_files() {
    let dir = temp_dir("files");
    let svg = dir.join("out.svg");
    let png = dir.join("out.png");
    for (path, extra) in [
        (&svg, vec![]),
        (&png, vec!["--theme", "dark", "--width", "900"]),
    ] {
        let mut args = vec![
            "render",
            GALLERY,
            "--until",
            "160",
            "-o",
            path.to_str().unwrap(),
        ];
        args.extend(extra);
        let out = podlife(&args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stdout.is_empty(),
            "nothing on stdout when writing a file"
        );
    }
    let text = std::fs::read_to_string(&svg).expect("svg written");
    assert!(text.starts_with("<svg") && text.trim_end().ends_with("</svg>"));
    // The web app's tracks and lanes: the container track (APP badge) and its state lane.
    assert!(
        text.contains("\nliveness\n")
            && text.contains("\nAPP\n")
            && text.contains("Pod liveness-exec")
    );
    assert!(text.contains("\nstate\n") && text.contains("\nTerminating\n"));
    assert!(
        text.contains("SIGKILL") && text.contains("probe failed"),
        "the web app's legend"
    );
    assert!(text.contains("width=\"1200\""), "default width");
    let bytes = std::fs::read(&png).expect("png written");
    let (w, h) = png_size(&bytes);
    assert_eq!(w, 900);
    assert!(h > 200 && h < 1000, "height follows the rows: {h}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn svg_to_stdout_and_bad_arguments() {
    let out = podlife(&["render", GALLERY, "--until", "60", "-o", "-"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("<svg") && text.contains("</svg>"));

    let out = podlife(&["render", GALLERY, "-o", "chart.gif"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("use .svg, .png"));

    let out = podlife(&[
        "render", GALLERY, "--until", "10", "--from", "20", "-o", "-",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let out = podlife(&["render", GALLERY, "--width", "5", "-o", "-"]);
    assert_eq!(out.status.code(), Some(1));
}

/// `--format mermaid` and `--format trace` (or the `.mmd` / `.json` extension) write the text
/// exports for docs pipelines and trace viewers.
#[test]
fn renders_mermaid_and_trace_json() {
    let out = podlife(&[
        "render", GALLERY, "--until", "160", "-o", "-", "--format", "mermaid",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m = String::from_utf8(out.stdout).expect("utf-8");
    assert!(m.starts_with("gantt\n"), "{m}");
    assert!(m.contains("section container liveness"), "{m}");
    let dir = temp_dir("text");
    let json = dir.join("trace.json");
    let out = podlife(&[
        "render",
        GALLERY,
        "--until",
        "160",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&json).expect("written");
    assert!(
        text.starts_with("{\"displayTimeUnit\":\"ms\""),
        "{}",
        &text[..80]
    );
    assert!(text.contains("\"traceEvents\":["));
    // PNG cannot go to standard output; an unknown extension names the choices.
    let out = podlife(&["render", GALLERY, "-o", "-", "--format", "png"]);
    assert!(!out.status.success());
    let out = podlife(&["render", GALLERY, "-o", "x.gif"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains(".mmd, .json, or --format"));
}
