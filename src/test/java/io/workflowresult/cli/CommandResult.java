package io.workflowresult.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** What a command line run printed, and its exit code. */
record CommandResult(int exitCode, String out, String err) {

  static CommandResult run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CommandResult(code, out.toString(), err.toString());
  }

  static CommandResult run(picocli.CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CommandResult(code, out.toString(), err.toString());
  }

  List<String> errLines() {
    return err.lines().toList();
  }
}
