//! An outlet's dated notices in force or coming within a week (a closure, a move,
//! extra hours, an item suspended), and, when it is shut today for this need, where
//! to go instead: the outlet that took over, or the nearest open one that handles it.

use crate::state::AppState;
use emap_core::geo::format_distance;
use emap_core::i18n::Lang;
use emap_core::notices::{alternative, closed_on, shown};
use emap_core::NoticeKind;
use leptos::prelude::*;

#[component]
pub fn OutletNotices(outlet_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    let lang = state.lang.get_untracked();
    move || {
        let d = data.get();
        let o = d.outlets.get(&outlet_id)?.clone();
        if o.notices.is_empty() {
            return None;
        }
        let now = state.now.get();
        let item = state.item.get();
        let list: Vec<_> = shown(&o.notices, now).into_iter().cloned().collect();
        if list.is_empty() {
            return None;
        }
        let names = |ids: &[String]| {
            ids.iter()
                .map(|id| {
                    d.catalog
                        .item(id)
                        .map_or(id.as_str(), |i| lang.name(&i.name, i.name_en.as_deref()))
                })
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", "))
        };
        let today = now.date();
        let shut = closed_on(&o.notices, item.as_deref(), today).is_some();
        let instead = shut
            .then(|| alternative(&d.outlets, &o, item.as_deref(), today))
            .flatten()
            .map(|a| {
                (
                    a.clone(),
                    format_distance(lang, emap_core::geo::distance_m(o.pos, a.pos)),
                )
            });
        Some(view! {
            <section class="outlet-notices" aria-label=lang.pick("网点公告", "Notices")>
                <ul>
                    {list.into_iter().map(|n| {
                        let items = (!n.items.is_empty()).then(|| names(&n.items));
                        view! {
                            <li class="outlet-notice" data-notice-kind=n.kind.key() data-notice-timing=n.timing(now).key()>
                                <strong>{n.line(lang, now)}</strong>
                                {items.map(|i| view! { <span class="notice-items">{match lang {
                                    Lang::Zh => format!("（{i}）"),
                                    Lang::En => format!(" ({i})"),
                                }}</span> })}
                                <p lang=(lang == Lang::En && n.text_en.is_none()).then_some("zh-CN")>{n.text(lang).to_owned()}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {instead.map(|(a, far)| {
                    let id = a.id.clone();
                    let moved = o.notices.iter().any(|n| n.kind == NoticeKind::Moved && n.moved_to.as_deref() == Some(a.id.as_str()));
                    let name = lang.name(&a.name, a.name_en.as_deref()).to_owned();
                    view! {
                        <p class="notice-instead">
                            <span>{match (moved, lang) {
                                (true, Lang::Zh) => "已迁至：",
                                (true, Lang::En) => "Now at: ",
                                (false, Lang::Zh) => "今天可改去：",
                                (false, Lang::En) => "Go instead to: ",
                            }}</span>
                            <button class="link-button" data-instead=a.id.clone() on:click=move |_| state.show_outlet(id.clone())>
                                {format!("{name} · {far}")}
                            </button>
                        </p>
                    }
                })}
            </section>
        })
    }
}
