package dev.furrow.agent.jobtype;

import dev.furrow.agent.master.MasterApi;
import dev.furrow.agent.testsupport.JobTypeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterJobTypesTest {

    @TempDir
    Path cache;

    @Test
    void aVersionIsFetchedOnceThenReadFromTheCache() throws Exception {
        try (JobTypeServer master = new JobTypeServer()) {
            master.serve("nuke", 2, "command", "{\"command\": [\"nuke\"]}");
            MasterJobTypes jobTypes = new MasterJobTypes(MasterApi.at(master.apiUrl() + "/"), cache, true);

            JobTypeDefinition first = jobTypes.definition("nuke", 2);
            JobTypeDefinition second = new MasterJobTypes(MasterApi.at(master.apiUrl()), cache, true).definition("nuke", 2);

            assertThat(first).isEqualTo(new JobTypeDefinition("nuke", 2, "command", "{\"command\": [\"nuke\"]}"));
            assertThat(second).isEqualTo(first);
            assertThat(master.requestsFor("nuke", 2)).isEqualTo(1);
            assertThat(cache.resolve("nuke").resolve("2.json")).exists();
        }
    }

    @Test
    void withoutTheCacheEveryUseFetchesAndNothingIsWritten() throws Exception {
        try (JobTypeServer master = new JobTypeServer()) {
            master.serve("nuke", 1, "script", "function command(task) { return ['nuke']; }");
            MasterJobTypes jobTypes = new MasterJobTypes(MasterApi.at(master.apiUrl()), cache, false);
            jobTypes.definition("nuke", 1);
            jobTypes.definition("nuke", 1);
            assertThat(master.requestsFor("nuke", 1)).isEqualTo(2);
            assertThat(cache).isEmptyDirectory();
        }
    }

    @Test
    void aVersionTheMasterDoesNotHaveIsUnavailableSayingSo() throws Exception {
        try (JobTypeServer master = new JobTypeServer()) {
            MasterJobTypes jobTypes = new MasterJobTypes(MasterApi.at(master.apiUrl()), cache, true);
            assertThatThrownBy(() -> jobTypes.definition("houdini", 3))
                    .isInstanceOf(MasterJobTypes.Unavailable.class)
                    .hasMessageContaining("the master has no version 3 of it");
            assertThatThrownBy(() -> jobTypes.definition("../etc", 1))
                    .hasMessageContaining("not a plain name");
        }
    }
}
