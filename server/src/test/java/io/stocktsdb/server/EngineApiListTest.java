package io.stocktsdb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine API list of {@link ServerArchitectureTest} names real types and tells API from internals. */
class EngineApiListTest {
    private static boolean outside(Class<?> c) {
        JavaClass jc = new ClassFileImporter().importClass(c);
        return ServerArchitectureTest.outsideTheEngineApi().test(jc);
    }

    @Test
    void everyListedTypeExists() throws ClassNotFoundException {
        for (Map.Entry<String, Set<String>> e : ServerArchitectureTest.API_TYPES.entrySet()) {
            for (String name : e.getValue()) Class.forName(e.getKey() + "." + name);
        }
    }

    @Test
    void internalsAreOutsideAndTheFacadeInside() throws ClassNotFoundException {
        assertThat(outside(Class.forName("io.stocktsdb.engine.storage.OpLog"))).isTrue();
        assertThat(outside(Class.forName("io.stocktsdb.engine.index.SeriesIndex"))).isTrue();
        assertThat(outside(Class.forName("io.stocktsdb.engine.series.SeriesInternals"))).isTrue();
        assertThat(outside(Class.forName("io.stocktsdb.engine.keyspace.KeyspaceInternals"))).isTrue();
        assertThat(outside(Class.forName("io.stocktsdb.engine.rules.CompactionRule"))).isTrue();
        assertThat(outside(io.stocktsdb.engine.Engine.class)).isFalse();
        assertThat(outside(io.stocktsdb.engine.query.RangeQuery.class)).isFalse();
        assertThat(outside(io.stocktsdb.engine.series.Series.class)).isFalse();
        assertThat(outside(io.stocktsdb.engine.Engine.CheckpointState.class)).isFalse();
        assertThat(outside(io.stocktsdb.engine.figures.WalRecovery.class)).isFalse();
        assertThat(outside(String.class)).isFalse();
    }
}
