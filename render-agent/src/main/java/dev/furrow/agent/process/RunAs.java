package dev.furrow.agent.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.furrow.agent.jobtype.JobType;
import dev.furrow.agent.jobtype.ProcessSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user and group a task's processes run as: the job's {@code data.user} / {@code data.group}, else the agent's
 * agent_run_as_user / agent_run_as_group, else the agent's own. Switching needs a root agent, which starts the
 * command through {@code setpriv --reuid --regid --clear-groups}, gives the user the assignment's scratch
 * directory and sets HOME, USER and LOGNAME to the user's (PyFarm: JobType.get_uid_gid; ignored on Windows there).
 */
public final class RunAs {

    private final String defaultUser;
    private final String defaultGroup;
    private final int ownUid;

    public RunAs(String defaultUser, String defaultGroup, int ownUid) {
        this.defaultUser = defaultUser;
        this.defaultGroup = defaultGroup;
        this.ownUid = ownUid;
    }

    /**
     * Who the job's processes run as: empty when no user or group is asked for, or when the one asked for is the
     * agent's own; throws {@link JobType.InvalidJobData} when it cannot be had (unknown account, agent not root).
     */
    public Optional<Identity> identityFor(JsonNode jobData) {
        String user = text(jobData, "user").orElse(defaultUser);
        String group = text(jobData, "group").orElse(defaultGroup);
        if (user == null && group == null) {
            return Optional.empty();
        }
        Account account;
        int gid;
        try {
            account = Account.user(user != null ? user : Integer.toString(ownUid));
            gid = group != null ? Account.groupId(group) : account.gid();
        } catch (Account.Unknown e) {
            throw new JobType.InvalidJobData(e.getMessage() + "; create it or fix data.user / data.group "
                    + "(agent_run_as_user / agent_run_as_group)");
        }
        if (ownUid != 0) {
            if (account.uid() == ownUid && group == null) {
                return Optional.empty();
            }
            throw new JobType.InvalidJobData("the agent does not run as root, so it cannot run processes as user "
                    + account.name() + (group == null ? "" : " / group " + group)
                    + "; run the agent as root or drop data.user / data.group (and agent_run_as_user / agent_run_as_group)");
        }
        return Optional.of(new Identity(account, gid));
    }

    /** A user and group to switch to. */
    public record Identity(Account account, int gid) {

        /** HOME, USER and LOGNAME of the user, set over the rest of the environment (before $VAR expansion). */
        public Map<String, String> environment() {
            return account.loginEnvironment();
        }

        /** {@code spec} started through setpriv, with the scratch directory handed to the user. */
        public ProcessSpec wrap(ProcessSpec spec, Path scratchDir) {
            List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + account.uid(), "--regid=" + gid,
                    "--clear-groups", "--"));
            command.addAll(spec.command());
            try {
                Files.setAttribute(scratchDir, "unix:uid", account.uid());
                Files.setAttribute(scratchDir, "unix:gid", gid);
            } catch (IOException e) {
                throw new JobType.InvalidJobData("cannot give the scratch directory " + scratchDir + " to user "
                        + account.name() + ": " + e.getMessage());
            }
            return spec.with(command, spec.environment(), spec.workingDirectory());
        }
    }

    private static Optional<String> text(JsonNode data, String field) {
        JsonNode value = data == null ? null : data.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
    }
}
