//! The pod track: the `kubectl get` STATUS and READY columns, the phase, one lane per pod
//! condition, the Service `endpoints`, the sandbox, the events and the deletion grace ruler.

use super::{
    horizon, phase_tone, status_tone, strip, Lane, LaneContent, Lang, Mark, MarkKind, Seg, Tone,
    Track, TrackKind,
};
use podlife_engine::{kubectl, ContainerState, Timeline};

/// The engine's exact instants; the chart's [`super::Time`] is their image in seconds.
type Instant = podlife_engine::Time;

/// The pod's track, its own words in `lang`.
pub fn pod_track(tl: &Timeline, lang: Lang) -> Track {
    let end = horizon(tl);
    // Sample the kubectl columns where they can change: at each published status and at the
    // deletion instants. (The views never simulate; this is a lookup per instant.)
    let mut times: Vec<Instant> = tl.snapshots.iter().map(|s| s.t).collect();
    times.extend(
        [tl.pod.deleted_at, tl.pod.deletion_timestamp]
            .into_iter()
            .flatten(),
    );
    // A replacement pod exists only from its creation on.
    let born = tl.pod.created_at;
    times.push(born);
    times.retain(|&t| t >= born);
    times.sort();
    times.dedup();
    let cols: Vec<_> = times
        .iter()
        .map(|&t| (t, kubectl::status_at(tl, t).kubectl))
        .collect();
    let status = strip(
        cols.iter()
            .map(|(t, c)| (*t, c.status.clone(), status_tone(&c.status))),
        end,
        "status",
    );
    let ready = strip(
        cols.iter().map(|(t, c)| {
            let all = c
                .ready
                .split_once('/')
                .is_some_and(|(a, b)| a == b && a != "0");
            (
                *t,
                c.ready.clone(),
                if all { Tone::Good } else { Tone::Neutral },
            )
        }),
        end,
        "ready",
    );
    let phase = strip(
        tl.snapshots
            .iter()
            .map(|s| (s.t, s.status.phase.to_string(), phase_tone(s.status.phase))),
        end,
        "phase",
    );
    let sandbox: Vec<Seg> = tl
        .sandbox
        .iter()
        .map(|s| Seg {
            start: s.start.into(),
            end: s.end.unwrap_or(end).into(),
            label: lang.word(&s.label),
            tone: Tone::Info,
            kind: "sandbox",
            detail: s.detail.clone().unwrap_or_else(|| lang.word(&s.label)),
        })
        .collect();
    let mut events: Vec<Mark> = tl
        .events
        .iter()
        .map(|e| Mark {
            t: e.t.into(),
            kind: if e.event_type == podlife_engine::EventType::Warning {
                MarkKind::EventWarning
            } else {
                MarkKind::EventNormal
            },
            detail: format!(
                "{} {}{}: {}",
                e.event_type,
                e.reason,
                if e.object.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", e.object)
                },
                e.message
            ),
        })
        .collect();
    events.extend(tl.pod.deleted_at.map(|t| Mark {
        t: t.into(),
        kind: MarkKind::Deleted,
        detail: lang.t("DELETE received").into(),
    }));
    events.extend(tl.pod.removed_at.map(|t| Mark {
        t: t.into(),
        kind: MarkKind::Removed,
        detail: lang.t("pod object removed").into(),
    }));
    events.sort_by(|a, b| a.t.total_cmp(&b.t));
    let mut removed_tail = Vec::new();
    if let Some(r) = tl.pod.removed_at.filter(|&r| r < tl.until) {
        removed_tail.push(Seg {
            start: r.into(),
            end: tl.until.into(),
            label: "NotFound".into(),
            tone: Tone::Neutral,
            kind: "status",
            detail: lang.t("the pod object no longer exists").into(),
        });
    }
    let mut status = status;
    status.extend(removed_tail);
    let conditions = condition_lanes(tl, end);
    let endpoints = endpoint_slices(tl, end, lang);
    // The deletion grace-period ruler: from DELETE to the deletionTimestamp (the SIGKILL deadline).
    let grace: Vec<Seg> = match (tl.pod.deleted_at, tl.pod.deletion_timestamp) {
        (Some(d), Some(ts)) if ts >= d => {
            let g = tl
                .pod
                .deletion_grace_period_seconds
                .unwrap_or((ts - d + Instant::from_ms(500)).floor_secs());
            vec![Seg {
                start: d.into(),
                end: ts.max(d + Instant::MS).min(tl.until).into(),
                label: lang.f("grace {}s", &[&g.to_string()]),
                tone: Tone::Term,
                kind: "grace",
                detail: lang.f(
                    "deletion grace period {}s: DELETE at {}, deletionTimestamp {}",
                    &[&g.to_string(), &super::secs(d), &super::secs(ts)],
                ),
            }]
        }
        _ => vec![],
    };
    let mut lanes = vec![
        Lane {
            name: "STATUS".into(),
            content: LaneContent::Slices(status),
        },
        Lane {
            name: "READY".into(),
            content: LaneContent::Slices(ready),
        },
        Lane {
            name: "phase".into(),
            content: LaneContent::Slices(phase),
        },
    ];
    lanes.extend(conditions);
    if !endpoints.is_empty() {
        lanes.push(Lane {
            name: "endpoints".into(),
            content: LaneContent::Slices(endpoints),
        });
    }
    lanes.push(Lane {
        name: "sandbox".into(),
        content: LaneContent::Slices(sandbox),
    });
    lanes.push(Lane {
        name: "events".into(),
        content: LaneContent::Instants(events),
    });
    if !grace.is_empty() {
        let (steps, marks) = grace_steps(tl, end, lang);
        lanes.push(Lane {
            name: "grace".into(),
            content: LaneContent::Ruler {
                base: grace,
                steps,
                marks,
            },
        });
    }
    Track {
        name: tl.pod.name.clone(),
        kind: TrackKind::Pod,
        subtitle: format!("restartPolicy {}", tl.pod.restart_policy),
        lanes,
        group: 0,
        assumptions: vec![],
    }
}

/// Colour of a pod condition: True is good; False is a warning, except after completion.
fn condition_tone(status: &str, reason: Option<&str>) -> Tone {
    match (status, reason) {
        ("True", _) => Tone::Good,
        (_, Some("PodCompleted")) => Tone::Done,
        (_, Some("PodFailed")) => Tone::Bad,
        ("False", _) => Tone::Warn,
        _ => Tone::Neutral,
    }
}

/// One lane per pod condition the published snapshots carry (`Ready`, `ContainersReady`, ...),
/// in the order the kubelet writes them, which is the order `kubectl describe` prints.
/// Slices (`data-span="condition"`) are labelled `True` or `False: <reason>`.
fn condition_lanes(tl: &Timeline, end: Instant) -> Vec<Lane> {
    let mut types: Vec<&str> = Vec::new();
    for s in &tl.snapshots {
        for c in &s.status.conditions {
            if !types.contains(&c.condition_type.as_str()) {
                types.push(&c.condition_type);
            }
        }
    }
    types
        .into_iter()
        .map(|ty| {
            let samples = tl.snapshots.iter().map(|s| {
                match s.status.conditions.iter().find(|c| c.condition_type == ty) {
                    Some(c) => {
                        let label = match (&c.status[..], &c.reason) {
                            ("True", _) | (_, None) => c.status.clone(),
                            (st, Some(r)) => format!("{st}: {r}"),
                        };
                        (s.t, label, condition_tone(&c.status, c.reason.as_deref()))
                    }
                    None => (s.t, String::new(), Tone::Neutral),
                }
            });
            let mut segs = strip(samples, end, "condition");
            segs.retain(|s| !s.label.is_empty());
            for seg in &mut segs {
                // The condition as published at the slice's start: reason, message, transition.
                let c = tl
                    .snapshot_at(Instant::from_secs_f64(seg.start))
                    .and_then(|st| st.conditions.iter().find(|c| c.condition_type == ty));
                let mut d = format!("{ty}={}", seg.label.replacen(": ", " (", 1));
                if seg.label.contains(": ") {
                    d.push(')');
                }
                if let Some(c) = c {
                    if let Some(m) = &c.message {
                        d.push_str(&format!("\n{m}"));
                    }
                    d.push_str(&format!(
                        "\nlastTransitionTime {}",
                        super::secs(c.last_transition_time)
                    ));
                }
                seg.detail = d;
            }
            Lane {
                name: ty.to_string(),
                content: LaneContent::Slices(segs),
            }
        })
        .collect()
}

/// Where the pod stands in a Service's endpoints at `t`, as the EndpointSlice controller computes
/// it from the published status (`endpointslice/utils.go podToEndpoint`): `(data-span, label,
/// tone)`, or `None` when the pod is not listed (no IP yet, Succeeded/Failed, or gone).
///
/// rule: endpoint-conditions
fn endpoint_state(tl: &Timeline, t: Instant) -> Option<(&'static str, &'static str, Tone)> {
    if tl.removed_at(t) {
        return None;
    }
    let st = tl.snapshot_at(t)?;
    // ShouldPodBeInEndpoints: a terminal pod is dropped.
    if st.phase.is_terminal() {
        return None;
    }
    let cond = |ty: &str| {
        st.conditions
            .iter()
            .find(|c| c.condition_type == ty)
            .map(|c| c.status == "True")
    };
    // No podIP before the sandbox is up (ShouldPodBeInEndpoints skips pods without an IP): the
    // IP is published with the sandbox, which PodReadyToStartContainers reports (1.29+); older
    // kubelets: once a container left ContainerCreating.
    let has_ip = cond("PodReadyToStartContainers").unwrap_or_else(|| {
        st.init_container_statuses
            .iter()
            .chain(&st.container_statuses)
            .any(|c| !matches!(&c.state, ContainerState::Waiting { reason, .. } if reason == "ContainerCreating"))
    });
    if !has_ip {
        return None;
    }
    let ready = cond("Ready").unwrap_or(false);
    let deleting = tl.pod.deleted_at.is_some_and(|d| t >= d);
    Some(match (ready, deleting) {
        (true, false) => ("endpoint-ready", "ready", Tone::Good),
        (true, true) => (
            "endpoint-serving-terminating",
            "serving, terminating",
            Tone::Term,
        ),
        (false, true) => ("endpoint-terminating", "terminating", Tone::Neutral),
        (false, false) => ("endpoint-not-ready", "not ready", Tone::Warn),
    })
}

/// The `endpoints` lane: the pod's place in a selecting Service's endpoints, sampled at every
/// published status and at the deletion.
fn endpoint_slices(tl: &Timeline, end: Instant, lang: Lang) -> Vec<Seg> {
    let mut times: Vec<Instant> = tl.snapshots.iter().map(|s| s.t).collect();
    times.extend(tl.pod.deleted_at);
    times.sort();
    times.dedup();
    let mut out: Vec<Seg> = Vec::new();
    // Whether the last slice is still open (runs to `end` until a change closes it).
    let mut open = false;
    for t in times.into_iter().filter(|&t| t < end) {
        let state = endpoint_state(tl, t);
        if let Some(last) = out.last_mut().filter(|_| open) {
            if state.map(|s| s.0) == Some(last.kind) {
                continue;
            }
            last.end = t.into();
            open = false;
        }
        if let Some((kind, label, tone)) = state {
            open = true;
            let detail = match kind {
                "endpoint-ready" => "in the Service's ready endpoints (EndpointSlice ready=true, serving=true, terminating=false)",
                "endpoint-serving-terminating" => "deleting but still Ready: EndpointSlice ready=false, serving=true, terminating=true",
                "endpoint-terminating" => "deleting and not Ready: EndpointSlice ready=false, serving=false, terminating=true",
                _ => "listed as not ready (EndpointSlice ready=false; Endpoints notReadyAddresses)",
            };
            out.push(Seg {
                start: t.into(),
                end: end.into(),
                label: lang.t(label).into(),
                tone,
                kind,
                detail: lang.t(detail).into(),
            });
        }
    }
    out.retain(|s| s.end > s.start);
    out
}

/// The steps inside the deletion ruler: each container's preStop hook (`grace-prestop`), its
/// SIGTERM and SIGKILL, and the removal of the pod object. The order is the kubelet's
/// (`pkg/kubelet/kuberuntime/kuberuntime_container.go` `killContainer`: preStop first, then
/// StopContainer with the grace left, at least `minimumGracePeriodInSeconds` = 2 s); the instants
/// come from the engine's runs, this only lays them out.
fn grace_steps(tl: &Timeline, end: Instant, lang: Lang) -> (Vec<Seg>, Vec<Mark>) {
    let Some(d) = tl.pod.deleted_at else {
        return (vec![], vec![]);
    };
    let after = |t: Instant| t >= d;
    let mut steps = Vec::new();
    let mut marks = Vec::new();
    for c in &tl.containers {
        for r in &c.runs {
            if let Some(h) = r.pre_stop.as_ref().filter(|h| after(h.start)) {
                steps.push(Seg {
                    start: h.start.into(),
                    end: h.end.unwrap_or(end).max(h.start + Instant::MS).into(),
                    label: format!("preStop {}", c.name),
                    tone: if h.result == podlife_engine::HookResult::Failed {
                        Tone::Bad
                    } else {
                        Tone::Hook
                    },
                    kind: "grace-prestop",
                    detail: lang.f("{}: preStop hook {}", &[&c.name, lang.t(h.result.as_str())]),
                });
            }
            if let Some(t) = r.sigterm.filter(|&t| after(t)) {
                let pre = r
                    .pre_stop
                    .as_ref()
                    .filter(|h| after(h.start))
                    .map_or(Instant::ZERO, |h| h.end.unwrap_or(t) - h.start);
                let grace = tl
                    .pod
                    .deletion_grace_period_seconds
                    .unwrap_or(tl.pod.termination_grace_period_seconds);
                let gap = (Instant::from_secs(grace) - Instant::from_secs(pre.floor_secs()))
                    .max(Instant::from_secs(2));
                marks.push(Mark {
                    t: t.into(),
                    kind: MarkKind::GraceSigterm,
                    detail: lang.f(
                        "{} to {}; SIGKILL due at {} if still running",
                        &[
                            podlife_engine::timeline::StopSignal::name(r.stop_signal.as_ref()),
                            &c.name,
                            &super::secs(t + gap),
                        ],
                    ),
                });
            }
            if let Some(t) = r.sigkill.filter(|&t| after(t)) {
                marks.push(Mark {
                    t: t.into(),
                    kind: MarkKind::GraceSigkill,
                    detail: lang.f("SIGKILL to {}: still running at its deadline", &[&c.name]),
                });
            }
        }
    }
    if let Some(t) = tl.pod.removed_at {
        marks.push(Mark {
            t: t.into(),
            kind: MarkKind::GraceRemoved,
            detail: lang.t("pod object removed from the API").into(),
        });
    }
    steps.sort_by(|a, b| a.start.total_cmp(&b.start));
    marks.sort_by(|a, b| a.t.total_cmp(&b.t));
    (steps, marks)
}
