package dev.furrow.scheduler.ingest;

import dev.furrow.messages.amqp.Subscription;
import dev.furrow.scheduler.sql.Sql;
import dev.furrow.scheduler.sql.Transactor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.time.Instant;

/** Keeps a message that cannot be applied in parked_messages, where an admin can look at it. */
@Singleton
public final class ParkMessage implements Subscription.Parking {

    private static final Logger LOG = LoggerFactory.getLogger(ParkMessage.class);

    private final Transactor transactor;

    public ParkMessage(Transactor transactor) {
        this.transactor = transactor;
    }

    @Override
    public void park(String queue, byte[] body, String reason) {
        LOG.error("parking a message from {}: {}", queue, reason);
        transactor.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO parked_messages (queue, body, reason, parked_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, queue);
                s.setBytes(2, body);
                s.setString(3, reason);
                Sql.setInstant(s, 4, Instant.now());
                return s.executeUpdate();
            }
        });
    }
}
