//! `revtain`: the command-line tool of the Revtain security core.
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::process::ExitCode;

use revtain::keys::{self, ApiKey};
use revtain::vault::{self, Context, Keyring};

const USAGE: &str = "\
usage:
  revtain keygen [--pepper-hex HEX]   print a new API key (stdout) and its lookup hash (stderr)
  revtain key check [KEY]             validate an API key (argument or stdin); exit 1 if invalid
  revtain key hash [--pepper-hex HEX] [KEY]
                                      print HMAC-SHA256(pepper, key) in hex
  revtain scan [FILE]                 report API keys in a file (or stdin) by line, redacted;
                                      exit 1 if any was found
  revtain keyring new                 print a new keyring (one random key) for REVTAIN_KEYRING
  revtain seal [--binary] [--context KEY=VALUE]...
                                      seal stdin with the keyring in $REVTAIN_KEYRING; prints rvc1:...
                                      (--binary writes the binary envelope instead)
  revtain open [--context KEY=VALUE]...
                                      open the envelope on stdin (text or binary); writes the plaintext
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
            match keys::validate(&key) {
                Ok(()) => {
                    println!("valid: {}", keys::redact_api_key(&key).unwrap_or_default());
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
            let mut found = 0;
            let mut out = std::io::stdout().lock();
            for (n, line) in data.split(|&b| b == b'\n').enumerate() {
                for m in keys::find_api_keys(line) {
                    found += 1;
                    let shown = keys::redact_api_keys_bytes(&line[m.clone()]);
                    let _ = writeln!(
                        out,
                        "line {}, column {}: API key {}",
                        n + 1,
                        m.start + 1,
                        String::from_utf8_lossy(&shown)
                    );
                }
            }
            let _ = writeln!(out, "{found} API key(s) found");
            Ok(if found == 0 {
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
        [] | ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(format!("unknown command\n{USAGE}")),
    }
}

fn keyring_from_env() -> Result<Keyring, String> {
    let text = std::env::var("REVTAIN_KEYRING").map_err(|_| {
        "set REVTAIN_KEYRING to a keyring (revtain keyring new makes one)".to_owned()
    })?;
    Keyring::from_text(&text).map_err(|e| e.to_string())
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
    if s.len() % 2 != 0 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("--pepper-hex takes an even number of hex digits".into());
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(|e| e.to_string()))
        .collect()
}
