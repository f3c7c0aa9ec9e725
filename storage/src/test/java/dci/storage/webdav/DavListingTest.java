package dci.storage.webdav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Listings of big directories leave as the client reads them: a PROPFIND or a browser's GET of
 * a directory holding more than {@link DavRoutes#STREAM_OVER} entries is sent chunked, in
 * batches, never as one answer built whole (and refused past 10 000 entries, as it was), and
 * still holds every entry; a small one keeps its length.
 */
class DavListingTest {
  private static final int FILES = 700; // more than one batch of 512
  private static Path dir;
  private static DavServer dav;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("dav-listing");
    dav = DavServer.start("dav-listing", dir, "");
    assertThat(dav.send("alice", "MKCOL", "/many/", null).statusCode()).isEqualTo(201);
    assertThat(dav.send("alice", "MKCOL", "/few/", null).statusCode()).isEqualTo(201);
    assertThat(dav.send("alice", "PUT", "/few/one.txt", "1").statusCode()).isEqualTo(201);
    List<CompletableFuture<HttpResponse<String>>> puts = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      puts.add(DavServer.CLIENT.sendAsync(dav.request("alice", "PUT", "/many/f" + i + ".txt",
          ("file " + i).getBytes(StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString()));
      if (puts.size() == 16) {
        puts.forEach(p -> assertThat(p.join().statusCode()).isEqualTo(201));
        puts.clear();
      }
    }
    puts.forEach(p -> assertThat(p.join().statusCode()).isEqualTo(201));
  }

  @AfterAll
  static void stop() {
    dav.close();
  }

  private static Set<String> hrefs(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    NodeList responses = d.getElementsByTagNameNS("DAV:", "response");
    NodeList hrefs = d.getElementsByTagNameNS("DAV:", "href");
    Set<String> out = new HashSet<>();
    for (int i = 0; i < hrefs.getLength(); i++) {
      out.add(hrefs.item(i).getTextContent());
    }
    assertThat(out).as("one href a response").hasSize(responses.getLength());
    return out;
  }

  @Test
  void aDepthOnePropfindOfABigDirectoryIsStreamedAndHoldsEveryEntry() throws Exception {
    HttpResponse<String> r = dav.send("vera", "PROPFIND", "/many/", null, "Depth", "1");
    assertThat(r.statusCode()).isEqualTo(207);
    assertThat(r.headers().firstValue("Content-Length")).as("sent chunked, not built whole").isEmpty();
    assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    Set<String> hrefs = hrefs(r.body());
    assertThat(hrefs).hasSize(FILES + 1).contains("/vnas/many/", "/vnas/many/f0.txt", "/vnas/many/f699.txt");
    assertThat(r.body()).as("the live properties of each file").contains("<D:getcontentlength>8</D:getcontentlength>");
  }

  @Test
  void aSmallListingIsOneAnswerWithItsLength() throws Exception {
    HttpResponse<String> r = dav.send("vera", "PROPFIND", "/few/", null, "Depth", "1");
    assertThat(r.statusCode()).isEqualTo(207);
    assertThat(r.headers().firstValue("Content-Length")).hasValue(
        String.valueOf(r.body().getBytes(StandardCharsets.UTF_8).length));
    assertThat(hrefs(r.body())).containsExactlyInAnyOrder("/vnas/few/", "/vnas/few/one.txt");
  }

  @Test
  void aBrowserListingOfABigDirectoryLinksEveryFile() {
    HttpResponse<String> r = dav.send("vera", "GET", "/many/", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(r.body()).startsWith("<!DOCTYPE html>").endsWith("</ul></body></html>");
    assertThat(r.body().split("<li>", -1)).hasSize(FILES + 1);
    assertThat(r.body()).contains("<a href=\"/vnas/many/f699.txt\">f699.txt</a> 8 bytes");
  }

  @Test
  void aBrowserListingOfASmallDirectoryKeepsItsLength() {
    HttpResponse<String> r = dav.send("vera", "GET", "/few/", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Length")).hasValue(
        String.valueOf(r.body().getBytes(StandardCharsets.UTF_8).length));
    assertThat(r.body()).contains("<a href=\"/vnas/few/one.txt\">one.txt</a> 1 bytes");
  }
}
