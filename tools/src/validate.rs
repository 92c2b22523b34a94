//! Checks a deployment's files with the app's own loaders and prints every problem.
//! The outlets may be GeoJSON or a pack (`emap pack`), as in the app.

use crate::{read_limited, Result};
use emap_core::config::{resolve, Config, DEFAULT_MAX_DATA_BYTES, MAX_CONFIG_BYTES};
use emap_core::hours::Holidays;
use emap_core::origin::{link_allowed, WEB};
use emap_core::pack::{parse_region, Manifest};
use emap_core::problem::{count, Problem};
use emap_core::{Catalog, Gazetteer, NoticeBoard, OutletSet};
use std::process::ExitCode;

pub fn run(args: &[String]) -> Result<ExitCode> {
    let (mut config, mut outlets, mut catalog, mut root) = (None, None, None, None);
    let (mut notices, mut status, mut gazetteer) = (None, None, None);
    let mut problems: Vec<Problem> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let slot = match a.as_str() {
            "--config" => &mut config,
            "--outlets" => &mut outlets,
            "--catalog" => &mut catalog,
            "--root" => &mut root,
            "--notices" => &mut notices,
            "--status" => &mut status,
            "--gazetteer" => &mut gazetteer,
            other => return Err(format!("unknown argument {other}").into()),
        };
        *slot = Some(it.next().ok_or(format!("{a} needs a file"))?.clone());
    }
    if config.is_none()
        && outlets.is_none()
        && catalog.is_none()
        && notices.is_none()
        && status.is_none()
        && gazetteer.is_none()
    {
        return Err(
            "nothing to check: give --config FILE, --outlets FILE, --catalog FILE, --notices FILE, --status FILE or --gazetteer FILE".into(),
        );
    }
    // A path from the site's root ("/data/o.geojson", as the app reads it) is found
    // under --root, by default the config's folder (where a site keeps its config).
    let root = root.unwrap_or_else(|| {
        config
            .as_deref()
            .and_then(|c| std::path::Path::new(c).parent())
            .map(|d| d.to_string_lossy().into_owned())
            .unwrap_or_else(|| ".".into())
    });
    // A file the config names, on disk: from the site's root under `root`, else
    // beside the config (which may itself be named by an absolute path).
    let on_disk = |config: &str, named: &str| match named.strip_prefix('/') {
        Some(rest) if !named.starts_with("//") => std::path::Path::new(&root)
            .join(rest)
            .to_string_lossy()
            .into_owned(),
        _ => resolve(config, named),
    };
    let mut limit = DEFAULT_MAX_DATA_BYTES;
    let mut centre = None;
    let mut fresh_minutes = emap_core::status::DEFAULT_FRESH_MINUTES;
    // The config's `status` as written (a template for a pack) and the config's path.
    let mut status_named: Option<(String, String)> = None;
    if let Some(path) = &config {
        let c = Config::parse(&read_limited("config", path, MAX_CONFIG_BYTES)?)?;
        centre = Some(c.center());
        // Read as the app reads them: the browser's URL parser resolves each name
        // against the config's address, and only this site's origin or one in
        // data_origins is loaded.
        let site = url::Url::parse("https://this-site.invalid/").expect("a valid URL");
        let config_url = site.join(path).map_err(|e| format!("config {path}: {e}"))?;
        let mut named: Vec<(&'static str, &String)> = vec![("outlets", &c.outlets)];
        named.extend(c.catalog.iter().map(|n| ("catalog", n)));
        let named_holidays = c.holidays.clone().unwrap_or_default();
        named.extend(named_holidays.iter().map(|h| ("holidays", h)));
        named.extend(c.notices.iter().map(|n| ("notices", n)));
        named.extend(c.gazetteer.iter().map(|n| ("gazetteer", n)));
        named.extend(c.status.iter().map(|n| ("status", n)));
        // Holiday files on an allowed data origin are not checked here.
        let mut remote_holidays = std::collections::HashSet::new();
        for (file, named) in named {
            let Ok(url) = config_url.join(named) else {
                return Err(c.refused_origin(file, named).into());
            };
            let protocol = format!("{}:", url.scheme());
            let origin = url.origin().ascii_serialization();
            if !c.data_origin_allowed(&protocol, &origin, &site.origin().ascii_serialization()) {
                return Err(c.refused_origin(file, named).into());
            }
            if url.origin() != site.origin() && file == "holidays" {
                println!("holidays {url}: on another site, not checked");
                remote_holidays.insert(named.clone());
            } else if url.origin() != site.origin() {
                return Err(format!(
                    "{file} is at {url}; download it and pass --{file} FILE to check it"
                )
                .into());
            }
        }
        outlets.get_or_insert_with(|| on_disk(path, &c.outlets));
        if let Some(named) = &c.catalog {
            catalog.get_or_insert_with(|| on_disk(path, named));
        } else if catalog.is_none() {
            println!("catalog: none, so the app is a plain map of outlets, found by name, kind and place");
        }
        if let Some(n) = &c.notices {
            notices.get_or_insert_with(|| on_disk(path, n));
        }
        if let Some(n) = &c.gazetteer {
            gazetteer.get_or_insert_with(|| on_disk(path, n));
        } else if gazetteer.is_none() {
            println!("gazetteer: none, so the places residents start from are the districts the outlets name");
        }
        if let Some(n) = &c.status {
            if status.is_none() {
                status_named = Some((path.clone(), n.clone()));
            }
        }
        fresh_minutes = c.status_fresh_minutes;
        limit = c.max_data_bytes;
        println!("config {path}: ok ({})", c.title);
        // The app shows the attribution as text and links it only to a web page.
        if let Some(t) = &c.tiles {
            if t.attribution.contains('<') {
                problems.push(Problem::warning("config", "tiles.attribution", "looks like HTML: it is shown as typed, tags and all; write plain text and put the link in tiles.attribution_url"));
            }
            if let Some(u) = t
                .attribution_url
                .as_deref()
                .filter(|u| !link_allowed(u, WEB))
            {
                problems.push(Problem::warning(
                    "config",
                    "tiles.attribution_url",
                    format!(
                        "{u:?} is not an http/https link; the attribution is shown without a link"
                    ),
                ));
            }
        }
        check_report(&c, &mut problems);
        // The app reads the same holiday files for `PH` and make-up working days.
        let mut holidays = Holidays::default();
        match &c.holidays {
            None => println!("holidays: not named, so the app's own apply (holidays/YEAR.json beside index.html, this year's and next year's)"),
            Some(list) if list.is_empty() => problems.push(Problem::warning("config", "holidays", "an empty list: public holidays (PH) and make-up working days (调休) are ignored, so hours are wrong on those days; leave `holidays` out to use the app's own files")),
            Some(_) => {}
        }
        for (i, h) in named_holidays.iter().enumerate() {
            if remote_holidays.contains(h) {
                continue;
            }
            let file = on_disk(path, h);
            match read_limited("config", &file, MAX_CONFIG_BYTES)
                .map_err(|e| e.to_string())
                .and_then(|t| holidays.add_file(&t))
            {
                Ok(year) => println!("holidays {file}: {year}"),
                Err(e) => {
                    problems.push(Problem::error("config", format!("holidays[{i}] {file}"), e))
                }
            }
        }
    }
    let catalog = match &catalog {
        Some(path) => {
            let (cat, p) = Catalog::parse(&read_limited("catalog", path, limit)?)?;
            println!(
                "catalog {path}: {} items, {} bundles",
                cat.items.len(),
                cat.bundles.len()
            );
            problems.extend(p);
            Some(cat)
        }
        None => None,
    };
    let mut loaded = None;
    let mut region_files: Option<Vec<String>> = None;
    if let Some(path) = &outlets {
        let text = read_limited("outlets", path, limit)?;
        let mut set = if Manifest::sniff(&text) {
            // A pack: every region, read as the app reads it.
            let manifest = Manifest::parse(&text)?;
            region_files = Some(manifest.regions.iter().map(|r| r.file.clone()).collect());
            let mut set = OutletSet::default();
            for region in &manifest.regions {
                let file = resolve(path, &region.file);
                let (list, p) = parse_region(
                    &region.file,
                    &read_limited("outlets", &file, limit)?,
                    set.outlets.len(),
                )?;
                problems.extend(p);
                if list.len() < region.count {
                    println!(
                        "region {file}: {} of {} outlets kept",
                        list.len(),
                        region.count
                    );
                }
                for o in list {
                    set.push(o, &format!("{} id", region.file), &mut problems);
                }
            }
            set
        } else {
            let (set, p) = OutletSet::parse(&text)?;
            problems.extend(p);
            set
        };
        if let Some(cat) = &catalog {
            problems.extend(set.check_against(cat));
        }
        let own = set.outlets.iter().map(|o| o.notices.len()).sum::<usize>();
        if own > 0 {
            println!("outlets {path}: {own} notices on outlets kept");
        }
        if let Some(centre) = centre {
            problems.extend(set.check_placement(centre, 0));
        }
        // A check date after today claims a check that has not happened.
        problems.extend(set.check_dates(crate::status::now().date(), 0));
        println!("outlets {path}: {} outlets kept", set.outlets.len());
        loaded = Some(set);
    }
    // The bureau-wide notices: each read by the app's rules, then checked against the
    // outlets and items they name.
    if let Some(path) = &notices {
        let (mut board, p) = NoticeBoard::parse(&read_limited("notices", path, limit)?)?;
        problems.extend(p);
        if let Some(set) = &loaded {
            problems.extend(board.check(set, catalog.as_ref()));
        }
        println!("notices {path}: {} notices kept", board.notices.len());
    }
    // The places residents start from, read as the app reads them.
    if let Some(path) = &gazetteer {
        let (g, p) = Gazetteer::parse(&read_limited("gazetteer", path, limit)?)?;
        problems.extend(p);
        // A hand-written file: found by its Chinese and English names only.
        let unkeyed: Vec<&str> = g
            .places
            .iter()
            .filter(|p| p.pinyin.is_empty() && p.initials.is_empty())
            .map(|p| p.name.as_str())
            .collect();
        if !unkeyed.is_empty() {
            let mut few = unkeyed
                .iter()
                .take(5)
                .copied()
                .collect::<Vec<_>>()
                .join("、");
            if unkeyed.len() > 5 {
                few.push_str("、…");
            }
            problems.push(Problem::warning(
                "gazetteer",
                "places",
                format!(
                    "{} places have no pinyin or initials, so `nandajie` or `ndj` will not find them: {few}; make the file with `emap gazetteer`, or add the keys",
                    unkeyed.len()
                ),
            ));
        }
        // As for outlets: outside China and far from the map's centre is a slip.
        if let Some(centre) = centre {
            for p in &g.places {
                let km = emap_core::geo::distance_m(centre, p.pos) / 1000.0;
                if !p.pos.in_china() && km > emap_core::check::FAR_KM {
                    problems.push(Problem::warning(
                        "gazetteer",
                        format!("places ({})", p.name),
                        format!(
                            "[{}, {}] is outside China, {km:.0} km from the config's center: check the position (longitude first)",
                            p.pos.lon, p.pos.lat
                        ),
                    ));
                }
            }
        }
        println!("gazetteer {path}: {} places kept", g.places.len());
    }
    // The live status feed(s): the one named by --status, or those the config's
    // `status` names (one per region file of a pack when it has `{region}`).
    let mut feeds: Vec<String> = status.into_iter().collect();
    if let Some((config_path, named)) = &status_named {
        let regions: Vec<&str> = region_files.iter().flatten().map(String::as_str).collect();
        if named.contains("{region}") && region_files.is_none() {
            problems.push(Problem::error(
                "config",
                "status",
                format!(
                    "{named:?} has {{region}}, but the outlets are not a pack: name one feed file"
                ),
            ));
        }
        feeds.extend(
            // Names as written, then found on disk as the other files are.
            emap_core::status::feed_names("", named, &regions)
                .iter()
                .map(|n| on_disk(config_path, n)),
        );
    }
    let now = crate::status::now();
    for feed in &feeds {
        let known = loaded
            .as_ref()
            .map(|set: &OutletSet| move |id: &str| set.get(id).is_some());
        let known_ref = known.as_ref().map(|k| k as &dyn Fn(&str) -> bool);
        crate::status::check(feed, now, fresh_minutes, known_ref, &mut problems)?;
    }
    for p in &problems {
        println!("{p}");
    }
    let (errors, warnings) = count(&problems);
    println!("{errors} errors, {warnings} warnings");
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The config's `report`: a link the app would not offer (it follows the rule for
/// every link from data), or nothing to offer at all.
fn check_report(c: &Config, problems: &mut Vec<Problem>) {
    let Some(r) = &c.report else { return };
    let blank = |t: &Option<String>| t.as_deref().is_none_or(|t| t.trim().is_empty());
    if blank(&r.url) && blank(&r.phone) {
        problems.push(Problem::warning(
            "config",
            "report",
            "names neither url nor phone: residents are offered no way to report wrong information",
        ));
    }
    if let Some(u) = r.url.as_deref().filter(|u| !u.trim().is_empty()) {
        // Judged as the app judges the link it builds: with the placeholders filled.
        let filled = u.replace("{outlet}", "x").replace("{field}", "x");
        if !link_allowed(&filled, WEB) {
            problems.push(Problem::warning(
                "config",
                "report.url",
                format!("{u:?} is not an http/https link; the app does not offer it"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: a config naming its files from the site's root ("/data/…"), as the
    /// docs allow and the app reads, was read from the file system's root and refused.
    #[test]
    fn paths_from_the_site_root_are_found_under_the_config_folder() {
        let dir = std::env::temp_dir().join(format!("emap-validate-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(
            dir.join("data/o.geojson"),
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{"name":"派出所","items":["x"]},"geometry":{"type":"Point","coordinates":[121.4,37.5]}}]}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("data/c.json"),
            r#"{"items":[{"id":"x","name":"事项","category":"household"}]}"#,
        )
        .unwrap();
        let config = dir.join("config.json");
        std::fs::write(
            &config,
            r#"{"title":"t","outlets":"/data/o.geojson","catalog":"/data/c.json","center":[121.4,37.5]}"#,
        )
        .unwrap();
        let code = run(&["--config".into(), config.to_string_lossy().into_owned()]).unwrap();
        assert_eq!(code, ExitCode::SUCCESS);
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// Regression: with no file named it printed "0 errors" and passed, checking nothing.
    #[test]
    fn nothing_named_is_an_error_not_a_pass() {
        assert!(run(&[]).is_err());
    }

    /// As the app reads them: a tab or a backslash in a file's name does not hide
    /// another site (the URL parser drops the tab and reads `\` as `/`).
    #[test]
    fn a_file_named_on_another_site_is_refused_however_written() {
        let dir = std::env::temp_dir().join(format!("emap-validate-o-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // As written in the JSON text: `\t` is a tab, `\\` one backslash.
        for named in [
            "/\\t/elsewhere.example/o.json",
            "/\\\\elsewhere.example/o.json",
            "//elsewhere.example/o.json",
        ] {
            let config = dir.join("config.json");
            std::fs::write(
                &config,
                format!(r#"{{"title":"t","outlets":"{named}","catalog":"c.json","center":[121.4,37.5]}}"#),
            )
            .unwrap();
            let err = run(&["--config".into(), config.to_string_lossy().into_owned()]).unwrap_err();
            assert!(err.to_string().contains("出于安全考虑"), "{named}: {err}");
        }
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// Regression (issue 21): `--config /abs/path/config.json` read
    /// `/abs/path/abs/path/catalog.json`.
    #[test]
    fn a_config_named_by_an_absolute_path_finds_its_files_beside_it() {
        let dir = std::env::temp_dir().join(format!("emap-validate-abs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("o.geojson"),
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{"name":"派出所","items":["x"]},"geometry":{"type":"Point","coordinates":[121.4,37.5]}}]}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("c.json"),
            r#"{"items":[{"id":"x","name":"事项","category":"household"}]}"#,
        )
        .unwrap();
        let config = dir.join("config.json");
        std::fs::write(
            &config,
            r#"{"title":"t","outlets":"o.geojson","catalog":"c.json","center":[121.4,37.5]}"#,
        )
        .unwrap();
        assert!(config.is_absolute());
        let code = run(&["--config".into(), config.to_string_lossy().into_owned()]).unwrap();
        assert_eq!(code, ExitCode::SUCCESS);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
