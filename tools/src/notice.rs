//! `emap notice`: the bureau's notices (closures, moves, extra or shorter hours,
//! suspended items) as staff keep them.
//!
//! ```text
//! emap notice list [--config FILE]
//! emap notice add --config FILE --kind K --from D [--to D] --text T [--text-en T]
//!                 [--outlet ID]… [--outlet-kind K]… [--item ID]… [--moved-to ID]
//!                 [--hours H] [--id ID]
//! emap notice end --config FILE ID [--on DATE]
//! ```
//!
//! `add` and `end` write the bureau-wide notices file the config names (`notices`),
//! checking each notice by the app's own rules first; an outlet's own notices live in
//! the outlets file and are listed, not edited. Every command takes `--today
//! YYYY-MM-DD` in place of today's date in Beijing.

use crate::{read, read_limited, Result};
use emap_core::config::{resolve, Config, MAX_CONFIG_BYTES};
use emap_core::hours::{parse_ymd, shanghai_time, ymd, DateTime};
use emap_core::i18n::Lang;
use emap_core::notices::read_notice;
use emap_core::pack::{parse_region, Manifest};
use emap_core::{Catalog, Notice, NoticeBoard, OutletSet};
use serde_json::{json, Map, Value};
use std::process::ExitCode;

pub fn run(args: &[String]) -> Result<ExitCode> {
    let (command, rest) = args
        .split_first()
        .ok_or("emap notice list|add|end: say which")?;
    let mut opts = Options::default();
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{a} needs a value"))
        };
        match a.as_str() {
            "--config" => opts.config = value()?,
            "--today" => {
                let v = value()?;
                opts.today = Some(parse_ymd(&v).ok_or(format!("--today {v:?} is not YYYY-MM-DD"))?)
            }
            "--kind" => opts.kind = Some(value()?),
            "--from" => opts.from = Some(value()?),
            "--to" => opts.to = Some(value()?),
            "--on" => opts.on = Some(value()?),
            "--text" => opts.text = Some(value()?),
            "--text-en" => opts.text_en = Some(value()?),
            "--outlet" => opts.outlets.push(value()?),
            "--outlet-kind" => opts.kinds.push(value()?),
            "--item" => opts.items.push(value()?),
            "--moved-to" => opts.moved_to = Some(value()?),
            "--hours" => opts.hours = Some(value()?),
            "--id" => opts.id = Some(value()?),
            other if !other.starts_with("--") && opts.target.is_none() => {
                opts.target = Some(other.to_owned())
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    match command.as_str() {
        "list" => list(&opts),
        "add" => add(&opts),
        "end" => end(&opts),
        other => Err(format!("emap notice {other}: use list, add or end").into()),
    }
}

struct Options {
    config: String,
    today: Option<emap_core::hours::Date>,
    kind: Option<String>,
    from: Option<String>,
    to: Option<String>,
    on: Option<String>,
    text: Option<String>,
    text_en: Option<String>,
    outlets: Vec<String>,
    kinds: Vec<String>,
    items: Vec<String>,
    moved_to: Option<String>,
    hours: Option<String>,
    id: Option<String>,
    target: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            config: "public/config.json".into(),
            today: None,
            kind: None,
            from: None,
            to: None,
            on: None,
            text: None,
            text_en: None,
            outlets: Vec::new(),
            kinds: Vec::new(),
            items: Vec::new(),
            moved_to: None,
            hours: None,
            id: None,
            target: None,
        }
    }
}

impl Options {
    /// Now in Beijing, or 08:00 on `--today`.
    fn now(&self) -> DateTime {
        match self.today {
            Some(d) => d.and_hms_opt(8, 0, 0).expect("a time"),
            None => {
                let ms = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0.0, |d| d.as_millis() as f64);
                shanghai_time(ms)
            }
        }
    }
}

/// A deployment as the config names it: its outlets, catalog and notices file.
struct Deployment {
    outlets: OutletSet,
    catalog: Catalog,
    /// The notices file on disk, if the config names one.
    notices: Option<String>,
}

fn load(config_path: &str) -> Result<Deployment> {
    let c = Config::parse(&read_limited("config", config_path, MAX_CONFIG_BYTES)?)?;
    // Names from the site's root ("/data/…") are under the config's folder.
    let dir = std::path::Path::new(config_path)
        .parent()
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default();
    let on_disk = |named: &str| match named.strip_prefix('/') {
        Some(rest) if !named.starts_with("//") => std::path::Path::new(&dir)
            .join(rest)
            .to_string_lossy()
            .into_owned(),
        _ => resolve(config_path, named),
    };
    let limit = c.max_data_bytes;
    let outlets_path = on_disk(&c.outlets);
    let text = read_limited("outlets", &outlets_path, limit)?;
    let mut outlets = if Manifest::sniff(&text) {
        let manifest = Manifest::parse(&text)?;
        let mut set = OutletSet::default();
        for region in &manifest.regions {
            let file = resolve(&outlets_path, &region.file);
            let (list, _) = parse_region(
                &region.file,
                &read_limited("outlets", &file, limit)?,
                set.outlets.len(),
            )?;
            for o in list {
                set.push(o, &region.file, &mut Vec::new());
            }
        }
        set
    } else {
        OutletSet::parse(&text)?.0
    };
    // Without a catalog no item id is known: notices naming items are refused.
    let catalog = match &c.catalog {
        Some(named) => Catalog::parse(&read_limited("catalog", &on_disk(named), limit)?)?.0,
        None => Catalog::default(),
    };
    outlets.check_against(&catalog);
    Ok(Deployment {
        outlets,
        catalog,
        notices: c.notices.as_deref().map(on_disk),
    })
}

/// The notices file as JSON (an empty list when the file does not exist yet), after
/// checking it is one.
fn read_board(path: &str) -> Result<Value> {
    if !std::path::Path::new(path).exists() {
        return Ok(json!({ "notices": [] }));
    }
    let text = read(path)?;
    NoticeBoard::parse(&text)?;
    Ok(serde_json::from_str(text.trim_start_matches('\u{feff}'))?)
}

fn write_board(path: &str, board: &Value) -> Result<()> {
    if let Some(dir) = std::path::Path::new(path).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    std::fs::write(path, serde_json::to_string_pretty(board)? + "\n")
        .map_err(|e| format!("cannot write {path}: {e}").into())
}

fn notices_path(d: &Deployment, config: &str) -> Result<String> {
    d.notices.clone().ok_or_else(|| {
        format!("{config} names no notices file: add \"notices\": \"data/notices.json\" (relative to the config) to it").into()
    })
}

fn span(n: &Notice) -> String {
    let from = n.to_json()["from"].as_str().unwrap_or_default().to_owned();
    match n.to_json()["to"].as_str() {
        Some(to) => format!("{from} – {to}"),
        None => format!("{from} –"),
    }
}

fn list(opts: &Options) -> Result<ExitCode> {
    let d = load(&opts.config)?;
    let now = opts.now();
    let mut rows: Vec<(String, &Notice)> = Vec::new();
    for o in &d.outlets.outlets {
        rows.extend(o.notices.iter().map(|n| (format!("outlet {}", o.id), n)));
    }
    let board = match &d.notices {
        Some(path) if std::path::Path::new(path).exists() => {
            let (mut board, mut problems) = NoticeBoard::parse(&read(path)?)?;
            problems.extend(board.check(&d.outlets, Some(&d.catalog)));
            for p in problems {
                eprintln!("{p}");
            }
            board
        }
        _ => NoticeBoard::default(),
    };
    for n in &board.notices {
        let mut whom: Vec<String> = n.outlets.iter().map(|o| format!("outlet {o}")).collect();
        whom.extend(n.kinds.iter().map(|k| format!("kind {}", k.key())));
        if whom.is_empty() {
            whom.push("all outlets".into());
        }
        rows.push((whom.join(", "), n));
    }
    for (whom, n) in &rows {
        let mut text: String = n.text.chars().take(60).collect();
        if n.text.chars().count() > 60 {
            text.push('…');
        }
        let moved = n
            .moved_to
            .as_deref()
            .map(|m| format!(" → {m}"))
            .unwrap_or_default();
        println!(
            "{:<8} {:<11} {}  {}  {whom}{moved}  {}  {text}",
            n.timing(now).key(),
            n.kind.key(),
            n.id,
            span(n),
            n.line(Lang::Zh, now),
        );
    }
    println!("{} notices", rows.len());
    Ok(ExitCode::SUCCESS)
}

fn add(opts: &Options) -> Result<ExitCode> {
    let d = load(&opts.config)?;
    let path = notices_path(&d, &opts.config)?;
    let mut board = read_board(&path)?;
    let list = board["notices"]
        .as_array_mut()
        .ok_or("the notices file has no notices list")?;
    let kind = opts
        .kind
        .as_deref()
        .ok_or("--kind is needed: closure, moved, extra_hours, reduced or suspended")?;
    let from = opts
        .from
        .as_deref()
        .ok_or("--from is needed: the date it starts (YYYY-MM-DD)")?;
    let taken = |id: &str| list.iter().any(|n| n["id"].as_str() == Some(id));
    let id = match &opts.id {
        Some(id) if taken(id) => return Err(format!("a notice {id:?} exists already").into()),
        Some(id) => id.clone(),
        None => {
            let stem = format!("{}-{kind}", from.split('T').next().unwrap_or(from));
            (1..)
                .map(|n| match n {
                    1 => stem.clone(),
                    n => format!("{stem}-{n}"),
                })
                .find(|id| !taken(id))
                .expect("a free id")
        }
    };
    let mut o = Map::new();
    o.insert("id".into(), json!(id));
    o.insert("kind".into(), json!(kind));
    o.insert("from".into(), json!(from));
    let text = |v: &Option<String>| v.as_ref().map(|t| json!(t));
    for (key, value) in [
        ("to", text(&opts.to)),
        ("text", text(&opts.text)),
        ("text:en", text(&opts.text_en)),
        ("moved_to", text(&opts.moved_to)),
        ("hours", text(&opts.hours)),
    ] {
        if let Some(v) = value {
            o.insert(key.into(), v);
        }
    }
    for (key, ids) in [
        ("outlets", &opts.outlets),
        ("kinds", &opts.kinds),
        ("items", &opts.items),
    ] {
        if !ids.is_empty() {
            o.insert(key.into(), json!(ids));
        }
    }
    let value = Value::Object(o);
    // The app's own rules, then the outlets and items it names.
    let (notice, _) = read_notice(&value, list.len(), id.clone(), true)
        .map_err(|(at, why)| format!("notice refused ({}): {why}", at.trim_start_matches('.')))?;
    let mut check = NoticeBoard {
        notices: vec![notice.clone()],
    };
    if let Some(p) = check.check(&d.outlets, Some(&d.catalog)).first() {
        let why = p.message.trim_start_matches("notice dropped: ");
        return Err(format!("notice refused: {why}").into());
    }
    list.push(value);
    write_board(&path, &board)?;
    let now = opts.now();
    println!(
        "added {id} to {path}: {} ({})",
        notice.line(Lang::Zh, now),
        notice.timing(now).key()
    );
    Ok(ExitCode::SUCCESS)
}

fn end(opts: &Options) -> Result<ExitCode> {
    let d = load(&opts.config)?;
    let id = opts
        .target
        .as_deref()
        .ok_or("which notice? emap notice end --config FILE ID [--on DATE]")?;
    let path = notices_path(&d, &opts.config)?;
    let mut board = read_board(&path)?;
    let list = board["notices"]
        .as_array_mut()
        .ok_or("the notices file has no notices list")?;
    let Some(i) = list.iter().position(|n| n["id"].as_str() == Some(id)) else {
        if let Some(o) = d
            .outlets
            .outlets
            .iter()
            .find(|o| o.notices.iter().any(|n| n.id == id))
        {
            return Err(format!(
                "{id} is outlet {}'s own notice, in the outlets file: edit its \"to\" there",
                o.id
            )
            .into());
        }
        return Err(format!("no notice {id:?} in {path}").into());
    };
    let on = match &opts.on {
        Some(on) => on.clone(),
        None => ymd(opts.now().date()),
    };
    let mut edited = list[i].clone();
    edited["to"] = json!(on);
    let (notice, _) = read_notice(&edited, i, id.to_owned(), true).map_err(|(at, why)| {
        format!(
            "cannot end {id} on {on} ({}): {why}",
            at.trim_start_matches('.')
        )
    })?;
    list[i] = edited;
    write_board(&path, &board)?;
    println!(
        "{id} now ends on {on} ({})",
        notice.timing(opts.now()).key()
    );
    Ok(ExitCode::SUCCESS)
}
