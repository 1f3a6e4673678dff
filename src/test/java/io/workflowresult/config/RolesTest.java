package io.workflowresult.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workflowresult.config.AppConfig.Role;
import org.junit.jupiter.api.Test;

class RolesTest {
  @Test
  void allIsEveryRole() {
    assertThat(Roles.parse("all")).isEqualTo(Role.ALL);
    assertThat(Roles.parse("ALL")).isEqualTo(Role.ALL);
  }

  @Test
  void commaSeparatedList() {
    assertThat(Roles.parse("intake, resolver"))
        .containsExactlyInAnyOrder(Role.INTAKE, Role.RESOLVER);
    assertThat(Roles.parse("aggregator")).containsExactly(Role.AGGREGATOR);
  }

  @Test
  void unknownRoleNamesTheOption() {
    assertThatThrownBy(() -> Roles.parse("intake,reslover"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "--role must be all or a comma-separated list of intake, resolver, aggregator,"
                + " got intake,reslover");
  }

  @Test
  void emptyPartIsRejected() {
    assertThatThrownBy(() -> Roles.parse("intake,")).isInstanceOf(ConfigException.class);
  }
}
