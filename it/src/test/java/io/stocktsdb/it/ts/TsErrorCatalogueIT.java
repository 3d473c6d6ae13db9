package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Negative cases for every TS error text (docs/timeseries.md, "Behaviour: errors and ACL"): the exact reply of each,
 * including the two sent without {@code ERR}. Also the permissive side of the parser ("Behaviour: arguments and numbers"):
 * unknown tokens ignored, options in any order.
 */
class TsErrorCatalogueIT {
    private static RawClient c;
    private static String k;
    private static String str;

    @BeforeAll
    static void open() throws IOException {
        c = TsServer.raw();
        k = TsServer.unique("e:series");
        str = TsServer.unique("e:string");
        c.call("TS.CREATE", k, "LABELS", "e", k);
        for (int i = 1; i <= 3; i++) c.call("TS.ADD", k, String.valueOf(i * 10), String.valueOf(i));
        c.call("SET", str, "v");
    }

    @AfterAll
    static void close() throws IOException {
        c.close();
    }

    private static void expect(String error, String... command) throws IOException {
        assertThat(c.call(command)).as(String.join(" ", command)).isEqualTo("-" + error + "\r\n");
    }

    private static String fresh() {
        return TsServer.unique("e:new");
    }

    @Test
    @Covers({"ts.create", "ts.alter"})
    void creationOptions() throws IOException {
        expect("ERR TSDB: Couldn't parse RETENTION", "TS.CREATE", fresh(), "RETENTION");
        expect("ERR TSDB: Couldn't parse RETENTION", "TS.CREATE", fresh(), "RETENTION", "1.5");
        expect("TSDB: Couldn't parse RETENTION", "TS.CREATE", fresh(), "RETENTION", "-5");
        expect("ERR TSDB: Couldn't parse CHUNK_SIZE", "TS.CREATE", fresh(), "CHUNK_SIZE", "big");
        expect("ERR TSDB: Couldn't parse CHUNK_SIZE", "TS.CREATE", fresh(), "CHUNK_SIZE");
        for (String size : new String[] {"40", "100", "1048584", "0", "-8"}) {
            expect("ERR TSDB: CHUNK_SIZE value must be a multiple of 8 in the range [48 .. 1048576]", "TS.CREATE", fresh(), "CHUNK_SIZE", size);
        }
        expect("ERR TSDB: unknown ENCODING parameter", "TS.CREATE", fresh(), "ENCODING", "gorilla");
        expect("ERR wrong number of arguments for 'ts.create' command", "TS.CREATE", fresh(), "ENCODING");
        expect("ERR TSDB: Couldn't parse DUPLICATE_POLICY", "TS.CREATE", fresh(), "DUPLICATE_POLICY");
        expect("ERR TSDB: Unknown DUPLICATE_POLICY", "TS.CREATE", fresh(), "DUPLICATE_POLICY", "newest");
        expect("ERR TSDB: Couldn't parse IGNORE", "TS.CREATE", fresh(), "IGNORE", "5");
        expect("ERR TSDB: Couldn't parse IGNORE", "TS.CREATE", fresh(), "IGNORE", "x", "1");
        expect("ERR TSDB: Couldn't parse IGNORE", "TS.CREATE", fresh(), "IGNORE", "5", "nan");
        expect("ERR TSDB: IGNORE arguments cannot be negative", "TS.CREATE", fresh(), "IGNORE", "-1", "1");
        expect("ERR TSDB: IGNORE arguments cannot be negative", "TS.CREATE", fresh(), "IGNORE", "1", "-0.5");
        expect("ERR TSDB: Couldn't parse LABELS", "TS.CREATE", fresh(), "LABELS", "a", "");
        expect("ERR TSDB: Couldn't parse LABELS", "TS.CREATE", fresh(), "LABELS", "", "v");
        for (String bad : new String[] {"a(b", "a)b", "a,b"}) {
            expect("ERR TSDB: Couldn't parse LABELS", "TS.CREATE", fresh(), "LABELS", "l", bad);
        }
        expect("ERR TSDB: key already exists", "TS.CREATE", k);
        expect("ERR TSDB: key already exists", "TS.CREATE", str);
        expect("ERR TSDB: the key does not exist", "TS.ALTER", fresh(), "RETENTION", "5");
        expect("ERR WRONGTYPE Operation against a key holding the wrong kind of value", "TS.ALTER", str, "RETENTION", "5");
        // options are parsed before the key is looked at
        expect("ERR TSDB: Unknown DUPLICATE_POLICY", "TS.ALTER", fresh(), "DUPLICATE_POLICY", "x");
        expect("ERR wrong number of arguments for 'ts.create' command", "TS.CREATE");
    }

    @Test
    @Covers({"ts.add", "ts.madd"})
    void sampleWrites() throws IOException {
        for (String bad : new String[] {"1a", "1.", ".1", "1.0.0", "1,0", "0x1", "+1", "01", "inf", "nan", "NaN", "", "1e", "--1", "1e400"}) {
            expect("ERR TSDB: invalid value", "TS.ADD", k, "100", bad);
        }
        expect("ERR TSDB: invalid value", "TS.ADD", k, "abc", "xyz"); // the value is checked first
        expect("ERR TSDB: invalid timestamp", "TS.ADD", k, "abc", "1");
        expect("ERR TSDB: invalid timestamp", "TS.ADD", k, "1.5", "1");
        expect("ERR TSDB: invalid timestamp, must be a nonnegative integer", "TS.ADD", k, "-1", "1");
        expect("ERR TSDB: the key is not a TSDB key", "TS.ADD", str, "1", "1");
        expect("ERR TSDB: Unknown DUPLICATE_POLICY", "TS.ADD", k, "100", "1", "ON_DUPLICATE", "x");
        expect("ERR TSDB: Error at upsert, update is not supported when DUPLICATE_POLICY is set to BLOCK mode", "TS.ADD", k, "10", "7");
        String r = fresh();
        c.call("TS.CREATE", r, "RETENTION", "10");
        c.call("TS.ADD", r, "100", "1");
        expect("ERR TSDB: Timestamp is older than retention", "TS.ADD", r, "89", "1");
        assertThat(c.call("TS.ADD", r, "90", "1")).isEqualTo(":90\r\n");
        // a new key is not created when its options are bad
        String n = fresh();
        expect("ERR TSDB: Couldn't parse CHUNK_SIZE", "TS.ADD", n, "1", "1", "CHUNK_SIZE", "x");
        assertThat(c.call("EXISTS", n)).isEqualTo(":0\r\n");
        // on an existing key creation options are not even parsed
        assertThat(c.call("TS.ADD", k, "1000", "1", "CHUNK_SIZE", "x")).isEqualTo(":1000\r\n");

        expect("ERR wrong number of arguments for 'ts.madd' command", "TS.MADD", k, "1");
        expect("ERR wrong number of arguments for 'ts.madd' command", "TS.MADD", k, "1", "2", k);
        assertThat(c.call("TS.MADD", fresh(), "1", "1", k, "-1", "2", k, "x", "3"))
                .isEqualTo("*3\r\n-ERR TSDB: the key is not a TSDB key\r\n"
                        + "-ERR TSDB: invalid timestamp, must be a nonnegative integer\r\n-ERR TSDB: invalid timestamp\r\n");
    }

    @Test
    @Covers({"ts.incrby", "ts.decrby"})
    void incrByAndDecrBy() throws IOException {
        String n = fresh();
        expect("ERR TSDB: invalid increase/decrease value", "TS.INCRBY", n, "abc");
        assertThat(c.call("EXISTS", n)).as("the key is created before the amount is parsed").isEqualTo(":1\r\n");
        expect("ERR TSDB: invalid increase/decrease value", "TS.DECRBY", k, "nan");
        expect("ERR WRONGTYPE Operation against a key holding the wrong kind of value", "TS.INCRBY", str, "1");
        expect("ERR TSDB: invalid timestamp", "TS.INCRBY", k, "1", "TIMESTAMP", "soon");
        expect("ERR TSDB: invalid timestamp", "TS.INCRBY", k, "1", "TIMESTAMP");
        expect("TSDB: timestamp must be equal to or higher than the maximum existing timestamp", "TS.DECRBY", k, "1", "TIMESTAMP", "5");
        expect("ERR TSDB: Couldn't parse RETENTION", "TS.INCRBY", fresh(), "1", "RETENTION", "x");
        expect("ERR wrong number of arguments for 'ts.incrby' command", "TS.INCRBY", k);
    }

    @Test
    @Covers({"ts.del"})
    void del() throws IOException {
        expect("ERR TSDB: wrong fromTimestamp", "TS.DEL", fresh(), "x", "10");
        expect("ERR TSDB: wrong toTimestamp", "TS.DEL", k, "0", "y");
        expect("ERR TSDB: wrong toTimestamp", "TS.DEL", k, "0", "-1");
        expect("ERR TSDB: the key does not exist", "TS.DEL", fresh(), "0", "10");
        expect("ERR WRONGTYPE Operation against a key holding the wrong kind of value", "TS.DEL", str, "0", "10");
        expect("ERR wrong number of arguments for 'ts.del' command", "TS.DEL", k, "0");
        expect("ERR wrong number of arguments for 'ts.del' command", "TS.DEL", k, "0", "1", "2");
    }

    @Test
    @Covers({"ts.range", "ts.revrange"})
    void rangeArguments() throws IOException {
        expect("ERR TSDB: the key does not exist", "TS.RANGE", fresh(), "x", "y");
        expect("ERR WRONGTYPE Operation against a key holding the wrong kind of value", "TS.RANGE", str, "-", "+");
        expect("ERR TSDB: wrong fromTimestamp", "TS.RANGE", k, "x", "+");
        expect("ERR TSDB: wrong fromTimestamp", "TS.REVRANGE", k, "-1", "+");
        expect("ERR TSDB: wrong toTimestamp", "TS.RANGE", k, "-", "now");
        expect("ERR TSDB: COUNT argument is missing", "TS.RANGE", k, "-", "+", "COUNT");
        expect("ERR TSDB: Couldn't parse COUNT", "TS.RANGE", k, "-", "+", "COUNT", "many");
        expect("ERR TSDB: Invalid COUNT value", "TS.RANGE", k, "-", "+", "COUNT", "0");
        expect("ERR TSDB: Invalid COUNT value", "TS.RANGE", k, "-", "+", "COUNT", "-3");
        expect("ERR TSDB: Couldn't parse AGGREGATION", "TS.RANGE", k, "-", "+", "AGGREGATION", "avg");
        expect("ERR TSDB: Couldn't parse AGGREGATION", "TS.RANGE", k, "-", "+", "AGGREGATION", "avg", "soon");
        expect("ERR TSDB: Unknown aggregation type", "TS.RANGE", k, "-", "+", "AGGREGATION", "median", "10");
        expect("ERR TSDB: Unknown aggregation type", "TS.RANGE", k, "-", "+", "AGGREGATION", "min,,max", "10");
        expect("ERR TSDB: Unknown aggregation type", "TS.RANGE", k, "-", "+", "AGGREGATION", "min,", "10");
        expect("ERR TSDB: bucketDuration must be greater than zero", "TS.RANGE", k, "-", "+", "AGGREGATION", "avg", "0");
        expect("ERR TSDB: bucketDuration must be greater than zero", "TS.RANGE", k, "-", "+", "AGGREGATION", "avg", "-10");
        expect("ERR TSDB: EMPTY flag should be the 3rd or 5th flag after AGGREGATION flag", "TS.RANGE", k, "-", "+", "EMPTY", "AGGREGATION", "avg", "10");
        expect("ERR TSDB: EMPTY flag should be the 3rd or 5th flag after AGGREGATION flag", "TS.RANGE", k, "-", "+", "AGGREGATION", "avg", "10", "FOO", "EMPTY");
        expect("ERR TSDB: BUCKETTIMESTAMP flag should be the 3rd or 4th flag after AGGREGATION flag",
                "TS.RANGE", k, "-", "+", "BUCKETTIMESTAMP", "+", "AGGREGATION", "avg", "10");
        expect("ERR TSDB: unknown BUCKETTIMESTAMP parameter", "TS.RANGE", k, "-", "+", "AGGREGATION", "avg", "10", "BUCKETTIMESTAMP", "late");
        expect("ERR wrong number of arguments for 'ts.range' command", "TS.RANGE", k, "-", "+", "AGGREGATION", "avg", "10", "BUCKETTIMESTAMP");
        expect("ERR TSDB: unknown ALIGN parameter", "TS.RANGE", k, "-", "+", "ALIGN", "middle", "AGGREGATION", "avg", "10");
        expect("ERR TSDB: ALIGN parameter can only be used with AGGREGATION", "TS.RANGE", k, "-", "+", "ALIGN", "10");
        expect("ERR TSDB: start alignment can only be used with explicit start timestamp", "TS.RANGE", k, "-", "+", "ALIGN", "start", "AGGREGATION", "avg", "10");
        expect("ERR TSDB: end alignment can only be used with explicit end timestamp", "TS.RANGE", k, "0", "+", "ALIGN", "+", "AGGREGATION", "avg", "10");
        expect("ERR wrong number of arguments for 'ts.revrange' command", "TS.REVRANGE", k, "-", "+", "AGGREGATION", "avg", "10", "ALIGN");
        expect("ERR TSDB: FILTER_BY_VALUE one or more arguments are missing", "TS.RANGE", k, "-", "+", "FILTER_BY_VALUE", "1");
        expect("ERR TSDB: Couldn't parse MIN", "TS.RANGE", k, "-", "+", "FILTER_BY_VALUE", "low", "1");
        expect("ERR TSDB: Couldn't parse MAX", "TS.RANGE", k, "-", "+", "FILTER_BY_VALUE", "1", "high");
        expect("ERR TSDB: FILTER_BY_TS one or more arguments are missing", "TS.RANGE", k, "-", "+", "FILTER_BY_TS");
        expect("ERR TSDB: FILTER_BY_TS one or more arguments are missing", "TS.RANGE", k, "-", "+", "FILTER_BY_TS", "COUNT", "1");
        expect("ERR wrong number of arguments for 'ts.range' command", "TS.RANGE", k, "-");
    }

    @Test
    @Covers({"ts.get", "ts.info"})
    void getAndInfo() throws IOException {
        expect("ERR TSDB: wrong 3rd argument", "TS.GET", k, "NEWEST");
        expect("ERR wrong number of arguments for 'ts.get' command", "TS.GET", k, "LATEST", "x");
        expect("ERR TSDB: the key does not exist", "TS.GET", fresh());
        expect("ERR WRONGTYPE Operation against a key holding the wrong kind of value", "TS.GET", str);
        expect("ERR TSDB: the key does not exist", "TS.INFO", fresh());
        expect("ERR WRONGTYPE Operation against a key holding the wrong kind of value", "TS.INFO", str);
        expect("ERR wrong number of arguments for 'ts.info' command", "TS.INFO", k, "DEBUG", "x");
        assertThat(c.call("TS.INFO", k, "VERBOSE")).startsWith("*28\r\n"); // a third argument other than DEBUG is ignored
    }

    @Test
    @Covers({"ts.mget", "ts.queryindex"})
    void mgetAndQueryIndex() throws IOException {
        expect("ERR wrong number of arguments for 'ts.mget' command", "TS.MGET", "WITHLABELS", "e=1");
        expect("ERR wrong number of arguments for 'ts.mget' command", "TS.MGET", "e=1");
        expect("ERR TSDB: cannot accept WITHLABELS and SELECT_LABELS together", "TS.MGET", "WITHLABELS", "SELECTED_LABELS", "a", "FILTER", "e=1");
        expect("ERR TSDB: SELECT_LABELS should have at least 1 parameter", "TS.MGET", "SELECTED_LABELS", "FILTER", "e=1");
        List<String> many = new ArrayList<>(List.of("TS.MGET", "SELECTED_LABELS"));
        for (int i = 0; i < 51; i++) many.add("l" + i);
        many.addAll(List.of("FILTER", "e=" + k));
        expect("ERR TSDB: reached max size for SELECT_LABELS", many.toArray(new String[0]));
        many.remove(2);
        assertThat(c.call(many.toArray(new String[0]))).startsWith("*1\r\n*3\r\n");
        expect("ERR TSDB: failed parsing labels", "TS.MGET", "FILTER", "e");
        expect("ERR TSDB: please provide at least one matcher", "TS.MGET", "FILTER", "e!=");
        expect("ERR TSDB: please provide at least one matcher", "TS.MGET", "FILTER", "e=", "x!=1");
        expect("ERR TSDB: please provide at least one matcher", "TS.MGET", "LATEST", "FILTER");
        expect("ERR TSDB: failed parsing labels", "TS.QUERYINDEX", "e");
        expect("ERR TSDB: failed parsing labels", "TS.QUERYINDEX", "e=(a,b");
        expect("ERR TSDB: please provide at least one matcher", "TS.QUERYINDEX", "e!=x");
        expect("ERR wrong number of arguments for 'ts.queryindex' command", "TS.QUERYINDEX");
    }

    @Test
    @Covers({"ts.mget", "ts.mrange", "ts.queryindex"})
    void filterQueriesNeedReadPermissionOnEveryMatchedKey() throws IOException {
        String t = TsServer.unique("e:acl");
        String user = TsServer.unique("tsuser");
        c.call("TS.CREATE", t + ":open", "LABELS", "acl", t);
        assertThat(c.call("ACL", "SETUSER", user, "on", ">pw", "+@all", "~" + t + ":open")).isEqualTo("+OK\r\n");
        try (RawClient limited = TsServer.raw()) {
            assertThat(limited.call("AUTH", user, "pw")).isEqualTo("+OK\r\n");
            assertThat(limited.call("TS.QUERYINDEX", "acl=" + t)).startsWith("*1\r\n");
            c.call("TS.CREATE", t + ":closed", "LABELS", "acl", t);
            String noperm = "-NOPERM TSDB: current user doesn't have read permission to one or more keys that match the specified filter\r\n";
            assertThat(limited.call("TS.QUERYINDEX", "acl=" + t)).isEqualTo(noperm);
            assertThat(limited.call("TS.MGET", "FILTER", "acl=" + t)).isEqualTo(noperm);
            assertThat(limited.call("TS.MRANGE", "-", "+", "FILTER", "acl=" + t)).isEqualTo(noperm);
        } finally {
            c.call("ACL", "DELUSER", user);
        }
    }

    @Test
    @Covers({"ts.mrange", "ts.mrevrange"})
    void mrangeArguments() throws IOException {
        String f = "e=" + k;
        expect("ERR TSDB: wrong fromTimestamp", "TS.MRANGE", "x", "+", "FILTER", f);
        expect("ERR TSDB: missing FILTER argument", "TS.MRANGE", "-", "+", "WITHLABELS");
        expect("ERR TSDB: missing labels for filter argument", "TS.MRANGE", "-", "+", "FILTER");
        expect("ERR TSDB: missing labels for filter argument", "TS.MRANGE", "-", "+", "FILTER", "GROUPBY", "a", "REDUCE", "sum");
        expect("ERR TSDB: GROUPBY should always come after filter", "TS.MRANGE", "-", "+", "GROUPBY", "a", "REDUCE", "sum", "FILTER", f);
        expect("ERR wrong number of arguments for 'ts.mrange' command", "TS.MRANGE", "-", "+", "FILTER", f, "GROUPBY", "a");
        expect("ERR wrong number of arguments for 'ts.mrange' command", "TS.MRANGE", "-", "+", "FILTER", f, "GROUPBY", "a", "REDUCE", "sum", "x");
        expect("ERR wrong number of arguments for 'ts.mrevrange' command", "TS.MREVRANGE", "-", "+", "FILTER", f, "GROUPBY", "a", "x", "y");
        expect("ERR TSDB: Invalid reducer type", "TS.MRANGE", "-", "+", "FILTER", f, "GROUPBY", "a", "REDUCE", "first");
        expect("ERR TSDB: Invalid reducer type", "TS.MRANGE", "-", "+", "FILTER", f, "GROUPBY", "a", "REDUCE", "twa");
        expect("ERR TSDB: Invalid reducer type", "TS.MRANGE", "-", "+", "FILTER", f, "GROUPBY", "a", "REDUCE", "median");
        expect("ERR TSDB: GROUPBY is not allowed when multiple aggregators are specified",
                "TS.MRANGE", "-", "+", "AGGREGATION", "min,max", "10", "FILTER", f, "GROUPBY", "a", "REDUCE", "sum");
        expect("ERR TSDB: failed parsing labels", "TS.MREVRANGE", "-", "+", "FILTER", "oops");
        expect("ERR TSDB: please provide at least one matcher", "TS.MRANGE", "-", "+", "FILTER", "e!=");
        expect("ERR TSDB: cannot accept WITHLABELS and SELECT_LABELS together", "TS.MRANGE", "-", "+", "WITHLABELS", "SELECTED_LABELS", "x", "FILTER", f);
        expect("ERR TSDB: Couldn't parse COUNT", "TS.MRANGE", "-", "+", "COUNT", "x", "FILTER", f);
    }

    @Test
    @Covers({"ts.add", "ts.madd", "ts.range", "ts.get", "ts.mrange", "ts.mget", "ts.incrby"})
    void seriesWithoutNumbers() throws IOException {
        String s = fresh();
        String h = fresh();
        var keyspace = TsServer.get().server().context().engine().keyspace();
        var engine = TsServer.get().server().context().engine();
        SeriesOptions strings = engine.defaultSeriesOptions(Key.of(s), ValueType.STRING).withLabels(java.util.Map.of("e", s));
        keyspace.createSeries(Key.of(s), strings);
        keyspace.createSeries(Key.of(h), engine.defaultSeriesOptions(Key.of(h), ValueType.HASH));
        assertThat(c.call("TYPE", s)).isEqualTo("+TSDB-TYPE\r\n");
        expect("ERR TSDB: the series holds string values", "TS.ADD", s, "1", "1");
        expect("ERR TSDB: the series holds hash values", "TS.RANGE", h, "-", "+");
        expect("ERR TSDB: the series holds hash values", "TS.GET", h);
        expect("ERR TSDB: the series holds string values", "TS.INCRBY", s, "1");
        expect("ERR TSDB: the series holds string values", "TS.MRANGE", "-", "+", "FILTER", "e=" + s);
        expect("ERR TSDB: the series holds string values", "TS.MGET", "FILTER", "e=" + s);
        assertThat(c.call("TS.MADD", s, "1", "1")).isEqualTo("*1\r\n-ERR TSDB: the series holds string values\r\n");
        // metadata commands work on any series
        assertThat(c.call("TS.QUERYINDEX", "e=" + s)).isEqualTo("*1\r\n$" + s.length() + "\r\n" + s + "\r\n");
        assertThat(c.call("TS.INFO", h)).startsWith("*28\r\n+totalSamples\r\n:0\r\n");
        assertThat(c.call("TS.DEL", s, "-", "+")).isEqualTo(":0\r\n");
    }

    @Test
    @Covers({"ts.range", "ts.alter", "ts.create"})
    void permissiveParsing() throws IOException {
        String p = fresh();
        for (int i = 1; i <= 3; i++) c.call("TS.ADD", p, String.valueOf(i * 10), String.valueOf(i));
        // unknown tokens are ignored, options come in any order
        assertThat(c.call("TS.RANGE", p, "-", "+", "FOO")).startsWith("*3\r\n");
        assertThat(c.call("TS.RANGE", p, "-", "+", "COUNT", "1", "BAR", "FILTER_BY_VALUE", "0", "10")).isEqualTo("*1\r\n*2\r\n:10\r\n+1\r\n");
        assertThat(c.call("TS.ALTER", p, "ENCODING", "UNCOMPRESSED")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.INFO", p)).contains("+chunkType\r\n+compressed\r\n"); // parsed, then ignored
        // AGGREGATION count 100 is the aggregator, not COUNT
        assertThat(c.call("TS.RANGE", p, "-", "+", "AGGREGATION", "count", "100")).isEqualTo("*1\r\n*2\r\n:0\r\n+3\r\n");
        assertThat(c.call("TS.RANGE", p, "-", "+", "AGGREGATION", "count", "10", "COUNT", "2")).isEqualTo("*2\r\n*2\r\n:10\r\n+1\r\n*2\r\n:20\r\n+1\r\n");
        // a bare UNCOMPRESSED is the legacy encoding form; LABELS takes the rest, an odd last one is dropped
        String u = fresh();
        assertThat(c.call("TS.CREATE", u, "UNCOMPRESSED", "LABELS", "a", "1", "b")).isEqualTo("+OK\r\n");
        String info = c.call("TS.INFO", u);
        assertThat(info).contains("+chunkType\r\n+uncompressed\r\n").contains("+labels\r\n*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n");
        // a label value equal to a keyword is taken for the keyword (RMUtil_ArgIndex finds it first)
        expect("ERR TSDB: Couldn't parse RETENTION", "TS.CREATE", fresh(), "LABELS", "x", "RETENTION");
    }
}
