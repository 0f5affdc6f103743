package dev.furrow.api.jobqueues;

import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The columns a job queue POST may set, validated; absent keys are left out so updates keep them. */
record JobQueueFields(Map<String, Object> columns) {

    static final Set<String> FIELDS = Set.of("name", "priority", "weight", "minimum_agents", "maximum_agents", "parent_jobqueue_id");

    static JobQueueFields read(JsonRequest body) {
        body.allowOnly(FIELDS);
        Map<String, Object> columns = new LinkedHashMap<>();
        body.string("name").ifPresent(name -> {
            if (name.isBlank() || name.length() > 255 || name.contains("/") || name.matches("[0-9]+") || name.equals("schema")) {
                throw ApiException.badRequest("a queue name has 1 to 255 characters, no '/', and is neither a number nor 'schema': '" + name + "'");
            }
            columns.put("name", name);
        });
        body.integer("priority").ifPresent(p -> {
            if (p < -1000 || p > 1000) {
                throw ApiException.badRequest("priority (" + p + ") must be between -1000 and 1000");
            }
            columns.put("priority", p);
        });
        body.integer("weight").ifPresent(w -> columns.put("weight", atLeastZero("weight", w)));
        for (String limit : new String[]{"minimum_agents", "maximum_agents"}) {
            if (body.has(limit)) {
                columns.put(limit, body.integer(limit).map(v -> atLeastZero(limit, v)).orElse(null));
            }
        }
        if (body.has("parent_jobqueue_id")) {
            columns.put("parent_jobqueue_id", body.longValue("parent_jobqueue_id").orElse(null));
        }
        return new JobQueueFields(columns);
    }

    private static int atLeastZero(String name, int value) {
        if (value < 0) {
            throw ApiException.badRequest(name + " (" + value + ") must not be negative");
        }
        return value;
    }
}
