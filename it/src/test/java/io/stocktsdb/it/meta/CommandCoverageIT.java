package io.stocktsdb.it.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.command.CommandSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Meta test: every registered command (and subcommand) is exercised by some integration test
 * (its name appears as a string literal in the test sources) and documented in
 * docs/commands.md (a table row starting with its name in backquotes).
 */
class CommandCoverageIT {
    private static final Path TESTS = Path.of("src/test/java");
    private static final Path COMMANDS_DOC = Path.of("../docs/commands.md");

    @Test
    void everyCommandHasAnIntegrationTestAndADocRow() throws IOException {
        List<CommandSpec> specs;
        try (TestServer server = TestServer.start()) {
            specs = server.server().context().registry().allWithSubcommands();
        }
        String tests = readTests();
        String doc = Files.readString(COMMANDS_DOC).toLowerCase(Locale.ROOT);
        Set<String> untested = new TreeSet<>();
        Set<String> undocumented = new TreeSet<>();
        for (CommandSpec s : specs) {
            String name = s.name();
            int bar = name.indexOf('|');
            String word = bar < 0 ? name : name.substring(bar + 1);
            if (!tests.contains("\"" + word + "\"")) untested.add(name);
            String docName = bar < 0 ? name : name.substring(0, bar) + " " + word;
            if (!doc.contains("| `" + docName + "`")) undocumented.add(name);
        }
        assertThat(untested).as("registered commands no integration test names").isEmpty();
        assertThat(undocumented).as("registered commands without a row in docs/commands.md").isEmpty();
    }

    /** All integration test sources, lower-cased, so "PING" and "ping" both count. */
    private static String readTests() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(TESTS)) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
        }
        StringBuilder all = new StringBuilder();
        for (Path p : files) all.append(Files.readString(p)).append('\n');
        return all.toString().toLowerCase(Locale.ROOT);
    }

}
