package dci.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's own files keep the rules its CSP and its safety rest on: nothing parses a string
 * as HTML or code (so a file name or command output can never become markup or script), no
 * inline script or style in the page, and every module the screens list exists.
 */
class ConsoleSourcesTest {
  static final Path ROOT = Path.of("src", "main", "resources", "dci", "console");
  static final Pattern AS_HTML_OR_CODE = Pattern.compile(
      "innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\s*\\(|new\\s+Function\\s*\\(|"
          + "setTimeout\\s*\\(\\s*['\"`]|setInterval\\s*\\(\\s*['\"`]|DOMParser|createContextualFragment");

  static List<Path> files(String ext) throws IOException {
    try (Stream<Path> s = Files.walk(ROOT)) {
      return s.filter(p -> p.toString().endsWith(ext)).toList();
    }
  }

  @Test
  void noScriptTurnsAStringIntoHtmlOrCode() throws IOException {
    List<Path> scripts = files(".js");
    assertThat(scripts).hasSizeGreaterThan(5);
    for (Path p : scripts) {
      String src = Files.readString(p);
      assertThat(AS_HTML_OR_CODE.matcher(src).find()).as(p + " parses a string as HTML or code").isFalse();
      assertThat(src).as(p + " sets a style attribute (blocked by the CSP)").doesNotContain("setAttribute('style'")
          .doesNotContain("'style':");
    }
  }

  @Test
  void thePageHasNoInlineScriptStyleOrHandler() throws IOException {
    String html = Files.readString(ROOT.resolve("index.html"));
    assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)", Pattern.CASE_INSENSITIVE).matcher(html).find())
        .as("inline <script>").isFalse();
    assertThat(html).doesNotContainIgnoringCase("<style").doesNotContainIgnoringCase(" style=");
    assertThat(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find())
        .as("inline event handler").isFalse();
  }

  @Test
  void everyModuleAScreenImportsIsThere() throws IOException {
    Pattern imp = Pattern.compile("import\\s+[^;]*?from\\s+'(\\.{1,2}/[^']+)'");
    for (Path p : files(".js")) {
      var m = imp.matcher(Files.readString(p));
      while (m.find()) {
        if (m.group(1).contains("/vendor/")) {
          continue; // a webjar's file, served from its own jar (ConsoleRoutes)
        }
        assertThat(p.getParent().resolve(m.group(1)).normalize()).as(p + " imports " + m.group(1)).exists();
      }
    }
  }
}
