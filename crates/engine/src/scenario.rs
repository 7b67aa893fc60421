//! The scenario: explicit behaviour overrides and timed actions, as a `kind: Scenario` YAML
//! document after the Pod or in a separate file. (v0: settings and `delete` actions.)

use crate::diagnostics::Diagnostic;
use crate::settings::Settings;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub api_version: Option<String>,
    /// Overrides of [`Settings`] fields.
    #[serde(default)]
    pub settings: Option<serde_yaml::Value>,
    /// Timed actions, in any order.
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// Something done to the pod at time `at` (seconds since creation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Action {
    pub at: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete: Option<DeleteAction>,
}

/// `kubectl delete pod` at `at`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeleteAction {
    /// `--grace-period`; default: the pod's `terminationGracePeriodSeconds`.
    #[serde(default)]
    pub grace_period_seconds: Option<i64>,
    /// `--force` (with `--grace-period=0`): the object is removed from the API at once.
    #[serde(default)]
    pub force: bool,
}

impl Scenario {
    pub fn merge(&mut self, other: Scenario) {
        if other.settings.is_some() {
            self.settings = other.settings;
        }
        self.actions.extend(other.actions);
    }

    /// Apply `settings:` overrides (already checked by [`parse`]).
    pub fn apply_settings(&self, settings: &mut Settings) {
        if let Some(serde_yaml::Value::Mapping(m)) = &self.settings {
            let mut base = serde_yaml::to_value(&*settings).unwrap_or(serde_yaml::Value::Null);
            if let serde_yaml::Value::Mapping(b) = &mut base {
                for (k, v) in m {
                    b.insert(k.clone(), v.clone());
                }
            }
            if let Ok(s) = serde_yaml::from_value::<Settings>(base) {
                *settings = s;
            }
        }
    }
}

/// Parse a standalone scenario document.
pub fn parse(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
    from_value_at(text, 0)
}

/// Parse a scenario from `text`, reporting lines offset by `line_offset` (its document's start).
pub fn from_value_at(text: &str, line_offset: usize) -> Result<Scenario, Vec<Diagnostic>> {
    let scn: Scenario = serde_yaml::from_str(text).map_err(|e| {
        let mut d = Diagnostic::error("scenario", e.to_string());
        if let Some(loc) = e.location() {
            d = d.at(loc.line() + line_offset, loc.column());
        }
        vec![d]
    })?;
    let mut errs = vec![];
    if let Some(k) = &scn.kind {
        if k != "Scenario" {
            errs.push(Diagnostic::error("kind", format!("Unsupported value: \"{k}\": supported values: \"Scenario\"")));
        }
    }
    if let Some(s) = &scn.settings {
        let mut base = serde_yaml::to_value(Settings::default()).unwrap_or(serde_yaml::Value::Null);
        if let (serde_yaml::Value::Mapping(b), serde_yaml::Value::Mapping(m)) = (&mut base, s) {
            for (k, v) in m {
                b.insert(k.clone(), v.clone());
            }
        }
        if let Err(e) = serde_yaml::from_value::<Settings>(base) {
            errs.push(Diagnostic::error("settings", e.to_string()));
        }
    }
    for (i, a) in scn.actions.iter().enumerate() {
        if !(a.at.is_finite() && a.at >= 0.0) {
            errs.push(Diagnostic::error(format!("actions[{i}].at"), format!("Invalid value: {}: must be a time in seconds >= 0", a.at)));
        }
        if a.delete.is_none() {
            errs.push(Diagnostic::error(format!("actions[{i}]"), "Required value: an action (delete)"));
        }
    }
    if errs.is_empty() { Ok(scn) } else { Err(errs) }
}
