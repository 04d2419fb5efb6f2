//! Validation of the signup form specified in `../CONTRACT.md`.

mod countries;
mod input;
mod rules;

use input::Input;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A stable error code of the contract.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    Required,
    WrongType,
    TooShort,
    TooLong,
    InvalidFormat,
    WeakPassword,
    NotInteger,
    OutOfRange,
    UnknownCountry,
    MustAccept,
}

#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub code: Code,
}

/// The handler's response; field order is the contract's JSON key order.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub valid: bool,
    pub errors: Vec<FieldError>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct SignupForm {
    email: Input<String>,
    password: Input<String>,
    display_name: Input<String>,
    age: Input<f64>,
    country_code: Input<String>,
    phone: Input<String>,
    accepted_terms: Input<bool>,
    address: Input<Address>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Address {
    line1: Input<String>,
    line2: Input<String>,
    city: Input<String>,
    postal_code: Input<String>,
    country_code: Input<String>,
}

/// Collects at most one error per field, in the order fields are checked.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn check(&mut self, field: &'static str, outcome: Result<(), Code>) {
        if let Err(code) = outcome {
            self.0.push(FieldError { field, code });
        }
    }
}

pub fn validate(event: Value) -> Verdict {
    let Value::Object(fields) = event else {
        return verdict(vec![FieldError {
            field: "",
            code: Code::WrongType,
        }]);
    };
    let form = SignupForm::deserialize(Value::Object(fields))
        .expect("every form field is an Input, which accepts any JSON value");

    // The order of these checks is the contract's error order.
    let mut errors = Errors::default();
    errors.check("email", form.email.required_string(rules::email));
    errors.check("password", form.password.required_string(rules::password));
    errors.check(
        "displayName",
        form.display_name.required_string(|s| rules::text(s, 64)),
    );
    errors.check("age", form.age.required().and_then(rules::age));
    errors.check(
        "countryCode",
        form.country_code.required_string(rules::country_code),
    );
    errors.check("phone", form.phone.optional_string(rules::phone));
    errors.check(
        "acceptedTerms",
        form.accepted_terms.required().and_then(rules::accepted),
    );
    match form.address.required() {
        Err(code) => errors.check("address", Err(code)),
        Ok(address) => check_address(address, &mut errors),
    }
    verdict(errors.0)
}

fn check_address(address: Address, errors: &mut Errors) {
    let line = |s: &str| rules::text(s, 100);
    errors.check("address.line1", address.line1.required_string(line));
    errors.check("address.line2", address.line2.optional_string(line));
    errors.check("address.city", address.city.required_string(line));
    errors.check(
        "address.postalCode",
        address.postal_code.required_string(rules::postal_code),
    );
    errors.check(
        "address.countryCode",
        address.country_code.required_string(rules::country_code),
    );
}

fn verdict(errors: Vec<FieldError>) -> Verdict {
    Verdict {
        valid: errors.is_empty(),
        errors,
    }
}
