package org.nanoos.labhub.simulator.opcua;

import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Registers BouncyCastle's JCE provider, which the OPC UA server needs for SecurityPolicy Aes256_Sha256_RsaPss: Milo
 * asks the JCA for {@code SHA256withRSA/PSS} and {@code RSA/ECB/OAEPWithSHA256AndMGF1Padding}, names only
 * BouncyCastle knows. The provider is added last, so the JDK's own providers keep serving everything they can.
 */
final class BouncyCastleRegistration {

    private BouncyCastleRegistration() {
    }

    /** Adds the provider unless it is registered already (by the hub in the same process, say). */
    static synchronized void ensureRegistered() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }
}
