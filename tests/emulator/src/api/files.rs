//! `GET /api/files/{sha1OrSha256}` and `GET /api/files/{sha1}/machines`.

use hyper::StatusCode;
use serde_json::{json, Value};

use super::auth::{Identity, MACHINE_READ_SCOPES};
use super::errors::{bad_request, not_found};
use super::machines::machine_json;
use crate::http::{json, Response};
use crate::seed::{is_hex, File};
use crate::state::Shared;

/// The File entity as the API returns it. Keys the seed does not model are null.
fn file_json(file: &File) -> Value {
    json!({
        "sha1": file.sha1,
        "sha256": file.sha256,
        "md5": file.md5,
        "globalPrevalence": file.global_prevalence,
        "globalFirstObserved": null,
        "globalLastObserved": null,
        "size": file.size,
        "fileType": null,
        "isPeFile": file.is_pe_file,
        "filePublisher": file.file_publisher,
        "fileProductName": null,
        "signer": file.signer,
        "issuer": file.issuer,
        "signerHash": null,
        "isValidCertificate": file.is_valid_certificate,
        "determinationType": null,
        "determinationValue": null,
    })
}

pub fn get(shared: &Shared, identity: &Identity, hash: &str) -> Response {
    if let Err(response) = identity.require_scope(&["File.Read.All"]) {
        return *response;
    }
    if !is_hex(hash, 40) && !is_hex(hash, 64) {
        return bad_request(
            "InvalidHashValue",
            &format!("'{hash}' is not a SHA-1 (40 hexadecimal characters) or a SHA-256 (64)."),
        );
    }
    match shared.seed.file(hash) {
        Some(file) => json(StatusCode::OK, &file_json(file)),
        None => not_found("NotFound", &format!("File {hash} was not found.")),
    }
}

pub fn machines(shared: &Shared, identity: &Identity, sha1: &str) -> Response {
    if let Err(response) = identity.require_scope(MACHINE_READ_SCOPES) {
        return *response;
    }
    if !is_hex(sha1, 40) {
        return bad_request(
            "InvalidHashValue",
            &format!("'{sha1}' is not a SHA-1 (40 hexadecimal characters)."),
        );
    }
    let value: Vec<Value> = match shared.seed.file(sha1) {
        Some(file) => file
            .seen_on
            .iter()
            .filter_map(|id| shared.seed.machine(id))
            .filter(|machine| identity.sees(machine))
            .map(machine_json)
            .collect(),
        None => Vec::new(),
    };
    json(
        StatusCode::OK,
        &json!({
            "@odata.context": "https://api.security.microsoft.com/api/$metadata#Machines",
            "value": value,
        }),
    )
}
