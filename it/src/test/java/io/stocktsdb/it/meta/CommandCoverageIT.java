package io.stocktsdb.it.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.command.CommandSpec;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Meta test: every registered command (and subcommand) is exercised by an integration test
 * method that says so with {@link Covers}, every {@link Covers} name is a registered command, and
 * every command has a row in docs/commands.md (its name in backquotes, a subcommand as
 * {@code container sub}).
 */
class CommandCoverageIT {
    private static final Path COMMANDS_DOC = Path.of("../docs/commands.md");

    @Test
    void everyCommandHasAnIntegrationTestAndADocRow() throws Exception {
        Set<String> registered = new TreeSet<>();
        try (TestServer server = TestServer.start()) {
            for (CommandSpec s : server.server().context().registry().allWithSubcommands()) registered.add(s.name());
        }
        assertThat(registered).contains("ping", "client|list", "ts.add", "ts.mrange");
        Set<String> covered = coveredNames();

        Set<String> untested = new TreeSet<>(registered);
        untested.removeAll(covered);
        assertThat(untested).as("registered commands that no @Covers names").isEmpty();
        Set<String> unknown = new TreeSet<>(covered);
        unknown.removeAll(registered);
        assertThat(unknown).as("@Covers names that are not registered commands").isEmpty();

        String doc = Files.readString(COMMANDS_DOC).toLowerCase(Locale.ROOT);
        Set<String> undocumented = new TreeSet<>();
        for (String name : registered) {
            if (!doc.contains("| `" + name.replace('|', ' ') + "`")) undocumented.add(name);
        }
        assertThat(undocumented).as("registered commands without a row in docs/commands.md").isEmpty();
    }

    /** The names of every {@link Covers} on a method of a test class of this module. */
    private Set<String> coveredNames() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Covers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes)) {
            files = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        Set<String> covered = new TreeSet<>();
        for (Path f : files) {
            String name = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
            Class<?> c = Class.forName(name.substring(0, name.length() - ".class".length()), false, getClass().getClassLoader());
            for (Method m : c.getDeclaredMethods()) {
                Covers covers = m.getAnnotation(Covers.class);
                if (covers != null) covered.addAll(List.of(covers.value()));
            }
        }
        return covered;
    }
}
