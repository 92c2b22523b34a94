//! Which outlets to show for a need, nearest first.

use crate::geo::{distance_m, LonLat};
use crate::outlets::OutletSet;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Index into `OutletSet::outlets`.
    pub index: usize,
    pub distance_m: f64,
}

/// The outlets that handle `item` (every outlet when `None`), nearest to `from` first;
/// ties broken by name so the order is stable.
pub fn nearest(set: &OutletSet, item: Option<&str>, from: LonLat) -> Vec<Hit> {
    // Outlets share their item lists (a region lists each distinct set once), so each
    // list is searched once, not once per outlet: at 100,000 outlets this is most of
    // the cost of a filter change.
    let mut handles: HashMap<*const String, bool, BuildHasherDefault<PtrHasher>> =
        HashMap::default();
    let mut hits: Vec<Hit> = set
        .outlets
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            item.is_none_or(|id| {
                *handles
                    .entry(o.items.as_ptr())
                    .or_insert_with(|| o.items.iter().any(|i| i == id))
            })
        })
        .map(|(index, o)| Hit {
            index,
            distance_m: distance_m(from, o.pos),
        })
        .collect();
    hits.sort_unstable_by(|a, b| {
        a.distance_m
            .total_cmp(&b.distance_m)
            .then_with(|| set.outlets[a.index].name.cmp(&set.outlets[b.index].name))
            .then(a.index.cmp(&b.index))
    });
    hits
}

/// Hashes a pointer by its address: the keys are already spread, so SipHash would
/// only cost time.
#[derive(Default)]
struct PtrHasher(u64);

impl Hasher for PtrHasher {
    fn finish(&self) -> u64 {
        // Heap addresses are 8-aligned: drop the bits that never change.
        self.0 >> 3
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = n as u64;
    }
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
