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
    let mut doc: Value = serde_json::from_str(&read(input)?)?;
    let n = enrich(&mut doc);
    std::fs::write(&out, serde_json::to_string_pretty(&doc)? + "\n")?;
    eprintln!("enriched {n} items → {out}");
    Ok(ExitCode::SUCCESS)
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

pub fn to_pinyin(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut latin = String::new();
    for (c, p) in text.chars().zip(text.to_pinyin()) {
        match p {
            Some(p) => {
                if !latin.is_empty() {
                    out.push(std::mem::take(&mut latin));
                }
                // Pinyin keyboards type ü as v ("lv guan" for 旅馆).
                out.push(p.plain().replace('ü', "v"));
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
