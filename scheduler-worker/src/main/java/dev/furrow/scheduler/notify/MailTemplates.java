package dev.furrow.scheduler.notify;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders notification subjects and bodies written in Jinja syntax (PyFarm's templates) with Jinjava. */
final class MailTemplates {

    // PyFarm formats its deletion subject with str.format ("Job {job_title} deleted"); those single-brace
    // placeholders are substituted before Jinja sees the text, so PyFarm's defaults render as written.
    private static final Pattern FORMAT_PLACEHOLDER = Pattern.compile("(?<!\\{)\\{(job_title|job_id|jobtype_name)}(?!})");

    private final Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(false).build());

    String render(String template, Map<String, Object> context) {
        Matcher m = FORMAT_PLACEHOLDER.matcher(template);
        String formatted = m.replaceAll(r -> Matcher.quoteReplacement(String.valueOf(context.get(r.group(1)))));
        RenderResult result = jinjava.renderForResult(formatted, context);
        var fatal = result.getErrors().stream().filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
        if (!fatal.isEmpty()) {
            throw new IllegalArgumentException("mail template cannot be rendered: " + fatal.stream()
                    .map(TemplateError::getMessage).collect(Collectors.joining("; "))
                    + "; fix the job type's template or furrow.mail.templates.*");
        }
        return result.getOutput();
    }
}
