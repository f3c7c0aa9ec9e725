package dci.hardware.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import dci.hardware.body.Fault.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Injected faults: how they are written, checked and sent. */
class FaultTest {
  @Test
  void parsesEveryKindWithItsValueOrWithout() {
    assertThat(Fault.parse("disk-errors=0.25")).isEqualTo(new Fault(Kind.DISK_ERRORS, 0.25));
    assertThat(Fault.parse("temperature=95")).isEqualTo(new Fault(Kind.TEMPERATURE, 95));
    assertThat(Fault.parse("slow-disk=500")).isEqualTo(new Fault(Kind.SLOW_DISK, 500));
    assertThat(Fault.parse("power-off")).isEqualTo(new Fault(Kind.POWER_OFF, 0));
    assertThat(Fault.parse("cage-power-off")).isEqualTo(new Fault(Kind.CAGE_POWER_OFF, 0));
  }

  @Test
  void parsingIgnoresCaseAndBlanksAroundTheWholeText() {
    assertThat(Fault.parse("  Disk-Errors=0.5\n")).isEqualTo(new Fault(Kind.DISK_ERRORS, 0.5));
    assertThat(Fault.parse("POWER-OFF")).isEqualTo(new Fault(Kind.POWER_OFF, 0));
  }

  @Test
  void aKindThatNeedsAValueIsRefusedWithoutOneSayingHowToWriteIt() {
    assertThatThrownBy(() -> Fault.parse("temperature")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("temperature needs a value: temperature=VALUE");
  }

  @Test
  void aKindThatTakesNoValueIsRefusedWithOne() {
    assertThatThrownBy(() -> Fault.parse("power-off=1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("power-off takes no value");
    assertThatThrownBy(() -> Fault.parse("cage-power-off=")).hasMessage("cage-power-off takes no value");
  }

  @Test
  void aValueThatIsNotANumberIsRefusedQuotingIt() {
    assertThatThrownBy(() -> Fault.parse("slow-disk=fast")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("slow-disk needs a number, not 'fast'");
    assertThatThrownBy(() -> Fault.parse("disk-errors=")).hasMessage("disk-errors needs a number, not ''");
    assertThatThrownBy(() -> Fault.parse("disk-errors=NaN")).as("NaN would slip past the range checks")
        .hasMessage("disk-errors needs a number, not 'nan'");
  }

  @Test
  void anUnknownKindIsRefusedListingTheKnownOnes() {
    assertThatThrownBy(() -> Fault.parse("meltdown=3")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown fault 'meltdown=3': one of disk-errors=RATE, temperature=C, slow-disk=MS, cpu-load=FRACTION, power-off, "
            + "cage-power-off");
    assertThatThrownBy(() -> Fault.parse(null)).hasMessageStartingWith("unknown fault '':");
    assertThatThrownBy(() -> Fault.parse("")).hasMessageStartingWith("unknown fault '':");
    assertThatThrownBy(() -> Fault.parse("x\u001b[2Jy")).as("control characters are not echoed")
        .hasMessageStartingWith("unknown fault 'x?[2Jy':");
  }

  @Test
  void valuesOutsideTheirRangeAreRefusedAndTheBoundsAreAccepted() {
    for (String bad : List.of("disk-errors=-0.01", "disk-errors=1.01", "temperature=-50.5", "temperature=201",
        "slow-disk=-1", "slow-disk=60001", "disk-errors=1e400")) {
      assertThatThrownBy(() -> Fault.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("between");
    }
    assertThatThrownBy(() -> Fault.parse("disk-errors=2"))
        .hasMessage("disk-errors is a fraction between 0 and 1, not 2.0");
    for (String ok : List.of("disk-errors=0", "disk-errors=1", "temperature=-50", "temperature=200", "slow-disk=0",
        "slow-disk=60000")) {
      assertThat(Fault.parse(ok)).as(ok).isNotNull();
    }
  }

  @Test
  void aFaultNeedsAKind() {
    assertThatThrownBy(() -> new Fault(null, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a fault needs a kind");
  }

  @Test
  void toStringWritesWholeValuesWithoutADecimalPointAndParsesBackToTheSameFault() {
    assertThat(Fault.parse("temperature=95.0")).hasToString("temperature=95");
    assertThat(Fault.parse("slow-disk=1500")).hasToString("slow-disk=1500");
    assertThat(Fault.parse("disk-errors=0.25")).hasToString("disk-errors=0.25");
    assertThat(Fault.parse("temperature=-12.5")).hasToString("temperature=-12.5");
    assertThat(Fault.parse("cage-power-off")).hasToString("cage-power-off");
    for (String t : List.of("disk-errors=0.25", "disk-errors=1", "disk-errors=0.0000001", "temperature=-50",
        "temperature=99.95", "slow-disk=60000", "slow-disk=0.5", "power-off", "cage-power-off")) {
      Fault f = Fault.parse(t);
      assertThat(Fault.parse(f.toString())).as(t).isEqualTo(f);
    }
  }

  record Holder(Fault fault) {}

  @Test
  void travelsAsItsTextInJacksonCborAsInsideAMessage() throws Exception {
    // as Pekko's jackson-cbor serializer: CBOR, parameter names (the build keeps them)
    ObjectMapper cbor = new ObjectMapper(new CBORFactory()).registerModule(new ParameterNamesModule());
    ObjectMapper json = new ObjectMapper().registerModule(new ParameterNamesModule());
    Fault f = Fault.parse("disk-errors=0.25");
    assertThat(json.writeValueAsString(f)).isEqualTo("\"disk-errors=0.25\"");
    assertThat(cbor.readValue(cbor.writeValueAsBytes(new Holder(f)), Holder.class)).isEqualTo(new Holder(f));
    assertThat(json.readValue("{\"fault\":\"power-off\"}", Holder.class).fault())
        .isEqualTo(new Fault(Kind.POWER_OFF, 0));
  }
}
