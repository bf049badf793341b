package com.devcard.webhooks.app.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.store.secret.SecretCipher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RotateMasterKeyCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String keyset) {
    return RotateMasterKeyCommand.run(
        keyset,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void printsOnlyTheKeysetWithANewPrimaryThatStillOpensOldCiphertexts() {
    String current = SecretCipher.newKeysetJson();
    SecretCipher before = SecretCipher.fromKeysetJson(current);
    byte[] stored = before.encrypt("whsec_c2VjcmV0", "ep_1");

    int exitCode = run(current);

    String printed = out.toString(StandardCharsets.UTF_8).strip();
    SecretCipher after = SecretCipher.fromKeysetJson(printed);
    assertThat(exitCode).isZero();
    assertThat(printed).startsWith("{").endsWith("}").doesNotContain("\n");
    assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
    assertThat(after.decrypt(stored, "ep_1")).isEqualTo("whsec_c2VjcmV0");
    assertThat(after.isUnderPrimaryKey(stored)).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(String.valueOf(after.primaryKeyId()))
        .contains("--re-encrypt-secrets");
  }

  @Test
  void withoutAKeysetItExplainsWhereToFindOne() {
    assertThat(run(" ")).isEqualTo(1);
    assertThat(out.size()).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("WEBHOOKS_MASTER_KEY is not set");
  }

  @Test
  void anUnreadableKeysetIsRefusedWithoutBeingEchoed() {
    String broken = "{\"primaryKeyId\": 1, \"key\": [\"GiBff/NZOiceqU6Ew\"]}";

    assertThat(run(broken)).isEqualTo(1);
    assertThat(out.size()).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("not a valid Tink JSON keyset")
        .doesNotContain("GiBff/NZOiceqU6Ew");
  }
}
