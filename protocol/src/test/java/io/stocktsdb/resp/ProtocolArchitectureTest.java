package io.stocktsdb.resp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The protocol module is RESP only: it knows neither the storage engine nor the server. */
@AnalyzeClasses(packages = "io.stocktsdb.resp", importOptions = ImportOption.DoNotIncludeTests.class)
class ProtocolArchitectureTest {
    @ArchTest
    static final ArchRule importsNeitherEngineNorServer = noClasses().that().resideInAPackage("io.stocktsdb.resp..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stocktsdb.engine..", "io.stocktsdb.server..");
}
