//! The File resource.

use serde::{Deserialize, Deserializer, Serialize};

use super::lenient::{lenient_integer, lenient_text, lower_hex};

/// A file known to Defender, with the keys that decide whether the action can work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct File {
    /// The SHA-1, lower case.
    #[serde(default, deserialize_with = "lower_hex_option")]
    pub sha1: Option<String>,
    /// The SHA-256, lower case.
    #[serde(default, deserialize_with = "lower_hex_option")]
    pub sha256: Option<String>,
    /// The MD5, lower case.
    #[serde(default, deserialize_with = "lower_hex_option")]
    pub md5: Option<String>,
    /// The size in bytes.
    #[serde(default, deserialize_with = "lenient_integer")]
    pub size: Option<i64>,
    /// Whether the file is a portable executable.
    pub is_pe_file: Option<bool>,
    /// The signer of the file's certificate.
    pub signer: Option<String>,
    /// The issuer of the file's certificate.
    pub issuer: Option<String>,
    /// Whether the signature is valid; the action fails for files that Microsoft or a
    /// trusted publisher signed.
    pub is_valid_certificate: Option<bool>,
    /// The publisher.
    pub file_publisher: Option<String>,
    /// The product name from the file's version information, the closest the API has to
    /// a file name. Null when Defender does not know it or sends another shape.
    #[serde(default, deserialize_with = "lenient_text")]
    pub file_product_name: Option<String>,
    /// The number of devices worldwide where the file was seen.
    #[serde(default, deserialize_with = "lenient_integer")]
    pub global_prevalence: Option<i64>,
}

fn lower_hex_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.map(lower_hex))
}
