package org.nanoos.labhub.connectors.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the local bash on generated scripts: a syntax check and real runs in a scratch directory. */
final class Bash {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Bash() {
    }

    /** {@code bash -n} on the text: parses it without running anything. */
    static Result syntaxCheck(String script, Path dir) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "syntax", ".sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        return run(List.of("bash", "-n", file.toString()), dir, Map.of(), 30);
    }

    /** {@code bash FILE} in {@code dir} with a small environment. */
    static Result runScript(Path script, Path dir, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        return run(List.of("bash", script.toString()), dir, env, timeoutSeconds);
    }

    static Result run(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = pb.environment();
        String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        String home = environment.get("HOME");
        environment.clear();
        environment.put("PATH", path);
        if (home != null) {
            environment.put("HOME", home);
        }
        environment.put("LC_ALL", "C.UTF-8");
        environment.putAll(env);
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** Whether a program is on the PATH. */
    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
