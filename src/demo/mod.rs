//! Temporary: the sample generator lands from its own branch.

use std::path::Path;

use crate::store::{Context, Store, StoreError};

pub fn ensure_demo_database(path: &Path, ctx: Context) -> Result<Store, StoreError> {
    Store::open(path, ctx)
}
