package io.stocktsdb.server.commanddocs;

import io.stocktsdb.server.commanddocs.CommandArg.ArgFlag;
import io.stocktsdb.server.commanddocs.CommandArg.ArgType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Parses the compact argument notation of commands.json into {@link CommandArg}s. Arguments are
 * separated by spaces; each is {@code name[:type][=TOKEN][@keyspec][[children]][suffixes]}:
 * <ul>
 *   <li>type: one of Redis's argument types; omitted with a token it is {@code pure-token};</li>
 *   <li>children (in square brackets) for {@code oneof} and {@code block};</li>
 *   <li>suffixes: {@code ?} optional, {@code *} multiple, {@code !} multiple_token,
 *       {@code ^version} the version that added the argument.</li>
 * </ul>
 * Key arguments refer to key specs in order of appearance unless {@code @n} names the spec.
 */
final class ArgSyntax {
    private final String text;
    private int pos;
    private int nextKeySpec;

    private ArgSyntax(String text) { this.text = text; }

    /** The arguments {@code text} describes, and how many key arguments it holds. */
    static List<CommandArg> parse(String text) {
        ArgSyntax p = new ArgSyntax(text);
        List<CommandArg> args = p.list(false);
        if (p.pos < text.length()) throw p.error("unexpected ']'");
        return args;
    }

    /** One more than the highest key spec index the arguments refer to. */
    static int keySpecsReferenced(List<CommandArg> args) {
        int n = 0;
        for (CommandArg a : args) n = Math.max(n, a.type() == ArgType.KEY ? a.keySpecIndex() + 1 : keySpecsReferenced(a.children()));
        return n;
    }

    private List<CommandArg> list(boolean nested) {
        List<CommandArg> out = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (pos >= text.length()) {
                if (nested) throw error("missing ']'");
                return out;
            }
            if (text.charAt(pos) == ']') return out;
            out.add(argument());
        }
    }

    private CommandArg argument() {
        String name = word();
        String typeName = null;
        String token = null;
        if (peek(':')) typeName = word();
        if (peek('=')) token = word();
        int explicitKeySpec = -1;
        if (peek('@')) explicitKeySpec = Integer.parseInt(word());
        ArgType type = typeName != null ? ArgType.parse(typeName) : token != null ? ArgType.PURE_TOKEN : null;
        if (type == null) throw error("argument '" + name + "' needs a type or a token");
        List<CommandArg> children = List.of();
        if (peek('[')) {
            if (!type.hasChildren()) throw error("only oneof and block have children: " + name);
            children = List.copyOf(list(true));
            pos++; // ']'
        } else if (type.hasChildren()) {
            throw error(type.wireName() + " '" + name + "' needs [children]");
        }
        EnumSet<ArgFlag> flags = EnumSet.noneOf(ArgFlag.class);
        String since = null;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '?') flags.add(ArgFlag.OPTIONAL);
            else if (c == '*') flags.add(ArgFlag.MULTIPLE);
            else if (c == '!') flags.add(ArgFlag.MULTIPLE_TOKEN);
            else if (c == '^') {
                int start = ++pos;
                while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) pos++;
                since = text.substring(start, pos);
                continue;
            } else break;
            pos++;
        }
        int keyIndex = type != ArgType.KEY ? -1 : explicitKeySpec >= 0 ? explicitKeySpec : nextKeySpec++;
        return new CommandArg(name, type, type.hasChildren() ? null : name, keyIndex, token, since, flags, children);
    }

    private boolean peek(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && ":=@[]?*!^ ".indexOf(text.charAt(pos)) < 0) pos++;
        if (start == pos) throw error("expected a name");
        return text.substring(start, pos);
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') pos++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + pos + " in \"" + text + "\"");
    }
}
