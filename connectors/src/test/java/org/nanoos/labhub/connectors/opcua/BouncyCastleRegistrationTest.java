package org.nanoos.labhub.connectors.opcua;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.Security;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.util.SignatureUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's OPC UA client can do the asymmetric algorithms of Aes256_Sha256_RsaPss, a default policy of the hub,
 * once it has made its sessions: Milo names them the BouncyCastle way, so the JDK alone cannot.
 */
class BouncyCastleRegistrationTest {

    private static final SecurityPolicy PSS = SecurityPolicy.Aes256_Sha256_RsaPss;

    @TempDir
    Path dir;

    @Test
    void should_sign_and_encrypt_as_aes256_sha256_rsapss_asks_once_the_hub_makes_its_sessions() throws Exception {
        // whatever an earlier test in this JVM registered: start from the JDK's providers only
        Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
        OpcUaClientIdentity identity = OpcUaClientIdentity.loadOrCreate(dir.resolve("opcua"), "test-password");
        byte[] data = "Lab/TS-1/Temperature".getBytes(UTF_8);
        assertThatThrownBy(() -> SignatureUtil.sign(PSS.getAsymmetricSignatureAlgorithm(),
                identity.keyPair().getPrivate(), ByteBuffer.wrap(data)))
                .hasRootCauseMessage("SHA256withRSA/PSS Signature not available");

        try (OpcUaSessions sessions = new OpcUaSessions(identity, dir.resolve("opcua/pki"))) {
            byte[] signature = SignatureUtil.sign(PSS.getAsymmetricSignatureAlgorithm(),
                    identity.keyPair().getPrivate(), ByteBuffer.wrap(data));
            // throws when the signature does not verify
            SignatureUtil.verify(PSS.getAsymmetricSignatureAlgorithm(), identity.certificate(), data, signature);

            Cipher encrypt = Cipher.getInstance(PSS.getAsymmetricEncryptionAlgorithm().getTransformation());
            encrypt.init(Cipher.ENCRYPT_MODE, identity.certificate().getPublicKey());
            byte[] encrypted = encrypt.doFinal(data);
            // OPC UA 10000-7, RSA-OAEP-SHA2-256: OAEP with SHA-256 and MGF1 with SHA-256, as other stacks decrypt it
            Cipher decrypt = Cipher.getInstance("RSA/ECB/OAEPPadding", "SunJCE");
            decrypt.init(Cipher.DECRYPT_MODE, identity.keyPair().getPrivate(), new OAEPParameterSpec("SHA-256",
                    "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            assertThat(decrypt.doFinal(encrypted)).isEqualTo(data);
        }
        // added last: what the JDK has, the JDK still does
        assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isNotEqualTo("BC");
        assertThat(Security.getProviders()[Security.getProviders().length - 1].getName()).isEqualTo("BC");
    }
}
