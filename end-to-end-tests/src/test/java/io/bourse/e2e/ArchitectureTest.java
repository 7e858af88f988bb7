package io.bourse.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module boundaries: services meet only through shared-events and the shared platform. */
class ArchitectureTest {

    private static final JavaClasses BOURSE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.bourse");

    @Test
    void noServiceDependsOnAnotherService() {
        noClasses().that().resideInAPackage("io.bourse.order..")
                .should().dependOnClassesThat().resideInAnyPackage("io.bourse.portfolio..", "io.bourse.settlement..")
                .check(BOURSE);
        noClasses().that().resideInAPackage("io.bourse.portfolio..")
                .should().dependOnClassesThat().resideInAnyPackage("io.bourse.order..", "io.bourse.settlement..")
                .check(BOURSE);
        noClasses().that().resideInAPackage("io.bourse.settlement..")
                .should().dependOnClassesThat().resideInAnyPackage("io.bourse.order..", "io.bourse.portfolio..")
                .check(BOURSE);
    }

    @Test
    void servicesUseOnlySharedEventsAndThePlatformOfBourse() {
        classes().that().resideInAnyPackage("io.bourse.order..", "io.bourse.portfolio..", "io.bourse.settlement..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("io.bourse.infrastructure..")
                .check(BOURSE);
    }

    @Test
    void sharedEventsCarryNoSpringAndNoInfrastructure() {
        classes().that().resideInAPackage("io.bourse.events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.bourse.events..", "java..",
                        "org.axonframework.modelling.command..", "org.axonframework.serialization..")
                .check(BOURSE);
    }

    @Test
    void thePlatformKnowsNoService() {
        noClasses().that().resideInAPackage("io.bourse.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.bourse.order..", "io.bourse.portfolio..",
                        "io.bourse.settlement..")
                .check(BOURSE);
    }

    @Test
    void theTradingScreenKnowsNoServiceItCallsOnlyTheirApi() {
        noClasses().that().resideInAPackage("io.bourse.screen..")
                .should().dependOnClassesThat().resideInAnyPackage("io.bourse.order..", "io.bourse.portfolio..",
                        "io.bourse.settlement..", "io.bourse.events..")
                .check(BOURSE);
    }

    @Test
    void everyProjectionNamesItsProcessingGroup() {
        classes().that().haveSimpleNameEndingWith("Projection")
                .should().beAnnotatedWith(org.axonframework.config.ProcessingGroup.class)
                .check(BOURSE);
    }
}
