//! Card data safety and card-update links (docs/spec.md §2.7): `revtain_card_pan_*`,
//! `revtain_card_gateway_token_validate`, `revtain_card_update_*`.

use std::ffi::c_char;

use revtain::args::Number;
use revtain::card::{self, CardError, CardUpdateLinks};

use crate::api_key::revtain_range;
use crate::revtain_result;
use crate::util::{
    ffi_boundary, handle, input, optional_in, out, try_ffi, write_generated, write_ranges,
    write_text,
};

/// Bytes `revtain_card_update_secret_generate` writes, with the NUL (`cusec_` + 44 + 1).
pub const REVTAIN_CARD_UPDATE_SECRET_BUF_SIZE: usize = 51;
/// Default lifetime of a card-update link, in seconds (one day).
pub const REVTAIN_CARD_UPDATE_DEFAULT_TTL: u64 = 86_400;
/// Default longest lifetime of a link (`exp − iat`), minted or verified, in seconds: a week.
pub const REVTAIN_CARD_UPDATE_DEFAULT_MAX_LIFETIME: u64 = 604_800;
/// Default leeway for `exp` and `iat` when verifying, in seconds.
pub const REVTAIN_CARD_UPDATE_DEFAULT_LEEWAY: u64 = 60;

const _: () = {
    assert!(REVTAIN_CARD_UPDATE_SECRET_BUF_SIZE == card::SECRET_PREFIX.len() + 44 + 1);
    assert!(REVTAIN_CARD_UPDATE_DEFAULT_TTL == card::DEFAULT_TTL);
    assert!(REVTAIN_CARD_UPDATE_DEFAULT_LEEWAY == card::DEFAULT_LEEWAY);
    assert!(REVTAIN_CARD_UPDATE_DEFAULT_MAX_LIFETIME == card::DEFAULT_MAX_LIFETIME);
};

fn err(e: CardError) -> revtain_result {
    crate::error::fail(&e)
}

/// `*now` in unix seconds, checked by the core; NULL is the system clock.
unsafe fn now_of(now: *const u64) -> Result<u64, revtain_result> {
    card::now_from(optional_in(now).map(Number::from)).map_err(err)
}

/// Text arguments are bytes; invalid UTF-8 can never be a valid token, id or URL, so it is
/// refused with the error the core gives for a wrong value of that kind.
fn text(bytes: &[u8], invalid: revtain_result) -> Result<&str, revtain_result> {
    std::str::from_utf8(bytes).map_err(|_| invalid)
}

/// Finds every card number in `text` (any bytes) and writes their byte ranges, in order, into
/// `ranges` (room for `max_ranges`). `*count` receives the number found; when it is more than
/// `max_ranges` nothing is written and the result is `REVTAIN_RESULT_INSUFFICIENT_SIZE` (pass
/// `NULL, 0` to count first). A card number is 13 to 19 digits, plain or grouped (first group
/// of 4, then groups of 3 to 6, joined by single spaces or single dashes), first digit 2 to 6,
/// Luhn-valid, not inside a longer word (see `docs/card.md`).
///
/// # Safety
/// Each pointer is NULL (where allowed) or valid for the length given with it; outputs are
/// writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_card_pan_find(
    text: *const c_char,
    text_len: usize,
    ranges: *mut revtain_range,
    max_ranges: usize,
    count: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let text = try_ffi!(input(text, text_len));
        write_ranges(&card::find_pans(text), ranges, max_ranges, count)
    })
}

/// Writes `text` with the digits of every card number but the last four replaced by `*` into
/// `buf`, NUL-terminated. The length does not change, so `text_len + 1` bytes suffice. The
/// result holds no card number.
///
/// # Safety
/// Each pointer is NULL (where allowed) or valid for the length given with it; outputs are
/// writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_card_pan_redact(
    text: *const c_char,
    text_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let text = try_ffi!(input(text, text_len));
        try_ffi!(out(out_len));
        write_text(&card::redact_pans_bytes(text), buf, buf_len, out_len)
    })
}

/// Checks that `token` is a token of `gateway` (`stripe`, `braintree`, `adyen`, `checkout`,
/// `square`, `gocardless` or `paddle`). A card number is refused first, for every gateway,
/// with `REVTAIN_RESULT_CARD_PAN_DETECTED`. When `kind` is not NULL it receives the token's
/// kind on success (a static NUL-terminated string such as `"stripe.payment_method"`; do not
/// free), or NULL.
///
/// # Safety
/// Each pointer is NULL (where allowed) or valid for the length given with it; outputs are
/// writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_card_gateway_token_validate(
    gateway: *const c_char,
    gateway_len: usize,
    token: *const c_char,
    token_len: usize,
    kind: *mut *const c_char,
) -> revtain_result {
    ffi_boundary(|| {
        if let Some(slot) = kind.as_mut() {
            *slot = std::ptr::null();
        }
        let gateway = try_ffi!(text(
            try_ffi!(input(gateway, gateway_len)),
            revtain_result::CardUnknownGateway
        ));
        // Bytes that are not UTF-8 hold no card number (that is ASCII) and no token.
        let token = try_ffi!(text(
            try_ffi!(input(token, token_len)),
            revtain_result::CardInvalidGatewayToken
        ));
        match card::validate_gateway_token(gateway, token) {
            Ok(k) => {
                if let Some(slot) = kind.as_mut() {
                    *slot = kind_name(k).as_ptr().cast();
                }
                revtain_result::Ok
            }
            Err(e) => err(e),
        }
    })
}

fn kind_name(k: card::TokenKind) -> &'static str {
    use card::TokenKind as K;
    match k {
        K::StripePaymentMethod => "stripe.payment_method\0",
        K::StripeCard => "stripe.card\0",
        K::StripeSource => "stripe.source\0",
        K::StripeToken => "stripe.token\0",
        K::BraintreePaymentMethod => "braintree.payment_method\0",
        K::AdyenStoredPaymentMethod => "adyen.stored_payment_method\0",
        K::CheckoutSource => "checkout.source\0",
        K::SquareCardOnFile => "square.card_on_file\0",
        K::GoCardlessMandate => "gocardless.mandate\0",
        K::PaddlePaymentMethod => "paddle.payment_method\0",
    }
}

/// Generates a card-update secret (`cusec_` + base64 of 32 random bytes) into `buf`,
/// NUL-terminated (`REVTAIN_CARD_UPDATE_SECRET_BUF_SIZE` bytes suffice).
///
/// # Safety
/// `buf` is valid for `buf_len` bytes; `out_len` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_card_update_secret_generate(
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| write_generated(card::generate_card_update_secret(), buf, buf_len, out_len))
}

/// Mints and verifies card-update links for one client id; made by
/// `revtain_card_update_links_new`, released by `revtain_card_update_links_free`. The secret
/// is wiped when it is freed. Safe to use from several threads at once.
pub struct revtain_card_update_links {
    inner: CardUpdateLinks,
}

/// Makes links for `client_id` to the card-update page at `base_url` (https, no fragment),
/// signed with `secret` (`cusec_…`), verifying with `leeway` seconds of clock leeway
/// (`REVTAIN_CARD_UPDATE_DEFAULT_LEEWAY` is the usual value), minting and accepting links of at
/// most `max_lifetime` seconds (`exp − iat`; 1 to 30 days; `REVTAIN_CARD_UPDATE_DEFAULT_MAX_LIFETIME`,
/// a week, is the usual value). On success `*out_links` owns the object.
///
/// # Safety
/// Each pointer is NULL (where allowed) or valid for the length given with it; `out` is
/// writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_card_update_links_new(
    secret: *const c_char,
    secret_len: usize,
    client_id: *const c_char,
    client_id_len: usize,
    base_url: *const c_char,
    base_url_len: usize,
    leeway: u64,
    max_lifetime: u64,
    out_links: *mut *mut revtain_card_update_links,
) -> revtain_result {
    ffi_boundary(|| {
        let slot = try_ffi!(handle::slot(out_links));
        let secret = try_ffi!(text(
            try_ffi!(input(secret, secret_len)),
            revtain_result::CardUpdateInvalidSecret
        ));
        let client_id = try_ffi!(text(
            try_ffi!(input(client_id, client_id_len)),
            revtain_result::CardUpdateInvalidParameter
        ));
        let base_url = try_ffi!(text(
            try_ffi!(input(base_url, base_url_len)),
            revtain_result::CardUpdateInvalidParameter
        ));
        let leeway = try_ffi!(card::leeway_from(Some(Number::from(leeway))).map_err(err));
        let max_lifetime =
            try_ffi!(card::max_lifetime_from(Some(Number::from(max_lifetime))).map_err(err));
        match CardUpdateLinks::new(secret, client_id, base_url) {
            Ok(inner) => handle::give(
                revtain_card_update_links {
                    inner: inner.with_leeway(leeway).with_max_lifetime(max_lifetime),
                },
                slot,
            ),
            Err(e) => err(e),
        }
    })
}

/// Frees links made by `revtain_card_update_links_new`. NULL is allowed.
///
/// # Safety
/// `links` is NULL or a pointer from `revtain_card_update_links_new`, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn revtain_card_update_links_free(links: *mut revtain_card_update_links) {
    let _ = ffi_boundary(|| {
        handle::free(links);
        revtain_result::Ok
    });
}

#[allow(clippy::too_many_arguments)]
unsafe fn mint(
    links: *const revtain_card_update_links,
    customer: *const c_char,
    customer_len: usize,
    ttl: u64,
    return_url: *const c_char,
    return_url_len: usize,
    now: *const u64,
    link: bool,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    let links = &try_ffi!(handle::borrow(links)).inner;
    try_ffi!(out(out_len));
    let customer = try_ffi!(text(
        try_ffi!(input(customer, customer_len)),
        revtain_result::CardUpdateInvalidParameter
    ));
    // `NULL, 0` is no return URL; an empty one is given (and refused by the core).
    let return_url = if return_url.is_null() && return_url_len == 0 {
        None
    } else {
        Some(try_ffi!(text(
            try_ffi!(input(return_url, return_url_len)),
            revtain_result::CardUpdateInvalidParameter
        )))
    };
    let ttl = try_ffi!(card::ttl_from(Some(Number::from(ttl))).map_err(err));
    let now = try_ffi!(now_of(now));
    let made = if link {
        links.create(customer, ttl, return_url, now)
    } else {
        links.token(customer, ttl, return_url, now)
    };
    match made {
        Ok(s) => write_text(s.as_bytes(), buf, buf_len, out_len),
        Err(e) => err(e),
    }
}

/// Writes a new link for `customer` (the merchant's customer reference, never a card number),
/// valid `ttl` seconds from `*now` (unix seconds; `now == NULL` is the system clock), into
/// `buf`, NUL-terminated: the base URL with `token=<JWS>` added to its query. `return_url` is
/// an https URL, or `NULL, 0` for none. A size query (`buf = NULL`) mints a token of the final
/// length; call again with a big enough buffer (each call mints a new `jti`).
///
/// # Safety
/// `links` is a live object; each pointer is NULL (where allowed) or valid for the length
/// given with it; `now` is NULL or readable; outputs are writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn revtain_card_update_links_create(
    links: *const revtain_card_update_links,
    customer: *const c_char,
    customer_len: usize,
    ttl: u64,
    return_url: *const c_char,
    return_url_len: usize,
    now: *const u64,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        mint(
            links,
            customer,
            customer_len,
            ttl,
            return_url,
            return_url_len,
            now,
            true,
            buf,
            buf_len,
            out_len,
        )
    })
}

/// As `revtain_card_update_links_create`, but writes the token alone.
///
/// # Safety
/// As for `revtain_card_update_links_create`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn revtain_card_update_links_token(
    links: *const revtain_card_update_links,
    customer: *const c_char,
    customer_len: usize,
    ttl: u64,
    return_url: *const c_char,
    return_url_len: usize,
    now: *const u64,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        mint(
            links,
            customer,
            customer_len,
            ttl,
            return_url,
            return_url_len,
            now,
            false,
            buf,
            buf_len,
            out_len,
        )
    })
}

/// Verifies `token` at `*now` (unix seconds; `now == NULL` is the system clock) and writes its claims as
/// compact JSON (`{"iss":…,"sub":…,"aud":…,"iat":…,"exp":…,"jti":…[,"return_url":…]}`) into
/// `claims_json`, NUL-terminated. Only `alg: HS256` is accepted; the signature is compared in
/// constant time before any claim is read; then `aud`, `iss`, `exp`, `iat`/`nbf` (with the
/// leeway) and `return_url` are checked.
///
/// # Safety
/// `links` is a live object; each pointer is NULL (where allowed) or valid for the length
/// given with it; outputs are writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_card_update_links_verify(
    links: *const revtain_card_update_links,
    token: *const c_char,
    token_len: usize,
    now: *const u64,
    claims_json: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let links = &try_ffi!(handle::borrow(links)).inner;
        try_ffi!(out(out_len));
        let token = try_ffi!(text(
            try_ffi!(input(token, token_len)),
            revtain_result::CardUpdateTokenMalformed
        ));
        let now = try_ffi!(now_of(now));
        match links.verify(token, now) {
            Ok(claims) => write_text(claims.to_json().as_bytes(), claims_json, buf_len, out_len),
            Err(e) => err(e),
        }
    })
}
