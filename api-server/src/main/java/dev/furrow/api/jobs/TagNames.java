package dev.furrow.api.jobs;

import dev.furrow.api.http.ApiException;

/** PyFarm's tag rule: 1 to 64 characters (models.yml max_tag_length). */
public final class TagNames {

    private static final int MAX_LENGTH = 64;

    private TagNames() {
    }

    public static String check(String tag) {
        if (tag.isBlank() || tag.codePointCount(0, tag.length()) > MAX_LENGTH) {
            throw ApiException.badRequest("a tag must have 1 to " + MAX_LENGTH + " characters: '" + tag + "'");
        }
        return tag;
    }
}
