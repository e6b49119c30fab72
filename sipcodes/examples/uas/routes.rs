//! The routing table: Request-URI user → the code an INVITE gets.

use std::collections::HashMap;

use sipcodes::SipCode;
use toml::de::{DeTable, DeValue};

pub const DEFAULT: &str = include_str!("routes.toml");

pub struct Routes(HashMap<String, SipCode>);

impl Routes {
    /// Reads `[users]`: each value a registered code, `"486"` or `"486 Busy Here"`.
    pub fn parse(text: &str) -> Result<Routes, String> {
        let document =
            DeTable::parse(text).map_err(|error| format!("invalid TOML: {}", error.message()))?;
        let mut routes = HashMap::new();
        for (key, value) in document.get_ref() {
            let DeValue::Table(users) = value.get_ref() else {
                return Err(format!("`{}` must be a table", key.get_ref()));
            };
            if key.get_ref() != "users" {
                return Err(format!(
                    "unknown table `{}`; the table is `[users]`",
                    key.get_ref()
                ));
            }
            for (user, code) in users {
                let text = match code.get_ref() {
                    DeValue::String(text) => text.to_string(),
                    DeValue::Integer(number) => number.as_str().to_owned(),
                    _ => {
                        return Err(format!(
                            "user `{}`: expected a code like \"486 Busy Here\"",
                            user.get_ref()
                        ));
                    }
                };
                let code = text
                    .parse::<SipCode>()
                    .map_err(|error| format!("user `{}`: {error}", user.get_ref()))?;
                if !code.is_final() || code.is_redirection() {
                    return Err(format!(
                        "user `{}`: {code} is not a final answer this example can give",
                        user.get_ref()
                    ));
                }
                routes.insert(user.get_ref().to_string(), code);
            }
        }
        Ok(Routes(routes))
    }

    pub fn get(&self, user: &str) -> Option<SipCode> {
        self.0.get(user).copied()
    }
}
