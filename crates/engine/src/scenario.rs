//! The scenario: explicit behaviour overrides and timed actions, as a `kind: Scenario` YAML
//! document after the Pod or in a separate file. The format is documented in
//! `docs/scenario.md`; every field is optional and unknown fields are located errors.

use crate::diagnostics::Diagnostic;
use crate::settings::Settings;
use crate::time::Time;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_yaml::Value>,
    /// Overrides of [`Settings`] fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<serde_yaml::Value>,
    /// Behaviour overrides per container name, applied in order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub containers: BTreeMap<String, Vec<Behaviour>>,
    /// Timed actions, in any order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// ConfigMaps of the pod's namespace: name → data. `name: null` declares one that does not
    /// exist. A ConfigMap not listed is assumed to exist with unknown values (stated).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub config_maps: BTreeMap<String, Option<BTreeMap<String, DataValue>>>,
    /// Secrets likewise; values are written as the container sees them (not base64).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub secrets: BTreeMap<String, Option<BTreeMap<String, DataValue>>>,
    /// Services of the pod's namespace. A Service listed here exists from the start, unless a
    /// `createService` action names it (then from that action on).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub services: BTreeMap<String, ServiceSpec>,
}

/// A ConfigMap or Secret value: a string, or a number or boolean written without quotes (kept as
/// written, as `kubectl create configmap --from-literal` would store it).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(transparent)]
pub struct DataValue(pub String);

impl<'de> Deserialize<'de> for DataValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_yaml::Value::deserialize(d)? {
            serde_yaml::Value::String(s) => Ok(DataValue(s)),
            serde_yaml::Value::Number(n) => Ok(DataValue(n.to_string())),
            serde_yaml::Value::Bool(b) => Ok(DataValue(b.to_string())),
            serde_yaml::Value::Null => Ok(DataValue(String::new())),
            _ => Err(serde::de::Error::custom(
                "invalid type: expected a string value",
            )),
        }
    }
}

/// A Service's spec, as far as the container environment needs it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceSpec {
    /// Default: an address in `10.96.0.0/12` derived from the name.
    #[serde(default, rename = "clusterIP", skip_serializing_if = "Option::is_none")]
    pub cluster_ip: Option<String>,
    /// Default: one unnamed port 80/TCP (stated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<ServicePortSpec>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServicePortSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub port: i32,
    /// `TCP` (default), `UDP` or `SCTP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
}

/// Which runs of a container an override applies to: `all`, `N` (1 = first run) or `"N+"`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Runs {
    #[default]
    #[serde(skip)]
    All,
    Nth(u32),
    Text(String),
}

impl Runs {
    /// Does this selector include run number `n` (1-based)?
    pub fn includes(&self, n: u32) -> bool {
        match self {
            Runs::All => true,
            Runs::Nth(k) => *k == n,
            Runs::Text(t) => {
                let t = t.trim();
                if t == "all" || t == "every" {
                    true
                } else if let Some(from) = t.strip_suffix('+') {
                    from.trim().parse::<u32>().is_ok_and(|f| n >= f)
                } else {
                    t.parse::<u32>().is_ok_and(|k| k == n)
                }
            }
        }
    }
    fn valid(&self) -> bool {
        match self {
            Runs::All => true,
            Runs::Nth(k) => *k >= 1,
            Runs::Text(t) => {
                let t = t.trim();
                t == "all"
                    || t == "every"
                    || t.strip_suffix('+')
                        .unwrap_or(t)
                        .trim()
                        .parse::<u32>()
                        .is_ok_and(|k| k >= 1)
            }
        }
    }
}

/// What a container's process does in the runs it applies to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Behaviour {
    #[serde(default)]
    pub runs: Runs,
    /// The process exits this many seconds after it starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_after: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_sigterm: Option<OnSigterm>,
    /// Forced probe results per probe type (`liveness`, `readiness`, `startup`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub probes: BTreeMap<String, Vec<ProbeWindow>>,
    /// HTTP answers over time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub http: Vec<HttpWindow>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_start: Option<HookBehaviour>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_stop: Option<HookBehaviour>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageBehaviour>,
}

/// `ignore`, or `{exitAfter, exitCode}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OnSigterm {
    Word(String),
    Exit {
        #[serde(rename = "exitAfter", default)]
        exit_after: Time,
        #[serde(rename = "exitCode", default = "default_term_code")]
        exit_code: i32,
    },
}

fn default_term_code() -> i32 {
    143
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProbeWindow {
    #[serde(default)]
    pub from: Time,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Time>,
    /// `success` or `failure`.
    pub result: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HttpWindow {
    #[serde(default)]
    pub from: Time,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Time>,
    pub status: u16,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HookBehaviour {
    #[serde(default)]
    pub seconds: Time,
    /// `success` (default) or `failure`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImageBehaviour {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pull_seconds: Option<Time>,
    /// The registry's error: pulls fail (ErrImagePull → ImagePullBackOff).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail: Option<String>,
}

/// Something done to the pod at time `at` (seconds since creation). Exactly one action field.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Action {
    pub at: Time,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete: Option<DeleteAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kill: Option<KillAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_ephemeral_container: Option<EphemeralAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_image: Option<SetImageAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe: Option<ProbeAction>,
    /// `kubectl patch pod --subresource resize`: new cpu/memory requests and limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resize: Option<ResizeAction>,
    /// The pod sandbox dies (its pause container or network namespace): the kubelet re-creates
    /// it and runs every init container again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sandbox_dies: Option<serde_yaml::Value>,
}

/// `kubectl delete pod` at `at`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeleteAction {
    /// `--grace-period`; default: the pod's `terminationGracePeriodSeconds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grace_period_seconds: Option<i64>,
    /// `--force` (with `--grace-period=0`): the object is removed from the API at once.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub force: bool,
}

/// The container's process dies (the OOM killer by default: exit 137, reason OOMKilled).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KillAction {
    pub container: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
}

/// `kubectl debug` adds an ephemeral container.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EphemeralAction {
    pub name: String,
    pub image: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_container_name: Option<String>,
}

/// `kubectl set image`: the container's spec changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetImageAction {
    pub container: String,
    pub image: String,
}

/// In-place resize (KEP-1287, the `pods/resize` subresource): the given requests and limits
/// replace the container's; the others stay.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResizeAction {
    pub container: String,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub requests: std::collections::BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub limits: std::collections::BTreeMap<String, String>,
}

/// A resize the API server accepted at `at`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResizeRecord {
    pub at: Time,
    #[serde(flatten)]
    pub resize: ResizeAction,
}

/// From `at` on, a container's probe of this type returns `result` (a live action).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProbeAction {
    pub container: String,
    #[serde(rename = "type")]
    pub probe_type: String,
    pub result: String,
}

impl Scenario {
    pub fn merge(&mut self, other: Scenario) {
        if let Some(serde_yaml::Value::Mapping(m)) = other.settings {
            match &mut self.settings {
                Some(serde_yaml::Value::Mapping(b)) => {
                    for (k, v) in m {
                        b.insert(k, v);
                    }
                }
                _ => self.settings = Some(serde_yaml::Value::Mapping(m)),
            }
        }
        for (k, v) in other.containers {
            self.containers.entry(k).or_default().extend(v);
        }
        self.actions.extend(other.actions);
        self.config_maps.extend(other.config_maps);
        self.secrets.extend(other.secrets);
        self.services.extend(other.services);
    }

    /// The Services that exist when the pod is created: those declared under `services:` that
    /// no `createService` action creates later.
    pub fn initial_services(&self) -> std::collections::BTreeSet<String> {
        self.services
            .keys()
            .filter(|n| {
                !self
                    .actions
                    .iter()
                    .any(|a| a.create_service.as_deref() == Some(n.as_str()))
            })
            .cloned()
            .collect()
    }

    /// The ConfigMaps and Secrets the scenario declares, as plain strings.
    pub fn objects(&self) -> crate::kubelet::envvars::Objects {
        let plain = |m: &BTreeMap<String, Option<BTreeMap<String, DataValue>>>| {
            m.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.as_ref().map(|d| {
                            d.iter()
                                .map(|(k, v)| (k.clone(), v.0.clone()))
                                .collect::<BTreeMap<_, _>>()
                        }),
                    )
                })
                .collect()
        };
        crate::kubelet::envvars::Objects {
            config_maps: plain(&self.config_maps),
            secrets: plain(&self.secrets),
        }
    }

    /// Apply `settings:` overrides (already checked by [`parse`]).
    pub fn apply_settings(&self, settings: &mut Settings) {
        if let Some(s) = merged_settings(settings, self.settings.as_ref()) {
            *settings = s;
        }
    }

    /// The behaviour for run `n` (1-based) of `container`: later matching entries override
    /// earlier ones field by field.
    pub fn behaviour(&self, container: &str, n: u32) -> Behaviour {
        let mut out = Behaviour::default();
        for b in self
            .containers
            .get(container)
            .into_iter()
            .flatten()
            .filter(|b| b.runs.includes(n))
        {
            if b.exit_after.is_some() {
                out.exit_after = b.exit_after;
            }
            if b.exit_code.is_some() {
                out.exit_code = b.exit_code;
            }
            if b.on_sigterm.is_some() {
                out.on_sigterm = b.on_sigterm.clone();
            }
            for (k, v) in &b.probes {
                out.probes.insert(k.clone(), v.clone());
            }
            if !b.http.is_empty() {
                out.http = b.http.clone();
            }
            if b.post_start.is_some() {
                out.post_start = b.post_start.clone();
            }
            if b.pre_stop.is_some() {
                out.pre_stop = b.pre_stop.clone();
            }
            if b.image.is_some() {
                out.image = b.image.clone();
            }
        }
        out
    }

    /// The image behaviour of a container (from any entry; images are not per run).
    pub fn image(&self, container: &str) -> Option<ImageBehaviour> {
        self.containers
            .get(container)
            .into_iter()
            .flatten()
            .filter_map(|b| b.image.clone())
            .next_back()
    }
}

fn merged_settings(base: &Settings, over: Option<&serde_yaml::Value>) -> Option<Settings> {
    let serde_yaml::Value::Mapping(m) = over? else {
        return None;
    };
    let mut v = serde_yaml::to_value(base).ok()?;
    if let serde_yaml::Value::Mapping(b) = &mut v {
        for (k, val) in m {
            b.insert(k.clone(), val.clone());
        }
    }
    serde_yaml::from_value::<Settings>(v).ok()
}

/// Parse a standalone scenario document (a `--scenario` file).
pub fn parse(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
    from_value_at(text, 0)
}

fn locate_in(text: &str, path: &str, line_offset: usize) -> Option<(usize, usize)> {
    crate::manifest::locate(text, path).map(|(l, c)| (l + line_offset, c))
}

/// Parse a scenario from `text`, reporting lines offset by `line_offset` (its document's start).
pub fn from_value_at(text: &str, line_offset: usize) -> Result<Scenario, Vec<Diagnostic>> {
    let scn: Scenario = serde_yaml::from_str(text).map_err(|e| {
        let msg = e.to_string();
        // serde_yaml prefixes the path: "actions[0]: unknown field `explode`, expected ...".
        let (path, message) = match msg.split_once(": ") {
            Some((p, m)) if !p.contains(' ') => (p.to_string(), m.to_string()),
            _ => ("".to_string(), msg.clone()),
        };
        let path = if path.is_empty() {
            "scenario".to_string()
        } else {
            format!("scenario.{path}")
        };
        let mut d = Diagnostic::error(path, message);
        if let Some(loc) = e.location() {
            d = d.at(loc.line() + line_offset, loc.column());
        }
        vec![d]
    })?;
    let mut errs = vec![];
    let mut err = |path: String, msg: String| {
        let mut d = Diagnostic::error(format!("scenario.{path}"), msg);
        if let Some((l, c)) = locate_in(text, &path, line_offset) {
            d = d.at(l, c);
        }
        errs.push(d);
    };
    if let Some(k) = &scn.kind {
        if k != "Scenario" {
            err(
                "kind".into(),
                format!("Unsupported value: \"{k}\": supported values: \"Scenario\""),
            );
        }
    }
    if let Some(s) = &scn.settings {
        if !matches!(s, serde_yaml::Value::Mapping(_)) {
            err(
                "settings".into(),
                "Invalid value: must be a mapping of setting names to values".into(),
            );
        } else {
            let mut base =
                serde_yaml::to_value(Settings::default()).unwrap_or(serde_yaml::Value::Null);
            if let (serde_yaml::Value::Mapping(b), serde_yaml::Value::Mapping(m)) = (&mut base, s) {
                for (k, v) in m {
                    b.insert(k.clone(), v.clone());
                }
            }
            if let Err(e) = serde_yaml::from_value::<Settings>(base) {
                err("settings".into(), e.to_string());
            }
        }
    }
    for (name, list) in &scn.containers {
        for (i, b) in list.iter().enumerate() {
            let p = format!("containers.{name}[{i}]");
            if !b.runs.valid() {
                err(
                    format!("{p}.runs"),
                    "Invalid value: must be `all`, a run number (1 = the first run) or \"N+\""
                        .into(),
                );
            }
            if b.exit_after
                .is_some_and(|x| !(x.is_finite() && x >= Time::ZERO))
            {
                err(
                    format!("{p}.exitAfter"),
                    "Invalid value: must be a number of seconds >= 0".into(),
                );
            }
            if let Some(OnSigterm::Word(w)) = &b.on_sigterm {
                if w != "ignore" {
                    err(format!("{p}.onSigterm"), format!("Unsupported value: \"{w}\": supported values: \"ignore\", {{exitAfter, exitCode}}"));
                }
            }
            for (ty, windows) in &b.probes {
                if !["liveness", "readiness", "startup"].contains(&ty.as_str()) {
                    err(format!("{p}.probes.{ty}"), format!("Unsupported value: \"{ty}\": supported values: \"liveness\", \"readiness\", \"startup\""));
                }
                for (j, w) in windows.iter().enumerate() {
                    if w.result != "success" && w.result != "failure" {
                        err(format!("{p}.probes.{ty}[{j}].result"), format!("Unsupported value: \"{}\": supported values: \"success\", \"failure\"", w.result));
                    }
                }
            }
            for hook in [&b.post_start, &b.pre_stop].into_iter().flatten() {
                if let Some(r) = &hook.result {
                    if r != "success" && r != "failure" {
                        err(format!("{p}.result"), format!("Unsupported value: \"{r}\": supported values: \"success\", \"failure\""));
                    }
                }
            }
        }
    }
    for (name, svc) in &scn.services {
        let p = format!("services.{name}");
        if let Some(ip) = &svc.cluster_ip {
            if ip != "None" && ip.parse::<std::net::Ipv4Addr>().is_err() {
                err(
                    format!("{p}.clusterIP"),
                    format!("Invalid value: \"{ip}\": must be a valid IPv4 address or \"None\""),
                );
            }
        }
        for (j, port) in svc.ports.iter().enumerate() {
            if !(1..=65535).contains(&port.port) {
                err(
                    format!("{p}.ports[{j}].port"),
                    format!(
                        "Invalid value: {}: must be between 1 and 65535, inclusive",
                        port.port
                    ),
                );
            }
            if let Some(proto) = &port.protocol {
                if !["TCP", "UDP", "SCTP"].contains(&proto.as_str()) {
                    err(
                        format!("{p}.ports[{j}].protocol"),
                        format!("Unsupported value: \"{proto}\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
                    );
                }
            }
            if svc.ports.len() > 1 && port.name.as_deref().unwrap_or("").is_empty() {
                err(
                    format!("{p}.ports[{j}].name"),
                    "Required value: when multiple ports are specified, each must be named".into(),
                );
            }
        }
    }
    for (i, a) in scn.actions.iter().enumerate() {
        let p = format!("actions[{i}]");
        if !(a.at.is_finite() && a.at >= Time::ZERO) {
            err(
                format!("{p}.at"),
                format!(
                    "Invalid value: {}: must be a time in seconds >= 0",
                    a.at.as_secs_f64()
                ),
            );
        }
        let n = [
            a.delete.is_some(),
            a.kill.is_some(),
            a.create_service.is_some(),
            a.delete_service.is_some(),
            a.add_ephemeral_container.is_some(),
            a.set_image.is_some(),
            a.probe.is_some(),
            a.sandbox_dies.is_some(),
            a.resize.is_some(),
        ]
        .iter()
        .filter(|x| **x)
        .count();
        if n == 0 {
            err(p.clone(), "Required value: one action (delete, kill, createService, deleteService, addEphemeralContainer, setImage, probe, resize, sandboxDies)".into());
        } else if n > 1 {
            err(
                p.clone(),
                "Invalid value: an action entry may hold only one action".into(),
            );
        }
        if let Some(r) = &a.resize {
            // 1.35 (#135084): only cpu and memory may be resized.
            for (what, m) in [("requests", &r.requests), ("limits", &r.limits)] {
                for (k, v) in m {
                    if k != "cpu" && k != "memory" {
                        err(
                            format!("{p}.resize.{what}.{k}"),
                            "Forbidden: only cpu and memory resources are resizable".into(),
                        );
                    } else if crate::kubectl::quantity::Quantity::parse(v)
                        .is_some_and(|q| q.nanos < 0)
                    {
                        err(
                            format!("{p}.resize.{what}.{k}"),
                            format!("Invalid value: \"{v}\": must be greater than or equal to 0"),
                        );
                    } else if crate::kubectl::quantity::Quantity::parse(v).is_none() {
                        err(
                            format!("{p}.resize.{what}.{k}"),
                            format!("Invalid value: \"{v}\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
                        );
                    }
                }
            }
            if r.requests.is_empty() && r.limits.is_empty() {
                err(
                    format!("{p}.resize"),
                    "Required value: requests or limits".into(),
                );
            }
        }
        if let Some(pr) = &a.probe {
            if !["liveness", "readiness", "startup"].contains(&pr.probe_type.as_str()) {
                err(
                    format!("{p}.probe.type"),
                    format!("Unsupported value: \"{}\"", pr.probe_type),
                );
            }
            if pr.result != "success" && pr.result != "failure" {
                err(
                    format!("{p}.probe.result"),
                    format!(
                        "Unsupported value: \"{}\": supported values: \"success\", \"failure\"",
                        pr.result
                    ),
                );
            }
        }
    }
    if errs.is_empty() {
        Ok(scn)
    } else {
        Err(errs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(x: f64) -> crate::time::Time {
        crate::time::Time::from_secs_f64(x)
    }

    /// Feature gates are named as upstream; one podlife does not model is a located error that
    /// lists the modelled gates, never silently off.
    #[test]
    fn feature_gates_are_typed() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: busybox:1.36}\n";
        let with = |gates: &str| {
            let text = format!("{pod}---\nkind: Scenario\nsettings:\n  featureGates: {gates}\n");
            crate::prepare(&text, None, &Settings::default())
        };
        let settings = with("{SidecarContainers: false}").expect("valid").settings;
        assert!(!settings.gate(crate::FeatureGate::SidecarContainers));
        assert!(settings.gate(crate::FeatureGate::PodLifecycleSleepAction));
        let err = with("{SidecarContainerz: true}").unwrap_err();
        let text = format!("{err:?}");
        assert!(text.contains("SidecarContainerz"), "{text}");
        assert!(text.contains("SidecarContainers"), "{text}");
    }

    #[test]
    fn run_selectors() {
        assert!(Runs::All.includes(5));
        assert!(Runs::Nth(2).includes(2) && !Runs::Nth(2).includes(3));
        assert!(Runs::Text("3+".into()).includes(4) && !Runs::Text("3+".into()).includes(2));
    }

    #[test]
    fn behaviours_merge_by_field() {
        let s = parse("kind: Scenario\ncontainers:\n  app:\n  - {exitAfter: 10, exitCode: 1}\n  - {runs: \"2+\", exitCode: 2}\n").unwrap();
        let b1 = s.behaviour("app", 1);
        assert_eq!((b1.exit_after, b1.exit_code), (Some(secs(10.0)), Some(1)));
        let b2 = s.behaviour("app", 2);
        assert_eq!((b2.exit_after, b2.exit_code), (Some(secs(10.0)), Some(2)));
    }

    #[test]
    fn located_errors() {
        let e = parse("kind: Scenario\nactions:\n- at: 20\n  explode: {}\n").unwrap_err();
        assert_eq!(e[0].line, Some(4), "{e:?}");
        let e = parse("kind: Scenario\nactions:\n- at: 20\n").unwrap_err();
        assert!(e[0].message.contains("Required value"), "{e:?}");
        assert_eq!(e[0].path, "scenario.actions[0]");
        let e = parse("kind: Scenario\ncontainers:\n  app:\n  - onSigterm: maybe\n").unwrap_err();
        assert!(e[0].path.ends_with("onSigterm"), "{e:?}");
        let e = parse("kind: Scenario\nsettings:\n  kubeletVersion: \"secs(1.12)\"\n").unwrap_err();
        assert!(
            e[0].message.contains("unsupported kubelet version"),
            "{e:?}"
        );
    }
}
