//! The image catalogue: what a well-known image runs (ENTRYPOINT/CMD), its `ENV`, `STOPSIGNAL`,
//! the programs and files it ships, its size, and how its programs behave (ports, HTTP answers,
//! signals, exit codes, first log lines). Each fact cites the image's Dockerfile or the program's
//! source. An image that is not in the catalogue, and a program of a known image that the
//! catalogue does not describe (an agnhost subcommand not listed here, `python script.py`), make
//! [`ImageInfo::behaviour_of`] answer `None`: the caller then applies and states the server
//! assumption (listens on the declared ports, healthy, exits on SIGTERM) — never a silent guess.
//!
//! Signals to PID 1 (pid_namespaces(7)): a signal sent from the runtime to a container's PID 1
//! is delivered only if that process installed a handler for it. So
//!
//! * a program with no handler ignores SIGTERM as PID 1 and is SIGKILLed after the grace period
//!   (137): `python` (it only handles SIGINT), a shell, `sleep`;
//! * Node.js installs a SIGTERM/SIGINT handler that resets the disposition and re-raises
//!   (`src/node.cc` `RegisterSignalHandler(SIGTERM, SignalExit, true)`); the re-raised signal
//!   is dropped for PID 1, so `node app.js` as PID 1 ignores SIGTERM too (seed note 002's
//!   kubia: exit 137 after 30 s);
//! * a Go binary always has handlers (the runtime installs them); without `signal.Notify` it
//!   re-raises the signal with the default action, which is dropped for PID 1, and then
//!   `exit(2)`s (`runtime/signal_unix.go` `dieFromSignal`): agnhost subcommands and static Go
//!   binaries exit 2 on SIGTERM.

use super::behaviour::{HttpModel, ProgramBehaviour, Signal};
use crate::time::Time;

#[derive(Clone, Debug, PartialEq)]
pub struct ImageInfo {
    /// The image reference as written in the manifest.
    pub reference: String,
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    /// Compressed size reported in the `Pulled` event ("Image size: N bytes."): the amd64
    /// image's, approximately.
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
    /// Files the image ships that podlife knows (path, content): copied into each new
    /// instance's writable layer, under any volume mounted over them.
    pub files: Vec<(String, String)>,
    /// [`repository`] of the reference, computed once.
    pub repo: String,
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn kv(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The repository part of an image reference without registry, tag or digest:
/// `registry.k8s.io/busybox:1.27` → `busybox`.
pub fn repository(reference: &str) -> String {
    let no_digest = reference.split('@').next().unwrap_or(reference);
    let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
    last.split(':').next().unwrap_or(last).to_string()
}

/// The tag of an image reference, if any: `nginx:1.14-alpine` → `1.14-alpine`.
pub fn tag(reference: &str) -> Option<String> {
    let no_digest = reference.split('@').next().unwrap_or(reference);
    let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
    last.split_once(':').map(|(_, t)| t.to_string())
}

/// The leading `major.minor[.patch]` of a tag (`1.14-1` → (1, 14, None)).
fn tag_version(tag: &str) -> Option<(u32, u32, Option<u32>)> {
    let v: String = tag
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let mut it = v.split('.').filter(|p| !p.is_empty());
    let major = it.next()?.parse().ok()?;
    let minor = it.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    let patch = it.next().and_then(|p| p.parse().ok());
    Some((major, minor, patch))
}

/// containerd's default `PATH`, which most official images also set.
const PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Busybox applets (the `busybox` image, and alpine's busybox).
const BUSYBOX: &[&str] = &[
    "sh",
    "ash",
    "echo",
    "cat",
    "ls",
    "touch",
    "rm",
    "rmdir",
    "mkdir",
    "sleep",
    "usleep",
    "true",
    "false",
    "test",
    "[",
    "[[",
    "date",
    "kill",
    "killall",
    "env",
    "printenv",
    "ps",
    "grep",
    "egrep",
    "fgrep",
    "tail",
    "head",
    "hostname",
    "printf",
    "sed",
    "awk",
    "wc",
    "cp",
    "mv",
    "ln",
    "chmod",
    "chown",
    "id",
    "whoami",
    "pwd",
    "uname",
    "timeout",
    "watch",
    "yes",
    "wget",
    "nc",
    "nslookup",
    "ping",
    "ping6",
    "telnet",
    "traceroute",
    "vi",
    "top",
    "find",
    "xargs",
    "sort",
    "uniq",
    "cut",
    "tr",
    "tee",
    "du",
    "df",
    "mount",
    "umount",
    "dd",
    "expr",
    "seq",
    "basename",
    "dirname",
    "readlink",
    "realpath",
    "stat",
    "which",
    "nohup",
    "mkfifo",
    "ip",
    "ifconfig",
    "netstat",
    "route",
    "tar",
    "gzip",
    "gunzip",
    "zcat",
    "less",
    "more",
    "od",
    "hexdump",
    "md5sum",
    "sha1sum",
    "sha256sum",
    "base64",
    "nproc",
    "free",
    "uptime",
    "dmesg",
    "pidof",
    "pgrep",
    "pkill",
    "sync",
    "tac",
    "rev",
    "diff",
    "install",
    "mktemp",
    "logger",
    "nl",
    "arp",
];

/// A Debian or Ubuntu base image: coreutils, dash/bash, grep, sed, mawk, findutils, tar,
/// gzip, hostname, util-linux's mount — and no procps (`ps`, `kill`, `top`, `watch`), no
/// `wget`/`curl`, no iputils or netcat.
const DEBIAN: &[&str] = &[
    "sh",
    "dash",
    "bash",
    "echo",
    "cat",
    "ls",
    "touch",
    "rm",
    "rmdir",
    "mkdir",
    "sleep",
    "true",
    "false",
    "test",
    "[",
    "date",
    "env",
    "printenv",
    "grep",
    "egrep",
    "fgrep",
    "tail",
    "head",
    "hostname",
    "printf",
    "sed",
    "awk",
    "mawk",
    "wc",
    "cp",
    "mv",
    "ln",
    "chmod",
    "chown",
    "id",
    "whoami",
    "pwd",
    "uname",
    "timeout",
    "yes",
    "find",
    "xargs",
    "sort",
    "uniq",
    "cut",
    "tr",
    "tee",
    "du",
    "df",
    "mount",
    "umount",
    "dd",
    "expr",
    "seq",
    "basename",
    "dirname",
    "readlink",
    "realpath",
    "stat",
    "which",
    "nohup",
    "mkfifo",
    "tar",
    "gzip",
    "gunzip",
    "zcat",
    "more",
    "od",
    "md5sum",
    "sha1sum",
    "sha256sum",
    "base64",
    "nproc",
    "sync",
    "tac",
    "diff",
    "install",
    "mktemp",
    "nl",
    "apt",
    "apt-get",
    "dpkg",
    "su",
    "login",
];

/// `buildpack-deps:*-scm` (the base of the `golang` image): Debian plus curl, wget, git,
/// procps, openssh-client.
const BUILDPACK_SCM: &[&str] = &[
    "curl", "wget", "git", "ps", "kill", "top", "watch", "free", "pgrep", "pkill", "ssh",
];

/// Look up an image by reference.
pub fn lookup(reference: &str) -> ImageInfo {
    let repo = repository(reference);
    let tag = tag(reference);
    let mut info = ImageInfo {
        reference: reference.to_string(),
        entrypoint: vec![],
        cmd: vec![],
        size_bytes: 50_000_000,
        known: true,
        declared_ports: vec![],
        env: vec![],
        config_env: kv(&[("PATH", PATH)]),
        stop_signal: Signal::Term,
        files: vec![],
        repo: repo.clone(),
    };
    match repo.as_str() {
        // docker-library/busybox: `CMD ["sh"]`; alpine: `CMD ["/bin/sh"]`; debian:
        // `CMD ["bash"]`; ubuntu: `CMD ["/bin/bash"]`. With no tty and an empty stdin the shell
        // reads nothing and exits 0 at once. The e2e `busybox`/`nonroot` images are busybox.
        "busybox" | "nonroot" => {
            info.cmd = s(&["sh"]);
            info.size_bytes = 2_155_812;
        }
        "alpine" => {
            info.cmd = s(&["/bin/sh"]);
            info.size_bytes = 3_652_536;
        }
        "debian" => {
            info.cmd = s(&["bash"]);
            info.size_bytes = 29_754_290;
        }
        "ubuntu" => {
            info.cmd = s(&["/bin/bash"]);
            info.size_bytes = 29_754_290;
        }
        // nginx/docker-nginx `Dockerfile`: ENTRYPOINT ["/docker-entrypoint.sh"], CMD ["nginx",
        // "-g", "daemon off;"], EXPOSE 80; `STOPSIGNAL SIGQUIT` since commit 3fb70dd (24 Nov
        // 2020, nginx 1.19.5; issue #377), `STOPSIGNAL SIGTERM` before. The e2e images
        // `nginx:1.14-x`/`1.15-x` mirror nginx:1.14/1.15-alpine.
        "nginx" => {
            info.entrypoint = s(&["/docker-entrypoint.sh"]);
            info.cmd = s(&["nginx", "-g", "daemon off;"]);
            info.size_bytes = 72_195_292;
            info.stop_signal = match tag.as_deref().and_then(tag_version) {
                Some((1, minor, _)) if minor < 19 => Signal::Term,
                Some((1, 19, Some(patch))) if patch < 5 => Signal::Term,
                _ => Signal::Quit,
            };
            info.files = kv(&[
                (
                    "/usr/share/nginx/html/index.html",
                    "<h1>Welcome to nginx!</h1>\n",
                ),
                (
                    "/usr/share/nginx/html/50x.html",
                    "<h1>An error occurred.</h1>\n",
                ),
                ("/etc/nginx/nginx.conf", "user  nginx;\n"),
                (
                    "/etc/nginx/conf.d/default.conf",
                    "server {\n    listen       80;\n",
                ),
            ]);
        }
        // docker-library/httpd `Dockerfile`: ENV HTTPD_PREFIX /usr/local/apache2, PATH
        // $HTTPD_PREFIX/bin:$PATH; STOPSIGNAL SIGWINCH (graceful-stop); EXPOSE 80;
        // CMD ["httpd-foreground"] (which `exec httpd -DFOREGROUND`). The e2e `httpd:2.4.38-x`
        // mirrors httpd:2.4.38-alpine.
        "httpd" => {
            info.cmd = s(&["httpd-foreground"]);
            info.size_bytes = 58_410_231;
            info.stop_signal = Signal::Winch;
            info.config_env = kv(&[
                ("PATH", &format!("/usr/local/apache2/bin:{PATH}")),
                ("HTTPD_PREFIX", "/usr/local/apache2"),
            ]);
            info.files = kv(&[(
                "/usr/local/apache2/htdocs/index.html",
                "<html><body><h1>It works!</h1></body></html>\n",
            )]);
        }
        // docker-library/redis: ENTRYPOINT ["docker-entrypoint.sh"], CMD ["redis-server"],
        // EXPOSE 6379, no STOPSIGNAL.
        "redis" => {
            info.entrypoint = s(&["docker-entrypoint.sh"]);
            info.cmd = s(&["redis-server"]);
            info.size_bytes = 45_096_512;
        }
        // docker-library/postgres: ENV PGDATA /var/lib/postgresql/data (18+:
        // /var/lib/postgresql/<major>/docker), PATH with /usr/lib/postgresql/<major>/bin,
        // ENTRYPOINT ["docker-entrypoint.sh"], STOPSIGNAL SIGINT (fast shutdown), EXPOSE 5432,
        // CMD ["postgres"].
        "postgres" => {
            info.entrypoint = s(&["docker-entrypoint.sh"]);
            info.cmd = s(&["postgres"]);
            info.size_bytes = 154_232_580;
            info.stop_signal = Signal::Int;
            if let Some((major, _, _)) = tag.as_deref().and_then(tag_version) {
                let pgdata = if major >= 18 {
                    format!("/var/lib/postgresql/{major}/docker")
                } else {
                    "/var/lib/postgresql/data".to_string()
                };
                info.config_env = vec![
                    (
                        "PATH".into(),
                        format!("{PATH}:/usr/lib/postgresql/{major}/bin"),
                    ),
                    ("PGDATA".into(), pgdata),
                ];
            }
        }
        // docker-library/mysql: ENTRYPOINT ["docker-entrypoint.sh"], CMD ["mysqld"],
        // EXPOSE 3306 33060, no STOPSIGNAL.
        "mysql" => {
            info.entrypoint = s(&["docker-entrypoint.sh"]);
            info.cmd = s(&["mysqld"]);
            info.size_bytes = 170_418_203;
        }
        // docker-library/python: ENV PATH /usr/local/bin:$PATH, CMD ["python3"], no WORKDIR.
        "python" => {
            info.cmd = s(&["python3"]);
            info.size_bytes = 51_000_000;
            info.config_env = kv(&[("PATH", &format!("/usr/local/bin:{PATH}"))]);
        }
        // docker-library/node: ENTRYPOINT ["docker-entrypoint.sh"] (prepends `node` when the
        // first argument is not a command, then `exec "$@"`), CMD ["node"].
        "node" => {
            info.entrypoint = s(&["docker-entrypoint.sh"]);
            info.cmd = s(&["node"]);
            info.size_bytes = 391_000_000;
        }
        // docker-library/golang: ENV GOLANG_VERSION, GOPATH /go, PATH /go/bin:/usr/local/go/bin;
        // no CMD of its own (buildpack-deps' base `debian` CMD ["bash"]).
        "golang" => {
            info.cmd = s(&["bash"]);
            info.size_bytes = 290_000_000;
            info.config_env = go_env(tag.as_deref().filter(|t| tag_version(t).is_some()));
        }
        // Seed note 003's `192.168.11.247/web-demo/goweb-demo:20221229v3`: a gin web app on
        // :8090 (`/login` renders login.html), built FROM golang:1.19.4 — its `printenv` shows
        // PATH=/go/bin:/usr/local/go/bin:…, GOLANG_VERSION=1.19.4, GOPATH=/go; `ps -aux` shows
        // PID 1 `/bin/sh -c /opt/goweb-demo/runserver` (a shell-form CMD) in WORKDIR
        // /opt/goweb-demo. As PID 1 that shell ignores SIGTERM (the note's restarts come after
        // the 30 s grace period).
        "goweb-demo" => {
            info.cmd = s(&["/bin/sh", "-c", "/opt/goweb-demo/runserver"]);
            info.size_bytes = 330_000_000;
            info.config_env = go_env(Some("1.19.4"));
            info.files = kv(&[
                ("/opt/goweb-demo/runserver", "\u{7f}ELF"),
                (
                    "/opt/goweb-demo/login.html",
                    "<html><body>login</body></html>\n",
                ),
            ]);
        }
        // registry.k8s.io/pause (`build/pause/Dockerfile`): FROM scratch, ENTRYPOINT ["/pause"].
        "pause" => {
            info.entrypoint = s(&["/pause"]);
            info.config_env = vec![];
            info.size_bytes = 320_368;
        }
        // `test/images/agnhost/Dockerfile`: FROM alpine (BASEIMAGE), EXPOSE 80 8080 8081 9376,
        // /uploads, porter's localhost.crt/key, ENTRYPOINT ["/agnhost"], CMD ["pause"].
        // `test/images/kitten|nautilus/Dockerfile`: FROM agnhost, COPY the picture and
        // data.json, CMD ["test-webserver"].
        "agnhost" | "kitten" | "nautilus" => {
            info.entrypoint = s(&["/agnhost"]);
            info.cmd = s(&["pause"]);
            info.size_bytes = 52_367_112;
            info.files = kv(&[
                ("/localhost.crt", "-----BEGIN CERTIFICATE-----\n"),
                ("/localhost.key", "-----BEGIN PRIVATE KEY-----\n"),
            ]);
            if repo != "agnhost" {
                info.cmd = s(&["test-webserver"]);
                info.files
                    .push((format!("/{repo}.jpg"), "\u{ff}\u{d8}\u{ff}".to_string()));
                info.files.push(("/data.json".into(), "{}\n".into()));
            }
        }
        // `test/images/nonewprivs/Dockerfile`: COPY nnp /usr/local/bin/nnp (setuid), CMD ["nnp"]:
        // prints its effective uid and exits 0.
        "nonewprivs" => {
            info.cmd = s(&["nnp"]);
            info.size_bytes = 3_000_000;
        }
        // `test/images/goproxy/Dockerfile`: FROM scratch, ENTRYPOINT ["/goproxy"]; a static Go
        // binary listening on 8080.
        "goproxy" => {
            info.entrypoint = s(&["/goproxy"]);
            info.config_env = vec![];
            info.size_bytes = 5_012_418;
        }
        // "Kubernetes in Action" (luksa/kubia, kubia-unhealthy; zchaoyu1126/kubia in seed 002):
        // FROM node:7, ADD app.js, ENTRYPOINT ["node", "app.js"].
        "kubia-unhealthy" | "kubia" => {
            info.entrypoint = s(&["node", "app.js"]);
            info.size_bytes = 249_384_150;
        }
        "openjdk" | "eclipse-temurin" | "spring-petclinic" => {
            info.entrypoint = s(&["java", "-jar", "/app.jar"]);
            info.size_bytes = 215_412_901;
        }
        _ => {
            info.known = false;
            info.config_env = vec![];
        }
    }
    info
}

/// docker-library/golang's `ENV`.
fn go_env(version: Option<&str>) -> Vec<(String, String)> {
    let mut env = vec![
        (
            "PATH".to_string(),
            format!("/go/bin:/usr/local/go/bin:{PATH}"),
        ),
        ("GOPATH".to_string(), "/go".to_string()),
    ];
    if let Some(v) = version {
        env.insert(1, ("GOLANG_VERSION".into(), v.into()));
    }
    env
}

fn base(p: &str) -> &str {
    p.rsplit('/').next().unwrap_or(p)
}

/// A Go-style flag's value: `--name=v`, `--name v` (pflag, as agnhost's cobra commands take
/// them) or `-name=v`/`-name v` (the standard `flag` package).
fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    let long = format!("--{name}");
    let short = format!("-{name}");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        for f in [&long, &short] {
            if let Some(v) = a.strip_prefix(f.as_str()) {
                if let Some(v) = v.strip_prefix('=') {
                    return Some(v);
                }
                if v.is_empty() {
                    return it.next().map(String::as_str);
                }
            }
        }
    }
    None
}

fn flag_port(args: &[String], name: &str, default: u16) -> u16 {
    flag(args, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn flag_int(args: &[String], name: &str, default: i64) -> i64 {
    flag(args, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn flag_bool(args: &[String], name: &str, default: bool) -> bool {
    let long = format!("--{name}");
    for a in args {
        if *a == long {
            return true;
        }
        if let Some(v) = a.strip_prefix(&format!("{long}=")) {
            return v == "true" || v == "1";
        }
    }
    default
}

/// A Go program without `signal.Notify`: SIGTERM/SIGINT → `exit(2)` as PID 1.
fn go(name: &str) -> ProgramBehaviour {
    ProgramBehaviour::new(name).on_term(Some(0.0), 2)
}

impl ImageInfo {
    /// How a non-shell program of this image behaves, if the catalogue knows it; `None` lets
    /// the caller apply (and state) the server assumption.
    pub fn behaviour_of(&self, argv: &[String]) -> Option<ProgramBehaviour> {
        let mut argv = argv;
        // Entrypoint wrappers that end in `exec "$@"`: the program after them is PID 1.
        if argv.first().map(|a| base(a)) == Some("docker-entrypoint.sh") && argv.len() > 1 {
            let rest = &argv[1..];
            if self.repo == "postgres" || self.repo == "mysql" {
                // These entrypoints refuse to initialise without a password.
                if let Some(b) = self.database_without_password(rest) {
                    return Some(b);
                }
            }
            argv = rest;
        }
        let name = base(argv.first()?);
        let args = &argv[1..];
        Some(match name {
            "nginx" => nginx(args, self.repo == "nginx" && self.entrypoint.len() == 1),
            "httpd-foreground" => httpd(),
            "httpd" if args.iter().any(|a| a == "-DFOREGROUND" || a == "-D") => httpd(),
            "redis-server" => redis(),
            "postgres" => postgres(),
            "mysqld" => mysqld(),
            "python" | "python3" => return python(args),
            "node" => return self.node(args),
            "pause" if self.repo == "pause" => pause(),
            "agnhost" | "agnhost-2" => return agnhost(argv, &self.env),
            "goproxy" => go("goproxy").listening(&[8080], 0.0),
            "nnp" => ProgramBehaviour::new("nnp").exits(0.0, 0),
            // Seed 003's gin app (debug mode logs each route at start).
            "runserver" if self.repo == "goweb-demo" => go("goweb-demo runserver")
                .on_term(Some(0.0), 143)
                .listening(&[8090], 0.2)
                .http(HttpModel::Paths {
                    ok: vec!["/login".into()],
                })
                .banner("[GIN-debug] Listening and serving HTTP on :8090"),
            "java" => ProgramBehaviour::new("java (Spring Boot app)")
                .listening(&self.declared_or(&[8080]), 25.0)
                .on_term(Some(2.0), 143),
            _ => return None,
        })
    }

    /// What the catalogue had to assume about `argv` as PID 1, for the caller to state.
    pub fn assumption_for(&self, argv: &[String]) -> Option<String> {
        let mut argv = argv;
        if argv.first().map(|a| base(a)) == Some("docker-entrypoint.sh") {
            argv = &argv[1..];
        }
        match base(argv.first()?) {
            "node" if !matches!(self.repo.as_str(), "kubia" | "kubia-unhealthy") => {
                let script = argv.get(1).map(String::as_str).unwrap_or("-");
                Some(format!("`node {script}`: an unknown script, assumed to serve on the declared ports and be healthy; as PID 1 node ignores SIGTERM (its handler re-raises the signal, which the kernel drops for PID 1), so the kubelet's SIGKILL ends it"))
            }
            "java" => Some("`java`: assumed to be a Spring Boot app that listens on its declared ports (else 8080) 25 s after it starts and exits 2 s after SIGTERM".into()),
            _ => None,
        }
    }

    /// The postgres/mysql entrypoints exit 1 at once when the data directory is empty and no
    /// password variable is set (docker-library/postgres `docker-entrypoint.sh`
    /// `docker_verify_minimum_env`; docker-library/mysql `docker-entrypoint.sh`
    /// `docker_verify_minimum_env`).
    fn database_without_password(&self, rest: &[String]) -> Option<ProgramBehaviour> {
        let has = |k: &str| self.env.iter().any(|(n, v)| n == k && !v.is_empty());
        match (self.repo.as_str(), rest.first().map(|a| base(a))) {
            ("postgres", Some("postgres"))
                if !has("POSTGRES_PASSWORD")
                    && self
                        .env
                        .iter()
                        .all(|(n, v)| n != "POSTGRES_HOST_AUTH_METHOD" || v != "trust") =>
            {
                Some(
                    ProgramBehaviour::new("postgres entrypoint")
                        .exits(0.0, 1)
                        .banner("Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\"."),
                )
            }
            ("mysql", Some("mysqld"))
                if !has("MYSQL_ROOT_PASSWORD")
                    && !has("MYSQL_ALLOW_EMPTY_PASSWORD")
                    && !has("MYSQL_RANDOM_ROOT_PASSWORD") =>
            {
                Some(
                    ProgramBehaviour::new("mysql entrypoint")
                        .exits(0.0, 1)
                        .banner("[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD"),
                )
            }
            _ => None,
        }
    }

    /// `node` (docker-library/node): no script and no tty → it reads an empty stdin and exits
    /// 0; Kubernetes in Action's app.js (`http.createServer(handler).listen(8080)`, prints
    /// "Kubia server starting..."; kubia-unhealthy answers 500 from the 6th request); any
    /// other script: a server on the declared ports (the assumption is stated through
    /// [`Self::assumption_for`]). As PID 1 node ignores SIGTERM (module docs).
    fn node(&self, args: &[String]) -> Option<ProgramBehaviour> {
        let script = args.iter().find(|a| !a.starts_with('-'));
        let b = ProgramBehaviour::new("node").on_term(None, 143);
        Some(match (self.repo.as_str(), script.map(String::as_str)) {
            (_, None) => b.exits(0.0, 0),
            ("kubia-unhealthy", Some("app.js")) => b
                .listening(&[8080], 0.5)
                .http(HttpModel::FailAfterRequests { n: 5 })
                .banner("Kubia server starting..."),
            ("kubia", Some("app.js")) => {
                b.listening(&[8080], 0.5).banner("Kubia server starting...")
            }
            (_, Some(_)) => b.listening(&self.declared_ports, 0.5),
        })
    }

    /// Whether the image has program `name` on its `$PATH`: `None` for an image podlife does not
    /// know (assumed present).
    pub fn has_program(&self, name: &str) -> Option<bool> {
        if !self.known {
            return None;
        }
        let base = base(name);
        let in_list = |l: &[&str]| l.contains(&base);
        let own = self
            .entrypoint
            .iter()
            .chain(&self.cmd)
            .any(|e| e.rsplit('/').next() == Some(base));
        let alpine_nginx = self.repo == "nginx" && self.reference.contains("alpine")
            || self.reference.contains("e2e-test-images/nginx");
        let alpine_httpd = self.repo == "httpd" && self.reference.contains("alpine")
            || self.reference.contains("e2e-test-images/httpd");
        Some(
            own || match self.repo.as_str() {
                "busybox" | "nonroot" => in_list(BUSYBOX),
                "alpine" => in_list(BUSYBOX) || base == "apk",
                "debian" | "ubuntu" => in_list(DEBIAN),
                "nginx" if alpine_nginx => {
                    in_list(BUSYBOX) || ["apk", "nginx", "nginx-debug", "curl"].contains(&base)
                }
                "nginx" => {
                    in_list(DEBIAN)
                        || ["nginx", "nginx-debug", "curl", "docker-entrypoint.sh"].contains(&base)
                }
                "httpd" if alpine_httpd => {
                    in_list(BUSYBOX)
                        || ["apk", "httpd", "apachectl", "httpd-foreground"].contains(&base)
                }
                "httpd" => in_list(DEBIAN) || ["httpd", "apachectl"].contains(&base),
                "redis" => {
                    in_list(DEBIAN)
                        || ["redis-server", "redis-cli", "redis-sentinel", "gosu"].contains(&base)
                }
                "postgres" => {
                    in_list(DEBIAN)
                        || ["postgres", "psql", "pg_isready", "pg_ctl", "initdb", "gosu"]
                            .contains(&base)
                }
                "mysql" => {
                    in_list(DEBIAN) || ["mysqld", "mysql", "mysqladmin", "gosu"].contains(&base)
                }
                "python" => in_list(DEBIAN) || ["python", "python3", "pip", "pip3"].contains(&base),
                "node" | "kubia" | "kubia-unhealthy" => {
                    in_list(DEBIAN) || ["node", "npm", "npx", "yarn"].contains(&base)
                }
                "golang" => {
                    in_list(DEBIAN) || in_list(BUILDPACK_SCM) || ["go", "gofmt"].contains(&base)
                }
                "goweb-demo" => {
                    in_list(DEBIAN)
                        || in_list(BUILDPACK_SCM)
                        || ["go", "gofmt", "runserver"].contains(&base)
                }
                // `apk add bind-tools curl netcat-openbsd iproute2 iperf bash`, coredns.
                "agnhost" | "kitten" | "nautilus" => {
                    in_list(BUSYBOX)
                        || [
                            "apk",
                            "bash",
                            "curl",
                            "dig",
                            "host",
                            "nc",
                            "ip",
                            "ss",
                            "iperf",
                            "agnhost",
                            "agnhost-2",
                            "coredns",
                        ]
                        .contains(&base)
                }
                "nonewprivs" => in_list(BUSYBOX) || base == "nnp",
                "openjdk" | "eclipse-temurin" | "spring-petclinic" => {
                    in_list(DEBIAN) || base == "java"
                }
                // FROM scratch: only the binary itself.
                _ => false,
            },
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

/// nginx (`src/os/unix/ngx_process.c` signals; nginx.org/en/docs/control.html): TERM/INT fast
/// shutdown, QUIT graceful shutdown (both exit 0), HUP reload, WINCH stops the workers only.
/// Listens on 80 (conf.d/default.conf) and serves /usr/share/nginx/html. Without `daemon off;`
/// the master forks into the background and the foreground process exits 0 at once; `-t`,
/// `-v`, `-V` print and exit. Through `/docker-entrypoint.sh` it first prints the entrypoint's
/// configuration lines.
fn nginx(args: &[String], via_entrypoint: bool) -> ProgramBehaviour {
    let b = ProgramBehaviour::new("nginx");
    if args
        .iter()
        .any(|a| matches!(a.as_str(), "-t" | "-T" | "-v" | "-V" | "-h" | "-?"))
    {
        return b.exits(0.0, 0);
    }
    if !args
        .iter()
        .any(|a| a.replace(' ', "").contains("daemonoff"))
    {
        return b.exits(0.0, 0);
    }
    let banner = if via_entrypoint {
        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n/docker-entrypoint.sh: Configuration complete; ready for start up"
    } else {
        ""
    };
    b.listening(&[80], 0.05)
        .http(HttpModel::Static {
            root: "/usr/share/nginx/html".into(),
        })
        .on_term(Some(0.1), 0)
        .on(Signal::Quit, Time::from_secs_f64(0.1), 0)
        .survives(Signal::Hup)
        .survives(Signal::Winch)
        .banner(banner)
}

/// httpd (`httpd -DFOREGROUND`; httpd.apache.org/docs/2.4/stopping.html): TERM stop now,
/// WINCH graceful-stop (the image's STOPSIGNAL), USR1/HUP restarts; both stops exit 0.
/// Serves /usr/local/apache2/htdocs on 80.
fn httpd() -> ProgramBehaviour {
    ProgramBehaviour::new("httpd")
        .listening(&[80], 0.1)
        .http(HttpModel::Static {
            root: "/usr/local/apache2/htdocs".into(),
        })
        .on_term(Some(0.1), 0)
        .on(Signal::Winch, Time::from_secs_f64(0.1), 0)
        .survives(Signal::Hup)
        .survives(Signal::Usr1)
        .banner("AH00094: Command line: 'httpd -D FOREGROUND'")
}

/// redis-server (`src/server.c` `setupSignalHandlers`: SIGTERM/SIGINT → shutdown, exit 0;
/// SIGHUP ignored). Port 6379; it does not speak HTTP (an HTTP GET is refused: modelled as no
/// path answering).
fn redis() -> ProgramBehaviour {
    ProgramBehaviour::new("redis-server")
        .listening(&[6379], 0.05)
        .http(HttpModel::Paths { ok: vec![] })
        .on_term(Some(0.1), 0)
        .survives(Signal::Hup)
        .banner(
            "# oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n* Ready to accept connections tcp",
        )
}

/// postgres (postgresql.org/docs/current/server-shutdown.html): SIGTERM smart shutdown, SIGINT
/// fast shutdown (the image's STOPSIGNAL), both exit 0; SIGHUP reloads. On first start the
/// entrypoint runs initdb and a temporary server before the real one listens on 5432.
fn postgres() -> ProgramBehaviour {
    ProgramBehaviour::new("postgres")
        .listening(&[5432], 3.0)
        .http(HttpModel::Paths { ok: vec![] })
        .on_term(Some(0.5), 0)
        .on(Signal::Int, Time::from_secs_f64(0.3), 0)
        .survives(Signal::Hup)
        .banner("LOG:  database system is ready to accept connections")
}

/// mysqld: SIGTERM shuts down (exit 0), SIGHUP reloads; the first start initialises the data
/// directory and runs a temporary server first (~10–20 s) before listening on 3306.
fn mysqld() -> ProgramBehaviour {
    ProgramBehaviour::new("mysqld")
        .listening(&[3306], 12.0)
        .http(HttpModel::Paths { ok: vec![] })
        .on_term(Some(2.0), 0)
        .survives(Signal::Hup)
        .banner("[Server] /usr/sbin/mysqld: ready for connections. Version: '8.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306")
}

/// `python` (`Lib/http/server.py` `test`): `-m http.server [port]` serves the working directory
/// (`--directory`/`-d`) on 8000 and prints "Serving HTTP on …"; Python installs a handler for
/// SIGINT only (KeyboardInterrupt → "Keyboard interrupt received, exiting." and exit 0), so as
/// PID 1 SIGTERM is ignored. No arguments, no tty: it reads an empty stdin and exits 0. Other
/// scripts are not modelled.
fn python(args: &[String]) -> Option<ProgramBehaviour> {
    if args.is_empty() {
        return Some(ProgramBehaviour::new("python").exits(0.0, 0));
    }
    let m = args.iter().position(|a| a == "-m")?;
    if args.get(m + 1).map(String::as_str) != Some("http.server") {
        return None;
    }
    let rest = &args[m + 2..];
    let mut port = 8000;
    let mut dir = String::new();
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-d" | "--directory" => dir = it.next().cloned().unwrap_or_default(),
            "-b" | "--bind" | "-p" | "--protocol" => {
                it.next();
            }
            a if a.starts_with("--directory=") => dir = a["--directory=".len()..].to_string(),
            a if !a.starts_with('-') => port = a.parse().unwrap_or(8000),
            _ => {}
        }
    }
    let root = dir.trim_end_matches('/').to_string();
    Some(
        ProgramBehaviour::new("python -m http.server")
            .listening(&[port], 0.3)
            .http(HttpModel::Static { root })
            .on_term(None, 143)
            .on(Signal::Int, Time::from_secs_f64(0.0), 0)
            .banner(&format!(
                "Serving HTTP on 0.0.0.0 port {port} (http://0.0.0.0:{port}/) ..."
            )),
    )
}

/// registry.k8s.io/pause (`build/pause/linux/pause.c`): handlers for SIGINT and SIGTERM
/// (`sigdown`: "Shutting down, got signal: Terminated", exit 0); other signals are dropped for
/// PID 1.
fn pause() -> ProgramBehaviour {
    ProgramBehaviour::new("pause")
        .on_term(Some(0.0), 0)
        .survives(Signal::Hup)
        .survives(Signal::Quit)
}

/// agnhost (`test/images/agnhost/agnhost.go`: cobra subcommands). Every subcommand is a Go
/// program: unless it calls `signal.Notify`, SIGTERM makes it exit 2 as PID 1. Subcommands not
/// listed here return `None` (the caller states its assumption).
fn agnhost(argv: &[String], env: &[(String, String)]) -> Option<ProgramBehaviour> {
    let Some(sub) = argv.get(1) else {
        // Cobra prints the usage and exits 0.
        return Some(ProgramBehaviour::new("agnhost").exits(0.0, 0));
    };
    let args = &argv[2..];
    let name = format!("agnhost {sub}");
    Some(match sub.as_str() {
        // `pause/pause.go`: prints "Paused"; SIGINT → exit 1, SIGTERM → exit 2.
        "pause" => ProgramBehaviour::new(&name)
            .on_term(Some(0.0), 2)
            .on(Signal::Int, Time::from_secs_f64(0.0), 1)
            .banner("Paused"),
        // `liveness/server.go`: :8080, `/healthz` 200 for the first 10 s then 500 (other
        // routes — /started, /redirect, /sleep-*, … — are not modelled).
        "liveness" => go(&name)
            .listening(&[8080], 0.0)
            .http(HttpModel::HealthzFor {
                ok_for: Time::from_secs(10),
            }),
        // `netexec/netexec.go`: HTTP on --http-port (8080; every path answers, "/" catches
        // all), UDP on --udp-port (8081, not TCP). `/healthz` answers 412 while no UDP/SCTP
        // server runs and `/echo?code=`, `/exit`, `/shutdown` change the answer or exit the
        // process: not modelled.
        "netexec" => {
            let http = flag_port(args, "http-port", 8080);
            let udp = flag_int(args, "udp-port", 8081);
            let mut banner = format!("Started HTTP server on port {http}");
            if udp != -1 {
                banner.push_str(&format!("\nStarted UDP server on port  {udp}"));
            }
            go(&name).listening(&[http], 0.0).banner(&banner)
        }
        // `serve-hostname/serve_hostname.go`: --port (9376), HTTP by default (every path
        // answers the hostname); --tcp/--udp with --http (default true) is fatal (exit 1).
        // SIGTERM is caught: it logs, sleeps 60 s and returns (exit 0).
        "serve-hostname" => {
            let port = flag_port(args, "port", 9376);
            let http = flag_bool(args, "http", true);
            if http && (flag_bool(args, "tcp", false) || flag_bool(args, "udp", false)) {
                return Some(
                    ProgramBehaviour::new(&name)
                        .exits(0.0, 1)
                        .banner("Can't server TCP/UDP mode and HTTP mode at the same time"),
                );
            }
            ProgramBehaviour::new(&name)
                .listening(&[port], 0.0)
                .on_term(Some(60.0), 0)
                .banner(&format!("Serving on port {port}."))
        }
        // `test-webserver/test-webserver.go`: a file server of "/" on --port (80): existing
        // files answer 200, others 404.
        "test-webserver" => go(&name)
            .listening(&[flag_port(args, "port", 80)], 0.0)
            .http(HttpModel::Static {
                root: String::new(),
            }),
        // `porter/porter.go`: an HTTP server on every port named by SERVE_PORT_<n>,
        // SERVE_TCP_PORT_<n> or SERVE_TLS_PORT_<n> (UDP/SCTP ones are not TCP), answering the
        // variable's value on any path.
        "porter" => {
            let mut ports: Vec<u16> = env
                .iter()
                .filter_map(|(k, _)| {
                    ["SERVE_PORT_", "SERVE_TCP_PORT_", "SERVE_TLS_PORT_"]
                        .iter()
                        .find_map(|p| k.strip_prefix(p))
                        .and_then(|n| n.parse().ok())
                })
                .collect();
            ports.sort_unstable();
            ports.dedup();
            go(&name).listening(&ports, 0.0)
        }
        // `grpc-health-checking/grpc-health-checking.go`: gRPC health on --port (5000), HTTP
        // /make-serving and /make-not-serving on --http-port (8080); --delay-unhealthy-sec is
        // not modelled.
        "grpc-health-checking" => go(&name)
            .listening(
                &[
                    flag_port(args, "port", 5000),
                    flag_port(args, "http-port", 8080),
                ],
                0.0,
            )
            .http(HttpModel::Paths {
                ok: vec!["/make-serving".into(), "/make-not-serving".into()],
            }),
        // `fakegitserver/gitserver.go`: :8000, every path "I am a fake git server".
        "fake-gitserver" => go(&name).listening(&[8000], 0.0),
        // `mounttest/mt.go`: file checks, prints, exits (1 when one failed — assumed not);
        // with --file_content_in_loop it re-reads every 2 s for up to --retry_time (180 s).
        "mounttest" => {
            let runs = if flag(args, "file_content_in_loop").is_some() {
                flag_int(args, "retry_time", 180) as f64
            } else {
                0.0
            };
            ProgramBehaviour::new(&name).exits(runs, 0)
        }
        // `entrypoint-tester/ep.go`: prints os.Args and exits 0.
        "entrypoint-tester" => ProgramBehaviour::new(&name)
            .exits(0.0, 0)
            .banner(&format!("[{}]", argv.join(" "))),
        // `nettest/nettest.go`: --port (8080), /read /write /status /quit (others 404);
        // --delay-shutdown N catches SIGTERM and exits 0 after N s. /quit's exit is not modelled.
        "nettest" => {
            let delay = flag_int(args, "delay-shutdown", 0);
            let b = go(&name)
                .listening(&[flag_port(args, "port", 8080)], 0.0)
                .http(HttpModel::Paths {
                    ok: ["/read", "/write", "/status", "/quit"]
                        .map(String::from)
                        .to_vec(),
                });
            if delay > 0 {
                b.on_term(Some(delay as f64), 0)
            } else {
                b
            }
        }
        // `webhook/main.go`: TLS on --port (443); a GET of a registered route answers 200 (the
        // handler returns on the content type), others 404. Without --tls-cert-file the TLS
        // setup fails: not modelled.
        "webhook" if flag(args, "tls-cert-file").is_some() => go(&name)
            .listening(&[flag_port(args, "port", 443)], 0.0)
            .http(HttpModel::Paths {
                ok: [
                    "/readyz",
                    "/always-allow-delay-5s",
                    "/always-deny",
                    "/add-label",
                    "/pods",
                    "/pods/attach",
                    "/mutating-pods",
                    "/mutating-pods-sidecar",
                    "/configmaps",
                    "/mutating-configmaps",
                    "/custom-resource",
                    "/mutating-custom-resource",
                    "/crd",
                ]
                .map(String::from)
                .to_vec(),
            }),
        // `dns/common.go`: print /etc/resolv.conf's nameservers or search list, or /etc/hosts,
        // and exit 0.
        "dns-server-list" | "dns-suffix" | "etc-hosts" => {
            ProgramBehaviour::new(&name).exits(0.0, 0)
        }
        // `resource-consumer/resource_consumer.go`: --port (8080); GET /metrics answers, every
        // other GET is a 400 (modelled as not answering 2xx).
        "resource-consumer" => go(&name)
            .listening(&[flag_port(args, "port", 8080)], 0.0)
            .http(HttpModel::Paths {
                ok: vec!["/metrics".into()],
            }),
        // `inclusterclient/main.go`: polls the API server's /healthz every --poll-interval
        // (30 s) forever; no listener.
        "inclusterclient" => go(&name).banner("started"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(x: f64) -> crate::time::Time {
        crate::time::Time::from_secs_f64(x)
    }

    fn argv(v: &[&str]) -> Vec<String> {
        s(v)
    }

    /// docker-library Dockerfiles' ENTRYPOINT/CMD, and a shell image's no-op default.
    #[test]
    fn entrypoints_and_cmds() {
        for (image, ep, cmd) in [
            ("busybox", vec![], vec!["sh"]),
            ("alpine:3.20", vec![], vec!["/bin/sh"]),
            ("debian:bookworm", vec![], vec!["bash"]),
            ("ubuntu:24.04", vec![], vec!["/bin/bash"]),
            (
                "nginx:1.27",
                vec!["/docker-entrypoint.sh"],
                vec!["nginx", "-g", "daemon off;"],
            ),
            ("httpd:2.4", vec![], vec!["httpd-foreground"]),
            (
                "postgres:16",
                vec!["docker-entrypoint.sh"],
                vec!["postgres"],
            ),
            ("python:3.12", vec![], vec!["python3"]),
            (
                "registry.k8s.io/e2e-test-images/agnhost:2.52",
                vec!["/agnhost"],
                vec!["pause"],
            ),
            ("registry.k8s.io/pause:3.10", vec!["/pause"], vec![]),
        ] {
            let i = lookup(image);
            assert_eq!((i.entrypoint, i.cmd), (s(&ep), s(&cmd)), "{image}");
        }
    }

    /// STOPSIGNAL: nginx SIGQUIT from 1.19.5 (docker-nginx commit 3fb70dd), SIGTERM for the
    /// e2e nginx:secs(1.14); httpd SIGWINCH; postgres SIGINT; default SIGTERM.
    #[test]
    fn stop_signals() {
        for (image, sig) in [
            ("nginx", Signal::Quit),
            ("nginx:1.27-alpine", Signal::Quit),
            ("nginx:stable", Signal::Quit),
            ("nginx:1.19.2", Signal::Term),
            ("registry.k8s.io/e2e-test-images/nginx:1.14-4", Signal::Term),
            ("httpd:2.4", Signal::Winch),
            ("postgres:16", Signal::Int),
            ("redis:7", Signal::Term),
            ("busybox", Signal::Term),
            ("example.com/unknown:1", Signal::Term),
        ] {
            assert_eq!(lookup(image).stop_signal, sig, "{image}");
        }
    }

    /// nginx/docker-nginx entrypoint: nginx on 80, static files from /usr/share/nginx/html,
    /// TERM fast and QUIT graceful shutdown (exit 0), HUP reloads; without `daemon off;` the
    /// foreground process exits at once.
    #[test]
    fn nginx_model() {
        let i = lookup("nginx:1.27");
        let b = i
            .behaviour_of(&argv(&[
                "/docker-entrypoint.sh",
                "nginx",
                "-g",
                "daemon off;",
            ]))
            .unwrap();
        assert_eq!(b.ports, [80]);
        assert_eq!(b.reaction(Signal::Term), Some((secs(0.1), 0)));
        assert_eq!(b.reaction(Signal::Quit), Some((secs(0.1), 0)));
        assert_eq!(b.reaction(Signal::Hup), None);
        assert!(b
            .banner
            .ends_with("Configuration complete; ready for start up"));
        assert!(i
            .files
            .iter()
            .any(|(p, _)| p == "/usr/share/nginx/html/index.html"));
        let daemon = i.behaviour_of(&argv(&["nginx"])).unwrap();
        assert_eq!((daemon.runs_for, daemon.exit_code), (Some(secs(0.0)), 0));
        assert_eq!(i.has_program("curl"), Some(true));
        assert_eq!(i.has_program("ps"), Some(false));
    }

    /// docker-library/httpd: SIGWINCH graceful-stop, SIGTERM stop, both exit 0, port 80.
    #[test]
    fn httpd_model() {
        let i = lookup("httpd:2.4");
        let b = i.behaviour_of(&i.cmd).unwrap();
        assert_eq!(b.ports, [80]);
        assert_eq!(b.reaction(Signal::Winch), Some((secs(0.1), 0)));
        assert_eq!(b.reaction(Signal::Term), Some((secs(0.1), 0)));
    }

    /// docker-library/postgres `docker-entrypoint.sh`: no POSTGRES_PASSWORD → exit 1 at once;
    /// with it, 5432 after initdb, SIGINT fast shutdown exit 0.
    #[test]
    fn postgres_needs_a_password() {
        let mut i = lookup("postgres:16");
        let cmd = argv(&["docker-entrypoint.sh", "postgres"]);
        let b = i.behaviour_of(&cmd).unwrap();
        assert_eq!((b.runs_for, b.exit_code), (Some(secs(0.0)), 1));
        assert!(b.banner.starts_with("Error: Database is uninitialized"));
        i.env = vec![("POSTGRES_PASSWORD".into(), "pw".into())];
        let b = i.behaviour_of(&cmd).unwrap();
        assert_eq!((b.ports.clone(), b.runs_for), (vec![5432], None));
        assert_eq!(b.reaction(Signal::Int), Some((secs(0.3), 0)));
        assert_eq!(
            i.config_env
                .iter()
                .find(|(k, _)| k == "PGDATA")
                .map(|(_, v)| v.as_str()),
            Some("/var/lib/postgresql/data")
        );
        let m = lookup("mysql:8");
        let b = m
            .behaviour_of(&argv(&["docker-entrypoint.sh", "mysqld"]))
            .unwrap();
        assert_eq!(b.exit_code, 1);
    }

    /// `Lib/http/server.py`: port 8000 or the positional port, files of the working directory
    /// (or --directory); SIGINT exits 0, SIGTERM is ignored as PID 1.
    #[test]
    fn python_http_server() {
        let i = lookup("python:3.12");
        let b = i
            .behaviour_of(&argv(&["python", "-m", "http.server"]))
            .unwrap();
        assert_eq!(b.ports, [8000]);
        assert_eq!(b.reaction(Signal::Term), None);
        assert_eq!(b.reaction(Signal::Int), Some((secs(0.0), 0)));
        let b = i
            .behaviour_of(&argv(&[
                "python3",
                "-m",
                "http.server",
                "9000",
                "--directory",
                "/srv/",
            ]))
            .unwrap();
        assert_eq!(b.ports, [9000]);
        assert_eq!(
            b.http,
            HttpModel::Static {
                root: "/srv".into()
            }
        );
        assert!(i.behaviour_of(&argv(&["python", "app.py"])).is_none());
    }

    /// docker-library/node + `src/node.cc` (SIGTERM handler re-raises; dropped for PID 1):
    /// kubia (Kubernetes in Action) listens on 8080 and ignores SIGTERM; an unknown script is
    /// a stated assumption.
    #[test]
    fn node_apps() {
        let k = lookup("luksa/kubia-unhealthy");
        let b = k.behaviour_of(&k.entrypoint).unwrap();
        assert_eq!(b.ports, [8080]);
        assert_eq!(b.reaction(Signal::Term), None);
        assert_eq!(b.http, HttpModel::FailAfterRequests { n: 5 });
        assert_eq!(b.banner, "Kubia server starting...");
        assert!(k.assumption_for(&k.entrypoint).is_none());
        let mut n = lookup("node:20");
        n.declared_ports = vec![3000];
        let cmd = argv(&["docker-entrypoint.sh", "node", "server.js"]);
        let b = n.behaviour_of(&cmd).unwrap();
        assert_eq!(
            (b.ports.clone(), b.reaction(Signal::Term)),
            (vec![3000], None)
        );
        assert!(n.assumption_for(&cmd).unwrap().contains("node server.js"));
    }

    /// `test/images/agnhost/*`: ports from flags, exit 2 on SIGTERM without a handler.
    #[test]
    fn agnhost_subcommands() {
        let i = lookup("registry.k8s.io/e2e-test-images/agnhost:2.52");
        let b = |a: &[&str]| i.behaviour_of(&argv(a));
        // netexec/netexec.go: --http-port, default 8080; UDP is not a TCP port.
        let n = b(&["/agnhost", "netexec", "--http-port=8081", "--udp-port=-1"]).unwrap();
        assert_eq!(n.ports, [8081]);
        assert_eq!(n.banner, "Started HTTP server on port 8081");
        assert_eq!(b(&["/agnhost", "netexec"]).unwrap().ports, [8080]);
        assert_eq!(n.reaction(Signal::Term), Some((secs(0.0), 2)));
        // liveness/server.go.
        let l = b(&["/agnhost", "liveness"]).unwrap();
        assert_eq!(
            (l.ports.clone(), l.http.clone()),
            (vec![8080], HttpModel::HealthzFor { ok_for: secs(10.0) })
        );
        // serve-hostname: SIGTERM caught, 60 s, exit 0; --port flag.
        let h = b(&["/agnhost", "serve-hostname", "--port", "9377"]).unwrap();
        assert_eq!(
            (h.ports.clone(), h.reaction(Signal::Term)),
            (vec![9377], Some((secs(60.0), 0)))
        );
        assert_eq!(
            b(&["/agnhost", "serve-hostname", "--udp"])
                .unwrap()
                .exit_code,
            1
        );
        // test-webserver: --port 80 by default.
        assert_eq!(b(&["/agnhost", "test-webserver"]).unwrap().ports, [80]);
        // pause: SIGTERM → 2, SIGINT → 1.
        let p = b(&["/agnhost", "pause"]).unwrap();
        assert_eq!(
            (p.reaction(Signal::Term), p.reaction(Signal::Int)),
            (Some((secs(0.0), 2)), Some((secs(0.0), 1)))
        );
        // grpc-health-checking: gRPC 5000 + HTTP 8080.
        assert_eq!(
            b(&["/agnhost", "grpc-health-checking"]).unwrap().ports,
            [5000, 8080]
        );
        assert_eq!(b(&["/agnhost", "fake-gitserver"]).unwrap().ports, [8000]);
        let e = b(&["/agnhost", "entrypoint-tester", "foo", "bar"]).unwrap();
        assert_eq!(
            (e.runs_for, e.banner.as_str()),
            (Some(secs(0.0)), "[/agnhost entrypoint-tester foo bar]")
        );
        let nt = b(&["/agnhost", "nettest", "--delay-shutdown=10"]).unwrap();
        assert_eq!(nt.reaction(Signal::Term), Some((secs(10.0), 0)));
        assert_eq!(
            b(&["/agnhost", "mounttest", "--file_content=/etc/x"])
                .unwrap()
                .runs_for,
            Some(secs(0.0))
        );
        assert_eq!(
            b(&["/agnhost", "dns-server-list"]).unwrap().runs_for,
            Some(secs(0.0))
        );
        assert_eq!(b(&["/agnhost", "resource-consumer"]).unwrap().ports, [8080]);
        assert!(b(&["/agnhost", "inclusterclient"])
            .unwrap()
            .ports
            .is_empty());
        assert_eq!(
            b(&["/agnhost", "webhook", "--tls-cert-file=/c", "--port=8443"])
                .unwrap()
                .ports,
            [8443]
        );
        // Not modelled: the caller states its assumption.
        assert!(b(&["/agnhost", "webhook"]).is_none());
        assert!(b(&["/agnhost", "guestbook"]).is_none());
        assert!(b(&["/agnhost", "connect"]).is_none());
        assert_eq!(i.has_program("curl"), Some(true));
        assert_eq!(i.has_program("apt-get"), Some(false));
    }

    /// `porter/porter.go`: ports from SERVE_PORT_*/SERVE_TCP_PORT_*/SERVE_TLS_PORT_*.
    #[test]
    fn porter_ports_from_env() {
        let mut i = lookup("registry.k8s.io/e2e-test-images/agnhost:2.52");
        i.env = vec![
            ("SERVE_PORT_9001".into(), "foo".into()),
            ("SERVE_TLS_PORT_9443".into(), "tls".into()),
            ("SERVE_UDP_PORT_9002".into(), "udp".into()),
            ("PATH".into(), "/bin".into()),
        ];
        let b = i.behaviour_of(&argv(&["/agnhost", "porter"])).unwrap();
        assert_eq!(b.ports, [9001, 9443]);
    }

    /// `build/pause/linux/pause.c` `sigdown`: SIGINT/SIGTERM → exit 0; others dropped.
    #[test]
    fn pause_image() {
        let i = lookup("registry.k8s.io/pause:3.10");
        let b = i.behaviour_of(&i.entrypoint).unwrap();
        assert_eq!(b.reaction(Signal::Term), Some((secs(0.0), 0)));
        assert_eq!(b.reaction(Signal::Int), Some((secs(0.0), 0)));
        assert_eq!(b.reaction(Signal::Hup), None);
        assert_eq!(i.has_program("sh"), Some(false));
        assert_eq!(i.has_program("pause"), Some(true));
    }

    /// Seed note 003: goweb-demo's PID 1 is `/bin/sh -c /opt/goweb-demo/runserver`, the app
    /// serves /login on 8090; its env has the golang image's variables.
    #[test]
    fn goweb_demo_from_the_seed() {
        let i = lookup("192.168.11.247/web-demo/goweb-demo:20221229v3");
        assert_eq!(i.cmd, ["/bin/sh", "-c", "/opt/goweb-demo/runserver"]);
        assert_eq!(
            i.config_env,
            kv(&[
                ("PATH", "/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                ("GOLANG_VERSION", "1.19.4"),
                ("GOPATH", "/go"),
            ])
        );
        let b = i
            .behaviour_of(&argv(&["/opt/goweb-demo/runserver"]))
            .unwrap();
        assert_eq!(b.ports, [8090]);
        assert_eq!(i.has_program("ps"), Some(true));
        assert_eq!(i.has_program("runserver"), Some(true));
    }

    /// busybox has the applets; Debian has coreutils but not procps or wget.
    #[test]
    fn programs_per_base() {
        let b = lookup("busybox:1.36");
        assert_eq!(b.has_program("wget"), Some(true));
        assert_eq!(b.has_program("bash"), Some(false));
        let d = lookup("debian:bookworm");
        assert_eq!(d.has_program("bash"), Some(true));
        assert_eq!(d.has_program("ps"), Some(false));
        assert_eq!(d.has_program("wget"), Some(false));
        assert_eq!(lookup("goproxy").has_program("sh"), Some(false));
        assert_eq!(lookup("example.com/x").has_program("anything"), None);
    }
}
