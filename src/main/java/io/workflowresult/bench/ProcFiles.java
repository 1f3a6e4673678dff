package io.workflowresult.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Linux's {@code /proc} tells of a process: its CPU time and memory. */
final class ProcFiles {
  /** Clock ticks per second of {@code /proc/PID/stat} ({@code getconf CLK_TCK}; 100 on Linux). */
  static final long TICKS_PER_SECOND = 100;

  private static final Pattern HWM = Pattern.compile("(?m)^VmHWM:\\s+(\\d+) kB");
  private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");

  private ProcFiles() {}

  /** User plus system CPU time, in ms, from a line of {@code /proc/PID/stat}. */
  static long cpuMs(String statLine) {
    // The command name (field 2) is in parentheses and may hold spaces: count from its end.
    String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" +");
    long utime = Long.parseLong(fields[11]);
    long stime = Long.parseLong(fields[12]);
    return (utime + stime) * 1000 / TICKS_PER_SECOND;
  }

  /** Peak resident set size ({@code VmHWM}) in kB, from {@code /proc/PID/status}. */
  static long peakRssKb(String status) {
    return kb(HWM, status);
  }

  /** Resident set size ({@code VmRSS}) in kB, from {@code /proc/PID/status}. */
  static long rssKb(String status) {
    return kb(RSS, status);
  }

  static long cpuMs(long pid) throws IOException {
    return cpuMs(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
  }

  static String status(long pid) throws IOException {
    return Files.readString(Path.of("/proc", Long.toString(pid), "status"));
  }

  /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} starts. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" +");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static long kb(Pattern pattern, String status) {
    Matcher m = pattern.matcher(status);
    if (!m.find()) {
      throw new IllegalArgumentException("no " + pattern.pattern() + " in the status");
    }
    return Long.parseLong(m.group(1));
  }
}
