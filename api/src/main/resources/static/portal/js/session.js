// The page's session: the magic link's code is read from the fragment, removed from the address at
// once, and exchanged for a session token that lives in sessionStorage only (no cookie), so the
// page works inside a third-party iframe and the token dies with the tab.

import { ApiError } from './api.js';

const STORAGE_KEY = 'devcard-webhooks.portal-session';

/** The code of a magic link (#code=...), removed from the address bar and history entry. */
export function takeCodeFromLocation() {
  const match = /^#code=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (!match) {
    return null;
  }
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return match[1];
}

export async function exchange(code) {
  let response;
  try {
    response = await fetch('/api/portal-sessions/exchange', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ code }),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (networkFailure) {
    throw new ApiError(0, {
      title: 'Service unreachable',
      detail: 'The webhooks service could not be reached. Check your connection and try again.',
    });
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  const session = {
    token: body.token,
    userId: body.userId,
    readOnly: body.readOnly === true,
    expiresAt: body.expiresAt,
  };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  return session;
}

/** The stored session, unless there is none or it has expired. */
export function storedSession() {
  let session;
  try {
    session = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
  } catch (corrupt) {
    session = null;
  }
  if (!session || !session.token || Date.parse(session.expiresAt) <= Date.now()) {
    forget();
    return null;
  }
  return session;
}

export function forget() {
  sessionStorage.removeItem(STORAGE_KEY);
}
