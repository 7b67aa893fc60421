//! Time-axis ticks with "nice" spacing.
//!
//! Steps are 1/2/5×10ⁿ seconds below 10 s, then clock-friendly multiples (10 s, 15 s, 30 s, 1 m,
//! 2 m, 5 m, 10 m, 15 m, 30 m, 1 h, then 1/2/5×10ⁿ hours) so labels read `30s`, `1m`, `1m30s`.

/// Candidate step sizes in seconds, ascending.
fn candidates() -> impl Iterator<Item = f64> {
    let sub: Vec<f64> = (-3..=0)
        .flat_map(|e| [1.0, 2.0, 5.0].into_iter().map(move |m| m * 10f64.powi(e)))
        .collect();
    let clock = [10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0];
    let hours = (0..=4).flat_map(|e| {
        [1.0, 2.0, 5.0]
            .into_iter()
            .map(move |m| m * 3600.0 * 10f64.powi(e))
    });
    sub.into_iter().chain(clock).chain(hours)
}

/// The smallest nice step that keeps labels at least `min_px` apart when `span` seconds are
/// drawn over `width_px` pixels.
pub fn nice_step(span: f64, width_px: f64, min_px: f64) -> f64 {
    if span.is_nan() || width_px.is_nan() || span <= 0.0 || width_px <= 0.0 {
        return 1.0;
    }
    let secs_per_px = span / width_px;
    let wanted = secs_per_px * min_px;
    candidates().find(|&s| s >= wanted).unwrap_or(wanted)
}

/// Width of an axis label in pixels (11 px sans: about 7 px a character, with a margin).
pub fn label_px(label: &str) -> f64 {
    label.chars().count() as f64 * 7.0
}

/// One major tick's label as drawn: its time, x, text and whether it is anchored at its end (the
/// last label near the right edge).
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub t: f64,
    pub x: f64,
    pub text: String,
    pub end_anchored: bool,
}

/// The major ticks and their labels for a view: the step keeps every label clear of the next
/// (wide labels such as `1h10m15s` widen the step), and a label that would still touch its
/// neighbour (the last one, pulled left to stay inside the plot) is left out. Returns the step.
pub fn labels(
    start: f64,
    end: f64,
    plot_w: f64,
    right_pad: f64,
    min_px: f64,
    text: impl Fn(f64, f64) -> String,
) -> (f64, Vec<Label>) {
    let span = end - start;
    let mut step = nice_step(span, plot_w, min_px);
    // Widen the step until the longest label fits between ticks.
    for _ in 0..4 {
        let widest = ticks(start, end, step)
            .iter()
            .map(|&t| label_px(&text(t, step)))
            .fold(0.0, f64::max);
        let need = widest + 14.0;
        if step / span * plot_w >= need {
            break;
        }
        step = nice_step(span, plot_w, need);
    }
    let x_of = |t: f64| (t - start) / span * plot_w;
    let mut out: Vec<Label> = vec![];
    let mut right_edge = f64::NEG_INFINITY;
    for t in ticks(start, end, step) {
        let x = x_of(t);
        let text = text(t, step);
        let w = label_px(&text);
        let end_anchored = x + 3.0 + w > plot_w + right_pad;
        let (left, right) = if end_anchored {
            (x - 3.0 - w, x - 3.0)
        } else {
            (x + 3.0, x + 3.0 + w)
        };
        if left < right_edge + 6.0 {
            continue;
        }
        right_edge = right;
        out.push(Label {
            t,
            x,
            text,
            end_anchored,
        });
    }
    (step, out)
}

/// Multiples of `step` within `[start, end]`, computed from integer indices (no drift).
pub fn ticks(start: f64, end: f64, step: f64) -> Vec<f64> {
    if step.is_nan() || step <= 0.0 || end.is_nan() || start.is_nan() || end < start {
        return Vec::new();
    }
    let first = (start / step - 1e-9).ceil() as i64;
    let last = (end / step + 1e-9).floor() as i64;
    if last - first > 10_000 {
        return Vec::new();
    }
    (first..=last).map(|k| k as f64 * step).collect()
}

/// Minor tick spacing for a major `step`: thirds of 15 s / 30 s, quarters of a minute or an
/// hour, halves of a 2×10ⁿ step, fifths otherwise.
pub fn minor_step(step: f64) -> f64 {
    let is = |vals: &[f64]| vals.iter().any(|v| (step - v).abs() < 1e-9);
    let mantissa = step / 10f64.powf(step.log10().floor());
    let div = if is(&[15.0, 30.0, 900.0, 1800.0]) {
        3.0
    } else if is(&[60.0, 120.0, 3600.0]) {
        4.0
    } else if (mantissa - 2.0).abs() < 1e-9 {
        2.0
    } else {
        5.0
    };
    step / div
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_for_common_spans() {
        // 600 s over 900 px, labels ≥ 80 px apart → ≥ 53.3 s → 1 m.
        assert_eq!(nice_step(600.0, 900.0, 80.0), 60.0);
        // 180 s over 900 px → ≥ 16 s → 30 s.
        assert_eq!(nice_step(180.0, 900.0, 80.0), 30.0);
        // 10 s over 1000 px → ≥ 0.8 s → 1 s.
        assert_eq!(nice_step(10.0, 1000.0, 80.0), 1.0);
        // 1 s over 1000 px → ≥ 0.08 s → 0.1 s.
        assert_eq!(nice_step(1.0, 1000.0, 80.0), 0.1);
        // 2 h → ≥ 576 s → 10 m.
        assert_eq!(nice_step(7200.0, 1000.0, 80.0), 600.0);
        // Degenerate input falls back to 1 s.
        assert_eq!(nice_step(0.0, 1000.0, 80.0), 1.0);
    }

    #[test]
    fn every_step_is_nice() {
        for w in [100.0, 333.0, 1000.0, 2500.0] {
            for span in [0.01, 0.3, 7.0, 45.0, 599.0, 3601.0, 86400.0] {
                let s = nice_step(span, w, 80.0);
                assert!(
                    span / s * 80.0 <= w + 1e-6,
                    "span {span} width {w} step {s}"
                );
            }
        }
    }

    #[test]
    fn ticks_are_exact_multiples() {
        assert_eq!(ticks(0.0, 90.0, 30.0), vec![0.0, 30.0, 60.0, 90.0]);
        assert_eq!(ticks(1.0, 59.0, 30.0), vec![30.0]);
        assert_eq!(ticks(-5.0, 5.0, 5.0), vec![-5.0, 0.0, 5.0]);
        let t = ticks(0.0, 1.0, 0.1);
        assert_eq!(t.len(), 11);
        assert_eq!(t[3], 3.0 * 0.1);
        assert!(ticks(0.0, 1.0, 0.0).is_empty());
    }

    #[test]
    fn minor_steps() {
        assert_eq!(minor_step(10.0), 2.0);
        assert_eq!(minor_step(2.0), 1.0);
        assert_eq!(minor_step(30.0), 10.0);
        assert_eq!(minor_step(60.0), 15.0);
        assert_eq!(minor_step(0.5), 0.1);
    }

    /// Axis labels never touch, at any zoom and width (a newcomer saw `1m10s1m15s`).
    #[test]
    fn labels_never_collide() {
        let text = |t: f64, step: f64| crate::format::axis_label(t, step);
        for &w in &[120.0, 240.0, 390.0, 700.0, 1200.0, 2400.0] {
            for &(a, b) in &[
                (0.0, 600.0),
                (60.0, 80.0),
                (70.0, 75.0),
                (0.0, 86_400.0),
                (3600.0, 3700.0),
                (0.0, 1.3),
                (59.9, 61.2),
                (3599.0, 3661.0),
            ] {
                let (_, ls) = labels(a, b, w, 14.0, 84.0, text);
                for p in ls.windows(2) {
                    let r0 = if p[0].end_anchored {
                        p[0].x - 3.0
                    } else {
                        p[0].x + 3.0 + label_px(&p[0].text)
                    };
                    let l1 = if p[1].end_anchored {
                        p[1].x - 3.0 - label_px(&p[1].text)
                    } else {
                        p[1].x + 3.0
                    };
                    assert!(
                        l1 >= r0 + 6.0,
                        "{w}px {a}..{b}: {:?} touches {:?}",
                        p[0].text,
                        p[1].text
                    );
                }
                assert!(!ls.is_empty() || w < 200.0, "{w}px {a}..{b}: some label");
            }
        }
    }
}
