//! The stylesheet's colour variables from the shared palette (`podlife_render::theme`), so the
//! app, the SVG/PNG exports and the CLI speak one colour language. Injected into a `<style>`.

use podlife_engine::ProbeResult;
use podlife_render::chart::{probe_mark, MarkKind, Tone};
use podlife_render::theme::{Palette, Theme};

/// localStorage key of the chosen theme.
pub const STORAGE_KEY: &str = "podlife-theme";

/// `:root { --pl-…; --bg: …; … }` for the palette of `dark`/light.
pub fn css(dark: bool) -> String {
    let p: Palette = if dark { Theme::Dark } else { Theme::Light }.palette();
    let mut s = String::from(":root {\n");
    s.push_str(&p.css_vars());
    // The chart's tones and marks through the palette's one mapping (`Palette::tone` /
    // `Palette::mark`), the same the SVG/PNG export draws with.
    let mut map: Vec<(String, &str)> = vec![
        ("--bg".into(), p.background),
        ("--panel".into(), p.surface),
        ("--ink".into(), p.foreground),
        ("--muted".into(), p.muted),
        ("--grid".into(), p.grid),
    ];
    for t in [
        Tone::Pending,
        Tone::Good,
        Tone::Warn,
        Tone::Bad,
        Tone::Done,
        Tone::Term,
        Tone::Info,
        Tone::Hook,
        Tone::Neutral,
    ] {
        map.push((format!("--{}", t.class()), p.tone(t)));
        map.push((format!("--{}-ink", t.class()), p.tone_ink(t)));
    }
    for r in [
        ProbeResult::Success,
        ProbeResult::Failure,
        ProbeResult::Error,
        ProbeResult::Skipped,
    ] {
        map.push((format!("--{}", probe_mark(r).0), p.probe(r)));
    }
    for m in [
        MarkKind::Kill,
        MarkKind::Sigterm,
        MarkKind::Sigkill,
        MarkKind::Restart,
        MarkKind::Exit,
        MarkKind::EventNormal,
        MarkKind::EventWarning,
        MarkKind::Deleted,
        MarkKind::Removed,
    ] {
        map.push((format!("--mark-{}", m.name()), p.mark(m)));
    }
    for (k, v) in &map {
        s.push_str(&format!("{k}: {v};\n"));
    }
    s.push_str(&format!(
        "color-scheme: {};\n}}\n",
        if dark { "dark" } else { "light" }
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_palettes_fill_the_variables() {
        let l = css(false);
        let d = css(true);
        assert!(l.contains("--pl-running:") && l.contains("--tone-good: "));
        assert!(d.contains("--bg: #16181D;"), "{d}");
        assert!(d.contains("color-scheme: dark"));
        assert_ne!(l, d);
        // Every tone and mark the timeline draws comes from the shared palette's mapping.
        let p = Theme::Light.palette();
        assert!(l.contains(&format!("--tone-neutral: {};", p.neutral)));
        assert!(l.contains(&format!("--tone-warn: {};", p.tone(Tone::Warn))));
        assert!(l.contains(&format!("--mark-restart: {};", p.restart)));
        assert!(l.contains(&format!("--probe-failure: {};", p.probe_failure)));
    }
}
