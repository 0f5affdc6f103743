package dev.furrow.agent.software;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.messages.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A software version's discovery code as the master stores it ({@code discovery_code}): declarative JSON
 * {@code {"command": ["blender", "--version"], "regex": "Blender {version}", "timeout": 30}}. The version is
 * present when the command exits 0 and, if a regex is given, the regex is found in its output (stdout and stderr).
 * {@code {software}} and {@code {version}} are replaced in the arguments, and in the regex by the quoted literal.
 */
public record DiscoveryCode(List<String> command, Pattern regex, Duration timeout) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Parses the code of {@code software} {@code version}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static DiscoveryCode parse(String code, String software, String version) {
        JsonNode document;
        try {
            document = Json.mapper().readTree(code);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the discovery code is not JSON (" + e.getOriginalMessage()
                    + "); it must look like {\"command\": [\"prog\", \"--version\"], \"regex\": \"...\"}");
        }
        JsonNode command = document == null ? null : document.get("command");
        if (command == null || !command.isArray() || command.isEmpty()) {
            throw new IllegalArgumentException("the discovery code needs \"command\": a non-empty list of arguments");
        }
        List<String> arguments = new ArrayList<>();
        for (JsonNode argument : command) {
            if (!argument.isValueNode()) {
                throw new IllegalArgumentException("every argument of the discovery code's \"command\" must be a string");
            }
            arguments.add(argument.asText().replace("{software}", software).replace("{version}", version));
        }
        Pattern regex = null;
        JsonNode pattern = document.get("regex");
        if (pattern != null && !pattern.isNull()) {
            try {
                regex = Pattern.compile(pattern.asText().replace("{software}", Pattern.quote(software))
                        .replace("{version}", Pattern.quote(version)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("the discovery code's \"regex\" is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        JsonNode timeout = document.get("timeout");
        if (timeout != null && !(timeout.isNumber() && timeout.asDouble() > 0)) {
            throw new IllegalArgumentException("the discovery code's \"timeout\" must be a positive number of seconds");
        }
        return new DiscoveryCode(List.copyOf(arguments), regex,
                timeout == null ? DEFAULT_TIMEOUT : Duration.ofMillis(Math.round(timeout.asDouble() * 1000)));
    }

    /** Whether a command that exited with {@code exitCode} and printed {@code output} found the version. */
    public boolean found(int exitCode, String output) {
        return exitCode == 0 && (regex == null || regex.matcher(output).find());
    }
}
