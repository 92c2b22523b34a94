//! The browser, in one place: performance marks, storage on the device, the
//! position, waiting for an idle moment, timers, listeners, files and sharing, and
//! the page itself (address, frame, navigator: `page`).

pub mod device_storage;
pub mod files;
pub mod geolocation;
pub mod idle;
pub mod page;
pub mod timing;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Listens for `event` on the window (in the capture phase when `capture`) while the
/// component calling it is on screen; on the document when `on_document`.
pub fn listen(
    event: &'static str,
    on_document: bool,
    capture: bool,
    f: impl FnMut(web_sys::Event) + 'static,
) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let target: web_sys::EventTarget = match on_document {
        true => match window.document() {
            Some(d) => d.into(),
            None => return,
        },
        false => window.into(),
    };
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    let _ = target.add_event_listener_with_callback_and_bool(
        event,
        cb.as_ref().unchecked_ref(),
        capture,
    );
    let held = send_wrapper::SendWrapper::new((target, cb));
    leptos::prelude::on_cleanup(move || {
        let (target, cb) = &*held;
        let _ = target.remove_event_listener_with_callback_and_bool(
            event,
            cb.as_ref().unchecked_ref(),
            capture,
        );
    });
}

/// Runs `f` on any scroll (of the page or of any element in it: capture, passive)
/// and on a resize, while the component calling it is on screen.
pub fn on_scroll_or_resize(f: impl FnMut() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let cb = Closure::<dyn FnMut()>::new(f);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    options.set_passive(true);
    let js = cb.as_ref().unchecked_ref();
    let _ = window
        .add_event_listener_with_callback_and_add_event_listener_options("scroll", js, &options);
    let _ = window.add_event_listener_with_callback("resize", js);
    let held = send_wrapper::SendWrapper::new((window, cb));
    leptos::prelude::on_cleanup(move || {
        let (window, cb) = &*held;
        let js = cb.as_ref().unchecked_ref();
        let _ = window.remove_event_listener_with_callback_and_bool("scroll", js, true);
        let _ = window.remove_event_listener_with_callback("resize", js);
    });
}

/// Awaits every future concurrently, and gives their outputs in the same order.
pub async fn join_all<F: std::future::Future>(tasks: Vec<F>) -> Vec<F::Output> {
    let mut tasks: Vec<_> = tasks.into_iter().map(Box::pin).collect();
    let mut done: Vec<Option<F::Output>> = tasks.iter().map(|_| None).collect();
    std::future::poll_fn(move |cx| {
        for (task, out) in tasks.iter_mut().zip(done.iter_mut()) {
            if out.is_none() {
                if let std::task::Poll::Ready(v) = task.as_mut().poll(cx) {
                    *out = Some(v);
                }
            }
        }
        if done.iter().all(Option::is_some) {
            std::task::Poll::Ready(done.drain(..).flatten().collect())
        } else {
            std::task::Poll::Pending
        }
    })
    .await
}

/// Awaits two futures concurrently.
pub async fn join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(move |cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready((ra.take().unwrap(), rb.take().unwrap()))
        } else {
            Poll::Pending
        }
    })
    .await
}

/// A JavaScript error or value as text, for messages.
pub fn js_text(v: &wasm_bindgen::JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{v:?}"))
}

/// The page's document.
pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The element with `id`, as the type asked for (`None` when absent or another kind).
pub fn element_by_id<T: wasm_bindgen::JsCast>(id: &str) -> Option<T> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}
