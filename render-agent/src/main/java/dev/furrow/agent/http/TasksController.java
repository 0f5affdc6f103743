package dev.furrow.agent.http;

import dev.furrow.agent.Agent;
import dev.furrow.agent.assignments.AssignmentRun;
import dev.furrow.agent.jobtype.FrameRange;
import dev.furrow.messages.AssignTasks;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /api/v1/tasks/ lists the tasks of the assignments here; DELETE /api/v1/tasks/<id> stops one's assignment. */
@Controller("/api/v1/tasks")
public final class TasksController {

    private final Agent agent;

    public TasksController(Agent agent) {
        this.agent = agent;
    }

    @Get("/")
    public List<Map<String, Object>> tasks() {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (AssignmentRun run : agent.assignments().runs()) {
            AssignTasks assignment = run.assignment();
            Long runningTask = run.current().map(running -> running.task().id()).orElse(null);
            for (AssignTasks.Task task : assignment.tasks()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", task.id());
                row.put("frame", Double.parseDouble(FrameRange.format(task.frame())));
                row.put("attempt", task.attempt());
                row.put("job", assignment.job().id());
                row.put("jobtype", assignment.job().jobtype());
                row.put("assignment_id", assignment.assignmentId().toString());
                row.put("running", Long.valueOf(task.id()).equals(runningTask));
                tasks.add(row);
            }
        }
        return tasks;
    }

    /** 202 when the task's assignment will be stopped, 204 when no such task runs here. */
    @Delete("/{taskId}")
    public HttpResponse<Map<String, Object>> stop(@PathVariable String taskId) {
        long id;
        try {
            id = Long.parseLong(taskId);
        } catch (NumberFormatException e) {
            throw new ApiException(io.micronaut.http.HttpStatus.BAD_REQUEST, "task id must be a number, got '" + taskId + "'");
        }
        if (agent.assignments().stopAssignmentOf(id, "deleted through the agent's API")) {
            return HttpResponse.accepted().body(Map.of("stopping", id));
        }
        return HttpResponse.noContent();
    }
}
