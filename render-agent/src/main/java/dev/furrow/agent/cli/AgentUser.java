package dev.furrow.agent.cli;

import dev.furrow.agent.config.AgentConfig;
import dev.furrow.agent.config.ConfigLoader;
import dev.furrow.agent.process.Account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * --uid / --gid (PyFarm's flags): the user and group an agent JVM runs as. A JVM cannot change its own user, so
 * they apply where one process starts the agent's: {@code start} in the background and {@code supervise} start it
 * through {@code setpriv} (root only); a foreground agent only checks that it already runs as them.
 */
record AgentUser(Account account, int gid) {

    /** The user to start the agent as; empty when none is asked for or it is the one running this command. */
    static Optional<AgentUser> of(AgentConfig config) {
        if (config.uid() == null && config.gid() == null) {
            return Optional.empty();
        }
        Account account;
        int gid;
        try {
            account = Account.user(config.uid() != null ? config.uid() : Integer.toString(Account.currentUid()));
            gid = config.gid() != null ? Account.groupId(config.gid()) : account.gid();
        } catch (Account.Unknown e) {
            throw new ConfigLoader.InvalidConfig(e.getMessage() + "; fix --uid / --gid (agent_uid / agent_gid)");
        }
        if (account.uid() == Account.currentUid() && gid == Account.currentGid()) {
            return Optional.empty();
        }
        if (Account.currentUid() != 0) {
            throw new ConfigLoader.InvalidConfig("only root can start the agent as user " + account.name()
                    + " (--uid / --gid); this command runs as uid " + Account.currentUid());
        }
        return Optional.of(new AgentUser(account, gid));
    }

    /** Refuses a foreground agent that is asked to run as someone it is not: it cannot switch by itself. */
    static void checkForeground(AgentConfig config) {
        if (config.uid() == null && config.gid() == null) {
            return;
        }
        Optional<AgentUser> other = of(config);
        if (other.isPresent()) {
            throw new ConfigLoader.InvalidConfig("this agent runs in the foreground as uid " + Account.currentUid()
                    + " / gid " + Account.currentGid() + " and cannot switch to " + other.get().account().name()
                    + " itself: --uid / --gid apply to `start` in the background and to `supervise`; start a "
                    + "foreground agent as that user instead (e.g. systemd's User=)");
        }
    }

    /** {@code command} started through setpriv as this user, with the user's supplementary groups. */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + account.uid(), "--regid=" + gid,
                "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

}
