package io.stocktsdb.engine.business;

import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.ChunkEncoding;

import java.nio.charset.StandardCharsets;
import java.util.List;

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

    /** The product's default list (product.md section 3) with the given series defaults. */
    public static List<BusinessType> defaults(long retentionMs, int chunkSizeBytes, DuplicatePolicy policy, ChunkEncoding encoding) {
        return List.of(
                new BusinessType("stock_quotes", "stock:", retentionMs, chunkSizeBytes, policy, encoding),
                new BusinessType("iot_data", "iot:", retentionMs, chunkSizeBytes, policy, encoding),
                new BusinessType("financial_quotes", "financial:", retentionMs, chunkSizeBytes, policy, encoding),
                new BusinessType("orders", "order:", retentionMs, chunkSizeBytes, policy, encoding),
                new BusinessType("payments", "payment:", retentionMs, chunkSizeBytes, policy, encoding),
                new BusinessType("inventory", "inventory:", retentionMs, chunkSizeBytes, policy, encoding),
                new BusinessType("sms", "sms:", retentionMs, chunkSizeBytes, policy, encoding),
                new BusinessType(DEFAULT_NAME, "", retentionMs, chunkSizeBytes, policy, encoding));
    }
}
