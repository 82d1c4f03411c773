//! Loading tests
