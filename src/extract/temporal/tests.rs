//! Tests of the temporal grammar through the scanner.
