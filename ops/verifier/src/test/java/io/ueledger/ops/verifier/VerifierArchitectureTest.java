package io.ueledger.ops.verifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * An auditor runs the verifier offline with {@code java -jar}, trusting only what it can read: the
 * kernel's rules and the bundle. So it builds on the kernel, the JDK, Jackson (to read the bundle's
 * JSON) and BouncyCastle (Ed25519, through the kernel's checkpoint signatures), and on nothing of the
 * server, Spring or Axon's machinery.
 */
@AnalyzeClasses(packages = "io.ueledger", importOptions = ImportOption.DoNotIncludeTests.class)
class VerifierArchitectureTest {

    @ArchTest
    static final ArchRule verifier_depends_only_on_the_kernel_the_jdk_jackson_and_bouncycastle =
            classes().that().resideInAPackage("io.ueledger.ops.verifier..")
                    .should().onlyDependOnClassesThat().resideInAnyPackage(
                            "io.ueledger.ops.verifier..", "io.ueledger.kernel..", "java..",
                            "com.fasterxml.jackson..", "org.bouncycastle..");

    @ArchTest
    static final ArchRule verifier_has_no_spring_and_no_server_code =
            noClasses().that().resideInAPackage("io.ueledger.ops.verifier..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.springframework..", "org.axonframework..", "io.ueledger.command..",
                            "io.ueledger.query..", "io.ueledger.ops.security..", "io.ueledger.ops.console..",
                            "io.ueledger.ops.simulator..");

    /**
     * Exceptions are named for what went wrong, as a noun ({@code UnknownEnrollment}, {@code ClosedEnrollment},
     * {@code ExportRefused}), never with an {@code Exception} suffix: docs/developers/architecture.md,
     * "Naming exceptions". The verifier has none today; this guards the ones it may grow.
     */
    @ArchTest
    static final ArchRule verifier_exceptions_are_named_for_what_went_wrong =
            noClasses().that().resideInAPackage("io.ueledger.ops.verifier..").and().areAssignableTo(Throwable.class)
                    .should().haveSimpleNameEndingWith("Exception")
                    .allowEmptyShould(true);

    /**
     * Features (first-level packages, with their sub-packages) do not depend on each other in circles.
     * The verifier is one package today, so these two guard the sub-packages it may grow.
     */
    @ArchTest
    static final ArchRule verifier_features_are_free_of_cycles =
            slices().matching("io.ueledger.ops.verifier.(*)..").should().beFreeOfCycles().allowEmptyShould(true);

    /** Nor do single packages, e.g. a feature and its {@code web} sub-package. */
    @ArchTest
    static final ArchRule verifier_packages_are_free_of_cycles =
            slices().matching("io.ueledger.ops.verifier.(**)").should().beFreeOfCycles().allowEmptyShould(true);
}
