package io.stocktsdb.server.cli;

import io.stocktsdb.server.csv.BusinessMapping;
import io.stocktsdb.server.csv.ImportOptions;
import io.stocktsdb.server.csv.ImportProgress;
import io.stocktsdb.server.csv.ImportSummary;
import io.stocktsdb.server.csv.Importer;
import io.stocktsdb.server.csv.StorageForm;
import io.stocktsdb.server.csv.TimestampFormat;
import io.stocktsdb.server.progress.ProgressDisplay;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stocktsdb import --file F.csv --business stock_quotes}: CSV rows into a running server. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Imports a CSV file of one business type into a running server over RESP (pipelined).",
            "Bad rows are skipped and listed with their line numbers; importing the same file again changes nothing.",
            "Column mappings: docs/operations.md."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every row imported", "1:some rows rejected", "2:the import could not run"})
public final class ImportCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "CSV file with a header row")
    Path file;

    @Option(names = {"-b", "--business"}, required = true, paramLabel = "NAME",
            description = "stock_quotes, iot_data, financial_quotes, orders, payments, inventory or sms")
    String business;

    @Option(names = "--form", paramLabel = "series|hash",
            description = "series: numeric columns as labelled series; hash: whole rows as HASH_SET JSON "
                    + "(default: series for quotes and IoT, hash for events)")
    String form;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "key prefix (default: the business's seed prefix)")
    String prefix;

    @Option(names = "--timestamp-unit", paramLabel = "auto|s|ms|iso", description = "how the timestamp column is read (default: ${DEFAULT-VALUE})")
    String unit = "auto";

    @Option(names = "--timezone", paramLabel = "ZONE", description = "zone of ISO timestamps without an offset (default: ${DEFAULT-VALUE})")
    String zone = "UTC";

    @Option(names = "--connections", paramLabel = "N", description = "parallel connections (default: ${DEFAULT-VALUE})")
    int connections = 2;

    @Option(names = "--batch", paramLabel = "ROWS", description = "rows per pipelined batch (default: ${DEFAULT-VALUE})")
    int batch = 2000;

    @Option(names = "--rejects", paramLabel = "FILE", description = "write every rejected line number and reason to FILE (CSV)")
    Path rejects;

    @Option(names = "--show-rejects", paramLabel = "N", description = "rejected rows listed in the summary (default: ${DEFAULT-VALUE})")
    int showRejects = 20;

    @Mixin
    ProgressOptions progress = new ProgressOptions();

    @Mixin
    ClientOptions client = new ClientOptions();

    private final PrintWriter out;
    private final PrintWriter err;

    public ImportCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        BusinessMapping mapping = BusinessMapping.forCli("import", business, prefix, err);
        if (mapping == null) return 2;
        if (!Files.isReadable(file)) {
            err.println("stocktsdb import: cannot read " + file);
            return 2;
        }
        StorageForm f;
        TimestampFormat ts;
        ProgressDisplay.Mode mode;
        try {
            f = form == null ? mapping.defaultForm() : StorageForm.parse(form);
            ts = new TimestampFormat(TimestampFormat.Unit.valueOf(unit.toUpperCase(java.util.Locale.ROOT)), ZoneId.of(zone));
            mode = progress.mode();
        } catch (RuntimeException e) {
            err.println("stocktsdb import: " + e.getMessage());
            return 2;
        }
        ImportOptions o = new ImportOptions(file, mapping, f, ts, client.host, client.port, client.password,
                Math.max(1, connections), Math.max(1, batch));
        Importer importer = new Importer(o);
        ImportSummary summary;
        try (ProgressDisplay p = progress.show(mode, "import " + business, "rows", new ImportProgress("import " + business,
                Files.size(file), () -> importer.summary().rowsRead(), importer::bytesRead))) {
            summary = importer.run();
        } catch (IOException | IllegalArgumentException e) {
            err.println("stocktsdb import: " + e.getMessage());
            return 2;
        }
        summary.print(out, showRejects);
        if (rejects != null) writeRejects(summary);
        return summary.rowsRejected() == 0 ? 0 : 1;
    }

    private void writeRejects(ImportSummary summary) throws IOException {
        try (var w = Files.newBufferedWriter(rejects, StandardCharsets.UTF_8);
             var csv = new org.apache.commons.csv.CSVPrinter(w, org.apache.commons.csv.CSVFormat.RFC4180.builder()
                     .setRecordSeparator("\n").get())) {
            csv.printRecord("line", "reason");
            for (Map.Entry<Long, String> e : summary.rejectedRows().entrySet()) csv.printRecord(e.getKey(), e.getValue());
        }
    }
}
