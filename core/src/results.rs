//! Which outlets to show for a need, nearest first.

use crate::geo::LonLat;
use crate::outlets::OutletSet;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Index into `OutletSet::outlets`.
    pub index: usize,
    pub distance_m: f64,
}

/// The outlets that handle `item` (every outlet when `None`), nearest to `from` first;
/// ties broken by name so the order is stable. The plain form, for one question; the
/// app, which asks again at every choice of item, uses [`ByDistance`].
pub fn nearest(set: &OutletSet, item: Option<&str>, from: LonLat) -> Vec<Hit> {
    let mut hits: Vec<Hit> = set
        .outlets
        .iter()
        .enumerate()
        .filter(|(_, o)| item.is_none_or(|id| o.items.iter().any(|i| i == id)))
        .map(|(index, o)| Hit {
            index,
            distance_m: o.distance_from(from),
        })
        .collect();
    // Nearest first, then by name; indexes rise, so equals stay in index order.
    crate::order::sort_by_key_then(
        &mut hits,
        |h| (crate::order::f64_key(h.distance_m), 0),
        |a, b| set.outlets[a.index].name.cmp(&set.outlets[b.index].name),
    );
    hits
}

/// Every outlet, nearest first from one place, ready to be cut down to one item.
/// A resident changes the item far more often than the place, so the app sorts once
/// per place and, per item, only walks this list. The walk reads two flat arrays and
/// never the outlets themselves: at 100,000 outlets, fetching each outlet from memory
/// in distance order cost more than all the rest of a filter change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ByDistance {
    hits: Vec<Hit>,
    /// For each hit, which of `lists` is its outlet's item list.
    list_of: Vec<u32>,
    /// The distinct item lists (outlets share them).
    lists: Vec<Arc<[String]>>,
}

impl ByDistance {
    pub fn new(set: &OutletSet, from: LonLat) -> ByDistance {
        let hits = nearest(set, None, from);
        let mut ids: HashMap<*const String, u32, BuildHasherDefault<PtrHasher>> =
            HashMap::default();
        let mut lists = Vec::new();
        let list_of = hits
            .iter()
            .map(|h| {
                let items = &set.outlets[h.index].items;
                *ids.entry(items.as_ptr()).or_insert_with(|| {
                    lists.push(items.clone());
                    (lists.len() - 1) as u32
                })
            })
            .collect();
        ByDistance {
            hits,
            list_of,
            lists,
        }
    }

    /// Every outlet, nearest first (as [`nearest`] with no item).
    pub fn all(&self) -> &[Hit] {
        &self.hits
    }

    /// The outlets that handle `item`, nearest first: the same answer as [`nearest`].
    pub fn handling(&self, item: Option<&str>) -> Vec<Hit> {
        let Some(id) = item else {
            return self.hits.clone();
        };
        let yes: Vec<bool> = self
            .lists
            .iter()
            .map(|l| l.iter().any(|i| i == id))
            .collect();
        // Room for every outlet up front: growing the list step by step copied it
        // again and again (most outlets handle the common items).
        let mut out = Vec::with_capacity(self.hits.len());
        for (h, l) in self.hits.iter().zip(&self.list_of) {
            if yes[*l as usize] {
                out.push(*h);
            }
        }
        out
    }
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

    /// The app sorts once per place and filters per item: that must be the same list,
    /// in the same order, as asking `nearest` for the item, for every item of the
    /// sample city and from three places.
    #[test]
    fn filtering_the_sorted_list_is_asking_nearest() {
        let (set, _) =
            OutletSet::parse(include_str!("../../public/data/yantai/outlets.geojson")).unwrap();
        let mut items: Vec<&str> = set
            .outlets
            .iter()
            .flat_map(|o| o.items.iter().map(String::as_str))
            .collect();
        items.sort_unstable();
        items.dedup();
        assert!(items.len() > 40, "{} items", items.len());
        for from in [
            LonLat::new(121.4479, 37.4638),
            LonLat::new(120.5, 37.0),
            LonLat::new(121.4, 37.5),
        ] {
            let every = ByDistance::new(&set, from);
            assert_eq!(every.all(), nearest(&set, None, from));
            for item in items.iter().copied().chain(["nothing"]) {
                assert_eq!(
                    every.handling(Some(item)),
                    nearest(&set, Some(item), from),
                    "{item}"
                );
            }
            assert_eq!(every.handling(None), every.all());
        }
    }
}
