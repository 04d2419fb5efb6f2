/**
 * The floor: a std-only Rust Runtime API loop that echoes each event back. It does nothing
 * a Rust handler can skip, so it is the fastest cold start this machine can give a native
 * bootstrap; the Rust handler is judged against it in the same run. Written to the cache and
 * built there, so that the installed CLI needs no source tree.
 */
export const FLOOR_CARGO_TOML = `[package]
name = "lsf-floor"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
`;

export const FLOOR_MAIN_RS = `//! A std-only Lambda Runtime API loop that echoes each event: the cold-start floor.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

fn main() {
    let api = std::env::var("AWS_LAMBDA_RUNTIME_API").expect("AWS_LAMBDA_RUNTIME_API is not set");
    loop {
        let (id, event) = request(&api, "GET", "/2018-06-01/runtime/invocation/next", b"");
        let id = id.expect("no Lambda-Runtime-Aws-Request-Id header");
        request(&api, "POST", &format!("/2018-06-01/runtime/invocation/{id}/response"), &event);
    }
}

/// One HTTP/1.1 exchange on a fresh connection; returns the request id header and the body.
fn request(api: &str, method: &str, path: &str, body: &[u8]) -> (Option<String>, Vec<u8>) {
    let mut stream = TcpStream::connect(api).expect("cannot connect to the Runtime API");
    let head = format!("{method} {path} HTTP/1.1\\r\\nHost: {api}\\r\\nContent-Length: {}\\r\\nConnection: close\\r\\n\\r\\n", body.len());
    stream.write_all(head.as_bytes()).expect("cannot send the request");
    stream.write_all(body).expect("cannot send the body");
    let mut reader = BufReader::new(stream);
    let (mut id, mut length) = (None, 0usize);
    let mut line = String::new();
    loop {
        line.clear();
        reader.read_line(&mut line).expect("cannot read the reply");
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().expect("bad Content-Length");
            } else if name.eq_ignore_ascii_case("lambda-runtime-aws-request-id") {
                id = Some(value.trim().to_string());
            }
        }
    }
    let mut reply = vec![0; length];
    reader.read_exact(&mut reply).expect("cannot read the reply body");
    (id, reply)
}
`;
