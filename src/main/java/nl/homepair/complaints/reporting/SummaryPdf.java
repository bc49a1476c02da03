package nl.homepair.complaints.reporting;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import nl.homepair.complaints.text.DutchDates;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * A page template rendered as PDF, for the transparency summary: the same Thymeleaf page as
 * the printable one (with {@code pdf = true}, so its styles are inline), made well-formed by
 * jsoup and laid out by openhtmltopdf with the PDF standard fonts.
 */
@Component
public class SummaryPdf {

    private final TemplateEngine templates;

    public SummaryPdf(TemplateEngine templates) {
        this.templates = templates;
    }

    public byte[] render(String template, Map<String, Object> model) {
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("pdf", true);
        String html = templates.process(template, new Context(DutchDates.DUTCH, variables));
        org.w3c.dom.Document document = new W3CDom().fromJsoup(Jsoup.parse(html));
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withW3cDocument(document, "/");
            builder.toStream(pdf);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf.toByteArray();
    }
}
