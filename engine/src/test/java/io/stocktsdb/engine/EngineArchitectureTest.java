package io.stocktsdb.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's package layers (docs/architecture.md, "Engine packages"), bottom to top. A package
 * may use the packages of lower layers only; packages of one layer do not use each other. A new
 * package must be given a layer here.
 */
@AnalyzeClasses(packages = "io.stocktsdb.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTest {
    private static final String E = "io.stocktsdb.engine";

    /** Bottom to top; each entry is one layer of peer packages. */
    private static final String[][] LAYERS = {
        {"error", "key", "figures"},      // leaves: error outcomes, keys and hash slots, figures for INFO
        {"filter"},                       // label filters (FILTER expressions) and their parser
        {"chunk"},                        // samples, value types, chunk codecs
        {"aggregate"},                    // aggregators, bucket aggregation, reducers
        {"business"},                     // business types and their column families
        {"rules"},                        // the compaction rule state machine
        {"series"},                       // a series: command API, sample state, rule fan-out
        {"storage"},                      // RocksDB, op log, key and value codecs
        {"keyspace"},                     // strings, TTL, scan, series registry
        {"compaction", "index", "batch", "kline"}, // rule wiring, label index, BATCH staging, K-line families
        {"query"},                        // query records, execution, merge, codec
        {""},                             // the Engine facade, recovery, checkpoints
    };

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.stocktsdb.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersPointDown = layers();

    @ArchTest
    static final ArchRule peersDoNotUseEachOther = peers();

    @ArchTest
    static final ArchRule everyPackageHasALayer = classes().should().resideInAnyPackage(allPackages())
            .because("every engine package needs a place in EngineArchitectureTest.LAYERS");

    @ArchTest
    static final ArchRule noServerProtocolOrNetty = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.stocktsdb.server..", "io.stocktsdb.resp..", "io.netty..")
            .because("the engine is a library with no network code (cluster.md)");

    private static String pkg(String name) {
        return name.isEmpty() ? E : E + "." + name + "..";
    }

    private static String[] allPackages() {
        return Arrays.stream(LAYERS).flatMap(Arrays::stream).map(EngineArchitectureTest::pkg).toArray(String[]::new);
    }

    private static ArchRule layers() {
        Architectures.LayeredArchitecture arch = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String[] layer : LAYERS) arch = arch.layer(layerName(layer)).definedBy(Arrays.stream(layer).map(EngineArchitectureTest::pkg).toArray(String[]::new));
        for (int i = 0; i < LAYERS.length; i++) {
            List<String> above = new ArrayList<>();
            for (int j = i + 1; j < LAYERS.length; j++) above.add(layerName(LAYERS[j]));
            if (above.isEmpty()) {
                arch = arch.whereLayer(layerName(LAYERS[i])).mayNotBeAccessedByAnyLayer();
            } else {
                arch = arch.whereLayer(layerName(LAYERS[i])).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
            }
        }
        return arch;
    }

    private static ArchRule peers() {
        List<ArchRule> rules = new ArrayList<>();
        for (String[] layer : LAYERS) {
            for (String a : layer) {
                for (String b : layer) {
                    if (!a.equals(b)) rules.add(noClasses().that().resideInAPackage(pkg(a)).should().dependOnClassesThat().resideInAPackage(pkg(b)));
                }
            }
        }
        return com.tngtech.archunit.lang.CompositeArchRule.of(rules);
    }

    private static String layerName(String[] layer) {
        return layer[0].isEmpty() ? "engine" : String.join("+", layer);
    }
}
