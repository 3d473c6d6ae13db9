package io.stocktsdb.server.cluster;

/** What routing needs from a command's metadata: Redis's first/last/step key positions and whether it writes. */
public interface RoutedCommand {
    /** Position of the first key, 0 for a keyless command. */
    int firstKey();

    /** Position of the last key; negative counts from the end (-1 = the last argument). */
    int lastKey();

    /** Distance between keys. */
    int step();

    /** The command may modify its keys (Redis's {@code write} flag). */
    boolean writes();
}
