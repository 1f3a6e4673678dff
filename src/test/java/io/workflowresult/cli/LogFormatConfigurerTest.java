package io.workflowresult.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import io.workflowresult.config.AppConfig.LogFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogFormatConfigurerTest {
  private final Logger root =
      ((LoggerContext) LoggerFactory.getILoggerFactory())
          .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<Appender<ILoggingEvent>> original = new ArrayList<>();

  @BeforeEach
  void remember() {
    root.iteratorForAppenders().forEachRemaining(original::add);
  }

  @AfterEach
  void restore() {
    root.detachAndStopAllAppenders();
    original.forEach(
        a -> {
          a.start();
          root.addAppender(a);
        });
  }

  @Test
  void jsonReplacesTheAppendersWithJsonLines() {
    LogFormatConfigurer.apply(LogFormat.JSON);

    List<Appender<ILoggingEvent>> now = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(now::add);
    assertThat(now).singleElement().isInstanceOf(ConsoleAppender.class);
    ConsoleAppender<ILoggingEvent> json = (ConsoleAppender<ILoggingEvent>) now.get(0);
    assertThat(json.getName()).isEqualTo(LogFormatConfigurer.JSON_APPENDER);
    assertThat(json.getEncoder()).isInstanceOf(JsonEncoder.class);
  }

  @Test
  void textKeepsTheConfiguredAppenders() {
    LogFormatConfigurer.apply(LogFormat.TEXT);

    List<Appender<ILoggingEvent>> now = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(now::add);
    assertThat(now).containsExactlyElementsOf(original);
  }
}
