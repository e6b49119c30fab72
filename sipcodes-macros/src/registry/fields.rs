//! Typed access to the keys of one TOML table, reporting unknown keys, missing
//! keys and wrong value types with their byte offsets.

use super::document::{Item, Key, Table, Value};

use super::{RegistryError, key_list};

/// A value and the byte offset where it starts in the source.
#[derive(Debug, Clone, Copy)]
pub struct At<T> {
    pub value: T,
    pub offset: usize,
}

pub struct Fields<'a> {
    table: &'a Table,
    offset: usize,
    /// Names the table in messages: "[[code]] table", "code 405", …
    context: String,
}

impl<'a> Fields<'a> {
    pub fn new(table: &'a Table, offset: usize, context: String) -> Self {
        Fields {
            table,
            offset,
            context,
        }
    }

    /// Reports every key of the table that is not in `allowed`.
    pub fn reject_unknown(&self, allowed: &[&str], errors: &mut Vec<RegistryError>) {
        for (key, _) in self.table.entries() {
            if !allowed.contains(&key.name.as_str()) {
                errors.push(RegistryError::at(
                    key.offset,
                    format!(
                        "unknown key `{}` in {}; the keys are {}",
                        key.name,
                        self.context,
                        key_list(allowed)
                    ),
                ));
            }
        }
    }

    /// Every key of the table with its value, in file order.
    pub fn entries(&self) -> &'a [(Key, Item)] {
        self.table.entries()
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
        self.table.get(key).map_or(self.offset, |item| item.offset)
    }

    fn value(
        &self,
        key: &str,
        required: bool,
        errors: &mut Vec<RegistryError>,
    ) -> Option<&'a Item> {
        let value = self.table.get(key);
        if value.is_none() && required {
            errors.push(RegistryError::at(
                self.offset,
                format!("{} has no `{key}`; add `{key} = …`", self.context),
            ));
        }
        value
    }

    fn empty(&self, key: &str, value: &Item, errors: &mut Vec<RegistryError>) {
        errors.push(RegistryError::at(
            value.offset,
            format!(
                "`{key}` in {} is empty; give at least one value",
                self.context
            ),
        ));
    }

    fn wrong_type(&self, key: &str, expected: &str, value: &Item, errors: &mut Vec<RegistryError>) {
        errors.push(RegistryError::at(
            value.offset,
            format!(
                "`{key}` in {} must be {expected}, found {}",
                self.context,
                value.value.type_str()
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
        match &value.value {
            Value::String(text) => Some(At {
                value: text.clone(),
                offset: value.offset,
            }),
            _ => {
                self.wrong_type(key, "a string", value, errors);
                None
            }
        }
    }

    pub fn boolean(&self, key: &str, errors: &mut Vec<RegistryError>) -> Option<At<bool>> {
        let value = self.value(key, false, errors)?;
        match value.value {
            Value::Boolean(flag) => Some(At {
                value: flag,
                offset: value.offset,
            }),
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
        let Value::Array(items) = &value.value else {
            self.wrong_type(key, EXPECTED, value, errors);
            return Vec::new();
        };
        if items.is_empty() {
            self.empty(key, value, errors);
        }
        let mut found = Vec::new();
        for item in items {
            let parsed = match &item.value {
                Value::String(text) => Ok(text.clone()),
                Value::Integer(Some(number)) => Err(*number),
                _ => {
                    self.wrong_type(key, EXPECTED, item, errors);
                    continue;
                }
            };
            found.push(At {
                value: parsed,
                offset: item.offset,
            });
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
        match value.value {
            Value::Integer(Some(number)) => Some(At {
                value: number,
                offset: value.offset,
            }),
            Value::Integer(None) => {
                errors.push(RegistryError::at(
                    value.offset,
                    format!("`{key}` in {} is too large", self.context),
                ));
                None
            }
            _ => {
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
        let items = match &value.value {
            Value::String(text) if single => {
                return Some(vec![At {
                    value: text.clone(),
                    offset: value.offset,
                }]);
            }
            Value::Array(items) => items,
            _ => {
                self.wrong_type(key, expected, value, errors);
                return None;
            }
        };
        let mut strings = Vec::new();
        for item in items {
            match &item.value {
                Value::String(text) => strings.push(At {
                    value: text.clone(),
                    offset: item.offset,
                }),
                _ => self.wrong_type(key, expected, item, errors),
            }
        }
        if items.is_empty() {
            self.empty(key, value, errors);
        }
        Some(strings)
    }

    /// The tables of an array of tables (`[[code.constraints]]`).
    pub fn tables(&self, key: &str, errors: &mut Vec<RegistryError>) -> Vec<(&'a Table, usize)> {
        let Some(value) = self.value(key, false, errors) else {
            return Vec::new();
        };
        let Value::Tables(items) = &value.value else {
            self.wrong_type(key, "an array of tables", value, errors);
            return Vec::new();
        };
        let mut tables = Vec::new();
        for item in items {
            if let Value::Table(table) = &item.value {
                tables.push((table, item.offset));
            }
        }
        tables
    }
}
