package nl.homepair.complaints.text;

/**
 * Makes text that a complainant typed safe to show in a Camunda Form text view, which
 * renders Markdown and strips HTML: HTML is escaped (so "&lt;b&gt;" is shown, not
 * dropped with its content) and Markdown syntax is backslash-escaped, so that what the
 * handler reads is exactly what was sent. Line breaks are kept.
 */
public final class MarkdownText {

    private static final String SPECIAL = "\\`*_{}[]()#+-.!|~>";

    private MarkdownText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '"' -> out.append("&quot;");
                case '\r' -> { }
                case '\n' -> out.append("  \n");
                default -> {
                    if (SPECIAL.indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
