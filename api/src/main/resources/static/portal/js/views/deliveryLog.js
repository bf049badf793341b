// The delivery log of one endpoint, newest first, that keeps itself current while it is open: every
// few seconds it asks for the newest page again, adds what is new at the top and updates the rows
// whose status changed. Failed deliveries stand out, with their latest error in the row.

import { segment } from '../api.js';
import { h, icon, replace } from '../dom.js';
import { relativeTime } from '../format.js';
import { busy, button, clearProblem, deliveryState, problemSlot, showProblem, statusPill, toast } from '../ui.js';

const POLL_MS = 3000;
const PAGE = 20;
const FILTERS = [
  { status: null, label: 'All' },
  { status: 'failed', label: 'Failed' },
  { status: 'pending', label: 'Pending' },
  { status: 'success', label: 'Succeeded' },
  { status: 'held', label: 'Held' },
  { status: 'cancelled', label: 'Cancelled' },
];

export function mountDeliveryLog(app, endpoint) {
  const base = `/api/webhooks/${segment(endpoint.id)}/deliveries`;
  const initial = app.view.query.get('status');
  const state = {
    status: FILTERS.some((f) => f.status === initial) ? initial : null,
    rows: new Map(), // delivery id -> { delivery, element }
    order: [], // ids, newest first
    nextCursor: null,
    generation: 0,
    errors: new Map(), // "id:attempts" -> latest attempt
  };
  const list = h('ul', { class: 'delivery-list', id: 'delivery-list', 'aria-live': 'off' });
  const empty = h('p', { class: 'empty-log', hidden: true });
  const olderSlot = problemSlot();
  const older = button('Older deliveries', { id: 'older-deliveries', hidden: true });
  const liveText = h('span', {}, 'Live');
  const live = h('span', { class: 'live', title: 'Updates every 3 seconds' }, icon('live'), liveText);
  const chips = h(
    'div',
    { class: 'filter-chips', role: 'group', 'aria-label': 'Show deliveries' },
    FILTERS.map((filter) => {
      const chip = h(
        'button',
        {
          type: 'button',
          class: `chip-button${filter.status === 'failed' ? ' chip-failed' : ''}`,
          'aria-pressed': String(filter.status === state.status),
          'data-status': filter.status || 'all',
        },
        filter.status === 'failed' ? icon('x') : null,
        filter.label,
      );
      chip.addEventListener('click', () => setFilter(filter.status));
      return chip;
    }),
  );
  const element = h(
    'section',
    { class: 'log card', 'aria-labelledby': 'log-title' },
    h('div', { class: 'log-head' }, h('h2', { id: 'log-title' }, 'Deliveries'), live),
    chips,
    list,
    empty,
    olderSlot,
    h('div', { class: 'log-foot' }, older),
  );

  function setFilter(status) {
    state.status = status;
    for (const chip of chips.children) {
      chip.setAttribute('aria-pressed', String((chip.dataset.status === 'all' ? null : chip.dataset.status) === status));
    }
    const hash = `#/endpoints/${segment(endpoint.id)}${status ? `?status=${status}` : ''}`;
    history.replaceState(null, '', hash);
    reload();
  }

  function query(cursor) {
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (state.status) {
      params.set('status', state.status);
    }
    if (cursor) {
      params.set('cursor', cursor);
    }
    return `${base}?${params}`;
  }

  async function reload() {
    state.generation += 1;
    const generation = state.generation;
    const page = await app.api.get(query(null));
    if (generation !== state.generation) {
      return;
    }
    state.rows.clear();
    state.order = [];
    list.replaceChildren();
    append(page.items);
    state.nextCursor = page.nextCursor;
    showFooter();
  }

  function append(items) {
    for (const delivery of items) {
      if (state.rows.has(delivery.id)) {
        continue;
      }
      const row = { delivery, element: rowElement(delivery) };
      state.rows.set(delivery.id, row);
      state.order.push(delivery.id);
      list.append(row.element);
    }
  }

  function showFooter() {
    older.hidden = !state.nextCursor;
    empty.hidden = state.order.length > 0;
    empty.textContent = state.status
      ? `No ${FILTERS.find((f) => f.status === state.status).label.toLowerCase()} deliveries.`
      : 'No deliveries yet. Send a test event to see one arrive here.';
  }

  /** New deliveries at the top, changed ones updated in place, none moved or lost. */
  async function poll() {
    const generation = state.generation;
    const page = await app.api.get(query(null));
    if (generation !== state.generation) {
      return;
    }
    const fresh = [];
    const seen = new Set();
    for (const delivery of page.items) {
      seen.add(delivery.id);
      const row = state.rows.get(delivery.id);
      if (!row) {
        fresh.push(delivery);
      } else if (changed(row.delivery, delivery)) {
        update(row, delivery);
      }
    }
    for (const delivery of fresh.reverse()) {
      const row = { delivery, element: rowElement(delivery) };
      row.element.classList.add('is-new');
      state.rows.set(delivery.id, row);
      state.order.unshift(delivery.id);
      list.prepend(row.element);
    }
    if (state.status) {
      await refreshLeftTheFilter(page, seen);
    }
    showFooter();
  }

  /** A row shown under a filter that its delivery no longer matches: read it, show it as it is. */
  async function refreshLeftTheFilter(page, seen) {
    const oldestShown = page.items.length === PAGE ? page.items[page.items.length - 1].createdAt : null;
    for (const id of state.order) {
      const row = state.rows.get(id);
      if (seen.has(id) || (oldestShown && row.delivery.createdAt < oldestShown)) {
        continue;
      }
      // Until it settles elsewhere: a retried delivery passes through pending on its way.
      if (row.delivery.status === state.status || row.delivery.status === 'pending') {
        const now = await app.api.get(`${base}/${segment(id)}`);
        if (changed(row.delivery, now)) {
          update(row, now);
        }
      }
    }
  }

  function changed(before, after) {
    return before.status !== after.status || before.attempts !== after.attempts || before.updatedAt !== after.updatedAt;
  }

  function update(row, delivery) {
    row.delivery = delivery;
    const replacement = rowElement(delivery);
    row.element.replaceWith(replacement);
    row.element = replacement;
  }

  function rowElement(delivery) {
    const status = deliveryState(delivery);
    const href = `#/endpoints/${segment(endpoint.id)}/deliveries/${segment(delivery.id)}`;
    const facts = [
      `${delivery.attempts} ${delivery.attempts === 1 ? 'attempt' : 'attempts'}`,
      delivery.responseCode ? `HTTP ${delivery.responseCode}` : null,
      relativeTime(delivery.createdAt),
    ].filter(Boolean);
    const reason = h('p', { class: 'row-error', hidden: true });
    const retrySlot = problemSlot();
    const element = h(
      'li',
      { class: `delivery-row status-${status}`, 'data-delivery-id': delivery.id, 'data-status': delivery.status },
      h(
        'a',
        { class: 'delivery-link', href },
        statusPill(status),
        h('span', { class: 'delivery-event' }, delivery.eventType),
        h('code', { class: 'delivery-id' }, delivery.id),
        h('span', { class: 'delivery-facts' }, facts.join(' · ')),
      ),
      reason,
      retrySlot,
    );
    if ((status === 'failed' || status === 'retrying') && !app.readOnly) {
      const retry = button('Retry now', { small: true, iconName: 'retry' });
      retry.classList.add('row-retry');
      retry.setAttribute('aria-label', `Retry delivery ${delivery.id} now`);
      retry.addEventListener('click', () => busy(retry, async () => {
        clearProblem(retrySlot);
        try {
          const retried = await app.api.post(`${base}/${segment(delivery.id)}/retry`);
          const row = state.rows.get(delivery.id);
          if (row) {
            update(row, retried);
          }
          toast('Retrying now.', 'success');
        } catch (failure) {
          if (failure.status !== 401) {
            showProblem(retrySlot, failure);
          }
        }
      }));
      element.insertBefore(retry, reason);
    }
    if (status === 'failed' || status === 'retrying') {
      showLatestError(delivery, reason);
    }
    return element;
  }

  /** The latest attempt's error in the row itself: what went wrong, without opening anything. */
  async function showLatestError(delivery, reason) {
    const key = `${delivery.id}:${delivery.attempts}`;
    let attempt = state.errors.get(key);
    if (!attempt) {
      try {
        const detail = await app.api.get(`${base}/${segment(delivery.id)}`);
        attempt = detail.attemptLog[detail.attemptLog.length - 1] || null;
        state.errors.set(key, attempt);
      } catch (unavailable) {
        return;
      }
    }
    if (!attempt) {
      return;
    }
    replace(reason, icon('alert'), h('span', {}, latestErrorText(attempt)));
    reason.hidden = false;
  }

  let timer = null;
  const tick = async () => {
    if (!document.hidden) {
      try {
        await poll();
        live.classList.remove('live-paused');
        liveText.textContent = 'Live';
      } catch (failure) {
        live.classList.add('live-paused');
        liveText.textContent = 'Reconnecting…';
      }
    }
    timer = setTimeout(tick, POLL_MS);
  };
  older.addEventListener('click', () => busy(older, async () => {
    clearProblem(olderSlot);
    try {
      const page = await app.api.get(query(state.nextCursor));
      append(page.items);
      state.nextCursor = page.nextCursor;
      showFooter();
    } catch (failure) {
      showProblem(olderSlot, failure);
    }
  }));
  reload().then(() => {
    timer = setTimeout(tick, POLL_MS);
  }).catch((failure) => showProblem(olderSlot, failure));
  app.view.disposers.push(() => clearTimeout(timer));

  return {
    element,
    /** After sending a test: look again at once rather than at the next tick. */
    refreshSoon() {
      setTimeout(() => poll().catch(() => {}), 300);
    },
  };
}

/** "HTTP 503: Service Unavailable" or "timeout after 5s", short enough for a row. */
export function latestErrorText(attempt) {
  const parts = [];
  if (attempt.responseCode) {
    parts.push(`HTTP ${attempt.responseCode}`);
  }
  if (attempt.error) {
    parts.push(attempt.error);
  }
  if (attempt.responseBody) {
    const body = attempt.responseBody.replace(/\s+/g, ' ').trim();
    if (body) {
      parts.push(`“${body.length > 140 ? `${body.slice(0, 140)}…` : body}”`);
    }
  }
  return parts.length > 0 ? `Latest attempt: ${parts.join(' — ')}` : 'Latest attempt failed';
}
