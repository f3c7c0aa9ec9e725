package dci.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dci.app.CageExtension;
import dci.app.Http;
import dci.app.TestCluster;
import dci.protocol.envelope.EnvelopeLimits;
import dci.protocol.envelope.XmlEnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/log} pages follow their cursor to the start of the log and {@code after}
 * pages to its end, a page is capped, and {@code GET /api/log/export} streams every matching
 * line (chunked) as JSON or as XML that replay reads back.
 */
@ExtendWith(CageExtension.class)
class LogRoutesTest {
  private static final int SENT = 12;
  /** An app no blade runs: each envelope is logged as sent and as undeliverable. */
  private static final String APP = "logtest-pages";
  private static TestCluster cage;
  private static String admin;
  private static List<Long> logged;

  @BeforeAll
  static void logEnvelopes(TestCluster shared) {
    cage = shared;
    admin = Http.login(cage.url(1), "admin", cage.adminPassword());
    for (int i = 0; i < SENT; i++) {
      Http.Reply r = Http.post(cage.url(1) + "/api/envelopes", admin, "{\"appType\":\"" + APP
          + "\",\"to\":{\"mode\":\"BLADE\",\"blades\":[\"blade-1\"]},\"payload\":{\"n\":" + i + "}}");
      assertThat(r.status()).as(r.text()).isEqualTo(200);
    }
    logged = await().atMost(Duration.ofSeconds(20)).until(() -> seqs(export("")), s -> s.size() >= 2 * SENT);
  }

  private static JsonNode export(String params) {
    Http.Reply r = Http.get(cage.url(1) + "/api/log/export?app=" + APP + params, admin);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  private static List<Long> seqs(JsonNode doc) {
    List<Long> out = new ArrayList<>();
    doc.get("entries").forEach(e -> out.add(e.get("seq").asLong()));
    return out;
  }

  private static JsonNode page(String params) {
    Http.Reply r = Http.get(cage.url(1) + "/api/log?app=" + APP + params, admin);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  @Test
  void beforeCursorsLeadFromTheNewestPageBackToTheFirstLine() {
    List<List<Long>> pages = new ArrayList<>();
    JsonNode p = page("&limit=5");
    pages.add(seqs(p));
    while (!p.get("next").isNull()) {
      p = page("&limit=5&before=" + p.get("next").get("before").asLong());
      pages.add(seqs(p));
    }
    assertThat(pages).allSatisfy(s -> assertThat(s).hasSizeLessThanOrEqualTo(5).isSorted());
    assertThat(pages.get(0)).isEqualTo(logged.subList(logged.size() - 5, logged.size()));
    Collections.reverse(pages);
    assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(logged);
  }

  @Test
  void afterCursorsLeadFromAnyLineToTheEnd() {
    long start = logged.get(2);
    List<Long> read = new ArrayList<>();
    JsonNode p = page("&limit=4&after=" + start);
    read.addAll(seqs(p));
    while (!p.get("next").isNull()) {
      p = page("&limit=4&after=" + p.get("next").get("after").asLong());
      read.addAll(seqs(p));
    }
    assertThat(read).isEqualTo(logged.subList(3, logged.size()));
  }

  @Test
  void aPageHoldsAtMostAThousandLines() {
    assertThat(Http.get(cage.url(1) + "/api/log?limit=1001", admin).status()).isEqualTo(400);
    assertThat(Http.get(cage.url(1) + "/api/log?limit=1000", admin).status()).isEqualTo(200);
    assertThat(Http.get(cage.url(1) + "/api/log?after=-1", admin).status()).isEqualTo(400);
    assertThat(Http.get(cage.url(1) + "/api/log?format=yaml", admin).status()).isEqualTo(400);
    assertThat(seqs(page(""))).as("100 by default").hasSize(Math.min(100, logged.size()));
  }

  @Test
  void theExportIsStreamedInChunksAndTakesTheNewestNWhenAsked() {
    Http.Reply r = Http.get(cage.url(1) + "/api/log/export?app=" + APP, admin);
    assertThat(r.raw().headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    assertThat(r.json().get("blade").asText()).isEqualTo("blade-1");
    assertThat(seqs(export("&limit=3"))).isEqualTo(logged.subList(logged.size() - 3, logged.size()));
  }

  @Test
  void sortOrdersThePageItPicksAndASortedExportNeedsALimit() {
    JsonNode p = page("&limit=5&sort=id");
    List<String> ids = new ArrayList<>();
    p.get("entries").forEach(e -> ids.add(e.get("envelope").get("id").asText()));
    assertThat(ids).hasSize(5).isSorted();
    assertThat(seqs(p)).containsExactlyInAnyOrderElementsOf(logged.subList(logged.size() - 5, logged.size()));
    assertThat(p.get("next").get("before").asLong()).as("the cursor as without a sort")
        .isEqualTo(logged.get(logged.size() - 5));
    assertThat(seqs(page("&limit=5&sort=time"))).isEqualTo(logged.subList(logged.size() - 5, logged.size()));
    assertThat(seqs(export("&limit=7&sort=sender"))).hasSize(7);
    assertThat(Http.get(cage.url(1) + "/api/log/export?sort=app", admin).status()).as("unbounded").isEqualTo(400);
    assertThat(Http.get(cage.url(1) + "/api/log?sort=size", admin).status()).isEqualTo(400);
  }

  @Test
  void theDirectoryShowsEachBladesLogSizeAndRetention() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode one = null;
      for (JsonNode b : Http.get(cage.url(2) + "/api/blades", admin).json()) {
        one = b.get("name").asText().equals("blade-1") ? b : one;
      }
      assertThat(one).isNotNull();
      assertThat(one.path("log").path("keep").asText()).isEqualTo("off");
      assertThat(one.path("log").path("lines").asLong()).isGreaterThanOrEqualTo(logged.size());
    });
  }

  @Test
  void theXmlExportHoldsEveryEnvelopeAndReadsBackForReplay() {
    Http.Reply r = Http.get(cage.url(1) + "/api/log/export?format=xml&app=" + APP, admin);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/xml");
    assertThat(r.text()).startsWith("<log blade=\"blade-1\"").endsWith("</log>\n");
    var envelopes = new XmlEnvelopeCodec(EnvelopeLimits.DEFAULT)
        .decodeAll(r.text().getBytes(StandardCharsets.UTF_8), 1 << 20);
    assertThat(envelopes).hasSize(logged.size()).allSatisfy(e -> assertThat(e.appType()).isEqualTo(APP));
    Http.Reply xmlPage = Http.get(cage.url(1) + "/api/log?format=xml&limit=2&app=" + APP, admin);
    assertThat(xmlPage.text()).startsWith("<log").contains("nextBefore=\"" + logged.get(logged.size() - 2) + "\"");
  }
}
