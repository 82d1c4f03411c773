//! A windowed list: only the items near the screen are in the DOM.
//!
//! A large meeting has thousands of sessions; drawing a card for each blocks the page for
//! seconds and keeps hundreds of thousands of nodes alive. The list keeps each item's measured
//! height (an estimate until it has been on screen), draws the items that overlap the viewport
//! plus a margin, and stands in for the rest with two spacers, so the scroll bar stays honest.
//! Item state (open or closed) lives with the caller, because items come and go.

use std::ops::Range;

use leptos::prelude::*;

/// Lists longer than this are windowed; shorter ones are drawn whole, which keeps find-in-page
/// working for ordinary records.
pub const WINDOW_FROM: usize = 150;

/// Pixels drawn above and below the viewport, so fast scrolling does not show gaps.
const OVERSCAN_PX: f64 = 1200.0;

/// Draws `count` items, windowed. `estimate` is a collapsed item's height in pixels.
#[component]
pub fn Windowed<F, V>(count: usize, estimate: f64, item: F) -> impl IntoView
where
    F: Fn(usize) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let container = NodeRef::<leptos::html::Div>::new();
    let heights = StoredValue::new(vec![estimate; count]);
    let range = RwSignal::new(0..count.min(40));
    let pending = StoredValue::new(false);

    // Measure what is drawn, then work out what should be.
    let update = move || {
        pending.set_value(false);
        let Some(list) = container.get_untracked() else {
            return;
        };
        let drawn = range.get_untracked();
        let items = list.children();
        for (k, i) in drawn.clone().enumerate() {
            // Child 0 is the top spacer.
            if let Some(el) = items.item(k as u32 + 1) {
                let h = el.get_bounding_client_rect().height();
                if h > 0.0 {
                    heights.update_value(|hs| hs[i] = h);
                }
            }
        }
        let top = -list.get_bounding_client_rect().top();
        let viewport = window()
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(800.0);
        let wanted =
            heights.with_value(|hs| visible(hs, top - OVERSCAN_PX, top + viewport + OVERSCAN_PX));
        if wanted != drawn {
            range.set(wanted);
        }
    };
    let schedule = move || {
        if !pending.get_value() {
            pending.set_value(true);
            request_animation_frame(update);
        }
    };
    let _ = window_event_listener(leptos::ev::scroll, move |_| schedule());
    let _ = window_event_listener(leptos::ev::resize, move |_| schedule());
    Effect::new(move |_| {
        range.track();
        schedule();
    });

    let spacer = move |part: fn(&[f64], &Range<usize>) -> f64| {
        move || format!("{}px", heights.with_value(|hs| part(hs, &range.get())))
    };
    view! {
        <div class="windowed" node_ref=container>
            <div class="windowed__spacer" style:height=spacer(|hs, r| hs[..r.start].iter().sum())></div>
            <For
                each=move || range.get()
                key=|i| *i
                children=move |i| {
                    let item = item.clone();
                    view! { <div class="windowed__item" data-index=i>{item(i)}</div> }
                }
            />
            <div class="windowed__spacer" style:height=spacer(|hs, r| hs[r.end..].iter().sum())></div>
        </div>
    }
}

/// The items that overlap `[from, to)` (pixels from the list's top), given their heights.
pub fn visible(heights: &[f64], from: f64, to: f64) -> Range<usize> {
    let mut offset = 0.0;
    let mut start = heights.len();
    for (i, h) in heights.iter().enumerate() {
        if offset + h > from {
            start = i;
            break;
        }
        offset += h;
    }
    let mut end = start;
    while end < heights.len() && offset < to {
        offset += heights[end];
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn only_items_overlapping_the_window_are_drawn() {
        let heights = vec![100.0; 10_000];
        assert_eq!(visible(&heights, -1200.0, 2000.0), 0..20);
        assert_eq!(visible(&heights, 50_000.0, 52_000.0), 500..520);
        assert_eq!(visible(&heights, 999_950.0, 1_002_000.0), 9_999..10_000);
        assert_eq!(
            visible(&heights, 2e6, 3e6),
            10_000..10_000,
            "below the list: nothing"
        );
        let mixed = [10.0, 500.0, 10.0];
        assert_eq!(
            visible(&mixed, 20.0, 30.0),
            1..2,
            "a tall item covering the window is drawn"
        );
    }
}
