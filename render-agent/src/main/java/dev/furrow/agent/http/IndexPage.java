package dev.furrow.agent.http;

import dev.furrow.agent.Agent;
import dev.furrow.agent.assignments.AssignmentRun;
import dev.furrow.agent.jobtype.FrameRange;
import dev.furrow.messages.AssignTasks;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

import java.time.Duration;
import java.time.Instant;

/** GET /: a small HTML page with the agent's state and the tasks it runs, for people (PyFarm's index page). */
@Controller
public final class IndexPage {

    private final Agent agent;

    public IndexPage(Agent agent) {
        this.agent = agent;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    public String index() {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
                <title>Furrow agent %s</title>
                <style>body{font-family:sans-serif;margin:2em}td,th{padding:.2em .8em;text-align:left}
                th{background:#eee}</style></head><body>
                <h1>Furrow render-agent on %s</h1>
                <table>
                """.formatted(escape(agent.facts().hostname()), escape(agent.facts().hostname())));
        row(html, "state", agent.state().wireName());
        row(html, "agent id", agent.agentId().toString());
        row(html, "farm", agent.config().farmName() == null ? "(any)" : agent.config().farmName());
        row(html, "version", Agent.VERSION);
        row(html, "uptime", Duration.between(agent.startedAt(), Instant.now()).toSeconds() + " s");
        row(html, "cpus", Integer.toString(agent.facts().cpus()));
        row(html, "ram", agent.facts().ram() + " MB (" + agent.systemInfo().freeRam() + " MB free)");
        row(html, "master", agent.config().masterApi() == null ? "(none)" : agent.config().masterApi());
        html.append("</table>\n<h2>Tasks</h2>\n");
        if (agent.assignments().runs().isEmpty()) {
            html.append("<p>No tasks: the agent is idle.</p>\n");
        } else {
            html.append("<table><tr><th>task</th><th>frame</th><th>attempt</th><th>job</th><th>job type</th>"
                    + "<th>state</th></tr>\n");
            for (AssignmentRun run : agent.assignments().runs()) {
                Long current = run.current().map(running -> running.task().id()).orElse(null);
                for (AssignTasks.Task task : run.assignment().tasks()) {
                    html.append("<tr><td>").append(task.id()).append("</td><td>").append(FrameRange.format(task.frame()))
                            .append("</td><td>").append(task.attempt()).append("</td><td>")
                            .append(escape(run.assignment().job().id() + " " + run.assignment().job().title()))
                            .append("</td><td>").append(escape(run.assignment().job().jobtype())).append("</td><td>")
                            .append(Long.valueOf(task.id()).equals(current) ? "running" : "assigned").append("</td></tr>\n");
                }
            }
            html.append("</table>\n");
        }
        html.append("""
                <p>API: <a href="/api/v1/status">status</a> · <a href="/api/v1/tasks/">tasks</a> ·
                <a href="/api/v1/config">config</a> · <a href="/api/v1/versions/">versions</a></p>
                </body></html>
                """);
        return html.toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
