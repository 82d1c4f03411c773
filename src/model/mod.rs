//! The wire model: Graph's call-record JSON as serde types, and nothing else.
//!
//! Every property is a [`Reading`], so a single odd value never fails the document. Objects are
//! declared with [`wire_object!`], which writes a map visitor by hand instead of using serde's
//! derive: derive rejects duplicate keys (real exports have them), cannot match PascalCase keys,
//! and would need `#[serde(flatten)]` to keep unknown properties, which is several times slower.
//! This module knows nothing of Leptos, verdicts or display; see `analysis` for those.

pub mod audit;
pub mod enums;
pub mod iso;
pub mod reading;
pub mod record;
pub mod time;

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

pub use enums::*;
pub use reading::{items, FromJson, Invalid, List, Note, Reading, Why};
pub use record::*;
pub use time::{Instant, Millis};

/// Properties the model does not declare, kept with their JSON text so nothing is lost.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    /// Unknown properties in input order.
    pub unknown: Vec<(String, Box<RawValue>)>,
    /// True when a declared property was matched only by ignoring case (`AverageJitter`), as
    /// SDK object dumps write them.
    pub case_folded: bool,
}

impl Extra {
    /// The raw JSON of an unknown property.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.unknown
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_ref())
    }
}

/// An object key, borrowed from the input when it has no escapes.
pub(crate) struct Key<'de>(pub Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Declares a Graph object: a struct of `Reading`s with a lenient map visitor.
///
/// Keys match exactly first; a key that matches a declared one only when ASCII case is ignored
/// still fills it (and sets `extra.case_folded`). A repeated key keeps its last value, as
/// `JSON.parse` does. Unknown keys go to `extra`.
macro_rules! wire_object {
    (
        $(#[$doc:meta])*
        $name:ident {
            $($(#[$fdoc:meta])* $wire:literal => $field:ident : $ty:ty,)*
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default)]
        pub struct $name {
            $($(#[$fdoc])* pub $field: $ty,)*
            /// Properties not declared above.
            pub extra: $crate::model::Extra,
        }

        impl $crate::model::FromJson for $name {
            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> Result<$crate::model::Reading<Self>, A::Error> {
                const WIRE: &[&str] = &[$($wire),*];
                let mut out = $name::default();
                while let Some(key) = map.next_key::<$crate::model::Key<'de>>()? {
                    // Find the declared name first (exactly, else ignoring case), so that each
                    // field's value is read at one call site: two would compile every field's
                    // reader twice into the WebAssembly.
                    let name = key.0.as_ref();
                    let declared = WIRE.iter().find(|w| **w == name).or_else(|| {
                        let folded = WIRE.iter().find(|w| w.eq_ignore_ascii_case(name));
                        out.extra.case_folded |= folded.is_some();
                        folded
                    });
                    match declared.copied() {
                        $(Some($wire) => out.$field = map.next_value()?,)*
                        _ => {
                            let raw = map.next_value()?;
                            out.extra.unknown.push((name.to_owned(), raw));
                        }
                    }
                }
                Ok($crate::model::Reading::Present(out))
            }

            fn from_text(text: &str) -> $crate::model::Reading<Self> {
                $crate::model::Reading::Invalid($crate::model::reading::text_instead_of_structure(
                    text,
                ))
            }
        }

        impl $crate::model::audit::Audit for $name {
            fn audit(
                &self,
                trail: &mut $crate::model::audit::Trail,
                out: &mut $crate::model::audit::Log,
            ) {
                if self.extra.case_folded {
                    out.case_folded += 1;
                }
                $(
                    trail.key($wire);
                    self.$field.audit(trail, out);
                    trail.pop();
                )*
            }
        }
    };
}
pub(crate) use wire_object;
