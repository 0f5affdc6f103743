package dev.furrow.api;

import java.util.List;

/**
 * The HTTP routing table of PyFarm 0.8.7's master API (spec chapter 3, "HTTP Routing Table"), one entry per method
 * and path, with path parameters written as {name}. A script written against PyFarm uses exactly these.
 */
final class PyFarmRoutes {

    /** One route: a method and a path template under /api/v1. */
    record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Route> ALL = List.of(
            route("GET", "/api/v1/agents/"), route("POST", "/api/v1/agents/"),
            route("GET", "/api/v1/agents/schema"),
            route("GET", "/api/v1/agents/{agent_id}"), route("POST", "/api/v1/agents/{agent_id}"),
            route("DELETE", "/api/v1/agents/{agent_id}"),
            route("GET", "/api/v1/agents/{agent_id}/software/"), route("POST", "/api/v1/agents/{agent_id}/software/"),
            route("DELETE", "/api/v1/agents/{agent_id}/software/{software}/versions/{version}"),
            route("GET", "/api/v1/agents/{agent_id}/tasks/"), route("POST", "/api/v1/agents/{agent_id}/tasks/"),
            route("GET", "/api/v1/agents/updates/{version}"), route("PUT", "/api/v1/agents/updates/{version}"),

            route("GET", "/api/v1/jobgroups/"), route("POST", "/api/v1/jobgroups/"),
            route("GET", "/api/v1/jobgroups/schema"),
            route("GET", "/api/v1/jobgroups/{id}"), route("POST", "/api/v1/jobgroups/{id}"),
            route("DELETE", "/api/v1/jobgroups/{id}"),
            route("GET", "/api/v1/jobgroups/{id}/jobs"),

            route("GET", "/api/v1/jobqueues/"), route("POST", "/api/v1/jobqueues/"),
            route("GET", "/api/v1/jobqueues/schema"),
            route("GET", "/api/v1/jobqueues/{queue}"), route("POST", "/api/v1/jobqueues/{queue}"),
            route("DELETE", "/api/v1/jobqueues/{queue}"),

            route("GET", "/api/v1/jobs/"), route("POST", "/api/v1/jobs/"),
            route("GET", "/api/v1/jobs/schema"),
            route("GET", "/api/v1/jobs/{job}"), route("POST", "/api/v1/jobs/{job}"), route("DELETE", "/api/v1/jobs/{job}"),
            route("GET", "/api/v1/jobs/{job}/notified_users/"), route("POST", "/api/v1/jobs/{job}/notified_users/"),
            route("DELETE", "/api/v1/jobs/{job}/notified_users/{username}"),
            route("GET", "/api/v1/jobs/{job}/tasks/"),
            route("GET", "/api/v1/jobs/{job}/tasks/{task_id}"), route("POST", "/api/v1/jobs/{job}/tasks/{task_id}"),
            route("GET", "/api/v1/jobs/{job}/tasks/{task_id}/failed_on_agents/"),
            route("POST", "/api/v1/jobs/{job}/tasks/{task_id}/failed_on_agents/"),
            route("DELETE", "/api/v1/jobs/{job}/tasks/{task_id}/failed_on_agents/{agent_id}"),
            route("GET", "/api/v1/jobs/{job}/tasks/{task_id}/attempts/{attempt}/logs/"),
            route("POST", "/api/v1/jobs/{job}/tasks/{task_id}/attempts/{attempt}/logs/"),
            route("GET", "/api/v1/jobs/{job}/tasks/{task_id}/attempts/{attempt}/logs/{log_identifier}"),
            route("POST", "/api/v1/jobs/{job}/tasks/{task_id}/attempts/{attempt}/logs/{log_identifier}"),
            route("GET", "/api/v1/jobs/{job}/tasks/{task_id}/attempts/{attempt}/logs/{log_identifier}/logfile"),
            route("PUT", "/api/v1/jobs/{job}/tasks/{task_id}/attempts/{attempt}/logs/{log_identifier}/logfile"),

            route("GET", "/api/v1/jobtypes/"), route("POST", "/api/v1/jobtypes/"),
            route("GET", "/api/v1/jobtypes/schema"),
            route("GET", "/api/v1/jobtypes/{jobtype}"), route("PUT", "/api/v1/jobtypes/{jobtype}"),
            route("DELETE", "/api/v1/jobtypes/{jobtype}"),
            route("GET", "/api/v1/jobtypes/{jobtype}/versions/"),
            route("GET", "/api/v1/jobtypes/{jobtype}/versions/{version}"),
            route("DELETE", "/api/v1/jobtypes/{jobtype}/versions/{version}"),
            route("GET", "/api/v1/jobtypes/{jobtype}/versions/{version}/code"),
            route("GET", "/api/v1/jobtypes/{jobtype}/software_requirements/"),
            route("POST", "/api/v1/jobtypes/{jobtype}/software_requirements/"),
            route("GET", "/api/v1/jobtypes/{jobtype}/software_requirements/{software}"),
            route("DELETE", "/api/v1/jobtypes/{jobtype}/software_requirements/{software}"),

            route("GET", "/api/v1/pathmaps/"), route("POST", "/api/v1/pathmaps/"),
            route("GET", "/api/v1/pathmaps/schema"),
            route("GET", "/api/v1/pathmaps/{pathmap_id}"), route("POST", "/api/v1/pathmaps/{pathmap_id}"),
            route("DELETE", "/api/v1/pathmaps/{pathmap_id}"),

            route("GET", "/api/v1/software/"), route("POST", "/api/v1/software/"),
            route("GET", "/api/v1/software/schema"),
            route("GET", "/api/v1/software/{software}"), route("PUT", "/api/v1/software/{software}"),
            route("DELETE", "/api/v1/software/{software}"),
            route("GET", "/api/v1/software/{software}/versions/"), route("POST", "/api/v1/software/{software}/versions/"),
            route("GET", "/api/v1/software/{software}/versions/{version}"),
            route("DELETE", "/api/v1/software/{software}/versions/{version}"),
            route("GET", "/api/v1/software/{software}/versions/{version}/code"),

            route("GET", "/api/v1/tags/"), route("POST", "/api/v1/tags/"),
            route("GET", "/api/v1/tags/schema/"),
            route("GET", "/api/v1/tags/{tag}"), route("PUT", "/api/v1/tags/{tag}"), route("DELETE", "/api/v1/tags/{tag}"),
            route("GET", "/api/v1/tags/{tag}/agents/"), route("POST", "/api/v1/tags/{tag}/agents/"));

    private PyFarmRoutes() {
    }

    private static Route route(String method, String path) {
        return new Route(method, path);
    }
}
