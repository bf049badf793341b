// Times, durations and JSON as the page shows them.

import { h } from './dom.js';

const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function formatTime(iso) {
  return iso ? DATE_TIME.format(new Date(iso)) : '—';
}

/** "just now", "5 min ago", "in 25 s" */
export function relativeTime(iso, now = Date.now()) {
  if (!iso) {
    return '';
  }
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const past = seconds <= 0;
  const value = Math.abs(seconds);
  let text;
  if (value < 5) {
    return past ? 'just now' : 'in a moment';
  } else if (value < 60) {
    text = `${value} s`;
  } else if (value < 3600) {
    text = `${Math.round(value / 60)} min`;
  } else if (value < 86400 * 2) {
    text = `${Math.round(value / 3600)} h`;
  } else {
    text = `${Math.round(value / 86400)} days`;
  }
  return past ? `${text} ago` : `in ${text}`;
}

/** A <time> with the local date and time, and how long ago. */
export function timeElement(iso, { relative = true } = {}) {
  if (!iso) {
    return h('span', { class: 'muted' }, '—');
  }
  const text = relative ? `${formatTime(iso)} (${relativeTime(iso)})` : formatTime(iso);
  return h('time', { datetime: iso }, text);
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

/**
 * Splits raw JSON text into tokens without parsing values, so that pretty-printing changes only
 * whitespace: numbers, escapes and key order stay exactly as the receiver got them.
 */
export function jsonTokens(raw) {
  const tokens = [];
  let depth = 0;
  let i = 0;
  const newline = (level) => tokens.push({ kind: 'space', text: `\n${'  '.repeat(level)}` });
  const nextSignificant = (from) => {
    let j = from;
    while (j < raw.length && /\s/.test(raw[j])) {
      j += 1;
    }
    return raw[j];
  };
  let expectKey = false;
  while (i < raw.length) {
    const c = raw[i];
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < raw.length && raw[j] !== '"') {
        j += raw[j] === '\\' ? 2 : 1;
      }
      const text = raw.slice(i, j + 1);
      const isKey = expectKey && nextSignificant(j + 1) === ':';
      tokens.push({ kind: isKey ? 'key' : 'string', text });
      i = j + 1;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      if (nextSignificant(i + 1) === close) {
        tokens.push({ kind: 'punct', text: c + close });
        i = raw.indexOf(close, i + 1) + 1;
      } else {
        tokens.push({ kind: 'punct', text: c });
        depth += 1;
        newline(depth);
        expectKey = c === '{';
        i += 1;
      }
    } else if (c === '}' || c === ']') {
      depth -= 1;
      newline(depth);
      tokens.push({ kind: 'punct', text: c });
      i += 1;
    } else if (c === ',') {
      tokens.push({ kind: 'punct', text: ',' });
      newline(depth);
      expectKey = enclosingIsObject(tokens);
      i += 1;
    } else if (c === ':') {
      tokens.push({ kind: 'punct', text: ': ' });
      expectKey = false;
      i += 1;
    } else {
      let j = i;
      while (j < raw.length && !/[\s,\]}:]/.test(raw[j])) {
        j += 1;
      }
      const text = raw.slice(i, j);
      tokens.push({ kind: /^-?\d/.test(text) ? 'number' : 'literal', text });
      i = j;
    }
  }
  return tokens;
}

function enclosingIsObject(tokens) {
  let level = 0;
  for (let k = tokens.length - 1; k >= 0; k -= 1) {
    const t = tokens[k];
    if (t.kind !== 'punct') {
      continue;
    }
    if (t.text === '}' || t.text === ']') {
      level += 1;
    } else if (t.text === '{' || t.text === '[') {
      if (level === 0) {
        return t.text === '{';
      }
      level -= 1;
    }
  }
  return false;
}

/** The pretty-printed text of raw JSON. */
export function prettyJson(raw) {
  return jsonTokens(raw)
    .map((token) => token.text)
    .join('');
}

/** A <pre><code> of raw JSON, pretty-printed and coloured. */
export function jsonBlock(raw, attributes = {}) {
  const code = h('code', {});
  for (const token of jsonTokens(raw)) {
    code.append(token.kind === 'space' || token.kind === 'punct'
      ? token.text
      : h('span', { class: `json-${token.kind}` }, token.text));
  }
  return h('pre', { class: 'code json', tabindex: '0', ...attributes }, code);
}

/**
 * The raw text of a top-level member of a JSON object, as it stands in {@code text}: the page needs
 * the payload exactly as sent, which JSON.parse would not keep (big numbers, escapes).
 */
export function rawMember(text, name) {
  let i = skipSpace(text, 0);
  if (text[i] !== '{') {
    return null;
  }
  i += 1;
  while (i < text.length) {
    i = skipSpace(text, i);
    if (text[i] === '}') {
      return null;
    }
    const keyEnd = skipValue(text, i);
    const key = JSON.parse(text.slice(i, keyEnd));
    i = skipSpace(text, keyEnd);
    i = skipSpace(text, i + 1); // past ':'
    const valueEnd = skipValue(text, i);
    if (key === name) {
      return text.slice(i, valueEnd);
    }
    i = skipSpace(text, valueEnd);
    if (text[i] === ',') {
      i += 1;
    }
  }
  return null;
}

function skipSpace(text, from) {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) {
    i += 1;
  }
  return i;
}

function skipValue(text, from) {
  const c = text[from];
  if (c === '"') {
    let j = from + 1;
    while (j < text.length && text[j] !== '"') {
      j += text[j] === '\\' ? 2 : 1;
    }
    return j + 1;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    let j = from;
    while (j < text.length) {
      const d = text[j];
      if (d === '"') {
        j = skipValue(text, j);
        continue;
      }
      if (d === '{' || d === '[') {
        depth += 1;
      } else if (d === '}' || d === ']') {
        depth -= 1;
        if (depth === 0) {
          return j + 1;
        }
      }
      j += 1;
    }
    return j;
  }
  let j = from;
  while (j < text.length && !/[\s,\]}]/.test(text[j])) {
    j += 1;
  }
  return j;
}
