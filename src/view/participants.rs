//! "Who took part": one compact table of participants with platform, client and network, and
//! how the streams each one received went. A name filters the view to that participant.

use leptos::prelude::*;

use super::overview::Overview;
use super::parts::VerdictBadge;
use crate::analysis::participants::Participant;
use crate::analysis::EndpointKind;

/// Rows shown before "show all"; a large meeting has thousands of participants.
const FIRST_ROWS: usize = 15;

/// The participants table. Nothing is drawn when no endpoint is reported.
#[component]
pub fn ParticipantsTable() -> impl IntoView {
    let Overview {
        filter,
        participants,
        ..
    } = Overview::expect();
    let people = participants.get_value();
    if people.is_empty() {
        return ().into_any();
    }
    let total = people.len();
    let show_all = RwSignal::new(false);
    let rows = move || {
        let shown = if show_all.get() {
            total
        } else {
            total.min(FIRST_ROWS)
        };
        people[..shown]
            .iter()
            .enumerate()
            .map(|(row, p)| view! { <ParticipantRow row=row p=p.clone() filter=filter /> })
            .collect_view()
    };
    view! {
        <section class="participants" aria-labelledby="participants-heading" data-testid="participants">
            <h2 id="participants-heading">"Who took part"</h2>
            <div class="table-scroll">
                <table class="participants__table">
                    <thead>
                        <tr>
                            <th scope="col">"Participant"</th>
                            <th scope="col">"Platform"</th>
                            <th scope="col">"Client"</th>
                            <th scope="col">"Network"</th>
                            <th scope="col">"Segments"</th>
                            <th scope="col">"Streams received"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(total > FIRST_ROWS).then(|| view! {
                <button class="button" on:click=move |_| show_all.update(|s| *s = !*s)>
                    {move || if show_all.get() { "Show fewer".to_owned() } else { format!("Show all {total} participants") }}
                </button>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn ParticipantRow(
    /// Position in the participants list, which the participant filter uses.
    row: usize,
    p: Participant,
    filter: RwSignal<crate::analysis::filter::Filter>,
) -> impl IntoView {
    let list = |values: &[String]| {
        if values.is_empty() {
            "not reported".to_owned()
        } else {
            values.join("; ")
        }
    };
    let kind = match p.kind {
        EndpointKind::Service => Some("service"),
        _ => None,
    };
    let is_filtered = move || filter.with(|f| f.participant == Some(row));
    let toggle = move |_| {
        filter.update(|f| {
            f.participant = if f.participant == Some(row) {
                None
            } else {
                Some(row)
            }
        })
    };
    let received = p.received;
    view! {
        <tr data-testid="participant-row" class:participants__row--filtered=is_filtered>
            <th scope="row">
                <button
                    class="participants__name"
                    aria-pressed=move || is_filtered().to_string()
                    title="Show only this participant's segments"
                    on:click=toggle
                >
                    {p.name.clone()}
                </button>
                {kind.map(|k| view! { <span class="participants__kind">{k}</span> })}
                {(!p.detail.is_empty()).then(|| view! { <span class="participants__detail">{p.detail.join(" · ")}</span> })}
            </th>
            <td>{list(&p.platform)}</td>
            <td>{list(&p.client)}</td>
            <td>{list(&p.network)}</td>
            <td class="number">{p.segments}</td>
            <td>
                {if received.streams() > 0 {
                    view! { <VerdictBadge word=received.worst() detail=received.describe() /> }.into_any()
                } else {
                    view! { <span class="value--missing">"none"</span> }.into_any()
                }}
            </td>
        </tr>
    }
}
