//! The chart model of gallery pods (the web app's model tests of the fixture stay in `src/model.rs`).

use super::*;
use podlife_engine::Time as T;
use podlife_engine::{ProbeResult, Settings};

/// Gallery pod `id` simulated with the default settings, deleted at `delete_at` if given (as the
/// web app's "delete" live action does).
fn gallery(id: &str, delete_at: Option<f64>) -> Vec<Track> {
    let ex = podlife_engine::gallery::get(id).unwrap();
    let scn =
        delete_at.map(|t| format!("kind: Scenario\nactions:\n  - {{at: {t}, delete: {{}}}}\n"));
    let tl = podlife_engine::simulate(ex.yaml, scn.as_deref(), &Settings::default())
        .unwrap()
        .timeline;
    tracks(&tl)
}

fn slices<'a>(t: &'a Track, lane: &str) -> &'a [Seg] {
    match &t.lanes.iter().find(|l| l.name == lane).unwrap().content {
        LaneContent::Slices(s) => s,
        _ => panic!("not slices"),
    }
}

fn lane<'a>(t: &'a Track, lane: &str) -> &'a LaneContent {
    &t.lanes
        .iter()
        .find(|l| l.name == lane)
        .unwrap_or_else(|| panic!("lane {lane} in {}", t.name))
        .content
}

fn spans(segs: &[Seg]) -> Vec<(&str, f64, f64)> {
    segs.iter().map(|s| (s.kind, s.start, s.end)).collect()
}

#[test]
fn tones() {
    assert_eq!(status_tone("CrashLoopBackOff"), Tone::Bad);
    assert_eq!(status_tone("Init:0/2"), Tone::Pending);
    assert_eq!(status_tone("Init:CrashLoopBackOff"), Tone::Bad);
    assert_eq!(status_tone("Completed"), Tone::Done);
    assert_eq!(status_tone("Terminating"), Tone::Term);
}

#[test]
fn pod_track_has_condition_and_endpoint_lanes() {
    let tr = gallery("exec-liveness", None);
    let lanes: Vec<_> = tr[0].lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        lanes,
        [
            "STATUS",
            "READY",
            "phase",
            "PodReadyToStartContainers",
            "Initialized",
            "Ready",
            "ContainersReady",
            "PodScheduled",
            "endpoints",
            "sandbox",
            "events"
        ]
    );
    let ready = slices(&tr[0], "Ready");
    assert_eq!(ready[0].label, "False: ContainersNotReady");
    assert_eq!(ready[0].tone, Tone::Warn);
    assert_eq!((ready[1].label.as_str(), ready[1].start), ("True", 2.5));
    assert_eq!(ready[1].tone, Tone::Good);
    assert!(ready.iter().all(|s| s.kind == "condition"));
    assert!(ready[0].detail.contains("containers with unready status"));
    // 1.36+ (#134660): True as soon as the sandbox is ready (1 s), before the pulls.
    let sandbox = slices(&tr[0], "PodReadyToStartContainers");
    assert_eq!(
        spans(sandbox)[..2],
        [("condition", 0.0, 1.0), ("condition", 1.0, 600.0)][..]
    );
}

#[test]
fn endpoints_follow_readiness_and_deletion() {
    let tr = gallery("docs-readiness-exec", None);
    assert_eq!(
        spans(slices(&tr[0], "endpoints")),
        [
            // Listed (not ready) once the pod has its IP with the sandbox (1 s, 1.36+).
            ("endpoint-not-ready", 1.0, 7.5),
            ("endpoint-ready", 7.5, 42.5),
            ("endpoint-not-ready", 42.5, 600.0)
        ]
    );
    // Deleted at 20 s: still serving while Ready, then nothing once the pod is Failed.
    let tr = gallery("exec-liveness", Some(20.0));
    let ep = slices(&tr[0], "endpoints");
    assert_eq!(
        spans(ep),
        [
            ("endpoint-not-ready", 1.0, 2.5),
            ("endpoint-ready", 2.5, 20.0),
            ("endpoint-serving-terminating", 20.0, 50.5)
        ]
    );
    assert_eq!(ep[2].label, "serving, terminating");
    // A Job's pod that Succeeded leaves the endpoints.
    let tr = gallery("docs-sidecar-job", None);
    let ep = slices(&tr[0], "endpoints");
    let phase = slices(&tr[0], "phase");
    let done = phase.iter().find(|s| s.label == "Succeeded").unwrap().start;
    assert!(ep.last().unwrap().end <= done);
}

#[test]
fn grace_ruler_has_the_termination_steps() {
    let tr = gallery("docs-prestop-sleep", Some(20.0));
    let LaneContent::Ruler { base, steps, marks } = lane(&tr[0], "grace") else {
        panic!("grace is a ruler")
    };
    assert_eq!(base[0].kind, "grace");
    assert_eq!(spans(steps), [("grace-prestop", 20.5, 25.5)]);
    assert_eq!(steps[0].label, "preStop web");
    let kinds: Vec<_> = marks.iter().map(|m| (m.kind.name(), m.t)).collect();
    assert_eq!(kinds, [("grace-sigterm", 25.5), ("grace-removed", 26.5)]);
    // The shell ignores SIGTERM: SIGKILL at the deadline, 30 s after SIGTERM.
    let tr = gallery("exec-liveness", Some(20.0));
    let LaneContent::Ruler { steps, marks, .. } = lane(&tr[0], "grace") else {
        panic!()
    };
    assert!(steps.is_empty());
    let kinds: Vec<_> = marks.iter().map(|m| (m.kind.name(), m.t)).collect();
    assert_eq!(
        kinds,
        [
            ("grace-sigterm", 20.5),
            ("grace-sigkill", 50.5),
            ("grace-removed", 51.5)
        ]
    );
    assert!(
        marks[0].detail.contains("SIGKILL due at 50.5"),
        "{}",
        marks[0].detail
    );
}

#[test]
fn probe_lanes_carry_thresholds_and_bands() {
    let tr = gallery("exec-liveness", None);
    let LaneContent::Probe {
        failure_threshold,
        success_threshold,
        bands,
        ticks,
        ..
    } = lane(&tr[1], "liveness")
    else {
        panic!()
    };
    assert_eq!((*failure_threshold, *success_threshold), (3, 1));
    assert_eq!(spans(&bands[..1]), [("probe-on-hold", 50.0, 80.0)]);
    assert!(bands.windows(2).all(|w| w[0].end <= w[1].start));
    // The three failures count 1/3, 2/3, 3/3 (the trip resets resultRun to 0).
    let fails: Vec<_> = ticks
        .iter()
        .filter(|t| t.result == ProbeResult::Failure)
        .take(3)
        .map(|t| probe_counter(t, 0, 3, 1))
        .collect();
    assert_eq!(fails, [Some((1, 3)), Some((2, 3)), Some((3, 3))]);
    let ok = ticks
        .iter()
        .find(|t| t.result == ProbeResult::Success)
        .unwrap();
    assert_eq!(probe_counter(ok, 2, 3, 1), None);
    assert_eq!(probe_counter(ok, 2, 3, 3), Some((3, 3)));

    let tr = gallery("docs-startup-probe", None);
    let LaneContent::Probe { bands, .. } = lane(&tr[1], "liveness") else {
        panic!()
    };
    assert_eq!(spans(bands), [("probe-disabled", 10.0, 90.0)]);
    let LaneContent::Probe { bands, .. } = lane(&tr[1], "startup") else {
        panic!()
    };
    assert_eq!(bands[0].label, "done");
}

#[test]
fn backoff_slices_say_how_long_and_when_they_end() {
    assert_eq!(
        backoff_label(T::ZERO, Some(T::from_secs(20))),
        "back-off 20s"
    );
    assert_eq!(
        backoff_label(T::from_secs(10), Some(T::from_secs(90))),
        "back-off 1m20s"
    );
    assert_eq!(
        backoff_label(T::ZERO, Some(T::from_ms(2500))),
        "back-off 2.5s"
    );
    assert_eq!(backoff_label(T::ZERO, None), "back-off");
    let tr = gallery("crash-loop", None);
    let b = slices(&tr[1], "back-off");
    let labels: Vec<_> = b.iter().take(3).map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["back-off 10s", "back-off 20s", "back-off 40s"]);
    assert!(b[0].detail.contains("restarts at 12.6"), "{}", b[0].detail);
}

/// The tracks with every word blanked: what the chart draws where, whatever the language.
fn shape(tracks: &[Track]) -> Vec<Track> {
    let blank_segs = |segs: &mut Vec<Seg>| {
        for s in segs {
            s.label.clear();
            s.detail.clear();
        }
    };
    let blank_marks = |marks: &mut Vec<Mark>| {
        for m in marks {
            m.detail.clear();
        }
    };
    let mut out = tracks.to_vec();
    for t in &mut out {
        t.subtitle.clear();
        for l in &mut t.lanes {
            match &mut l.content {
                LaneContent::Slices(s) => blank_segs(s),
                LaneContent::Instants(m) => blank_marks(m),
                LaneContent::Probe { ticks, bands, .. } => {
                    blank_segs(bands);
                    for tk in ticks {
                        tk.detail = None;
                    }
                }
                LaneContent::Ruler { base, steps, marks } => {
                    blank_segs(base);
                    blank_segs(steps);
                    blank_marks(marks);
                }
            }
        }
    }
    out
}

/// `tracks` is `tracks_in(…, En)`; in Chinese only the words change (same tracks, lanes, items,
/// kinds, tones and times), and some do.
#[test]
fn the_chinese_chart_differs_only_in_its_words() {
    let mut changed = 0;
    for ex in podlife_engine::gallery::EXAMPLES {
        let scn = "kind: Scenario\nactions:\n  - {at: 20, delete: {}}\n";
        for scn in [None, Some(scn)] {
            let tl = podlife_engine::simulate(ex.yaml, scn, &Settings::default())
                .unwrap()
                .timeline;
            let en = tracks(&tl);
            assert_eq!(en, tracks_in(&tl, Lang::En), "{}", ex.id);
            let zh = tracks_in(&tl, Lang::ZhCn);
            assert_eq!(shape(&en), shape(&zh), "{}", ex.id);
            changed += usize::from(en != zh);
        }
    }
    assert!(changed > 0);
    let tr = tracks_in(
        &podlife_engine::simulate(
            podlife_engine::gallery::get("exec-liveness").unwrap().yaml,
            Some("kind: Scenario\nactions:\n  - {at: 20, delete: {}}\n"),
            &Settings::default(),
        )
        .unwrap()
        .timeline,
        Lang::ZhCn,
    );
    let LaneContent::Ruler { base, marks, .. } = lane(&tr[0], "grace") else {
        panic!("grace is a ruler")
    };
    assert_eq!(base[0].label, "宽限期 30s");
    assert!(
        marks[0].detail.contains("50.5s 发送 SIGKILL"),
        "{}",
        marks[0].detail
    );
    let ep = slices(&tr[0], "endpoints");
    assert_eq!(ep[2].label, "仍在服务，终止中");
    assert_eq!(
        slices(&tr[1], "state")[0].label,
        "Waiting: ContainerCreating",
        "Kubernetes states stay"
    );
    // A startup probe's `done` band is told from an on-hold one in either language.
    let tl = podlife_engine::simulate(
        podlife_engine::gallery::get("docs-startup-probe")
            .unwrap()
            .yaml,
        None,
        &Settings::default(),
    )
    .unwrap()
    .timeline;
    for lang in [Lang::En, Lang::ZhCn] {
        let tr = tracks_in(&tl, lang);
        let LaneContent::Probe { bands, .. } = lane(&tr[1], "startup") else {
            panic!()
        };
        assert!(probes::band_is_done(&bands[0]), "{:?}", bands[0]);
    }
    let tr = tracks_in(&tl, Lang::ZhCn);
    let LaneContent::Probe { bands, .. } = lane(&tr[1], "liveness") else {
        panic!()
    };
    assert!(!probes::band_is_done(&bands[0]));
    assert_eq!(bands[0].label, "未启动");
}

/// Every word the chart's code passes to `lang.t`/`lang.f` has its Chinese.
#[test]
fn every_chart_word_has_chinese() {
    let sources = [
        include_str!("mod.rs"),
        include_str!("pod.rs"),
        include_str!("container.rs"),
        include_str!("probes.rs"),
    ];
    let mut missing = vec![];
    let mut seen = 0;
    for src in sources {
        for kw in ["lang.t(", "lang.f("] {
            for part in src.split(kw).skip(1) {
                let part = part.trim_start();
                let Some(rest) = part.strip_prefix('"') else {
                    continue;
                };
                let en = &rest[..rest.find('"').unwrap()];
                seen += 1;
                if !words::ZH.iter().any(|(k, _)| *k == en) {
                    missing.push(en.to_string());
                }
            }
        }
    }
    assert!(seen > 20, "{seen}");
    assert!(missing.is_empty(), "no Chinese for: {missing:?}");
    // The words passed through variables: results, reasons, labels.
    for w in [
        "success",
        "failed",
        "abandoned",
        "running",
        "done",
        "on hold",
        "not started",
    ] {
        assert_ne!(Lang::ZhCn.t(w), w);
    }
    for r in podlife_engine::SkipReason::ALL {
        assert_ne!(Lang::ZhCn.t(r.message()), r.message());
    }
    for w in [
        "ready",
        "serving, terminating",
        "terminating",
        "not ready",
        "sandbox",
    ] {
        assert_ne!(Lang::ZhCn.t(w), w);
    }
}

/// Kill, SIGTERM and SIGKILL differ by shape as well as colour (a newcomer could not tell the
/// kill and SIGTERM diamonds apart), on screen and in the exports alike.
#[test]
fn kill_sigterm_and_sigkill_have_their_own_shapes() {
    use super::{MarkKind, Shape};
    let shapes = [
        MarkKind::Kill,
        MarkKind::Sigterm,
        MarkKind::Sigkill,
        MarkKind::Restart,
    ]
    .map(MarkKind::shape);
    for (i, a) in shapes.iter().enumerate() {
        for b in &shapes[i + 1..] {
            assert_ne!(a, b);
        }
    }
    assert_eq!(MarkKind::GraceSigterm.shape(), Shape::Triangle);
    for s in [
        Shape::Diamond,
        Shape::Cross,
        Shape::Triangle,
        Shape::Square,
        Shape::Circle,
        Shape::Dot,
    ] {
        let pts = s.outline(10.0, 1.0);
        assert!(pts.len() >= 3);
        assert!(
            pts.iter()
                .all(|(x, y)| (4.0..=16.0).contains(x) && (0.5..=11.5).contains(y)),
            "{s:?} stays in the head's box"
        );
        assert!(s.path(10.0, 1.0).starts_with('M') && s.path(10.0, 1.0).ends_with('Z'));
    }
}
