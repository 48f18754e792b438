//! `defender-emulator [--port N] [--admin-port N] [--seed FILE] [--clock-speed X]
//! [--token-lifetime SECONDS]`: starts the emulator on 127.0.0.1, prints one JSON ready
//! line on stdout and logs one line per request on stderr. It stops on SIGTERM, SIGINT,
//! or when a piped standard input closes.

use std::os::unix::fs::FileTypeExt;
use std::process::ExitCode;

use defender_emulator::seed::Seed;
use defender_emulator::{start, Options};
use tokio::io::AsyncReadExt;
use tokio::signal::unix::{signal, SignalKind};

const USAGE: &str = "Usage: defender-emulator [--port N] [--admin-port N] [--seed FILE] [--clock-speed X] [--token-lifetime SECONDS]

  --port N                 TLS port for every Microsoft host (default 0: a free port)
  --admin-port N           plain HTTP admin port (default 0: a free port)
  --seed FILE              JSON seed replacing the built-in one (same shape as GET /seed)
  --clock-speed X          emulated seconds per real second (default 1)
  --token-lifetime SECONDS lifetime of access tokens from sign-in (default 3600)";

fn parse_options(arguments: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut iter = arguments.iter();
    while let Some(flag) = iter.next() {
        if flag == "--help" || flag == "-h" {
            return Err(USAGE.to_string());
        }
        let value = iter
            .next()
            .ok_or_else(|| format!("{flag} needs a value.\n\n{USAGE}"))?;
        let number_error = |kind: &str| format!("{flag} must be {kind}, not '{value}'.");
        match flag.as_str() {
            "--port" => options.port = value.parse().map_err(|_| number_error("a port number"))?,
            "--admin-port" => {
                options.admin_port = value.parse().map_err(|_| number_error("a port number"))?
            }
            "--seed" => {
                let text = std::fs::read_to_string(value)
                    .map_err(|e| format!("cannot read seed file '{value}': {e}"))?;
                options.seed = Seed::parse(&text).map_err(|e| format!("{value}: {e}"))?;
            }
            "--clock-speed" => {
                let speed: f64 = value.parse().map_err(|_| number_error("a number"))?;
                if !(speed.is_finite() && speed > 0.0) {
                    return Err(number_error("a positive number"));
                }
                options.clock_speed = speed;
            }
            "--token-lifetime" => {
                let seconds: i64 = value.parse().map_err(|_| number_error("whole seconds"))?;
                if seconds <= 0 {
                    return Err(number_error("a positive number of seconds"));
                }
                options.token_lifetime_seconds = seconds;
            }
            _ => return Err(format!("Unknown option '{flag}'.\n\n{USAGE}")),
        }
    }
    Ok(options)
}

/// Checks whether standard input is a pipe or socket, so its closing means the parent is gone.
/// A terminal or /dev/null (a shell's `&` job) is not watched.
fn stdin_is_pipe() -> bool {
    std::fs::metadata("/proc/self/fd/0")
        .map(|metadata| metadata.file_type().is_fifo() || metadata.file_type().is_socket())
        .unwrap_or(false)
}

async fn stdin_closed() {
    let mut stdin = tokio::io::stdin();
    let mut buffer = [0u8; 1024];
    while let Ok(read) = stdin.read(&mut buffer).await {
        if read == 0 {
            return;
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_options(&arguments) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };

    let running = match start(options).await {
        Ok(running) => running,
        Err(message) => {
            eprintln!("The emulator could not start: {message}");
            return ExitCode::FAILURE;
        }
    };
    // Handlers go in before the ready line, so a signal sent right after it is caught.
    let (Ok(mut terminate), Ok(mut interrupt)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        eprintln!("The emulator could not install its signal handlers.");
        return ExitCode::FAILURE;
    };
    println!("{}", running.ready_line());

    let watch_stdin = stdin_is_pipe();
    let stdin_watch = async {
        if watch_stdin {
            stdin_closed().await
        } else {
            std::future::pending().await
        }
    };

    let reason = tokio::select! {
        _ = terminate.recv() => "SIGTERM",
        _ = interrupt.recv() => "SIGINT",
        _ = stdin_watch => "standard input closed",
    };
    eprintln!("Stopping the emulator: {reason}.");
    drop(running);
    // Returning would make the runtime wait for the blocking stdin read, which never
    // ends while the parent keeps the pipe open.
    std::process::exit(0)
}
