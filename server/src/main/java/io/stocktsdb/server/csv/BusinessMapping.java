package io.stocktsdb.server.csv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one business type's CSV rows map to keys (docs/operations.md, "CSV column mappings").
 * The entity key is {@code prefix + entity column values joined by ':'}; series keys append
 * {@code ':' + column}. Label columns are identifying text constant per entity; text columns
 * vary per row.
 *
 * @param business       business type name (INFO business, the {@code business} label)
 * @param prefix         key prefix that routes to the business
 * @param columns        every CSV column in the seed's order, {@code timestamp} first
 * @param entityColumns  columns naming the entity
 * @param labelColumns   identifying text columns, stored as series labels
 * @param numericColumns numeric columns
 * @param textColumns    text columns that vary from row to row
 * @param hashFormSeries numeric columns that also get series in the hash form
 * @param defaultForm    the form used without {@code --form}
 */
public record BusinessMapping(String business, String prefix, List<String> columns, List<String> entityColumns,
                              List<String> labelColumns, List<String> numericColumns, List<String> textColumns,
                              List<String> hashFormSeries, StorageForm defaultForm) {
    public static final String TIMESTAMP = "timestamp";

    private static final Map<String, BusinessMapping> BUILT_IN = new LinkedHashMap<>();

    static {
        add(new BusinessMapping("stock_quotes", "stock:",
                List.of(TIMESTAMP, "stock_code", "market", "open", "high", "low", "close", "volume", "amount"),
                List.of("stock_code"), List.of("stock_code", "market"),
                List.of("open", "high", "low", "close", "volume", "amount"), List.of(), List.of(), StorageForm.SERIES));
        add(new BusinessMapping("iot_data", "iot:",
                List.of(TIMESTAMP, "device_id", "sensor_type", "value", "unit", "location", "status"),
                List.of("device_id", "sensor_type"), List.of("device_id", "sensor_type", "unit", "location"),
                List.of("value"), List.of("status"), List.of(), StorageForm.SERIES));
        add(new BusinessMapping("financial_quotes", "financial:",
                List.of(TIMESTAMP, "symbol", "exchange", "bid", "ask", "last_price", "volume", "change", "change_percent"),
                List.of("symbol"), List.of("symbol", "exchange"),
                List.of("bid", "ask", "last_price", "volume", "change", "change_percent"), List.of(), List.of(), StorageForm.SERIES));
        add(new BusinessMapping("orders", "order:",
                List.of(TIMESTAMP, "order_id", "user_id", "product_id", "quantity", "price", "status", "payment_method"),
                List.of("order_id"), List.of("order_id", "user_id", "product_id"),
                List.of("quantity", "price"), List.of("status", "payment_method"), List.of("quantity", "price"), StorageForm.HASH));
        add(new BusinessMapping("payments", "payment:",
                List.of(TIMESTAMP, "payment_id", "order_id", "amount", "currency", "status", "payment_gateway", "user_id"),
                List.of("payment_id"), List.of("payment_id", "order_id", "user_id", "currency", "payment_gateway"),
                List.of("amount"), List.of("status"), List.of("amount"), StorageForm.HASH));
        add(new BusinessMapping("inventory", "inventory:",
                List.of(TIMESTAMP, "product_id", "warehouse_id", "quantity", "location", "status", "last_updated_by"),
                List.of("product_id", "warehouse_id"), List.of("product_id", "warehouse_id", "location"),
                List.of("quantity"), List.of("status", "last_updated_by"), List.of("quantity"), StorageForm.HASH));
        add(new BusinessMapping("sms", "sms:",
                List.of(TIMESTAMP, "sms_id", "phone_number", "content", "status", "template_id", "send_time", "delivery_time"),
                List.of("sms_id"), List.of("sms_id", "phone_number", "template_id"),
                List.of(), List.of("content", "status", "send_time", "delivery_time"), List.of(), StorageForm.HASH));
    }

    private static void add(BusinessMapping m) {
        BUILT_IN.put(m.business(), m);
    }

    /** The built-in mapping of a seed business type, or null. */
    public static BusinessMapping of(String business) {
        return BUILT_IN.get(business);
    }

    /**
     * The CLI's lookup: the mapping of {@code business} with {@code prefix} applied when given,
     * or null after telling {@code err} which businesses exist.
     */
    public static BusinessMapping forCli(String command, String business, String prefix, java.io.PrintWriter err) {
        BusinessMapping mapping = of(business);
        if (mapping == null) {
            err.println("stocktsdb " + command + ": unknown business '" + business + "'; known: " + String.join(", ", names()));
            return null;
        }
        return prefix == null ? mapping : mapping.withPrefix(prefix);
    }

    public static List<String> names() {
        return new ArrayList<>(BUILT_IN.keySet());
    }

    /** Numeric columns written as series in {@code form}. */
    public List<String> seriesColumns(StorageForm form) {
        return form == StorageForm.SERIES ? numericColumns : hashFormSeries;
    }

    /** Text columns written as string series in {@code form} (none in the hash form: the JSON holds them). */
    public List<String> stringSeriesColumns(StorageForm form) {
        return form == StorageForm.SERIES ? textColumns : List.of();
    }

    /** The same mapping under another key prefix (a business configured with its own prefix). */
    public BusinessMapping withPrefix(String newPrefix) {
        return new BusinessMapping(business, newPrefix, columns, entityColumns, labelColumns, numericColumns, textColumns,
                hashFormSeries, defaultForm);
    }
}
