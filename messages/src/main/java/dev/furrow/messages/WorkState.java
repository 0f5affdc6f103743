package dev.furrow.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** State of a job or task; the API and the database speak the lower-case names. */
public enum WorkState {
    QUEUED, RUNNING, PAUSED, FAILED, DONE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static WorkState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean isFinished() {
        return this == DONE || this == FAILED;
    }
}
