package org.nanoos.labhub.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.main.Main;

/**
 * Starts Lab Hub: Camel Main with {@code config/application.properties}, the YAML routes in {@code routes/},
 * the Flyway migrations in {@code schema/}, and embedded PostgreSQL and MQTT broker unless external ones are
 * configured. {@code --demo} also starts the simulated instruments in-process.
 *
 * <pre>java -jar hub/target/labhub.jar --demo</pre>
 *
 * Options of its own: {@code --demo}, {@code --config <file>} (default {@code config/application.properties});
 * everything else goes to Camel Main.
 */
public final class LabHub {

    /** Default configuration file, relative to the working directory. */
    public static final String DEFAULT_CONFIG = "config/application.properties";

    private LabHub() {
    }

    public static void main(String[] args) throws Exception {
        String config = DEFAULT_CONFIG;
        boolean demo = false;
        List<String> camelArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> demo = true;
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--config needs a file");
                    }
                    config = args[++i];
                }
                default -> camelArgs.add(args[i]);
            }
        }
        configureLogging(Path.of(config).resolveSibling("logback.xml"));
        Main main = create(config);
        if (demo) {
            main.addOverrideProperty("labhub.demo", "true");
        }
        main.run(camelArgs.toArray(String[]::new));
    }

    /** A Camel Main configured as the hub, reading the given properties file; not yet started. */
    public static Main create(String configFile) {
        if (!Files.isRegularFile(Path.of(configFile))) {
            throw new IllegalArgumentException("configuration file " + Path.of(configFile).toAbsolutePath()
                    + " not found; run the hub from the project directory or pass --config <file>");
        }
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + configFile);
        main.configure().addConfiguration(HubConfiguration.class);
        return main;
    }

    private static void configureLogging(Path logback) {
        if (System.getProperty("logback.configurationFile") == null && Files.isRegularFile(logback)) {
            System.setProperty("logback.configurationFile", logback.toString());
        }
    }
}
