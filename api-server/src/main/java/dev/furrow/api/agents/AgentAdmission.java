package dev.furrow.api.agents;

import dev.furrow.api.http.ApiException;
import dev.furrow.messages.FarmName;

/**
 * Whether this master accepts an agent's registration: PyFarm's allow_agents_from_loopback rule, and the farm
 * name when this master serves a named farm.
 */
record AgentAdmission(boolean allowLoopback, String farmName) {

    void check(String remoteIp, String agentFarm) {
        if (!allowLoopback && remoteIp != null && isLoopback(remoteIp)) {
            throw ApiException.badRequest("agents on a loopback address (" + remoteIp + ") are not allowed; "
                    + "set FURROW_ALLOW_AGENTS_FROM_LOOPBACK=true for a farm on one machine");
        }
        if (!new FarmName(farmName).admits(agentFarm)) {
            throw ApiException.badRequest("this master serves farm '" + farmName + "', not '" + agentFarm + "'");
        }
    }

    static boolean isLoopback(String ip) {
        return ip.startsWith("127.") || ip.equals("::1") || ip.equals("0:0:0:0:0:0:0:1");
    }
}
