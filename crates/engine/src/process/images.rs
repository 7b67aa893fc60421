//! The image catalogue: entrypoint/cmd, size and behaviour of well-known images. An image that
//! is not in the catalogue is assumed to be a server that runs until stopped and exits on
//! SIGTERM; that assumption is stated to the user.

use super::shell::{server_assumption, ProgramBehaviour};

#[derive(Clone, Debug, PartialEq)]
pub struct ImageInfo {
    /// The image reference as written in the manifest.
    pub reference: String,
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    /// Compressed size reported in the `Pulled` event ("Image size: N bytes.").
    pub size_bytes: u64,
    /// Whether the catalogue knows this image.
    pub known: bool,
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

/// The repository part of an image reference without registry, tag or digest:
/// `registry.k8s.io/busybox:1.27` → `busybox`.
pub fn repository(reference: &str) -> String {
    let no_digest = reference.split('@').next().unwrap_or(reference);
    let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
    last.split(':').next().unwrap_or(last).to_string()
}

pub fn lookup(reference: &str) -> ImageInfo {
    let repo = repository(reference);
    let (entrypoint, cmd, size, known) = match repo.as_str() {
        "busybox" => (vec![], s(&["sh"]), 2_155_812, true),
        "alpine" => (vec![], s(&["/bin/sh"]), 3_652_536, true),
        "ubuntu" | "debian" => (vec![], s(&["/bin/bash"]), 29_754_290, true),
        "nginx" => (s(&["/docker-entrypoint.sh"]), s(&["nginx", "-g", "daemon off;"]), 72_195_292, true),
        "pause" => (s(&["/pause"]), vec![], 320_368, true),
        "agnhost" => (s(&["/agnhost"]), s(&["pause"]), 52_367_112, true),
        "redis" => (s(&["docker-entrypoint.sh"]), s(&["redis-server"]), 45_096_512, true),
        _ => (vec![], vec![], 50_000_000, false),
    };
    ImageInfo { reference: reference.to_string(), entrypoint, cmd, size_bytes: size, known }
}

impl ImageInfo {
    /// How a non-shell program of this image behaves, if the catalogue knows it.
    pub fn behaviour_of(&self, argv: &[String]) -> Option<ProgramBehaviour> {
        let name = argv.first()?.rsplit('/').next()?.to_string();
        match name.as_str() {
            // nginx: fast shutdown on SIGTERM (exits 0 after closing connections).
            "docker-entrypoint.sh" | "nginx" => Some(ProgramBehaviour { name: "nginx".into(), runs_for: None, exit_code: 0, on_term: Some(0.1), term_exit_code: 0 }),
            // pause: exits on SIGTERM/SIGINT.
            "pause" => Some(ProgramBehaviour { name: "pause".into(), runs_for: None, exit_code: 0, on_term: Some(0.0), term_exit_code: 0 }),
            "redis-server" => Some(ProgramBehaviour { name: "redis-server".into(), runs_for: None, exit_code: 0, on_term: Some(0.2), term_exit_code: 0 }),
            "agnhost" => Some(server_assumption("agnhost")),
            _ => None,
        }
    }
}
