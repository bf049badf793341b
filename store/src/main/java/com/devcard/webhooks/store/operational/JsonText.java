package com.devcard.webhooks.store.operational;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the small JSON objects of the service's own events (string, null and object values only),
 * in the order given. The store has no JSON library; these bodies need none.
 */
public final class JsonText {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Map<String, Object> fields = new LinkedHashMap<>();

  public JsonText put(String name, String value) {
    fields.put(name, value);
    return this;
  }

  public JsonText put(String name, Instant value) {
    fields.put(name, value == null ? null : TIME.format(value));
    return this;
  }

  /** A nested object, written as is. */
  public JsonText put(String name, JsonText value) {
    fields.put(name, value);
    return this;
  }

  @Override
  public String toString() {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      quote(field.getKey(), json);
      json.append(':');
      Object value = field.getValue();
      if (value == null) {
        json.append("null");
      } else if (value instanceof JsonText nested) {
        json.append(nested);
      } else {
        quote((String) value, json);
      }
    }
    return json.append('}').toString();
  }

  /** A JSON string (RFC 8259): quotes, backslashes and control characters escaped. */
  static void quote(String text, StringBuilder json) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
