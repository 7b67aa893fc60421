//! The "Share" dialog: a link that opens this exact view, and the iframe snippet that embeds it
//! in a docs page (with the embed's options). Everything travels in the link: nothing is
//! uploaded.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The view's payload (`v1=…`), or why there is no link (the pod is too big for one).
    pub payload: Result<AttrValue, AttrValue>,
    /// The app's address without query or fragment.
    pub base: AttrValue,
    pub pod: AttrValue,
    /// Copy the link as soon as the dialog opens ("Copy link" in the top bar).
    pub copy_now: bool,
    pub on_close: Callback<()>,
}

/// Escape text for an HTML attribute value in double quotes.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The embed's options, as the dialog sets them.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedChoice {
    pub autoplay: bool,
    pub looping: bool,
    /// `get`, `describe`, `events` or `none`.
    pub panel: &'static str,
    /// `auto`, `light` or `dark`.
    pub theme: &'static str,
    pub manifest: bool,
    pub width: u32,
    pub height: u32,
}

impl Default for EmbedChoice {
    fn default() -> Self {
        EmbedChoice {
            autoplay: false,
            looping: false,
            panel: "get",
            theme: "auto",
            manifest: false,
            width: 760,
            height: 480,
        }
    }
}

/// The iframe snippet for a docs page.
pub fn snippet(base: &str, payload: &str, pod: &str, c: &EmbedChoice) -> String {
    let mut q = String::from("?embed");
    if c.autoplay {
        q.push_str("&autoplay");
    }
    if c.looping {
        q.push_str("&loop");
    }
    if c.panel != "get" {
        q.push_str(&format!("&panel={}", c.panel));
    }
    if c.theme != "auto" {
        q.push_str(&format!("&theme={}", c.theme));
    }
    if c.manifest {
        q.push_str("&manifest");
    }
    let src = format!("{base}{q}#{}={payload}", podlife_render::link::VERSION);
    format!(
        "<iframe src=\"{}\" width=\"{}\" height=\"{}\" style=\"border:0;max-width:100%\" title=\"{}\" loading=\"lazy\"></iframe>",
        attr(&src),
        c.width,
        c.height,
        attr(&format!("podlife: the lifecycle of pod {pod}"))
    )
}

#[function_component(ShareDialog)]
pub fn share_dialog(p: &ShareProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    // "Copied", or the fallback when the clipboard is refused.
    let status = use_state(|| None::<bool>);
    let choice = use_state(EmbedChoice::default);
    let url = p
        .payload
        .as_ref()
        .ok()
        .map(|pl| format!("{}#{}={pl}", p.base, podlife_render::link::VERSION));
    {
        let (url, status) = (url.clone(), status.clone());
        use_effect_with(p.copy_now, move |&now| {
            if let (true, Some(u)) = (now, url) {
                crate::host::copy(&u, move |ok| status.set(Some(ok)));
            }
        });
    }
    let copy = |text: Option<String>| {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = &text {
                let status = status.clone();
                crate::host::copy(t, move |ok| status.set(Some(ok)));
            }
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            i.select();
        }
    });
    let close = {
        let cb = p.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    // Esc closes; the dialog takes the focus when it opens (on its first control).
    let onkeydown = {
        let cb = p.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                cb.emit(());
            }
        })
    };
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with((), move |_| {
            if let Some(el) = first.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let toggle = |f: fn(&mut EmbedChoice)| {
        let choice = choice.clone();
        Callback::from(move |_: Event| {
            let mut c = (*choice).clone();
            f(&mut c);
            choice.set(c);
        })
    };
    let pick = |f: fn(&mut EmbedChoice, &str)| {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                let mut c = (*choice).clone();
                f(&mut c, &s.value());
                choice.set(c);
            }
        })
    };
    let code = p
        .payload
        .as_ref()
        .ok()
        .map(|pl| snippet(&p.base, pl, &p.pod, &choice));
    html! {
        <div class="overlay" onclick={close.clone()} {onkeydown}>
            <div id="share-dialog" class="dialog" role="dialog" aria-modal="true" aria-labelledby="share-title"
                 onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <h2 id="share-title">{crate::i18n::tr(lang, "Share this view")}</h2>
                {match &url {
                    None => html! {
                        <p id="share-error" class="link-error" role="alert">
                            {p.payload.as_ref().err().map(|e| e.to_string()).unwrap_or_default()}
                        </p>
                    },
                    Some(u) => html! {
                        <>
                            <label class="share-row">{crate::i18n::tr(lang, "Link ")}
                                <input id="share-url" ref={first.clone()} readonly=true value={u.clone()} onfocus={select_all.clone()} />
                            </label>
                            <button id="copy-link-again" onclick={copy(Some(u.clone()))}>{crate::i18n::tr(lang, "Copy link")}</button>
                            <span id="copy-status" role="status">{match *status {
                                Some(true) => crate::i18n::tr(lang, "Copied."),
                                Some(false) => crate::i18n::tr(lang, "The browser did not allow copying: select the link and press Ctrl+C."),
                                None => "",
                            }}</span>
                            <p class="hint">{crate::i18n::trf(lang, "The manifest, scenario, versions, cursor, window and selection travel in the link ({} characters); nothing is uploaded.", &[&u.len().to_string()])}</p>
                            <h3>{crate::i18n::tr(lang, "Embed in a docs page")}</h3>
                            <div class="embed-options">
                                <label><input id="embed-autoplay" type="checkbox" checked={choice.autoplay} onchange={toggle(|c| c.autoplay = !c.autoplay)} />{crate::i18n::tr(lang, " autoplay")}</label>
                                <label><input id="embed-loop" type="checkbox" checked={choice.looping} onchange={toggle(|c| c.looping = !c.looping)} />{crate::i18n::tr(lang, " loop")}</label>
                                <label><input id="embed-manifest" type="checkbox" checked={choice.manifest} onchange={toggle(|c| c.manifest = !c.manifest)} />{crate::i18n::tr(lang, " manifest")}</label>
                                <label>{crate::i18n::tr(lang, "panel ")}
                                    <select id="embed-panel" onchange={pick(|c, v| c.panel = match v { "describe" => "describe", "events" => "events", "none" => "none", _ => "get" })}>
                                        { for ["get", "describe", "events", "none"].iter().map(|v| html! { <option value={*v} selected={choice.panel == *v}>{*v}</option> }) }
                                    </select>
                                </label>
                                <label>{crate::i18n::tr(lang, "theme ")}
                                    <select id="embed-theme" onchange={pick(|c, v| c.theme = match v { "light" => "light", "dark" => "dark", _ => "auto" })}>
                                        { for ["auto", "light", "dark"].iter().map(|v| html! { <option value={*v} selected={choice.theme == *v}>{*v}</option> }) }
                                    </select>
                                </label>
                            </div>
                            <textarea id="embed-snippet" readonly=true rows="4" value={code.clone().unwrap_or_default()} aria-label={crate::i18n::tr(lang, "iframe snippet")} />
                            <button id="copy-embed" onclick={copy(code.clone())}>{crate::i18n::tr(lang, "Copy snippet")}</button>
                            <p class="hint">{crate::i18n::tr(lang, "The embed plays by itself and answers a host page's postMessage calls: see docs/embed.md.")}</p>
                        </>
                    },
                }}
                <div class="dialog-actions"><button id="share-close" ref={if url.is_none() { first.clone() } else { NodeRef::default() }} onclick={close}>{crate::i18n::tr(lang, "Close")}</button></div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_carries_the_options_and_escapes_text() {
        let c = EmbedChoice {
            autoplay: true,
            panel: "describe",
            theme: "dark",
            ..EmbedChoice::default()
        };
        let s = snippet(
            "https://docs.example/podlife/",
            "AbC-_",
            "web\"><script>",
            &c,
        );
        assert!(s.starts_with("<iframe src=\"https://docs.example/podlife/?embed&amp;autoplay&amp;panel=describe&amp;theme=dark#v1=AbC-_\""), "{s}");
        assert!(
            s.contains("title=\"podlife: the lifecycle of pod web&quot;&gt;&lt;script&gt;\""),
            "{s}"
        );
        assert!(!s.contains("<script>"));
    }
}
