//! Text exports of the chart model for docs pipelines and trace viewers: a Mermaid `gantt`
//! (GitHub and kubernetes.io render it) and Chrome's trace-event JSON (Perfetto,
//! `chrome://tracing`). Like the SVG/PNG export they read the window of the one chart model
//! ([`crate::gantt::build`]) and derive nothing.

use crate::chart::{LaneContent, Track, TrackKind};
use crate::gantt::{self, Gantt};
use podlife_engine::Timeline;

/// The most Mermaid tasks written: a browser lays out a gantt of a few hundred bars quickly;
/// beyond that the rest is left out and the chart says so in a comment.
pub const MERMAID_MAX_TASKS: usize = 400;

/// Mermaid reads `:` as the end of a task name, `#` and `;` as comment and statement marks.
fn mermaid_name(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| match c {
            ':' => '·',
            '#' => '№',
            ';' => ',',
            '\n' | '\r' | '\t' => ' ',
            c => c,
        })
        .collect();
    let t = t.trim();
    if t.is_empty() {
        "·".into()
    } else {
        t.chars().take(80).collect()
    }
}

fn ms(t: f64) -> i64 {
    (t * 1000.0).round() as i64
}

/// The timeline in `[from, to]` as a Mermaid `gantt`: one section per track, a task per slice
/// of its state-like lanes (probe ticks are shown by their joined bars), milestones for marks.
/// Times are milliseconds since pod creation (`dateFormat x`), the axis reads minutes:seconds.
pub fn mermaid(tl: &Timeline, from: f64, to: f64) -> String {
    let g = gantt::build(tl, from, to, None);
    let mut out = String::new();
    out.push_str("gantt\n");
    out.push_str(&format!("    title {}\n", mermaid_name(&g.title)));
    out.push_str("    dateFormat x\n    axisFormat %M:%S\n");
    let mut n = 0usize;
    let mut left_out = 0usize;
    for track in &g.tracks {
        let mut lines = vec![];
        for lane in &track.lanes {
            let mut push = |line: String| {
                if n < MERMAID_MAX_TASKS {
                    lines.push(line);
                    n += 1;
                } else {
                    left_out += 1;
                }
            };
            match &lane.content {
                LaneContent::Slices(segs) => {
                    for s in segs {
                        let end = ms(s.end).max(ms(s.start) + 1);
                        push(format!(
                            "    {} {} :{}, {}",
                            mermaid_name(&lane.name),
                            mermaid_name(&s.label),
                            ms(s.start),
                            end
                        ));
                    }
                }
                LaneContent::Instants(marks) => {
                    for m in marks {
                        push(format!(
                            "    {} :milestone, {}, 0ms",
                            mermaid_name(&m.detail),
                            ms(m.t)
                        ));
                    }
                }
                LaneContent::Probe { period, ticks, .. } => {
                    for (start, end, what) in tick_runs(ticks, *period) {
                        push(format!(
                            "    {} {} :{}, {}",
                            mermaid_name(&lane.name),
                            what,
                            ms(start),
                            ms(end).max(ms(start) + 1)
                        ));
                    }
                }
                _ => {}
            }
        }
        if !lines.is_empty() {
            out.push_str(&format!("    section {}\n", mermaid_name(&section(track))));
            for l in lines {
                out.push_str(&l);
                out.push('\n');
            }
        }
    }
    if left_out > 0 {
        out.push_str(&format!(
            "    %% {left_out} more bars and milestones left out (at most {MERMAID_MAX_TASKS}); export a narrower window with --from/--until\n"
        ));
    }
    out
}

fn section(track: &Track) -> String {
    let kind = match track.kind {
        TrackKind::Pod => "pod",
        TrackKind::Container(podlife_engine::ContainerKind::Init) => "init",
        TrackKind::Container(podlife_engine::ContainerKind::Sidecar) => "sidecar",
        TrackKind::Container(podlife_engine::ContainerKind::Ephemeral) => "ephemeral",
        TrackKind::Container(podlife_engine::ContainerKind::Regular) => "container",
    };
    format!("{kind} {}", track.name)
}

/// A probe lane's ticks as bars: each entry of `count` ticks one period apart with one result.
fn tick_runs(ticks: &[crate::chart::Tick], period: f64) -> Vec<(f64, f64, &'static str)> {
    ticks
        .iter()
        .map(|k| {
            let what = match k.result {
                podlife_engine::ProbeResult::Success => "success",
                podlife_engine::ProbeResult::Failure => "failure",
                podlife_engine::ProbeResult::Error => "error",
                podlife_engine::ProbeResult::Skipped => "skipped",
            };
            let end = k.t + period * f64::from(k.count.max(1));
            (k.t, end, what)
        })
        .collect()
}

/// A JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn us(t: f64) -> i64 {
    (t * 1_000_000.0).round() as i64
}

/// The timeline in `[from, to]` as Chrome trace-event JSON (the Trace Event Format's JSON
/// object form): the pod is a process, each lane of each track a thread named `track / lane`
/// in the chart's order; slices are complete events (`ph: "X"`, `ts`/`dur` in microseconds),
/// marks and events thread-scoped instants (`ph: "i"`, `s: "t"`), with `cat` the slice kind.
pub fn trace_json(tl: &Timeline, from: f64, to: f64) -> String {
    let g: Gantt = gantt::build(tl, from, to, None);
    let mut ev: Vec<String> = vec![];
    let pid = |group: usize| group + 1;
    let mut named = std::collections::BTreeSet::new();
    let mut tid = 0usize;
    for track in &g.tracks {
        let p = pid(track.group);
        if named.insert(p) {
            let pod = if track.group == 0 {
                tl.pod.name.clone()
            } else {
                tl.replacement
                    .as_ref()
                    .map_or_else(|| "replacement".to_string(), |r| r.pod.name.clone())
            };
            ev.push(format!(
                r#"{{"ph":"M","pid":{p},"tid":0,"name":"process_name","args":{{"name":{}}}}}"#,
                json_str(&format!("pod {pod}"))
            ));
        }
        for lane in &track.lanes {
            tid += 1;
            ev.push(format!(
                r#"{{"ph":"M","pid":{p},"tid":{tid},"name":"thread_name","args":{{"name":{}}}}}"#,
                json_str(&format!("{} / {}", track.name, lane.name))
            ));
            ev.push(format!(
                r#"{{"ph":"M","pid":{p},"tid":{tid},"name":"thread_sort_index","args":{{"sort_index":{tid}}}}}"#
            ));
            let slice = |ev: &mut Vec<String>,
                         start: f64,
                         end: f64,
                         name: &str,
                         cat: &str,
                         detail: &str| {
                ev.push(format!(
                    r#"{{"ph":"X","pid":{p},"tid":{tid},"ts":{},"dur":{},"name":{},"cat":{},"args":{{"detail":{}}}}}"#,
                    us(start),
                    (us(end) - us(start)).max(1),
                    json_str(name),
                    json_str(cat),
                    json_str(detail)
                ));
            };
            match &lane.content {
                LaneContent::Slices(segs) => {
                    for s in segs {
                        slice(&mut ev, s.start, s.end, &s.label, s.kind, &s.detail);
                    }
                }
                LaneContent::Probe { period, ticks, .. } => {
                    for (start, end, what) in tick_runs(ticks, *period) {
                        slice(&mut ev, start, end, what, "probe", what);
                    }
                }
                LaneContent::Instants(marks) => {
                    for m in marks {
                        ev.push(format!(
                            r#"{{"ph":"i","s":"t","pid":{p},"tid":{tid},"ts":{},"name":{},"cat":{},"args":{{"detail":{}}}}}"#,
                            us(m.t),
                            json_str(m.kind.name()),
                            json_str(m.kind.name()),
                            json_str(&m.detail)
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    format!(
        "{{\"displayTimeUnit\":\"ms\",\"otherData\":{{\"generator\":\"podlife\",\"from\":{},\"to\":{}}},\"traceEvents\":[\n{}\n]}}\n",
        json_str(&gantt::secs(from)),
        json_str(&gantt::secs(g.limit)),
        ev.join(",\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn liveness() -> Timeline {
        let ex = podlife_engine::gallery::get("exec-liveness").expect("gallery");
        let s = podlife_engine::Settings {
            until: podlife_engine::Time::from_secs(160),
            ..Default::default()
        };
        podlife_engine::simulate(ex.yaml, None, &s)
            .expect("plays")
            .timeline
    }

    /// The Trace Event Format's documented fields: every event has `ph`, `pid`, `tid`; complete
    /// events `name`, `ts`, `dur` ≥ 0; instants `s` in t/p/g; metadata names.
    #[test]
    fn trace_json_follows_the_trace_event_format() {
        let tl = liveness();
        let text = trace_json(&tl, 0.0, 160.0);
        let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let events = v["traceEvents"].as_array().expect("traceEvents array");
        assert_eq!(v["displayTimeUnit"], "ms");
        let mut phases = std::collections::BTreeSet::new();
        for e in events {
            let ph = e["ph"].as_str().expect("ph");
            phases.insert(ph.to_string());
            assert!(e["pid"].is_u64() && e["tid"].is_u64(), "{e}");
            match ph {
                "X" => {
                    assert!(
                        e["name"].is_string() && e["ts"].is_i64() && e["dur"].as_i64() >= Some(1),
                        "{e}"
                    );
                }
                "i" => assert!(
                    ["t", "p", "g"].contains(&e["s"].as_str().unwrap_or("")),
                    "{e}"
                ),
                "M" => assert!(
                    ["process_name", "thread_name", "thread_sort_index"]
                        .contains(&e["name"].as_str().unwrap_or("")),
                    "{e}"
                ),
                other => panic!("unexpected phase {other}"),
            }
        }
        assert_eq!(
            phases.into_iter().collect::<Vec<_>>(),
            ["M", "X", "i"],
            "metadata, slices and instants"
        );
        // The container is a track of threads; its first run is a slice starting at 1.9 s.
        assert!(
            text.contains("\"name\":\"liveness / state\""),
            "{}",
            &text[..400]
        );
        assert!(
            text.contains("\"ts\":1900000"),
            "the first run starts at 1.9 s"
        );
        // Events are instants (the Killing at the liveness kill).
        assert!(events.iter().any(|e| e["ph"] == "i"
            && e["args"]["detail"]
                .as_str()
                .unwrap_or("")
                .contains("Killing")));
    }

    #[test]
    fn mermaid_gantt_has_sections_tasks_and_milestones() {
        let tl = liveness();
        let m = mermaid(&tl, 0.0, 160.0);
        assert!(m.starts_with("gantt\n    title "), "{m}");
        assert!(m.contains("    dateFormat x\n"));
        assert!(m.contains("    section pod liveness-exec\n"), "{m}");
        assert!(m.contains("    section "), "{m}");
        assert!(m.contains(":milestone, "), "{m}");
        // Every task line is `name :[milestone, ]start, end` with no stray colon in the name.
        for l in m
            .lines()
            .filter(|l| l.starts_with("    ") && l.contains(" :"))
        {
            let (name, rest) = l.trim().rsplit_once(" :").expect("a task");
            assert!(
                !name.contains(':') && !name.contains('#') && !name.contains(';'),
                "{l}"
            );
            let nums: Vec<&str> = rest.trim_start_matches("milestone, ").split(", ").collect();
            assert_eq!(nums.len(), 2, "{l}");
            assert!(nums[0].parse::<i64>().is_ok(), "{l}");
        }
    }

    #[test]
    fn hostile_names_cannot_break_the_text_formats() {
        assert_eq!(mermaid_name("a: b # c; d\nx"), "a· b № c, d x");
        assert_eq!(
            json_str("\"</script>\n\u{1}"),
            "\"\\\"</script>\\n\\u0001\""
        );
    }
}
