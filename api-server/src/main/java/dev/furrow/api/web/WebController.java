package dev.furrow.api.web;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The web page: one HTML document that watches jobs, tasks, logs and agents through the REST API. */
@Controller
public final class WebController {

    private final String page = load("web/index.html");

    @Get
    @Produces(MediaType.TEXT_HTML)
    public String index() {
        return page;
    }

    private static String load(String resource) {
        try (InputStream in = WebController.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the api-server jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
