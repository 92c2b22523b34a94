//! Which outlets to show for a need, nearest first.

use crate::geo::{distance_m, LonLat};
use crate::outlets::OutletSet;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Index into `OutletSet::outlets`.
    pub index: usize,
    pub distance_m: f64,
}

/// The outlets that handle `item` (every outlet when `None`), nearest to `from` first;
/// ties broken by name so the order is stable.
pub fn nearest(set: &OutletSet, item: Option<&str>, from: LonLat) -> Vec<Hit> {
    let mut hits: Vec<Hit> = set
        .outlets
        .iter()
        .enumerate()
        .filter(|(_, o)| item.is_none_or(|id| o.items.iter().any(|i| i == id)))
        .map(|(index, o)| Hit {
            index,
            distance_m: distance_m(from, o.pos),
        })
        .collect();
    hits.sort_by(|a, b| {
        a.distance_m
            .total_cmp(&b.distance_m)
            .then_with(|| set.outlets[a.index].name.cmp(&set.outlets[b.index].name))
    });
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_by_item_and_sorts_by_distance() {
        let (set, _) = OutletSet::parse(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","id":"far","properties":{"name":"far","items":["sfz"]},"geometry":{"type":"Point","coordinates":[121.6,37.5]}},
            {"type":"Feature","id":"near","properties":{"name":"near","items":["sfz","hz"]},"geometry":{"type":"Point","coordinates":[121.41,37.5]}},
            {"type":"Feature","id":"other","properties":{"name":"other","items":["hz"]},"geometry":{"type":"Point","coordinates":[121.4,37.5]}}]}"#,
        )
        .unwrap();
        let here = LonLat::new(121.4, 37.5);
        let ids = |hits: Vec<Hit>| {
            hits.iter()
                .map(|h| set.outlets[h.index].id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(nearest(&set, Some("sfz"), here)), ["near", "far"]);
        assert_eq!(ids(nearest(&set, None, here)), ["other", "near", "far"]);
        assert!(nearest(&set, Some("nothing"), here).is_empty());
        let hits = nearest(&set, Some("sfz"), here);
        assert!(
            hits[0].distance_m > 800.0 && hits[0].distance_m < 900.0,
            "{hits:?}"
        );
    }
}
