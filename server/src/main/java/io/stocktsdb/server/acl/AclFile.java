package io.stocktsdb.server.acl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis's ACL file: one {@code user <name> <rules...>} per line, blank lines allowed, no
 * comments. Loading validates the whole file and reports every problem in one line with Redis's
 * wording; nothing is applied when there is any error. Saving writes a temporary file, syncs it
 * and renames it over the old one.
 */
public final class AclFile {
    public static final String ERRORS_SUFFIX = "WARNING: ACL errors detected, no change to the previously active ACL rules was performed";

    /** The users of a file in file order, or the error text (then {@code users} is empty). */
    public record Parsed(Map<String, UserRules> users, String errors) {
        public boolean ok() { return errors == null; }
    }

    private AclFile() {}

    /** {@code shownName} is the file name as configured, used in error texts as Redis does. */
    public static Parsed load(Path file, String shownName, AclCommandTable registry) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return new Parsed(Map.of(), "Error loading ACLs, opening file '" + shownName + "': " + describe(e));
        }
        StringBuilder errors = new StringBuilder();
        Map<String, UserRules> users = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = trim(lines[i], " \t\r\n");
            if (line.isEmpty()) continue;
            List<String> argv = new ArrayList<>(Arrays.asList(line.split(" ", -1)));
            if (!argv.get(0).equals("user") || argv.size() < 2) {
                errors.append(shownName).append(':').append(lineNo).append(" should start with user keyword followed by the username. ");
                continue;
            }
            String name = argv.get(1);
            if (hasSpaces(name)) {
                errors.append('\'').append(shownName).append(':').append(lineNo).append(": username '").append(name)
                        .append("' contains invalid characters. ");
                continue;
            }
            if (users.containsKey(name)) {
                errors.append("WARNING: Duplicate user '").append(name).append("' found on line ").append(lineNo).append(". ");
                continue;
            }
            UserRules rules = UserRules.newUser();
            users.put(name, rules);
            List<String> ops;
            try {
                ops = RuleSplitter.mergeSelectors(argv.subList(2, argv.size()));
            } catch (RuleSplitter.UnmatchedParenthesisException e) {
                errors.append(shownName).append(':').append(lineNo).append(": Unmatched parenthesis in selector definition.");
                continue;
            }
            boolean syntaxErrorShown = false;
            for (String raw : ops) {
                String op = trim(raw, "\t\r\n");
                try {
                    rules.apply(op, registry);
                } catch (AclRuleException e) {
                    if (e.error() == AclRuleError.UNKNOWN_COMMAND_OR_CATEGORY) {
                        // command names are not secret, so they are shown; other rules may hold passwords
                        errors.append(shownName).append(':').append(lineNo).append(": Error in applying operation '").append(op)
                                .append("': ").append(e.error().message()).append(". ");
                    } else if (!syntaxErrorShown) {
                        errors.append(shownName).append(':').append(lineNo).append(": ").append(e.error().message()).append(". ");
                        syntaxErrorShown = true;
                    }
                }
            }
        }
        if (errors.length() > 0) return new Parsed(Map.of(), errors.append(ERRORS_SUFFIX).toString());
        return new Parsed(users, null);
    }

    /** Writes {@code user <name> <description>} lines; throws on any I/O failure, leaving the old file. */
    public static void save(Path file, Map<String, UserRules> users) throws IOException {
        StringBuilder sb = new StringBuilder();
        users.forEach((name, rules) -> sb.append("user ").append(name).append(' ').append(rules.describe()).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof AccessDeniedException) return "Permission denied";
        return String.valueOf(e.getMessage());
    }

    private static String trim(String s, String chars) {
        int b = 0;
        int e = s.length();
        while (b < e && chars.indexOf(s.charAt(b)) >= 0) b++;
        while (e > b && chars.indexOf(s.charAt(e - 1)) >= 0) e--;
        return s.substring(b, e);
    }

    private static boolean hasSpaces(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f' || c == 0) return true;
        }
        return false;
    }
}
