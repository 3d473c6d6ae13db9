package io.stocktsdb.common;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The lowest module: protocol and engine both use it, so it uses nothing but the JDK. */
@AnalyzeClasses(packages = "io.stocktsdb.common", importOptions = ImportOption.DoNotIncludeTests.class)
class CommonArchitectureTest {
    @ArchTest
    static final ArchRule usesOnlyTheJdk = classes().should().onlyDependOnClassesThat()
            .resideInAnyPackage("io.stocktsdb.common..", "java..");
}
