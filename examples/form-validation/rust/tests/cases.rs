//! Runs every line of ../cases.jsonl, the contract shared with the Python and Node twins.

use form_validation::validate;
use serde_json::Value;

const CASES: &str = include_str!("../../cases.jsonl");

#[test]
fn every_case_gets_its_expected_response() {
    let mut failures = Vec::new();
    let mut count = 0;
    for line in CASES.lines() {
        let case: Value = serde_json::from_str(line).expect("each line of cases.jsonl is JSON");
        let actual = serde_json::to_value(validate(case["event"].clone())).unwrap();
        if actual != case["expected"] {
            failures.push(format!(
                "{}: expected {}, got {}",
                case["name"], case["expected"], actual
            ));
        }
        count += 1;
    }
    assert!(count >= 40, "cases.jsonl holds only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// serde_json's Value sorts object keys, so the case comparison above cannot see key order.
#[test]
fn response_keys_come_in_contract_order() {
    let response = validate(serde_json::json!({ "age": 36.5 }));
    let json = serde_json::to_string(&response).unwrap();
    assert!(
        json.starts_with(r#"{"valid":false,"errors":[{"field":"email","code":"required"}"#),
        "{json}"
    );
}
