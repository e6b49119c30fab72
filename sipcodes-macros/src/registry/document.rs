//! `registry.toml` text → a tree of tables, each key and value with its byte offset.
//!
//! The registry is written in a subset of TOML 1.1: comments, `[[name]]` and
//! `[[name.name]]` headers, `key = value` with bare keys, and values that are
//! basic or literal strings on one line, integers, booleans and arrays of them.
//! Anything else is reported as outside the subset rather than guessed at. The
//! subset is parsed here instead of by the `toml` crate because every user of
//! `sipcodes` compiles this crate: the `toml` stack cost more build time than the
//! rest of the macro crate. Tests check the tree against the `toml` crate's, on
//! the shipped file and on generated documents.

use super::RegistryError;
use super::error::line_of;

/// The keys of one table in file order, each key once.
#[derive(Debug, Default)]
pub struct Table {
    entries: Vec<(Key, Item)>,
}

#[derive(Debug)]
pub struct Key {
    pub name: String,
    pub offset: usize,
}

/// A value and the byte offset where it starts (for a `[[…]]` table, its header).
#[derive(Debug)]
pub struct Item {
    pub value: Value,
    pub offset: usize,
}

#[derive(Debug)]
pub enum Value {
    String(String),
    /// `None` when the number does not fit an `i64`.
    Integer(Option<i64>),
    Boolean(bool),
    Array(Vec<Item>),
    /// An array of tables, made by `[[…]]` headers; every item is a `Value::Table`.
    Tables(Vec<Item>),
    Table(Table),
}

impl Value {
    /// The kind of value, as messages name it.
    pub fn type_str(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Integer(_) => "integer",
            Value::Boolean(_) => "boolean",
            Value::Array(_) | Value::Tables(_) => "array",
            Value::Table(_) => "table",
        }
    }
}

impl Table {
    pub fn get(&self, name: &str) -> Option<&Item> {
        let index = self.position(name)?;
        Some(&self.entries[index].1)
    }

    /// The keys and their values, in file order.
    pub fn entries(&self) -> &[(Key, Item)] {
        &self.entries
    }

    fn position(&self, name: &str) -> Option<usize> {
        let mut index = 0;
        while index < self.entries.len() {
            if self.entries[index].0.name == name {
                return Some(index);
            }
            index += 1;
        }
        None
    }

    fn get_mut(&mut self, name: &str) -> Option<&mut Item> {
        let index = self.position(name)?;
        Some(&mut self.entries[index].1)
    }

    fn insert(&mut self, key: Key, item: Item, source: &str) -> Result<(), RegistryError> {
        if let Some(index) = self.position(&key.name) {
            return Err(invalid(
                key.offset,
                format!(
                    "`{}` is given twice in one table (first at line {}); keep one",
                    key.name,
                    line_of(source, self.entries[index].0.offset)
                ),
            ));
        }
        self.entries.push((key, item));
        Ok(())
    }
}

/// Parses the whole file; the first syntax error ends the parse.
pub fn parse(source: &str) -> Result<Table, RegistryError> {
    let mut root = Table::default();
    // The header path of the table that key-value lines go into.
    let mut current: Vec<String> = Vec::new();
    let mut cursor = Cursor { source, pos: 0 };
    loop {
        cursor.skip_blank();
        let Some(byte) = cursor.peek() else {
            return Ok(root);
        };
        match byte {
            b'\r' | b'\n' | b'#' => cursor.end_of_line()?,
            b'[' => {
                current = cursor.header(&mut root)?;
                cursor.end_of_line()?;
            }
            _ => {
                let key = cursor.key()?;
                cursor.skip_blank();
                if cursor.peek() != Some(b'=') {
                    return Err(cursor.unexpected("`=` after the key"));
                }
                cursor.pos += 1;
                cursor.skip_blank();
                let item = cursor.value()?;
                let table = descend(&mut root, &current).expect("the header was checked");
                table.insert(key, item, source)?;
                cursor.end_of_line()?;
            }
        }
    }
}

fn invalid(offset: usize, message: String) -> RegistryError {
    RegistryError::at(offset, format!("invalid TOML: {message}"))
}

/// The table a header path names: the last table of each array of tables on it.
fn descend<'t>(mut table: &'t mut Table, path: &[String]) -> Option<&'t mut Table> {
    for name in path {
        let item = table.get_mut(name)?;
        table = match &mut item.value {
            Value::Tables(items) => match &mut items.last_mut()?.value {
                Value::Table(table) => table,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(table)
}

struct Cursor<'s> {
    source: &'s str,
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.source.as_bytes().get(self.pos).copied()
    }

    fn skip_blank(&mut self) {
        while let Some(b' ' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// Blanks, newlines and comments, as allowed between the items of an array.
    fn skip_space(&mut self) -> Result<(), RegistryError> {
        loop {
            self.skip_blank();
            match self.peek() {
                Some(b'\r' | b'\n' | b'#') => self.end_of_line()?,
                _ => return Ok(()),
            }
        }
    }

    /// An optional comment, then a newline or the end of the file.
    fn end_of_line(&mut self) -> Result<(), RegistryError> {
        self.skip_blank();
        if self.peek() == Some(b'#') {
            while let Some(byte) = self.peek() {
                if byte == b'\n' || byte == b'\r' {
                    break;
                }
                if byte < 0x20 && byte != b'\t' || byte == 0x7f {
                    return Err(invalid(
                        self.pos,
                        format!("control character U+{byte:04X} in a comment"),
                    ));
                }
                self.pos += 1;
            }
        }
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.pos += 1;
                Ok(())
            }
            Some(b'\r') if self.source.as_bytes().get(self.pos + 1) == Some(&b'\n') => {
                self.pos += 2;
                Ok(())
            }
            Some(_) => Err(self.unexpected("a new line")),
        }
    }

    fn unexpected(&self, expected: &str) -> RegistryError {
        let rest = &self.source[self.pos..];
        let found = match rest.chars().next() {
            None => "the end of the file".to_owned(),
            _ if rest.starts_with('\n') || rest.starts_with("\r\n") => {
                "the end of the line".to_owned()
            }
            Some(other) => format!("`{}`", other.escape_debug()),
        };
        invalid(self.pos, format!("expected {expected}, found {found}"))
    }

    fn key(&mut self) -> Result<Key, RegistryError> {
        let offset = self.pos;
        let name = self.bare_key("a key")?;
        if self.peek() == Some(b'.') {
            return Err(invalid(
                self.pos,
                "dotted keys are outside the TOML subset registry.toml uses; \
                 write a [[…]] table"
                    .to_owned(),
            ));
        }
        Ok(Key { name, offset })
    }

    /// `[[a]]` or `[[a.b]]`: appends a table to an array of tables and returns
    /// its path.
    fn header(&mut self, root: &mut Table) -> Result<Vec<String>, RegistryError> {
        let offset = self.pos;
        if !self.source[self.pos..].starts_with("[[") {
            return Err(invalid(
                offset,
                "`[table]` headers are outside the TOML subset registry.toml uses; \
                 write `[[table]]`"
                    .to_owned(),
            ));
        }
        self.pos += 2;
        let mut path = Vec::new();
        let mut last_offset;
        loop {
            self.skip_blank();
            last_offset = self.pos;
            path.push(self.bare_key("a table name")?);
            self.skip_blank();
            match self.peek() {
                Some(b'.') => self.pos += 1,
                _ if self.source[self.pos..].starts_with("]]") => break,
                _ => return Err(self.unexpected("`]]` or `.`")),
            }
        }
        self.pos += 2;
        let (last, parents) = path.split_last().expect("a header names a table");
        let Some(parent) = descend(root, parents) else {
            return Err(invalid(
                offset,
                format!(
                    "`[[{}]]` needs a `[[{}]]` table before it (the TOML subset registry.toml \
                     uses has no implicit tables)",
                    dotted(&path),
                    dotted(parents)
                ),
            ));
        };
        let table = Item {
            value: Value::Table(Table::default()),
            offset,
        };
        match parent.get_mut(last) {
            Some(Item {
                value: Value::Tables(items),
                ..
            }) => items.push(table),
            Some(_) => {
                return Err(invalid(
                    offset,
                    format!("`{last}` is already a value; it cannot also be an array of tables"),
                ));
            }
            None => {
                let key = Key {
                    name: last.clone(),
                    offset: last_offset,
                };
                let tables = Item {
                    value: Value::Tables(vec![table]),
                    offset,
                };
                parent.insert(key, tables, self.source)?;
            }
        }
        Ok(path)
    }

    /// A bare key: ASCII letters, digits, `_` and `-`; `expected` names it in
    /// the error when there is none.
    fn bare_key(&mut self, expected: &str) -> Result<String, RegistryError> {
        let start = self.pos;
        while let Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-') = self.peek() {
            self.pos += 1;
        }
        if self.pos > start {
            return Ok(self.source[start..self.pos].to_owned());
        }
        match self.peek() {
            Some(b'"' | b'\'') => Err(invalid(
                start,
                "quoted keys are outside the TOML subset registry.toml uses; write a bare key"
                    .to_owned(),
            )),
            _ => Err(self.unexpected(expected)),
        }
    }

    fn value(&mut self) -> Result<Item, RegistryError> {
        let offset = self.pos;
        let value = match self.peek() {
            Some(b'"') => {
                if self.source[self.pos..].starts_with("\"\"\"") {
                    return Err(outside(offset, "multi-line strings"));
                }
                Value::String(self.basic_string()?)
            }
            Some(b'\'') => {
                if self.source[self.pos..].starts_with("'''") {
                    return Err(outside(offset, "multi-line strings"));
                }
                Value::String(self.literal_string()?)
            }
            Some(b'[') => Value::Array(self.array()?),
            Some(b'{') => return Err(outside(offset, "inline tables")),
            _ => self.scalar()?,
        };
        Ok(Item { value, offset })
    }

    fn array(&mut self) -> Result<Vec<Item>, RegistryError> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space()?;
            if self.peek() == Some(b']') {
                self.pos += 1;
                return Ok(items);
            }
            items.push(self.value()?);
            self.skip_space()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {}
                _ => return Err(self.unexpected("`,` or `]`")),
            }
        }
    }

    fn basic_string(&mut self) -> Result<String, RegistryError> {
        let bytes = self.source.as_bytes();
        self.pos += 1;
        let mut text = String::new();
        let mut run = self.pos;
        loop {
            let Some(&byte) = bytes.get(self.pos) else {
                return Err(self.unclosed('"'));
            };
            match byte {
                b'"' => {
                    text.push_str(&self.source[run..self.pos]);
                    self.pos += 1;
                    return Ok(text);
                }
                b'\\' => {
                    text.push_str(&self.source[run..self.pos]);
                    text.push(self.escape()?);
                    run = self.pos;
                }
                b'\n' | b'\r' => return Err(self.unclosed('"')),
                _ => {
                    self.check_control(byte, "a string")?;
                    self.pos += 1;
                }
            }
        }
    }

    fn literal_string(&mut self) -> Result<String, RegistryError> {
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.peek() {
                Some(b'\'') => {
                    self.pos += 1;
                    return Ok(self.source[start..self.pos - 1].to_owned());
                }
                None | Some(b'\n' | b'\r') => return Err(self.unclosed('\'')),
                Some(byte) => {
                    self.check_control(byte, "a string")?;
                    self.pos += 1;
                }
            }
        }
    }

    fn unclosed(&self, quote: char) -> RegistryError {
        invalid(
            self.pos,
            format!("the string is not closed before the end of its line; end it with `{quote}`"),
        )
    }

    fn check_control(&self, byte: u8, place: &str) -> Result<(), RegistryError> {
        if byte < 0x20 && byte != b'\t' || byte == 0x7f {
            return Err(invalid(
                self.pos,
                format!("control character U+{byte:04X} in {place}; write it as an escape"),
            ));
        }
        Ok(())
    }

    /// The escape at the cursor (a backslash and what follows), decoded.
    fn escape(&mut self) -> Result<char, RegistryError> {
        let start = self.pos;
        self.pos += 2;
        let digits = match self.source.as_bytes().get(start + 1) {
            Some(b'b') => return Ok('\u{8}'),
            Some(b't') => return Ok('\t'),
            Some(b'n') => return Ok('\n'),
            Some(b'f') => return Ok('\u{c}'),
            Some(b'r') => return Ok('\r'),
            Some(b'e') => return Ok('\u{1b}'),
            Some(b'"') => return Ok('"'),
            Some(b'\\') => return Ok('\\'),
            Some(b'x') => 2,
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => {
                return Err(invalid(
                    start,
                    "unknown escape; use \\b, \\t, \\n, \\f, \\r, \\e, \\\", \\\\, \\xHH, \
                     \\uHHHH or \\UHHHHHHHH"
                        .to_owned(),
                ));
            }
        };
        let hex = self.source.get(self.pos..self.pos + digits).unwrap_or("");
        let scalar = if hex.len() == digits && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else {
            None
        };
        match scalar {
            Some(scalar) => {
                self.pos += digits;
                Ok(scalar)
            }
            None => Err(invalid(
                start,
                format!("the escape needs {digits} hex digits naming a Unicode scalar value"),
            )),
        }
    }

    /// A bare value: a boolean or an integer.
    fn scalar(&mut self) -> Result<Value, RegistryError> {
        let start = self.pos;
        while let Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' | b'+' | b'.' | b':') =
            self.peek()
        {
            self.pos += 1;
        }
        let word = &self.source[start..self.pos];
        match word {
            "" => Err(self.unexpected("a value")),
            "true" => Ok(Value::Boolean(true)),
            "false" => Ok(Value::Boolean(false)),
            _ => integer(word).map(Value::Integer).ok_or_else(|| {
                invalid(
                    start,
                    format!(
                        "`{word}` is not a value of the TOML subset registry.toml uses; \
                         write a string, an integer, true, false or an array"
                    ),
                )
            }),
        }
    }
}

/// A header path as written: `code.constraints`.
fn dotted(path: &[String]) -> String {
    let mut text = String::new();
    for name in path {
        if !text.is_empty() {
            text.push('.');
        }
        text.push_str(name);
    }
    text
}

fn outside(offset: usize, what: &str) -> RegistryError {
    invalid(
        offset,
        format!("{what} are outside the TOML subset registry.toml uses"),
    )
}

/// A TOML integer (`-12`, `1_000`, `0x1F`, `0o17`, `0b101`): `Some(None)` when it
/// is well formed but too large for an `i64`, `None` when it is no integer.
fn integer(word: &str) -> Option<Option<i64>> {
    let (radix, digits, negative) = match word.get(..2) {
        Some("0x") => (16, &word[2..], false),
        Some("0o") => (8, &word[2..], false),
        Some("0b") => (2, &word[2..], false),
        _ => match word.as_bytes()[0] {
            b'-' => (10, &word[1..], true),
            b'+' => (10, &word[1..], false),
            _ => (10, word, false),
        },
    };
    let bytes = digits.as_bytes();
    let well_formed = !bytes.is_empty()
        && bytes[0] != b'_'
        && bytes[bytes.len() - 1] != b'_'
        && !digits.contains("__")
        && (radix != 10 || bytes[0] != b'0' || bytes.len() == 1);
    if !well_formed {
        return None;
    }
    let mut value: Option<i64> = Some(0);
    for &byte in bytes {
        if byte == b'_' {
            continue;
        }
        let digit = char::from(byte).to_digit(radix)?;
        value = value
            .and_then(|value| value.checked_mul(i64::from(radix)))
            .and_then(|value| {
                let digit = i64::from(digit);
                if negative {
                    value.checked_sub(digit)
                } else {
                    value.checked_add(digit)
                }
            });
    }
    Some(value)
}

#[cfg(test)]
#[path = "document_tests.rs"]
mod tests;
