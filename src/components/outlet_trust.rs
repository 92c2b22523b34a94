//! How far an outlet's facts can be trusted, and what to do when they are wrong: when
//! they were last checked, the supervision phone (监督电话), and 报告信息有误, which
//! opens the channel the config names and sends nothing by itself.

use crate::state::AppState;
use emap_core::trust::{check_too_old, checked_line, stale_line};
use leptos::prelude::*;

/// The fields a resident can say are wrong: `(key in the report link, 中文, English)`.
const FIELDS: [(&str, &str, &str); 6] = [
    ("address", "地址或位置", "Address or position"),
    ("hours", "办公时间", "Opening hours"),
    ("phone", "电话", "Phone"),
    ("items", "可办事项", "Services"),
    ("access", "无障碍设施", "Access facts"),
    ("other", "其他", "Something else"),
];

fn tel(phone: &str) -> String {
    format!("tel:{}", phone.replace([' ', '-'], ""))
}

#[component]
pub fn OutletTrust(outlet_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    move || {
        let lang = state.lang.get();
        let data = data.get();
        let o = data.outlets.get(&outlet_id)?;
        let today = state.now.get().date();
        let checked = o.check_date.map(|d| {
            let old = check_too_old(d, today);
            view! {
                <p class="checked" data-stale=old.then_some("true")>
                    {checked_line(d, lang)}
                    {old.then(|| view! { <strong class="stale">{" · "}{stale_line(lang)}</strong> })}
                </p>
            }
        });
        let supervision = data.config.supervision_phone(o).map(|p| {
            view! {
                <p class="supervision">{lang.pick("监督电话 ", "Complaints and supervision ")}
                    <a class="tel" href=tel(p)>{p.to_owned()}</a></p>
            }
        });
        let links: Vec<_> = FIELDS
            .iter()
            .filter_map(|&(key, zh, en)| {
                data.config.report_link(&o.id, key).map(|href| {
                    view! { <li><a class="report-link" data-field=key href=href target="_blank" rel="noopener noreferrer">{lang.pick(zh, en)}</a></li> }
                })
            })
            .collect();
        let phone = data.config.report_phone().map(|p| {
            view! {
                <p>{lang.pick("或拨打 ", "Or call ")}<a class="tel report-phone" href=tel(p)>{p.to_owned()}</a></p>
            }
        });
        let report = (!links.is_empty() || phone.is_some()).then(|| {
            let has_links = !links.is_empty();
            view! {
                <details class="report-wrong">
                    <summary>{lang.pick("报告信息有误", "Report wrong information")}</summary>
                    {has_links.then(|| view! {
                        <p class="report-how">{lang.pick(
                            "选一项，将打开受理页面，网点和该项已填好，由您补充后提交；本页不会自动发送任何内容。",
                            "Choose what is wrong: the reporting page opens with the outlet and the field filled in, for you to complete and send. This page sends nothing by itself.",
                        )}</p>
                    })}
                    <ul class="report-fields">{links}</ul>
                    {phone}
                </details>
            }
        });
        Some(view! {
            <section class="outlet-trust" aria-label=lang.pick("信息核实与监督", "Checks and complaints")>
                {checked}
                {supervision}
                {report}
            </section>
        })
    }
}
