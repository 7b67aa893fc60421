//! Probe lanes: one per probe of a container, with its ticks (run-length encoded), the worker's
//! tick grid, the initial-delay gates, the on-hold / disabled bands and the threshold counters.

use super::{Lane, LaneContent, Lang, Seg, Time, Tone};
use podlife_engine::{ContainerTrack, ProbeResult, ProbeTick, SkipReason};

/// One probe tick entry as the chart draws it: the engine's [`ProbeTick`] with its instant in
/// chart seconds (`count` ticks one period apart from `t`).
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub t: Time,
    pub result: ProbeResult,
    pub detail: Option<String>,
    pub run: u32,
    pub tripped: bool,
    pub count: u32,
    /// Why a skipped tick did nothing.
    pub skip: Option<SkipReason>,
}

impl From<&ProbeTick> for Tick {
    fn from(k: &ProbeTick) -> Tick {
        Tick {
            t: k.t.as_secs_f64(),
            result: k.result,
            detail: k.detail.clone(),
            run: k.run,
            tripped: k.tripped,
            count: k.count,
            skip: k.skip_reason(),
        }
    }
}

/// `data-mark` name and merge rank of a probe result.
pub fn probe_mark(r: ProbeResult) -> (&'static str, u8) {
    match r {
        ProbeResult::Failure => ("probe-failure", 4),
        ProbeResult::Error => ("probe-error", 3),
        ProbeResult::Success => ("probe-success", 2),
        ProbeResult::Skipped => ("probe-skipped", 1),
    }
}

/// The consecutive-result counter of tick `k` of entry `tk` as `(count, threshold)`: failures
/// toward `failureThreshold`, successes toward `successThreshold` (only when it is above 1);
/// `None` for errors, skipped ticks and single-success thresholds.
///
/// `ProbeTick::run` is `resultRun` after the tick; a liveness/startup trip resets it to 0
/// (`worker.go doProbe`: `w.resultRun = 0` with `onHold`), so a tripped tick counts the threshold.
pub fn probe_counter(tk: &Tick, k: u32, failure: u32, success: u32) -> Option<(u32, u32)> {
    let threshold = match tk.result {
        ProbeResult::Failure => failure,
        ProbeResult::Success if success > 1 => success,
        _ => return None,
    };
    let run = if tk.tripped && k == 0 && tk.run == 0 {
        threshold
    } else {
        tk.run + k
    };
    (run > 0).then_some((run, threshold))
}

/// Merged tick marks of the same result whose bars touch drawn as one bar (a day of passing
/// ticks at fit is one element, not one every [`super::lod::TICK_MERGE_PX`]); a tripped tick
/// stays its own mark. The screen and the export both draw probe lanes through this.
pub fn join_tick_bars(
    clusters: Vec<super::lod::Cluster>,
    pts: &[super::lod::RunPoint],
    ticks: &[Tick],
) -> Vec<super::lod::Cluster> {
    super::lod::join_bars(
        clusters,
        |c| {
            let p = pts[c.rep];
            let tk = &ticks[p.entry];
            (!(tk.tripped && p.k == 0)).then(|| probe_mark(tk.result).1)
        },
        2.0 * super::lod::TICK_MERGE_PX,
    )
}

/// One lane per probe of `c` (named after the probe type: `startup`, `liveness`, `readiness`).
/// In `lang`: the bands' labels and details and the skipped ticks' reasons (a failed tick's
/// detail is the probe's output and stays as it is).
pub fn probe_lanes(c: &ContainerTrack, end: Time, lang: Lang) -> Vec<Lane> {
    let mut lanes = Vec::new();
    for p in &c.probes {
        let mut ticks: Vec<Tick> = p.ticks.iter().map(Tick::from).collect();
        let bands = probe_bands(c, &ticks, end, lang);
        if lang != Lang::En {
            for tk in ticks.iter_mut().filter(|tk| tk.skip.is_some()) {
                if let (Some(d), Some(r)) = (&mut tk.detail, tk.skip) {
                    *d = lang.t(r.message()).to_string();
                }
            }
        }
        lanes.push(Lane {
            name: p.probe_type.title().to_lowercase(),
            content: LaneContent::Probe {
                probe_type: p.probe_type,
                describe: p.describe.clone(),
                period: p.period.as_secs_f64(),
                ticks,
                phase: p.worker_created.as_secs_f64(),
                gates: if !p.initial_delay.is_zero() {
                    c.runs
                        .iter()
                        .map(|r| {
                            let s = r.started;
                            (s.as_secs_f64(), (s + p.initial_delay).as_secs_f64())
                        })
                        .collect()
                } else {
                    vec![]
                },
                failure_threshold: p.failure_threshold,
                success_threshold: p.success_threshold,
                bands,
            },
        });
    }
    lanes
}

/// Whether a band of a probe lane is a startup probe's `done` (it succeeded: on hold until the
/// container restarts) rather than on hold after a failure, in any of the chart's languages.
pub fn band_is_done(s: &Seg) -> bool {
    s.kind == "probe-on-hold"
        && [Lang::En, Lang::ZhCn]
            .iter()
            .any(|l| s.label == l.t("done"))
}

/// Bands of a probe lane where the worker ticks without probing: on hold after a trip
/// (`probe-on-hold`) and liveness/readiness disabled until the startup probe succeeds
/// (`probe-disabled`). Each runs from its skipped entry to the next entry, or for the last entry
/// to the container's restart (or exit, or `end`).
fn probe_bands(c: &ContainerTrack, ticks: &[Tick], end: Time, lang: Lang) -> Vec<Seg> {
    let mut out = Vec::new();
    for (i, tk) in ticks.iter().enumerate() {
        if tk.result != ProbeResult::Skipped {
            continue;
        }
        // A startup probe goes on hold once it succeeded: its work for the container is done.
        let done = i
            .checked_sub(1)
            .is_some_and(|j| ticks[j].result == ProbeResult::Success && ticks[j].tripped);
        let (kind, label) = match tk.skip {
            Some(SkipReason::OnHold) if done => ("probe-on-hold", "done"),
            Some(SkipReason::OnHold) => ("probe-on-hold", "on hold"),
            Some(SkipReason::NotStarted) => ("probe-disabled", "not started"),
            _ => continue,
        };
        let stop = match ticks.get(i + 1) {
            Some(next) => next.t,
            None => {
                // Chart seconds are exact images of whole milliseconds: compare them as such.
                let at = |t: podlife_engine::Time| t.as_secs_f64();
                let next_run = c
                    .runs
                    .iter()
                    .find(|r| at(r.started) > tk.t)
                    .map(|r| at(r.started));
                let exit = c
                    .runs
                    .iter()
                    .find(|r| at(r.started) <= tk.t && r.exited.is_some_and(|x| at(x) > tk.t))
                    .and_then(|r| r.exited.map(at));
                match kind {
                    "probe-on-hold" => next_run.or(exit),
                    _ => exit,
                }
                .unwrap_or(end)
            }
        }
        .min(end);
        if stop > tk.t {
            out.push(Seg {
                start: tk.t,
                end: stop,
                label: lang.t(label).into(),
                tone: Tone::Neutral,
                kind,
                detail: if label == "done" {
                    lang.t(
                        "succeeded: no more probes for this container (on hold until it restarts)",
                    )
                    .into()
                } else {
                    match tk.skip {
                        Some(r) => lang.t(r.message()).into(),
                        None => tk.detail.clone().unwrap_or_default(),
                    }
                },
            });
        }
    }
    out
}
