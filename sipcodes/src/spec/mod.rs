//! The SIP rules and vocabulary that `sipcodes-macros` applies when it reads the
//! registry and that this crate applies at run time. The macro crate compiles
//! these same files (its `src/spec/` links here), so each rule has one definition.

pub mod grammar;
pub mod nearest;
pub mod render;
pub mod vocab;

/// A stable insertion sort. The lists sorted here are short (a few nearest
/// codes, the registry's codes and errors), and the standard library's sorts
/// would add their code to the macro crate every user compiles.
pub fn sort_by_key<T, K: PartialOrd>(items: &mut [T], key: impl Fn(&T) -> K) {
    for sorted in 1..items.len() {
        let mut at = sorted;
        while at > 0 && key(&items[at - 1]) > key(&items[at]) {
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}
