package io.stocktsdb.server.info;

/** Builds INFO text: {@code field:value\r\n} lines. */
public final class InfoBuilder {
    private final StringBuilder sb = new StringBuilder(4096);

    public InfoBuilder field(String name, Object value) {
        sb.append(name).append(':').append(value).append("\r\n");
        return this;
    }

    public InfoBuilder header(String title) {
        if (sb.length() > 0) sb.append("\r\n");
        sb.append("# ").append(title).append("\r\n");
        return this;
    }

    /** Redis's human-readable byte counts: 1.50M, 12.00K, 512B. */
    public static String human(long bytes) {
        double d = bytes;
        if (bytes < 1024) return bytes + "B";
        if (bytes < 1024L * 1024) return String.format(java.util.Locale.ROOT, "%.2fK", d / 1024);
        if (bytes < 1024L * 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.2fM", d / (1024 * 1024));
        return String.format(java.util.Locale.ROOT, "%.2fG", d / (1024L * 1024 * 1024));
    }

    @Override
    public String toString() { return sb.toString(); }
}
