// The user's endpoints, each with its health: active or not, the latest delivery and the latest
// failure, so a failing endpoint stands out before anything is opened.

import { segment } from '../api.js';
import { h, icon, replace } from '../dom.js';
import { relativeTime } from '../format.js';
import { activePill, deliveryState, statusPill } from '../ui.js';

export async function renderEndpoints(app) {
  const { items } = await app.api.get('/api/webhooks');
  const head = h(
    'div',
    { class: 'page-head' },
    h(
      'div',
      {},
      h('h1', {}, 'Endpoints'),
      h('p', { class: 'lede' }, 'DevCard sends signed HTTPS POST requests to these URLs when your events happen.'),
    ),
    app.readOnly
      ? null
      : h('a', { class: 'btn btn-primary', href: '#/endpoints/new', id: 'add-endpoint' }, icon('plus'), h('span', {}, 'Add endpoint')),
  );
  if (items.length === 0) {
    replace(app.main, 
      head,
      h(
        'div',
        { class: 'empty' },
        h('h2', {}, 'No endpoints yet'),
        h(
          'p',
          {},
          app.readOnly
            ? 'No endpoint is registered for this account.'
            : 'Add an endpoint to receive card views and saved contacts on your own server.',
        ),
      ),
    );
    return;
  }
  const list = h('ul', { class: 'endpoint-list', id: 'endpoint-list' });
  for (const endpoint of items) {
    list.append(endpointCard(app, endpoint));
  }
  replace(app.main, head, list);
}

function endpointCard(app, endpoint) {
  const health = h('div', { class: 'health' }, h('span', { class: 'muted' }, 'Checking recent deliveries…'));
  const card = h(
    'li',
    { class: 'endpoint-card', 'data-endpoint-id': endpoint.id },
    h(
      'div',
      { class: 'endpoint-card-main' },
      h('a', { class: 'endpoint-url', href: `#/endpoints/${segment(endpoint.id)}` }, endpoint.url),
      endpoint.description ? h('p', { class: 'endpoint-description' }, endpoint.description) : null,
      h('ul', { class: 'chips', 'aria-label': 'Events' }, endpoint.events.map((type) => h('li', { class: 'chip' }, type))),
    ),
    h('div', { class: 'endpoint-card-side' }, activePill(endpoint), health),
  );
  fillHealth(app, endpoint, health, card);
  return card;
}

/** The API's health when it has one; otherwise what the delivery log tells. */
async function fillHealth(app, endpoint, health, card) {
  try {
    if (endpoint.health) {
      const h24 = endpoint.health.last24h || { succeeded: 0, failed: 0 };
      replace(health, 
        h('span', {}, `Last 24 h: ${h24.succeeded} succeeded, ${h24.failed} failed`),
        endpoint.health.failingSince
          ? h('span', { class: 'health-failing' }, icon('alert'), `Failing since ${relativeTime(endpoint.health.failingSince)}`)
          : null,
      );
      card.classList.toggle('is-failing', Boolean(endpoint.health.failingSince));
      return;
    }
    const base = `/api/webhooks/${segment(endpoint.id)}/deliveries?limit=1`;
    const [latest, failed] = await Promise.all([
      app.api.get(base),
      app.api.get(`${base}&status=failed`),
    ]);
    const last = latest.items[0];
    const lastFailure = failed.items[0];
    if (!last) {
      replace(health, h('span', { class: 'muted' }, 'No deliveries yet'));
      return;
    }
    const state = deliveryState(last);
    card.classList.toggle('is-failing', state === 'failed' || state === 'retrying');
    replace(health, 
      h(
        'span',
        { class: 'health-line' },
        'Last delivery ',
        statusPill(state),
        [relativeTime(last.createdAt), last.responseCode ? `HTTP ${last.responseCode}` : null].filter(Boolean).join(' · '),
      ),
      lastFailure && lastFailure.id !== last.id
        ? h('span', { class: 'health-line muted' }, `Last failure ${relativeTime(lastFailure.createdAt)}`)
        : null,
    );
  } catch (unavailable) {
    replace(health, h('span', { class: 'muted' }, 'Recent deliveries unavailable'));
  }
}
