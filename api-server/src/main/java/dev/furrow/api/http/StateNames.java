package dev.furrow.api.http;

import dev.furrow.messages.AgentState;
import dev.furrow.messages.WorkState;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** The state names the API speaks, taken from the messages' enums so that there is one list of each. */
public final class StateNames {

    /** Jobs and tasks: queued, running, paused, failed, done. */
    public static final Set<String> WORK = Collections.unmodifiableSet(new LinkedHashSet<>(
            Arrays.stream(WorkState.values()).map(WorkState::wireName).toList()));
    /** Agents: online, running, disabled, offline. */
    public static final Set<String> AGENT = Collections.unmodifiableSet(new LinkedHashSet<>(
            Arrays.stream(AgentState.values()).map(AgentState::wireName).toList()));

    private StateNames() {
    }

    /** {@code value} when it names a work state or is null; 400 naming {@code field} otherwise. */
    public static String work(String field, String value) {
        return oneOf(field, value, WORK);
    }

    /** {@code value} when it names an agent state or is null; 400 naming {@code field} otherwise. */
    public static String agent(String field, String value) {
        return oneOf(field, value, AGENT);
    }

    private static String oneOf(String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw ApiException.badRequest(field + " must be one of " + allowed + ", not '" + value + "'");
        }
        return value;
    }
}
