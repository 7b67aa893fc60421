//! Pixels: lays a [`Gantt`] out and draws it on any plotters backend.
//!
//! Layout is computed here in whole pixels with a fixed text-width estimate (not the backend's
//! font metrics), so the SVG is laid out identically natively and in the browser. plotters draws
//! the time axis (nice ticks, grid) through a `ChartBuilder`; rows, marks and the legend are
//! plain elements at pixel coordinates on the root area.

use crate::gantt::{merge_ticks, secs, Bar, Gantt, Mark, MarkKind, Row};
use crate::theme::{contrast_text, parse_hex, Palette};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use podlife_engine::ProbeType;

pub const MARGIN: i32 = 16;
const TITLE_H: i32 = 68;
const STRIP_H: i32 = 32;
const STRIP_BAR: i32 = 24;
const PAD: i32 = 6;
const ACT_H: i32 = 8;
const STATE_H: i32 = 26;
const PROBE_H: i32 = 16;
const AXIS_H: i32 = 52;
const LEGEND_LINE: i32 = 26;
const LEGEND_GAP: i32 = 8;

// Font sizes in plotters units (an SVG `font-size` of size / 1.24 px).
const F_TITLE: f64 = 30.0;
const F_SUBTITLE: f64 = 18.0;
const F_ROW: f64 = 20.0;
const F_SUB: f64 = 16.0;
const F_BAR: f64 = 16.0;
const F_AXIS: f64 = 17.0;
const F_LEGEND: f64 = 17.0;

/// The minimum distance in pixels between two probe tick marks; closer ticks are merged.
pub const TICK_MERGE_PX: f64 = 2.0;

/// Estimated advance width of `s` in pixels at plotters font size `size` (DejaVu Sans-like
/// proportions, slightly generous so labels never overflow their bar).
pub fn text_width(s: &str, size: f64) -> f64 {
    let em = size / 1.2;
    let w: f64 = s
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'I' | '(' | ')' | '['
            | ']' => 0.32,
            ' ' | 'f' | 't' | 'r' | '/' | '-' | '·' => 0.40,
            'm' | 'w' | 'M' | 'W' => 0.92,
            c if c.is_ascii_uppercase() => 0.72,
            c if c.is_ascii_digit() => 0.64,
            _ => 0.62,
        })
        .sum();
    w * em * 1.04
}

fn rgb(hex: &str) -> RGBColor {
    let (r, g, b) = parse_hex(hex);
    RGBColor(r, g, b)
}

/// Vertical geometry of one row.
#[derive(Clone, Copy, Debug)]
struct RowBox {
    y0: i32,
    h: i32,
}

fn row_height(r: &Row) -> i32 {
    match r {
        Row::Strip { .. } => STRIP_H,
        Row::Container { probes, .. } => {
            PAD + ACT_H + 2 + STATE_H + 4 + PROBE_H * probes.len() as i32 + PAD
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Glyph {
    Block,
    Thin,
    Tick,
    Line,
    Down,
    Up,
    Diamond,
}

fn legend_items(p: &Palette) -> Vec<(Glyph, &'static str, &'static str)> {
    vec![
        (Glyph::Block, p.running, "Running"),
        (Glyph::Block, p.running_not_ready, "Running, not ready"),
        (
            Glyph::Block,
            p.waiting_creating,
            "Waiting: creating / Pending",
        ),
        (Glyph::Block, p.waiting_backoff, "Waiting: back-off"),
        (Glyph::Block, p.waiting_error, "Waiting: error"),
        (
            Glyph::Block,
            p.terminated_completed,
            "Completed / Succeeded",
        ),
        (
            Glyph::Block,
            p.terminated_error,
            "Error, OOMKilled / Failed",
        ),
        (Glyph::Block, p.terminating, "Terminating"),
        (Glyph::Block, p.sandbox, "Sandbox up"),
        (Glyph::Thin, p.image_pull, "Image pull"),
        (Glyph::Thin, p.hook_post_start, "postStart hook"),
        (Glyph::Thin, p.hook_pre_stop, "preStop hook"),
        (Glyph::Tick, p.probe_success, "Probe success"),
        (Glyph::Tick, p.probe_failure, "Probe failure"),
        (Glyph::Tick, p.probe_error, "Probe error"),
        (Glyph::Tick, p.probe_skipped, "Probe skipped"),
        (Glyph::Line, p.kill, "Kill (Killing event)"),
        (Glyph::Down, p.sigterm, "SIGTERM"),
        (Glyph::Up, p.sigkill, "SIGKILL"),
        (Glyph::Diamond, p.foreground, "Delete request"),
    ]
}

/// The legend's labels, in drawing order (for tests and the web app's key).
pub fn legend_labels(p: &Palette) -> Vec<&'static str> {
    legend_items(p).into_iter().map(|(_, _, l)| l).collect()
}

fn probe_word(t: ProbeType) -> &'static str {
    match t {
        ProbeType::Startup => "startup probe",
        ProbeType::Liveness => "liveness probe",
        ProbeType::Readiness => "readiness probe",
    }
}

/// Pixel layout of a chart.
#[derive(Clone, Debug)]
pub struct Layout {
    pub width: i32,
    pub height: i32,
    label_w: i32,
    rows: Vec<RowBox>,
    rows_top: i32,
    rows_h: i32,
    legend_top: i32,
    legend_cols: usize,
    legend_col_w: i32,
}

pub fn layout(g: &Gantt, pal: &Palette, width: u32, height: Option<u32>) -> Layout {
    let width = (width.clamp(400, 16_000)) as i32;
    let mut label_w: f64 = 120.0;
    for r in &g.rows {
        match r {
            Row::Strip { label, .. } => label_w = label_w.max(text_width(label, F_ROW)),
            Row::Container { label, probes, .. } => {
                label_w = label_w.max(text_width(label, F_ROW));
                for p in probes {
                    label_w = label_w.max(12.0 + text_width(probe_word(p.probe_type), F_SUB));
                }
            }
        }
    }
    let label_w = ((label_w + 2.0 * MARGIN as f64).ceil() as i32).min(width * 2 / 5);
    let rows_top = TITLE_H;
    let mut y = rows_top;
    let mut rows = vec![];
    for r in &g.rows {
        let h = row_height(r);
        rows.push(RowBox { y0: y, h });
        y += h;
    }
    let rows_h = y - rows_top;
    let legend_top = rows_top + rows_h + AXIS_H + LEGEND_GAP;
    let items = legend_items(pal);
    let item_w = items
        .iter()
        .map(|(_, _, l)| 30.0 + text_width(l, F_LEGEND))
        .fold(0.0, f64::max);
    let legend_col_w = (item_w.ceil() as i32 + 24).max(60);
    let legend_cols = (((width - 2 * MARGIN) / legend_col_w).max(1) as usize).min(items.len());
    let legend_rows = items.len().div_ceil(legend_cols) as i32;
    let auto_h = legend_top + legend_rows * LEGEND_LINE + MARGIN;
    let height = height
        .map(|h| (h.clamp(100, 32_000)) as i32)
        .unwrap_or(auto_h);
    Layout {
        width,
        height,
        label_w,
        rows,
        rows_top,
        rows_h,
        legend_top,
        legend_cols,
        legend_col_w,
    }
}

type DResult = Result<(), String>;

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// Text rasteriser for the bitmap backend (native, feature `png`): DejaVu Sans set with
/// ab_glyph at the same em size as the SVG's `font-size` (plotters size / 1.24), with kerning
/// and side bearings, centred on the cap height.
#[cfg(all(feature = "png", not(target_arch = "wasm32")))]
pub mod raster {
    use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};
    use plotters::style::text_anchor::HPos;

    pub struct Fonts {
        regular: FontRef<'static>,
        bold: FontRef<'static>,
    }

    impl Fonts {
        pub fn load(regular: &'static [u8], bold: &'static [u8]) -> Option<Fonts> {
            Some(Fonts {
                regular: FontRef::try_from_slice(regular).ok()?,
                bold: FontRef::try_from_slice(bold).ok()?,
            })
        }

        /// Coverage of every pixel of `s` anchored at (x, y) (`h` horizontally, centred
        /// vertically): `(px, py, coverage)`.
        pub fn pixels(
            &self,
            s: &str,
            x: i32,
            y: i32,
            size: f64,
            h: HPos,
            bold: bool,
        ) -> Vec<(i32, i32, f32)> {
            let font = if bold { &self.bold } else { &self.regular };
            let upem = font.units_per_em().unwrap_or(2048.0);
            let em = (size / 1.24) as f32;
            let scale = PxScale::from(em * font.height_unscaled() / upem);
            let sf = font.as_scaled(scale);
            let mut pen = 0.0f32;
            let mut prev = None;
            let mut glyphs = vec![];
            for c in s.chars() {
                let id = sf.glyph_id(c);
                if let Some(p) = prev {
                    pen += sf.kern(p, id);
                }
                glyphs.push((id, pen));
                pen += sf.h_advance(id);
                prev = Some(id);
            }
            let x0 = match h {
                HPos::Left => x as f32,
                HPos::Center => x as f32 - pen / 2.0,
                HPos::Right => x as f32 - pen,
            };
            let baseline = y as f32 + (sf.ascent() + sf.descent()) / 2.0;
            let mut out = vec![];
            for (id, gx) in glyphs {
                let g =
                    id.with_scale_and_position(scale, point((x0 + gx).round(), baseline.round()));
                if let Some(o) = font.outline_glyph(g) {
                    let b = o.px_bounds();
                    o.draw(|px, py, c| {
                        if c > 0.0 {
                            out.push((
                                b.min.x as i32 + px as i32,
                                b.min.y as i32 + py as i32,
                                c.min(1.0),
                            ));
                        }
                    });
                }
            }
            out
        }
    }
}

#[cfg(all(feature = "png", not(target_arch = "wasm32")))]
pub use raster::Fonts;

/// Without the `png` feature there is no bitmap output and so no rasteriser.
#[cfg(not(all(feature = "png", not(target_arch = "wasm32"))))]
pub struct Fonts;

struct Painter<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    pal: &'a Palette,
    /// Set for bitmap output: text is rasterised here rather than by plotters.
    #[cfg_attr(
        not(all(feature = "png", not(target_arch = "wasm32"))),
        allow(dead_code)
    )]
    fonts: Option<&'a Fonts>,
}

impl<DB: DrawingBackend> Painter<'_, DB> {
    fn rect(&self, x0: i32, y0: i32, x1: i32, y1: i32, color: &str) -> DResult {
        self.area
            .draw(&Rectangle::new([(x0, y0), (x1, y1)], rgb(color).filled()))
            .map_err(err)
    }

    fn outline(&self, x0: i32, y0: i32, x1: i32, y1: i32, color: &str) -> DResult {
        self.area
            .draw(&Rectangle::new(
                [(x0, y0), (x1, y1)],
                rgb(color).stroke_width(1),
            ))
            .map_err(err)
    }

    fn line(&self, pts: Vec<(i32, i32)>, color: &str, width: u32) -> DResult {
        self.area
            .draw(&PathElement::new(pts, rgb(color).stroke_width(width)))
            .map_err(err)
    }

    fn poly(&self, pts: Vec<(i32, i32)>, color: &str) -> DResult {
        self.area
            .draw(&Polygon::new(pts.clone(), rgb(color).filled()))
            .map_err(err)?;
        let mut closed = pts;
        closed.push(closed[0]);
        self.line(closed, self.pal.background, 1)
    }

    #[allow(clippy::too_many_arguments)] // one text run: string, position, size, colour, anchor, weight
    fn text(
        &self,
        s: &str,
        x: i32,
        y: i32,
        size: f64,
        color: &str,
        h: HPos,
        bold: bool,
    ) -> DResult {
        #[cfg(all(feature = "png", not(target_arch = "wasm32")))]
        if let Some(f) = self.fonts {
            let c = rgb(color);
            for (px, py, cov) in f.pixels(s, x, y, size, h, bold) {
                self.area
                    .draw_pixel((px, py), &c.mix(cov as f64))
                    .map_err(err)?;
            }
            return Ok(());
        }
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let font = (FontFamily::SansSerif, size, style)
            .into_font()
            .color(&rgb(color))
            .pos(Pos::new(h, VPos::Center));
        self.area
            .draw(&Text::new(s.to_string(), (x, y), font))
            .map_err(err)
    }

    /// A glyph centred on (x, y) as used for marks and in the legend.
    fn glyph(&self, g: Glyph, x: i32, y: i32, color: &str) -> DResult {
        match g {
            Glyph::Block => {
                self.rect(x - 9, y - 7, x + 9, y + 7, color)?;
                self.outline(x - 9, y - 7, x + 9, y + 7, self.pal.grid)
            }
            Glyph::Thin => self.rect(x - 9, y - 3, x + 9, y + 3, color),
            Glyph::Tick => self.rect(x - 1, y - 7, x + 2, y + 7, color),
            Glyph::Line => self.rect(x - 1, y - 9, x + 2, y + 9, color),
            Glyph::Down => self.poly(vec![(x - 7, y - 6), (x + 7, y - 6), (x, y + 6)], color),
            Glyph::Up => self.poly(vec![(x - 7, y + 6), (x + 7, y + 6), (x, y - 6)], color),
            Glyph::Diamond => {
                self.poly(vec![(x, y - 7), (x + 7, y), (x, y + 7), (x - 7, y)], color)
            }
        }
    }
}

/// Draw `g` laid out as `lay` on `root` (already sized `lay.width × lay.height`).
/// `fonts`: the rasteriser for bitmap output, `None` for SVG (text stays text).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    g: &Gantt,
    lay: &Layout,
    pal: &Palette,
    fonts: Option<&Fonts>,
) -> DResult {
    let p = Painter {
        area: root,
        pal,
        fonts,
    };
    root.fill(&rgb(pal.background)).map_err(err)?;

    // Title.
    p.text(
        &g.title,
        MARGIN,
        22,
        F_TITLE,
        pal.foreground,
        HPos::Left,
        true,
    )?;
    p.text(
        &g.subtitle,
        MARGIN,
        50,
        F_SUBTITLE,
        pal.muted,
        HPos::Left,
        false,
    )?;

    // Alternating bands behind container rows, separators between the pod strips and them.
    let right = lay.width - MARGIN;
    let mut container_i = 0;
    for (r, b) in g.rows.iter().zip(&lay.rows) {
        if let Row::Container { .. } = r {
            if container_i % 2 == 0 {
                p.rect(MARGIN / 2, b.y0, right, b.y0 + b.h, pal.surface)?;
            }
            container_i += 1;
        }
    }

    // The time axis: plotters' mesh (nice ticks) under everything else.
    let chart_area = root.clone().shrink(
        (0, lay.rows_top),
        (lay.width as u32, (lay.rows_h + AXIS_H) as u32),
    );
    let (from, to) = (g.from, g.to);
    let mut chart = ChartBuilder::on(&chart_area)
        .margin_right(MARGIN as u32 + 8)
        .x_label_area_size(AXIS_H as u32)
        .y_label_area_size(lay.label_w as u32)
        .build_cartesian_2d(from..to, 0f64..1f64)
        .map_err(err)?;
    let (xr, _) = chart.plotting_area().get_pixel_range();
    let (x0, x1) = (xr.start, xr.end);
    let plot_w = (x1 - x0).max(1) as f64;
    let n_labels = ((plot_w / 90.0) as usize).clamp(2, 30);
    // plotters lays out the grid, the axis line and the tick marks at its "nice" key points;
    // the labels are drawn below with the same key points so that bitmap text goes through
    // the rasteriser too.
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .y_labels(0)
        .x_labels(n_labels)
        .max_light_lines(0)
        .bold_line_style(rgb(pal.grid).stroke_width(1))
        .axis_style(rgb(pal.foreground).stroke_width(1))
        .label_style(
            (FontFamily::SansSerif, F_AXIS)
                .into_font()
                .color(&TRANSPARENT),
        )
        .draw()
        .map_err(err)?;
    let ticks: Vec<f64> = chart.as_coord_spec().x_spec().key_points(n_labels);

    let px = |t: f64| x0 as f64 + (t - from) / (to - from) * plot_w;
    let pxi = |t: f64| px(t).round() as i32;
    // A bar from t0 to t1, at least one pixel wide, clipped to the plot.
    let span = |t0: f64, t1: f64| {
        let a = pxi(t0.max(from)).clamp(x0, x1);
        let b = pxi(t1.min(to)).clamp(x0, x1);
        (a, b.max(a + 1))
    };
    let rows_bottom = lay.rows_top + lay.rows_h;
    for t in &ticks {
        p.text(
            &format!("{}s", secs(*t)),
            pxi(*t),
            rows_bottom + 18,
            F_AXIS,
            pal.foreground,
            HPos::Center,
            false,
        )?;
    }
    p.text(
        "seconds since pod creation",
        (x0 + x1) / 2,
        rows_bottom + 42,
        F_AXIS,
        pal.muted,
        HPos::Center,
        false,
    )?;

    let draw_bars = |bars: &[Bar], y0: i32, y1: i32, labels: bool| -> DResult {
        for bar in bars {
            if bar.t1 < from || bar.t0 > to {
                continue;
            }
            let (a, b) = span(bar.t0, bar.t1);
            p.rect(a, y0, b, y1, bar.color)?;
            let mut la = a;
            if let Some(edge) = bar.edge {
                let e = (a + 5).min(b);
                p.rect(a, y0, e, y1, edge)?;
                la = e;
            }
            if labels
                && !bar.label.is_empty()
                && text_width(&bar.label, F_BAR) + 10.0 <= (b - la) as f64
            {
                p.text(
                    &bar.label,
                    (la + b) / 2,
                    (y0 + y1) / 2,
                    F_BAR,
                    contrast_text(bar.color),
                    HPos::Center,
                    false,
                )?;
            }
        }
        Ok(())
    };
    let draw_marks = |marks: &[Mark], top: i32, bottom: i32| -> DResult {
        // Lines first, so triangles sit on top of them.
        for m in marks.iter().filter(|m| m.kind == MarkKind::Kill) {
            let x = pxi(m.t);
            p.rect(x - 1, top - 3, x + 1, bottom + 3, pal.kill)?;
        }
        for m in marks {
            let x = pxi(m.t);
            match m.kind {
                MarkKind::Kill => {}
                MarkKind::Sigterm => p.glyph(Glyph::Down, x, top - 1, pal.sigterm)?,
                MarkKind::Sigkill => p.glyph(Glyph::Up, x, bottom + 1, pal.sigkill)?,
                MarkKind::Deleted => {
                    p.glyph(Glyph::Diamond, x, (top + bottom) / 2, pal.foreground)?
                }
            }
        }
        Ok(())
    };

    for (r, b) in g.rows.iter().zip(&lay.rows) {
        match r {
            Row::Strip { label, bars, marks } => {
                let y0 = b.y0 + (STRIP_H - STRIP_BAR) / 2;
                let y1 = y0 + STRIP_BAR;
                draw_bars(bars, y0, y1, true)?;
                draw_marks(marks, y0, y1)?;
                p.text(
                    label,
                    MARGIN,
                    (y0 + y1) / 2,
                    F_ROW,
                    pal.foreground,
                    HPos::Left,
                    false,
                )?;
            }
            Row::Container {
                label,
                activity,
                states,
                probes,
                marks,
            } => {
                let act0 = b.y0 + PAD;
                let st0 = act0 + ACT_H + 2;
                let st1 = st0 + STATE_H;
                draw_bars(activity, act0, act0 + ACT_H, false)?;
                draw_bars(states, st0, st1, true)?;
                p.text(
                    label,
                    MARGIN,
                    (st0 + st1) / 2,
                    F_ROW,
                    pal.foreground,
                    HPos::Left,
                    true,
                )?;
                let mut y = st1 + 4;
                for lane in probes {
                    let mid = y + PROBE_H / 2;
                    p.text(
                        probe_word(lane.probe_type),
                        MARGIN + 12,
                        mid,
                        F_SUB,
                        pal.muted,
                        HPos::Left,
                        false,
                    )?;
                    p.rect(x0, mid, x1, mid + 1, pal.grid)?;
                    for m in merge_ticks(&lane.ticks, px, TICK_MERGE_PX) {
                        let color = pal.probe(m.result);
                        let (a, bx) = (m.x0.round() as i32 - 1, m.x1.round() as i32 + 2);
                        let (t0, t1) = match m.result {
                            _ if m.tripped => (y, y + PROBE_H),
                            podlife_engine::ProbeResult::Skipped => (y + 4, y + PROBE_H - 4),
                            _ => (y + 2, y + PROBE_H - 2),
                        };
                        p.rect(a, t0, bx, t1, color)?;
                        if m.tripped {
                            p.outline(a - 1, t0, bx + 1, t1, pal.foreground)?;
                        }
                    }
                    y += PROBE_H;
                }
                draw_marks(marks, st0, st1)?;
            }
        }
    }

    // Beyond the limit: nothing is known (or shown) yet.
    if g.limit < to {
        let a = pxi(g.limit);
        root.draw(&Rectangle::new(
            [(a, lay.rows_top), (x1, rows_bottom)],
            rgb(pal.surface).mix(0.85).filled(),
        ))
        .map_err(err)?;
        p.line(
            vec![(a, lay.rows_top - 2), (a, rows_bottom)],
            pal.foreground,
            2,
        )?;
        if let Some(l) = &g.limit_label {
            let w = text_width(l, F_SUB) as i32;
            let (x, h) = if a + 6 + w <= x1 {
                (a + 6, HPos::Left)
            } else {
                (a - 6, HPos::Right)
            };
            p.text(l, x, lay.rows_top - 8, F_SUB, pal.muted, h, false)?;
        }
    }

    // Legend.
    for (i, (glyph, color, label)) in legend_items(pal).into_iter().enumerate() {
        let col = (i % lay.legend_cols) as i32;
        let row = (i / lay.legend_cols) as i32;
        let x = MARGIN + col * lay.legend_col_w;
        let y = lay.legend_top + row * LEGEND_LINE + LEGEND_LINE / 2;
        p.glyph(glyph, x + 10, y, color)?;
        p.text(
            label,
            x + 28,
            y,
            F_LEGEND,
            pal.foreground,
            HPos::Left,
            false,
        )?;
    }
    root.present().map_err(err)
}
