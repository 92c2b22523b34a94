use super::*;
use crate::problem::Level;

/// A small Yantai: a district, streets, a station with aliases, landmarks.
const FILE: &str = r#"{"format":"emap-gazetteer/1","sample":true,"places":[
{"name":"芝罘区","name:en":"Zhifu District","kind":"district","lonlat":[121.39751,37.53951],"pinyin":["zhifuqu"],"initials":["zfq"]},
{"name":"南大街","name:en":"Nan Dajie","kind":"street","lonlat":[121.3895,37.536],"pinyin":["nandajie"],"initials":["ndj"]},
{"name":"南大街小区","kind":"estate","lonlat":[121.391,37.5341],"pinyin":["nandajiexiaoqu"],"initials":["ndjxq"]},
{"name":"烟台站","name:en":"Yantai Railway Station","kind":"station","lonlat":[121.38842,37.54611],"aliases":["火车站","烟台火车站"],"pinyin":["yantaizhan","huochezhan","yantaihuochezhan"],"initials":["ytz","hcz","ythcz"]},
{"name":"烟台南站","name:en":"Yantai South Railway Station","kind":"station","lonlat":[121.44702,37.43193],"pinyin":["yantainanzhan"],"initials":["ytnz"]},
{"name":"万达广场","name:en":"Wanda Plaza","kind":"landmark","lonlat":[121.38701,37.53702],"pinyin":["wandaguangchang"],"initials":["wdgc"]},
{"name":"芝罘万达","kind":"landmark","lonlat":[121.38702,37.53703],"pinyin":["zhifuwanda"],"initials":["zfwd"]},
{"name":"烟台大学","name:en":"Yantai University","kind":"landmark","lonlat":[121.44803,37.47704],"pinyin":["yantaidaxue"],"initials":["ytdx"]}
]}"#;

fn gazetteer() -> Gazetteer {
    let (g, problems) = Gazetteer::parse(FILE).unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
    g
}

fn names(g: &Gazetteer, q: &str) -> Vec<String> {
    g.find(q, 10).iter().map(|p| p.name.clone()).collect()
}

#[test]
fn reads_every_field() {
    let g = gazetteer();
    assert!(g.sample);
    assert_eq!(g.places.len(), 8);
    let station = &g.places[3];
    assert_eq!(station.kind, PlaceKind::Station);
    assert_eq!(station.name_en.as_deref(), Some("Yantai Railway Station"));
    assert_eq!(station.aliases, ["火车站", "烟台火车站"]);
    assert_eq!(station.pos, LonLat::new(121.38842, 37.54611));
    assert_eq!(station.initials[0], "ytz");
    assert_eq!(station.outlets, 0);
    assert_eq!(g.named("烟台站"), Some(station));
    assert_eq!(g.named("ＹＡＮＧ"), None);
}

#[test]
fn a_name_in_the_pages_language() {
    let g = gazetteer();
    let en = g.places[3].name(Lang::En);
    assert_eq!((en.text, en.lang), ("Yantai Railway Station", Lang::En));
    assert_eq!(g.places[3].name(Lang::Zh).text, "烟台站");
    // No English name: the Chinese, marked as Chinese.
    let fallback = g.places[2].name(Lang::En);
    assert_eq!((fallback.text, fallback.lang), ("南大街小区", Lang::Zh));
    assert_eq!(PlaceKind::Station.label(Lang::Zh), "车站");
    assert_eq!(PlaceKind::Street.label(Lang::En), "Street");
}

#[test]
fn kinds_read_and_write_their_keys() {
    for k in PlaceKind::ALL {
        assert_eq!(PlaceKind::parse(k.key()), Some(k));
    }
    assert_eq!(PlaceKind::parse("park"), None);
    // The ranking's order on a tie: the bigger place first.
    assert!(PlaceKind::District < PlaceKind::Town);
    assert!(PlaceKind::Town < PlaceKind::Street);
    assert!(PlaceKind::Street < PlaceKind::Estate);
    assert!(PlaceKind::Estate < PlaceKind::Station);
    assert!(PlaceKind::Station < PlaceKind::Landmark);
}

#[test]
fn exact_name_then_prefix_then_contains() {
    let g = gazetteer();
    // Exact (南大街), then a name it begins (南大街小区).
    assert_eq!(names(&g, "南大街"), ["南大街", "南大街小区"]);
    // A name it begins (烟台站, 烟台南站, 烟台大学: stations before landmarks, the
    // shorter first), then a name it is inside (芝罘万达 holds nothing of 烟台).
    assert_eq!(names(&g, "烟台"), ["烟台站", "烟台南站", "烟台大学"]);
    // Prefix before contains: 万达广场 begins with 万达, 芝罘万达 holds it.
    assert_eq!(names(&g, "万达"), ["万达广场", "芝罘万达"]);
    // Contains: 大街 is inside 南大街 (a street before an estate on a tie).
    assert_eq!(names(&g, "大街"), ["南大街", "南大街小区"]);
}

#[test]
fn on_a_tie_districts_before_streets_before_landmarks() {
    let (g, problems) = Gazetteer::parse(
        r#"{"places":[
        {"name":"中山广场","kind":"landmark","lonlat":[121.41,37.52]},
        {"name":"中山路","kind":"street","lonlat":[121.42,37.52]},
        {"name":"中山区","kind":"district","lonlat":[121.43,37.52]},
        {"name":"中山站","kind":"station","lonlat":[121.44,37.52]},
        {"name":"中山小区","kind":"estate","lonlat":[121.45,37.52]},
        {"name":"中山街道","kind":"town","lonlat":[121.46,37.52]}]}"#,
    )
    .unwrap();
    assert!(problems.is_empty());
    assert_eq!(
        names(&g, "中山"),
        [
            "中山区",
            "中山街道",
            "中山路",
            "中山小区",
            "中山站",
            "中山广场"
        ]
    );
}

#[test]
fn full_pinyin_initials_and_english_find_places() {
    let g = gazetteer();
    assert_eq!(names(&g, "nandajie")[0], "南大街");
    assert_eq!(names(&g, "nan da jie")[0], "南大街");
    assert_eq!(names(&g, "ndj"), ["南大街", "南大街小区"]);
    assert_eq!(names(&g, "NDJ")[0], "南大街");
    assert_eq!(
        names(&g, "ｎｄｊ")[0],
        "南大街",
        "full-width letters from a phone IME"
    );
    assert_eq!(names(&g, "zhifu"), ["芝罘区", "芝罘万达"]);
    assert_eq!(names(&g, "wanda"), ["万达广场", "芝罘万达"]);
    assert_eq!(names(&g, "Wanda Plaza"), ["万达广场"]);
    // Any word of the English name, from its start.
    assert_eq!(names(&g, "plaza"), ["万达广场"]);
    assert_eq!(names(&g, "university"), ["烟台大学"]);
    assert_eq!(
        names(&g, "railway station"),
        ["烟台站", "烟台南站"],
        "inside an English name"
    );
    // An alias's pinyin and initials: `hcz` is 火车站.
    assert_eq!(names(&g, "hcz"), ["烟台站"]);
    assert_eq!(names(&g, "huochezhan"), ["烟台站"]);
}

#[test]
fn aliases_are_names() {
    let g = gazetteer();
    assert_eq!(names(&g, "火车站"), ["烟台站"]);
    assert_eq!(names(&g, "烟台火车站"), ["烟台站"]);
}

#[test]
fn a_place_said_in_a_sentence() {
    let g = gazetteer();
    assert_eq!(names(&g, "我在烟台大学附近"), ["烟台大学"]);
    // What the query holds ranks after what holds the query.
    assert_eq!(names(&g, "南大街附近"), ["南大街"]);
}

#[test]
fn short_queries_match_less() {
    let g = gazetteer();
    // One character or letter: nothing but a key typed whole.
    assert!(names(&g, "南").is_empty());
    assert!(names(&g, "n").is_empty());
    // Two letters: the start of a pinyin, initials or English word.
    assert_eq!(names(&g, "wd"), ["万达广场"]);
    assert_eq!(names(&g, "pl"), ["万达广场"]);
    // Inside a key needs three: `an` is in nandajie and yantai, which is too much.
    assert!(names(&g, "an").is_empty());
    assert!(names(&g, "").is_empty() && names(&g, "  ").is_empty());
    assert!(names(&g, "天气").is_empty());
}

#[test]
fn the_limit_is_kept() {
    let g = gazetteer();
    assert_eq!(g.find("烟台", 2).len(), 2);
    assert_eq!(g.find("烟台", 0).len(), 0);
}

#[test]
fn bad_places_are_reported_and_the_rest_kept() {
    let (g, problems) = Gazetteer::parse(
        r#"{"places":[
        {"name":"好地方","kind":"landmark","lonlat":[121.4,37.5]},
        {"kind":"street","lonlat":[121.4,37.51]},
        {"name":"  ","kind":"street","lonlat":[121.4,37.51]},
        {"name":"太远","kind":"landmark","lonlat":[221.4,37.5]},
        {"name":"写反","kind":"landmark","lonlat":[37.5,121.4]},
        {"name":"占位","kind":"district","lonlat":[121,37]},
        {"name":"没坐标","kind":"landmark"},
        {"name":"坐标是字","kind":"landmark","lonlat":["121.4","37.5"]},
        {"name":"公园","kind":"park","lonlat":[121.41,37.5]},
        {"name":"无类","lonlat":[121.42,37.5]},
        "南大街",
        {"name":"好地方","kind":"landmark","lonlat":[121.4001,37.5001]},
        {"name":"好地方","kind":"landmark","lonlat":[121.5,37.5]},
        {"name":"拼音","kind":"street","lonlat":[121.43,37.5],"pinyin":["pīn yīn", "pinyin"],"aliases":"别名"}
        ]}"#,
    )
    .unwrap();
    let kept: Vec<&str> = g.places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(kept, ["好地方", "公园", "无类", "好地方", "拼音"]);
    let at = |i: usize| -> Vec<(Level, &str, &str)> {
        problems
            .iter()
            .filter(|p| p.index == Some(i))
            .map(|p| (p.level, p.path.as_str(), p.message.as_str()))
            .collect()
    };
    assert_eq!(
        at(1),
        [(Level::Error, "places[1].name", "place dropped: no name")]
    );
    assert_eq!(at(2)[0].2, "place dropped: no name");
    assert_eq!(at(3)[0].1, "places[3].lonlat");
    assert!(at(3)[0].2.contains("outside the world"), "{:?}", at(3));
    assert!(at(4)[0].2.contains("应为 [121.4, 37.5]"), "{:?}", at(4));
    assert!(at(5)[0].2.contains("whole degrees"), "{:?}", at(5));
    assert!(at(6)[0].2.contains("no lonlat"), "{:?}", at(6));
    assert!(at(7)[0].2.contains("not two numbers"), "{:?}", at(7));
    // An unknown or missing kind: kept as a landmark, with a warning.
    assert_eq!(at(8)[0].0, Level::Warning);
    assert!(at(8)[0].2.contains("unknown kind \"park\""), "{:?}", at(8));
    assert_eq!(g.places[1].kind, PlaceKind::Landmark);
    assert_eq!(at(9)[0].2, "no kind: read as landmark");
    assert!(at(10)[0].2.contains("is an object"), "{:?}", at(10));
    // The same name and kind within 500 m: one place listed twice. Farther, two.
    assert_eq!(at(11)[0].0, Level::Error);
    assert!(at(11)[0].2.contains("places[0]"), "{:?}", at(11));
    assert!(at(12).is_empty());
    // A key that is not letters, and aliases not a list: ignored, the place kept.
    assert_eq!(g.places[4].pinyin, ["pinyin"]);
    assert!(g.places[4].aliases.is_empty());
    assert_eq!(at(13).len(), 2, "{:?}", at(13));
    // Every problem names its place.
    let named = problems.iter().find(|p| p.index == Some(3)).unwrap();
    assert_eq!(named.id.as_deref(), Some("太远"));
    assert_eq!(
        named.to_string(),
        "error: gazetteer places[3].lonlat (id 太远): place dropped: lonlat [221.4,37.5] is outside the world (longitude -180 to 180, latitude -90 to 90)"
    );
}

#[test]
fn a_file_that_is_not_a_gazetteer_is_fatal() {
    let fatal = |t: &str| Gazetteer::parse(t).unwrap_err().message;
    assert!(fatal("{\"places\": [").contains("not JSON"));
    assert!(fatal("{\"Places\": []}").contains("no \"places\" list"));
    assert!(fatal("[]").contains("no \"places\" list"));
    assert!(fatal(r#"{"type":"FeatureCollection","features":[]}"#).contains("emap gazetteer"));
    assert!(fatal(r#"{"format":"emap-gazetteer/2","places":[]}"#).contains("version 1"));
    assert_eq!(
        Gazetteer::parse("{\"places\":[]}").unwrap().1[0].level,
        Level::Warning,
        "an empty list is said"
    );
    assert!(Gazetteer::parse("\u{feff}{\"places\":[]}").is_ok());
}

#[test]
fn text_is_tamed_and_cut() {
    let long = "长".repeat(3000);
    let (g, problems) = Gazetteer::parse(&format!(
        r#"{{"places":[{{"name":"\u202e{long}","kind":"street","lonlat":[121.4,37.5]}}]}}"#
    ))
    .unwrap();
    assert_eq!(
        g.places[0].name.chars().count(),
        2001,
        "2,000 and an ellipsis"
    );
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].level, Level::Warning);
}

#[test]
fn written_text_reads_back_the_same() {
    let mut g = gazetteer();
    g.places[0].pos = LonLat::new(121.397_514_9, 37.539_505_1);
    let text = g.to_text(Some("示例数据"));
    assert!(text.starts_with(
        "{\"format\":\"emap-gazetteer/1\",\"sample\":true,\"note\":\"示例数据\",\"places\":[\n{\"name\":\"芝罘区\",\"name:en\":\"Zhifu District\",\"kind\":\"district\",\"lonlat\":[121.39751,37.53951],"
    ), "{text}");
    assert_eq!(text.lines().count(), 10, "one place a line");
    let (back, problems) = Gazetteer::parse(&text).unwrap();
    assert!(problems.is_empty());
    g.places[0].pos = LonLat::new(121.39751, 37.53951);
    assert_eq!(back, g);
}
