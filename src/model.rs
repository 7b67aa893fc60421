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
    pub event_times: Vec<Time>,
    /// Causal arrows between instants, sorted by start time (see [`crate::flows`]).
    pub flows: Vec<crate::flows::Flow>,
}

impl Trace {
    pub fn until(&self) -> Time {
        self.timeline.until
    }

    pub fn build(timeline: Timeline, warnings: Vec<Diagnostic>) -> Trace {
        let tracks = podlife_render::chart::tracks(&timeline);
        let mut event_times: Vec<Time> = timeline.events.iter().map(|e| e.t).collect();
        event_times.sort_by(f64::total_cmp);
        event_times.dedup();
        let flows = crate::flows::build(&timeline, &tracks);
        Trace {
            timeline,
            warnings,
            tracks,
            event_times,
            flows,
        }
    }

    /// Next event strictly after `t` (for `.`), previous strictly before (for `,`).
    pub fn next_event(&self, t: Time) -> Option<Time> {
        let i = self.event_times.partition_point(|&e| e <= t + 1e-9);
        self.event_times.get(i).copied()
    }
    pub fn prev_event(&self, t: Time) -> Option<Time> {
        let i = self.event_times.partition_point(|&e| e < t - 1e-9);
        i.checked_sub(1).map(|i| self.event_times[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;
    use podlife_engine::ProbeResult;

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
        assert!(s.windows(2).all(|w| (w[0].end - w[1].start).abs() < 1e-9));
    }

    #[test]
    fn status_strip_from_kubectl_columns() {
        let tr = Trace::build(fixture::liveness_exec(), vec![]);
        let s = slices(&tr.tracks[0], "STATUS");
        let labels: Vec<_> = s.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["ContainerCreating", "Running"]);
        assert_eq!(s[1].start, 2.5);
    }

    #[test]
    fn tones() {
        assert_eq!(status_tone("CrashLoopBackOff"), Tone::Bad);
        assert_eq!(status_tone("Init:0/2"), Tone::Pending);
        assert_eq!(status_tone("Init:CrashLoopBackOff"), Tone::Bad);
        assert_eq!(status_tone("Completed"), Tone::Done);
        assert_eq!(status_tone("Terminating"), Tone::Term);
    }

    fn gallery(id: &str, delete_at: Option<f64>) -> Trace {
        let ex = podlife_engine::gallery::get(id).unwrap();
        let scn = delete_at.map_or(String::new(), |t| {
            crate::sim::append_action("", t, &crate::sim::LiveAction::Delete)
        });
        crate::sim::simulate_with(ex.yaml, &scn, "").unwrap()
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
    fn pod_track_has_condition_and_endpoint_lanes() {
        let tr = gallery("exec-liveness", None);
        let lanes: Vec<_> = tr.tracks[0].lanes.iter().map(|l| l.name.as_str()).collect();
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
        let ready = slices(&tr.tracks[0], "Ready");
        assert_eq!(ready[0].label, "False: ContainersNotReady");
        assert_eq!(ready[0].tone, Tone::Warn);
        assert_eq!((ready[1].label.as_str(), ready[1].start), ("True", 2.5));
        assert_eq!(ready[1].tone, Tone::Good);
        assert!(ready.iter().all(|s| s.kind == "condition"));
        assert!(ready[0].detail.contains("containers with unready status"));
        let sandbox = slices(&tr.tracks[0], "PodReadyToStartContainers");
        assert_eq!(
            spans(sandbox)[..2],
            [("condition", 0.0, 2.5), ("condition", 2.5, 600.0)][..]
        );
    }

    #[test]
    fn endpoints_follow_readiness_and_deletion() {
        let tr = gallery("docs-readiness-exec", None);
        assert_eq!(
            spans(slices(&tr.tracks[0], "endpoints")),
            [
                ("endpoint-not-ready", 2.5, 7.5),
                ("endpoint-ready", 7.5, 42.5),
                ("endpoint-not-ready", 42.5, 600.0)
            ]
        );
        // Deleted at 20 s: still serving while Ready, then nothing once the pod is Failed.
        let tr = gallery("exec-liveness", Some(20.0));
        let ep = slices(&tr.tracks[0], "endpoints");
        assert_eq!(
            spans(ep),
            [
                ("endpoint-ready", 2.5, 20.0),
                ("endpoint-serving-terminating", 20.0, 50.5)
            ]
        );
        assert_eq!(ep[1].label, "serving, terminating");
        // A Job's pod that Succeeded leaves the endpoints.
        let tr = gallery("docs-sidecar-job", None);
        let ep = slices(&tr.tracks[0], "endpoints");
        let phase = slices(&tr.tracks[0], "phase");
        let done = phase.iter().find(|s| s.label == "Succeeded").unwrap().start;
        assert!(ep.last().unwrap().end <= done);
    }

    #[test]
    fn grace_ruler_has_the_termination_steps() {
        let tr = gallery("docs-prestop-sleep", Some(20.0));
        let LaneContent::Ruler { base, steps, marks } = lane(&tr.tracks[0], "grace") else {
            panic!("grace is a ruler")
        };
        assert_eq!(base[0].kind, "grace");
        assert_eq!(spans(steps), [("grace-prestop", 20.5, 25.5)]);
        assert_eq!(steps[0].label, "preStop web");
        let kinds: Vec<_> = marks.iter().map(|m| (m.kind.name(), m.t)).collect();
        assert_eq!(kinds, [("grace-sigterm", 25.5), ("grace-removed", 26.5)]);
        // The shell ignores SIGTERM: SIGKILL at the deadline, 30 s after SIGTERM.
        let tr = gallery("exec-liveness", Some(20.0));
        let LaneContent::Ruler { steps, marks, .. } = lane(&tr.tracks[0], "grace") else {
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
        } = lane(&tr.tracks[1], "liveness")
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
        let LaneContent::Probe { bands, .. } = lane(&tr.tracks[1], "liveness") else {
            panic!()
        };
        assert_eq!(spans(bands), [("probe-disabled", 10.0, 90.0)]);
        let LaneContent::Probe { bands, .. } = lane(&tr.tracks[1], "startup") else {
            panic!()
        };
        assert_eq!(bands[0].label, "done");
    }

    #[test]
    fn backoff_slices_say_how_long_and_when_they_end() {
        assert_eq!(backoff_label(0.0, Some(20.0)), "back-off 20s");
        assert_eq!(backoff_label(10.0, Some(90.0)), "back-off 1m20s");
        assert_eq!(backoff_label(0.0, Some(2.5)), "back-off 2.5s");
        assert_eq!(backoff_label(0.0, None), "back-off");
        let tr = gallery("crash-loop", None);
        let b = slices(&tr.tracks[1], "back-off");
        let labels: Vec<_> = b.iter().take(3).map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["back-off 10s", "back-off 20s", "back-off 40s"]);
        assert!(b[0].detail.contains("restarts at 12.6"), "{}", b[0].detail);
    }

    #[test]
    fn event_stepping() {
        let tr = Trace::build(fixture::liveness_exec(), vec![]);
        let first = tr.event_times[0];
        assert_eq!(tr.next_event(-1.0), Some(first));
        assert_eq!(tr.prev_event(first), None);
        let second = tr.next_event(first).unwrap();
        assert!(second > first);
        assert_eq!(tr.prev_event(second), Some(first));
    }
}
