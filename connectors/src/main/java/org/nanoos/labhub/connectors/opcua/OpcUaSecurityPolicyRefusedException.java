package org.nanoos.labhub.connectors.opcua;

/**
 * The hub refuses an OPC UA server because none of its endpoints has a security policy the instrument allows, e.g.
 * a server that offers only SecurityPolicy None to an instrument that does not allow None. The message says what the
 * server offers, what is allowed and how to allow it.
 */
public class OpcUaSecurityPolicyRefusedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String server;

    public OpcUaSecurityPolicyRefusedException(String server, String message) {
        super(message);
        this.server = server;
    }

    /** The server's endpoint URL, without user information. */
    public String server() {
        return server;
    }
}
