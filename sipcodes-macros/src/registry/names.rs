//! Variant names and reason-phrase text.

/// The UpperCamelCase of a phrase with punctuation dropped:
/// "Request-URI Too Long" → `RequestUriTooLong`, "OK" → `Ok`.
pub fn variant_from_phrase(phrase: &str) -> String {
    let mut name = String::with_capacity(phrase.len());
    let mut word_start = true;
    for c in phrase.chars() {
        if !c.is_ascii_alphanumeric() {
            word_start = true;
        } else if word_start {
            name.push(c.to_ascii_uppercase());
            word_start = false;
        } else {
            name.push(c.to_ascii_lowercase());
        }
    }
    name
}

/// Whether `name` can be a variant: an ASCII UpperCamelCase identifier.
pub fn is_variant_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|first| first.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric())
        && name != "Self"
}

/// The associated items the generator puts on `SipCode` beside its variants;
/// no variant may take one of these names.
pub const GENERATED_ITEMS: &[&str] = &["ALL", "COUNT", "ENTRIES"];

/// The name of a variant's constant on `StatusCode`: `BusyHere` → `BUSY_HERE`.
pub fn constant_name(variant: &str) -> String {
    let mut name = String::with_capacity(variant.len() + 4);
    let mut previous_lower = false;
    for c in variant.chars() {
        if c.is_ascii_uppercase() && previous_lower {
            name.push('_');
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        name.push(c.to_ascii_uppercase());
    }
    name
}

/// The registered name nearest to `word` by edit distance, if any is close.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = word.chars().count() / 3 + 1;
    candidates
        .into_iter()
        .map(|candidate| {
            (
                edit_distance(&word.to_ascii_lowercase(), &candidate.to_ascii_lowercase()),
                candidate,
            )
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}
