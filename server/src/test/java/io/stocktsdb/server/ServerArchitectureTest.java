package io.stocktsdb.server;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import java.util.Set;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The server's package layers (docs/architecture.md), bottom to top: leaves (config, stats,
 * client, csv), the cluster topology and routing (cluster), acl rules, connection state (net), the command table (command), INFO sections
 * (info), the core that dispatches (the root package), command families (command.*), and the
 * transport, metrics and bootstrap that wire it all together.
 */
@AnalyzeClasses(packages = "io.stocktsdb.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerArchitectureTest {
    private static final String ROOT = "io.stocktsdb.server";

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.stocktsdb.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Leaves").definedBy(ROOT + ".config..", ROOT + ".stats..", ROOT + ".client..", ROOT + ".csv..", ROOT + ".migrate..", ROOT + ".commanddocs..", ROOT + ".progress..")
            .layer("Cluster").definedBy(ROOT + ".cluster..")
            .layer("Acl").definedBy(ROOT + ".acl..")
            .layer("Net").definedBy(ROOT + ".net..")
            .layer("CommandTable").definedBy(ROOT + ".command")
            .layer("Info").definedBy(ROOT + ".info..")
            .layer("Core").definedBy(ROOT)
            .layer("Families").definedBy(ROOT + ".command.*..")
            .layer("Transport").definedBy(ROOT + ".transport..")
            .layer("Metrics").definedBy(ROOT + ".metrics..")
            .layer("Cli").definedBy(ROOT + ".cli..")
            .layer("Replication").definedBy(ROOT + ".replication..")
            .layer("Boot").definedBy(ROOT + ".boot..")
            .whereLayer("Boot").mayNotBeAccessedByAnyLayer()
            .whereLayer("Replication").mayOnlyBeAccessedByLayers("Boot")
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("Boot")
            .whereLayer("Metrics").mayOnlyBeAccessedByLayers("Boot")
            .whereLayer("Transport").mayOnlyBeAccessedByLayers("Boot")
            .whereLayer("Families").mayOnlyBeAccessedByLayers("Families", "Boot")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Families", "Transport", "Metrics", "Replication", "Boot")
            .whereLayer("Info").mayOnlyBeAccessedByLayers("Core", "Families", "Boot")
            .whereLayer("CommandTable").mayOnlyBeAccessedByLayers("Info", "Core", "Families", "Transport", "Metrics", "Replication", "Boot")
            .whereLayer("Net").mayOnlyBeAccessedByLayers("CommandTable", "Info", "Core", "Families", "Transport", "Metrics", "Replication", "Boot")
            .whereLayer("Cluster").mayOnlyBeAccessedByLayers("Net", "CommandTable", "Info", "Core", "Families", "Transport", "Metrics", "Replication", "Boot")
            .whereLayer("Acl").mayOnlyBeAccessedByLayers("Net", "CommandTable", "Core", "Families", "Transport", "Replication", "Boot");

    @ArchTest
    static final ArchRule transportDoesNotKnowCommandFamilies = noClasses().that().resideInAnyPackage(ROOT + ".transport..", ROOT + ".net..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".command.*..");

    @ArchTest
    static final ArchRule aclRulesKnowNeitherHandlersNorConnections = noClasses().that().resideInAPackage(ROOT + ".acl..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT, ROOT + ".command..", ROOT + ".net..");

    /**
     * The server reaches the engine through its facade (Engine, Keyspace, Series' command API,
     * the query, K-line, batch and compaction services, their value and result types), never its
     * internals: the maintenance doors (SeriesInternals, KeyspaceInternals), the rule state
     * machines, the compaction implementation, or storage beyond the figures and failures the
     * facade returns and throws.
     */
    @ArchTest
    static final ArchRule serverUsesTheEngineFacadeOnly = noClasses().that().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat(engineInternals())
            .because("the engine's internals are for the engine (docs/architecture.md, \"The engine API\")");

    private static DescribedPredicate<JavaClass> engineInternals() {
        // Storage types the server may see: figures for INFO (incl. what start-up did with a damaged
        // WAL), its exceptions, and the offline data check behind the `check` subcommand.
        Set<String> storageFacade = Set.of("RocksMemory", "RocksFigures", "DiskSpace", "StorageException", "WriteFailedException",
                "WalRecovery", "DataCheck");
        return DescribedPredicate.describe("engine internals", (JavaClass c) -> {
            String pkg = c.getPackageName();
            String name = c.getSimpleName().isEmpty() ? c.getName() : c.getSimpleName();
            String top = c.getName().contains("$") ? c.getName().substring(c.getName().lastIndexOf('.') + 1, c.getName().indexOf('$')) : name;
            if (pkg.equals("io.stocktsdb.engine.series") && top.equals("SeriesInternals")) return true;
            if (pkg.equals("io.stocktsdb.engine.keyspace") && top.equals("KeyspaceInternals")) return true;
            if (pkg.startsWith("io.stocktsdb.engine.rules")) return true;
            if (pkg.startsWith("io.stocktsdb.engine.compaction")) return !top.equals("CompactionService");
            if (pkg.startsWith("io.stocktsdb.engine.storage")) return !storageFacade.contains(top);
            return false;
        });
    }
}
