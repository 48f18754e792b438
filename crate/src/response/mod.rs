//! Responses of the Defender for Endpoint API, read tolerantly: unknown keys are
//! ignored, both spellings of the last-update key are read, and a null device name or
//! tag list is accepted.

mod file;
mod lenient;
mod machine;
mod machine_action;
mod status;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::validate::ValidationError;

pub use file::File;
pub use machine::Machine;
pub use machine_action::{MachineAction, RelatedFileInfo};
pub use status::ActionStatus;

use machine_action::RawMachineAction;

/// An OData collection; the items are in `value`.
#[derive(Deserialize)]
struct ValueList<T> {
    value: Vec<T>,
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ValidationError> {
    serde_json::from_str(text).map_err(|error| ValidationError::ResponseInvalid {
        detail: error.to_string(),
    })
}

/// Reads a MachineAction.
pub fn parse_machine_action(text: &str) -> Result<MachineAction, ValidationError> {
    parse::<RawMachineAction>(text).map(MachineAction::from)
}

/// Reads a list of MachineActions from `value`.
pub fn parse_machine_action_list(text: &str) -> Result<Vec<MachineAction>, ValidationError> {
    let list = parse::<ValueList<RawMachineAction>>(text)?;
    Ok(list.value.into_iter().map(MachineAction::from).collect())
}

/// Reads a Machine.
pub fn parse_machine(text: &str) -> Result<Machine, ValidationError> {
    parse(text)
}

/// Reads a list of Machines from `value`.
pub fn parse_machine_list(text: &str) -> Result<Vec<Machine>, ValidationError> {
    parse::<ValueList<Machine>>(text).map(|list| list.value)
}

/// Reads a File.
pub fn parse_file(text: &str) -> Result<File, ValidationError> {
    parse(text)
}

#[cfg(test)]
mod tests;
