//! Arbitrary bytes, read as (lossy) UTF-8, through the page parser and html5ever: the parser
//! must never panic, and every tree it builds must be html5ever's (or it hands the page over).

#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire::scrape::eval::{Parity, parser_parity};

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    if let Parity::Differs(difference) = parser_parity(&html) {
        panic!("the page parser's tree differs from html5ever's: {difference}");
    }
});
