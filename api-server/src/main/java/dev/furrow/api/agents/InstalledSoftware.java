package dev.furrow.api.agents;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A version of a software marked as installed on an agent: what agents/{id}/software/ lists and accepts.
 *
 * @param software the software's name
 * @param version  the version's name
 */
@Schema(name = "InstalledSoftware")
public record InstalledSoftware(String software,
                                String version) {
}
