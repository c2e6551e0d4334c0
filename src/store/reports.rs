//! What the whole-database operations report: `rapport check` and `rapport backup`.

/// What `rapport check` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub customers: i64,
    pub archived: i64,
    pub interactions: i64,
    pub feedback: i64,
    pub contracts: i64,
    pub history: i64,
    /// Everything wrong, one plain sentence each.
    pub problems: Vec<String>,
    /// Remarks that are not problems.
    pub notes: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What a finished backup holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupReport {
    pub customers: i64,
    pub bytes: u64,
}
