//! The one-line form of a constraint: its `Display` and its line in the rustdoc
//! of each `SipCode` variant.

use core::fmt;

use super::vocab::{Citation, Level, Role};

/// What a rule is about, borrowed from either crate's model of it.
pub enum Subject<'a, S> {
    /// Any one of these header fields.
    Header(&'a [S]),
    /// The message body.
    Body,
    /// Which elements send the response.
    Sender(&'a [Role]),
    /// How an element that receives the response acts.
    Receiver(&'a [Role]),
}

/// A constraint, ready to print: `MUST (header Allow): <rule> [RFC 3261 §21.4.6]`,
/// or with `markdown`, bold keyword, code-formatted names and a linked citation.
pub struct Line<'a, S> {
    pub level: Level,
    pub subject: Subject<'a, S>,
    pub methods: &'a [S],
    pub condition: Option<&'a str>,
    pub rule: &'a str,
    pub citation: Citation<'a>,
    pub markdown: bool,
}

impl<S: AsRef<str>> fmt::Display for Line<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (strong, code) = if self.markdown { ("**", "`") } else { ("", "") };
        write!(f, "{strong}{}{strong} (", self.level)?;
        write_subject(f, &self.subject, code)?;
        for (index, method) in self.methods.iter().enumerate() {
            let separator = if index == 0 { ", responses to " } else { ", " };
            write!(f, "{separator}{}", method.as_ref())?;
        }
        if let Some(condition) = self.condition {
            write!(f, ", when {condition}")?;
        }
        write!(f, "): {} [{}]", self.rule, self.citation)?;
        if self.markdown {
            write!(f, "({})", self.citation.url())?;
        }
        Ok(())
    }
}

impl<S: AsRef<str>> fmt::Display for Subject<'_, S> {
    /// `header Allow or Contact`, `message body`, `sender: uas, proxy`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_subject(f, self, "")
    }
}

fn write_subject<S: AsRef<str>>(
    f: &mut fmt::Formatter<'_>,
    subject: &Subject<'_, S>,
    code: &str,
) -> fmt::Result {
    match *subject {
        Subject::Header(names) => {
            f.write_str("header ")?;
            for (index, name) in names.iter().enumerate() {
                let separator = if index == 0 { "" } else { " or " };
                write!(f, "{separator}{code}{}{code}", name.as_ref())?;
            }
            Ok(())
        }
        Subject::Body => f.write_str("message body"),
        Subject::Sender(roles) => roles_list(f, "sender: ", roles),
        Subject::Receiver(roles) => roles_list(f, "receiver: ", roles),
    }
}

fn roles_list(f: &mut fmt::Formatter<'_>, label: &str, roles: &[Role]) -> fmt::Result {
    f.write_str(label)?;
    for (index, role) in roles.iter().enumerate() {
        let separator = if index == 0 { "" } else { ", " };
        write!(f, "{separator}{role}")?;
    }
    Ok(())
}
