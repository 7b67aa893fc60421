//! A container's track: its state (from the runtime runs, with the published Waiting /
//! Terminated reasons between them), ready, image pulls, back-off windows, hooks, signals, and
//! its probe lanes ([`super::probes`]).

use super::{
    horizon, strip, waiting_tone, Lane, LaneContent, Lang, Mark, MarkKind, Seg, Tone, Track,
    TrackKind,
};
use podlife_engine::{ContainerKind, ContainerState, ContainerStatus, PodStatus, Timeline};

/// The engine's exact instants; the chart's [`super::Time`] is their image in seconds.
type Instant = podlife_engine::Time;

/// The status of container `name` in a published pod status.
fn container_status<'a>(st: &'a PodStatus, name: &str) -> Option<&'a ContainerStatus> {
    st.init_container_statuses
        .iter()
        .chain(&st.container_statuses)
        .chain(&st.ephemeral_container_statuses)
        .find(|c| c.name == name)
}

fn terminated_label(reason: Option<&str>, code: Option<i32>) -> (String, Tone) {
    let code = code.unwrap_or(0);
    let reason =
        reason
            .filter(|r| !r.is_empty())
            .unwrap_or(if code == 0 { "Completed" } else { "Error" });
    (
        format!("Terminated: {reason} ({code})"),
        if code == 0 { Tone::Done } else { Tone::Bad },
    )
}

/// Slices of the `state` lane for one container.
///
/// Running and Terminating come from the runtime runs (exact instants); the labels of the gaps
/// between runs (Waiting reasons such as `ContainerCreating`, `CrashLoopBackOff`) come from the
/// published status snapshots in the gap, starting from a default (`ContainerCreating`, or
/// `PodInitializing` for app containers of a pod with init containers; `Terminated` after an exit).
pub fn state_slices(tl: &Timeline, c: &podlife_engine::ContainerTrack) -> Vec<Seg> {
    state_slices_in(tl, c, Lang::En)
}

/// [`state_slices`] with the chart's own words in `lang` (the states and reasons stay).
pub fn state_slices_in(tl: &Timeline, c: &podlife_engine::ContainerTrack, lang: Lang) -> Vec<Seg> {
    let end = horizon(tl);
    let has_init = tl
        .containers
        .iter()
        .any(|o| matches!(o.kind, ContainerKind::Init | ContainerKind::Sidecar));
    let mut out: Vec<Seg> = Vec::new();
    let gap = |out: &mut Vec<Seg>, a: Instant, b: Instant, prev: Option<&podlife_engine::Run>| {
        if b <= a {
            return;
        }
        let (mut label, mut tone, mut kind) = match prev {
            Some(r) => {
                let (l, t) = terminated_label(r.reason.as_deref(), r.exit_code);
                (l, t, "terminated")
            }
            None => {
                let l = if c.kind == ContainerKind::Regular && has_init {
                    "PodInitializing"
                } else {
                    "ContainerCreating"
                };
                (format!("Waiting: {l}"), Tone::Pending, "waiting")
            }
        };
        let mut start = a;
        let first = tl.snapshots.partition_point(|s| s.t <= a);
        for snap in tl.snapshots[first..].iter().take_while(|s| s.t < b) {
            let (l, t, k) = match container_status(&snap.status, &c.name).map(|s| &s.state) {
                Some(ContainerState::Waiting { reason, .. }) => (
                    format!("Waiting: {reason}"),
                    waiting_tone(reason),
                    "waiting",
                ),
                Some(ContainerState::Terminated {
                    reason, exit_code, ..
                }) => {
                    let (l, t) = terminated_label(Some(reason), Some(*exit_code));
                    (l, t, "terminated")
                }
                // A Running status published before the runtime exit was observed: not news.
                _ => continue,
            };
            if l != label {
                out.push(Seg {
                    start: start.into(),
                    end: snap.t.into(),
                    detail: label.clone(),
                    label,
                    tone,
                    kind,
                });
                (label, tone, kind, start) = (l, t, k, snap.t);
            }
        }
        out.push(Seg {
            start: start.into(),
            end: b.into(),
            detail: label.clone(),
            label,
            tone,
            kind,
        });
    };
    let mut t = tl.pod.created_at;
    let mut prev: Option<&podlife_engine::Run> = None;
    for run in &c.runs {
        gap(&mut out, t, run.created.min(end), prev);
        if run.started > run.created {
            out.push(Seg {
                start: run.created.into(),
                end: run.started.into(),
                label: "Created".into(),
                tone: Tone::Pending,
                kind: "created",
                detail: lang.f("created at {}, starting", &[&super::secs(run.created)]),
            });
        }
        let exit = run.exited.unwrap_or(end).min(end);
        let kill = run.kill_started.filter(|&k| k < exit);
        let run_end = kill.unwrap_or(exit);
        let restart_note = if run.restart_count > 0 {
            lang.f(" (restart {})", &[&run.restart_count.to_string()])
        } else {
            String::new()
        };
        out.push(Seg {
            start: run.started.into(),
            end: run_end.into(),
            label: "Running".into(),
            tone: Tone::Good,
            kind: "running",
            detail: lang.f(
                "Running since {}{}",
                &[&super::secs(run.started), &restart_note],
            ),
        });
        if let Some(k) = kill {
            out.push(Seg {
                start: k.into(),
                end: exit.into(),
                label: "Terminating".into(),
                tone: Tone::Term,
                kind: "terminating",
                detail: format!("Killing: {}", run.kill_reason.clone().unwrap_or_default()),
            });
        }
        t = exit;
        prev = Some(run);
    }
    gap(&mut out, t, end, prev);
    out.retain(|s| s.end > s.start);
    out
}

/// `back-off 20s`: a back-off window's length, Go-duration style (`1m20s`), or `back-off` while
/// it is still open at the horizon.
pub fn backoff_label(start: Instant, end: Option<Instant>) -> String {
    backoff_label_in(start, end, Lang::En)
}

/// [`backoff_label`] in `lang` (`回退 20s`).
pub fn backoff_label_in(start: Instant, end: Option<Instant>, lang: Lang) -> String {
    match end {
        Some(e) => {
            let ms = (e - start).as_ms().max(0) as u64;
            let (m, s, rem) = (ms / 60_000, (ms / 1000) % 60, ms % 1000);
            let secs = if rem == 0 {
                format!("{s}s")
            } else {
                format!("{}s", format!("{s}.{rem:03}").trim_end_matches('0'))
            };
            let d = if m > 0 { format!("{m}m{secs}") } else { secs };
            lang.f("back-off {}", &[&d])
        }
        None => lang.t("back-off").into(),
    }
}

/// A container's track, the chart's own words in `lang`.
pub fn container_track(tl: &Timeline, c: &podlife_engine::ContainerTrack, lang: Lang) -> Track {
    let end = horizon(tl);
    let mut lanes = vec![Lane {
        name: "state".into(),
        content: LaneContent::Slices(state_slices_in(tl, c, lang)),
    }];

    let ready = strip(
        tl.snapshots.iter().map(|s| {
            let r = container_status(&s.status, &c.name).is_some_and(|cs| cs.ready);
            (
                s.t,
                if r { "Ready" } else { "" }.to_string(),
                if r { Tone::Good } else { Tone::Neutral },
            )
        }),
        end,
        "ready",
    );
    if ready.iter().any(|s| s.tone == Tone::Good) {
        lanes.push(Lane {
            name: "ready".into(),
            content: LaneContent::Slices(ready),
        });
    }

    let span_seg = |s: &podlife_engine::Span, tone: Tone, kind: &'static str| Seg {
        start: s.start.into(),
        end: s.end.unwrap_or(end).into(),
        label: s.label.clone(),
        tone,
        kind,
        detail: s.detail.clone().unwrap_or_else(|| s.label.clone()),
    };
    if !c.pulls.is_empty() {
        let pulls = c
            .pulls
            .iter()
            .map(|s| span_seg(s, Tone::Info, "pull"))
            .collect();
        lanes.push(Lane {
            name: "image".into(),
            content: LaneContent::Slices(pulls),
        });
    }
    if !c.backoffs.is_empty() {
        let b = c
            .backoffs
            .iter()
            .map(|s| {
                let mut seg = span_seg(s, Tone::Warn, "backoff");
                seg.label = backoff_label_in(s.start, s.end, lang);
                seg.detail = match s.end {
                    Some(e) => lang.f(
                        "{}: {}; restarts at {}",
                        &[&s.label, &seg.label, &super::secs(e)],
                    ),
                    None => lang.f("{}: still backing off at the horizon", &[&s.label]),
                };
                seg
            })
            .collect();
        lanes.push(Lane {
            name: "back-off".into(),
            content: LaneContent::Slices(b),
        });
    }
    let mut hooks: Vec<Seg> = Vec::new();
    for r in &c.runs {
        for (name, h) in [("postStart", &r.post_start), ("preStop", &r.pre_stop)] {
            if let Some(h) = h {
                hooks.push(Seg {
                    start: h.start.into(),
                    end: h.end.unwrap_or(end).into(),
                    label: name.into(),
                    tone: if h.result == podlife_engine::HookResult::Failed {
                        Tone::Bad
                    } else {
                        Tone::Hook
                    },
                    kind: if name == "postStart" {
                        "post-start"
                    } else {
                        "pre-stop"
                    },
                    detail: lang.f("{} hook: {}", &[name, lang.t(h.result.as_str())]),
                });
            }
        }
    }
    if !hooks.is_empty() {
        hooks.sort_by(|a, b| a.start.total_cmp(&b.start));
        lanes.push(Lane {
            name: "hooks".into(),
            content: LaneContent::Slices(hooks),
        });
    }

    let mut marks: Vec<Mark> = Vec::new();
    for r in &c.runs {
        if r.restart_count > 0 {
            marks.push(Mark {
                t: r.created.into(),
                kind: MarkKind::Restart,
                detail: lang.f(
                    "restart #{} (container recreated)",
                    &[&r.restart_count.to_string()],
                ),
            });
        }
        if let Some(t) = r.kill_started {
            marks.push(Mark {
                t: t.into(),
                kind: MarkKind::Kill,
                detail: format!("Killing: {}", r.kill_reason.clone().unwrap_or_default()),
            });
        }
        if let Some(t) = r.sigterm {
            marks.push(Mark {
                t: t.into(),
                kind: MarkKind::Sigterm,
                detail: stop_signal_detail_in(r.stop_signal.as_ref(), lang),
            });
        }
        if let Some(t) = r.sigkill {
            marks.push(Mark {
                t: t.into(),
                kind: MarkKind::Sigkill,
                detail: lang.t("SIGKILL sent").into(),
            });
        }
        if let Some(t) = r.exited {
            let (l, _) = terminated_label(r.reason.as_deref(), r.exit_code);
            marks.push(Mark {
                t: t.into(),
                kind: MarkKind::Exit,
                detail: lang.f("exited: {}", &[l.trim_start_matches("Terminated: ")]),
            });
        }
    }
    if !marks.is_empty() {
        marks.sort_by(|a, b| a.t.total_cmp(&b.t));
        lanes.push(Lane {
            name: "signals".into(),
            content: LaneContent::Instants(marks),
        });
    }

    lanes.extend(super::probes::probe_lanes(c, end.into(), lang));
    Track {
        name: c.name.clone(),
        kind: TrackKind::Container(c.kind),
        subtitle: c.image.clone(),
        lanes,
        group: 0,
        assumptions: c.assumptions.clone(),
    }
}

/// "SIGQUIT sent (the image's STOPSIGNAL)": the stop signal, named where it is not SIGTERM.
pub fn stop_signal_detail(s: Option<&podlife_engine::timeline::StopSignal>) -> String {
    stop_signal_detail_in(s, Lang::En)
}

/// [`stop_signal_detail`] in `lang`.
pub fn stop_signal_detail_in(
    s: Option<&podlife_engine::timeline::StopSignal>,
    lang: Lang,
) -> String {
    use podlife_engine::timeline::StopSignal;
    match s {
        None => lang.t("SIGTERM sent").into(),
        Some(_) => lang.f(
            "{} sent ({})",
            &[StopSignal::name(s), lang.t(StopSignal::from_words(s))],
        ),
    }
}
