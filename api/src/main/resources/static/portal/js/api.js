// The REST API, called exactly as any client calls it: the session token as a bearer token, JSON
// in and out, and problem+json (RFC 9457) turned into an ApiError the page can show.

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get title() {
    return this.problem.title || 'Something went wrong';
  }

  get detail() {
    return this.problem.detail || '';
  }

  /** The validation errors, [{field, message}], of a 400. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/**
 * @param tokenOf returns the session token, or null
 * @param onSessionEnded called when the API answers 401 to a request that carried a token
 */
export function createApi(tokenOf, onSessionEnded) {
  async function request(method, path, body, { raw = false } = {}) {
    const headers = { Accept: 'application/json, application/problem+json' };
    const token = tokenOf();
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (networkFailure) {
      throw new ApiError(0, {
        title: 'Service unreachable',
        detail: 'The webhooks service could not be reached. Check your connection and try again.',
      });
    }
    const text = await response.text();
    if (!response.ok) {
      let problem;
      try {
        problem = JSON.parse(text);
      } catch (notJson) {
        problem = { title: 'Request failed', detail: `The service answered HTTP ${response.status}.` };
      }
      if (response.status === 401 && token) {
        onSessionEnded();
      }
      throw new ApiError(response.status, problem, response.headers.get('Retry-After'));
    }
    if (raw) {
      return text;
    }
    return text ? JSON.parse(text) : null;
  }

  return {
    get: (path, options) => request('GET', path, undefined, options),
    post: (path, body) => request('POST', path, body),
    patch: (path, body) => request('PATCH', path, body),
    delete: (path) => request('DELETE', path),
  };
}

/** A path segment from an id, whatever was typed into the address bar. */
export function segment(id) {
  return encodeURIComponent(id);
}
