package org.nanoos.labhub.connectors.opcua;

import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Registers BouncyCastle's JCE provider, which the hub's OPC UA clients need for SecurityPolicy Aes256_Sha256_RsaPss,
 * one of the hub's default policies: Milo asks the JCA for {@code SHA256withRSA/PSS} and
 * {@code RSA/ECB/OAEPWithSHA256AndMGF1Padding}, names only BouncyCastle knows ("SHA256withRSA/PSS Signature not
 * available" without it). The provider is added last, so the JDK's own providers keep serving everything they can.
 * {@link OpcUaSessions} and {@link SecureMiloClientComponent} call this when they are made.
 */
final class BouncyCastleRegistration {

    private BouncyCastleRegistration() {
    }

    /** Adds the provider unless it is registered already. */
    static synchronized void ensureRegistered() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }
}
