package io.stocktsdb.engine.index;

import io.stocktsdb.engine.filter.LabelMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * Inverted label index: label → value → bitmap of series ids, plus label → bitmap of every series
 * that has the label. Thread-safe (one read-write lock; queries share the read side). Every query
 * works on whole bitmaps, so {@code l=v} costs a map lookup and a bitmap copy whatever the number
 * of series. Returned bitmaps are fresh copies the caller owns.
 */
public final class LabelIndex {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Postings> byLabel = new HashMap<>();

    /** The series of one label name. */
    private static final class Postings {
        final RoaringBitmap any = new RoaringBitmap();
        final Map<String, RoaringBitmap> byValue = new HashMap<>();
    }

    public void add(int seriesId, Map<String, String> labels) {
        lock.writeLock().lock();
        try {
            for (Map.Entry<String, String> e : labels.entrySet()) {
                Postings p = byLabel.computeIfAbsent(e.getKey(), k -> new Postings());
                p.any.add(seriesId);
                p.byValue.computeIfAbsent(e.getValue(), v -> new RoaringBitmap()).add(seriesId);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the series under exactly these labels (pass the labels it was added with). */
    public void remove(int seriesId, Map<String, String> labels) {
        lock.writeLock().lock();
        try {
            for (Map.Entry<String, String> e : labels.entrySet()) {
                Postings p = byLabel.get(e.getKey());
                if (p == null) continue;
                RoaringBitmap values = p.byValue.get(e.getValue());
                if (values != null) {
                    values.remove(seriesId);
                    if (values.isEmpty()) p.byValue.remove(e.getValue());
                }
                p.any.remove(seriesId);
                if (p.any.isEmpty()) byLabel.remove(e.getKey());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The series matching every matcher (they are ANDed). Like RedisTimeSeries, a query without any
     * inclusion matcher ({@code l=v}, {@code l!=}, {@code l=(..)}) matches nothing. When
     * {@code allSeries} is not null the result is restricted to it (for example the live series of
     * one database).
     */
    public RoaringBitmap query(List<LabelMatcher> matchers, RoaringBitmap allSeries) {
        lock.readLock().lock();
        try {
            List<RoaringBitmap> inclusions = new ArrayList<>();
            List<RoaringBitmap> exclusions = new ArrayList<>();
            for (LabelMatcher m : matchers) {
                RoaringBitmap postings = postings(m);
                if (m.type().isInclusion()) {
                    if (postings.isEmpty()) return new RoaringBitmap();
                    inclusions.add(postings);
                } else if (!postings.isEmpty()) {
                    exclusions.add(postings);
                }
            }
            if (inclusions.isEmpty()) return new RoaringBitmap();
            if (allSeries != null) inclusions.add(allSeries);
            RoaringBitmap result = inclusions.size() == 1
                    ? inclusions.get(0).clone()
                    : FastAggregation.and(inclusions.iterator());
            for (RoaringBitmap excluded : exclusions) {
                result.andNot(excluded);
                if (result.isEmpty()) break;
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The index's own bitmap for one matcher, read-only; the union for list forms. */
    private RoaringBitmap postings(LabelMatcher m) {
        Postings p = byLabel.get(m.label());
        if (p == null) return EMPTY;
        return switch (m.type()) {
            case CONTAINS, NOT_CONTAINS -> p.any;
            case EQ, NEQ -> p.byValue.getOrDefault(m.values().get(0), EMPTY);
            case LIST_MATCH, LIST_NOT_MATCH -> union(p, m.values());
        };
    }

    private static RoaringBitmap union(Postings p, List<String> values) {
        List<RoaringBitmap> parts = new ArrayList<>(values.size());
        for (String v : values) {
            RoaringBitmap b = p.byValue.get(v);
            if (b != null) parts.add(b);
        }
        if (parts.isEmpty()) return EMPTY;
        return parts.size() == 1 ? parts.get(0) : FastAggregation.or(parts.iterator());
    }

    private static final RoaringBitmap EMPTY = new RoaringBitmap();

    /** Every series that has the label (a copy). */
    public RoaringBitmap seriesWithLabel(String label) {
        lock.readLock().lock();
        try {
            Postings p = byLabel.get(label);
            return p == null ? new RoaringBitmap() : p.any.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Label names present in the index, sorted. */
    public SortedSet<String> labelNames() {
        lock.readLock().lock();
        try {
            return new TreeSet<>(byLabel.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Values of one label present in the index, sorted; empty when the label is unknown. */
    public SortedSet<String> valuesOf(String label) {
        lock.readLock().lock();
        try {
            Postings p = byLabel.get(label);
            return p == null ? new TreeSet<>() : new TreeSet<>(p.byValue.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }
}
