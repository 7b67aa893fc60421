//! What the export draws, in time coordinates: the shared chart model ([`crate::chart`], the one
//! the web app's timeline draws) cut to a window.
//!
//! No derivation happens here: [`build`] takes [`chart::tracks`] as they are and keeps what
//! intersects `[from, limit]`, clamped to it, so an export of the visible window shows the
//! screen's tracks, lanes, slices, labels and tones. `draw.rs` turns a [`Gantt`] into pixels.

use crate::chart::Tick;
use crate::chart::{self, LaneContent, Mark, Seg, Track};
use podlife_engine::Timeline;

/// The whole chart in time coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Gantt {
    pub title: String,
    pub subtitle: String,
    pub from: f64,
    pub to: f64,
    /// Nothing is drawn after this instant (the playhead, the simulated horizon or `to`).
    pub limit: f64,
    /// Why the chart stops at `limit` when `limit < to`.
    pub limit_label: Option<String>,
    /// The chart model's tracks, every lane kept, its content cut to `[from, limit]`.
    pub tracks: Vec<Track>,
}

/// Shortest printable form of a number of seconds (`75`, `75.5`).
pub fn secs(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        let s = format!("{r:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The slices that intersect `[from, limit]`, clamped to it (a slice touching the window only at
/// an edge, with no time inside it, is dropped).
fn cut_segs(segs: &[Seg], from: f64, limit: f64) -> Vec<Seg> {
    segs.iter()
        .filter(|s| s.end > from && s.start < limit)
        .map(|s| Seg {
            start: s.start.max(from),
            end: s.end.min(limit),
            ..s.clone()
        })
        .collect()
}

fn cut_marks(marks: &[Mark], from: f64, limit: f64) -> Vec<Mark> {
    marks
        .iter()
        .filter(|m| m.t >= from && m.t <= limit)
        .cloned()
        .collect()
}

/// Probe entries with a tick in `[from, limit]` (entry `k` stands for `count` ticks `period`
/// apart; the renderer expands only the ticks inside the window).
fn cut_ticks(ticks: &[Tick], period: f64, from: f64, limit: f64) -> Vec<Tick> {
    ticks
        .iter()
        .filter(|k| {
            let last = k.t + k.count.saturating_sub(1) as f64 * period.max(0.0);
            k.t <= limit && last >= from
        })
        .cloned()
        .collect()
}

/// `content` cut to `[from, limit]`.
pub fn cut(content: &LaneContent, from: f64, limit: f64) -> LaneContent {
    match content {
        LaneContent::Slices(s) => LaneContent::Slices(cut_segs(s, from, limit)),
        LaneContent::Instants(m) => LaneContent::Instants(cut_marks(m, from, limit)),
        LaneContent::Probe {
            probe_type,
            describe,
            period,
            ticks,
            phase,
            gates,
            failure_threshold,
            success_threshold,
            bands,
        } => LaneContent::Probe {
            probe_type: *probe_type,
            describe: describe.clone(),
            period: *period,
            ticks: cut_ticks(ticks, *period, from, limit),
            phase: *phase,
            gates: gates
                .iter()
                .filter(|(a, b)| *b > from && *a < limit)
                .map(|&(a, b)| (a.max(from), b.min(limit)))
                .collect(),
            failure_threshold: *failure_threshold,
            success_threshold: *success_threshold,
            bands: cut_segs(bands, from, limit),
        },
        LaneContent::Ruler { base, steps, marks } => LaneContent::Ruler {
            base: cut_segs(base, from, limit),
            steps: cut_segs(steps, from, limit),
            marks: cut_marks(marks, from, limit),
        },
    }
}

/// `tracks` with every lane's content cut to `[from, limit]` (lanes are kept even when nothing
/// of them is left, as on screen).
pub fn window(tracks: &[Track], from: f64, limit: f64) -> Vec<Track> {
    tracks
        .iter()
        .map(|t| Track {
            lanes: t
                .lanes
                .iter()
                .map(|l| chart::Lane {
                    name: l.name.clone(),
                    content: cut(&l.content, from, limit),
                })
                .collect(),
            ..t.clone()
        })
        .collect()
}

/// Build the chart for `[from, to]`, cut at `until` (a playhead) when it comes first.
pub fn build(tl: &Timeline, from: f64, to: f64, until: Option<f64>) -> Gantt {
    build_from(tl, &chart::tracks(tl), from, to, until)
}

/// [`build`] from tracks already derived with [`chart::tracks`] (the web app keeps them).
pub fn build_from(
    tl: &Timeline,
    tracks: &[Track],
    from: f64,
    to: f64,
    until: Option<f64>,
) -> Gantt {
    let horizon = tl.until.as_secs_f64();
    let mut limit = to.min(horizon.max(from));
    let mut limit_label = None;
    if horizon < to {
        limit_label = Some(format!("simulated up to {}s", secs(horizon)));
    }
    if let Some(u) = until.filter(|u| u.is_finite()) {
        if u < limit {
            limit = u.max(from);
            limit_label = Some(format!("t = {}s", secs(limit)));
        }
    }
    let pod = &tl.pod;
    let node = if pod.node.is_empty() {
        String::new()
    } else {
        format!(" on {}", pod.node)
    };
    Gantt {
        title: format!("Pod {}", pod.name),
        subtitle: format!(
            "{}/{}{node} · {}s to {}s since creation",
            pod.namespace,
            pod.name,
            secs(from),
            secs(to)
        ),
        from,
        to,
        limit,
        limit_label,
        tracks: window(tracks, from, limit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{LaneContent, Seg};
    use podlife_engine::{gallery, simulate, Settings};

    fn gallery_timeline(id: &str, until: f64) -> Timeline {
        let settings = Settings {
            until: podlife_engine::Time::from_secs_f64(until),
            ..Settings::default()
        };
        simulate(gallery::get(id).unwrap().yaml, None, &settings)
            .unwrap()
            .timeline
    }

    fn slices<'a>(t: &'a Track, lane: &str) -> &'a [Seg] {
        match &t.lanes.iter().find(|l| l.name == lane).unwrap().content {
            LaneContent::Slices(s) => s,
            _ => panic!("not slices"),
        }
    }

    /// The whole simulated range: the export's tracks are the model's, untouched.
    #[test]
    fn full_range_is_the_model() {
        let tl = gallery_timeline("exec-liveness", 160.0);
        let g = build(&tl, 0.0, 160.0, None);
        assert_eq!(g.limit, 160.0);
        assert_eq!(g.tracks, chart::tracks(&tl));
    }

    /// A playhead earlier than the horizon cuts every lane there.
    #[test]
    fn until_limits_everything() {
        let tl = gallery_timeline("exec-liveness", 160.0);
        let g = build(&tl, 0.0, 160.0, Some(40.0));
        assert_eq!(g.limit, 40.0);
        assert_eq!(g.limit_label.as_deref(), Some("t = 40s"));
        for t in &g.tracks {
            for l in &t.lanes {
                match &l.content {
                    LaneContent::Slices(s) => assert!(s.iter().all(|s| s.end <= 40.0)),
                    LaneContent::Instants(m) => assert!(m.iter().all(|m| m.t <= 40.0)),
                    LaneContent::Probe { ticks, bands, .. } => {
                        assert!(ticks.iter().all(|k| k.t <= 40.0));
                        assert!(bands.iter().all(|s| s.end <= 40.0));
                    }
                    LaneContent::Ruler { base, .. } => assert!(base.iter().all(|s| s.end <= 40.0)),
                }
            }
        }
        let state = slices(&g.tracks[1], "state");
        assert_eq!(state.last().unwrap().label, "Running");
        assert_eq!(state.last().unwrap().end, 40.0);
        // The horizon of the simulation is a limit too.
        let short = gallery_timeline("exec-liveness", 30.0);
        let g = build(&short, 0.0, 100.0, None);
        assert_eq!(g.limit, 30.0);
        assert_eq!(g.limit_label.as_deref(), Some("simulated up to 30s"));
    }

    /// A window keeps exactly the slices that intersect it, clamped, with their labels.
    #[test]
    fn window_keeps_what_intersects() {
        let tl = gallery_timeline("exec-liveness", 160.0);
        let model = chart::tracks(&tl);
        let g = build(&tl, 80.0, 110.0, None);
        let all = slices(&model[1], "state");
        let cut = slices(&g.tracks[1], "state");
        let expect: Vec<&Seg> = all
            .iter()
            .filter(|s| s.end > 80.0 && s.start < 110.0)
            .collect();
        assert_eq!(cut.len(), expect.len());
        for (c, m) in cut.iter().zip(expect) {
            assert_eq!(
                (c.label.as_str(), c.kind, c.tone),
                (m.label.as_str(), m.kind, m.tone)
            );
            assert_eq!((c.start, c.end), (m.start.max(80.0), m.end.min(110.0)));
        }
        assert_eq!(cut.len(), 1, "{cut:?}");
        assert_eq!(cut[0].kind, "running");
    }

    #[test]
    fn seconds_format() {
        assert_eq!(secs(75.0), "75");
        assert_eq!(secs(75.5), "75.5");
        assert_eq!(secs(0.1 + 0.2), "0.3");
    }
}
