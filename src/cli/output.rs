//! Rendering command output: aligned tables, CSV and JSON.
