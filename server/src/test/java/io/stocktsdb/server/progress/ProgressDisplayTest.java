package io.stocktsdb.server.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocktsdb.server.csv.ImportProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    @Test
    void linesModePrintsTheSourcesLineUntilClosed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong rows = new AtomicLong(50);
        ImportProgress source = new ImportProgress("import x", 1000, rows::get, () -> 500);
        try (ProgressDisplay d = new ProgressDisplay(ProgressDisplay.Mode.LINES, "import x", "rows", source,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), 20)) {
            Thread.sleep(120);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).startsWith("import x: 50 rows (50.0%), ");
        int lines = printed.split("\n").length;
        Thread.sleep(80);
        assertThat(bytes.toString(StandardCharsets.UTF_8).split("\n")).hasSize(lines); // nothing after close
        assertThat(source.total()).isEqualTo(100); // 50 rows in half the bytes
    }

    @Test
    void noneModePrintsNothingAndModesParseAnyCase() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressDisplay d = new ProgressDisplay(ProgressDisplay.Mode.parse("None"), "t", "keys",
                new ImportProgress("t", 1, () -> 1, () -> 1), new PrintStream(bytes), 10)) {
            Thread.sleep(50);
        }
        assertThat(bytes.size()).isZero();
        assertThat(ProgressDisplay.Mode.parse("lines")).isEqualTo(ProgressDisplay.Mode.LINES);
        assertThatThrownBy(() -> ProgressDisplay.Mode.parse("fancy")).hasMessage("unknown --progress value 'fancy' (auto, bar, lines or none)");
    }
}
