//! Both code types serialise as their number. `SipCode` rejects a number the
//! registry does not define; `StatusCode` rejects one outside 100..=699.

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::{SipCode, StatusCode};

impl Serialize for SipCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.as_u16())
    }
}

impl Serialize for StatusCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.as_u16())
    }
}

impl<'de> Deserialize<'de> for SipCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SipCode, D::Error> {
        deserializer.deserialize_u16(CodeVisitor(SipCode::try_from))
    }
}

impl<'de> Deserialize<'de> for StatusCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StatusCode, D::Error> {
        deserializer.deserialize_u16(CodeVisitor(StatusCode::new))
    }
}

/// Accepts any integer the format offers and converts it with the function.
struct CodeVisitor<F>(F);

impl<'de, T, F: FnOnce(u16) -> Result<T, crate::CodeError>> Visitor<'de> for CodeVisitor<F> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a SIP status code from 100 to 699")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        let code = u16::try_from(value)
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))?;
        (self.0)(code).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => Err(E::invalid_value(de::Unexpected::Signed(value), &self)),
        }
    }
}
