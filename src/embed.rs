//! Embedding: the options an embed's address carries (`?embed&autoplay&panel=describe…`, in the
//! query or in the fragment beside `v1=`) and the postMessage API a host page drives it with
//! (documented in `docs/embed.md`).
//!
//! Everything here is plain Rust, tested natively: the browser side (`crate::host`) only reads
//! the address and the message's fields and hands them over. A host's message is untrusted text:
//! each field is read by name and type, strings are capped, and anything else is ignored.

/// The embed's colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum ThemeChoice {
    /// The host's `prefers-color-scheme`.
    #[default]
    Auto,
    Light,
    Dark,
}

/// Which kubectl panel an embed shows under its timeline.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum PanelChoice {
    /// The `kubectl get pod` line at the cursor.
    #[default]
    Get,
    /// `kubectl describe pod` at the cursor.
    Describe,
    /// The event list up to the cursor.
    Events,
    None,
}

/// How the page was asked to show itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Embed mode: the timeline with its transport, no editor, no autosave.
    pub embed: bool,
    pub autoplay: bool,
    pub looping: bool,
    /// Playback speed (simulated seconds per wall second).
    pub speed: Option<f64>,
    /// The window shown first, in seconds.
    pub window: Option<(f64, f64)>,
    pub theme: ThemeChoice,
    pub panel: PanelChoice,
    /// Show the manifest, read-only, under the timeline.
    pub manifest: bool,
    /// Accept messages only from this origin, and post only to it (else any parent, and `*`).
    pub origin: Option<String>,
    /// Options that were given but not understood (shown to the embedding author).
    pub unknown: Vec<String>,
}

/// A flag's value: present without a value, or `1`/`true`/`yes`/`on`.
fn flag(v: &str) -> bool {
    matches!(v, "" | "1" | "true" | "yes" | "on")
}

impl Options {
    /// Read the options from the query's and the fragment's pairs (the fragment's win).
    /// `v1` (the view itself) is not an option and is skipped here.
    pub fn parse<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Options {
        let mut o = Options::default();
        for (k, v) in pairs {
            let v = v.trim();
            match k {
                "embed" => o.embed = flag(v),
                "autoplay" => o.autoplay = flag(v),
                "loop" => o.looping = flag(v),
                "speed" => {
                    o.speed = v
                        .parse::<f64>()
                        .ok()
                        .filter(|s| s.is_finite() && *s > 0.0)
                        .map(|s| s.clamp(0.1, 1000.0))
                }
                "window" => {
                    o.window = v.split_once(',').and_then(|(a, b)| {
                        let (a, b) = (a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?);
                        (a.is_finite() && b.is_finite() && 0.0 <= a && a < b).then_some((a, b))
                    })
                }
                "theme" => {
                    o.theme = match v {
                        "light" => ThemeChoice::Light,
                        "dark" => ThemeChoice::Dark,
                        _ => ThemeChoice::Auto,
                    }
                }
                "panel" => {
                    o.panel = match v {
                        "describe" => PanelChoice::Describe,
                        "events" => PanelChoice::Events,
                        "none" => PanelChoice::None,
                        _ => PanelChoice::Get,
                    }
                }
                "manifest" => o.manifest = flag(v),
                "origin" => {
                    // An origin is a scheme and a host (and port): nothing else is accepted.
                    let v = v.trim_end_matches('/');
                    let host = v
                        .strip_prefix("https://")
                        .or_else(|| v.strip_prefix("http://"));
                    o.origin = host
                        .filter(|h| {
                            !h.is_empty()
                                && h.len() <= 200
                                && !h.contains(['/', '?', '#', '@', ' ', '\\'])
                        })
                        .map(|_| v.to_string());
                }
                "v1" | "" => {}
                other if o.unknown.len() < 8 => o.unknown.push(other.chars().take(40).collect()),
                _ => {}
            }
        }
        o
    }
}

/// The longest string field a message may carry: the engine's own input cap.
pub const MAX_FIELD: usize = podlife_engine::manifest::MAX_INPUT_BYTES;

/// A field of a host's message, as the browser side reads it.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    Str(String),
    Num(f64),
    Bool(bool),
    /// Present, but of another type (an object, an array, null).
    Other,
}

/// What a host asks of an embed.
#[derive(Clone, Debug, PartialEq)]
pub enum HostMsg {
    /// Show this pod (scenario and versions optional).
    Load {
        manifest: String,
        scenario: String,
        kubelet: Option<String>,
        kubectl: Option<String>,
    },
    Play,
    Pause,
    Seek(f64),
    Speed(f64),
    /// Select what is at `t` on a container's track (`track`), or the pod's event at or before
    /// `t` (no track); `t` defaults to the cursor.
    Select {
        track: Option<String>,
        t: Option<f64>,
    },
    /// Close the details drawer.
    Deselect,
}

/// The protocol's version, the `podlife` field of every message both ways.
pub const PROTOCOL: f64 = 1.0;

impl HostMsg {
    /// Read a message from its fields (`get("type")`, `get("settings.kubeletVersion")`, …).
    /// `Ok(None)`: not a podlife message, or an unknown type: ignored. `Err`: a podlife message
    /// that cannot be done, with the reason (the embed answers with an `error` message).
    pub fn parse(get: impl Fn(&str) -> Option<Field>) -> Result<Option<HostMsg>, String> {
        if get("podlife") != Some(Field::Num(PROTOCOL)) {
            return Ok(None);
        }
        let Some(Field::Str(kind)) = get("type") else {
            return Ok(None);
        };
        let num = |k: &str| -> Result<Option<f64>, String> {
            match get(k) {
                None => Ok(None),
                Some(Field::Num(x)) if x.is_finite() && x >= 0.0 => Ok(Some(x)),
                Some(_) => Err(format!("{kind}: {k} must be a non-negative number")),
            }
        };
        let text = |k: &str| -> Result<Option<String>, String> {
            match get(k) {
                None => Ok(None),
                Some(Field::Str(s)) if s.len() <= MAX_FIELD => Ok(Some(s)),
                Some(Field::Str(s)) => Err(format!(
                    "{kind}: {k} is {} KiB; the most podlife reads is {} KiB",
                    s.len() / 1024,
                    MAX_FIELD / 1024
                )),
                Some(_) => Err(format!("{kind}: {k} must be a string")),
            }
        };
        let version = |k: &str| -> Result<Option<String>, String> {
            let v = text(k)?;
            match &v {
                Some(v) if !crate::state::KUBELET_VERSIONS.contains(&v.as_str()) => Err(format!(
                    "load: {k} {v:?} is not a version podlife models ({} to {})",
                    crate::state::KUBELET_VERSIONS[0],
                    crate::state::DEFAULT_KUBELET
                )),
                _ => Ok(v),
            }
        };
        Ok(Some(match kind.as_str() {
            "load" => HostMsg::Load {
                manifest: text("manifest")?
                    .ok_or_else(|| "load: a manifest (a string) is required".to_string())?,
                scenario: text("scenario")?.unwrap_or_default(),
                kubelet: version("settings.kubeletVersion")?,
                kubectl: version("settings.kubectlVersion")?,
            },
            "play" => HostMsg::Play,
            "pause" => HostMsg::Pause,
            "seek" => HostMsg::Seek(num("t")?.ok_or("seek: t (seconds) is required")?),
            "speed" => HostMsg::Speed(
                num("speed")?
                    .filter(|s| *s > 0.0)
                    .ok_or("speed: speed (a positive number) is required")?
                    .clamp(0.1, 1000.0),
            ),
            "select" => HostMsg::Select {
                track: text("track")?.map(|t| t.chars().take(253).collect()),
                t: num("t")?,
            },
            "deselect" => HostMsg::Deselect,
            _ => return Ok(None),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn msg(fields: &[(&str, Field)]) -> Result<Option<HostMsg>, String> {
        let m: HashMap<String, Field> = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        HostMsg::parse(|k| m.get(k).cloned())
    }
    fn s(v: &str) -> Field {
        Field::Str(v.into())
    }
    const P: (&str, Field) = ("podlife", Field::Num(1.0));

    #[test]
    fn options_read_from_the_address() {
        let o = Options::parse([
            ("embed", ""),
            ("autoplay", "1"),
            ("loop", "true"),
            ("speed", "25"),
            ("window", "0,60"),
            ("theme", "dark"),
            ("panel", "describe"),
            ("manifest", "0"),
            ("origin", "https://docs.example.org/"),
            ("v1", "payload"),
            ("colour", "red"),
        ]);
        assert!(o.embed && o.autoplay && o.looping && !o.manifest);
        assert_eq!(o.speed, Some(25.0));
        assert_eq!(o.window, Some((0.0, 60.0)));
        assert_eq!(
            (o.theme, o.panel),
            (ThemeChoice::Dark, PanelChoice::Describe)
        );
        assert_eq!(o.origin.as_deref(), Some("https://docs.example.org"));
        assert_eq!(o.unknown, vec!["colour".to_string()]);
        // Bad values fall back to the defaults instead of failing the page.
        let o = Options::parse([
            ("speed", "-3"),
            ("window", "60,10"),
            ("theme", "<b>"),
            ("origin", "javascript:alert(1)"),
        ]);
        assert_eq!(
            (o.speed, o.window, o.theme),
            (None, None, ThemeChoice::Auto)
        );
        assert_eq!(o.origin, None);
        assert!(!o.embed);
        assert_eq!(
            Options::parse([("origin", "https://a.example/path")]).origin,
            None,
            "an origin has no path"
        );
    }

    #[test]
    fn host_messages_are_read_by_name_and_type() {
        assert_eq!(msg(&[P, ("type", s("play"))]), Ok(Some(HostMsg::Play)));
        assert_eq!(
            msg(&[P, ("type", s("seek")), ("t", Field::Num(40.0))]),
            Ok(Some(HostMsg::Seek(40.0)))
        );
        assert_eq!(
            msg(&[
                P,
                ("type", s("load")),
                ("manifest", s("kind: Pod")),
                ("settings.kubeletVersion", s("1.34")),
            ]),
            Ok(Some(HostMsg::Load {
                manifest: "kind: Pod".into(),
                scenario: String::new(),
                kubelet: Some("1.34".into()),
                kubectl: None,
            }))
        );
        assert_eq!(
            msg(&[P, ("type", s("select")), ("track", s("app"))]),
            Ok(Some(HostMsg::Select {
                track: Some("app".into()),
                t: None
            }))
        );
    }

    #[test]
    fn unknown_or_hostile_messages_are_ignored_or_refused_with_a_reason() {
        // Not podlife's: ignored.
        assert_eq!(msg(&[("type", s("play"))]), Ok(None));
        assert_eq!(
            msg(&[("podlife", Field::Num(2.0)), ("type", s("play"))]),
            Ok(None)
        );
        assert_eq!(
            msg(&[P, ("type", s("eval")), ("code", s("alert(1)"))]),
            Ok(None)
        );
        assert_eq!(msg(&[P, ("type", Field::Other)]), Ok(None));
        assert_eq!(msg(&[]), Ok(None));
        // podlife's, but not doable: a reason.
        assert!(msg(&[P, ("type", s("seek")), ("t", s("40"))])
            .unwrap_err()
            .contains("non-negative number"));
        assert!(msg(&[P, ("type", s("seek")), ("t", Field::Num(f64::NAN))]).is_err());
        assert!(msg(&[P, ("type", s("load")), ("manifest", Field::Num(5.0))]).is_err());
        assert!(msg(&[P, ("type", s("load"))])
            .unwrap_err()
            .contains("required"));
        let huge = "x".repeat(MAX_FIELD + 1);
        assert!(msg(&[P, ("type", s("load")), ("manifest", s(&huge))])
            .unwrap_err()
            .contains("KiB"));
        assert!(msg(&[
            P,
            ("type", s("load")),
            ("manifest", s("kind: Pod")),
            ("settings.kubeletVersion", s("1.99")),
        ])
        .unwrap_err()
        .contains("not a version"));
        assert!(msg(&[P, ("type", s("speed")), ("speed", Field::Num(0.0))]).is_err());
    }
}
