// Adding an endpoint (its secret shown once, right after) and changing one: the same fields, sent
// to the same routes as any API client, with the API's own validation shown field by field.

import { segment } from '../api.js';
import { h, icon, replace, uid } from '../dom.js';
import {
  busy,
  button,
  clearFormProblem,
  field,
  problemSlot,
  secretReveal,
  showFormProblem,
} from '../ui.js';

export async function renderEndpointForm(app, endpointId) {
  if (app.readOnly) {
    replace(app.main, 
      h('h1', {}, 'Read-only session'),
      h('p', {}, 'This session can look at your endpoints but not change them.'),
      h('p', {}, h('a', { href: '#/' }, 'Back to your endpoints')),
    );
    return;
  }
  const [catalog, endpoint] = await Promise.all([
    app.api.get('/api/event-types'),
    endpointId ? app.api.get(`/api/webhooks/${segment(endpointId)}`) : Promise.resolve(null),
  ]);
  const editing = endpoint !== null;
  const url = h('input', {
    type: 'url',
    required: true,
    maxlength: '2048',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'https://hooks.example.com/devcard',
    value: editing ? endpoint.url : '',
  });
  const description = h('input', {
    type: 'text',
    maxlength: '256',
    value: editing && endpoint.description ? endpoint.description : '',
  });
  const chosen = new Set(editing ? endpoint.events : ['card.viewed', 'contact.saved']);
  const subscribable = catalog.items.filter((type) => type.type !== 'webhook.test' || chosen.has(type.type));
  const eventsId = uid('events');
  const events = h(
    'fieldset',
    { class: 'field', 'data-field': 'events', 'aria-describedby': `${eventsId}-error` },
    h('legend', {}, 'Events to send'),
    h(
      'div',
      { class: 'checks' },
      subscribable.map((type) => {
        const id = uid('event');
        return h(
          'div',
          { class: 'check' },
          h('input', { type: 'checkbox', id, name: 'events', value: type.type, checked: chosen.has(type.type) }),
          h('label', { for: id }, h('code', {}, type.type), h('span', { class: 'muted' }, type.description)),
        );
      }),
    ),
    h('p', { class: 'field-error', id: `${eventsId}-error`, hidden: true }),
  );
  const slot = problemSlot();
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-primary', id: 'save-endpoint' },
    editing ? 'Save changes' : 'Add endpoint',
  );
  const cancelHref = editing ? `#/endpoints/${segment(endpoint.id)}` : '#/';
  const form = h(
    'form',
    { class: 'form card', novalidate: true, id: 'endpoint-form' },
    field({
      label: 'Endpoint URL',
      name: 'url',
      control: url,
      hint: 'An https URL on your server that answers 2xx within 5 seconds.',
    }),
    events,
    field({ label: 'Description (optional)', name: 'description', control: description }),
    slot,
    h('div', { class: 'form-actions' }, h('a', { class: 'btn btn-secondary', href: cancelHref }, 'Cancel'), submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormProblem(form, slot);
    const selected = [...form.querySelectorAll('input[name="events"]:checked')].map((box) => box.value);
    const body = { url: url.value.trim(), events: selected, description: description.value.trim() || null };
    await busy(submit, async () => {
      try {
        if (editing) {
          const changes = changedFields(endpoint, body);
          if (Object.keys(changes).length > 0) {
            await app.api.patch(`/api/webhooks/${segment(endpoint.id)}`, changes);
          }
          app.navigate(`#/endpoints/${segment(endpoint.id)}`);
        } else {
          const created = await app.api.post('/api/webhooks', body);
          showCreated(app, created);
        }
      } catch (failure) {
        if (failure.status !== 401) {
          showFormProblem(form, slot, failure);
        }
      }
    });
  });
  replace(app.main, 
    h('a', { class: 'back', href: cancelHref }, icon('arrowLeft'), editing ? 'Back to the endpoint' : 'All endpoints'),
    h('h1', {}, editing ? 'Edit endpoint' : 'Add an endpoint'),
    form,
  );
}

function changedFields(endpoint, body) {
  const changes = {};
  if (body.url !== endpoint.url) {
    changes.url = body.url;
  }
  if (JSON.stringify([...body.events].sort()) !== JSON.stringify([...endpoint.events].sort())) {
    changes.events = body.events;
  }
  if ((body.description || null) !== (endpoint.description || null)) {
    changes.description = body.description;
  }
  return changes;
}

/** The new endpoint's secret, once: leaving this view drops it for good. */
function showCreated(app, created) {
  const done = button('I have stored the secret', { kind: 'primary', id: 'secret-stored' });
  done.addEventListener('click', () => app.navigate(`#/endpoints/${segment(created.id)}`));
  replace(app.main, 
    h('h1', {}, 'Endpoint added'),
    h('p', { class: 'lede' }, h('span', {}, 'Deliveries to '), h('strong', { class: 'break' }, created.url), h('span', {}, ' are signed with this secret.')),
    h(
      'section',
      { class: 'card', id: 'new-secret', 'aria-label': 'Signing secret' },
      secretReveal(created.secret, 'Your receiver checks the webhook-signature header with it; see "Verify signatures" on the endpoint page.'),
      h('div', { class: 'form-actions' }, done),
    ),
  );
  app.main.querySelector('h1').setAttribute('tabindex', '-1');
  app.main.querySelector('h1').focus();
}
