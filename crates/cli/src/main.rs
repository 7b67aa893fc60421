//! `podlife`: the native command line over the same engine as the web app, for docs pipelines
//! and scripted checks. Its JSON output is a stable contract (fields may be added, never
//! renamed): times are seconds since pod creation, as JSON numbers.

use clap::{Parser, Subcommand, ValueEnum};
use podlife_engine::{kubectl, Diagnostic, Settings, Simulation};
use std::io::Read;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "podlife",
    version,
    about = "Play a Kubernetes Pod forward in simulated time, exactly as the kubelet would"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
struct Common {
    /// The manifest (a Pod, or a workload with a pod template); `-` reads standard input.
    file: String,
    /// A scenario file (`kind: Scenario`): behaviour overrides, timed actions, settings.
    #[arg(long)]
    scenario: Option<String>,
    /// Kubelet minor version to model, e.g. 1.34 (default: the newest modelled).
    #[arg(long)]
    kubelet_version: Option<String>,
    /// kubectl minor version that prints get/describe, e.g. 1.34 (default: the kubelet's).
    #[arg(long)]
    kubectl_version: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Subcommand)]
enum Cmd {
    /// The pod at time T: `kubectl get pod` (text) or its PodStatus (json).
    Status {
        #[command(flatten)]
        common: Common,
        /// Seconds since creation; several comma-separated times give a JSON array.
        #[arg(long, default_value = "0")]
        at: String,
        /// `-o wide`: add IP, NODE, NOMINATED NODE and READINESS GATES (text output).
        #[arg(short = 'o', long = "output", value_parser = ["wide"])]
        output: Option<String>,
    },
    /// Every event emission up to T, in time order.
    Events {
        #[command(flatten)]
        common: Common,
        #[arg(long, default_value = "600")]
        until: f64,
    },
    /// The whole timeline up to T (spans, runs, probe ticks).
    Timeline {
        #[command(flatten)]
        common: Common,
        #[arg(long, default_value = "600")]
        until: f64,
    },
    /// What changes between two Kubernetes versions for this pod: `kubectl get -w`, the events
    /// and `kubectl describe` at T, played by each version's kubelet and kubectl.
    DiffVersions {
        /// The manifest (a Pod, or a workload with a pod template); `-` reads standard input.
        file: String,
        /// The first version, e.g. 1.34.
        from: String,
        /// The second version, e.g. 1.37.
        to: String,
        /// A scenario file (`kind: Scenario`).
        #[arg(long)]
        scenario: Option<String>,
        #[arg(long, default_value = "600")]
        until: f64,
    },
    /// `kubectl describe pod` at time T.
    Describe {
        #[command(flatten)]
        common: Common,
        #[arg(long, default_value = "0")]
        at: f64,
    },
    /// `kubectl logs` at time T: what the container's run (or, with --previous, the run before)
    /// had printed by then.
    Logs {
        #[command(flatten)]
        common: Common,
        /// The container (default: the first app container, as kubectl picks it).
        #[arg(short = 'c', long = "container")]
        container: Option<String>,
        /// The previous run of the container.
        #[arg(short = 'p', long)]
        previous: bool,
        #[arg(long, default_value = "0")]
        at: f64,
    },
    /// A share link that opens this pod in the web app: the manifest, the scenario and the
    /// versions (and, with --at and --window, the cursor and the visible window) compressed into
    /// the URL's fragment (`#v1=…`), byte for byte the link the app's "Copy link" makes. Nothing
    /// is uploaded: the whole pod travels in the link.
    Share {
        /// The manifest (a Pod, or a workload with a pod template); `-` reads standard input.
        file: String,
        /// A scenario file (`kind: Scenario`).
        #[arg(long)]
        scenario: Option<String>,
        /// Kubelet minor version, e.g. 1.34 (default: the newest modelled, written into the
        /// link so that it keeps its meaning when newer versions are added).
        #[arg(long)]
        kubelet_version: Option<String>,
        /// kubectl minor version that prints get/describe (default: the kubelet's).
        #[arg(long)]
        kubectl_version: Option<String>,
        /// Put the cursor at T seconds since creation.
        #[arg(long)]
        at: Option<String>,
        /// Show the window FROM,TO (seconds), e.g. 0,60.
        #[arg(long)]
        window: Option<String>,
        /// The app's address, with any options, e.g. `https://example.org/podlife/?embed`.
        #[arg(long, default_value = "http://127.0.0.1:8080/")]
        base: String,
    },
    /// Predict-then-play exercises (docs/exercises.md).
    Exercise {
        #[command(subcommand)]
        cmd: ExerciseCmd,
    },
    /// The timeline as a Gantt chart (SVG or PNG), a Mermaid gantt or Chrome trace-event JSON:
    /// `--format`, else the output file's extension (.svg, .png, .mmd, .json).
    Render {
        /// The manifest (a Pod, or a workload with a pod template); `-` reads standard input.
        file: String,
        /// A scenario file (`kind: Scenario`): behaviour overrides, timed actions, settings.
        #[arg(long)]
        scenario: Option<String>,
        /// Kubelet minor version to model, e.g. 1.34 (default: the newest modelled).
        #[arg(long)]
        kubelet_version: Option<String>,
        /// Simulate and draw up to T seconds since creation.
        #[arg(long, default_value = "600")]
        until: f64,
        /// Start of the time axis.
        #[arg(long, default_value = "0")]
        from: f64,
        /// Output file (`*.svg`, `*.png`, `*.mmd`, `*.json`); `-` writes to standard output (SVG
        /// unless `--format` says otherwise).
        #[arg(short = 'o', long = "output")]
        output: String,
        /// Output format: svg, png, mermaid (a `gantt` for GitHub and kubernetes.io) or trace
        /// (Chrome trace-event JSON for Perfetto and chrome://tracing).
        #[arg(long, value_enum)]
        format: Option<RenderFormat>,
        #[arg(long, value_enum, default_value = "light")]
        theme: RenderTheme,
        /// Image width in pixels (the height follows from the rows).
        #[arg(long, default_value = "1200")]
        width: u32,
    },
}

#[derive(Subcommand)]
enum ExerciseCmd {
    /// Validate an exercise file (one or more `kind: Exercise` documents) and print its answer
    /// key, computed by the engine: every pod must play and every question must have an answer.
    Check {
        /// The exercise file; `-` reads standard input.
        file: String,
        /// The language of the titles and questions printed (`en`, `zh-CN`).
        #[arg(long, default_value = "en")]
        lang: String,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum RenderFormat {
    Svg,
    Png,
    Mermaid,
    Trace,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum RenderTheme {
    Light,
    Dark,
}

/// `podlife render`: writes the file itself and prints nothing, or returns the SVG for `-o -`.
fn render(
    common: &Common,
    until: f64,
    from: f64,
    output: &str,
    format: Option<RenderFormat>,
    theme: RenderTheme,
    width: u32,
) -> Result<String, String> {
    let lower = output.to_ascii_lowercase();
    let kind = match format {
        Some(f) => f,
        None if output == "-" || lower.ends_with(".svg") => RenderFormat::Svg,
        None if lower.ends_with(".png") => RenderFormat::Png,
        None if lower.ends_with(".mmd") || lower.ends_with(".mermaid") => RenderFormat::Mermaid,
        None if lower.ends_with(".json") => RenderFormat::Trace,
        None => return Err(format!("error: -o {output}: cannot tell the format from the extension; use .svg, .png, .mmd, .json, or --format")),
    };
    if kind == RenderFormat::Png && output == "-" {
        return Err("error: -o -: PNG is binary; write it to a file".into());
    }
    let until = parse_time(&until.to_string())?;
    let from = parse_time(&from.to_string())?;
    if from >= until {
        return Err(format!(
            "error: --from {from} must be before --until {until}"
        ));
    }
    if !(400..=16_000).contains(&width) {
        return Err(format!(
            "error: --width {width}: must be between 400 and 16000 pixels"
        ));
    }
    let sim = simulate(common, until)?;
    let opts = podlife_render::RenderOptions {
        width,
        theme: match theme {
            RenderTheme::Light => podlife_render::Theme::Light,
            RenderTheme::Dark => podlife_render::Theme::Dark,
        },
        ..Default::default()
    };
    let bytes = match kind {
        RenderFormat::Svg => podlife_render::try_render_svg(&sim.timeline, from, until, &opts)
            .map_err(|e| format!("error: {e}"))?
            .into_bytes(),
        RenderFormat::Png => podlife_render::try_render_png(&sim.timeline, from, until, &opts)
            .map_err(|e| format!("error: {e}"))?,
        RenderFormat::Mermaid => {
            podlife_render::text::mermaid(&sim.timeline, from, until).into_bytes()
        }
        RenderFormat::Trace => {
            podlife_render::text::trace_json(&sim.timeline, from, until).into_bytes()
        }
    };
    if output == "-" {
        return String::from_utf8(bytes).map_err(|e| format!("error: {e}"));
    }
    std::fs::write(output, bytes).map_err(|e| format!("error: {output}: {e}"))?;
    Ok(String::new())
}

fn read_input(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("error: reading standard input: {e}"))?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("error: {path}: {e}"))
    }
}

fn parse_time(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim().parse().map_err(|_| {
        format!("error: invalid time {s:?}: expected seconds since pod creation, e.g. 75 or 75.5")
    })?;
    if !v.is_finite() || v < 0.0 {
        return Err(format!(
            "error: invalid time {s:?}: must be a non-negative number of seconds"
        ));
    }
    Ok(v)
}

fn report(file: &str, diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let loc = match (d.line, d.column) {
                (Some(l), Some(c)) => format!("{file}:{l}:{c}: "),
                _ => format!("{file}: "),
            };
            let path = if d.path.is_empty() {
                String::new()
            } else {
                format!("{}: ", d.path)
            };
            format!("error: {loc}{path}{}", d.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn simulate(common: &Common, until: f64) -> Result<Simulation, String> {
    simulate_text(&read_input(&common.file)?, common, until)
}

/// [`simulate`] of a manifest already read (standard input can be read only once).
fn simulate_text(text: &str, common: &Common, until: f64) -> Result<Simulation, String> {
    let text = text.to_string();
    let scenario = match &common.scenario {
        Some(p) => Some(read_input(p)?),
        None => None,
    };
    let mut settings = Settings {
        until: secs(until),
        ..Settings::default()
    };
    let version = |flag: &str, v: &str| {
        podlife_engine::KubeletVersion::parse(v).ok_or_else(|| {
            format!(
                "error: --{flag} {v}: supported versions are {} to {}",
                podlife_engine::KubeletVersion::OLDEST,
                podlife_engine::KubeletVersion::NEWEST
            )
        })
    };
    if let Some(v) = &common.kubelet_version {
        settings.kubelet_version = version("kubelet-version", v)?;
    }
    if let Some(v) = &common.kubectl_version {
        settings.kubectl_version = Some(version("kubectl-version", v)?);
    }
    podlife_engine::simulate(&text, scenario.as_deref(), &settings).map_err(|d| {
        let name = if common.file == "-" {
            "<stdin>"
        } else {
            common.file.as_str()
        };
        report(name, &d)
    })
}

/// The engine's stated assumptions, located in the input: one line each on standard error for
/// text output, an `assumptions` array for JSON.
fn assumptions(file: &str, sim: &Simulation) -> Vec<serde_json::Value> {
    sim.warnings
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| {
            serde_json::json!({
                "file": file,
                "line": d.line,
                "column": d.column,
                "path": d.path,
                "message": d.message,
            })
        })
        .collect()
}

fn note_assumptions(file: &str, sim: &Simulation) {
    for d in sim.warnings.iter().filter(|d| !d.is_error()) {
        let loc = match (d.line, d.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}: "),
            _ => format!("{file}: "),
        };
        let path = if d.path.is_empty() {
            String::new()
        } else {
            format!("{}: ", d.path)
        };
        eprintln!("note: {loc}{path}{}", d.message);
    }
}

/// Add the assumptions to a JSON object (arrays are left as they are).
fn with_assumptions(mut v: serde_json::Value, file: &str, sim: &Simulation) -> serde_json::Value {
    if let Some(o) = v.as_object_mut() {
        o.insert(
            "assumptions".into(),
            serde_json::Value::Array(assumptions(file, sim)),
        );
    }
    v
}

fn json(v: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn run(cli: Cli) -> Result<String, String> {
    match cli.cmd {
        Cmd::Status { common, at, output } => {
            let get = if output.is_some() {
                kubectl::get_table_wide
            } else {
                kubectl::get_table
            };
            let times = at
                .split(',')
                .map(parse_time)
                .collect::<Result<Vec<_>, _>>()?;
            let until = times.iter().cloned().fold(0.0, f64::max);
            let sim = simulate(&common, until)?;
            let tl = &sim.timeline;
            if common.format == Format::Text {
                note_assumptions(&common.file, &sim);
            }
            Ok(match common.format {
                Format::Json if times.len() == 1 && !at.contains(',') => json(&with_assumptions(
                    serde_json::to_value(kubectl::status_at(tl, secs(times[0])))
                        .map_err(|e| format!("error: {e}"))?,
                    &common.file,
                    &sim,
                )),
                Format::Json => json(
                    &times
                        .iter()
                        .map(|&t| kubectl::status_at(tl, secs(t)))
                        .collect::<Vec<_>>(),
                ),
                Format::Text => times
                    .iter()
                    .map(|&t| get(tl, secs(t)))
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
        }
        Cmd::Events { common, until } => {
            let until = parse_time(&until.to_string())?;
            let sim = simulate(&common, until)?;
            note_assumptions(&common.file, &sim);
            let events: Vec<_> = sim
                .timeline
                .events
                .iter()
                .filter(|e| e.t <= secs(until))
                .collect();
            // A replaced pod's successor records its own events, under its own name.
            let mut all: Vec<(&str, &podlife_engine::Event)> = vec![];
            let mut pod = Some(&sim.timeline);
            while let Some(p) = pod {
                all.extend(
                    p.events
                        .iter()
                        .filter(|e| e.t <= secs(until))
                        .map(|e| (p.pod.name.as_str(), e)),
                );
                pod = p.replacement.as_deref();
            }
            all.sort_by_key(|(_, e)| e.t);
            let several = sim.timeline.replacement.is_some();
            Ok(match common.format {
                Format::Json => json(&events),
                Format::Text => all
                    .iter()
                    .map(|(name, e)| {
                        let who = if several {
                            format!("{name:<24} ")
                        } else {
                            String::new()
                        };
                        format!(
                            "{:>9.3}  {who}{:<8} {:<18} {:<28} {}",
                            e.t.as_secs_f64(),
                            e.event_type,
                            e.reason,
                            e.object,
                            e.message
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
        }
        Cmd::Timeline { common, until } => {
            let until = parse_time(&until.to_string())?;
            let sim = simulate(&common, until)?;
            let mut v = serde_json::to_value(&sim.timeline).map_err(|e| format!("error: {e}"))?;
            if let Some(o) = v.as_object_mut() {
                o.remove("snapshots");
            }
            Ok(json(&with_assumptions(v, &common.file, &sim)))
        }
        Cmd::DiffVersions {
            file,
            from,
            to,
            scenario,
            until,
        } => {
            let until = parse_time(&until.to_string())?;
            let text = read_input(&file)?;
            let play = |v: &String| {
                let common = Common {
                    file: file.clone(),
                    scenario: scenario.clone(),
                    kubelet_version: Some(v.clone()),
                    kubectl_version: None,
                    format: Format::Text,
                };
                simulate_text(&text, &common, until)
            };
            let (a, b) = (play(&from)?, play(&to)?);
            let sections = podlife_engine::versions::diff(&a.timeline, &b.timeline);
            if sections.is_empty() {
                return Ok(format!(
                    "{from} and {to} play this pod the same up to {until}s"
                ));
            }
            let mut out = vec![];
            for s in sections {
                out.push(format!("{}:", s.title));
                for l in s.lines {
                    out.push(match l {
                        podlife_engine::versions::Line::Old(t) => format!("  {from:<5} {t}"),
                        podlife_engine::versions::Line::New(t) => format!("  {to:<5} {t}"),
                    });
                }
            }
            Ok(out.join("\n"))
        }
        Cmd::Describe { common, at } => {
            let at = parse_time(&at.to_string())?;
            let sim = simulate(&common, at)?;
            Ok(match common.format {
                Format::Json => json(&with_assumptions(
                    serde_json::to_value(kubectl::status_at(&sim.timeline, secs(at)))
                        .map_err(|e| format!("error: {e}"))?,
                    &common.file,
                    &sim,
                )),
                Format::Text => {
                    note_assumptions(&common.file, &sim);
                    kubectl::describe(&sim.timeline, secs(at))
                }
            })
        }
        Cmd::Logs {
            common,
            container,
            previous,
            at,
        } => {
            let at = parse_time(&at.to_string())?;
            let sim = simulate(&common, at)?;
            let logs = kubectl::logs(&sim.timeline, container.as_deref(), previous, secs(at))?;
            Ok(match common.format {
                Format::Json => json(&with_assumptions(
                    serde_json::json!({"text": logs.text, "notice": logs.notice}),
                    &common.file,
                    &sim,
                )),
                Format::Text => {
                    note_assumptions(&common.file, &sim);
                    if let Some(n) = &logs.notice {
                        eprintln!("{n}");
                    }
                    // Printed as is: an empty log prints nothing.
                    print!("{}", logs.text);
                    String::new()
                }
            })
        }
        Cmd::Share {
            file,
            scenario,
            kubelet_version,
            kubectl_version,
            at,
            window,
            base,
        } => {
            let text = read_input(&file)?;
            let common = Common {
                file: file.clone(),
                scenario: scenario.clone(),
                kubelet_version: kubelet_version.clone(),
                kubectl_version: kubectl_version.clone(),
                format: Format::Text,
            };
            // The link opens whatever the pod is, broken or not (a broken pod is worth sharing
            // when asking why); its problems are said here first.
            match simulate_text(&text, &common, 600.0) {
                Ok(sim) => note_assumptions(&file, &sim),
                Err(e) if e.starts_with("error: --") => return Err(e),
                Err(e) => eprintln!("{}\nnote: the link opens the pod with these problems", e),
            }
            let at = at.as_deref().map(parse_time).transpose()?;
            let window = match window.as_deref() {
                None => None,
                Some(w) => {
                    let (a, b) = w.split_once(',').ok_or_else(|| {
                        format!("error: --window {w:?}: expected FROM,TO in seconds, e.g. 0,60")
                    })?;
                    let (a, b) = (parse_time(a)?, parse_time(b)?);
                    if a >= b {
                        return Err(format!("error: --window {w:?}: FROM must be before TO"));
                    }
                    Some((a, b))
                }
            };
            let link = podlife_render::link::Link {
                manifest: text,
                scenario: match &scenario {
                    Some(p) => read_input(p)?,
                    None => String::new(),
                },
                kubelet: kubelet_version
                    .unwrap_or_else(|| podlife_engine::KubeletVersion::NEWEST.to_string()),
                kubectl: kubectl_version.unwrap_or_default(),
                at,
                window,
                ..Default::default()
            };
            podlife_render::link::url(&base, &link).map_err(|e| format!("error: {file}: {e}"))
        }
        Cmd::Exercise {
            cmd: ExerciseCmd::Check { file, lang },
        } => {
            let text = read_input(&file)?;
            let set = podlife_classroom::check(&text).map_err(|problems| {
                problems
                    .iter()
                    .map(|p| format!("error: {file}: {p}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })?;
            let mut out = String::new();
            for (e, key) in &set {
                out.push_str(&format!(
                    "{}: {} (kubelet {}, {} questions)\n",
                    e.id,
                    e.title.get(&lang),
                    e.kubelet_version
                        .clone()
                        .unwrap_or_else(|| podlife_engine::KubeletVersion::NEWEST.to_string()),
                    e.questions.len()
                ));
                for (q, k) in e.questions.iter().zip(key) {
                    let answer = match &k.answer {
                        podlife_classroom::Answer::Time { t, tolerance } => format!(
                            "{} s ± {} s",
                            podlife_classroom::trim(*t),
                            podlife_classroom::trim(*tolerance)
                        ),
                        podlife_classroom::Answer::Free => "(free reflection)".into(),
                        a => a.text(),
                    };
                    out.push_str(&format!(
                        "  {:<14} at {:>6} s  {}  →  {}{}\n",
                        q.id,
                        podlife_classroom::trim(q.at),
                        q.ask.get(&lang).lines().next().unwrap_or_default(),
                        answer,
                        if k.detail.is_empty() || k.detail == answer {
                            String::new()
                        } else {
                            format!("  ({})", k.detail)
                        }
                    ));
                }
            }
            Ok(out)
        }
        Cmd::Render {
            file,
            scenario,
            kubelet_version,
            until,
            from,
            output,
            format,
            theme,
            width,
        } => {
            let common = Common {
                file,
                scenario,
                kubelet_version,
                kubectl_version: None,
                format: Format::Text,
            };
            render(&common, until, from, &output, format, theme, width)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(out) => {
            // `render -o FILE` writes its file and has nothing to print.
            if !out.is_empty() {
                // A closed pipe (`podlife status ... | head`) is not an error worth a panic.
                use std::io::Write;
                let mut stdout = std::io::stdout().lock();
                let _ = writeln!(stdout, "{}", out.trim_end()).and_then(|_| stdout.flush());
            }
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::from(1)
        }
    }
}

/// Seconds from the command line as the engine's exact time (rounded to the millisecond).
fn secs(t: f64) -> podlife_engine::Time {
    podlife_engine::Time::from_secs_f64(t)
}
