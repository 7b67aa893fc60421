//! The interface's languages: English and 简体中文.
//!
//! Every UI string is written in English at its use, wrapped in [`tr`]; the Chinese catalog
//! ([`ZH`], sorted by the English text) answers it. kubectl's output, Kubernetes reason strings,
//! field names and the kubelet's event messages stay as Kubernetes prints them, in both languages.
//! A missing entry shows the English (and a native test lists the `tr` strings of `src/` that lack
//! one).

/// An interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    /// The BCP 47 tag (`lang` attribute, links, exercises).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language for a tag: any Chinese (`zh`, `zh-CN`, `zh-Hans`, `zh-TW`) reads the
    /// simplified catalog; anything else is English.
    pub fn from_code(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        if t.is_empty() {
            None
        } else if t == "zh" || t.starts_with("zh-") || t.starts_with("zh_") {
            Some(Lang::ZhCn)
        } else {
            Some(Lang::En)
        }
    }

    /// The language to show: the user's choice, else the browser's first language.
    pub fn resolve(chosen: &str, browser: &[String]) -> Lang {
        Lang::from_code(chosen)
            .or_else(|| browser.iter().find_map(|b| Lang::from_code(b)))
            .unwrap_or_default()
    }
}

/// `en` in the interface's language.
pub fn tr(lang: Lang, en: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::ZhCn => [ZH, crate::i18n_why::ZH_WHY, crate::i18n_chart::ZH_CHART]
            .iter()
            .find_map(|table| {
                table
                    .binary_search_by(|(k, _)| k.cmp(&en))
                    .ok()
                    .map(|i| table[i].1)
            })
            .unwrap_or(en),
    }
}

/// A formatted string: `{}` in the translated template replaced, in order, by `args`.
pub fn trf(lang: Lang, en: &'static str, args: &[&str]) -> String {
    podlife_render::chart::words::fill(tr(lang, en), args)
}

/// English left in a Chinese text: runs of two or more plain lowercase English words ("the
/// container", "is killed"), or a common English function word on its own. Kubernetes terms
/// pass: reasons and fields (`CrashLoopBackOff`, `restartPolicy`), signals (`SIGTERM`), names
/// with digits, dots, dashes or slashes (`busybox:1.36`, `liveness-exec`), a single lowercase
/// word (a container's name), a command line starting with `kubectl`. The e2e test applies the same rule to the zh-CN page, outside
/// elements marked `translate="no"` (kubectl output, Kubernetes messages, the user's text).
pub fn untranslated(text: &str) -> Vec<String> {
    const FUNCTION_WORDS: &[&str] = &[
        "the", "and", "of", "is", "are", "to", "at", "when", "after", "before", "until", "with",
        "from", "for", "then", "its", "it", "was", "be", "by", "on", "in", "this", "that", "or",
        "not", "no", "has", "have", "what", "why", "how", "which", "an", "a",
    ];
    let plain = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase());
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || "-_./:'".contains(c)))
        .collect();
    let mut out = vec![];
    let mut run: Vec<&str> = vec![];
    // Words are consecutive only when separated by exactly one space in the text.
    let mut rest = text;
    let mut prev_end: Option<usize> = None;
    for w in words.iter().filter(|w| !w.is_empty()) {
        let Some(pos) = rest.find(w) else { continue };
        let start = text.len() - rest.len() + pos;
        let gap_ok = prev_end.is_some_and(|e| &text[e..start] == " ");
        rest = &rest[pos + w.len()..];
        prev_end = Some(start + w.len());
        if plain(w) {
            if !gap_ok && !run.is_empty() {
                if run.len() >= 2 && run[0] != "kubectl" {
                    out.push(run.join(" "));
                }
                run.clear();
            }
            run.push(w);
        } else {
            if run.len() >= 2 && run[0] != "kubectl" {
                out.push(run.join(" "));
            } else if run.len() == 1 && FUNCTION_WORDS.contains(&run[0]) {
                out.push(run[0].to_string());
            }
            run.clear();
        }
    }
    if run.len() >= 2 && run[0] != "kubectl" {
        out.push(run.join(" "));
    } else if run.len() == 1 && FUNCTION_WORDS.contains(&run[0]) {
        out.push(run[0].to_string());
    }
    out
}

/// The Chinese catalog, sorted by the English text (checked by a test).
pub static ZH: &[(&str, &str)] = &[
    (" autoplay", " 自动播放"),
    (" loop", " 循环"),
    (" manifest", " 清单"),
    (", . events", ", . 事件"),
    (". Your own text is kept.", "。你自己的文本已保留。"),
    ("? help", "? 帮助"),
    ("A ReplicationController's pod (kubia)", "ReplicationController 的 Pod（kubia）"),
    ("A greeting and an hour's sleep (restartPolicy OnFailure)", "打个招呼再睡一小时（restartPolicy OnFailure）"),
    ("A/D pan", "A/D 平移"),
    ("Answer", "提交答案"),
    ("Back to the question", "回到题目"),
    ("Busy loop killed at the end of its grace period", "忙循环在宽限期结束时被终止"),
    ("Close", "关闭"),
    ("Close (Esc)", "关闭（Esc）"),
    ("Compare with kubelet version", "与另一 kubelet 版本比较"),
    ("Container restart rule: retry on exit 42 (1.35+)", "容器重启规则：退出码 42 时重试（1.35+）"),
    ("Copied.", "已复制。"),
    ("Copy a link that opens this exact view (the pod travels in the link)", "复制一个打开当前视图的链接（Pod 随链接一起传递）"),
    ("Copy exercise link", "复制练习链接"),
    ("Copy link", "复制链接"),
    ("Copy snippet", "复制代码片段"),
    ("CrashLoopBackOff (exit 1)", "CrashLoopBackOff（退出码 1）"),
    ("Create Service", "创建 Service"),
    ("Delete pod", "删除 Pod"),
    ("Details", "详情"),
    ("Dismiss", "关闭提示"),
    ("Download the visible window as Chrome trace-event JSON (Perfetto, chrome://tracing)", "将可见窗口下载为 Chrome trace-event JSON（Perfetto、chrome://tracing）"),
    ("Download the visible window as PNG", "将可见窗口下载为 PNG"),
    ("Download the visible window as SVG", "将可见窗口下载为 SVG"),
    ("Download the visible window as a Mermaid gantt (GitHub, kubernetes.io)", "将可见窗口下载为 Mermaid 甘特图（GitHub、kubernetes.io）"),
    ("Download this panel as plain text", "将此面板下载为纯文本"),
    ("Downward API environment variables", "Downward API 环境变量"),
    ("Embed", "嵌入"),
    ("Embed in a docs page", "嵌入文档页面"),
    ("Embed this pod in a docs page: the iframe snippet", "把这个 Pod 嵌入文档页面：iframe 代码片段"),
    ("Environment from a pod field (fieldRef)", "来自 Pod 字段的环境变量（fieldRef）"),
    ("Environment from resource limits (resourceFieldRef)", "来自资源限制的环境变量（resourceFieldRef）"),
    ("Ephemeral debug container added to a running pod", "向运行中的 Pod 添加临时调试容器"),
    ("Events", "事件"),
    ("Events up to the cursor, newest first", "截至光标的事件，最新在前"),
    ("Exercise {} of {}", "练习 {} / {}"),
    ("Exercises", "练习"),
    ("F fit", "F 适配"),
    ("Fit what happens (F)", "适配发生的过程（F）"),
    ("From the Kubernetes documentation", "来自 Kubernetes 文档"),
    ("From the study notes", "来自学习笔记"),
    ("Graceful shutdown with a trap function", "用 trap 函数优雅退出"),
    ("Graceful termination with a preStop sleep", "使用 preStop sleep 优雅终止"),
    ("Hint", "提示"),
    ("How far the pod is played (settings.until; a scenario's settings win)", "Pod 播放到多远（settings.until；以场景的设置为准）"),
    ("ImagePullBackOff (bad tag)", "ImagePullBackOff（错误的标签）"),
    ("Init container downloading a page for nginx", "为 nginx 下载网页的初始化容器"),
    ("Init container fails: Init:CrashLoopBackOff", "初始化容器失败：Init:CrashLoopBackOff"),
    ("Init container fetching a page (init-demo)", "获取网页的初始化容器（init-demo）"),
    ("Init container pinging a database host", "ping 数据库主机的初始化容器"),
    ("Init container, then a sidecar", "先初始化容器，再边车容器"),
    ("Init containers waiting for Services (myapp-pod)", "等待 Service 的初始化容器（myapp-pod）"),
    ("Keyboard shortcuts", "键盘快捷键"),
    ("Keyboard shortcuts (?)", "键盘快捷键（?）"),
    ("Kill (OOM)", "终止（OOM）"),
    ("Kubelet version", "kubelet 版本"),
    ("Learner view", "学生视图"),
    ("Legend", "图例"),
    ("Light / dark theme", "浅色 / 深色主题"),
    ("Link ", "链接 "),
    ("Literal environment values", "字面量环境变量"),
    ("Live actions", "实时操作"),
    ("Liveness + readiness (TCP, goproxy)", "存活 + 就绪探针（TCP，goproxy）"),
    ("Liveness probe (HTTP with a header) on a Go web app", "Go Web 应用的存活探针（带请求头的 HTTP）"),
    ("Liveness probe (HTTP, agnhost)", "存活探针（HTTP，agnhost）"),
    ("Liveness probe (exec) on a Go web app", "Go Web 应用的存活探针（exec）"),
    ("Liveness probe (exec): restarts at ~75 s", "存活探针（exec）：约 75 秒时重启"),
    ("Liveness probe (gRPC)", "存活探针（gRPC）"),
    ("Liveness probe on a server that turns unhealthy (kubia)", "服务变得不健康时的存活探针（kubia）"),
    ("Load an example manifest", "加载示例清单"),
    ("Message", "消息"),
    ("More from podlife", "podlife 的更多示例"),
    ("Next event (.)", "下一个事件（.）"),
    ("Next question", "下一题"),
    ("No timeline yet. Fix the problems in the manifest to see it played.", "还没有时间线。修正清单中的问题后即可播放。"),
    ("Not quite.", "不对。"),
    ("Object", "对象"),
    ("Open in podlife ↗", "在 podlife 中打开 ↗"),
    ("Open this view in podlife, with the editor (a new tab)", "在带编辑器的 podlife 中打开此视图（新标签页）"),
    ("Paste your Pod manifest here", "在这里粘贴你的 Pod 清单"),
    ("Play / pause (space)", "播放 / 暂停（空格）"),
    ("Playback", "播放"),
    ("Playback speed", "播放速度"),
    ("Pod manifest (YAML)", "Pod 清单（YAML）"),
    ("Pod {} at {}: READY {}, STATUS {}, RESTARTS {}. The events up to the cursor are listed in the Events panel.", "Pod {} 在 {}：READY {}，STATUS {}，RESTARTS {}。截至光标的事件列在“事件”面板中。"),
    ("Previous event (,)", "上一个事件（,）"),
    ("Problems", "问题"),
    ("Python server behind a readiness probe", "就绪探针后的 Python 服务"),
    ("Question {} of {}", "第 {} 题，共 {} 题"),
    ("Readiness and liveness probes (TCP)", "就绪与存活探针（TCP）"),
    ("Readiness probe (exec)", "就绪探针（exec）"),
    ("Reason", "原因"),
    ("RestartAllContainers: exit 42 re-runs the whole pod (1.36+)", "RestartAllContainers：退出码 42 重新运行整个 Pod（1.36+）"),
    ("Right!", "答对了！"),
    ("Scenario", "场景"),
    ("Scenario (YAML)", "场景（YAML）"),
    ("Service name", "Service 名称"),
    ("Share this view", "分享此视图"),
    ("Shared emptyDir handshake between two containers", "两个容器通过 emptyDir 握手"),
    ("Show or hide the causal arrows (probe failure → kill → restart, deletion → preStop → SIGTERM → SIGKILL, start order)", "显示或隐藏因果箭头（探针失败 → 终止 → 重启，删除 → preStop → SIGTERM → SIGKILL，启动顺序）"),
    ("Show the whole horizon (Shift+F)", "显示整个时长（Shift+F）"),
    ("Sidecar container (Deployment)", "边车容器（Deployment）"),
    ("Sidecar in a Job: completes, sidecar stopped", "Job 中的边车：完成后边车被停止"),
    ("Startup probe guarding a liveness probe (30 × 10 s)", "启动探针保护存活探针（30 × 10 秒）"),
    ("Startup probe protecting a slow start", "启动探针保护慢启动"),
    ("Startup, liveness and readiness probes on nginx", "nginx 的启动、存活与就绪探针"),
    ("Static pod (mirror pod name)", "静态 Pod（镜像 Pod 名称）"),
    ("Static pod from /etc/kubernetes/manifests", "来自 /etc/kubernetes/manifests 的静态 Pod"),
    ("Teacher view", "教师视图"),
    ("The OOM killer kills the process (137, OOMKilled)", "OOM killer 终止进程（137，OOMKilled）"),
    ("The answer", "答案"),
    ("The browser did not allow copying: select the link and press Ctrl+C.", "浏览器不允许复制：请选中链接后按 Ctrl+C。"),
    ("The embed plays by itself and answers a host page's postMessage calls: see docs/embed.md.", "嵌入内容会自行播放，并响应宿主页面的 postMessage 调用：见 docs/embed.md。"),
    ("The live action is being played on from the latest checkpoint; the timeline grows as it goes", "正在从最近的检查点继续播放实时操作；时间线随之增长"),
    ("The manifest, scenario, versions, cursor, window and selection travel in the link ({} characters); nothing is uploaded.", "清单、场景、版本、光标、视窗和选中项都在链接里（{} 个字符）；不上传任何内容。"),
    ("The timeline from {} s on is hidden until you answer.", "{} 秒之后的时间线在你作答前隐藏。"),
    ("The timeline shows the last manifest that worked. Fix the errors to replay.", "时间线显示的是最后一个有效的清单。修正错误后重新播放。"),
    ("This exercise set could not be opened", "无法打开这组练习"),
    ("This link could not be opened: ", "无法打开此链接："),
    ("Timeline", "时间线"),
    ("Timeline keys", "时间线按键"),
    ("Two containers sharing an emptyDir and the network", "共享 emptyDir 与网络的两个容器"),
    ("Type", "类型"),
    ("Type a number", "输入数字"),
    ("W/S zoom", "W/S 缩放"),
    ("Waiting for a pod: give this embed a link (#v1=…) or send it a load message (docs/embed.md).", "等待 Pod：给这个嵌入一个链接（#v1=…），或发送 load 消息（docs/embed.md）。"),
    ("Your answer", "你的答案"),
    ("Your own thoughts", "你的想法"),
    ("a Kubernetes Pod lifecycle player", "Kubernetes Pod 生命周期播放器"),
    ("all", "全部"),
    ("answer key", "答案"),
    ("arrow: deletion → preStop → SIGTERM → SIGKILL", "箭头：删除 → preStop → SIGTERM → SIGKILL"),
    ("arrow: kill → restart", "箭头：终止 → 重启"),
    ("arrow: probe failures → kill", "箭头：探针失败 → 终止"),
    ("arrow: start order", "箭头：启动顺序"),
    ("arrow: the controller's replacement", "箭头：控制器创建的替代 Pod"),
    ("at {}:", "在 {}："),
    ("back-off / error wait", "回退 / 错误等待"),
    ("click", "点击"),
    ("click the hidden part of the timeline, or type seconds", "点击时间线上隐藏的部分，或输入秒数"),
    ("close the details / this sheet", "关闭详情 / 本面板"),
    ("compare with ", "比较 "),
    ("completed", "已完成"),
    ("condition True / False", "状态条件 True / False"),
    ("container", "容器"),
    ("endpoint ready / serving, terminating", "端点就绪 / 服务中、终止中"),
    ("example ", "示例 "),
    ("explain the event at the cursor", "解释光标处的事件"),
    ("fail", "失败"),
    ("failures toward threshold", "计入阈值的失败次数"),
    ("fit", "适配"),
    ("fit what happens (Shift: the whole horizon)", "适配发生的过程（Shift：整个时长）"),
    ("gone from the API", "已从 API 移除"),
    ("grace: preStop, TERM, KILL", "宽限期：preStop、TERM、KILL"),
    ("hidden until you answer", "作答前隐藏"),
    ("hook", "钩子"),
    ("horizon ", "时长 "),
    ("horizon (seconds)", "时长（秒）"),
    ("iframe snippet", "iframe 代码片段"),
    ("image pull / sandbox", "镜像拉取 / 沙箱"),
    ("initial delay", "初始延迟"),
    ("initialDelaySeconds larger than periodSeconds", "initialDelaySeconds 大于 periodSeconds"),
    ("initialDelaySeconds smaller than periodSeconds", "initialDelaySeconds 小于 periodSeconds"),
    ("kill", "终止"),
    ("kubectl delete pod (the pod's grace period)", "像 kubectl 那样删除 Pod（使用 Pod 的宽限期）"),
    ("kubectl version (prints get and describe)", "kubectl 版本（输出 get 与 describe）"),
    ("kubelet source: ", "kubelet 源码："),
    ("language", "语言"),
    ("logs", "日志"),
    ("manifest", "清单"),
    ("next / previous event (the details follow when open)", "下一个 / 上一个事件（详情面板打开时随之切换）"),
    ("next ›", "下一个 ›"),
    ("not saved in this browser (too large or storage blocked): copy your text before leaving", "未能保存在此浏览器中（内容过大或存储被阻止）：离开前请复制你的文本"),
    ("or pick an example above; it plays as you type", "或在上方选择一个示例；边输入边播放"),
    ("overview", "总览"),
    ("pan left / right (Shift: more)", "向左 / 右平移（Shift：幅度更大）"),
    ("panel ", "面板 "),
    ("pass", "通过"),
    ("pinch", "双指缩放"),
    ("play / pause", "播放 / 暂停"),
    ("pod deleted", "Pod 被删除"),
    ("podlife: a Kubernetes Pod lifecycle player", "podlife：Kubernetes Pod 生命周期播放器"),
    ("postStart and preStop hooks (lifecycle-events)", "postStart 与 preStop 钩子（lifecycle-events）"),
    ("postStart hook that fails (badcommand)", "失败的 postStart 钩子（badcommand）"),
    ("postStart hook writing a file", "写文件的 postStart 钩子"),
    ("preStop hook writing a message", "写消息的 preStop 钩子"),
    ("preStop hook: nginx -s quit", "preStop 钩子：nginx -s quit"),
    ("preStop longer than the grace period (+2 s)", "preStop 超过宽限期（+2 秒）"),
    ("probe disabled until started", "启动前探针停用"),
    ("probe error", "探针出错"),
    ("probe failed", "探针失败"),
    ("probe ok", "探针成功"),
    ("probe on hold", "探针暂停"),
    ("probe skipped", "探针跳过"),
    ("restart", "重启"),
    ("running / ready", "运行 / 就绪"),
    ("same", "相同"),
    ("score", "得分"),
    ("seconds", "秒"),
    ("seek; on a span or mark: details", "定位；点击区段或标记：查看详情"),
    ("showing last valid manifest", "显示最后一个有效清单"),
    ("simulating… {} %", "模拟中… {} %"),
    ("space play", "空格 播放"),
    ("speed ", "速度 "),
    ("terminated (error)", "已终止（错误）"),
    ("terminating", "终止中"),
    ("the end of the set", "本组练习结束"),
    ("the manifest's kind: Scenario is in force: {} actions, {} behaviour overrides", "清单中的 kind: Scenario 正在生效：{} 个动作，{} 个行为覆盖"),
    ("theme ", "主题 "),
    ("this help", "本帮助"),
    ("waiting / creating", "等待 / 创建中"),
    ("warning event", "警告事件"),
    ("wheel", "滚轮"),
    ("wheel zoom · shift+wheel or drag the axis: pan", "滚轮缩放 · Shift+滚轮或拖动时间轴：平移"),
    ("your guess", "你的预测"),
    ("zoom (touch screen or trackpad)", "缩放（触摸屏或触控板）"),
    ("zoom at the mouse; Shift+wheel or drag the axis: pan", "在鼠标处缩放；Shift+滚轮或拖动时间轴：平移"),
    ("zoom in / out (Shift: more)", "放大 / 缩小（Shift：幅度更大）"),
    ("{} up to the cursor, newest first", "截至光标 {} 条，最新在前"),
    ("— back to your manifest ({} lines) —", "— 回到你的清单（{} 行）—"),
    ("— your manifest —", "— 你的清单 —"),
    ("‹ prev", "‹ 上一个"),
    ("▶ Play", "▶ 播放"),
    ("☀ light", "☀ 浅色"),
    ("☾ dark", "☾ 深色"),
    ("❚❚ Pause", "❚❚ 暂停"),
    ("⤳ causal arrows", "⤳ 因果箭头"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_is_sorted_and_unique() {
        for w in ZH
            .windows(2)
            .chain(crate::i18n_why::ZH_WHY.windows(2))
            .chain(crate::i18n_chart::ZH_CHART.windows(2))
        {
            assert!(
                w[0].0 < w[1].0,
                "ZH out of order or duplicated: {:?} then {:?}",
                w[0].0,
                w[1].0
            );
        }
        for (en, zh) in ZH
            .iter()
            .chain(crate::i18n_why::ZH_WHY)
            .chain(crate::i18n_chart::ZH_CHART)
        {
            assert_eq!(
                en.matches("{}").count(),
                zh.matches("{}").count(),
                "{en:?}: the same placeholders in Chinese"
            );
        }
    }

    /// Every `tr(lang, "…")`/`trf(lang, "…", …)` in `src/`, every gallery title, legend label and
    /// key description has its Chinese (names that stay as they are excepted).
    #[test]
    fn every_interface_string_has_chinese() {
        const SAME: &[&str] = &[
            "…", "English", "PNG", "SVG", "Mermaid", "Trace", "podlife", "SIGTERM", "SIGKILL",
        ];
        let mut missing = vec![];
        let mut check = |en: &str| {
            if !SAME.contains(&en)
                && tr(Lang::ZhCn, Box::leak(en.to_string().into_boxed_str())) == en
            {
                missing.push(en.to_string());
            }
        };
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(std::fs::read_to_string(p).unwrap());
                }
            }
        }
        let mut sources = vec![];
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut sources,
        );
        for src in &sources {
            for kw in [
                "tr(lang, \"",
                "trf(lang, \"",
                "tr(lang, \"",
                "i18n::tr(lang, \"",
            ] {
                for part in src.split(kw).skip(1) {
                    let mut en = String::new();
                    let mut chars = part.chars();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => {
                                if let Some(n) = chars.next() {
                                    en.push(match n {
                                        'n' => '\n',
                                        x => x,
                                    });
                                }
                            }
                            '"' => break,
                            c => en.push(c),
                        }
                    }
                    check(&en);
                }
            }
        }
        for e in podlife_engine::gallery::EXAMPLES {
            check(e.title);
        }
        for e in crate::model::legend::ENTRIES {
            check(e.label);
        }
        for b in crate::keymap::KEYMAP {
            check(b.description);
            if let Some(h) = b.hint {
                check(h);
            }
        }
        missing.sort();
        missing.dedup();
        assert!(
            missing.is_empty(),
            "no Chinese for:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn english_left_in_chinese_is_found() {
        assert!(untranslated(
            "容器 app 在 45 秒被 SIGKILL 终止（CrashLoopBackOff，restartPolicy: Always）"
        )
        .is_empty());
        assert!(untranslated("镜像 busybox:1.36，Pod liveness-exec").is_empty());
        assert_eq!(
            untranslated("容器 the container 被终止"),
            vec!["the container"]
        );
        assert_eq!(untranslated("等待 until 探针"), vec!["until"]);
        assert_eq!(untranslated("probe failed"), vec!["probe failed"]);
        // A kubectl command line is Kubernetes text.
        assert!(untranslated("30 秒时 kubectl get pod 的 STATUS").is_empty());
    }

    #[test]
    fn languages_resolve_from_the_choice_then_the_browser() {
        assert_eq!(
            Lang::resolve("", &["zh-CN".into(), "en".into()]),
            Lang::ZhCn
        );
        assert_eq!(Lang::resolve("en", &["zh-CN".into()]), Lang::En);
        assert_eq!(Lang::resolve("", &["fr".into()]), Lang::En);
        assert_eq!(Lang::resolve("zh-Hans", &[]), Lang::ZhCn);
        assert_eq!(tr(Lang::ZhCn, "Hint"), "提示");
        assert_eq!(tr(Lang::ZhCn, "no such string"), "no such string");
        assert_eq!(
            trf(Lang::ZhCn, "Question {} of {}", &["2", "5"]),
            "第 2 题，共 5 题"
        );
        assert_eq!(
            trf(Lang::En, "Question {} of {}", &["2", "5"]),
            "Question 2 of 5"
        );
    }
}
