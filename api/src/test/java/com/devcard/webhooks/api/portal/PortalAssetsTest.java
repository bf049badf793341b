package com.devcard.webhooks.api.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
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
  private static final Pattern NAMED_IMPORT =
      Pattern.compile("import\\s*\\{([^}]*)}\\s*from\\s*'([^']+)'");
  private static final Pattern EXPORT =
      Pattern.compile(
          "export\\s+(?:async\\s+)?(?:function|const|let|class)\\s+([A-Za-z_$][\\w$]*)");

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

  /**
   * A module that imports a name another does not export stops the whole page from starting, and
   * only a browser would tell: each named import is checked against the exports of its module.
   */
  @Test
  void everyNamedImportIsExportedByItsModule() throws Exception {
    for (Path script : files(".js")) {
      Matcher imports = NAMED_IMPORT.matcher(Files.readString(script));
      while (imports.find()) {
        Path module = script.getParent().resolve(imports.group(2)).normalize();
        assertThat(module).as(script + " imports " + imports.group(2)).exists();
        Set<String> exported = new HashSet<>();
        Matcher exports = EXPORT.matcher(Files.readString(module));
        while (exports.find()) {
          exported.add(exports.group(1));
        }
        for (String name : imports.group(1).split(",")) {
          if (name.isBlank()) {
            continue;
          }
          assertThat(exported)
              .as(
                  script.getFileName()
                      + " imports "
                      + name.strip()
                      + " from "
                      + module.getFileName())
              .contains(name.strip());
        }
      }
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
