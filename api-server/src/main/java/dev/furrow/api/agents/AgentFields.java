package dev.furrow.api.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.furrow.api.http.ApiException;
import dev.furrow.api.http.JsonRequest;
import dev.furrow.api.http.StateNames;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The agent columns a POST may set, validated with PyFarm's ranges (models.yml: ports 1024-65535, 1-256 cpus,
 * 16-262144 MB ram), plus the agent's lists (mac addresses, disks, gpus).
 */
record AgentFields(Map<String, Object> columns, List<String> macAddresses, List<Disk> disks, List<String> gpus,
                   boolean listsGiven) {

    static final Set<String> REQUIRED_ON_CREATE = Set.of("hostname", "port", "cpus", "ram", "free_ram");
    private static final Set<String> USE_ADDRESS = Set.of("remote", "hostname", "passive");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /**
     * The body of POST /agents/ (register or update by id) and POST /agents/{id} (update). Registering needs id,
     * hostname, port, cpus, ram and free_ram; an update names only what changes. remote_ip defaults to the
     * request's address.
     *
     * @param id         a UUID the agent chose
     * @param port       1024-65535
     * @param cpus       1-256
     * @param ram        MB, 16-262144
     * @param freeRam    MB
     * @param state      online, running, disabled or offline
     * @param useAddress remote, hostname or passive
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "AgentRequest")
    record Body(@Nullable String id, @Nullable String hostname, @Nullable Integer port, @Nullable Integer cpus,
                @Nullable Integer ram, @Nullable Integer freeRam, @Nullable String remoteIp, @Nullable String state,
                @Nullable Double cpuAllocation, @Nullable Double ramAllocation, @Nullable String osClass,
                @Nullable String osFullname, @Nullable String cpuName, @Nullable String version,
                @Nullable String upgradeTo, @Nullable String farmName, @Nullable Integer timeOffset,
                @Nullable String useAddress, @Nullable String notes, @Nullable List<String> macAddresses,
                @Nullable List<Disk> disks, @Nullable List<String> gpus) {
    }

    static AgentFields read(JsonRequest body) {
        Map<String, Object> columns = new LinkedHashMap<>();
        body.string("hostname").ifPresent(h -> columns.put("hostname", text("hostname", h, 1, 255)));
        body.integer("port").ifPresent(p -> columns.put("port", range("port", p, 1024, 65535)));
        body.integer("cpus").ifPresent(c -> columns.put("cpus", range("cpus", c, 1, 256)));
        body.integer("ram").ifPresent(r -> columns.put("ram", range("ram", r, 16, 262144)));
        body.integer("free_ram").ifPresent(r -> columns.put("free_ram", range("free_ram", r, 0, 262144)));
        body.string("remote_ip").ifPresent(ip -> columns.put("remote_ip", ip(ip)));
        body.string("state").ifPresent(s -> columns.put("state", StateNames.agent("state", s)));
        body.number("cpu_allocation").ifPresent(a -> columns.put("cpu_allocation", positive("cpu_allocation", a)));
        body.number("ram_allocation").ifPresent(a -> columns.put("ram_allocation", positive("ram_allocation", a)));
        body.string("os_class").ifPresent(s -> columns.put("os_class", text("os_class", s, 0, 16)));
        body.string("os_fullname").ifPresent(s -> columns.put("os_fullname", text("os_fullname", s, 0, 128)));
        body.string("cpu_name").ifPresent(s -> columns.put("cpu_name", text("cpu_name", s, 0, 128)));
        body.string("version").ifPresent(s -> columns.put("version", text("version", s, 0, 32)));
        body.string("upgrade_to").ifPresent(s -> columns.put("upgrade_to", text("upgrade_to", s, 0, 32)));
        body.string("farm_name").ifPresent(s -> columns.put("farm_name", text("farm_name", s, 0, 255)));
        body.integer("time_offset").ifPresent(t -> columns.put("time_offset", range("time_offset", t, -86400, 86400)));
        body.string("use_address").ifPresent(s -> columns.put("use_address", oneOf("use_address", s, USE_ADDRESS)));
        body.string("notes").ifPresent(s -> columns.put("notes", s));
        List<String> macs = new ArrayList<>();
        for (String mac : body.stringList("mac_addresses")) {
            if (!MAC.matcher(mac).matches()) {
                throw ApiException.badRequest("'" + mac + "' is not a MAC address like 00:11:22:aa:bb:cc");
            }
            macs.add(mac.toLowerCase().replace('-', ':'));
        }
        List<Disk> disks = new ArrayList<>();
        for (JsonNode item : body.list("disks")) {
            JsonRequest disk = JsonRequest.element("disks", item, Disk.class);
            disks.add(new Disk(text("mountpoint", disk.string("mountpoint").orElseThrow(), 1, 255),
                    disk.longValue("size").orElseThrow(), disk.longValue("free").orElseThrow()));
        }
        List<String> gpus = new ArrayList<>();
        for (String gpu : body.stringList("gpus")) {
            gpus.add(text("gpus", gpu, 1, 128));
        }
        boolean listsGiven = body.has("mac_addresses") || body.has("disks") || body.has("gpus");
        return new AgentFields(columns, macs, disks, gpus, listsGiven);
    }

    void requireForCreate() {
        for (String name : REQUIRED_ON_CREATE) {
            if (!columns.containsKey(name)) {
                throw ApiException.badRequest("'" + name + "' is required to register a new agent");
            }
        }
    }

    private static String ip(String ip) {
        if (!IPV4.matcher(ip).matches() && !(ip.contains(":") && IPV6.matcher(ip).matches())) {
            throw ApiException.badRequest("remote_ip '" + ip + "' is not an IPv4 or IPv6 address");
        }
        return ip;
    }

    private static String text(String name, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw ApiException.badRequest(name + " must have " + min + " to " + max + " characters");
        }
        return value;
    }

    private static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw ApiException.badRequest(name + " (" + value + ") must be between " + min + " and " + max);
        }
        return value;
    }

    private static double positive(String name, double value) {
        if (!(value > 0 && value <= 100)) {
            throw ApiException.badRequest(name + " (" + value + ") must be greater than 0");
        }
        return value;
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw ApiException.badRequest(name + " must be one of " + allowed + ", not '" + value + "'");
        }
        return value;
    }
}
