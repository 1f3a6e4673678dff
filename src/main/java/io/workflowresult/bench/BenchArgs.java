package io.workflowresult.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one harness tool: {@code --name value} pairs, then optionally {@code --} and a
 * command (the service's command line). Every name asked for must be there, or the tool stops with
 * a line naming it.
 */
final class BenchArgs {
  private final Map<String, String> options;
  private final List<String> command;

  private BenchArgs(Map<String, String> options, List<String> command) {
    this.options = options;
    this.command = command;
  }

  static BenchArgs parse(List<String> args) {
    Map<String, String> options = new HashMap<>();
    List<String> command = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        command.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!a.startsWith("--") || i + 1 >= args.size()) {
        throw new IllegalArgumentException("expected --name value, got " + a);
      }
      options.put(a.substring(2), args.get(++i));
    }
    return new BenchArgs(options, List.copyOf(command));
  }

  String text(String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return value;
  }

  String text(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  int integer(String name) {
    return Integer.parseInt(text(name));
  }

  int integer(String name, int fallback) {
    return options.containsKey(name) ? integer(name) : fallback;
  }

  /** The command after {@code --}; empty when there was none. */
  List<String> command() {
    return command;
  }
}
