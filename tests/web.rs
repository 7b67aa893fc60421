//! Browser test of the whole App in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown --test web` (runner and webdriver.json per
//! `.cargo/config.toml`). Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use podlife_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn count(root: &web_sys::Element, sel: &str) -> u32 {
    root.query_selector_all(sel)
        .map(|l| l.length())
        .unwrap_or(0)
}

fn text(root: &web_sys::Element, sel: &str) -> String {
    root.query_selector(sel)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Poll `cond` every 20 ms for up to `ms` milliseconds.
async fn wait_for(ms: u32, mut cond: impl FnMut() -> bool) -> bool {
    for _ in 0..=ms / 20 {
        if cond() {
            return true;
        }
        TimeoutFuture::new(20).await;
    }
    cond()
}

/// Set the editor's text the way typing does: assign the value and fire a bubbling `input`.
fn type_into_editor(root: &web_sys::Element, value: &str) {
    let ta: web_sys::HtmlTextAreaElement = root
        .query_selector("#editor")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    ta.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    ta.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn default_example_then_another_manifest_then_broken_yaml() {
    let root = doc().create_element("div").unwrap();
    doc().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();

    // The default example (the docs' exec-liveness pod) is already played.
    assert!(
        wait_for(3000, || count(&root, r#"[data-track="liveness"]"#) == 1).await,
        "liveness track"
    );
    assert_eq!(
        count(&root, r#"[data-track="liveness"][data-kind="app"]"#),
        1
    );
    assert!(
        count(&root, r#"[data-track="liveness"] [data-span="running"]"#) >= 2,
        "restarted at least once"
    );
    assert!(
        count(&root, r#"[data-track="liveness"] [data-mark="kill"]"#) >= 1,
        "kill mark"
    );
    assert!(
        count(
            &root,
            r#"[data-track="liveness"] [data-mark="probe-failure"]"#
        ) >= 1,
        "failed probes"
    );
    let kubectl = text(&root, "#kubectl-get");
    assert!(kubectl.starts_with("NAME"), "{kubectl}");
    assert!(kubectl.contains("liveness-exec"), "{kubectl}");

    // Another manifest: the tracks and the kubectl line follow.
    let crash = podlife_engine::gallery::get("crash-loop").unwrap().yaml;
    type_into_editor(&root, crash);
    assert!(
        wait_for(3000, || count(&root, r#"[data-track="app"]"#) == 1).await,
        "app track"
    );
    assert_eq!(count(&root, r#"[data-track="liveness"]"#), 0);
    assert!(text(&root, "#kubectl-get").contains("crash-loop"));
    assert!(
        count(&root, r#"[data-track="app"] [data-lane="back-off"]"#) == 1,
        "back-off lane"
    );

    // Broken YAML: located problem, the text stays, the last good timeline stays (dimmed).
    let broken = crash.replace("  containers:", "  containers: [");
    type_into_editor(&root, &broken);
    assert!(wait_for(3000, || text(&root, "#problems").contains("error")).await);
    let ta: web_sys::HtmlTextAreaElement = root
        .query_selector("#editor")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(ta.value(), broken);
    assert!(
        count(&root, "#problems li.problem.error.located") >= 1,
        "{}",
        text(&root, "#problems")
    );
    assert!(count(&root, ".gutter .ln-error") >= 1);
    assert_eq!(
        count(&root, r#"[data-track="app"]"#),
        1,
        "last good timeline kept"
    );
    assert_eq!(count(&root, "#timeline.stale"), 1);
    assert!(text(&root, "#timeline").contains("showing last valid manifest"));
}
