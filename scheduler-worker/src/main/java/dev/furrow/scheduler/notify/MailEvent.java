package dev.furrow.scheduler.notify;

/** What happened to a job that users may ask to be told about (notified_users.on_success/on_failure/on_deletion). */
enum MailEvent {
    SUCCESS("success", "on_success"),
    FAILURE("failure", "on_failure"),
    DELETION("deletion", "on_deletion");

    private final String wireName;
    private final String notifiedUsersColumn;

    MailEvent(String wireName, String notifiedUsersColumn) {
        this.wireName = wireName;
        this.notifiedUsersColumn = notifiedUsersColumn;
    }

    String wireName() {
        return wireName;
    }

    String notifiedUsersColumn() {
        return notifiedUsersColumn;
    }
}
