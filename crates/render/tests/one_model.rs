//! One chart model: the export draws the lanes and spans the screen derives.
//!
//! The web app's timeline draws `podlife_render::chart::tracks(&timeline)` (its `Trace::build`
//! keeps exactly those tracks); these tests hold the SVG export against the same model: the
//! chart it draws is the model cut to the window, and what it puts in each lane (element by
//! element, with colours and labels) comes from that lane's content.

use podlife_engine::{gallery, simulate, Settings, Timeline};
use podlife_render::chart::{self, LaneContent, Seg, Track};
use podlife_render::draw::{Drawn, Part};
use podlife_render::{render_svg_traced, theme, RenderOptions};
use std::collections::BTreeSet;

fn timeline(id: &str) -> Timeline {
    let ex = gallery::get(id).expect("gallery entry");
    simulate(ex.yaml, None, &Settings::default())
        .unwrap_or_else(|d| panic!("{id}: {d:?}"))
        .timeline
}

/// The contents of the SVG's `<text>` elements.
fn texts(svg: &str) -> BTreeSet<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..t.find("</text>")?];
            Some(
                body.trim()
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">"),
            )
        })
        .collect()
}

/// A label drawn for `full`: the whole label, or a prefix of it cut with an ellipsis.
fn is_fit_of(drawn: &str, full: &str) -> bool {
    drawn == full
        || drawn
            .strip_suffix('…')
            .is_some_and(|p| !p.is_empty() && full.starts_with(p))
}

/// The items of `part` in a lane, as `(t0, t1)` (instants have `t0 == t1`; tick entries cover
/// their whole run).
fn items(content: &LaneContent, part: Part) -> Vec<(f64, f64)> {
    let segs = |s: &[Seg]| s.iter().map(|s| (s.start, s.end)).collect();
    match (content, part) {
        (LaneContent::Slices(s), Part::Slice) => segs(s),
        (LaneContent::Instants(m), Part::Mark) => m.iter().map(|m| (m.t, m.t)).collect(),
        (LaneContent::Probe { bands, .. }, Part::Band) => segs(bands),
        (LaneContent::Probe { ticks, period, .. }, Part::Tick) => ticks
            .iter()
            .map(|k| (k.t, k.t + k.count.saturating_sub(1) as f64 * period))
            .collect(),
        (LaneContent::Ruler { base, .. }, Part::Slice) => segs(base),
        (LaneContent::Ruler { steps, .. }, Part::Step) => segs(steps),
        (LaneContent::Ruler { marks, .. }, Part::Mark) => {
            marks.iter().map(|m| (m.t, m.t)).collect()
        }
        _ => vec![],
    }
}

/// `cut` is `model` cut to `[from, limit]`: the same tracks and lanes; per lane the items that
/// intersect the window, each the model's (label, kind, tone, tooltip, times) with its times
/// clamped to the window.
fn assert_cut_of(id: &str, model: &[Track], cut: &[Track], from: f64, limit: f64) {
    assert_eq!(model.len(), cut.len(), "{id}: tracks");
    for (mt, ct) in model.iter().zip(cut) {
        assert_eq!(
            (&mt.name, mt.kind, &mt.subtitle),
            (&ct.name, ct.kind, &ct.subtitle),
            "{id}"
        );
        let names = |t: &Track| t.lanes.iter().map(|l| l.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(mt), names(ct), "{id}: lanes of {}", mt.name);
        for (ml, cl) in mt.lanes.iter().zip(&ct.lanes) {
            let segs = |c: &LaneContent| -> Vec<Seg> {
                match c {
                    LaneContent::Slices(s) => s.clone(),
                    LaneContent::Probe { bands, .. } => bands.clone(),
                    LaneContent::Ruler { base, steps, .. } => {
                        base.iter().chain(steps).cloned().collect()
                    }
                    LaneContent::Instants(_) => vec![],
                }
            };
            let expect: Vec<Seg> = segs(&ml.content)
                .into_iter()
                .filter(|s| s.end > from && s.start < limit)
                .map(|s| Seg {
                    start: s.start.max(from),
                    end: s.end.min(limit),
                    ..s
                })
                .collect();
            assert_eq!(segs(&cl.content), expect, "{id}: {}/{}", mt.name, ml.name);
            let marks = |c: &LaneContent| match c {
                LaneContent::Instants(m) | LaneContent::Ruler { marks: m, .. } => m.clone(),
                _ => vec![],
            };
            let expect: Vec<_> = marks(&ml.content)
                .into_iter()
                .filter(|m| m.t >= from && m.t <= limit)
                .collect();
            assert_eq!(marks(&cl.content), expect, "{id}: {}/{}", mt.name, ml.name);
            if let (
                LaneContent::Probe {
                    ticks: mt_,
                    probe_type: a,
                    period,
                    ..
                },
                LaneContent::Probe {
                    ticks: ct_,
                    probe_type: b,
                    ..
                },
            ) = (&ml.content, &cl.content)
            {
                assert_eq!(a, b);
                let expect: Vec<_> = mt_
                    .iter()
                    .filter(|k| {
                        k.t <= limit && k.t + k.count.saturating_sub(1) as f64 * period >= from
                    })
                    .cloned()
                    .collect();
                assert_eq!(ct_, &expect, "{id}: {}/{}", mt.name, ml.name);
            }
        }
    }
}

/// Every drawn element is items of its lane with the model's colour and (a fit of) the model's
/// label, and the drawn elements of each part cover every item of the lane.
fn check_drawn(id: &str, tracks: &[Track], drawn: &[Drawn]) {
    let pal = theme::light();
    for (ti, t) in tracks.iter().enumerate() {
        for (li, l) in t.lanes.iter().enumerate() {
            for part in [Part::Slice, Part::Step, Part::Mark, Part::Band, Part::Tick] {
                let n = items(&l.content, part).len();
                let mut covered = vec![false; n];
                for d in drawn
                    .iter()
                    .filter(|d| (d.track, d.lane, d.part) == (ti, li, part))
                {
                    assert!(
                        d.first <= d.rep && d.rep <= d.last && d.last < n,
                        "{id} {}/{}: {d:?}",
                        t.name,
                        l.name
                    );
                    covered[d.first..=d.last].iter_mut().for_each(|c| *c = true);
                    let (color, label) = match (&l.content, part) {
                        (LaneContent::Slices(s), _)
                        | (LaneContent::Ruler { base: s, .. }, Part::Slice)
                        | (LaneContent::Ruler { steps: s, .. }, Part::Step) => {
                            (pal.tone(s[d.rep].tone), s[d.rep].label.clone())
                        }
                        (LaneContent::Probe { bands, .. }, Part::Band) => {
                            (pal.tone(bands[d.rep].tone), bands[d.rep].label.clone())
                        }
                        (LaneContent::Instants(m), _)
                        | (LaneContent::Ruler { marks: m, .. }, _) => {
                            (pal.mark(m[d.rep].kind), m[d.rep].kind.glyph().to_string())
                        }
                        (LaneContent::Probe { ticks, .. }, _) => {
                            (pal.probe(ticks[d.rep].result), String::new())
                        }
                    };
                    assert_eq!(d.color, color, "{id} {}/{}: {d:?}", t.name, l.name);
                    if let (Some(shown), false) = (&d.label, part == Part::Tick) {
                        assert!(
                            is_fit_of(shown, &label),
                            "{id} {}/{}: {shown:?} for {label:?}",
                            t.name,
                            l.name
                        );
                    }
                }
                assert!(
                    covered.iter().all(|c| *c),
                    "{id} {}/{} {part:?}: items not drawn: {:?}",
                    t.name,
                    l.name,
                    covered
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| !**c)
                        .map(|(i, _)| i)
                        .collect::<Vec<_>>()
                );
            }
        }
    }
}

/// (a) For every gallery pod, the export of the whole simulated range draws the screen's model:
/// the same tracks, lanes and spans with the same labels and tones, every one of them drawn,
/// each drawn element in the palette colour of its model item, and each slice label shown
/// (whole, or cut with an ellipsis where it does not fit) being the model's.
#[test]
fn every_gallery_pod_exports_the_screen_model() {
    for ex in gallery::EXAMPLES {
        let tl = timeline(ex.id);
        let screen = chart::tracks(&tl);
        let until = tl.until.as_secs_f64();
        let (svg, g, drawn) =
            render_svg_traced(&tl, 0.0, until, &RenderOptions::default()).expect("renders");
        // The screen's chart, cut at the horizon (a back-off window can outlast it).
        assert_eq!(g.limit, until);
        assert_cut_of(ex.id, &screen, &g.tracks, 0.0, until);
        check_drawn(ex.id, &g.tracks, &drawn);
        // Every track and lane name is in the picture, and every label drawn is text in it.
        let text = texts(&svg);
        for t in &screen {
            assert!(
                text.iter().any(|s| is_fit_of(s, &t.name)),
                "{}: track {}",
                ex.id,
                t.name
            );
            for l in &t.lanes {
                assert!(
                    text.iter().any(|s| is_fit_of(s, &l.name)),
                    "{}: lane {}",
                    ex.id,
                    l.name
                );
            }
        }
        for d in &drawn {
            if let Some(l) = &d.label {
                assert!(text.contains(l), "{}: {l:?} not in the SVG", ex.id);
            }
        }
    }
}

/// (b) The exec-liveness pod: the liveness probe kills the container at 45.5 s and 120.5 s (the
/// shell ignores SIGTERM, so it exits 30 s later). The screen shows Running up to the kill and
/// Terminating from there to the exit; so does the export, which used to draw Running through
/// the 30 s grace period.
#[test]
fn exec_liveness_running_ends_at_the_kill() {
    let tl = timeline("exec-liveness");
    let runs = &tl.containers[0].runs;
    let kills: Vec<f64> = runs
        .iter()
        .filter_map(|r| r.kill_started.map(f64::from))
        .collect();
    assert!(kills.len() >= 2, "{kills:?}");
    for r in runs
        .iter()
        .filter(|r| r.kill_started.is_some() && r.exited.is_some())
    {
        let (k, exit) = (r.kill_started.unwrap(), r.exited.unwrap());
        assert!(
            exit >= k + podlife_engine::Time::from_secs(29),
            "the grace period runs after the kill at {k}"
        );
    }
    let (svg, g, drawn) =
        render_svg_traced(&tl, 0.0, 160.0, &RenderOptions::default()).expect("renders");
    let c = g.tracks.iter().position(|t| t.name == "liveness").unwrap();
    let li = g.tracks[c]
        .lanes
        .iter()
        .position(|l| l.name == "state")
        .unwrap();
    let LaneContent::Slices(state) = &g.tracks[c].lanes[li].content else {
        panic!("state is slices")
    };
    let running: Vec<&Seg> = state.iter().filter(|s| s.kind == "running").collect();
    assert!(running.len() >= 3);
    for s in &running {
        assert_eq!(s.label, "Running");
        for k in &kills {
            assert!(
                !(s.start < *k && *k < s.end),
                "Running {s:?} runs past the kill at {k}"
            );
        }
    }
    // A Terminating slice from each kill (in the window) to the exit.
    for k in kills.iter().filter(|k| **k < 160.0) {
        let exit = runs
            .iter()
            .find(|r| r.kill_started.map(f64::from) == Some(*k))
            .unwrap()
            .exited
            .unwrap()
            .as_secs_f64();
        assert!(
            state
                .iter()
                .any(|s| s.kind == "terminating" && s.start == *k && s.end == exit.min(160.0)),
            "Terminating from {k}: {state:?}"
        );
    }
    // In the picture: no element drawn in the running colour reaches past a kill.
    let pal = theme::light();
    for d in drawn
        .iter()
        .filter(|d| (d.track, d.lane, d.part) == (c, li, Part::Slice))
    {
        if state[d.rep].kind == "running" && d.first == d.last {
            assert_eq!(d.color, pal.running);
            for k in &kills {
                assert!(
                    !(d.t0 < *k && *k < d.t1),
                    "drawn Running {d:?} past the kill at {k}"
                );
            }
        }
    }
    let text = texts(&svg);
    assert!(
        text.contains("Terminating"),
        "the grace period is labelled as on screen"
    );
    assert!(
        !text
            .iter()
            .any(|t| t.contains("restart 1") || t.contains("(exit ")),
        "no export-only labels"
    );
}

/// (a, crash loop) The crash-loop pod's spans carry the screen's labels: the state lane says
/// `Waiting: CrashLoopBackOff` / `Terminated: Error (1)` and the back-off lane `back-off 10s`;
/// the export's own `CrashLoopBackOff (10s)` / `Error (exit 1)` are gone.
#[test]
fn crash_loop_spans_carry_the_screen_labels() {
    let tl = timeline("crash-loop");
    let (svg, g, drawn) = render_svg_traced(
        &tl,
        0.0,
        120.0,
        &RenderOptions {
            width: 4000,
            ..Default::default()
        },
    )
    .expect("renders");
    let c = &g.tracks[1];
    let lane = |name: &str| match &c.lanes.iter().find(|l| l.name == name).unwrap().content {
        LaneContent::Slices(s) => s.clone(),
        _ => panic!(),
    };
    let state = lane("state");
    assert!(
        state.iter().any(|s| s.label == "Waiting: CrashLoopBackOff"),
        "{state:?}"
    );
    assert!(
        state
            .iter()
            .any(|s| s.label.starts_with("Terminated: Error")),
        "{state:?}"
    );
    let backoff = lane("back-off");
    assert_eq!(backoff[0].label, "back-off 10s");
    let text = texts(&svg);
    assert!(
        text.contains("back-off 10s") && text.contains("back-off 20s"),
        "{text:?}"
    );
    for t in &text {
        assert!(
            !t.contains("CrashLoopBackOff (") && !t.contains("(exit "),
            "export-only label {t:?}"
        );
    }
    let shown: BTreeSet<&str> = drawn.iter().filter_map(|d| d.label.as_deref()).collect();
    let model: BTreeSet<String> = g
        .tracks
        .iter()
        .flat_map(|t| &t.lanes)
        .filter_map(|l| match &l.content {
            LaneContent::Slices(s) => Some(s.iter().map(|s| s.label.clone()).collect::<Vec<_>>()),
            _ => None,
        })
        .flatten()
        .collect();
    for s in shown.iter().filter(|s| s.len() > 4 && !s.contains('/')) {
        assert!(
            model.iter().any(|m| is_fit_of(s, m))
                || ["kill", "TERM", "KILL", "exit", "delete", "gone"].contains(s),
            "{s:?}"
        );
    }
}

/// (c) An export of a window `[t0, t1]` holds exactly the model's items that intersect it (the
/// chart is the model cut to the window) and draws nothing else: every element drawn lies in
/// the window, and the labels of slices wholly outside it are not in the SVG.
#[test]
fn a_window_exports_only_what_intersects_it() {
    for ex in gallery::EXAMPLES {
        let tl = timeline(ex.id);
        let model = chart::tracks(&tl);
        let u = tl.until.as_secs_f64();
        let (t0, t1) = ((u * 0.3).round(), (u * 0.45).round());
        let (svg, g, drawn) =
            render_svg_traced(&tl, t0, t1, &RenderOptions::default()).expect("renders");
        assert_eq!(g.tracks.len(), model.len());
        let text = texts(&svg);
        for (mt, gt) in model.iter().zip(&g.tracks) {
            assert_eq!(mt.lanes.len(), gt.lanes.len(), "{}: lanes kept", ex.id);
            for (ml, gl) in mt.lanes.iter().zip(&gt.lanes) {
                for part in [Part::Slice, Part::Step, Part::Mark, Part::Band, Part::Tick] {
                    let all = items(&ml.content, part);
                    let cut = items(&gl.content, part);
                    let inside: Vec<&(f64, f64)> = all
                        .iter()
                        .filter(|(a, b)| {
                            if part == Part::Mark {
                                *a >= t0 && *a <= t1
                            } else if part == Part::Tick {
                                *a <= t1 && *b >= t0
                            } else {
                                *b > t0 && *a < t1
                            }
                        })
                        .collect();
                    assert_eq!(
                        cut.len(),
                        inside.len(),
                        "{} {}/{} {part:?}",
                        ex.id,
                        mt.name,
                        ml.name
                    );
                    if part != Part::Tick {
                        for ((a, b), (ma, mb)) in cut.iter().zip(inside) {
                            assert_eq!((*a, *b), (ma.max(t0), mb.min(t1)));
                        }
                    }
                }
                // Labels of slices wholly outside the window that no slice inside shares.
                if let (LaneContent::Slices(all), LaneContent::Slices(cut)) =
                    (&ml.content, &gl.content)
                {
                    for s in all.iter().filter(|s| s.end <= t0 || s.start >= t1) {
                        let shared = cut.iter().any(|c| c.label == s.label)
                            || model.iter().any(|t| t.name == s.label || t.lanes.iter().any(|l| l.name == s.label))
                            || chart::legend::labels().contains(&s.label.as_str())
                            || g.tracks.iter().flat_map(|t| &t.lanes).any(|l| matches!(&l.content, LaneContent::Slices(c) if c.iter().any(|c| c.label == s.label)));
                        if !shared && s.label.len() > 2 {
                            assert!(
                                !text.contains(&s.label),
                                "{}: {:?} outside [{t0}, {t1}] drawn",
                                ex.id,
                                s.label
                            );
                        }
                    }
                }
            }
        }
        for d in &drawn {
            assert!(
                d.t1 >= t0 && d.t0 <= t1,
                "{}: {d:?} outside [{t0}, {t1}]",
                ex.id
            );
        }
        check_drawn(ex.id, &g.tracks, &drawn);
    }
}
