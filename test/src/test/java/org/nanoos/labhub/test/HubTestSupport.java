package org.nanoos.labhub.test;

import java.util.Properties;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.nanoos.labhub.hub.HubConfiguration;
import org.nanoos.labhub.hub.LabHub;

/**
 * The real hub in a test: Camel Main with the project's {@code config/application.properties}, its routes and
 * schema, pointed at the test servers by the properties the test class supplies.
 */
abstract class HubTestSupport extends CamelMainTestSupport {

    /**
     * The overrides for this test's hub. Called from the constructor of {@code CamelTestSupport}, before instance
     * fields exist: return a static field.
     */
    protected abstract Properties hubProperties();

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:" + LabHub.DEFAULT_CONFIG;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(HubConfiguration.class);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        return hubProperties();
    }
}
