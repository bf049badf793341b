package com.devcard.webhooks.app.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of the receiver guide's "Verifying deliveries" section are exact copies of the
 * code the integration tests run against real deliveries ({@link DevCardSignatures}, {@link
 * StandardWebhooksReceiver}), so the guide cannot drift from working code. The guide is read from
 * the repository ({@code ../docs/receiving-webhooks.md} from this module), or from {@code
 * -Dguide.file=...}.
 */
class ReceiverGuideTest {

  static final String GUIDE = "../docs/receiving-webhooks.md";
  static final String SECTION = "## Verifying deliveries";
  private static final Path SOURCES = Path.of("src/test/java/com/devcard/webhooks/app/guide");

  @Test
  void theGithubStyleJavaSnippetIsTheTestedCode() throws IOException {
    assertThat(javaBlocksOfTheGuide()).first().isEqualTo(markedCode("DevCardSignatures.java"));
  }

  @Test
  void theStandardWebhooksJavaSnippetIsTheTestedCode() throws IOException {
    assertThat(javaBlocksOfTheGuide())
        .element(1)
        .isEqualTo(markedCode("StandardWebhooksReceiver.java"));
  }

  /** The code between {@code // guide:start} and {@code // guide:end}. */
  static String markedCode(String fileName) throws IOException {
    List<String> lines = Files.readAllLines(SOURCES.resolve(fileName));
    int start = lines.indexOf("// guide:start");
    int end = lines.indexOf("// guide:end");
    assertThat(start).as("guide markers in %s", fileName).isNotNegative().isLessThan(end);
    return normalized(lines.subList(start + 1, end));
  }

  /** The {@code ```java} blocks of the section, in order. */
  static List<String> javaBlocksOfTheGuide() throws IOException {
    Path guide = Path.of(System.getProperty("guide.file", GUIDE));
    List<String> lines = Files.readAllLines(guide);
    int from = lines.indexOf(SECTION);
    assertThat(from).as("the heading '%s' in %s", SECTION, guide).isNotNegative();
    List<String> blocks = new ArrayList<>();
    List<String> block = null;
    for (String line : lines.subList(from + 1, lines.size())) {
      if (block == null && line.startsWith("## ")) {
        break;
      }
      if (block == null && line.equals("```java")) {
        block = new ArrayList<>();
      } else if (block != null && line.equals("```")) {
        blocks.add(normalized(block));
        block = null;
      } else if (block != null) {
        block.add(line);
      }
    }
    return blocks;
  }

  private static String normalized(List<String> lines) {
    return String.join("\n", lines.stream().map(String::stripTrailing).toList()).strip();
  }
}
