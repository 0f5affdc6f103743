package dev.furrow.agent.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ends a process and everything it started. The tree is remembered before anything is signalled, because children
 * of a dead parent are re-parented and no longer show up as its descendants. Terminating and killing are
 * serialized, so a kill waits for a running terminate (and its grace period) to finish.
 */
public final class ProcessTree {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(5);

    private final ProcessHandle root;
    private final Set<ProcessHandle> members = new LinkedHashSet<>();

    public ProcessTree(ProcessHandle root) {
        this.root = root;
        collect();
    }

    /** Asks every member to terminate (TERM), then kills (KILL) whoever is still there after {@code grace}. */
    public synchronized void terminate(Duration grace) throws InterruptedException {
        collect();
        alive().forEach(ProcessHandle::destroy);
        if (!awaitExit(grace)) {
            kill();
        }
    }

    /**
     * Interrupts every member (SIGINT, what Ctrl-C sends; renderers often save partial work on it), then kills
     * (KILL) whoever is still there after {@code grace}. SIGINT is sent with {@code kill -INT}, as the JDK can only
     * send TERM and KILL; where there is no {@code kill} command it falls back to TERM.
     */
    public synchronized void interrupt(Duration grace) throws InterruptedException {
        collect();
        Set<ProcessHandle> members = alive();
        if (!sendInterrupt(members)) {
            members.forEach(ProcessHandle::destroy);
        }
        if (!awaitExit(grace)) {
            kill();
        }
    }

    private static boolean sendInterrupt(Set<ProcessHandle> members) throws InterruptedException {
        if (members.isEmpty()) {
            return true;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-INT"));
        members.forEach(member -> command.add(Long.toString(member.pid())));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            kill.getOutputStream().close();
            kill.getInputStream().transferTo(OutputStream.nullOutputStream());
            // a member may exit between the listing and the signal, which makes kill exit 1: that is fine
            kill.waitFor();
            return true;
        } catch (IOException e) {
            LOG.warn("cannot send SIGINT with 'kill' ({}); terminating with TERM instead", e.getMessage());
            return false;
        }
    }

    /** Kills (KILL) every member now and waits for them to be gone. */
    public synchronized void kill() throws InterruptedException {
        collect();
        alive().forEach(ProcessHandle::destroyForcibly);
        awaitExit(KILL_PATIENCE);
        collect();
        alive().forEach(ProcessHandle::destroyForcibly);
    }

    /** Pids of the members still running; empty once the whole tree is gone. */
    public Set<Long> alivePids() {
        return alive().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private boolean awaitExit(Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            collect();
            if (alive().isEmpty()) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return alive().isEmpty();
    }

    private synchronized void collect() {
        members.add(root);
        for (ProcessHandle member : Set.copyOf(members)) {
            if (member.isAlive()) {
                member.descendants().forEach(members::add);
            }
        }
    }

    private synchronized Set<ProcessHandle> alive() {
        return members.stream().filter(ProcessHandle::isAlive).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
