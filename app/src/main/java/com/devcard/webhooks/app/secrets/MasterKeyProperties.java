package com.devcard.webhooks.app.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code WEBHOOKS_MASTER_KEY}: the Tink JSON keyset that encrypts endpoint secrets. Required. */
@ConfigurationProperties(prefix = "webhooks")
record MasterKeyProperties(String masterKey) {

  /** The keyset is secret: whatever prints this record, it shows only whether one is set. */
  @Override
  public String toString() {
    return "MasterKeyProperties[masterKey=" + (masterKey == null ? "unset" : "(set)") + "]";
  }
}
