//! The seed: tenant, app registration, users, devices, files, alerts and incidents the
//! emulator starts from. The built-in seed is `seed.json`; `--seed FILE` replaces it with a
//! file of the same shape.

use serde::{Deserialize, Serialize};

/// The built-in seed, documented in the README.
pub const DEFAULT_SEED: &str = include_str!("seed.json");

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Seed {
    pub tenant: Tenant,
    pub app: App,
    pub users: Vec<User>,
    pub machines: Vec<Machine>,
    pub files: Vec<File>,
    #[serde(default)]
    pub alerts: Vec<Alert>,
    #[serde(default)]
    pub incidents: Vec<Incident>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    pub id: String,
    pub domain: String,
    pub display_name: String,
}

/// The app registration the extension signs in with.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct App {
    pub client_id: String,
    pub display_name: String,
    /// Redirect URIs registered on the single-page-application platform.
    pub spa_redirect_uris: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub upn: String,
    pub display_name: String,
    pub oid: String,
    /// Holds the role permission "Active remediation actions".
    pub remediation_role: bool,
    /// Device groups (`rbacGroupName`) the user may see and act on.
    pub device_groups: Vec<String>,
}

impl User {
    /// Checks whether the user may see devices of `group`.
    pub fn sees_group(&self, group: &str) -> bool {
        self.device_groups.iter().any(|own| own == group)
    }
}

/// Whether Microsoft Defender Antivirus runs on a device.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AntivirusMode {
    Active,
    Passive,
    Disabled,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Machine {
    pub id: String,
    pub computer_dns_name: String,
    pub os_platform: String,
    pub version: Option<String>,
    pub os_build: Option<u64>,
    pub health_status: String,
    pub onboarding_status: String,
    pub last_seen: String,
    pub rbac_group_name: String,
    pub machine_tags: Vec<String>,
    pub antivirus_mode: AntivirusMode,
}

/// Who signed a file, which decides whether quarantining it fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignerTrust {
    None,
    Microsoft,
    TrustedPublisher,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct File {
    pub file_name: String,
    pub sha1: Option<String>,
    pub sha256: Option<String>,
    pub md5: Option<String>,
    pub size: u64,
    pub is_pe_file: bool,
    pub signer: Option<String>,
    pub issuer: Option<String>,
    pub is_valid_certificate: Option<bool>,
    pub file_publisher: Option<String>,
    pub global_prevalence: u64,
    pub signer_trust: SignerTrust,
    /// Device ids where the file was seen.
    pub seen_on: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alert {
    pub id: String,
    pub title: String,
    pub severity: String,
    pub machine_id: String,
    pub sha1: Option<String>,
    pub incident_id: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Incident {
    pub id: String,
    pub title: String,
    pub alert_ids: Vec<String>,
}

impl Seed {
    /// Parses a seed from JSON text and checks that its references resolve.
    pub fn parse(text: &str) -> Result<Seed, String> {
        let seed: Seed =
            serde_json::from_str(text).map_err(|e| format!("the seed is not valid: {e}"))?;
        seed.validate()?;
        Ok(seed)
    }

    /// Parses the built-in seed.
    pub fn built_in() -> Seed {
        Seed::parse(DEFAULT_SEED).expect("the built-in seed is valid")
    }

    fn validate(&self) -> Result<(), String> {
        for machine in &self.machines {
            if !is_hex(&machine.id, 40) {
                return Err(format!(
                    "machine id '{}' is not 40 hexadecimal characters",
                    machine.id
                ));
            }
        }
        for file in &self.files {
            if file.sha1.is_none() && file.sha256.is_none() {
                return Err(format!(
                    "file '{}' has neither sha1 nor sha256",
                    file.file_name
                ));
            }
            for machine_id in &file.seen_on {
                if self.machine(machine_id).is_none() {
                    return Err(format!(
                        "file '{}' is seen on unknown machine '{machine_id}'",
                        file.file_name
                    ));
                }
            }
        }
        if self.users.is_empty() {
            return Err("the seed has no users".to_string());
        }
        Ok(())
    }

    /// Finds the seeded user with this UPN, compared case-insensitively as Entra ID does.
    pub fn user(&self, upn: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|user| user.upn.eq_ignore_ascii_case(upn))
    }

    pub fn machine(&self, id: &str) -> Option<&Machine> {
        self.machines
            .iter()
            .find(|machine| machine.id.eq_ignore_ascii_case(id))
    }

    /// Finds the seeded file with this SHA-1, SHA-256 or MD5.
    pub fn file(&self, hash: &str) -> Option<&File> {
        let matches = |value: &Option<String>| {
            value
                .as_deref()
                .is_some_and(|value| value.eq_ignore_ascii_case(hash))
        };
        self.files
            .iter()
            .find(|file| matches(&file.sha1) || matches(&file.sha256) || matches(&file.md5))
    }
}

/// Checks whether `text` is exactly `length` hexadecimal characters.
pub fn is_hex(text: &str, length: usize) -> bool {
    text.len() == length && text.bytes().all(|byte| byte.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_seed_parses() {
        let seed = Seed::built_in();
        assert_eq!(seed.tenant.id, "4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b");
        assert!(seed
            .machine("1e5bc9d7e413ddd7902c2932e418702b84d0cc07")
            .is_some());
    }

    #[test]
    fn seed_with_unknown_machine_reference_is_rejected() {
        let mut seed = Seed::built_in();
        seed.files[0].seen_on.push("00".repeat(20));
        let text = serde_json::to_string(&seed).unwrap();
        assert!(Seed::parse(&text).unwrap_err().contains("unknown machine"));
    }
}
