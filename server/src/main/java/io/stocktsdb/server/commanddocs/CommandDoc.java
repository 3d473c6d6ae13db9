package io.stocktsdb.server.commanddocs;

import java.util.List;

/**
 * What COMMAND DOCS and the key-spec part of COMMAND INFO say about one command beyond its
 * registration. {@code writeLookup}: the command looks its keys up for writing even where it reads
 * them (INCR, SETBIT, RENAME...), so a missing key is no key miss (keyspace event class 'm').
 * {@code overwrite}: when the command replaces an existing key's value whole, whether Redis
 * announces it ('o' overwritten, 'c' type_changed) before the command's own event (SET...) or
 * after it (RENAME, COPY, RESTORE); null for commands that never do. {@code docFlags}: Redis's
 * doc_flags ("deprecated", "syscmd"); {@code deprecation}: null unless the command is deprecated;
 * {@code history}: Redis's history of the command (oldest first), empty for commands without one.
 */
public record CommandDoc(String complexity, List<KeySpec> keySpecs, List<CommandArg> arguments, boolean writeLookup,
                         Overwrite overwrite, Deprecation deprecation, List<String> docFlags, List<HistoryEntry> history) {
    /** For a command not described (only before the registry is checked at start). */
    public static final CommandDoc NONE = new CommandDoc(null, List.of(), List.of(), false, null, null, List.of(), List.of());

    /** One entry of COMMAND DOCS' history: the Redis version and what changed in it, verbatim as Redis sends it. */
    public record HistoryEntry(String version, String change) {}

    /** Redis's deprecated_since and replaced_by of a deprecated command (its doc_flags hold "deprecated"). */
    public record Deprecation(String since, String replacedBy) {}

    /** When an overwrite is announced relative to the command's own event. */
    public enum Overwrite { BEFORE, AFTER }

    /** True when at least one key spec names real keys (not only shard channels), as Redis's doesCommandHaveKeys. */
    public boolean hasKeys() {
        for (KeySpec s : keySpecs) if (!s.flags().contains(KeySpec.KeyFlag.NOT_KEY)) return true;
        return false;
    }
}
