//! Timeline export: a Gantt chart of a [`Timeline`] drawn with plotters, as SVG (everywhere,
//! including wasm32) or PNG (native, feature `png`), plus the colour language shared with the
//! web app ([`theme`]).
//!
//! The chart is the web app's: [`chart`] derives the tracks and lanes (the pod's STATUS, READY,
//! phase, conditions, endpoints, sandbox, events and grace ruler; per container its state, ready,
//! image, back-off, hooks, signals and one lane per probe) once from the timeline, and both the
//! screen and this export draw them, with the same palette ([`theme`]), level of detail
//! ([`chart::lod`]) and legend ([`chart::legend`]). [`gantt`] cuts the model to the exported
//! window, [`draw`] lays it out and draws it.
//!
//! Like the rest of podlife, rendering is a pure function of its inputs: natively, text is set
//! in an embedded DejaVu Sans subset, so the same timeline gives byte-identical files on every
//! machine.

pub mod chart;
pub mod draw;
pub mod gantt;
pub mod link;
pub mod text;
pub mod theme;

pub use theme::{dark, light, Palette, Theme};

use plotters::prelude::*;
use podlife_engine::Timeline;

/// How to render.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderOptions {
    /// Width in pixels (clamped to 400..=16000).
    pub width: u32,
    /// Height in pixels; `None` = just tall enough for the rows and the legend.
    pub height: Option<u32>,
    pub theme: Theme,
    /// Draw only what happened up to this instant (a playhead); the rest of `[from, to]` is
    /// shaded. `None` = up to `to` (or the simulated horizon, whichever is first).
    pub until: Option<f64>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: 1200,
            height: None,
            theme: Theme::Light,
            until: None,
        }
    }
}

/// A drawing failure (plotters backend or encoder error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "render error: {}", self.0)
    }
}

impl std::error::Error for RenderError {}

#[cfg(not(target_arch = "wasm32"))]
const FONT_REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans-subset.ttf");
#[cfg(not(target_arch = "wasm32"))]
const FONT_BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold-subset.ttf");

/// Register the embedded fonts with plotters' `ab_glyph` text backend (once per process): it
/// measures text for the chart's layout natively.
#[cfg(not(target_arch = "wasm32"))]
fn ensure_fonts() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Both are valid TrueType files shipped with the crate; a failure would only mean
        // text is missing, never a panic.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT_REGULAR);
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, FONT_BOLD);
    });
}

#[cfg(target_arch = "wasm32")]
fn ensure_fonts() {}

/// Sanitised `[from, to]`: finite, non-negative, `to > from`.
fn range(from: f64, to: f64) -> (f64, f64) {
    let from = if from.is_finite() { from.max(0.0) } else { 0.0 };
    let to = if to.is_finite() && to > from {
        to
    } else {
        from + 1.0
    };
    (from, to)
}

/// The chart model and its pixel layout.
fn prepare(
    tl: &Timeline,
    from: f64,
    to: f64,
    opts: &RenderOptions,
) -> (gantt::Gantt, draw::Layout, Palette) {
    let (from, to) = range(from, to);
    let pal = opts.theme.palette();
    let g = gantt::build(tl, from, to, opts.until);
    let lay = draw::layout(&g, opts.width, opts.height);
    (g, lay, pal)
}

/// The image size `render_svg` / `render_png` produce for these arguments.
pub fn dimensions(tl: &Timeline, from: f64, to: f64, opts: &RenderOptions) -> (u32, u32) {
    let (_, lay, _) = prepare(tl, from, to, opts);
    (lay.width as u32, lay.height as u32)
}

/// The Gantt chart of `tl` over `[from, to]` seconds as an SVG document.
pub fn try_render_svg(
    tl: &Timeline,
    from: f64,
    to: f64,
    opts: &RenderOptions,
) -> Result<String, RenderError> {
    render_svg_traced(tl, from, to, opts).map(|(svg, _, _)| svg)
}

/// [`try_render_svg`], with the chart it drew (the model cut to the window) and every element
/// drawn in its lanes ([`draw::Drawn`], indices into the chart's lanes): what tests hold
/// against the model.
pub fn render_svg_traced(
    tl: &Timeline,
    from: f64,
    to: f64,
    opts: &RenderOptions,
) -> Result<(String, gantt::Gantt, Vec<draw::Drawn>), RenderError> {
    ensure_fonts();
    let (g, lay, pal) = prepare(tl, from, to, opts);
    let mut out = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut out, (lay.width as u32, lay.height as u32))
            .into_drawing_area();
        draw::draw(&root, &g, &lay, &pal, None).map_err(RenderError)?
    };
    Ok((out, g, drawn))
}

/// [`try_render_svg`], with a failure rendered as a small SVG stating the error.
pub fn render_svg(tl: &Timeline, from: f64, to: f64, opts: &RenderOptions) -> String {
    try_render_svg(tl, from, to, opts).unwrap_or_else(|e| {
        let msg = e.to_string().replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"40\"><text x=\"8\" y=\"24\">{msg}</text></svg>\n"
        )
    })
}

/// The Gantt chart of `tl` over `[from, to]` seconds as a PNG file (8-bit RGB).
#[cfg(all(feature = "png", not(target_arch = "wasm32")))]
pub fn try_render_png(
    tl: &Timeline,
    from: f64,
    to: f64,
    opts: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    ensure_fonts();
    let (g, lay, pal) = prepare(tl, from, to, opts);
    let (w, h) = (lay.width as u32, lay.height as u32);
    let fonts = draw::Fonts::load(FONT_REGULAR, FONT_BOLD)
        .ok_or_else(|| RenderError("embedded font unreadable".into()))?;
    let mut rgb = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        draw::draw(&root, &g, &lay, &pal, Some(&fonts)).map_err(RenderError)?;
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let e = |e: png::EncodingError| RenderError(e.to_string());
        let mut writer = enc.write_header().map_err(e)?;
        writer.write_image_data(&rgb).map_err(e)?;
        writer.finish().map_err(e)?;
    }
    Ok(out)
}

/// [`try_render_png`]; on a failure (which the bundled fonts and an in-memory encoder make
/// unreachable in practice) an empty vector.
#[cfg(all(feature = "png", not(target_arch = "wasm32")))]
pub fn render_png(tl: &Timeline, from: f64, to: f64, opts: &RenderOptions) -> Vec<u8> {
    try_render_png(tl, from, to, opts).unwrap_or_default()
}
