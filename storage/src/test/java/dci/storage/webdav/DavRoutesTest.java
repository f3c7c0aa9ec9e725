package dci.storage.webdav;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the mount point refuses so that no user can grow what every blade keeps without
 * bound, or remove another's lock; and how it hands files to a browser sharing its origin.
 */
class DavRoutesTest {
  private static Path dir;
  private static DavServer dav;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("dav-routes");
    dav = DavServer.start("dav-routes", dir, "");
  }

  @AfterAll
  static void stop() {
    dav.close();
  }

  private static String propertyUpdate(String sets, String removes) {
    return "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:z\">"
        + (sets.isEmpty() ? "" : "<D:set><D:prop>" + sets + "</D:prop></D:set>")
        + (removes.isEmpty() ? "" : "<D:remove><D:prop>" + removes + "</D:prop></D:remove>")
        + "</D:propertyupdate>";
  }

  private static String propfind(String path) {
    HttpResponse<String> r = dav.send("vera", "PROPFIND", path, null, "Depth", "0");
    assertThat(r.statusCode()).isEqualTo(207);
    return r.body();
  }

  private static String lockInfo(String owner) {
    return "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
        + "<D:locktype><D:write/></D:locktype><D:owner>" + owner + "</D:owner></D:lockinfo>";
  }

  private static String lock(String user, String path) {
    HttpResponse<String> r = dav.send(user, "LOCK", path, lockInfo(user));
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    return r.headers().firstValue("Lock-Token").orElseThrow();
  }

  @Test
  void aDeadPropertyOver4KiBIsRefusedWith507AndNoPropertyOfThatRequestOrBeforeChanges() {
    assertThat(dav.send("alice", "PUT", "/props.txt", "x").statusCode()).isEqualTo(201);
    HttpResponse<String> ok = dav.send("alice", "PROPPATCH", "/props.txt",
        propertyUpdate("<Z:kept>before</Z:kept><Z:near>" + "n".repeat(4000) + "</Z:near>", ""));
    assertThat(ok.statusCode()).isEqualTo(207);
    assertThat(ok.body()).contains("HTTP/1.1 200 OK").doesNotContain("507");

    HttpResponse<String> big = dav.send("alice", "PROPPATCH", "/props.txt",
        propertyUpdate("<Z:big>" + "b".repeat(5000) + "</Z:big><Z:other>o</Z:other>", "<Z:kept/>"));
    assertThat(big.statusCode()).isEqualTo(207);
    assertThat(big.body()).contains("HTTP/1.1 507 Insufficient Storage").contains("at most 4096 bytes")
        .contains("HTTP/1.1 424 Failed Dependency").doesNotContain("200 OK");
    String props = propfind("/props.txt");
    assertThat(props).as("the refused request changed nothing").contains("before").contains("n".repeat(4000))
        .doesNotContain("bbbb").doesNotContain(">o</");
  }

  @Test
  void deadPropertiesOfOneResourcePast64KiBTogetherAreRefused() {
    assertThat(dav.send("alice", "PUT", "/many.txt", "x").statusCode()).isEqualTo(201);
    StringBuilder sets = new StringBuilder();
    for (int i = 0; i < 20; i++) { // 20 x ~4000 bytes: each within the cap, together not
      sets.append("<Z:p").append(i).append('>').append("v".repeat(3990)).append("</Z:p").append(i).append('>');
    }
    HttpResponse<String> r = dav.send("alice", "PROPPATCH", "/many.txt", propertyUpdate(sets.toString(), ""));
    assertThat(r.body()).contains("HTTP/1.1 507 Insufficient Storage").contains("at most 65536 bytes together");
    assertThat(propfind("/many.txt")).doesNotContain("vvvv");
  }

  @Test
  void aLockOwnerOver4KiBIsRefusedWith400AndNeitherALockNorAFileIsMade() {
    HttpResponse<String> r = dav.send("alice", "LOCK", "/new-locked.txt", lockInfo("o".repeat(5000)));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("owner").contains("4096");
    assertThat(dav.send("vera", "GET", "/new-locked.txt", null).statusCode()).as("no empty file made").isEqualTo(404);
    assertThat(dav.send("alice", "PUT", "/owned.txt", "x").statusCode()).isEqualTo(201);
    assertThat(dav.send("alice", "LOCK", "/owned.txt", lockInfo("o".repeat(5000))).statusCode()).isEqualTo(400);
    assertThat(propfind("/owned.txt")).as("no lock taken").doesNotContain("activelock");
    String token = lock("bob", "/owned.txt");
    assertThat(dav.send("bob", "UNLOCK", "/owned.txt", null, "Lock-Token", token).statusCode()).isEqualTo(204);
  }

  @Test
  void onlyTheUserWhoTookALockOrAnAdminMayRemoveIt() {
    assertThat(dav.send("alice", "PUT", "/locked.txt", "x").statusCode()).isEqualTo(201);
    String token = lock("alice", "/locked.txt");
    HttpResponse<String> other = dav.send("bob", "UNLOCK", "/locked.txt", null, "Lock-Token", token);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).contains("another user");
    assertThat(dav.send("bob", "PUT", "/locked.txt", "y").statusCode()).as("still locked").isEqualTo(423);
    assertThat(dav.send("vera", "UNLOCK", "/locked.txt", null, "Lock-Token", token).statusCode())
        .as("a viewer changes nothing").isEqualTo(403);
    assertThat(dav.send("alice", "UNLOCK", "/locked.txt", null, "Lock-Token", token).statusCode()).isEqualTo(204);

    String again = lock("alice", "/locked.txt");
    assertThat(dav.send("root", "UNLOCK", "/locked.txt", null, "Lock-Token", again).statusCode())
        .as("an admin may").isEqualTo(204);
    assertThat(dav.send("bob", "PUT", "/locked.txt", "y").statusCode()).as("unlocked").isEqualTo(204);
  }

  @Test
  void getAnswersAreNeverSniffedAndPagesAreSentAsAttachments() {
    dav.send("alice", "PUT", "/page.html", "<script>alert(1)</script>", "Content-Type", "text/html");
    dav.send("alice", "PUT", "/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "Content-Type", "image/svg+xml");
    dav.send("alice", "PUT", "/x.xhtml", "<html/>", "Content-Type", "application/xhtml+xml");
    dav.send("alice", "PUT", "/typeless.htm", "<script>alert(2)</script>");
    dav.send("alice", "PUT", "/notes.txt", "plain", "Content-Type", "text/plain");
    for (String page : new String[] {"/page.html", "/pic.svg", "/x.xhtml", "/typeless.htm"}) {
      for (String method : new String[] {"GET", "HEAD"}) {
        HttpResponse<String> r = dav.send("vera", method, page, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(method + " " + page).contains("nosniff");
        assertThat(r.headers().firstValue("Content-Disposition")).as(method + " " + page)
            .hasValueSatisfying(v -> assertThat(v).startsWith("attachment;"));
      }
    }
    HttpResponse<String> range = dav.send("vera", "GET", "/page.html", null, "Range", "bytes=0-3");
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.headers().firstValue("Content-Disposition")).hasValueSatisfying(v ->
        assertThat(v).startsWith("attachment;"));
    HttpResponse<String> text = dav.send("vera", "GET", "/notes.txt", null);
    assertThat(text.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(text.headers().firstValue("Content-Disposition")).as("a text file is shown").isEmpty();
    assertThat(dav.send("vera", "GET", "/", null).headers().firstValue("X-Content-Type-Options"))
        .as("the listing").contains("nosniff");
  }

  @Test
  void anAttachmentNamesTheFileSafelyInAsciiAndUtf8() {
    String v = ServedAs.attachment("r\u00e9sum\u00e9 \"1\".html");
    assertThat(v).isEqualTo("attachment; filename=\"r_sum_ _1_.html\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%221%22.html");
    Matcher m = Pattern.compile("[\\r\\n]").matcher(ServedAs.attachment("a\r\nb.svg"));
    assertThat(m.find()).as("no header injection").isFalse();
  }
}
