import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.timeseries.AggregationType;
import redis.clients.jedis.timeseries.TSCreateParams;
import redis.clients.jedis.timeseries.TSElement;
import redis.clients.jedis.timeseries.TSMRangeElements;
import redis.clients.jedis.timeseries.TSMRangeParams;

/**
 * Ticks in, candles out, with Jedis: run against a StockTSDB server (default 127.0.0.1:6379).
 * usage: java -cp jedis.jar:... KlineExample.java [port]
 */
public class KlineExample {
    static final long T0 = 1796002200000L; // 2026-11-30 09:30 Asia/Shanghai, in milliseconds
    static final Map<String, Integer> SYMBOLS = new java.util.LinkedHashMap<>(Map.of("SH600519", 1700));

    public static void main(String[] args) {
        SYMBOLS.put("SH600000", 10);
        try (UnifiedJedis jedis = new UnifiedJedis(new HostAndPort("127.0.0.1", args.length > 0 ? Integer.parseInt(args[0]) : 6379))) {
            // 1. Ticks: a price and a volume series per instrument, labelled for filters.
            List<Object> families = list(jedis.sendCommand(command("KLINE.LIST")));
            for (Map.Entry<String, Integer> s : SYMBOLS.entrySet()) {
                String sym = s.getKey();
                for (String field : List.of("price", "volume")) {
                    String key = "stock:" + sym + ":" + field;
                    jedis.del(key);
                    jedis.tsCreate(key, TSCreateParams.createParams().labels(Map.of("sym", sym, "field", field, "market", "SH")));
                }
                if (families.contains("stock:" + sym + ":k")) jedis.sendCommand(command("KLINE.DROP"), "stock:" + sym + ":k");
                List<Map.Entry<String, TSElement>> ticks = new ArrayList<>();
                for (int i = 0; i < 240; i++) { // 4 minutes of 1-second ticks
                    long ts = T0 + i * 1000L;
                    ticks.add(new AbstractMap.SimpleEntry<>("stock:" + sym + ":volume", new TSElement(ts, 100 + i % 7))); // volume first
                    ticks.add(new AbstractMap.SimpleEntry<>("stock:" + sym + ":price", new TSElement(ts, s.getValue() + (i % 10) / 10.0)));
                }
                @SuppressWarnings("unchecked")
                Map.Entry<String, TSElement>[] array = ticks.toArray(new Map.Entry[0]);
                jedis.tsMAdd(array);
            }

            // 2. A K-line family: 1m and 5m candles on the Shanghai calendar.
            for (String sym : SYMBOLS.keySet()) {
                jedis.sendCommand(command("KLINE.CREATE"), "stock:" + sym + ":k", "PRICE", "stock:" + sym + ":price", "VOLUME",
                        "stock:" + sym + ":volume", "TIMEFRAMES", "1m", "5m", "CALENDAR", "SSE", "LABELS", "sym", sym, "market", "SH");
            }

            // 3. Candles: timestamp open high low close volume turnover count vwap.
            for (Object row : list(jedis.sendCommand(command("KLINE.RANGE"), "stock:SH600519:k", "1m", "-", "+"))) {
                System.out.println("candle " + join((List<?>) row));
            }

            // 4. Many instruments at once, and an MRANGE with GROUPBY over the raw ticks.
            for (Object f : list(jedis.sendCommand(command("KLINE.MRANGE"), "5m", "-", "+", "FILTER", "market=SH"))) {
                List<?> family = (List<?>) f;
                System.out.println("family " + family.get(0) + " " + join((List<?>) ((List<?>) family.get(2)).get(0)));
            }
            Map<String, TSMRangeElements> groups = jedis.tsMRange(TSMRangeParams.multiRangeParams().aggregation(AggregationType.MAX, 60000)
                    .filter("field=price").groupBy("field", "sum"));
            for (TSMRangeElements g : groups.values()) {
                System.out.println("group " + g.getKey() + " " + g.getElements().stream()
                        .map(e -> e.getTimestamp() + "=" + e.getValue()).collect(Collectors.joining(" ")));
            }
        }
    }

    static ProtocolCommand command(String name) {
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        return () -> raw;
    }

    /** A raw reply with bulk strings decoded. */
    static List<Object> list(Object reply) {
        List<Object> out = new ArrayList<>();
        for (Object o : (List<?>) reply) out.add(o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : o instanceof List<?> l ? list(l) : o);
        return out;
    }

    static String join(List<?> row) {
        return list(row).stream().map(String::valueOf).collect(Collectors.joining(" "));
    }
}
