//! Lambda bootstrap: the event is the signup form, the response the verdict.

use form_validation::{validate, Verdict};
use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde_json::Value;

async fn handle(event: LambdaEvent<Value>) -> Result<Verdict, Error> {
    Ok(validate(event.payload))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(handle)).await
}
