//! Adds what the app needs precomputed to the catalog: the pinyin of each item's
//! name and aliases, so `sfz` and `shenfenzheng` find 身份证 without a pinyin table
//! in the wasm.

use crate::{read, Result};
use pinyin::ToPinyin;
use serde_json::Value;
use std::process::ExitCode;

pub fn run(args: &[String]) -> Result<ExitCode> {
    let input = args.first().ok_or("usage: emap enrich CATALOG [-o OUT]")?;
    let out = match args.get(1).map(String::as_str) {
        Some("-o") => args.get(2).ok_or("-o needs a file")?.clone(),
        _ => input.clone(),
    };
    let text = read(input)?;
    let mut doc: Value = serde_json::from_str(&text)?;
    // An outlets file given by mistake would be written back untouched, "0 items".
    if !doc.get("items").is_some_and(Value::is_array) {
        return Err(format!("{input} is not a catalog: it has no \"items\" list").into());
    }
    // What the app will make of it: an item it rejects gets pinyin but never shows.
    let (_, problems) = emap_core::Catalog::parse(&text)?;
    for p in &problems {
        eprintln!("{p}");
    }
    let n = enrich(&mut doc);
    std::fs::write(&out, serde_json::to_string_pretty(&doc)? + "\n")?;
    let (errors, warnings) = emap_core::problem::count(&problems);
    eprintln!("enriched {n} items → {out} ({errors} errors, {warnings} warnings as the app reads it; emap validate says more)");
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Sets `pinyin` on every item and life event; returns how many items there were.
pub fn enrich(doc: &mut Value) -> usize {
    if let Some(bundles) = doc.get_mut("bundles").and_then(Value::as_array_mut) {
        bundles.iter_mut().for_each(add_pinyin);
    }
    let Some(items) = doc.get_mut("items").and_then(Value::as_array_mut) else {
        return 0;
    };
    items.iter_mut().for_each(add_pinyin);
    items.len()
}

/// The pinyin of an entry's name and of each alias, in that order.
fn add_pinyin(entry: &mut Value) {
    let mut words: Vec<String> = entry
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .into_iter()
        .collect();
    if let Some(aliases) = entry.get("aliases").and_then(Value::as_array) {
        words.extend(aliases.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    let pinyin: Vec<Value> = words.iter().map(|w| Value::String(to_pinyin(w))).collect();
    if let Some(obj) = entry.as_object_mut() {
        obj.insert("pinyin".into(), Value::Array(pinyin));
    }
}

/// Words whose characters read otherwise alone: the `pinyin` crate gives each
/// character its commonest reading, so 行业 came out "xing ye" and `txhy` missed
/// 特种行业. The words of police services and of place names residents type.
const WORDS: &[(&str, &[&str])] = &[
    ("行业", &["hang", "ye"]),
    ("银行", &["yin", "hang"]),
    ("车行", &["che", "hang"]),
    ("重新", &["chong", "xin"]),
    ("重办", &["chong", "ban"]),
    ("重庆", &["chong", "qing"]),
    ("长期", &["chang", "qi"]),
    ("长途", &["chang", "tu"]),
    ("延长", &["yan", "chang"]),
    ("还款", &["huan", "kuan"]),
    ("归还", &["gui", "huan"]),
    ("退还", &["tui", "huan"]),
    ("西藏", &["xi", "zang"]),
    ("仔细", &["zi", "xi"]),
    ("乐器", &["yue", "qi"]),
    ("音乐", &["yin", "yue"]),
    ("省会", &["sheng", "hui"]),
    ("朝阳", &["chao", "yang"]),
    ("单县", &["shan", "xian"]),
    ("蚌埠", &["beng", "bu"]),
    // Place names of the sample city and its neighbours (emap gazetteer).
    ("牟平", &["mu", "ping"]),
    ("长江", &["chang", "jiang"]),
];

pub fn to_pinyin(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut latin = String::new();
    // A word from WORDS at this character: its syllables, one per character.
    let mut word: Vec<&str> = Vec::new();
    for (i, (c, p)) in text
        .char_indices()
        .zip(text.to_pinyin())
        .map(|((i, c), p)| (i, (c, p)))
    {
        if word.is_empty() {
            if let Some((_, syllables)) = WORDS.iter().find(|(w, _)| text[i..].starts_with(w)) {
                word = syllables.iter().rev().copied().collect();
            }
        }
        let p = match word.pop() {
            Some(syllable) => Some(syllable.to_owned()),
            // Pinyin keyboards type ü as v ("lv guan" for 旅馆).
            None => p.map(|p| p.plain().replace('ü', "v")),
        };
        match p {
            Some(p) => {
                if !latin.is_empty() {
                    out.push(std::mem::take(&mut latin));
                }
                out.push(p);
            }
            None if c.is_ascii_alphanumeric() => latin.push(c.to_ascii_lowercase()),
            None => {
                if !latin.is_empty() {
                    out.push(std::mem::take(&mut latin));
                }
            }
        }
    }
    if !latin.is_empty() {
        out.push(latin);
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_of_names_with_latin_and_punctuation() {
        assert_eq!(to_pinyin("居民身份证"), "ju min shen fen zheng");
        assert_eq!(to_pinyin("驾照（C1）换证"), "jia zhao c1 huan zheng");
        assert_eq!(to_pinyin("旅馆"), "lv guan");
    }

    /// Regression (third review): 特种行业 was "te zhong xing ye", so `txhy` found
    /// nothing; 重新 was "zhong xin", 长期 "zhang qi", 银行 "yin xing".
    #[test]
    fn words_read_as_words() {
        assert_eq!(
            to_pinyin("旅馆业特种行业许可"),
            "lv guan ye te zhong hang ye xu ke"
        );
        assert_eq!(
            to_pinyin("重新申领身份证"),
            "chong xin shen ling shen fen zheng"
        );
        assert_eq!(to_pinyin("长期居住证"), "chang qi ju zhu zheng");
        assert_eq!(to_pinyin("银行卡被盗报案"), "yin hang ka bei dao bao an");
        assert_eq!(to_pinyin("重庆户口"), "chong qing hu kou");
        // Alone, the commonest reading stays.
        assert_eq!(to_pinyin("行驶证"), "xing shi zheng");
    }

    #[test]
    fn enrich_adds_one_pinyin_per_name_and_alias() {
        let mut doc = serde_json::json!({"items":[{"id":"a","name":"护照","aliases":["出国"]}]});
        assert_eq!(enrich(&mut doc), 1);
        assert_eq!(
            doc["items"][0]["pinyin"],
            serde_json::json!(["hu zhao", "chu guo"])
        );
        // Life events too: the kiosk's initials find them.
        let mut doc = serde_json::json!({"items":[],"bundles":[{"id":"u","name":"二手车买卖一件事","aliases":["二手车"]}]});
        enrich(&mut doc);
        assert_eq!(
            doc["bundles"][0]["pinyin"],
            serde_json::json!(["er shou che mai mai yi jian shi", "er shou che"])
        );
    }
}
