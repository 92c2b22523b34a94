//! 一键导航 from an outlet's detail: travel mode with a rough time, one link per map
//! app offered on this platform, and hand-off to a phone (QR code, copy, share).

use crate::platform::page::web_fallback;
use crate::route_prefs::{link_target, RoutePrefs};
use crate::state::AppState;
use emap_core::geo::distance_m;
use emap_core::route::{TravelMode, SPEED_ASSUMPTIONS_EN, SPEED_ASSUMPTIONS_ZH};
use emap_core::url_state::UrlState;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The outlet's own link in this app, for another device: no position in it (a shared
/// link must not carry where the resident is), and not the kiosk's or the portal's mode
/// (the kiosk's QR opened the kiosk on the resident's phone: no typing, distances from
/// the hall, and a reset after 90 s).
pub fn outlet_share_url(state: &AppState, outlet_id: &str) -> String {
    let location = crate::platform::page::location();
    let origin = location
        .as_ref()
        .and_then(|l| l.origin().ok())
        .unwrap_or_default();
    let path = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    let mut url = state.url_state();
    url = UrlState {
        outlet: Some(outlet_id.to_owned()),
        q: None,
        at: None,
        mode: None,
        map: false,
        debug: false,
        ..url
    };
    format!("{origin}{path}{}", url.to_query())
}

/// An SVG QR code for `text`, drawn in Rust.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(220, 220)
            .quiet_zone(true)
            .dark_color(qrcode::render::svg::Color("#000000"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .build(),
    )
}

/// On a kiosk, an outlet this close is the hall the kiosk stands in.
const HERE_M: f64 = 150.0;

#[component]
pub fn RouteLinks(outlet_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data().untracked();
    let prefs = expect_context::<RoutePrefs>();
    let outlet = data.outlets.get(&outlet_id).cloned()?;
    let lang = state.lang.get_untracked();
    let show_qr = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let share_url = outlet_share_url(&state, &outlet.id);
    let kiosk = state.mode == Some(emap_core::url_state::Mode::Kiosk);
    let can_share =
        !kiosk && crate::platform::page::navigator_part("share").is_some_and(|f| f.is_function());
    let here = kiosk && distance_m(state.origin.get_untracked().pos, outlet.pos) < HERE_M;
    let o = outlet.clone();
    let modes = move || {
        let d = distance_m(state.origin.get().pos, o.pos);
        TravelMode::ALL
            .into_iter()
            .map(|m| {
                view! {
                    <button class="mode" data-mode=m.key() aria-pressed=move || (prefs.mode.get() == m).to_string()
                        on:click=move |_| prefs.choose_mode(m)>
                        {m.label(lang)} <span class="mode-time">{m.time_text(lang, d)}</span>
                    </button>
                }
            })
            .collect_view()
    };
    let o = outlet.clone();
    let links = move || {
        let preferred = prefs.provider.get();
        let mut list = prefs.platform.providers().to_vec();
        emap_core::order::sort_by_key(&mut list, |p| (u64::from(*p != preferred), 0));
        list.into_iter()
            .map(|p| {
                let link = prefs.link(&state, &o, p);
                view! {
                    <a class="route-link" class:preferred=p == preferred data-provider=p.key() href=link.url.clone()
                        data-web=link.web.clone()
                        target=link_target(&link.url) rel="noopener noreferrer" on:click=move |ev| {
                            web_fallback(&ev, link.web.clone());
                            prefs.choose_provider(p);
                        }>
                        {p.label(lang)}
                    </a>
                }
            })
            .collect_view()
    };
    // 已复制 only once the copy is done: in-app browsers often refuse the clipboard, and
    // a resident would paste an old one into a chat. Refused or missing, the link is
    // shown selected, to copy by a long press.
    let copy_failed = RwSignal::new(false);
    let url = share_url.clone();
    let copy = move |_| {
        let written = crate::platform::page::navigator_part("clipboard").and_then(|c| {
            let f = js_sys::Reflect::get(&c, &"writeText".into()).ok()?;
            let f = f.dyn_into::<js_sys::Function>().ok()?;
            f.call1(&c, &JsValue::from(url.as_str()))
                .ok()?
                .dyn_into::<js_sys::Promise>()
                .ok()
        });
        match written {
            Some(p) => wasm_bindgen_futures::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(p).await.is_ok();
                copied.set(ok);
                copy_failed.set(!ok);
            }),
            None => copy_failed.set(true),
        }
    };
    let in_app = prefs.platform == emap_core::route::Platform::InApp;
    let fallback_url = share_url.clone();
    let url = share_url.clone();
    let name = outlet.name.clone();
    let share = move |_| {
        let arg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&arg, &"title".into(), &name.as_str().into());
        let _ = js_sys::Reflect::set(&arg, &"url".into(), &url.as_str().into());
        crate::platform::files::share(&arg.into());
    };
    let qr = qr_svg(&share_url);
    Some(view! {
        <section class="route" aria-label=lang.pick("到这里去", "Get there")>
            <h3>{lang.pick("到这里去", "Get there")}</h3>
            {if outlet.position_unsure {
                // A route to a placeholder point would send the resident somewhere else.
                view! { <p class="unsure-note">{lang.pick("此网点在地图上的位置待核实，不提供路线：请按地址前往，或先电话确认。", "This outlet's position on the map is unconfirmed, so no route is offered: go by its address, or phone first.")}</p> }.into_any()
            } else if here {
                // The kiosk's own hall: a route from here to here (an Amap QR with the
                // same start and end) helps no one.
                view! { <p class="here-note">{lang.pick("您就在这里：请在本大厅的窗口办理，可向导办台咨询。", "You are here: this hall's windows handle it; ask at the help desk.")}</p> }.into_any()
            } else {
                view! {
                    <div class="modes" role="group" aria-label=lang.pick("出行方式", "Travel mode")>{modes}</div>
                    <div class="route-links">{links}</div>
                    <p class="help">{lang.pick(SPEED_ASSUMPTIONS_ZH, SPEED_ASSUMPTIONS_EN)}</p>
                }.into_any()
            }}
            <div class="handoff">
                <button class="handoff-button" aria-expanded=move || show_qr.get().to_string() on:click=move |_| show_qr.update(|v| *v = !*v)>{lang.pick("手机扫码继续", "Continue on a phone")}</button>
                <button class="handoff-button" hidden=kiosk on:click=copy>{move || if copied.get() { lang.pick("已复制", "Copied") } else { lang.pick("复制链接", "Copy link") }}</button>
                {can_share.then(|| view! { <button class="handoff-button" on:click=share>{lang.pick("分享", "Share")}</button> })}
            </div>
            {move || copy_failed.get().then(|| { let u = fallback_url.clone(); view! {
                <p class="copy-fallback">
                    <label>{lang.pick("无法自动复制，请长按下面的链接复制：", "Could not copy; press and hold the link to copy it:")}
                        <input class="copy-field" readonly value=u
                            on:focus=|ev| { event_target::<web_sys::HtmlInputElement>(&ev).select(); }/>
                    </label>
                </p>
            }})}
            // WeChat's own menu is how people pass a page on there (it has no share sheet).
            {in_app.then(|| view! { <p class="help">{lang.pick("也可点右上角“···”发送给朋友。", "Or use the ··· menu at the top right to send it to a friend.")}</p> })}
            <Show when=move || show_qr.get()>
                <figure class="qr">
                    <div class="qr-code" data-qr-text=share_url.clone() inner_html=qr.clone().unwrap_or_default()></div>
                    <figcaption>{lang.pick("用手机相机或微信扫一扫，在手机上打开此网点", "Scan with your phone camera or WeChat to open this outlet on your phone")}</figcaption>
                    <p class="qr-url">{share_url.clone()}</p>
                </figure>
            </Show>
        </section>
    })
}
