package io.workflowresult.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workflowresult.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirLockTest {
  @TempDir Path tmp;

  @Test
  void aSecondClaimOfTheSameDirectoryIsRefusedWithOneLineNamingStateDir() throws Exception {
    Path dir = tmp.resolve("state");
    try (StateDirLock first = StateDirLock.acquire(dir)) {
      assertThat(first).isNotNull();
      assertThat(dir.resolve(StateDirLock.FILE_NAME)).exists();
      assertThatThrownBy(() -> StateDirLock.acquire(dir))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("state.dir " + dir.toAbsolutePath())
          .hasMessageContaining("in use by another running instance")
          .hasMessageNotContaining("\n")
          .extracting(e -> ((ConfigException) e).key())
          .isEqualTo("state.dir");
    }
  }

  @Test
  void aReleasedDirectoryCanBeClaimedAgainAndItsLockFileDoesNotBlock() throws Exception {
    Path dir = tmp.resolve("state");
    StateDirLock.acquire(dir).close();
    assertThat(dir.resolve(StateDirLock.FILE_NAME)).exists();
    try (StateDirLock again = StateDirLock.acquire(dir)) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsAConfigurationError() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain-file"), "x");
    assertThatThrownBy(() -> StateDirLock.acquire(file.resolve("state")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("state.dir " + file.resolve("state") + " cannot be used");
  }

  @Test
  void differentDirectoriesAreIndependent() throws Exception {
    try (StateDirLock a = StateDirLock.acquire(tmp.resolve("a"));
        StateDirLock b = StateDirLock.acquire(tmp.resolve("b"))) {
      assertThat(a).isNotSameAs(b);
    }
  }
}
