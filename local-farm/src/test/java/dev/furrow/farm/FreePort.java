package dev.furrow.farm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A loopback port nobody listens on right now, so tests do not collide with a running farm. */
public final class FreePort {

    private FreePort() {
    }

    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port", e);
        }
    }
}
