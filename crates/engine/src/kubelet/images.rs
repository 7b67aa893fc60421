//! Image pulls: `pkg/kubelet/images/image_manager.go` `EnsureImageExists`.
//!
//! rule: image-pull

use super::{Ctr, Sim};
use crate::timeline::Span;
use crate::timeline::{EventType, PullPolicy, Time};

/// What `EnsureImageExists` decides for a container at start.
#[derive(Clone, Debug, PartialEq)]
pub enum Pull {
    /// Present and policy allows using it: `Pulled` "already present on machine".
    Present,
    /// Pull now (policy Always, or IfNotPresent and absent).
    Pull,
    /// Policy Never and absent: `ErrImageNeverPull`.
    NeverPull,
}

/// `shouldPullImage` in `image_manager.go`: Never → never; Always → always; IfNotPresent → if
/// absent.
///
/// rule: image-pull-policy
pub(crate) fn decide(c: &Ctr, present: bool) -> Pull {
    match c.track.image_pull_policy {
        PullPolicy::Never if !present => Pull::NeverPull,
        PullPolicy::Never => Pull::Present,
        PullPolicy::Always => Pull::Pull,
        PullPolicy::IfNotPresent if present => Pull::Present,
        PullPolicy::IfNotPresent => Pull::Pull,
    }
}

/// What `EnsureImageExists` did at a container start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ensure {
    /// The image cannot be used now (`ErrImageNeverPull`, `ImagePullBackOff`): the sync
    /// returns an error.
    Failed,
    /// Present: create the container at once.
    Present,
    /// A pull runs from `from` to `until`.
    Pulling { from: Time, until: Time },
}

impl Sim {
    /// `EnsureImageExists` (`image_manager.go`): decide by the pull policy; a pull in back-off
    /// fails with `ImagePullBackOff`; otherwise start the pull (`Pulling` event, a pull span).
    pub(crate) fn ensure_image_exists(&mut self, ci: usize) -> Ensure {
        let image = self.ctrs[ci].track.image.clone();
        let present = self.images_present.contains(&image);
        match decide(&self.ctrs[ci], present) {
            Pull::NeverPull => {
                let msg =
                    format!("Container image \"{image}\" is not present with pull policy of Never");
                self.container_event(ci, EventType::Warning, "ErrImageNeverPull", msg.clone());
                self.ctrs[ci].start_failure = Some(("ErrImageNeverPull".into(), msg));
                self.worker.sync_error = true;
                Ensure::Failed
            }
            Pull::Present => {
                self.container_event(
                    ci,
                    EventType::Normal,
                    "Pulled",
                    format!("Container image \"{image}\" already present on machine"),
                );
                Ensure::Present
            }
            Pull::Pull => {
                // `pullImage`: in image back-off → BackOff + "Error: ImagePullBackOff".
                let key = format!("{}_{image}", self.pod.uid);
                if self
                    .image_backoff
                    .is_in_backoff_since_update(&key, self.now)
                {
                    self.container_event(
                        ci,
                        EventType::Normal,
                        "BackOff",
                        format!("Back-off pulling image \"{image}\""),
                    );
                    self.container_event(
                        ci,
                        EventType::Warning,
                        "Failed",
                        "Error: ImagePullBackOff".into(),
                    );
                    let last = self.ctrs[ci]
                        .start_failure
                        .as_ref()
                        .filter(|f| f.0 == "ErrImagePull" || f.0 == "ImagePullBackOff")
                        .map(|f| f.1.clone())
                        .unwrap_or_default();
                    let pull_err = self
                        .scenario
                        .image(&self.ctrs[ci].name)
                        .and_then(|i| i.fail)
                        .unwrap_or(last);
                    // 1.32+ (PR #127918) adds the last pull error to the waiting message.
                    // rule: pull-backoff-message
                    let msg = if self.s.kubelet_version.at_least(32) {
                        format!("Back-off pulling image \"{image}\": ErrImagePull: {pull_err}")
                    } else {
                        format!("Back-off pulling image \"{image}\"")
                    };
                    self.ctrs[ci].start_failure = Some(("ImagePullBackOff".into(), msg));
                    self.worker.sync_error = true;
                    return Ensure::Failed;
                }
                self.container_event(
                    ci,
                    EventType::Normal,
                    "Pulling",
                    format!("Pulling image \"{image}\""),
                );
                let pull = self
                    .scenario
                    .image(&self.ctrs[ci].name)
                    .and_then(|i| i.pull_seconds)
                    .unwrap_or(self.s.pull_seconds);
                let until = self.now + pull;
                self.ctrs[ci].track.pulls.push(Span {
                    start: self.now,
                    end: Some(until),
                    label: "Pulling".into(),
                    detail: Some(image),
                });
                Ensure::Pulling {
                    from: self.now,
                    until,
                }
            }
        }
    }

    /// The pull of container `ci`'s image that ran from `from` to `until` ends: a scripted
    /// failure is `ErrImagePull` (the image back-off advances; `false`), else the image is
    /// present and `Pulled` is recorded (`true`).
    pub(crate) fn pull_finished(&mut self, ci: usize, from: Time, until: Time) -> bool {
        let image = self.ctrs[ci].track.image.clone();
        if let Some(err) = self
            .scenario
            .image(&self.ctrs[ci].name)
            .and_then(|i| i.fail)
        {
            // `pullImage` failure: Failed "Failed to pull image ...", then from
            // startContainer Failed "Error: ErrImagePull"; the back-off entry
            // (key podUID_image) advances at the failure time.
            let msg = format!("failed to pull and unpack image \"{image}\": {err}");
            self.container_event(
                ci,
                EventType::Warning,
                "Failed",
                format!("Failed to pull image \"{image}\": {msg}"),
            );
            self.container_event(
                ci,
                EventType::Warning,
                "Failed",
                "Error: ErrImagePull".into(),
            );
            let key = format!("{}_{image}", self.pod.uid);
            let now = self.now;
            self.image_backoff.next(&key, now, now);
            self.ctrs[ci].start_failure = Some(("ErrImagePull".into(), msg));
            if let Some(sp) = self.ctrs[ci].track.pulls.last_mut() {
                sp.label = "ErrImagePull".into();
            }
            self.worker.sync_error = true;
            return false;
        }
        self.images_present.insert(image);
        let msg = self.pulled_message(ci, until - from);
        self.container_event(ci, EventType::Normal, "Pulled", msg);
        true
    }

    /// The `Pulled` message after a successful pull (`image_manager.go` `pullImage`):
    /// `Successfully pulled image "X" in 800ms (800ms including waiting). Image size: N bytes.`
    pub fn pulled_message(&self, ci: usize, took: Time) -> String {
        let c = &self.ctrs[ci];
        let d = super::backoff::go_duration(took);
        format!("Successfully pulled image \"{}\" in {d} ({d} including waiting). Image size: {} bytes.", c.track.image, c.image.size_bytes)
    }
}
