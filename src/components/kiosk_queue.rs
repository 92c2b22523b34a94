//! On a hall's kiosk: how busy this hall is now, and a nearby hall that is quicker
//! for what the resident needs, travel included (the core's `kiosk_advice`).

use crate::state::AppState;
use emap_core::geo::format_distance;
use emap_core::hours::OpenFilter;
use emap_core::i18n::Lang;
use emap_core::route::TravelMode;
use emap_core::status::kiosk_advice;
use leptos::prelude::*;

/// The kiosk's own hall: the outlet at its position, within this many metres.
const OWN_HALL_M: f64 = 50.0;
/// Halls farther than this are not offered as quicker.
const NEARBY_M: f64 = 10_000.0;

#[component]
pub fn KioskQueue() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    let live = crate::net::live_status::use_live()?;
    let d = data.untracked();
    let [lon, lat] = d.config.kiosk.position?;
    let here = emap_core::LonLat::new(lon, lat);
    let own = d
        .outlets
        .outlets
        .iter()
        .map(|o| (o.distance_from(here), o))
        .filter(|(m, _)| *m <= OWN_HALL_M)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, o)| o.id.clone())?;
    Some(move || {
        let lang = state.lang.get();
        let now = state.now.get();
        let d = data.get();
        let item = state.item.get();
        // Open now, handling the chosen need (the results already are), and near.
        let nearby: Vec<(String, u32, f64)> = state.results.with(|hits| {
            hits.iter()
                .filter(|h| h.distance_m <= NEARBY_M)
                .map(|h| &d.outlets.outlets[h.index])
                .filter(|o| {
                    OpenFilter::Now.keeps_with(
                        &d.timetable,
                        o.opening_hours.as_deref(),
                        &o.notices,
                        item.as_deref(),
                        now,
                    )
                })
                .map(|o| {
                    let m = o.distance_from(here);
                    (o.id.clone(), TravelMode::Transit.minutes(m), m)
                })
                .collect()
        });
        live.status.with(|status| {
            let ids: Vec<(&str, u32)> = nearby.iter().map(|(id, min, _)| (id.as_str(), *min)).collect();
            let advice = kiosk_advice(status, &own, &ids, now);
            let (l, busy) = advice.here?;
            let quicker = advice.quicker.as_ref().and_then(|q| {
                let o = d.outlets.get(q.outlet_id)?;
                let name = lang.name(&o.name, o.name_en.as_deref()).to_owned();
                let far = nearby.iter().find(|n| n.0 == q.outlet_id).map_or(0.0, |n| n.2);
                let id = o.id.clone();
                let wait = q.live.wait_minutes.unwrap_or(0);
                let text = match (lang, q.saves_minutes) {
                    (Lang::Zh, Some(s)) => format!("附近的{name}现在排队约 {wait} 分钟，乘公交约 {} 分钟（{}），算上路上也可少等约 {s} 分钟。", q.route_minutes, format_distance(lang, far)),
                    (Lang::Zh, None) => format!("附近的{name}有窗口在办理，排队约 {wait} 分钟，乘公交约 {} 分钟（{}）。", q.route_minutes, format_distance(lang, far)),
                    (Lang::En, Some(s)) => format!("{name} nearby: about {wait} min queue, {} min by transit ({}); about {s} min sooner in all.", q.route_minutes, format_distance(lang, far)),
                    (Lang::En, None) => format!("{name} nearby has windows open: about {wait} min queue, {} min by transit ({}).", q.route_minutes, format_distance(lang, far)),
                };
                let key = id.clone();
                Some(view! {
                    <p class="kiosk-quicker" data-quicker=key>{text}
                        <button class="link-button" on:click=move |_| state.show_outlet(id.clone())>{lang.pick("查看该网点", "See that outlet")}</button>
                    </p>
                })
            });
            Some(view! {
                <section class="kiosk-queue" data-busy=busy.key() aria-label=lang.pick("本大厅排队情况", "The queue in this hall")>
                    <p class="kiosk-here"><strong>{lang.pick("本大厅现在：", "This hall now: ")}</strong>{busy.label(lang)}{" · "}{l.line(lang)}
                        <span class="live-updated">{l.updated_line(lang)}</span></p>
                    {quicker}
                </section>
            })
        })
    })
}
