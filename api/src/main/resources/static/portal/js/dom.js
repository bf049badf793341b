// Builds DOM nodes from data without ever parsing markup: every value lands as text or as an
// attribute, so nothing a receiver or a payload contains can become script.

/** An element with attributes, event handlers (onClick...) and children (nodes or text). */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'value' && 'value' in element) {
      element.value = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  appendAll(element, children);
  return element;
}

export function appendAll(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

const SVG = 'http://www.w3.org/2000/svg';
const ICONS = {
  check: 'M4 10.5l4 4 8-9',
  x: 'M5 5l10 10M15 5L5 15',
  clock: 'M10 3a7 7 0 1 0 0 14 7 7 0 0 0 0-14zm0 3v4l3 2',
  retry: 'M4 10a6 6 0 0 1 10.5-4M16 4v3h-3M16 10a6 6 0 0 1-10.5 4M4 16v-3h3',
  ban: 'M10 3a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM5 5l10 10',
  pause: 'M7 5v10M13 5v10',
  copy: 'M7 7V4h9v9h-3M4 7h9v9H4z',
  arrowLeft: 'M12 4l-6 6 6 6',
  plus: 'M10 4v12M4 10h12',
  send: 'M3 10l14-6-6 14-2-6z',
  key: 'M13 3.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7zM10.5 9.5L3.5 16.5M6 14l2 2M8 12l1.5 1.5',
  trash: 'M4 6h12M8 6V4h4v2M6 6l1 11h6l1-11',
  edit: 'M4 16l1-4 8-8 3 3-8 8z',
  power: 'M10 3v7M6 5.5a6 6 0 1 0 8 0',
  alert: 'M10 3l8 14H2zM10 8v4M10 14.5v.5',
  lock: 'M5 9h10v8H5zM7 9V6a3 3 0 0 1 6 0v3',
  live: 'M10 6.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z',
};

/** A decorative icon: hidden from assistive technology, the text next to it carries the meaning. */
export function icon(name) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', ICONS[name] || ICONS.alert);
  svg.append(path);
  return svg;
}

let uniqueCounter = 0;

/** An id unique on the page, for label and description links. */
export function uid(prefix) {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}

/** Replaces an element's children; null, undefined and false children are left out. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return appendAll(parent, children);
}
