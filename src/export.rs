//! Export the visible window as SVG (`podlife_render::render_svg`) or PNG (that SVG rasterised
//! through an offscreen canvas), downloaded through a Blob object URL.

use podlife_engine::Timeline;
use podlife_render::{theme::Theme, RenderOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Width of exported images (CSS pixels).
pub const EXPORT_WIDTH: u32 = 1600;

pub fn options(dark: bool) -> RenderOptions {
    RenderOptions {
        width: EXPORT_WIDTH,
        theme: if dark { Theme::Dark } else { Theme::Light },
        ..RenderOptions::default()
    }
}

/// The SVG text of `[from, to]`.
pub fn svg(tl: &Timeline, from: f64, to: f64, dark: bool) -> String {
    podlife_render::render_svg(tl, from, to, &options(dark))
}

/// `<pod>.svg` / `<pod>.png`, safe as a file name.
pub fn file_name(pod: &str, ext: &str) -> String {
    let base: String = pod
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{}.{ext}", if base.is_empty() { "pod" } else { &base })
}

fn download_blob(blob: &web_sys::Blob, name: &str) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.style().set_property("display", "none")?;
    doc.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    gloo_timers::callback::Timeout::new(30_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The visible window as a Mermaid `gantt` (`.mmd`) or Chrome trace-event JSON (`.json`), the
/// CLI's `podlife render --format mermaid|trace`.
pub fn download_text(tl: &Timeline, from: f64, to: f64, trace: bool) -> Result<(), JsValue> {
    let (text, ext, mime) = if trace {
        (
            podlife_render::text::trace_json(tl, from, to),
            "json",
            "application/json",
        )
    } else {
        (
            podlife_render::text::mermaid(tl, from, to),
            "mmd",
            "text/plain",
        )
    };
    let blob = typed_blob(&text, mime)?;
    download_blob(&blob, &file_name(&tl.pod.name, ext))
}

/// A panel's text as it reads on screen (`kubectl describe`, `get -w`, …), as a `.txt` file.
pub fn download_plain(pod: &str, what: &str, at: f64, text: &str) -> Result<(), JsValue> {
    let blob = typed_blob(text, "text/plain;charset=utf-8")?;
    let name = file_name(pod, "txt").replace(".txt", &format!("-{what}-{:.0}s.txt", at));
    download_blob(&blob, &name)
}

fn svg_blob(svg: &str) -> Result<web_sys::Blob, JsValue> {
    typed_blob(svg, "image/svg+xml")
}

fn typed_blob(text: &str, mime: &str) -> Result<web_sys::Blob, JsValue> {
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(
        &js_sys::Array::of1(&JsValue::from_str(text)),
        &bag,
    )
}

pub fn download_svg(tl: &Timeline, from: f64, to: f64, dark: bool) -> Result<(), JsValue> {
    let blob = svg_blob(&svg(tl, from, to, dark))?;
    download_blob(&blob, &file_name(&tl.pod.name, "svg"))
}

pub fn download_png(tl: &Timeline, from: f64, to: f64, dark: bool) -> Result<(), JsValue> {
    let opts = options(dark);
    let (w, h) = podlife_render::dimensions(tl, from, to, &opts);
    let blob = svg_blob(&svg(tl, from, to, dark))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let img = web_sys::HtmlImageElement::new()?;
    let name = file_name(&tl.pod.name, "png");
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once_into_js(move || {
        let run = || -> Result<(), JsValue> {
            let _ = web_sys::Url::revoke_object_url(&url2);
            let doc = web_sys::window()
                .and_then(|w| w.document())
                .ok_or("no document")?;
            let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
            canvas.set_width(w);
            canvas.set_height(h);
            let ctx: web_sys::CanvasRenderingContext2d = canvas
                .get_context("2d")?
                .ok_or("no 2d context")?
                .dyn_into()?;
            ctx.draw_image_with_html_image_element_and_dw_and_dh(
                &img2, 0.0, 0.0, w as f64, h as f64,
            )?;
            let cb = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
                if let Some(b) = blob {
                    let _ = download_blob(&b, &name);
                }
            });
            canvas.to_blob(cb.unchecked_ref())
        };
        if let Err(e) = run() {
            web_sys::console::warn_1(&e);
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_of_the_fixture() {
        let tl = crate::fixture::liveness_exec();
        let s = svg(&tl, 0.0, tl.until.as_secs_f64(), false);
        assert!(s.contains("<svg"));
        assert_eq!(file_name("liveness-exec", "svg"), "liveness-exec.svg");
        assert_eq!(file_name("", "png"), "pod.png");
    }

    /// The export draws the screen's tracks: the trace's model, cut to the exported window.
    #[test]
    fn export_draws_the_screens_tracks() {
        let tr = crate::model::Trace::build(crate::fixture::liveness_exec(), vec![]);
        let tl = &tr.timeline;
        let (_, g, drawn) =
            podlife_render::render_svg_traced(tl, 40.0, 90.0, &options(false)).unwrap();
        assert_eq!(
            g.tracks,
            podlife_render::gantt::window(&tr.tracks, 40.0, 90.0)
        );
        assert!(!drawn.is_empty());
        assert!(drawn.iter().all(|d| d.t1 >= 40.0 && d.t0 <= 90.0));
    }
}
