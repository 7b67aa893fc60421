//! The chart model: what to draw, in time coordinates, derived from a [`Timeline`] only.
//!
//! No drawing happens here; `draw.rs` turns a [`Gantt`] into pixels. Keeping the two apart makes
//! the derivation (which colour a container is at which instant) testable without a backend.

use crate::theme::Palette;
use podlife_engine::kubectl;
use podlife_engine::{
    ContainerKind, ContainerState, ContainerTrack, ProbeResult, ProbeType, Timeline,
};

/// A coloured interval.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub t0: f64,
    pub t1: f64,
    pub color: &'static str,
    /// Drawn inside the bar when it fits.
    pub label: String,
    /// A narrow strip of another colour at the bar's left edge (the exit that started a
    /// back-off).
    pub edge: Option<&'static str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// The kubelet decided to kill the container (`Killing` event).
    Kill,
    Sigterm,
    Sigkill,
    /// The API received the pod's delete request.
    Deleted,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    pub t: f64,
    pub kind: MarkKind,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tick {
    pub t: f64,
    pub result: ProbeResult,
    pub tripped: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProbeLane {
    pub probe_type: ProbeType,
    pub ticks: Vec<Tick>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    /// One bar lane: the pod phase, the kubectl STATUS, the sandbox.
    Strip {
        label: String,
        bars: Vec<Bar>,
        marks: Vec<Mark>,
    },
    /// A container: an activity lane (pulls, hooks), the state lane and one lane per probe.
    Container {
        label: String,
        activity: Vec<Bar>,
        states: Vec<Bar>,
        probes: Vec<ProbeLane>,
        marks: Vec<Mark>,
    },
}

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
    pub rows: Vec<Row>,
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

const EPS: f64 = 1e-9;

/// Breakpoints clamped to `[from, limit]`, sorted, unique; each consecutive pair is an
/// elementary interval on which the classification is constant.
fn intervals(mut points: Vec<f64>, from: f64, limit: f64) -> Vec<(f64, f64)> {
    points.push(from);
    points.push(limit);
    points.retain(|p| p.is_finite());
    for p in points.iter_mut() {
        *p = p.clamp(from, limit);
    }
    points.sort_by(|a, b| a.total_cmp(b));
    points.dedup_by(|a, b| (*a - *b).abs() < EPS);
    points
        .windows(2)
        .map(|w| (w[0], w[1]))
        .filter(|(a, b)| b - a > EPS)
        .collect()
}

/// Append `bar`, merging it into the previous one when it continues it with the same look.
fn push_merged(bars: &mut Vec<Bar>, bar: Bar) {
    if let Some(last) = bars.last_mut() {
        if (last.t1 - bar.t0).abs() < EPS
            && last.color == bar.color
            && last.label == bar.label
            && bar.edge.is_none()
        {
            last.t1 = bar.t1;
            return;
        }
    }
    bars.push(bar);
}

fn kind_word(kind: ContainerKind) -> &'static str {
    match kind {
        ContainerKind::Init => "init",
        ContainerKind::Sidecar => "sidecar",
        ContainerKind::Regular => "regular",
        ContainerKind::Ephemeral => "ephemeral",
    }
}

/// The published state of container `c` at `t`, from the status snapshot in effect.
fn published_state(tl: &Timeline, c: &ContainerTrack, t: f64) -> Option<ContainerState> {
    let s = tl.snapshot_at(t)?;
    let list = match c.kind {
        ContainerKind::Init | ContainerKind::Sidecar => &s.init_container_statuses,
        ContainerKind::Regular => &s.container_statuses,
        ContainerKind::Ephemeral => &s.ephemeral_container_statuses,
    };
    list.iter()
        .find(|cs| cs.name == c.name)
        .map(|cs| cs.state.clone())
}

fn terminated_label(reason: &str, code: i32) -> String {
    let r = if reason.is_empty() {
        if code == 0 {
            "Completed"
        } else {
            "Error"
        }
    } else {
        reason
    };
    format!("{r} (exit {code})")
}

/// The state lane of one container.
///
/// Ground truth first: a run is `Running` from `started` to its exit (`Creating` between the
/// runtime's create and start); a back-off window is a back-off bar whose left edge shows how
/// the previous run ended. Gaps are filled from the published status (`Waiting` reasons such as
/// `ContainerCreating`, `ErrImagePull`, `CrashLoopBackOff` after the window has expired but
/// before the next sync) or, after an exit, with the terminated state.
fn container_states(
    tl: &Timeline,
    c: &ContainerTrack,
    pal: &Palette,
    from: f64,
    limit: f64,
) -> Vec<Bar> {
    let mut points = vec![];
    for r in &c.runs {
        points.extend([r.created, r.started]);
        points.extend(r.exited);
    }
    for b in &c.backoffs {
        points.push(b.start);
        points.extend(b.end);
    }
    points.extend(tl.snapshots.iter().map(|s| s.t));
    points.extend(tl.pod.removed_at);

    let mut bars: Vec<Bar> = vec![];
    for (a, b) in intervals(points, from, limit) {
        let m = (a + b) / 2.0;
        if tl.removed_at(m) {
            continue;
        }
        let run_now = c
            .runs
            .iter()
            .find(|r| r.created <= m && r.exited.is_none_or(|e| m < e));
        let prev = c.runs.iter().rfind(|r| r.exited.is_some_and(|e| e <= m));
        let prev_term = prev.map(|r| {
            let code = r.exit_code.unwrap_or(0);
            let reason = r.reason.clone().unwrap_or_default();
            (
                pal.terminated(&reason, code),
                terminated_label(&reason, code),
            )
        });
        let bar = |color, label: String, edge| Bar {
            t0: a,
            t1: b,
            color,
            label,
            edge,
        };
        let bar = if let Some(r) = run_now {
            if m < r.started {
                bar(pal.waiting_creating, "ContainerCreating".to_string(), None)
            } else if r.restart_count == 0 {
                bar(pal.running, "Running".to_string(), None)
            } else {
                bar(
                    pal.running,
                    format!("Running · restart {}", r.restart_count),
                    None,
                )
            }
        } else if let Some(bo) = c
            .backoffs
            .iter()
            .find(|s| s.start <= m && s.end.is_none_or(|e| m < e))
        {
            let label = match bo.detail.as_deref() {
                Some(d) => format!("{} ({})", bo.label, d.trim_start_matches("back-off ")),
                None => bo.label.clone(),
            };
            // The exit strip only on the bar's first piece.
            let edge = if (bo.start - a).abs() < EPS {
                prev_term.as_ref().map(|p| p.0)
            } else {
                None
            };
            bar(pal.waiting_backoff, label, edge)
        } else {
            match (published_state(tl, c, m), prev_term) {
                (Some(ContainerState::Waiting { reason, .. }), _) => {
                    let label = if reason.is_empty() {
                        "Waiting".to_string()
                    } else {
                        reason.clone()
                    };
                    bar(pal.waiting(&reason), label, None)
                }
                (_, Some((color, label))) => bar(color, label, None),
                (
                    Some(ContainerState::Terminated {
                        exit_code, reason, ..
                    }),
                    None,
                ) => bar(
                    pal.terminated(&reason, exit_code),
                    terminated_label(&reason, exit_code),
                    None,
                ),
                _ => continue,
            }
        };
        push_merged(&mut bars, bar);
    }
    bars
}

/// The individual ticks in `[from, limit]`: an entry with `count: n` stands for `n` identical
/// ticks one `period` apart (only the first can be the tripping one).
fn expand_ticks(
    ticks: &[podlife_engine::ProbeTick],
    period: f64,
    from: f64,
    limit: f64,
) -> Vec<Tick> {
    let mut out = vec![];
    for k in ticks {
        let n = k.count.max(1);
        let step = if period > 0.0 { period } else { 1.0 };
        for i in 0..n {
            let t = k.t + i as f64 * step;
            if t > limit {
                break;
            }
            if t >= from {
                out.push(Tick {
                    t,
                    result: k.result,
                    tripped: k.tripped && i == 0,
                });
            }
        }
    }
    out
}

/// Build the chart model for `[from, to]`.
pub fn build(tl: &Timeline, from: f64, to: f64, until: Option<f64>, pal: &Palette) -> Gantt {
    let mut limit = to.min(tl.until.max(from));
    let mut limit_label = None;
    if tl.until < to {
        limit_label = Some(format!("simulated up to {}s", secs(tl.until)));
    }
    if let Some(u) = until.filter(|u| u.is_finite()) {
        if u < limit {
            limit = u.max(from);
            limit_label = Some(format!("t = {}s", secs(limit)));
        }
    }
    let pod = &tl.pod;
    let mut rows = vec![];

    // Pod phase.
    let mut points: Vec<f64> = tl.snapshots.iter().map(|s| s.t).collect();
    points.extend(pod.removed_at);
    let mut bars = vec![];
    for (a, b) in intervals(points.clone(), from, limit) {
        let m = (a + b) / 2.0;
        if tl.removed_at(m) {
            continue;
        }
        let phase = tl
            .snapshot_at(m)
            .map(|s| s.phase.as_str())
            .unwrap_or("Pending");
        push_merged(
            &mut bars,
            Bar {
                t0: a,
                t1: b,
                color: pal.phase(phase),
                label: phase.to_string(),
                edge: None,
            },
        );
    }
    let deleted: Vec<Mark> = pod
        .deleted_at
        .filter(|d| *d >= from && *d <= limit)
        .map(|t| Mark {
            t,
            kind: MarkKind::Deleted,
        })
        .into_iter()
        .collect();
    rows.push(Row::Strip {
        label: "pod phase".into(),
        bars,
        marks: deleted.clone(),
    });

    // kubectl get STATUS, evaluated where it can change: each published status and the delete.
    points.extend(pod.deleted_at);
    let mut bars = vec![];
    for (a, b) in intervals(points, from, limit) {
        if tl.removed_at((a + b) / 2.0) {
            continue;
        }
        let st = kubectl::status_at(tl, a).kubectl.status;
        push_merged(
            &mut bars,
            Bar {
                t0: a,
                t1: b,
                color: pal.kubectl_status(&st),
                label: st,
                edge: None,
            },
        );
    }
    rows.push(Row::Strip {
        label: "kubectl STATUS".into(),
        bars,
        marks: deleted,
    });

    // Sandbox.
    let bars = tl
        .sandbox
        .iter()
        .map(|s| Bar {
            t0: s.start,
            t1: s.end.unwrap_or(limit),
            color: pal.sandbox,
            label: String::new(),
            edge: None,
        })
        .collect();
    rows.push(Row::Strip {
        label: "sandbox".into(),
        bars,
        marks: vec![],
    });

    for c in &tl.containers {
        let mut activity = vec![];
        for p in &c.pulls {
            activity.push(Bar {
                t0: p.start,
                t1: p.end.unwrap_or(limit),
                color: pal.image_pull,
                label: "pull".into(),
                edge: None,
            });
        }
        let mut marks = vec![];
        for r in &c.runs {
            for (h, color, label) in [
                (&r.post_start, pal.hook_post_start, "postStart"),
                (&r.pre_stop, pal.hook_pre_stop, "preStop"),
            ] {
                if let Some(h) = h {
                    activity.push(Bar {
                        t0: h.start,
                        t1: h.end.unwrap_or(limit),
                        color,
                        label: label.into(),
                        edge: None,
                    });
                }
            }
            marks.extend(r.kill_started.map(|t| Mark {
                t,
                kind: MarkKind::Kill,
            }));
            marks.extend(r.sigterm.map(|t| Mark {
                t,
                kind: MarkKind::Sigterm,
            }));
            marks.extend(r.sigkill.map(|t| Mark {
                t,
                kind: MarkKind::Sigkill,
            }));
        }
        marks.retain(|m| m.t >= from && m.t <= limit);
        let mut probes: Vec<ProbeLane> = c
            .probes
            .iter()
            .map(|p| ProbeLane {
                probe_type: p.probe_type,
                ticks: expand_ticks(&p.ticks, p.period, from, limit),
            })
            .collect();
        // Startup, liveness, readiness: the order in which they gate the container.
        probes.sort_by_key(|p| p.probe_type);
        rows.push(Row::Container {
            label: format!("{} ({})", c.name, kind_word(c.kind)),
            activity,
            states: container_states(tl, c, pal, from, limit),
            probes,
            marks,
        });
    }

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
        rows,
    }
}

/// A run of probe ticks drawn as one mark.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MergedTick {
    pub x0: f64,
    pub x1: f64,
    /// The most significant result in the run (failure > error > success > skipped).
    pub result: ProbeResult,
    pub tripped: bool,
    pub count: usize,
}

fn severity(r: ProbeResult) -> u8 {
    match r {
        ProbeResult::Skipped => 0,
        ProbeResult::Success => 1,
        ProbeResult::Error => 2,
        ProbeResult::Failure => 3,
    }
}

/// Merge ticks whose x positions are closer than `min_gap` pixels into one mark.
pub fn merge_ticks(ticks: &[Tick], x: impl Fn(f64) -> f64, min_gap: f64) -> Vec<MergedTick> {
    let mut out: Vec<MergedTick> = vec![];
    for k in ticks {
        let px = x(k.t);
        match out.last_mut() {
            Some(m) if px - m.x1 < min_gap => {
                m.x1 = m.x1.max(px);
                if severity(k.result) > severity(m.result) {
                    m.result = k.result;
                }
                m.tripped |= k.tripped;
                m.count += 1;
            }
            _ => out.push(MergedTick {
                x0: px,
                x1: px,
                result: k.result,
                tripped: k.tripped,
                count: 1,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::light;
    use podlife_engine::{gallery, simulate, Settings};

    fn gallery_timeline(id: &str, until: f64) -> Timeline {
        let settings = Settings {
            until,
            ..Settings::default()
        };
        simulate(gallery::get(id).unwrap().yaml, None, &settings)
            .unwrap()
            .timeline
    }

    fn container_row(g: &Gantt, i: usize) -> (&Vec<Bar>, &Vec<Bar>, &Vec<ProbeLane>, &Vec<Mark>) {
        match g
            .rows
            .iter()
            .filter(|r| matches!(r, Row::Container { .. }))
            .nth(i)
        {
            Some(Row::Container {
                activity,
                states,
                probes,
                marks,
                ..
            }) => (activity, states, probes, marks),
            _ => panic!("no container row {i}"),
        }
    }

    #[test]
    fn ticks_closer_than_two_pixels_merge() {
        let t = |t, result| Tick {
            t,
            result,
            tripped: false,
        };
        let ticks = [
            t(0.0, ProbeResult::Success),
            t(1.0, ProbeResult::Success),
            t(1.5, ProbeResult::Failure),
            t(10.0, ProbeResult::Skipped),
        ];
        // 1 px per second: 0, 1, 1.5 chain into one mark (each within 2 px of the previous).
        let m = merge_ticks(&ticks, |t| t, 2.0);
        assert_eq!(m.len(), 2);
        assert_eq!(
            (m[0].x0, m[0].x1, m[0].count, m[0].result),
            (0.0, 1.5, 3, ProbeResult::Failure)
        );
        assert_eq!(m[1].result, ProbeResult::Skipped);
        // 10 px per second: all apart.
        assert_eq!(merge_ticks(&ticks, |t| 10.0 * t, 2.0).len(), 4);
    }

    /// The exec-liveness pod: running from ~2 s, killed by the liveness probe (SIGTERM at the
    /// kill, SIGKILL 30 s later as the shell ignores SIGTERM), restarted.
    #[test]
    fn exec_liveness_rows() {
        let pal = light();
        let tl = gallery_timeline("exec-liveness", 160.0);
        let g = build(&tl, 0.0, 160.0, None, &pal);
        assert_eq!(g.limit, 160.0);
        let labels: Vec<&str> = g
            .rows
            .iter()
            .map(|r| match r {
                Row::Strip { label, .. } | Row::Container { label, .. } => label.as_str(),
            })
            .collect();
        assert_eq!(
            labels,
            [
                "pod phase",
                "kubectl STATUS",
                "sandbox",
                "liveness (regular)"
            ]
        );
        let (activity, states, probes, marks) = container_row(&g, 0);
        assert!(activity.iter().any(|b| b.label == "pull"));
        let running: Vec<&Bar> = states.iter().filter(|b| b.color == pal.running).collect();
        assert!(running.len() >= 2, "{states:?}");
        let first_kill = tl.containers[0].runs[0].kill_started.unwrap();
        let first_exit = tl.containers[0].runs[0].exited.unwrap();
        // Ground truth: still running during the grace period, until SIGKILL.
        assert!((running[0].t1 - first_exit).abs() < 1e-9 && first_exit > first_kill + 29.0);
        assert!(states
            .iter()
            .any(|b| b.color == pal.terminated_error && b.label == "Error (exit 137)"));
        assert_eq!(probes.len(), 1);
        assert_eq!(probes[0].probe_type, ProbeType::Liveness);
        assert!(probes[0]
            .ticks
            .iter()
            .any(|k| k.tripped && k.result == ProbeResult::Failure));
        // Counted entries are expanded: one success every period between 10 s and 30 s.
        let successes: Vec<f64> = probes[0]
            .ticks
            .iter()
            .filter(|k| k.result == ProbeResult::Success && k.t < 40.0)
            .map(|k| k.t)
            .collect();
        assert!(
            successes.len() >= 4
                && successes
                    .windows(2)
                    .all(|w| (w[1] - w[0] - 5.0).abs() < 1e-9),
            "{successes:?}"
        );
        for kind in [MarkKind::Kill, MarkKind::Sigterm, MarkKind::Sigkill] {
            assert!(marks.iter().any(|m| m.kind == kind), "{kind:?}");
        }
        // Bars never overlap and stay inside the range.
        for w in states.windows(2) {
            assert!(w[0].t1 <= w[1].t0 + 1e-9);
        }
        assert!(states.iter().all(|b| b.t0 >= 0.0 && b.t1 <= 160.0));
    }

    /// Crash loop: back-off bars carry the exit's colour on their left edge and the delay in
    /// their label; the STATUS strip follows `kubectl get`.
    #[test]
    fn crash_loop_backoff_bars() {
        let pal = light();
        let tl = gallery_timeline("crash-loop", 120.0);
        let g = build(&tl, 0.0, 120.0, None, &pal);
        let (_, states, probes, _) = container_row(&g, 0);
        assert!(probes.is_empty());
        let backoffs: Vec<&Bar> = states
            .iter()
            .filter(|b| b.color == pal.waiting_backoff)
            .collect();
        assert!(
            backoffs.iter().any(
                |b| b.label == "CrashLoopBackOff (10s)" && b.edge == Some(pal.terminated_error)
            ),
            "{backoffs:?}"
        );
        let Row::Strip { bars, .. } = &g.rows[1] else {
            panic!()
        };
        for b in bars {
            assert_eq!(kubectl::status_at(&tl, b.t0).kubectl.status, b.label);
        }
        assert!(bars
            .iter()
            .any(|b| b.label == "CrashLoopBackOff" || b.label == "Error"));
    }

    /// A playhead earlier than the horizon cuts every row there.
    #[test]
    fn until_limits_everything() {
        let pal = light();
        let tl = gallery_timeline("exec-liveness", 160.0);
        let g = build(&tl, 0.0, 160.0, Some(40.0), &pal);
        assert_eq!(g.limit, 40.0);
        assert_eq!(g.limit_label.as_deref(), Some("t = 40s"));
        for r in &g.rows {
            let (bars, marks) = match r {
                Row::Strip { bars, marks, .. } => (bars, marks),
                Row::Container { states, marks, .. } => (states, marks),
            };
            assert!(bars.iter().all(|b| b.t1 <= 40.0 + 1e-9), "{bars:?}");
            assert!(marks.iter().all(|m| m.t <= 40.0));
        }
        // The horizon of the simulation is a limit too.
        let short = gallery_timeline("exec-liveness", 30.0);
        let g = build(&short, 0.0, 100.0, None, &pal);
        assert_eq!(g.limit, 30.0);
        assert_eq!(g.limit_label.as_deref(), Some("simulated up to 30s"));
    }

    #[test]
    fn seconds_format() {
        assert_eq!(secs(75.0), "75");
        assert_eq!(secs(75.5), "75.5");
        assert_eq!(secs(0.1 + 0.2), "0.3");
    }
}
