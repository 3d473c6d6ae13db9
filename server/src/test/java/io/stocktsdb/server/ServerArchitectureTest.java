package io.stocktsdb.server;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import java.util.Map;
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
 * client, csv, migrate, console), the cluster topology and routing (cluster), acl rules, connection state (net), the command table (command), INFO sections
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
            .layer("Leaves").definedBy(ROOT + ".config..", ROOT + ".stats..", ROOT + ".client..", ROOT + ".csv..", ROOT + ".migrate..",
                    ROOT + ".console..", ROOT + ".commanddocs..", ROOT + ".progress..")
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
     * The server reaches the engine through its API only (docs/architecture.md, "The engine API"):
     * every public type of the API packages (the {@code Engine} facade and its configuration, keys,
     * errors, figures for INFO, label filters, queries, K-lines), plus the listed types of the
     * other packages that the facade's methods take or return. Anything else (series and keyspace
     * internals, rules, chunks, codecs, the op log, RocksDB: all of storage) is the engine's own. A
     * new type here is an API decision: add it to the list on purpose, or add a facade method.
     */
    @ArchTest
    static final ArchRule serverUsesTheEngineApiOnly = noClasses().that().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat(outsideTheEngineApi())
            .because("the engine's internals are for the engine (docs/architecture.md, \"The engine API\")");

    static final String ENGINE = "io.stocktsdb.engine";

    /** Packages made for callers: all their public types are API. */
    static final Set<String> API_PACKAGES = Set.of(ENGINE, ENGINE + ".key", ENGINE + ".error", ENGINE + ".figures", ENGINE + ".filter",
            ENGINE + ".query", ENGINE + ".kline");

    /** Types of the engine's other packages that the facade takes or returns (by package, top-level names). */
    static final Map<String, Set<String>> API_TYPES = Map.of(
            ENGINE + ".keyspace", Set.of("Keyspace", "KeyDumps", "KeyType", "SetMode", "SetOutcome", "GetExOutcome", "ExpireCondition",
                    "ExpireOutcome", "RenameOutcome", "ScanResult", "KeyChangeListener", "ExpiryListener"),
            ENGINE + ".series", Set.of("Series", "SeriesOptions", "SeriesInfo", "ChunkInfo", "RuleSpec", "AddResult", "MultiAdd", "RangeSnapshot"),
            ENGINE + ".chunk", Set.of("Sample", "SampleCursor", "ValueType", "DuplicatePolicy", "ChunkEncoding"),
            ENGINE + ".aggregate", Set.of("Aggregator", "Reducer", "BucketTimestamp"),
            ENGINE + ".batch", Set.of("PointWriter", "BatchJournal", "StagedPoint"),
            ENGINE + ".business", Set.of("BusinessType", "BusinessStats"),
            ENGINE + ".compaction", Set.of("CompactionService"));

    static DescribedPredicate<JavaClass> outsideTheEngineApi() {
        return DescribedPredicate.describe("engine types outside its API", (JavaClass type) -> {
            JavaClass c = type.isArray() ? type.getBaseComponentType() : type; // Series[] is as API as Series
            String pkg = c.getPackageName();
            if (!pkg.equals(ENGINE) && !pkg.startsWith(ENGINE + ".")) return false;
            if (API_PACKAGES.contains(pkg)) return false;
            String simple = c.getName().substring(pkg.length() + 1);
            String top = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
            return !API_TYPES.getOrDefault(pkg, Set.of()).contains(top);
        });
    }
}
