//! A local HTTPS stand-in for Entra ID sign-in, the Defender for Endpoint API and the
//! Defender portal. One TLS port on 127.0.0.1 serves every host of the cloud table,
//! chosen by the Host header. A plain HTTP admin port lets tests steer it.

pub mod access_token;
pub mod admin;
pub mod api;
pub mod clock;
pub mod entra;
pub mod hosts;
pub mod http;
pub mod machine_action;
pub mod odata;
pub mod portal;
pub mod rate_limit;
pub mod request_log;
pub mod seed;
pub mod server;
pub mod state;
pub mod tls;
pub mod token;

pub use server::{start, Options, Running};
