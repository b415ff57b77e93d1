//! The `factcheck/status` notification: what the server is doing with the corpus, for a status
//! bar item.

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::notification::Notification;

use super::state::State;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Indexing,
    Ready,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    pub state: Phase,
    /// Source documents in the index.
    pub documents: usize,
    /// Bytes of source text in the index.
    pub bytes: usize,
    pub message: String,
}

pub enum StatusNotification {}

impl Notification for StatusNotification {
    type Params = Status;
    const METHOD: &'static str = "factcheck/status";
}

pub async fn send(state: &State, status: Status) {
    if state.stop.is_stopped() {
        return;
    }
    state
        .client
        .send_notification::<StatusNotification>(status)
        .await;
}
