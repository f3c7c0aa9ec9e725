package dci.app.peerlets;

import static dci.app.peerlets.HandRoutedBlades.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dci.actors.peerlet.PeerletMessage;
import dci.app.peerlets.RecordingPeerletApi.Call;
import dci.app.peerlets.RecordingPeerletApi.Kind;
import dci.protocol.auth.Role;
import dci.protocol.envelope.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat peerlet, one instance at a time, against a recording double of its API. */
class ChatPeerletTest {
  private static ActorTestKit kit;
  private HandRoutedBlades blades;

  @BeforeAll
  static void startKit() {
    kit = ActorTestKit.create();
  }

  @AfterAll
  static void stopKit() {
    kit.shutdownTestKit();
  }

  @BeforeEach
  void freshBlades() {
    blades = new HandRoutedBlades(kit, ChatPeerlet.type());
  }

  private static List<String> texts(JsonNode history) {
    List<String> out = new ArrayList<>();
    history.get("messages").forEach(m -> out.add(m.get("user").asText() + ":" + m.get("text").asText()));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void theTypeIsChatOpenToViewers() {
    assertThat(ChatPeerlet.type().appType()).isEqualTo("chat");
    assertThat(ChatPeerlet.type().leastRole()).isEqualTo(Role.VIEWER);
  }

  @Test
  void anInstanceSaysItIsReadyOnceWhenItStarts() {
    var i = blades.instance("blade-1", "s1");
    blades.ask("blade-1", "s1", "{\"op\":\"history\"}");
    assertThat(i.api.readyCalls()).isEqualTo(1);
  }

  @Test
  void openRecordsTheMembersAndForwardsTheOpenToTheOtherMembersOnly() {
    JsonNode r = blades.ask("blade-1", "s1", "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\",\"blade-3\"]}");
    assertThat(r.get("ok").asBoolean()).isTrue();
    assertThat(r.get("session").asText()).isEqualTo("s1");
    assertThat(strings(r.get("members"))).containsExactly("blade-1", "blade-2", "blade-3");

    List<Call> out = blades.instance("blade-1", "s1").api.calls(Kind.MULTICAST);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).blades()).containsExactly("blade-2", "blade-3");
    assertThat(out.get(0).payload().get("op").asText()).isEqualTo("open");
    assertThat(out.get(0).payload().get("relayed").asBoolean()).isTrue();
    assertThat(strings(out.get(0).payload().get("members"))).containsExactly("blade-1", "blade-2", "blade-3");

    // every member blade now has the session, with the same members
    for (String b : List.of("blade-2", "blade-3")) {
      assertThat(strings(blades.ask(b, "s1", "{\"op\":\"history\"}").get("members")))
          .as("members on %s", b).containsExactlyInAnyOrder("blade-1", "blade-2", "blade-3");
    }
  }

  @Test
  void theOpeningBladeIsAlwaysAMemberEvenIfLeftOut() {
    JsonNode r = blades.ask("blade-1", "s1", "{\"op\":\"open\",\"members\":[\"blade-2\"]}");
    assertThat(strings(r.get("members"))).containsExactlyInAnyOrder("blade-1", "blade-2");
    assertThat(blades.instance("blade-1", "s1").api.calls(Kind.MULTICAST).get(0).blades()).containsExactly("blade-2");
  }

  @Test
  void sayIsKeptInTheHistoryAndRelayedToTheOtherMembers() {
    blades.ask("blade-1", "s1", "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\",\"blade-3\"]}");
    Instant before = Instant.now();
    JsonNode r = blades.ask("blade-1", "s1", "{\"op\":\"say\",\"user\":\"A\",\"text\":\"hello all\"}");
    assertThat(r.get("ok").asBoolean()).isTrue();

    Call relay = blades.instance("blade-1", "s1").api.calls(Kind.MULTICAST).get(1);
    assertThat(relay.blades()).containsExactly("blade-2", "blade-3");
    assertThat(relay.payload().get("op").asText()).isEqualTo("say");
    assertThat(relay.payload().get("user").asText()).isEqualTo("A");
    assertThat(relay.payload().get("text").asText()).isEqualTo("hello all");
    assertThat(relay.payload().get("relayed").asBoolean()).isTrue();

    JsonNode h = blades.ask("blade-1", "s1", "{\"op\":\"history\"}");
    assertThat(h.get("session").asText()).isEqualTo("s1");
    assertThat(strings(h.get("members"))).containsExactly("blade-1", "blade-2", "blade-3");
    assertThat(h.get("messages")).hasSize(1);
    JsonNode m = h.get("messages").get(0);
    assertThat(m.get("user").asText()).isEqualTo("A");
    assertThat(m.get("text").asText()).isEqualTo("hello all");
    assertThat(m.get("from").asText()).isEqualTo("blade-1");
    assertThat(Instant.parse(m.get("at").asText())).isAfterOrEqualTo(before.minusSeconds(1));
  }

  @Test
  void relayedCopiesAreKeptButNeitherForwardedAgainNorAnswered() {
    blades.ask("blade-1", "s1", "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\",\"blade-3\"]}");
    blades.ask("blade-1", "s1", "{\"op\":\"say\",\"user\":\"A\",\"text\":\"hello all\"}");
    blades.ask("blade-1", "s1", "{\"op\":\"join\",\"user\":\"A2\"}");

    for (String b : List.of("blade-2", "blade-3")) {
      JsonNode h = blades.ask(b, "s1", "{\"op\":\"history\"}");
      assertThat(texts(h)).as("history on %s", b).containsExactly("A:hello all");
      assertThat(h.get("messages").get(0).get("from").asText()).isEqualTo("blade-1");
      var api = blades.instance(b, "s1").api;
      assertThat(api.calls(Kind.MULTICAST)).as("re-forwards on %s", b).isEmpty();
      assertThat(api.calls(Kind.BROADCAST)).isEmpty();
      assertThat(api.calls(Kind.SEND)).isEmpty();
      assertThat(api.calls(Kind.REPLY)).as("only the history request is answered on %s", b)
          .extracting(c -> c.original().payload().get("op").asText()).containsExactly("history");
    }
  }

  @Test
  void aSayOnAnotherMemberBladeReachesTheOthersOnce() {
    blades.ask("blade-1", "s1", "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\",\"blade-3\"]}");
    blades.ask("blade-1", "s1", "{\"op\":\"say\",\"user\":\"A\",\"text\":\"hello all\"}");
    blades.ask("blade-2", "s1", "{\"op\":\"say\",\"user\":\"B\",\"text\":\"hi A and C\"}");
    blades.ask("blade-3", "s1", "{\"op\":\"say\",\"user\":\"C\",\"text\":\"hey\"}");
    assertThat(blades.instance("blade-2", "s1").api.calls(Kind.MULTICAST)).singleElement()
        .satisfies(c -> assertThat(c.blades()).containsExactlyInAnyOrder("blade-1", "blade-3"));
    for (String b : List.of("blade-1", "blade-2", "blade-3")) {
      assertThat(texts(blades.ask(b, "s1", "{\"op\":\"history\"}"))).as("history on %s", b)
          .containsExactlyInAnyOrder("A:hello all", "B:hi A and C", "C:hey");
    }
    JsonNode onOne = blades.ask("blade-1", "s1", "{\"op\":\"history\"}");
    assertThat(onOne.get("messages").findValuesAsText("from")).containsExactly("blade-1", "blade-2", "blade-3");
  }

  @Test
  void everyApiCommandIsAnsweredAndJoinIsRecorded() {
    assertThat(blades.ask("blade-1", "s1", "{\"op\":\"join\",\"user\":\"A\"}").get("ok").asBoolean()).isTrue();
    assertThat(blades.ask("blade-1", "s1", "{\"op\":\"say\",\"user\":\"A\",\"text\":\"alone\"}").get("ok").asBoolean())
        .isTrue();
    JsonNode h = blades.ask("blade-1", "s1", "{\"op\":\"history\"}");
    assertThat(strings(h.get("users"))).containsExactly("A");
    // with no other members there is nobody to relay to
    assertThat(blades.instance("blade-1", "s1").api.calls(Kind.MULTICAST)).isEmpty();
  }

  @Test
  void anUnknownOpOrABadSayIsAnsweredWithAnError() {
    assertThat(blades.ask("blade-1", "s1", "{\"op\":\"dance\"}").get("error").asText()).contains("dance");
    assertThat(blades.ask("blade-1", "s1", "{\"text\":\"no op\"}").has("error")).isTrue();
    assertThat(blades.ask("blade-1", "s1", "\"just text\"").has("error")).isTrue();
    assertThat(blades.ask("blade-1", "s1", "{\"op\":\"say\",\"user\":\"A\"}").get("error").asText()).contains("text");
    assertThat(blades.ask("blade-1", "s1", "{\"op\":\"history\"}").get("messages")).isEmpty();
  }

  @Test
  void anEnvelopeWithoutPayloadIsAnsweredWithAnError() {
    var i = blades.instance("blade-1", "s1");
    Envelope e = HandRoutedBlades.fromApi("chat", "blade-1", "s1", null);
    i.ref.tell(new PeerletMessage.Incoming(e));
    assertThat(i.api.replyTo(e, WAIT).has("error")).isTrue();
  }

  @Test
  void theHistoryKeepsOnlyTheLastThousandMessages() {
    var i = blades.instance("blade-1", "s1");
    int total = ChatPeerlet.HISTORY + 5;
    for (int n = 0; n < total; n++) {
      i.ref.tell(new PeerletMessage.Incoming(HandRoutedBlades.fromApi("chat", "blade-1", "s1",
          HandRoutedBlades.json("{\"op\":\"say\",\"user\":\"A\",\"text\":\"m" + n + "\"}"))));
    }
    JsonNode h = blades.ask("blade-1", "s1", "{\"op\":\"history\"}");
    assertThat(ChatPeerlet.HISTORY).isEqualTo(1000);
    assertThat(h.get("messages")).hasSize(ChatPeerlet.HISTORY);
    assertThat(h.get("messages").get(0).get("text").asText()).isEqualTo("m5");
    assertThat(h.get("messages").get(ChatPeerlet.HISTORY - 1).get("text").asText()).isEqualTo("m" + (total - 1));
  }

  /**
   * The relayed open travels between blades while operators keep talking: a line said on a
   * member blade before that blade's copy of the open arrived must still reach the others once
   * it does: {@code Session} holds what was said locally while no members were known and relays
   * it when the open arrives.
   */
  @Test
  void aLineSaidBeforeTheOpenReachedThatBladeIsRelayedOnceItArrives() {
    blades.ask("blade-3", "s1", "{\"op\":\"say\",\"user\":\"C\",\"text\":\"early\"}");
    blades.ask("blade-1", "s1", "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\",\"blade-3\"]}");
    blades.ask("blade-3", "s1", "{\"op\":\"history\"}"); // the open copy has been handled by now
    blades.route(blades.instance("blade-3", "s1"));
    for (String b : List.of("blade-1", "blade-2")) {
      assertThat(texts(blades.ask(b, "s1", "{\"op\":\"history\"}"))).as("history on %s", b).containsExactly("C:early");
    }
  }

  /**
   * The seed's example: A, B and C chat in session S1; A then opens a private session S2 with B.
   * Different GUIDs are different instances on each blade; both stay active and separate, and
   * C's blade never gets an S2 instance.
   */
  @Test
  void aTeamSessionAndAPrivateSessionStayActiveAndSeparate() {
    blades.ask("blade-1", "S1", "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\",\"blade-3\"]}");
    blades.ask("blade-1", "S1", "{\"op\":\"say\",\"user\":\"A\",\"text\":\"hello all\"}");
    blades.ask("blade-2", "S1", "{\"op\":\"say\",\"user\":\"B\",\"text\":\"hi A and C\"}");
    blades.ask("blade-3", "S1", "{\"op\":\"say\",\"user\":\"C\",\"text\":\"hey\"}");

    blades.ask("blade-1", "S2", "{\"op\":\"open\",\"members\":[\"blade-1\",\"blade-2\"]}");
    blades.ask("blade-1", "S2", "{\"op\":\"say\",\"user\":\"A\",\"text\":\"just us, B\"}");
    blades.ask("blade-2", "S2", "{\"op\":\"say\",\"user\":\"B\",\"text\":\"sure\"}");
    blades.ask("blade-2", "S1", "{\"op\":\"say\",\"user\":\"B\",\"text\":\"back in the team\"}");

    // on blade-1, one instance per session GUID, each with its own API (its own sender identity)
    var s1 = blades.instance("blade-1", "S1");
    var s2 = blades.instance("blade-1", "S2");
    assertThat(s1.ref).isNotEqualTo(s2.ref);
    assertThat(s1.api.instance()).isEqualTo("S1");
    assertThat(s2.api.instance()).isEqualTo("S2");
    assertThat(s1.api.calls(Kind.MULTICAST)).allSatisfy(c -> assertThat(c.blades()).containsExactly("blade-2", "blade-3"));
    assertThat(s2.api.calls(Kind.MULTICAST)).allSatisfy(c -> assertThat(c.blades()).containsExactly("blade-2"));

    for (String b : List.of("blade-1", "blade-2", "blade-3")) {
      JsonNode h = blades.ask(b, "S1", "{\"op\":\"history\"}");
      assertThat(h.get("session").asText()).isEqualTo("S1");
      assertThat(texts(h)).as("S1 on %s", b)
          .containsExactlyInAnyOrder("A:hello all", "B:hi A and C", "C:hey", "B:back in the team");
    }
    for (String b : List.of("blade-1", "blade-2")) {
      JsonNode h = blades.ask(b, "S2", "{\"op\":\"history\"}");
      assertThat(h.get("session").asText()).isEqualTo("S2");
      assertThat(strings(h.get("members"))).containsExactlyInAnyOrder("blade-1", "blade-2");
      assertThat(texts(h)).as("S2 on %s", b).containsExactlyInAnyOrder("A:just us, B", "B:sure");
    }
    assertThat(blades.guidsOn("blade-1")).containsExactly("S1", "S2");
    assertThat(blades.guidsOn("blade-2")).containsExactly("S1", "S2");
    assertThat(blades.guidsOn("blade-3")).containsExactly("S1");
  }
}
