//! What makes a hall's touch screen safe to leave alone: after a quiet spell a
//! visible countdown, then back to the start with every choice and tick cleared;
//! and no link ever leaves the app: an outside link becomes a QR code to scan.

use crate::components::route_links::qr_svg;
use crate::state::AppState;
use emap_core::i18n::Lang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where a tapped link would take the resident, when that is outside the app, and
/// the link's own text (a phone number as written, "0535-8771459", where the `tel:`
/// address has only its digits).
fn outside_link(ev: &web_sys::Event) -> Option<(String, String)> {
    let el: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let a = el.closest("a[href]").ok().flatten()?;
    let href = a.get_attribute("href")?;
    let text = a.text_content().unwrap_or_default().trim().to_owned();
    // As the browser resolves it, not as written (`/\\host` is another site).
    let base = crate::platform::page::base_uri();
    let url = web_sys::Url::new_with_base(&href, &base).ok()?;
    let inside = emap_core::origin::on_this_site(
        &url.protocol(),
        &url.origin(),
        &crate::platform::page::origin(),
    );
    (!inside).then_some((href, text))
}

#[component]
pub fn KioskShell() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data().untracked();
    let idle = f64::from(data.config.kiosk.idle_seconds.max(10));
    let countdown = f64::from(data.config.kiosk.countdown_seconds.max(3));
    let last_touch = StoredValue::new(js_sys::Date::now());
    let left = RwSignal::new(None::<u32>);
    let qr = RwSignal::new(None::<(String, String)>);
    for event in ["pointerdown", "keydown", "touchstart", "wheel", "input"] {
        crate::platform::listen(event, true, true, move |_| {
            last_touch.set_value(js_sys::Date::now());
            if left.get_untracked().is_some() {
                left.set(None);
            }
        });
    }
    crate::platform::listen("click", true, true, move |ev| {
        if let Some(link) = outside_link(&ev) {
            ev.prevent_default();
            qr.set(Some(link));
        }
    });
    set_interval(
        move || {
            let quiet = (js_sys::Date::now() - last_touch.get_value()) / 1000.0;
            // Nobody has used the screen since it was last reset: nothing to count down to.
            if quiet >= idle && state.is_fresh() && qr.with_untracked(Option::is_none) {
                last_touch.set_value(js_sys::Date::now());
                if left.get_untracked().is_some() {
                    left.set(None);
                }
            } else if quiet >= idle + countdown {
                qr.set(None);
                left.set(None);
                state.reset();
                last_touch.set_value(js_sys::Date::now());
            } else if quiet >= idle {
                let n = (idle + countdown - quiet).ceil() as u32;
                if left.get_untracked() != Some(n) {
                    left.set(Some(n));
                }
            }
        },
        std::time::Duration::from_millis(500),
    );
    let lang = move || state.lang.get();
    view! {
        <button class="kiosk-home" on:click=move |_| state.reset()>{move || lang().pick("回到首页", "Start again")}</button>
        {move || left.get().map(|n| view! {
            <div class="kiosk-countdown" role="alertdialog" aria-live="assertive" aria-labelledby="kiosk-countdown-text">
                <p id="kiosk-countdown-text">{match lang() {
                    Lang::Zh => format!("{n} 秒后回到首页，并清除您在本机上的所有选择。"),
                    Lang::En => format!("Starting again in {n} s; everything you chose here will be cleared."),
                }}</p>
                <button class="kiosk-continue" on:click=move |_| left.set(None)>{lang().pick("继续使用", "Keep going")}</button>
            </div>
        })}
        {move || qr.get().map(|(href, text)| {
            let svg = qr_svg(&href).unwrap_or_default();
            let tel = href.to_ascii_lowercase().starts_with("tel:");
            let number = if text.chars().any(|c| c.is_ascii_digit()) { text } else { href.trim_start_matches("tel:").to_owned() };
            view! {
                <div class="kiosk-qr" role="dialog" aria-modal="true" aria-labelledby="kiosk-qr-title">
                    <h2 id="kiosk-qr-title">{if tel { lang().pick("请用手机拨打", "Call from your phone") } else { lang().pick("用手机扫码打开", "Scan to open on your phone") }}</h2>
                    {(!tel).then(|| view! { <div class="qr-code" data-qr-text=href.clone() inner_html=svg></div> })}
                    <p class="kiosk-qr-url" class:kiosk-tel=tel>{if tel { number } else { href.clone() }}</p>
                    <button class="kiosk-qr-close" on:click=move |_| qr.set(None)>{lang().pick("关闭", "Close")}</button>
                </div>
            }
        })}
    }
}
