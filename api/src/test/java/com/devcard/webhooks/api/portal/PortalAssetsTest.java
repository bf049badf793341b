package com.devcard.webhooks.api.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The page's files keep to what its Content-Security-Policy allows, and build the page from data
 * without ever parsing it as markup: a mistake here would otherwise show only as a blocked script
 * in a browser console, or as a receiver's response body run as script.
 */
class PortalAssetsTest {

  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>");
  private static final Pattern EVENT_ATTRIBUTE = Pattern.compile("\\son[a-z]+\\s*=");

  private static List<Path> files(String extension) throws IOException, URISyntaxException {
    Path root =
        Path.of(PortalAssetsTest.class.getResource("/static/portal/index.html").toURI())
            .getParent();
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(path -> path.toString().endsWith(extension)).toList();
    }
  }

  @Test
  void theHtmlHasNoInlineScriptStyleOrHandler() throws Exception {
    List<Path> pages = files(".html");
    assertThat(pages).isNotEmpty();
    for (Path page : pages) {
      String html = Files.readString(page);
      assertThat(INLINE_SCRIPT.matcher(html).find()).as(page + " inline script").isFalse();
      assertThat(EVENT_ATTRIBUTE.matcher(html).find()).as(page + " event handler").isFalse();
      assertThat(html).as(page.toString()).doesNotContain("<style", "style=", "javascript:");
    }
  }

  @Test
  void theScriptsNeverParseMarkupEvaluateCodeOrSetStyleAttributes() throws Exception {
    List<Path> scripts = files(".js");
    assertThat(scripts).hasSizeGreaterThan(5);
    for (Path script : scripts) {
      assertThat(Files.readString(script))
          .as(script.toString())
          .doesNotContain(
              "innerHTML",
              "outerHTML",
              "insertAdjacentHTML",
              "document.write",
              "eval(",
              "new Function",
              "setAttribute('style'",
              ".style.",
              "localStorage",
              "document.cookie");
    }
  }
}
