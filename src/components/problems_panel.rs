//! Tells maintainers (and anyone else) that the data had problems: how many
//! features were skipped and why, without hiding the valid ones.

use emap_core::problem::{count, Level};
use leptos::prelude::*;

const LISTED: usize = 100;

#[component]
pub fn ProblemsPanel() -> impl IntoView {
    let loaded = crate::model::use_data();
    let lang = expect_context::<crate::state::AppState>()
        .lang
        .get_untracked();
    let open = RwSignal::new(true);
    let live = crate::net::live_status::use_live();
    let places = crate::net::gazetteer::use_places();
    // Redrawn when a pack's far regions arrive with problems of their own, and when a
    // poll of the live feed finds some.
    move || {
        let mut problems = loaded.get().problems.clone();
        if let Some(live) = live {
            problems.extend(live.problems.get());
        }
        if let Some(places) = places {
            problems.extend(places.problems.get());
        }
        panel(&loaded.get(), &problems, lang, open)
    }
}

fn panel(
    data: &crate::model::AppData,
    problems: &[emap_core::Problem],
    lang: emap_core::i18n::Lang,
    open: RwSignal<bool>,
) -> Option<impl IntoView> {
    let (errors, warnings) = count(problems);
    if problems.is_empty() {
        return None;
    }
    let listed: Vec<_> = problems.iter().take(LISTED).cloned().collect();
    // Rows are made each time the panel shows, so views need not be cloneable.
    let rows = move || {
        listed.iter().map(|p| {
            let what = match (p.index, &p.id) {
                (Some(i), Some(id)) => lang.pick(
                    format!("第 {} 项（id {id}）", i + 1),
                    format!("entry {} (id {id})", i + 1),
                ),
                (Some(i), None) => {
                    lang.pick(format!("第 {} 项", i + 1), format!("entry {}", i + 1))
                }
                (None, Some(id)) => format!("id {id}"),
                (None, None) => String::new(),
            };
            let level = if p.level == Level::Error {
                lang.pick("已跳过", "skipped")
            } else {
                lang.pick("警告", "warning")
            };
            view! {
                <li class=if p.level == Level::Error { "problem error" } else { "problem warning" }>
                    <span class="problem-level">{level}</span> " " {p.file} " " {what} " "
                    <code>{p.path.clone()}</code> "：" {p.message.clone()}
                </li>
            }
        })
        .collect_view()
    };
    let more = problems.len().saturating_sub(LISTED);
    // Never "the rest show as usual" over an empty list.
    let note = match data.outlets.outlets.is_empty() {
        false => lang.pick("其余网点信息正常显示。", "Everything else shows as usual."),
        true => lang.pick(
            "没有一个网点能够显示，请联系数据维护人员。",
            "No outlet could be shown: please tell the data's maintainers.",
        ),
    };
    Some(view! {
        <Show when=move || open.get()>
            // A note, not an alarm: the outlets shown are right; what was wrong is left out.
            <aside class="problems" role="status" data-errors=errors data-warnings=warnings>
                <div class="problems-head">
                    <strong>{lang.pick(format!("数据有问题：{errors} 项已跳过，{warnings} 条警告"), format!("Data problems: {errors} skipped, {warnings} warnings"))}</strong>
                    <span class="problems-note">{note}</span>
                    <button class="close" aria-label=lang.pick("关闭数据问题提示", "Close the data problems note") on:click=move |_| open.set(false)>"×"</button>
                </div>
                <details>
                    <summary>{lang.pick("查看详情（也已输出到浏览器控制台）", "Details (also in the browser console)")}</summary>
                    <ul class="problem-list">{rows.clone()}</ul>
                    {(more > 0).then(|| view! { <p>{lang.pick(format!("另有 {more} 条未列出，见控制台。"), format!("{more} more in the console."))}</p> })}
                </details>
            </aside>
        </Show>
    })
}
