//! Life events (一件事): the outlets where every item of a bundle can be done in one
//! trip, nearest first; when none can, the plan with the fewest trips (and, among
//! those, the shortest total distance from the resident).

use crate::geo::LonLat;
use crate::outlets::{Outlet, OutletSet};
use crate::results::Hit;

/// One visit of a plan: where, and which of the bundle's items to do there.
#[derive(Clone, Debug, PartialEq)]
pub struct Trip {
    pub hit: Hit,
    pub items: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BundlePlan {
    /// Outlets that handle every item, nearest first; empty when there is none.
    pub one_trip: Vec<Hit>,
    /// When no outlet does it all: the fewest trips, nearest first.
    pub trips: Vec<Trip>,
    /// Items no outlet handles at all.
    pub missing: Vec<String>,
    /// Items that can be finished online (全程网办), left out of the trips.
    pub online: Vec<String>,
}

/// Bundles are a handful of items; beyond this the plan covers the first ones only.
const MAX_ITEMS: usize = 12;

pub fn plan(set: &OutletSet, items: &[String], from: LonLat) -> BundlePlan {
    plan_among(set, items, from, &|_| true)
}

/// The plan among the outlets `usable` keeps (those open on the day the resident goes).
fn plan_among(
    set: &OutletSet,
    items: &[String],
    from: LonLat,
    usable: &dyn Fn(&Outlet) -> bool,
) -> BundlePlan {
    let items: Vec<&String> = items.iter().take(MAX_ITEMS).collect();
    let full: usize = (1 << items.len()) - 1;
    let mask_of = |outlet_items: &[String]| {
        items
            .iter()
            .enumerate()
            .filter(|(_, id)| outlet_items.iter().any(|i| i == **id))
            .fold(0usize, |m, (bit, _)| m | 1 << bit)
    };
    let mut one_trip = Vec::new();
    // The nearest outlet for each distinct set of items it covers.
    let mut best: Vec<Option<Hit>> = vec![None; full + 1];
    let mut covered = 0usize;
    for (index, o) in set.outlets.iter().enumerate() {
        let mask = mask_of(&o.items);
        if mask == 0 || !usable(o) {
            continue;
        }
        covered |= mask;
        let hit = Hit {
            index,
            distance_m: o.distance_from(from),
        };
        if mask == full {
            one_trip.push(hit);
        }
        if best[mask].is_none_or(|b| hit.distance_m < b.distance_m) {
            best[mask] = Some(hit);
        }
    }
    // Nearest first, then by name (one sort for the app, see `order`).
    let distance = |h: &Hit| (crate::order::f64_key(h.distance_m), 0);
    let by_name = |a: &Hit, b: &Hit| set.outlets[a.index].name.cmp(&set.outlets[b.index].name);
    crate::order::sort_by_key_then(&mut one_trip, distance, by_name);
    let missing = items
        .iter()
        .enumerate()
        .filter(|(bit, _)| covered & (1 << bit) == 0)
        .map(|(_, id)| (*id).clone())
        .collect();
    if !one_trip.is_empty() || covered == 0 {
        return BundlePlan {
            one_trip,
            trips: Vec::new(),
            missing,
            online: Vec::new(),
        };
    }
    // Exact cover by dynamic programming over item sets: (trips, metres, last mask, previous set).
    let choices: Vec<(usize, Hit)> = best
        .iter()
        .enumerate()
        .filter_map(|(m, h)| h.map(|h| (m, h)))
        .collect();
    let mut dp: Vec<Option<(usize, f64, usize, usize)>> = vec![None; full + 1];
    dp[0] = Some((0, 0.0, 0, 0));
    for m in 0..=full {
        let Some((trips, metres, _, _)) = dp[m] else {
            continue;
        };
        for &(mask, hit) in &choices {
            let next = m | mask;
            if next == m {
                continue;
            }
            let candidate = (trips + 1, metres + hit.distance_m, mask, m);
            let better = match dp[next] {
                None => true,
                Some((t, d, _, _)) => (candidate.0, candidate.1) < (t, d),
            };
            if better {
                dp[next] = Some(candidate);
            }
        }
    }
    let mut trips = Vec::new();
    let mut m = covered;
    while m != 0 {
        let Some((_, _, mask, prev)) = dp[m] else {
            break;
        };
        let hit = best[mask].expect("a chosen mask has an outlet");
        // Each item is done on the first trip that can do it.
        let todo = mask & !prev;
        trips.push(Trip {
            hit,
            items: items
                .iter()
                .enumerate()
                .filter(|(bit, _)| todo & (1 << bit) != 0)
                .map(|(_, id)| (*id).clone())
                .collect(),
        });
        m = prev;
    }
    crate::order::sort_by_key_then(
        &mut trips,
        |t| distance(&t.hit),
        |a, b| by_name(&a.hit, &b.hit),
    );
    BundlePlan {
        one_trip,
        trips,
        missing,
        online: Vec::new(),
    }
}

/// The plan for a resident: items that can be finished online (全程网办) need no trip,
/// so the trips are planned for the others. When every item can be done online, the
/// outlets are planned for all of them, for a resident who would rather go in person.
/// Only outlets `open` keeps are visited: with a day chosen, every trip is on that day.
/// `order` (a bundle's pairs, the first item before the second) puts the trips, and
/// the items within a trip, in the order they must be done.
pub fn plan_visits(
    set: &OutletSet,
    items: &[String],
    order: &[[String; 2]],
    online: impl Fn(&str) -> bool,
    from: LonLat,
    open: impl Fn(&Outlet) -> bool,
) -> BundlePlan {
    let (web, visit): (Vec<String>, Vec<String>) = items.iter().cloned().partition(|i| online(i));
    let visit = if visit.is_empty() { items } else { &visit };
    let mut p = plan_among(set, visit, from, &open);
    in_order(&mut p.trips, order);
    p.online = web;
    p
}

/// Puts trips in the order their items must be done (nearest first where the order
/// says nothing), and each trip's items too. An order that cannot be kept (a cycle,
/// or one trip needing another both before and after it) leaves the rest as they are.
pub fn in_order(trips: &mut Vec<Trip>, order: &[[String; 2]]) {
    if order.is_empty() {
        return;
    }
    // Trip `i` must wait while another trip left does an item that comes before one of its own.
    let must_wait = |i: usize, left: &[Trip]| {
        order.iter().any(|[first, then]| {
            left[i].items.contains(then)
                && !left[i].items.contains(first)
                && left
                    .iter()
                    .enumerate()
                    .any(|(j, t)| j != i && t.items.contains(first))
        })
    };
    let mut left = std::mem::take(trips);
    while !left.is_empty() {
        let next = (0..left.len()).find(|&i| !must_wait(i, &left)).unwrap_or(0);
        trips.push(left.remove(next));
    }
    for t in trips.iter_mut() {
        let here = t.items.clone();
        let rank = |id: &String| {
            order
                .iter()
                .filter(|[first, then]| then == id && here.contains(first))
                .count()
        };
        crate::order::sort_by_key(&mut t.items, |id| (rank(id) as u64, 0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> OutletSet {
        OutletSet::parse(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","id":"hall","properties":{"name":"大厅","items":["a","b","c"]},"geometry":{"type":"Point","coordinates":[121.5,37.5]}},
            {"type":"Feature","id":"station","properties":{"name":"派出所","items":["a","b"]},"geometry":{"type":"Point","coordinates":[121.41,37.5]}},
            {"type":"Feature","id":"cars","properties":{"name":"车管所","items":["c","d"]},"geometry":{"type":"Point","coordinates":[121.42,37.5]}},
            {"type":"Feature","id":"market","properties":{"name":"市场","items":["d"]},"geometry":{"type":"Point","coordinates":[121.401,37.5]}}]}"#,
        )
        .unwrap()
        .0
    }

    fn ids(set: &OutletSet, hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| set.outlets[h.index].id.clone())
            .collect()
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// Regression (issue 20): the 二手车 plan sent residents to transfer (过户)
    /// before the inspection (查验) it needs, because trips went nearest first.
    #[test]
    fn trips_follow_the_bundles_order_before_distance() {
        let s = set();
        let from = LonLat::new(121.4, 37.5);
        let items = strings(&["a", "d"]);
        // Nearest first: the market (d) at 121.401, then the station (a).
        let p = plan_visits(&s, &items, &[], |_| false, from, |_| true);
        assert_eq!(p.trips[0].items, ["d"]);
        let order = [["a".to_string(), "d".to_string()]];
        let p = plan_visits(&s, &items, &order, |_| false, from, |_| true);
        assert_eq!(
            p.trips.iter().map(|t| t.items.clone()).collect::<Vec<_>>(),
            [strings(&["a"]), strings(&["d"])]
        );
        // Within one trip, the items in order too.
        let mut one = vec![Trip {
            hit: p.trips[0].hit,
            items: strings(&["d", "a"]),
        }];
        in_order(&mut one, &order);
        assert_eq!(one[0].items, ["a", "d"]);
    }

    #[test]
    fn one_trip_outlets_nearest_first() {
        let s = set();
        let p = plan(&s, &strings(&["a", "b"]), LonLat::new(121.4, 37.5));
        assert_eq!(ids(&s, &p.one_trip), ["station", "hall"]);
        assert!(p.trips.is_empty());
    }

    #[test]
    fn fewest_trips_when_no_outlet_does_it_all() {
        let s = set();
        let p = plan(
            &s,
            &strings(&["a", "b", "c", "d"]),
            LonLat::new(121.4, 37.5),
        );
        assert!(p.one_trip.is_empty());
        // Two trips: 派出所 (a, b) + 车管所 (c, d) is shorter than 大厅 + 市场.
        let trips: Vec<(String, Vec<String>)> = p
            .trips
            .iter()
            .map(|t| (s.outlets[t.hit.index].id.clone(), t.items.clone()))
            .collect();
        assert_eq!(
            trips,
            [
                ("station".to_string(), strings(&["a", "b"])),
                ("cars".to_string(), strings(&["c", "d"]))
            ]
        );
        assert!(p.missing.is_empty());
    }

    #[test]
    fn items_nobody_handles_are_named() {
        let s = set();
        let p = plan(&s, &strings(&["a", "zzz"]), LonLat::new(121.4, 37.5));
        assert!(p.one_trip.is_empty());
        assert_eq!(p.missing, ["zzz"]);
        assert_eq!(p.trips.len(), 1);
        assert_eq!(p.trips[0].items, ["a"]);
        let none = plan(&s, &strings(&["zzz"]), LonLat::new(121.4, 37.5));
        assert!(none.trips.is_empty() && none.one_trip.is_empty());
    }

    /// Regression (used car): an item done fully online was put in a trip, and a
    /// bundle of online items listed offices "for one trip, no running around".
    #[test]
    fn items_done_online_take_no_trip() {
        let s = set();
        let from = LonLat::new(121.4, 37.5);
        // All four take two trips (派出所 for a and b, 车管所 for c and d) ...
        let online = |i: &str| i == "a" || i == "b";
        let p = plan_visits(
            &s,
            &strings(&["a", "b", "c", "d"]),
            &[],
            online,
            from,
            |_| true,
        );
        assert_eq!(p.online, ["a", "b"]);
        // ... a and b are online, so one trip to 车管所 for c and d, not two.
        assert_eq!(ids(&s, &p.one_trip), ["cars"]);
        assert!(p.trips.is_empty());
        // All online: still the outlets for all of them, for a resident who would go.
        let all = plan_visits(&s, &strings(&["a", "b"]), &[], |_| true, from, |_| true);
        assert_eq!(all.online, ["a", "b"]);
        assert_eq!(ids(&s, &all.one_trip), ["station", "hall"]);
    }

    /// Regression (二手车 on a Saturday): a life event that takes several trips ignored
    /// the day chosen, planning trips to outlets closed that day.
    #[test]
    fn trips_only_to_outlets_open_that_day() {
        let s = set();
        let from = LonLat::new(121.4, 37.5);
        let items = strings(&["a", "b", "c", "d"]);
        // 派出所 closed: 大厅 (a, b, c) and 市场 (d), though farther.
        let p = plan_visits(&s, &items, &[], |_| false, from, |o| o.id != "station");
        let trips: Vec<&str> = p
            .trips
            .iter()
            .map(|t| s.outlets[t.hit.index].id.as_str())
            .collect();
        assert_eq!(trips, ["market", "hall"]);
        assert!(p.missing.is_empty());
        // Nothing open: every item is named, no trip planned.
        let none = plan_visits(&s, &items, &[], |_| false, from, |_| false);
        assert!(none.trips.is_empty() && none.one_trip.is_empty());
        assert_eq!(none.missing, items);
    }
}
