//! The image catalogue: entrypoint/cmd, size and behaviour of well-known images. An image that
//! is not in the catalogue is assumed to be a server that listens on its declared container
//! ports, is healthy, and exits on SIGTERM; that assumption is stated to the user.
//!
//! Sources for the behaviours: the images' Dockerfiles and docs (nginx: `STOPSIGNAL SIGQUIT`
//! since 1.25's official image, fast shutdown on SIGTERM; agnhost: `test/images/agnhost/liveness`
//! serves `/healthz` 200 for 10 s then 500, `netexec` serves HTTP on 8080; `pause` exits on
//! SIGINT/SIGTERM; luksa/kubia-unhealthy: 500 from the 6th request, from "Kubernetes in Action").

use super::behaviour::{HttpModel, ProgramBehaviour, Signal};

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
    /// The container's declared ports (an unknown server listens on these).
    pub declared_ports: Vec<u16>,
    /// The container's environment as its process sees it, set at each start
    /// (`kubelet::envvars`): the runtime's `PATH` and `HOSTNAME`, [`Self::config_env`], the
    /// kubelet's Service variables, `envFrom` and `env`, and `HOME`.
    pub env: Vec<(String, String)>,
    /// The image config's `Env` (the Dockerfile's `ENV` lines): `PATH` and friends.
    pub config_env: Vec<(String, String)>,
    /// The image config's `StopSignal` (`STOPSIGNAL`): what `StopContainer` sends first.
    pub stop_signal: Signal,
    /// [`repository`] of the reference, computed once.
    pub repo: String,
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

/// Look up an image by reference.
pub fn lookup(reference: &str) -> ImageInfo {
    let repo = repository(reference);
    let (entrypoint, cmd, size, known) = match repo.as_str() {
        "busybox" => (vec![], s(&["sh"]), 2_155_812, true),
        "alpine" => (vec![], s(&["/bin/sh"]), 3_652_536, true),
        "ubuntu" | "debian" => (vec![], s(&["/bin/bash"]), 29_754_290, true),
        "nginx" => (
            s(&["/docker-entrypoint.sh"]),
            s(&["nginx", "-g", "daemon off;"]),
            72_195_292,
            true,
        ),
        "pause" => (s(&["/pause"]), vec![], 320_368, true),
        "agnhost" => (s(&["/agnhost"]), s(&["pause"]), 52_367_112, true),
        "goproxy" => (s(&["/goproxy"]), vec![], 5_012_418, true),
        "kubia-unhealthy" | "kubia" => (s(&["node", "app.js"]), vec![], 249_384_150, true),
        "redis" => (
            s(&["docker-entrypoint.sh"]),
            s(&["redis-server"]),
            45_096_512,
            true,
        ),
        "postgres" => (
            s(&["docker-entrypoint.sh"]),
            s(&["postgres"]),
            154_232_580,
            true,
        ),
        "mysql" => (
            s(&["docker-entrypoint.sh"]),
            s(&["mysqld"]),
            170_418_203,
            true,
        ),
        "openjdk" | "eclipse-temurin" | "spring-petclinic" => {
            (s(&["java", "-jar", "/app.jar"]), vec![], 215_412_901, true)
        }
        _ => (vec![], vec![], 50_000_000, false),
    };
    ImageInfo {
        reference: reference.to_string(),
        entrypoint,
        cmd,
        size_bytes: size,
        known,
        declared_ports: vec![],
        env: vec![],
        config_env: vec![],
        stop_signal: Signal::Term,
        repo,
    }
}

fn server(
    name: &str,
    ports: &[u16],
    listen_after: f64,
    on_term: f64,
    term_exit_code: i32,
    http: HttpModel,
) -> ProgramBehaviour {
    ProgramBehaviour {
        name: name.into(),
        runs_for: None,
        exit_code: 0,
        on_term: Some(on_term),
        term_exit_code,
        on_signals: vec![],
        ports: ports.to_vec(),
        listen_after,
        http,
        banner: String::new(),
    }
}

impl ImageInfo {
    /// How a non-shell program of this image behaves, if the catalogue knows it.
    pub fn behaviour_of(&self, argv: &[String]) -> Option<ProgramBehaviour> {
        let name = argv.first()?.rsplit('/').next()?.to_string();
        let repo = repository(&self.reference);
        let sub = argv.get(1).map(String::as_str).unwrap_or("");
        Some(match (repo.as_str(), name.as_str()) {
            // nginx: listens on 80 within ~50 ms; SIGTERM = fast shutdown, exits 0.
            (_, "docker-entrypoint.sh") if repo == "nginx" => server(
                "nginx",
                &[80],
                0.05,
                0.1,
                0,
                HttpModel::Static {
                    root: "/usr/share/nginx/html".into(),
                },
            ),
            (_, "nginx") => server(
                "nginx",
                &[80],
                0.05,
                0.1,
                0,
                HttpModel::Static {
                    root: "/usr/share/nginx/html".into(),
                },
            ),
            // pause: sleeps until SIGINT/SIGTERM, then exits 0.
            (_, "pause") if repo == "pause" || sub.is_empty() => {
                server("pause", &[], 0.0, 0.0, 0, HttpModel::Ok)
            }
            ("agnhost", _) | (_, "agnhost") => {
                let sub = if name == "agnhost" {
                    sub
                } else {
                    argv.get(1).map(String::as_str).unwrap_or("")
                };
                match sub {
                    // `agnhost liveness`: /healthz is 200 for the first 10 s, then 500 (port 8080).
                    // A Go binary as PID 1 with no SIGTERM handler: the runtime re-raises the signal, the
                    // kernel ignores it for a namespace's PID 1, and Go falls back to `exit(2)`
                    // (`runtime/signal_unix.go` `dieFromSignal`).
                    "liveness" => server(
                        "agnhost liveness",
                        &[8080],
                        0.0,
                        0.0,
                        2,
                        HttpModel::HealthzFor { ok_for: 10.0 },
                    ),
                    "netexec" => server("agnhost netexec", &[8080], 0.0, 0.0, 2, HttpModel::Ok),
                    "serve-hostname" => server(
                        "agnhost serve-hostname",
                        &[9376],
                        0.0,
                        0.0,
                        2,
                        HttpModel::Ok,
                    ),
                    _ => server("agnhost pause", &[], 0.0, 0.0, 0, HttpModel::Ok),
                }
            }
            ("goproxy", _) => server("goproxy", &[8080], 0.0, 0.0, 2, HttpModel::Ok),
            ("kubia-unhealthy", _) => server(
                "kubia-unhealthy",
                &[8080],
                0.5,
                0.0,
                143,
                HttpModel::FailAfterRequests { n: 5 },
            ),
            ("kubia", _) => server("kubia", &[8080], 0.5, 0.0, 143, HttpModel::Ok),
            ("redis", _) | (_, "redis-server") => {
                server("redis-server", &[6379], 0.2, 0.2, 0, HttpModel::Ok)
            }
            // Databases and JVM apps take a while before they listen.
            ("postgres", _) => server("postgres", &[5432], 3.0, 1.0, 0, HttpModel::Ok),
            ("mysql", _) => server("mysqld", &[3306], 12.0, 2.0, 0, HttpModel::Ok),
            (_, "java") => server(
                "java (Spring Boot app)",
                &self.declared_or(&[8080]),
                25.0,
                2.0,
                143,
                HttpModel::Ok,
            ),
            // Anything else: the caller applies (and states) the server assumption.
            _ => return None,
        })
    }

    /// Whether the image has program `name` on its `$PATH`: `None` for an image podlife does not
    /// know (assumed present). Busybox-based images have the applets; Debian-based ones coreutils.
    pub fn has_program(&self, name: &str) -> Option<bool> {
        if !self.known {
            return None;
        }
        let base = name.rsplit('/').next().unwrap_or(name);
        const COMMON: &[&str] = &[
            "sh", "ash", "echo", "cat", "ls", "touch", "rm", "mkdir", "sleep", "true", "false",
            "test", "[", "date", "kill", "env", "ps", "grep", "tail", "head", "hostname", "printf",
            "sed", "awk", "wc", "cp", "mv", "ln", "chmod", "id", "pwd", "uname", "timeout",
            "watch", "yes",
        ];
        let repo = self.repo.as_str();
        let extra: &[&str] = match repo {
            "busybox" => &[
                "wget", "nc", "nslookup", "ping", "telnet", "vi", "top", "httpd", "busybox",
            ],
            "alpine" => &["wget", "nc", "nslookup", "ping", "apk", "busybox"],
            "nginx" => &[
                "nginx",
                "bash",
                "curl",
                "docker-entrypoint.sh",
                "nginx-debug",
            ],
            "redis" => &["redis-server", "redis-cli", "bash", "docker-entrypoint.sh"],
            "postgres" => &[
                "postgres",
                "psql",
                "pg_isready",
                "bash",
                "docker-entrypoint.sh",
            ],
            "mysql" => &[
                "mysqld",
                "mysql",
                "mysqladmin",
                "bash",
                "docker-entrypoint.sh",
            ],
            "agnhost" => &["agnhost", "wget", "curl", "nc", "nslookup"],
            "pause" => &["pause"],
            "ubuntu" | "debian" => &["bash", "apt-get"],
            _ => return None,
        };
        if repo == "pause" {
            return Some(base == "pause");
        }
        Some(
            COMMON.contains(&base)
                || extra.contains(&base)
                || self
                    .entrypoint
                    .iter()
                    .chain(&self.cmd)
                    .any(|e| e.rsplit('/').next() == Some(base)),
        )
    }

    fn declared_or(&self, default: &[u16]) -> Vec<u16> {
        if self.declared_ports.is_empty() {
            default.to_vec()
        } else {
            self.declared_ports.clone()
        }
    }
}
