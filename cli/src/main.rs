//! `revtain`: the command-line tool of the Revtain security core.
//!
//! Exit status, the same for every command (cli/README.md has the table):
//! 0 ok (verified, valid, done; `scan` found nothing), 1 refused (the signature, key, envelope
//! or webhook under test was rejected; `scan` found something), 2 usage or setup error (nothing
//! was checked). Errors go to stderr; no secret is ever printed.
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Parser, Subcommand};
use revtain::api_key::{self, ApiKey};
use revtain::card;
use revtain::connector::{self, ConnectorError, VerifyOptions};
use revtain::vault::{self, Context, Keyring};
use revtain::webhook::{self, Webhook, WebhookSigner};
use zeroize::Zeroizing;

/// Exit status 1: what was under test (a signature, an API key, an envelope, a webhook) was
/// refused, or `scan` found something.
const REFUSED: u8 = 1;
/// Exit status 2: usage or setup error; nothing was checked.
const USAGE: u8 = 2;

/// The overview at the end of `revtain --help`; `cli/README.md` repeats it, and the tests check
/// that both list exactly the commands the parser knows.
const OVERVIEW: &str = "\
Every command (revtain COMMAND --help for one; -h for a shorter help):
  revtain keygen [--pepper-hex HEX]
  revtain key check [KEY]
  revtain key hash [--pepper-hex HEX] [KEY]
  revtain scan [FILE]
  revtain keyring new
  revtain seal [--binary] [--context KEY=VALUE]...
  revtain open [--context KEY=VALUE]...
  revtain webhook secret
  revtain webhook sign --id EVENT_ID [--timestamp UNIX]
  revtain webhook verify --signature HEADER [--tolerance SECONDS] [--now UNIX]
  revtain connector list
  revtain connector verify --connector NAME [--header 'Name: value']... [--body-file PATH]
          [--secret-env VAR | --secret-file PATH] [--now UNIX] [--tolerance SECONDS]
          [--notification-url URL] [--public-key KEY]

Environment:
  REVTAIN_KEYRING           the keyring of seal and open (revtain keyring new makes one)
  REVTAIN_WEBHOOK_SECRET    the secret(s) of webhook sign and verify, comma-separated
  REVTAIN_CONNECTOR_SECRET  the platform secret of connector verify

Exit status:
  0  ok: verified, valid, done; scan found nothing
  1  refused: the signature, API key, envelope or connector webhook under test did not pass;
     scan found an API key or a card number
  2  usage or setup error, nothing was checked: unknown command or option, missing or bad
     argument, unreadable file, missing environment variable, bad secret or keyring";

const EXIT_KEYGEN: &str = "\
Exit status:
  0  printed
  2  bad --pepper-hex, no randomness";

const EXIT_KEY_CHECK: &str = "\
Exit status:
  0  valid
  1  invalid
  2  usage error";

const EXIT_KEY_HASH: &str = "\
Exit status:
  0  printed
  1  the key is not a valid API key (why: on stderr)
  2  bad --pepper-hex, usage error";

const EXIT_SCAN: &str = "\
Exit status:
  0  nothing found
  1  an API key or a card number was found
  2  unreadable file, usage error";

const EXIT_GENERATED: &str = "\
Exit status:
  0  printed
  2  no randomness, usage error";

const EXIT_SEAL: &str = "\
Exit status:
  0  sealed
  2  REVTAIN_KEYRING missing or invalid, bad --context, usage error";

const EXIT_OPEN: &str = "\
Exit status:
  0  opened
  1  the envelope does not open: altered, sealed with another key or context, or malformed
     (why: on stderr)
  2  REVTAIN_KEYRING missing or invalid, bad --context, usage error";

const EXIT_WEBHOOK_SIGN: &str = "\
Exit status:
  0  signed
  2  missing --id, bad event id or timestamp, REVTAIN_WEBHOOK_SECRET missing or invalid,
     usage error";

const EXIT_WEBHOOK_VERIFY: &str = "\
Exit status:
  0  verified
  1  not verified (why and hints: on stdout)
  2  missing --signature, bad number, REVTAIN_WEBHOOK_SECRET missing or invalid, usage error";

const EXIT_LIST: &str = "\
Exit status:
  0  printed
  2  usage error";

const EXIT_CONNECTOR_VERIFY: &str = "\
Exit status:
  0  verified
  1  refused: signature mismatch, timestamp outside the window, header missing or malformed,
     body malformed (why: on stdout)
  2  not checked: unknown connector, secret missing or not of the platform's form, an option
     the platform needs missing or bad (--notification-url for square, --public-key for
     braintree), unreadable file, usage error";

/// The Revtain security core on the command line: API keys, the credential vault, webhooks
/// and billing platforms' webhooks.
#[derive(Parser)]
#[command(
    name = "revtain",
    bin_name = "revtain",
    version = revtain::VERSION,
    verbatim_doc_comment,
    after_help = OVERVIEW,
    subcommand_required = true,
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print a new API key (stdout) and its lookup hash (stderr)
    ///
    /// The lookup hash is HMAC-SHA256(pepper, key) in hex: store it, hand out the key.
    #[command(verbatim_doc_comment, after_help = EXIT_KEYGEN)]
    Keygen {
        #[command(flatten)]
        pepper: Pepper,
    },
    /// Check or hash an API key
    #[command(subcommand_required = true, arg_required_else_help = true)]
    Key {
        #[command(subcommand)]
        command: KeyCommand,
    },
    /// Report API keys and card numbers in a file (or stdin), redacted
    ///
    /// One line per finding, `line N, column M: API key rev_AAEC…FRYX` or
    /// `line N, column M: card number **** **** **** 4242`, then the count.
    /// Keys and card numbers are never printed whole.
    #[command(verbatim_doc_comment, after_help = EXIT_SCAN)]
    Scan {
        /// The file to scan [default: stdin]
        file: Option<PathBuf>,
    },
    /// Make a keyring for REVTAIN_KEYRING
    #[command(subcommand_required = true, arg_required_else_help = true)]
    Keyring {
        #[command(subcommand)]
        command: KeyringCommand,
    },
    /// Seal stdin with the keyring in $REVTAIN_KEYRING; prints rvc1:...
    ///
    /// Encrypts stdin (AES-256-GCM) under the keyring's primary key, bound to the context:
    /// opening needs the same --context pairs.
    #[command(verbatim_doc_comment, after_help = EXIT_SEAL)]
    Seal {
        /// Write the binary envelope instead of the text one
        #[arg(long)]
        binary: bool,
        #[command(flatten)]
        context: ContextArgs,
    },
    /// Open the envelope on stdin (text or binary); writes the plaintext
    ///
    /// Uses the keyring in $REVTAIN_KEYRING and the --context pairs it was sealed with.
    #[command(verbatim_doc_comment, after_help = EXIT_OPEN)]
    Open {
        #[command(flatten)]
        context: ContextArgs,
    },
    /// Make, sign and verify Revtain webhooks
    #[command(subcommand_required = true, arg_required_else_help = true)]
    Webhook {
        #[command(subcommand)]
        command: WebhookCommand,
    },
    /// List billing platforms and verify their webhooks
    #[command(subcommand_required = true, arg_required_else_help = true)]
    Connector {
        #[command(subcommand)]
        command: ConnectorCommand,
    },
}

#[derive(Subcommand)]
enum KeyCommand {
    /// Validate an API key (argument or stdin)
    ///
    /// Prints `valid: rev_AAEC…FRYX` (redacted), or `invalid: ` and why.
    /// Reading the key from stdin keeps it out of shell history and `ps`.
    #[command(verbatim_doc_comment, after_help = EXIT_KEY_CHECK)]
    Check {
        /// The API key [default: stdin, without its trailing newline]
        key: Option<String>,
    },
    /// Print HMAC-SHA256(pepper, key) in hex
    ///
    /// The key's lookup hash, as keygen prints it.
    /// Reading the key from stdin keeps it out of shell history and `ps`.
    #[command(verbatim_doc_comment, after_help = EXIT_KEY_HASH)]
    Hash {
        #[command(flatten)]
        pepper: Pepper,
        /// The API key [default: stdin, without its trailing newline]
        key: Option<String>,
    },
}

#[derive(Subcommand)]
enum KeyringCommand {
    /// Print a new keyring (one random key) for REVTAIN_KEYRING
    #[command(after_help = EXIT_GENERATED)]
    New,
}

#[derive(Subcommand)]
enum WebhookCommand {
    /// Print a new webhook signing secret (whsec_...)
    #[command(after_help = EXIT_GENERATED)]
    Secret,
    /// Sign the body on stdin with $REVTAIN_WEBHOOK_SECRET; prints the headers
    ///
    /// Prints X-Revtain-Signature and the Standard Webhooks headers (webhook-id,
    /// webhook-timestamp, webhook-signature), one `Name: value` a line.
    /// Several secrets (comma-separated): each signs.
    #[command(verbatim_doc_comment, after_help = EXIT_WEBHOOK_SIGN)]
    Sign {
        /// The event id (webhook-id)
        #[arg(long, value_name = "EVENT_ID", allow_hyphen_values = true)]
        id: String,
        /// The signing time, unix seconds [default: now]
        #[arg(long, value_name = "UNIX", value_parser = seconds)]
        timestamp: Option<u64>,
    },
    /// Verify the raw body on stdin against an X-Revtain-Signature header
    ///
    /// Uses the secret(s) in $REVTAIN_WEBHOOK_SECRET. Prints
    /// `verified: signed at T, N s before now`, or `not verified: ` and why, with `hint: `
    /// lines naming the likely cause (a re-serialised body, a trailing newline, another
    /// platform's scheme, a stale timestamp).
    #[command(verbatim_doc_comment, after_help = EXIT_WEBHOOK_VERIFY)]
    Verify {
        /// The X-Revtain-Signature header value
        #[arg(long, value_name = "HEADER", allow_hyphen_values = true)]
        signature: String,
        /// The replay window in seconds, both ways
        #[arg(long, value_name = "SECONDS", value_parser = seconds,
              default_value_t = webhook::DEFAULT_TOLERANCE)]
        tolerance: u64,
        /// The current time, unix seconds [default: the system clock]
        #[arg(long, value_name = "UNIX", value_parser = seconds)]
        now: Option<u64>,
    },
}

#[derive(Subcommand)]
enum ConnectorCommand {
    /// Print the connector names, one a line
    #[command(after_help = EXIT_LIST)]
    List,
    /// Verify a billing platform's webhook
    ///
    /// The raw body comes from --body-file or stdin, each request header from one --header,
    /// the platform secret from $REVTAIN_CONNECTOR_SECRET, or the variable or file given
    /// (never from the command line, where `ps` and shell history would show it).
    /// Prints `verified: NAME webhook` with the signed time, the event id and the body size,
    /// or `not verified: ` and why, `error: ` and the REVTAIN_RESULT_CONNECTOR_* code, the
    /// header it names, and the age and window of a stale webhook.
    #[command(verbatim_doc_comment, after_help = EXIT_CONNECTOR_VERIFY)]
    Verify {
        /// The platform (revtain connector list)
        #[arg(long, value_name = "NAME")]
        connector: String,
        /// A request header, 'Name: value' (once per header)
        #[arg(
            long = "header",
            value_name = "NAME: VALUE",
            allow_hyphen_values = true
        )]
        headers: Vec<String>,
        /// The file holding the raw body [default: stdin]
        #[arg(long, value_name = "PATH")]
        body_file: Option<PathBuf>,
        /// The variable holding the secret [default: REVTAIN_CONNECTOR_SECRET]
        #[arg(long, value_name = "VAR", conflicts_with = "secret_file")]
        secret_env: Option<String>,
        /// The file holding the secret (a trailing newline is ignored)
        #[arg(long, value_name = "PATH")]
        secret_file: Option<PathBuf>,
        /// The current time, unix seconds [default: the system clock]
        #[arg(long, value_name = "UNIX", value_parser = seconds)]
        now: Option<u64>,
        /// The replay window in seconds, both ways [default: the platform's]
        #[arg(long, value_name = "SECONDS", value_parser = seconds)]
        tolerance: Option<u64>,
        /// The notification URL as configured on the platform (square)
        #[arg(long, value_name = "URL", allow_hyphen_values = true)]
        notification_url: Option<String>,
        /// The merchant's public key, which picks the signature (braintree)
        #[arg(long, value_name = "KEY", allow_hyphen_values = true)]
        public_key: Option<String>,
    },
}

#[derive(clap::Args)]
struct Pepper {
    /// The lookup hash's pepper, in hex [default: empty]
    #[arg(long = "pepper-hex", value_name = "HEX")]
    hex: Option<String>,
}

#[derive(clap::Args)]
struct ContextArgs {
    /// A context entry the envelope is bound to (repeatable)
    #[arg(long = "context", value_name = "KEY=VALUE", allow_hyphen_values = true)]
    pairs: Vec<String>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version: stdout, 0 (2 if it cannot be written). Anything else: stderr, 2.
            let code = match (e.exit_code(), hide_values(e).print()) {
                (0, Ok(())) => 0,
                _ => USAGE,
            };
            return ExitCode::from(code);
        }
    };
    match run(cli.command) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("revtain: {msg}");
            ExitCode::from(USAGE)
        }
    }
}

/// A stray word on the command line may be a secret typed in the wrong place (a key, a
/// pepper): the parser's error shows an unexpected argument only when it is an option, an
/// unknown command only when it is a lower-case word.
fn hide_values(mut e: clap::Error) -> clap::Error {
    let field = match e.kind() {
        ErrorKind::UnknownArgument => ContextKind::InvalidArg,
        ErrorKind::InvalidSubcommand => ContextKind::InvalidSubcommand,
        _ => return e,
    };
    let shown = match e.get(field) {
        Some(ContextValue::String(s)) if field == ContextKind::InvalidArg => s.starts_with('-'),
        Some(ContextValue::String(s)) => !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase()),
        _ => true,
    };
    if !shown {
        e.insert(field, ContextValue::String("<not shown>".into()));
        e.remove(ContextKind::Suggested);
    }
    e
}

/// Writes one line to stdout; a closed or full stdout is an error (exit 2), not a panic.
macro_rules! say {
    ($($arg:tt)*) => {
        writeln!(std::io::stdout().lock(), $($arg)*).map_err(write_error)
    };
}

/// Writes bytes with no newline to stdout and flushes them, so a failure is seen (exit 2).
fn write_bytes(bytes: &[u8]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(write_error)
}

fn write_error(e: std::io::Error) -> String {
    format!("cannot write to stdout: {e}")
}

fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Keygen { pepper } => {
            let pepper = pepper.bytes()?;
            let key = ApiKey::generate().map_err(|e| e.to_string())?;
            say!("{}", key.expose_secret())?;
            eprintln!("lookup hash: {}", hex(&key.lookup_hash(&pepper)));
            Ok(ExitCode::SUCCESS)
        }
        Command::Key {
            command: KeyCommand::Check { key },
        } => {
            let key = key_argument(key)?;
            match api_key::validate(&key) {
                Ok(()) => {
                    say!(
                        "valid: {}",
                        api_key::redact_api_key(&key).unwrap_or_default()
                    )?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    say!("invalid: {e}")?;
                    Ok(ExitCode::from(REFUSED))
                }
            }
        }
        Command::Key {
            command: KeyCommand::Hash { pepper, key },
        } => {
            let pepper = pepper.bytes()?;
            match ApiKey::parse(&key_argument(key)?) {
                Ok(key) => {
                    say!("{}", hex(&key.lookup_hash(&pepper)))?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("revtain: {e}");
                    Ok(ExitCode::from(REFUSED))
                }
            }
        }
        Command::Scan { file } => scan(file.as_deref()),
        Command::Keyring {
            command: KeyringCommand::New,
        } => {
            let keyring = Keyring::generate().map_err(|e| e.to_string())?;
            say!("{}", keyring.to_text().as_str())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Seal { binary, context } => {
            let ctx = context.context()?;
            let keyring = keyring_from_env()?;
            let plaintext = Zeroizing::new(read_stdin()?);
            if binary {
                let env = keyring
                    .seal_bytes(&plaintext, &ctx)
                    .map_err(|e| e.to_string())?;
                write_bytes(&env)?;
            } else {
                let env = keyring.seal(&plaintext, &ctx).map_err(|e| e.to_string())?;
                say!("{env}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Open { context } => {
            let ctx = context.context()?;
            let keyring = keyring_from_env()?;
            let mut envelope = read_stdin()?;
            // A text envelope typed or piped in usually ends with a newline.
            if envelope.starts_with(vault::TEXT_PREFIX.as_bytes()) {
                while envelope.last().is_some_and(|b| b.is_ascii_whitespace()) {
                    envelope.pop();
                }
            }
            match keyring.open(&envelope, &ctx) {
                Ok(plain) => {
                    write_bytes(&plain)?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("revtain: {e}");
                    Ok(ExitCode::from(REFUSED))
                }
            }
        }
        Command::Webhook { command } => webhook_command(command),
        Command::Connector {
            command: ConnectorCommand::List,
        } => {
            let mut out = std::io::stdout().lock();
            for name in connector::CONNECTORS {
                writeln!(out, "{name}").map_err(write_error)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Connector {
            command:
                ConnectorCommand::Verify {
                    connector,
                    headers,
                    body_file,
                    secret_env,
                    secret_file,
                    now,
                    tolerance,
                    notification_url,
                    public_key,
                },
        } => {
            let headers = headers
                .iter()
                .map(|h| {
                    // The value is not repeated: an Authorization header carries a credential.
                    let (name, value) = h.split_once(':').ok_or(
                        "--header takes 'Name: value' (the value given has no colon)".to_owned(),
                    )?;
                    Ok((name.trim().to_owned(), value.to_owned()))
                })
                .collect::<Result<Vec<_>, String>>()?;
            let options = VerifyOptions {
                tolerance,
                now,
                notification_url: notification_url.as_deref(),
                public_key: public_key.as_deref(),
            };
            connector_verify(
                &connector,
                &headers,
                body_file.as_deref(),
                secret_env.as_deref(),
                secret_file.as_deref(),
                &options,
            )
        }
    }
}

fn scan(file: Option<&Path>) -> Result<ExitCode, String> {
    let data = match file {
        None => read_stdin()?,
        Some(path) => read_file(path)?,
    };
    let (mut keys_found, mut pans_found) = (0, 0);
    let mut out = std::io::stdout().lock();
    for (n, line) in data.split(|&b| b == b'\n').enumerate() {
        for m in api_key::find_api_keys(line) {
            keys_found += 1;
            let shown = api_key::redact_api_keys_bytes(&line[m.clone()]);
            writeln!(
                out,
                "line {}, column {}: API key {}",
                n + 1,
                m.start + 1,
                String::from_utf8_lossy(&shown)
            )
            .map_err(write_error)?;
        }
        for m in card::find_pans(line) {
            pans_found += 1;
            let shown = card::redact_pans_bytes(&line[m.clone()]);
            writeln!(
                out,
                "line {}, column {}: card number {}",
                n + 1,
                m.start + 1,
                String::from_utf8_lossy(&shown)
            )
            .map_err(write_error)?;
        }
    }
    writeln!(
        out,
        "{keys_found} API key(s) and {pans_found} card number(s) found"
    )
    .map_err(write_error)?;
    Ok(if keys_found + pans_found == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(REFUSED)
    })
}

fn webhook_command(command: WebhookCommand) -> Result<ExitCode, String> {
    match command {
        WebhookCommand::Secret => {
            let secret = webhook::generate_webhook_secret().map_err(|e| e.to_string())?;
            say!("{}", secret.as_str())?;
            Ok(ExitCode::SUCCESS)
        }
        WebhookCommand::Sign { id, timestamp } => {
            let timestamp = timestamp.unwrap_or_else(webhook::now_unix);
            let signer = WebhookSigner::new(&webhook_secrets()?).map_err(|e| e.to_string())?;
            let body = read_stdin()?;
            let headers = signer
                .sign(&body, &id, timestamp)
                .map_err(|e| e.to_string())?;
            let mut out = std::io::stdout().lock();
            for (name, value) in headers.iter() {
                writeln!(out, "{name}: {value}").map_err(write_error)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        WebhookCommand::Verify {
            signature,
            tolerance,
            now,
        } => {
            let now = now.unwrap_or_else(webhook::now_unix);
            let secrets = webhook_secrets()?;
            let verifier = Webhook::new(&secrets)
                .map_err(|e| e.to_string())?
                .with_tolerance(tolerance);
            let body = read_stdin()?;
            match verifier.verify_signature(&body, signature.as_bytes(), now) {
                Ok(t) => {
                    say!(
                        "verified: signed at {t}, {} s before now",
                        now as i128 - t as i128
                    )?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    let mut out = std::io::stdout().lock();
                    writeln!(out, "not verified: {e}").map_err(write_error)?;
                    for hint in verifier.diagnose(&body, signature.as_bytes(), now) {
                        writeln!(out, "hint: {hint}").map_err(write_error)?;
                    }
                    Ok(ExitCode::from(REFUSED))
                }
            }
        }
    }
}

/// `revtain connector verify`: 0 verified, 1 refused, 2 nothing was checked (unknown
/// connector, no or bad secret, an option the scheme needs, unreadable file).
fn connector_verify(
    name: &str,
    headers: &[(String, String)],
    body_file: Option<&Path>,
    secret_env: Option<&str>,
    secret_file: Option<&Path>,
    options: &VerifyOptions<'_>,
) -> Result<ExitCode, String> {
    // Before the secret and the body are read. The name is not repeated: a swapped argument
    // would put the secret there.
    if connector::connector(name).is_none() {
        return Err(setup_error(&ConnectorError::Unknown));
    }
    // The secret never on the command line, where `ps` and shell history would show it.
    let secret = match secret_file {
        Some(path) => {
            let mut bytes = Zeroizing::new(read_file(path)?);
            // A secret saved with an editor or echo ends with a newline that is not part of it.
            for end in [b'\n', b'\r'] {
                if bytes.last() == Some(&end) {
                    bytes.pop();
                }
            }
            bytes
        }
        None => {
            let var = secret_env.unwrap_or("REVTAIN_CONNECTOR_SECRET");
            let text = std::env::var(var).map_err(|_| {
                format!("set {var} to the platform's webhook secret (or pass --secret-file PATH)")
            })?;
            Zeroizing::new(text.into_bytes())
        }
    };
    let body = match body_file {
        Some(path) => read_file(path)?,
        None => read_stdin()?,
    };
    match connector::verify(name, headers, &body, &secret, options) {
        Ok(event) => {
            let mut out = std::io::stdout().lock();
            write!(out, "verified: {} webhook", event.connector).map_err(write_error)?;
            match event.timestamp {
                Some(t) => {
                    let now = options.now.unwrap_or_else(webhook::now_unix);
                    writeln!(
                        out,
                        ", signed at {t}, {} s before now",
                        now as i128 - t as i128
                    )
                }
                None => writeln!(out, " (the scheme signs no timestamp)"),
            }
            .map_err(write_error)?;
            if let Some(id) = &event.id {
                writeln!(out, "id: {id}").map_err(write_error)?;
            }
            writeln!(out, "body: {} bytes", body.len()).map_err(write_error)?;
            if let Some(payload) = &event.payload {
                writeln!(out, "payload: {} bytes", payload.len()).map_err(write_error)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        // The request was not checked: what to fix is on our side, not the platform's.
        Err(
            e @ (ConnectorError::Unknown
            | ConnectorError::InvalidSecret { .. }
            | ConnectorError::InvalidOptions { .. }),
        ) => Err(setup_error(&e)),
        Err(e) => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "not verified: {e}").map_err(write_error)?;
            writeln!(out, "error: {}", e.kind().code()).map_err(write_error)?;
            if let Some(header) = e.header() {
                writeln!(out, "header: {header}").map_err(write_error)?;
            }
            if let (Some(age), Some(window)) = (e.age(), e.tolerance()) {
                writeln!(out, "age: {age} s, window: {window} s").map_err(write_error)?;
            }
            Ok(ExitCode::from(REFUSED))
        }
    }
}

/// A connector error that stopped the check before it began, with its code.
fn setup_error(e: &ConnectorError) -> String {
    format!("{e} [{}]", e.kind().code())
}

/// The secrets in `REVTAIN_WEBHOOK_SECRET`, comma-separated (base64 has no comma).
fn webhook_secrets() -> Result<Vec<Zeroizing<String>>, String> {
    let text = Zeroizing::new(std::env::var("REVTAIN_WEBHOOK_SECRET").map_err(|_| {
        "set REVTAIN_WEBHOOK_SECRET to the webhook signing secret (whsec_...; several: \
         comma-separated)"
            .to_owned()
    })?);
    Ok(text
        .split(',')
        .map(|s| Zeroizing::new(s.trim().to_owned()))
        .collect())
}

/// The value parser of every option in seconds (`--now`, `--tolerance`, `--timestamp`).
fn seconds(text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| "takes a whole number of seconds".to_owned())
}

fn keyring_from_env() -> Result<Keyring, String> {
    Keyring::from_env(None).map_err(|e| e.to_string())
}

impl ContextArgs {
    fn context(&self) -> Result<Context, String> {
        let pairs = self
            .pairs
            .iter()
            .map(|pair| {
                let (k, v) = pair.split_once('=').ok_or("--context takes KEY=VALUE")?;
                Ok((k.to_owned(), v.to_owned()))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Context::from_pairs(pairs).map_err(|e| e.to_string())
    }
}

impl Pepper {
    /// The pepper's bytes (empty without --pepper-hex). Not a clap value parser: its error
    /// would repeat the value, and the pepper is a secret.
    fn bytes(&self) -> Result<Zeroizing<Vec<u8>>, String> {
        match &self.hex {
            None => Ok(Zeroizing::new(Vec::new())),
            Some(h) => unhex(h).map(Zeroizing::new),
        }
    }
}

fn key_argument(key: Option<String>) -> Result<Zeroizing<String>, String> {
    match key {
        Some(k) => Ok(Zeroizing::new(k)),
        // Reading from stdin keeps the key out of shell history and `ps`.
        None => {
            let bytes = Zeroizing::new(read_stdin()?);
            let text = String::from_utf8_lossy(&bytes);
            Ok(Zeroizing::new(
                text.strip_suffix('\n').unwrap_or(&text).to_owned(),
            ))
        }
    }
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    Ok(buf)
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Result<Vec<u8>, String> {
    if !s.len().is_multiple_of(2) || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("--pepper-hex takes an even number of hex digits".into());
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(|e| e.to_string()))
        .collect()
}
