package com.devcard.webhooks.api.secret;

import com.devcard.webhooks.store.secret.ReEncryptionReport;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The answer of a re-encryption run: counts only, never a secret. {@code complete} is true when
 * every stored ciphertext is now under the primary key, so older keys can be removed from the
 * keyset.
 */
@Schema(description = "What a re-encryption run did: counts only, never a secret.")
record ReEncryptionView(
    @Schema(description = "The id of the keyset's primary key.", example = "1956274553")
        long primaryKeyId,
    @Schema(description = "Endpoint rows read, deleted ones included.", example = "1200")
        long endpoints,
    @Schema(
            description = "Secrets (current and previous) re-encrypted under the primary key.",
            example = "1210")
        long reEncrypted,
    @Schema(description = "Secrets already under the primary key.", example = "0")
        long alreadyCurrent,
    @Schema(
            description =
                "Rows changed by a rotation while being re-encrypted; the rotation wins and the"
                    + " row is read again.",
            example = "0")
        long concurrentChanges,
    @Schema(description = "Secrets that no key of the keyset opens.", example = "0")
        long undecryptable,
    @Schema(
            description = "The endpoints whose secrets no key opens (the first hundred).",
            example = "[]")
        List<String> undecryptableEndpointIds,
    @Schema(
            description =
                "true when every stored secret is now under the primary key, so older keys can"
                    + " be removed.",
            example = "true")
        boolean complete) {

  static ReEncryptionView of(ReEncryptionReport report) {
    return new ReEncryptionView(
        report.primaryKeyId(),
        report.endpoints(),
        report.reEncrypted(),
        report.alreadyCurrent(),
        report.concurrentChanges(),
        report.undecryptable(),
        report.undecryptableEndpointIds(),
        report.complete());
  }
}
