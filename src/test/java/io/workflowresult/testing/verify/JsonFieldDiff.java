package io.workflowresult.testing.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Field-by-field difference of two JSON values. Numbers are compared exactly: integers by value,
 * decimals by value <em>and</em> scale ({@code 0.6928} differs from {@code 0.69280} and from {@code
 * 0.69279999999999997}), so any trip through binary floating point or reformatting shows.
 */
public final class JsonFieldDiff {
  private JsonFieldDiff() {}

  /** Differences as {@code path: expected X, got Y}; empty when equal. */
  public static List<String> diff(JsonNode expected, JsonNode actual) {
    return diff(expected, actual, Set.of());
  }

  /** As {@link #diff(JsonNode, JsonNode)}, ignoring the named top-level fields. */
  public static List<String> diff(JsonNode expected, JsonNode actual, Set<String> ignoredTopLevel) {
    List<String> out = new ArrayList<>();
    compare("", expected, actual, ignoredTopLevel, out);
    return out;
  }

  private static void compare(
      String path, JsonNode expected, JsonNode actual, Set<String> ignored, List<String> out) {
    if (expected == null || actual == null) {
      if (expected != actual) {
        out.add(label(path) + ": expected " + text(expected) + ", got " + text(actual));
      }
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      Set<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (path.isEmpty() && ignored.contains(name)) {
          continue;
        }
        JsonNode e = expected.get(name);
        JsonNode a = actual.get(name);
        String child = path.isEmpty() ? name : path + "." + name;
        if (e == null) {
          out.add(child + ": not expected, got " + text(a));
        } else if (a == null) {
          out.add(child + ": expected " + text(e) + ", missing");
        } else {
          compare(child, e, a, ignored, out);
        }
      }
      return;
    }
    if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        out.add(
            label(path)
                + ": expected an array of "
                + expected.size()
                + ", got one of "
                + actual.size());
        return;
      }
      Iterator<JsonNode> e = expected.elements();
      Iterator<JsonNode> a = actual.elements();
      for (int i = 0; e.hasNext(); i++) {
        compare(path + "[" + i + "]", e.next(), a.next(), ignored, out);
      }
      return;
    }
    if (!sameScalar(expected, actual)) {
      out.add(label(path) + ": expected " + text(expected) + ", got " + text(actual));
    }
  }

  private static boolean sameScalar(JsonNode expected, JsonNode actual) {
    if (expected.isNumber() && actual.isNumber()) {
      if (expected.isIntegralNumber() && actual.isIntegralNumber()) {
        return expected.bigIntegerValue().equals(actual.bigIntegerValue());
      }
      return expected.decimalValue().equals(actual.decimalValue());
    }
    return expected.getNodeType() == actual.getNodeType() && expected.equals(actual);
  }

  private static String label(String path) {
    return path.isEmpty() ? "(value)" : path;
  }

  private static String text(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    String s = node.toString();
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
