//! The stylesheet's colour variables from the shared palette (`podlife_render::theme`), so the
//! app, the SVG/PNG exports and the CLI speak one colour language. Injected into a `<style>`.

use podlife_render::theme::{contrast_text, Palette, Theme};

/// localStorage key of the chosen theme.
pub const STORAGE_KEY: &str = "podlife-theme";

/// `:root { --pl-…; --bg: …; … }` for the palette of `dark`/light.
pub fn css(dark: bool) -> String {
    let p: Palette = if dark { Theme::Dark } else { Theme::Light }.palette();
    let mut s = String::from(":root {\n");
    s.push_str(&p.css_vars());
    let map: &[(&str, &str)] = &[
        ("--bg", p.background),
        ("--panel", p.surface),
        ("--ink", p.foreground),
        ("--muted", p.muted),
        ("--grid", p.grid),
        ("--tone-pending", p.waiting_creating),
        ("--tone-good", p.running),
        ("--tone-warn", p.waiting_backoff),
        ("--tone-bad", p.terminated_error),
        ("--tone-done", p.terminated_completed),
        ("--tone-term", p.terminating),
        ("--tone-info", p.image_pull),
        ("--tone-hook", p.hook_pre_stop),
        ("--probe-success", p.probe_success),
        ("--probe-failure", p.probe_failure),
        ("--probe-error", p.probe_error),
        ("--probe-skipped", p.probe_skipped),
        ("--mark-kill", p.kill),
        ("--mark-sigterm", p.sigterm),
        ("--mark-sigkill", p.sigkill),
    ];
    for (k, v) in map {
        s.push_str(&format!("{k}: {v};\n"));
        if let Some(tone) = k.strip_prefix("--tone-") {
            s.push_str(&format!("--tone-{tone}-ink: {};\n", contrast_text(v)));
        }
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
    }
}
