//! A guard on the input stream: every frame the client sends is checked before
//! tower-lsp-server reads it, and a malformed one (bad headers, a body that is not JSON, JSON
//! that is not a JSON-RPC message) is replaced by a request for `factcheck/malformedMessage`,
//! which the server answers with a JSON-RPC error. Without the guard the first malformed frame
//! ends the session: the framed reader underneath stops for good after a decoding error.
//!
//! Why tower-lsp-server (0.23) does not recover by itself, read in its source: its codec does
//! skip ahead to the next `Content-Length` after bad headers, and its transport answers the
//! decoding error with a parse-error reply, but it reads frames through tokio-util's
//! `FramedRead`, which after any decoder error returns `None` on the next poll (its "errored"
//! state, tokio-rs/tokio#3976). The transport's `while let Some(msg) = framed_stdin.next()`
//! loop then ends, and so does the session. So malformed frames must never reach that reader.
//!
//! The guard also tells the server when the input ends, so waits in request handlers give up
//! instead of holding the session open after the client went away.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{AsyncRead, ReadBuf};

use super::state::State;

/// The method a malformed frame is turned into.
pub const MALFORMED: &str = "factcheck/malformedMessage";

/// A frame whose headers never end (or claim more than this) is garbage, not a message.
const MAX_HEADER_BYTES: usize = 16 * 1024;
const MAX_BODY_BYTES: usize = 512 * 1024 * 1024;

pub struct Guard<I> {
    inner: I,
    state: Arc<State>,
    /// Bytes read but not yet framed.
    input: Vec<u8>,
    /// A checked frame being handed on.
    output: Vec<u8>,
    handed: usize,
    ended: bool,
}

impl<I> Guard<I> {
    pub fn new(inner: I, state: Arc<State>) -> Guard<I> {
        Guard {
            inner,
            state,
            input: Vec::new(),
            output: Vec::new(),
            handed: 0,
            ended: false,
        }
    }
}

impl<I: AsyncRead + Unpin> AsyncRead for Guard<I> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        loop {
            if this.handed < this.output.len() {
                let n = buf.remaining().min(this.output.len() - this.handed);
                buf.put_slice(&this.output[this.handed..this.handed + n]);
                this.handed += n;
                return Poll::Ready(Ok(()));
            }
            if let Some(frame) = next_frame(&mut this.input) {
                this.output = frame;
                this.handed = 0;
                continue;
            }
            if this.ended {
                // A partial frame at the end of input is dropped: nobody waits for its answer.
                this.state.stop.stop();
                return Poll::Ready(Ok(()));
            }
            let mut chunk = [0u8; 64 * 1024];
            let mut read = ReadBuf::new(&mut chunk);
            match Pin::new(&mut this.inner).poll_read(cx, &mut read) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Err(e)) => {
                    this.state.stop.stop();
                    return Poll::Ready(Err(e));
                }
                Poll::Ready(Ok(())) if read.filled().is_empty() => this.ended = true,
                Poll::Ready(Ok(())) => this.input.extend_from_slice(read.filled()),
            }
        }
    }
}

/// The next whole frame in `input` (removed from it), checked: the frame itself when it is a
/// well-formed JSON-RPC message, else a `factcheck/malformedMessage` request saying what is
/// wrong. `None` until a whole frame has arrived.
pub fn next_frame(input: &mut Vec<u8>) -> Option<Vec<u8>> {
    if input.is_empty() {
        return None;
    }
    let Some((header_end, body_start)) = headers_end(input) else {
        if input.len() > MAX_HEADER_BYTES {
            skip_to_next_header(input, 1);
            return Some(malformed(
                Value::Null,
                "headers without an end (no blank line)",
            ));
        }
        return None;
    };
    let headers = String::from_utf8_lossy(&input[..header_end]).into_owned();
    let length = match content_length(&headers) {
        Ok(n) => n,
        Err(problem) => {
            skip_to_next_header(input, body_start);
            return Some(malformed(Value::Null, &problem));
        }
    };
    if input.len() < body_start + length {
        return None;
    }
    let body: Vec<u8> = input[body_start..body_start + length].to_vec();
    input.drain(..body_start + length);
    Some(match check(&body) {
        Ok(()) => {
            let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
            frame.extend(body);
            frame
        }
        Err((id, problem)) => malformed(id, &problem),
    })
}

/// Where the headers end and the body starts: at the first blank line. The specification
/// ends header lines with CR LF; lines ended by a bare LF (a common client bug) are read as
/// well, as most servers do, rather than waiting for a CR LF CR LF that never comes.
fn headers_end(input: &[u8]) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'\n', &input[from..]).map(|i| from + i) {
        let line_start = i + 1;
        match &input[line_start..] {
            [b'\n', ..] => return Some((i, line_start + 1)),
            [b'\r', b'\n', ..] => return Some((i, line_start + 2)),
            _ => from = line_start,
        }
    }
    None
}

fn content_length(headers: &str) -> Result<usize, String> {
    let mut length = None;
    for line in headers
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
    {
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("a header line without a colon: {line:?}"));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let n: usize = value
                .trim()
                .parse()
                .map_err(|_| format!("Content-Length is not a number: {:?}", value.trim()))?;
            if n > MAX_BODY_BYTES {
                return Err(format!(
                    "Content-Length {n} is over the limit of {MAX_BODY_BYTES}"
                ));
            }
            length = Some(n);
        }
    }
    length.ok_or_else(|| "no Content-Length header".to_string())
}

/// Drops bytes up to the next `Content-Length` at or after `from`, where the next frame
/// probably starts.
fn skip_to_next_header(input: &mut Vec<u8>, from: usize) {
    let from = from.min(input.len());
    let next = find(&input[from..], b"Content-Length").map_or(input.len(), |i| from + i);
    input.drain(..next);
}

/// What tower-lsp-server needs to read a message without failing.
#[derive(Deserialize)]
struct Envelope {
    jsonrpc: String,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    id: Option<Value>,
    // Present even when null: `"result": null` is a response.
    #[serde(default, deserialize_with = "present")]
    result: bool,
    #[serde(default, deserialize_with = "present")]
    error: bool,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    IgnoredAny::deserialize(d).map(|_| true)
}

fn check(body: &[u8]) -> Result<(), (Value, String)> {
    let envelope: Envelope = serde_json::from_slice(body).map_err(|e| {
        (
            Value::Null,
            match e.classify() {
                serde_json::error::Category::Data => {
                    format!("not a JSON-RPC message: {e}")
                }
                _ => format!("not JSON: {e}"),
            },
        )
    })?;
    let id = envelope.id.clone().unwrap_or(Value::Null);
    let id_ok = |id: &Value| id.is_null() || id.is_i64() || id.is_string();
    if envelope.jsonrpc != "2.0" {
        return Err((
            Value::Null,
            format!("jsonrpc must be \"2.0\", not {:?}", envelope.jsonrpc),
        ));
    }
    if !id_ok(&id) {
        return Err((
            Value::Null,
            format!("an id must be a string or an integer, not {id}"),
        ));
    }
    let is_response =
        envelope.method.is_none() && envelope.id.is_some() && (envelope.result || envelope.error);
    if envelope.method.is_none() && !is_response {
        return Err((
            id,
            "neither a request (no method) nor a response".to_string(),
        ));
    }
    Ok(())
}

fn malformed(id: Value, problem: &str) -> Vec<u8> {
    let body = serde_json::to_vec(&json!({
        "jsonrpc": "2.0",
        "id": id,
        "method": MALFORMED,
        "params": {"problem": problem},
    }))
    .unwrap_or_default();
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend(body);
    frame
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(bytes: &[u8]) -> Vec<Value> {
        let mut input = bytes.to_vec();
        let mut out = Vec::new();
        while let Some(frame) = next_frame(&mut input) {
            let body = &frame[find(&frame, b"\r\n\r\n").unwrap() + 4..];
            out.push(serde_json::from_slice(body).unwrap());
        }
        out
    }

    fn problem(v: &Value) -> &str {
        assert_eq!(v["method"], MALFORMED, "{v}");
        v["params"]["problem"].as_str().unwrap()
    }

    #[test]
    fn good_frames_pass_and_bad_ones_become_malformed_requests() {
        let good = br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut bytes = format!("Content-Length: {}\r\n\r\n", good.len()).into_bytes();
        bytes.extend(good);
        bytes.extend(b"X-Other: 1\r\n\r\n");
        bytes.extend(b"Content-Length: 9\r\n\r\n{not json");
        bytes.extend(b"Content-Length: 7\r\n\r\n[1,2,3]");
        bytes.extend(b"Content-Length: 26\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1.5}");
        bytes.extend(b"Content-Length: x\r\n\r\n");
        bytes.extend(b"Content-Length: 38\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":null}");
        bytes.extend(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n");
        bytes.extend(format!("Content-Length: {}\r\n\r\n", good.len()).as_bytes());
        bytes.extend(good);
        let out = frames(&bytes);
        assert_eq!(out.len(), 8, "{out:#?}");
        assert_eq!(out[0]["method"], "initialized");
        assert_eq!(problem(&out[1]), "no Content-Length header");
        assert!(
            problem(&out[2]).starts_with("not JSON"),
            "{}",
            problem(&out[2])
        );
        assert!(problem(&out[3]).starts_with("not a JSON-RPC message"));
        assert_eq!(
            problem(&out[4]),
            "an id must be a string or an integer, not 1.5"
        );
        assert_eq!(problem(&out[5]), "Content-Length is not a number: \"x\"");
        assert_eq!(out[6], json!({"jsonrpc": "2.0", "id": 0, "result": null}));
        assert_eq!(out[7]["method"], "initialized");
    }

    #[test]
    fn headers_ended_by_bare_line_feeds_are_read() {
        let good = br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut bytes = format!("Content-Length: {}\n\n", good.len()).into_bytes();
        bytes.extend(good);
        bytes.extend(format!("Content-Type: x\nContent-Length: {}\r\n\n", good.len()).as_bytes());
        bytes.extend(good);
        bytes.extend(format!("Content-Length: {}\r\n\r\n", good.len()).as_bytes());
        bytes.extend(good);
        let out = frames(&bytes);
        assert_eq!(out.len(), 3, "{out:#?}");
        assert!(out.iter().all(|m| m["method"] == "initialized"), "{out:#?}");
    }

    #[test]
    fn a_frame_waits_for_its_whole_body() {
        let mut input = b"Content-Length: 40\r\n\r\n{\"jsonrpc\"".to_vec();
        assert_eq!(next_frame(&mut input), None);
        assert_eq!(input.len(), 32);
    }
}
