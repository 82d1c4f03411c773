//! The colour theme switch: System (the default, which follows the operating system's light or
//! dark setting), Light or Dark. It owns the `data-theme` attribute on `<html>` and the
//! `callscope.theme` preference in `localStorage`; the palettes themselves live in
//! `style/main.css`, which reads the attribute.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The `localStorage` key. It holds a display preference only, never call data.
pub const THEME_KEY: &str = "callscope.theme";

/// The attribute on `<html>` that `style/main.css` reads; absent means "follow the system".
const THEME_ATTRIBUTE: &str = "data-theme";

/// The person's choice of colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system's light or dark setting (`prefers-color-scheme`).
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    /// Every choice, in the order the switch lists them.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The stored and submitted value.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The word the switch shows.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// Reads a stored or submitted value. Anything unknown (an older version's value, a value
    /// edited by hand) falls back to following the system rather than failing.
    pub fn parse(value: Option<&str>) -> Theme {
        match value.map(str::trim) {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The value of `data-theme` on `<html>`; `None` removes the attribute.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light | Theme::Dark => Some(self.as_str()),
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// The three methods of `window.localStorage` the switch needs. Declared here rather than
    /// through web-sys' `Storage` feature, which the crate does not enable.
    type PreferenceStorage;

    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item(this: &PreferenceStorage, key: &str) -> Result<Option<String>, JsValue>;

    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item(this: &PreferenceStorage, key: &str, value: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(method, catch, js_name = removeItem)]
    fn remove_item(this: &PreferenceStorage, key: &str) -> Result<(), JsValue>;
}

/// `window.localStorage`, or `None` where the browser refuses it (storage disabled, some
/// private modes throw on access). The switch then still works for the current page.
fn storage() -> Option<PreferenceStorage> {
    let window = web_sys::window()?;
    let value = js_sys::Reflect::get(&window, &JsValue::from_str("localStorage")).ok()?;
    (!value.is_null() && !value.is_undefined()).then(|| value.unchecked_into())
}

/// The stored choice; System when nothing (or nothing readable) is stored.
fn stored_theme() -> Theme {
    let stored = storage().and_then(|s| s.get_item(THEME_KEY).ok().flatten());
    Theme::parse(stored.as_deref())
}

/// Remembers the choice. System is stored as no key at all, so the default stays the default.
/// A refused write (quota, private mode) only means the choice is not remembered.
fn store_theme(theme: Theme) {
    if let Some(storage) = storage() {
        let _ = match theme {
            Theme::System => storage.remove_item(THEME_KEY),
            _ => storage.set_item(THEME_KEY, theme.as_str()),
        };
    }
}

/// Sets or removes `data-theme` on `<html>`.
fn apply_theme(theme: Theme) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme.attribute() {
        Some(value) => root.set_attribute(THEME_ATTRIBUTE, value),
        None => root.remove_attribute(THEME_ATTRIBUTE),
    };
}

/// A labelled `<select>` with System, Light and Dark. A native select is reachable with Tab and
/// operated with the arrow keys in every browser, and screen readers announce its label and
/// value without extra ARIA.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    // The stored choice applies as soon as the app starts.
    let theme = RwSignal::new(stored_theme());
    apply_theme(theme.get_untracked());

    let on_change = move |ev: leptos::ev::Event| {
        let chosen = Theme::parse(Some(&event_target_value(&ev)));
        theme.set(chosen);
        apply_theme(chosen);
        store_theme(chosen);
    };

    view! {
        <div class="theme-switch">
            <label for="theme-switch" class="theme-switch__label">
                "Theme"
            </label>
            <select
                id="theme-switch"
                class="theme-switch__select"
                data-testid="theme-switch"
                on:change=on_change
            >
                {Theme::ALL
                    .into_iter()
                    .map(|t| {
                        view! {
                            <option value=t.as_str() selected=move || theme.get() == t>
                                {t.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn stored_values_read_back_as_the_choice_and_anything_else_follows_the_system() {
        let cases = [
            (None, Theme::System),
            (Some("system"), Theme::System),
            (Some("light"), Theme::Light),
            (Some("dark"), Theme::Dark),
            (Some(" dark "), Theme::Dark),
            (Some("Dark"), Theme::System),
            (Some(""), Theme::System),
            (Some("sepia"), Theme::System),
        ];
        for (stored, expected) in cases {
            assert_eq!(Theme::parse(stored), expected, "stored value {stored:?}");
        }
    }

    #[test]
    fn every_choice_round_trips_through_its_stored_value() {
        for theme in Theme::ALL {
            assert_eq!(Theme::parse(Some(theme.as_str())), theme, "{theme:?}");
        }
    }

    #[test]
    fn only_light_and_dark_set_the_attribute_so_system_follows_prefers_color_scheme() {
        assert_eq!(Theme::System.attribute(), None);
        assert_eq!(Theme::Light.attribute(), Some("light"));
        assert_eq!(Theme::Dark.attribute(), Some("dark"));
    }
}
