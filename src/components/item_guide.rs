//! What to know before going for the chosen item: whether it can be done online
//! instead (said first), whether to book, what to bring (a checklist kept on the
//! device), the fee, how long it takes, and whether it can be done in any province.

use crate::platform::device_storage;
use crate::state::AppState;
use leptos::prelude::*;

fn checklist_key(item: &str) -> String {
    format!("emap.checklist.{item}")
}

/// Ticked materials, by index, as kept on the device.
fn load_ticks(item: &str) -> Vec<usize> {
    device_storage::get(&checklist_key(item))
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn save_ticks(item: &str, ticks: &[usize]) {
    if let Ok(text) = serde_json::to_string(ticks) {
        device_storage::set(&checklist_key(item), &text);
    }
}

#[component]
pub fn ItemGuide() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data().untracked();
    move || {
        // Read here, tracked: the view follows a change of language wherever it sits.
        let lang = state.lang.get();
        let item = data.catalog.item(&state.item.get()?)?.clone();
        let ticks = RwSignal::new(load_ticks(&item.id));
        let online = item.online.clone().filter(|o| o.fully_online);
        let policy = (item.appointment.label(lang), item.appointment.key());
        let total = item.materials.len();
        // The English list where the data has one (ticks are by position: same length).
        let materials = item.materials(lang);
        let id = item.id.clone();
        // 挂失 before 补领: the step that usually comes first, one tap away.
        let first = item
            .first_step
            .as_deref()
            .and_then(|f| data.catalog.item(f))
            .cloned();
        Some(view! {
            <section class="guide" aria-label=lang.pick("办理须知", "Before you go") data-guide-item=item.id.clone()>
                {online.map(|o| view! {
                    <div class="online-first" role="note">
                        <strong>{lang.pick("此事项可全程网办，无需跑腿", "This can be done fully online: no need to go")}</strong>
                        {o.channel(lang).map(|c| view! { <span lang=c.lang_attr(lang)>{c.text.to_owned()}</span> })}
                        {o.url.clone().map(|u| view! { <a class="online-link" href=u target="_blank" rel="noopener noreferrer">{lang.pick("去网上办理", "Do it online")}</a> })}
                    </div>
                })}
                {first.map(|f| {
                    let fid = f.id.clone();
                    let online = f.online.as_ref().is_some_and(|o| o.fully_online);
                    view! {
                        <p class="first-step" role="note">
                            <span>{lang.pick("通常要先办：", "Usually done first: ")}</span>
                            <button class="link-button" data-first-step=f.id.clone() on:click=move |_| state.choose_item(Some(fid.clone()))>
                                {lang.name(&f.name, f.name_en.as_deref()).to_owned()}
                            </button>
                            {online.then(|| lang.pick("（可全程网办）", " (can be done fully online)"))}
                        </p>
                    }
                })}
                <details class="guide-details">
                    <summary>
                        {lang.pick("办理须知 · ", "Before you go · ")} <span class="policy" data-appointment=policy.1>{policy.0}</span>
                        {move || format!("{}{}/{}", lang.pick(" · 材料 ", " · documents "), ticks.with(Vec::len), total)}
                    </summary>
                    <dl class="facts">
                        {item.fee(lang).map(|f| view! { <dt>{lang.pick("费用", "Fee")}</dt><dd lang=f.lang_attr(lang)>{f.text.to_owned()}</dd> })}
                        {item.time_limit(lang).map(|t| view! { <dt>{lang.pick("办理时限", "Time limit")}</dt><dd lang=t.lang_attr(lang)>{t.text.to_owned()}</dd> })}
                        {item.cross_province.then(|| view! { <dt>{lang.pick("跨省通办", "Any province")}</dt><dd>{lang.pick("可在全国范围内异地办理", "Can be done in any province, not only where your household is registered")}</dd> })}
                        {item.online.as_ref().filter(|o| !o.fully_online).and_then(|o| o.channel(lang)).map(|c| view! { <dt>{lang.pick("网上预约/申请", "Apply or book online")}</dt><dd lang=c.lang_attr(lang)>{c.text.to_owned()}</dd> })}
                    </dl>
                    <fieldset class="materials">
                        <legend>{lang.pick("需带材料（勾选已备好的，仅保存在本机）", "What to bring (tick what you have; kept on this device only)")}</legend>
                        {materials.text.iter().enumerate().map(|(i, m)| {
                            let id = id.clone();
                            view! {
                                <label class="material">
                                    <input type="checkbox" prop:checked=move || ticks.with(|t| t.contains(&i))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            ticks.update(|t| { t.retain(|x| *x != i); if on { t.push(i); emap_core::order::sort_by_key(t, |x| (*x as u64, 0)); } });
                                            save_ticks(&id, &ticks.get_untracked());
                                        }/>
                                    <span lang=materials.lang_attr(lang)>{m.clone()}</span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                </details>
            </section>
        })
    }
}
