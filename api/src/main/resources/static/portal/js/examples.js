// An example body per event type, as a receiver gets it: the envelope every delivery has, and the
// data DevCard's services report for that type.

const DATA = {
  'card.viewed': '{"cardId": "c_7", "viewedAt": "2026-11-28T10:15:30.123Z", "referrer": "https://github.com/"}',
  'contact.saved': '{"cardId": "c_7", "contactId": "k_311", "savedAt": "2026-11-28T10:16:02.481Z"}',
  'webhook.test': '{"message": "This is a test event from DevCard Webhooks.", "endpointId": "ep_01M8HD93AT8WMDSDVT2JVN2KN0"}',
};

/** Raw JSON of an example delivery body of {@code type}. */
export function examplePayload(type) {
  const data = DATA[type] || '{}';
  return `{"id": "evt_01M8HD93AMS4NVWSBZ7XGJ0346", "type": ${JSON.stringify(type)},`
    + ` "createdAt": "2026-11-28T10:15:30.123Z", "data": ${data}}`;
}
