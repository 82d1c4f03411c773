//! Analysis tests over small documents; the samples are covered in tests/samples.rs.
