//! The routing table: Request-URI user → the code an INVITE gets, and for
//! how long the phone rings (180) before that answer.

use std::collections::HashMap;
use std::time::Duration;

use sipcodes::SipCode;
use toml::de::{DeTable, DeValue};

pub const DEFAULT: &str = include_str!("routes.toml");

/// What an INVITE to one user gets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Route {
    pub answer: SipCode,
    /// Ringing time before the answer; a CANCEL in that time ends it with 487.
    pub ring: Option<Duration>,
}

pub struct Routes(HashMap<String, Route>);

impl Routes {
    /// Reads `[users]`: each value a registered code, `"486"` or `"486 Busy
    /// Here"`, or a table `{ answer = "200", ring = 2.5 }` that rings for that
    /// many seconds first.
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
            for (user, value) in users {
                let user = user.get_ref();
                let (answer, ring) = match value.get_ref() {
                    DeValue::Table(table) => {
                        let mut answer = None;
                        let mut ring = None;
                        for (key, value) in table {
                            match key.get_ref().as_ref() {
                                "answer" => answer = Some(value.get_ref()),
                                "ring" => ring = Some(seconds(user, value.get_ref())?),
                                other => {
                                    return Err(format!(
                                        "user `{user}`: unknown key `{other}`; the keys are `answer` and `ring`"
                                    ));
                                }
                            }
                        }
                        let answer =
                            answer.ok_or_else(|| format!("user `{user}`: `answer` is missing"))?;
                        (code(user, answer)?, ring)
                    }
                    value => (code(user, value)?, None),
                };
                routes.insert(user.to_string(), Route { answer, ring });
            }
        }
        Ok(Routes(routes))
    }

    pub fn get(&self, user: &str) -> Option<Route> {
        self.0.get(user).copied()
    }
}

fn code(user: &str, value: &DeValue<'_>) -> Result<SipCode, String> {
    let text = match value {
        DeValue::String(text) => text.to_string(),
        DeValue::Integer(number) => number.as_str().to_owned(),
        _ => {
            return Err(format!(
                "user `{user}`: expected a code like \"486 Busy Here\""
            ));
        }
    };
    let code = text
        .parse::<SipCode>()
        .map_err(|error| format!("user `{user}`: {error}"))?;
    if !code.is_final() || code.is_redirection() {
        return Err(format!(
            "user `{user}`: {code} is not a final answer this example can give"
        ));
    }
    Ok(code)
}

fn seconds(user: &str, value: &DeValue<'_>) -> Result<Duration, String> {
    let seconds = match value {
        DeValue::Integer(number) => number.as_str().parse::<f64>().ok(),
        DeValue::Float(number) => number.as_str().parse::<f64>().ok(),
        _ => None,
    };
    match seconds {
        Some(seconds) if (0.0..=60.0).contains(&seconds) => Ok(Duration::from_secs_f64(seconds)),
        _ => Err(format!(
            "user `{user}`: `ring` is a number of seconds from 0 to 60"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routing_tables_are_checked() {
        let routes =
            Routes::parse("[users]\nx = \"486\"\ny = 603\nz = { answer = \"200\", ring = 1.5 }\n")
                .unwrap();
        assert_eq!(routes.get("y").unwrap().answer, SipCode::Decline);
        assert_eq!(
            routes.get("z").unwrap().ring,
            Some(Duration::from_millis(1500))
        );
        let error = |text: &str| Routes::parse(text).err().unwrap();
        assert_eq!(
            error("[users]\nx = \"499\"\n"),
            "user `x`: 499 is not a registered SIP response code"
        );
        assert_eq!(
            error("[users]\nx = \"180\"\n"),
            "user `x`: 180 Ringing is not a final answer this example can give"
        );
        assert_eq!(
            error("[users]\nx = { answer = \"200\", ring = 99 }\n"),
            "user `x`: `ring` is a number of seconds from 0 to 60"
        );
        assert_eq!(
            error("[people]\nx = \"486\"\n"),
            "unknown table `people`; the table is `[users]`"
        );
        assert!(error("[users\n").starts_with("invalid TOML"));
        assert!(Routes::parse(DEFAULT).is_ok());
    }
}
