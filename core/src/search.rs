//! Need-first search over the item catalog: Chinese names and everyday words, full
//! pinyin, pinyin initials (`sfz` → 身份证), English names, and small typos in Latin input.
//!
//! Pinyin comes precomputed in the catalog (`emap enrich`), so no pinyin table ships
//! in the wasm.

use crate::catalog::Catalog;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemMatch {
    /// Index into `Catalog::items`.
    pub index: usize,
    pub score: u32,
}

#[derive(Clone, Debug, Default)]
struct Keys {
    /// Lowercased Chinese name first, then aliases.
    words: Vec<String>,
    /// Lowercased English name, if any, first, then the English aliases.
    english: Vec<String>,
    /// Whether `english[0]` is the name (an alias matching scores a little less).
    english_name: bool,
    /// Full pinyin without spaces, one per name or alias.
    pinyin: Vec<String>,
    /// Pinyin initials, one per name or alias.
    initials: Vec<String>,
}

/// Longest query searched, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 64;

/// The search keys of every item and life event, built once per catalog.
#[derive(Clone, Debug, Default)]
pub struct ItemIndex {
    keys: Vec<Keys>,
    bundles: Vec<Keys>,
}

impl Keys {
    fn new(
        name: &str,
        aliases: &[String],
        name_en: Option<&str>,
        aliases_en: &[String],
        pinyin: &[String],
    ) -> Keys {
        let mut words = vec![normalize(name)];
        words.extend(aliases.iter().map(|a| normalize(a)));
        Keys {
            words,
            english: name_en
                .into_iter()
                .chain(aliases_en.iter().map(String::as_str))
                .map(normalize)
                .filter(|e| !e.is_empty())
                .collect(),
            english_name: name_en.is_some_and(|n| !n.trim().is_empty()),
            pinyin: pinyin
                .iter()
                .map(|p| normalize(p).replace(' ', ""))
                .collect(),
            initials: pinyin
                .iter()
                .map(|p| {
                    normalize(p)
                        .split_whitespace()
                        .filter_map(|s| s.chars().next())
                        .collect()
                })
                .collect(),
        }
    }
}

impl ItemIndex {
    pub fn new(catalog: &Catalog) -> ItemIndex {
        ItemIndex {
            keys: catalog
                .items
                .iter()
                .map(|i| {
                    Keys::new(
                        &i.name,
                        &i.aliases,
                        i.name_en.as_deref(),
                        &i.aliases_en,
                        &i.pinyin,
                    )
                })
                .collect(),
            bundles: catalog
                .bundles
                .iter()
                .map(|b| {
                    // "二手车买卖" as well as "二手车买卖一件事".
                    let mut aliases = b.aliases.clone();
                    if let Some(short) = b.name.strip_suffix("一件事").filter(|s| !s.is_empty())
                    {
                        aliases.push(short.to_owned());
                    }
                    Keys::new(
                        &b.name,
                        &aliases,
                        b.name_en.as_deref(),
                        &b.aliases_en,
                        &b.pinyin,
                    )
                })
                .collect(),
        }
    }

    /// Life events matching `query` (二手车, 生孩子, `esc`, "used car"), best first, as
    /// indexes into `Catalog::bundles`; matched as items are.
    pub fn search_bundles(&self, query: &str) -> Vec<usize> {
        rank(&self.bundles, query)
            .into_iter()
            .map(|m| m.index)
            .collect()
    }

    /// Items matching `query`, best first; ties keep catalog order (the catalog
    /// lists the most asked-for items first).
    pub fn search(&self, query: &str) -> Vec<ItemMatch> {
        rank(&self.keys, query)
    }
}

/// The keys matching `query`, best first, ties in their order.
fn rank(keys: &[Keys], query: &str) -> Vec<ItemMatch> {
    let q = query_key(query);
    if q.is_empty() {
        return Vec::new();
    }
    let latin = q.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ');
    let compact: String = q.chars().filter(|c| !c.is_whitespace()).collect();
    let mut hits: Vec<ItemMatch> = keys
        .iter()
        .enumerate()
        .filter_map(|(index, k)| {
            let score = if latin {
                latin_score(k, &q, &compact)
            } else {
                chinese_score(k, &compact)
            };
            (score > 0).then_some(ItemMatch { index, score })
        })
        .collect();
    crate::order::sort_by_key(&mut hits, |h| {
        (u64::from(u32::MAX - h.score), h.index as u64)
    });
    // Near misses (a typo, most of a phrase) help only when nothing matches as typed.
    if hits.first().is_some_and(|h| h.score > NEAR_MISS) {
        hits.retain(|h| h.score > NEAR_MISS);
    }
    hits
}

/// The best score of a typo-tolerant or partial match; direct matches score above it.
const NEAR_MISS: u32 = 300;

fn chinese_score(k: &Keys, q: &str) -> u32 {
    let mut best = 0;
    for (i, w) in k.words.iter().enumerate() {
        let is_name = i == 0;
        let s = if w == q {
            if is_name {
                1000
            } else {
                900
            }
        } else if w.starts_with(q) {
            if is_name {
                850
            } else {
                750
            }
        } else if w.contains(q) {
            if is_name {
                800
            } else {
                700
            }
        } else if w.chars().nth(1).is_some() && q.contains(w.as_str()) {
            // The name said in a sentence: "我要办二手车买卖", "护照丢了怎么办".
            if is_name {
                600
            } else {
                550
            }
        } else {
            0
        };
        best = best.max(s);
    }
    if best == 0 {
        // "办身份证", "身份证怎么补": most of the query's character pairs appear in one word.
        let pairs: Vec<[char; 2]> = q
            .chars()
            .collect::<Vec<_>>()
            .windows(2)
            .map(|w| [w[0], w[1]])
            .collect();
        if pairs.len() >= 2 {
            for w in &k.words {
                let wc: Vec<char> = w.chars().collect();
                let found = pairs
                    .iter()
                    .filter(|p| wc.windows(2).any(|x| x == &p[..]))
                    .count();
                let share = found as f64 / pairs.len() as f64;
                if share >= 0.6 {
                    best = best.max((200.0 * share) as u32 + found as u32);
                }
            }
        }
    }
    best
}

fn latin_score(k: &Keys, spaced: &str, q: &str) -> u32 {
    let mut best = 0;
    let graded = |key: &str, exact: u32, prefix: u32, inside: u32| {
        if key == q {
            exact
        } else if key.starts_with(q) {
            prefix
        } else if key.contains(q) {
            inside
        } else {
            0
        }
    };
    for p in &k.pinyin {
        best = best.max(graded(p, 780, 680, 560));
    }
    for i in &k.initials {
        best = best.max(graded(i, 760, 660, 520));
    }
    for (i, en) in k.english.iter().enumerate() {
        // The name a little above an alias, as in Chinese.
        let alias = u32::from(i > 0 || !k.english_name) * 10;
        let s = if en.split_whitespace().any(|w| w.starts_with(spaced)) || en.starts_with(spaced) {
            640 - alias
        } else if en.contains(spaced) {
            600 - alias
        } else {
            0
        };
        best = best.max(s);
    }
    // Latin words written as they are in Chinese names (e.g. "C1").
    for w in &k.words {
        if w.contains(q) {
            best = best.max(500);
        }
    }
    if best == 0 && q.len() >= 4 {
        let allowed = if q.len() >= 8 { 2 } else { 1 };
        let candidates = k
            .pinyin
            .iter()
            .map(String::as_str)
            .chain(k.english.iter().flat_map(|e| e.split_whitespace()))
            .map(Cow::Borrowed)
            // Typos across words: "drivers licence" for "driver license".
            .chain(
                k.english
                    .iter()
                    .filter(|e| e.contains(' '))
                    .map(|e| Cow::Owned(e.replace(' ', ""))),
            );
        for c in candidates {
            let d = substring_distance(q, &c);
            if d <= allowed {
                best = best.max(300 - 60 * d as u32);
            }
        }
    }
    best
}

/// What is searched for: the first [`MAX_QUERY_CHARS`] characters, [`normalize`]d.
/// A need is a few words; a pasted page (or a `?q=` of a megabyte) would make the
/// typo-tolerant match take seconds per keystroke.
pub fn query_key(query: &str) -> String {
    let query = match query.char_indices().nth(MAX_QUERY_CHARS) {
        Some((cut, _)) => &query[..cut],
        None => query,
    };
    normalize(query)
}

/// Lowercase, full-width ASCII folded to half-width (kiosk and phone IMEs type
/// `ｓｆｚ`), `ü` written as `v` as pinyin keyboards do, runs of white space folded.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            'ü' | 'Ü' => 'v',
            _ => c,
        };
        if c.is_whitespace() {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        // ASCII case only: what is typed is Chinese, pinyin or English, and Unicode's
        // case tables would cost every resident's download about 5 kB (gzip).
        out.push(c.to_ascii_lowercase());
    }
    out.truncate(out.trim_end().len());
    out
}

/// Edit distance between `needle` and the best-matching substring of `hay`
/// (Sellers' algorithm, with a swap of two neighbours counted as one edit):
/// "shenfenzhen" is 0 from "jumin**shenfenzhen**g", "huzaho" 1 from "huzhao".
pub fn substring_distance(needle: &str, hay: &str) -> usize {
    let n: Vec<char> = needle.chars().collect();
    let h: Vec<char> = hay.chars().collect();
    let mut before = vec![0usize; h.len() + 1];
    let mut prev = vec![0usize; h.len() + 1];
    let mut cur = vec![0usize; h.len() + 1];
    for (i, nc) in n.iter().enumerate() {
        cur[0] = i + 1;
        for (j, hc) in h.iter().enumerate() {
            let mut d = (prev[j] + usize::from(nc != hc))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            if i > 0 && j > 0 && *nc == h[j - 1] && n[i - 1] == *hc {
                d = d.min(before[j - 1] + 1);
            }
            cur[j + 1] = d;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.into_iter().min().unwrap_or(n.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Item;

    fn item(id: &str, name: &str, en: &str, aliases: &[&str], pinyin: &[&str]) -> Item {
        Item {
            id: id.into(),
            name: name.into(),
            name_en: Some(en.into()),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            pinyin: pinyin.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    fn catalog() -> Catalog {
        Catalog::new(
            vec![
                item(
                    "id-renew",
                    "居民身份证换领",
                    "ID card renewal",
                    &["身份证到期", "换身份证"],
                    &[
                        "ju min shen fen zheng huan ling",
                        "shen fen zheng dao qi",
                        "huan shen fen zheng",
                    ],
                ),
                item(
                    "id-lost",
                    "居民身份证补领",
                    "ID card replacement",
                    &["身份证丢了"],
                    &["ju min shen fen zheng bu ling", "shen fen zheng diu le"],
                ),
                item(
                    "passport",
                    "普通护照签发",
                    "Passport application",
                    &["办护照", "出国"],
                    &["pu tong hu zhao qian fa", "ban hu zhao", "chu guo"],
                ),
                item(
                    "no-crime",
                    "无犯罪记录证明",
                    "Certificate of no criminal record",
                    &["无犯罪证明", "良民证"],
                    &[
                        "wu fan zui ji lu zheng ming",
                        "wu fan zui zheng ming",
                        "liang min zheng",
                    ],
                ),
                item(
                    "dl-renew",
                    "机动车驾驶证换证",
                    "Driving licence renewal",
                    &["驾照到期"],
                    &["ji dong che jia shi zheng huan zheng", "jia zhao dao qi"],
                ),
                item(
                    "fireworks",
                    "烟花爆竹道路运输许可",
                    "Fireworks road transport permit",
                    &[],
                    &["yan hua bao zhu dao lu yun shu xu ke"],
                ),
            ],
            vec![],
        )
    }

    fn ids(q: &str) -> Vec<String> {
        let c = catalog();
        ItemIndex::new(&c)
            .search(q)
            .iter()
            .map(|m| c.items[m.index].id.clone())
            .collect()
    }

    #[test]
    fn pinyin_initials_find_id_card_items() {
        assert_eq!(ids("sfz")[..2], ["id-renew", "id-lost"]);
        assert_eq!(ids("SFZ")[..2], ["id-renew", "id-lost"]);
        assert_eq!(ids("ｓｆｚ")[..2], ["id-renew", "id-lost"]);
    }

    #[test]
    fn full_pinyin_finds_items() {
        assert_eq!(ids("shenfenzheng")[..2], ["id-renew", "id-lost"]);
        assert_eq!(ids("shen fen zheng")[..2], ["id-renew", "id-lost"]);
        assert_eq!(ids("huzhao"), ["passport"]);
    }

    #[test]
    fn chinese_names_and_everyday_words() {
        assert_eq!(ids("护照"), ["passport"]);
        assert_eq!(ids("无犯罪"), ["no-crime"]);
        assert_eq!(ids("良民证"), ["no-crime"]);
        assert_eq!(ids("身份证")[..2], ["id-renew", "id-lost"]);
        assert_eq!(ids("身份证丢了")[0], "id-lost");
        assert_eq!(ids("驾照"), ["dl-renew"]);
    }

    #[test]
    fn chinese_query_with_extra_words_still_finds_the_item() {
        assert_eq!(ids("办身份证")[..2], ["id-renew", "id-lost"]);
    }

    #[test]
    fn small_typos_in_latin_input_are_forgiven() {
        assert_eq!(ids("shenfenzhen")[..2], ["id-renew", "id-lost"]);
        assert_eq!(ids("shengfenzheng")[..2], ["id-renew", "id-lost"]);
        assert_eq!(ids("pasport"), ["passport"]);
        assert_eq!(ids("huzaho"), ["passport"]);
    }

    #[test]
    fn english_names_match_by_word() {
        assert_eq!(ids("passport"), ["passport"]);
        assert_eq!(ids("criminal"), ["no-crime"]);
    }

    /// Regression: "passport" also offered the fireworks transport permit ("transport"
    /// is two edits from it). A near miss is for when nothing matches as typed.
    #[test]
    fn near_misses_only_when_nothing_matches() {
        assert_eq!(ids("passport"), ["passport"]);
        assert_eq!(ids("transport"), ["fireworks"]);
        assert_eq!(ids("pasport"), ["passport"]);
    }

    #[test]
    fn nonsense_finds_nothing() {
        assert!(ids("xqzv").is_empty());
        assert!(ids("").is_empty());
        assert!(ids("   ").is_empty());
        assert!(ids("天气").is_empty());
    }

    #[test]
    fn substring_distance_counts_edits() {
        assert_eq!(substring_distance("fenzh", "shenfenzheng"), 0);
        assert_eq!(substring_distance("fenxh", "shenfenzheng"), 1);
        assert_eq!(substring_distance("abc", ""), 3);
        assert_eq!(substring_distance("huzaho", "putonghuzhaoqianfa"), 1);
    }

    /// Regression (kiosk): the pinyin keyboard's E S C found no life event, since
    /// bundles were matched by their Chinese name only, in the UI.
    #[test]
    fn life_events_by_initials_pinyin_english_and_in_a_sentence() {
        use crate::catalog::Bundle;
        let bundle = |id: &str, name: &str, en: &str, aliases: &[&str], pinyin: &[&str]| Bundle {
            id: id.into(),
            name: name.into(),
            name_en: Some(en.into()),
            items: vec!["id-renew".into()],
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            aliases_en: Vec::new(),
            pinyin: pinyin.iter().map(|s| s.to_string()).collect(),
            order: Vec::new(),
        };
        let c = Catalog::new(
            catalog().items,
            vec![
                bundle(
                    "newborn",
                    "新生儿出生一件事",
                    "A baby is born",
                    &["生孩子"],
                    &["xin sheng er chu sheng yi jian shi", "sheng hai zi"],
                ),
                bundle(
                    "used-car",
                    "二手车买卖一件事",
                    "Buying or selling a used car",
                    &["二手车"],
                    &["er shou che mai mai yi jian shi", "er shou che"],
                ),
            ],
        );
        let idx = ItemIndex::new(&c);
        for q in [
            "esc",
            "ershouche",
            "used car",
            "二手车",
            "我要办二手车买卖",
            "ＥＳＣ",
        ] {
            assert_eq!(idx.search_bundles(q), [1], "{q}");
        }
        assert_eq!(idx.search_bundles("shz"), [0]);
        assert!(idx.search_bundles("护照").is_empty());
        // Items said in a sentence are found the same way.
        assert_eq!(ids("请问普通护照签发在哪办")[0], "passport");
    }

    /// Words residents type in English, with a typo or two, find the item by its
    /// English aliases; the English name still ranks first.
    #[test]
    fn english_aliases_are_searched_as_english() {
        let mut items = catalog().items;
        let alias = |item: &mut Item, words: &[&str]| {
            item.aliases_en = words.iter().map(|s| s.to_string()).collect()
        };
        alias(&mut items[4], &["driver license", "driving licence"]);
        alias(&mut items[2], &["visa", "travel abroad"]);
        items.push(Item {
            id: "stay".into(),
            name: "居住登记".into(),
            name_en: Some("Residence registration".into()),
            aliases_en: vec!["register stay".into()],
            ..Default::default()
        });
        let c = Catalog::new(items, vec![]);
        let idx = ItemIndex::new(&c);
        let ids = |q: &str| -> Vec<&str> {
            idx.search(q)
                .iter()
                .map(|m| c.items[m.index].id.as_str())
                .collect()
        };
        assert_eq!(ids("driver license"), ["dl-renew"]);
        assert_eq!(ids("Driver License"), ["dl-renew"]);
        assert_eq!(ids("driving licence"), ["dl-renew"]);
        assert_eq!(ids("drivers license"), ["dl-renew"]);
        assert_eq!(ids("driver lisence"), ["dl-renew"]);
        assert_eq!(ids("register stay"), ["stay"]);
        assert_eq!(ids("register"), ["stay"]);
        assert_eq!(ids("visa"), ["passport"]);
        // A typo is a near miss: "jias" in a pinyin is one edit away too.
        assert_eq!(ids("vias")[0], "passport");
        // Chinese aliases are not matched as English: "ID card" finds by the names.
        assert_eq!(ids("id card")[..2], ["id-renew", "id-lost"]);
    }
}
