package org.nanoos.labhub.connectors.opcua;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.component.milo.client.MiloClientComponent;
import org.apache.camel.component.milo.client.MiloClientConfiguration;
import org.apache.camel.component.milo.client.MiloClientEndpoint;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;

/**
 * camel-milo's {@code milo-client} component with the two things its 4.17 client configuration leaves out under
 * Eclipse Milo 1.0.8, so that secure channels work and are safe:
 * <ul>
 * <li>the application certificate chain: camel-milo sets the certificate but not the chain, and Milo 1.0 refuses to
 * open a signed or encrypted channel without one ("no certificate chain configured");</li>
 * <li>a server certificate validator: camel-milo sets none, which accepts any server. Here a server is accepted only
 * when its certificate is in the hub's trust list ({@code <pki>/trusted/certs}); refused ones are kept in
 * {@code <pki>/rejected/certs} so an operator can move them over.</li>
 * </ul>
 * Every {@code milo-client:} endpoint of the hub is made by this component; its options are camel-milo's.
 */
@org.apache.camel.spi.annotations.Component("milo-client")
public final class SecureMiloClientComponent extends MiloClientComponent {

    private final X509Certificate[] chain;
    private final CertificateValidator validator;
    private final FileBasedTrustListManager trustList;

    /**
     * @param identity the hub's application certificate and key (their key store is set as camel-milo's defaults)
     * @param pki      the directory of the hub's OPC UA trust list
     */
    public SecureMiloClientComponent(OpcUaClientIdentity identity, Path pki) throws java.io.IOException {
        this.chain = new X509Certificate[] {identity.certificate()};
        this.trustList = FileBasedTrustListManager.createAndInitialize(pki);
        this.validator = new DefaultClientCertificateValidator(trustList,
                FileBasedCertificateQuarantine.create(pki.resolve("rejected").resolve("certs")));
        MiloClientConfiguration defaults = getConfiguration();
        defaults.setApplicationName("Lab Hub");
        defaults.setApplicationUri(OpcUaClientIdentity.APPLICATION_URI);
        defaults.setProductUri("urn:nanoos:labhub");
        defaults.setKeyStoreUrl(identity.keyStoreUrl());
        defaults.setKeyStoreType("PKCS12");
        defaults.setKeyAlias(OpcUaClientIdentity.ALIAS);
        defaults.setKeyStorePassword(identity.password());
        defaults.setKeyPassword(identity.password());
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SecureConfiguration configuration = new SecureConfiguration(getConfiguration(), chain, validator);
        configuration.setEndpointUri(remaining);
        MiloClientEndpoint endpoint = new MiloClientEndpoint(uri, this, configuration.getEndpointUri(),
                getMiloClientConnectionManager());
        endpoint.setConfiguration(configuration);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        trustList.close();
    }

    /** camel-milo's configuration, completed with the certificate chain and the server certificate validator. */
    private static final class SecureConfiguration extends MiloClientConfiguration {

        private final X509Certificate[] chain;
        private final CertificateValidator validator;

        SecureConfiguration(MiloClientConfiguration other, X509Certificate[] chain, CertificateValidator validator) {
            super(other);
            this.chain = chain;
            this.validator = validator;
        }

        @Override
        public MiloClientConfiguration clone() {
            return new SecureConfiguration(this, chain, validator);
        }

        @Override
        public OpcUaClientConfigBuilder newBuilder() {
            OpcUaClientConfigBuilder builder = super.newBuilder();
            builder.setCertificateChain(chain);
            builder.setCertificateValidator(validator);
            return builder;
        }
    }
}
