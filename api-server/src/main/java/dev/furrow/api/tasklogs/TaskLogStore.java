package dev.furrow.api.tasklogs;

import dev.furrow.api.ApiConfig;
import dev.furrow.store.logs.TaskLogFiles;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** Provides the shared task log directory named by furrow.tasklogs-dir (FURROW_TASKLOGS_DIR). */
@Factory
final class TaskLogStore {

    @Singleton
    TaskLogFiles taskLogFiles(ApiConfig config) {
        return new TaskLogFiles(Path.of(config.tasklogsDir()));
    }
}
