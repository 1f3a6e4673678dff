package io.workflowresult.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflowresult.config.AppConfig.LogFormat;
import io.workflowresult.testing.TestConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogFormatConfigurerTest {
  private final RootAppenders appenders = new RootAppenders();
  private final Logger root = appenders.root;

  private final Logger service =
      ((LoggerContext) LoggerFactory.getILoggerFactory())
          .getLogger(LogFormatConfigurer.SERVICE_LOGGERS);
  private Level serviceLevel;

  @BeforeEach
  void remember() {
    serviceLevel = service.getLevel();
  }

  @AfterEach
  void restore() {
    service.setLevel(serviceLevel);
    appenders.restore();
  }

  @Test
  void jsonReplacesTheAppendersWithJsonLines() {
    LogFormatConfigurer.apply(LogFormat.JSON);

    List<Appender<ILoggingEvent>> now = appenders.now();
    assertThat(now).singleElement().isInstanceOf(ConsoleAppender.class);
    ConsoleAppender<ILoggingEvent> json = (ConsoleAppender<ILoggingEvent>) now.get(0);
    assertThat(json.getName()).isEqualTo(LogFormatConfigurer.JSON_APPENDER);
    assertThat(json.getEncoder()).isInstanceOf(JsonLineEncoder.class);
  }

  @Test
  void jsonLinesCarryTheFinishedMessageNotTheTemplate() throws Exception {
    LogFormatConfigurer.apply(LogFormat.JSON);
    ConsoleAppender<ILoggingEvent> json =
        (ConsoleAppender<ILoggingEvent>) root.getAppender(LogFormatConfigurer.JSON_APPENDER);
    ch.qos.logback.classic.spi.LoggingEvent event =
        new ch.qos.logback.classic.spi.LoggingEvent(
            Logger.class.getName(),
            service,
            Level.WARN,
            "app.id = {}, roles = {}",
            new IllegalStateException("boom"),
            new Object[] {"wrp", "[INTAKE]"});

    String line = new String(json.getEncoder().encode(event), StandardCharsets.UTF_8);

    assertThat(line).endsWith(System.lineSeparator());
    assertThat(line.strip()).as("one line").doesNotContain("\n");
    JsonNode fields = new ObjectMapper().readTree(line);
    assertThat(fields.path("message").asText()).isEqualTo("app.id = wrp, roles = [INTAKE]");
    assertThat(fields.path("level").asText()).isEqualTo("WARN");
    assertThat(fields.path("logger").asText()).isEqualTo(LogFormatConfigurer.SERVICE_LOGGERS);
    assertThat(fields.path("exception").asText())
        .startsWith("java.lang.IllegalStateException: boom");
    assertThat(fields.has("arguments")).as("no arguments array").isFalse();
  }

  @Test
  void loggingLevelSetsTheServiceLoggers() {
    LogFormatConfigurer.apply(TestConfig.defaults().set("logging.level", "debug").build());

    assertThat(LoggerFactory.getLogger(ExitCodes.class).isDebugEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("org.apache.kafka.clients").isDebugEnabled()).isFalse();
  }

  @Test
  void textKeepsTheConfiguredAppenders() {
    LogFormatConfigurer.apply(LogFormat.TEXT);

    List<Appender<ILoggingEvent>> now = appenders.now();
    assertThat(now).containsExactlyElementsOf(appenders.original);
  }
}
