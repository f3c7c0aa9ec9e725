package dci.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RoleTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void parsesTheWireNamesCaseInsensitively() {
    assertThat(Role.parse("admin")).isEqualTo(Role.ADMIN);
    assertThat(Role.parse("OPERATOR")).isEqualTo(Role.OPERATOR);
    assertThat(Role.parse(" Viewer ")).isEqualTo(Role.VIEWER);
  }

  @Test
  void refusesUnknownRolesNamingTheChoices() {
    for (String bad : new String[] {"root", "", "admins", "superuser"}) {
      assertThatThrownBy(() -> Role.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected one of admin, operator, viewer");
    }
    assertThatThrownBy(() -> Role.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachRoleIncludesTheRightsOfTheWeakerOnes() {
    assertThat(Role.ADMIN.atLeast(Role.ADMIN)).isTrue();
    assertThat(Role.ADMIN.atLeast(Role.OPERATOR)).isTrue();
    assertThat(Role.ADMIN.atLeast(Role.VIEWER)).isTrue();
    assertThat(Role.OPERATOR.atLeast(Role.ADMIN)).isFalse();
    assertThat(Role.OPERATOR.atLeast(Role.OPERATOR)).isTrue();
    assertThat(Role.OPERATOR.atLeast(Role.VIEWER)).isTrue();
    assertThat(Role.VIEWER.atLeast(Role.ADMIN)).isFalse();
    assertThat(Role.VIEWER.atLeast(Role.OPERATOR)).isFalse();
    assertThat(Role.VIEWER.atLeast(Role.VIEWER)).isTrue();
  }

  @Test
  void travelsInJsonAsItsLowerCaseWireName() throws Exception {
    for (Role r : Role.values()) {
      assertThat(r.wireName()).isEqualTo(r.name().toLowerCase());
      assertThat(json.writeValueAsString(r)).isEqualTo("\"" + r.wireName() + "\"");
      assertThat(json.readValue("\"" + r.wireName() + "\"", Role.class)).isEqualTo(r);
    }
    assertThat(json.readValue("\"Operator\"", Role.class)).isEqualTo(Role.OPERATOR);
  }

  @Test
  void aUserRecordCarriesItsRoleByWireName() throws Exception {
    UserRecord u = new UserRecord("alice", "local", Role.OPERATOR,
        new PasswordHash("PBKDF2WithHmacSHA256", 1000, "c2FsdA==", "aGFzaA=="), 2, 1_700_000_000_000L);
    String text = json.writeValueAsString(u);
    assertThat(text).contains("\"role\":\"operator\"").doesNotContain("OPERATOR");
    assertThat(json.readValue(text, UserRecord.class)).isEqualTo(u);
  }

  @Test
  void anUnknownRoleInJsonIsRefused() {
    assertThatThrownBy(() -> json.readValue("\"root\"", Role.class))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining("expected one of admin, operator, viewer");
  }
}
