package dev.furrow.messages;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON form of messages on the wire. Readers ignore fields they do not know, so writers can add some. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(FarmMessage message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** Decodes a message; throws {@link MalformedMessage} when the bytes are not a message we understand. */
    public static FarmMessage decode(byte[] body) {
        try {
            return MAPPER.readValue(body, FarmMessage.class);
        } catch (IOException e) {
            throw new MalformedMessage("not a Furrow message: " + e.getMessage(), e);
        }
    }

    /** A message body that cannot be read; it will never become readable, so it is parked, not retried. */
    public static final class MalformedMessage extends RuntimeException {
        public MalformedMessage(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
