//! Image pulls: `pkg/kubelet/images/image_manager.go` `EnsureImageExists`.
//!
//! rule: image-pull

use super::{Ctr, Sim};

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
    match c.track.image_pull_policy.as_str() {
        "Never" if !present => Pull::NeverPull,
        "Never" => Pull::Present,
        "Always" => Pull::Pull,
        _ if present => Pull::Present,
        _ => Pull::Pull,
    }
}

impl Sim {
    /// The `Pulled` message after a successful pull (`image_manager.go` `pullImage`):
    /// `Successfully pulled image "X" in 800ms (800ms including waiting). Image size: N bytes.`
    pub fn pulled_message(&self, ci: usize, took: f64) -> String {
        let c = &self.ctrs[ci];
        let d = super::backoff::go_duration(took);
        format!("Successfully pulled image \"{}\" in {d} ({d} including waiting). Image size: {} bytes.", c.track.image, c.image.size_bytes)
    }
}
