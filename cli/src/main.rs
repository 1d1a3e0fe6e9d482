//! `revtain`: the command-line tool of the Revtain security core.
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::process::ExitCode;

use revtain::api_key::{self, ApiKey};
use revtain::card;
use revtain::connector::{self, VerifyOptions};
use revtain::vault::{self, Context, Keyring};
use revtain::webhook::{self, Webhook, WebhookSigner};

const USAGE: &str = "\
usage:
  revtain keygen [--pepper-hex HEX]   print a new API key (stdout) and its lookup hash (stderr)
  revtain key check [KEY]             validate an API key (argument or stdin); exit 1 if invalid
  revtain key hash [--pepper-hex HEX] [KEY]
                                      print HMAC-SHA256(pepper, key) in hex
  revtain scan [FILE]                 report API keys and card numbers in a file (or stdin) by
                                      line, redacted; exit 1 if any was found
  revtain keyring new                 print a new keyring (one random key) for REVTAIN_KEYRING
  revtain seal [--binary] [--context KEY=VALUE]...
                                      seal stdin with the keyring in $REVTAIN_KEYRING; prints rvc1:...
                                      (--binary writes the binary envelope instead)
  revtain open [--context KEY=VALUE]...
                                      open the envelope on stdin (text or binary); writes the plaintext
  revtain webhook secret              print a new webhook signing secret (whsec_...)
  revtain webhook sign --id EVENT_ID [--timestamp UNIX]
                                      sign the body on stdin with $REVTAIN_WEBHOOK_SECRET
                                      (several secrets: comma-separated); prints the headers
  revtain webhook verify --signature HEADER [--tolerance SECONDS] [--now UNIX]
                                      verify the raw body on stdin; on failure says why and what
                                      the likely cause is; exit 1 if it does not verify
  revtain connector list               print the connector names, one a line
  revtain connector verify --connector NAME --header 'Name: value'... [--body-file PATH]
          [--secret-env VAR | --secret-file PATH] [--now UNIX] [--tolerance SECONDS]
          [--notification-url URL] [--public-key KEY]
                                      verify a billing platform's webhook (the raw body from
                                      --body-file or stdin; --header once per request header)
                                      with the platform secret from $REVTAIN_CONNECTOR_SECRET
                                      (or the variable or file given); prints what verified, or
                                      the error, the header it names and the age and window of a
                                      stale one; exit 1 if it does not verify
  revtain --version
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("revtain: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["--version"] => {
            println!("revtain {}", revtain::VERSION);
            Ok(ExitCode::SUCCESS)
        }
        ["keygen", rest @ ..] => {
            let (pepper, rest) = pepper_option(rest)?;
            no_more(rest)?;
            let key = ApiKey::generate().map_err(|e| e.to_string())?;
            println!("{}", key.expose_secret());
            eprintln!("lookup hash: {}", hex(&key.lookup_hash(&pepper)));
            Ok(ExitCode::SUCCESS)
        }
        ["key", "check", rest @ ..] => {
            let key = key_argument(rest)?;
            match api_key::validate(&key) {
                Ok(()) => {
                    println!(
                        "valid: {}",
                        api_key::redact_api_key(&key).unwrap_or_default()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    println!("invalid: {e}");
                    Ok(ExitCode::from(1))
                }
            }
        }
        ["key", "hash", rest @ ..] => {
            let (pepper, rest) = pepper_option(rest)?;
            let key = ApiKey::parse(&key_argument(rest)?).map_err(|e| e.to_string())?;
            println!("{}", hex(&key.lookup_hash(&pepper)));
            Ok(ExitCode::SUCCESS)
        }
        ["scan", rest @ ..] => {
            let data = match rest {
                [] => read_stdin()?,
                [path] => std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?,
                _ => return Err(format!("too many arguments\n{USAGE}")),
            };
            let (mut keys_found, mut pans_found) = (0, 0);
            let mut out = std::io::stdout().lock();
            for (n, line) in data.split(|&b| b == b'\n').enumerate() {
                for m in api_key::find_api_keys(line) {
                    keys_found += 1;
                    let shown = api_key::redact_api_keys_bytes(&line[m.clone()]);
                    let _ = writeln!(
                        out,
                        "line {}, column {}: API key {}",
                        n + 1,
                        m.start + 1,
                        String::from_utf8_lossy(&shown)
                    );
                }
                for m in card::find_pans(line) {
                    pans_found += 1;
                    let shown = card::redact_pans_bytes(&line[m.clone()]);
                    let _ = writeln!(
                        out,
                        "line {}, column {}: card number {}",
                        n + 1,
                        m.start + 1,
                        String::from_utf8_lossy(&shown)
                    );
                }
            }
            let _ = writeln!(
                out,
                "{keys_found} API key(s) and {pans_found} card number(s) found"
            );
            Ok(if keys_found + pans_found == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        ["keyring", "new"] => {
            let keyring = Keyring::generate().map_err(|e| e.to_string())?;
            println!("{}", keyring.to_text().as_str());
            Ok(ExitCode::SUCCESS)
        }
        ["seal", rest @ ..] => {
            let (binary, rest) = match rest {
                ["--binary", tail @ ..] => (true, tail),
                _ => (false, rest),
            };
            let ctx = context_options(rest)?;
            let keyring = keyring_from_env()?;
            let plaintext = zeroize::Zeroizing::new(read_stdin()?);
            let mut out = std::io::stdout().lock();
            let written = if binary {
                let env = keyring
                    .seal_bytes(&plaintext, &ctx)
                    .map_err(|e| e.to_string())?;
                out.write_all(&env)
            } else {
                let env = keyring.seal(&plaintext, &ctx).map_err(|e| e.to_string())?;
                writeln!(out, "{env}")
            };
            written.map_err(|e| e.to_string())?;
            Ok(ExitCode::SUCCESS)
        }
        ["open", rest @ ..] => {
            let ctx = context_options(rest)?;
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
                    std::io::stdout()
                        .lock()
                        .write_all(&plain)
                        .map_err(|e| e.to_string())?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("revtain: {e}");
                    Ok(ExitCode::from(1))
                }
            }
        }
        ["webhook", "secret"] => {
            let secret = webhook::generate_webhook_secret().map_err(|e| e.to_string())?;
            println!("{}", secret.as_str());
            Ok(ExitCode::SUCCESS)
        }
        ["webhook", "sign", rest @ ..] => {
            let opts = options(rest, &["--id", "--timestamp"])?;
            let id = opts[0].ok_or("webhook sign needs --id EVENT_ID")?;
            let timestamp = match opts[1] {
                Some(t) => number(t, "--timestamp")?,
                None => webhook::now_unix(),
            };
            let signer = WebhookSigner::new(&webhook_secrets()?).map_err(|e| e.to_string())?;
            let body = read_stdin()?;
            let headers = signer
                .sign(&body, id, timestamp)
                .map_err(|e| e.to_string())?;
            for (name, value) in headers.iter() {
                println!("{name}: {value}");
            }
            Ok(ExitCode::SUCCESS)
        }
        ["webhook", "verify", rest @ ..] => {
            let opts = options(rest, &["--signature", "--tolerance", "--now"])?;
            let header = opts[0].ok_or("webhook verify needs --signature HEADER")?;
            let tolerance = match opts[1] {
                Some(t) => number(t, "--tolerance")?,
                None => webhook::DEFAULT_TOLERANCE,
            };
            let now = match opts[2] {
                Some(t) => number(t, "--now")?,
                None => webhook::now_unix(),
            };
            let secrets = webhook_secrets()?;
            let verifier = Webhook::new(&secrets)
                .map_err(|e| e.to_string())?
                .with_tolerance(tolerance);
            let body = read_stdin()?;
            match verifier.verify_signature(&body, header.as_bytes(), now) {
                Ok(t) => {
                    println!(
                        "verified: signed at {t}, {} s before now",
                        now as i128 - t as i128
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    println!("not verified: {e}");
                    for hint in verifier.diagnose(&body, header.as_bytes(), now) {
                        println!("hint: {hint}");
                    }
                    Ok(ExitCode::from(1))
                }
            }
        }
        ["connector", "list"] => {
            for name in connector::CONNECTORS {
                println!("{name}");
            }
            Ok(ExitCode::SUCCESS)
        }
        ["connector", "verify", rest @ ..] => connector_verify(rest),
        [] | ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(format!("unknown command\n{USAGE}")),
    }
}

/// `revtain connector verify`: 0 verified, 1 refused, 2 unusable arguments.
fn connector_verify(rest: &[&str]) -> Result<ExitCode, String> {
    const SINGLE: [&str; 8] = [
        "--connector",
        "--body-file",
        "--secret-env",
        "--secret-file",
        "--now",
        "--tolerance",
        "--notification-url",
        "--public-key",
    ];
    let mut single: [Option<&str>; 8] = [None; 8];
    let mut headers = Vec::new();
    let mut it = rest.iter();
    while let Some(&arg) = it.next() {
        let value = *it.next().ok_or_else(|| format!("{arg} needs a value"))?;
        if arg == "--header" {
            let (name, value) = value
                .split_once(':')
                .ok_or_else(|| format!("--header takes 'Name: value', not {value:?}"))?;
            headers.push((name.trim().to_owned(), value.to_owned()));
            continue;
        }
        let i = SINGLE
            .iter()
            .position(|n| *n == arg)
            .ok_or_else(|| format!("unexpected argument {arg:?}\n{USAGE}"))?;
        if single[i].replace(value).is_some() {
            return Err(format!("{arg} given twice"));
        }
    }
    let [name, body_file, secret_env, secret_file, now, tolerance, url, public_key] = single;
    let name = name.ok_or("connector verify needs --connector NAME (revtain connector list)")?;
    // The secret never on the command line, where `ps` and shell history would show it.
    let secret = match (secret_env, secret_file) {
        (Some(_), Some(_)) => return Err("give --secret-env or --secret-file, not both".into()),
        (None, Some(path)) => {
            let mut bytes = zeroize::Zeroizing::new(
                std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?,
            );
            // A secret saved with an editor or echo ends with a newline that is not part of it.
            for end in [b'\n', b'\r'] {
                if bytes.last() == Some(&end) {
                    bytes.pop();
                }
            }
            bytes
        }
        (env, None) => {
            let var = env.unwrap_or("REVTAIN_CONNECTOR_SECRET");
            let text = std::env::var(var).map_err(|_| {
                format!("set {var} to the platform's webhook secret (or pass --secret-file PATH)")
            })?;
            zeroize::Zeroizing::new(text.into_bytes())
        }
    };
    let now = now.map(|t| number(t, "--now")).transpose()?;
    let options = VerifyOptions {
        tolerance: tolerance.map(|t| number(t, "--tolerance")).transpose()?,
        now,
        notification_url: url,
        public_key,
    };
    let body = match body_file {
        Some(path) => std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?,
        None => read_stdin()?,
    };
    match connector::verify(name, &headers, &body, &secret, &options) {
        Ok(event) => {
            print!("verified: {} webhook", event.connector);
            match event.timestamp {
                Some(t) => {
                    let now = now.unwrap_or_else(webhook::now_unix);
                    println!(", signed at {t}, {} s before now", now as i128 - t as i128);
                }
                None => println!(" (the scheme signs no timestamp)"),
            }
            if let Some(id) = &event.id {
                println!("id: {id}");
            }
            println!("body: {} bytes", body.len());
            if let Some(payload) = &event.payload {
                println!("payload: {} bytes", payload.len());
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            println!("not verified: {e}");
            println!("error: {}", e.kind().code());
            if let Some(header) = e.header() {
                println!("header: {header}");
            }
            if let (Some(age), Some(window)) = (e.age(), e.tolerance()) {
                println!("age: {age} s, window: {window} s");
            }
            Ok(ExitCode::from(1))
        }
    }
}

/// The secrets in `REVTAIN_WEBHOOK_SECRET`, comma-separated (base64 has no comma).
fn webhook_secrets() -> Result<Vec<zeroize::Zeroizing<String>>, String> {
    let text = zeroize::Zeroizing::new(std::env::var("REVTAIN_WEBHOOK_SECRET").map_err(|_| {
        "set REVTAIN_WEBHOOK_SECRET to the webhook signing secret (whsec_...; several: \
         comma-separated)"
            .to_owned()
    })?);
    Ok(text
        .split(',')
        .map(|s| zeroize::Zeroizing::new(s.trim().to_owned()))
        .collect())
}

/// Likely causes of a failed verification, found by trying the usual mistakes.
/// The values of `names` among `rest` (each `--name VALUE` at most once).
fn options<'a>(rest: &[&'a str], names: &[&str]) -> Result<Vec<Option<&'a str>>, String> {
    let mut values = vec![None; names.len()];
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let i = names
            .iter()
            .position(|n| n == arg)
            .ok_or_else(|| format!("unexpected argument {arg:?}\n{USAGE}"))?;
        let value = it.next().ok_or_else(|| format!("{arg} needs a value"))?;
        if values[i].replace(*value).is_some() {
            return Err(format!("{arg} given twice"));
        }
    }
    Ok(values)
}

fn number(text: &str, option: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| format!("{option} takes a whole number of seconds, not {text:?}"))
}

fn keyring_from_env() -> Result<Keyring, String> {
    Keyring::from_env(None).map_err(|e| e.to_string())
}

fn context_options(rest: &[&str]) -> Result<Context, String> {
    let mut pairs = Vec::new();
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let pair = match *arg {
            "--context" => it.next().ok_or("--context takes KEY=VALUE")?,
            other => return Err(format!("unexpected argument {other:?}\n{USAGE}")),
        };
        let (k, v) = pair.split_once('=').ok_or("--context takes KEY=VALUE")?;
        pairs.push((k.to_owned(), v.to_owned()));
    }
    Context::from_pairs(pairs).map_err(|e| e.to_string())
}

fn no_more(rest: &[&str]) -> Result<(), String> {
    if rest.is_empty() {
        Ok(())
    } else {
        Err(format!("unexpected argument {:?}\n{USAGE}", rest[0]))
    }
}

fn pepper_option<'a>(rest: &'a [&'a str]) -> Result<(Vec<u8>, &'a [&'a str]), String> {
    match rest {
        ["--pepper-hex", h, tail @ ..] => Ok((unhex(h)?, tail)),
        _ => Ok((Vec::new(), rest)),
    }
}

fn key_argument(rest: &[&str]) -> Result<String, String> {
    match rest {
        // Reading from stdin keeps the key out of shell history and `ps`.
        [] => {
            let bytes = read_stdin()?;
            let text = String::from_utf8_lossy(&bytes);
            Ok(text.strip_suffix('\n').unwrap_or(&text).to_owned())
        }
        [k] => Ok((*k).to_owned()),
        _ => Err(format!("too many arguments\n{USAGE}")),
    }
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    Ok(buf)
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
