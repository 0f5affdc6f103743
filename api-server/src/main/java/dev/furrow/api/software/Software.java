package dev.furrow.api.software;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A software item with its versions, lowest rank first. */
@Schema(name = "Software")
public record Software(long id, String software, List<Version> versions) {

    /** A version of a software as lists show it. */
    @Schema(name = "SoftwareVersionSummary")
    public record Version(String version, long id, int rank) {
    }
}
