package io.stocktsdb.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandWriterTest {
    private static String text(CommandWriter w) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void encodesStringsAndNumbersAsBulkStrings() throws Exception {
        CommandWriter w = new CommandWriter(8);
        w.begin(6).arg("TS.ADD").arg("k").arg(1_704_187_800_000L).arg(-7).arg(0).arg(Long.MIN_VALUE);
        assertThat(text(w)).isEqualTo("*6\r\n$6\r\nTS.ADD\r\n$1\r\nk\r\n$13\r\n1704187800000\r\n$2\r\n-7\r\n$1\r\n0\r\n"
                + "$20\r\n-9223372036854775808\r\n");
        w.clear();
        w.command("PING", "héllo");
        assertThat(text(w)).isEqualTo("*2\r\n$4\r\nPING\r\n$6\r\nhéllo\r\n");
    }
}
