package io.workflowresult.config;

import io.workflowresult.config.AppConfig.Role;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Reads {@code --role}: {@code all}, or a comma-separated list of intake, resolver, aggregator. */
public final class Roles {
  private Roles() {}

  /**
   * The roles {@code text} names; {@code all} (any case) is every role.
   *
   * @throws ConfigException naming {@code --role} when a part is unknown or the list is empty
   */
  public static Set<Role> parse(String text) {
    String accepts = "--role must be all or a comma-separated list of intake, resolver, aggregator";
    if (text == null || text.isBlank()) {
      throw new ConfigException("--role", accepts + ", got nothing");
    }
    if (text.trim().equalsIgnoreCase("all")) {
      return Role.ALL;
    }
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : text.split(",", -1)) {
      String p = part.trim().toUpperCase(Locale.ROOT);
      try {
        roles.add(Role.valueOf(p));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--role", accepts + ", got " + text.trim());
      }
    }
    return Set.copyOf(roles);
  }
}
