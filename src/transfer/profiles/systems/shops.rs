//! Shops and payments, whose exports carry what a customer bought before rapport:
//! Shopify (before 2023 and after), WooCommerce, Stripe, Square.

use super::super::Feed::{Column, Email, First, LabelledNote, Last, Notes, Phone, Skip, SourceId, Tags};
use super::super::Profile;

pub const SHOPIFY_OLD: Profile = Profile {
    key: "shopify",
    label: "a Shopify customer export (before 2023)",
    signature: &["total spent", "total orders", "accepts marketing", "tax exempt"],
    columns: &[
        ("first name", First),
        ("last name", Last),
        ("email", Email),
        ("company", Column("company")),
        ("phone", Phone),
        ("total spent", Column("prior_spend")),
        ("total orders", Column("prior_orders")),
        ("tags", Tags),
        ("note", Notes),
        ("address #", Skip),
        ("city", Skip),
        ("province", Skip),
        ("province code", Skip),
        ("country", Skip),
        ("country code", Skip),
        ("zip", Skip),
        ("accepts marketing", Skip),
        ("tax exempt", Skip),
    ],
};

pub const SHOPIFY_NEW: Profile = Profile {
    key: "shopify",
    label: "a Shopify customer export (2023 and later)",
    signature: &["customer id", "accepts email marketing", "total spent", "total orders"],
    columns: &[
        ("customer id", SourceId),
        ("first name", First),
        ("last name", Last),
        ("email", Email),
        ("default address company", Column("company")),
        ("phone", Phone),
        ("default address phone", Phone),
        ("total spent", Column("prior_spend")),
        ("total orders", Column("prior_orders")),
        ("note", Notes),
        ("tags", Tags),
        ("default address *", Skip),
        ("accepts email marketing", Skip),
        ("accepts sms marketing", Skip),
        ("tax exempt", Skip),
    ],
};

/// WooCommerce's Analytics → Customers download.
pub const WOOCOMMERCE: Profile = Profile {
    key: "woocommerce",
    label: "a WooCommerce customers export",
    signature: &["username", "last active", "date registered", "total spend"],
    columns: &[
        ("name", Column("name")),
        ("username", SourceId),
        ("email", Email),
        ("orders", Column("prior_orders")),
        ("total spend", Column("prior_spend")),
        ("date registered", Column("prior_since")),
        ("sign up", Column("prior_since")),
        ("role", Skip),
        ("last active", Skip),
        ("aov", Skip),
        ("country region", Skip),
        ("city", Skip),
        ("region", Skip),
        ("postal code", Skip),
    ],
};

/// WooCommerce's customers report when too large for the browser: the server writes it,
/// with other names for some columns.
pub const WOOCOMMERCE_SERVER: Profile = Profile {
    key: "woocommerce",
    label: "a WooCommerce customers export",
    signature: &["username", "last active", "sign up", "total spend"],
    columns: WOOCOMMERCE.columns,
};

/// The Stripe dashboard's customers export.
pub const STRIPE: Profile = Profile {
    key: "stripe",
    label: "a Stripe customers export",
    signature: &["id", "created utc", "total spend", "payment count"],
    columns: &[
        ("id", SourceId),
        ("name", Column("name")),
        ("email", Email),
        ("phone", Phone),
        ("description", Notes),
        ("total spend", Column("prior_spend")),
        ("payment count", Column("prior_orders")),
        ("created utc", Column("prior_since")),
        ("refunded volume", Skip),
        ("average order", Skip),
        ("tax location recognized", Skip),
        ("dispute losses", Skip),
        ("delinquent", Skip),
        ("card id", Skip),
        ("plan", Skip),
        ("status", Skip),
        ("cancel at period end", Skip),
        ("business vat id", Skip),
        ("account balance", Skip),
        ("balance", Skip),
        ("currency", Skip),
        ("default source", Skip),
        ("coupon", Skip),
        ("discount", Skip),
        ("tax exempt", Skip),
        ("invoice prefix", Skip),
        ("shipping *", Skip),
        ("address *", Skip),
        ("card *", Skip),
        ("metadata *", LabelledNote),
    ],
};

/// Square's customer directory export.
pub const SQUARE: Profile = Profile {
    key: "square",
    label: "a Square customer directory export",
    signature: &["square customer id", "transaction count", "first visit"],
    columns: &[
        ("square customer id", SourceId),
        ("first name", First),
        ("last name", Last),
        ("surname", Last),
        ("email address", Email),
        ("phone number", Phone),
        ("company name", Column("company")),
        ("memo", Notes),
        ("reference id", LabelledNote),
        ("groups", Tags),
        ("transaction count", Column("prior_orders")),
        ("lifetime spend", Column("prior_spend")),
        ("total spend", Column("prior_spend")),
        ("first visit", Column("prior_since")),
        ("last visit", Column("prior_last_order")),
        ("nickname", Skip),
        ("street address #", Skip),
        ("city", Skip),
        ("state", Skip),
        ("postal code", Skip),
        ("birthday", Skip),
        ("creation source", Skip),
        ("email subscription status", Skip),
        ("instant profile", Skip),
        ("blocked from online booking", Skip),
    ],
};
