//! The one sort the app ships. Each `sort_by`/`sort_by_key` closure is its own copy
//! of the standard library's sort (2–4 kB of wasm each, ~75 kB over the app's call
//! sites), so every sort here maps its elements to one concrete key, `(u64, u64)`,
//! and sorts those keys with a single non-generic function; only a small per-type
//! wrapper (build keys, swap elements into place) is generic.
//!
//! Every sort here is stable: elements whose keys (and `tie`, when given) are equal
//! keep their order.

use std::cmp::Ordering;

/// The key every sort is by: compared as a tuple, the first part first.
pub type Key = (u64, u64);

/// An `f64` as a `u64` that orders as [`f64::total_cmp`] does (-0 before +0, NaNs at
/// the ends): negatives have every bit flipped, the rest only the sign bit.
pub fn f64_key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | 1 << 63
    }
}

/// An `i64` as a `u64` of the same order.
pub fn i64_key(x: i64) -> u64 {
    (x as u64) ^ 1 << 63
}

/// Sorts `v` by `key`, stably.
pub fn sort_by_key<T>(v: &mut [T], key: impl Fn(&T) -> Key) {
    let keys = keys_of(v, key);
    let swaps = sorted_swaps(keys, None);
    apply(v, &swaps);
}

/// Sorts `v` by `key`, then by `tie` where keys are equal, stably: for orders a
/// number cannot hold (a name after a distance). `tie` is only asked about ties.
pub fn sort_by_key_then<T>(v: &mut [T], key: impl Fn(&T) -> Key, tie: impl Fn(&T, &T) -> Ordering) {
    let keys = keys_of(v, key);
    let swaps = {
        let v: &[T] = v;
        let tie = |a: u32, b: u32| tie(&v[a as usize], &v[b as usize]);
        sorted_swaps(keys, Some(&tie))
    };
    apply(v, &swaps);
}

fn keys_of<T>(v: &[T], key: impl Fn(&T) -> Key) -> Vec<(u64, u64, u32)> {
    v.iter()
        .enumerate()
        .map(|(i, x)| {
            let (a, b) = key(x);
            (a, b, i as u32)
        })
        .collect()
}

fn apply<T>(v: &mut [T], swaps: &[(u32, u32)]) {
    for &(a, b) in swaps {
        v.swap(a as usize, b as usize);
    }
}

/// Sorts the keys (the original index last, so equal keys keep their order and an
/// unstable sort is stable) and returns the swaps that put the elements in that order.
#[inline(never)]
fn sorted_swaps(
    mut keys: Vec<(u64, u64, u32)>,
    tie: Option<&dyn Fn(u32, u32) -> Ordering>,
) -> Vec<(u32, u32)> {
    keys.sort_unstable_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| tie.map_or(Ordering::Equal, |t| t(a.2, b.2)))
            .then(a.2.cmp(&b.2))
    });
    // `at[p]` is the original index of the element now at `p`, `pos` the inverse.
    let n = keys.len();
    let mut at: Vec<u32> = (0..n as u32).collect();
    let mut pos = at.clone();
    let mut swaps = Vec::new();
    for (j, k) in keys.iter().enumerate() {
        let (o, j) = (k.2, j as u32);
        let p = pos[o as usize];
        if p != j {
            swaps.push((j, p));
            let moved = at[j as usize];
            at[p as usize] = moved;
            pos[moved as usize] = p;
            at[j as usize] = o;
            pos[o as usize] = j;
        }
    }
    swaps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f64_key_orders_as_total_cmp() {
        let xs = [
            f64::NEG_INFINITY,
            -1e300,
            -1.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            1.0,
            1.5,
            f64::INFINITY,
            f64::NAN,
            -f64::NAN,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(f64_key(a).cmp(&f64_key(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }

    #[test]
    fn i64_key_keeps_order() {
        let xs = [i64::MIN, -5, -1, 0, 1, 7, i64::MAX];
        for a in xs {
            for b in xs {
                assert_eq!(i64_key(a).cmp(&i64_key(b)), a.cmp(&b));
            }
        }
    }

    #[test]
    fn sorts_as_the_standard_stable_sort() {
        // A small generator, so the test needs no crate.
        let mut seed = 12345u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        for n in [0, 1, 2, 3, 7, 20, 33, 100, 1000] {
            let v: Vec<(u32, u32, usize)> = (0..n).map(|i| (next() % 5, next() % 3, i)).collect();
            let mut want = v.clone();
            want.sort_by_key(|x| x.0);
            let mut got = v.clone();
            sort_by_key(&mut got, |x| (u64::from(x.0), 0));
            assert_eq!(got, want);
            let mut want = v.clone();
            want.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            let mut got = v.clone();
            sort_by_key_then(&mut got, |x| (u64::from(x.0), 0), |a, b| b.1.cmp(&a.1));
            assert_eq!(got, want);
        }
    }
}
