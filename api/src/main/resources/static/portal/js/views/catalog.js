// The events an endpoint can receive, each with an example body exactly as a receiver gets it.

import { h, replace } from '../dom.js';
import { jsonBlock } from '../format.js';
import { examplePayload } from '../examples.js';

export async function renderCatalog(app) {
  const { items } = await app.api.get('/api/event-types');
  replace(app.main, 
    h('h1', {}, 'Event catalog'),
    h('p', { class: 'lede' }, 'Each delivery is a JSON body with the event id, its type, when it happened and its data.'),
    h(
      'ul',
      { class: 'catalog', id: 'catalog' },
      items.map((type) => {
        const titleId = `event-${type.type.replace(/[^a-z0-9]/gi, '-')}`;
        return h(
          'li',
          { class: 'card event-type', 'data-type': type.type },
          h('h2', { id: titleId }, h('code', {}, type.type)),
          h('p', {}, type.description),
          h('details', { open: true }, h('summary', {}, 'Example body'), jsonBlock(examplePayload(type.type), { 'aria-labelledby': titleId })),
        );
      }),
    ),
  );
}
