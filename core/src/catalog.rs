//! The item catalog (事项清单): what a resident can get done, and life-event bundles (一件事).

use crate::booking::Booking;
use crate::i18n::{Lang, Shown};
use crate::origin::{link_allowed, WEB};
use crate::problem::{id_of, in_file, FatalError, Problem};
use crate::text::{fit, quote, MAX_ID_CHARS, MAX_TEXT_CHARS};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    // The Chinese names too: a bureau's maintainer writes 户政, and the item was
    // rejected for it, taking 居民身份证换领 out of the app.
    #[serde(alias = "户政")]
    Household,
    #[serde(alias = "出入境")]
    ExitEntry,
    #[serde(alias = "交管", alias = "交通")]
    Traffic,
    #[serde(alias = "治安")]
    PublicOrder,
    #[serde(alias = "网安")]
    Cyber,
    #[default]
    #[serde(alias = "其他")]
    Other,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Household,
        Category::ExitEntry,
        Category::Traffic,
        Category::PublicOrder,
        Category::Cyber,
        Category::Other,
    ];

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match (lang, self) {
            (crate::i18n::Lang::Zh, c) => c.label_zh(),
            (_, Category::Household) => "Household & ID",
            (_, Category::ExitEntry) => "Exit & entry",
            (_, Category::Traffic) => "Traffic & vehicles",
            (_, Category::PublicOrder) => "Public order",
            (_, Category::Cyber) => "Cyber security",
            (_, Category::Other) => "Other",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Category::Household => "户政",
            Category::ExitEntry => "出入境",
            Category::Traffic => "交管",
            Category::PublicOrder => "治安",
            Category::Cyber => "网安",
            Category::Other => "其他",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Category::Household => "household",
            Category::ExitEntry => "exit_entry",
            Category::Traffic => "traffic",
            Category::PublicOrder => "public_order",
            Category::Cyber => "cyber",
            Category::Other => "other",
        }
    }

    pub fn parse(key: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.key() == key)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AppointmentPolicy {
    #[serde(alias = "须预约")]
    Required,
    #[serde(alias = "建议预约")]
    Recommended,
    #[default]
    #[serde(alias = "无需预约")]
    None,
}

impl AppointmentPolicy {
    /// `required`, `recommended` or `none`, as in the data and `data-appointment`.
    pub fn key(self) -> &'static str {
        match self {
            AppointmentPolicy::Required => "required",
            AppointmentPolicy::Recommended => "recommended",
            AppointmentPolicy::None => "none",
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            AppointmentPolicy::Required => lang.pick("须预约", "Appointment required"),
            AppointmentPolicy::Recommended => lang.pick("建议预约", "Appointment recommended"),
            AppointmentPolicy::None => {
                lang.pick("无需预约，可直接前往", "No appointment needed: walk in")
            }
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OnlineChannel {
    #[serde(default)]
    pub url: Option<String>,
    /// The channel's name as residents know it, e.g. "爱山东" app or a mini-program.
    #[serde(default)]
    pub channel: Option<String>,
    /// The channel's name in English (`channel:en`), e.g. "iShandong app".
    #[serde(
        rename = "channel:en",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub channel_en: Option<String>,
    /// 全程网办: can be finished online without any visit.
    #[serde(default)]
    pub fully_online: bool,
}

impl OnlineChannel {
    /// The channel's name in `lang`, or in Chinese without an English twin.
    pub fn channel(&self, lang: Lang) -> Option<Shown<'_, str>> {
        lang.shown(self.channel.as_deref(), self.channel_en.as_deref())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub name: String,
    #[serde(rename = "name:en", default)]
    pub name_en: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Words residents type in English ("driver license", "register stay"), searched
    /// as the English name is, typos forgiven.
    #[serde(rename = "aliases:en", default, skip_serializing_if = "Vec::is_empty")]
    pub aliases_en: Vec<String>,
    #[serde(default)]
    pub category: Category,
    #[serde(default)]
    pub materials: Vec<String>,
    /// The materials in English, one for each of `materials` in the same order; a
    /// list of another length is dropped with a warning when the catalog is read.
    #[serde(
        rename = "materials:en",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub materials_en: Vec<String>,
    #[serde(default)]
    pub fee: Option<String>,
    #[serde(rename = "fee:en", default, skip_serializing_if = "Option::is_none")]
    pub fee_en: Option<String>,
    #[serde(default)]
    pub time_limit: Option<String>,
    #[serde(
        rename = "time_limit:en",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub time_limit_en: Option<String>,
    #[serde(default)]
    pub online: Option<OnlineChannel>,
    #[serde(default)]
    pub cross_province: bool,
    #[serde(default)]
    pub appointment: AppointmentPolicy,
    /// Where to book this item anywhere; an outlet's own booking overrides it.
    #[serde(default)]
    pub booking: Option<Booking>,
    /// Precomputed by `emap enrich`: the pinyin of the name and of each alias, one
    /// entry each, syllables separated by spaces ("ju min shen fen zheng"). Kept out
    /// of the wasm so the app needs no pinyin table.
    #[serde(default)]
    pub pinyin: Vec<String>,
    /// An item to do first, when this one usually follows it: 挂失 (free, often
    /// online) before 补领. The guide names it, one tap away.
    #[serde(default)]
    pub first_step: Option<String>,
}

/// An item's texts in the page's language: each falls back to the Chinese source
/// where the catalog has no English twin, and [`Shown::lang`] says which is shown.
impl Item {
    pub fn name(&self, lang: Lang) -> Shown<'_, str> {
        lang.shown(Some(&self.name), self.name_en.as_deref())
            .unwrap_or(Shown {
                text: &self.name,
                lang: Lang::Zh,
            })
    }

    pub fn fee(&self, lang: Lang) -> Option<Shown<'_, str>> {
        lang.shown(self.fee.as_deref(), self.fee_en.as_deref())
    }

    pub fn time_limit(&self, lang: Lang) -> Option<Shown<'_, str>> {
        lang.shown(self.time_limit.as_deref(), self.time_limit_en.as_deref())
    }

    /// What to bring, the whole list in one language.
    pub fn materials(&self, lang: Lang) -> Shown<'_, [String]> {
        lang.shown_list(&self.materials, &self.materials_en)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    pub id: String,
    pub name: String,
    #[serde(rename = "name:en", default)]
    pub name_en: Option<String>,
    pub items: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// As an item's: English words residents type for it.
    #[serde(rename = "aliases:en", default, skip_serializing_if = "Vec::is_empty")]
    pub aliases_en: Vec<String>,
    /// As an item's: the pinyin of the name and of each alias (`emap enrich`), so the
    /// kiosk's initials (E S C) find 二手车买卖 too.
    #[serde(default)]
    pub pinyin: Vec<String>,
    /// Pairs of the bundle's items, the first to be done before the second (查验
    /// before 过户): the plan's trips follow them.
    #[serde(default)]
    pub order: Vec<[String; 2]>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    pub items: Vec<Item>,
    pub bundles: Vec<Bundle>,
    pub sample: bool,
    by_id: HashMap<String, usize>,
}

#[derive(Deserialize)]
struct RawCatalog<'a> {
    #[serde(borrow, default)]
    items: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    bundles: Option<Vec<&'a RawValue>>,
    #[serde(default)]
    sample: bool,
    /// Only to recognize an outlets file given as the catalog.
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    features: Option<serde::de::IgnoredAny>,
}

impl Catalog {
    pub fn new(items: Vec<Item>, bundles: Vec<Bundle>) -> Catalog {
        let by_id = items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.id.clone(), i))
            .collect();
        Catalog {
            items,
            bundles,
            sample: false,
            by_id,
        }
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.by_id.get(id).map(|&i| &self.items[i])
    }

    pub fn bundle(&self, id: &str) -> Option<&Bundle> {
        self.bundles.iter().find(|b| b.id == id)
    }

    /// Parses a catalog, keeping every valid item and bundle and reporting the rest.
    pub fn parse(text: &str) -> Result<(Catalog, Vec<Problem>), FatalError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: RawCatalog = serde_json::from_str(text).map_err(|e| {
            FatalError::new(
                "catalog",
                format!("不是有效的事项清单 JSON（not a valid catalog）: {e}"),
            )
        })?;
        // A file of another shape would load as an empty catalog and a page with no
        // needs on it: say what was given instead.
        if raw.kind.as_deref() == Some("FeatureCollection") || raw.features.is_some() {
            return Err(FatalError::new(
                "catalog",
                "这是网点文件（GeoJSON），不是事项清单：请在配置的 outlets 中指定它（an outlets GeoJSON file was given as the catalog）",
            ));
        }
        let (Some(raw_items), raw_bundles) = (raw.items, raw.bundles) else {
            return Err(FatalError::new(
                "catalog",
                "不是事项清单：没有 \"items\" 列表（名称区分大小写）（not a catalog: it has no \"items\" list; keys are case-sensitive）",
            ));
        };
        let raw_bundles = raw_bundles.unwrap_or_default();
        let mut problems = Vec::new();
        if raw_items.is_empty() {
            problems.push(Problem::warning(
                "catalog",
                "items",
                "事项清单中没有任何事项（the catalog lists no items）",
            ));
        }
        let mut items: Vec<Item> = Vec::with_capacity(raw_items.len());
        let mut seen = HashSet::new();
        for (i, value) in raw_items.iter().enumerate() {
            let path = format!("items[{i}]");
            match serde_json::from_str::<Item>(value.get()) {
                Ok(item) if item.id.trim().is_empty() => problems
                    .push(Problem::error("catalog", path, "item has an empty id").at(i, None)),
                Ok(item) if item.id.chars().count() > MAX_ID_CHARS => problems.push(
                    Problem::error(
                        "catalog",
                        path,
                        format!("item rejected: its id is longer than {MAX_ID_CHARS} characters"),
                    )
                    .at(i, Some(&item.id)),
                ),
                Ok(item) if !seen.insert(item.id.clone()) => problems.push(
                    Problem::error("catalog", path, "duplicate item id; the first one is kept")
                        .at(i, Some(&item.id)),
                ),
                Ok(mut item) => {
                    for (field, url) in [
                        ("online.url", item.online.as_mut().map(|o| &mut o.url)),
                        ("booking.url", item.booking.as_mut().map(|b| &mut b.url)),
                    ] {
                        if let Some(url) = url {
                            // Spreadsheet cells carry stray spaces around links.
                            if let Some(u) = url.as_mut() {
                                *u = u.trim().to_owned();
                            }
                            if url.as_deref().is_some_and(|u| !link_allowed(u, WEB)) {
                                problems.push(
                                    Problem::warning(
                                        "catalog",
                                        format!("{path}.{field}"),
                                        format!(
                                            "link {} dropped: only http and https links are allowed",
                                            quote(url.as_deref().unwrap_or_default())
                                        ),
                                    )
                                    .at(i, Some(&item.id)),
                                );
                                *url = None;
                            }
                        }
                    }
                    let (zh, en) = (item.materials.len(), item.materials_en.len());
                    if en > 0 && en != zh {
                        problems.push(
                            Problem::warning(
                                "catalog",
                                format!("{path}.materials:en"),
                                format!("materials:en lists {en} materials but materials lists {zh}: the English list is not shown, English pages show the Chinese one"),
                            )
                            .at(i, Some(&item.id)),
                        );
                        item.materials_en.clear();
                    }
                    for field in clip_item(&mut item) {
                        problems.push(
                            Problem::warning(
                                "catalog",
                                format!("{path}.{field}"),
                                format!("longer than {MAX_TEXT_CHARS} characters (only the first {MAX_TEXT_CHARS} are shown), or with text-reordering controls or piled-up combining marks (removed)"),
                            )
                            .at(i, Some(&item.id)),
                        );
                    }
                    items.push(item)
                }
                Err(e) => problems.push(
                    Problem::error(
                        "catalog",
                        path,
                        format!("item rejected: {}", in_file(text, value.get(), &e)),
                    )
                    .at(i, id_of(value.get()).as_deref()),
                ),
            }
        }
        let mut bundles = Vec::new();
        for (i, value) in raw_bundles.iter().enumerate() {
            let path = format!("bundles[{i}]");
            match serde_json::from_str::<Bundle>(value.get()) {
                Ok(mut b) => {
                    let mut long = false;
                    for text in [&mut b.name]
                        .into_iter()
                        .chain(b.name_en.iter_mut())
                        .chain(b.aliases.iter_mut())
                        .chain(b.aliases_en.iter_mut())
                    {
                        let (tamed, cut) = fit(text);
                        long |= tamed || cut.is_some();
                    }
                    if long {
                        problems.push(
                            Problem::warning(
                                "catalog",
                                path.clone(),
                                format!("text longer than {MAX_TEXT_CHARS} characters cut short, or text-reordering controls or piled-up combining marks removed"),
                            )
                            .at(i, Some(&b.id)),
                        );
                    }
                    b.items.retain(|id| {
                        let known = seen.contains(id);
                        if !known {
                            problems.push(
                                Problem::warning(
                                    "catalog",
                                    format!("{path}.items"),
                                    format!("unknown item id {id:?} left out of the bundle"),
                                )
                                .at(i, Some(&b.id)),
                            );
                        }
                        known
                    });
                    b.order.retain(|[first, then]| {
                        let ok = first != then && b.items.contains(first) && b.items.contains(then);
                        if !ok {
                            problems.push(
                                Problem::warning(
                                    "catalog",
                                    format!("{path}.order"),
                                    format!("order [{first:?}, {then:?}] ignored: both must be two different items of the bundle"),
                                )
                                .at(i, Some(&b.id)),
                            );
                        }
                        ok
                    });
                    bundles.push(b)
                }
                Err(e) => problems.push(
                    Problem::error(
                        "catalog",
                        path,
                        format!("bundle rejected: {}", in_file(text, value.get(), &e)),
                    )
                    .at(i, id_of(value.get()).as_deref()),
                ),
            }
        }
        // A first step must be another item of the catalog.
        for (i, item) in items.iter_mut().enumerate() {
            if let Some(first) = item.first_step.take() {
                if first != item.id && seen.contains(&first) {
                    item.first_step = Some(first);
                } else {
                    problems.push(
                        Problem::warning(
                            "catalog",
                            format!("items[{i}].first_step"),
                            format!(
                                "first_step {first:?} ignored: it must be the id of another item"
                            ),
                        )
                        .at(i, Some(&item.id)),
                    );
                }
            }
        }
        let mut catalog = Catalog::new(items, bundles);
        catalog.sample = raw.sample;
        Ok((catalog, problems))
    }
}

/// Cuts every text of an item to [`MAX_TEXT_CHARS`] (a cut link is dropped, as it
/// would lead somewhere else); returns the fields that were cut.
fn clip_item(item: &mut Item) -> Vec<&'static str> {
    let mut cut = Vec::new();
    let mut cut_field = |field: &'static str, text: &mut String| {
        let (tamed, clipped) = fit(text);
        if (tamed || clipped.is_some()) && !cut.contains(&field) {
            cut.push(field);
        }
    };
    cut_field("name", &mut item.name);
    for (field, text) in [
        ("name:en", &mut item.name_en),
        ("fee", &mut item.fee),
        ("fee:en", &mut item.fee_en),
        ("time_limit", &mut item.time_limit),
        ("time_limit:en", &mut item.time_limit_en),
    ] {
        if let Some(t) = text {
            cut_field(field, t);
        }
    }
    for (field, list) in [
        ("aliases", &mut item.aliases),
        ("aliases:en", &mut item.aliases_en),
        ("materials", &mut item.materials),
        ("materials:en", &mut item.materials_en),
        ("pinyin", &mut item.pinyin),
    ] {
        for t in list.iter_mut() {
            cut_field(field, t);
        }
    }
    if let Some(booking) = &mut item.booking {
        for (field, text) in [
            ("booking.note", &mut booking.note),
            ("booking.note:en", &mut booking.note_en),
            ("booking.phone", &mut booking.phone),
            ("booking.mini_program", &mut booking.mini_program),
        ] {
            if let Some(t) = text {
                cut_field(field, t);
            }
        }
    }
    if let Some(online) = &mut item.online {
        if let Some(t) = &mut online.channel {
            cut_field("online.channel", t);
        }
        if let Some(t) = &mut online.channel_en {
            cut_field("online.channel:en", t);
        }
        if online
            .url
            .as_ref()
            .is_some_and(|u| u.chars().count() > MAX_TEXT_CHARS)
        {
            online.url = None;
            cut.push("online.url");
        }
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_valid_items_and_reports_broken_ones() {
        let text = r#"{"items":[
            {"id":"a","name":"居民身份证换领","category":"household","appointment":"recommended"},
            {"id":"b","name":42},
            {"id":"a","name":"重复"},
            {"id":"c","name":"护照","category":"exit_entry","materials":["照片"]}
        ],"bundles":[{"id":"x","name":"新生儿","items":["a","zzz"]}]}"#;
        let (cat, problems) = Catalog::parse(text).unwrap();
        assert_eq!(cat.items.len(), 2);
        assert_eq!(cat.item("c").unwrap().materials, vec!["照片"]);
        assert_eq!(
            cat.item("a").unwrap().appointment,
            AppointmentPolicy::Recommended
        );
        assert_eq!(cat.bundles[0].items, vec!["a"]);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert_eq!(problems[0].index, Some(1));
        assert_eq!(problems[0].id.as_deref(), Some("b"));
        assert!(problems[0].message.contains("invalid type"));
        assert!(problems[1].message.contains("duplicate"));
        assert!(problems[2].message.contains("zzz"));
    }

    #[test]
    fn drops_script_links_from_items() {
        let text = r#"{"items":[{"id":"a","name":"护照","online":{"url":"javascript:alert(1)","channel":"x"},
            "booking":{"url":" JavaScript:alert(2)","mini_program":"移民局12367"}}]}"#;
        let (cat, problems) = Catalog::parse(text).unwrap();
        let a = cat.item("a").unwrap();
        assert_eq!(a.online.as_ref().unwrap().url, None);
        assert_eq!(a.booking.as_ref().unwrap().url, None);
        assert_eq!(
            a.booking.as_ref().unwrap().mini_program.as_deref(),
            Some("移民局12367")
        );
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert_eq!(problems[1].path, "items[0].booking.url");
    }

    #[test]
    fn invalid_json_is_fatal_with_position() {
        let err = Catalog::parse("{\"items\": [").unwrap_err();
        assert!(err.message.contains("line 1"), "{}", err.message);
    }

    /// Regression (third review): 户政 for household took the item out of the app,
    /// and a bad field's line was counted from the item's start, not the file's.
    #[test]
    fn chinese_labels_are_read_and_errors_say_the_files_line() {
        let text = "{\"items\":[\n  {\"id\":\"a\",\"name\":\"身份证\",\"category\":\"户政\",\"appointment\":\"须预约\"},\n  {\"id\":\"b\",\n   \"name\":\"护照\",\n   \"fee\":12}\n]}";
        let (cat, problems) = Catalog::parse(text).unwrap();
        let a = cat.item("a").unwrap();
        assert_eq!(a.category, Category::Household);
        assert_eq!(a.appointment, AppointmentPolicy::Required);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        // "fee": 12 is on the file's 5th line.
        assert!(
            problems[0].message.contains("文件第 5 行"),
            "{}",
            problems[0].message
        );
    }

    /// Regression (issue 21): `{}`, `{"Items": …}` or the outlets file given as the
    /// catalog loaded as "0 items, 0 bundles" and a page with no needs on it.
    #[test]
    fn a_file_that_is_not_a_catalog_is_an_error_that_says_what_it_is() {
        let not_catalog = |text: &str| Catalog::parse(text).err().map(|e| e.message);
        assert!(not_catalog("{}").unwrap().contains("no \"items\" list"));
        assert!(
            not_catalog(r#"{"Items":[{"id":"a","name":"甲","category":"household"}]}"#)
                .unwrap()
                .contains("case-sensitive")
        );
        assert!(not_catalog(r#"{"type":"FeatureCollection","features":[]}"#)
            .unwrap()
            .contains("outlets GeoJSON file"));
        let (catalog, problems) = Catalog::parse(r#"{"items":[]}"#).unwrap();
        assert!(catalog.items.is_empty());
        assert!(problems[0].message.contains("no items"), "{problems:?}");
    }

    const ENGLISH: &str = r#"{"items":[
        {"id":"id-renew","name":"居民身份证换领","name:en":"ID card renewal",
         "materials":["原居民身份证","居民户口簿"],
         "materials:en":["Your current ID card","Household register (hukou booklet)"],
         "fee":"20元","fee:en":"CNY 20","time_limit":"20个工作日",
         "online":{"channel":"“爱山东”App","channel:en":"iShandong app"},
         "booking":{"phone":"0535-12345","note":"到场出示预约码。","note:en":"Show your booking code on arrival."}},
        {"id":"hukou-cert","name":"户籍证明","materials":["居民户口簿"],"fee":"免费",
         "online":{"channel":"“爱山东”App"},"booking":{"note":"可网上预约。"}}
    ]}"#;

    /// An English page shows each twin the catalog gives, and the Chinese (marked as
    /// such) for each it does not.
    #[test]
    fn english_twins_are_read_and_fall_back_to_chinese() {
        let (cat, problems) = Catalog::parse(ENGLISH).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
        let en = Lang::En;
        let a = cat.item("id-renew").unwrap();
        assert_eq!(a.name(en).text, "ID card renewal");
        assert_eq!(
            a.fee(en).map(|s| (s.text, s.lang)),
            Some(("CNY 20", Lang::En))
        );
        assert_eq!(a.fee(Lang::Zh).unwrap().text, "20元");
        // No time_limit:en: the Chinese, to be marked lang="zh-CN".
        let t = a.time_limit(en).unwrap();
        assert_eq!((t.text, t.lang_attr(en)), ("20个工作日", Some("zh-CN")));
        assert_eq!(
            a.materials(en).text,
            ["Your current ID card", "Household register (hukou booklet)"]
        );
        assert_eq!(a.materials(Lang::Zh).text, ["原居民身份证", "居民户口簿"]);
        let online = a.online.as_ref().unwrap();
        assert_eq!(online.channel(en).unwrap().text, "iShandong app");
        assert_eq!(online.channel(Lang::Zh).unwrap().text, "“爱山东”App");
        let booking = a.booking.as_ref().unwrap();
        assert_eq!(
            booking.note(en).unwrap().text,
            "Show your booking code on arrival."
        );
        let b = cat.item("hukou-cert").unwrap();
        assert_eq!((b.name(en).text, b.name(en).lang), ("户籍证明", Lang::Zh));
        let fee = b.fee(en).unwrap();
        assert_eq!((fee.text, fee.lang_attr(en)), ("免费", Some("zh-CN")));
        assert_eq!(b.time_limit(en), None);
        let m = b.materials(en);
        assert_eq!(
            (m.text, m.lang_attr(en)),
            (&["居民户口簿".to_owned()][..], Some("zh-CN"))
        );
        let o = b.online.as_ref().unwrap().channel(en).unwrap();
        assert_eq!((o.text, o.lang), ("“爱山东”App", Lang::Zh));
        let n = b.booking.as_ref().unwrap().note(en).unwrap();
        assert_eq!((n.text, n.lang), ("可网上预约。", Lang::Zh));
    }

    /// An English list of another length would pair each material with another's
    /// name: it is dropped, said so, and English pages list the Chinese.
    #[test]
    fn english_materials_of_another_length_are_dropped_with_a_warning() {
        let text = r#"{"items":[{"id":"a","name":"护照","materials":["居民身份证","照片"],
            "materials:en":["ID card"]}]}"#;
        let (cat, problems) = Catalog::parse(text).unwrap();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].path, "items[0].materials:en");
        assert!(problems[0]
            .message
            .contains("1 materials but materials lists 2"));
        let a = cat.item("a").unwrap();
        assert!(a.materials_en.is_empty());
        let m = a.materials(Lang::En);
        assert_eq!((m.text, m.lang), (&a.materials[..], Lang::Zh));
    }

    /// The twins are cut and tamed as their Chinese sources are.
    #[test]
    fn english_twins_are_clipped() {
        let long = "x".repeat(MAX_TEXT_CHARS + 10);
        let text = format!(
            r#"{{"items":[{{"id":"a","name":"护照","fee:en":"{long}","time_limit:en":"{long}",
            "materials":["照片"],"materials:en":["{long}"],"aliases:en":["{long}"],
            "online":{{"channel:en":"{long}"}},"booking":{{"note:en":"{long}"}}}}]}}"#
        );
        let (cat, problems) = Catalog::parse(&text).unwrap();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "items[0].fee:en",
                "items[0].time_limit:en",
                "items[0].aliases:en",
                "items[0].materials:en",
                "items[0].booking.note:en",
                "items[0].online.channel:en"
            ]
        );
        // Cut to the limit, and an ellipsis says so.
        let a = cat.item("a").unwrap();
        let shown = |s: Option<Shown<'_, str>>| s.unwrap().text.chars().count();
        assert_eq!(shown(a.fee(Lang::En)), MAX_TEXT_CHARS + 1);
        assert_eq!(shown(a.time_limit(Lang::En)), MAX_TEXT_CHARS + 1);
        assert_eq!(
            a.materials(Lang::En).text[0].chars().count(),
            MAX_TEXT_CHARS + 1
        );
        assert_eq!(
            shown(a.online.as_ref().unwrap().channel(Lang::En)),
            MAX_TEXT_CHARS + 1
        );
        assert_eq!(
            shown(a.booking.as_ref().unwrap().note(Lang::En)),
            MAX_TEXT_CHARS + 1
        );
        // A bidi override in an English fee is removed, as in the Chinese.
        let (cat, problems) =
            Catalog::parse(r#"{"items":[{"id":"a","name":"护照","fee:en":"CNY\u202e 120"}]}"#)
                .unwrap();
        assert_eq!(problems[0].path, "items[0].fee:en");
        assert!(!cat
            .item("a")
            .unwrap()
            .fee_en
            .as_ref()
            .unwrap()
            .contains('\u{202e}'));
    }
}
