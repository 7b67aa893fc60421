//! The browser side of share links and embeds: reading the page's address, listening for the
//! host page's messages, posting the embed's own, and the clipboard. What the address and the
//! messages mean is decided in [`crate::embed`] and [`crate::state`], natively tested; this module
//! only moves values between them and the browser.

use crate::embed::{Field, HostMsg, Options};
use podlife_render::link::{Link, LinkError};
use wasm_bindgen::{JsCast, JsValue};

/// What the page's address asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Address {
    pub options: Options,
    /// The fragment's view (`#v1=…`), or why it cannot be opened.
    pub link: Option<Result<Link, LinkError>>,
}

/// `key=value` pairs of a query or fragment, values percent-decoded (a value that does not
/// decode is kept as it is).
fn pairs(s: &str) -> Vec<(String, String)> {
    s.trim_start_matches(['?', '#'])
        .split('&')
        .filter(|p| !p.is_empty())
        .take(64)
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let dec = |x: &str| {
                js_sys::decode_uri_component(x)
                    .ok()
                    .and_then(|d| d.as_string())
                    .unwrap_or_else(|| x.to_string())
            };
            (
                dec(k),
                if k == podlife_render::link::VERSION {
                    v.to_string()
                } else {
                    dec(v)
                },
            )
        })
        .collect()
}

/// Read the page's address once, at start.
pub fn address() -> Address {
    let loc = web_sys::window().map(|w| w.location());
    let search = loc
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let hash = loc.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
    // A fragment far past what a link holds is refused before it is even split.
    let limit = podlife_render::link::MAX_PAYLOAD + 4096;
    if hash.len() > limit {
        return Address {
            options: Options::parse(pairs(&search).iter().map(|(k, v)| (k.as_str(), v.as_str()))),
            link: Some(Err(LinkError::TooBig { chars: hash.len() })),
        };
    }
    let (q, f) = (pairs(&search), pairs(&hash));
    let options = Options::parse(q.iter().chain(&f).map(|(k, v)| (k.as_str(), v.as_str())));
    Address {
        options,
        link: podlife_render::link::from_params(&hash),
    }
}

/// Drop the fragment from the address bar (after its view was opened: a reload then brings
/// back the autosaved session, with the user's later edits, not the link's view again).
pub fn forget_fragment() {
    let Some(w) = web_sys::window() else { return };
    let loc = w.location();
    let url = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The app's address without fragment: the base of the links it makes (`embed` adds `?embed`
/// and the embed's options).
pub fn base(query: &str) -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    format!(
        "{}{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default(),
        query
    )
}

/// The parent window when the page is framed (`None` at the top level).
fn parent() -> Option<web_sys::Window> {
    let w = web_sys::window()?;
    let p = w.parent().ok().flatten()?;
    (!js_sys::Object::is(&p, &w)).then_some(p)
}

/// Whether the page is in a frame: only then does it listen for, or post, messages.
pub fn framed() -> bool {
    parent().is_some()
}

/// Post `{podlife: 1, type, …fields}` to the host (to `origin` when the embed was given one).
pub fn post(origin: Option<&str>, kind: &str, fields: &[(&str, JsValue)]) {
    let Some(p) = parent() else { return };
    let o = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    };
    set("podlife", &JsValue::from_f64(crate::embed::PROTOCOL));
    set("type", &JsValue::from_str(kind));
    for (k, v) in fields {
        set(k, v);
    }
    let _ = p.post_message(&o, origin.unwrap_or("*"));
}

/// Read a message's field by a dotted path (`settings.kubeletVersion`).
fn field(data: &JsValue, path: &str) -> Option<Field> {
    let mut v = data.clone();
    for part in path.split('.') {
        if !v.is_object() {
            return None;
        }
        v = js_sys::Reflect::get(&v, &JsValue::from_str(part)).ok()?;
    }
    if v.is_undefined() {
        None
    } else if let Some(s) = v.as_string() {
        Some(Field::Str(s))
    } else if let Some(n) = v.as_f64() {
        Some(Field::Num(n))
    } else if let Some(b) = v.as_bool() {
        Some(Field::Bool(b))
    } else {
        Some(Field::Other)
    }
}

/// Listen for the host's messages: only from the parent window, and only from `origin` when
/// given. Each podlife message is read with [`HostMsg::parse`]; anything else is ignored.
pub fn listen(
    origin: Option<String>,
    on: impl Fn(Result<HostMsg, String>) + 'static,
) -> Option<gloo_events::EventListener> {
    let w = web_sys::window()?;
    parent()?;
    Some(gloo_events::EventListener::new(&w, "message", move |e| {
        let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        let from_parent = match (e.source(), parent()) {
            (Some(s), Some(p)) => js_sys::Object::is(&s, &p),
            _ => false,
        };
        if !from_parent || origin.as_deref().is_some_and(|o| e.origin() != o) {
            return;
        }
        let data = e.data();
        if !data.is_object() {
            return;
        }
        match HostMsg::parse(|k| field(&data, k)) {
            Ok(Some(m)) => on(Ok(m)),
            Ok(None) => {}
            Err(why) => on(Err(why)),
        }
    }))
}

/// Put `text` on the clipboard; `done(true)` once it is there, `done(false)` when the browser
/// refuses (the dialog then asks the user to copy the selected text).
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(w) = web_sys::window() else {
        return done(false);
    };
    let promise = w.navigator().clipboard().write_text(text);
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let settle = |result: bool| {
        let done = done.clone();
        let f: Box<dyn FnMut(JsValue)> = Box::new(move |_| {
            if let Some(f) = done.borrow_mut().take() {
                f(result)
            }
        });
        wasm_bindgen::closure::Closure::wrap(f)
    };
    let (ok, err) = (settle(true), settle(false));
    let _ = promise.then2(&ok, &err);
    // Each runs at most once, when the browser settles the promise.
    ok.forget();
    err.forget();
}
