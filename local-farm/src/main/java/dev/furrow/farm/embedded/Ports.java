package dev.furrow.farm.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Whether something answers on a loopback TCP port, and waiting for that to change. */
final class Ports {

    private Ports() {
    }

    static boolean isAnswering(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws with {@code advice} when the port is taken, so that a second server does not start on top of it. */
    static void requireFree(int port, String what, String advice) {
        if (isAnswering(port)) {
            throw new IllegalStateException("cannot start the embedded " + what + " on port " + port
                    + ": something already listens there. " + advice);
        }
    }

    /** Waits (bounded) until nothing answers on the port any more; true if it was released in time. */
    static boolean awaitReleased(int port, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (isAnswering(port)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
