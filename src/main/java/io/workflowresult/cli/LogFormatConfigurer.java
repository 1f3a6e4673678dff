package io.workflowresult.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.workflowresult.config.AppConfig.LogFormat;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code logging.format} once at start-up: {@code text} keeps logback.xml's appender;
 * {@code json} replaces the root logger's appenders with one writing JSON lines to stderr.
 */
public final class LogFormatConfigurer {
  static final String JSON_APPENDER = "JSON";

  private LogFormatConfigurer() {}

  /** Switches the log format; does nothing when logback is not the SLF4J backend. */
  public static void apply(LogFormat format) {
    if (format != LogFormat.JSON
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(JSON_APPENDER) != null) {
      return;
    }
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
    json.setName(JSON_APPENDER);
    json.setContext(context);
    json.setTarget("System.err");
    json.setEncoder(encoder);
    json.start();
    root.detachAndStopAllAppenders();
    root.addAppender(json);
  }
}
