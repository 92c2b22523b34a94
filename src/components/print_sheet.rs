//! The guide on one A4 page, for residents who take paper: hidden on screen, the
//! only thing printed when an item and an outlet are chosen.

use crate::components::route_links::{outlet_share_url, qr_svg};
use crate::components::visit_planner::booking_line;
use crate::components::week_hours::WeekHours;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn PrintSheet(outlet_id: String, item_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data().untracked();
    let lang = state.lang.get_untracked();
    let (Some(o), Some(item)) = (
        data.outlets.get(&outlet_id).cloned(),
        data.catalog.item(&item_id).cloned(),
    ) else {
        return ().into_any();
    };
    let printed = emap_core::hours::ymd_hm(state.now.get_untracked()).replace('T', " ");
    let share = outlet_share_url(&state, &o.id);
    let qr = qr_svg(&share).unwrap_or_default();
    // 全程网办: the paper says it can be done without the visit.
    let online = item.online.as_ref().filter(|c| c.fully_online).map(|c| {
        (
            lang.pick(
                format!("可全程网办：{}", c.channel.clone().unwrap_or_default()),
                format!(
                    "Can be done fully online: {}",
                    c.channel.clone().unwrap_or_default()
                ),
            ),
            c.url.clone().unwrap_or_default(),
        )
    });
    view! {
        <section class="print-sheet" aria-hidden="true">
            <h2>{format!("{}{}", lang.pick("办事指南：", "Guide: "), lang.name(&item.name, item.name_en.as_deref()))}</h2>
            <p class="print-outlet"><strong>{lang.name(&o.name, o.name_en.as_deref()).to_owned()}</strong></p>
            <dl class="facts">
                {o.address(lang).map(|a| view! { <dt>{lang.pick("地址", "Address")}</dt><dd lang=a.lang_attr(lang)>{a.text.to_owned()}</dd> })}
                {o.phone.clone().map(|p| view! { <dt>{lang.pick("电话", "Phone")}</dt><dd>{p}</dd> })}
                {item.fee(lang).map(|f| view! { <dt>{lang.pick("费用", "Fee")}</dt><dd lang=f.lang_attr(lang)>{f.text.to_owned()}</dd> })}
                {item.time_limit(lang).map(|t| view! { <dt>{lang.pick("办理时限", "Time limit")}</dt><dd lang=t.lang_attr(lang)>{t.text.to_owned()}</dd> })}
                <dt>{lang.pick("预约", "Booking")}</dt><dd class="print-booking">{booking_line(lang, &item, &o)}</dd>
                {online.map(|(channel, url)| view! { <dt>{lang.pick("网上办理", "Online")}</dt><dd class="print-online">{channel} " " {url}</dd> })}
            </dl>
            <WeekHours hours=o.opening_hours.clone()/>
            <h3>{lang.pick("需带材料", "What to bring")}</h3>
            <ul class="print-materials">
                {item.materials(lang).text.iter().map(|m| view! { <li>{format!("☐ {m}")}</li> }).collect_view()}
            </ul>
            <div class="print-route">
                <div class="qr-code" inner_html=qr></div>
                <p>{lang.pick("扫码在手机上打开本指南", "Scan to open this guide on your phone")} <br/> {share}</p>
                <p>{lang.pick("扫码后在“到这里去”下点选地图即可前往。", "Then tap a map app under “Get there”.")}</p>
            </div>
            <p class="print-foot">{lang.pick(format!("打印于 {printed}（北京时间）。开放时间与材料以网点当日公告为准。"), format!("Printed {printed} (Beijing time). The outlet's notice on the day prevails."))}</p>
        </section>
    }
    .into_any()
}
