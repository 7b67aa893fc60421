//! The chart model's own words in the interface language: the labels, tooltips and details the
//! chart writes itself ("restart #2 (container recreated)", "back-off 20s", endpoint states,
//! probe bands). Kubernetes text passes through untouched in every language: reasons and states
//! (`CrashLoopBackOff`, `Running`, `Waiting: ContainerCreating`), condition types and
//! `True`/`False`, field names, signal names, event messages, probe output, kubectl's probe
//! description, container, pod and image names.
//!
//! [`super::tracks`] is English (the SVG/PNG/Mermaid/trace exports draw it, byte for byte as
//! before); [`super::tracks_in`] takes a [`Lang`]. The Chinese catalog [`ZH`] is sorted by the
//! English text (checked by a test).

/// The language of the chart's own words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    /// `en` in this language (itself when the catalog has no entry).
    pub fn t(self, en: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::ZhCn => ZH
                .binary_search_by(|(k, _)| k.cmp(&en))
                .map_or(en, |i| ZH[i].1),
        }
    }

    /// The template `en` in this language with each `{}`, in order, replaced by `args`.
    pub fn f(self, en: &'static str, args: &[&str]) -> String {
        fill(self.t(en), args)
    }

    /// A word the engine wrote (a span's label, a skipped tick's reason): translated when the
    /// catalog knows it, else kept as it is (Kubernetes text).
    pub fn word(self, en: &str) -> String {
        match self {
            Lang::En => en.to_string(),
            Lang::ZhCn => ZH
                .binary_search_by(|(k, _)| (*k).cmp(en))
                .map_or_else(|_| en.to_string(), |i| ZH[i].1.to_string()),
        }
    }
}

/// The Chinese of the chart's words, sorted by the English text.
pub static ZH: &[(&str, &str)] = &[
    (" (restart {})", "（第 {} 次重启）"),
    ("DELETE received", "收到 DELETE 请求"),
    ("Running since {}{}", "Running，始于 {}{}"),
    ("SIGKILL sent", "已发送 SIGKILL"),
    ("SIGKILL to {}: still running at its deadline", "SIGKILL 发往 {}：到期时仍在运行"),
    ("SIGTERM sent", "已发送 SIGTERM"),
    ("abandoned", "已放弃"),
    ("back-off", "回退"),
    ("back-off {}", "回退 {}"),
    ("container not started yet (startup probe)", "容器尚未启动（等待启动探针）"),
    ("created at {}, starting", "{} 创建，正在启动"),
    ("deleting and not Ready: EndpointSlice ready=false, serving=false, terminating=true", "删除中且未 Ready：EndpointSlice ready=false, serving=false, terminating=true"),
    ("deleting but still Ready: EndpointSlice ready=false, serving=true, terminating=true", "删除中但仍 Ready：EndpointSlice ready=false, serving=true, terminating=true"),
    ("deletion grace period {}s: DELETE at {}, deletionTimestamp {}", "删除宽限期 {}s：{} 收到 DELETE，deletionTimestamp {}"),
    ("done", "已完成"),
    ("exited: {}", "已退出：{}"),
    ("failed", "失败"),
    ("grace {}s", "宽限期 {}s"),
    ("in the Service's ready endpoints (EndpointSlice ready=true, serving=true, terminating=false)", "在 Service 的就绪端点中（EndpointSlice ready=true, serving=true, terminating=false）"),
    ("initialDelaySeconds not yet elapsed", "initialDelaySeconds 尚未到期"),
    ("listed as not ready (EndpointSlice ready=false; Endpoints notReadyAddresses)", "列为未就绪端点（EndpointSlice ready=false；Endpoints notReadyAddresses）"),
    ("not ready", "未就绪"),
    ("not started", "未启动"),
    ("on hold", "暂停"),
    ("on hold after a trip, until the container restarts", "达到阈值后暂停，直到容器重启"),
    ("pod object removed", "Pod 对象已删除"),
    ("pod object removed from the API", "Pod 对象已从 API 删除"),
    ("ready", "就绪"),
    ("replacement created by the controller · {}", "控制器创建的替代 Pod · {}"),
    ("restart #{} (container recreated)", "第 {} 次重启（容器重新创建）"),
    ("running", "运行中"),
    ("sandbox", "沙箱"),
    ("serving, terminating", "仍在服务，终止中"),
    ("succeeded: no more probes for this container (on hold until it restarts)", "已成功：不再探测此容器（暂停，直到容器重启）"),
    ("success", "成功"),
    ("terminating", "终止中"),
    ("the container's lifecycle.stopSignal", "容器的 lifecycle.stopSignal"),
    ("the image's STOPSIGNAL", "镜像的 STOPSIGNAL"),
    ("the pod object no longer exists", "Pod 对象已不存在"),
    ("the runtime's default", "运行时的默认值"),
    ("{} hook: {}", "{} 钩子：{}"),
    ("{} sent ({})", "已发送 {}（{}）"),
    ("{} to {}; SIGKILL due at {} if still running", "{} 发往 {}；若仍在运行，{} 发送 SIGKILL"),
    ("{}: preStop hook {}", "{}：preStop 钩子{}"),
    ("{}: still backing off at the horizon", "{}：到模拟结束时仍在回退"),
    ("{}: {}; restarts at {}", "{}：{}；{} 重启"),
];

/// `template` with each `{}`, in order, replaced by `args` (a missing argument leaves nothing):
/// the one formatter of the chart's and the interface's translated templates.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for p in parts {
        out.push_str(args.next().copied().unwrap_or(""));
        out.push_str(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_is_sorted_unique_and_keeps_placeholders() {
        for w in ZH.windows(2) {
            assert!(
                w[0].0 < w[1].0,
                "ZH out of order or duplicated: {:?} then {:?}",
                w[0].0,
                w[1].0
            );
        }
        for (en, zh) in ZH {
            assert_eq!(
                en.matches("{}").count(),
                zh.matches("{}").count(),
                "{en:?}: the same placeholders in Chinese"
            );
            assert!(!zh.is_empty() && en != zh, "{en:?}");
        }
    }

    #[test]
    fn words_and_templates() {
        assert_eq!(Lang::En.t("on hold"), "on hold");
        assert_eq!(Lang::ZhCn.t("on hold"), "暂停");
        assert_eq!(Lang::ZhCn.t("CrashLoopBackOff"), "CrashLoopBackOff");
        assert_eq!(
            Lang::En.f("restart #{} (container recreated)", &["2"]),
            "restart #2 (container recreated)"
        );
        assert_eq!(
            Lang::ZhCn.f("restart #{} (container recreated)", &["2"]),
            "第 2 次重启（容器重新创建）"
        );
        assert_eq!(Lang::ZhCn.word("sandbox"), "沙箱");
        assert_eq!(Lang::ZhCn.word("Pulling"), "Pulling");
    }
}
