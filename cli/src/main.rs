//! `revtain`: the command-line tool of the Revtain security core.
//!
//! Exit status, the same for every command (cli/README.md has the table):
//! 0 ok (verified, valid, done; `scan` found nothing), 1 refused (the signature, key, envelope
//! or webhook under test was rejected; `scan` found something), 2 usage or setup error (nothing
//! was checked). Errors go to stderr; no secret is ever printed.
#![forbid(unsafe_code)]

use std::env::VarError;
use std::ffi::OsString;
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
  revtain keygen [--pepper-file PATH | --pepper-env VAR | --pepper-hex HEX]
  revtain key check [KEY]
  revtain key hash [--pepper-file PATH | --pepper-env VAR | --pepper-hex HEX] [KEY]
  revtain scan [--format text|github] [FILE]
  revtain keyring new
  revtain seal [--binary] [--context KEY=VALUE]...
  revtain open [--context KEY=VALUE]...
  revtain webhook secret
  revtain webhook signing-key
  revtain webhook public-key
  revtain webhook sign --id EVENT_ID [--timestamp UNIX]
  revtain webhook verify --signature HEADER [--tolerance SECONDS] [--now UNIX]
  revtain webhook send URL --type TYPE [--id EVENT_ID] [--timestamp UNIX]
  revtain connector list
  revtain connector verify --connector NAME [--header 'Name: value']... [--header-file PATH]
          [--body-file PATH] [--secret-env VAR | --secret-file PATH] [--now UNIX]
          [--tolerance SECONDS] [--notification-url URL] [--public-key KEY]

Environment:
  REVTAIN_KEYRING           the keyring of seal and open (revtain keyring new makes one)
  REVTAIN_WEBHOOK_SECRET    the secret(s) of webhook sign and verify, comma-separated
                            (whsec_ secrets; whsk_ signing keys sign, whpk_ public keys verify)
  REVTAIN_CONNECTOR_SECRET  the platform secret of connector verify

Exit status:
  0  ok: verified, valid, done; scan found nothing
  1  refused: the signature, API key, envelope or connector webhook under test did not pass;
     scan found an API key or a card number
  2  usage or setup error, nothing was checked: unknown command or option, missing or bad
     argument, unreadable file, missing environment variable, bad secret or keyring

Secrets (keyring, webhook and platform secrets, pepper) come from a variable or a file; an API
key to check or hash from stdin. A secret on the command line (--pepper-hex HEX, KEY) can be
read by other users of the machine (ps, /proc/PID/cmdline) and stays in shell history.";

const EXIT_KEYGEN: &str = "\
Exit status:
  0  printed
  2  pepper missing or bad (not hex, empty, unreadable file, unset variable), no randomness,
     usage error";

const EXIT_KEY_CHECK: &str = "\
Exit status:
  0  valid (every key, when stdin holds several)
  1  invalid (at least one key)
  2  unreadable stdin, usage error";

const EXIT_KEY_HASH: &str = "\
Exit status:
  0  printed
  1  a key is not a valid API key (why: on stderr; then no hash is printed)
  2  pepper missing or bad (not hex, empty, unreadable file, unset variable), usage error";

const EXIT_SCAN: &str = "\
Exit status:
  0  nothing found
  1  an API key or a card number was found
  2  unreadable file, usage error";

const EXIT_GENERATED: &str = "\
Exit status:
  0  printed
  2  no randomness, usage error";

const EXIT_PUBLIC_KEY: &str = "\
Exit status:
  0  printed
  2  stdin is not a whsk_ signing key, usage error";

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

const EXIT_WEBHOOK_SEND: &str = "\
Exit status:
  0  the endpoint answered 2xx (status and body on stdout)
  1  the endpoint answered something else (status and body on stdout)
  2  nothing sent or no answer: unknown --type, bad URL (plain http is for loopback only),
     REVTAIN_WEBHOOK_SECRET missing or invalid, connection failed, usage error";

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
    /// Give the pepper with --pepper-file or --pepper-env: --pepper-hex puts it on the
    /// command line, where other users of the machine can read it.
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
    /// With --format github, each finding is a GitHub Actions annotation
    /// (`::error file=F,line=N,col=M,title=…::…`), shown on the pull request.
    /// Keys and card numbers are never printed whole.
    #[command(verbatim_doc_comment, after_help = EXIT_SCAN)]
    Scan {
        /// The file to scan [default: stdin]
        file: Option<PathBuf>,
        /// How findings are written
        #[arg(long, value_enum, default_value_t = ScanFormat::Text)]
        format: ScanFormat,
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
    /// Validate API keys (stdin, one a line; or the argument)
    ///
    /// Prints one line per key, in order: `valid: rev_AAEC…FRYX` (redacted), or `invalid: `
    /// and why. Reading the keys from stdin keeps them out of shell history and `ps`.
    #[command(verbatim_doc_comment, after_help = EXIT_KEY_CHECK)]
    Check {
        /// The API key [default, or -: stdin, one key a line]
        ///
        /// Prefer stdin: other users of the machine can read a command line (ps,
        /// /proc/PID/cmdline), and shell history keeps it.
        #[arg(value_name = "KEY")]
        key: Option<String>,
    },
    /// Print HMAC-SHA256(pepper, key) in hex
    ///
    /// The key's lookup hash, as keygen prints it: one line per key, in order. A key that is
    /// not valid is refused, and then no hash is printed.
    /// Reading the keys from stdin keeps them out of shell history and `ps`.
    #[command(verbatim_doc_comment, after_help = EXIT_KEY_HASH)]
    Hash {
        #[command(flatten)]
        pepper: Pepper,
        /// The API key [default, or -: stdin, one key a line]
        ///
        /// Prefer stdin: other users of the machine can read a command line (ps,
        /// /proc/PID/cmdline), and shell history keeps it.
        #[arg(value_name = "KEY")]
        key: Option<String>,
    },
}

/// The output of `revtain scan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ScanFormat {
    /// `line N, column M: …`, one line per finding
    Text,
    /// GitHub Actions workflow annotations, one `::error …` line per finding
    Github,
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
    /// Print a new Ed25519 signing key (whsk_...) and its public key (whpk_...), one a line
    ///
    /// The signing key (first line) signs, as REVTAIN_WEBHOOK_SECRET of `webhook sign`, alone
    /// or beside whsec_ secrets (comma-separated): each adds a v1a entry. The public key
    /// (second line) verifies: give it to merchants; a leaked public key forges nothing.
    #[command(verbatim_doc_comment, after_help = EXIT_GENERATED)]
    SigningKey,
    /// Print the public key (whpk_...) of the signing key (whsk_...) on stdin
    #[command(after_help = EXIT_PUBLIC_KEY)]
    PublicKey,
    /// Sign the body on stdin with $REVTAIN_WEBHOOK_SECRET; prints the headers
    ///
    /// Prints X-Revtain-Signature and the Standard Webhooks headers (webhook-id,
    /// webhook-timestamp, webhook-signature), one `Name: value` a line.
    /// Several secrets (comma-separated): each signs. A whsk_ Ed25519 signing key
    /// (`revtain webhook signing-key`) adds a v1a entry.
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
    /// Uses the secret(s) in $REVTAIN_WEBHOOK_SECRET: whsec_ secrets and whpk_ public
    /// keys (which check v1a entries), comma-separated. Prints
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
    /// POST a signed sample event to URL (a test sender, like `stripe trigger`)
    ///
    /// Signs the example event of --type (docs/webhook.md lists the types and their data)
    /// with $REVTAIN_WEBHOOK_SECRET, as `webhook sign` does, and POSTs it once with the
    /// signature headers. URL is https://..., or plain http:// to a loopback address only.
    /// Prints the response's status line, then its body.
    #[command(verbatim_doc_comment, after_help = EXIT_WEBHOOK_SEND)]
    Send {
        /// Where to POST it
        #[arg(value_name = "URL")]
        url: String,
        /// The event type, e.g. payment.recovered
        #[arg(long = "type", value_name = "TYPE")]
        event_type: String,
        /// The event id [default: evt_ and 32 random hex digits]
        #[arg(long, value_name = "EVENT_ID", allow_hyphen_values = true)]
        id: Option<String>,
        /// The signing time and the event's `created`, unix seconds [default: now]
        #[arg(long, value_name = "UNIX", value_parser = seconds)]
        timestamp: Option<u64>,
    },
}

#[derive(Subcommand)]
enum ConnectorCommand {
    /// Print the connector names, one a line
    #[command(after_help = EXIT_LIST)]
    List,
    /// Verify a billing platform's webhook
    ///
    /// The raw body comes from --body-file or stdin, the request headers from --header-file
    /// and each --header (a credential header, such as Chargebee's Authorization, belongs in
    /// the file: a command line can be read by other users of the machine), the platform
    /// secret from $REVTAIN_CONNECTOR_SECRET, or the variable or file given (never from the
    /// command line, where `ps` and shell history would show it).
    /// Prints `verified: NAME webhook` with the signed time, the event id and the body size,
    /// or `not verified: ` and why, `error: ` and the REVTAIN_RESULT_CONNECTOR_* code, the
    /// header it names, and the age and window of a stale webhook.
    #[command(verbatim_doc_comment, after_help = EXIT_CONNECTOR_VERIFY)]
    Verify(Box<ConnectorVerify>),
}

// The options of `connector verify` (its help is the doc comment of the variant).
#[derive(clap::Args)]
struct ConnectorVerify {
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
    /// A file of request headers, one 'Name: value' a line (blank lines ignored)
    #[arg(long, value_name = "PATH")]
    header_file: Option<PathBuf>,
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
}

/// Where the lookup hash's pepper comes from: at most one of the three, none for no pepper.
#[derive(clap::Args)]
#[group(id = "pepper", multiple = false)]
struct Pepper {
    /// The file holding the pepper, in hex (a trailing newline is ignored)
    #[arg(long = "pepper-file", value_name = "PATH")]
    file: Option<PathBuf>,
    /// The variable holding the pepper, in hex
    #[arg(long = "pepper-env", value_name = "VAR")]
    env: Option<String>,
    /// The pepper, in hex, visible to other users (ps) [default: no pepper]
    ///
    /// Prefer --pepper-file or --pepper-env: other users of the machine can read a command
    /// line (ps, /proc/PID/cmdline), and shell history keeps it.
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
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            if let Some(n) = not_utf8(&e, &args) {
                eprintln!(
                    "revtain: argument {n} is not valid UTF-8 (not shown: it may be a secret)"
                );
                return ExitCode::from(USAGE);
            }
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

/// The position (1 for the word after `revtain`) of the argument that is not valid UTF-8 and
/// that the parser's error is about, or would show (lossily, so nearly whole): the error names
/// it by its position instead, since it may be a secret typed in the wrong place. `None` for
/// an error about something else (a path may be any bytes: `scan FILE`, `--body-file`).
fn not_utf8(e: &clap::Error, args: &[OsString]) -> Option<usize> {
    let bad: Vec<usize> = (1..args.len())
        .filter(|&i| args[i].to_str().is_none())
        .collect();
    let first = *bad.first()?;
    if e.kind() == ErrorKind::InvalidUtf8 {
        // The parser does not say which: it is the one that still fails once every other one
        // is made valid.
        let culprit = bad.iter().copied().find(|&i| {
            let probe = args.iter().enumerate().map(|(j, a)| match a.to_str() {
                None if j != i => OsString::from(a.to_string_lossy().into_owned()),
                _ => a.clone(),
            });
            matches!(Cli::try_parse_from(probe), Err(e) if e.kind() == ErrorKind::InvalidUtf8)
        });
        return Some(culprit.unwrap_or(first));
    }
    // Any other error (`--\xff`, an unknown option; a stray word) that would show one.
    let shown = e.render().to_string();
    shown.contains(char::REPLACEMENT_CHARACTER).then(|| {
        bad.iter()
            .copied()
            .find(|&i| shown.contains(args[i].to_string_lossy().as_ref()))
            .unwrap_or(first)
    })
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
            let keys = api_keys(key)?;
            let mut out = std::io::stdout().lock();
            let mut all_valid = true;
            for key in &keys {
                match api_key::validate(key) {
                    Ok(()) => writeln!(
                        out,
                        "valid: {}",
                        api_key::redact_api_key(key).unwrap_or_default()
                    ),
                    Err(e) => {
                        all_valid = false;
                        writeln!(out, "invalid: {e}")
                    }
                }
                .map_err(write_error)?;
            }
            Ok(if all_valid {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(REFUSED)
            })
        }
        Command::Key {
            command: KeyCommand::Hash { pepper, key },
        } => {
            let pepper = pepper.bytes()?;
            let keys = api_keys(key)?;
            // Every key first: a refused one leaves stdout empty, not a hash short.
            let mut hashes = Vec::with_capacity(keys.len());
            for (n, key) in keys.iter().enumerate() {
                match ApiKey::parse(key) {
                    Ok(key) => hashes.push(hex(&key.lookup_hash(&pepper))),
                    Err(e) if keys.len() > 1 => {
                        eprintln!("revtain: line {}: {e}", n + 1);
                        return Ok(ExitCode::from(REFUSED));
                    }
                    Err(e) => {
                        eprintln!("revtain: {e}");
                        return Ok(ExitCode::from(REFUSED));
                    }
                }
            }
            let mut out = std::io::stdout().lock();
            for hash in &hashes {
                writeln!(out, "{hash}").map_err(write_error)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Scan { file, format } => scan(file.as_deref(), format),
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
            command: ConnectorCommand::Verify(args),
        } => connector_verify(&args),
    }
}

/// A GitHub Actions workflow-command value: `%`, CR and LF escaped, and in a property `:` and
/// `,` too (GitHub's own escaping rules for `::error …::`).
fn actions_escape(text: &str, property: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

fn scan(file: Option<&Path>, format: ScanFormat) -> Result<ExitCode, String> {
    let data = match file {
        None => read_stdin()?,
        Some(path) => read_file(path, "scan")?,
    };
    // The path GitHub annotates, as given (lossy: an annotation is text); stdin has none.
    let file_property =
        file.map(|p| format!("file={},", actions_escape(&p.to_string_lossy(), true)));
    let (mut keys_found, mut pans_found) = (0, 0);
    let mut out = std::io::stdout().lock();
    let report =
        |out: &mut std::io::StdoutLock<'_>, line: usize, col: usize, what: &str, shown: &[u8]| {
            let shown = String::from_utf8_lossy(shown);
            match format {
                ScanFormat::Text => writeln!(out, "line {line}, column {col}: {what} {shown}"),
                ScanFormat::Github => {
                    let (title, advice) = if what == "API key" {
                        ("Revtain API key", "revoke it and remove it from the file")
                    } else {
                        (
                            "Card number",
                            "remove it: card numbers never belong in files",
                        )
                    };
                    writeln!(
                        out,
                        "::error {}line={line},col={col},title={title}::{}",
                        file_property.as_deref().unwrap_or(""),
                        actions_escape(&format!("{what} {shown}: {advice}"), false)
                    )
                }
            }
            .map_err(write_error)
        };
    for (n, line) in data.split(|&b| b == b'\n').enumerate() {
        for m in api_key::find_api_keys(line) {
            keys_found += 1;
            let shown = api_key::redact_api_keys_bytes(&line[m.clone()]);
            report(&mut out, n + 1, m.start + 1, "API key", &shown)?;
        }
        for m in card::find_pans(line) {
            pans_found += 1;
            let shown = card::redact_pans_bytes(&line[m.clone()]);
            report(&mut out, n + 1, m.start + 1, "card number", &shown)?;
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
        WebhookCommand::SigningKey => {
            let (sk, pk) = webhook::generate_webhook_signing_key().map_err(|e| e.to_string())?;
            say!("{}\n{pk}", sk.as_str())?;
            Ok(ExitCode::SUCCESS)
        }
        WebhookCommand::PublicKey => {
            let key = Zeroizing::new(read_stdin()?);
            say!(
                "{}",
                webhook::webhook_public_key(&key).map_err(|e| e.to_string())?
            )?;
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
        WebhookCommand::Send {
            url,
            event_type,
            id,
            timestamp,
        } => webhook_send(&url, &event_type, id, timestamp),
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

/// `revtain webhook send`: 0 answered 2xx, 1 answered otherwise, 2 nothing sent or no answer.
fn webhook_send(
    url: &str,
    event_type: &str,
    id: Option<String>,
    timestamp: Option<u64>,
) -> Result<ExitCode, String> {
    use revtain::retry::{GatewayClient, Jitter, RetryPolicy};
    let t = timestamp.unwrap_or_else(webhook::now_unix);
    let id = match id {
        Some(id) => id,
        None => format!(
            "evt_{}",
            revtain::retry::new_idempotency_key()
                .map_err(|e| e.to_string())?
                .replace('-', "")
        ),
    };
    let created = i64::try_from(t).map_err(|_| "--timestamp: out of range".to_owned())?;
    let body = webhook::sample_event(event_type, &id, created)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| {
            let names: Vec<&str> = webhook::EVENT_TYPES.iter().map(|t| t.name).collect();
            format!("--type: unknown event type; one of: {}", names.join(", "))
        })?;
    let signer = WebhookSigner::new(&webhook_secrets()?).map_err(|e| e.to_string())?;
    let signed = signer
        .sign(body.as_bytes(), &id, t)
        .map_err(|e| e.to_string())?;
    // The gateway client's rules apply: https, or plain http to loopback only; no proxy from
    // the environment; one attempt (a test sender never retries on its own).
    let (base, path) = match url.find("://").map(|i| i + 3) {
        Some(start) => match url[start..].find('/') {
            Some(p) => (&url[..start + p], &url[start + p..]),
            None => (url, "/"),
        },
        None => (url, "/"),
    };
    let once = RetryPolicy::new(
        std::time::Duration::from_millis(1),
        std::time::Duration::from_millis(1),
        1,
        std::time::Duration::from_secs(30),
        Jitter::Full,
    )
    .map_err(|e| e.to_string())?;
    let client = GatewayClient::builder(base)
        .policy(once)
        .build()
        .map_err(|e| format!("URL: {e}"))?;
    let mut headers: Vec<(&str, &str)> = vec![("Content-Type", "application/json")];
    headers.extend(signed.iter());
    let response = match client.request("POST", path, Some(body.as_bytes()), &headers, None) {
        Ok(r) => r,
        Err(e) => match e.last_response() {
            Some(r) => r.clone(),
            None => return Err(format!("{e} [{}]", e.kind().code())),
        },
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "HTTP {}", response.status).map_err(write_error)?;
    out.write_all(&response.body).map_err(write_error)?;
    if !response.body.ends_with(b"\n") && !response.body.is_empty() {
        writeln!(out).map_err(write_error)?;
    }
    Ok(if (200..300).contains(&response.status) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(REFUSED)
    })
}

/// `revtain connector verify`: 0 verified, 1 refused, 2 nothing was checked (unknown
/// connector, no or bad secret, an option the scheme needs, unreadable file).
fn connector_verify(args: &ConnectorVerify) -> Result<ExitCode, String> {
    let name = args.connector.as_str();
    let options = VerifyOptions {
        tolerance: args.tolerance,
        now: args.now,
        notification_url: args.notification_url.as_deref(),
        public_key: args.public_key.as_deref(),
        ..VerifyOptions::default()
    };
    // Before the secret and the body are read. The name is not repeated: a swapped argument
    // would put the secret there.
    if connector::connector(name).is_none() {
        return Err(setup_error(&ConnectorError::Unknown));
    }
    // It may hold a credential (an Authorization header): wiped once used.
    let file = match &args.header_file {
        Some(path) => Some(Zeroizing::new(secret_file_bytes(path, "--header-file")?)),
        None => None,
    };
    let headers = request_headers(file.as_deref().map(Vec::as_slice), &args.headers)?;
    // The secret never on the command line, where `ps` and shell history would show it.
    let secret = match (&args.secret_file, &args.secret_env) {
        (Some(path), _) => Zeroizing::new(secret_file_bytes(path, "--secret-file")?),
        (None, Some(var)) => Zeroizing::new(env_secret(var, "--secret-env")?.as_bytes().to_vec()),
        (None, None) => match std::env::var("REVTAIN_CONNECTOR_SECRET") {
            Ok(text) => Zeroizing::new(text.into_bytes()),
            Err(VarError::NotPresent) => return Err(NO_CONNECTOR_SECRET.into()),
            Err(VarError::NotUnicode(_)) => {
                return Err("REVTAIN_CONNECTOR_SECRET is not valid UTF-8".into())
            }
        },
    };
    let body = match &args.body_file {
        Some(path) => read_file(path, "--body-file")?,
        None => read_stdin()?,
    };
    match connector::verify(name, &headers, &body, &secret, &options) {
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

/// `connector verify` with no secret anywhere.
const NO_CONNECTOR_SECRET: &str = "set REVTAIN_CONNECTOR_SECRET to the platform's webhook \
    secret (or pass --secret-env VAR or --secret-file PATH)";

/// A connector error that stopped the check before it began, with its code.
fn setup_error(e: &ConnectorError) -> String {
    format!("{e} [{}]", e.kind().code())
}

/// The secrets in `REVTAIN_WEBHOOK_SECRET`, comma-separated (base64 has no comma).
fn webhook_secrets() -> Result<Vec<Zeroizing<String>>, String> {
    let text = Zeroizing::new(std::env::var("REVTAIN_WEBHOOK_SECRET").map_err(|_| {
        "set REVTAIN_WEBHOOK_SECRET to the webhook signing secret (whsec_..., or a whsk_ \
         signing key to sign, a whpk_ public key to verify; several: comma-separated)"
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
    /// The pepper's bytes (empty without a pepper option). Every form is hex, so the three
    /// give the same hash, and a pepper never has to be written out as raw bytes. Not a clap
    /// value parser: its error would repeat the value, and the pepper is a secret.
    fn bytes(&self) -> Result<Zeroizing<Vec<u8>>, String> {
        let (text, option) = match (&self.file, &self.env, &self.hex) {
            (Some(path), _, _) => (
                Zeroizing::new(secret_file_bytes(path, "--pepper-file")?),
                "--pepper-file",
            ),
            (None, Some(var), _) => (
                Zeroizing::new(env_secret(var, "--pepper-env")?.as_bytes().to_vec()),
                "--pepper-env",
            ),
            // As it always was, an empty value for no pepper included.
            (None, None, Some(hex)) => {
                return unhex(hex.as_bytes())
                    .ok_or_else(|| "--pepper-hex takes an even number of hex digits".to_owned())
            }
            (None, None, None) => return Ok(Zeroizing::new(Vec::new())),
        };
        // An empty file or variable is a pepper not provisioned, not a choice of no pepper:
        // hashing without it would make hashes that never match the stored ones.
        if text.is_empty() {
            return Err(format!(
                "{option}: the pepper is empty (without a pepper, omit the option)"
            ));
        }
        unhex(&text)
            .ok_or_else(|| format!("{option}: the pepper must be an even number of hex digits"))
    }
}

/// The API keys of `key check` and `key hash`: the argument, or stdin (no argument or `-`),
/// which keeps them out of shell history and `ps`: one key a line (`\n` or `\r\n`; the last
/// newline optional), so an empty stdin is one empty key.
fn api_keys(key: Option<String>) -> Result<Vec<Zeroizing<String>>, String> {
    if let Some(k) = key.filter(|k| k != "-") {
        return Ok(vec![Zeroizing::new(k)]);
    }
    let bytes = Zeroizing::new(read_stdin()?);
    let text = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
    Ok(text
        .split(|&b| b == b'\n')
        .map(|line| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            Zeroizing::new(String::from_utf8_lossy(line).into_owned())
        })
        .collect())
}

/// The request headers of `connector verify`: the lines of --header-file (when given), then
/// each --header. A header's value is never repeated: an Authorization header is a credential.
fn request_headers<'a>(
    file: Option<&'a [u8]>,
    args: &'a [String],
) -> Result<Vec<Header<'a>>, String> {
    let mut headers = Vec::new();
    for (n, line) in file.unwrap_or_default().split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.trim_ascii().is_empty() {
            continue;
        }
        let colon = line.iter().position(|&b| b == b':').ok_or_else(|| {
            format!(
                "--header-file, line {}: not 'Name: value' (it has no colon)",
                n + 1
            )
        })?;
        headers.push((line[..colon].trim_ascii(), &line[colon + 1..]));
    }
    for h in args {
        let (name, value) = h
            .split_once(':')
            .ok_or("--header takes 'Name: value' (the value given has no colon)")?;
        headers.push((name.trim().as_bytes(), value.as_bytes()));
    }
    Ok(headers)
}

/// A request header, `(name, value)`, as `connector::verify` takes it.
type Header<'a> = (&'a [u8], &'a [u8]);

/// The value of the variable a secret option (`--secret-env`, `--pepper-env`) names. Neither
/// the name nor the value is repeated: a secret typed in place of the name would be shown.
fn env_secret(var: &str, option: &str) -> Result<Zeroizing<String>, String> {
    match std::env::var(var) {
        Ok(value) => Ok(Zeroizing::new(value)),
        Err(VarError::NotPresent) => Err(format!("{option}: the variable it names is not set")),
        Err(VarError::NotUnicode(_)) => Err(format!(
            "{option}: the variable it names is not valid UTF-8"
        )),
    }
}

/// The content of the file a secret option (`--secret-file`, `--pepper-file`,
/// `--header-file`) names, without its trailing newline (`\n`, `\r\n`): a secret saved with
/// an editor or echo ends with one that is not part of it. The caller wipes it.
fn secret_file_bytes(path: &Path, option: &str) -> Result<Vec<u8>, String> {
    let mut bytes = read_file(path, option)?;
    for end in [b'\n', b'\r'] {
        if bytes.last() == Some(&end) {
            bytes.pop();
        }
    }
    Ok(bytes)
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    Ok(buf)
}

/// The file that `what` (an option, or `scan`) names. Its path is not repeated: a secret
/// typed in place of a path would be shown (and a path not valid UTF-8, nearly whole).
fn read_file(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{what}: cannot read the file: {e}"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes `text` spells in hex, upper or lower case; `None` unless it is an even number of
/// hex digits (the caller's error does not repeat it: it is a pepper).
fn unhex(text: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let digit = |b: u8| (b as char).to_digit(16);
    let mut bytes = Zeroizing::new(Vec::with_capacity(text.len() / 2));
    for pair in text.chunks_exact(2) {
        bytes.push((digit(pair[0])? << 4 | digit(pair[1])?) as u8);
    }
    Some(bytes)
}
