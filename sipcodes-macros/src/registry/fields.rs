//! Typed access to the keys of one TOML table of the document the `toml` crate
//! parsed, reporting unknown keys, missing keys and wrong value types with their
//! byte offsets.

use toml::Spanned;
use toml::de::{DeInteger, DeTable, DeValue};

use super::{RegistryError, key_list};

/// A table of the registry, keys and values with their spans.
pub type Table<'i> = DeTable<'i>;

type Item<'i> = Spanned<DeValue<'i>>;

/// Parses the registry's text into its top-level table. A TOML syntax error is
/// reported where the `toml` crate locates it, with its message (which says what
/// was expected there).
pub fn document(source: &str) -> Result<Table<'_>, RegistryError> {
    DeTable::parse(source)
        .map(Spanned::into_inner)
        .map_err(|error| {
            let span = error.span().unwrap_or(0..0);
            let message = match error.message() {
                // The one message of the parser that does not say what to write.
                "duplicate key" => format!(
                    "`{}` is given twice in one table; keep one",
                    source.get(span.clone()).unwrap_or_default().trim()
                ),
                message => message.replace('\n', " "),
            };
            RegistryError::at(span.start, format!("invalid TOML: {message}"))
        })
}

/// A value and the byte offset where it starts in the source.
#[derive(Debug, Clone, Copy)]
pub struct At<T> {
    pub value: T,
    pub offset: usize,
}

/// Equal values are equal wherever they are written.
impl<T: PartialEq> PartialEq for At<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

pub struct Fields<'a> {
    table: &'a Table<'a>,
    offset: usize,
    /// Names the table in messages: "[[code]] table", "code 405", …
    context: String,
}

impl<'a> Fields<'a> {
    pub fn new(table: &'a Table<'a>, offset: usize, context: String) -> Self {
        Fields {
            table,
            offset,
            context,
        }
    }

    /// Reports every key of the table that is not in `allowed`.
    pub fn reject_unknown(&self, allowed: &[&str], errors: &mut Vec<RegistryError>) {
        for (key, offset) in self.keys() {
            if !allowed.contains(&key) {
                errors.push(RegistryError::at(
                    offset,
                    format!(
                        "unknown key `{key}` in {}; the keys are {}",
                        self.context,
                        key_list(allowed)
                    ),
                ));
            }
        }
    }

    /// Every key of the table with its offset, in file order.
    pub fn keys(&self) -> Vec<(&'a str, usize)> {
        let mut keys: Vec<(&str, usize)> = self
            .table
            .keys()
            .map(|key| (key.get_ref().as_ref(), key.span().start))
            .collect();
        super::sort_by_key(&mut keys, |&(_, offset)| offset);
        keys
    }

    pub fn context(&self) -> &str {
        &self.context
    }

    pub fn set_context(&mut self, context: String) {
        self.context = context;
    }

    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    /// The offset of a key's value, or of the table when the key is absent.
    pub fn offset_of(&self, key: &str) -> usize {
        self.table
            .get(key)
            .map_or(self.offset, |item| item.span().start)
    }

    fn value(
        &self,
        key: &str,
        required: bool,
        errors: &mut Vec<RegistryError>,
    ) -> Option<&'a Item<'a>> {
        let value = self.table.get(key);
        if value.is_none() && required {
            errors.push(RegistryError::at(
                self.offset,
                format!("{} has no `{key}`; add `{key} = …`", self.context),
            ));
        }
        value
    }

    fn empty(&self, key: &str, value: &Item<'_>, errors: &mut Vec<RegistryError>) {
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
        value: &Item<'_>,
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
        match value.get_ref() {
            DeValue::String(text) => Some(at(value, text.to_string())),
            _ => {
                self.wrong_type(key, "a string", value, errors);
                None
            }
        }
    }

    pub fn boolean(&self, key: &str, errors: &mut Vec<RegistryError>) -> Option<At<bool>> {
        let value = self.value(key, false, errors)?;
        match value.get_ref() {
            DeValue::Boolean(flag) => Some(at(value, *flag)),
            _ => {
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
        const EXPECTED: &str = "an array of strings and integers";
        let Some(value) = self.value(key, required, errors) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, EXPECTED, value, errors);
            return Vec::new();
        };
        if items.is_empty() {
            self.empty(key, value, errors);
        }
        let mut found = Vec::new();
        for item in items.iter() {
            let parsed = match item.get_ref() {
                DeValue::String(text) => Ok(text.to_string()),
                DeValue::Integer(integer) => match self.number(key, integer, item, errors) {
                    Some(number) => Err(number),
                    None => continue,
                },
                _ => {
                    self.wrong_type(key, EXPECTED, item, errors);
                    continue;
                }
            };
            found.push(at(item, parsed));
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
        match value.get_ref() {
            DeValue::Integer(integer) => self
                .number(key, integer, value, errors)
                .map(|number| at(value, number)),
            _ => {
                self.wrong_type(key, "an integer", value, errors);
                None
            }
        }
    }

    /// The value of the integer `item` holds, or an error when it does not fit
    /// an `i64`.
    fn number(
        &self,
        key: &str,
        integer: &DeInteger<'_>,
        item: &Item<'_>,
        errors: &mut Vec<RegistryError>,
    ) -> Option<i64> {
        let number = i64::from_str_radix(integer.as_str(), integer.radix()).ok();
        if number.is_none() {
            errors.push(RegistryError::at(
                item.span().start,
                format!("`{key}` in {} is too large", self.context),
            ));
        }
        number
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
            DeValue::String(text) if single => return Some(vec![at(value, text.to_string())]),
            DeValue::Array(items) => items,
            _ => {
                self.wrong_type(key, expected, value, errors);
                return None;
            }
        };
        let mut strings = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(text) => strings.push(at(item, text.to_string())),
                _ => self.wrong_type(key, expected, item, errors),
            }
        }
        if items.is_empty() {
            self.empty(key, value, errors);
        }
        Some(strings)
    }

    /// The tables of an array of tables (`[[code.constraints]]`, or an inline
    /// array of inline tables), each with the offset of its header or its `{`.
    pub fn tables(
        &self,
        key: &str,
        errors: &mut Vec<RegistryError>,
    ) -> Vec<(&'a Table<'a>, usize)> {
        const EXPECTED: &str = "an array of tables";
        let Some(value) = self.value(key, false, errors) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, EXPECTED, value, errors);
            return Vec::new();
        };
        let mut tables = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(table) => tables.push((table, item.span().start)),
                _ => self.wrong_type(key, EXPECTED, item, errors),
            }
        }
        tables
    }
}

fn at<T>(item: &Item<'_>, value: T) -> At<T> {
    At {
        value,
        offset: item.span().start,
    }
}
