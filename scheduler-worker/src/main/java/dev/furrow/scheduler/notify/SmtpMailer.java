package dev.furrow.scheduler.notify;

import dev.furrow.scheduler.SchedulerConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/** Hands one plain-text mail to the configured SMTP server (Jakarta Mail). */
final class SmtpMailer {

    private static final int DEFAULT_PORT = 25;
    private static final String TIMEOUT_MILLIS = "10000";

    private final SchedulerConfig.Mail config;
    private final Session session;

    SmtpMailer(SchedulerConfig.Mail config) {
        this.config = config;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", config.smtpServer());
        properties.put("mail.smtp.port", String.valueOf(config.smtpPort() == 0 ? DEFAULT_PORT : config.smtpPort()));
        properties.put("mail.smtp.auth", String.valueOf(!config.smtpUser().isBlank()));
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        this.session = Session.getInstance(properties);
    }

    void send(String recipient, String subject, String body) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(config.from()));
        message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(recipient));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText(body, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        if (config.smtpUser().isBlank()) {
            Transport.send(message);
        } else {
            Transport.send(message, config.smtpUser(), config.smtpPassword());
        }
    }
}
