//! Validation and normalization of what the user types or pastes: hashes, device ids,
//! device names and comments. Each failure is a [`ValidationError`] with a stable code.

mod action_id;
mod comment;
mod error;
pub(crate) mod guid;
mod machine_id;
mod machine_name;
mod sha1;
pub(crate) mod text;

// proptest builds only natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;

pub use action_id::ActionId;
pub use comment::{Comment, COMMENT_MAX_LENGTH};
pub use error::ValidationError;
pub use machine_id::MachineId;
pub use machine_name::MachineName;
pub use sha1::{classify_hash, ClassifiedHash, HashKind, Sha1};
