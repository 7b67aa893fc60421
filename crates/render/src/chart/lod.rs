//! Level of detail: draw only what falls in the visible window, and merge what would overlap.
//!
//! Everything here works on data sorted by time, so the visible slice is found by binary search
//! and the cost of a frame follows the number of visible pixels, not the length of the trace.

use std::ops::Range;

/// Slices narrower than this many pixels merge with their narrow neighbours ([`merge_spans`]).
pub const SPAN_MERGE_PX: f64 = 1.0;
/// Probe ticks closer than this many pixels merge into one mark.
pub const TICK_MERGE_PX: f64 = 2.0;
/// Instants closer than this many pixels merge into one mark.
pub const MARK_MERGE_PX: f64 = 3.0;

/// Indices of the time-sorted `times` that fall within `[start, end]` (widened by `pad` seconds).
pub fn visible_points(
    times: impl Fn(usize) -> f64,
    len: usize,
    start: f64,
    end: f64,
    pad: f64,
) -> Range<usize> {
    let lo = partition(len, |i| times(i) < start - pad);
    let hi = partition(len, |i| times(i) <= end + pad);
    lo..hi.max(lo)
}

/// Indices of non-overlapping, start-sorted intervals `[s, e)` that intersect `[start, end]`.
/// `ends` must be non-decreasing (true for a lane's consecutive segments).
pub fn visible_spans(
    starts: impl Fn(usize) -> f64,
    ends: impl Fn(usize) -> f64,
    len: usize,
    start: f64,
    end: f64,
) -> Range<usize> {
    let lo = partition(len, |i| ends(i) < start);
    let hi = partition(len, |i| starts(i) <= end);
    lo..hi.max(lo)
}

/// The rows `[first, first + count)` of a list of `len` rows, each `row_px` high, to draw when it
/// is scrolled to `scroll_top`: the rows in view plus `margin` rows above (and below, within
/// `count`). Lists that draw only this window cost what the screen shows, not their length.
pub fn scroll_window(
    scroll_top: f64,
    row_px: f64,
    len: usize,
    margin: usize,
    count: usize,
) -> Range<usize> {
    let first = ((scroll_top / row_px).floor().max(0.0) as usize).saturating_sub(margin);
    let first = first.min(len);
    first..(first + count).min(len)
}

/// First index in `0..len` for which `pred` is false (pred must be true-then-false).
fn partition(len: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0usize, len);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// A group of point marks drawn as one.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Index (into the input) of the first and last member.
    pub first: usize,
    pub last: usize,
    /// Index of the member that represents the group (the highest `rank`, earliest on ties).
    pub rep: usize,
    pub count: usize,
    /// Pixel position of the first and last member.
    pub x0: f64,
    pub x1: f64,
}

/// Merge consecutive marks that lie within `gap_px` of their group's first member (so a group is
/// at most `gap_px` wide and a dense stretch becomes about `width / gap_px` marks, not one).
/// `items` yields `(index, x_px, rank)` in ascending `x`; the representative of each group is its
/// highest-ranked member, so a failure is never hidden behind a success.
pub fn merge_points(
    items: impl IntoIterator<Item = (usize, f64, u8)>,
    gap_px: f64,
) -> Vec<Cluster> {
    merge_weighted(items.into_iter().map(|(i, x, r)| (i, x, r, 1)), gap_px)
}

/// [`merge_points`] for items that each stand for `weight` points (`(index, x_px, rank, weight)`);
/// a cluster's `count` is the sum of its weights.
pub fn merge_weighted(
    items: impl IntoIterator<Item = (usize, f64, u8, usize)>,
    gap_px: f64,
) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::new();
    let mut rep_rank = 0u8;
    for (i, x, rank, weight) in items {
        match out.last_mut() {
            Some(c) if x - c.x0 <= gap_px => {
                c.last = i;
                c.count += weight;
                c.x1 = x;
                if rank > rep_rank {
                    c.rep = i;
                    rep_rank = rank;
                }
            }
            _ => {
                out.push(Cluster {
                    first: i,
                    last: i,
                    rep: i,
                    count: weight,
                    x0: x,
                    x1: x,
                });
                rep_rank = rank;
            }
        }
    }
    out
}

/// Join consecutive merged clusters that draw as one bar: each stands for more than one point,
/// `key` gives both the same `Some` value (the same worst result, not a tripped tick), and the
/// next begins within `gap_px` of where the previous ends. Zoomed out over a long run of equal
/// results (a day of passing probes), a lane then draws one bar per run of equal results instead
/// of one mark every [`TICK_MERGE_PX`]; the bar spans what the touching marks spanned. Counts
/// add up; the first cluster's representative stays.
pub fn join_bars<K: PartialEq>(
    clusters: Vec<Cluster>,
    key: impl Fn(&Cluster) -> Option<K>,
    gap_px: f64,
) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::with_capacity(clusters.len());
    let mut last_key: Option<K> = None;
    for c in clusters {
        let k = (c.count > 1).then(|| key(&c)).flatten();
        match out.last_mut() {
            Some(p) if k.is_some() && k == last_key && c.x0 - p.x1 <= gap_px => {
                p.last = c.last;
                p.count += c.count;
                p.x1 = c.x1;
            }
            _ => {
                out.push(c);
                last_key = k;
            }
        }
    }
    out
}

/// One point of a run-length-encoded series, as drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunPoint {
    /// Index of the run (entry) it belongs to.
    pub entry: usize,
    /// Position within the run: the point is at `start(entry) + k·period`.
    pub k: u32,
    pub t: f64,
    /// How many consecutive points of the run this one stands for (> 1 when thinned).
    pub weight: usize,
}

/// Expand the runs of a run-length-encoded, time-sorted series (entry `i` stands for `count(i)`
/// points at `start(i) + k·period`) into the points that fall in `[from, to]`, keeping at most one
/// point per `min_dt` seconds within a run. The work is proportional to the visible runs plus the
/// visible pixels, never to the length of a run.
pub fn expand_runs(
    start: impl Fn(usize) -> f64,
    count: impl Fn(usize) -> u32,
    len: usize,
    period: f64,
    from: f64,
    to: f64,
    min_dt: f64,
) -> Vec<RunPoint> {
    let period = if period > 0.0 && period.is_finite() {
        period
    } else {
        0.0
    };
    let last = |i: usize| start(i) + count(i).saturating_sub(1) as f64 * period;
    let stride = if period > 0.0 && period < min_dt {
        (min_dt / period).ceil() as u32
    } else {
        1
    };
    let mut out = Vec::new();
    for i in visible_spans(&start, last, len, from, to) {
        let (t0, c) = (start(i), count(i).max(1));
        if c == 1 || period == 0.0 {
            out.push(RunPoint {
                entry: i,
                k: 0,
                t: t0,
                weight: c as usize,
            });
            continue;
        }
        // Ticks sit on a whole-millisecond grid: count in milliseconds, exactly.
        let ms = |s: f64| (s * 1000.0).round() as i64;
        let (t0_ms, p_ms) = (ms(t0), ms(period).max(1) as u64);
        let k_lo = (ms(from) - t0_ms).max(0) as u64;
        let k_lo = k_lo.div_ceil(p_ms).min(u32::MAX as u64) as u32;
        let k_hi = (((ms(to) - t0_ms).max(0) as u64 / p_ms).min(u32::MAX as u64) as u32).min(c - 1);
        let mut k = k_lo;
        while k <= k_hi {
            let weight = stride.min(k_hi - k + 1) as usize;
            out.push(RunPoint {
                entry: i,
                k,
                t: t0 + k as f64 * period,
                weight,
            });
            k += stride;
        }
    }
    out
}

/// A drawn interval after merging.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub first: usize,
    pub last: usize,
    /// The member shown (the widest of a merged run).
    pub rep: usize,
    pub x0: f64,
    pub x1: f64,
}

impl Piece {
    pub fn merged(&self) -> bool {
        self.last > self.first
    }
}

/// Merge runs of consecutive intervals that are each narrower than `min_px` into one piece, so a
/// thousand sub-pixel crash-loop segments become a single mark. Wide intervals stay as they are.
/// `items` yields `(index, x0, x1)` sorted by `x0`.
pub fn merge_spans(items: impl IntoIterator<Item = (usize, f64, f64)>, min_px: f64) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut rep_w = 0.0f64;
    let mut open = false; // whether the last piece is a run of narrow intervals
    for (i, x0, x1) in items {
        let w = x1 - x0;
        let narrow = w < min_px;
        match out.last_mut() {
            Some(p) if narrow && open && x0 - p.x1 <= min_px => {
                p.last = i;
                p.x1 = p.x1.max(x1);
                if w > rep_w {
                    p.rep = i;
                    rep_w = w;
                }
            }
            _ => {
                out.push(Piece {
                    first: i,
                    last: i,
                    rep: i,
                    x0,
                    x1,
                });
                rep_w = w;
                open = narrow;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_point_range() {
        let t = [0.0, 5.0, 10.0, 15.0, 20.0];
        assert_eq!(visible_points(|i| t[i], t.len(), 6.0, 16.0, 0.0), 2..4);
        assert_eq!(visible_points(|i| t[i], t.len(), 5.0, 15.0, 0.0), 1..4);
        assert_eq!(visible_points(|i| t[i], t.len(), 100.0, 200.0, 0.0), 5..5);
        assert_eq!(visible_points(|i| t[i], t.len(), 6.0, 16.0, 1.0), 1..4);
    }

    #[test]
    fn visible_span_range() {
        let s = [(0.0, 10.0), (10.0, 20.0), (20.0, 30.0), (30.0, 40.0)];
        assert_eq!(visible_spans(|i| s[i].0, |i| s[i].1, 4, 15.0, 25.0), 1..3);
        assert_eq!(visible_spans(|i| s[i].0, |i| s[i].1, 4, 50.0, 60.0), 4..4);
        assert_eq!(visible_spans(|i| s[i].0, |i| s[i].1, 4, -5.0, 0.0), 0..1);
    }

    #[test]
    fn points_within_gap_merge_and_keep_worst() {
        // ranks: 1 = success, 3 = failure
        let pts = [
            (0, 0.0, 1),
            (1, 1.0, 1),
            (2, 2.5, 3),
            (3, 10.0, 1),
            (4, 11.0, 1),
        ];
        let c = merge_points(pts, 3.0);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].first, c[0].last, c[0].count, c[0].rep), (0, 2, 3, 2));
        assert_eq!((c[1].first, c[1].last, c[1].count, c[1].rep), (3, 4, 2, 3));
    }

    #[test]
    fn spread_points_stay_separate() {
        let pts = (0..5).map(|i| (i, i as f64 * 10.0, 1));
        assert_eq!(merge_points(pts, 2.0).len(), 5);
    }

    #[test]
    fn narrow_spans_merge_wide_ones_stay() {
        let spans = [
            (0, 0.0, 0.2),
            (1, 0.2, 0.5),
            (2, 0.5, 0.6),
            (3, 0.6, 50.0),
            (4, 50.0, 50.3),
        ];
        let p = merge_spans(spans, 1.0);
        assert_eq!(p.len(), 3);
        assert_eq!((p[0].first, p[0].last, p[0].rep), (0, 2, 1));
        assert!(p[0].merged());
        assert_eq!((p[1].first, p[1].last), (3, 3));
        assert_eq!((p[2].first, p[2].last), (4, 4));
    }

    #[test]
    fn weighted_counts_add_up() {
        let c = merge_weighted([(0, 0.0, 1, 5), (1, 1.0, 2, 3), (2, 10.0, 1, 1)], 2.0);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].count, c[0].rep), (8, 1));
        assert_eq!(c[1].count, 1);
    }

    #[test]
    fn equal_bars_join_and_different_ones_stay() {
        let c = |first, last, count, x0, x1| Cluster {
            first,
            last,
            rep: first,
            count,
            x0,
            x1,
        };
        // ranks by first index: 0..=5 success (2), 6 failure (4), 7..=9 success, 10 single.
        let rank = |c: &Cluster| Some(if c.first == 6 { 4u8 } else { 2 });
        let input = vec![
            c(0, 2, 3, 0.0, 2.0),
            c(3, 5, 3, 2.1, 4.0),
            c(6, 6, 2, 4.1, 5.0),
            c(7, 8, 2, 6.0, 8.0),
            c(9, 9, 2, 20.0, 21.0),
            c(10, 10, 1, 22.0, 22.0),
        ];
        let j = join_bars(input, rank, 4.0);
        let got: Vec<_> = j
            .iter()
            .map(|c| (c.first, c.last, c.count, c.x0, c.x1))
            .collect();
        assert_eq!(
            got,
            [
                (0, 5, 6, 0.0, 4.0),
                (6, 6, 2, 4.1, 5.0),
                (7, 8, 2, 6.0, 8.0),
                (9, 9, 2, 20.0, 21.0),
                (10, 10, 1, 22.0, 22.0)
            ]
        );
        // A day of passing probe ticks one second apart at ~1400 px: one bar.
        let n = 86_400usize;
        let px = 1400.0 / n as f64;
        let pts = expand_runs(|_| 0.0, |_| n as u32, 1, 1.0, 0.0, n as f64, 2.0 / px);
        let cl = merge_weighted(
            pts.iter()
                .enumerate()
                .map(|(j, p)| (j, p.t * px, 2, p.weight)),
            TICK_MERGE_PX,
        );
        let bars = join_bars(cl, |_| Some(()), 2.0 * TICK_MERGE_PX);
        assert_eq!(bars.len(), 1);
        assert_eq!(bars[0].count, n);
    }

    #[test]
    fn runs_expand_within_the_window() {
        // Entry 0: 10 points at 0, 5, ..., 45. Entry 1: one point at 50. Entry 2: 4 at 55..70.
        let starts = [0.0, 50.0, 55.0];
        let counts = [10u32, 1, 4];
        let pts = expand_runs(|i| starts[i], |i| counts[i], 3, 5.0, 12.0, 60.0, 0.0);
        let ts: Vec<_> = pts.iter().map(|p| (p.entry, p.k, p.t)).collect();
        assert_eq!(
            ts,
            [
                (0, 3, 15.0),
                (0, 4, 20.0),
                (0, 5, 25.0),
                (0, 6, 30.0),
                (0, 7, 35.0),
                (0, 8, 40.0),
                (0, 9, 45.0),
                (1, 0, 50.0),
                (2, 0, 55.0),
                (2, 1, 60.0)
            ]
        );
        assert!(pts.iter().all(|p| p.weight == 1));
    }

    #[test]
    fn long_runs_are_thinned_not_walked() {
        // A million ticks one second apart, viewed whole, one point per 1000 s at most.
        let pts = expand_runs(|_| 0.0, |_| 1_000_000, 1, 1.0, 0.0, 1e6, 1000.0);
        assert_eq!(pts.len(), 1000);
        assert_eq!(pts.iter().map(|p| p.weight).sum::<usize>(), 1_000_000);
    }

    #[test]
    fn lod_scales_with_pixels_not_data() {
        // 100 000 ticks one second apart, 1000 px showing everything: at most ~1000/2 marks.
        let n = 100_000;
        let px = 1000.0 / n as f64;
        let c = merge_points((0..n).map(|i| (i, i as f64 * px, 1)), 2.0);
        assert!(c.len() <= 500 && c.len() >= 300, "{}", c.len());
        assert!(c.iter().all(|c| c.x1 - c.x0 <= 2.0));
    }
}
