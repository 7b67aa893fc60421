//! The colour language of podlife, shared by the web app and the exports.
//!
//! Pure data: every colour is a `#RRGGBB` string, so the web app can put them straight into SVG
//! attributes or CSS custom properties ([`Palette::css_vars`]). The hues are the Okabe–Ito
//! palette (Okabe & Ito 2008, "Color Universal Design"), distinguishable with the common forms
//! of colour-vision deficiency, plus a wine (`#882255`, Paul Tol's "muted" scheme), a tint of
//! the green for "running, not ready", and greys.
//! Marks that share a hue with a span (SIGTERM and back-off are both orange) always differ in
//! shape as well, so no meaning rests on hue alone. Dark-theme variants are lightened where the
//! original is too dark to read on a dark background (blue, wine); vermillion stays as it is so
//! that it does not drift towards the back-off orange.
//!
//! The meaning of a colour never changes between views: the chart model's tones and marks
//! ([`crate::chart`]) become colours through [`Palette::tone`] and [`Palette::mark`] only, for the
//! web app's CSS variables and for the SVG/PNG export alike, so a running container is `running`
//! on screen and in every export, in its state lane, the STATUS lane and the phase lane.

use crate::chart::{MarkKind, Tone};
use podlife_engine::ProbeResult;

/// Light or dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    /// `light` / `dark` (case-insensitive).
    pub fn parse(s: &str) -> Option<Theme> {
        match s.trim().to_ascii_lowercase().as_str() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn palette(self) -> Palette {
        match self {
            Theme::Light => light(),
            Theme::Dark => dark(),
        }
    }
}

/// Every colour podlife draws with. All values are `#RRGGBB`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    // --- surfaces and text ---
    /// Page / chart background.
    pub background: &'static str,
    /// Alternate row band, panels.
    pub surface: &'static str,
    /// Main text and axis lines.
    pub foreground: &'static str,
    /// Secondary text (sub-labels, captions).
    pub muted: &'static str,
    /// Grid lines and separators.
    pub grid: &'static str,

    // --- container state (waiting by reason family, running, terminated) ---
    /// Waiting: `ContainerCreating`, `PodInitializing` (normal progress, nothing wrong yet).
    pub waiting_creating: &'static str,
    /// Waiting: `CrashLoopBackOff`, `ImagePullBackOff` (a back-off delay is running).
    pub waiting_backoff: &'static str,
    /// Waiting: `ErrImagePull`, `CreateContainerConfigError`, `InvalidImageName`, and any
    /// other reason (something is wrong; the kubelet will retry).
    pub waiting_error: &'static str,
    /// Running (and ready, where readiness applies).
    pub running: &'static str,
    /// Running but not ready (kubectl `NotReady`): a tint of `running`.
    pub running_not_ready: &'static str,
    /// Terminated with reason `Completed` (exit code 0).
    pub terminated_completed: &'static str,
    /// Terminated with `Error`, `OOMKilled`, `ContainerCannotRun`, ... (non-zero exit).
    pub terminated_error: &'static str,
    /// The pod is being deleted (kubectl `Terminating`).
    pub terminating: &'static str,
    /// The pod sandbox (pause container) is up.
    pub sandbox: &'static str,
    /// Nothing to report (an unready container, a removed pod's `NotFound`, probe bands).
    pub neutral: &'static str,

    // --- activities ---
    /// Image pull in progress (`Pulling` → `Pulled`).
    pub image_pull: &'static str,
    /// postStart hook running.
    pub hook_post_start: &'static str,
    /// preStop hook running.
    pub hook_pre_stop: &'static str,

    // --- probe tick results ---
    pub probe_success: &'static str,
    pub probe_failure: &'static str,
    /// The prober returned an error (does not count toward a threshold).
    pub probe_error: &'static str,
    /// The tick did nothing (initial delay, not started, no container).
    pub probe_skipped: &'static str,

    // --- marks (always drawn as shapes, never as spans) ---
    /// The kubelet decided to kill the container (`Killing` event): a vertical line.
    pub kill: &'static str,
    /// SIGTERM sent: a triangle.
    pub sigterm: &'static str,
    /// SIGKILL sent: a triangle.
    pub sigkill: &'static str,
    /// The container was recreated (restart).
    pub restart: &'static str,
    /// The container's process exited.
    pub exit: &'static str,
    /// A `Normal` event.
    pub event_normal: &'static str,
    /// A `Warning` event.
    pub event_warning: &'static str,
    /// The API received the pod's delete request.
    pub deleted: &'static str,
    /// The pod object was removed from the API.
    pub removed: &'static str,

    // --- pod phase ---
    pub phase_pending: &'static str,
    pub phase_running: &'static str,
    pub phase_succeeded: &'static str,
    pub phase_failed: &'static str,
    pub phase_unknown: &'static str,

    // --- pod conditions ---
    pub condition_true: &'static str,
    pub condition_false: &'static str,
}

/// Okabe–Ito on white.
pub fn light() -> Palette {
    Palette {
        background: "#FFFFFF",
        surface: "#F3F4F6",
        foreground: "#1A1A1A",
        muted: "#5C5C5C",
        grid: "#D4D7DC",

        waiting_creating: "#BBBBBB",
        waiting_backoff: "#E69F00",
        waiting_error: "#CC79A7",
        running: "#009E73",
        running_not_ready: "#8FD4BF",
        terminated_completed: "#0072B2",
        terminated_error: "#D55E00",
        terminating: "#882255",
        sandbox: "#8A8F98",
        neutral: "#ECEFF3",

        image_pull: "#56B4E9",
        hook_post_start: "#F0E442",
        hook_pre_stop: "#882255",

        probe_success: "#009E73",
        probe_failure: "#D55E00",
        probe_error: "#CC79A7",
        probe_skipped: "#B0B0B0",

        kill: "#D55E00",
        sigterm: "#E69F00",
        sigkill: "#1A1A1A",
        restart: "#0072B2",
        exit: "#5C5C5C",
        event_normal: "#8A8F98",
        event_warning: "#E69F00",
        deleted: "#882255",
        removed: "#5C5C5C",

        phase_pending: "#BBBBBB",
        phase_running: "#009E73",
        phase_succeeded: "#0072B2",
        phase_failed: "#D55E00",
        phase_unknown: "#8A8F98",

        condition_true: "#009E73",
        condition_false: "#BBBBBB",
    }
}

/// Okabe–Ito on near-black, with the dark hues lightened.
pub fn dark() -> Palette {
    Palette {
        background: "#16181D",
        surface: "#20242B",
        foreground: "#E8E8E8",
        muted: "#A3A7AE",
        grid: "#363B44",

        waiting_creating: "#6E7480",
        waiting_backoff: "#E69F00",
        waiting_error: "#CC79A7",
        running: "#009E73",
        running_not_ready: "#3E7D6B",
        terminated_completed: "#3A9AD9",
        terminated_error: "#D55E00",
        terminating: "#B8508A",
        sandbox: "#5A616C",
        neutral: "#2C3139",

        image_pull: "#56B4E9",
        hook_post_start: "#F0E442",
        hook_pre_stop: "#B8508A",

        probe_success: "#2DBE8F",
        probe_failure: "#D55E00",
        probe_error: "#CC79A7",
        probe_skipped: "#6E7480",

        kill: "#D55E00",
        sigterm: "#E69F00",
        sigkill: "#F5F5F5",
        restart: "#3A9AD9",
        exit: "#A3A7AE",
        event_normal: "#8A8F98",
        event_warning: "#E69F00",
        deleted: "#B8508A",
        removed: "#A3A7AE",

        phase_pending: "#6E7480",
        phase_running: "#009E73",
        phase_succeeded: "#3A9AD9",
        phase_failed: "#D55E00",
        phase_unknown: "#5A616C",

        condition_true: "#009E73",
        condition_false: "#6E7480",
    }
}

/// The three families of `ContainerStateWaiting.reason`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WaitingFamily {
    /// `ContainerCreating`, `PodInitializing` (or no reason).
    Creating,
    /// `CrashLoopBackOff`, `ImagePullBackOff` (any `*BackOff`).
    BackOff,
    /// Everything else: `ErrImagePull`, `CreateContainerConfigError`, `InvalidImageName`,
    /// `RunContainerError`, `PostStartHookError`, ...
    Error,
}

/// Which family a waiting reason belongs to.
pub fn waiting_family(reason: &str) -> WaitingFamily {
    match reason {
        "" | "ContainerCreating" | "PodInitializing" => WaitingFamily::Creating,
        r if r.ends_with("BackOff") => WaitingFamily::BackOff,
        _ => WaitingFamily::Error,
    }
}

impl Palette {
    pub fn of(theme: Theme) -> Palette {
        theme.palette()
    }

    /// The colour of a waiting container with this reason.
    pub fn waiting(&self, reason: &str) -> &'static str {
        match waiting_family(reason) {
            WaitingFamily::Creating => self.waiting_creating,
            WaitingFamily::BackOff => self.waiting_backoff,
            WaitingFamily::Error => self.waiting_error,
        }
    }

    /// The colour of a terminated container: `Completed` (or exit 0 without a reason) vs the rest.
    pub fn terminated(&self, reason: &str, exit_code: i32) -> &'static str {
        if reason == "Completed" || (reason.is_empty() && exit_code == 0) {
            self.terminated_completed
        } else {
            self.terminated_error
        }
    }

    /// `status.phase`.
    pub fn phase(&self, phase: &str) -> &'static str {
        match phase {
            "Pending" => self.phase_pending,
            "Running" => self.phase_running,
            "Succeeded" => self.phase_succeeded,
            "Failed" => self.phase_failed,
            _ => self.phase_unknown,
        }
    }

    /// A condition's `status` (`True` / anything else).
    pub fn condition(&self, status: &str) -> &'static str {
        if status == "True" {
            self.condition_true
        } else {
            self.condition_false
        }
    }

    pub fn probe(&self, result: ProbeResult) -> &'static str {
        match result {
            ProbeResult::Success => self.probe_success,
            ProbeResult::Failure => self.probe_failure,
            ProbeResult::Error => self.probe_error,
            ProbeResult::Skipped => self.probe_skipped,
        }
    }

    /// The fill of a chart slice of tone `t`: the one mapping from the chart model's colour
    /// families to colours, used by the screen (as the `--tone-*` CSS variables) and the export.
    pub fn tone(&self, t: Tone) -> &'static str {
        match t {
            Tone::Neutral => self.neutral,
            Tone::Pending => self.waiting_creating,
            Tone::Good => self.running,
            Tone::Warn => self.waiting_backoff,
            Tone::Bad => self.terminated_error,
            Tone::Done => self.terminated_completed,
            Tone::Term => self.terminating,
            Tone::Info => self.image_pull,
            Tone::Hook => self.hook_pre_stop,
        }
    }

    /// The text colour of a label drawn on a slice of tone `t`: black or white, whichever reads
    /// better, except on the pale neutral fill, where labels are muted.
    pub fn tone_ink(&self, t: Tone) -> &'static str {
        match t {
            Tone::Neutral => self.muted,
            t => contrast_text(self.tone(t)),
        }
    }

    /// The colour of an instant of kind `k` (the `--mark-*` CSS variables on screen).
    pub fn mark(&self, k: MarkKind) -> &'static str {
        match k {
            MarkKind::Kill => self.kill,
            MarkKind::Sigterm | MarkKind::GraceSigterm => self.sigterm,
            MarkKind::Sigkill | MarkKind::GraceSigkill => self.sigkill,
            MarkKind::Restart => self.restart,
            MarkKind::Exit => self.exit,
            MarkKind::EventNormal => self.event_normal,
            MarkKind::EventWarning => self.event_warning,
            MarkKind::Deleted => self.deleted,
            MarkKind::Removed | MarkKind::GraceRemoved => self.removed,
        }
    }

    /// The colour of a `kubectl get pod` STATUS cell (`printPod`'s reason column).
    pub fn kubectl_status(&self, status: &str) -> &'static str {
        match status {
            "Running" => return self.running,
            "NotReady" => return self.running_not_ready,
            "Completed" | "Succeeded" => return self.terminated_completed,
            "Terminating" => return self.terminating,
            "Pending" | "SchedulingGated" => return self.waiting_creating,
            "Failed"
            | "Error"
            | "OOMKilled"
            | "Unknown"
            | "Evicted"
            | "DeadlineExceeded"
            | "ContainerStatusUnknown"
            | "ContainerCannotRun"
            | "StartError" => return self.terminated_error,
            _ => {}
        }
        let s = status.strip_prefix("Init:").unwrap_or(status);
        // `Init:1/2`: still initialising.
        if s.contains('/') && s.split('/').all(|p| p.parse::<u32>().is_ok()) {
            return self.waiting_creating;
        }
        if s.starts_with("ExitCode:") || s.starts_with("Signal:") {
            return self.terminated_error;
        }
        match s {
            "Error" | "OOMKilled" | "ContainerCannotRun" | "StartError" => self.terminated_error,
            "Completed" => self.terminated_completed,
            other => self.waiting(other),
        }
    }

    /// Every colour with a CSS-custom-property style name, in declaration order
    /// (`background`, `surface`, ... `condition-false`).
    pub fn entries(&self) -> [(&'static str, &'static str); 41] {
        [
            ("background", self.background),
            ("surface", self.surface),
            ("foreground", self.foreground),
            ("muted", self.muted),
            ("grid", self.grid),
            ("waiting-creating", self.waiting_creating),
            ("waiting-backoff", self.waiting_backoff),
            ("waiting-error", self.waiting_error),
            ("running", self.running),
            ("running-not-ready", self.running_not_ready),
            ("terminated-completed", self.terminated_completed),
            ("terminated-error", self.terminated_error),
            ("terminating", self.terminating),
            ("sandbox", self.sandbox),
            ("neutral", self.neutral),
            ("image-pull", self.image_pull),
            ("hook-post-start", self.hook_post_start),
            ("hook-pre-stop", self.hook_pre_stop),
            ("probe-success", self.probe_success),
            ("probe-failure", self.probe_failure),
            ("probe-error", self.probe_error),
            ("probe-skipped", self.probe_skipped),
            ("kill", self.kill),
            ("sigterm", self.sigterm),
            ("sigkill", self.sigkill),
            ("restart", self.restart),
            ("exit", self.exit),
            ("event-normal", self.event_normal),
            ("event-warning", self.event_warning),
            ("deleted", self.deleted),
            ("removed", self.removed),
            ("phase-pending", self.phase_pending),
            ("phase-running", self.phase_running),
            ("phase-succeeded", self.phase_succeeded),
            ("phase-failed", self.phase_failed),
            ("phase-unknown", self.phase_unknown),
            ("condition-true", self.condition_true),
            ("condition-false", self.condition_false),
            // Text colours for labels drawn on the two most common fills.
            ("on-running", contrast_text(self.running)),
            ("on-backoff", contrast_text(self.waiting_backoff)),
            ("on-error", contrast_text(self.terminated_error)),
        ]
    }

    /// CSS custom properties, one per line: `--pl-running: #009E73;` (for a `:root` or
    /// `[data-theme=dark]` block in the web app's stylesheet).
    pub fn css_vars(&self) -> String {
        let mut s = String::new();
        for (k, v) in self.entries() {
            s.push_str("--pl-");
            s.push_str(k);
            s.push_str(": ");
            s.push_str(v);
            s.push_str(";\n");
        }
        s
    }
}

/// `#RRGGBB` (or `RRGGBB`, or `#RGB`) → (r, g, b). Malformed input gives mid grey.
pub fn parse_hex(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim().trim_start_matches('#');
    let byte = |s: &str| u8::from_str_radix(s, 16).ok();
    let rgb = match h.len() {
        6 if h.is_char_boundary(2) && h.is_char_boundary(4) => {
            (byte(&h[0..2]), byte(&h[2..4]), byte(&h[4..6]))
        }
        3 if h.is_ascii() => {
            let d = |i: usize| byte(&h[i..i + 1]).map(|v| v * 17);
            (d(0), d(1), d(2))
        }
        _ => (None, None, None),
    };
    match rgb {
        (Some(r), Some(g), Some(b)) => (r, g, b),
        _ => (128, 128, 128),
    }
}

/// WCAG relative luminance of a `#RRGGBB` colour (0 = black, 1 = white).
pub fn luminance(hex: &str) -> f64 {
    let (r, g, b) = parse_hex(hex);
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG contrast ratio between two colours (1 to 21).
pub fn contrast_ratio(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// Black or white, whichever reads better on `fill`.
pub fn contrast_text(fill: &str) -> &'static str {
    if contrast_ratio(fill, "#000000") >= contrast_ratio(fill, "#FFFFFF") {
        "#000000"
    } else {
        "#FFFFFF"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(p: &Palette) -> Vec<&'static str> {
        p.entries().iter().map(|(_, v)| *v).collect()
    }

    #[test]
    fn every_colour_is_rrggbb() {
        for p in [light(), dark()] {
            for c in all(&p) {
                assert!(c.len() == 7 && c.starts_with('#'), "{c}");
                assert!(c[1..].chars().all(|ch| ch.is_ascii_hexdigit()), "{c}");
            }
        }
    }

    #[test]
    fn states_that_share_a_row_are_distinct() {
        for p in [light(), dark()] {
            let row = [
                p.waiting_creating,
                p.waiting_backoff,
                p.waiting_error,
                p.running,
                p.running_not_ready,
                p.terminated_completed,
                p.terminated_error,
                p.terminating,
            ];
            for (i, a) in row.iter().enumerate() {
                for b in &row[i + 1..] {
                    assert_ne!(a, b);
                }
            }
            let probes = [
                p.probe_success,
                p.probe_failure,
                p.probe_error,
                p.probe_skipped,
            ];
            for (i, a) in probes.iter().enumerate() {
                for b in &probes[i + 1..] {
                    assert_ne!(a, b);
                }
            }
        }
    }

    /// Text and marks must stay legible on the background (WCAG 4.5:1 for text, 3:1 for the
    /// graphical marks that carry meaning on their own).
    #[test]
    fn text_and_marks_are_legible() {
        for p in [light(), dark()] {
            assert!(contrast_ratio(p.foreground, p.background) >= 12.0);
            assert!(contrast_ratio(p.muted, p.background) >= 4.5);
            assert!(contrast_ratio(p.sigkill, p.background) >= 7.0);
            for mark in [p.probe_success, p.probe_failure, p.kill] {
                assert!(
                    contrast_ratio(mark, p.background) >= 2.5,
                    "{mark} on {}",
                    p.background
                );
            }
        }
    }

    #[test]
    fn reason_families() {
        let p = light();
        assert_eq!(waiting_family("ContainerCreating"), WaitingFamily::Creating);
        assert_eq!(waiting_family("PodInitializing"), WaitingFamily::Creating);
        assert_eq!(waiting_family("CrashLoopBackOff"), WaitingFamily::BackOff);
        assert_eq!(waiting_family("ImagePullBackOff"), WaitingFamily::BackOff);
        assert_eq!(waiting_family("ErrImagePull"), WaitingFamily::Error);
        assert_eq!(
            waiting_family("CreateContainerConfigError"),
            WaitingFamily::Error
        );
        assert_eq!(p.terminated("Completed", 0), p.terminated_completed);
        assert_eq!(p.terminated("OOMKilled", 137), p.terminated_error);
        assert_eq!(p.terminated("", 0), p.terminated_completed);
        assert_eq!(p.kubectl_status("Init:0/2"), p.waiting_creating);
        assert_eq!(p.kubectl_status("Init:CrashLoopBackOff"), p.waiting_backoff);
        assert_eq!(p.kubectl_status("Init:Error"), p.terminated_error);
        assert_eq!(p.kubectl_status("ExitCode:3"), p.terminated_error);
        assert_eq!(p.kubectl_status("ErrImagePull"), p.waiting_error);
        assert_eq!(p.kubectl_status("Running"), p.running);
        assert_eq!(p.kubectl_status("NotReady"), p.running_not_ready);
        assert_eq!(p.kubectl_status("Terminating"), p.terminating);
        assert_eq!(p.phase("Succeeded"), p.phase_succeeded);
    }

    #[test]
    fn css_vars_and_contrast_text() {
        let css = light().css_vars();
        assert!(css.contains("--pl-running: #009E73;\n"));
        assert_eq!(css.lines().count(), 41);
        assert_eq!(contrast_text("#F0E442"), "#000000");
        assert_eq!(contrast_text("#882255"), "#FFFFFF");
        assert_eq!(parse_hex("#0072B2"), (0, 0x72, 0xB2));
        assert_eq!(parse_hex("#fff"), (255, 255, 255));
        assert_eq!(parse_hex("nonsense"), (128, 128, 128));
    }
}
