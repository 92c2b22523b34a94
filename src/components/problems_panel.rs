//! Tells maintainers (and anyone else) that the data had problems: how many
//! features were skipped and why, without hiding the valid ones.

use crate::api::AppData;
use emap_core::problem::{count, Level};
use leptos::prelude::*;
use std::sync::Arc;

const LISTED: usize = 100;

#[component]
pub fn ProblemsPanel() -> impl IntoView {
    let data = expect_context::<Arc<AppData>>();
    let open = RwSignal::new(true);
    let (errors, warnings) = count(&data.problems);
    if data.problems.is_empty() {
        return None;
    }
    let rows = data
        .problems
        .iter()
        .take(LISTED)
        .map(|p| {
            let what = match (p.index, &p.id) {
                (Some(i), Some(id)) => format!("第 {} 项（id {id}）", i + 1),
                (Some(i), None) => format!("第 {} 项", i + 1),
                (None, Some(id)) => format!("id {id}"),
                (None, None) => String::new(),
            };
            let level = if p.level == Level::Error {
                "已跳过"
            } else {
                "警告"
            };
            view! {
                <li class=if p.level == Level::Error { "problem error" } else { "problem warning" }>
                    <span class="problem-level">{level}</span> " " {p.file} " " {what} " "
                    <code>{p.path.clone()}</code> "：" {p.message.clone()}
                </li>
            }
        })
        .collect_view();
    let more = data.problems.len().saturating_sub(LISTED);
    Some(view! {
        <Show when=move || open.get()>
            <aside class="problems" role="alert" data-errors=errors data-warnings=warnings>
                <div class="problems-head">
                    <strong>{format!("数据有问题：{errors} 项已跳过，{warnings} 条警告")}</strong>
                    <button class="close" aria-label="关闭数据问题提示" on:click=move |_| open.set(false)>"×"</button>
                </div>
                <details>
                    <summary>"查看详情（也已输出到浏览器控制台）"</summary>
                    <ul class="problem-list">{rows.clone()}</ul>
                    {(more > 0).then(|| view! { <p>{format!("另有 {more} 条未列出，见控制台。")}</p> })}
                </details>
            </aside>
        </Show>
    })
}
