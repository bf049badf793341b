package com.devcard.webhooks.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * axe-core, the accessibility rules engine, from its webjar on the test classpath (never from the
 * network). It is injected through WebDriver, which the page's Content-Security-Policy does not
 * govern, and runs on the page as it stands.
 */
final class Axe {

  private static final String WEBJAR = "META-INF/resources/webjars/axe-core/";
  private static final String POM = "META-INF/maven/org.webjars.npm/axe-core/pom.properties";
  private static final Set<String> BLOCKING = Set.of("serious", "critical");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String source;

  Axe() {
    String path = WEBJAR + webjarVersion() + "/axe.min.js";
    try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is not on the test classpath");
      }
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  private static String webjarVersion() {
    try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(POM)) {
      if (in == null) {
        throw new IllegalStateException("the axe-core webjar is not on the test classpath");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  /** Every violation of the page, as {@code "impact rule: help [targets]"}. */
  List<String> violations(Browser browser) {
    if (!Boolean.TRUE.equals(browser.script("return typeof window.axe === 'object';"))) {
      browser.script(source);
    }
    Object result =
        browser
            .driver()
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {resultTypes: ['violations']})"
                    + ".then(r => done(JSON.stringify(r.violations)))"
                    + ".catch(e => done('failed: ' + e));");
    String json = String.valueOf(result);
    assertThat(json).as("axe ran").doesNotStartWith("failed:");
    List<String> found = new ArrayList<>();
    for (JsonNode violation : JSON.readTree(json)) {
      List<String> targets = new ArrayList<>();
      for (JsonNode node : violation.get("nodes")) {
        targets.add(node.get("target").toString());
      }
      found.add(
          violation.path("impact").asString()
              + " "
              + violation.get("id").asString()
              + ": "
              + violation.get("help").asString()
              + " "
              + targets.subList(0, Math.min(targets.size(), 5)));
    }
    return found;
  }

  void assertNoSeriousViolations(Browser browser, String pageState) {
    List<String> blocking =
        violations(browser).stream()
            .filter(violation -> BLOCKING.contains(violation.substring(0, violation.indexOf(' '))))
            .toList();
    assertThat(blocking)
        .as("serious or critical accessibility violations on " + pageState)
        .isEmpty();
  }
}
