//! The customer and contact exports of the usual systems, as their real files are laid
//! out (see tests/fixtures/foreign/SOURCES.md for where each layout was learned). A key
//! ending in ` *` stands for every column it begins: "address # *" is every address column.

mod address_books;
mod crms;
mod shops;

use address_books::*;
use crms::*;
use shops::*;

use super::Profile;

pub const ALL: &[Profile] = &[
    GOOGLE_OLD,
    GOOGLE_NEW,
    OUTLOOK,
    OUTLOOK_DE,
    THUNDERBIRD,
    THUNDERBIRD_FR,
    THUNDERBIRD_DE,
    HUBSPOT,
    SALESFORCE,
    SALESFORCE_REPORT,
    PIPEDRIVE,
    ZOHO,
    SHOPIFY_OLD,
    SHOPIFY_NEW,
    WOOCOMMERCE,
    WOOCOMMERCE_SERVER,
    STRIPE,
    SQUARE,
];
