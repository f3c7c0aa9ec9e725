package dci.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dci.app.CageExtension;
import dci.app.Http;
import dci.app.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/envelopes}: XML and JSON in, hardened parsing, roles per app type. */
@ExtendWith(CageExtension.class)
class EnvelopeApiTest {
  private static TestCluster cage;
  private static String admin;

  @BeforeAll
  static void logIn(TestCluster shared) {
    cage = shared;
    admin = Http.login(cage.url(1), "admin", cage.adminPassword());
  }

  private static HttpResponse<String> postXml(String token, String xml) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(cage.url(1) + "/api/envelopes?wait=5s"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/xml")
        .POST(HttpRequest.BodyPublishers.ofString(xml)).build();
    return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anXmlEnvelopeIsRoutedAndItsReplyReturned() throws Exception {
    HttpResponse<String> r = postXml(admin,
        "<envelope><appType>echo</appType><to><mode>BLADE</mode><blade>blade-3</blade></to>"
            + "<payload>from-xml</payload></envelope>");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("from-xml").contains("\"complete\":true");
  }

  @Test
  void aDoctypeWithAnExternalEntityIsRefusedWith400AndLeaksNothing() throws Exception {
    HttpResponse<String> r = postXml(admin, "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM "
        + "\"file:///etc/passwd\">]><envelope><appType>echo</appType><payload>&x;</payload></envelope>");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("DOCTYPE").doesNotContain("root:");
  }

  @Test
  void malformedOrInvalidEnvelopesAre400WithTheReason() {
    Http.Reply negative = Http.post(cage.url(1) + "/api/envelopes", admin, "{\"appType\":\"echo\",\"ttl\":-1}");
    assertThat(negative.status()).isEqualTo(400);
    assertThat(negative.json().get("error").asText()).contains("negative");
    Http.Reply noApp = Http.post(cage.url(1) + "/api/envelopes", admin, "{\"payload\":1}");
    assertThat(noApp.status()).isEqualTo(400);
    assertThat(Http.post(cage.url(1) + "/api/envelopes?wait=forever", admin, "{\"appType\":\"echo\"}").status())
        .isEqualTo(400);
  }

  @Test
  void execIsRefusedForAViewerButEchoIsNot() {
    Http.post(cage.url(1) + "/api/users", admin, "{\"user\":\"viewer-x\",\"password\":\"viewer-x-pw\",\"role\":\"viewer\"}");
    String viewer = Http.login(cage.url(2), "viewer-x", "viewer-x-pw");
    Http.Reply exec = Http.post(cage.url(2) + "/api/envelopes?wait=5s", viewer,
        "{\"appType\":\"exec\",\"to\":{\"mode\":\"ALL\"},\"payload\":{\"command\":\"true\"}}");
    assertThat(exec.status()).isEqualTo(403);
    assertThat(exec.json().get("error").asText()).contains("exec").contains("operator");
    Http.Reply meta = Http.post(cage.url(2) + "/api/envelopes?wait=5s", viewer, "{\"appType\":\"meta\",\"payload\":1}");
    assertThat(meta.status()).isEqualTo(200);
  }

  @Test
  void execRunsAProgramOnEveryBladeWithExitCodeAndOutput() {
    Http.Reply r = Http.post(cage.url(1) + "/api/envelopes?wait=10s", admin,
        "{\"appType\":\"exec\",\"to\":{\"mode\":\"ALL\"},\"payload\":{\"command\":\"sh\",\"args\":[\"-c\","
            + "\"echo out-$X; echo err >&2; exit 7\"],\"env\":{\"X\":\"42\"}}}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("replies")).hasSize(3).allSatisfy(reply -> {
      assertThat(reply.get("payload").get("exitCode").asInt()).isEqualTo(7);
      assertThat(reply.get("payload").get("stdout").asText()).isEqualTo("out-42\n");
      assertThat(reply.get("payload").get("stderr").asText()).isEqualTo("err\n");
    });
    Http.Reply slow = Http.post(cage.url(1) + "/api/envelopes?wait=10s", admin,
        "{\"appType\":\"exec\",\"to\":{\"mode\":\"BLADE\",\"blades\":[\"blade-2\"]},"
            + "\"payload\":{\"command\":\"sleep\",\"args\":[\"30\"],\"timeoutMs\":300}}");
    assertThat(slow.json().get("replies").get(0).get("payload").get("timedOut").asBoolean()).isTrue();
  }
}
