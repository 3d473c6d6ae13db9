package io.stocktsdb.server.commanddocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stocktsdb.server.commanddocs.KeySpec.KeyFlag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads commands.json (next to this class): per command name ({@code container|sub} for a
 * subcommand) its complexity, key specs and arguments ({@link ArgSyntax}). A key spec is written
 * {@code FLAGS... @BEGIN FIND}: BEGIN an index or {@code keyword:WORD:startfrom}; FIND
 * {@code range:lastkey:keystep:limit} or {@code keynum:keynumidx:firstkey:keystep}.
 * {@code $name} in an argument list expands the fragment of that name. {@code "lookup": "write"}
 * marks a command that looks its keys up for writing ({@link CommandDoc#writeLookup()});
 * {@code "overwrite": "before"|"after"} one that replaces values whole ({@link CommandDoc#overwrite()});
 * {@code "deprecated_since"} and {@code "replaced_by"} a deprecated command, {@code "syscmd": true} a
 * system command (Redis's doc_flags). {@code "history": ["VERSION change", ...]} is Redis's history of
 * the command, oldest first: each entry the version, one space, and the change exactly as Redis words
 * it (clients compare the text); commands without one (ours, TS.*) leave it out.
 */
public final class CommandDocsLoader {
    private static final String RESOURCE = "commands.json";
    private static final java.util.regex.Pattern FRAGMENT = java.util.regex.Pattern.compile("\\$([a-z-]+)");
    private static final java.util.regex.Pattern HISTORY_ENTRY = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)*) (\\S.*)");

    private CommandDocsLoader() {}

    /** Every described command by name; fails on any malformed entry. */
    public static Map<String, CommandDoc> load() {
        try (InputStream in = CommandDocsLoader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " missing from the class path");
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, String> fragments = new LinkedHashMap<>();
            root.path("fragments").fields().forEachRemaining(e -> fragments.put(e.getKey(), e.getValue().asText()));
            Map<String, CommandDoc> docs = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("commands").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    docs.put(e.getKey(), doc(e.getValue(), fragments));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalStateException(RESOURCE + ", command " + e.getKey() + ": " + ex.getMessage(), ex);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CommandDoc doc(JsonNode node, Map<String, String> fragments) {
        List<KeySpec> specs = new ArrayList<>();
        for (JsonNode s : node.path("keys")) specs.add(keySpec(s.asText()));
        List<CommandArg> args = ArgSyntax.parse(expand(node.path("args").asText(""), fragments));
        if (ArgSyntax.keySpecsReferenced(args) > specs.size()) throw new IllegalArgumentException("a key argument refers to a missing key spec");
        String complexity = node.hasNonNull("complexity") ? node.get("complexity").asText() : null;
        String lookup = node.path("lookup").asText("read");
        if (!lookup.equals("read") && !lookup.equals("write")) throw new IllegalArgumentException("lookup is read or write: " + lookup);
        CommandDoc.Overwrite overwrite = node.hasNonNull("overwrite")
                ? CommandDoc.Overwrite.valueOf(node.get("overwrite").asText().toUpperCase(java.util.Locale.ROOT)) : null;
        CommandDoc.Deprecation deprecation = node.hasNonNull("deprecated_since")
                ? new CommandDoc.Deprecation(node.get("deprecated_since").asText(), node.get("replaced_by").asText()) : null;
        List<String> docFlags = new ArrayList<>();
        if (deprecation != null) docFlags.add("deprecated");
        if (node.path("syscmd").asBoolean(false)) docFlags.add("syscmd");
        return new CommandDoc(complexity, List.copyOf(specs), List.copyOf(args), lookup.equals("write"), overwrite, deprecation,
                List.copyOf(docFlags), history(node.path("history")));
    }

    static List<CommandDoc.HistoryEntry> history(JsonNode entries) {
        if (!entries.isMissingNode() && !entries.isArray()) throw new IllegalArgumentException("history must be an array: " + entries);
        List<CommandDoc.HistoryEntry> out = new ArrayList<>();
        for (JsonNode e : entries) {
            java.util.regex.Matcher m = HISTORY_ENTRY.matcher(e.asText());
            if (!e.isTextual() || !m.matches()) throw new IllegalArgumentException("history entry must be \"VERSION change\": " + e);
            out.add(new CommandDoc.HistoryEntry(m.group(1), m.group(2)));
        }
        return List.copyOf(out);
    }

    static String expand(String args, Map<String, String> fragments) {
        String out = args;
        for (int round = 0; out.contains("$"); round++) {
            if (round > 8) throw new IllegalArgumentException("fragments nest too deep: " + out);
            out = FRAGMENT.matcher(out).replaceAll(m -> {
                String f = fragments.get(m.group(1));
                if (f == null) throw new IllegalArgumentException("unknown fragment $" + m.group(1));
                return java.util.regex.Matcher.quoteReplacement(f);
            });
        }
        return out;
    }

    static KeySpec keySpec(String text) {
        String[] parts = text.trim().split(" +");
        EnumSet<KeyFlag> flags = EnumSet.noneOf(KeyFlag.class);
        int i = 0;
        while (i < parts.length && !parts[i].startsWith("@")) flags.add(KeyFlag.parse(parts[i++]));
        if (i + 2 != parts.length) throw new IllegalArgumentException("key spec needs '@begin find': " + text);
        String begin = parts[i].substring(1);
        String[] find = parts[i + 1].split(":");
        if (find.length != 4 || !(find[0].equals("range") || find[0].equals("keynum"))) {
            throw new IllegalArgumentException("find_keys must be range:a:b:c or keynum:a:b:c: " + text);
        }
        int beginIndex = 0;
        String keyword = null;
        int startFrom = 0;
        if (begin.startsWith("keyword:")) {
            String[] kw = begin.split(":");
            keyword = kw[1];
            startFrom = Integer.parseInt(kw[2]);
        } else {
            beginIndex = Integer.parseInt(begin);
        }
        return new KeySpec(flags, beginIndex, keyword, startFrom, find[0].equals("keynum"),
                Integer.parseInt(find[1]), Integer.parseInt(find[2]), Integer.parseInt(find[3]));
    }
}
