package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.server.command.CommandSpec;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Meta test: every TS.* and KLINE.* command the server registers has an integration test ({@link Covers}). */
class TsCommandCoverageIT {

    @Test
    void everyRegisteredTsCommandHasAnIntegrationTest() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (CommandSpec spec : TsServer.get().server().context().registry().all()) {
            if (spec.name().startsWith("ts.") || spec.name().startsWith("kline.")) registered.add(spec.name());
        }
        assertThat(registered).contains("ts.add", "ts.range", "ts.mrange", "ts.info");

        Set<String> covered = new TreeSet<>();
        String pkg = getClass().getPackageName();
        URL dir = getClass().getClassLoader().getResource(pkg.replace('.', '/'));
        File[] files = new File(dir.toURI()).listFiles((d, name) -> name.endsWith(".class"));
        for (File f : files) {
            Class<?> c = Class.forName(pkg + "." + f.getName().substring(0, f.getName().length() - ".class".length()));
            for (Method m : c.getDeclaredMethods()) {
                Covers covers = m.getAnnotation(Covers.class);
                if (covers != null) covered.addAll(Set.of(covers.value()));
            }
        }
        Set<String> missing = new TreeSet<>(registered);
        missing.removeAll(covered);
        assertThat(missing).as("registered TS commands without an integration test").isEmpty();
        Set<String> unknown = new TreeSet<>(covered);
        unknown.removeAll(registered);
        assertThat(unknown).as("@Covers names that are not registered commands").isEmpty();
    }
}
