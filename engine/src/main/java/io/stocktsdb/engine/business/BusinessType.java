package io.stocktsdb.engine.business;

import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.ChunkEncoding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One business instance from the configuration: keys starting with {@code prefix} (longest
 * prefix wins; {@code ""} matches everything) live in column family {@code biz.<name>} and new
 * series get these defaults.
 *
 * @param duplicatePolicy null = unset (series created here show nil in TS.INFO)
 */
public record BusinessType(String name, String prefix, long retentionMs, int chunkSizeBytes,
                           DuplicatePolicy duplicatePolicy, ChunkEncoding encoding) {
    public static final String DEFAULT_NAME = "default";

    public BusinessType {
        if (name == null || name.isEmpty() || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("business name must match [A-Za-z0-9_.-]+: " + name);
        }
        if (prefix == null) throw new IllegalArgumentException("prefix");
        if (retentionMs < 0 || chunkSizeBytes <= 0 || encoding == null) throw new IllegalArgumentException("bad defaults for " + name);
    }

    public String columnFamilyName() {
        return "biz." + name;
    }

    public byte[] prefixBytes() {
        return prefix.getBytes(StandardCharsets.UTF_8);
    }

    /** The product's seven businesses as (name, key prefix), in order: the one list both the engine and the server start from. */
    public static final List<Map.Entry<String, String>> SEED = List.of(
            Map.entry("stock_quotes", "stock:"),
            Map.entry("iot_data", "iot:"),
            Map.entry("financial_quotes", "financial:"),
            Map.entry("orders", "order:"),
            Map.entry("payments", "payment:"),
            Map.entry("inventory", "inventory:"),
            Map.entry("sms", "sms:"));

    /** The {@link #SEED} businesses and the catch-all {@value #DEFAULT_NAME}, all with the given series defaults. */
    public static List<BusinessType> defaults(long retentionMs, int chunkSizeBytes, DuplicatePolicy policy, ChunkEncoding encoding) {
        List<BusinessType> out = new ArrayList<>();
        for (Map.Entry<String, String> b : SEED) out.add(new BusinessType(b.getKey(), b.getValue(), retentionMs, chunkSizeBytes, policy, encoding));
        out.add(new BusinessType(DEFAULT_NAME, "", retentionMs, chunkSizeBytes, policy, encoding));
        return List.copyOf(out);
    }
}
