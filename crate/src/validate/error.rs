//! The validation errors of user input, each with a stable `code` that the extension maps
//! to a localized message.

use std::fmt;

use serde::Serialize;

/// The reason a value typed or pasted by the user was rejected. It serializes as
/// `{"code": "<variant in camelCase>", ...details}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(
    tag = "code",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ValidationError {
    /// No hash digits were given.
    HashEmpty,
    /// The digits do not make a hash of the expected length.
    HashWrongLength {
        /// Number of hex digits found.
        length: usize,
    },
    /// A character that is not a hexadecimal digit.
    HashInvalidCharacter {
        /// The character, as typed.
        character: String,
        /// Its code point as `U+XXXX`, for characters that look like others.
        code_point: String,
        /// 1-based position in the text, counted in Unicode characters.
        position: usize,
    },
    /// Several hashes were pasted together.
    HashMultiple {
        /// How many hashes were found.
        count: usize,
    },
    /// An MD5 was given where only SHA-1 or SHA-256 identify a file.
    HashIsMd5 {
        /// The MD5, in lower case.
        value: String,
    },
    /// No device id was given.
    MachineIdEmpty,
    /// A GUID was given: the Entra ID device id (`aadDeviceId`), not the Defender one.
    MachineIdIsGuid {
        /// The GUID as given.
        value: String,
    },
    /// A host name was given instead of the 40-digit device id.
    MachineIdIsHostName {
        /// The host name as given.
        value: String,
    },
    /// The device id does not have 40 hex digits.
    MachineIdWrongLength {
        /// Number of characters found.
        length: usize,
    },
    /// A character that is not a hexadecimal digit in a device id.
    MachineIdInvalidCharacter {
        /// The character, as typed.
        character: String,
        /// Its code point as `U+XXXX`.
        code_point: String,
        /// 1-based position in the text, counted in Unicode characters.
        position: usize,
    },
    /// A device name that cannot be a DNS name.
    MachineNameInvalid {
        /// The name as given.
        value: String,
    },
    /// The comment is empty after trimming.
    CommentEmpty,
    /// The comment is longer than [`crate::validate::COMMENT_MAX_LENGTH`].
    CommentTooLong {
        /// Length found, in UTF-16 code units.
        length: usize,
        /// The maximum, in UTF-16 code units.
        max: usize,
    },
    /// The comment contains a control character other than newline or tab.
    CommentControlCharacter {
        /// 1-based position in the trimmed comment, counted in Unicode characters.
        position: usize,
        /// Its code point as `U+XXXX`.
        code_point: String,
    },
    /// A machine action id that is not a GUID.
    ActionIdInvalid {
        /// The id as given.
        value: String,
    },
    /// A cloud identifier that is not in the cloud table.
    CloudUnknown {
        /// The identifier as given.
        value: String,
    },
    /// A region identifier that the cloud does not offer.
    RegionUnknown {
        /// The cloud.
        cloud: String,
        /// The region identifier as given.
        value: String,
    },
    /// An API base that is not a bare `https://host` origin.
    ApiBaseInvalid {
        /// The value as given.
        value: String,
    },
    /// A `$top` outside 1 to 10,000.
    TopOutOfRange {
        /// The value as given.
        value: u64,
        /// The maximum the API accepts.
        max: u64,
    },
    /// A JavaScript argument of the wrong type or shape, such as a missing key.
    ArgumentInvalid {
        /// The conversion error.
        detail: String,
    },
    /// A saved rate limiter state that cannot be restored.
    RateLimiterStateInvalid {
        /// The parser error.
        detail: String,
    },
    /// A response body that is not the JSON the API documents.
    ResponseInvalid {
        /// The parser error.
        detail: String,
    },
}

impl ValidationError {
    /// Returns the stable code, the same as the serialized `code`.
    pub fn code(&self) -> &'static str {
        match self {
            ValidationError::HashEmpty => "hashEmpty",
            ValidationError::HashWrongLength { .. } => "hashWrongLength",
            ValidationError::HashInvalidCharacter { .. } => "hashInvalidCharacter",
            ValidationError::HashMultiple { .. } => "hashMultiple",
            ValidationError::HashIsMd5 { .. } => "hashIsMd5",
            ValidationError::MachineIdEmpty => "machineIdEmpty",
            ValidationError::MachineIdIsGuid { .. } => "machineIdIsGuid",
            ValidationError::MachineIdIsHostName { .. } => "machineIdIsHostName",
            ValidationError::MachineIdWrongLength { .. } => "machineIdWrongLength",
            ValidationError::MachineIdInvalidCharacter { .. } => "machineIdInvalidCharacter",
            ValidationError::MachineNameInvalid { .. } => "machineNameInvalid",
            ValidationError::CommentEmpty => "commentEmpty",
            ValidationError::CommentTooLong { .. } => "commentTooLong",
            ValidationError::CommentControlCharacter { .. } => "commentControlCharacter",
            ValidationError::ActionIdInvalid { .. } => "actionIdInvalid",
            ValidationError::CloudUnknown { .. } => "cloudUnknown",
            ValidationError::RegionUnknown { .. } => "regionUnknown",
            ValidationError::ApiBaseInvalid { .. } => "apiBaseInvalid",
            ValidationError::TopOutOfRange { .. } => "topOutOfRange",
            ValidationError::ArgumentInvalid { .. } => "argumentInvalid",
            ValidationError::RateLimiterStateInvalid { .. } => "rateLimiterStateInvalid",
            ValidationError::ResponseInvalid { .. } => "responseInvalid",
        }
    }
}

/// Formats a code point as `U+XXXX`, the way character tables name it.
pub(crate) fn code_point(character: char) -> String {
    format!("U+{:04X}", u32::from(character))
}

/// English text for logs and developer tools; the extension shows its own localized text.
impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValidationError::HashEmpty => write!(f, "The hash is empty: paste the file's SHA-1 (40 hex digits)."),
            ValidationError::HashWrongLength { length } => write!(
                f,
                "The hash has {length} hex digits, but a SHA-1 has 40: check that it was copied completely."
            ),
            ValidationError::HashInvalidCharacter { character, code_point, position } => write!(
                f,
                "The hash contains '{character}' ({code_point}) at position {position}, which is not a hex digit (0-9, a-f): retype it."
            ),
            ValidationError::HashMultiple { count } => {
                write!(f, "The text contains {count} hashes: paste only one.")
            }
            ValidationError::HashIsMd5 { value } => write!(
                f,
                "{value} is an MD5, which does not identify a file here: use its SHA-1 or SHA-256."
            ),
            ValidationError::MachineIdEmpty => {
                write!(f, "The device id is empty: give the 40-hex-digit Defender device id.")
            }
            ValidationError::MachineIdIsGuid { value } => write!(
                f,
                "{value} is a GUID, likely the Entra ID device id: give the 40-hex-digit Defender device id from the device page."
            ),
            ValidationError::MachineIdIsHostName { value } => write!(
                f,
                "{value} is a device name: give the 40-hex-digit Defender device id, or look the name up first."
            ),
            ValidationError::MachineIdWrongLength { length } => write!(
                f,
                "The device id has {length} characters, but it must have 40 hex digits: check that it was copied completely."
            ),
            ValidationError::MachineIdInvalidCharacter { character, code_point, position } => write!(
                f,
                "The device id contains '{character}' ({code_point}) at position {position}, which is not a hex digit: retype it."
            ),
            ValidationError::MachineNameInvalid { value } => write!(
                f,
                "'{value}' is not a valid device name: use letters, digits, '-', '_' and '.' only."
            ),
            ValidationError::CommentEmpty => {
                write!(f, "The comment is empty: say why the file is stopped, for the audit trail.")
            }
            ValidationError::CommentTooLong { length, max } => write!(
                f,
                "The comment has {length} characters, more than the maximum of {max}: shorten it."
            ),
            ValidationError::CommentControlCharacter { position, code_point } => write!(
                f,
                "The comment contains the control character {code_point} at position {position}: remove it."
            ),
            ValidationError::ActionIdInvalid { value } => {
                write!(f, "'{value}' is not a machine action id (a GUID).")
            }
            ValidationError::CloudUnknown { value } => write!(
                f,
                "'{value}' is not a known cloud: use commercial, gcc, gccHigh or dod."
            ),
            ValidationError::RegionUnknown { cloud, value } => {
                write!(f, "The cloud {cloud} has no region '{value}': pick one from the list.")
            }
            ValidationError::ApiBaseInvalid { value } => write!(
                f,
                "'{value}' is not an API base: it must be https:// followed by a host name only."
            ),
            ValidationError::TopOutOfRange { value, max } => {
                write!(f, "$top must be between 1 and {max}, not {value}.")
            }
            ValidationError::ArgumentInvalid { detail } => {
                write!(f, "Invalid argument: {detail}.")
            }
            ValidationError::RateLimiterStateInvalid { detail } => write!(
                f,
                "The saved rate limiter state cannot be restored ({detail}): start from a new one."
            ),
            ValidationError::ResponseInvalid { detail } => {
                write!(f, "The API answered with a body that could not be read: {detail}.")
            }
        }
    }
}

impl std::error::Error for ValidationError {}
