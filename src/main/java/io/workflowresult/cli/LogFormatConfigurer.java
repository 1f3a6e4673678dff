package io.workflowresult.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.workflowresult.config.AppConfig;
import io.workflowresult.config.AppConfig.LogFormat;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code logging.format} and {@code logging.level} once at start-up: {@code text} keeps
 * logback.xml's appender; {@code json} replaces the root logger's appenders with one writing JSON
 * lines ({@link JsonLineEncoder}) to stderr. The level is that of the service's own loggers ({@code
 * io.workflowresult}); Kafka's keep logback.xml's.
 */
public final class LogFormatConfigurer {
  static final String JSON_APPENDER = "JSON";
  static final String SERVICE_LOGGERS = "io.workflowresult";

  private LogFormatConfigurer() {}

  /** Applies the format and level of {@code config}; nothing when logback is not the backend. */
  public static void apply(AppConfig config) {
    apply(config.loggingFormat());
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      Level level = Level.toLevel(config.loggingLevel().name(), Level.INFO);
      context.getLogger(SERVICE_LOGGERS).setLevel(level);
    }
  }

  /** Switches the log format; does nothing when logback is not the SLF4J backend. */
  static void apply(LogFormat format) {
    if (format != LogFormat.JSON
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(JSON_APPENDER) != null) {
      return;
    }
    JsonLineEncoder encoder = new JsonLineEncoder();
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
