//! The visible time window and its pixel mapping: zoom anchored at a point, pan, clamp, follow.
//!
//! Pure value type; the timeline component and the reducer both use it.

use crate::model::Time;

/// Narrowest window the user can zoom into (seconds).
pub const MIN_SPAN: f64 = 0.02;

/// A visible window `[start, end]` in simulated seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub start: Time,
    pub end: Time,
}

impl Viewport {
    pub fn new(start: Time, end: Time) -> Self {
        Viewport { start, end }
    }

    /// The whole timeline `[0, until]`.
    pub fn fit(until: Time) -> Self {
        Viewport {
            start: 0.0,
            end: until.max(MIN_SPAN),
        }
    }

    pub fn span(&self) -> f64 {
        (self.end - self.start).max(f64::MIN_POSITIVE)
    }

    /// Pixel offset of `t` in a plot `width` pixels wide.
    pub fn x_of(&self, t: Time, width: f64) -> f64 {
        (t - self.start) / self.span() * width
    }

    /// Time at pixel offset `x` in a plot `width` pixels wide.
    pub fn t_of(&self, x: f64, width: f64) -> Time {
        self.start + x / width.max(1.0) * self.span()
    }

    pub fn contains(&self, t: Time) -> bool {
        t >= self.start && t <= self.end
    }

    /// Whether the window covers the whole `[0, until]` range (then a new timeline refits it).
    pub fn is_fit(&self, until: Time) -> bool {
        self.start <= 1e-9 && self.end >= until - 1e-9
    }

    /// Zoom by `factor` (< 1 zooms in) keeping `anchor` at the same pixel, clamped to `[0, until]`.
    pub fn zoom(self, factor: f64, anchor: Time, until: Time) -> Self {
        if !factor.is_finite() || factor <= 0.0 {
            return self;
        }
        let max_span = until.max(MIN_SPAN);
        let span = self.span();
        let new_span = (span * factor).clamp(MIN_SPAN.min(max_span), max_span);
        let anchor = anchor.clamp(self.start, self.end);
        let frac = (anchor - self.start) / span;
        let start = anchor - frac * new_span;
        Viewport {
            start,
            end: start + new_span,
        }
        .clamp(until)
    }

    /// Shift by `dt` seconds, clamped to `[0, until]`.
    pub fn pan(self, dt: f64, until: Time) -> Self {
        Viewport {
            start: self.start + dt,
            end: self.end + dt,
        }
        .clamp(until)
    }

    /// Keep the window inside `[0, until]`, preserving its span when possible.
    pub fn clamp(self, until: Time) -> Self {
        let until = until.max(MIN_SPAN);
        let span = self.span().min(until);
        let mut start = self.start;
        if start + span > until {
            start = until - span;
        }
        if start < 0.0 {
            start = 0.0;
        }
        Viewport {
            start,
            end: start + span,
        }
    }

    /// Page so that `t` is visible: when it runs past the right edge, the window jumps so that `t`
    /// sits 10 % in from the left (a player's page flip); when it is left of the window, likewise.
    pub fn follow(self, t: Time, until: Time) -> Self {
        if self.contains(t) {
            return self;
        }
        let span = self.span();
        Viewport {
            start: t - 0.1 * span,
            end: t + 0.9 * span,
        }
        .clamp(until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn mapping_round_trips() {
        let v = Viewport::new(10.0, 110.0);
        assert!(close(v.x_of(60.0, 500.0), 250.0));
        assert!(close(v.t_of(250.0, 500.0), 60.0));
    }

    #[test]
    fn zoom_keeps_anchor_pixel() {
        let v = Viewport::new(0.0, 600.0);
        let z = v.zoom(0.5, 150.0, 600.0);
        assert!(close(z.span(), 300.0));
        // 150 s was at 25 % of the window and still is.
        assert!(close((150.0 - z.start) / z.span(), 0.25));
    }

    #[test]
    fn zoom_is_clamped() {
        let v = Viewport::new(0.0, 600.0);
        assert_eq!(v.zoom(2.0, 300.0, 600.0), Viewport::new(0.0, 600.0));
        let tiny = v.zoom(1e-9, 300.0, 600.0);
        assert!(close(tiny.span(), MIN_SPAN));
        // Zooming out near the right edge slides left instead of overflowing.
        let r = Viewport::new(500.0, 600.0).zoom(3.0, 590.0, 600.0);
        assert!(close(r.end, 600.0) && close(r.span(), 300.0));
        // Nonsense factors are ignored.
        assert_eq!(v.zoom(f64::NAN, 1.0, 600.0), v);
    }

    #[test]
    fn pan_is_clamped() {
        let v = Viewport::new(100.0, 200.0);
        assert_eq!(v.pan(50.0, 600.0), Viewport::new(150.0, 250.0));
        assert_eq!(v.pan(-500.0, 600.0), Viewport::new(0.0, 100.0));
        assert_eq!(v.pan(1000.0, 600.0), Viewport::new(500.0, 600.0));
    }

    #[test]
    fn clamp_to_shorter_timeline() {
        let v = Viewport::new(300.0, 600.0).clamp(120.0);
        assert_eq!(v, Viewport::new(0.0, 120.0));
    }

    #[test]
    fn follow_pages() {
        let v = Viewport::new(0.0, 100.0);
        assert_eq!(v.follow(50.0, 600.0), v);
        assert_eq!(v.follow(101.0, 600.0), Viewport::new(91.0, 191.0));
        assert_eq!(v.follow(599.0, 600.0), Viewport::new(500.0, 600.0));
    }

    #[test]
    fn fit_detection() {
        assert!(Viewport::fit(600.0).is_fit(600.0));
        assert!(!Viewport::new(0.0, 300.0).is_fit(600.0));
    }
}
