package dev.furrow.messages;

import java.time.Instant;
import java.util.List;

/** Stop these tasks on the agent this is sent to, killing their processes with the given signal. */
public record StopTasks(List<Long> taskIds, Signal signal, String reason, Instant at) implements FarmMessage {

    /** How the process tree is asked to stop. */
    public enum Signal { TERM, INT, KILL }
}
