package io.stocktsdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rest of Redis's string family (cases from Redis's docs and tests/unit/type/string.tcl,
 * incr.tcl, bitops.tcl) and the key commands COPY, RENAMENX, RANDOMKEY, TOUCH, OBJECT; exact replies.
 */
@WithServer(flushEachTest = true)
class StringFamilyIT {
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    static TestServer server;
    RawClient c;

    @BeforeEach
    void createSeries() throws Exception {
        assertThat(c.call("TS.CREATE", "ts")).isEqualTo("+OK\r\n");
    }

    private static String bulk(String s) { return "$" + s.length() + "\r\n" + s + "\r\n"; }

    /** SET of a binary value given byte by byte. */
    private String set(String key, int... bytes) throws Exception {
        byte[] v = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) v[i] = (byte) bytes[i];
        return new String(c.callBytes("SET".getBytes(), key.getBytes(), v), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test

    @Covers({"setnx", "getset", "getdel", "msetnx"})
    void setnxGetsetGetdelMsetnx() throws Exception {
        assertThat(c.call("SETNX", "k", "a")).isEqualTo(":1\r\n");
        assertThat(c.call("SETNX", "k", "b")).isEqualTo(":0\r\n");
        assertThat(c.call("SETNX", "ts", "b")).isEqualTo(":0\r\n");
        assertThat(c.call("GET", "k")).isEqualTo(bulk("a"));
        assertThat(c.call("EXPIRE", "k", "100")).isEqualTo(":1\r\n");
        assertThat(c.call("GETSET", "k", "b")).isEqualTo(bulk("a"));
        assertThat(c.call("TTL", "k")).isEqualTo(":-1\r\n");
        assertThat(c.call("GETSET", "new", "x")).isEqualTo("$-1\r\n");
        assertThat(c.call("GETSET", "ts", "x")).isEqualTo(WRONGTYPE);
        assertThat(c.call("GETDEL", "k")).isEqualTo(bulk("b"));
        assertThat(c.call("GETDEL", "k")).isEqualTo("$-1\r\n");
        assertThat(c.call("EXISTS", "k")).isEqualTo(":0\r\n");
        assertThat(c.call("GETDEL", "ts")).isEqualTo(WRONGTYPE);
        assertThat(c.call("EXISTS", "ts")).isEqualTo(":1\r\n");
        assertThat(c.call("MSETNX", "x1", "1", "x2", "2")).isEqualTo(":1\r\n");
        assertThat(c.call("MSETNX", "x3", "3", "x2", "two")).isEqualTo(":0\r\n");
        assertThat(c.call("MGET", "x1", "x2", "x3")).isEqualTo("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$-1\r\n");
        assertThat(c.call("MSETNX", "x3", "3", "x4")).isEqualTo("-ERR wrong number of arguments for 'msetnx' command\r\n");
        assertThat(c.call("MSETNX", "a", "1", "a", "2")).isEqualTo(":1\r\n");
        assertThat(c.call("GET", "a")).isEqualTo(bulk("2"));
    }

    @Test

    @Covers({"incrbyfloat"})
    void incrbyfloat() throws Exception {
        assertThat(c.call("INCRBYFLOAT", "n", "1")).isEqualTo(bulk("1"));
        assertThat(c.call("INCRBYFLOAT", "n", "0.25")).isEqualTo(bulk("1.25"));
        assertThat(c.call("SET", "n", "10.50")).isEqualTo("+OK\r\n");
        assertThat(c.call("INCRBYFLOAT", "n", "0.1")).isEqualTo(bulk("10.6"));
        assertThat(c.call("INCRBYFLOAT", "n", "-5")).isEqualTo(bulk("5.6"));
        assertThat(c.call("SET", "n", "5.0e3")).isEqualTo("+OK\r\n");
        assertThat(c.call("INCRBYFLOAT", "n", "2.0e2")).isEqualTo(bulk("5200"));
        assertThat(c.call("SET", "n", "17179869184")).isEqualTo("+OK\r\n");
        assertThat(c.call("PEXPIREAT", "n", "4000000000000")).isEqualTo(":1\r\n");
        assertThat(c.call("INCRBYFLOAT", "n", "1.5")).isEqualTo(bulk("17179869185.5"));
        assertThat(c.call("PEXPIRETIME", "n")).isEqualTo(":4000000000000\r\n");
        assertThat(c.call("SET", "n", "    11")).isEqualTo("+OK\r\n");
        assertThat(c.call("INCRBYFLOAT", "n", "1")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(c.call("SET", "n", "0")).isEqualTo("+OK\r\n");
        assertThat(c.call("INCRBYFLOAT", "n", "1 ")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(c.call("INCRBYFLOAT", "n", "+inf")).isEqualTo("-ERR increment would produce NaN or Infinity\r\n");
        // printed with 17 decimals ("%.17Lf"), so the second call starts from a rounded value and still ends at 0, not -0
        assertThat(c.call("INCRBYFLOAT", "n", "0.024390243902439025")).isEqualTo(bulk("0.02439024390243902"));
        assertThat(c.call("INCRBYFLOAT", "n", "-0.024390243902439025")).isEqualTo(bulk("0"));
        assertThat(c.call("INCRBYFLOAT", "ts", "1")).isEqualTo(WRONGTYPE);
    }

    @Test

    @Covers({"setrange", "getrange", "substr"})
    void setrangeGetrangeSubstr() throws Exception {
        assertThat(c.call("SETRANGE", "k", "0", "")).isEqualTo(":0\r\n");
        assertThat(c.call("EXISTS", "k")).isEqualTo(":0\r\n");
        assertThat(c.call("SETRANGE", "k", "1", "b")).isEqualTo(":2\r\n");
        assertThat(c.call("GET", "k")).isEqualTo("$2\r\n\u0000b\r\n");
        assertThat(c.call("SET", "key1", "Hello World")).isEqualTo("+OK\r\n");
        assertThat(c.call("SETRANGE", "key1", "6", "Redis")).isEqualTo(":11\r\n");
        assertThat(c.call("GET", "key1")).isEqualTo(bulk("Hello Redis"));
        assertThat(c.call("SETRANGE", "key1", "0", "")).isEqualTo(":11\r\n");
        assertThat(c.call("SETRANGE", "key1", "-1", "x")).isEqualTo("-ERR offset is out of range\r\n");
        assertThat(c.call("SETRANGE", "key1", "x", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(c.call("SETRANGE", "key1", "536870911", "xx"))
                .isEqualTo("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n");
        assertThat(c.call("SETRANGE", "ts", "0", "x")).isEqualTo(WRONGTYPE);
        assertThat(c.call("SET", "s", "This is a string")).isEqualTo("+OK\r\n");
        assertThat(c.call("GETRANGE", "s", "0", "3")).isEqualTo(bulk("This"));
        assertThat(c.call("GETRANGE", "s", "-3", "-1")).isEqualTo(bulk("ing"));
        assertThat(c.call("GETRANGE", "s", "0", "-1")).isEqualTo(bulk("This is a string"));
        assertThat(c.call("GETRANGE", "s", "10", "100")).isEqualTo(bulk("string"));
        assertThat(c.call("GETRANGE", "s", "5", "3")).isEqualTo("$0\r\n\r\n");
        assertThat(c.call("GETRANGE", "s", "-1", "-5")).isEqualTo("$0\r\n\r\n");
        assertThat(c.call("GETRANGE", "missing", "0", "-1")).isEqualTo("$0\r\n\r\n");
        assertThat(c.call("GETRANGE", "s", "a", "1")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(c.call("SUBSTR", "s", "0", "3")).isEqualTo(bulk("This"));
        assertThat(c.call("SUBSTR", "ts", "0", "3")).isEqualTo(WRONGTYPE);
    }

    @Test

    @Covers({"lcs"})
    void lcs() throws Exception {
        assertThat(c.call("MSET", "key1", "ohmytext", "key2", "mynewtext")).isEqualTo("+OK\r\n");
        assertThat(c.call("LCS", "key1", "key2")).isEqualTo(bulk("mytext"));
        assertThat(c.call("LCS", "key1", "key2", "LEN")).isEqualTo(":6\r\n");
        assertThat(c.call("LCS", "key1", "key2", "IDX")).isEqualTo("*4\r\n$7\r\nmatches\r\n*2\r\n"
                + "*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n"
                + "*2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n"
                + "$3\r\nlen\r\n:6\r\n");
        assertThat(c.call("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN")).isEqualTo("*4\r\n$7\r\nmatches\r\n*1\r\n"
                + "*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n"
                + "$3\r\nlen\r\n:6\r\n");
        assertThat(c.call("LCS", "key1", "nokey")).isEqualTo("$0\r\n\r\n");
        assertThat(c.call("LCS", "key1", "key2", "LEN", "IDX")).isEqualTo("-ERR If you want both the length and indexes, please just use IDX.\r\n");
        assertThat(c.call("LCS", "key1", "key2", "FOO")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.call("LCS", "key1", "ts")).isEqualTo("-ERR The specified keys must contain string values\r\n");
        assertThat(c.call("HELLO", "3")).startsWith("%");
        assertThat(c.call("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4")).isEqualTo("%2\r\n$7\r\nmatches\r\n*1\r\n"
                + "*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n$3\r\nlen\r\n:6\r\n");
    }

    @Test

    @Covers({"setbit", "getbit", "bitcount", "bitpos"})
    void bits() throws Exception {
        assertThat(c.call("SETBIT", "b", "7", "1")).isEqualTo(":0\r\n");
        assertThat(c.call("SETBIT", "b", "7", "0")).isEqualTo(":1\r\n");
        assertThat(c.call("GET", "b")).isEqualTo("$1\r\n\u0000\r\n");
        assertThat(c.call("SETBIT", "b", "1", "1")).isEqualTo(":0\r\n");
        assertThat(c.call("GET", "b")).isEqualTo(bulk("@"));
        assertThat(c.call("GETBIT", "b", "1")).isEqualTo(":1\r\n");
        assertThat(c.call("GETBIT", "b", "0")).isEqualTo(":0\r\n");
        assertThat(c.call("GETBIT", "b", "100")).isEqualTo(":0\r\n");
        assertThat(c.call("GETBIT", "missing", "0")).isEqualTo(":0\r\n");
        assertThat(c.call("SETBIT", "b", "-1", "1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
        assertThat(c.call("SETBIT", "b", "4294967296", "1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
        assertThat(c.call("SETBIT", "b", "0", "2")).isEqualTo("-ERR bit is not an integer or out of range\r\n");
        assertThat(c.call("SETBIT", "b", "0", "x")).isEqualTo("-ERR bit is not an integer or out of range\r\n");
        assertThat(c.call("SETBIT", "ts", "0", "1")).isEqualTo(WRONGTYPE);
        assertThat(c.call("SET", "mykey", "foobar")).isEqualTo("+OK\r\n");
        assertThat(c.call("BITCOUNT", "mykey")).isEqualTo(":26\r\n");
        assertThat(c.call("BITCOUNT", "mykey", "0", "0")).isEqualTo(":4\r\n");
        assertThat(c.call("BITCOUNT", "mykey", "1", "1")).isEqualTo(":6\r\n");
        assertThat(c.call("BITCOUNT", "mykey", "1", "1", "BYTE")).isEqualTo(":6\r\n");
        assertThat(c.call("BITCOUNT", "mykey", "5", "30", "BIT")).isEqualTo(":17\r\n");
        assertThat(c.call("BITCOUNT", "mykey", "-1", "-2")).isEqualTo(":0\r\n");
        assertThat(c.call("BITCOUNT", "mykey", "0")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.call("BITCOUNT", "mykey", "0", "1", "BOTH")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.call("BITCOUNT", "missing")).isEqualTo(":0\r\n");
        assertThat(set("p", 0xff, 0xf0, 0x00)).isEqualTo("+OK\r\n");
        assertThat(c.call("BITPOS", "p", "0")).isEqualTo(":12\r\n");
        assertThat(set("p", 0x00, 0xff, 0xf0)).isEqualTo("+OK\r\n");
        assertThat(c.call("BITPOS", "p", "1", "0")).isEqualTo(":8\r\n");
        assertThat(c.call("BITPOS", "p", "1", "2")).isEqualTo(":16\r\n");
        assertThat(c.call("BITPOS", "p", "1", "2", "-1", "BYTE")).isEqualTo(":16\r\n");
        assertThat(c.call("BITPOS", "p", "1", "7", "15", "BIT")).isEqualTo(":8\r\n");
        assertThat(c.call("BITPOS", "p", "1", "7", "-3", "BIT")).isEqualTo(":8\r\n");
        assertThat(set("ones", 0xff, 0xff, 0xff)).isEqualTo("+OK\r\n");
        assertThat(c.call("BITPOS", "ones", "0")).isEqualTo(":24\r\n");
        assertThat(c.call("BITPOS", "ones", "0", "0")).isEqualTo(":24\r\n");
        assertThat(c.call("BITPOS", "ones", "0", "0", "-1")).isEqualTo(":-1\r\n");
        assertThat(c.call("BITPOS", "missing", "0")).isEqualTo(":0\r\n");
        assertThat(c.call("BITPOS", "missing", "1")).isEqualTo(":-1\r\n");
        assertThat(c.call("BITPOS", "p", "2")).isEqualTo("-ERR The bit argument must be 1 or 0.\r\n");
        assertThat(c.call("BITPOS", "ts", "1")).isEqualTo(WRONGTYPE);
    }

    @Test

    @Covers({"copy", "renamenx", "randomkey", "touch"})
    void copyRenamenxRandomkeyTouch() throws Exception {
        assertThat(c.call("SET", "s", "v", "PXAT", "4000000000000")).isEqualTo("+OK\r\n");
        assertThat(c.call("COPY", "s", "s2")).isEqualTo(":1\r\n");
        assertThat(c.call("GET", "s2")).isEqualTo(bulk("v"));
        assertThat(c.call("PEXPIRETIME", "s2")).isEqualTo(":4000000000000\r\n");
        assertThat(c.call("COPY", "s", "s2")).isEqualTo(":0\r\n");
        assertThat(c.call("COPY", "nokey", "s3")).isEqualTo(":0\r\n");
        assertThat(c.call("COPY", "s", "s")).isEqualTo("-ERR source and destination objects are the same\r\n");
        assertThat(c.call("COPY", "s", "s2", "DB", "1")).isEqualTo("-ERR DB index is out of range\r\n");
        assertThat(c.call("COPY", "s", "s2", "FOO")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.call("COPY", "ts", "s2", "DB", "0", "REPLACE")).isEqualTo(":1\r\n");
        assertThat(c.call("TYPE", "s2")).isEqualTo("+TSDB-TYPE\r\n");

        // A series copy keeps samples, labels and options but, as in RedisTimeSeries, no rules and no source.
        assertThat(c.call("TS.CREATE", "src", "RETENTION", "100000", "LABELS", "sym", "X")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.CREATE", "dst")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.CREATERULE", "src", "dst", "AGGREGATION", "max", "10")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.ADD", "src", "1", "5")).isEqualTo(":1\r\n");
        assertThat(c.call("TS.ADD", "src", "12", "7")).isEqualTo(":12\r\n");
        assertThat(c.call("COPY", "src", "copy")).isEqualTo(":1\r\n");
        assertThat(c.call("COPY", "dst", "dcopy")).isEqualTo(":1\r\n");
        assertThat(c.call("TS.RANGE", "copy", "-", "+")).isEqualTo("*2\r\n*2\r\n:1\r\n+5\r\n*2\r\n:12\r\n+7\r\n");
        assertThat(c.call("TS.QUERYINDEX", "sym=X")).isEqualTo("*2\r\n$4\r\ncopy\r\n$3\r\nsrc\r\n");
        String info = c.call("TS.INFO", "copy");
        assertThat(info).contains("+retentionTime\r\n:100000\r\n").contains("+rules\r\n*0\r\n").contains("+sourceKey\r\n$-1\r\n");
        assertThat(c.call("TS.INFO", "dcopy")).contains("+sourceKey\r\n$-1\r\n");
        assertThat(c.call("TS.INFO", "src")).contains("+rules\r\n*1\r\n");

        assertThat(c.call("RENAMENX", "s", "s2")).isEqualTo(":0\r\n");
        assertThat(c.call("RENAMENX", "s", "s")).isEqualTo(":0\r\n");
        assertThat(c.call("RENAMENX", "s", "fresh")).isEqualTo(":1\r\n");
        assertThat(c.call("PEXPIRETIME", "fresh")).isEqualTo(":4000000000000\r\n");
        assertThat(c.call("RENAMENX", "s", "x")).isEqualTo("-ERR no such key\r\n");
        assertThat(c.call("TOUCH", "fresh", "nokey", "ts")).isEqualTo(":2\r\n");

        assertThat(c.call("FLUSHALL")).isEqualTo("+OK\r\n");
        assertThat(c.call("RANDOMKEY")).isEqualTo("$-1\r\n");
        assertThat(c.call("SET", "only", "1")).isEqualTo("+OK\r\n");
        assertThat(c.call("RANDOMKEY")).isEqualTo(bulk("only"));
        assertThat(c.call("SET", "other", "1")).isEqualTo("+OK\r\n");
        assertThat(c.call("RANDOMKEY")).isIn(bulk("only"), bulk("other"));
        assertThat(c.call("HELLO", "3")).startsWith("%");
        assertThat(c.call("FLUSHALL")).isEqualTo("+OK\r\n");
        assertThat(c.call("RANDOMKEY")).isEqualTo("_\r\n");
    }

    @Test

    @Covers({"object", "object|encoding", "object|freq", "object|help", "object|refcount"})
    void object() throws Exception {
        assertThat(c.call("SET", "i", "12345")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "e", "hello")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "r", "x".repeat(45))).isEqualTo("+OK\r\n");
        assertThat(c.call("OBJECT", "ENCODING", "i")).isEqualTo(bulk("int"));
        assertThat(c.call("OBJECT", "ENCODING", "e")).isEqualTo(bulk("embstr"));
        assertThat(c.call("OBJECT", "ENCODING", "r")).isEqualTo(bulk("raw"));
        assertThat(c.call("OBJECT", "ENCODING", "ts")).isEqualTo(bulk("raw"));
        assertThat(c.call("OBJECT", "ENCODING", "nokey")).isEqualTo("$-1\r\n");
        assertThat(c.call("OBJECT", "REFCOUNT", "i")).isEqualTo(":1\r\n");
        assertThat(c.call("SET", "small", "42")).isEqualTo("+OK\r\n");
        assertThat(c.call("OBJECT", "REFCOUNT", "small")).isEqualTo(":2147483647\r\n");
        assertThat(c.call("OBJECT", "REFCOUNT", "ts")).isEqualTo(":1\r\n");
        assertThat(c.call("OBJECT", "REFCOUNT", "nokey")).isEqualTo("$-1\r\n");
        assertThat(c.call("OBJECT", "FREQ", "nokey")).isEqualTo("$-1\r\n");
        assertThat(c.call("OBJECT", "FREQ", "e")).isEqualTo("-ERR An LFU maxmemory policy is not selected, access frequency not tracked. "
                + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.\r\n");
        assertThat(c.call("OBJECT", "HELP")).startsWith("*15\r\n+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n")
                .contains("+IDLETIME <key>\r\n+    Return the idle time of the <key>, that is the approximated number of\r\n")
                .endsWith("+HELP\r\n+    Print this help.\r\n");
        assertThat(c.call("OBJECT", "NOPE", "x")).isEqualTo("-ERR unknown subcommand 'NOPE'. Try OBJECT HELP.\r\n");
    }

    @Test
    @Covers({"object|idletime"})
    void objectIdletimeCountsFromTheLastAccess() throws Exception {
        assertThat(c.call("SET", "s", "v")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.ADD", "t", "1000", "1")).isEqualTo(":1000\r\n");
        assertThat(c.call("OBJECT", "IDLETIME", "s")).isEqualTo(":0\r\n");
        assertThat(c.call("OBJECT", "IDLETIME", "nokey")).isEqualTo("$-1\r\n");
        Thread.sleep(2100);
        assertThat(Long.parseLong(c.call("OBJECT", "IDLETIME", "s").substring(1).trim())).isBetween(2L, 3L);
        // OBJECT itself does not count as an access
        assertThat(Long.parseLong(c.call("OBJECT", "IDLETIME", "t").substring(1).trim())).isBetween(2L, 3L);
        assertThat(c.call("GET", "s")).isEqualTo("$1\r\nv\r\n");
        assertThat(c.call("TS.GET", "t")).isEqualTo("*2\r\n:1000\r\n+1\r\n");
        assertThat(c.call("OBJECT", "IDLETIME", "s")).isEqualTo(":0\r\n");
        assertThat(c.call("OBJECT", "IDLETIME", "t")).isEqualTo(":0\r\n");
        assertThat(c.call("OBJECT", "IDLETIME")).isEqualTo("-ERR wrong number of arguments for 'object|idletime' command\r\n");
    }
}
