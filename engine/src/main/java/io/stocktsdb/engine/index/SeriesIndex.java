package io.stocktsdb.engine.index;

import io.stocktsdb.engine.filter.LabelMatcher;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.keyspace.KeyspaceListener;
import io.stocktsdb.engine.series.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The label index of every series, kept beside the keyspace: built once at start from
 * {@link Keyspace#forEachSeries} (the labels are persisted in each series' metadata, so this is the
 * "rebuild at start"), then kept current as the keyspace's {@link KeyspaceListener} (creation,
 * removal, label changes; a rename keeps the id, so the index is unaffected). Queries are bitmap
 * operations ({@link LabelIndex}); only the matching series are then visited, to sort them by key.
 *
 * <p>The engine attaches it at open, after recovery, so it is current before the first command.
 * Series ids are longs; the bitmap index takes ints, so ids must stay below 2^31 (2.1 billion
 * series created over the database's lifetime) and a larger one fails loudly.
 */
public final class SeriesIndex implements KeyspaceListener {
    /** A matching series with its key as read once (a concurrent RENAME cannot disturb the sort). */
    public record Match(Key key, Series series) {}

    private static final Comparator<Match> BY_KEY = Comparator.comparing(Match::key);

    private final Keyspace keyspace;
    private final LabelIndex index = new LabelIndex();

    private SeriesIndex(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** Attaches a new index to {@code keyspace} and fills it from the series it holds. */
    public static SeriesIndex attach(Keyspace keyspace) {
        SeriesIndex s = new SeriesIndex(keyspace);
        keyspace.addListener(s);
        keyspace.forEachSeries(series -> s.index.add(id(series), series.options().labels()));
        return s;
    }

    /** The series matching every matcher, sorted by key bytes (docs/timeseries.md, "Behaviour: reply shapes"). */
    public List<Match> query(List<LabelMatcher> matchers) {
        RoaringBitmap ids = index.query(matchers, null);
        List<Match> out = new ArrayList<>(ids.getCardinality());
        IntIterator it = ids.getIntIterator();
        while (it.hasNext()) {
            Series s = keyspace.seriesById(it.next());
            if (s != null && keyspace.isLive(s)) out.add(new Match(s.key(), s));
        }
        out.sort(BY_KEY);
        return out;
    }

    @Override
    public void seriesCreated(Series series) {
        index.add(id(series), series.options().labels());
    }

    @Override
    public void seriesRemoved(Series series) {
        index.remove(id(series), series.options().labels());
    }

    @Override
    public void seriesRenamed(Series series, Key oldKey) {
        // Same id, same labels: nothing to change; queries sort by the current key.
    }

    @Override
    public void labelsChanged(Series series, Map<String, String> oldLabels) {
        int id = id(series);
        index.remove(id, oldLabels);
        index.add(id, series.options().labels());
    }

    private static int id(Series series) {
        long id = series.id();
        if (id < 0 || id > Integer.MAX_VALUE) {
            throw new IllegalStateException("series id " + id + " does not fit the label index (ids must stay below 2^31)");
        }
        return (int) id;
    }
}
