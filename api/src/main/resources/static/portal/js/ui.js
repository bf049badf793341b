// Small pieces every view uses: status pills, buttons, problems next to their control, dialogs,
// copying, and short notices.

import { h, icon, replace, uid } from './dom.js';

const STATUSES = {
  success: { label: 'Succeeded', icon: 'check' },
  failed: { label: 'Failed', icon: 'x' },
  retrying: { label: 'Retrying', icon: 'retry' },
  pending: { label: 'Pending', icon: 'clock' },
  cancelled: { label: 'Cancelled', icon: 'ban' },
  held: { label: 'Held', icon: 'pause' },
};

/** What a delivery is doing: "retrying" is a pending delivery whose last attempt failed. */
export function deliveryState(delivery) {
  if (delivery.status === 'pending' && delivery.attempts > 0) {
    return 'retrying';
  }
  return STATUSES[delivery.status] ? delivery.status : 'pending';
}

export function statusPill(state) {
  const status = STATUSES[state] || { label: state, icon: 'clock' };
  return h('span', { class: `pill pill-${state}` }, icon(status.icon), status.label);
}

export function activePill(endpoint) {
  if (endpoint.isActive) {
    return h('span', { class: 'pill pill-active' }, icon('check'), 'Active');
  }
  const reasons = { gone: 'Disabled: receiver answered 410', failing: 'Disabled: kept failing' };
  return h(
    'span',
    { class: 'pill pill-disabled' },
    icon('pause'),
    reasons[endpoint.disabledReason] || 'Disabled',
  );
}

export function button(label, { kind = 'secondary', iconName, small = false, ...attributes } = {}) {
  const classes = ['btn', `btn-${kind}`];
  if (small) {
    classes.push('btn-small');
  }
  return h(
    'button',
    { type: 'button', class: classes.join(' '), ...attributes },
    iconName ? icon(iconName) : null,
    h('span', {}, label),
  );
}

/** Runs an action with its button busy, so it cannot be sent twice by accident. */
export async function busy(control, action) {
  control.disabled = true;
  control.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    control.disabled = false;
    control.removeAttribute('aria-busy');
  }
}

/** A place for a problem next to a control; empty and hidden until one happens. */
export function problemSlot() {
  return h('div', { class: 'problem', role: 'alert', hidden: true });
}

export function showProblem(slot, error) {
  replace(slot, 
    icon('alert'),
    h(
      'div',
      {},
      h('strong', {}, error.title || 'Something went wrong'),
      error.detail ? h('span', {}, ` ${error.detail}`) : null,
    ),
  );
  slot.hidden = false;
}

export function clearProblem(slot) {
  slot.replaceChildren();
  slot.hidden = true;
}

/**
 * A labelled form field with a slot for its own errors. {@code name} is the field as the API names
 * it in {@code errors[].field}.
 */
export function field({ label, name, control, hint }) {
  const id = control.id || uid(name);
  control.id = id;
  control.setAttribute('name', name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  return h(
    'div',
    { class: 'field', 'data-field': name },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    control,
    h('p', { class: 'field-error', id: errorId, hidden: true }),
  );
}

/**
 * Puts each field error of a validation problem under its field ("events[0]" under "events"), and
 * anything left over in the form's own slot.
 */
export function showFormProblem(form, slot, error) {
  clearFormProblem(form, slot);
  const unplaced = [];
  for (const fieldError of error.fieldErrors) {
    const name = String(fieldError.field || '').replace(/[[.].*$/, '');
    const container = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (!container) {
      unplaced.push(fieldError);
      continue;
    }
    const message = container.querySelector('.field-error');
    message.textContent = message.textContent
      ? `${message.textContent} ${fieldError.message}`
      : capitalise(fieldError.message);
    message.hidden = false;
    container.classList.add('has-error');
    const control = container.querySelector('input, select, textarea');
    if (control) {
      control.setAttribute('aria-invalid', 'true');
    }
  }
  if (error.fieldErrors.length === 0 || unplaced.length > 0) {
    const detail = unplaced.length > 0
      ? unplaced.map((e) => `${e.field} ${e.message}`).join('; ')
      : error.detail;
    showProblem(slot, { title: error.title, detail });
  }
  const firstInvalid = form.querySelector('[aria-invalid="true"]');
  if (firstInvalid) {
    firstInvalid.focus();
  }
}

export function clearFormProblem(form, slot) {
  clearProblem(slot);
  for (const container of form.querySelectorAll('.has-error')) {
    container.classList.remove('has-error');
  }
  for (const message of form.querySelectorAll('.field-error')) {
    message.textContent = '';
    message.hidden = true;
  }
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
  }
}

function capitalise(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** A short notice in the live region, gone after a few seconds. */
export function toast(message, kind = 'info') {
  const region = document.getElementById('toasts');
  const note = h('div', { class: `toast toast-${kind}`, 'data-shown-at': String(Date.now()) }, message);
  region.append(note);
  setTimeout(() => note.remove(), 6000);
}

/** Notices about the view being left go with it; one that led to the next view stays. */
export function dropStaleToasts() {
  for (const note of document.querySelectorAll('#toasts .toast')) {
    if (Date.now() - Number(note.dataset.shownAt) > 1500) {
      note.remove();
    }
  }
}

/**
 * Copies text. Inside a cross-site iframe the Clipboard API needs the frame's
 * allow="clipboard-write"; without it, the text is selected and copied the old way.
 */
export async function copyText(text, selectable) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (notAllowed) {
    if (selectable) {
      const range = document.createRange();
      range.selectNodeContents(selectable);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      try {
        return document.execCommand('copy');
      } catch (unsupported) {
        return false;
      }
    }
    return false;
  }
}

export function copyButton(textOf, selectable, label = 'Copy') {
  const control = button(label, { iconName: 'copy', small: true });
  control.classList.add('copy');
  control.addEventListener('click', async () => {
    const copied = await copyText(textOf(), selectable);
    control.querySelector('span').textContent = copied ? 'Copied' : 'Selected: press Ctrl+C';
    setTimeout(() => {
      control.querySelector('span').textContent = label;
    }, 2500);
  });
  return control;
}

/**
 * A modal dialog; resolves with the value its content closes it with, or null when dismissed
 * (Escape or Cancel). Focus returns to what had it.
 */
export function openDialog(title, build) {
  const opener = document.activeElement;
  const titleId = uid('dialog-title');
  const body = h('div', { class: 'dialog-body' });
  const dialog = h(
    'dialog',
    { class: 'dialog', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, title),
    body,
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    let result = null;
    const close = (value) => {
      result = value;
      dialog.close();
    };
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && opener.isConnected) {
        opener.focus();
      }
      resolve(result);
    });
    build(body, close);
    dialog.showModal();
  });
}

/** Yes or no, with the consequence spelled out. */
export function confirmDialog({ title, message, confirmLabel, danger = false }) {
  return openDialog(title, (body, close) => {
    const confirm = button(confirmLabel, { kind: danger ? 'danger' : 'primary' });
    confirm.addEventListener('click', () => close(true));
    const cancel = button('Cancel');
    cancel.addEventListener('click', () => close(false));
    body.append(
      h('p', {}, message),
      h('div', { class: 'dialog-actions' }, cancel, confirm),
    );
    setTimeout(() => cancel.focus());
  });
}

/** The one time a secret is shown: copy it now, it never appears again. */
export function secretReveal(secret, note) {
  const value = h('code', { class: 'secret-value', id: uid('secret') }, secret);
  return h(
    'div',
    { class: 'secret-box' },
    h(
      'p',
      { class: 'secret-warning' },
      icon('lock'),
      h('span', {}, 'Copy this signing secret now. It is shown only this once: ',
        'the page cannot show it again (you can rotate it for a new one).'),
    ),
    h('div', { class: 'secret-row' }, value, copyButton(() => secret, value)),
    note ? h('p', { class: 'hint' }, note) : null,
  );
}
