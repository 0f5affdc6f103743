package dev.furrow.api.web;

import dev.furrow.api.http.ApiException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web UI: one HTML page at {@code /} and its scripts and style sheet under {@code /ui/}, plain files from the
 * jar's {@code web/} directory (no build step), which talk to the REST API from the browser. Not part of the API,
 * so not in its OpenAPI document.
 */
@Hidden
@Controller
public final class WebController {

    private static final Pattern ASSET = Pattern.compile("[a-z][a-z0-9-]{0,63}\\.(js|css)");
    private static final Map<String, MediaType> TYPES = Map.of(
            "js", MediaType.of("text/javascript;charset=utf-8"),
            "css", MediaType.of("text/css;charset=utf-8"));

    private final String page = load("web/index.html").orElseThrow(
            () -> new IllegalStateException("web/index.html is missing from the api-server jar"));
    // Only files that exist are kept, so requests for made-up names cannot grow it.
    private final Map<String, String> assets = new ConcurrentHashMap<>();

    @Get
    @Produces(MediaType.TEXT_HTML)
    public String index() {
        return page;
    }

    @Get("/ui/{name}")
    public HttpResponse<String> asset(@PathVariable String name) {
        Matcher file = ASSET.matcher(name);
        String text = file.matches() ? assets.computeIfAbsent(name, n -> load("web/ui/" + n).orElse(null)) : null;
        if (text == null) {
            throw ApiException.notFound("no web UI file named '" + name + "'");
        }
        return HttpResponse.ok(text)
                .contentType(TYPES.get(file.group(1)))
                // Served from the jar: a new release must reach browsers without a forced reload.
                .header("Cache-Control", "no-cache");
    }

    private static Optional<String> load(String resource) {
        try (InputStream in = WebController.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
