package dev.furrow.farm.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** How to tell that a started child is ready for work. */
public sealed interface Readiness {

    boolean isMetBy(ChildProcess child);

    /** Ready once {@code url} answers 200. */
    record HttpOk(URI url) implements Readiness {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        @Override
        public boolean isMetBy(ChildProcess child) {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public String toString() {
            return "GET " + url + " to answer 200";
        }
    }

    /** Ready once the child printed a line containing {@code marker}. */
    record PrintedLine(String marker) implements Readiness {

        @Override
        public boolean isMetBy(ChildProcess child) {
            return child.hasPrintedReadyLine();
        }

        @Override
        public String toString() {
            return "a line containing '" + marker + "'";
        }
    }
}
