//! Entry point: the panic hook, then the app.
fn main() {
    callscope::view::crash::install_panic_hook();
    leptos::mount::mount_to_body(callscope::view::App);
}
