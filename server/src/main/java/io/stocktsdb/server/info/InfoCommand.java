package io.stocktsdb.server.info;

import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.net.Client;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * INFO [section ...]: "default" (also no argument), "all" and "everything" as Redis defines
 * them, or named sections. Sections are registered by the parts of the server that own the values.
 */
public final class InfoCommand {
    private final List<InfoSection> sections = new CopyOnWriteArrayList<>();

    public void addSection(InfoSection section) { sections.add(section); }

    public List<InfoSection> sections() { return sections; }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("info", -1).flags(LOADING, STALE).categories(AclCategory.SLOW, AclCategory.DANGEROUS)
                .docs("server", "1.0.0", "Returns information and statistics about the server.").handler(this::info).build());
    }

    private void info(Client c, RespRequest a) {
        Set<String> wanted = new LinkedHashSet<>();
        boolean all = false;
        boolean defaults = a.argc() == 1;
        for (int i = 1; i < a.argc(); i++) {
            String s = a.string(i).toLowerCase(Locale.ROOT);
            if (s.equals("all") || s.equals("everything")) {
                all = true;
            } else if (s.equals("default")) {
                defaults = true;
            } else {
                wanted.add(s);
            }
        }
        c.out().verbatim("txt", render(all, defaults, wanted));
    }

    /** The INFO text for the selection. */
    public String render(boolean all, boolean defaults, Set<String> wanted) {
        InfoBuilder out = new InfoBuilder();
        for (InfoSection s : sections) {
            if (all || (defaults && s.inDefault()) || wanted.contains(s.name())) {
                out.header(s.title());
                s.write(out);
            }
        }
        return out.toString();
    }

    /** Convenience for INFO sections written as lambdas. */
    public static InfoSection section(String title, boolean inDefault, java.util.function.Consumer<InfoBuilder> writer) {
        String name = title.toLowerCase(Locale.ROOT);
        return new InfoSection() {
            @Override
            public String name() { return name; }

            @Override
            public String title() { return title; }

            @Override
            public boolean inDefault() { return inDefault; }

            @Override
            public void write(InfoBuilder out) { writer.accept(out); }
        };
    }
}
