//! Pixels: lays a [`Gantt`] out and draws it on any plotters backend, the way the web app's
//! timeline (`src/components/timeline.rs`) draws the same chart model: a header per track (name,
//! kind badge, subtitle), then one lane per model lane with its label, slices coloured by
//! [`Palette::tone`] with their labels where they fit, instants as a line and a diamond in
//! [`Palette::mark`], probe lanes with bands, initial-delay gates, ticks and threshold counters,
//! and the deletion ruler. The level of detail is the screen's ([`crate::chart::lod`]): slices
//! narrower than a pixel, instants closer than [`lod::MARK_MERGE_PX`] and ticks closer than
//! [`lod::TICK_MERGE_PX`] merge, showing their most significant member. The legend is the
//! screen's ([`crate::chart::legend`]).
//!
//! Layout is computed here in whole pixels with a fixed text-width estimate (not the backend's
//! font metrics), so the SVG is laid out identically natively and in the browser. plotters draws
//! the time axis (nice ticks, grid) through a `ChartBuilder`; lanes, marks and the legend are
//! plain elements at pixel coordinates on the root area. [`draw`] returns what it drew
//! ([`Drawn`]), so tests can hold the picture against the model.

use crate::chart::legend::{Key, ENTRIES};
use crate::chart::Tick;
use crate::chart::{lod, probe_counter, probe_mark, LaneContent, Mark, MarkKind, Seg, Tone, Track};
use crate::gantt::{secs, Gantt};
use crate::theme::{parse_hex, Palette};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use podlife_engine::ProbeResult;
use std::cell::RefCell;

pub const MARGIN: i32 = 16;
const TITLE_H: i32 = 68;
const HEADER_H: i32 = 26;
const LANE_H: i32 = 20;
const LANE_GAP: i32 = 4;
const TRACK_GAP: i32 = 10;
const AXIS_H: i32 = 52;
const LEGEND_LINE: i32 = 26;
const LEGEND_GAP: i32 = 8;

// Font sizes in plotters units (an SVG `font-size` of size / 1.24 px).
const F_TITLE: f64 = 30.0;
const F_SUBTITLE: f64 = 18.0;
const F_TRACK: f64 = 19.0;
const F_BADGE: f64 = 14.0;
const F_LANE: f64 = 15.0;
const F_BAR: f64 = 14.0;
const F_GLYPH: f64 = 13.0;
const F_AXIS: f64 = 17.0;
const F_LEGEND: f64 = 17.0;

/// The minimum distance in pixels between two probe tick marks; closer ticks are merged (the
/// screen's value).
pub const TICK_MERGE_PX: f64 = lod::TICK_MERGE_PX;

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

/// `s` as it fits in `room` pixels at font size `size`: whole, cut with an ellipsis (at least
/// three characters kept), or nothing.
pub fn fit(s: &str, room: f64, size: f64) -> Option<String> {
    if s.is_empty() {
        return None;
    }
    if text_width(s, size) <= room {
        return Some(s.to_string());
    }
    let chars: Vec<char> = s.chars().collect();
    (3..chars.len())
        .rev()
        .map(|n| chars[..n].iter().chain(['…'].iter()).collect::<String>())
        .find(|c| text_width(c, size) <= room)
}

fn rgb(hex: &str) -> RGBColor {
    let (r, g, b) = parse_hex(hex);
    RGBColor(r, g, b)
}

/// Which part of a lane a drawn element comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// A slice of a slices lane, or a base slice of the deletion ruler.
    Slice,
    /// A step (preStop) inside the deletion ruler.
    Step,
    /// An instant (of an instants lane or of the ruler).
    Mark,
    /// A probe lane's on-hold / disabled band.
    Band,
    /// A probe lane's initial-delay gate.
    Gate,
    /// Probe ticks (indices are tick entries).
    Tick,
}

/// One element [`draw`] put on the picture: items `first..=last` of a lane's `part` (indices into
/// the [`Gantt`]'s lane content), merged into one when the level of detail says so, showing
/// item `rep`.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn {
    pub track: usize,
    pub lane: usize,
    pub part: Part,
    pub first: usize,
    pub last: usize,
    pub rep: usize,
    /// The time range covered (equal for an instant).
    pub t0: f64,
    pub t1: f64,
    pub color: &'static str,
    /// The text drawn on or beside it.
    pub label: Option<String>,
}

/// Vertical geometry of one track: its top, height and each lane's top.
#[derive(Clone, Debug)]
struct TrackBox {
    y0: i32,
    h: i32,
    lanes: Vec<i32>,
}

fn badge(t: &Track) -> String {
    t.kind.label().to_ascii_uppercase()
}

/// Pixel layout of a chart.
#[derive(Clone, Debug)]
pub struct Layout {
    pub width: i32,
    pub height: i32,
    label_w: i32,
    tracks: Vec<TrackBox>,
    rows_top: i32,
    rows_h: i32,
    legend_top: i32,
    legend_cols: usize,
    legend_col_w: i32,
}

fn legend_item_w(label: &str) -> f64 {
    40.0 + text_width(label, F_LEGEND)
}

pub fn layout(g: &Gantt, width: u32, height: Option<u32>) -> Layout {
    let width = (width.clamp(400, 16_000)) as i32;
    let mut label_w: f64 = 140.0;
    for t in &g.tracks {
        label_w = label_w.max(text_width(&t.name, F_TRACK) + 14.0 + text_width(&badge(t), F_BADGE));
        for l in &t.lanes {
            label_w = label_w.max(text_width(&l.name, F_LANE) + 8.0);
        }
    }
    let label_w = ((label_w + 2.0 * MARGIN as f64).ceil() as i32).min(width * 2 / 5);
    let rows_top = TITLE_H;
    let mut y = rows_top;
    let mut tracks = vec![];
    for t in &g.tracks {
        let (offsets, h) = crate::chart::stack_lanes(t, HEADER_H, LANE_H, LANE_GAP);
        let lanes = offsets.into_iter().map(|o| y + o).collect();
        let ly = y + h;
        tracks.push(TrackBox {
            y0: y,
            h: ly - y,
            lanes,
        });
        y = ly + TRACK_GAP;
    }
    let rows_h = y - rows_top;
    let legend_top = rows_top + rows_h + AXIS_H + LEGEND_GAP;
    let item_w = ENTRIES
        .iter()
        .map(|e| legend_item_w(e.label))
        .fold(0.0, f64::max);
    let legend_col_w = (item_w.ceil() as i32 + 16).max(60);
    let legend_cols = (((width - 2 * MARGIN) / legend_col_w).max(1) as usize).min(ENTRIES.len());
    let legend_rows = ENTRIES.len().div_ceil(legend_cols) as i32;
    let auto_h = legend_top + legend_rows * LEGEND_LINE + MARGIN;
    let height = height
        .map(|h| (h.clamp(100, 32_000)) as i32)
        .unwrap_or(auto_h);
    Layout {
        width,
        height,
        label_w,
        tracks,
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

    fn rect_alpha(&self, x0: i32, y0: i32, x1: i32, y1: i32, color: &str, a: f64) -> DResult {
        self.area
            .draw(&Rectangle::new(
                [(x0, y0), (x1, y1)],
                rgb(color).mix(a).filled(),
            ))
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
            .draw(&Polygon::new(pts, rgb(color).filled()))
            .map_err(err)
    }

    fn circle(&self, x: i32, y: i32, r: i32, color: &str, stroke: &str) -> DResult {
        self.area
            .draw(&Circle::new((x, y), r, rgb(color).filled()))
            .map_err(err)?;
        self.area
            .draw(&Circle::new((x, y), r, rgb(stroke).stroke_width(1)))
            .map_err(err)
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

    /// An instant as on screen: a vertical line with its kind's head ([`MarkKind::shape`]) at
    /// its top.
    fn instant(&self, x: i32, y0: i32, y1: i32, color: &str, kind: MarkKind) -> DResult {
        self.rect(x - 1, y0 + 1, x + 1, y1 - 1, color)?;
        let pts = kind
            .shape()
            .outline(x as f64, (y0 + 1) as f64)
            .into_iter()
            .map(|(a, b)| (a.round() as i32, b.round() as i32))
            .collect();
        self.poly(pts, color)
    }

    /// A slice of tone `tone` from `a` to `b` (pixels) in the lane `y0..y1`.
    fn slice(&self, a: i32, b: i32, y0: i32, y1: i32, tone: Tone) -> DResult {
        self.rect(a, y0 + 1, b, y1 - 1, self.pal.tone(tone))
    }

    /// A probe band (on hold / disabled): a neutral fill with the skipped-tick colour's outline.
    fn band(&self, a: i32, b: i32, y0: i32, y1: i32, disabled: bool) -> DResult {
        self.rect(a, y0 + 1, b, y1 - 1, self.pal.neutral)?;
        if disabled {
            // Dashed on screen: every other 3 px of the top and bottom edges.
            let mut x = a;
            while x < b {
                let e = (x + 3).min(b);
                self.rect(x, y0 + 1, e, y0 + 2, self.pal.probe_skipped)?;
                self.rect(x, y1 - 2, e, y1 - 1, self.pal.probe_skipped)?;
                x += 5;
            }
            Ok(())
        } else {
            self.outline(a, y0 + 1, b, y1 - 1, self.pal.probe_skipped)
        }
    }

    /// An initial-delay gate (hatched on screen): diagonal lines over a faint fill.
    fn gate(&self, a: i32, b: i32, y0: i32, y1: i32) -> DResult {
        let (top, bottom) = (y0 + 2, y1 - 2);
        self.rect_alpha(a, top, b, bottom, self.pal.grid, 0.55)?;
        let h = bottom - top;
        let mut x = a - h;
        while x < b {
            // The line (x, bottom) → (x + h, top), clipped to a..b.
            let (xa, xb) = (x.max(a), (x + h).min(b));
            if xb > xa {
                self.line(
                    vec![(xa, bottom - (xa - x)), (xb, bottom - (xb - x))],
                    self.pal.muted,
                    1,
                )?;
            }
            x += 6;
        }
        Ok(())
    }

    /// The glyph of a legend entry, centred on (x, y).
    fn key(&self, k: Key, x: i32, y: i32) -> DResult {
        let p = self.pal;
        match k {
            Key::Slice(t) => self.slice(x - 10, x + 10, y - 7, y + 7, t),
            Key::Pair(_, a, b) => {
                self.slice(x - 12, x, y - 7, y + 7, a)?;
                self.slice(x, x + 12, y - 7, y + 7, b)
            }
            Key::Tick(r) => self.circle(x, y, 4, p.probe(r), p.background),
            Key::Mark(m) => self.instant(x, y - 8, y + 8, p.mark(m), m),
            Key::Band(kind) => self.band(x - 10, x + 10, y - 7, y + 7, kind == "probe-disabled"),
            Key::Gate => self.gate(x - 10, x + 10, y - 7, y + 7),
            Key::Counter => {
                self.circle(x - 8, y, 4, p.probe_failure, p.background)?;
                self.text("2/3", x - 2, y, F_GLYPH, p.probe_failure, HPos::Left, false)
            }
            Key::GraceSteps => {
                self.rect(x - 12, y + 1, x, y + 6, p.tone(Tone::Hook))?;
                self.instant(x + 5, y - 8, y + 8, p.sigkill, MarkKind::GraceSigkill)
            }
        }
    }
}

/// Horizontal mapping of the plot: `[from, to]` onto pixels `x0..x1`.
#[derive(Clone, Copy)]
struct XMap {
    from: f64,
    to: f64,
    x0: i32,
    x1: i32,
}

impl XMap {
    fn x(&self, t: f64) -> f64 {
        self.x0 as f64 + (t - self.from) / (self.to - self.from) * (self.x1 - self.x0).max(1) as f64
    }
    fn xi(&self, t: f64) -> i32 {
        self.x(t).round() as i32
    }
    /// A bar from `t0` to `t1`, at least one pixel wide, clipped to the plot.
    fn span(&self, t0: f64, t1: f64) -> (i32, i32) {
        let a = self.xi(t0.max(self.from)).clamp(self.x0, self.x1);
        let b = self.xi(t1.min(self.to)).clamp(self.x0, self.x1);
        (a, b.max(a + 1))
    }
    fn secs_per_px(&self) -> f64 {
        (self.to - self.from) / (self.x1 - self.x0).max(1) as f64
    }
}

/// Where one lane is drawn and how its elements are recorded.
struct LaneCtx<'a> {
    track: usize,
    lane: usize,
    y0: i32,
    y1: i32,
    rec: &'a RefCell<Vec<Drawn>>,
}

impl LaneCtx<'_> {
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        part: Part,
        first: usize,
        last: usize,
        rep: usize,
        t0: f64,
        t1: f64,
        color: &'static str,
        label: Option<String>,
    ) {
        self.rec.borrow_mut().push(Drawn {
            track: self.track,
            lane: self.lane,
            part,
            first,
            last,
            rep,
            t0,
            t1,
            color,
            label,
        });
    }
}

/// Slices with their labels where they fit; sub-pixel runs merge ([`lod::merge_spans`]).
fn draw_slices<DB: DrawingBackend>(
    p: &Painter<DB>,
    m: XMap,
    lc: &LaneCtx,
    segs: &[Seg],
    part: Part,
    limit: f64,
) -> DResult {
    let r = lod::visible_spans(
        |i| segs[i].start,
        |i| segs[i].end,
        segs.len(),
        m.from,
        limit,
    );
    let pieces = lod::merge_spans(
        r.map(|i| (i, m.x(segs[i].start), m.x(segs[i].end))),
        lod::SPAN_MERGE_PX,
    );
    for pc in pieces {
        let s = &segs[pc.rep];
        let (a, b) = m.span(segs[pc.first].start, segs[pc.last].end);
        let color = p.pal.tone(s.tone);
        let mut label = None;
        match part {
            Part::Step => {
                let b = b.max(a + 2);
                p.rect(a, lc.y1 - 7, b, lc.y1 - 1, color)?;
            }
            _ if s.kind == "grace" => {
                // The grace ruler's base: a pale band with a dashed outline on screen.
                p.rect_alpha(a, lc.y0 + 1, b, lc.y1 - 1, color, 0.35)?;
                p.outline(a, lc.y0 + 1, b, lc.y1 - 1, color)?;
            }
            Part::Band => p.band(a, b, lc.y0, lc.y1, s.kind == "probe-disabled")?,
            _ => p.slice(a, b, lc.y0, lc.y1, s.tone)?,
        }
        if part != Part::Step && !pc.merged() {
            let ink = match part {
                Part::Band => p.pal.muted,
                _ if s.kind == "grace" => p.pal.foreground,
                _ => p.pal.tone_ink(s.tone),
            };
            label = fit(&s.label, (b - a) as f64 - 8.0, F_BAR);
            if let Some(l) = &label {
                p.text(l, a + 4, (lc.y0 + lc.y1) / 2, F_BAR, ink, HPos::Left, false)?;
            }
        }
        lc.record(
            part,
            pc.first,
            pc.last,
            pc.rep,
            segs[pc.first].start,
            segs[pc.last].end,
            color,
            label,
        );
    }
    Ok(())
}

/// Instants; marks closer than [`lod::MARK_MERGE_PX`] merge, showing the highest-ranked one.
fn draw_marks<DB: DrawingBackend>(
    p: &Painter<DB>,
    m: XMap,
    lc: &LaneCtx,
    marks: &[Mark],
    limit: f64,
) -> DResult {
    let r = lod::visible_points(|i| marks[i].t, marks.len(), m.from, limit, 0.0);
    let clusters = lod::merge_points(
        r.map(|i| (i, m.x(marks[i].t), marks[i].kind.rank())),
        lod::MARK_MERGE_PX,
    );
    let next: Vec<f64> = clusters
        .iter()
        .skip(1)
        .map(|c| c.x0)
        .chain([f64::INFINITY])
        .collect();
    for (c, nx) in clusters.iter().zip(next) {
        let mk = &marks[c.rep];
        let color = p.pal.mark(mk.kind);
        let x = c.x0.round() as i32;
        p.instant(x, lc.y0, lc.y1, color, mk.kind)?;
        let glyph = mk.kind.glyph();
        // Glyphs outside the embedded font's repertoire (the restart arrow) are not drawn.
        let label = (!glyph.is_empty()
            && glyph.is_ascii()
            && nx - c.x0 > text_width(glyph, F_GLYPH) + 10.0
            && (x as f64 + 5.0 + text_width(glyph, F_GLYPH)) <= m.x1 as f64)
            .then(|| glyph.to_string());
        if let Some(g) = &label {
            p.text(
                g,
                x + 5,
                (lc.y0 + lc.y1) / 2 + 2,
                F_GLYPH,
                color,
                HPos::Left,
                false,
            )?;
        }
        lc.record(
            Part::Mark,
            c.first,
            c.last,
            c.rep,
            marks[c.first].t,
            marks[c.last].t,
            color,
            label,
        );
    }
    Ok(())
}

/// Probe ticks: run-length entries expanded in the window, merged closer than
/// [`lod::TICK_MERGE_PX`] (worst result shown), with the threshold counter of single ticks.
fn draw_ticks<DB: DrawingBackend>(
    p: &Painter<DB>,
    m: XMap,
    lc: &LaneCtx,
    ticks: &[Tick],
    period: f64,
    thresholds: (u32, u32),
    limit: f64,
) -> DResult {
    let spp = m.secs_per_px();
    let pts = lod::expand_runs(
        |i| ticks[i].t,
        |i| ticks[i].count,
        ticks.len(),
        period,
        m.from,
        limit,
        spp * lod::TICK_MERGE_PX,
    );
    let clusters = lod::merge_weighted(
        pts.iter().enumerate().map(|(j, pt)| {
            (
                j,
                m.x(pt.t),
                probe_mark(ticks[pt.entry].result).1,
                pt.weight,
            )
        }),
        lod::TICK_MERGE_PX,
    );
    let clusters = crate::chart::join_tick_bars(clusters, &pts, ticks);
    let next: Vec<f64> = clusters
        .iter()
        .skip(1)
        .map(|c| c.x0)
        .chain([f64::INFINITY])
        .collect();
    let cy = (lc.y0 + lc.y1) / 2;
    for (c, nx) in clusters.iter().zip(next) {
        let pt = pts[c.rep];
        let tk = &ticks[pt.entry];
        let color = p.pal.probe(tk.result);
        let tripped = tk.tripped && pt.k == 0;
        if c.count > 1 && c.x1 - c.x0 >= 1.0 {
            let (a, b) = ((c.x0 - 2.0).round() as i32, (c.x1 + 2.0).round() as i32);
            p.rect(a, cy - 4, b, cy + 4, color)?;
        } else {
            let x = ((c.x0 + c.x1) / 2.0).round() as i32;
            let stroke = if tripped {
                p.pal.foreground
            } else {
                p.pal.background
            };
            p.circle(x, cy, if tripped { 5 } else { 4 }, color, stroke)?;
        }
        let counter = (c.count == 1)
            .then(|| probe_counter(tk, pt.k, thresholds.0, thresholds.1))
            .flatten()
            .filter(|(run, thr)| run <= thr)
            .map(|(run, thr)| format!("{run}/{thr}"));
        let x = (c.x0 + c.x1) / 2.0;
        let label = counter.filter(|t| {
            nx - x >= text_width(t, F_GLYPH) + 9.0
                && x + 6.0 + text_width(t, F_GLYPH) <= m.x1 as f64
        });
        if let Some(t) = &label {
            let ink = if tk.result == ProbeResult::Failure {
                p.pal.probe_failure
            } else {
                p.pal.probe_success
            };
            p.text(
                t,
                x.round() as i32 + 6,
                cy + 2,
                F_GLYPH,
                ink,
                HPos::Left,
                false,
            )?;
        }
        lc.record(
            Part::Tick,
            pts[c.first].entry,
            pts[c.last].entry,
            pt.entry,
            pts[c.first].t,
            pts[c.last].t,
            color,
            label,
        );
    }
    Ok(())
}

/// Draw `g` laid out as `lay` on `root` (already sized `lay.width × lay.height`).
/// `fonts`: the rasteriser for bitmap output, `None` for SVG (text stays text).
/// Returns every element drawn in the lanes, in drawing order.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    g: &Gantt,
    lay: &Layout,
    pal: &Palette,
    fonts: Option<&Fonts>,
) -> Result<Vec<Drawn>, String> {
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

    // The time axis: plotters' mesh (nice ticks).
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
    let m = XMap {
        from,
        to,
        x0: xr.start,
        x1: xr.end,
    };
    let right = m.x1;

    // Track and lane backgrounds under the grid.
    for (t, b) in g.tracks.iter().zip(&lay.tracks) {
        if t.kind == crate::chart::TrackKind::Pod {
            p.rect(MARGIN / 2, b.y0, right, b.y0 + b.h, pal.surface)?;
        }
        for &ly in &b.lanes {
            p.rect_alpha(m.x0, ly, m.x1, ly + LANE_H, pal.surface, 0.9)?;
        }
    }

    let plot_w = (m.x1 - m.x0).max(1) as f64;
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
    let rows_bottom = lay.rows_top + lay.rows_h;
    for t in &ticks {
        p.text(
            &format!("{}s", secs(*t)),
            m.xi(*t),
            rows_bottom + 18,
            F_AXIS,
            pal.foreground,
            HPos::Center,
            false,
        )?;
    }
    p.text(
        "seconds since pod creation",
        (m.x0 + m.x1) / 2,
        rows_bottom + 42,
        F_AXIS,
        pal.muted,
        HPos::Center,
        false,
    )?;

    let rec = RefCell::new(Vec::new());
    let limit = g.limit.min(to);
    for (ti, (t, b)) in g.tracks.iter().zip(&lay.tracks).enumerate() {
        // Header: name, kind badge at the label column's end, subtitle over the plot.
        let hy = b.y0 + HEADER_H / 2 + 1;
        let bw = text_width(&badge(t), F_BADGE);
        let name_room = (lay.label_w - MARGIN - 14) as f64 - bw;
        let name = fit(&t.name, name_room, F_TRACK).unwrap_or_default();
        p.text(&name, MARGIN, hy, F_TRACK, pal.foreground, HPos::Left, true)?;
        p.text(
            &badge(t),
            lay.label_w - 8,
            hy,
            F_BADGE,
            pal.muted,
            HPos::Right,
            true,
        )?;
        let mut sub_room = (m.x1 - m.x0 - 6) as f64;
        if !t.assumptions.is_empty() {
            let a = format!("{} assumed", t.assumptions.len());
            sub_room -= text_width(&a, F_LANE) + 12.0;
            p.text(
                &a,
                m.x1 - 6,
                hy,
                F_LANE,
                pal.event_warning,
                HPos::Right,
                false,
            )?;
        }
        if let Some(s) = fit(&t.subtitle, sub_room, F_LANE) {
            p.text(&s, m.x0 + 6, hy, F_LANE, pal.muted, HPos::Left, false)?;
        }
        for (li, (lane, &ly)) in t.lanes.iter().zip(&b.lanes).enumerate() {
            let lc = LaneCtx {
                track: ti,
                lane: li,
                y0: ly,
                y1: ly + LANE_H,
                rec: &rec,
            };
            let lname =
                fit(&lane.name, (lay.label_w - MARGIN - 6) as f64, F_LANE).unwrap_or_default();
            p.text(
                &lname,
                lay.label_w - 6,
                ly + LANE_H / 2,
                F_LANE,
                pal.muted,
                HPos::Right,
                false,
            )?;
            match &lane.content {
                LaneContent::Slices(s) => draw_slices(&p, m, &lc, s, Part::Slice, limit)?,
                LaneContent::Instants(mk) => draw_marks(&p, m, &lc, mk, limit)?,
                LaneContent::Probe {
                    period,
                    ticks,
                    gates,
                    failure_threshold,
                    success_threshold,
                    bands,
                    ..
                } => {
                    draw_slices(&p, m, &lc, bands, Part::Band, limit)?;
                    for (i, &(a, b)) in gates.iter().enumerate() {
                        if b <= from || a >= limit || (b - a) / m.secs_per_px() < 2.0 {
                            continue;
                        }
                        let (xa, xb) = m.span(a, b);
                        p.gate(xa, xb, lc.y0, lc.y1)?;
                        lc.record(Part::Gate, i, i, i, a, b, pal.grid, None);
                    }
                    p.rect(
                        m.x0,
                        (lc.y0 + lc.y1) / 2,
                        m.x1,
                        (lc.y0 + lc.y1) / 2 + 1,
                        pal.grid,
                    )?;
                    draw_ticks(
                        &p,
                        m,
                        &lc,
                        ticks,
                        *period,
                        (*failure_threshold, *success_threshold),
                        limit,
                    )?;
                }
                LaneContent::Ruler { base, steps, marks } => {
                    draw_slices(&p, m, &lc, base, Part::Slice, limit)?;
                    draw_slices(&p, m, &lc, steps, Part::Step, limit)?;
                    draw_marks(&p, m, &lc, marks, limit)?;
                }
            }
        }
    }

    // Beyond the limit: nothing is known (or shown) yet.
    if g.limit < to {
        let a = m.xi(g.limit);
        root.draw(&Rectangle::new(
            [(a, lay.rows_top), (m.x1, rows_bottom)],
            rgb(pal.surface).mix(0.85).filled(),
        ))
        .map_err(err)?;
        p.line(
            vec![(a, lay.rows_top - 2), (a, rows_bottom)],
            pal.foreground,
            2,
        )?;
        if let Some(l) = &g.limit_label {
            let w = text_width(l, F_LANE) as i32;
            let (x, h) = if a + 6 + w <= m.x1 {
                (a + 6, HPos::Left)
            } else {
                (a - 6, HPos::Right)
            };
            p.text(l, x, lay.rows_top - 8, F_LANE, pal.muted, h, false)?;
        }
    }

    // Legend: the screen's entries, in its order.
    for (i, e) in ENTRIES.iter().enumerate() {
        let col = (i % lay.legend_cols) as i32;
        let row = (i / lay.legend_cols) as i32;
        let x = MARGIN + col * lay.legend_col_w;
        let y = lay.legend_top + row * LEGEND_LINE + LEGEND_LINE / 2;
        p.key(e.key, x + 14, y)?;
        p.text(
            e.label,
            x + 34,
            y,
            F_LEGEND,
            pal.foreground,
            HPos::Left,
            false,
        )?;
    }
    root.present().map_err(err)?;
    Ok(rec.into_inner())
}

/// The legend's labels, in drawing order (the screen's legend, [`crate::chart::legend`]).
pub fn legend_labels() -> Vec<&'static str> {
    crate::chart::legend::labels()
}
