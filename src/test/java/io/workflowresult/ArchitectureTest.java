package io.workflowresult;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering of the packages: only {@code api} talks HTTP to the API; only {@code ops}
 * binds metrics and serves endpoints ({@code simulator}, a test tool, may serve HTTP too); only
 * {@code cli} reaches the simulator and the demo.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the compiled main classes only: scanning the whole class path for the package is slow
            .importPath(Path.of("target", "classes"));
  }

  @Test
  void onlyApiUsesTheHttpClient() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.workflowresult.api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.net.http..")
        .because("the workflow API client is the one place that speaks HTTP to the API")
        .check(classes);
  }

  @Test
  void onlyOpsUsesMicrometer() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.workflowresult.ops..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.micrometer..")
        .because("domain code talks to a small metrics interface; ops binds it to Micrometer")
        .check(classes);
  }

  @Test
  void onlyOpsAndTheSimulatorServeHttp() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.workflowresult.ops..", "io.workflowresult.simulator..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.sun.net.httpserver..")
        .because("ops serves the service's endpoints; the simulator is a test tool")
        .check(classes);
  }

  @Test
  void onlyTheCommandLineReachesTheSimulatorAndTheDemo() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.workflowresult.cli..", "io.workflowresult.simulator..", "io.workflowresult.demo..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.workflowresult.simulator..", "io.workflowresult.demo..")
        .because("the simulator and the demo are tools, started from the command line only")
        .check(classes);
  }

  @Test
  void theSimulatorAndTheDemoStayApartFromEachOther() {
    noClasses()
        .that()
        .resideInAPackage("io.workflowresult.simulator..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.workflowresult.demo..")
        .check(classes);
  }
}
