//! Opening hours in OpenStreetMap's `opening_hours` syntax, read with the maintained
//! `opening-hours-syntax` grammar. For now: whether a value can be read at all, so
//! the loader can warn maintainers; values are always shown as written.

/// `Ok` when the value parses; otherwise the parser's reason, on one line.
pub fn check(value: &str) -> Result<(), String> {
    match opening_hours_syntax::parse(value) {
        Ok(_) => Ok(()),
        // The grammar's own message lists every rule it expected; a maintainer needs
        // where reading stopped.
        Err(e) => {
            let text = e.to_string();
            let column = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("-->"))
                .and_then(|pos| pos.trim().split(':').nth(1).map(str::to_owned));
            Err(match column {
                Some(c) => format!("cannot be read from character {c} on"),
                None => "cannot be read".to_owned(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_hours_of_the_sample_city() {
        for v in [
            "Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off",
            "24/7",
            "Mo-Su 08:00-17:00; PH off",
        ] {
            assert_eq!(check(v), Ok(()), "{v}");
        }
        assert!(check("工作日 9点到5点").is_err());
        assert!(check("Mo-Fr 25:00-26:99").is_err());
    }

    /// Every real-world value from the shared data sets is either read or reported,
    /// never a panic.
    #[test]
    fn never_panics_on_real_world_values() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/realdata/");
        let mut seen = 0;
        for (file, column) in [
            ("opening_hours_values_from_test_log.tsv", 1),
            ("real_hours_strings_from_datasets.tsv", 2),
        ] {
            let text = std::fs::read_to_string(format!("{dir}{file}"))
                .expect("shared/realdata beside the repository");
            for line in text.lines().skip(1) {
                if let Some(v) = line.split('\t').nth(column) {
                    let _ = check(v);
                    seen += 1;
                }
            }
        }
        assert!(seen > 1000, "{seen}");
    }
}
