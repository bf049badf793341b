// Recovery after an outage: retry, once and paced, every failed delivery created since a time, and
// follow its progress until it ends.

import { segment } from '../api.js';
import { h, replace } from '../dom.js';
import { busy, button, clearFormProblem, field, problemSlot, showFormProblem, showProblem } from '../ui.js';

const POLL_MS = 1000;

export function mountRecovery(app, endpoint) {
  const since = h('input', { type: 'datetime-local', step: '1', required: true, value: localInput(Date.now() - 24 * 3600 * 1000) });
  const slot = problemSlot();
  const start = h('button', { type: 'submit', class: 'btn btn-secondary', id: 'start-recovery' }, 'Retry failed deliveries');
  const form = h(
    'form',
    { class: 'form form-inline', novalidate: true, id: 'recovery-form' },
    field({ label: 'Failed deliveries created since (your local time)', name: 'since', control: since }),
    h('div', { class: 'form-actions' }, start),
    slot,
  );
  const progress = h('div', { class: 'recovery-progress', id: 'recovery-progress', hidden: true });
  let timer = null;
  app.view.disposers.push(() => clearTimeout(timer));

  const follow = (recovery) => {
    const bar = h('progress', { max: String(Math.max(recovery.total, 1)), value: String(recovery.total === 0 ? 1 : recovery.done), 'aria-labelledby': 'recovery-status' });
    const ended = recovery.state !== 'running';
    const text = recovery.total === 0
      ? 'No failed delivery in that period: nothing to retry.'
      : `${recovery.done} of ${recovery.total} retried: ${recovery.succeeded} succeeded, ${recovery.failed} failed.`;
    const cancel = ended ? null : button('Cancel recovery', { small: true, id: 'cancel-recovery' });
    if (cancel) {
      cancel.addEventListener('click', () => busy(cancel, async () => {
        try {
          follow(await app.api.delete(`/api/recoveries/${segment(recovery.id)}`));
        } catch (failure) {
          if (failure.status !== 401) {
            showProblem(slot, failure);
          }
        }
      }));
    }
    replace(progress, 
      h('p', { id: 'recovery-status', class: 'recovery-status' },
        h('strong', {}, { running: 'Recovering… ', completed: 'Recovery complete. ', cancelled: 'Recovery cancelled. ' }[recovery.state] || ''),
        text),
      bar,
      cancel,
    );
    progress.hidden = false;
    clearTimeout(timer);
    if (!ended) {
      timer = setTimeout(async () => {
        try {
          follow(await app.api.get(`/api/recoveries/${segment(recovery.id)}`));
        } catch (failure) {
          if (failure.status !== 401) {
            showProblem(slot, failure);
          }
        }
      }, POLL_MS);
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFormProblem(form, slot);
    const when = Date.parse(since.value);
    busy(start, async () => {
      try {
        const body = { since: Number.isNaN(when) ? since.value : new Date(when).toISOString() };
        follow(await app.api.post(`/api/webhooks/${segment(endpoint.id)}/recover`, body));
      } catch (failure) {
        if (failure.status === 409 && failure.problem.recoveryId) {
          follow(await app.api.get(`/api/recoveries/${segment(failure.problem.recoveryId)}`));
        } else if (failure.status !== 401) {
          showFormProblem(form, slot, failure);
        }
      }
    });
  });

  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'recover-title' },
    h('h2', { id: 'recover-title' }, 'Recover after an outage'),
    h('p', { class: 'muted' }, 'Was your receiver down? Once it is back, retry every delivery to it that failed since a time. They are sent again once each, at a steady pace.'),
    form,
    progress,
  );
}

/** A datetime-local value of a time, in the reader's time zone. */
function localInput(epochMillis) {
  const date = new Date(epochMillis);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
