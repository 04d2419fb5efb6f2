//! The per-field rules of the contract, hand-written: no regex engine to load at start-up.

use crate::countries;
use crate::Code::{self, *};

/// Lengths count Unicode code points, as the contract says.
fn at_most(s: &str, max: usize) -> Result<(), Code> {
    if s.chars().count() > max {
        Err(TooLong)
    } else {
        Ok(())
    }
}

fn format(ok: bool) -> Result<(), Code> {
    if ok {
        Ok(())
    } else {
        Err(InvalidFormat)
    }
}

pub fn email(s: &str) -> Result<(), Code> {
    at_most(s, 254)?;
    let (local, domain) = s.split_once('@').ok_or(InvalidFormat)?;
    format(is_local_part(local) && is_domain(domain))
}

fn is_local_part(local: &str) -> bool {
    const SYMBOLS: &[u8] = b"!#$%&'*+/=?^_`{|}~-";
    local.len() <= 64
        && local.split('.').all(|piece| {
            !piece.is_empty()
                && piece
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || SYMBOLS.contains(&b))
        })
}

fn is_domain(domain: &str) -> bool {
    let Some((_, top_level)) = domain.rsplit_once('.') else {
        return false;
    };
    domain.split('.').all(is_domain_label)
        && top_level.len() >= 2
        && top_level.bytes().all(|b| b.is_ascii_alphabetic())
}

fn is_domain_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

pub fn password(s: &str) -> Result<(), Code> {
    if s.chars().count() < 12 {
        return Err(TooShort);
    }
    at_most(s, 128)?;
    let has = |class: fn(&char) -> bool| s.chars().any(|c| class(&c));
    let strong = has(char::is_ascii_lowercase)
        && has(char::is_ascii_uppercase)
        && has(char::is_ascii_digit)
        && has(|c| !c.is_ascii_alphanumeric());
    if strong {
        Ok(())
    } else {
        Err(WeakPassword)
    }
}

/// Free text typed by a person: display name, address lines, city.
pub fn text(s: &str, max: usize) -> Result<(), Code> {
    at_most(s, max)?;
    // char::is_control is exactly the Cc category the contract names.
    format(!s.starts_with(' ') && !s.ends_with(' ') && !s.chars().any(char::is_control))
}

pub fn age(age: f64) -> Result<(), Code> {
    if age.fract() != 0.0 {
        Err(NotInteger)
    } else if !(13.0..=130.0).contains(&age) {
        Err(OutOfRange)
    } else {
        Ok(())
    }
}

pub fn country_code(s: &str) -> Result<(), Code> {
    format(s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()))?;
    if countries::is_assigned(s) {
        Ok(())
    } else {
        Err(UnknownCountry)
    }
}

/// E.164: "+", then 7 to 15 digits, the first not 0.
pub fn phone(s: &str) -> Result<(), Code> {
    let digits = s.strip_prefix('+').ok_or(InvalidFormat)?;
    format(
        (7..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0'),
    )
}

pub fn postal_code(s: &str) -> Result<(), Code> {
    at_most(s, 10)?;
    let allowed = s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'-');
    let alphanumeric = |c: char| c.is_ascii_alphanumeric();
    format(allowed && s.starts_with(alphanumeric) && s.ends_with(alphanumeric))
}

pub fn accepted(accepted: bool) -> Result<(), Code> {
    if accepted {
        Ok(())
    } else {
        Err(MustAccept)
    }
}
