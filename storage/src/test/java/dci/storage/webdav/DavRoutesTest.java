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
}
