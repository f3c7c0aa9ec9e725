package dci.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dci.actors.feature.Feature;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.http.javadsl.server.AllDirectives;

/**
 * The shape of the code, checked on every build: the modules depend one way
 * ({@code protocol <- hardware <- actors <- storage <- app}), actors never serve HTTP, route
 * classes hold no domain work (no files, no processes) and belong to their feature's package,
 * there is no shared HTTP folder, and features do not know each other.
 */
@AnalyzeClasses(packages = "dci", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule modulesDependOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("protocol").definedBy("dci.protocol..")
      .layer("hardware").definedBy("dci.hardware..")
      .layer("actors").definedBy("dci.actors..")
      .layer("storage").definedBy("dci.storage..")
      .layer("app").definedBy("dci.app..")
      .whereLayer("app").mayNotBeAccessedByAnyLayer()
      .whereLayer("storage").mayOnlyBeAccessedByLayers("app")
      .whereLayer("actors").mayOnlyBeAccessedByLayers("storage", "app")
      .whereLayer("hardware").mayOnlyBeAccessedByLayers("actors", "storage", "app");

  @ArchTest
  static final ArchRule actorsDoNotServeHttp = noClasses().that().areAssignableTo(AbstractBehavior.class)
      .should().dependOnClassesThat().resideInAPackage("org.apache.pekko.http.javadsl.server..")
      .because("an actor's protocol is its messages; routes translate HTTP into them");

  @ArchTest
  static final ArchRule routesHoldNoDomainWork = noClasses().that().areAssignableTo(AllDirectives.class)
      .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
      .because("files and processes are the feature's domain code (Desk, Installer, stores), not its routes");

  @ArchTest
  static final ArchRule routesAreTheirFeaturesOwn = classes().that().areAssignableTo(AllDirectives.class)
      .and().haveSimpleNameEndingWith("Routes")
      .should(onlyBeUsedInTheirPackageOrByAFeature())
      .because("a feature's routes are offered by its Feature, never wired in by another package");

  @ArchTest
  static final ArchRule featuresDoNotKnowEachOther = classes().that().implement(Feature.class)
      .should(notUseAnotherFeature())
      .because("adding a feature touches no other: what one needs of another comes through Services");

  @ArchTest
  static final ArchRule noFeatureIsInTheHttpLayer = noClasses().should().resideInAPackage("dci.app.http..")
      .because("routes live beside their feature, not in one HTTP folder");

  private static ArchCondition<JavaClass> notUseAnotherFeature() {
    return new ArchCondition<>("not use another feature") {
      @Override
      public void check(JavaClass feature, ConditionEvents events) {
        feature.getDirectDependenciesFromSelf().forEach(d -> {
          JavaClass target = d.getTargetClass();
          if (!target.equals(feature) && !target.isInterface() && target.isAssignableTo(Feature.class)) {
            events.add(SimpleConditionEvent.violated(d, feature.getName() + " uses " + target.getName()));
          }
        });
      }
    };
  }

  private static ArchCondition<JavaClass> onlyBeUsedInTheirPackageOrByAFeature() {
    return new ArchCondition<>("only be used in their own package or by a feature") {
      @Override
      public void check(JavaClass routes, ConditionEvents events) {
        routes.getDirectDependenciesToSelf().forEach(d -> {
          JavaClass user = d.getOriginClass();
          if (!user.getPackageName().equals(routes.getPackageName()) && !user.isAssignableTo(Feature.class)) {
            events.add(SimpleConditionEvent.violated(d, user.getName() + " uses " + routes.getName()));
          }
        });
      }
    };
  }
}
