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
 * {@code cli} reaches the simulator and the demo. The benchmark harness ({@code bench}) is a named
 * exception: it drives the API with the bare HTTP client (the limit the service is measured against
 * must not go through the service's client) and serves the simulator over HTTP/2 with Jetty;
 * nothing reaches it, and nothing else uses Jetty.
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
        .resideOutsideOfPackages("io.workflowresult.api..", "io.workflowresult.bench..")
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
        .and()
        .resideOutsideOfPackage("io.workflowresult.bench..")
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

  @Test
  void nothingReachesTheBenchmarkHarness() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.workflowresult.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.workflowresult.bench..")
        .because("the benchmark is started on its own (scripts/bench.sh), never by the service")
        .check(classes);
  }

  @Test
  void onlyTheBenchmarkUsesJetty() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.workflowresult.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.eclipse.jetty..")
        .because("Jetty is provided scope: absent from the service's jar and class path")
        .check(classes);
  }
}
