//! Time formatting for the UI (axis labels, the cursor read-out).
//!
//! These are display formats of our own. kubectl's `HumanDuration` (the AGE column) lives in the
//! engine (`podlife_engine::kubectl::human_duration`) and is not reimplemented here.

/// Number of decimals needed to show multiples of `step` exactly (0 for steps ≥ 1 s, max 3).
pub fn decimals_for_step(step: f64) -> usize {
    if step >= 1.0 || step <= 0.0 {
        0
    } else {
        ((-step.log10()) - 1e-9).ceil().clamp(0.0, 3.0) as usize
    }
}

/// `0s`, `30s`, `1m`, `1m30s`, `1h2m`, `2.5s`, `1m0.5s`: a compact h/m/s label with `decimals`
/// digits on the seconds part. Negative times get a leading `-`.
pub fn hms(t: f64, decimals: usize) -> String {
    let scale = 10f64.powi(decimals as i32);
    let mut units = (t.abs() * scale).round() as u64; // total, in 10^-decimals seconds
    let sign = if t < 0.0 && units > 0 { "-" } else { "" };
    let per_min = 60 * scale as u64;
    let per_hour = 60 * per_min;
    let h = units / per_hour;
    units %= per_hour;
    let m = units / per_min;
    units %= per_min;
    let mut out = String::from(sign);
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if units > 0 || out.len() == sign.len() {
        let s = units as f64 / scale;
        out.push_str(&format!("{s:.decimals$}s"));
    }
    out
}

/// Axis label for tick `t` on an axis whose ticks are `step` apart.
pub fn axis_label(t: f64, step: f64) -> String {
    hms(t, decimals_for_step(step))
}

/// The cursor read-out: always one decimal, e.g. `1m15.3s`, `0.0s`.
pub fn clock(t: f64) -> String {
    let s = hms(t, 1);
    if s.ends_with('s') {
        s
    } else {
        // `1m` → `1m0.0s`: keep the read-out's width stable while playing.
        format!("{s}0.0s")
    }
}

/// Seconds with up to 3 decimals, trailing zeros trimmed: `45.5s`, `75s`, `1.85s`. For tooltips.
pub fn secs(t: f64) -> String {
    let s = format!("{t:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_labels() {
        assert_eq!(axis_label(0.0, 30.0), "0s");
        assert_eq!(axis_label(30.0, 30.0), "30s");
        assert_eq!(axis_label(60.0, 30.0), "1m");
        assert_eq!(axis_label(90.0, 30.0), "1m30s");
        assert_eq!(axis_label(3600.0, 600.0), "1h");
        assert_eq!(axis_label(3720.0, 60.0), "1h2m");
        assert_eq!(axis_label(2.5, 0.5), "2.5s");
        assert_eq!(axis_label(60.5, 0.5), "1m0.5s");
        assert_eq!(axis_label(0.25, 0.05), "0.25s");
        assert_eq!(axis_label(-10.0, 10.0), "-10s");
    }

    #[test]
    fn decimals() {
        assert_eq!(decimals_for_step(10.0), 0);
        assert_eq!(decimals_for_step(0.5), 1);
        assert_eq!(decimals_for_step(0.1), 1);
        assert_eq!(decimals_for_step(0.05), 2);
        assert_eq!(decimals_for_step(0.001), 3);
    }

    #[test]
    fn clock_readout() {
        assert_eq!(clock(0.0), "0.0s");
        assert_eq!(clock(75.34), "1m15.3s");
        assert_eq!(clock(60.0), "1m0.0s");
        assert_eq!(clock(599.99), "10m0.0s");
    }

    #[test]
    fn tooltip_secs() {
        assert_eq!(secs(45.5), "45.5s");
        assert_eq!(secs(75.0), "75s");
        assert_eq!(secs(1.85), "1.85s");
    }
}
