package cn.yuhao.care.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape the code keeps (docs/ARCHITECTURE.md): feature packages without cycles, routes → services → DAOs,
 * HTTP types only at the edge, SQL only in DAOs. Each rule is checked against the production classes only.
 */
class ArchitectureTest {
  static final String ROOT = "cn.yuhao.care";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  /** The HTTP edge: route classes, the http package, and the wiring that builds the server. */
  static final DescribedPredicate<JavaClass> HTTP_EDGE = DescribedPredicate.describe(
      "the HTTP edge",
      c -> c.getPackageName().equals(ROOT + ".http")
          || isRoutes(c)
          || c.getPackageName().equals(ROOT)
          || outer(c).getName().equals(ROOT + ".auth.AuthFilter"));

  /** Classes that hold SQL: the DAOs, and the database infrastructure in {@code db}. */
  static final DescribedPredicate<JavaClass> SQL_HOME = DescribedPredicate.describe(
      "a DAO or the db package", c -> isDao(c) || c.getPackageName().equals(ROOT + ".db"));

  private static boolean isRoutes(JavaClass c) {
    return outer(c).getSimpleName().endsWith("Routes");
  }

  private static boolean isDao(JavaClass c) {
    return outer(c).getSimpleName().endsWith("Dao");
  }

  private static boolean isService(JavaClass c) {
    return !isRoutes(c)
        && !isDao(c)
        && !c.getPackageName().equals(ROOT)
        && !c.getPackageName().equals(ROOT + ".http");
  }

  private static JavaClass outer(JavaClass c) {
    return c.getEnclosingClass().map(ArchitectureTest::outer).orElse(c);
  }

  /** Handle's methods that run SQL text. */
  private static final Set<String> SQL_METHODS = Set.of(
      "createQuery",
      "createUpdate",
      "execute",
      "select",
      "prepareBatch",
      "createBatch",
      "createScript",
      "createCall");

  static final ArchRule NO_CYCLES = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

  static final ArchRule ROUTES_CALL_SERVICES_NOT_DAOS = noClasses()
      .that(DescribedPredicate.describe("are routes", ArchitectureTest::isRoutes))
      .should()
      .dependOnClassesThat(DescribedPredicate.describe("are DAOs", ArchitectureTest::isDao));

  static final ArchRule SERVICES_DO_NOT_CALL_ROUTES = noClasses()
      .that(DescribedPredicate.describe("are below the routes", c -> isService(c) || isDao(c)))
      .should()
      .dependOnClassesThat(DescribedPredicate.describe("are routes", ArchitectureTest::isRoutes));

  /**
   * A DAO reads and writes rows and nothing else: besides its own package it may use the database and privacy
   * helpers, data types (records, enums, interfaces) and the data layer's scope filter and session cache; never a
   * service, the dashboard's counters or another feature's DAO.
   */
  static final ArchRule DAOS_CALL_NO_SERVICE = classes()
      .that(DescribedPredicate.describe("are DAOs", ArchitectureTest::isDao))
      .should(new ArchCondition<JavaClass>("depend only on rows and pure helpers") {
        @Override
        public void check(JavaClass dao, ConditionEvents events) {
          for (Dependency d : dao.getDirectDependenciesFromSelf()) {
            JavaClass raw = d.getTargetClass().getBaseComponentType();
            JavaClass target = outer(raw);
            String pkg = target.getPackageName();
            boolean service = target.getSimpleName().endsWith("Service") || isRoutes(target);
            boolean ok = !pkg.startsWith(ROOT)
                || pkg.equals(dao.getPackageName()) && !service
                || pkg.equals(ROOT + ".db")
                || pkg.equals(ROOT + ".privacy")
                || raw.isRecord()
                || raw.isEnum()
                || raw.isInterface()
                || DAO_HELPERS.contains(target.getName());
            if (!ok) {
              events.add(SimpleConditionEvent.violated(d, d.getDescription()));
            }
          }
        }
      });

  /** Pure helpers a DAO may call: the scope filter, the session cache it keeps true, value calculators. */
  private static final Set<String> DAO_HELPERS = Set.of(
      ROOT + ".auth.ScopeFilter",
      ROOT + ".auth.SessionCache",
      ROOT + ".checklist.CarePeriods",
      ROOT + ".volunteer.Stars",
      ROOT + ".region.Geo");

  static final ArchRule NO_JAVALIN_BELOW_ROUTES = noClasses()
      .that(DescribedPredicate.not(HTTP_EDGE))
      .should()
      .dependOnClassesThat()
      .resideInAPackage("io.javalin..");

  private static boolean runsSql(JavaMethodCall call) {
    return call.getTargetOwner().isAssignableTo(Handle.class)
        && SQL_METHODS.contains(call.getName());
  }

  static final ArchRule SQL_ONLY_IN_DAOS = noClasses()
      .that(DescribedPredicate.not(SQL_HOME))
      .should()
      .callMethodWhere(DescribedPredicate.describe(
          "it runs SQL text on a Jdbi Handle", ArchitectureTest::runsSql));

  @Test
  void feature_packages_have_no_cycles() {
    NO_CYCLES.check(classes);
  }

  @Test
  void routes_call_services_not_daos() {
    ROUTES_CALL_SERVICES_NOT_DAOS.check(classes);
  }

  @Test
  void services_and_daos_never_call_routes() {
    SERVICES_DO_NOT_CALL_ROUTES.check(classes);
  }

  @Test
  void daos_call_no_service() {
    DAOS_CALL_NO_SERVICE.check(classes);
  }

  @Test
  void no_javalin_types_below_the_routes() {
    NO_JAVALIN_BELOW_ROUTES.check(classes);
  }

  @Test
  void sql_lives_only_in_daos() {
    SQL_ONLY_IN_DAOS.check(classes);
  }
}
