#![doc = include_str!("migrating.md")]
