// One delivery: the exact body sent and every attempt (time, trigger, duration, status, error and
// the receiver's answer) side by side on wide screens; retry in one click; kept current while open.

import { segment } from '../api.js';
import { h, icon, replace } from '../dom.js';
import { formatDuration, jsonBlock, rawMember, timeElement } from '../format.js';
import { busy, button, clearProblem, copyButton, deliveryState, problemSlot, showProblem, statusPill, toast } from '../ui.js';

const POLL_MS = 3000;
const TRIGGERS = { scheduled: 'Scheduled', manual: 'Manual retry', recovery: 'Recovery', probe: 'Probe' };

export async function renderDelivery(app, endpointId, deliveryId) {
  const endpointPath = `/api/webhooks/${segment(endpointId)}`;
  const path = `${endpointPath}/deliveries/${segment(deliveryId)}`;
  let text;
  let endpoint;
  try {
    [text, endpoint] = await Promise.all([app.api.get(path, { raw: true }), app.api.get(endpointPath)]);
  } catch (failure) {
    if (failure.status === 404) {
      replace(app.main, 
        h('h1', {}, 'Delivery not found'),
        h('p', {}, 'No delivery of your endpoints has this id.'),
        h('p', {}, h('a', { href: '#/' }, 'Back to your endpoints')),
      );
      return;
    }
    throw failure;
  }
  let delivery = JSON.parse(text);
  const payload = rawMember(text, 'payload');
  const back = `#/endpoints/${segment(endpointId)}`;
  const summary = h('div', { class: 'delivery-summary' });
  const slot = problemSlot();
  const attempts = h('ol', { class: 'attempts', id: 'attempts', reversed: true });
  const attemptsNote = h('p', { class: 'muted', hidden: true });

  const render = () => {
    const state = deliveryState(delivery);
    const retry = app.readOnly ? null : button('Retry now', { kind: 'primary', iconName: 'retry', id: 'retry-delivery' });
    if (retry) {
      retry.addEventListener('click', () => busy(retry, async () => {
        clearProblem(slot);
        try {
          await app.api.post(`${path}/retry`);
          toast('Retrying now. The new attempt appears here.', 'success');
          setTimeout(refresh, 500);
        } catch (failure) {
          if (failure.status !== 401) {
            showProblem(slot, failure);
          }
        }
      }));
    }
    summary.className = `delivery-summary status-${state}`;
    replace(summary, 
      h('div', { class: 'title-row' }, h('h1', {}, delivery.eventType), h('span', { id: 'delivery-status' }, statusPill(state))),
      h(
        'dl',
        { class: 'facts' },
        fact('Delivery id', h('span', { class: 'id-row' }, h('code', {}, delivery.id), copyButton(() => delivery.id, null, 'Copy id'))),
        fact('Event id', h('code', {}, delivery.eventId)),
        fact('Created', timeElement(delivery.createdAt)),
        fact('Attempts', String(delivery.attempts)),
        fact('Last response', delivery.responseCode ? `HTTP ${delivery.responseCode}` : '—'),
        delivery.nextRetryAt ? fact('Next attempt', timeElement(delivery.nextRetryAt)) : null,
      ),
      retry ? h('div', { class: 'actions' }, retry) : null,
      slot,
    );
    replace(attempts, ...[...delivery.attemptLog].reverse().map((attempt) => attemptItem(attempt, delivery.attempts)));
    if (delivery.attemptLog.length === 0) {
      replace(attempts, h('li', { class: 'attempt attempt-none' }, 'No attempt yet: the first one starts within moments.'));
    }
    attemptsNote.hidden = !delivery.attemptLogTruncated;
    attemptsNote.textContent = delivery.attemptLogTruncated
      ? `Showing the latest ${delivery.attemptLog.length} of ${delivery.attemptLogTotal} attempts.`
      : '';
  };

  const refresh = async () => {
    const now = await app.api.get(path);
    if (now.status !== delivery.status || now.attempts !== delivery.attempts || now.updatedAt !== delivery.updatedAt) {
      delivery = now;
      render();
    }
  };

  const request = h(
    'section',
    { class: 'card request', 'aria-labelledby': 'request-title' },
    h('h2', { id: 'request-title' }, 'Request'),
    h('p', { class: 'request-line' }, h('span', { class: 'method' }, 'POST'), h('code', { class: 'break' }, endpoint.url)),
    h(
      'dl',
      { class: 'headers' },
      header('Content-Type', 'application/json'),
      header('X-DevCard-Event', delivery.eventType),
      header('X-DevCard-Delivery', delivery.id),
      header('webhook-id', delivery.id),
      header('webhook-timestamp', 'signing time of each attempt'),
      header('webhook-signature', 'v1,… (computed for each attempt)'),
    ),
    h('div', { class: 'payload-head' }, h('h3', { id: 'payload-title' }, 'Body'), payload ? copyButton(() => payload, null, 'Copy body') : null),
    payload ? jsonBlock(payload, { 'aria-labelledby': 'payload-title', id: 'payload' }) : h('p', { class: 'muted' }, 'The body is no longer kept.'),
  );
  const response = h(
    'section',
    { class: 'card response', 'aria-labelledby': 'attempts-title' },
    h('h2', { id: 'attempts-title' }, 'Attempts, latest first'),
    attemptsNote,
    attempts,
  );
  render();
  replace(app.main, 
    h('a', { class: 'back', href: back }, icon('arrowLeft'), h('span', {}, 'Deliveries of '), h('span', { class: 'break' }, endpoint.url)),
    summary,
    h('div', { class: 'exchange' }, request, response),
  );

  let timer = null;
  const tick = async () => {
    if (!document.hidden) {
      await refresh().catch(() => {});
    }
    timer = setTimeout(tick, POLL_MS);
  };
  timer = setTimeout(tick, POLL_MS);
  app.view.disposers.push(() => clearTimeout(timer));
}

/** A JSON answer is indented (whitespace only); anything else is shown as it came. */
function responseBody(text) {
  try {
    JSON.parse(text);
    return jsonBlock(text);
  } catch (notJson) {
    return h('pre', { class: 'code', tabindex: '0' }, h('code', {}, text));
  }
}

function fact(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

function header(name, value) {
  return h('div', {}, h('dt', {}, name), h('dd', {}, value));
}

function attemptItem(attempt, total) {
  const ok = attempt.responseCode !== null && attempt.responseCode >= 200 && attempt.responseCode < 300 && !attempt.error;
  const outcome = ok ? 'success' : 'failed';
  return h(
    'li',
    { class: `attempt attempt-${outcome}`, 'data-attempt': String(attempt.attempt) },
    h(
      'div',
      { class: 'attempt-head' },
      statusPill(outcome),
      h('strong', {}, `Attempt ${attempt.attempt}`, total ? h('span', { class: 'muted' }, ` of ${total}`) : null),
      h('span', { class: 'trigger' }, TRIGGERS[attempt.trigger] || attempt.trigger),
    ),
    h(
      'dl',
      { class: 'facts facts-compact' },
      fact('Started', timeElement(attempt.startedAt, { relative: false })),
      fact('Duration', formatDuration(attempt.durationMs)),
      fact('Status code', attempt.responseCode ? String(attempt.responseCode) : 'no response'),
    ),
    attempt.error ? h('p', { class: 'attempt-error' }, icon('alert'), h('span', {}, attempt.error)) : null,
    attempt.responseBody
      ? h('div', { class: 'response-body' }, h('h3', {}, 'Response body'), responseBody(attempt.responseBody))
      : h('p', { class: 'muted' }, attempt.responseCode ? 'Empty response body.' : ''),
  );
}
