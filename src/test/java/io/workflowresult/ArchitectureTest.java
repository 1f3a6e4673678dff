package io.workflowresult;

import static com.tngtech.archunit.lang.conditions.ArchConditions.onlyHaveDependenciesWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the layering of the packages: no package cycle, at any depth; only {@code api} speaks HTTP
 * as a client; only {@code ops} binds metrics and serves endpoints ({@code simulator}, a test tool,
 * may serve HTTP too); only {@code cli} reaches the simulator and the demo; and each room uses only
 * the rooms its {@code package-info.java} names under "May use". The benchmark harness ({@code
 * bench}) is a named exception: it drives the API with the bare HTTP client (the limit the service
 * is measured against must not go through the service's client) and serves the simulator over
 * HTTP/2 with Jetty; nothing reaches it, and nothing else uses Jetty.
 */
class ArchitectureTest {
  private static final String ROOT = "io.workflowresult";
  private static final Path SOURCES = Path.of("src", "main", "java");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    if (classes != null) {
      return;
    }
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the compiled main classes only: scanning the whole class path for the package is slow
            .importPath(Path.of("target", "classes"));
  }

  @Test
  void noPackageDependsOnItselfThroughAnother() {
    // (**) makes every package a slice of its own: with (*).. resolver and resolver.politeness
    // would be one slice and a cycle between them would pass
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlyApiSpeaksHttpAsAClient() {
    noClasses()
        .that()
        .resideOutsideOfPackages(ROOT + ".api..", ROOT + ".bench..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.net.http..")
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(HttpURLConnection.class, URLConnection.class)
        .because(
            "api is the one place that speaks HTTP as a client: the workflow API client, and"
                + " BoundedGet for a peer's /costs and the demo's probe")
        .check(classes);
  }

  @Test
  void onlyOpsUsesMicrometer() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".ops..")
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
        .resideOutsideOfPackages(ROOT + ".ops..", ROOT + ".simulator..")
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
        .resideOutsideOfPackages(ROOT + ".cli..", ROOT + ".simulator..", ROOT + ".demo..")
        .and()
        .resideOutsideOfPackage(ROOT + ".bench..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + ".simulator..", ROOT + ".demo..")
        .because("the simulator and the demo are tools, started from the command line only")
        .check(classes);
  }

  @Test
  void theSimulatorAndTheDemoStayApartFromEachOther() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".simulator..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".demo..")
        .check(classes);
  }

  @Test
  void nothingReachesTheBenchmarkHarness() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".bench..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".bench..")
        .because("the benchmark is started on its own (scripts/bench.sh), never by the service")
        .check(classes);
  }

  @Test
  void onlyTheBenchmarkUsesJetty() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".bench..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.eclipse.jetty..")
        .because("Jetty is provided scope: absent from the service's jar and class path")
        .check(classes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rooms")
  void eachRoomUsesOnlyTheRoomsItsPackageInfoNames(String room) throws IOException {
    Set<String> allowed = mayUse(room);
    DescribedPredicate<Dependency> permitted =
        DescribedPredicate.describe(
            "the target is in "
                + (allowed == null ? "any room" : "a room it may use " + allowed)
                + " or outside the project",
            d -> {
              String target = packageOf(d.getTargetClass());
              return !isProject(target)
                  || target.equals(room)
                  || allowed == null
                  || allowed.contains(target);
            });
    classes()
        .that()
        .resideInAPackage(room)
        .should(onlyHaveDependenciesWhere(permitted))
        .because("package-info.java of " + room + " says what it may use")
        .check(classes);
  }

  /** Every package with main classes is a room, and each must say what it may use. */
  static Stream<String> rooms() {
    importClasses();
    return classes.stream().map(c -> c.getPackageName()).filter(p -> !p.equals(ROOT)).distinct();
  }

  /** The rooms named after "May use:" in {@code room}'s package-info; null for "every room". */
  private static Set<String> mayUse(String room) throws IOException {
    Path info = SOURCES.resolve(room.replace('.', '/')).resolve("package-info.java");
    assertThat(info).as("every room has a package-info.java saying what it may use").exists();
    String text = Files.readString(info);
    int at = text.indexOf("May use:");
    assertThat(at).as("%s has a 'May use:' paragraph", info).isNotNegative();
    String rule = text.substring(at, text.indexOf("*/", at));
    if (rule.contains("every room")) {
      return null;
    }
    Set<String> rooms = new TreeSet<>();
    Matcher named = Pattern.compile("\\{@code[\\s*]+([a-z.]+)}").matcher(rule);
    while (named.find()) {
      rooms.add(ROOT + "." + named.group(1));
    }
    assertThat(!rooms.isEmpty() || rule.contains("nothing of the project"))
        .as("%s names rooms, 'every room' or 'nothing of the project' after 'May use:'", info)
        .isTrue();
    return rooms;
  }

  private static String packageOf(JavaClass c) {
    return c.getBaseComponentType().getPackageName();
  }

  private static boolean isProject(String pkg) {
    return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".");
  }
}
