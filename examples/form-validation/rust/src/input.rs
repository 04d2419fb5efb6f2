//! One form field as it arrived: missing (or null), of the wrong JSON type, or a value.

use crate::Code;
use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use serde_json::Value;

#[derive(Default)]
pub enum Input<T> {
    #[default]
    Missing,
    WrongType,
    Given(T),
}

/// Never fails: a value that is not a `T` becomes `WrongType`, so one bad field
/// does not hide the errors of the others (plain serde stops at the first).
impl<'de, T: DeserializeOwned> Deserialize<'de> for Input<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(deserializer)? {
            Value::Null => Input::Missing,
            // No field is a list, and serde would otherwise read a struct from one by position.
            Value::Array(_) => Input::WrongType,
            value => T::deserialize(value).map_or(Input::WrongType, Input::Given),
        })
    }
}

impl<T> Input<T> {
    pub fn required(self) -> Result<T, Code> {
        match self {
            Input::Missing => Err(Code::Required),
            Input::WrongType => Err(Code::WrongType),
            Input::Given(value) => Ok(value),
        }
    }
}

impl Input<String> {
    /// Checks a required string with `rule`. "" counts as missing: an untouched form input sends it.
    pub fn required_string(self, rule: impl FnOnce(&str) -> Result<(), Code>) -> Result<(), Code> {
        rule(&self.non_empty()?.ok_or(Code::Required)?)
    }

    /// Checks an optional string with `rule` unless it is missing, null or "".
    pub fn optional_string(self, rule: impl FnOnce(&str) -> Result<(), Code>) -> Result<(), Code> {
        self.non_empty()?.map_or(Ok(()), |s| rule(&s))
    }

    fn non_empty(self) -> Result<Option<String>, Code> {
        match self {
            Input::Missing => Ok(None),
            Input::WrongType => Err(Code::WrongType),
            Input::Given(s) if s.is_empty() => Ok(None),
            Input::Given(s) => Ok(Some(s)),
        }
    }
}
