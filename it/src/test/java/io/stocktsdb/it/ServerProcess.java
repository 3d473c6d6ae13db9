package io.stocktsdb.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real jar as a subprocess, for crash tests: started, killed with SIGKILL, restarted. */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ServerProcess start(Path dataDir, Path log, String... extraArgs) throws IOException, InterruptedException {
        return start(freePort(), List.of(), dataDir, log, extraArgs);
    }

    /** On a given port, with JVM options (e.g. a small heap when several run side by side). */
    public static ServerProcess start(int port, List<String> jvmOptions, Path dataDir, Path log, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> cmd = command(jvmOptions);
        cmd.addAll(List.of("--port", String.valueOf(port), "--data-dir", dataDir.toString(), "--metrics-port", "0"));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServerProcess sp = new ServerProcess(p, port);
        sp.awaitServing();
        return sp;
    }

    /** {@code java [jvmOptions] -jar stocktsdb.jar}, to which the caller appends the arguments. */
    public static List<String> command(List<String> jvmOptions) {
        String jar = System.getProperty("stocktsdb.jar", "../server/target/stocktsdb.jar");
        if (!new File(jar).isFile()) throw new IllegalStateException("build the jar first: " + jar);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar));
        return cmd;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitServing() throws InterruptedException, IOException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) throw new IOException("server exited with " + process.exitValue());
            // the port is bound before storage loads: ready means a command gets an answer
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                s.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                if (s.getInputStream().read() >= 0) return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("server did not listen on " + port);
    }

    public int port() { return port; }

    public Process process() { return process; }

    /** SIGKILL: no shutdown hook, no checkpoint, no flush. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) kill9();
        }
    }
}
