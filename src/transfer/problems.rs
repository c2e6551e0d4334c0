//! What is wrong with an import, row by row: `FILE:LINE: column: reason`.

use std::fmt;

use crate::text::inert;

/// How many problems are listed before the rest are only counted.
pub const SHOWN: usize = 50;

/// One thing wrong with one row (or with the file, when there is no column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: u64,
    pub column: Option<String>,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match &self.column {
            Some(column) => format!("{}:{}: {column}: {}", self.file, self.line, self.reason),
            None => format!("{}:{}: {}", self.file, self.line, self.reason),
        };
        // File names and reasons quote what the file holds: never let it drive the terminal.
        f.write_str(&inert(&text))
    }
}

/// Every problem of an import: the first [`SHOWN`] kept, the others counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    shown: Vec<Problem>,
    total: usize,
}

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        if self.shown.len() < SHOWN {
            self.shown.push(problem);
        }
        self.total += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    pub fn total(&self) -> usize {
        self.total
    }

    pub fn shown(&self) -> &[Problem] {
        &self.shown
    }

    /// The lines to print: the first problems, then how many more there are.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.shown.iter().map(ToString::to_string).collect();
        let more = self.total - self.shown.len();
        if more > 0 {
            lines.push(format!("and {more} more problem{}", if more == 1 { "" } else { "s" }));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: u64) -> Problem {
        Problem { file: "c.csv".into(), line, column: Some("email".into()), reason: "bad\u{1b}[2J".into() }
    }

    #[test]
    fn problems_read_file_line_column_reason_and_are_inert() {
        assert_eq!(problem(3).to_string(), "c.csv:3: email: bad␛[2J");
        let whole_row = Problem { column: None, ..problem(4) };
        assert_eq!(whole_row.to_string(), "c.csv:4: bad␛[2J");
    }

    #[test]
    fn only_the_first_fifty_are_listed() {
        let mut all = Problems::default();
        for line in 0..53 {
            all.push(problem(line));
        }
        let lines = all.lines();
        assert_eq!(all.total(), 53);
        assert_eq!(lines.len(), SHOWN + 1);
        assert_eq!(lines.last().map(String::as_str), Some("and 3 more problems"));
    }
}
