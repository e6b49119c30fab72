//! Typed access to the keys of one TOML table, reporting unknown keys, missing
//! keys and wrong value types with their byte offsets.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::RegistryError;

/// A value and the byte offset where it starts in the source.
#[derive(Debug, Clone)]
pub struct At<T> {
    pub value: T,
    pub offset: usize,
}

pub struct Fields<'a, 'i> {
    table: &'a DeTable<'i>,
    offset: usize,
    /// Names the table in messages: "[[code]] table", "code 405", …
    context: String,
}

impl<'a, 'i> Fields<'a, 'i> {
    pub fn new(table: &'a DeTable<'i>, offset: usize, context: String) -> Self {
        Fields {
            table,
            offset,
            context,
        }
    }

    /// Reports every key of the table that is not in `allowed`.
    pub fn reject_unknown(&self, allowed: &[&str], errors: &mut Vec<RegistryError>) {
        for key in self.table.keys() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let keys: Vec<String> = allowed.iter().map(|k| format!("`{k}`")).collect();
                errors.push(RegistryError::at(
                    key.span().start,
                    format!(
                        "unknown key `{}` in {}; the keys are {}",
                        key.get_ref(),
                        self.context,
                        keys.join(", ")
                    ),
                ));
            }
        }
    }

    /// Every key of the table, with its offset.
    pub fn keys(&self) -> impl Iterator<Item = (&'a str, usize)> {
        self.table
            .keys()
            .map(|key| (key.get_ref().as_ref(), key.span().start))
    }

    pub fn context(&self) -> &str {
        &self.context
    }

    pub fn set_context(&mut self, context: String) {
        self.context = context;
    }

    pub fn has(&self, key: &str) -> bool {
        self.table.get(key).is_some()
    }

    /// The offset of a key's value, or of the table when the key is absent.
    pub fn offset_of(&self, key: &str) -> usize {
        self.table
            .get(key)
            .map_or(self.offset, |value| value.span().start)
    }

    fn value(
        &self,
        key: &str,
        required: bool,
        errors: &mut Vec<RegistryError>,
    ) -> Option<&'a Spanned<DeValue<'i>>> {
        let value = self.table.get(key);
        if value.is_none() && required {
            errors.push(RegistryError::at(
                self.offset,
                format!("{} has no `{key}`; add `{key} = …`", self.context),
            ));
        }
        value
    }

    fn empty(&self, key: &str, value: &Spanned<DeValue<'_>>, errors: &mut Vec<RegistryError>) {
        errors.push(RegistryError::at(
            value.span().start,
            format!(
                "`{key}` in {} is empty; give at least one value",
                self.context
            ),
        ));
    }

    fn wrong_type(
        &self,
        key: &str,
        expected: &str,
        value: &Spanned<DeValue<'_>>,
        errors: &mut Vec<RegistryError>,
    ) {
        errors.push(RegistryError::at(
            value.span().start,
            format!(
                "`{key}` in {} must be {expected}, found {}",
                self.context,
                value.get_ref().type_str()
            ),
        ));
    }

    pub fn string(
        &self,
        key: &str,
        required: bool,
        errors: &mut Vec<RegistryError>,
    ) -> Option<At<String>> {
        let value = self.value(key, required, errors)?;
        match value.get_ref().as_str() {
            Some(text) => Some(At {
                value: text.to_owned(),
                offset: value.span().start,
            }),
            None => {
                self.wrong_type(key, "a string", value, errors);
                None
            }
        }
    }

    pub fn boolean(&self, key: &str, errors: &mut Vec<RegistryError>) -> Option<At<bool>> {
        let value = self.value(key, false, errors)?;
        match value.get_ref().as_bool() {
            Some(flag) => Some(At {
                value: flag,
                offset: value.span().start,
            }),
            None => {
                self.wrong_type(key, "true or false", value, errors);
                None
            }
        }
    }

    /// The items of an array, each a string or an integer, for `codes`.
    pub fn words_or_numbers(
        &self,
        key: &str,
        required: bool,
        errors: &mut Vec<RegistryError>,
    ) -> Vec<At<Result<String, i64>>> {
        let Some(value) = self.value(key, required, errors) else {
            return Vec::new();
        };
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(key, "an array of strings and integers", value, errors);
            return Vec::new();
        };
        if items.is_empty() {
            self.empty(key, value, errors);
        }
        let mut found = Vec::new();
        for item in items.iter() {
            let offset = item.span().start;
            let parsed = match item.get_ref() {
                DeValue::String(text) => Some(Ok(text.to_string())),
                DeValue::Integer(integer) => i64::from_str_radix(integer.as_str(), integer.radix())
                    .ok()
                    .map(Err),
                _ => None,
            };
            match parsed {
                Some(value) => found.push(At { value, offset }),
                None => self.wrong_type(key, "an array of strings and integers", item, errors),
            }
        }
        found
    }

    pub fn integer(
        &self,
        key: &str,
        required: bool,
        errors: &mut Vec<RegistryError>,
    ) -> Option<At<i64>> {
        let value = self.value(key, required, errors)?;
        let parsed = value
            .get_ref()
            .as_integer()
            .map(|integer| i64::from_str_radix(integer.as_str(), integer.radix()));
        match parsed {
            Some(Ok(number)) => Some(At {
                value: number,
                offset: value.span().start,
            }),
            Some(Err(_)) => {
                errors.push(RegistryError::at(
                    value.span().start,
                    format!("`{key}` in {} is too large", self.context),
                ));
                None
            }
            None => {
                self.wrong_type(key, "an integer", value, errors);
                None
            }
        }
    }

    /// An array of strings; with `single`, a lone string is accepted as a
    /// one-element array.
    pub fn strings(
        &self,
        key: &str,
        required: bool,
        single: bool,
        errors: &mut Vec<RegistryError>,
    ) -> Option<Vec<At<String>>> {
        let value = self.value(key, required, errors)?;
        let expected = if single {
            "a string or an array of strings"
        } else {
            "an array of strings"
        };
        let items = match value.get_ref() {
            DeValue::String(text) if single => {
                return Some(vec![At {
                    value: text.to_string(),
                    offset: value.span().start,
                }]);
            }
            DeValue::Array(items) => items,
            _ => {
                self.wrong_type(key, expected, value, errors);
                return None;
            }
        };
        let mut strings = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(text) => strings.push(At {
                    value: text.to_owned(),
                    offset: item.span().start,
                }),
                None => self.wrong_type(key, expected, item, errors),
            }
        }
        if strings.is_empty() && items.is_empty() {
            self.empty(key, value, errors);
        }
        Some(strings)
    }

    /// The tables of an array of tables (`[[code.constraints]]`).
    pub fn tables(
        &self,
        key: &str,
        errors: &mut Vec<RegistryError>,
    ) -> Vec<(&'a DeTable<'i>, usize)> {
        let Some(value) = self.value(key, false, errors) else {
            return Vec::new();
        };
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(key, "an array of tables", value, errors);
            return Vec::new();
        };
        let mut tables = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_table() {
                Some(table) => tables.push((table, item.span().start)),
                None => self.wrong_type(key, "an array of tables", item, errors),
            }
        }
        tables
    }
}
