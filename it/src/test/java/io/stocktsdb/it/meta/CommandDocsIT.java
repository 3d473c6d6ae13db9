package io.stocktsdb.it.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.it.WithServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** COMMAND DOCS argument lists, COMMAND INFO key specs and COMMAND GETKEYSANDFLAGS, in Redis 8.2's shapes. */
@WithServer
class CommandDocsIT {
    static TestServer server;

    private static String arg(String name, String type, String... more) { return arg(false, name, type, more); }

    private static String arg(boolean resp3, String name, String type, String... more) {
        StringBuilder sb = new StringBuilder();
        sb.append(map(resp3, 3 + more.length / 2));
        sb.append(bulk("name")).append(bulk(name)).append(bulk("type")).append(bulk(type)).append(bulk("display_text")).append(bulk(name));
        for (int i = 0; i < more.length; i += 2) sb.append(bulk(more[i])).append(more[i + 1]);
        return sb.toString();
    }

    private static String bulk(String s) { return "$" + s.length() + "\r\n" + s + "\r\n"; }

    /** A map header: RESP3 counts pairs, RESP2 (a flat array) counts elements. */
    private static String map(boolean resp3, int pairs) { return resp3 ? "%" + pairs + "\r\n" : "*" + pairs * 2 + "\r\n"; }

    private static String set(boolean resp3, int n) { return (resp3 ? "~" : "*") + n + "\r\n"; }

    /** COMMAND DOCS SET as Redis 8.2 sends it: history (a set of [version, change]) between complexity and arguments. */
    private static String setDocs(boolean resp3) {
        String token = "pure-token";
        String optional = set(resp3, 1) + "+optional\r\n";
        String history = bulk("history") + set(resp3, 4)
                + "*2\r\n" + bulk("2.6.12") + bulk("Added the `EX`, `PX`, `NX` and `XX` options.")
                + "*2\r\n" + bulk("6.0.0") + bulk("Added the `KEEPTTL` option.")
                + "*2\r\n" + bulk("6.2.0") + bulk("Added the `GET`, `EXAT` and `PXAT` option.")
                + "*2\r\n" + bulk("7.0.0") + bulk("Allowed the `NX` and `GET` options to be used together.");
        String condition = map(resp3, 5) + bulk("name") + bulk("condition") + bulk("type") + bulk("oneof") + bulk("since") + bulk("2.6.12")
                + bulk("flags") + optional + bulk("arguments") + "*2\r\n"
                + arg(resp3, "nx", token, "token", bulk("NX")) + arg(resp3, "xx", token, "token", bulk("XX"));
        String expiration = map(resp3, 4) + bulk("name") + bulk("expiration") + bulk("type") + bulk("oneof") + bulk("flags") + optional
                + bulk("arguments") + "*5\r\n"
                + arg(resp3, "seconds", "integer", "token", bulk("EX"), "since", bulk("2.6.12"))
                + arg(resp3, "milliseconds", "integer", "token", bulk("PX"), "since", bulk("2.6.12"))
                + arg(resp3, "unix-time-seconds", "unix-time", "token", bulk("EXAT"), "since", bulk("6.2.0"))
                + arg(resp3, "unix-time-milliseconds", "unix-time", "token", bulk("PXAT"), "since", bulk("6.2.0"))
                + arg(resp3, "keepttl", token, "token", bulk("KEEPTTL"), "since", bulk("6.0.0"));
        return map(resp3, 1) + bulk("set") + map(resp3, 6) + bulk("summary") + bulk("Sets the string value of a key, ignoring its type.")
                + bulk("since") + bulk("1.0.0") + bulk("group") + bulk("string") + bulk("complexity") + bulk("O(1)") + history
                + bulk("arguments") + "*5\r\n" + arg(resp3, "key", "key", "key_spec_index", ":0\r\n") + arg(resp3, "value", "string")
                + condition + arg(resp3, "get", token, "token", bulk("GET"), "since", bulk("6.2.0"), "flags", optional) + expiration;
    }

    @Test
    @Covers({"command|docs", "tsdb_get"})
    void docsCarryArgumentsInRedisOrder() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            String token = "pure-token";
            String expected = "*2\r\n" + bulk("tsdb_get") + "*10\r\n" + bulk("summary") + bulk("Returns the points of a key in a time range.")
                    + bulk("since") + bulk("0.1.0") + bulk("group") + bulk("stocktsdb")
                    + bulk("complexity") + bulk("O(N) where N is the number of points in the range") + bulk("arguments") + "*5\r\n"
                    + arg("key", "key", "key_spec_index", ":0\r\n") + arg("start", "string") + arg("end", "string")
                    + "*8\r\n" + bulk("name") + bulk("type") + bulk("type") + bulk("oneof") + bulk("flags") + "*1\r\n+optional\r\n"
                    + bulk("arguments") + "*4\r\n" + arg("double", token, "token", bulk("DOUBLE")) + arg("int", token, "token", bulk("INT"))
                    + arg("string", token, "token", bulk("STRING")) + arg("hash", token, "token", bulk("HASH"))
                    + arg("withquality", token, "token", bulk("WITHQUALITY"), "flags", "*1\r\n+optional\r\n");
            assertThat(c.call("COMMAND", "DOCS", "tsdb_get")).isEqualTo(expected);
            // an unknown name is left out; SET shows since and nested oneofs as Redis documents them
            String set = c.call("COMMAND", "DOCS", "nosuch", "set");
            assertThat(set).startsWith("*2\r\n$3\r\nset\r\n").contains(arg("get", token, "token", bulk("GET"), "since", bulk("6.2.0"),
                    "flags", "*1\r\n+optional\r\n"))
                    .contains(arg("keepttl", token, "token", bulk("KEEPTTL"), "since", bulk("6.0.0")));
            // RESP3: maps, flags as a set, and a module command reports group "module" and its module
            assertThat(c.call("HELLO", "3")).startsWith("%7");
            assertThat(c.call("COMMAND", "DOCS", "ts.get")).isEqualTo("%1\r\n" + bulk("ts.get") + "%6\r\n" + bulk("summary")
                    + bulk("Get the sample with the highest timestamp from a given time series") + bulk("since") + bulk("1.0.0")
                    + bulk("group") + bulk("module") + bulk("complexity") + bulk("O(1)") + bulk("module") + bulk("timeseries")
                    + bulk("arguments") + "*2\r\n%4\r\n" + bulk("name") + bulk("key") + bulk("type") + bulk("key") + bulk("display_text")
                    + bulk("key") + bulk("key_spec_index") + ":0\r\n%5\r\n" + bulk("name") + bulk("latest") + bulk("type") + bulk(token)
                    + bulk("display_text") + bulk("latest") + bulk("token") + bulk("LATEST") + bulk("flags") + "~1\r\n+optional\r\n");
            // every command is described: COMMAND DOCS lists as many as COMMAND COUNT
            assertThat(c.call("COMMAND", "DOCS")).startsWith("%" + c.call("COMMAND", "COUNT").substring(1).trim() + "\r\n");
        }
    }

    /** Redis 8.2's doc_flags (syscmd, deprecated), deprecated_since and replaced_by, after complexity. */
    @Test
    @Covers({"debug", "getset", "substr"})
    void docFlagsAndDeprecationAsRedis() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("COMMAND", "DOCS", "debug")).isEqualTo("*2\r\n" + bulk("debug") + "*10\r\n" + bulk("summary")
                    + bulk("A container for debugging commands.") + bulk("since") + bulk("1.0.0") + bulk("group") + bulk("server")
                    + bulk("complexity") + bulk("Depends on subcommand.") + bulk("doc_flags") + "*1\r\n+syscmd\r\n");
            assertThat(c.call("COMMAND", "DOCS", "getset")).startsWith("*2\r\n" + bulk("getset") + "*16\r\n" + bulk("summary"))
                    .contains(bulk("complexity") + bulk("O(1)") + bulk("doc_flags") + "*1\r\n+deprecated\r\n" + bulk("deprecated_since")
                            + bulk("6.2.0") + bulk("replaced_by") + bulk("`SET` with the `!GET` argument") + bulk("arguments"));
            assertThat(c.call("COMMAND", "DOCS", "substr")).contains(bulk("deprecated_since") + bulk("2.0.0") + bulk("replaced_by")
                    + bulk("`GETRANGE`"));
            assertThat(c.call("COMMAND", "DOCS", "get")).doesNotContain("doc_flags");
        }
    }

    /** Redis's history of a command (Redis 7+): exact bytes in both protocols; subcommands carry theirs. */
    @Test
    @Covers({"set", "client|kill"})
    void docsCarryHistoryAsRedis() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("COMMAND", "DOCS", "set")).isEqualTo(setDocs(false));
            assertThat(c.call("COMMAND", "DOCS", "ping")).doesNotContain("history");
            assertThat(c.call("HELLO", "3")).startsWith("%7");
            assertThat(c.call("COMMAND", "DOCS", "set")).isEqualTo(setDocs(true));
            assertThat(c.call("COMMAND", "DOCS", "client")).contains(bulk("client|kill") + "%6\r\n" + bulk("summary"))
                    .contains(bulk("history") + "~6\r\n*2\r\n" + bulk("2.8.12") + bulk("Added new filter format."))
                    .contains("*2\r\n" + bulk("7.4.0") + bulk("`MAXAGE` option.") + bulk("arguments"));
        }
    }

    @Test
    @Covers({"command|info", "copy"})
    void infoCarriesKeySpecs() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            String range = bulk("find_keys") + "*4\r\n" + bulk("type") + bulk("range") + bulk("spec") + "*6\r\n" + bulk("lastkey") + ":0\r\n"
                    + bulk("keystep") + ":1\r\n" + bulk("limit") + ":0\r\n";
            assertThat(c.call("COMMAND", "INFO", "copy")).isEqualTo("*1\r\n*10\r\n$4\r\ncopy\r\n:-3\r\n*2\r\n+write\r\n+denyoom\r\n:1\r\n:2\r\n:1\r\n"
                    + "*3\r\n+@keyspace\r\n+@write\r\n+@slow\r\n*0\r\n*2\r\n"
                    + "*6\r\n" + bulk("flags") + "*2\r\n+RO\r\n+access\r\n" + bulk("begin_search") + "*4\r\n" + bulk("type") + bulk("index")
                    + bulk("spec") + "*2\r\n" + bulk("index") + ":1\r\n" + range
                    + "*6\r\n" + bulk("flags") + "*2\r\n+OW\r\n+update\r\n" + bulk("begin_search") + "*4\r\n" + bulk("type") + bulk("index")
                    + bulk("spec") + "*2\r\n" + bulk("index") + ":2\r\n" + range + "*0\r\n");
            assertThat(c.call("COMMAND", "INFO", "ping")).endsWith("*0\r\n*0\r\n*0\r\n"); // no tips, no key specs, no subcommands
        }
    }

    @Test
    @Covers({"command|getkeysandflags", "command|getkeys"})
    void getKeysAndFlags() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "SET", "k", "v")).isEqualTo("*1\r\n*2\r\n$1\r\nk\r\n*2\r\n+OW\r\n+update\r\n");
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "set", "k", "v", "EX", "5", "get"))
                    .isEqualTo("*1\r\n*2\r\n$1\r\nk\r\n*3\r\n+RW\r\n+access\r\n+update\r\n");
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "RENAME", "a", "b"))
                    .isEqualTo("*2\r\n*2\r\n$1\r\na\r\n*3\r\n+RW\r\n+access\r\n+delete\r\n*2\r\n$1\r\nb\r\n*2\r\n+OW\r\n+update\r\n");
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "DEL", "a", "b"))
                    .isEqualTo("*2\r\n*2\r\n$1\r\na\r\n*2\r\n+RM\r\n+delete\r\n*2\r\n$1\r\nb\r\n*2\r\n+RM\r\n+delete\r\n");
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "TS.MADD", "s1", "1", "2", "s2", "1", "2"))
                    .isEqualTo("*2\r\n*2\r\n$2\r\ns1\r\n*2\r\n+RW\r\n+update\r\n*2\r\n$2\r\ns2\r\n*2\r\n+RW\r\n+update\r\n");
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "OBJECT", "ENCODING", "k")).isEqualTo("*1\r\n*2\r\n$1\r\nk\r\n*1\r\n+RO\r\n");
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "LCS", "a", "b"))
                    .isEqualTo("*2\r\n*2\r\n$1\r\na\r\n*2\r\n+RO\r\n+access\r\n*2\r\n$1\r\nb\r\n*2\r\n+RO\r\n+access\r\n");
            assertThat(c.call("COMMAND", "GETKEYS", "SETRANGE", "k", "1", "v")).isEqualTo("*1\r\n$1\r\nk\r\n");
            // errors, as Redis words them; a shard channel is not a key; a container alone is its own (keyless) command
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "SPUBLISH", "ch", "m")).isEqualTo("-ERR The command has no key arguments\r\n");
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "CLIENT")).isEqualTo("-ERR The command has no key arguments\r\n");
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "CLIENT", "NOSUCH")).isEqualTo("-ERR Invalid command specified\r\n");
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "NOSUCH", "k")).isEqualTo("-ERR Invalid command specified\r\n");
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "GET", "a", "b")).isEqualTo("-ERR Invalid number of arguments specified for command\r\n");
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS")).isEqualTo("-ERR wrong number of arguments for 'command|getkeysandflags' command\r\n");
            assertThat(c.call("HELLO", "3")).startsWith("%7");
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "GETDEL", "k")).isEqualTo("*1\r\n*2\r\n$1\r\nk\r\n~3\r\n+RW\r\n+access\r\n+delete\r\n");
        }
    }

    /**
     * redis-cli, started interactively, fetches COMMAND DOCS and shows the syntax of what is being typed
     * (SET and CLIENT LIST carry a history, which redis-cli must read past).
     */
    @Test
    @Covers({"tsdb_set", "ts.add", "kline.create", "client|list"})
    void redisCliShowsSyntaxHints() throws Exception {
        assertThat(hint("tsdb_set k ")).isEqualTo("127.0.0.1:" + server.port() + "> tsdb_set k timestamp value [DOUBLE|INT|STRING|HASH] [quality]");
        assertThat(hint("set k v ")).endsWith("> set k v [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]");
        assertThat(hint("client list ")).endsWith("> client list [TYPE NORMAL|MASTER|REPLICA|PUBSUB] [ID client-id [client-id ...]]");
        assertThat(hint("ts.add s ")).endsWith("> ts.add s timestamp value [RETENTION retention] [ENCODING COMPRESSED|UNCOMPRESSED] [CHUNK_SIZE chunk-size]"
                + " [DUPLICATE_POLICY BLOCK|FIRST|LAST|MIN|MAX|SUM] [ON_DUPLICATE BLOCK|FIRST|LAST|MIN|MAX|SUM]"
                + " [IGNORE ignore-max-time-diff ignore-max-val-diff] [LABELS label value [label value ...]]");
        assertThat(hint("kline.create f PRICE p ")).endsWith("> kline.create f PRICE p [VOLUME volume-key] TIMEFRAMES timeframe [timeframe ...]"
                + " [CALENDAR calendar] [TIMEZONE timezone] [SESSIONS sessions] [OUTSIDE KEEP|REJECT] [LABELS label value [label value ...]]");
    }

    private static String hint(String typed) throws IOException, InterruptedException {
        Path script = Files.createTempFile("redis_cli_hint", ".py");
        try (InputStream in = CommandDocsIT.class.getResourceAsStream("/redis_cli_hint.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(server.port()), typed).redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
