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
}
