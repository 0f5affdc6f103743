package dev.furrow.api.agents;


import java.util.ArrayList;
import java.util.List;

/** PyFarm's filters of GET /api/v1/agents/. */
record AgentFilter(Integer minRam, Integer maxRam, Integer minCpus, Integer maxCpus, String hostname,
                   String remoteIp, Integer port) {

    String sql() {
        StringBuilder sql = new StringBuilder("SELECT id, hostname, port, remote_ip, state FROM agents WHERE TRUE");
        if (minRam != null) {
            sql.append(" AND ram >= ?");
        }
        if (maxRam != null) {
            sql.append(" AND ram <= ?");
        }
        if (minCpus != null) {
            sql.append(" AND cpus >= ?");
        }
        if (maxCpus != null) {
            sql.append(" AND cpus <= ?");
        }
        if (hostname != null) {
            sql.append(" AND hostname = ?");
        }
        if (remoteIp != null) {
            sql.append(" AND remote_ip = ?");
        }
        if (port != null) {
            sql.append(" AND port = ?");
        }
        return sql.append(" ORDER BY hostname, id").toString();
    }

    Object[] params() {
        List<Object> params = new ArrayList<>();
        for (Object value : new Object[]{minRam, maxRam, minCpus, maxCpus, hostname, remoteIp, port}) {
            if (value != null) {
                params.add(value);
            }
        }
        return params.toArray();
    }
}
