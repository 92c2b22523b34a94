//! Handing something to the device: a file to save, the system share sheet.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Offers `text` as a file download, without leaving the page.
pub fn download(name: &str, mime: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let doc = web_sys::window()?.document()?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

/// The system share sheet (`navigator.share`), where there is one.
pub fn share(arg: &JsValue) {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return;
    };
    if let Some(f) = js_sys::Reflect::get(&nav, &"share".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        // A closed sheet rejects; nothing to say about that.
        if let Ok(p) = f.call1(&nav, arg) {
            if let Ok(p) = p.dyn_into::<js_sys::Promise>() {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
                });
            }
        }
    }
}
