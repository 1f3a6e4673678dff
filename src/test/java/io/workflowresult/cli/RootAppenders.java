package io.workflowresult.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The root logger's appenders as a test found them, put back after it changed them. */
final class RootAppenders {
  final Logger root =
      ((LoggerContext) LoggerFactory.getILoggerFactory())
          .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  final List<Appender<ILoggingEvent>> original = new ArrayList<>();

  RootAppenders() {
    root.iteratorForAppenders().forEachRemaining(original::add);
  }

  List<Appender<ILoggingEvent>> now() {
    List<Appender<ILoggingEvent>> now = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(now::add);
    return now;
  }

  void restore() {
    root.detachAndStopAllAppenders();
    original.forEach(
        a -> {
          a.start();
          root.addAppender(a);
        });
  }
}
