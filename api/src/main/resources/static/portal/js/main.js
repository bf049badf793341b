// The users' webhook page: opens the session from the magic link, then routes between views on the
// address's fragment (#/endpoints/...), which works the same inside an iframe.

import { createApi } from './api.js';
import { h, icon, replace } from './dom.js';
import { exchange, forget, storedSession, takeCodeFromLocation } from './session.js';
import { dropStaleToasts } from './ui.js';
import { renderCatalog } from './views/catalog.js';
import { renderDelivery } from './views/delivery.js';
import { renderEndpoint } from './views/endpoint.js';
import { renderEndpointForm } from './views/endpointForm.js';
import { renderEndpoints } from './views/endpoints.js';

const main = document.getElementById('main');

const ROUTES = [
  { pattern: /^\/?$/, nav: 'endpoints', render: (app) => renderEndpoints(app) },
  { pattern: /^\/endpoints\/new$/, nav: 'endpoints', render: (app) => renderEndpointForm(app, null) },
  {
    pattern: /^\/endpoints\/([^/]+)\/edit$/,
    nav: 'endpoints',
    render: (app, [id]) => renderEndpointForm(app, id),
  },
  {
    pattern: /^\/endpoints\/([^/]+)\/deliveries\/([^/]+)$/,
    nav: 'endpoints',
    render: (app, [id, deliveryId]) => renderDelivery(app, id, deliveryId),
  },
  { pattern: /^\/endpoints\/([^/]+)$/, nav: 'endpoints', render: (app, [id]) => renderEndpoint(app, id) },
  { pattern: /^\/events$/, nav: 'events', render: (app) => renderCatalog(app) },
];

let disposeView = () => {};
// The first view does not take focus: inside DevCard's page, that would pull the reader away.
let routedOnce = false;

/** A page in place of the app: the session could not be opened, or it has ended. */
function showGate({ title, detail, hint }) {
  disposeView();
  disposeView = () => {};
  document.getElementById('nav').hidden = true;
  document.getElementById('read-only-badge').hidden = true;
  replace(main, 
    h(
      'section',
      { class: 'gate', 'aria-labelledby': 'gate-title' },
      h('div', { class: 'gate-icon' }, icon('lock')),
      h('h1', { id: 'gate-title', tabindex: '-1' }, title),
      h('p', { class: 'gate-detail' }, detail),
      hint ? h('p', { class: 'hint' }, hint) : null,
    ),
  );
  document.title = `${title} · Webhooks · DevCard`;
  main.querySelector('h1').focus();
}

const NEW_LINK_HINT = 'Open the webhooks page again from your DevCard settings to get a new link.';

function sessionEnded() {
  forget();
  showGate({
    title: 'Your session has ended',
    detail: 'For your security, this page stays open only for a limited time, and your session was ended or has expired.',
    hint: NEW_LINK_HINT,
  });
}

function parseLocation() {
  const hash = window.location.hash.replace(/^#/, '');
  const [path, query = ''] = hash.split('?');
  return { path: path || '/', query: new URLSearchParams(query) };
}

async function route(app) {
  disposeView();
  disposeView = () => {};
  dropStaleToasts();
  const { path, query } = parseLocation();
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
  document.getElementById('nav-endpoints').toggleAttribute('aria-current', false);
  document.getElementById('nav-events').toggleAttribute('aria-current', false);
  if (!match) {
    replace(main, 
      h('h1', { tabindex: '-1' }, 'Page not found'),
      h('p', {}, h('a', { href: '#/' }, 'Back to your endpoints')),
    );
    main.querySelector('h1').focus();
    return;
  }
  document.getElementById(`nav-${match.r.nav}`).setAttribute('aria-current', 'page');
  const params = match.m.slice(1).map(decodeURIComponent);
  replace(main, h('p', { class: 'loading' }, 'Loading…'));
  const view = { query, disposers: [] };
  disposeView = () => view.disposers.forEach((dispose) => dispose());
  try {
    await match.r.render({ ...app, view, main }, params);
  } catch (failure) {
    if (failure && failure.status === 401) {
      return;
    }
    replace(main, 
      h('h1', { tabindex: '-1' }, failure.title || 'Something went wrong'),
      h('p', {}, failure.detail || String(failure.message || failure)),
      h('p', {}, h('a', { href: '#/' }, 'Back to your endpoints')),
    );
  }
  const heading = main.querySelector('h1');
  const first = !routedOnce;
  routedOnce = true;
  if (heading && !first && !main.contains(document.activeElement)) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

async function start() {
  // A new magic link opened in this tab changes only the fragment: start over with its code.
  window.addEventListener('hashchange', () => {
    if (window.location.hash.startsWith('#code=')) {
      window.location.reload();
    }
  });
  const code = takeCodeFromLocation();
  let session;
  if (code) {
    try {
      session = await exchange(code);
    } catch (refused) {
      showGate({
        title: refused.title || 'This link cannot be opened',
        detail: refused.detail || 'The link could not be exchanged for a session.',
        hint: NEW_LINK_HINT,
      });
      return;
    }
  } else {
    session = storedSession();
  }
  if (!session) {
    showGate({
      title: 'Open this page from DevCard',
      detail: 'This page shows your webhook endpoints once DevCard has opened it for you with a sign-in link.',
      hint: NEW_LINK_HINT,
    });
    return;
  }
  const api = createApi(() => session.token, sessionEnded);
  const app = { api, session, readOnly: session.readOnly, navigate: (hash) => { window.location.hash = hash; } };
  document.getElementById('nav').hidden = false;
  document.getElementById('read-only-badge').hidden = !session.readOnly;
  document.body.classList.toggle('read-only', session.readOnly);
  window.addEventListener('hashchange', () => {
    if (!window.location.hash.startsWith('#code=')) {
      route(app);
    }
  });
  const expiry = Date.parse(session.expiresAt) - Date.now();
  if (expiry < 2 ** 31) {
    setTimeout(sessionEnded, Math.max(0, expiry));
  }
  await route(app);
}

start();
