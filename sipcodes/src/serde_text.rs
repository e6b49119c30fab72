//! Phrases and status lines serialise as text: a phrase as itself, a status
//! line in its [`Display`](core::fmt::Display) form without the CRLF
//! (`"SIP/2.0 486 Busy Here"`). Deserialising checks the text as
//! [`ReasonPhrase::new`] and [`StatusLine::parse`] do.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::{ReasonPhrase, StatusLine};

impl Serialize for ReasonPhrase<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for StatusLine<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{self:#}"))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for ReasonPhrase<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ReasonPhrase<'a>, D::Error> {
        deserializer.deserialize_str(BorrowedText(ReasonPhrase::new, PhantomData))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for StatusLine<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StatusLine<'a>, D::Error> {
        deserializer.deserialize_str(BorrowedText(StatusLine::parse, PhantomData))
    }
}

/// Accepts a string borrowed from the input (as `&str` does) and checks it
/// with the function.
struct BorrowedText<F, T>(F, PhantomData<T>);

impl<'de, T, E, F> Visitor<'de> for BorrowedText<F, T>
where
    F: FnOnce(&'de str) -> Result<T, E>,
    E: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string borrowed from the input")
    }

    fn visit_borrowed_str<Error: de::Error>(self, text: &'de str) -> Result<T, Error> {
        (self.0)(text).map_err(Error::custom)
    }
}

#[cfg(feature = "alloc")]
mod owned {
    use serde::de::{Deserialize, Deserializer};
    use serde::ser::{Serialize, Serializer};

    use super::Text;
    use crate::{ReasonPhraseBuf, StatusLine, StatusLineBuf};

    impl Serialize for ReasonPhraseBuf {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.as_phrase().serialize(serializer)
        }
    }

    impl Serialize for StatusLineBuf {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.as_line().serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for ReasonPhraseBuf {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ReasonPhraseBuf, D::Error> {
            deserializer.deserialize_str(Text(
                |text: &str| ReasonPhraseBuf::try_from(text),
                "a reason phrase",
            ))
        }
    }

    impl<'de> Deserialize<'de> for StatusLineBuf {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StatusLineBuf, D::Error> {
            deserializer.deserialize_str(Text(
                |text: &str| StatusLine::parse(text).map(StatusLine::into_owned),
                "a status line such as \"SIP/2.0 486 Busy Here\"",
            ))
        }
    }
}

/// Accepts any string, borrowed from the input or not, and checks it with the
/// function, whose result does not borrow it.
#[cfg(feature = "alloc")]
struct Text<F>(F, &'static str);

#[cfg(feature = "alloc")]
impl<'de, T, E, F> Visitor<'de> for Text<F>
where
    F: FnOnce(&str) -> Result<T, E>,
    E: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.1)
    }

    fn visit_str<Error: de::Error>(self, text: &str) -> Result<T, Error> {
        (self.0)(text).map_err(Error::custom)
    }
}
