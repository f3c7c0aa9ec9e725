package dci.hardware.body;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The body's messages cross blades (an operator's fault reaches a blade through another
 * blade's API): each survives Pekko's own jackson-cbor serializer, as bound in the blades' config.
 */
class BodyMessagesSerializationTest {
  private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.parseString("""
      pekko.actor.serialization-bindings { "dci.protocol.DciSerializable" = jackson-cbor }
      pekko.actor.allow-java-serialization = off
      """).withFallback(ConfigFactory.load()));

  @AfterAll
  static void close() {
    KIT.shutdownTestKit();
  }

  @Test
  void anInjectedFaultTravelsBetweenBladesForEveryKind() {
    TestProbe<BladeBody.BodyState> probe = KIT.createTestProbe();
    for (String text : List.of("disk-errors=0.5", "temperature=80", "slow-disk=300", "power-off", "cage-power-off")) {
      BladeBody.InjectFault m = new BladeBody.InjectFault(Fault.parse(text), probe.getRef());
      assertThat(KIT.serializationTestKit().verifySerialization(m, true)).isEqualTo(m);
    }
  }

  @Test
  void aBodyStateWithItsReadingTravelsBetweenBlades() {
    Reading r = new Reading("blade-2", "cage-1", Instant.parse("2026-12-01T10:00:00Z"), 0.5, 1L << 30, 8L << 30,
        10L << 30, 100L << 30, 12345, 678, null, 3, 0.25, List.of("disk-errors=0.25"), Reading.Condition.warning,
        List.of("disk error rate 25.0 % is over 5.0 %"));
    BladeBody.BodyState s = new BladeBody.BodyState("blade-2", "cage-1", List.of("disk-errors=0.25"), r);
    assertThat(KIT.serializationTestKit().verifySerialization(s, true)).isEqualTo(s);
  }
}
