//! A container's environment, built as the kubelet and the container runtime build it.
//!
//! | step | upstream |
//! |---|---|
//! | Service variables | `pkg/kubelet/kubelet_pods.go` `getServiceEnvVarMap`; `pkg/kubelet/envvars/envvars.go` `FromServices`, `makeLinkVariables` |
//! | `envFrom`, `env`, `valueFrom` | `pkg/kubelet/kubelet_pods.go` `makeEnvironmentVariables`, `podFieldSelectorRuntimeValue`, `containerResourceRuntimeValue` |
//! | `$(VAR)` references | `third_party/forked/golang/expansion/expand.go` `Expand`, `MappingFuncFor` |
//! | `resourceFieldRef` values | `pkg/api/v1/resource/helpers.go` `ExtractContainerResourceValue`, `convertResource*ToString`, `MergeContainerResourceLimits` (applied by `pkg/kubelet/kubelet_resources.go` `defaultPodLimitsForDownwardAPI`) |
//! | `fieldRef` paths | `pkg/apis/core/pods/helpers.go` `ConvertDownwardAPIFieldLabel`; `pkg/fieldpath/fieldpath.go` `ExtractFieldPathAsString`, `SplitMaybeSubscriptedPath` |
//! | command/args | `pkg/kubelet/container/helpers.go` `ExpandContainerCommandAndArgs` |
//! | hostname | `pkg/kubelet/kubelet_pods.go` `GeneratePodHostNameAndDomain`, `truncatePodHostnameIfNeeded`; `pkg/kubelet/kuberuntime/kuberuntime_sandbox.go` `generatePodSandboxConfig` |
//! | `PATH`, `HOSTNAME`, the image's `ENV`, `HOME` | containerd `internal/cri/server/container_create_linux.go` `containerSpec` (`oci.WithDefaultPathEnv`, `HOSTNAME`, then the image's env followed by the kubelet's, each replacing a same-named variable); runc `libcontainer/init_linux.go` `setupUser` (`HOME` when unset) |
//!
//! Precedence, lowest first: the runtime's `PATH` and `HOSTNAME`, the image's `ENV`, the Service
//! variables, `envFrom` (in order), `env` (in order). The kubelet hands the runtime an
//! unordered map; podlife keeps a deterministic order instead: Service variables, then `envFrom`
//! and `env` in declaration order (a variable set again keeps its first position), and the
//! runtime's layering on top (`PATH`, `HOSTNAME`, the image's variables, the kubelet's, `HOME`).
//! (Docker via cri-dockerd lists the image's variables after the pod's, as seed note 003's
//! `printenv` shows; the values are the same.)

use crate::kubectl::quantity::{Format, Quantity};
use k8s_openapi::api::core::v1::{Container, Pod, ResourceFieldSelector};
use std::collections::BTreeMap;
use std::fmt;

/// The `kubernetes` Service's cluster IP: the first address of the default Service CIDR
/// `10.96.0.0/12` (kubeadm's `--service-cluster-ip-range`), which the API server allocates to it.
pub const KUBERNETES_SERVICE_IP: &str = "10.96.0.1";

/// containerd's default `PATH` (`oci.WithDefaultPathEnv`, `defaultUnixEnv`).
pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Something podlife assumed because the input did not say: the field path it concerns and why.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Assumption {
    /// An API field path (`spec.containers[0].env[2].valueFrom.configMapKeyRef`) or a scenario path.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Assumption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A Service port (`v1.ServicePort`: only the fields the variables use).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServicePort {
    /// Empty for the (only allowed) unnamed port.
    pub name: String,
    pub port: i32,
    /// `TCP`, `UDP` or `SCTP`.
    pub protocol: String,
}

/// A Service as `FromServices` sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    pub name: String,
    pub namespace: String,
    /// `""` or `"None"`: no cluster IP (headless), no variables.
    pub cluster_ip: String,
    pub ports: Vec<ServicePort>,
}

impl Service {
    /// The API server's own Service, `default/kubernetes`, port `https` 443
    /// (`pkg/controlplane/controller/kubernetesservice` creates it).
    pub fn kubernetes() -> Service {
        Service {
            name: "kubernetes".into(),
            namespace: "default".into(),
            cluster_ip: KUBERNETES_SERVICE_IP.into(),
            ports: vec![ServicePort {
                name: "https".into(),
                port: 443,
                protocol: "TCP".into(),
            }],
        }
    }

    /// `v1helper.IsServiceIPSet`.
    fn ip_set(&self) -> bool {
        !self.cluster_ip.is_empty() && self.cluster_ip != "None"
    }
}

/// Cluster IPs for Services the scenario names without one. The API server allocates a random
/// free address of the Service CIDR (`pkg/registry/core/service/ipallocator`); podlife derives one
/// from the name instead: `10.96.<1..254>.<1..254>` (never `10.96.0.x`, where `kubernetes` and
/// kube-dns live), the next free address on a clash, names taken in order.
pub fn cluster_ips<'a>(names: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, String> {
    let mut sorted: Vec<&str> = names.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut used = std::collections::BTreeSet::new();
    let mut out = BTreeMap::new();
    for name in sorted {
        let h = crate::manifest::defaults::fnv1a(&["service-ip", name]);
        let mut slot = (h % (254 * 254)) as u32;
        while !used.insert(slot) {
            slot = (slot + 1) % (254 * 254);
        }
        let (third, fourth) = (1 + slot / 254, 1 + slot % 254);
        out.insert(name.to_string(), format!("10.96.{third}.{fourth}"));
    }
    out
}

/// Set `k` to `v`, replacing a variable of that name in place (a Go map assignment, with the
/// first insertion's position kept so the output is deterministic).
pub fn set_var(env: &mut Vec<(String, String)>, k: &str, v: String) {
    match env.iter_mut().find(|(n, _)| n == k) {
        Some(e) => e.1 = v,
        None => env.push((k.to_string(), v)),
    }
}

fn get_var<'a>(env: &'a [(String, String)], k: &str) -> Option<&'a str> {
    env.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

/// `envvars.go` `makeEnvVariableName`: upper case, `.` and `-` become `_`, a leading digit gets
/// a `_` prefix.
pub fn make_env_variable_name(s: &str) -> String {
    let name = s.replace(['.', '-'], "_").to_uppercase();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    }
}

/// `envvars.go` `FromServices`: `<NAME>_SERVICE_HOST`, `<NAME>_SERVICE_PORT` (the first port),
/// `<NAME>_SERVICE_PORT_<PORTNAME>` for each named port, and the Docker link variables.
///
/// rule: service-env
pub fn from_services(services: &[Service]) -> Vec<(String, String)> {
    let mut out = vec![];
    for svc in services {
        // Services without a cluster IP are skipped; validation guarantees a port.
        let Some(first) = svc.ports.first().filter(|_| svc.ip_set()) else {
            continue;
        };
        let prefix = make_env_variable_name(&svc.name);
        out.push((format!("{prefix}_SERVICE_HOST"), svc.cluster_ip.clone()));
        let port_name = format!("{prefix}_SERVICE_PORT");
        out.push((port_name.clone(), first.port.to_string()));
        for sp in svc.ports.iter().filter(|p| !p.name.is_empty()) {
            out.push((
                format!("{port_name}_{}", make_env_variable_name(&sp.name)),
                sp.port.to_string(),
            ));
        }
        out.extend(make_link_variables(svc));
    }
    out
}

/// `envvars.go` `makeLinkVariables`: Docker-compatible `<NAME>_PORT` (first port) and
/// `<NAME>_PORT_<port>_<PROTO>{,_PROTO,_PORT,_ADDR}` for every port.
fn make_link_variables(svc: &Service) -> Vec<(String, String)> {
    let prefix = make_env_variable_name(&svc.name);
    let mut all = vec![];
    for (i, sp) in svc.ports.iter().enumerate() {
        let protocol = if sp.protocol.is_empty() {
            "TCP".to_string()
        } else {
            sp.protocol.clone()
        };
        let lower = protocol.to_lowercase();
        let url = format!("{lower}://{}:{}", svc.cluster_ip, sp.port);
        if i == 0 {
            all.push((format!("{prefix}_PORT"), url.clone()));
        }
        let port_prefix = format!("{prefix}_PORT_{}_{}", sp.port, protocol.to_uppercase());
        all.push((port_prefix.clone(), url));
        all.push((format!("{port_prefix}_PROTO"), lower));
        all.push((format!("{port_prefix}_PORT"), sp.port.to_string()));
        all.push((format!("{port_prefix}_ADDR"), svc.cluster_ip.clone()));
    }
    all
}

/// `kubelet_pods.go` `getServiceEnvVarMap`: the master Service `default/kubernetes` always, and
/// the Services of the pod's namespace when `enableServiceLinks` is true; Services without a
/// cluster IP are skipped. Services are taken in name order (the lister's order is unspecified).
pub fn service_env(
    services: &[Service],
    namespace: &str,
    enable_service_links: bool,
) -> Vec<(String, String)> {
    let mut by_name: BTreeMap<&str, &Service> = BTreeMap::new();
    for s in services.iter().filter(|s| s.ip_set()) {
        if s.namespace == "default" && s.name == "kubernetes" {
            by_name.entry(&s.name).or_insert(s);
        } else if s.namespace == namespace && enable_service_links {
            by_name.insert(&s.name, s);
        }
    }
    let mapped: Vec<Service> = by_name.values().map(|s| (*s).clone()).collect();
    let mut m = vec![];
    for (k, v) in from_services(&mapped) {
        set_var(&mut m, &k, v);
    }
    m
}

/// `expansion.MappingFuncFor(contexts...)`: the first context that defines `name` answers;
/// `None` when none does (`Expand` then leaves `$(name)` as written).
pub fn lookup<'a>(contexts: &[&'a [(String, String)]], name: &str) -> Option<&'a str> {
    contexts.iter().find_map(|c| get_var(c, name))
}

/// `expansion.Expand`: `$(VAR)` is replaced by `mapping(VAR)` (left as written when it has no
/// value), `$$` is an escaped `$`, and any other `$x` is copied as is.
pub fn expand(input: &str, mapping: &dyn Fn(&str) -> Option<String>) -> String {
    let b = input.as_bytes();
    let mut out = String::with_capacity(input.len());
    let mut checkpoint = 0;
    let mut cursor = 0;
    while cursor < b.len() {
        if b[cursor] == b'$' && cursor + 1 < b.len() {
            out.push_str(&input[checkpoint..cursor]);
            let (read, is_var, advance) = try_read_variable_name(&input[cursor + 1..]);
            if is_var {
                match mapping(read) {
                    Some(v) => out.push_str(&v),
                    None => {
                        out.push_str("$(");
                        out.push_str(read);
                        out.push(')');
                    }
                }
            } else {
                out.push('$');
                out.push_str(read);
            }
            cursor += advance;
            checkpoint = cursor + 1;
        }
        cursor += 1;
    }
    out.push_str(&input[checkpoint..]);
    out
}

/// `expand.go` `tryReadVariableName` on the text after a `$`: (what was read, whether it names a
/// variable, bytes consumed). For a non-variable the text after the operator is returned (the
/// caller writes the `$` itself, so `$$` yields one `$`).
fn try_read_variable_name(input: &str) -> (&str, bool, usize) {
    let b = input.as_bytes();
    match b[0] {
        // Escaped operator: `$$` → `$` (the caller writes the `$`, nothing more).
        b'$' => ("", false, 1),
        b'(' => {
            for i in 1..b.len() {
                if b[i] == b')' {
                    return (&input[1..i], true, i + 1);
                }
            }
            // Incomplete reference: `$(` is copied and scanning resumes after it.
            ("(", false, 1)
        }
        _ => {
            // Not an expression: the operator and the first character are copied.
            let n = input.chars().next().map_or(1, char::len_utf8);
            (&input[..n], false, n)
        }
    }
}

/// `pkg/kubelet/container/helpers.go` `ExpandContainerCommandAndArgs`: `$(VAR)` in command and
/// args against the kubelet's environment list (not the runtime's `PATH`/`HOSTNAME`/image env).
pub fn expand_args(args: &[String], kubelet_env: &[(String, String)]) -> Vec<String> {
    args.iter()
        .map(|a| expand(a, &|n| lookup(&[kubelet_env], n).map(str::to_string)))
        .collect()
}

/// The ConfigMaps and Secrets the scenario declares: name → data (plain values), or `None` for
/// one declared absent. A name not in the map is not in the scenario: assumed to exist, its
/// values unknown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Objects {
    pub config_maps: BTreeMap<String, Option<BTreeMap<String, String>>>,
    pub secrets: BTreeMap<String, Option<BTreeMap<String, String>>>,
}

/// The node's allocatable resources, the limit the downward API reports for a container that has
/// none (`defaultPodLimitsForDownwardAPI`).
#[derive(Clone, Debug, PartialEq)]
pub struct Allocatable {
    pub cpu: Quantity,
    pub memory: Quantity,
    pub ephemeral_storage: Quantity,
}

/// What the kubelet knows about the pod when it builds a container's environment.
#[derive(Clone, Debug)]
pub struct PodFacts {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    pub node: String,
    /// `spec.serviceAccountName` after admission (`default`; empty for a static pod).
    pub service_account: String,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    pub pod_ip: String,
    pub host_ip: String,
    /// The pod's containers as stored (init, then regular): `resourceFieldRef.containerName`.
    pub containers: Vec<Container>,
    pub allocatable: Allocatable,
    /// `spec.enableServiceLinks` (defaulted to true by the API server).
    pub enable_service_links: bool,
}

/// One container's input to [`make_environment_variables`].
pub struct EnvInput<'a> {
    pub pod: &'a PodFacts,
    /// The container as stored (requests defaulted from limits).
    pub container: &'a Container,
    /// The container's field path, `spec.containers[0]`, for assumptions.
    pub path: &'a str,
    /// Every Service that exists now (the `kubernetes` one included).
    pub services: &'a [Service],
    pub objects: &'a Objects,
    /// `RelaxedEnvironmentVariableValidation` off: `envFrom` keys must be C-identifier-like
    /// (`IsEnvVarName`), others are skipped with an event.
    pub strict_names: bool,
}

/// The kubelet's environment for one container: the variables (Service variables first, then
/// `envFrom` and `env`), the assumptions made, and the pod events emitted
/// (`InvalidEnvironmentVariableNames`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KubeletEnv {
    pub vars: Vec<(String, String)>,
    pub assumptions: Vec<Assumption>,
    pub events: Vec<String>,
}

/// `validation.IsEnvVarName` before `RelaxedEnvironmentVariableValidation`:
/// `[-._a-zA-Z][-._a-zA-Z0-9]*`.
pub fn is_env_var_name(s: &str) -> bool {
    let ok = |c: char, first: bool| {
        c == '-'
            || c == '.'
            || c == '_'
            || c.is_ascii_alphabetic()
            || (!first && c.is_ascii_digit())
    };
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if ok(c, true) => chars.all(|c| ok(c, false)),
        _ => false,
    }
}

/// The visible value of a variable whose ConfigMap or Secret is not in the scenario.
pub fn placeholder(kind: &str, name: &str, key: &str) -> String {
    format!("<{kind}:{name}/{key}>")
}

/// `kubelet_pods.go` `makeEnvironmentVariables`. `Err` carries the message the kubelet reports
/// as `CreateContainerConfigError` (`configmap "cfg" not found`, `couldn't find key K in
/// ConfigMap ns/cfg`, ...).
///
/// rule: container-env, downward-api
pub fn make_environment_variables(input: &EnvInput) -> Result<KubeletEnv, String> {
    let pod = input.pod;
    let c = input.container;
    let ns = &pod.namespace;
    let service_env = service_env(input.services, ns, pod.enable_service_links);
    let mut out = KubeletEnv::default();
    let mut tmp: Vec<(String, String)> = vec![];

    // `Env will override EnvFrom variables. Process EnvFrom first then allow Env to replace
    // existing values.`
    for (j, from) in c.env_from.iter().flatten().enumerate() {
        let prefix = from.prefix.clone().unwrap_or_default();
        let (kind, api_kind, name, optional, store, field) =
            match (&from.config_map_ref, &from.secret_ref) {
                (Some(r), _) => (
                    "configmap",
                    "configMap",
                    &r.name,
                    r.optional.unwrap_or(false),
                    &input.objects.config_maps,
                    "configMapRef",
                ),
                (None, Some(r)) => (
                    "secret",
                    "secret",
                    &r.name,
                    r.optional.unwrap_or(false),
                    &input.objects.secrets,
                    "secretRef",
                ),
                (None, None) => continue,
            };
        let data = match store.get(name) {
            None => {
                out.assumptions.push(Assumption {
                    path: format!("{}.envFrom[{j}].{field}", input.path),
                    message: format!(
                        "{} {name:?} is not in the scenario; assumed to exist, its keys unknown: no variables are set from it",
                        title(kind)
                    ),
                });
                continue;
            }
            // `GetConfigMap`/`GetSecret` NotFound: ignored when optional.
            Some(None) if optional => continue,
            Some(None) => return Err(format!("{kind} {name:?} not found")),
            Some(Some(d)) => d,
        };
        let mut invalid = vec![];
        for (k, v) in data {
            let k = format!("{prefix}{k}");
            if input.strict_names && !is_env_var_name(&k) {
                invalid.push(k);
                continue;
            }
            set_var(&mut tmp, &k, v.clone());
        }
        if !invalid.is_empty() {
            invalid.sort();
            out.events.push(format!(
                "Keys [{}] from the EnvFrom {api_kind} {ns}/{name} were skipped since they are considered invalid environment variable names.",
                invalid.join(", ")
            ));
        }
    }

    for (i, e) in c.env.iter().flatten().enumerate() {
        let path = format!("{}.env[{i}].valueFrom", input.path);
        let value = e.value.clone().unwrap_or_default();
        let runtime_val = if !value.is_empty() {
            // Step 1a: `$(VAR)` against what is defined so far, then the Service variables.
            let (t, s) = (tmp.as_slice(), service_env.as_slice());
            expand(&value, &|n| lookup(&[t, s], n).map(str::to_string))
        } else if let Some(from) = &e.value_from {
            if let Some(f) = &from.field_ref {
                pod_field_value(pod, &f.field_path)?
            } else if let Some(r) = &from.resource_field_ref {
                container_resource_value(pod, c, r)?
            } else if let Some(k) = &from.config_map_key_ref {
                let optional = k.optional.unwrap_or(false);
                match input.objects.config_maps.get(&k.name) {
                    None => {
                        out.assumptions.push(Assumption {
                            path: format!("{path}.configMapKeyRef"),
                            message: format!(
                                "ConfigMap {:?} is not in the scenario; assumed to exist, value unknown",
                                k.name
                            ),
                        });
                        placeholder("configmap", &k.name, &k.key)
                    }
                    Some(None) if optional => continue,
                    Some(None) => return Err(format!("configmap {:?} not found", k.name)),
                    Some(Some(d)) => match d.get(&k.key) {
                        Some(v) => v.clone(),
                        None if optional => continue,
                        None => {
                            return Err(format!(
                                "couldn't find key {} in ConfigMap {ns}/{}",
                                k.key, k.name
                            ))
                        }
                    },
                }
            } else if let Some(k) = &from.secret_key_ref {
                let optional = k.optional.unwrap_or(false);
                match input.objects.secrets.get(&k.name) {
                    None => {
                        out.assumptions.push(Assumption {
                            path: format!("{path}.secretKeyRef"),
                            message: format!(
                                "Secret {:?} is not in the scenario; assumed to exist, value unknown",
                                k.name
                            ),
                        });
                        placeholder("secret", &k.name, &k.key)
                    }
                    Some(None) if optional => continue,
                    Some(None) => return Err(format!("secret {:?} not found", k.name)),
                    Some(Some(d)) => match d.get(&k.key) {
                        Some(v) => v.clone(),
                        None if optional => continue,
                        None => {
                            return Err(format!(
                                "couldn't find key {} in Secret {ns}/{}",
                                k.key, k.name
                            ))
                        }
                    },
                }
            } else {
                if from.file_key_ref.is_some() {
                    out.assumptions.push(Assumption {
                        path: format!("{path}.fileKeyRef"),
                        message: "fileKeyRef (the EnvFiles feature) is not modelled; the variable is set to the empty string".into(),
                    });
                }
                String::new()
            }
        } else {
            String::new()
        };
        set_var(&mut tmp, &e.name, runtime_val);
    }

    // Service variables not overridden, then the pod's own (the kubelet's list is unordered).
    out.vars = service_env
        .into_iter()
        .filter(|(k, _)| get_var(&tmp, k).is_none())
        .collect();
    out.vars.extend(tmp);
    Ok(out)
}

fn title(kind: &str) -> &'static str {
    match kind {
        "configmap" => "ConfigMap",
        _ => "Secret",
    }
}

/// `podFieldSelectorRuntimeValue` → `ConvertDownwardAPIFieldLabel` → `ExtractFieldPathAsString`.
pub fn pod_field_value(pod: &PodFacts, field_path: &str) -> Result<String, String> {
    // `fieldpath.SplitMaybeSubscriptedPath`: `metadata.labels['key']`.
    if let Some((base, key)) = field_path
        .strip_suffix("']")
        .and_then(|s| s.split_once("['"))
        .filter(|(b, _)| !b.is_empty())
    {
        return match base {
            "metadata.labels" => Ok(pod.labels.get(key).cloned().unwrap_or_default()),
            "metadata.annotations" => Ok(pod.annotations.get(key).cloned().unwrap_or_default()),
            _ => Err(format!("field label does not support subscript: {base}")),
        };
    }
    Ok(match field_path {
        "metadata.name" => pod.name.clone(),
        "metadata.namespace" => pod.namespace.clone(),
        "metadata.uid" => pod.uid.clone(),
        "spec.nodeName" => pod.node.clone(),
        "spec.serviceAccountName" => pod.service_account.clone(),
        // One node address and one pod address (single-stack).
        "status.hostIP" | "status.hostIPs" => pod.host_ip.clone(),
        "status.podIP" | "status.podIPs" => pod.pod_ip.clone(),
        // `fieldpath.FormatMap`: `key="value"` lines in key order.
        "metadata.labels" => format_map(&pod.labels),
        "metadata.annotations" => format_map(&pod.annotations),
        _ => return Err(format!("field label not supported: {field_path}")),
    })
}

fn format_map(m: &BTreeMap<String, String>) -> String {
    m.iter()
        .map(|(k, v)| format!("{k}={v:?}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `containerResourceRuntimeValue`: the container itself, or `containerName` (searched in
/// `spec.containers`, then `spec.initContainers`: `findContainerInPod`), with limits defaulted
/// to the node's allocatable (`MergeContainerResourceLimits`: cpu, memory, ephemeral-storage when
/// unset or zero; hugepages never), then `ExtractContainerResourceValue`.
pub fn container_resource_value(
    pod: &PodFacts,
    c: &Container,
    sel: &ResourceFieldSelector,
) -> Result<String, String> {
    let target = match sel.container_name.as_deref().filter(|n| !n.is_empty()) {
        None => c,
        Some(n) => pod
            .containers
            .iter()
            .find(|x| x.name == n)
            .ok_or_else(|| format!("container {n} not found"))?,
    };
    let q = |kind: &str, name: &str| -> Quantity {
        let r = target.resources.as_ref();
        let list = match kind {
            "limits" => r.and_then(|r| r.limits.as_ref()),
            _ => r.and_then(|r| r.requests.as_ref()),
        };
        let v = list
            .and_then(|l| l.get(name))
            .and_then(|q| Quantity::parse(&q.0))
            .unwrap_or(ZERO);
        if kind == "limits" && v.is_zero() {
            match name {
                "cpu" => return pod.allocatable.cpu,
                "memory" => return pod.allocatable.memory,
                "ephemeral-storage" => return pod.allocatable.ephemeral_storage,
                _ => {}
            }
        }
        v
    };
    // A zero (or absent) divisor means 1.
    let divisor = sel
        .divisor
        .as_ref()
        .and_then(|d| Quantity::parse(&d.0))
        .filter(|d| !d.is_zero())
        .unwrap_or(ONE);
    let (kind, name) = sel
        .resource
        .split_once('.')
        .ok_or_else(|| unsupported(&sel.resource))?;
    if kind != "limits" && kind != "requests" {
        return Err(unsupported(&sel.resource));
    }
    match name {
        // `convertResourceCPUToString`: ceil(milli / divisor milli).
        "cpu" => {
            Ok(div_ceil(q(kind, name).milli_value(), divisor.milli_value().max(1)).to_string())
        }
        // `convertResource{Memory,EphemeralStorage,HugePages}ToString`: ceil(value / divisor).
        "memory" | "ephemeral-storage" => {
            Ok(div_ceil(q(kind, name).value(), divisor.value().max(1)).to_string())
        }
        n if n.starts_with("hugepages-") => {
            Ok(div_ceil(q(kind, name).value(), divisor.value().max(1)).to_string())
        }
        _ => Err(unsupported(&sel.resource)),
    }
}

const ZERO: Quantity = Quantity {
    nanos: 0,
    format: Format::DecimalSI,
};
const ONE: Quantity = Quantity {
    nanos: 1_000_000_000,
    format: Format::DecimalSI,
};

fn unsupported(r: &str) -> String {
    format!("Unsupported container resource : {r}")
}

/// Integer ceiling division: exact where upstream's `math.Ceil(float64(a) / float64(b))` is
/// (every value below 2⁵³).
fn div_ceil(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b != 0 && (a > 0) == (b > 0) {
        q + 1
    } else {
        q
    }
}

/// The hostname the runtime gives the pod's containers (and so `HOSTNAME`):
/// `GeneratePodHostNameAndDomain` (`spec.hostname`, else the pod name, cut to 63 characters
/// without a trailing `-` or `.`), the FQDN with `setHostnameAsFQDN` and a subdomain, and the
/// node's hostname for a `hostNetwork` pod (`generatePodSandboxConfig` leaves the sandbox
/// hostname empty and the runtime uses its own).
pub fn pod_hostname(pod: &Pod, pod_name: &str, namespace: &str, node: &str) -> String {
    let spec = pod.spec.as_ref();
    if spec.and_then(|s| s.host_network).unwrap_or(false) {
        return node.to_string();
    }
    let mut hostname = spec
        .and_then(|s| s.hostname.clone())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| pod_name.to_string());
    if hostname.len() > 63 {
        hostname.truncate(63);
        while hostname.ends_with(['-', '.']) {
            hostname.pop();
        }
    }
    let subdomain = spec.and_then(|s| s.subdomain.clone()).unwrap_or_default();
    if spec.and_then(|s| s.set_hostname_as_fqdn).unwrap_or(false) && !subdomain.is_empty() {
        hostname = format!("{hostname}.{subdomain}.{namespace}.svc.cluster.local");
    }
    hostname
}

/// The process environment: containerd's `PATH` and `HOSTNAME`, the image's `ENV`, the kubelet's
/// variables (each replacing a same-named one), and runc's `HOME` when none is set (`/root` for
/// root, `/` for a user without a passwd entry).
pub fn runtime_env(
    hostname: &str,
    image_env: &[(String, String)],
    kubelet_env: &[(String, String)],
    home: &str,
) -> Vec<(String, String)> {
    let mut env = vec![("PATH".to_string(), DEFAULT_PATH.to_string())];
    set_var(&mut env, "HOSTNAME", hostname.to_string());
    for (k, v) in image_env.iter().chain(kubelet_env) {
        set_var(&mut env, k, v.clone());
    }
    if get_var(&env, "HOME").is_none() {
        env.push(("HOME".into(), home.into()));
    }
    env
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{
        ConfigMapEnvSource, ConfigMapKeySelector, EnvFromSource, EnvVar, EnvVarSource,
        ObjectFieldSelector, ResourceRequirements, SecretKeySelector,
    };
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity as Q;

    fn facts() -> PodFacts {
        PodFacts {
            name: "web".into(),
            namespace: "default".into(),
            uid: "uid-1".into(),
            node: "node01".into(),
            service_account: "default".into(),
            labels: [("app".to_string(), "web".to_string())].into(),
            annotations: [("team".to_string(), "a".to_string())].into(),
            pod_ip: "10.244.1.7".into(),
            host_ip: "192.168.49.2".into(),
            containers: vec![],
            allocatable: Allocatable {
                cpu: Quantity::parse("2").unwrap(),
                memory: Quantity::parse("8092Mi").unwrap(),
                ephemeral_storage: Quantity::parse("90Gi").unwrap(),
            },
            enable_service_links: true,
        }
    }

    fn var(name: &str, value: &str) -> EnvVar {
        EnvVar {
            name: name.into(),
            value: Some(value.into()),
            value_from: None,
        }
    }

    fn from(name: &str, src: EnvVarSource) -> EnvVar {
        EnvVar {
            name: name.into(),
            value: None,
            value_from: Some(src),
        }
    }

    fn run(c: &Container, objects: &Objects, services: &[Service]) -> Result<KubeletEnv, String> {
        let pod = facts();
        make_environment_variables(&EnvInput {
            pod: &pod,
            container: c,
            path: "spec.containers[0]",
            services,
            objects,
            strict_names: false,
        })
    }

    fn get(env: &KubeletEnv, k: &str) -> Option<String> {
        get_var(&env.vars, k).map(str::to_string)
    }

    /// `envvars_test.go` `TestFromServices`: host, first port, named ports, Docker links;
    /// `makeEnvVariableName` upper-cases and maps `-`/`.` to `_`, prefixing a leading digit.
    #[test]
    fn from_services_mirrors_envvars_go() {
        let svc = Service {
            name: "super-ipv4".into(),
            namespace: "default".into(),
            cluster_ip: "1.2.3.4".into(),
            ports: vec![
                ServicePort {
                    name: "u-d-p".into(),
                    port: 8081,
                    protocol: "UDP".into(),
                },
                ServicePort {
                    name: "t-c-p".into(),
                    port: 8083,
                    protocol: "TCP".into(),
                },
            ],
        };
        let headless = Service {
            name: "headless".into(),
            cluster_ip: "None".into(),
            ..svc.clone()
        };
        let env = from_services(&[svc, headless]);
        let want: Vec<(&str, &str)> = vec![
            ("SUPER_IPV4_SERVICE_HOST", "1.2.3.4"),
            ("SUPER_IPV4_SERVICE_PORT", "8081"),
            ("SUPER_IPV4_SERVICE_PORT_U_D_P", "8081"),
            ("SUPER_IPV4_SERVICE_PORT_T_C_P", "8083"),
            ("SUPER_IPV4_PORT", "udp://1.2.3.4:8081"),
            ("SUPER_IPV4_PORT_8081_UDP", "udp://1.2.3.4:8081"),
            ("SUPER_IPV4_PORT_8081_UDP_PROTO", "udp"),
            ("SUPER_IPV4_PORT_8081_UDP_PORT", "8081"),
            ("SUPER_IPV4_PORT_8081_UDP_ADDR", "1.2.3.4"),
            ("SUPER_IPV4_PORT_8083_TCP", "tcp://1.2.3.4:8083"),
            ("SUPER_IPV4_PORT_8083_TCP_PROTO", "tcp"),
            ("SUPER_IPV4_PORT_8083_TCP_PORT", "8083"),
            ("SUPER_IPV4_PORT_8083_TCP_ADDR", "1.2.3.4"),
        ];
        let got: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(got, want);
        assert_eq!(make_env_variable_name("9lives.db"), "_9LIVES_DB");
    }

    /// `getServiceEnvVarMap` with the `kubernetes` Service: the eight variables seed note 003's
    /// `printenv` shows; other namespaces' Services never, this namespace's only with
    /// `enableServiceLinks`.
    #[test]
    fn kubernetes_service_and_service_links() {
        let mine = Service {
            name: "mydb".into(),
            namespace: "default".into(),
            cluster_ip: "10.96.12.34".into(),
            ports: vec![ServicePort {
                name: String::new(),
                port: 5432,
                protocol: "TCP".into(),
            }],
        };
        let other_ns = Service {
            namespace: "other".into(),
            name: "elsewhere".into(),
            ..mine.clone()
        };
        let all = [Service::kubernetes(), mine, other_ns];
        let env = service_env(&all, "default", true);
        for (k, v) in [
            ("KUBERNETES_SERVICE_HOST", "10.96.0.1"),
            ("KUBERNETES_SERVICE_PORT", "443"),
            ("KUBERNETES_SERVICE_PORT_HTTPS", "443"),
            ("KUBERNETES_PORT", "tcp://10.96.0.1:443"),
            ("KUBERNETES_PORT_443_TCP", "tcp://10.96.0.1:443"),
            ("KUBERNETES_PORT_443_TCP_PROTO", "tcp"),
            ("KUBERNETES_PORT_443_TCP_PORT", "443"),
            ("KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1"),
            ("MYDB_SERVICE_HOST", "10.96.12.34"),
            ("MYDB_PORT", "tcp://10.96.12.34:5432"),
        ] {
            assert_eq!(get_var(&env, k), Some(v), "{k}");
        }
        assert!(get_var(&env, "ELSEWHERE_SERVICE_HOST").is_none());
        let no_links = service_env(&all, "default", false);
        assert_eq!(no_links.len(), 8, "{no_links:?}");
        assert!(get_var(&no_links, "MYDB_SERVICE_HOST").is_none());
    }

    /// `expand_test.go` `doExpansionTest`: every case of the upstream table.
    #[test]
    fn expand_mirrors_expansion_go() {
        let ctx: Vec<(String, String)> = [
            ("VAR_A", "A"),
            ("VAR_B", "B"),
            ("VAR_C", "C"),
            ("VAR_REF", "$(VAR_A)"),
            ("VAR_EMPTY", ""),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let m = |n: &str| lookup(&[&ctx], n).map(str::to_string);
        for (input, want) in [
            ("$(VAR_A)", "A"),
            ("$(VAR_A)-$(VAR_A)", "A-A"),
            ("$(VAR_A)-1", "A-1"),
            ("___$(VAR_B)___", "___B___"),
            ("___$(VAR_C)", "___C"),
            ("$(VAR_A)_$(VAR_B)_$(VAR_C)", "A_B_C"),
            ("$$(VAR_B)_$(VAR_A)", "$(VAR_B)_A"),
            ("$$(VAR_A)_$$(VAR_B)", "$(VAR_A)_$(VAR_B)"),
            ("f000-$$VAR_A", "f000-$VAR_A"),
            ("foo\\$(VAR_C)bar", "foo\\Cbar"),
            ("foo\\\\$(VAR_C)bar", "foo\\\\Cbar"),
            ("foo\\\\\\\\$(VAR_A)bar", "foo\\\\\\\\Abar"),
            ("$(VAR_A$(VAR_B))", "$(VAR_A$(VAR_B))"),
            ("$(VAR_A$(VAR_B)", "$(VAR_A$(VAR_B)"),
            ("$(VAR_REF)", "$(VAR_A)"),
            ("%%$(VAR_REF)--$(VAR_REF)%%", "%%$(VAR_A)--$(VAR_A)%%"),
            ("foo$(VAR_EMPTY)bar", "foobar"),
            ("foo$(VAR_Awhoops!", "foo$(VAR_Awhoops!"),
            ("f00__(VAR_A)__", "f00__(VAR_A)__"),
            ("$?_boo_$!", "$?_boo_$!"),
            ("$VAR_A", "$VAR_A"),
            ("$(VAR_DNE)", "$(VAR_DNE)"),
            ("$$$$$$(BIG_MONEY)", "$$$(BIG_MONEY)"),
            ("$$$$$$(VAR_A)", "$$$(VAR_A)"),
            ("$$$$$$$(GOOD_ODDS)", "$$$$(GOOD_ODDS)"),
            ("$$$$$$$(VAR_A)", "$$$A"),
            ("$VAR_A)", "$VAR_A)"),
            ("${VAR_A}", "${VAR_A}"),
            ("$(VAR_B)_______$(A", "B_______$(A"),
            ("$(VAR_C)_______$(", "C_______$("),
            ("$(VAR_A)foobarzab$", "Afoobarzab$"),
            ("foo-\\$(VAR_A", "foo-\\$(VAR_A"),
            ("--$($($($($--", "--$($($($($--"),
            ("$($($($($--foo$(", "$($($($($--foo$("),
            ("foo0--$($($($(", "foo0--$($($($("),
            ("$(foo$$var)", "$(foo$$var)"),
            ("\n", "\n"),
            ("é$ü$(VAR_A)", "é$üA"),
        ] {
            assert_eq!(expand(input, &m), want, "{input:?}");
        }
    }

    /// `makeEnvironmentVariables`: `env` is expanded against `envFrom` and earlier `env`
    /// entries, then the Service variables; a later reference is left as written
    /// (`kubelet_pods_test.go` `TestMakeEnvironmentVariables`, "api server = Y, kubelet = Y").
    #[test]
    fn env_order_precedence_and_expansion() {
        let objects = Objects {
            config_maps: [(
                "cfg".to_string(),
                Some(
                    [
                        ("DUPE".to_string(), "from-cm".to_string()),
                        ("HOST".to_string(), "cm-host".to_string()),
                    ]
                    .into(),
                ),
            )]
            .into(),
            ..Default::default()
        };
        let c = Container {
            name: "app".into(),
            env_from: Some(vec![EnvFromSource {
                config_map_ref: Some(ConfigMapEnvSource {
                    name: "cfg".into(),
                    optional: None,
                }),
                prefix: None,
                secret_ref: None,
            }]),
            env: Some(vec![
                var("DUPE", "from-env"),
                var("URL", "http://$(HOST):$(KUBERNETES_SERVICE_PORT)/$(LATER)"),
                var("LATER", "x"),
                var("KUBERNETES_SERVICE_HOST", "override"),
                var("ESC", "$$(HOST)"),
            ]),
            ..Default::default()
        };
        let env = run(&c, &objects, &[Service::kubernetes()]).unwrap();
        assert_eq!(get(&env, "DUPE").as_deref(), Some("from-env"));
        assert_eq!(
            get(&env, "URL").as_deref(),
            Some("http://cm-host:443/$(LATER)")
        );
        assert_eq!(get(&env, "ESC").as_deref(), Some("$(HOST)"));
        // env wins over a Service variable, which is then not listed twice.
        assert_eq!(
            env.vars
                .iter()
                .filter(|(k, _)| k == "KUBERNETES_SERVICE_HOST")
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>(),
            vec!["override"]
        );
        // Service variables first, then envFrom, then env.
        let names: Vec<&str> = env.vars.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names[0], "KUBERNETES_SERVICE_PORT");
        let dupe = names.iter().position(|n| *n == "DUPE").unwrap();
        let url = names.iter().position(|n| *n == "URL").unwrap();
        assert!(dupe < url);
        assert!(env.assumptions.is_empty());
    }

    /// `podFieldSelectorRuntimeValue` / `ExtractFieldPathAsString` for every field the API
    /// allows in `env` (`validEnvDownwardAPIFieldPathExpressions`).
    #[test]
    fn field_refs() {
        let p = facts();
        for (path, want) in [
            ("metadata.name", "web"),
            ("metadata.namespace", "default"),
            ("metadata.uid", "uid-1"),
            ("metadata.labels['app']", "web"),
            ("metadata.labels['missing']", ""),
            ("metadata.annotations['team']", "a"),
            ("spec.nodeName", "node01"),
            ("spec.serviceAccountName", "default"),
            ("status.hostIP", "192.168.49.2"),
            ("status.hostIPs", "192.168.49.2"),
            ("status.podIP", "10.244.1.7"),
            ("status.podIPs", "10.244.1.7"),
        ] {
            assert_eq!(pod_field_value(&p, path).as_deref(), Ok(want), "{path}");
        }
        assert!(pod_field_value(&p, "status.phase").is_err());
        let c = Container {
            env: Some(vec![from(
                "NODE",
                EnvVarSource {
                    field_ref: Some(ObjectFieldSelector {
                        api_version: None,
                        field_path: "spec.nodeName".into(),
                    }),
                    ..Default::default()
                },
            )]),
            ..Default::default()
        };
        let env = run(&c, &Objects::default(), &[]).unwrap();
        assert_eq!(get(&env, "NODE").as_deref(), Some("node01"));
    }

    fn resources(
        requests: &[(&str, &str)],
        limits: &[(&str, &str)],
    ) -> Option<ResourceRequirements> {
        let m = |l: &[(&str, &str)]| {
            Some(
                l.iter()
                    .map(|(k, v)| (k.to_string(), Q(v.to_string())))
                    .collect(),
            )
        };
        Some(ResourceRequirements {
            requests: m(requests),
            limits: m(limits),
            ..Default::default()
        })
    }

    fn rsel(resource: &str, divisor: Option<&str>) -> ResourceFieldSelector {
        ResourceFieldSelector {
            container_name: None,
            divisor: divisor.map(|d| Q(d.into())),
            resource: resource.into(),
        }
    }

    /// `helpers.go` `ExtractContainerResourceValue`: ceiling of value / divisor (cpu in
    /// millicores); seed note 003's pod (requests 125m/32Mi, limits 250m/64Mi) prints
    /// `CPU_REQUEST=1 CPU_LIMIT=1 MEM_REQUEST=33554432 MEM_LIMIT=67108864`.
    #[test]
    fn resource_field_refs_round_up() {
        let p = facts();
        let c = Container {
            name: "test-env-demo-container".into(),
            resources: resources(
                &[("cpu", "125m"), ("memory", "32Mi")],
                &[
                    ("cpu", "250m"),
                    ("memory", "64Mi"),
                    ("hugepages-2Mi", "4Mi"),
                ],
            ),
            ..Default::default()
        };
        for (r, d, want) in [
            ("requests.cpu", None, "1"),
            ("limits.cpu", None, "1"),
            ("requests.memory", None, "33554432"),
            ("limits.memory", None, "67108864"),
            ("limits.cpu", Some("1m"), "250"),
            ("requests.cpu", Some("100m"), "2"),
            ("limits.memory", Some("1Mi"), "64"),
            ("limits.memory", Some("1M"), "68"),
            ("limits.hugepages-2Mi", Some("1Mi"), "4"),
            ("requests.ephemeral-storage", None, "0"),
            ("limits.cpu", Some("0"), "1"),
        ] {
            assert_eq!(
                container_resource_value(&p, &c, &rsel(r, d)).as_deref(),
                Ok(want),
                "{r} / {d:?}"
            );
        }
        assert!(container_resource_value(&p, &c, &rsel("limits.gpu", None)).is_err());
    }

    /// `defaultPodLimitsForDownwardAPI` → `MergeContainerResourceLimits`: without a limit the
    /// node's allocatable answers (cpu, memory, ephemeral-storage); requests stay 0.
    #[test]
    fn resource_field_refs_default_to_allocatable() {
        let p = facts();
        let c = Container::default();
        for (r, d, want) in [
            ("limits.cpu", None, "2"),
            ("limits.cpu", Some("1m"), "2000"),
            ("limits.memory", Some("1Mi"), "8092"),
            ("limits.ephemeral-storage", Some("1Gi"), "90"),
            ("requests.cpu", None, "0"),
            ("requests.memory", None, "0"),
        ] {
            assert_eq!(
                container_resource_value(&p, &c, &rsel(r, d)).as_deref(),
                Ok(want),
                "{r}"
            );
        }
        // `containerName` names another container of the pod.
        let mut p2 = facts();
        p2.containers = vec![Container {
            name: "side".into(),
            resources: resources(&[], &[("memory", "1Gi")]),
            ..Default::default()
        }];
        let mut s = rsel("limits.memory", Some("1Mi"));
        s.container_name = Some("side".into());
        assert_eq!(container_resource_value(&p2, &c, &s).as_deref(), Ok("1024"));
        s.container_name = Some("nope".into());
        assert_eq!(
            container_resource_value(&p2, &c, &s),
            Err("container nope not found".into())
        );
    }

    fn cm_key(name: &str, key: &str, optional: Option<bool>) -> EnvVarSource {
        EnvVarSource {
            config_map_key_ref: Some(ConfigMapKeySelector {
                name: name.into(),
                key: key.into(),
                optional,
            }),
            ..Default::default()
        }
    }

    /// `makeEnvironmentVariables` `configMapKeyRef`/`secretKeyRef`: a missing key fails with
    /// `couldn't find key K in ConfigMap ns/name` unless optional; an absent object fails with
    /// the informer's NotFound (`configmap "x" not found`) unless optional; an object the
    /// scenario does not declare is assumed to exist with an unknown value.
    #[test]
    fn config_map_and_secret_key_refs() {
        let objects = Objects {
            config_maps: [
                (
                    "cfg".to_string(),
                    Some([("mode".to_string(), "fast".to_string())].into()),
                ),
                ("gone".to_string(), None),
            ]
            .into(),
            secrets: [(
                "db".to_string(),
                Some([("password".to_string(), "s3cret".to_string())].into()),
            )]
            .into(),
        };
        let with = |e: Vec<EnvVar>| Container {
            env: Some(e),
            ..Default::default()
        };
        let env = run(
            &with(vec![
                from("MODE", cm_key("cfg", "mode", None)),
                from("OPT", cm_key("cfg", "nokey", Some(true))),
                from("OPT2", cm_key("gone", "x", Some(true))),
                from(
                    "PW",
                    EnvVarSource {
                        secret_key_ref: Some(SecretKeySelector {
                            name: "db".into(),
                            key: "password".into(),
                            optional: None,
                        }),
                        ..Default::default()
                    },
                ),
                from("UNKNOWN", cm_key("elsewhere", "k", None)),
            ]),
            &objects,
            &[],
        )
        .unwrap();
        assert_eq!(get(&env, "MODE").as_deref(), Some("fast"));
        assert_eq!(get(&env, "PW").as_deref(), Some("s3cret"));
        assert_eq!(get(&env, "OPT"), None);
        assert_eq!(get(&env, "OPT2"), None);
        assert_eq!(
            get(&env, "UNKNOWN").as_deref(),
            Some("<configmap:elsewhere/k>")
        );
        assert_eq!(
            env.assumptions.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
            vec!["spec.containers[0].env[4].valueFrom.configMapKeyRef: ConfigMap \"elsewhere\" is not in the scenario; assumed to exist, value unknown"]
        );
        assert_eq!(
            run(
                &with(vec![from("M", cm_key("cfg", "nokey", None))]),
                &objects,
                &[]
            ),
            Err("couldn't find key nokey in ConfigMap default/cfg".into())
        );
        assert_eq!(
            run(
                &with(vec![from("M", cm_key("gone", "k", None))]),
                &objects,
                &[]
            ),
            Err("configmap \"gone\" not found".into())
        );
    }

    /// `makeEnvironmentVariables` `envFrom`: `prefix`, later sources win, `env` wins over all;
    /// with strict names (before `RelaxedEnvironmentVariableValidation`, 1.28–1.31) invalid keys
    /// are skipped with one `InvalidEnvironmentVariableNames` event listing them sorted.
    #[test]
    fn env_from_prefix_optional_and_invalid_names() {
        let objects = Objects {
            config_maps: [
                (
                    "a".to_string(),
                    Some(
                        [
                            ("1badkey".to_string(), "1".to_string()),
                            ("x".to_string(), "from-a".to_string()),
                        ]
                        .into(),
                    ),
                ),
                (
                    "b".to_string(),
                    Some([("x".to_string(), "from-b".to_string())].into()),
                ),
                ("gone".to_string(), None),
            ]
            .into(),
            ..Default::default()
        };
        let src = |name: &str, prefix: Option<&str>, optional: Option<bool>| EnvFromSource {
            config_map_ref: Some(ConfigMapEnvSource {
                name: name.into(),
                optional,
            }),
            prefix: prefix.map(str::to_string),
            secret_ref: None,
        };
        let c = Container {
            env_from: Some(vec![
                src("a", None, None),
                src("b", None, None),
                src("a", Some("P_"), None),
                src("gone", None, Some(true)),
                src("unknown", None, None),
            ]),
            ..Default::default()
        };
        let pod = facts();
        let input = |strict| EnvInput {
            pod: &pod,
            container: &c,
            path: "spec.containers[0]",
            services: &[],
            objects: &objects,
            strict_names: strict,
        };
        let env = make_environment_variables(&input(true)).unwrap();
        assert_eq!(get(&env, "x").as_deref(), Some("from-b"));
        assert_eq!(get(&env, "P_x").as_deref(), Some("from-a"));
        assert_eq!(get(&env, "P_1badkey").as_deref(), Some("1"));
        assert_eq!(get(&env, "1badkey"), None);
        assert_eq!(env.events, vec!["Keys [1badkey] from the EnvFrom configMap default/a were skipped since they are considered invalid environment variable names."]);
        assert_eq!(env.assumptions.len(), 1);
        assert!(env.assumptions[0]
            .to_string()
            .starts_with("spec.containers[0].envFrom[4].configMapRef: ConfigMap \"unknown\""));
        let relaxed = make_environment_variables(&input(false)).unwrap();
        assert_eq!(get(&relaxed, "1badkey").as_deref(), Some("1"));
        assert!(relaxed.events.is_empty());
        let mut c2 = c.clone();
        c2.env_from = Some(vec![src("gone", None, None)]);
        let e = make_environment_variables(&EnvInput {
            container: &c2,
            ..input(true)
        });
        assert_eq!(e, Err("configmap \"gone\" not found".into()));
    }

    /// containerd `containerSpec`: default `PATH`, `HOSTNAME`, the image's env, the kubelet's,
    /// each replacing a same-named variable; runc adds `HOME`.
    #[test]
    fn runtime_layering() {
        let image = vec![
            ("PATH".to_string(), "/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string()),
            ("GOPATH".to_string(), "/go".to_string()),
        ];
        let kubelet = vec![
            ("SAVE_TIME".to_string(), "60".to_string()),
            ("GOPATH".to_string(), "/mine".to_string()),
        ];
        let env = runtime_env("test-env-demo", &image, &kubelet, "/root");
        let names: Vec<&str> = env.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["PATH", "HOSTNAME", "GOPATH", "SAVE_TIME", "HOME"]);
        assert_eq!(env[0].1, image[0].1);
        assert_eq!(env[1].1, "test-env-demo");
        assert_eq!(env[2].1, "/mine");
        assert_eq!(env[4].1, "/root");
        let own_home = runtime_env("h", &[], &[("HOME".into(), "/home/x".into())], "/root");
        assert_eq!(get_var(&own_home, "HOME"), Some("/home/x"));
    }

    /// `GeneratePodHostNameAndDomain` / `truncatePodHostnameIfNeeded` / `generatePodSandboxConfig`.
    #[test]
    fn hostnames() {
        let mut pod = Pod::default();
        assert_eq!(pod_hostname(&pod, "web", "default", "node01"), "web");
        let long = format!("{}-.x", "a".repeat(61));
        assert_eq!(
            pod_hostname(&pod, &long, "default", "node01"),
            "a".repeat(61)
        );
        let spec = pod.spec.get_or_insert_with(Default::default);
        spec.hostname = Some("db-0".into());
        spec.subdomain = Some("db".into());
        assert_eq!(pod_hostname(&pod, "web", "ns", "node01"), "db-0");
        pod.spec.as_mut().unwrap().set_hostname_as_fqdn = Some(true);
        assert_eq!(
            pod_hostname(&pod, "web", "ns", "node01"),
            "db-0.db.ns.svc.cluster.local"
        );
        pod.spec.as_mut().unwrap().host_network = Some(true);
        assert_eq!(pod_hostname(&pod, "web", "ns", "node01"), "node01");
    }

    /// `ExpandContainerCommandAndArgs` uses the kubelet's list: `$(HOSTNAME)` and `$(PATH)` (set
    /// by the runtime) stay as written.
    #[test]
    fn command_expansion_uses_the_kubelet_list() {
        let env = vec![("MSG".to_string(), "hi".to_string())];
        let args: Vec<String> = ["echo $(MSG) $(HOSTNAME) $$(MSG)".to_string()].into();
        assert_eq!(expand_args(&args, &env), ["echo hi $(HOSTNAME) $(MSG)"]);
    }

    #[test]
    fn derived_cluster_ips_are_stable_and_distinct() {
        let a = cluster_ips(["mydb", "myservice", "mydb"]);
        assert_eq!(a.len(), 2);
        assert_ne!(a["mydb"], a["myservice"]);
        assert!(a
            .values()
            .all(|ip| ip.starts_with("10.96.") && !ip.starts_with("10.96.0.")));
        assert_eq!(a["mydb"], cluster_ips(["mydb"])["mydb"]);
    }

    #[test]
    fn env_var_names() {
        assert!(is_env_var_name("my.env-name"));
        assert!(is_env_var_name("_A1"));
        assert!(!is_env_var_name("1badkey"));
        assert!(!is_env_var_name("a:b"));
        assert!(!is_env_var_name(""));
    }
}
