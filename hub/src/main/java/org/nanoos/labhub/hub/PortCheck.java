package org.nanoos.labhub.hub;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Fails early, with what to do, when an embedded server's port is already taken. */
final class PortCheck {

    private PortCheck() {
    }

    static void requireFree(String host, int port, String server, String advice) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + server + ": " + host + ":" + port
                    + " is already in use (" + e.getMessage() + "); " + advice, e);
        }
    }
}
