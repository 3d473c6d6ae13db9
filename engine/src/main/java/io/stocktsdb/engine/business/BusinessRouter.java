package io.stocktsdb.engine.business;

import io.stocktsdb.engine.key.Key;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Routes a key to its business: the configured business with the longest matching prefix. */
public final class BusinessRouter {
    private final Business[] byPrefixLength;
    private final byte[][] prefixes;
    private final Map<String, Business> byName;

    /**
     * @param all every business with a column family, configured or kept from an older
     *            configuration; the configured ones must include one with prefix {@code ""}
     */
    public BusinessRouter(Collection<Business> all) {
        List<Business> routed = new ArrayList<>();
        Map<String, Business> names = new LinkedHashMap<>();
        for (Business b : all) {
            names.put(b.name(), b);
            if (b.configured()) routed.add(b);
        }
        routed.sort(Comparator.comparingInt((Business b) -> b.type().prefixBytes().length).reversed());
        if (routed.isEmpty() || routed.get(routed.size() - 1).type().prefix().length() != 0) {
            throw new IllegalArgumentException("business types need a catch-all entry with prefix \"\"");
        }
        this.byPrefixLength = routed.toArray(new Business[0]);
        this.prefixes = new byte[byPrefixLength.length][];
        for (int i = 0; i < byPrefixLength.length; i++) prefixes[i] = byPrefixLength[i].type().prefixBytes();
        this.byName = Collections.unmodifiableMap(names);
    }

    public Business route(Key key) {
        for (int i = 0; i < prefixes.length; i++) {
            if (key.startsWith(prefixes[i])) return byPrefixLength[i];
        }
        throw new IllegalStateException("unreachable: the catch-all business matches every key");
    }

    /** A business by name, configured or kept; null when unknown. */
    public Business byName(String name) {
        return byName.get(name);
    }

    /** Every business, in configuration order, kept ones last. */
    public Collection<Business> all() {
        return byName.values();
    }
}
