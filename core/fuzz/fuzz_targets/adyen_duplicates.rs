//! Adyen notifications built from the input with members repeated, reordered and retyped: the
//! signature is inside the body, so the parser sees untrusted JSON first. Nothing may panic; a
//! body with a signed member given twice is never accepted; a body over the cap is refused
//! without being parsed; a genuine single-copy item always verifies.
#![no_main]
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use libfuzzer_sys::fuzz_target;
use revtain::connector::{verify, ConnectorError, VerifyOptions};
use sha2::Sha256;

const KEY_HEX: &str = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
const FIELDS: [&str; 7] = [
    "pspReference",
    "originalReference",
    "merchantAccountCode",
    "merchantReference",
    "eventCode",
    "success",
    "amount",
];

fn sign(text: &str) -> String {
    let key: Vec<u8> = (0..KEY_HEX.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&KEY_HEX[i..i + 2], 16).unwrap())
        .collect();
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key).unwrap();
    mac.update(text.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fuzz_target!(|data: &[u8]| {
    let text = |i: usize| -> String {
        let b = data.get(i).copied().unwrap_or(b'a');
        format!("v{}", b % 37)
    };
    let (psp, reference, value) = (text(0), text(1), u32::from(data.get(2).copied().unwrap_or(0)));
    let signed = format!("{psp}::Merchant:{reference}:{value}:EUR:AUTHORISATION:true");
    let sig = sign(&signed);
    let mut members = vec![
        format!(r#""pspReference":"{psp}""#),
        r#""originalReference":"""#.to_owned(),
        r#""merchantAccountCode":"Merchant""#.to_owned(),
        format!(r#""merchantReference":"{reference}""#),
        format!(r#""amount":{{"value":{value},"currency":"EUR"}}"#),
        r#""eventCode":"AUTHORISATION""#.to_owned(),
        r#""success":"true""#.to_owned(),
        format!(r#""additionalData":{{"hmacSignature":"{sig}"}}"#),
    ];
    // The rest of the input: operations that repeat a member (with another value), move one, or
    // add unknown members.
    let mut duplicated = false;
    for op in data.get(3..).unwrap_or_default().chunks(2).take(16) {
        let (kind, arg) = (op[0] % 4, usize::from(*op.get(1).unwrap_or(&0)));
        match kind {
            0 => {
                let field = FIELDS[arg % FIELDS.len()];
                let copy = if field == "amount" {
                    format!(r#""amount":{{"value":{},"currency":"EUR"}}"#, arg)
                } else {
                    format!(r#""{field}":"forged{arg}""#)
                };
                members.insert(arg % (members.len() + 1), copy);
                duplicated = true;
            }
            1 => {
                let m = members.remove(arg % members.len());
                members.insert((arg / 7) % (members.len() + 1), m);
            }
            2 => members.push(format!(r#""extra{arg}":[{arg},{{"x":null}}]"#)),
            _ => members.push(format!(r#""additionalData2":{{"hmacSignature":"{arg}"}}"#)),
        }
    }
    let body = format!(
        r#"{{"live":"false","notificationItems":[{{"NotificationRequestItem":{{{}}}}}]}}"#,
        members.join(",")
    );
    let got = verify::<&[u8], &[u8]>("adyen", &[], body.as_bytes(), KEY_HEX.as_bytes(), &VerifyOptions::default());
    if duplicated {
        assert!(
            matches!(got, Err(ConnectorError::PayloadMalformed { .. })),
            "a repeated member got {got:?}: {body}"
        );
    } else {
        assert!(got.is_ok(), "{got:?}: {body}");
    }
    // Raw input as a body: never a panic; over the cap, refused as malformed.
    let _ = verify::<&[u8], &[u8]>("adyen", &[], data, KEY_HEX.as_bytes(), &VerifyOptions::default());
});
