// Receiver code for this endpoint, one tab per language (the ARIA tabs pattern: arrow keys move
// between tabs).

import { h } from '../dom.js';
import { copyButton } from '../ui.js';
import { LANGUAGES, snippet } from '../snippets.js';

export function mountSnippets(endpoint) {
  const tabs = [];
  const panels = [];
  const select = (index, focus) => {
    tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
      panels[i].hidden = i !== index;
    });
    if (focus) {
      tabs[index].focus();
    }
  };
  LANGUAGES.forEach((language, index) => {
    const tab = h('button', {
      type: 'button',
      role: 'tab',
      id: `snippet-tab-${language.id}`,
      'aria-controls': `snippet-panel-${language.id}`,
    }, language.label);
    tab.addEventListener('click', () => select(index, false));
    tab.addEventListener('keydown', (event) => {
      const moves = { ArrowRight: 1, ArrowLeft: -1 };
      if (event.key in moves) {
        event.preventDefault();
        select((index + moves[event.key] + LANGUAGES.length) % LANGUAGES.length, true);
      } else if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        select(event.key === 'Home' ? 0 : LANGUAGES.length - 1, true);
      }
    });
    const code = snippet(language.id, endpoint);
    const pre = h('pre', { class: 'code', tabindex: '0', 'aria-label': `${language.label} receiver code` }, h('code', {}, code));
    const panel = h(
      'div',
      { role: 'tabpanel', id: `snippet-panel-${language.id}`, 'aria-labelledby': tab.id, class: 'snippet-panel' },
      h('div', { class: 'snippet-tools' }, copyButton(() => code, pre.firstChild, `Copy ${language.label} code`)),
      pre,
    );
    tabs.push(tab);
    panels.push(panel);
  });
  select(0, false);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'verify-title', id: 'verify' },
    h('h2', { id: 'verify-title' }, 'Verify signatures'),
    h(
      'p',
      { class: 'muted' },
      'Every delivery carries Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature). ',
      'Check them with the official library before trusting a request. Keep the secret in your server\'s ',
      'environment, never in code. While a rotation is under way, try the new secret, then the previous one.',
    ),
    h('div', { role: 'tablist', 'aria-label': 'Language', class: 'tabs' }, tabs),
    panels,
  );
}
