package io.stocktsdb.server.command;

import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.server.cluster.ClusterRefusal;

/**
 * Every error text the server sends, in one table: Redis's and RedisTimeSeries' exact wording
 * (without the leading '-'), StockTSDB's own texts marked so, and {@link #of(TsdbError, Object...)}
 * mapping the engine's outcome codes to them. Handlers throw {@link CommandException} with a text
 * from here; the dispatcher maps {@link io.stocktsdb.engine.error.TsdbException}s through {@link #of}.
 */
public final class Errors {
    public static final String SYNTAX = "ERR syntax error";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String NOAUTH = "NOAUTH Authentication required.";
    public static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    public static final String AUTH_NOT_CONFIGURED = "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?";
    public static final String DB_OUT_OF_RANGE = "ERR DB index is out of range";
    public static final String MAX_CLIENTS = "ERR max number of clients reached";
    public static final String MULTI_NESTED = "ERR MULTI calls can not be nested";
    public static final String EXEC_WITHOUT_MULTI = "ERR EXEC without MULTI";
    public static final String DISCARD_WITHOUT_MULTI = "ERR DISCARD without MULTI";
    public static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";
    public static final String EXECABORT_OOM = "EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.";
    public static final String WATCH_IN_MULTI = "ERR WATCH inside MULTI is not allowed";
    public static final String INVALID_EXPIRE = "ERR invalid expire time in '%s' command";
    public static final String EXPIRE_NX_AND_OTHERS = "ERR NX and XX, GT or LT options at the same time are not compatible";
    public static final String EXPIRE_GT_AND_LT = "ERR GT and LT options at the same time are not compatible";
    public static final String INCR_NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";
    public static final String OFFSET_OUT_OF_RANGE = "ERR offset is out of range";
    public static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    public static final String BIT_OFFSET = "ERR bit offset is not an integer or out of range";
    public static final String BIT_VALUE = "ERR bit is not an integer or out of range";
    public static final String BIT_ARGUMENT = "ERR The bit argument must be 1 or 0.";
    public static final String LCS_NOT_STRINGS = "ERR The specified keys must contain string values";
    public static final String LCS_LEN_AND_IDX = "ERR If you want both the length and indexes, please just use IDX.";
    public static final String LCS_TOO_LARGE = "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len";
    public static final String LCS_NO_MEMORY = "ERR Insufficient memory, failed allocating transient memory for LCS";
    public static final String SAME_OBJECT = "ERR source and destination objects are the same";
    public static final String NO_LFU_POLICY = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when "
            + "switching between policies at runtime LRU and LFU data will take some time to adjust.";
    public static final String INTERNAL = "ERR internal error";

    public static final String NO_ACL_FILE = "ERR This Redis instance is not configured to use an ACL file. You may want to specify "
            + "users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file "
            + "set) in order to store users in the Redis configuration.";
    public static final String ACL_SAVE_FAILED = "ERR There was an error trying to save the ACLs. Please check the server logs for more information";
    public static final String NOPERM_KEY = "NOPERM No permissions to access a key";
    public static final String NOPERM_CHANNEL = "NOPERM No permissions to access a channel";
    public static final String USERNAME_SPACES = "ERR Usernames can't contain spaces or null characters";
    public static final String DEFAULT_USER_UNDELETABLE = "ERR The 'default' user cannot be removed";
    /** COMMAND GETKEYS refusals, as Redis words them. */
    public static final String GETKEYS_INVALID_COMMAND = "ERR Invalid command specified";
    public static final String GETKEYS_NO_KEYS = "ERR The command has no key arguments";
    public static final String GETKEYS_BAD_ARITY = "ERR Invalid number of arguments specified for command";
    public static final String GETKEYS_BAD_ARGUMENTS = "ERR Invalid arguments specified for command";

    /** CLIENT KILL USER of a user that does not exist. */
    public static String noSuchUser(String user) { return "ERR No such user '" + user + "'"; }

    /** A RESP2 connection with subscriptions ran another command. */
    public static String onlySubscribeCommands(String command) {
        return "ERR Can't execute '" + command + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";
    }

    /** Redis's addReplySubcommandSyntaxError. */
    public static String unknownSubcommandOrArity(String sub, String command) {
        return "ERR unknown subcommand or wrong number of arguments for '" + sub + "'. Try " + command + " HELP.";
    }

    public static String unknownCategory(String name) { return "ERR Unknown category '" + name + "'"; }

    public static String genpassBits(int maxBits) {
        return "ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to " + maxBits;
    }

    public static String userNotFound(String user) { return "ERR User '" + user + "' not found"; }

    public static String commandNotFound(String command) { return "ERR Command '" + command + "' not found"; }

    /** A problem described elsewhere (ACL LOAD's error list, a failed backup) sent with the ERR code. */
    public static String err(String description) { return "ERR " + description; }
    public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
    public static final String NOT_IN_TRANSACTION = "ERR Command not allowed inside a transaction";
    /** StockTSDB's own (BACKUP). */
    public static final String BACKUP_NOT_ABSOLUTE = "ERR BACKUP needs an absolute directory path";
    /** StockTSDB's own (BACKUP). */
    public static final String BACKUP_EXISTS = "ERR BACKUP target already exists";
    /** StockTSDB's own (TSDB_SET, HASH_SET, BATCH_SET). */
    public static final String SEED_INVALID_TIMESTAMP = "ERR invalid timestamp format";
    public static final String SEED_INVALID_HASH = "ERR invalid hash data format";
    public static final String SEED_INVALID_QUALITY = "ERR invalid quality, must be an integer between 0 and 100";
    public static final String SEED_INVALID_INT = "ERR invalid value for type int: expected a signed 64-bit integer";
    public static final String SEED_INVALID_DOUBLE = "ERR invalid value for type double";
    public static final String BUSYKEY = "BUSYKEY Target key name already exists.";
    public static final String BAD_PAYLOAD = "ERR DUMP payload version or checksum are wrong";
    public static final String BAD_DATA = "ERR Bad data format";
    public static final String BAD_TTL = "ERR Invalid TTL value, must be >= 0";
    public static final String BAD_IDLETIME = "ERR Invalid IDLETIME value, must be >= 0";
    public static final String BAD_FREQ = "ERR Invalid FREQ value, must be >= 0 and <= 255";
    /** StockTSDB's own: series keys have no expiry. */
    public static final String CLUSTER_DISABLED = "ERR This instance has cluster support disabled";
    public static final String INVALID_SLOT = "ERR Invalid slot";
    public static final String INVALID_SLOT_OR_COUNT = "ERR Invalid slot or number of keys";
    /** A cross-shard query inside MULTI: its parts come from other processes, which a transaction cannot wait for. */
    public static String crossShardInMulti(String command) {
        return "ERR Command not allowed inside a transaction: " + command.toUpperCase(java.util.Locale.ROOT) + " reads every shard of the cluster";
    }

    /** A cross-shard TS.MGET/MRANGE/MREVRANGE/QUERYINDEX missing a shard's part: an error, never a partial answer. */
    public static String crossShard(String command, io.stocktsdb.server.cluster.ShardQueryFailure f) {
        String cmd = command.toUpperCase(java.util.Locale.ROOT);
        String shard = "shard " + f.shard() + (f.member() == null ? "" : " (" + f.member() + ")");
        return switch (f.kind()) {
            case NO_LEADER -> "CLUSTERDOWN The cluster is down: " + cmd + " needs every shard and " + shard + " has no leader";
            case UNREACHABLE -> "CLUSTERDOWN The cluster is down: " + cmd + " needs every shard and " + shard + " cannot be reached: " + f.detail();
            case TIMEOUT -> "TRYAGAIN " + cmd + " timed out: " + shard + " sent " + f.detail();
            case REFUSED -> "ERR TSDB: " + cmd + " needs every shard and " + shard + " refused its part: " + f.detail();
        };
    }

    /** SHARD_QUERY on a node that does not serve the shard now (the asking node retries elsewhere). */
    public static String shardNotServed(int shard, String node) {
        return "TRYAGAIN node " + node + " does not serve shard " + shard + " now";
    }

    /** SHARD_QUERY from a node that loaded another topology. */
    public static String shardQueryTopology(String asked, long mine) {
        return "ERR TSDB: SHARD_QUERY for topology version " + asked + " but this node runs version " + mine;
    }

    public static final String SHARD_QUERY_STANDALONE = "ERR TSDB: SHARD_QUERY is answered only in cluster mode";
    public static final String SHARD_QUERY_BAD = "ERR TSDB: SHARD_QUERY carries an unreadable query";
    public static final String KLINE_MRANGE_CROSS_SHARD =
            "ERR TSDB: KLINE.MRANGE across several shards is not supported yet: this node holds only its shard's series";
    public static final String CROSS_SHARD_NO_CONNECTION = "ERR TSDB: a cross-shard query needs a client connection";
    public static final String NO_SHUTDOWN = "ERR No shutdown in progress.";
    public static final String SLOWLOG_COUNT = "ERR count should be greater than or equal to -1";
    public static final String CLIENT_NAME_CHARS = "ERR Client names cannot contain spaces, newlines or special characters.";
    public static final String PROTOCOL_NOT_INTEGER = "ERR Protocol version is not an integer or out of range";
    public static final String NOPROTO = "NOPROTO unsupported protocol version";
    public static final String HELLO_NOAUTH = "NOAUTH HELLO must be called with the client already authenticated, otherwise the "
            + "HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP "
            + "protocol version at the same time";
    public static final String LIB_NAME_CHARS = "ERR lib-name cannot contain spaces, newlines or special characters.";
    public static final String LIB_VER_CHARS = "ERR lib-ver cannot contain spaces, newlines or special characters.";
    public static final String INVALID_CLIENT_ID = "ERR Invalid client ID";
    public static final String NO_SUCH_CLIENT = "ERR No such client";
    public static final String CLIENT_ID_POSITIVE = "ERR client-id should be greater than 0";
    public static final String DECREMENT_OVERFLOW = "ERR decrement would overflow";
    public static final String INVALID_CURSOR = "ERR invalid cursor";

    // ---- RedisTimeSeries (TS.* commands): whole wire texts; most carry ERR, the few sent without it are marked

    public static final String KEY_DOES_NOT_EXIST = "ERR TSDB: the key does not exist";
    public static final String NOT_A_TSDB_KEY = "ERR TSDB: the key is not a TSDB key";
    /** RedisTimeSeries prepends ERR to Redis's own WRONGTYPE text. */
    public static final String TS_WRONGTYPE = "ERR WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String KEY_EXISTS = "ERR TSDB: key already exists";
    public static final String INVALID_VALUE = "ERR TSDB: invalid value";
    public static final String INVALID_TIMESTAMP = "ERR TSDB: invalid timestamp";
    public static final String NEGATIVE_TIMESTAMP = "ERR TSDB: invalid timestamp, must be a nonnegative integer";
    public static final String OLDER_THAN_RETENTION = "ERR TSDB: Timestamp is older than retention";
    public static final String BLOCKED =
            "ERR TSDB: Error at upsert, update is not supported when DUPLICATE_POLICY is set to BLOCK mode";
    public static final String INVALID_INCREMENT = "ERR TSDB: invalid increase/decrease value";
    /** Sent without ERR, so clients see the code {@code TSDB:}. */
    public static final String INCRBY_TOO_OLD = "TSDB: timestamp must be equal to or higher than the maximum existing timestamp";

    public static final String PARSE_RETENTION = "ERR TSDB: Couldn't parse RETENTION";
    /** A negative RETENTION: sent without ERR. */
    public static final String NEGATIVE_RETENTION = "TSDB: Couldn't parse RETENTION";
    public static final String PARSE_CHUNK_SIZE = "ERR TSDB: Couldn't parse CHUNK_SIZE";
    public static final String CHUNK_SIZE_RANGE = "ERR TSDB: CHUNK_SIZE value must be a multiple of 8 in the range [48 .. 1048576]";
    public static final String UNKNOWN_ENCODING = "ERR TSDB: unknown ENCODING parameter";
    public static final String PARSE_DUPLICATE_POLICY = "ERR TSDB: Couldn't parse DUPLICATE_POLICY";
    public static final String UNKNOWN_DUPLICATE_POLICY = "ERR TSDB: Unknown DUPLICATE_POLICY";
    public static final String PARSE_IGNORE = "ERR TSDB: Couldn't parse IGNORE";
    public static final String NEGATIVE_IGNORE = "ERR TSDB: IGNORE arguments cannot be negative";
    public static final String PARSE_LABELS = "ERR TSDB: Couldn't parse LABELS";

    public static final String WRONG_FROM = "ERR TSDB: wrong fromTimestamp";
    public static final String WRONG_TO = "ERR TSDB: wrong toTimestamp";
    public static final String WRONG_3RD_ARGUMENT = "ERR TSDB: wrong 3rd argument";
    public static final String COUNT_MISSING = "ERR TSDB: COUNT argument is missing";
    public static final String PARSE_COUNT = "ERR TSDB: Couldn't parse COUNT";
    public static final String INVALID_COUNT = "ERR TSDB: Invalid COUNT value";
    public static final String FILTER_BY_VALUE_MISSING = "ERR TSDB: FILTER_BY_VALUE one or more arguments are missing";
    public static final String PARSE_MIN = "ERR TSDB: Couldn't parse MIN";
    public static final String PARSE_MAX = "ERR TSDB: Couldn't parse MAX";
    public static final String FILTER_BY_TS_MISSING = "ERR TSDB: FILTER_BY_TS one or more arguments are missing";

    public static final String WITHLABELS_AND_SELECTED = "ERR TSDB: cannot accept WITHLABELS and SELECT_LABELS together";
    public static final String SELECTED_LABELS_MAX = "ERR TSDB: reached max size for SELECT_LABELS";
    public static final String SELECTED_LABELS_EMPTY = "ERR TSDB: SELECT_LABELS should have at least 1 parameter";
    /** Redis 8.8. */
    public static final String GROUPBY_MULTI_AGGREGATORS = "ERR TSDB: GROUPBY is not allowed when multiple aggregators are specified";

    /** TS.MGET/MRANGE/QUERYINDEX when the user may not read a matched key (8.0+). */
    public static final String NOPERM_FILTER =
            "NOPERM TSDB: current user doesn't have read permission to one or more keys that match the specified filter";
    public static final String SAME_SOURCE_AND_DEST = "ERR TSDB: the source key and destination key should be different";
    public static final String CREATERULE_ONE_AGGREGATOR = "ERR TSDB: CREATERULE requires exactly one aggregation type";

    /**
     * StockTSDB's own: a TS.* command that needs numbers on a series created by TSDB_SET/HASH_SET
     * with a non-numeric type ({@code string} or {@code hash}).
     */
    public static final String STRING_SERIES = "ERR TSDB: the series holds string values";
    public static final String HASH_SERIES = "ERR TSDB: the series holds hash values";

    /** StockTSDB's own: a non-integral value written to an {@code int} series. */
    public static final String INT_SERIES_VALUE = "ERR TSDB: invalid value, the series holds int values";

    // filter expressions
    public static final String FAILED_PARSING_LABELS = "ERR TSDB: failed parsing labels";
    public static final String AT_LEAST_ONE_MATCHER = "ERR TSDB: please provide at least one matcher";
    public static final String MISSING_FILTER = "ERR TSDB: missing FILTER argument";
    public static final String MISSING_FILTER_LABELS = "ERR TSDB: missing labels for filter argument";
    public static final String GROUPBY_AFTER_FILTER = "ERR TSDB: GROUPBY should always come after filter";

    // aggregation
    public static final String PARSE_AGGREGATION = "ERR TSDB: Couldn't parse AGGREGATION";
    public static final String UNKNOWN_AGGREGATION = "ERR TSDB: Unknown aggregation type";
    public static final String BUCKET_DURATION_POSITIVE = "ERR TSDB: bucketDuration must be greater than zero";
    public static final String AGGREGATION_CLASS = "ERR TSDB: Failed to retrieve aggregation class";
    public static final String EMPTY_POSITION =
            "ERR TSDB: EMPTY flag should be the 3rd or 5th flag after AGGREGATION flag";
    public static final String PARSE_EMPTY = "ERR TSDB: Couldn't parse EMPTY flag";
    public static final String BUCKETTIMESTAMP_POSITION =
            "ERR TSDB: BUCKETTIMESTAMP flag should be the 3rd or 4th flag after AGGREGATION flag";
    public static final String UNKNOWN_BUCKETTIMESTAMP = "ERR TSDB: unknown BUCKETTIMESTAMP parameter";
    public static final String PARSE_ALIGN_TIMESTAMP = "ERR TSDB: Couldn't parse alignTimestamp";
    public static final String ALIGN_TIMESTAMP_NEGATIVE = "ERR TSDB: alignTimestamp should be greater or equal to 0";
    public static final String UNKNOWN_ALIGN = "ERR TSDB: unknown ALIGN parameter";
    public static final String ALIGN_WITHOUT_AGGREGATION = "ERR TSDB: ALIGN parameter can only be used with AGGREGATION";
    public static final String ALIGN_START_NEEDS_START =
            "ERR TSDB: start alignment can only be used with explicit start timestamp";
    public static final String ALIGN_END_NEEDS_END =
            "ERR TSDB: end alignment can only be used with explicit end timestamp";

    // GROUPBY / REDUCE
    public static final String INVALID_REDUCER = "ERR TSDB: Invalid reducer type";
    public static final String REDUCER_CLASS = "ERR TSDB: Failed to retrieve reducer class";

    // compaction rules
    public static final String SOURCE_HAS_SOURCE_RULE = "ERR TSDB: the source key already has a source rule";
    public static final String DEST_HAS_DEST_RULES = "ERR TSDB: the destination key already has a dst rule";
    public static final String DEST_HAS_SOURCE_RULE = "ERR TSDB: the destination key already has a src rule";
    public static final String RULE_DOES_NOT_EXIST = "ERR TSDB: compaction rule does not exist";
    public static final String DELETE_BEYOND_RETENTION = "ERR TSDB: When a series has compactions, deleting samples or "
            + "compaction buckets beyond the series retention period is not possible";
    /** StockTSDB's own: a destination stores the aggregates, which are doubles. */
    public static final String DEST_NOT_DOUBLE = "ERR TSDB: the destination key must hold double values";

    /** StockTSDB's own: rules aggregate numbers, so string and hash series cannot take part. */
    public static String ruleSeriesNotNumeric(Object role, Object typeName) {
        return "ERR TSDB: the " + role + " key holds " + typeName + " values; compaction rules need numeric series";
    }

    // ---- K-line families (StockTSDB's own texts): each starts with "ERR KLINE:" and names the argument at fault

    private static final String KLINE = "ERR KLINE: ";
    public static final String KLINE_LABELS_PAIRS = KLINE + "LABELS needs label value pairs";
    public static final String KLINE_LABELS_RESERVED = KLINE + "label names starting with 'kline' are reserved";
    public static final String KLINE_MISSING_PRICE = KLINE + "missing PRICE key";
    public static final String KLINE_MISSING_TIMEFRAMES = KLINE + "missing TIMEFRAMES (e.g. TIMEFRAMES 1m 5m 1h 1d)";
    public static final String KLINE_MISSING_FILTER = KLINE + "missing FILTER (e.g. FILTER market=SH)";

    public static String klineNoFamily(String family) {
        return KLINE + "no such family '" + family + "'";
    }

    public static String klineNoTimeframe(String family, String tf, String has) {
        return KLINE + "family '" + family + "' has no timeframe '" + tf + "' (it has " + has + ")";
    }

    public static String klineDuplicateTimeframe(String label) {
        return KLINE + "duplicate TIMEFRAMES value '" + label + "'";
    }

    public static String klineUnknownArgument(String arg) {
        return KLINE + "unknown argument '" + arg + "'";
    }

    public static String klineNeedsValue(String keyword) {
        return KLINE + keyword + " needs a value";
    }

    public static String klineInvalidBound(String which, String arg) {
        return KLINE + "invalid " + which + " '" + arg + "'";
    }

    public static String klineInvalidCount(String arg) {
        return KLINE + "invalid COUNT '" + arg + "'";
    }

    /** The text of an engine code {@code KLINE_*}. */
    private static String kline(TsdbError error, Object... a) {
        return switch (error) {
            case KLINE_BAD_TIMEFRAME -> KLINE + "invalid TIMEFRAMES value '" + a[0] + "' (expected e.g. 30s, 1m, 5m, 15m, 1h or 1d; intraday below 24h)";
            case KLINE_DUPLICATE_TIMEFRAME -> klineDuplicateTimeframe(String.valueOf(a[0]));
            case KLINE_UNKNOWN_ZONE -> KLINE + "unknown TIMEZONE '" + a[0] + "' (expected an IANA zone such as Asia/Shanghai or America/New_York)";
            case KLINE_UNKNOWN_CALENDAR -> KLINE + "unknown CALENDAR '" + a[0] + "' (built in: " + a[1] + ")";
            case KLINE_BAD_SESSIONS -> KLINE + "invalid SESSIONS '" + a[0] + "' (expected HH:MM-HH:MM[,HH:MM-HH:MM...], each ending after it starts)";
            case KLINE_OVERLAPPING_SESSIONS -> KLINE + "SESSIONS overlap: " + a[0] + " and " + a[1];
            case KLINE_BAD_OUTSIDE -> KLINE + "invalid OUTSIDE '" + a[0] + "' (expected KEEP or REJECT)";
            case KLINE_FAMILY_EXISTS -> KLINE + "family '" + a[0] + "' already exists";
            case KLINE_NO_FAMILY -> klineNoFamily(String.valueOf(a[0]));
            case KLINE_NO_TIMEFRAME -> klineNoTimeframe(String.valueOf(a[0]), String.valueOf(a[1]), String.valueOf(a[2]));
            case KLINE_KEY_MISSING -> KLINE + a[0] + " key '" + a[1] + "' does not exist";
            case KLINE_NOT_SERIES -> KLINE + a[0] + " key '" + a[1] + "' is not a time series";
            case KLINE_NOT_NUMERIC -> KLINE + a[0] + " key '" + a[1] + "' does not hold numbers";
            case KLINE_ALREADY_FEEDS -> KLINE + a[0] + " key '" + a[1] + "' already feeds family '" + a[2] + "'";
            case KLINE_IS_BAR_SERIES -> KLINE + a[0] + " key '" + a[1] + "' is a bar series of a K-line family";
            case KLINE_IS_RULE_DESTINATION -> KLINE + a[0] + " key '" + a[1] + "' is a compaction destination";
            case KLINE_SAME_KEYS -> KLINE + "the PRICE and VOLUME keys must be different";
            case KLINE_BAR_SERIES_EXISTS -> KLINE + "bar series '" + a[0] + "' already exists";
            case KLINE_OUTSIDE_SESSION -> KLINE + "timestamp " + a[0] + " is outside the trading sessions of family '" + a[1] + "' (" + a[2] + ")";
            default -> throw new IllegalArgumentException("not a K-line code: " + error);
        };
    }

    // ---- Redis Cluster: redirections and refusals

    public static final String CROSSSLOT = "CROSSSLOT Keys in request don't hash to the same slot";
    public static final String CLUSTER_DOWN = "CLUSTERDOWN The cluster is down";
    public static final String SLOT_NOT_SERVED = "CLUSTERDOWN Hash slot not served";
    public static final String TRYAGAIN = "TRYAGAIN Multiple keys request during rehashing of slot";

    /** {@code MOVED <slot> <host>:<port>}. */
    public static String moved(int slot, String host, int port) {
        return "MOVED " + slot + " " + host + ":" + port;
    }

    /** The text of the cluster router's refusal. */
    public static String of(ClusterRefusal refusal) {
        return switch (refusal.reason()) {
            case CROSSSLOT -> CROSSSLOT;
            case MOVED -> moved(refusal.slot(), refusal.host(), refusal.port());
        };
    }

    private Errors() {}

    public static String noPermissionToRun(String user, String command) {
        return "NOPERM User " + user + " has no permissions to run the '" + command + "' command";
    }

    /** EXEC re-checks queued commands; {@code why} says which permission went missing. */
    public static String aclChangedBeforeExec(String why) {
        return "NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. "
                + "This command is no longer allowed for the following reason: " + why;
    }

    public static String unmatchedSelectorParenthesis(String opening) {
        return "ERR Unmatched parenthesis in acl selector starting at '" + opening + "'.";
    }

    public static String setUserModifier(String op, String problem) {
        return "ERR Error in ACL SETUSER modifier '" + op + "': " + problem;
    }

    public static String seedInvalidType(String name) {
        return "ERR invalid data type '" + name + "', expected double, int, string or hash";
    }

    public static String configSetUnknown(String name) {
        return "ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'";
    }

    public static final String DEBUG_NOT_ALLOWED = "ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", "
            + "you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.";
    /** DEBUG ERROR: the caller's text as the whole error (no ERR prefix), line breaks made spaces as Redis does. */
    public static String debugError(String text) { return text.replace('\r', ' ').replace('\n', ' '); }

    public static final String DEBUG_RELOAD_OPTIONS = "ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.";
    /** DEBUG RELOAD closed the store and could not open it again. */
    public static final String DEBUG_RELOAD_FAILED = "ERR Error trying to load the RDB dump, check server logs.";
    /** StockTSDB's own (DEBUG RELOAD NOFLUSH). */
    public static final String DEBUG_RELOAD_NOFLUSH = "ERR DEBUG RELOAD NOFLUSH is not supported: the store reopened is the data set in memory, "
            + "there is no other RDB file to load over it";
    /** StockTSDB's own (DEBUG RELOAD in cluster mode). */
    public static final String DEBUG_RELOAD_CLUSTER = "ERR DEBUG RELOAD is not available in cluster mode: the shard's replicated state machine "
            + "owns the store (restart the node instead)";
    public static final String BGSAVE_IN_PROGRESS = "ERR Background save already in progress";
    /** Redis answers a failed SAVE with a bare ERR (the reason is in the log). */
    public static final String SAVE_FAILED = "ERR";
    public static final String CONFIG_REWRITE_NO_FILE = "ERR The server is running without a config file";

    public static String configRewriteFailed(String why) { return "ERR Rewriting config file: " + why; }

    public static String configSetFailed(String name, String why) {
        return "ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + why;
    }

    public static String helloOption(String option) { return "ERR Syntax error in HELLO option '" + option + "'"; }

    public static String unrecognizedOption(String option) { return "ERR Unrecognized option '" + option + "'"; }

    public static String unknownClientType(String type) { return "ERR Unknown client type '" + type + "'"; }

    public static String unknownTypeName(String type) { return "ERR unknown type name '" + type + "'"; }

    /** The wire text for an engine outcome. */
    public static String of(TsdbError error, Object... args) {
        return switch (error) {
            case FAILED_PARSING_LABELS -> FAILED_PARSING_LABELS;
            case AT_LEAST_ONE_MATCHER -> AT_LEAST_ONE_MATCHER;
            case INVALID_REDUCER -> INVALID_REDUCER;
            case KEY_DOES_NOT_EXIST -> KEY_DOES_NOT_EXIST;
            case NOT_A_SERIES -> TS_WRONGTYPE;
            case SAME_SOURCE_AND_DEST -> SAME_SOURCE_AND_DEST;
            case SOURCE_HAS_SOURCE_RULE -> SOURCE_HAS_SOURCE_RULE;
            case DEST_HAS_DEST_RULES -> DEST_HAS_DEST_RULES;
            case DEST_HAS_SOURCE_RULE -> DEST_HAS_SOURCE_RULE;
            case RULE_DOES_NOT_EXIST -> RULE_DOES_NOT_EXIST;
            case DELETE_BEYOND_RETENTION -> DELETE_BEYOND_RETENTION;
            case BUCKET_DURATION_POSITIVE -> BUCKET_DURATION_POSITIVE;
            case ALIGN_TIMESTAMP_NEGATIVE -> ALIGN_TIMESTAMP_NEGATIVE;
            case RULE_SERIES_NOT_NUMERIC -> ruleSeriesNotNumeric(args[0], args[1]);
            case DEST_NOT_DOUBLE -> DEST_NOT_DOUBLE;
            case NOT_INTEGER -> NOT_INTEGER;
            case OVERFLOW -> OVERFLOW;
            case WRONGTYPE -> WRONGTYPE;
            case KLINE_BAD_TIMEFRAME, KLINE_DUPLICATE_TIMEFRAME, KLINE_UNKNOWN_ZONE, KLINE_UNKNOWN_CALENDAR, KLINE_BAD_SESSIONS,
                 KLINE_OVERLAPPING_SESSIONS, KLINE_BAD_OUTSIDE, KLINE_FAMILY_EXISTS, KLINE_NO_FAMILY, KLINE_NO_TIMEFRAME,
                 KLINE_KEY_MISSING, KLINE_NOT_SERIES, KLINE_NOT_NUMERIC, KLINE_ALREADY_FEEDS, KLINE_IS_BAR_SERIES,
                 KLINE_IS_RULE_DESTINATION, KLINE_SAME_KEYS, KLINE_BAR_SERIES_EXISTS, KLINE_OUTSIDE_SESSION -> kline(error, args);
        };
    }

    public static String of(TsdbException e) { return of(e.error(), e.args()); }

    /** EXPIRE family: an option that is none of NX, XX, GT, LT. */
    public static String unsupportedOption(String option) {
        return "ERR Unsupported option " + option;
    }

    /** Writes refused while the op log cannot write (Redis's MISCONF for a failing AOF); {@code reason} from the engine. */
    public static String misconf(String reason) {
        return "MISCONF " + reason;
    }

    /** An explicit timestamp certainly in the other unit than its business's timestamp_unit. */
    public static String timestampInOtherUnit(long ts, String otherUnit, String business, String unit, String unitName) {
        return "ERR timestamp " + ts + " is in " + otherUnit + " but business '" + business + "' keeps " + unit
                + " (timestamp_unit " + unitName + ")";
    }

    /** Filling in "now" in one unit on a series that holds timestamps of the other. */
    public static String timestampUnitMismatch(String heldUnit, long last, String nowUnit, String business) {
        return "ERR timestamp unit mismatch: the key holds timestamps in " + heldUnit + " (last " + last
                + ") but the current time would be written in " + nowUnit + "; give the timestamp, or set timestamp_unit of business '"
                + business + "'";
    }

    public static String wrongArity(String commandName) {
        return "ERR wrong number of arguments for '" + commandName + "' command";
    }

    public static String unknownSubcommand(String sub, String container) {
        return "ERR unknown subcommand '" + truncate(sub) + "'. Try " + container.toUpperCase(java.util.Locale.ROOT) + " HELP.";
    }

    /** As Redis: the name cut to 128 bytes, then quoted arguments while their text is under 128 bytes. */
    public static String unknownCommand(io.stocktsdb.resp.RespRequest req) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < req.argc() && args.length() < 128; i++) {
            String a = req.string(i);
            int room = 128 - args.length();
            args.append('\'').append(a.length() > room ? a.substring(0, room) : a).append("' ");
        }
        return "ERR unknown command '" + truncate(req.string(0)) + "', with args beginning with: " + args;
    }

    private static String truncate(String s) {
        return s.length() > 128 ? s.substring(0, 128) : s;
    }
}
