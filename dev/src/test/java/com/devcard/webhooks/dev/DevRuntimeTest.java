package com.devcard.webhooks.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.WebhooksApplication;
import com.devcard.webhooks.testkit.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The README's run command, started as it starts: its servers listen on loopback only, and it signs
 * dev tokens only with the secret it made itself, never with one the operator supplied.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevRuntimeTest {

  @TempDir Path dataDirectory;

  @Test
  void itsServersListenOnLoopbackOnlyAndItPrintsTokensSignedWithItsOwnSecret(CapturedOutput output)
      throws Exception {
    int postgresPort = FreePorts.next();
    int temporalPort = FreePorts.next();
    try (ConfigurableApplicationContext app =
        start(
            "--webhooks.dev.postgres-port=" + postgresPort,
            "--webhooks.dev.temporal-port=" + temporalPort)) {
      Environment environment = app.getEnvironment();
      assertThat(environment.getProperty("spring.datasource.url"))
          .startsWith("jdbc:postgresql://127.0.0.1:" + postgresPort + "/");
      assertThat(environment.getProperty("temporal.address"))
          .isEqualTo("127.0.0.1:" + temporalPort);
      assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");

      assertThat(accepts(InetAddress.getLoopbackAddress(), postgresPort)).isTrue();
      assertThat(accepts(InetAddress.getLoopbackAddress(), temporalPort)).isTrue();
      Optional<InetAddress> outward = nonLoopbackAddress();
      if (outward.isPresent()) {
        assertThat(accepts(outward.get(), postgresPort)).isFalse();
        assertThat(accepts(outward.get(), temporalPort)).isFalse();
      }
      assertThat(dataDirectory.resolve("tokens.env")).exists();
      assertThat(Files.readString(dataDirectory.resolve("tokens.env"))).contains("ADMIN_TOKEN=");
      assertThat(output.getOut())
          .containsPattern("http://localhost:[0-9]+/portal#code=wpc_[A-Za-z0-9_-]{43}");
    }
  }

  @Test
  void withAnOperatorsTokenSecretItPrintsNoToken() {
    String operatorSecret = "an-operator-secret-that-is-long-enough-0123456789";
    try (ConfigurableApplicationContext app =
        start(
            "--webhooks.dev.postgres-port=" + FreePorts.next(),
            "--webhooks.dev.temporal-port=" + FreePorts.next(),
            "--webhooks.jwt.secret=" + operatorSecret)) {
      assertThat(app.getEnvironment().getProperty("webhooks.jwt.secret")).isEqualTo(operatorSecret);
      assertThat(dataDirectory.resolve("tokens.env")).doesNotExist();
      assertThat(dataDirectory.resolve("jwt-secret")).doesNotExist();
    }
  }

  private ConfigurableApplicationContext start(String... settings) {
    String[] arguments = new String[settings.length + 2];
    arguments[0] = "--server.port=0";
    arguments[1] = "--webhooks.dev.data-dir=" + dataDirectory;
    System.arraycopy(settings, 0, arguments, 2, settings.length);
    return SpringApplication.from(WebhooksApplication::main)
        .with(DevConfiguration.class)
        .withAdditionalProfiles(DevRuntimeEnvironmentPostProcessor.PROFILE)
        .run(arguments)
        .getApplicationContext();
  }

  private static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(networkInterface -> Collections.list(networkInterface.getInetAddresses()).stream())
        .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
        .findFirst();
  }
}
