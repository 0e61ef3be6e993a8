package org.nanoos.labhub.test;

import java.util.Properties;
import org.apache.camel.test.AvailablePortFinder;

/** The configuration overrides that point one test's hub at the test servers. */
final class HubProperties {

    private HubProperties() {
    }

    /**
     * @param name a name unique to the test: its MQTT client id and share group
     * @param dbUrl the test's own database
     */
    static Properties forTest(TestServers servers, String name, String dbUrl) {
        Properties p = new Properties();
        p.setProperty("labhub.db.url", dbUrl);
        p.setProperty("labhub.db.user", "postgres");
        p.setProperty("labhub.db.password", "");
        p.setProperty("labhub.mqtt.url", servers.brokerUrl());
        p.setProperty("labhub.mqtt.client-id", name);
        p.setProperty("labhub.mqtt.topic", "$share/" + name + "/lab/#");
        // long enough for a hub restarted within a test to resume its session, short enough that the sessions of the
        // hubs of earlier test classes do not go on queuing every lab/# message on the shared broker for the rest of
        // the run (with 600 s, a late test's 29,000-message cycling run reached the hub only in part)
        p.setProperty("labhub.mqtt.session-expiry-seconds", "30");
        p.setProperty("labhub.data-dir", servers.newDataDirectory().toString());
        p.setProperty("labhub.ingest.max-payload-bytes", "65536");
        String port = Integer.toString(AvailablePortFinder.getNextAvailable());
        p.setProperty("camel.server.port", port);
        p.setProperty("camel.management.port", port);
        p.setProperty("camel.main.jmx-enabled", "false");
        return p;
    }
}
