package dev.furrow.messages;

/**
 * The farm a master serves (PyFarm's farm_name) and which agents it admits: those announcing the same name, or
 * none; a master without a name admits every agent. The api-server applies it to REST registrations, the
 * scheduler-worker to {@link AgentAnnounced}.
 */
public record FarmName(String served) {

    public FarmName {
        served = served == null ? "" : served.trim();
    }

    public boolean admits(String announced) {
        return served.isEmpty() || announced == null || announced.isBlank() || served.equals(announced);
    }
}
