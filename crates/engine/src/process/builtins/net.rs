//! The network applets against the simulated network: `nslookup`, `wget`/`curl`, `nc`, and
//! `nginx -s`.

use crate::process::behaviour::{Effect, Signal};
use crate::process::exec::resolve;
use crate::process::fs::FsView;
use crate::process::shell::{base, split_url, Process, World};
use crate::time::Time;

impl Process {
    /// `wget`, `curl`, `nc`, `nslookup`, `ping` against the simulated network.
    pub(super) fn net_applet(
        &mut self,
        pid: u32,
        argv: &[String],
        now: Time,
        fs: &mut FsView,
        world: &dyn World,
    ) -> Option<i32> {
        let name = base(&argv[0]);
        let args: Vec<String> = argv[1..].to_vec();
        let cwd = self.cwd(pid);
        Some(match name.as_str() {
            "nslookup" => {
                let host = args
                    .iter()
                    .find(|a| !a.starts_with('-'))
                    .cloned()
                    .unwrap_or_default();
                if world.resolve(&host, now) {
                    let s = format!(
                        "Server:    10.96.0.10\nAddress:  10.96.0.10:53\n\nName:   {host}\n"
                    );
                    let _ = self.out(pid, &s, now, fs);
                    0
                } else {
                    let s = format!("Server:    10.96.0.10\nAddress:  10.96.0.10:53\n\n** server can't find {host}: NXDOMAIN\n\n");
                    let _ = self.out(pid, &s, now, fs);
                    1
                }
            }
            "wget" | "curl" => {
                let Some(url) = args.iter().rev().find(|a| {
                    !a.starts_with('-') && (a.contains("://") || a.contains(':') || a.contains('.'))
                }) else {
                    self.err(pid, &format!("{name}: no URL given\n"), now, fs);
                    return Some(1);
                };
                let (host, port, path) = split_url(url);
                let out_file = args
                    .iter()
                    .position(|a| a == "-O" || a == "-o")
                    .and_then(|i| args.get(i + 1))
                    .filter(|f| f.as_str() != "-")
                    .cloned();
                let to_stdout = args.iter().any(|a| a == "-qO-" || a == "-O-" || a == "-")
                    || (name == "curl" && out_file.is_none());
                let quiet = args.iter().any(|a| {
                    a.starts_with("-q")
                        || a == "-s"
                        || a == "-sS"
                        || a == "--spider"
                        || a == "-sf"
                        || a == "-fsS"
                });
                match world.http(&host, port, &path, now) {
                    Ok(code) if (200..400).contains(&code) => {
                        if args.iter().any(|a| a == "--spider") {
                            return Some(0);
                        }
                        let body = format!("<html><body>{host}{path}</body></html>\n");
                        match &out_file {
                            Some(f) => fs.write(&resolve(&cwd, f), &body, false),
                            None if to_stdout => {
                                let _ = self.out(pid, &body, now, fs);
                            }
                            None => fs.write(
                                &resolve(
                                    &cwd,
                                    path.rsplit('/')
                                        .next()
                                        .filter(|p| !p.is_empty())
                                        .unwrap_or("index.html"),
                                ),
                                &body,
                                false,
                            ),
                        }
                        if !quiet && name == "wget" {
                            self.err(
                                pid,
                                &format!("Connecting to {host}:{port} ({host}:{port})\n"),
                                now,
                                fs,
                            );
                        }
                        0
                    }
                    Ok(code) => {
                        if name == "wget" {
                            self.err(
                                pid,
                                &format!("wget: server returned error: HTTP/1.1 {code}\n"),
                                now,
                                fs,
                            );
                            1
                        } else if args
                            .iter()
                            .any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains('f'))
                        {
                            22
                        } else {
                            let _ = self.out(pid, &format!("HTTP {code}\n"), now, fs);
                            0
                        }
                    }
                    Err(msg) => {
                        self.err(pid, &format!("{msg}\n"), now, fs);
                        if name == "curl" {
                            7
                        } else {
                            1
                        }
                    }
                }
            }
            "nc" => {
                let rest: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
                match (
                    rest.first(),
                    rest.get(1).and_then(|p| p.parse::<u16>().ok()),
                ) {
                    (Some(h), Some(p)) if world.http(h, p, "/", now).is_ok() => 0,
                    _ => 1,
                }
            }
            "nginx" if args.first().map(String::as_str) == Some("-s") => {
                match args.get(1).map(String::as_str) {
                    Some("quit") => self.effects.push(Effect::SignalMain(Signal::Quit)),
                    Some("stop") => self.effects.push(Effect::SignalMain(Signal::Term)),
                    Some("reload") => self.effects.push(Effect::SignalMain(Signal::Hup)),
                    _ => {}
                }
                0
            }
            _ => return None,
        })
    }
}
