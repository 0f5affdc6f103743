package dev.furrow.api.agents;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * An agent in PyFarm's JSON form (GET /agents/{id}, and what registering and updating answer).
 *
 * @param ram        MB
 * @param freeRam    MB
 * @param timeOffset seconds
 * @param state      online, running, disabled or offline
 * @param useAddress remote, hostname or passive
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Agent")
public record Agent(
        String id, String hostname, @Nullable String farmName, @Nullable String version, @Nullable String upgradeTo,
        @Nullable String osClass, @Nullable String osFullname, int ram, int freeRam, int cpus,
        @Nullable String cpuName, int port, int timeOffset, double cpuAllocation, double ramAllocation, String state,
        String useAddress, @Nullable String remoteIp, boolean restartRequested, @Nullable String lastHeardFrom,
        @Nullable String lastSuccessOn, @Nullable String notes, List<String> macAddresses, List<Disk> disks,
        List<String> gpus, List<String> tags) {
}
