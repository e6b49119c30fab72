use std::fmt;

/// A problem in `registry.toml`, located by line and column (both 1-based,
/// columns counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub(crate) offset: usize,
}

impl RegistryError {
    /// An error at a byte offset; `locate` turns it into a line and column.
    pub(crate) fn at(offset: usize, message: impl Into<String>) -> Self {
        RegistryError {
            line: 0,
            column: 0,
            message: message.into(),
            offset,
        }
    }

    pub(crate) fn locate(mut self, source: &str) -> Self {
        let offset = floor_char_boundary(source, self.offset.min(source.len()));
        let before = &source[..offset];
        self.line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        self.column = before[line_start..].chars().count() + 1;
        self
    }
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn floor_char_boundary(source: &str, mut offset: usize) -> usize {
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "registry.toml:{}:{}: {}",
            self.line, self.column, self.message
        )
    }
}
