//! The trace model: the shared chart model (`podlife_render::chart`, which the SVG/PNG export
//! draws too) plus what only the screen needs: the warnings, the event times for `.`/`,`
//! stepping and the causal arrows ([`crate::flows`]).
//!
//! The derivation (Timeline → tracks → lanes → slices/instants/probe ticks, with labels, tones and
//! tooltips) lives in `podlife_render::chart`; its names are re-exported here so the views keep
//! using `crate::model::…`.

use podlife_engine::{Diagnostic, Timeline};
pub use podlife_render::chart::*;

/// Everything the views draw for one successful simulation.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    pub timeline: Timeline,
    pub warnings: Vec<Diagnostic>,
    pub tracks: Vec<Track>,
    /// Sorted, de-duplicated times of events, for `.`/`,` stepping.
    pub event_times: Vec<podlife_engine::Time>,
    /// Causal arrows between instants, sorted by start time (see [`crate::flows`]).
    pub flows: Vec<crate::flows::Flow>,
    /// The language of the tracks' and flows' words (the interface's).
    pub lang: crate::i18n::Lang,
}

/// The chart model's language for an interface language.
pub fn chart_lang(lang: crate::i18n::Lang) -> podlife_render::chart::Lang {
    match lang {
        crate::i18n::Lang::En => podlife_render::chart::Lang::En,
        crate::i18n::Lang::ZhCn => podlife_render::chart::Lang::ZhCn,
    }
}

impl Trace {
    pub fn until(&self) -> Time {
        self.timeline.until.as_secs_f64()
    }

    /// The trace in English (the chart model the exports draw).
    pub fn build(timeline: Timeline, warnings: Vec<Diagnostic>) -> Trace {
        Trace::build_in(timeline, warnings, crate::i18n::Lang::En)
    }

    /// The trace with the chart's words (labels, tooltips, arrows) in `lang`.
    pub fn build_in(
        timeline: Timeline,
        warnings: Vec<Diagnostic>,
        lang: crate::i18n::Lang,
    ) -> Trace {
        let tracks = podlife_render::chart::tracks_in(&timeline, chart_lang(lang));
        let mut event_times: Vec<podlife_engine::Time> =
            timeline.events.iter().map(|e| e.t).collect();
        event_times.sort();
        event_times.dedup();
        let flows = crate::flows::build_in(&timeline, &tracks, lang);
        Trace {
            timeline,
            warnings,
            tracks,
            event_times,
            flows,
            lang,
        }
    }

    /// This trace in `lang`: the tracks and arrows derived again from the timeline (no
    /// simulation); the same tracks, lanes and items, so selections, the cursor and the view
    /// stay valid.
    pub fn in_lang(&self, lang: crate::i18n::Lang) -> Trace {
        let tracks = podlife_render::chart::tracks_in(&self.timeline, chart_lang(lang));
        let flows = crate::flows::build_in(&self.timeline, &tracks, lang);
        Trace {
            timeline: self.timeline.clone(),
            warnings: self.warnings.clone(),
            tracks,
            event_times: self.event_times.clone(),
            flows,
            lang,
        }
    }

    /// Where the story ends, for "fit": the last change worth seeing (an event, a published
    /// status, a run starting or ending, a signal, a deletion or removal) with a margin; the
    /// whole horizon when something still happens in its last fifth. A pod that settles at 20 s
    /// is then not squeezed into the left tenth of a 10-minute axis.
    pub fn activity_end(&self) -> Time {
        let tl = &self.timeline;
        let secs = |t: podlife_engine::Time| t.as_secs_f64();
        let mut last: f64 = 0.0;
        let mut see = |t: f64| last = last.max(t);
        tl.events.iter().for_each(|e| see(secs(e.t)));
        tl.snapshots.iter().for_each(|s| see(secs(s.t)));
        for c in &tl.containers {
            for r in &c.runs {
                see(secs(r.started));
                [r.exited, r.kill_started, r.sigterm, r.sigkill]
                    .into_iter()
                    .flatten()
                    .for_each(|t| see(secs(t)));
            }
        }
        [tl.pod.deleted_at, tl.pod.removed_at]
            .into_iter()
            .flatten()
            .for_each(|t| see(secs(t)));
        let until = self.until();
        let end = last * 1.15 + 5.0;
        if end >= until * 0.8 {
            until
        } else {
            end.max(until.min(10.0))
        }
    }

    /// Next event strictly after `t` (for `.`), previous strictly before (for `,`).
    pub fn next_event(&self, t: Time) -> Option<Time> {
        let t = crate::sim::at(t);
        let i = self.event_times.partition_point(|&e| e <= t);
        self.event_times.get(i).map(|e| e.as_secs_f64())
    }
    pub fn prev_event(&self, t: Time) -> Option<Time> {
        let t = crate::sim::at(t);
        let i = self.event_times.partition_point(|&e| e < t);
        i.checked_sub(1).map(|i| self.event_times[i].as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    fn slices<'a>(t: &'a Track, lane: &str) -> &'a [Seg] {
        match &t.lanes.iter().find(|l| l.name == lane).unwrap().content {
            LaneContent::Slices(s) => s,
            _ => panic!("not slices"),
        }
    }

    #[test]
    fn tracks_of_the_liveness_pod() {
        let tr = Trace::build(fixture::liveness_exec(), vec![]);
        let names: Vec<_> = tr
            .tracks
            .iter()
            .map(|t| (t.name.as_str(), t.kind.label()))
            .collect();
        assert_eq!(names, [("liveness-exec", "pod"), ("liveness", "app")]);
        let c = &tr.tracks[1];
        let lanes: Vec<_> = c.lanes.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(lanes, ["state", "ready", "image", "signals", "liveness"]);
        let pod: Vec<_> = tr.tracks[0].lanes.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            pod,
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
    }

    #[test]
    fn state_lane_follows_runs_and_snapshots() {
        let tr = Trace::build(fixture::liveness_exec(), vec![]);
        let s = slices(&tr.tracks[1], "state");
        let kinds: Vec<_> = s
            .iter()
            .map(|s| (s.kind, (s.start * 100.0).round() / 100.0))
            .collect();
        assert_eq!(
            kinds,
            [
                ("waiting", 0.0),
                ("created", 1.85),
                ("running", 1.9),
                ("terminating", 45.5),
                ("terminated", 75.5),
                ("created", 76.35),
                ("running", 76.4),
                ("terminating", 120.5),
                ("terminated", 150.5),
                ("created", 151.35),
                ("running", 151.4),
            ]
        );
        assert_eq!(s[0].label, "Waiting: ContainerCreating");
        assert_eq!(s[4].label, "Terminated: Error (137)");
        assert_eq!(s.last().unwrap().end, tr.until());
        // Contiguous and sorted, as the renderer's binary search expects.
        assert!(s.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn status_strip_from_kubectl_columns() {
        let tr = Trace::build(fixture::liveness_exec(), vec![]);
        let s = slices(&tr.tracks[0], "STATUS");
        let labels: Vec<_> = s.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["ContainerCreating", "Running"]);
        assert_eq!(s[1].start, 2.5);
    }

    /// The views draw the shared chart model, exactly as the export derives it.
    #[test]
    fn tracks_are_the_shared_chart_model() {
        for id in ["exec-liveness", "crash-loop", "docs-sidecar-job"] {
            let yaml = podlife_engine::gallery::get(id).unwrap().yaml;
            let tr = crate::sim::simulate(yaml).unwrap();
            assert_eq!(
                tr.tracks,
                podlife_render::chart::tracks(&tr.timeline),
                "{id}"
            );
        }
    }

    /// Every text of a trace's chart model a person reads: each slice's label and detail, each
    /// mark's detail, each probe band's and tick's, the track subtitles and the arrows' labels,
    /// with where it is.
    fn chart_texts(tr: &Trace) -> Vec<(String, String)> {
        let mut out = vec![];
        for t in &tr.tracks {
            out.push((format!("{} subtitle", t.name), t.subtitle.clone()));
            for l in &t.lanes {
                let at = format!("{} / {}", t.name, l.name);
                let mut segs = |segs: &[Seg]| {
                    for s in segs {
                        out.push((at.clone(), s.label.clone()));
                        out.push((at.clone(), s.detail.clone()));
                    }
                };
                let (segs_a, segs_b, marks): (&[Seg], &[Seg], &[Mark]) = match &l.content {
                    LaneContent::Slices(s) => (s, &[], &[]),
                    LaneContent::Instants(m) => (&[], &[], m),
                    LaneContent::Probe { bands, .. } => (bands, &[], &[]),
                    LaneContent::Ruler { base, steps, marks } => (base, steps, marks),
                };
                segs(segs_a);
                segs(segs_b);
                for m in marks {
                    out.push((at.clone(), m.detail.clone()));
                }
                if let LaneContent::Probe { ticks, .. } = &l.content {
                    for tk in ticks {
                        out.push((at.clone(), tk.detail.clone().unwrap_or_default()));
                    }
                }
            }
        }
        for f in &tr.flows {
            out.push((format!("flow {}", f.kind.name()), f.label.clone()));
        }
        out
    }

    /// The Kubernetes text a chart quotes as it is, exempted by exact match: the events'
    /// messages (event marks, `Killing: …`), the pod conditions' messages, and what the probes
    /// printed (a failed tick's output).
    fn kubernetes_text(tl: &Timeline) -> Vec<String> {
        let mut out: Vec<String> = vec![];
        let mut add = |tl: &Timeline| {
            out.extend(tl.events.iter().map(|e| e.message.clone()));
            for s in &tl.snapshots {
                out.extend(s.status.conditions.iter().filter_map(|c| c.message.clone()));
            }
            for c in &tl.containers {
                for p in &c.probes {
                    out.extend(
                        p.ticks
                            .iter()
                            .filter(|t| t.skip_reason().is_none())
                            .filter_map(|t| t.detail.clone()),
                    );
                }
            }
        };
        add(tl);
        if let Some(r) = &tl.replacement {
            add(r);
        }
        // Longest first, so a message containing another is removed whole.
        out.sort_by_key(|m| std::cmp::Reverse(m.len()));
        out.dedup();
        out.retain(|m| !m.is_empty());
        out
    }

    /// Every gallery pod's chart in Chinese (played as it is, and deleted at 20 s): no English
    /// left in its labels, details and arrows but Kubernetes text.
    #[test]
    fn the_chinese_chart_of_every_gallery_pod_has_no_english_left() {
        let delete = "kind: Scenario\nactions:\n  - {at: 20, delete: {}}\n";
        let mut english_found = 0;
        let mut bad = vec![];
        for e in podlife_engine::gallery::EXAMPLES {
            for scn in ["", delete] {
                let en = crate::sim::simulate_with(e.yaml, scn, &crate::sim::Versions::default())
                    .unwrap_or_else(|_| panic!("{} plays", e.id));
                let zh = en.in_lang(crate::i18n::Lang::ZhCn);
                let quoted = kubernetes_text(&zh.timeline);
                let check = |tr: &Trace| -> Vec<String> {
                    let mut found = vec![];
                    for (at, text) in chart_texts(tr) {
                        let mut rest = text.clone();
                        for q in &quoted {
                            rest = rest.replace(q.as_str(), "");
                        }
                        let left = crate::i18n::untranslated(&rest);
                        if !left.is_empty() {
                            found.push(format!("{} ({at}): {text:?}: {left:?}", e.id));
                        }
                    }
                    found
                };
                bad.extend(check(&zh));
                english_found += check(&en).len();
            }
        }
        bad.sort();
        bad.dedup();
        assert!(bad.is_empty(), "English left:\n{}", bad.join("\n"));
        // The same check finds the English chart's own words.
        assert!(english_found > 100, "{english_found}");
    }

    #[test]
    fn event_stepping() {
        let tr = Trace::build(fixture::liveness_exec(), vec![]);
        let first = tr.event_times[0].as_secs_f64();
        assert_eq!(tr.next_event(-1.0), Some(first));
        assert_eq!(tr.prev_event(first), None);
        let second = tr.next_event(first).unwrap();
        assert!(second > first);
        assert_eq!(tr.prev_event(second), Some(first));
    }
}
