//! The registered codes to suggest for a number that is not registered.

/// How many codes a suggestion names.
pub const COUNT: usize = 5;

/// The registered codes of `code`'s class numerically closest to it (at most
/// [`COUNT`], the nearer first on a tie the lower), in ascending order.
/// `registered` is every registered code.
pub fn nearest_codes(code: u16, registered: impl Iterator<Item = u16> + Clone) -> Nearest {
    let mut nearest = Nearest {
        codes: [0; COUNT],
        len: 0,
    };
    let same_class = registered.filter(|candidate| candidate / 100 == code / 100);
    for _ in 0..COUNT {
        let closest = same_class
            .clone()
            .filter(|candidate| !nearest.as_slice().contains(candidate))
            .min_by_key(|candidate| (candidate.abs_diff(code), *candidate));
        match closest {
            Some(candidate) => {
                nearest.codes[nearest.len] = candidate;
                nearest.len += 1;
            }
            None => break,
        }
    }
    nearest.codes[..nearest.len].sort_unstable();
    nearest
}

/// Up to [`COUNT`] codes, in ascending order.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Nearest {
    codes: [u16; COUNT],
    len: usize,
}

impl Nearest {
    /// The codes, in ascending order.
    pub fn as_slice(&self) -> &[u16] {
        &self.codes[..self.len]
    }
}
