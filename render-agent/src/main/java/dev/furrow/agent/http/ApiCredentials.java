package dev.furrow.agent.http;

import dev.furrow.agent.Agent;
import dev.furrow.agent.config.AgentConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/**
 * agent-api-username / agent-api-password: every request that changes something (anything but GET, HEAD and
 * OPTIONS: DELETE /tasks/<id>, POST /stop, /restart, /update, /check_software) must carry them as HTTP Basic credentials, or gets
 * 401 {"error": ...}. Reading stays open, as in PyFarm. Without configured credentials nothing is checked.
 */
@ServerFilter("/api/v1/**")
public final class ApiCredentials {

    private final AgentConfig config;

    public ApiCredentials(Agent agent) {
        this.config = agent.config();
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<Map<String, String>> check(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (!config.apiProtected() || method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return null;
        }
        String header = request.getHeaders().getAuthorization().orElse(null);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return refuse("this agent's API needs a user name and password for " + method + " requests (HTTP Basic)");
        }
        String given;
        try {
            given = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return refuse("the Authorization header is not valid HTTP Basic (base64 of user:password)");
        }
        String expected = nullToEmpty(config.apiUsername()) + ":" + nullToEmpty(config.apiPassword());
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            return refuse("wrong user name or password for this agent's API");
        }
        return null;
    }

    private static MutableHttpResponse<Map<String, String>> refuse(String message) {
        return HttpResponse.<Map<String, String>>status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "Basic realm=\"furrow-agent\"")
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(Map.of("error", message));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
