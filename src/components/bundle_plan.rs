//! A life event (一件事): its items, and where to do them all: one trip when some
//! outlet can, otherwise the fewest trips.

use super::any_time_button::AnyTimeButton;
use super::open_filter::OpenFilterBar;
use super::open_state::OpenState;
use crate::platform::page::web_fallback;
use crate::route_prefs::{link_target, RoutePrefs};
use crate::state::AppState;
use emap_core::geo::format_distance;
use emap_core::hours::{date_label, OpenFilter};
use emap_core::i18n::Lang;
use leptos::prelude::*;

#[component]
pub fn BundlePlanView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let prefs = expect_context::<RoutePrefs>();
    let data = crate::model::use_data();
    move || {
        // Read here, tracked: the view follows a change of language wherever it sits.
        let lang = state.lang.get();
        let data = data.get();
        let bundle = data.catalog.bundle(&state.bundle.get()?)?.clone();
        let plan = state.bundle_plan.get()?;
        // The bundle says an order, and the plan has more than one trip to keep it in.
        let ordered = !bundle.order.is_empty() && plan.trips.len() > 1;
        // The trips follow the time filter: say so when it leaves outlets out.
        let when = match (state.open.get(), lang) {
            (OpenFilter::Any, _) => String::new(),
            (OpenFilter::Now, l) => l.pick("现在", "now").to_owned(),
            (OpenFilter::On(d), l) => l.pick(date_label(l, d), format!("on {}", date_label(l, d))),
        };
        let name_of = |id: &str| {
            data.catalog
                .item(id)
                .map(|i| lang.name(&i.name, i.name_en.as_deref()).to_owned())
                .unwrap_or_else(|| id.to_owned())
        };
        let items = bundle
            .items
            .iter()
            .map(|id| {
                let id = id.clone();
                let name = name_of(&id);
                view! {
                    <li><button class="link-button bundle-item" data-item-id=id.clone()
                        on:click=move |_| state.choose_item(Some(id.clone()))>{name}</button></li>
                }
            })
            .collect_view();
        let sep = lang.pick("、", ", ");
        let all = bundle.items.len();
        let all_online = plan.online.len() == all;
        // 全程网办 items first: the trip the resident need not make at all.
        let online = (!plan.online.is_empty()).then(|| {
            let lines = plan
                .online
                .iter()
                .filter_map(|id| data.catalog.item(id))
                .map(|i| {
                    let o = i.online.clone().unwrap_or_default();
                    let channel = o.channel(lang).map(|c| (c.text.to_owned(), c.lang_attr(lang)));
                    view! {
                        <li data-item-id=i.id.clone()>
                            <strong>{lang.name(&i.name, i.name_en.as_deref()).to_owned()}</strong>
                            {channel.map(|(c, tag)| view! { " " <span lang=tag>{c}</span> })}
                            {o.url.map(|u| view! { " " <a class="online-link" href=u target="_blank" rel="noopener noreferrer">{lang.pick("去网上办理", "Do it online")}</a> })}
                        </li>
                    }
                })
                .collect_view();
            let head = if all_online {
                lang.pick(format!("这 {all} 项都可全程网办，无需跑腿："), format!("All {all} can be done fully online: no need to go:"))
            } else {
                lang.pick(format!("其中 {} 项可全程网办，不用为它跑：", plan.online.len()), format!("{} of them can be done fully online, no trip needed:", plan.online.len()))
            };
            view! {
                <div class="online-first bundle-online" role="note">
                    <strong>{head}</strong>
                    <ul class="bundle-online-items">{lines}</ul>
                </div>
            }
        });
        let summary = if !plan.one_trip.is_empty() {
            let text = if all_online {
                lang.pick(
                    format!("如想到窗口办理，下列网点可一次办完全部 {all} 项。"),
                    format!("To go in person instead, the outlets below do all {all} in one trip."),
                )
            } else if plan.online.is_empty() {
                lang.pick(
                    format!("下列网点可一次办完全部 {all} 项，不用多跑。"),
                    format!("The outlets below do all {all} in one trip."),
                )
            } else {
                let rest = all - plan.online.len();
                lang.pick(
                    format!("其余 {rest} 项，下列网点可一次办完。"),
                    format!("The outlets below do the other {rest} in one trip."),
                )
            };
            view! { <p class="bundle-one-trip" role="status">{text}</p> }.into_any()
        } else if plan.trips.is_empty() && when.is_empty() {
            view! { <p class="bundle-none" role="status">{lang.pick("暂无网点可办理这些事项。", "No outlet handles these services.")}</p> }.into_any()
        } else if plan.trips.is_empty() {
            // Closed then, not unknown: one tap back to every outlet and its hours.
            view! {
                <OpenFilterBar/>
                <p class="bundle-none" role="status">{lang.pick(format!("{when}没有开放的网点可办理这些事项。"), format!("No outlet handling these is open {when}."))}</p>
                <AnyTimeButton/>
            }.into_any()
        } else {
            let trips = plan
                .trips
                .iter()
                .enumerate()
                .map(|(n, t)| {
                    let o = &data.outlets.outlets[t.hit.index];
                    let id = o.id.clone();
                    let names = t.items.iter().map(|i| name_of(i)).collect::<Vec<_>>().join(sep);
                    // Each trip can be set off on at once, with the resident's map app.
                    let route = (!o.position_unsure).then(|| {
                        let r = prefs.link(&state, o, prefs.provider.get_untracked());
                        let label = match lang {
                            Lang::Zh => format!("用{}导航到{}", r.provider.label_zh(), o.name),
                            Lang::En => format!("Go to {} with {}", lang.name(&o.name, o.name_en.as_deref()), r.provider.label(lang)),
                        };
                        view! {
                            <a class="row-route trip-route" href=r.url.clone() target=link_target(&r.url) rel="noopener noreferrer"
                                on:click=move |ev| web_fallback(&ev, r.web.clone())
                                data-provider=r.provider.key() aria-label=label>{lang.pick("导航", "Go")}</a>
                        }
                    });
                    view! {
                        <li class="trip" data-outlet-id=o.id.clone()>
                            <span class="trip-n">{lang.pick(format!("第{}趟", n + 1), format!("Trip {}", n + 1))}</span>
                            <button class="link-button" on:click=move |_| state.show_outlet(id.clone())>{lang.name(&o.name, o.name_en.as_deref()).to_owned()}</button>
                            <span class="result-distance">{format_distance(lang, t.hit.distance_m)}</span>
                            <OpenState hours=o.opening_hours.clone() notices=o.notices.clone()/>
                            <span class="trip-items">{lang.pick(format!("办：{names}"), format!("For: {names}"))}</span>
                            {route}
                        </li>
                    }
                })
                .collect_view();
            view! {
                // The list's own filter is hidden with the list: the trips follow this one.
                <OpenFilterBar/>
                <div class="bundle-trips">
                    <p role="status">{lang.pick(format!("没有一个网点能一次办完，最少要跑 {} 趟：", plan.trips.len()), format!("No outlet does it all; the fewest trips are {}:", plan.trips.len()))}</p>
                    {ordered.then(|| view! { <p class="trip-order">{lang.pick("请按下面的顺序办理：前一项是后一项的前提。", "Go in this order: each step is needed for the next.")}</p> })}
                    <ol class="trip-list">{trips}</ol>
                </div>
            }
            .into_any()
        };
        // Named only beside a plan: with no outlet at all, the line above says it.
        let planned = !plan.one_trip.is_empty() || !plan.trips.is_empty();
        let missing = (planned && !plan.missing.is_empty()).then(|| {
            let names = plan
                .missing
                .iter()
                .map(|i| name_of(i))
                .collect::<Vec<_>>()
                .join(sep);
            let text = if when.is_empty() {
                lang.pick(
                    format!("以下事项暂无网点可办：{names}"),
                    format!("No outlet handles: {names}"),
                )
            } else {
                lang.pick(
                    format!("以下事项{when}没有开放的网点：{names}"),
                    format!("Not open {when} for: {names}"),
                )
            };
            view! { <p class="bundle-missing">{text}</p> }
        });
        Some(view! {
            <section class="bundle-plan" aria-label=lang.pick("一件事", "Life event") data-bundle-id=bundle.id.clone()>
                <div class="chosen">
                    <div>
                        <span class="chosen-label">{lang.pick("一件事", "Life event")}</span>
                        <strong class="chosen-name">{lang.name(&bundle.name, bundle.name_en.as_deref()).to_owned()}</strong>
                    </div>
                    <button class="link-button" on:click=move |_| state.choose_bundle(None)>{lang.pick("换一个", "Change")}</button>
                </div>
                <p class="bundle-items-label">{lang.pick(format!("包含 {} 个事项（点开看办理须知）：", bundle.items.len()), format!("{} services (open one for what to bring):", bundle.items.len()))}</p>
                <ul class="bundle-items">{items}</ul>
                {online}
                {summary}
                {missing}
            </section>
        })
    }
}
