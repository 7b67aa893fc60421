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
        Lang::ZhCn => [ZH, crate::i18n_why::ZH_WHY]
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
    let mut out = String::new();
    let mut args = args.iter();
    let mut parts = tr(lang, en).split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for p in parts {
        out.push_str(args.next().copied().unwrap_or(""));
        out.push_str(p);
    }
    out
}

/// English left in a Chinese text: runs of two or more plain lowercase English words ("the
/// container", "is killed"), or a common English function word on its own. Kubernetes terms
/// pass: reasons and fields (`CrashLoopBackOff`, `restartPolicy`), signals (`SIGTERM`), names
/// with digits, dots, dashes or slashes (`busybox:1.36`, `liveness-exec`), a single lowercase
/// word (a container's name). The e2e test applies the same rule to the zh-CN page, outside
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
                if run.len() >= 2 {
                    out.push(run.join(" "));
                }
                run.clear();
            }
            run.push(w);
        } else {
            if run.len() >= 2 {
                out.push(run.join(" "));
            } else if run.len() == 1 && FUNCTION_WORDS.contains(&run[0]) {
                out.push(run[0].to_string());
            }
            run.clear();
        }
    }
    if run.len() >= 2 {
        out.push(run.join(" "));
    } else if run.len() == 1 && FUNCTION_WORDS.contains(&run[0]) {
        out.push(run[0].to_string());
    }
    out
}

/// The Chinese catalog, sorted by the English text (checked by a test).
pub static ZH: &[(&str, &str)] = &[
    ("Answer", "提交答案"),
    ("Back to the question", "回到题目"),
    ("Close", "关闭"),
    ("Copy exercise link", "复制练习链接"),
    ("Exercise {} of {}", "练习 {} / {}"),
    ("Exercises", "练习"),
    ("Hint", "提示"),
    ("Learner view", "学生视图"),
    ("Next question", "下一题"),
    ("Not quite.", "不对。"),
    ("Question {} of {}", "第 {} 题，共 {} 题"),
    ("Right!", "答对了！"),
    ("Teacher view", "教师视图"),
    ("The answer", "答案"),
    (
        "The timeline from {} s on is hidden until you answer.",
        "{} 秒之后的时间线在你作答前隐藏。",
    ),
    ("This exercise set could not be opened", "无法打开这组练习"),
    ("Type a number", "输入数字"),
    ("Your answer", "你的答案"),
    ("Your own thoughts", "你的想法"),
    ("answer key", "答案"),
    (
        "click the hidden part of the timeline, or type seconds",
        "点击时间线上隐藏的部分，或输入秒数",
    ),
    ("hidden until you answer", "作答前隐藏"),
    ("language", "语言"),
    ("manifest", "清单"),
    ("score", "得分"),
    ("seconds", "秒"),
    ("the end of the set", "本组练习结束"),
    ("your guess", "你的预测"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_is_sorted_and_unique() {
        for w in ZH.windows(2).chain(crate::i18n_why::ZH_WHY.windows(2)) {
            assert!(
                w[0].0 < w[1].0,
                "ZH out of order or duplicated: {:?} then {:?}",
                w[0].0,
                w[1].0
            );
        }
        for (en, zh) in ZH.iter().chain(crate::i18n_why::ZH_WHY) {
            assert_eq!(
                en.matches("{}").count(),
                zh.matches("{}").count(),
                "{en:?}: the same placeholders in Chinese"
            );
        }
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
