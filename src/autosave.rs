//! Nothing the user typed is lost: the manifest, the scenario, the versions, the texts set aside
//! when an example was loaded over them, and the view are saved in the browser's local storage
//! as they change, and come back after a reload or a crash.
//!
//! The saved record is YAML (`serde_yaml`, already in the bundle) under [`KEY`]; it is read back
//! like any untrusted text: capped in size, every field optional, anything malformed ignored.

use crate::state::{AppState, Own};

/// The local-storage key (versioned: a later format gets a new key).
pub const KEY: &str = "podlife.autosave.v1";
/// What the app saves at most (local storage holds about 5 MB per origin); a larger manifest is
/// not saved and the page says so.
pub const MAX_BYTES: usize = 2_000_000;

/// What survives a reload.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Saved {
    pub text: String,
    pub scenario: String,
    pub kubelet: String,
    pub kubectl: String,
    /// The gallery id when `text` is that example, unchanged.
    pub example: String,
    /// The user's own texts set aside by loading examples, newest first.
    pub own: Vec<Own>,
    pub cursor: f64,
    pub view: Option<(f64, f64)>,
    /// The exercise set open in learner mode ("" = none); the progress is kept apart.
    pub lesson: String,
    /// The interface language chosen ("" = the browser's).
    pub lang: String,
}

impl Saved {
    pub fn of(s: &AppState) -> Saved {
        Saved {
            text: s.text.to_string(),
            scenario: s.scenario.to_string(),
            kubelet: s.kubelet_version.clone(),
            kubectl: s.kubectl_version.clone(),
            example: s.example.clone(),
            own: s.own.to_vec(),
            cursor: s.cursor,
            view: Some((s.view.start, s.view.end)),
            lesson: s
                .lesson
                .as_ref()
                .map(|l| l.text.to_string())
                .unwrap_or_default(),
            lang: s.lang.clone(),
        }
    }

    /// The record as YAML, or `None` when it is larger than [`MAX_BYTES`].
    pub fn encode(&self) -> Option<String> {
        use serde_yaml::{Mapping, Value};
        let s = |v: &str| Value::String(v.to_string());
        let mut m = Mapping::new();
        m.insert(s("text"), s(&self.text));
        m.insert(s("scenario"), s(&self.scenario));
        m.insert(s("kubelet"), s(&self.kubelet));
        m.insert(s("kubectl"), s(&self.kubectl));
        m.insert(s("example"), s(&self.example));
        if !self.lesson.is_empty() {
            m.insert(s("lesson"), s(&self.lesson));
        }
        if !self.lang.is_empty() {
            m.insert(s("lang"), s(&self.lang));
        }
        let own = self
            .own
            .iter()
            .map(|o| {
                let mut e = Mapping::new();
                e.insert(s("text"), s(&o.text));
                e.insert(s("scenario"), s(&o.scenario));
                Value::Mapping(e)
            })
            .collect();
        m.insert(s("own"), Value::Sequence(own));
        m.insert(s("cursor"), Value::from(self.cursor));
        if let Some((a, b)) = self.view {
            m.insert(s("view"), Value::Sequence(vec![a.into(), b.into()]));
        }
        let out = serde_yaml::to_string(&Value::Mapping(m)).ok()?;
        (out.len() <= MAX_BYTES).then_some(out)
    }

    /// Read a saved record back; `None` for anything that is not one (too large, not YAML, not
    /// a mapping). Fields of the wrong type are left at their defaults.
    pub fn decode(text: &str) -> Option<Saved> {
        use serde_yaml::Value;
        if text.len() > MAX_BYTES + 1024 {
            return None;
        }
        let v: Value = serde_yaml::from_str(text).ok()?;
        let m = v.as_mapping()?;
        let s = |k: &str| {
            m.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let own = m
            .get("own")
            .and_then(Value::as_sequence)
            .map(|l| {
                l.iter()
                    .filter_map(|e| {
                        Some(Own {
                            text: e.get("text")?.as_str()?.to_string(),
                            scenario: e
                                .get("scenario")
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_string(),
                        })
                    })
                    .take(crate::state::OWN_KEPT)
                    .collect()
            })
            .unwrap_or_default();
        let num = |v: &Value| v.as_f64().filter(|x| x.is_finite());
        let view = m
            .get("view")
            .and_then(Value::as_sequence)
            .and_then(|l| Some((num(l.first()?)?, num(l.get(1)?)?)))
            .filter(|(a, b)| a < b);
        Some(Saved {
            text: s("text"),
            scenario: s("scenario"),
            kubelet: s("kubelet"),
            kubectl: s("kubectl"),
            example: s("example"),
            own,
            cursor: m.get("cursor").and_then(num).unwrap_or(0.0).max(0.0),
            view,
            lesson: s("lesson"),
            lang: s("lang").chars().take(16).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_session_reads_back() {
        let s = Saved {
            text: "apiVersion: v1\nkind: Pod # café ✓\n".into(),
            scenario: "kind: Scenario\n".into(),
            kubelet: "1.34".into(),
            kubectl: "1.33".into(),
            example: String::new(),
            own: vec![Own {
                text: "old: text\n".into(),
                scenario: String::new(),
            }],
            cursor: 42.5,
            view: Some((10.0, 80.0)),
            lesson: "kind: Exercise\n".into(),
            lang: "zh-CN".into(),
        };
        let enc = s.encode().expect("small enough");
        assert_eq!(Saved::decode(&enc), Some(s));
    }

    #[test]
    fn hostile_or_broken_records_are_ignored() {
        assert_eq!(Saved::decode("{{{ not yaml"), None);
        assert_eq!(Saved::decode("- a list"), None);
        assert_eq!(Saved::decode(&"x".repeat(MAX_BYTES + 2048)), None);
        // Wrong types fall back to defaults; a NaN cursor or a reversed view is dropped.
        let d = Saved::decode("text: 5\ncursor: .nan\nview: [9, 3]\nown: [1, {text: ok}]\n")
            .expect("a mapping");
        assert_eq!(d.text, "");
        assert_eq!(d.cursor, 0.0);
        assert_eq!(d.view, None);
        assert_eq!(d.own.len(), 1);
        // Too large to save: `encode` refuses instead of failing in storage.
        let big = Saved {
            text: "x".repeat(MAX_BYTES + 1),
            ..Saved::default()
        };
        assert_eq!(big.encode(), None);
    }
}
