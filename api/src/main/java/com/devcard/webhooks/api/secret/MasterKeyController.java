package com.devcard.webhooks.api.secret;

import com.devcard.webhooks.api.openapi.ApiTags;
import com.devcard.webhooks.api.openapi.ProblemResponses;
import com.devcard.webhooks.store.secret.ReEncryptionReport;
import com.devcard.webhooks.store.secret.SecretReEncryptor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/master-key/re-encrypt} (scope {@code webhooks:admin}): re-encrypts every
 * stored endpoint secret under the primary key of {@code WEBHOOKS_MASTER_KEY}, in batches, beside
 * live traffic. It answers when done; it is resumable, so a client that gave up waiting simply asks
 * again.
 */
@RestController
@Tag(name = ApiTags.OPERATORS)
class MasterKeyController {

  private static final Logger log = LoggerFactory.getLogger(MasterKeyController.class);

  private final SecretReEncryptor reEncryptor;
  private final int batchSize;

  MasterKeyController(SecretReEncryptor reEncryptor, SecretProperties properties) {
    this.reEncryptor = reEncryptor;
    this.batchSize = properties.reEncryptBatchSize();
  }

  @Operation(
      operationId = "reEncryptSecrets",
      summary = "Re-encrypt the stored secrets",
      description =
          """
          Re-encrypts every stored endpoint secret under the primary key of the master keyset, \
          in short batches, safe beside live traffic, and answers the counts when done. Secrets \
          already under the primary key are skipped, so an interrupted run is simply run again. \
          Once it answers `"complete": true`, older keys can leave the keyset.""")
  @ApiResponse(responseCode = "200", description = "What the run did.")
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
  @PostMapping("/api/admin/master-key/re-encrypt")
  ReEncryptionView reEncrypt(@AuthenticationPrincipal Jwt jwt) {
    log.info("re-encryption of endpoint secrets requested by {}", jwt.getSubject());
    ReEncryptionReport report = reEncryptor.reEncryptAll(batchSize);
    log.info(
        "re-encryption done under key {}: {} endpoints, {} re-encrypted, {} already current,"
            + " {} concurrent changes, {} undecryptable",
        report.primaryKeyId(),
        report.endpoints(),
        report.reEncrypted(),
        report.alreadyCurrent(),
        report.concurrentChanges(),
        report.undecryptable());
    return ReEncryptionView.of(report);
  }
}
