//! `GET /api/machines` and `GET /api/machines/{idOrComputerName}`.

use hyper::StatusCode;
use serde_json::{json, Value};

use super::auth::{Identity, MACHINE_READ_SCOPES};
use super::errors::{not_found, odata_error};
use crate::http::{json, Request, Response};
use crate::odata;
use crate::seed::{is_hex, Machine};
use crate::state::Shared;

const FILTER_KEYS: &[&str] = &[
    "id",
    "computerDnsName",
    "osPlatform",
    "version",
    "healthStatus",
    "onboardingStatus",
    "rbacGroupName",
    "lastSeen",
];

/// The Machine entity as the API returns it. Keys the seed does not model are null.
pub fn machine_json(machine: &Machine) -> Value {
    json!({
        "id": machine.id,
        "computerDnsName": machine.computer_dns_name,
        "lastSeen": machine.last_seen,
        "osPlatform": machine.os_platform,
        "version": machine.version,
        "osProcessor": null,
        "osBuild": machine.os_build,
        "healthStatus": machine.health_status,
        "onboardingStatus": machine.onboarding_status,
        "rbacGroupName": machine.rbac_group_name,
        "machineTags": machine.machine_tags,
        "riskScore": null,
        "exposureLevel": null,
        "aadDeviceId": null,
    })
}

pub fn list(shared: &Shared, request: &Request, identity: &Identity) -> Response {
    if let Err(response) = identity.require_scope(MACHINE_READ_SCOPES) {
        return *response;
    }
    let query = match odata::parse(&request.query, FILTER_KEYS) {
        Ok(query) => query,
        Err(error) => return odata_error(&error.0),
    };

    // Devices in groups the user cannot see are left out of lists, as in the portal.
    let visible: Vec<Value> = shared
        .seed
        .machines
        .iter()
        .filter(|machine| identity.sees(machine))
        .map(machine_json)
        .collect();
    let value = odata::apply(visible, &query);
    json(
        StatusCode::OK,
        &json!({
            "@odata.context": format!("https://{}/api/$metadata#Machines", request.host),
            "value": value,
        }),
    )
}

pub fn get(shared: &Shared, identity: &Identity, id_or_name: &str) -> Response {
    if let Err(response) = identity.require_scope(MACHINE_READ_SCOPES) {
        return *response;
    }
    let Some(machine) = find(shared, id_or_name) else {
        return not_found(
            "ResourceNotFound",
            &format!("Machine {id_or_name} was not found."),
        );
    };
    if let Err(response) = identity.require_device_group(machine) {
        return *response;
    }
    json(StatusCode::OK, &machine_json(machine))
}

/// Finds a device by id, or by host name. When several records share the name (a
/// re-imaged device), the most recently seen one is returned.
fn find<'a>(shared: &'a Shared, id_or_name: &str) -> Option<&'a Machine> {
    if is_hex(id_or_name, 40) {
        return shared.seed.machine(id_or_name);
    }
    shared
        .seed
        .machines
        .iter()
        .filter(|machine| machine.computer_dns_name.eq_ignore_ascii_case(id_or_name))
        .max_by(|a, b| a.last_seen.cmp(&b.last_seen))
}
