// One endpoint: what it is, what can be done to it, its live delivery log, recovery after an
// outage, and the code to verify its signatures.

import { segment } from '../api.js';
import { h, icon, replace } from '../dom.js';
import { timeElement } from '../format.js';
import {
  activePill,
  busy,
  button,
  clearProblem,
  confirmDialog,
  copyButton,
  openDialog,
  problemSlot,
  secretReveal,
  showProblem,
  toast,
} from '../ui.js';
import { mountDeliveryLog } from './deliveryLog.js';
import { mountRecovery } from './recovery.js';
import { mountSnippets } from './snippetTabs.js';

export async function renderEndpoint(app, endpointId) {
  let endpoint;
  try {
    endpoint = await app.api.get(`/api/webhooks/${segment(endpointId)}`);
  } catch (failure) {
    if (failure.status === 404) {
      replace(app.main, 
        h('h1', {}, 'Endpoint not found'),
        h('p', {}, 'No endpoint of yours has this id. It may have been deleted.'),
        h('p', {}, h('a', { href: '#/' }, 'Back to your endpoints')),
      );
      return;
    }
    throw failure;
  }
  const summary = h('div', { class: 'endpoint-summary' });
  const actionsProblem = problemSlot();
  const log = mountDeliveryLog(app, endpoint);
  const header = h(
    'header',
    { class: 'endpoint-header' },
    h('a', { class: 'back', href: '#/' }, icon('arrowLeft'), 'All endpoints'),
    summary,
    app.readOnly ? null : h('div', { class: 'actions', role: 'group', 'aria-label': 'Endpoint actions', id: 'endpoint-actions' }),
    actionsProblem,
  );
  const render = () => {
    replace(summary, 
      h('h1', { class: 'endpoint-title' }, endpoint.url),
      endpoint.description ? h('p', { class: 'lede' }, endpoint.description) : null,
      h(
        'dl',
        { class: 'facts' },
        h('div', {}, h('dt', {}, 'Status'), h('dd', { id: 'endpoint-status' }, activePill(endpoint))),
        h('div', {}, h('dt', {}, 'Events'), h('dd', {}, h('ul', { class: 'chips' }, endpoint.events.map((type) => h('li', { class: 'chip' }, type))))),
        h('div', {}, h('dt', {}, 'Endpoint id'), h('dd', { class: 'id-row' }, h('code', { id: 'endpoint-id' }, endpoint.id), copyButton(() => endpoint.id, null, 'Copy id'))),
        h('div', {}, h('dt', {}, 'Created'), h('dd', {}, timeElement(endpoint.createdAt))),
      ),
    );
    if (!app.readOnly) {
      replace(header.querySelector('.actions'), ...actionButtons(app, endpoint, actionsProblem, log, (changed) => {
        endpoint = changed;
        render();
      }));
    }
  };
  render();
  replace(app.main, 
    header,
    log.element,
    app.readOnly ? null : mountRecovery(app, endpoint),
    mountSnippets(endpoint),
  );
}

function actionButtons(app, endpoint, slot, log, changed) {
  const path = `/api/webhooks/${segment(endpoint.id)}`;
  const guarded = (control, action) => control.addEventListener('click', () => busy(control, async () => {
    clearProblem(slot);
    try {
      await action();
    } catch (failure) {
      if (failure.status !== 401) {
        showProblem(slot, failure);
      }
    }
  }));

  const test = button('Send test event', { kind: 'primary', iconName: 'send', id: 'send-test' });
  guarded(test, async () => {
    const { deliveryId } = await app.api.post(`${path}/test`);
    toast('Test event sent. It appears in the log below.', 'success');
    log.refreshSoon(deliveryId);
  });

  const edit = h('a', { class: 'btn btn-secondary', href: `#/endpoints/${segment(endpoint.id)}/edit`, id: 'edit-endpoint' }, icon('edit'), h('span', {}, 'Edit'));

  const toggle = button(endpoint.isActive ? 'Disable' : 'Enable', { iconName: 'power', id: 'toggle-endpoint' });
  guarded(toggle, async () => {
    if (endpoint.isActive) {
      const sure = await confirmDialog({
        title: 'Disable this endpoint?',
        message: 'It receives no new deliveries while disabled, and its pending retries are cancelled. You can enable it again at any time.',
        confirmLabel: 'Disable endpoint',
      });
      if (!sure) {
        return;
      }
    }
    const updated = await app.api.patch(path, { isActive: !endpoint.isActive });
    changed(updated);
    toast(updated.isActive ? 'Endpoint enabled.' : 'Endpoint disabled.', 'success');
  });

  const rotate = button('Rotate secret', { iconName: 'key', id: 'rotate-secret' });
  guarded(rotate, () => rotateSecret(app, endpoint));

  const remove = button('Delete', { kind: 'danger-outline', iconName: 'trash', id: 'delete-endpoint' });
  guarded(remove, async () => {
    const sure = await confirmDialog({
      title: 'Delete this endpoint?',
      message: `Deliveries to ${endpoint.url} stop at once, pending retries included, and its delivery log is deleted with it. This cannot be undone.`,
      confirmLabel: 'Delete endpoint',
      danger: true,
    });
    if (!sure) {
      return;
    }
    await app.api.delete(path);
    toast('Endpoint deleted.', 'success');
    app.navigate('#/');
  });
  return [test, edit, toggle, rotate, remove];
}

const GRACE_CHOICES = [
  { seconds: 0, label: 'None: the current secret stops signing now (if it leaked)' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86400, label: '24 hours (recommended)' },
  { seconds: 604800, label: '7 days' },
];

/** Asks for a grace period, rotates, and shows the new secret once. */
function rotateSecret(app, endpoint) {
  return openDialog('Rotate the signing secret', (body, close) => {
    const slot = problemSlot();
    const grace = h(
      'select',
      { id: 'grace-seconds', name: 'graceSeconds' },
      GRACE_CHOICES.map((choice) => h('option', { value: String(choice.seconds), selected: choice.seconds === 86400 }, choice.label)),
    );
    const rotateNow = h('button', { type: 'submit', class: 'btn btn-primary', id: 'confirm-rotate' }, 'Rotate secret');
    const cancel = button('Cancel');
    cancel.addEventListener('click', () => close(null));
    const form = h(
      'form',
      { class: 'form', method: 'dialog' },
      h('p', {}, 'A new secret signs every delivery from now on. During the grace period the current secret signs them too, so your receivers can switch without missing one.'),
      h('div', { class: 'field', 'data-field': 'graceSeconds' }, h('label', { for: 'grace-seconds' }, 'Keep the current secret signing for'), grace),
      slot,
      h('div', { class: 'dialog-actions' }, cancel, rotateNow),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      busy(rotateNow, async () => {
        try {
          const rotated = await app.api.post(`/api/webhooks/${segment(endpoint.id)}/rotate-secret`, {
            graceSeconds: Number(grace.value),
          });
          const finished = button('I have stored the secret', { kind: 'primary', id: 'rotated-secret-stored' });
          finished.addEventListener('click', () => close(true));
          replace(body, 
            secretReveal(
              rotated.secret,
              rotated.previousSecretExpiresAt
                ? `The previous secret keeps signing until ${new Date(rotated.previousSecretExpiresAt).toLocaleString()}.`
                : 'The previous secret no longer signs anything.',
            ),
            h('div', { class: 'dialog-actions' }, finished),
          );
          finished.focus();
        } catch (failure) {
          if (failure.status !== 401) {
            showProblem(slot, failure);
          }
        }
      });
    });
    body.append(form);
  });
}
