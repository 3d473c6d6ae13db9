package io.stocktsdb.server.info;

/** One INFO section: its name as INFO takes it, whether plain INFO shows it, and its lines. */
public interface InfoSection {
    String name();

    /** The header INFO prints ({@code # Server}, {@code # CPU}...). */
    String title();

    /** Part of INFO with no argument (Redis's "default" set). */
    boolean inDefault();

    /** Appends {@code field:value} lines, each ending in CRLF. */
    void write(InfoBuilder out);
}
