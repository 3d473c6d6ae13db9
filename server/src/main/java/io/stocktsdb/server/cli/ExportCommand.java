package io.stocktsdb.server.cli;

import io.stocktsdb.server.csv.BusinessMapping;
import io.stocktsdb.server.csv.ExportOptions;
import io.stocktsdb.server.csv.ImportProgress;
import io.stocktsdb.server.progress.ProgressDisplay;
import io.stocktsdb.server.csv.QueryExporter;
import io.stocktsdb.server.csv.Exporter;
import io.stocktsdb.server.csv.StorageForm;
import io.stocktsdb.server.csv.TimestampFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stocktsdb export --business stock_quotes --file out.csv [--from T] [--to T]}, or the
 * result of a query: {@code --filter EXPR... [--aggregation AGG --bucket MS | --candles TF]}.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Exports from a running server as CSV: one business type's data in the columns import reads",
            "(--business; rows grouped by entity, in timestamp order), or the result of a query (--filter):",
            "the matching series' samples, aggregated with --aggregation/--bucket, or the candles of the",
            "matching K-line families with --candles."})
public final class ExportCommand implements Callable<Integer> {
    @Option(names = {"-b", "--business"}, paramLabel = "NAME", description = "business type")
    String business;

    @Option(names = "--filter", arity = "1..*", paramLabel = "EXPR", description = "label filter, as TS.MRANGE's FILTER (e.g. market=SH)")
    java.util.List<String> filter;

    @Option(names = "--aggregation", paramLabel = "AGG[,AGG...]", description = "aggregate each series (TS.RANGE's aggregators, e.g. avg or first,max,min,last)")
    String aggregation;

    @Option(names = "--bucket", paramLabel = "MS", description = "bucket of --aggregation in milliseconds")
    Long bucket;

    @Option(names = "--candles", paramLabel = "TIMEFRAME", description = "export the candles of the K-line families matching --filter (e.g. 1m)")
    String candles;


    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "output file (default: standard output)")
    Path file;

    @Option(names = "--from", paramLabel = "TIME", description = "first timestamp, as import reads them, or - (default: ${DEFAULT-VALUE})")
    String from = "-";

    @Option(names = "--to", paramLabel = "TIME", description = "last timestamp, or + (default: ${DEFAULT-VALUE})")
    String to = "+";

    @Option(names = "--form", paramLabel = "series|hash", description = "the form the data was imported in (default: the business's)")
    String form;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "key prefix (default: the business's seed prefix)")
    String prefix;

    @Option(names = "--time-format", paramLabel = "ms|s|iso", description = "how timestamps are written (default: ${DEFAULT-VALUE})")
    String timeFormat = "ms";

    @Option(names = "--timezone", paramLabel = "ZONE", description = "zone for --time-format iso and for reading --from/--to (default: ${DEFAULT-VALUE})")
    String zone = "UTC";

    @Mixin
    ProgressOptions progress = new ProgressOptions();

    @Mixin
    ClientOptions client = new ClientOptions();

    private final PrintWriter out;
    private final PrintWriter err;

    public ExportCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (filter != null) return exportQuery();
        if (business == null) {
            err.println("stocktsdb export: give --business NAME, or --filter EXPR for a query");
            return 2;
        }
        if (aggregation != null || bucket != null || candles != null) {
            err.println("stocktsdb export: --aggregation, --bucket and --candles need --filter");
            return 2;
        }
        BusinessMapping mapping = BusinessMapping.forCli("export", business, prefix, err);
        if (mapping == null) return 2;
        ExportOptions o;
        try {
            ZoneId z = ZoneId.of(zone);
            TimestampFormat reader = new TimestampFormat(TimestampFormat.Unit.AUTO, z);
            long f = from.equals("-") ? Long.MIN_VALUE : reader.parse(from);
            long t = to.equals("+") ? Long.MAX_VALUE : reader.parse(to);
            o = new ExportOptions(mapping, form == null ? mapping.defaultForm() : StorageForm.parse(form),
                    new TimestampFormat(TimestampFormat.Unit.valueOf(timeFormat.toUpperCase(Locale.ROOT)), z), f, t,
                    client.host, client.port, client.password);
        } catch (RuntimeException e) {
            err.println("stocktsdb export: " + e.getMessage());
            return 2;
        }
        try {
            long rows;
            if (file == null) {
                rows = new Exporter(o).run(out);
                out.flush();
            } else {
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    rows = new Exporter(o).run(w);
                }
                err.println("exported " + rows + " rows to " + file);
            }
            err.flush();
            return 0;
        } catch (IOException e) {
            err.println("stocktsdb export: " + e.getMessage());
            return 2;
        }
    }

    private Integer exportQuery() throws Exception {
        if (business != null) {
            err.println("stocktsdb export: --business and --filter exclude each other");
            return 2;
        }
        if ((aggregation == null) != (bucket == null) || (candles != null && aggregation != null) || (bucket != null && bucket <= 0)) {
            err.println("stocktsdb export: --aggregation needs a positive --bucket (and not --candles)");
            return 2;
        }
        QueryExporter.Query q;
        ProgressDisplay.Mode mode;
        try {
            ZoneId z = ZoneId.of(zone);
            TimestampFormat reader = new TimestampFormat(TimestampFormat.Unit.AUTO, z);
            long f = from.equals("-") ? Long.MIN_VALUE : reader.parse(from);
            long t = to.equals("+") ? Long.MAX_VALUE : reader.parse(to);
            q = new QueryExporter.Query(filter, aggregation, bucket == null ? 0 : bucket, candles, f, t,
                    new TimestampFormat(TimestampFormat.Unit.valueOf(timeFormat.toUpperCase(Locale.ROOT)), z),
                    client.host, client.port, client.password);
            mode = progress.mode();
        } catch (RuntimeException e) {
            err.println("stocktsdb export: " + e.getMessage());
            return 2;
        }
        QueryExporter exporter = new QueryExporter(q);
        try {
            long rows;
            if (file == null) {
                rows = exporter.run(out);
                out.flush();
            } else {
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                     ProgressDisplay p = progress.show(mode, "export", "rows", new ImportProgress("export", 1_000_000L, exporter::rows,
                             () -> exporter.done() * 1_000_000L / exporter.total()))) {
                    rows = exporter.run(w);
                }
                err.println("exported " + rows + " rows to " + file);
            }
            err.flush();
            return 0;
        } catch (IOException e) {
            err.println("stocktsdb export: " + e.getMessage());
            return 2;
        }
    }
}
