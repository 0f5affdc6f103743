package dev.furrow.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** State of a render agent, as PyFarm names it. */
public enum AgentState {
    ONLINE, RUNNING, DISABLED, OFFLINE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AgentState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
