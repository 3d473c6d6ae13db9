package io.stocktsdb.server.csv;

import java.util.Locale;

/** How rows are stored: as labelled series per numeric column, or whole as JSON hash samples. */
public enum StorageForm {
    /**
     * Each numeric column becomes a double series {@code <entity key>:<column>} with labels;
     * each varying text column a string series {@code <entity key>:<column>}.
     */
    SERIES,
    /**
     * Each row is one HASH_SET sample (the row as a JSON object) at the entity key, plus the
     * business's chosen numeric series.
     */
    HASH;

    public static StorageForm parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    public String wireName() { return name().toLowerCase(Locale.ROOT); }
}
