package io.stocktsdb.server.command.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.config.ConfigJson;
import io.stocktsdb.server.net.Client;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONFIG REWRITE: writes the running settings back into the JSON file the server started with
 * (the fields it had plus every one set by a flag or CONFIG SET), through a temporary file in the
 * same directory renamed over it, so a crash leaves the old file or the new one.
 */
final class ConfigRewrite {
    private static final Logger log = LoggerFactory.getLogger(ConfigRewrite.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerContext server;

    ConfigRewrite(ServerContext server) { this.server = server; }

    void run(Client c, RespRequest a) {
        String file = server.settings().configFile();
        if (file.isEmpty()) throw new CommandException(Errors.CONFIG_REWRITE_NO_FILE);
        Path path = Path.of(file);
        try {
            JsonNode existing = Files.exists(path) ? JSON.readTree(Files.readAllBytes(path)) : null;
            byte[] text = ConfigJson.pretty(server.settings().rewritten(existing)).getBytes(StandardCharsets.UTF_8);
            Path tmp = path.resolveSibling(path.getFileName() + ".rewrite.tmp");
            Files.write(tmp, text);
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            log.warn("CONFIG-REWRITE failed: {}", e.toString());
            throw new CommandException(Errors.configRewriteFailed(reason(e)));
        }
        log.info("CONFIG REWRITE executed with success.");
        c.out().ok();
    }

    /** The operating system's wording, as Redis's strerror(). */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "Permission denied";
        if (e instanceof NoSuchFileException) return "No such file or directory";
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
