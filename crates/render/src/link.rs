//! Share links: the whole view (manifest, scenario, settings, cursor, window, selection and
//! language) in a URL fragment, `#v1=<payload>`, so a link opens exactly that view and nothing is
//! fetched from anywhere.
//!
//! The payload is a small YAML mapping (the same reader as every other text podlife takes),
//! compressed with raw DEFLATE (`miniz_oxide`, level 9) and written in unpadded base64url
//! (RFC 4648 §5, `base64`). The web app's "Copy link" and `podlife share` both call [`encode`],
//! so the same input gives the same link, byte for byte.
//!
//! A link is untrusted text: [`decode`] caps the payload before it decodes it and the inflated
//! text while it inflates (a "zip bomb" stops at [`MAX_TEXT`]), reads every field as optional,
//! and answers anything else with a [`LinkError`] that says what is wrong in plain words.

use base64::Engine as _;
use serde_yaml::{Mapping, Value};
use std::fmt;

/// The format's version, the key of the fragment's parameter (`#v1=…`). A later format gets a
/// new key, and this reader says so instead of misreading it.
pub const VERSION: &str = "v1";
/// The most characters of payload a link carries (and the most this reader looks at). 32 KiB
/// keeps links inside what browsers, chat tools and docs sites pass on unchanged.
pub const MAX_PAYLOAD: usize = 32 * 1024;
/// The most text a payload inflates to: the engine's own input cap (1 MiB) plus a scenario.
pub const MAX_TEXT: usize = 2 * 1024 * 1024;

/// What a share link carries. Empty strings and `None` are the app's defaults.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Link {
    /// The manifest, exactly as typed.
    pub manifest: String,
    /// The scenario (`kind: Scenario`) text.
    pub scenario: String,
    /// `settings.kubeletVersion` ("" = the newest modelled).
    pub kubelet: String,
    /// The kubectl version that prints `get` and `describe` ("" = the kubelet's).
    pub kubectl: String,
    /// The cursor, in seconds since the pod was created.
    pub at: Option<f64>,
    /// The visible window, in seconds.
    pub window: Option<(f64, f64)>,
    /// The selected timeline item.
    pub select: Option<Selected>,
    /// The interface language ("" = the browser's).
    pub lang: String,
    /// An exercise set (`docs/exercises.md`): the link opens it in learner mode, and the
    /// manifest is its first pod's.
    pub exercise: String,
}

/// A timeline item by its track's and lane's names and its index in the lane (the timeline is
/// a pure function of the link's texts and versions, so the index names the same item).
#[derive(Clone, Debug, PartialEq)]
pub struct Selected {
    pub track: String,
    pub lane: String,
    pub item: usize,
    /// The instant clicked (a probe lane's entry stands for several ticks).
    pub t: f64,
}

/// Why a link cannot be opened or made.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// The payload is longer than [`MAX_PAYLOAD`] (making a link: the pod is too big for one).
    TooBig { chars: usize },
    /// Not base64url, or not DEFLATE, or not UTF-8: the link was cut or altered.
    Damaged(String),
    /// It inflates past [`MAX_TEXT`].
    TooLarge,
    /// It decodes, but not to a podlife view (not a mapping, or no manifest).
    NotAView(String),
    /// A format this reader does not know (`#v2=…`).
    NewerFormat(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kib = |n: usize| n.div_ceil(1024);
        match self {
            LinkError::TooBig { chars } => write!(
                f,
                "this pod is too big for a link: {} KiB compressed, and a link holds at most {} KiB. Share the manifest as a file instead",
                kib(*chars),
                kib(MAX_PAYLOAD)
            ),
            LinkError::Damaged(why) => write!(
                f,
                "this link is damaged ({why}); it may have been cut short when it was copied"
            ),
            LinkError::TooLarge => write!(
                f,
                "this link unpacks to more than {} MiB of text, more than any pod podlife plays",
                MAX_TEXT / (1024 * 1024)
            ),
            LinkError::NotAView(why) => write!(f, "this link does not hold a podlife view ({why})"),
            LinkError::NewerFormat(v) => write!(
                f,
                "this link is in format {v}, made by a newer podlife; this one reads {VERSION}"
            ),
        }
    }
}

impl std::error::Error for LinkError {}

/// Round to whole milliseconds, the engine's resolution (so a link's numbers stay short).
fn ms(t: f64) -> f64 {
    (t * 1000.0).round() / 1000.0
}

/// The link's payload (what follows `v1=`): deterministic for the same [`Link`].
pub fn encode(link: &Link) -> Result<String, LinkError> {
    let s = |v: &str| Value::String(v.to_string());
    let mut m = Mapping::new();
    m.insert(s("manifest"), s(&link.manifest));
    if !link.exercise.is_empty() {
        m.insert(s("exercise"), s(&link.exercise));
    }
    for (k, v) in [
        ("scenario", &link.scenario),
        ("kubelet", &link.kubelet),
        ("kubectl", &link.kubectl),
        ("lang", &link.lang),
    ] {
        if !v.is_empty() {
            m.insert(s(k), s(v));
        }
    }
    if let Some(t) = link.at.filter(|t| t.is_finite()) {
        m.insert(s("at"), Value::from(ms(t)));
    }
    if let Some((a, b)) = link.window.filter(|(a, b)| a.is_finite() && b.is_finite()) {
        m.insert(
            s("window"),
            Value::Sequence(vec![ms(a).into(), ms(b).into()]),
        );
    }
    if let Some(sel) = &link.select {
        let mut e = Mapping::new();
        e.insert(s("track"), s(&sel.track));
        e.insert(s("lane"), s(&sel.lane));
        e.insert(s("item"), Value::from(sel.item as u64));
        e.insert(s("t"), Value::from(ms(sel.t)));
        m.insert(s("select"), Value::Mapping(e));
    }
    let text = serde_yaml::to_string(&Value::Mapping(m))
        .map_err(|e| LinkError::NotAView(e.to_string()))?;
    if text.len() > MAX_TEXT {
        return Err(LinkError::TooLarge);
    }
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed);
    if payload.len() > MAX_PAYLOAD {
        return Err(LinkError::TooBig {
            chars: payload.len(),
        });
    }
    Ok(payload)
}

/// A whole link: `base` (the app's address, with any query such as `?embed`) and the fragment.
pub fn url(base: &str, link: &Link) -> Result<String, LinkError> {
    let base = base.split('#').next().unwrap_or_default();
    Ok(format!("{base}#{VERSION}={}", encode(link)?))
}

/// Read a payload back. Capped before anything is decoded; every field is optional and a field
/// of the wrong type is left at its default, except the manifest, which a view must have.
pub fn decode(payload: &str) -> Result<Link, LinkError> {
    let payload = payload.trim();
    if payload.len() > MAX_PAYLOAD {
        return Err(LinkError::TooBig {
            chars: payload.len(),
        });
    }
    if payload.is_empty() {
        return Err(LinkError::Damaged("it is empty".into()));
    }
    // Accept the padded and the standard alphabets too: some tools rewrite what they pass on.
    let normalised: String = payload
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(normalised.as_bytes())
        .map_err(|e| LinkError::Damaged(format!("not base64url: {e}")))?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_TEXT).map_err(
        |e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
            _ => LinkError::Damaged("its compressed data does not unpack".into()),
        },
    )?;
    let text =
        String::from_utf8(bytes).map_err(|_| LinkError::Damaged("its text is not UTF-8".into()))?;
    let v: Value = serde_yaml::from_str(&text).map_err(|e| LinkError::NotAView(e.to_string()))?;
    let m = v
        .as_mapping()
        .ok_or_else(|| LinkError::NotAView("not a mapping".into()))?;
    let s = |k: &str| {
        m.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let exercise = s("exercise");
    let manifest = match m.get("manifest").and_then(Value::as_str) {
        Some(t) => t.to_string(),
        None if !exercise.is_empty() => String::new(),
        None => return Err(LinkError::NotAView("it has no manifest".into())),
    };
    let num = |v: &Value| v.as_f64().filter(|x| x.is_finite() && *x >= 0.0);
    let window = m
        .get("window")
        .and_then(Value::as_sequence)
        .and_then(|l| Some((num(l.first()?)?, num(l.get(1)?)?)))
        .filter(|(a, b)| a < b);
    let select = m.get("select").and_then(|e| {
        Some(Selected {
            track: e.get("track")?.as_str()?.to_string(),
            lane: e.get("lane")?.as_str()?.to_string(),
            item: usize::try_from(e.get("item")?.as_u64()?).ok()?,
            t: e.get("t").and_then(num).unwrap_or(0.0),
        })
    });
    Ok(Link {
        manifest,
        scenario: s("scenario"),
        kubelet: s("kubelet"),
        kubectl: s("kubectl"),
        at: m.get("at").and_then(num),
        window,
        select,
        lang: s("lang"),
        exercise,
    })
}

/// Find a view in a URL fragment or query of `&`-separated `key=value` pairs (`#v1=…`, or
/// `#embed&v1=…`): `None` when there is none, else the decoded link or why it cannot be read.
/// A `vN=` of another version is reported as [`LinkError::NewerFormat`].
pub fn from_params(params: &str) -> Option<Result<Link, LinkError>> {
    let params = params.trim_start_matches(['#', '?']);
    let mut newer = None;
    for pair in params.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if k == VERSION {
            return Some(decode(v));
        }
        let is_version =
            k.len() >= 2 && k.starts_with('v') && k[1..].bytes().all(|b| b.is_ascii_digit());
        if is_version && newer.is_none() {
            newer = Some(k.chars().take(8).collect::<String>());
        }
    }
    newer.map(|v| Err(LinkError::NewerFormat(v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Link {
        Link {
            manifest: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: café # ✓\n".into(),
            scenario: "kind: Scenario\nactions:\n- at: 30\n  delete: {}\n".into(),
            kubelet: "1.34".into(),
            kubectl: "1.33".into(),
            at: Some(40.0004),
            window: Some((10.0, 80.5)),
            select: Some(Selected {
                track: "app".into(),
                lane: "state".into(),
                item: 2,
                t: 12.5,
            }),
            lang: "zh-CN".into(),
            exercise: "kind: Exercise\n".into(),
        }
    }

    #[test]
    fn a_link_reads_back_as_the_same_view() {
        let l = sample();
        let p = encode(&l).unwrap();
        assert!(p
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        let back = decode(&p).unwrap();
        assert_eq!(back.at, Some(40.0), "times are kept to the millisecond");
        assert_eq!(
            back,
            Link {
                at: Some(40.0),
                ..l.clone()
            }
        );
        // Deterministic: the same view gives the same link.
        assert_eq!(encode(&l).unwrap(), p);
        let u = url("http://127.0.0.1:8080/?embed#old", &l).unwrap();
        assert_eq!(u, format!("http://127.0.0.1:8080/?embed#v1={p}"));
        assert_eq!(from_params(&format!("#embed&v1={p}")), Some(Ok(back)));
    }

    #[test]
    fn defaults_stay_out_of_the_link() {
        let l = Link {
            manifest: "kind: Pod\n".into(),
            ..Link::default()
        };
        let p = encode(&l).unwrap();
        assert_eq!(decode(&p).unwrap(), l);
        assert!(p.len() < 40, "a tiny pod gives a tiny link: {p}");
    }

    #[test]
    fn hostile_links_give_clear_errors() {
        // Too long to read: refused before decoding.
        let big = "A".repeat(MAX_PAYLOAD + 1);
        assert!(matches!(decode(&big), Err(LinkError::TooBig { .. })));
        // Not base64url.
        let e = decode("%%%<script>").unwrap_err();
        assert!(matches!(e, LinkError::Damaged(_)), "{e}");
        assert!(e.to_string().contains("damaged"), "{e}");
        // Base64, but not DEFLATE.
        assert!(matches!(
            decode("aGVsbG8gd29ybGQ"),
            Err(LinkError::Damaged(_))
        ));
        // Cut short.
        let p = encode(&sample()).unwrap();
        assert!(decode(&p[..p.len() / 2]).is_err());
        // A zip bomb stops at the cap instead of filling memory.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'a'; MAX_TEXT + 10], 9);
        let bomb = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bomb);
        assert!(bomb.len() <= MAX_PAYLOAD);
        assert_eq!(decode(&bomb), Err(LinkError::TooLarge));
        // Valid data that is not a view.
        let not = |t: &str| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(miniz_oxide::deflate::compress_to_vec(t.as_bytes(), 9))
        };
        assert!(matches!(
            decode(&not("- a list")),
            Err(LinkError::NotAView(_))
        ));
        assert!(matches!(decode(&not("at: 5")), Err(LinkError::NotAView(_))));
        // Wrong types fall back to defaults; negative, NaN and reversed values are dropped.
        let l = decode(&not(
            "manifest: x\nat: -3\nwindow: [9, 3]\nselect: {track: a}\nkubelet: [1]\n",
        ))
        .unwrap();
        assert_eq!(
            (l.at, l.window, l.select, l.kubelet.as_str()),
            (None, None, None, "")
        );
        // Another format's key.
        assert_eq!(
            from_params("#v2=abc"),
            Some(Err(LinkError::NewerFormat("v2".into())))
        );
        assert_eq!(from_params("#embed&theme=dark"), None);
        assert_eq!(from_params(""), None);
    }

    #[test]
    fn a_pod_too_big_for_a_link_says_so() {
        // Text that does not compress: pseudo-random letters from a fixed seed.
        let mut x: u32 = 12345;
        let noise: String = (0..60_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from(b'a' + ((x >> 16) % 26) as u8)
            })
            .collect();
        let e = encode(&Link {
            manifest: noise,
            ..Link::default()
        })
        .unwrap_err();
        assert!(matches!(e, LinkError::TooBig { .. }));
        assert!(e.to_string().contains("too big for a link"), "{e}");
    }
}
